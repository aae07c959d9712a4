package sqldb_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/sqldb"
)

// The durability test runs a writer in a child process (this test binary, re-executed), reads
// its acknowledgements, kills it with SIGKILL mid-stream and checks that every acknowledged
// update is in the store and the roll-ups agree with the answers.

const childEnv = "WELLOPS_DURABILITY_CHILD"

var durabilityQuestions = []struct{ id, none string }{
	{"priorities", "ops_priorities_no"}, {"observability", "ops_telemetry_no"}, {"dev-integ", "ops_dev_integ_no"},
	{"mit-deploy-risks", "ops_mit_deploy_risks_no"}, {"event-response", "ops_event_response_no"},
}

func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		os.Exit(durabilityChild(spec))
	}
	os.Exit(m.Run())
}

// durabilityChild writes answers forever, printing "ack N" after each commit.
func durabilityChild(spec string) int {
	dsn, workload, _ := strings.Cut(spec, "|")
	ctx := wellops.WithPrincipal(context.Background(), wellops.Principal{UserName: "alice", AccountID: "111111111111"})
	db, err := sqldb.Open(ctx, dsn, sqldb.Options{})
	if err != nil {
		fmt.Println("open:", err)
		return 1
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		q := durabilityQuestions[i%len(durabilityQuestions)]
		notes := strconv.Itoa(i)
		sel := []string{q.none}
		f := i%3 != 0
		u := wellops.AnswerUpdate{Notes: &notes, SelectedChoices: &sel, IsApplicable: &f}
		if _, err := db.UpdateAnswer(ctx, workload, "wellarchitected", q.id, u); err != nil {
			fmt.Println("update:", err)
			return 1
		}
		fmt.Fprintf(out, "ack %d\n", i)
		out.Flush()
	}
}

func TestAcknowledgedAnswersSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	for _, k := range kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			dsn := k.DSN(t)
			e := newEnv(t, dsn, sqldb.Options{})
			w := e.newWorkload(t, e.owner, "durable")
			e.db.Close()

			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), childEnv+"="+dsn+"|"+w.ID)
			stdout, err := cmd.StdoutPipe()
			ok(t, err)
			ok(t, cmd.Start())
			acked := -1
			sc := bufio.NewScanner(stdout)
			deadline := time.Now().Add(60 * time.Second)
			for sc.Scan() && time.Now().Before(deadline) {
				line := sc.Text()
				n, err := strconv.Atoi(strings.TrimPrefix(line, "ack "))
				if err != nil {
					t.Fatalf("child: %s", line)
				}
				acked = n
				if acked >= 300 {
					break
				}
			}
			ok(t, cmd.Process.Signal(syscall.SIGKILL))
			cmd.Wait()
			if acked < 300 {
				t.Fatalf("child acknowledged only %d updates", acked)
			}

			e2 := newEnv(t, dsn, sqldb.Options{})
			for qi, q := range durabilityQuestions {
				last := acked - (acked-qi)%len(durabilityQuestions) // the last acknowledged write of q
				a := must[*wellops.Answer](t)(e2.db.GetAnswer(e2.owner, w.ID, "wellarchitected", q.id, 0, ""))
				got, err := strconv.Atoi(a.Notes)
				ok(t, err)
				// A write after the last ack may have committed before the kill; none may be lost.
				if got < last {
					t.Errorf("%s: stored update %d, but update %d was acknowledged", q.id, got, last)
				}
			}
			got := must[*wellops.Workload](t)(e2.db.GetWorkload(e2.owner, w.ID, 0))
			if raw := rawRollups(t, dsn, w.ID); raw != got.RiskCounts {
				t.Fatalf("roll-up %+v disagrees with answers %+v after the crash", got.RiskCounts, raw)
			}
			t.Logf("%d acknowledged updates before SIGKILL; all present", acked+1)
		})
	}
}
