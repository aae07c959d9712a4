package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

func TestAnsweringUpdatesTheRiskAtOnce(t *testing.T) {
	e := newEnv(t)
	w := e.workload("payments")
	c := e.signedIn("alice")
	q := "/ui/workloads/" + w.ID + "/review/wellarchitected/priorities"

	// The review starts at the first unanswered question.
	r := c.get("/ui/workloads/" + w.ID + "/review/wellarchitected")
	if r.status != http.StatusSeeOther || r.header.Get("Location") != q {
		t.Fatalf("review start: %d %s", r.status, r.header.Get("Location"))
	}
	c.get(q).want(t, 200, "OPS01", "question 1 of 11", "0 of 11 answered", "Unanswered", "None of these",
		`id="ch-ops_priorities_ext_cust_needs"`, "Helpful resource", "Improvement plan")

	cases := []struct {
		name string
		form url.Values
		risk lens.Risk
		text string
	}{
		{"none of these", url.Values{"choice": {"ops_priorities_no"}}, lens.RiskHigh, "High risk"},
		{"every best practice", url.Values{"choice": {"ops_priorities_ext_cust_needs", "ops_priorities_int_cust_needs",
			"ops_priorities_governance_reqs", "ops_priorities_compliance_reqs", "ops_priorities_eval_threat_landscape", "ops_priorities_eval_tradeoffs"}},
			lens.RiskNone, "No risk"},
		{"question not applicable", url.Values{"notapplicable": {"yes"}, "reason": {"OUT_OF_SCOPE"}, "notes": {"batch only"}},
			lens.RiskNotApplicable, "Not applicable"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := c.post(q, tc.form)
			if r.status != http.StatusSeeOther || r.header.Get("Location") != q+"?done=answer" {
				t.Fatalf("save: %d %s\n%s", r.status, r.header.Get("Location"), clip(r.body))
			}
			a, err := e.db.GetAnswer(e.as("alice"), w.ID, "wellarchitected", "priorities", 0, "")
			if err != nil || a.Risk != tc.risk {
				t.Fatalf("risk = %v (%v), want %v", a.Risk, err, tc.risk)
			}
			page := c.get(q + "?done=answer")
			page.want(t, 200, "Answer saved", `<div id="risk-now" class="risk-now" data-live>`, tc.text, "1 of 11 answered")
		})
	}
	a, _ := e.db.GetAnswer(e.as("alice"), w.ID, "wellarchitected", "priorities", 0, "")
	if a.IsApplicable || a.Reason != "OUT_OF_SCOPE" || a.Notes != "batch only" {
		t.Fatalf("question not applicable not stored: %+v", a)
	}
}

func TestChoiceNotApplicableWithReason(t *testing.T) {
	e := newEnv(t)
	w := e.workload("payments")
	c := e.signedIn("alice")
	q := "/ui/workloads/" + w.ID + "/review/wellarchitected/priorities"
	c.get(q)
	c.post(q, url.Values{"choice": {"ops_priorities_ext_cust_needs", "ops_priorities_compliance_reqs"},
		"na-ops_priorities_compliance_reqs": {"yes"}, "reason-ops_priorities_compliance_reqs": {"BUSINESS_PRIORITIES"}}).want(t, http.StatusSeeOther)
	a, err := e.db.GetAnswer(e.as("alice"), w.ID, "wellarchitected", "priorities", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	ca := a.ChoiceAnswers["ops_priorities_compliance_reqs"]
	if ca.Status != wellops.ChoiceNotApplicable || ca.Reason != "BUSINESS_PRIORITIES" || len(a.SelectedChoices) != 1 {
		t.Fatalf("answer = %+v", a)
	}
	c.get(q).want(t, 200, `id="na-ops_priorities_compliance_reqs" name="na-ops_priorities_compliance_reqs" value="yes" checked`,
		`<option value="BUSINESS_PRIORITIES" selected>`)
	// Taking the mark back and ticking the choice selects it.
	c.post(q, url.Values{"choice": {"ops_priorities_ext_cust_needs", "ops_priorities_compliance_reqs"}}).want(t, http.StatusSeeOther)
	a, _ = e.db.GetAnswer(e.as("alice"), w.ID, "wellarchitected", "priorities", 0, "")
	if len(a.SelectedChoices) != 2 || a.ChoiceAnswers["ops_priorities_compliance_reqs"].Status == wellops.ChoiceNotApplicable {
		t.Fatalf("answer after unmarking = %+v", a)
	}
}

func TestSaveAndNextWalksTheLensThenOpensThePlan(t *testing.T) {
	e := newEnv(t)
	w := e.workload("payments")
	c := e.signedIn("alice")
	base := "/ui/workloads/" + w.ID + "/review/wellarchitected/"
	c.get(base+"priorities").want(t, 200).lacks(t, `rel="prev"`)
	r := c.post(base+"priorities", url.Values{"choice": {"ops_priorities_no"}, "go": {"next"}})
	if r.header.Get("Location") != base+"ops-model" {
		t.Fatalf("next after OPS01 = %s", r.header.Get("Location"))
	}
	c.get(base+"evolve-ops").want(t, 200, "OPS11", `rel="prev"`, "Save and see the plan")
	r = c.post(base+"evolve-ops", url.Values{"choice": {"ops_evolve_ops_no"}, "go": {"next"}})
	if r.header.Get("Location") != "/ui/workloads/"+w.ID+"/improvements/wellarchitected?done=reviewed" {
		t.Fatalf("after the last question: %s", r.header.Get("Location"))
	}
	plan := c.get("/ui/workloads/" + w.ID + "/improvements/wellarchitected?done=reviewed")
	plan.want(t, 200, "How do you determine what your priorities are?", "How do you evolve operations?",
		"Missing best practices (6)", "Improvement steps", `name="status"`)
	// High risks come first, numbered in lens order.
	if strings.Index(plan.body, "OPS01") > strings.Index(plan.body, "OPS11") {
		t.Error("plan not in priority order")
	}
	c.get(base+"no-such-question").want(t, http.StatusNotFound)
}

func TestImprovementStatusIsSetPerItem(t *testing.T) {
	e := newEnv(t)
	w := e.workload("payments")
	c := e.signedIn("alice")
	c.get("/ui/workloads/" + w.ID)
	c.post("/ui/workloads/"+w.ID+"/review/wellarchitected/priorities", url.Values{"choice": {"ops_priorities_no"}})
	r := c.post("/ui/workloads/"+w.ID+"/improvements/wellarchitected/priorities", url.Values{"status": {"IN_PROGRESS"}})
	r.want(t, http.StatusSeeOther)
	c.get("/ui/workloads/"+w.ID+"/improvements/wellarchitected").want(t, 200, `<option value="IN_PROGRESS" selected>`)
	c.post("/ui/workloads/"+w.ID+"/improvements/wellarchitected/priorities", url.Values{"status": {"BOGUS"}}).
		want(t, http.StatusBadRequest, "status")
}

func TestEvidenceIsShownAndSuggestionsAreDecidedNotTicked(t *testing.T) {
	e := newEnv(t)
	s := seed(t, e)
	c := e.signedIn("alice")
	q := "/ui/workloads/" + s.w.ID + "/review/wellarchitected/priorities"
	page := c.get(q)
	page.want(t, 200, "Repository evidence", "4f2a9c1", "docs/policy/governance.md:12", "Change governance",
		"a governance policy file is present", "Suggested by scan", "Accept", "Reject", "20 Nov 2026 05:30 UTC")
	// A suggestion is never pre-ticked.
	page.lacks(t, `value="ops_priorities_governance_reqs" checked`)
	c.post("/ui/workloads/"+s.w.ID+"/suggestions/priorities/ops_priorities_governance_reqs", url.Values{"decision": {"accept"}}).
		want(t, http.StatusSeeOther)
	c.get(q).want(t, 200, `value="ops_priorities_governance_reqs" checked`, "Suggestion accepted")
	// Other questions show the scan but no evidence of their own; an unscanned workload says how to scan.
	c.get("/ui/workloads/"+s.w.ID+"/review/wellarchitected/ops-model").want(t, 200, "found nothing for this question")
	other := e.workload("ledger")
	c.get("/ui/workloads/"+other.ID+"/review/wellarchitected/priorities").want(t, 200, "wellops scan PATH --workload "+other.ID)
}

func TestWorkloadCreateEditAndDelete(t *testing.T) {
	e := newEnv(t)
	c := e.signedIn("alice")
	c.get("/ui/workloads/new")
	// Every problem is shown next to its field, with what was typed kept.
	r := c.post("/ui/workloads", url.Values{"WorkloadName": {"x"}, "Description": {"kept text"}, "Environment": {"PRODUCTION"},
		"ReviewOwner": {"alice"}, "AccountIds": {"12"}})
	r.want(t, http.StatusBadRequest, `id="err-WorkloadName"`, `id="err-AccountIds"`, "kept text", `aria-invalid="true"`)
	r = c.post("/ui/workloads", url.Values{"WorkloadName": {"Payments API"}, "Description": {"card payments"},
		"Environment": {"PREPRODUCTION"}, "ReviewOwner": {"alice"}, "AwsRegions": {"ap-northeast-2, us-east-1"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", r.status, clip(r.body))
	}
	loc := r.header.Get("Location")
	c.get(loc).want(t, 200, "Payments API", "Workload created", "Pre-production", "ap-northeast-2, us-east-1")
	wid := strings.TrimSuffix(strings.TrimPrefix(loc, "/ui/workloads/"), "?done=created")

	// A taken name is a field error, not an error page.
	c.post("/ui/workloads", url.Values{"WorkloadName": {"payments api"}, "Description": {"dup"}, "Environment": {"PRODUCTION"},
		"ReviewOwner": {"alice"}, "AwsRegions": {"us-east-1"}}).want(t, http.StatusBadRequest, `id="err-WorkloadName"`)

	c.get("/ui/workloads/"+wid+"/edit").want(t, 200, `value="Payments API"`)
	c.post("/ui/workloads/"+wid, url.Values{"WorkloadName": {"Payments"}, "Description": {"card payments v2"}, "Environment": {"PRODUCTION"},
		"ReviewOwner": {"alice"}, "AwsRegions": {"us-east-1"}, "ImprovementStatus": {"IN_PROGRESS"}}).want(t, http.StatusSeeOther)
	c.get("/ui/workloads/"+wid).want(t, 200, "card payments v2", "In progress")

	// Deleting needs the box ticked.
	c.post("/ui/workloads/"+wid+"/delete", nil).want(t, http.StatusBadRequest)
	c.post("/ui/workloads/"+wid+"/delete", url.Values{"confirm": {"yes"}}).want(t, http.StatusSeeOther)
	c.get("/ui/workloads/"+wid).want(t, http.StatusNotFound)
}

func TestLensesAddRemoveAndUpgrade(t *testing.T) {
	e := newEnv(t)
	s := seed(t, e)
	c := e.signedIn("alice")
	wid := "/ui/workloads/" + s.w.ID
	c.get(wid).want(t, 200, `<option value="`+s.lens+`">Key hygiene</option>`)
	c.post(wid+"/lenses", url.Values{"lens": {s.lens}}).want(t, http.StatusSeeOther)
	key := s.lens[strings.LastIndex(s.lens, "/")+1:]
	c.get(wid).want(t, 200, "Key hygiene", "1.1", `/review/`+key)
	c.get(wid+"/review/"+key+"/rotate").want(t, 200, "How often do you rotate keys?", "1.1").lacks(t, "Repository evidence")
	c.post(wid+"/lenses/"+key+"/remove", nil).want(t, http.StatusSeeOther)
	c.get(wid).want(t, 200).lacks(t, "/review/"+key)
	// The built-in lens stays.
	c.post(wid+"/lenses/wellarchitected/remove", nil).want(t, http.StatusBadRequest)
}

func TestReportsDownload(t *testing.T) {
	e := newEnv(t)
	s := seed(t, e)
	c := e.signedIn("alice")
	c.get("/ui/workloads/"+s.w.ID).want(t, 200, "format=pdf", "format=md", "Download report")
	r := c.get("/ui/workloads/" + s.w.ID + "/report?lens=wellarchitected&format=pdf&milestone=1")
	r.want(t, 200, "report "+s.w.ID+" wellarchitected pdf en m1")
	if ct := r.header.Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("Content-Type = %q", ct)
	}
	if cd := r.header.Get("Content-Disposition"); cd != `attachment; filename="wellops-payments-m1.pdf"` {
		t.Errorf("Content-Disposition = %q", cd)
	}
	c.lang = "ko"
	c.get("/ui/report?format=json").want(t, 200, "consolidated json ko")
	c.get("/ui/report?format=exe").want(t, http.StatusBadRequest)
	e.signedIn("mallory").get("/ui/workloads/"+s.w.ID+"/report?lens=wellarchitected&format=pdf").want(t, http.StatusNotFound)
}
