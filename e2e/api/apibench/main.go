// Command apibench measures GetAnswer and UpdateAnswer on a running wellops server through
// the AWS SDK for Go v2 (SigV4-signed, as real clients are), at several concurrencies, next
// to a bare net/http handler on loopback that answers the same requests with a body of the
// same size, measured in the same run with the same client. bench/api.sh runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/wellops/wellops/e2e/ops/load"
)

func main() {
	url := flag.String("url", "", "wellops server URL")
	akid := flag.String("akid", os.Getenv("AWS_ACCESS_KEY_ID"), "access key ID")
	secret := flag.String("secret", os.Getenv("AWS_SECRET_ACCESS_KEY"), "secret access key")
	dur := flag.Duration("duration", 5*time.Second, "how long each measurement runs")
	conc := flag.String("clients", "1,32", "concurrent clients, comma-separated")
	label := flag.String("store", "sqlite", "store name for the table")
	flag.Parse()
	if err := run(*url, *akid, *secret, *label, *conc, *dur); err != nil {
		fmt.Fprintln(os.Stderr, "apibench:", err)
		os.Exit(1)
	}
}

// client builds an SDK client with the tests' retry policy, counting its retries in retried.
func client(url, akid, secret string, retried *atomic.Int64) *wellarchitected.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 256
	return wellarchitected.New(wellarchitected.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(url), Retryer: load.ClosedConnRetryer(retried),
		Credentials: credentials.NewStaticCredentialsProvider(akid, secret, ""),
		HTTPClient:  &http.Client{Transport: tr},
	})
}

type target struct {
	name string
	c    *wellarchitected.Client
}

func run(url, akid, secret, store, conc string, dur time.Duration) error {
	ctx := context.Background()
	var retried atomic.Int64
	wa := client(url, akid, secret, &retried)
	w, err := wa.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String(fmt.Sprintf("bench %d", time.Now().UnixNano())), Description: aws.String("apibench workload"),
		Environment: types.WorkloadEnvironmentProduction, Lenses: []string{"wellarchitected"}, AwsRegions: []string{"us-east-1"},
		ReviewOwner: aws.String("bench@example.com")})
	if err != nil {
		return err
	}
	id := aws.ToString(w.WorkloadId)
	getIn := &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String("wellarchitected"), QuestionId: aws.String("priorities")}
	ans, err := wa.GetAnswer(ctx, getIn)
	if err != nil {
		return err
	}
	var choices []string
	for _, c := range ans.Answer.Choices {
		choices = append(choices, aws.ToString(c.ChoiceId))
	}
	update := func(c *wellarchitected.Client, i int) error {
		_, err := c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String("wellarchitected"),
			QuestionId: aws.String("priorities"), SelectedChoices: []string{choices[i%2]}, Notes: aws.String("bench " + strconv.Itoa(i))})
		return err
	}

	// The bare handler answers with bodies captured from wellops's own answers.
	getBody, err := rawBody(ctx, wa, func(c *wellarchitected.Client) error { _, err := c.GetAnswer(ctx, getIn); return err })
	if err != nil {
		return err
	}
	updBody, err := rawBody(ctx, wa, func(c *wellarchitected.Client) error { return update(c, 0) })
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	bare := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		body := getBody
		if r.Method == http.MethodPatch {
			body = updBody
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})}
	go bare.Serve(ln)
	defer bare.Close()
	targets := []target{{"wellops " + store, wa}, {"bare net/http", client("http://"+ln.Addr().String(), akid, secret, &retried)}}

	ops := []struct {
		name string
		call func(c *wellarchitected.Client, i int) error
	}{
		{"GetAnswer", func(c *wellarchitected.Client, _ int) error { _, err := c.GetAnswer(ctx, getIn); return err }},
		{"UpdateAnswer", update},
	}
	fmt.Printf("| operation | clients | server | requests/s | p50 ms | p99 ms | errors | vs bare |\n|---|---|---|---|---|---|---|---|\n")
	for _, op := range ops {
		for _, cs := range strings.Split(conc, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(cs))
			if err != nil {
				return err
			}
			var results []result
			for _, tg := range targets {
				r := measure(tg.c, n, dur, op.call)
				results = append(results, r)
			}
			for i, tg := range targets {
				r := results[i]
				fmt.Printf("| %s | %d | %s | %.0f | %.2f | %.2f | %d | %.0f%% |\n", op.name, n, tg.name, r.rps, ms(r.p50), ms(r.p99), r.errors,
					100*r.rps/results[len(results)-1].rps)
			}
		}
	}
	if n := retried.Load(); n > 0 {
		fmt.Fprintf(os.Stderr, "apibench: %d calls retried after the client's transport closed their connection\n", n)
	}
	return nil
}

// rawBody returns the body wellops answered to call, read through a capturing client.
func rawBody(ctx context.Context, c *wellarchitected.Client, call func(*wellarchitected.Client) error) ([]byte, error) {
	var body []byte
	opt := func(o *wellarchitected.Options) {
		o.HTTPClient = captureClient{&body}
	}
	cc := wellarchitected.New(c.Options(), opt)
	if err := call(cc); err != nil {
		return nil, err
	}
	return body, nil
}

type captureClient struct{ body *[]byte }

func (c captureClient) Do(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	*c.body = b
	resp.Body = io.NopCloser(strings.NewReader(string(b)))
	return resp, err
}

var _ smithyhttp.ClientDo = captureClient{}

type result struct {
	rps      float64
	p50, p99 time.Duration
	errors   int
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// measure runs n clients calling op for dur and returns throughput and latency percentiles.
func measure(c *wellarchitected.Client, n int, dur time.Duration, op func(*wellarchitected.Client, int) error) result {
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	deadline := time.Now().Add(dur)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for i := w; time.Now().Before(deadline); i += n {
				t0 := time.Now()
				if err := op(c, i); err != nil {
					if bad == 0 {
						fmt.Fprintln(os.Stderr, "apibench: first error:", err)
					}
					bad++
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	r := result{rps: float64(len(lat)) / elapsed.Seconds(), errors: errs}
	if len(lat) > 0 {
		r.p50, r.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r
}
