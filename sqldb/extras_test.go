package sqldb_test

import (
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

func TestReviewTemplatePrefillsNewWorkloads(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		tm := must[*wellops.ReviewTemplate](t)(e.db.CreateReviewTemplate(e.owner, wellops.NewReviewTemplate{
			Name: "Platform baseline", Description: "what every platform service has", Notes: "from the platform team",
			Lenses: []string{"wellarchitected"}}))
		if tm.QuestionCounts.Unanswered != 11 || tm.UpdateStatus != wellops.TemplateCurrent {
			t.Fatalf("new template: %+v", tm)
		}
		notes := "CI enforces this"
		must[*wellops.Answer](t)(e.db.UpdateTemplateAnswer(e.owner, tm.ARN, "wellarchitected", "observability",
			wellops.AnswerUpdate{SelectedChoices: &ops04All, Notes: &notes}))
		tr := must[*wellops.TemplateLensReview](t)(e.db.GetTemplateLensReview(e.owner, tm.ARN, "wellarchitected"))
		if tr.QuestionCounts.Answered != 1 {
			t.Fatalf("template review counts = %+v", tr.QuestionCounts)
		}
		w := must[*wellops.Workload](t)(e.db.CreateWorkload(e.owner, wellops.NewWorkload{Name: "from-template", Description: "made from a template",
			Environment: wellops.EnvProduction, AWSRegions: []string{"us-east-1"}, ReviewOwner: "alice", ReviewTemplateARNs: []string{tm.ARN}}))
		a := must[*wellops.Answer](t)(e.db.GetAnswer(e.owner, w.ID, "wellarchitected", "observability", 0, ""))
		if a.Risk != lens.RiskNone || a.Notes != notes || w.Notes != "from the platform team" {
			t.Fatalf("pre-filled answer %s %q, workload notes %q", a.Risk, a.Notes, w.Notes)
		}
		if w.RiskCounts.None != 1 || w.RiskCounts.Unanswered != 10 {
			t.Fatalf("roll-up of a pre-filled workload = %+v", w.RiskCounts)
		}
		// Others may not use a template that is not shared with them.
		_, err := e.db.GetReviewTemplate(e.stranger, tm.ARN)
		wantCode(t, err, wellops.ENOTFOUND)
	})
}

func TestProfilePrioritisesQuestions(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		tmpl := must[wellops.ProfileTemplate](t)(e.db.ProfileTemplate(e.owner, "ko"))
		if len(tmpl.Questions) == 0 || tmpl.Questions[0].Title == "" {
			t.Fatal("empty profile template")
		}
		_, err := e.db.CreateProfile(e.owner, wellops.NewProfile{Name: "pr", Description: "d",
			Questions: []wellops.ProfileAnswer{{QuestionID: "business_goal", SelectedChoiceIDs: []string{"nope"}}}})
		wantField(t, err, "ProfileName")
		pr := must[*wellops.Profile](t)(e.db.CreateProfile(e.owner, wellops.NewProfile{Name: "Ship fast", Description: "delivery first",
			Questions: []wellops.ProfileAnswer{{QuestionID: "business_goal", SelectedChoiceIDs: []string{"ship_faster"}},
				{QuestionID: "lifecycle", SelectedChoiceIDs: []string{"growing"}}}}))
		if pr.Version != "1" {
			t.Fatalf("version = %s", pr.Version)
		}
		w := e.newWorkload(t, e.owner, "profiled")
		ok(t, e.db.AssociateProfiles(e.owner, w.ID, []string{pr.ARN}))
		e.selectChoices(t, e.owner, w.ID, "dev-integ", "ops_dev_integ_no")
		e.selectChoices(t, e.owner, w.ID, "priorities", "ops_priorities_no")
		got := must[*wellops.Workload](t)(e.db.GetWorkload(e.owner, w.ID, 0))
		// ship_faster + growing prioritise dev-integ, mit-deploy-risks and operations-health.
		if got.PrioritizedRiskCounts.High != 1 || got.PrioritizedRiskCounts.Total() != 3 || got.RiskCounts.High != 2 {
			t.Fatalf("prioritised %+v all %+v", got.PrioritizedRiskCounts, got.RiskCounts)
		}
		prio, _, err := e.db.ListAnswers(e.owner, w.ID, "wellarchitected", 0, wellops.AnswerQuery{QuestionPriority: wellops.QuestionPrioritized})
		ok(t, err)
		if len(prio) != 3 || prio[0].QuestionType != wellops.QuestionPrioritized {
			t.Fatalf("prioritised answers = %d", len(prio))
		}
		// A new profile version notifies, and upgrading applies it.
		q := []wellops.ProfileAnswer{{QuestionID: "business_goal", SelectedChoiceIDs: []string{"compliance"}}}
		must[*wellops.Profile](t)(e.db.UpdateProfile(e.owner, pr.ARN, wellops.ProfileUpdate{Questions: &q}))
		notes, _, err := e.db.ListProfileNotifications(e.owner, w.ID, wellops.Page{})
		ok(t, err)
		if len(notes) != 1 || notes[0].Type != wellops.NotifyProfileAnswersUpdate || notes[0].LatestVersion != "2" {
			t.Fatalf("profile notifications = %+v", notes)
		}
		ok(t, e.db.UpgradeProfileVersion(e.owner, w.ID, pr.ARN, "before profile v2"))
		got = must[*wellops.Workload](t)(e.db.GetWorkload(e.owner, w.ID, 0))
		// compliance prioritises priorities, ops-model and ready-to-support.
		if got.PrioritizedRiskCounts.High != 1 || got.PrioritizedRiskCounts.Total() != 3 || got.Profiles[0].ProfileVersion != "2" {
			t.Fatalf("after upgrade: %+v %+v", got.PrioritizedRiskCounts, got.Profiles)
		}
	})
}

func TestEvidenceSuggestsButNeverAnswers(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w := e.newWorkload(t, e.owner, "scanned")
		e.selectChoices(t, e.owner, w.ID, "dev-integ", "ops_dev_integ_version_control")
		scan := wellops.EvidenceScan{WorkloadID: w.ID, Commit: "abc123", Practices: []wellops.PracticeEvidence{
			{BestPracticeID: "OPS05-BP01", QuestionID: "dev-integ", ChoiceID: "ops_dev_integ_version_control", Status: "found", Confidence: "high"},
			{BestPracticeID: "OPS05-BP02", QuestionID: "dev-integ", ChoiceID: "ops_dev_integ_test_val_chg", Status: "found", Confidence: "high",
				Items: []wellops.EvidenceItem{{Check: "OE-TESTS", Path: "sqldb/store_test.go", Line: 1}}},
			{BestPracticeID: "OPS08-BP04", QuestionID: "workload-observability", ChoiceID: "ops_workload_observability_create_alerts", Status: "partial", Confidence: "low"},
		}}
		ok(t, e.db.PutEvidence(e.owner, scan))
		sug := must[[]wellops.Suggestion](t)(e.db.ListSuggestions(e.owner, w.ID))
		// Already selected and partial evidence make no suggestion.
		if len(sug) != 1 || sug[0].ChoiceID != "ops_dev_integ_test_val_chg" || sug[0].Status != wellops.SuggestionPending {
			t.Fatalf("suggestions = %+v", sug)
		}
		a := must[*wellops.Answer](t)(e.db.GetAnswer(e.owner, w.ID, "wellarchitected", "dev-integ", 0, ""))
		if len(a.SelectedChoices) != 1 {
			t.Fatalf("evidence changed the answer: %v", a.SelectedChoices)
		}
		ok(t, e.db.DecideSuggestion(e.owner, w.ID, "dev-integ", "ops_dev_integ_test_val_chg", false))
		ok(t, e.db.PutEvidence(e.owner, scan)) // a rescan keeps the rejection
		sug = must[[]wellops.Suggestion](t)(e.db.ListSuggestions(e.owner, w.ID))
		if len(sug) != 1 || sug[0].Status != wellops.SuggestionRejected {
			t.Fatalf("after rescan: %+v", sug)
		}
		got := must[*wellops.EvidenceScan](t)(e.db.GetEvidence(e.owner, w.ID))
		if got.Commit != "abc123" || len(got.Practices) != 3 || got.Practices[1].Items[0].Path != "sqldb/store_test.go" {
			t.Fatalf("stored evidence = %+v", got)
		}
		scan.Practices[1].Status = "found"
		ok(t, e.db.PutEvidence(e.owner, scan))
		wantCode(t, e.db.DecideSuggestion(e.owner, w.ID, "dev-integ", "ops_dev_integ_code_quality", true), wellops.ENOTFOUND)
		bad := scan
		bad.Practices = []wellops.PracticeEvidence{{QuestionID: "dev-integ", ChoiceID: "nope"}}
		wantField(t, e.db.PutEvidence(e.owner, bad), "Practices")
	})
}

func TestIdentityKeysAndSessions(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		first := must[*wellops.User](t)(e.db.CreateUser(e.owner, wellops.NewUser{Name: "root", Password: "correct horse battery"}))
		if !first.Admin || len(first.AccountID) != 12 {
			t.Fatalf("first user = %+v", first)
		}
		// After the first user, only an administrator creates users.
		_, err := e.db.CreateUser(e.owner, wellops.NewUser{Name: "eve"})
		wantCode(t, err, wellops.EFORBIDDEN)
		admin := wellops.WithPrincipal(e.owner, first.Principal())
		u := must[*wellops.User](t)(e.db.CreateUser(admin, wellops.NewUser{Name: "dev", AccountID: first.AccountID, Password: "another long password"}))
		_, err = e.db.CreateUser(admin, wellops.NewUser{Name: "dev"})
		wantCode(t, err, wellops.ECONFLICT)
		_, err = e.db.CreateUser(admin, wellops.NewUser{Name: "short", Password: "short"})
		wantField(t, err, "password")

		must[*wellops.User](t)(e.db.Authenticate(e.owner, "dev", "another long password"))
		_, err = e.db.Authenticate(e.owner, "dev", "wrong password!!")
		wantCode(t, err, wellops.EUNAUTHORIZED)
		_, err = e.db.Authenticate(e.owner, "nobody", "wrong password!!")
		wantCode(t, err, wellops.EUNAUTHORIZED)

		devCtx := wellops.WithPrincipal(e.owner, u.Principal())
		k := must[*wellops.AccessKey](t)(e.db.CreateAccessKey(devCtx, "dev"))
		if len(k.ID) != 20 || k.Secret == "" {
			t.Fatalf("key = %+v", k)
		}
		secret, owner, err := e.db.LookupAccessKey(e.owner, k.ID)
		ok(t, err)
		if secret != k.Secret || owner.Name != "dev" {
			t.Fatalf("lookup = %q %v", secret, owner)
		}
		keys := must[[]wellops.AccessKey](t)(e.db.ListAccessKeys(devCtx, "dev"))
		if len(keys) != 1 || keys[0].Secret != "" {
			t.Fatalf("listed keys leak or miss: %+v", keys)
		}
		_, err = e.db.CreateAccessKey(devCtx, "root")
		wantCode(t, err, wellops.EFORBIDDEN)
		ok(t, e.db.RevokeAccessKey(devCtx, k.ID))
		_, _, err = e.db.LookupAccessKey(e.owner, k.ID)
		wantCode(t, err, wellops.ENOTFOUND)

		s := must[*wellops.Session](t)(e.db.CreateSession(e.owner, u.ID, 3600))
		gs, gu, err := e.db.GetSession(e.owner, s.Token)
		ok(t, err)
		if gu.Name != "dev" || gs.CSRF != s.CSRF {
			t.Fatalf("session = %+v %+v", gs, gu)
		}
		e.clock.mu.Lock()
		e.clock.now = e.clock.now.Add(2 * 3600 * 1e9)
		e.clock.mu.Unlock()
		_, _, err = e.db.GetSession(e.owner, s.Token)
		wantCode(t, err, wellops.ENOTFOUND)
	})
}

func TestIdempotencyTokens(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		resp, done, err := e.db.Reserve(e.owner, "acct/CreateWorkload", "tok-1", "h1")
		ok(t, err)
		if done || resp != nil {
			t.Fatal("fresh token reported done")
		}
		_, _, err = e.db.Reserve(e.owner, "acct/CreateWorkload", "tok-1", "h1")
		wantCode(t, err, wellops.ECONFLICT) // still in progress
		ok(t, e.db.Complete(e.owner, "acct/CreateWorkload", "tok-1", []byte(`{"WorkloadId":"x"}`)))
		resp, done, err = e.db.Reserve(e.owner, "acct/CreateWorkload", "tok-1", "h1")
		ok(t, err)
		if !done || string(resp) != `{"WorkloadId":"x"}` {
			t.Fatalf("retry got %q done=%v", resp, done)
		}
		_, _, err = e.db.Reserve(e.owner, "acct/CreateWorkload", "tok-1", "h2")
		wantCode(t, err, wellops.ECONFLICT)
		_, _, err = e.db.Reserve(e.owner, "acct/CreateWorkload", "tok-2", "h1")
		ok(t, err)
		ok(t, e.db.Release(e.owner, "acct/CreateWorkload", "tok-2"))
		_, done, err = e.db.Reserve(e.owner, "acct/CreateWorkload", "tok-2", "h9")
		ok(t, err)
		if done {
			t.Fatal("released token reported done")
		}
	})
}

func TestConsolidatedMetrics(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w := e.newWorkload(t, e.owner, "metrics")
		e.selectChoices(t, e.owner, w.ID, "observability", "ops_observability_identify_kpis")
		e.newWorkload(t, e.owner, "metrics-2")
		ms, next, err := e.db.ConsolidatedMetrics(e.owner, wellops.ConsolidatedQuery{Page: wellops.Page{Limit: 1}})
		ok(t, err)
		if len(ms) != 1 || next == "" || ms[0].WorkloadName != "metrics" {
			t.Fatalf("page 1 = %+v next %q", ms, next)
		}
		q := ms[0].Lenses[0].Pillars[0].Questions
		var obs wellops.QuestionMetric
		for _, m := range q {
			if m.QuestionID == "observability" {
				obs = m
			}
		}
		if obs.Risk != "HIGH" || len(obs.BestPractices) != 4 {
			t.Fatalf("observability metric = %+v", obs)
		}
		s := must[*wellops.Settings](t)(e.db.GetSettings(e.owner))
		if s.Jira.IntegrationStatus != "NOT_CONFIGURED" {
			t.Fatalf("settings = %+v", s)
		}
		ok(t, e.db.UpdateSettings(e.owner, wellops.SettingsUpdate{DiscoveryIntegrationStatus: "ENABLED"}))
		s = must[*wellops.Settings](t)(e.db.GetSettings(e.owner))
		if s.DiscoveryIntegrationStatus != "ENABLED" {
			t.Fatalf("settings after update = %+v", s)
		}
	})
}
