package ops

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wellops/wellops/e2e/harness"
)

// signed builds a request signed by u with the SDK's signer at the given time.
func signed(t testing.TB, u harness.User, method, url, body string, at time.Time) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	sum := sha256.Sum256([]byte(body))
	if err := v4.NewSigner().SignHTTP(bg, aws.Credentials{AccessKeyID: u.AccessKeyID, SecretAccessKey: u.SecretKey}, req,
		hex.EncodeToString(sum[:]), "wellarchitected", "us-east-1", at); err != nil {
		t.Fatal(err)
	}
	return req
}

// send makes req and returns the status, the error type header and the body.
func send(t testing.TB, req *http.Request) (int, string, string) {
	t.Helper()
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	return resp.StatusCode, resp.Header.Get("x-amzn-ErrorType"), readAll(resp)
}

// TestHostileRequests sends what an attacker or a broken client would: bodies over the
// limit, deeply nested JSON, huge headers, signatures from outside the ±15 minute window.
// Each must be refused with a 4xx in the API's error shape, never a 500, and the server
// must go on serving.
func TestHostileRequests(t *testing.T) {
	srv := harness.Start(t, harness.Kinds(t)[0], harness.Options{Env: []string{"WELLOPS_INSECURE_COOKIES=true"}})
	u := srv.NewUser(t, "mallory", "")
	c := client(srv, u)
	wl := newWorkload(t, c, "target")
	deep := func(n int) string { return `{"Notes":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}` }
	now := time.Now()
	answer := srv.URL + "/workloads/" + wl + "/lensReviews/wellarchitected/answers/"
	tests := []struct {
		name   string
		req    func() *http.Request
		status int
		code   string
	}{
		{"body of 2 MiB", func() *http.Request {
			b := `{"Notes":"` + strings.Repeat("x", 2<<20) + `"}`
			return signed(t, u, "POST", srv.URL+"/workloadsSummaries", b, now)
		}, 400, "ValidationException"},
		{"body of 64 MiB, streamed without a length", func() *http.Request {
			req := signed(t, u, "POST", srv.URL+"/workloadsSummaries", "{}", now)
			req.Body = io.NopCloser(io.LimitReader(zeros{}, 64<<20))
			req.ContentLength = -1
			return req
		}, 400, "ValidationException"},
		{"JSON nested 100,000 deep", func() *http.Request {
			return signed(t, u, "POST", srv.URL+"/workloadsSummaries", deep(100000), now)
		}, 400, "ValidationException"},
		{"JSON nested 10,000 deep in a lens", func() *http.Request {
			b := `{"JSONString":"{\"pillars\":` + strings.Repeat("[", 10000) + `","ClientRequestToken":"x"}`
			return signed(t, u, "PUT", srv.URL+"/importLens", b, now)
		}, 400, "ValidationException"},
		{"answer notes 100,000 deep", func() *http.Request {
			return signed(t, u, "PATCH", answer+"priorities", deep(100000), now)
		}, 400, "ValidationException"},
		{"signed 16 minutes ago (a replay)", func() *http.Request {
			return signed(t, u, "GET", srv.URL+"/workloads/"+wl, "", now.Add(-16*time.Minute))
		}, 403, "InvalidSignatureException"},
		{"signed 16 minutes ahead", func() *http.Request {
			return signed(t, u, "GET", srv.URL+"/workloads/"+wl, "", now.Add(16*time.Minute))
		}, 403, "InvalidSignatureException"},
		{"signed 14 minutes ago (inside the window)", func() *http.Request {
			return signed(t, u, "GET", srv.URL+"/workloads/"+wl, "", now.Add(-14*time.Minute))
		}, 200, ""},
		{"header of 128 KiB", func() *http.Request {
			req := signed(t, u, "GET", srv.URL+"/workloads/"+wl, "", now)
			req.Header.Set("X-Padding", strings.Repeat("p", 128<<10))
			return req
		}, 431, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, code, body := send(t, tt.req())
			if st != tt.status || code != tt.code {
				t.Errorf("got %d %q %.200s, want %d %q", st, code, body, tt.status, tt.code)
			}
			if _, err := c.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &wl}); err != nil {
				t.Fatalf("the server stopped serving after it: %v", err)
			}
		})
	}

	t.Run("UI form of 2 MiB", func(t *testing.T) {
		b := newBrowser(t, srv.URL)
		b.signIn(t, u.Name, u.Password)
		st, body := b.post(t, "/ui/workloads/"+wl, map[string]string{"name": strings.Repeat("x", 2<<20)})
		if st != 413 && st != 400 {
			t.Errorf("a 2 MiB form answered %d %.200s, want 413 or 400", st, body)
		}
		if st, _ := b.get(t, "/ui/workloads/"+wl); st != 200 {
			t.Errorf("the workload page after it: %d", st)
		}
	})
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestSlowClientsAreCut opens a connection that sends its headers a byte at a time and
// never finishes them, and one that sends a body as slowly: with WELLOPS_READ_TIMEOUT=2s
// the server must close both within a few seconds, and serve other clients meanwhile.
func TestSlowClientsAreCut(t *testing.T) {
	srv := harness.Start(t, harness.Kinds(t)[0], harness.Options{Env: []string{"WELLOPS_READ_TIMEOUT=2s"}})
	u := srv.NewUser(t, "patient", "")
	c := client(srv, u)
	addr := strings.TrimPrefix(srv.URL, "http://")
	for _, tt := range []struct{ name, head string }{
		{"headers never finished", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "},
		{"body never finished", "PATCH /workloads/x HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.Write([]byte(tt.head))
			start := time.Now()
			closed := make(chan time.Duration, 1)
			go func() {
				// Trickle a byte every 200 ms until the server closes the connection.
				br := bufio.NewReader(conn)
				go func() {
					for range 100 {
						if _, err := conn.Write([]byte("a")); err != nil {
							return
						}
						time.Sleep(200 * time.Millisecond)
					}
				}()
				io.Copy(io.Discard, br)
				closed <- time.Since(start)
			}()
			// Others are served while the slow client holds its connection.
			if _, err := c.ListWorkloads(bg, &wellarchitected.ListWorkloadsInput{}); err != nil {
				t.Errorf("another client during the slow one: %v", err)
			}
			select {
			case d := <-closed:
				t.Logf("the server closed the slow connection after %s", d.Round(10*time.Millisecond))
				if d > 6*time.Second {
					t.Errorf("the slow connection was held %s with a 2s read timeout", d)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("the server held a connection that never finished its request for 15s")
			}
		})
	}
}
