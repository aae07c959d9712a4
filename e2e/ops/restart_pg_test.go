package ops

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/e2e/ops/load"
	"github.com/wellops/wellops/internal/testdb"
)

// outcome is one call made while PostgreSQL went away and came back.
type outcome struct {
	at, took time.Duration // since the start, and how long the call took
	status   int           // HTTP status of an error, 0 for success or no response
	code     string
	err      error
}

// TestPostgresRestartUnderLoad stops PostgreSQL under a mixed load of reads and writes,
// keeps it down for a while and starts it again, without touching wellops. While it is
// down every failing call must fail fast and cleanly, as an InternalServerException (500)
// or a ThrottlingException (429) that an SDK retries, never as a hang, a broken connection
// or a success with wrong data, and /readyz must say not ready. Once it is back, calls
// must succeed again within seconds, /readyz must say ready, and every acknowledged write
// must be there.
func TestPostgresRestartUnderLoad(t *testing.T) {
	pg := newPGCluster(t)
	dsn := testdb.Postgres(t, pg.DSN())
	srv := harness.Start(t, testdb.Kind{Name: "postgres"}, harness.Options{DSN: dsn})
	u := srv.NewUser(t, "survivor", "")
	c := client(srv, u)
	ts, wls, choices := targets(t, c, 8)

	start := time.Now()
	ctx, cancel := context.WithCancel(bg)
	var mu sync.Mutex
	var outcomes []outcome
	record := func(t0 time.Time, err error) {
		st, code := status(err)
		mu.Lock()
		outcomes = append(outcomes, outcome{t0.Sub(start), time.Since(t0), st, code, err})
		mu.Unlock()
	}
	var readers sync.WaitGroup
	for i := range 4 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for ctx.Err() == nil {
				tg := ts[i]
				t0 := time.Now()
				_, err := c.GetAnswer(bg, &wellarchitected.GetAnswerInput{WorkloadId: &tg.Workload, LensAlias: aws.String(load.Lens), QuestionId: &tg.Question})
				record(t0, err)
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	var writes map[load.Target][]load.Write
	var writeErrs []error
	done := make(chan struct{})
	go func() {
		defer close(done)
		writes, writeErrs = writeStream(ctx, c, ts, choices, false)
	}()

	time.Sleep(time.Second)
	pg.Stop(t)
	down := time.Since(start)
	time.Sleep(500 * time.Millisecond)
	if st, body := get(srv.URL + "/readyz"); st != 503 {
		t.Errorf("/readyz while PostgreSQL is down: %d %q, want 503", st, body)
	}
	if st, _ := get(srv.URL + "/healthz"); st != 200 {
		t.Errorf("/healthz while PostgreSQL is down: %d, want 200 (the process is up)", st)
	}
	time.Sleep(1500 * time.Millisecond)
	pg.Start(t)
	up := time.Since(start)
	// Calls must succeed again soon, without a restart of wellops.
	var recovered time.Duration
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if _, err := c.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &wls[0]}); err == nil {
			recovered = time.Since(start)
			break
		}
	}
	if recovered == 0 {
		t.Fatalf("calls still fail 20s after PostgreSQL came back:\n%s", tail(srv.Log(), 20))
	}
	time.Sleep(2 * time.Second) // load after recovery, which must all succeed
	cancel()
	readers.Wait()
	<-done
	for _, err := range writeErrs {
		st, code := status(err)
		mu.Lock()
		outcomes = append(outcomes, outcome{status: st, code: code, err: err, at: -1})
		mu.Unlock()
	}

	var failed, afterRecovery int
	for _, o := range outcomes {
		if o.err == nil {
			continue
		}
		failed++
		if o.at > recovered+time.Second {
			afterRecovery++
			t.Errorf("a call %s after the restart failed: %v", o.at, o.err)
		}
		if !(o.status == 500 && o.code == "InternalServerException" || o.status == 429 && o.code == "ThrottlingException") {
			t.Errorf("a call failed with %d %q, want 500 InternalServerException or 429 ThrottlingException: %v", o.status, o.code, o.err)
		}
		if o.took > 10*time.Second {
			t.Errorf("a call took %s to fail: wellops hung on the missing store", o.took)
		}
		var to interface{ Timeout() bool }
		if errors.As(o.err, &to) && to.Timeout() {
			t.Errorf("a call timed out: %v", o.err)
		}
	}
	for _, ws := range writes {
		for _, w := range ws {
			if !w.Acked && w.Start.Sub(start) > recovered+time.Second {
				t.Errorf("a write %s after the restart failed", w.Start.Sub(start))
			}
		}
	}
	if failed == 0 {
		t.Error("no call failed while PostgreSQL was down: the test did not test")
	}
	if st, body := get(srv.URL + "/readyz"); st != 200 {
		t.Errorf("/readyz after PostgreSQL came back: %d %q", st, body)
	}
	verify(t, c, writes, wls)
	t.Logf("PostgreSQL down at %s, up at %s, calls succeed again at %s; %d calls, %d failed cleanly, %d acknowledged writes all present",
		down.Round(time.Millisecond), up.Round(time.Millisecond), recovered.Round(time.Millisecond), len(outcomes), failed, acked(writes))
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
