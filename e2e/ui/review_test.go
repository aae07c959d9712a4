package ui_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/wellops/wellops"
	"github.com/wellops/wellops/e2e/harness"
)

// answerPlan says how the test answers each of the 11 questions of the built-in lens, by
// clicking: "none" ticks "None of these", "all" every best practice, a number that many of
// the first best practices, and "na" marks the question not applicable.
var answerPlan = []string{"keyboard", "none", "all", "1", "none", "all", "na", "2", "all", "none", "1"}

// TestReviewInTheBrowser is a review as a team runs it in a meeting: sign in, create a
// workload, answer every question by clicking (one by keyboard only), watch the risk counts
// and the improvement plan change, save and compare milestones, download a report, and
// switch to Korean.
func TestReviewInTheBrowser(t *testing.T) {
	k := harness.Kinds(t)[0] // SQLite: the browser adds nothing store-specific
	s := harness.Start(t, k, harness.Options{Env: []string{"WELLOPS_INSECURE_COOKIES=true"}})
	p := newPage(t, s.URL)

	// Sign in.
	p.open("/ui/")
	p.wantText("Sign in")
	p.shot("01-signin")
	p.do("fill sign-in",
		chromedp.SendKeys(chromedp.ID("name"), "admin"),
		chromedp.SendKeys(chromedp.ID("password"), s.AdminPassword))
	p.follow(`form[action="/ui/signin"] button[type=submit]`)
	p.wantText("Workloads", "admin")
	seedDashboard(t, s)

	// Create a workload.
	p.open("/ui/")
	p.shot("02-dashboard")
	p.follow(`a[href="/ui/workloads/new"]`)
	p.do("fill the workload form",
		chromedp.SendKeys(chromedp.ID("WorkloadName"), "Checkout API"),
		chromedp.SendKeys(chromedp.ID("Description"), "Card payments and the order pipeline"),
		chromedp.SendKeys(chromedp.ID("AwsRegions"), "ap-northeast-2, us-east-1"))
	p.follow(`form.form-grid button[type=submit]`)
	p.wantText("Checkout API", "Workload created")
	if n := count(t, p, ".summary-row .c-unanswered strong"); n != 11 {
		t.Fatalf("a new workload has %d unanswered questions, want 11", n)
	}
	wid := strings.TrimPrefix(eval[string](p, "location.pathname"), "/ui/workloads/")
	putEvidence(t, s, wid)

	// A milestone before the review, to compare with later.
	p.do("name the milestone", chromedp.SendKeys(chromedp.ID("ms-name"), "Kick-off"))
	p.follow(`form[action$="/milestones"] button[type=submit]`)
	p.wantText("Milestone saved", "Kick-off")

	// Answer the 11 questions.
	p.open("/ui/workloads/" + wid)
	p.follow(`.toolbar a.btn-primary`) // Start review
	for i, how := range answerPlan {
		num := fmt.Sprintf("OPS%02d", i+1)
		p.wantText(num)
		if i == 0 {
			p.wantText("docs/runbooks/deploy.md:3", "Suggested by scan")
			p.shot("04-question")
		}
		answer(t, p, how)
	}
	// The last save opens the improvement plan.
	p.wantText("This is the improvement plan")
	p.shot("05-improvement-plan")
	itemsBefore := eval[int](p, `document.querySelectorAll(".plan-item").length`)
	if itemsBefore == 0 {
		t.Fatal("no improvement items after answering")
	}
	p.open("/ui/workloads/" + wid)
	if n := count(t, p, ".summary-row .c-unanswered strong"); n != 0 {
		t.Fatalf("%d questions unanswered after answering all 11", n)
	}
	highBefore := count(t, p, ".summary-row .c-high strong")
	p.shot("03-workload")

	// Fixing OPS02 (answered "None of these") takes a high risk off and an item off the plan.
	// Each tick saves at once: the risk badge and the question list change without a reload.
	p.open("/ui/workloads/" + wid + "/review/wellarchitected/ops-model")
	p.wantText("High risk")
	n := eval[int](p, `document.querySelectorAll("ul.choices > li:not(.choice-none)").length`)
	for i := 1; i <= n; i++ {
		p.do("tick a choice", chromedp.Click(chromedp.CSS(fmt.Sprintf(`ul.choices > li:nth-child(%d) .choice-main label`, i))))
	}
	p.do("wait for the autosave", chromedp.Poll[chromedp.Void](
		`document.querySelector("#risk-now .risk-none") && document.querySelector('#qlist a[aria-current=page].q-none')`))
	if loc := eval[string](p, "location.pathname"); !strings.HasSuffix(loc, "/ops-model") {
		t.Fatalf("autosave navigated to %s", loc)
	}
	p.open("/ui/workloads/" + wid)
	if got := count(t, p, ".summary-row .c-high strong"); got != highBefore-1 {
		t.Fatalf("high risks after fixing OPS02 = %d, want %d", got, highBefore-1)
	}
	p.open("/ui/workloads/" + wid + "/improvements/wellarchitected")
	if got := eval[int](p, `document.querySelectorAll(".plan-item").length`); got != itemsBefore-1 {
		t.Fatalf("improvement items after fixing OPS02 = %d, want %d", got, itemsBefore-1)
	}
	// The status select saves as soon as it changes (the Save button is there without JS).
	p.navigate("set an item in progress", chromedp.SetValue(chromedp.CSS(".plan-item select"), "IN_PROGRESS"))
	p.wantText("Status updated")

	// Save a second milestone and compare the two.
	p.open("/ui/workloads/" + wid + "/milestones")
	p.do("name the milestone", chromedp.SendKeys(chromedp.ID("ms-name"), "After the workshop"))
	p.follow(`form[action$="/milestones"] button[type=submit]`)
	p.open("/ui/workloads/" + wid + "/milestones")
	p.do("choose milestones", chromedp.SetValue(chromedp.ID("cmp-a"), "1"), chromedp.SetValue(chromedp.ID("cmp-b"), "2"))
	p.follow(`.compare-form button[type=submit]`)
	p.wantText("Changed questions (11)", "Kick-off", "After the workshop")
	if n := eval[int](p, `document.querySelectorAll(".trend-svg .pt").length`); n != 3 {
		t.Fatalf("trend chart has %d points, want 3 (two milestones and now)", n)
	}
	p.shot("06-compare")

	// Download a report through the browser.
	p.open("/ui/workloads/" + wid)
	p.do("open the report menu", chromedp.Click(chromedp.CSS(".toolbar details.menu summary")))
	name, data := p.download(`.toolbar details.menu a[href*="format=pdf"]`)
	if !strings.HasSuffix(name, ".pdf") || !strings.HasPrefix(string(data), "%PDF") {
		t.Fatalf("downloaded %s (%d bytes), want a PDF", name, len(data))
	}

	// The lens catalog.
	p.open("/ui/lenses")
	p.wantText("Operational Excellence", "Import a custom lens")
	p.shot("07-lenses")

	// Switch to Korean: the choice is remembered.
	p.open("/ui/workloads/" + wid + "/review/wellarchitected/priorities")
	p.follow(`a[hreflang=ko]`)
	if lang := eval[string](p, "document.documentElement.lang"); lang != "ko" {
		t.Fatalf("html lang = %q after switching to Korean", lang)
	}
	p.wantText("대시보드", "우선순위를 어떻게 결정하나요?", "저장소 증거")
	p.shot("08-question-ko")
	p.open("/ui/")
	p.wantText("워크로드", "높은 위험이 있는 워크로드")
	p.shot("09-dashboard-ko")
	p.open("/ui/workloads/" + wid + "/milestones/compare?a=1&b=0")
	p.wantText("마일스톤 비교")
	p.shot("10-compare-ko")
}

// answer answers the open question as the plan says and saves with "Save and next".
func answer(t *testing.T, p *page, how string) {
	t.Helper()
	real := `ul.choices > li:not(.choice-none)`
	switch how {
	case "keyboard":
		keyboardAnswer(t, p)
		return
	case "none":
		p.do("tick none", chromedp.Click(chromedp.CSS(`ul.choices > li.choice-none label`)))
	case "na":
		p.do("mark not applicable", chromedp.Click(chromedp.CSS(`label[for=notapplicable]`)),
			chromedp.SetValue(chromedp.ID("reason"), "OUT_OF_SCOPE"))
	default:
		n := eval[int](p, `document.querySelectorAll("`+real+`").length`)
		if how != "all" {
			n, _ = strconv.Atoi(how)
		}
		for i := 1; i <= n; i++ {
			p.do("tick a choice", chromedp.Click(chromedp.CSS(fmt.Sprintf(`ul.choices > li:nth-child(%d) .choice-main label`, i))))
		}
	}
	p.follow(`button[name=go][value=next]`)
}

// keyboardAnswer answers with the keyboard only: Tab to the first best practice, Space to
// tick it and the next one, Tab on to "Save and next", Enter.
func keyboardAnswer(t *testing.T, p *page) {
	t.Helper()
	p.do("focus the page", chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); window.focus()`))
	active := func() string {
		return eval[string](p, `(function(e){return e ? (e.id || e.name || e.tagName) + "|" + (e.value || "") : ""})(document.activeElement)`)
	}
	tabTo := func(want func(string) bool) string {
		for i := 0; i < 200; i++ {
			p.key("\t", false)
			if a := active(); want(a) {
				return a
			}
		}
		t.Fatal("Tab never reached the control")
		return ""
	}
	first := tabTo(func(a string) bool { return strings.HasPrefix(a, "ch-") })
	p.key(" ", false)
	second := tabTo(func(a string) bool { return strings.HasPrefix(a, "ch-") })
	p.key(" ", false)
	ticked := eval[int](p, `document.querySelectorAll('input[name=choice]:checked').length`)
	if ticked != 2 {
		t.Fatalf("after Space on %s and %s, %d choices are ticked, want 2", first, second, ticked)
	}
	// The focus ring is visible: :focus-visible draws an outline.
	if w := eval[string](p, `getComputedStyle(document.activeElement).outlineStyle`); w == "none" {
		t.Fatalf("the focused checkbox shows no outline")
	}
	tabTo(func(a string) bool { return a == "go|next" })
	p.key("\r", true)
}

// count reads a number shown on the page.
func count(t *testing.T, p *page, sel string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(p.text(sel)), ",", ""))
	if err != nil {
		t.Fatalf("%s: not a number: %v", sel, err)
	}
	return n
}

// admin is the context of the first user, for setting up data the UI shows.
func admin(t *testing.T, s *harness.Server) (context.Context, interface {
	wellops.WorkloadService
	wellops.ReviewService
	wellops.EvidenceService
}) {
	db := s.Store(t)
	u, err := db.GetUser(wellops.WithPrincipal(context.Background(), wellops.Principal{UserName: "harness", AccountID: "000000000000", Admin: true}), "admin")
	if err != nil {
		t.Fatal(err)
	}
	return wellops.WithPrincipal(context.Background(), u.Principal()), db
}

// putEvidence stores what a scan of the workload's repository would, as the scanner does.
func putEvidence(t *testing.T, s *harness.Server, wid string) {
	ctx, db := admin(t, s)
	err := db.PutEvidence(ctx, wellops.EvidenceScan{WorkloadID: wid, Commit: "9c41e7b", Root: "checkout-api",
		ScannedAt: time.Now().Add(-2 * time.Hour), ToolVersion: "wellops-scan",
		Practices: []wellops.PracticeEvidence{
			{BestPracticeID: "OPS01-BP01", QuestionID: "priorities", ChoiceID: "ops_priorities_ext_cust_needs", Status: wellops.EvidenceFound,
				Confidence: "high", Summary: "Runbooks reference customer-facing SLOs.",
				Items: []wellops.EvidenceItem{{Check: "docs.runbook", Path: "docs/runbooks/deploy.md", Line: 3, Text: "Customer impact: checkout latency SLO 300 ms"}}},
			{BestPracticeID: "OPS01-BP03", QuestionID: "priorities", ChoiceID: "ops_priorities_governance_reqs", Status: wellops.EvidencePartial,
				Confidence: "low", Summary: "A CODEOWNERS file names owners for part of the tree.",
				Items: []wellops.EvidenceItem{{Check: "governance.codeowners", Path: ".github/CODEOWNERS", Line: 1, Text: "/infra/ @platform-team"}}},
		}})
	if err != nil {
		t.Fatal(err)
	}
}

// seedDashboard fills the dashboard with workloads in various states, so its screenshot
// shows what a team would see.
func seedDashboard(t *testing.T, s *harness.Server) {
	ctx, db := admin(t, s)
	names := []string{"Identity service", "Search indexer", "Mobile backend", "Data lake ingest", "Notification hub",
		"Billing engine", "Partner gateway", "Fraud scoring", "Inventory sync"}
	questions := []string{"priorities", "ops-model", "org-culture", "observability", "dev-integ", "mit-deploy-risks",
		"ready-to-support", "workload-observability", "operations-health", "event-response", "evolve-ops"}
	for i, n := range names {
		env := wellops.EnvProduction
		if i%3 == 2 {
			env = wellops.EnvPreproduction
		}
		w, err := db.CreateWorkload(ctx, wellops.NewWorkload{Name: n, Description: n + " workload", Environment: env,
			AWSRegions: []string{"ap-northeast-2"}, ReviewOwner: "platform-team"})
		if err != nil {
			t.Fatal(err)
		}
		for j, q := range questions[:(i*5)%12] {
			a, err := db.GetAnswer(ctx, w.ID, "wellarchitected", q, 0, "")
			if err != nil {
				t.Fatal(err)
			}
			var sel []string
			switch (i + j) % 3 {
			case 0:
				sel = []string{a.Question.NoneChoice().ID}
			case 1:
				sel = []string{a.Question.Choices[0].ID}
			default:
				for _, c := range a.Question.Choices[:len(a.Question.Choices)-1] {
					sel = append(sel, c.ID)
				}
			}
			if _, err := db.UpdateAnswer(ctx, w.ID, "wellarchitected", q, wellops.AnswerUpdate{SelectedChoices: &sel}); err != nil {
				t.Fatal(err)
			}
		}
	}
}
