package sqldb_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// OPS04 (observability) has five HIGH best practices and no MEDIUM one: NONE when all five
// are selected, HIGH otherwise. OPS01 (priorities) has four HIGH and two MEDIUM ones.
var (
	ops04All = []string{"ops_observability_identify_kpis", "ops_observability_application_telemetry",
		"ops_observability_customer_telemetry", "ops_observability_dependency_telemetry", "ops_observability_dist_trace"}
	ops01High = []string{"ops_priorities_ext_cust_needs", "ops_priorities_int_cust_needs",
		"ops_priorities_governance_reqs", "ops_priorities_compliance_reqs"}
)

func TestAnswerRiskAndRollups(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w := e.newWorkload(t, e.owner, "risky")
		if a := e.selectChoices(t, e.owner, w.ID, "observability", ops04All...); a.Risk != lens.RiskNone {
			t.Fatalf("all OPS04 practices: risk %s, want NONE", a.Risk)
		}
		if a := e.selectChoices(t, e.owner, w.ID, "priorities", ops01High...); a.Risk != lens.RiskMedium {
			t.Fatalf("OPS01 HIGH practices only: risk %s, want MEDIUM", a.Risk)
		}
		if a := e.selectChoices(t, e.owner, w.ID, "ops-model", "ops_ops_model_no"); a.Risk != lens.RiskHigh {
			t.Fatalf("None of these: risk %s, want HIGH", a.Risk)
		}
		f := false
		reason := wellops.ReasonOutOfScope
		na, err := e.db.UpdateAnswer(e.owner, w.ID, "wellarchitected", "org-culture", wellops.AnswerUpdate{IsApplicable: &f, Reason: &reason})
		ok(t, err)
		if na.Risk != lens.RiskNotApplicable || na.Reason != reason {
			t.Fatalf("not applicable question: risk %s reason %q", na.Risk, na.Reason)
		}
		want := wellops.RiskCounts{High: 1, Medium: 1, None: 1, NotApplicable: 1, Unanswered: 7}
		got := must[*wellops.Workload](t)(e.db.GetWorkload(e.owner, w.ID, 0))
		if got.RiskCounts != want {
			t.Fatalf("workload roll-up = %+v, want %+v", got.RiskCounts, want)
		}
		r := must[*wellops.LensReview](t)(e.db.GetLensReview(e.owner, w.ID, "wellarchitected", 0, ""))
		if r.RiskCounts != want || len(r.Pillars) != 1 || r.Pillars[0].RiskCounts != want {
			t.Fatalf("lens review roll-up = %+v / %+v", r.RiskCounts, r.Pillars)
		}
		if raw := rawRollups(t, e.dsn, w.ID); raw != want {
			t.Fatalf("answers table says %+v", raw)
		}
		if got.ReviewedAt.IsZero() {
			t.Fatal("ReviewedAt not set after answering")
		}
	})
}

func TestChoiceNotApplicableCountsAsUnselected(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w := e.newWorkload(t, e.owner, "na-choice")
		e.selectChoices(t, e.owner, w.ID, "observability", ops04All...)
		a, err := e.db.UpdateAnswer(e.owner, w.ID, "wellarchitected", "observability", wellops.AnswerUpdate{
			ChoiceUpdates: map[string]wellops.ChoiceUpdate{"ops_observability_dist_trace": {Status: wellops.ChoiceNotApplicable,
				Reason: wellops.ReasonArchitectureConstraints, Notes: "single process, nothing to trace"}}})
		ok(t, err)
		if a.Risk != lens.RiskHigh {
			t.Fatalf("risk with a HIGH practice marked not applicable = %s, want HIGH", a.Risk)
		}
		st := a.ChoiceStatuses(a.Question)
		var found bool
		for _, c := range st {
			if c.ChoiceID == "ops_observability_dist_trace" {
				found = c.Status == wellops.ChoiceNotApplicable && c.Notes == "single process, nothing to trace"
			}
		}
		if !found || len(a.SelectedChoices) != 4 {
			t.Fatalf("choice statuses %+v selected %v", st, a.SelectedChoices)
		}
	})
}

func TestNoneOfTheseIsExclusive(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w := e.newWorkload(t, e.owner, "exclusive")
		a := e.selectChoices(t, e.owner, w.ID, "observability", "ops_observability_identify_kpis", "ops_telemetry_no")
		if len(a.SelectedChoices) != 1 || a.SelectedChoices[0] != "ops_telemetry_no" || a.Risk != lens.RiskHigh {
			t.Fatalf("selected %v risk %s", a.SelectedChoices, a.Risk)
		}
	})
}

func TestBadAnswersChangeNothing(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w := e.newWorkload(t, e.owner, "strict")
		e.selectChoices(t, e.owner, w.ID, "observability", ops04All...)
		long := strings.Repeat("x", 2085)
		cases := []struct {
			name  string
			q     string
			u     wellops.AnswerUpdate
			code  string
			field string
		}{
			{"unknown choice", "observability", wellops.AnswerUpdate{SelectedChoices: &[]string{"nope"}}, wellops.EINVALID, "SelectedChoices"},
			{"choice of another question", "observability", wellops.AnswerUpdate{SelectedChoices: &[]string{"ops_priorities_ext_cust_needs"}}, wellops.EINVALID, "SelectedChoices"},
			{"notes too long", "observability", wellops.AnswerUpdate{Notes: &long}, wellops.EINVALID, "Notes"},
			{"choice notes too long", "observability", wellops.AnswerUpdate{ChoiceUpdates: map[string]wellops.ChoiceUpdate{
				"ops_observability_dist_trace": {Status: "SELECTED", Notes: long[:251]}}}, wellops.EINVALID, "ChoiceUpdates.ops_observability_dist_trace.Notes"},
			{"bad reason", "observability", wellops.AnswerUpdate{Reason: &long}, wellops.EINVALID, "Reason"},
			{"unknown question", "nope", wellops.AnswerUpdate{}, wellops.ENOTFOUND, ""},
		}
		for _, c := range cases {
			_, err := e.db.UpdateAnswer(e.owner, w.ID, "wellarchitected", c.q, c.u)
			if c.field != "" {
				wantField(t, err, c.field)
			} else {
				wantCode(t, err, c.code)
			}
		}
		a := must[*wellops.Answer](t)(e.db.GetAnswer(e.owner, w.ID, "wellarchitected", "observability", 0, ""))
		if len(a.SelectedChoices) != 5 || a.Notes != "" || a.Risk != lens.RiskNone {
			t.Fatalf("answer changed by rejected updates: %+v", a)
		}
		audit, _, err := e.db.ListAudit(e.owner, w.ID, wellops.Page{})
		ok(t, err)
		if len(audit) != 2 { // CreateWorkload and the one good UpdateAnswer
			t.Fatalf("audit has %d events, want 2", len(audit))
		}
	})
}

func TestAuditRecordsWhoWhenWhatBeforeAfter(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w := e.newWorkload(t, e.owner, "audited")
		e.selectChoices(t, e.colleague, w.ID, "observability", "ops_observability_identify_kpis")
		ev, _, err := e.db.ListAudit(e.owner, w.ID, wellops.Page{Limit: 1})
		ok(t, err)
		got := ev[0]
		if got.Action != "UpdateAnswer" || got.Actor != "arn:aws:iam::111111111111:user/bob" || got.Target != "wellarchitected/observability" ||
			!strings.Contains(got.Before, `"Risk":"UNANSWERED"`) || !strings.Contains(got.After, "ops_observability_identify_kpis") || got.At.IsZero() {
			t.Fatalf("audit event = %+v", got)
		}
	})
}

func TestConcurrentAnswersKeepRollupsConsistent(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w1 := e.newWorkload(t, e.owner, "busy-one")
		w2 := e.newWorkload(t, e.owner, "busy-two")
		questions := map[string][]string{
			"observability": ops04All, "priorities": ops01High,
			"ops-model": {"ops_ops_model_def_resource_owners", "ops_ops_model_no"},
		}
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for g := 0; g < 16; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := 0; i < 6; i++ {
					w := []string{w1.ID, w2.ID}[(g+i)%2]
					for q, cs := range questions {
						sel := cs[:1+(g+i)%len(cs)]
						if _, err := e.db.UpdateAnswer(e.owner, w, "wellarchitected", q, wellops.AnswerUpdate{SelectedChoices: &sel}); err != nil {
							errs <- err
							return
						}
					}
				}
			}(g)
		}
		// Readers check, while writers run, that a lens review's pillar counts add up to
		// its total and the total covers every question.
		done := make(chan struct{})
		var rg sync.WaitGroup
		rg.Add(1)
		go func() {
			defer rg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				r, err := e.db.GetLensReview(e.owner, w1.ID, "wellarchitected", 0, "")
				if err != nil {
					errs <- err
					return
				}
				if r.RiskCounts.Total() != 11 || r.Pillars[0].RiskCounts != r.RiskCounts {
					errs <- &wellops.Error{Code: "inconsistent", Message: "reader saw counts that do not add up"}
					return
				}
			}
		}()
		wg.Wait()
		close(done)
		rg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		for _, w := range []string{w1.ID, w2.ID} {
			got := must[*wellops.Workload](t)(e.db.GetWorkload(e.owner, w, 0))
			if raw := rawRollups(t, e.dsn, w); got.RiskCounts != raw || raw.Total() != 11 {
				t.Fatalf("workload %s roll-up %+v, answers say %+v", w, got.RiskCounts, raw)
			}
		}
	})
}
