package ops

import (
	"os"
	"testing"
	"time"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/e2e/ops/load"
)

// TestLoad is the short variant of bench/load.sh, so the load generator and its check of
// acknowledged writes cannot rot: 32 clients for 3 s, 70% reads and 30% answer updates, on
// each store; no call may fail and every question must hold its last acknowledged write.
func TestLoad(t *testing.T) {
	for _, k := range harness.Kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			srv := harness.Start(t, k, harness.Options{})
			u := srv.NewUser(t, "loader", "")
			res, err := load.Run(bg, load.Config{Endpoints: []string{srv.URL}, AccessKeyID: u.AccessKeyID, SecretKey: u.SecretKey,
				Clients: 32, Duration: 3 * time.Second, Workloads: 4, Writes: 0.3})
			if err != nil {
				t.Fatal(err)
			}
			res.Report(os.Stderr, k.Name)
			if n := res.Retried.Load(); n > 0 {
				t.Logf("%d calls retried after the client's transport closed their connection", n)
			}
			if n := res.ErrorCount(); n > 0 {
				t.Errorf("%d calls failed: %v", n, res.Errors)
			}
			if res.AckedWrites() == 0 || len(res.Ops) != 5 {
				t.Fatalf("the load made %d writes and %d kinds of call, want writes and 5 kinds", res.AckedWrites(), len(res.Ops))
			}
			verify(t, client(srv, u), res.Writes, res.Workloads)
		})
	}
}
