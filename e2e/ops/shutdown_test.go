package ops

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/e2e/ops/load"
)

// TestShutdownFinishesInFlightRequests sends SIGTERM, and then SIGHUP, while a slow client
// is half-way through sending an answer update: the update must complete and be stored,
// new connections must be refused at once, and the process must exit cleanly within its
// shutdown timeout.
func TestShutdownFinishesInFlightRequests(t *testing.T) {
	k := harness.Kinds(t)[0]
	srv := harness.Start(t, k, harness.Options{Env: []string{"WELLOPS_SHUTDOWN_TIMEOUT=10s"}})
	u := srv.NewUser(t, "patient", "")
	wl := newWorkload(t, client(srv, u), "shutdown")
	qs, _ := questions(t, client(srv, u), wl)
	for i, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			if i > 0 {
				srv.Restart(t)
			}
			note := "written while shutting down on " + sig.String()
			body := `{"Notes":"` + note + `"}`
			pr, pw := io.Pipe()
			req, err := http.NewRequest("PATCH", srv.URL+"/workloads/"+wl+"/lensReviews/"+load.Lens+"/answers/"+qs[i], pr)
			if err != nil {
				t.Fatal(err)
			}
			req.ContentLength = int64(len(body))
			req.Header.Set("Content-Type", "application/json")
			sum := sha256.Sum256([]byte(body))
			req.Header.Set("X-Amz-Content-Sha256", hex.EncodeToString(sum[:]))
			if err := v4.NewSigner().SignHTTP(bg, aws.Credentials{AccessKeyID: u.AccessKeyID, SecretAccessKey: u.SecretKey}, req,
				hex.EncodeToString(sum[:]), "wellarchitected", "us-east-1", time.Now()); err != nil {
				t.Fatal(err)
			}
			type result struct {
				status int
				err    error
			}
			res := make(chan result, 1)
			go func() {
				resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
				if err != nil {
					res <- result{0, err}
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				res <- result{resp.StatusCode, nil}
			}()
			pw.Write([]byte(body[:10])) // the request is in flight, its body half sent
			time.Sleep(300 * time.Millisecond)
			signalled := time.Now()
			if err := srv.Signal(sig); err != nil {
				t.Fatal(err)
			}
			addr := strings.TrimPrefix(srv.URL, "http://")
			refused := false
			for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				conn, err := net.DialTimeout("tcp", addr, time.Second)
				if err != nil {
					refused = true
					break
				}
				conn.Close()
			}
			if !refused {
				t.Error("new connections are still accepted 3s after the signal")
			}
			time.Sleep(500 * time.Millisecond)
			pw.Write([]byte(body[10:]))
			pw.Close()
			r := <-res
			if r.err != nil || r.status != 200 {
				t.Fatalf("the request in flight at %s got %d %v, want 200", sig, r.status, r.err)
			}
			select {
			case <-srv.Exited():
			case <-time.After(12 * time.Second):
				t.Fatalf("the server did not exit within its 10s shutdown timeout after %s", sig)
			}
			if code := srv.ExitCode(); code != 0 {
				t.Errorf("exit status %d after %s, want 0:\n%s", code, sig, tail(srv.Log(), 10))
			}
			t.Logf("%s: in-flight request completed, exit %s after the signal", sig, time.Since(signalled).Round(time.Millisecond))
			srv.Restart(t)
			if got := notes(t, client(srv, u), wl, qs[i]); got != note {
				t.Errorf("after %s and a restart the answer holds %q, want %q", sig, got, note)
			}
		})
	}
}
