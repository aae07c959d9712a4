package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wellops/wellops"
)

// seeded is a workload with some answers, a milestone, evidence and a custom lens, so every
// page has something to show.
type seeded struct {
	w    *wellops.Workload
	lens string // the custom lens's ARN
}

func seed(t testing.TB, e *env) seeded {
	t.Helper()
	alice := e.as("alice")
	w := e.workload("payments")
	sel := func(q string, ids ...string) {
		if _, err := e.db.UpdateAnswer(alice, w.ID, "wellarchitected", q, wellops.AnswerUpdate{SelectedChoices: &ids}); err != nil {
			t.Fatal(err)
		}
	}
	sel("priorities", "ops_priorities_no")
	if _, err := e.db.CreateMilestone(alice, w.ID, "before the workshop"); err != nil {
		t.Fatal(err)
	}
	sel("priorities", "ops_priorities_ext_cust_needs", "ops_priorities_int_cust_needs")
	sel("ops-model", "ops_ops_model_no")
	if err := e.db.PutEvidence(alice, wellops.EvidenceScan{WorkloadID: w.ID, Commit: "4f2a9c1", Root: "/src/payments",
		ScannedAt: time.Date(2026, 11, 20, 5, 30, 0, 0, time.UTC),
		Practices: []wellops.PracticeEvidence{{BestPracticeID: "OPS01-BP03", QuestionID: "priorities",
			ChoiceID: "ops_priorities_governance_reqs", Status: wellops.EvidenceFound, Confidence: "high",
			Summary: "a governance policy file is present", SummaryKo: "거버넌스 정책 파일이 있음",
			Items: []wellops.EvidenceItem{{Check: "docs.policy", Path: "docs/policy/governance.md", Line: 12, Text: "## Change governance"}}}}}); err != nil {
		t.Fatal(err)
	}
	arn, err := e.db.ImportLens(alice, []byte(customLens), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.CreateLensVersion(alice, arn, "1.0", false); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.ImportLens(alice, []byte(strings.Replace(customLens, "Do you rotate keys?", "How often do you rotate keys?", 1)), arn, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.CreateLensVersion(alice, arn, "1.1", false); err != nil {
		t.Fatal(err)
	}
	return seeded{w: w, lens: arn}
}

const customLens = `{"schemaVersion":"2021-11-01","name":"Key hygiene","description":"Keys and secrets",
"pillars":[{"id":"keys","name":"Keys","questions":[{"id":"rotate","title":"Do you rotate keys?","description":"Rotation.",
"choices":[{"id":"rotate_auto","title":"Automatic rotation","helpfulResource":{"displayText":"Rotate keys automatically."},"improvementPlan":{"displayText":"Turn on rotation."}},
{"id":"rotate_no","title":"No rotation yet","helpfulResource":{"displayText":"Nothing yet."},"improvementPlan":{"displayText":"Start."}}],
"riskRules":[{"condition":"rotate_auto","risk":"NO_RISK"},{"condition":"default","risk":"HIGH_RISK"}]}]}]}`

// pages lists every page with what it must show, in English.
func pages(s seeded) []struct{ path, want string } {
	wid := "/ui/workloads/" + s.w.ID
	key := s.lens[strings.LastIndex(s.lens, "/")+1:]
	return []struct{ path, want string }{
		{"/ui/", "payments"},
		{"/ui/?q=pay&env=PRODUCTION&risk=HIGH&sort=high&order=desc", "payments"},
		{"/ui/workloads/new", "Create workload"},
		{wid, "Operational Excellence"},
		{wid + "/edit", "the payments service"},
		{wid + "/review/wellarchitected/priorities", "docs/policy/governance.md:12"},
		{wid + "/review/wellarchitected/ops-model", "High risk"},
		{wid + "/improvements/wellarchitected", "Missing best practices"},
		{wid + "/milestones", "before the workshop"},
		{wid + "/milestones/1", "before the workshop"},
		{wid + "/milestones/compare?a=1&b=0", "Changed questions"},
		{"/ui/lenses", "Key hygiene"},
		{"/ui/lenses/" + key, "1.1"},
		{"/ui/lenses/" + key + "/preview?version=1.0", "Do you rotate keys?"},
		{"/ui/lenses/wellarchitected/preview", "How do you determine what your priorities are?"},
		{"/ui/lenses/" + key + "/diff?base=1.0&target=1.1", "How often do you rotate keys?"},
		{"/ui/invitations", "No invitations"},
	}
}

func TestEveryPageRenders(t *testing.T) {
	e := newEnv(t)
	s := seed(t, e)
	c := e.signedIn("alice")
	for _, p := range pages(s) {
		t.Run(p.path, func(t *testing.T) {
			r := c.get(p.path)
			r.want(t, http.StatusOK, p.want, `<main id="main"`, `lang="en"`)
			r.lacks(t, "[[")
			if !strings.Contains(r.body, `class="skip" href="#main"`) {
				t.Error("no skip link")
			}
		})
	}
}

func TestWorkloadsTheUserMayNotSeeAre404(t *testing.T) {
	e := newEnv(t)
	s := seed(t, e)
	c := e.signedIn("mallory")
	for _, p := range pages(s) {
		if !strings.Contains(p.path, s.w.ID) {
			continue
		}
		c.get(p.path).want(t, http.StatusNotFound, "Page not found", "Request ID")
	}
	c.get("/ui/workloads/0123456789abcdef0123456789abcdef").want(t, http.StatusNotFound)
	c.get("/ui/no/such/page").want(t, http.StatusNotFound, "Go to the dashboard")
	// Posting to someone else's workload is a 404 too, and changes nothing.
	c.post("/ui/workloads/"+s.w.ID+"/review/wellarchitected/priorities", url.Values{"choice": {"ops_priorities_no"}}).
		want(t, http.StatusNotFound)
	c.get("/ui/").want(t, 200, "No workloads to show").lacks(t, "payments")
}

func TestReadOnlyShareShowsNoEditControlsAndIsRefused(t *testing.T) {
	e := newEnv(t)
	s := seed(t, e)
	e.share(s.w.ID, "bob", wellops.PermReadOnly)
	c := e.signedIn("bob")
	wid := "/ui/workloads/" + s.w.ID
	c.get("/ui/").want(t, 200, "payments", "Read-only")
	c.get(wid).want(t, 200, "Read-only").lacks(t, "Edit properties", "Save milestone", "Delete workload", `action="`+wid+`/shares"`)
	q := c.get(wid + "/review/wellarchitected/priorities")
	q.want(t, 200, "read-only access", `<fieldset class="choices-set" disabled>`).lacks(t, "data-autosave", "Save and next", "Accept")
	c.get(wid+"/improvements/wellarchitected").want(t, 200).lacks(t, `name="status"`)
	c.get(wid+"/milestones").want(t, 200).lacks(t, "Save milestone")
	c.get(wid+"/edit").want(t, http.StatusForbidden, "contributor access")

	// The server refuses the edits anyway, whatever the page showed.
	c.post(wid+"/review/wellarchitected/priorities", url.Values{"choice": {"ops_priorities_no"}}).want(t, http.StatusForbidden)
	c.post(wid+"/milestones", url.Values{"name": {"sneaky"}}).want(t, http.StatusForbidden)
	c.post(wid, url.Values{"WorkloadName": {"renamed"}}).want(t, http.StatusForbidden)
	c.post(wid+"/delete", url.Values{"confirm": {"yes"}}).want(t, http.StatusForbidden)
	c.post(wid+"/suggestions/priorities/ops_priorities_governance_reqs", url.Values{"decision": {"accept"}}).want(t, http.StatusForbidden)
	a, err := e.db.GetAnswer(e.as("alice"), s.w.ID, "wellarchitected", "priorities", 0, "")
	if err != nil || len(a.SelectedChoices) != 2 {
		t.Fatalf("answer changed by a read-only user: %+v %v", a, err)
	}
}

func TestContributorAnswersButDoesNotAdminister(t *testing.T) {
	e := newEnv(t)
	s := seed(t, e)
	e.share(s.w.ID, "bob", wellops.PermContributor)
	c := e.signedIn("bob")
	wid := "/ui/workloads/" + s.w.ID
	c.get(wid).want(t, 200, "Save milestone").lacks(t, "Edit properties", "Delete workload")
	c.get(wid+"/review/wellarchitected/priorities").want(t, 200, "data-autosave", "Save and next")
	c.post(wid+"/review/wellarchitected/ops-model", url.Values{"choice": {"ops_ops_model_def_resource_owners"}}).want(t, http.StatusSeeOther)
	c.post(wid+"/delete", url.Values{"confirm": {"yes"}}).want(t, http.StatusForbidden)
}

func TestInvitationsAreAcceptedInTheUI(t *testing.T) {
	e := newEnv(t)
	s := seed(t, e)
	alice := e.signedIn("alice")
	bob, _ := wellops.PrincipalFrom(e.as("bob"))
	alice.post("/ui/workloads/"+s.w.ID+"/shares", url.Values{"with": {bob.ARN()}, "permission": {"CONTRIBUTOR"}}).want(t, http.StatusSeeOther)
	alice.get("/ui/workloads/"+s.w.ID).want(t, 200, bob.ARN(), "Pending")
	c := e.signedIn("bob")
	c.get("/ui/").lacks(t, "payments")
	r := c.get("/ui/invitations")
	r.want(t, 200, "payments", "Contributor")
	id := r.body[strings.Index(r.body, `action="/ui/invitations/`)+len(`action="/ui/invitations/`):]
	id = id[:strings.IndexByte(id, '"')]
	c.post("/ui/invitations/"+id, url.Values{"action": {"accept"}}).want(t, http.StatusSeeOther)
	c.get("/ui/").want(t, 200, "payments", "Contributor")
}
