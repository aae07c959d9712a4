package sqldb_test

import (
	"fmt"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
	"github.com/wellops/wellops/sqldb"
)

func TestMilestonesAreImmutableSnapshots(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w := e.newWorkload(t, e.owner, "snap")
		e.selectChoices(t, e.owner, w.ID, "observability", "ops_telemetry_no")
		n := must[int](t)(e.db.CreateMilestone(e.owner, w.ID, "before fixes"))
		if n != 1 {
			t.Fatalf("first milestone number = %d", n)
		}
		e.selectChoices(t, e.owner, w.ID, "observability", ops04All...)
		notes := "renamed later"
		must[*wellops.Workload](t)(e.db.UpdateWorkload(e.owner, w.ID, wellops.WorkloadUpdate{Notes: &notes}))

		old := must[*wellops.Answer](t)(e.db.GetAnswer(e.owner, w.ID, "wellarchitected", "observability", 1, "ko"))
		if old.Risk != lens.RiskHigh || len(old.SelectedChoices) != 1 {
			t.Fatalf("answer at milestone 1 = %s %v, want the HIGH answer recorded then", old.Risk, old.SelectedChoices)
		}
		if old.Question == nil || old.Question.Title == "" {
			t.Fatal("milestone answer lacks its question text")
		}
		now := must[*wellops.Answer](t)(e.db.GetAnswer(e.owner, w.ID, "wellarchitected", "observability", 0, ""))
		if now.Risk != lens.RiskNone {
			t.Fatalf("current answer risk = %s", now.Risk)
		}
		m := must[*wellops.Milestone](t)(e.db.GetMilestone(e.owner, w.ID, 1))
		if m.Name != "before fixes" || m.Workload.Notes != "" || m.Workload.RiskCounts.High != 1 {
			t.Fatalf("milestone = %+v", m)
		}
		wAt := must[*wellops.Workload](t)(e.db.GetWorkload(e.owner, w.ID, 1))
		if wAt.RiskCounts.High != 1 {
			t.Fatalf("workload at milestone 1: %+v", wAt.RiskCounts)
		}
		r := must[*wellops.LensReview](t)(e.db.GetLensReview(e.owner, w.ID, "wellarchitected", 1, ""))
		if r.RiskCounts.High != 1 || r.RiskCounts.None != 0 {
			t.Fatalf("lens review at milestone 1: %+v", r.RiskCounts)
		}
		imp, _, err := e.db.ListImprovements(e.owner, w.ID, "wellarchitected", 1, wellops.AnswerQuery{})
		ok(t, err)
		if len(imp) != 1 || imp[0].QuestionID != "observability" {
			t.Fatalf("improvements at milestone 1: %+v", imp)
		}
		_, err = e.db.CreateMilestone(e.owner, w.ID, "before fixes")
		wantCode(t, err, wellops.ECONFLICT)
		_, err = e.db.GetWorkload(e.owner, w.ID, 7)
		wantCode(t, err, wellops.ENOTFOUND)
		list, _, err := e.db.ListMilestones(e.owner, w.ID, wellops.Page{})
		ok(t, err)
		if len(list) != 1 || list[0].Workload.RiskCounts.High != 1 || list[0].Name != "before fixes" {
			t.Fatalf("milestones = %+v", list)
		}
	})
}

func TestMilestoneQuota(t *testing.T) {
	for _, k := range kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			e := newEnv(t, k.DSN(t), sqldb.Options{})
			w := e.newWorkload(t, e.owner, "many")
			for i := 1; i <= 100; i++ {
				if _, err := e.db.CreateMilestone(e.owner, w.ID, fmt.Sprintf("milestone %03d", i)); err != nil {
					t.Fatalf("milestone %d: %v", i, err)
				}
			}
			_, err := e.db.CreateMilestone(e.owner, w.ID, "the 101st")
			wantCode(t, err, wellops.EQUOTA)
			list, next, err := e.db.ListMilestones(e.owner, w.ID, wellops.Page{})
			ok(t, err)
			if len(list) != 50 || next == "" {
				t.Fatalf("first page: %d milestones, next %q", len(list), next)
			}
		})
	}
}

func TestImprovementPlanOrder(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w := e.newWorkload(t, e.owner, "plan")
		e.selectChoices(t, e.owner, w.ID, "priorities", ops01High...)                                                                                   // MEDIUM
		e.selectChoices(t, e.owner, w.ID, "dev-integ", "ops_dev_integ_no")                                                                              // HIGH
		e.selectChoices(t, e.owner, w.ID, "observability", "ops_telemetry_no")                                                                          // HIGH, earlier in the lens
		e.selectChoices(t, e.owner, w.ID, "mit-deploy-risks", "ops_mit_deploy_risks_test_val_chg", "ops_mit_deploy_risks_plan_for_unsucessful_changes") // MEDIUM
		items, _, err := e.db.ListImprovements(e.owner, w.ID, "wellarchitected", 0, wellops.AnswerQuery{})
		ok(t, err)
		var got []string
		for _, it := range items {
			got = append(got, fmt.Sprintf("%s:%s", it.Risk, it.QuestionID))
		}
		want := []string{"HIGH:observability", "HIGH:dev-integ", "MEDIUM:priorities", "MEDIUM:mit-deploy-risks"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("plan order = %v, want %v", got, want)
		}
		// Within an item, missing HIGH practices come before MEDIUM and LOW ones.
		dev := items[1]
		if dev.Missing[0].BestPractice.Risk != lens.RiskHigh || dev.Missing[len(dev.Missing)-1].BestPractice.Risk != lens.RiskLow {
			t.Fatalf("missing practices not ordered by risk: first %s last %s", dev.Missing[0].BestPractice.Risk, dev.Missing[len(dev.Missing)-1].BestPractice.Risk)
		}
		if dev.Missing[0].ImprovementPlan == nil || dev.Missing[0].ImprovementPlan.DisplayText == "" {
			t.Fatal("missing practice has no improvement plan text")
		}
		for _, c := range items[2].Missing {
			if c.ID == "ops_priorities_ext_cust_needs" {
				t.Fatal("a selected practice is listed as missing")
			}
		}
		ok(t, e.db.SetImprovementStatus(e.owner, w.ID, "wellarchitected", "observability", wellops.ImprovementInProgress))
		items, _, err = e.db.ListImprovements(e.owner, w.ID, "wellarchitected", 0, wellops.AnswerQuery{})
		ok(t, err)
		if items[0].Status != wellops.ImprovementInProgress {
			t.Fatalf("status = %s", items[0].Status)
		}
	})
}
