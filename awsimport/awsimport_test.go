package awsimport_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/awsimport"
	"github.com/wellops/wellops/lens"
	"github.com/wellops/wellops/sqldb"
)

func store(t *testing.T) (*sqldb.DB, context.Context) {
	db, err := sqldb.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"), sqldb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, wellops.WithPrincipal(context.Background(), wellops.Principal{UserName: "alice", AccountID: "111111111111"})
}

func read(t *testing.T, names ...string) [][]byte {
	var out [][]byte
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func TestLabsExportBecomesAReviewWithMilestones(t *testing.T) {
	db, ctx := store(t)
	b, err := awsimport.Parse(read(t, "labs-export.json")...)
	if err != nil {
		t.Fatal(err)
	}
	res, err := awsimport.Apply(ctx, db, b, awsimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.MilestonesCreated != 1 || res.AnswersApplied != 5 {
		t.Fatalf("result = %+v", res)
	}
	for reason, want := range map[string]int{
		"answers of other pillars":                                           1,
		"choices the built-in lens does not have":                            1,
		"answers of other lenses (serverless)":                               1,
		"lenses other than the Well-Architected Framework lens (serverless)": 1,
	} {
		if res.Skipped[reason] != want {
			t.Errorf("skipped[%q] = %d, want %d (all: %v)", reason, res.Skipped[reason], want, res.Skipped)
		}
	}
	w, err := db.GetWorkload(ctx, res.WorkloadID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if w.Name != "Retail Web Store" || w.Tags["cost-center"] != "retail" || w.AWSRegions[0] != "ap-northeast-2" {
		t.Fatalf("workload = %+v", w)
	}
	want := map[string]lens.Risk{"priorities": lens.RiskMedium, "observability": lens.RiskHigh, "org-culture": lens.RiskNotApplicable, "dev-integ": lens.RiskHigh}
	for q, r := range want {
		a, err := db.GetAnswer(ctx, w.ID, "wellarchitected", q, 0, "")
		if err != nil {
			t.Fatal(err)
		}
		if a.Risk != r {
			t.Errorf("%s: risk %s, want %s", q, a.Risk, r)
		}
	}
	dev, _ := db.GetAnswer(ctx, w.ID, "wellarchitected", "dev-integ", 0, "")
	if dev.ChoiceAnswers["ops_dev_integ_multi_env"].Status != wellops.ChoiceNotApplicable || len(dev.SelectedChoices) != 1 {
		t.Fatalf("dev-integ = %+v", dev)
	}
	m, err := db.GetAnswer(ctx, w.ID, "wellarchitected", "priorities", 1, "")
	if err != nil {
		t.Fatal(err)
	}
	if m.SelectedChoices[0] != "ops_priorities_no" {
		t.Fatalf("milestone 1 answer = %v", m.SelectedChoices)
	}
	ms, _, _ := db.ListMilestones(ctx, w.ID, wellops.Page{})
	if ms[0].Name != "first review (2024-01-05)" {
		t.Fatalf("milestone name = %q", ms[0].Name)
	}
}

func TestCLIOutputsCombine(t *testing.T) {
	db, ctx := store(t)
	b, err := awsimport.Parse(read(t, "list-answers.json", "get-workload.json")...)
	if err != nil {
		t.Fatal(err)
	}
	res, err := awsimport.Apply(ctx, db, b, awsimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w, _ := db.GetWorkload(ctx, res.WorkloadID, 0)
	if w.Environment != wellops.EnvPreproduction || w.RiskCounts.None != 1 || w.RiskCounts.High != 1 {
		t.Fatalf("workload %s risks %+v", w.Environment, w.RiskCounts)
	}
	// Answers alone apply to an existing workload.
	b2, _ := awsimport.Parse(read(t, "list-answers.json")...)
	if _, err := awsimport.Apply(ctx, db, b2, awsimport.Options{}); err == nil {
		t.Fatal("answers without a workload were accepted")
	}
	other, err := db.CreateWorkload(ctx, wellops.NewWorkload{Name: "target", Description: "existing", Environment: "PRODUCTION", AWSRegions: []string{"us-east-1"}, ReviewOwner: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := awsimport.Apply(ctx, db, b2, awsimport.Options{WorkloadID: other.ID}); err != nil {
		t.Fatal(err)
	}
}

func TestFailedImportLeavesNothing(t *testing.T) {
	db, ctx := store(t)
	b, _ := awsimport.Parse(read(t, "labs-export.json")...)
	// Make the milestone fail: a second one with the same name.
	b.Milestones = append(b.Milestones, b.Milestones[0])
	b.Milestones[1].Number = 2
	if _, err := awsimport.Apply(ctx, db, b, awsimport.Options{}); err == nil {
		t.Fatal("duplicate milestone names were accepted")
	}
	n, _ := db.CountWorkloads(ctx, wellops.WorkloadQuery{})
	if n != 0 {
		t.Fatalf("a failed import left %d workloads", n)
	}
}

func TestUnknownFilesAreNamed(t *testing.T) {
	for _, in := range []string{`[]`, `{"Foo": 1}`, `not json`, `{"workload": [], "lenses": []}`} {
		if _, err := awsimport.Parse([]byte(in)); err == nil {
			t.Errorf("Parse(%s) succeeded", in)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, n := range []string{"labs-export.json", "get-workload.json", "list-answers.json"} {
		b, _ := os.ReadFile(filepath.Join("testdata", n))
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		awsimport.Parse(data) // must not panic
	})
}
