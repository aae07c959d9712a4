package ops

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/smithy-go"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/e2e/ops/load"
)

// writeStream runs one writer per target, each updating its own question in sequence until
// ctx ends or, with stopOnError, until its first failure (the server is gone). It returns
// every write with whether it was acknowledged and every error.
func writeStream(ctx context.Context, c *wellarchitected.Client, targets []load.Target, choices map[string][]string, stopOnError bool) (map[load.Target][]load.Write, []error) {
	var mu sync.Mutex
	writes := map[load.Target][]load.Write{}
	var errs []error
	var wg sync.WaitGroup
	for i, tg := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for seq := 0; ctx.Err() == nil; seq++ {
				w := load.Write{Notes: fmt.Sprintf("writer %d seq %d", i, seq), Choices: choices[tg.Question][seq%2 : seq%2+1], Start: time.Now()}
				err := update(c, tg.Workload, tg.Question, w.Notes, w.Choices...)
				w.End, w.Acked = time.Now(), err == nil
				mu.Lock()
				writes[tg] = append(writes[tg], w)
				if err != nil {
					errs = append(errs, err)
				}
				mu.Unlock()
				if err != nil && stopOnError {
					return
				}
			}
		}()
	}
	wg.Wait()
	return writes, errs
}

// targets returns n (workload, question) pairs over two new workloads.
func targets(t *testing.T, c *wellarchitected.Client, n int) ([]load.Target, []string, map[string][]string) {
	t.Helper()
	wls := []string{newWorkload(t, c, "faults one"), newWorkload(t, c, "faults two")}
	qs, choices := questions(t, c, wls[0])
	var ts []load.Target
	for i := range n {
		ts = append(ts, load.Target{Workload: wls[i%2], Question: qs[(i/2)%len(qs)]})
	}
	return ts, wls, choices
}

func acked(writes map[load.Target][]load.Write) int {
	n := 0
	for _, ws := range writes {
		for _, w := range ws {
			if w.Acked {
				n++
			}
		}
	}
	return n
}

// TestKillDuringWrites kills the server with SIGKILL in the middle of a stream of answer
// updates, starts it again on the same database and checks that every acknowledged update
// is there (the one in flight at the kill may or may not be) and that every workload's
// roll-ups still equal a count of its answers.
func TestKillDuringWrites(t *testing.T) {
	for _, k := range harness.Kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			srv := harness.Start(t, k, harness.Options{})
			u := srv.NewUser(t, "writer", "")
			c := client(srv, u)
			ts, wls, choices := targets(t, c, 12)
			ctx, cancel := context.WithTimeout(bg, 30*time.Second)
			defer cancel()
			var writes map[load.Target][]load.Write
			done := make(chan struct{})
			go func() {
				defer close(done)
				writes, _ = writeStream(ctx, c, ts, choices, true)
			}()
			time.Sleep(1500 * time.Millisecond)
			srv.Kill(t)
			<-done
			if ctx.Err() != nil {
				t.Fatal("the writers did not notice the kill")
			}
			if acked(writes) < len(ts) {
				t.Fatalf("only %d writes were acknowledged before the kill", acked(writes))
			}
			srv.Restart(t)
			verify(t, client(srv, u), writes, wls)
			t.Logf("%d acknowledged writes before SIGKILL, all present after the restart", acked(writes))
		})
	}
}

// TestBrokenLensImport imports a lens cut off in the middle and one with a syntax error:
// each is refused with a ValidationException that says where, and no lens is stored.
func TestBrokenLensImport(t *testing.T) {
	k := harness.Kinds(t)[0]
	srv := harness.Start(t, k, harness.Options{})
	u := srv.NewUser(t, "importer", "")
	c := client(srv, u)
	good := `{"schemaVersion":"2021-11-01","name":"Release readiness","description":"Checks",
"pillars":[{"id":"release","name":"Release","questions":[
{"id":"rr_rollback","title":"Can you roll back?","choices":[{"id":"rr_yes","title":"Yes","improvementPlan":{"displayText":"Test it"}},{"id":"rr_no","title":"None of these"}],
"riskRules":[{"condition":"rr_yes","risk":"NO_RISK"},{"condition":"default","risk":"HIGH_RISK"}]}]}]}`
	tests := []struct {
		name, body string
		where      []string // what the message must name, any of them
	}{
		{"truncated", good[:len(good)/2], []string{"line", "offset", "end of"}},
		{"syntax error", strings.Replace(good, `"title":"Yes"`, `"title":"Yes",,`, 1), []string{"line 3", "column"}},
		{"wrong type", strings.Replace(good, `"title":"Can you roll back?"`, `"title":42`, 1), []string{"pillars[0].questions[0].title", "title"}},
		{"binary", "\x00\x01\xff{", []string{"line", "offset", "character"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.ImportLens(bg, &wellarchitected.ImportLensInput{JSONString: aws.String(tt.body), ClientRequestToken: aws.String(tt.name)})
			st, code := status(err)
			if st != 400 || code != "ValidationException" {
				t.Fatalf("got %d %s (%v), want 400 ValidationException", st, code, err)
			}
			found := false
			for _, w := range tt.where {
				found = found || strings.Contains(err.Error(), w)
			}
			if !found {
				t.Errorf("the error does not say where the lens is broken (want one of %q): %v", tt.where, err)
			}
			var ae smithy.APIError
			if errors.As(err, &ae) {
				t.Logf("%s: %s", tt.name, ae.ErrorMessage())
			}
		})
	}
	out, err := c.ListLenses(bg, &wellarchitected.ListLensesInput{LensType: "CUSTOM_SELF"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.LensSummaries) != 0 {
		t.Errorf("broken imports stored %d lenses", len(out.LensSummaries))
	}
	if _, err := c.ImportLens(bg, &wellarchitected.ImportLensInput{JSONString: aws.String(good), ClientRequestToken: aws.String("good")}); err != nil {
		t.Errorf("the whole lens is refused too: %v", err)
	}
}
