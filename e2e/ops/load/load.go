// Package load is the load generator of bench/load.sh and of the short load test in make
// test: clients of the real AWS SDK for Go v2 drive a running wellops server with a mixed
// workload (reads of answers, lens reviews and workloads, and answer updates), every
// acknowledged write is recorded, and Verify then checks that the store holds, for every
// question written, the write that came last.
package load

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// Lens is the lens every load workload reviews: the built-in Operational Excellence lens.
const Lens = "wellarchitected"

// Config says what to run. Endpoints lists one URL per server; client i talks to
// Endpoints[i%len(Endpoints)], so several replicas share the load.
type Config struct {
	Endpoints   []string
	AccessKeyID string
	SecretKey   string
	Clients     int
	Duration    time.Duration
	Workloads   int
	// Writes is the share of UpdateAnswer calls (0.3 for 70% reads, 30% writes).
	Writes float64
	// Timeout bounds one call: a call that takes longer counts as an error, so a hang is
	// seen as one.
	Timeout time.Duration
}

// Client builds the SDK client as a user would, with retries off (see ClosedConnRetryer) so
// that every error the server answers is counted, not hidden by a retry.
func Client(url, akid, secret string, timeout time.Duration) *wellarchitected.Client {
	return client(url, akid, secret, timeout, nil)
}

// ClosedConnRetryer is the retry policy of every SDK client in the tests and benchmarks: no
// retries, but for one error. A read on a connection the client's own transport closed under
// it (net.ErrClosed) is a race inside the client's HTTP stack (aws/aws-sdk-go-v2#2737; seen
// here against a bare net/http handler too), which the SDK's default retryer retries for
// every user; the server may well have answered 200. Such a call is made once more and,
// when retried is not nil, counted there; any other error still fails the call.
func ClosedConnRetryer(retried *atomic.Int64) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = 2
		o.RateLimiter = ratelimit.None
		o.Retryables = []retry.IsErrorRetryable{retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
			if !errors.Is(err, net.ErrClosed) {
				return aws.FalseTernary
			}
			if retried != nil {
				retried.Add(1)
			}
			return aws.TrueTernary
		})}
	})
}

// client is Client, counting in retried the calls ClosedConnRetryer repeats.
func client(url, akid, secret string, timeout time.Duration, retried *atomic.Int64) *wellarchitected.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 256
	return wellarchitected.New(wellarchitected.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(url), Retryer: ClosedConnRetryer(retried),
		Credentials: credentials.NewStaticCredentialsProvider(akid, secret, ""),
		HTTPClient:  &http.Client{Transport: tr, Timeout: timeout},
	})
}

// Target is one question of one workload.
type Target struct{ Workload, Question string }

// Write is one UpdateAnswer call: what it wrote and when it started and ended. Acked says
// whether the server answered success; a failed write may still have been stored.
type Write struct {
	Notes      string
	Choices    []string
	Start, End time.Time
	Acked      bool
}

// Result is what a run did.
type Result struct {
	Elapsed   time.Duration
	Ops       map[string]*OpStats
	Writes    map[Target][]Write
	Workloads []string
	Errors    []string // the first few error messages
	// Retried counts calls repeated after the client's own transport closed the connection
	// under them (see client); every other failure is an error.
	Retried atomic.Int64
}

// OpStats are one operation's latencies and errors.
type OpStats struct {
	Latencies []time.Duration
	Errors    int
}

// Quantile returns the q-quantile (0..1) of the operation's latencies.
func (s *OpStats) Quantile(q float64) time.Duration {
	if len(s.Latencies) == 0 {
		return 0
	}
	l := slices.Clone(s.Latencies)
	slices.Sort(l)
	i := int(q * float64(len(l)-1))
	return l[i]
}

// ErrorCount is the number of failed calls over all operations.
func (r *Result) ErrorCount() int {
	n := 0
	for _, s := range r.Ops {
		n += s.Errors
	}
	return n
}

// AckedWrites is the number of acknowledged UpdateAnswer calls.
func (r *Result) AckedWrites() int {
	n := 0
	for _, ws := range r.Writes {
		for _, w := range ws {
			if w.Acked {
				n++
			}
		}
	}
	return n
}

// Setup creates n workloads with the built-in lens and returns them with the lens's
// questions and each question's choices.
func Setup(ctx context.Context, c *wellarchitected.Client, n int) (workloads []string, choices map[string][]string, err error) {
	stamp := time.Now().UnixNano()
	for i := range n {
		out, err := c.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
			WorkloadName: aws.String(fmt.Sprintf("load %d-%d", stamp, i)), Description: aws.String("load test workload"),
			Environment: types.WorkloadEnvironmentProduction, Lenses: []string{Lens}, AwsRegions: []string{"us-east-1"},
			ReviewOwner: aws.String("load@example.com"), ClientRequestToken: aws.String(fmt.Sprintf("load-%d-%d", stamp, i))})
		if err != nil {
			return nil, nil, fmt.Errorf("create workload: %w", err)
		}
		workloads = append(workloads, aws.ToString(out.WorkloadId))
	}
	choices = map[string][]string{}
	list, err := c.ListAnswers(ctx, &wellarchitected.ListAnswersInput{WorkloadId: &workloads[0], LensAlias: aws.String(Lens), MaxResults: aws.Int32(50)})
	if err != nil {
		return nil, nil, fmt.Errorf("list answers: %w", err)
	}
	for _, a := range list.AnswerSummaries {
		var ids []string
		for _, ch := range a.Choices {
			ids = append(ids, aws.ToString(ch.ChoiceId))
		}
		choices[aws.ToString(a.QuestionId)] = ids
	}
	if len(choices) == 0 {
		return nil, nil, errors.New("the lens has no questions")
	}
	return workloads, choices, nil
}

// Run drives the servers for cfg.Duration and returns what happened. It fails only when
// the set-up fails; errors of the load itself are counted in the result.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	setup := Client(cfg.Endpoints[0], cfg.AccessKeyID, cfg.SecretKey, cfg.Timeout)
	workloads, choices, err := Setup(ctx, setup, cfg.Workloads)
	if err != nil {
		return nil, err
	}
	questions := make([]string, 0, len(choices))
	for q := range choices {
		questions = append(questions, q)
	}
	sort.Strings(questions)

	res := &Result{Ops: map[string]*OpStats{}, Writes: map[Target][]Write{}, Workloads: workloads}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(cfg.Duration)
	for i := range cfg.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := client(cfg.Endpoints[i%len(cfg.Endpoints)], cfg.AccessKeyID, cfg.SecretKey, cfg.Timeout, &res.Retried)
			rng := rand.New(rand.NewPCG(uint64(i), uint64(start.UnixNano())))
			local := map[string]*OpStats{}
			var writes []struct {
				t Target
				w Write
			}
			var errs []string
			for seq := 0; time.Now().Before(deadline); seq++ {
				wl := workloads[rng.IntN(len(workloads))]
				q := questions[rng.IntN(len(questions))]
				op, w, err := step(ctx, c, rng, cfg.Writes, wl, q, choices[q], fmt.Sprintf("load client %d write %d", i, seq))
				st := local[op]
				if st == nil {
					st = &OpStats{}
					local[op] = st
				}
				st.Latencies = append(st.Latencies, w.End.Sub(w.Start))
				if err != nil {
					st.Errors++
					if len(errs) < 3 {
						errs = append(errs, fmt.Sprintf("%s: %v", op, err))
					}
				}
				if op == "UpdateAnswer" {
					w.Acked = err == nil
					writes = append(writes, struct {
						t Target
						w Write
					}{Target{wl, q}, w})
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for op, st := range local {
				if res.Ops[op] == nil {
					res.Ops[op] = &OpStats{}
				}
				res.Ops[op].Latencies = append(res.Ops[op].Latencies, st.Latencies...)
				res.Ops[op].Errors += st.Errors
			}
			for _, x := range writes {
				res.Writes[x.t] = append(res.Writes[x.t], x.w)
			}
			if len(res.Errors) < 10 {
				res.Errors = append(res.Errors, errs...)
			}
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	return res, nil
}

// step makes one call: a write with probability writes, else one of four reads. It
// returns the operation's name and, for a write, what was written.
func step(ctx context.Context, c *wellarchitected.Client, rng *rand.Rand, writes float64, wl, q string, choices []string, note string) (string, Write, error) {
	w := Write{Start: time.Now()}
	var op string
	var err error
	lens := aws.String(Lens)
	if rng.Float64() < writes {
		op = "UpdateAnswer"
		w.Notes, w.Choices = note, pick(rng, choices)
		_, err = c.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{WorkloadId: &wl, LensAlias: lens, QuestionId: &q,
			SelectedChoices: w.Choices, Notes: &w.Notes})
	} else {
		switch rng.IntN(4) {
		case 0:
			op = "GetAnswer"
			_, err = c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &wl, LensAlias: lens, QuestionId: &q})
		case 1:
			op = "GetLensReview"
			_, err = c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &wl, LensAlias: lens})
		case 2:
			op = "ListAnswers"
			_, err = c.ListAnswers(ctx, &wellarchitected.ListAnswersInput{WorkloadId: &wl, LensAlias: lens, MaxResults: aws.Int32(50)})
		default:
			op = "GetWorkload"
			_, err = c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &wl})
		}
	}
	w.End = time.Now()
	return op, w, err
}

// pick chooses what a reviewer might select: the "none of these" choice alone, or a
// random non-empty set of the others.
func pick(rng *rand.Rand, choices []string) []string {
	var none string
	var rest []string
	for _, c := range choices {
		if strings.HasSuffix(c, "_no") {
			none = c
		} else {
			rest = append(rest, c)
		}
	}
	if none != "" && rng.IntN(5) == 0 || len(rest) == 0 {
		return []string{none}
	}
	var out []string
	for _, c := range rest {
		if rng.IntN(2) == 0 {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = rest[:1]
	}
	return out
}

// Candidates are the writes that may have been stored last for one question: every write
// that ended after the last one started (writes that ended before it began are certainly
// older). Failed writes count too, as they may have been stored; when none of the writes
// was acknowledged nothing is required.
func Candidates(ws []Write) []Write {
	var last time.Time
	for _, w := range ws {
		if w.Acked && w.Start.After(last) {
			last = w.Start
		}
	}
	if last.IsZero() {
		return nil
	}
	var out []Write
	for _, w := range ws {
		if !w.End.Before(last) {
			out = append(out, w)
		}
	}
	return out
}

// Verify reads back every question written (through c, which may point at any server on
// the same store) and every workload's lens review, and returns one line per problem: a
// question whose stored answer is not one of its candidates, or roll-ups that differ from
// a count of the answers' risks.
func Verify(ctx context.Context, c *wellarchitected.Client, writes map[Target][]Write, workloads []string) ([]string, error) {
	var problems []string
	for t, ws := range writes {
		cands := Candidates(ws)
		if cands == nil {
			continue
		}
		out, err := c.GetAnswer(ctx, &wellarchitected.GetAnswerInput{WorkloadId: &t.Workload, LensAlias: aws.String(Lens), QuestionId: &t.Question})
		if err != nil {
			return problems, fmt.Errorf("read back %s/%s: %w", t.Workload, t.Question, err)
		}
		got := aws.ToString(out.Answer.Notes)
		gotChoices := slices.Sorted(slices.Values(out.Answer.SelectedChoices))
		ok := false
		for _, w := range cands {
			if w.Notes == got && slices.Equal(slices.Sorted(slices.Values(w.Choices)), gotChoices) {
				ok = true
				break
			}
		}
		if !ok {
			var want []string
			for _, w := range cands {
				want = append(want, fmt.Sprintf("%q %v", w.Notes, w.Choices))
			}
			problems = append(problems, fmt.Sprintf("%s/%s holds %q %v, want one of %s", t.Workload, t.Question, got, gotChoices, strings.Join(want, ", ")))
		}
	}
	for _, wl := range workloads {
		p, err := RollupProblem(ctx, c, wl)
		if err != nil {
			return problems, err
		}
		if p != "" {
			problems = append(problems, p)
		}
	}
	sort.Strings(problems)
	return problems, nil
}

// RollupProblem compares a workload's lens-review and workload risk counts with a count of
// its answers' risks, and describes any difference ("" when they agree).
func RollupProblem(ctx context.Context, c *wellarchitected.Client, wl string) (string, error) {
	lr, err := c.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: &wl, LensAlias: aws.String(Lens)})
	if err != nil {
		return "", fmt.Errorf("read lens review of %s: %w", wl, err)
	}
	want := map[string]int32{}
	var token *string
	for {
		page, err := c.ListAnswers(ctx, &wellarchitected.ListAnswersInput{WorkloadId: &wl, LensAlias: aws.String(Lens), MaxResults: aws.Int32(50), NextToken: token})
		if err != nil {
			return "", fmt.Errorf("list answers of %s: %w", wl, err)
		}
		for _, a := range page.AnswerSummaries {
			want[string(a.Risk)]++
		}
		if token = page.NextToken; token == nil {
			break
		}
	}
	w, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: &wl})
	if err != nil {
		return "", fmt.Errorf("read workload %s: %w", wl, err)
	}
	for name, got := range map[string]map[string]int32{"lens review": lr.LensReview.RiskCounts, "workload": w.Workload.RiskCounts} {
		for _, risk := range []string{"HIGH", "MEDIUM", "NONE", "NOT_APPLICABLE", "UNANSWERED"} {
			if got[risk] != want[risk] {
				return fmt.Sprintf("%s: %s risk counts %v, answers count %v", wl, name, got, want), nil
			}
		}
	}
	return "", nil
}

// Report writes the figures: per operation the calls, rate, p50, p99, max and errors.
func (r *Result) Report(w io.Writer, label string) {
	fmt.Fprintf(w, "| store | operation | calls | calls/s | p50 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|---|---|\n")
	names := make([]string, 0, len(r.Ops))
	all := &OpStats{}
	for n, s := range r.Ops {
		names = append(names, n)
		all.Latencies = append(all.Latencies, s.Latencies...)
		all.Errors += s.Errors
	}
	sort.Strings(names)
	row := func(name string, s *OpStats) {
		fmt.Fprintf(w, "| %s | %s | %d | %.0f | %.1f | %.1f | %.1f | %d |\n", label, name, len(s.Latencies),
			float64(len(s.Latencies))/r.Elapsed.Seconds(), ms(s.Quantile(0.5)), ms(s.Quantile(0.99)), ms(s.Quantile(1)), s.Errors)
	}
	for _, n := range names {
		row(n, r.Ops[n])
	}
	row("all", all)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
