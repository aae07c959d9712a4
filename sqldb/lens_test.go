package sqldb_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
	"github.com/wellops/wellops/sqldb"
)

// customLens returns a small valid custom lens; each version edits it.
func customLens(t testing.TB, edit func(l map[string]any)) []byte {
	t.Helper()
	const base = `{"schemaVersion":"2021-11-01","name":"Release readiness","description":"Checks before a release",
	"pillars":[{"id":"release","name":"Release","questions":[
	  {"id":"rr_rollback","title":"Can you roll back?","choices":[
	    {"id":"rr_rollback_tested","title":"Rollback tested","improvementPlan":{"displayText":"Test the rollback"}},
	    {"id":"rr_rollback_auto","title":"Rollback automatic","improvementPlan":{"displayText":"Automate it"}},
	    {"id":"rr_rollback_no","title":"None of these"}],
	   "riskRules":[{"condition":"rr_rollback_tested && rr_rollback_auto","risk":"NO_RISK"},
	                {"condition":"rr_rollback_tested","risk":"MEDIUM_RISK"},{"condition":"default","risk":"HIGH_RISK"}]}]}]}`
	var l map[string]any
	if err := json.Unmarshal([]byte(base), &l); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(l)
	}
	b, _ := json.Marshal(l)
	return b
}

func questions(l map[string]any) []any {
	return l["pillars"].([]any)[0].(map[string]any)["questions"].([]any)
}

func TestCustomLensLifecycle(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		arn := must[string](t)(e.db.ImportLens(e.owner, customLens(t, nil), "", map[string]string{"team": "sre"}))
		w := e.newWorkload(t, e.owner, "uses-custom")
		wantCode(t, e.db.AssociateLenses(e.owner, w.ID, []string{arn}), wellops.EINVALID) // draft only
		must[string](t)(e.db.CreateLensVersion(e.owner, arn, "1.0", true))
		ok(t, e.db.AssociateLenses(e.owner, w.ID, []string{arn}))
		ok(t, e.db.AssociateLenses(e.owner, w.ID, []string{arn})) // a retry changes nothing
		a := must[*wellops.Answer](t)(e.db.UpdateAnswer(e.owner, w.ID, arn, "rr_rollback", wellops.AnswerUpdate{SelectedChoices: &[]string{"rr_rollback_tested"}}))
		if a.Risk != lens.RiskMedium {
			t.Fatalf("risk = %s", a.Risk)
		}
		got := must[*wellops.Workload](t)(e.db.GetWorkload(e.owner, w.ID, 0))
		if got.RiskCounts.Medium != 1 || got.RiskCounts.Total() != 12 || len(got.Lenses) != 2 {
			t.Fatalf("workload with two lenses: %+v lenses %v", got.RiskCounts, got.Lenses)
		}

		// A minor version applies itself and carries answers over.
		must[string](t)(e.db.ImportLens(e.owner, customLens(t, func(l map[string]any) {
			questions(l)[0].(map[string]any)["title"] = "Can you roll back safely?"
		}), arn, nil))
		must[string](t)(e.db.CreateLensVersion(e.owner, arn, "1.1", false))
		r := must[*wellops.LensReview](t)(e.db.GetLensReview(e.owner, w.ID, arn, 0, ""))
		if r.LensVersion != "1.1" || r.LensStatus != wellops.LensCurrent || r.RiskCounts.Medium != 1 {
			t.Fatalf("after minor version: %s %s %+v", r.LensVersion, r.LensStatus, r.RiskCounts)
		}

		// A major version waits for an upgrade and says so.
		must[string](t)(e.db.ImportLens(e.owner, customLens(t, func(l map[string]any) {
			q := questions(l)[0].(map[string]any)
			q["choices"] = append(q["choices"].([]any)[:1], q["choices"].([]any)[2]) // drop rr_rollback_auto
			q["riskRules"] = []any{map[string]any{"condition": "rr_rollback_tested", "risk": "NO_RISK"}, map[string]any{"condition": "default", "risk": "HIGH_RISK"}}
			pl := l["pillars"].([]any)[0].(map[string]any)
			pl["questions"] = append(pl["questions"].([]any), map[string]any{"id": "rr_oncall", "title": "Is someone on call?",
				"choices":   []any{map[string]any{"id": "rr_oncall_yes", "title": "Yes", "improvementPlan": map[string]any{"displayText": "Set up a rota"}}},
				"riskRules": []any{map[string]any{"condition": "rr_oncall_yes", "risk": "NO_RISK"}, map[string]any{"condition": "default", "risk": "HIGH_RISK"}}})
		}), arn, nil))
		must[string](t)(e.db.CreateLensVersion(e.owner, arn, "2.0", true))
		r = must[*wellops.LensReview](t)(e.db.GetLensReview(e.owner, w.ID, arn, 0, ""))
		if r.LensVersion != "1.1" || r.LensStatus != wellops.LensNotCurrent {
			t.Fatalf("after major version: %s %s", r.LensVersion, r.LensStatus)
		}
		notes, _, err := e.db.ListNotifications(e.owner, wellops.NotificationQuery{WorkloadID: w.ID})
		ok(t, err)
		if len(notes) != 1 || notes[0].Type != wellops.NotifyLensUpgraded || notes[0].CurrentVersion != "1.1" || notes[0].LatestVersion != "2.0" {
			t.Fatalf("notifications = %+v", notes)
		}
		diff := must[*wellops.LensDifference](t)(e.db.LensVersionDifference(e.owner, arn, "1.1", "2.0"))
		if len(diff.Pillars) != 1 || len(diff.Pillars[0].Questions) != 2 {
			t.Fatalf("difference = %+v", diff.Pillars)
		}

		wantCode(t, e.db.UpgradeLensReview(e.owner, w.ID, arn, "x"), wellops.EINVALID) // milestone name too short
		ok(t, e.db.UpgradeLensReview(e.owner, w.ID, arn, "before 2.0"))
		r = must[*wellops.LensReview](t)(e.db.GetLensReview(e.owner, w.ID, arn, 0, ""))
		// rr_rollback_tested alone is now NO_RISK; the new question is unanswered.
		if r.LensVersion != "2.0" || r.LensStatus != wellops.LensCurrent || r.RiskCounts.None != 1 || r.RiskCounts.Unanswered != 1 {
			t.Fatalf("after upgrade: %s %s %+v", r.LensVersion, r.LensStatus, r.RiskCounts)
		}
		old := must[*wellops.LensReview](t)(e.db.GetLensReview(e.owner, w.ID, arn, 1, ""))
		if old.LensVersion != "1.1" || old.RiskCounts.Medium != 1 {
			t.Fatalf("milestone saved by the upgrade: %s %+v", old.LensVersion, old.RiskCounts)
		}
		wantCode(t, e.db.UpgradeLensReview(e.owner, w.ID, arn, "again"), wellops.ECONFLICT)

		// Export round-trips through the lens engine.
		out := must[[]byte](t)(e.db.ExportLens(e.owner, arn, "2.0"))
		l, err := lens.Parse(out)
		ok(t, err)
		if len(l.Pillars[0].Questions) != 2 {
			t.Fatalf("exported lens has %d questions", len(l.Pillars[0].Questions))
		}
		tags := must[map[string]string](t)(e.db.ListTags(e.owner, arn))
		if tags["team"] != "sre" {
			t.Fatalf("tags = %v", tags)
		}

		// Deleting the published versions keeps existing reviews but stops new use.
		ok(t, e.db.DeleteLens(e.owner, arn, wellops.LensStatusPublished))
		r = must[*wellops.LensReview](t)(e.db.GetLensReview(e.owner, w.ID, arn, 0, ""))
		if r.LensStatus != wellops.LensDeleted {
			t.Fatalf("status after delete = %s", r.LensStatus)
		}
		w2 := e.newWorkload(t, e.owner, "after-delete")
		wantCode(t, e.db.AssociateLenses(e.owner, w2.ID, []string{arn}), wellops.EINVALID)
		list, _, err := e.db.ListLenses(e.owner, wellops.LensQuery{})
		ok(t, err)
		if len(list) != 1 || list[0].Type != wellops.LensTypeOfficial {
			t.Fatalf("lenses after delete = %+v", list)
		}
	})
}

func TestImportLensReportsEveryProblemWithItsPath(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		bad := customLens(t, func(l map[string]any) {
			q := questions(l)[0].(map[string]any)
			q["riskRules"] = []any{map[string]any{"condition": "rr_rollback_tested && ghost", "risk": "NO_RISK"}}
			q["choices"].([]any)[0].(map[string]any)["helpfulResource"] = map[string]any{"url": "ftp://example.com"}
		})
		_, err := e.db.ImportLens(e.owner, bad, "", nil)
		wantCode(t, err, wellops.EINVALID)
		msg := wellops.ErrorMessage(err)
		for _, want := range []string{"pillars[0].questions[0].riskRules", "ghost", "pillars[0].questions[0].choices[0].helpfulResource"} {
			if !strings.Contains(msg, want) {
				t.Errorf("error does not mention %q:\n%s", want, msg)
			}
		}
		_, err = e.db.ImportLens(e.owner, []byte(`{"schemaVersion": "2021-11-01",`), "", nil)
		wantField(t, err, "JSONString")
		_, err = e.db.ImportLens(e.owner, make([]byte, sqldb.MaxLensBytes+1), "", nil)
		wantField(t, err, "JSONString")
		list, _, err := e.db.ListLenses(e.owner, wellops.LensQuery{Status: wellops.LensStatusDraft})
		ok(t, err)
		if len(list) != 0 {
			t.Fatalf("a rejected import left a lens: %+v", list)
		}
	})
}

func TestPublicLensImportsAndSharing(t *testing.T) {
	data, err := os.ReadFile("../../shared/ref/lenses/aws-samples__custom-lens-wa-hub__custom-lensddb-v1.0.json")
	if err != nil {
		t.Skipf("public lens corpus not available: %v", err)
	}
	each(t, func(t *testing.T, e *testEnv) {
		arn := must[string](t)(e.db.ImportLens(e.owner, data, "", nil))
		must[string](t)(e.db.CreateLensVersion(e.owner, arn, "1", true))
		sh := must[*wellops.Share](t)(e.db.CreateShare(e.owner, wellops.ResLens, arn, "222222222222", ""))
		w := e.newWorkload(t, e.stranger, "stranger-ddb")
		wantCode(t, e.db.AssociateLenses(e.stranger, w.ID, []string{arn}), wellops.ENOTFOUND)
		must[*wellops.Share](t)(e.db.UpdateShareInvitation(e.stranger, sh.ID, wellops.InvitationAccept))
		ok(t, e.db.AssociateLenses(e.stranger, w.ID, []string{arn}))
		_, err := e.db.ExportLens(e.stranger, arn, "")
		wantCode(t, err, wellops.EFORBIDDEN)
		list, _, err := e.db.ListLenses(e.stranger, wellops.LensQuery{Type: wellops.LensTypeShared})
		ok(t, err)
		if len(list) != 1 || list[0].ARN != arn {
			t.Fatalf("shared lenses = %+v", list)
		}
	})
}

func TestCustomLensQuota(t *testing.T) {
	for _, k := range kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			q := wellops.DefaultQuotas()
			q.CustomLensesPerAccount = 1
			e := newEnv(t, k.DSN(t), sqldb.Options{Quotas: q})
			must[string](t)(e.db.ImportLens(e.owner, customLens(t, nil), "", nil))
			_, err := e.db.ImportLens(e.owner, customLens(t, nil), "", nil)
			wantCode(t, err, wellops.EQUOTA)
		})
	}
}
