package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
	"github.com/wellops/wellops/sqldb"
)

// OPS04 (observability) is HIGH unless all five practices are selected; OPS01 (priorities) is
// MEDIUM with only its four HIGH practices.
var (
	ops04Some = "ops_observability_identify_kpis,ops_observability_application_telemetry"
	ops01High = []string{"--select", "ops_priorities_ext_cust_needs", "--select", "ops_priorities_int_cust_needs",
		"--select", "ops_priorities_governance_reqs,ops_priorities_compliance_reqs"}
)

// TestReviewFlow walks a review as a user would: create, answer, read the risks and the plan,
// record a milestone, and read the audit trail, checking the tables and the JSON on each store.
func TestReviewFlow(t *testing.T) {
	eachStore(t, func(t *testing.T, c *storeCLI) {
		out := c.ok("workload", "create", "Payments", "--description", "card payments", "--region", "ap-northeast-2")
		if !strings.Contains(out, "created workload ") || !strings.Contains(out, "Review owner   admin") {
			t.Fatalf("create output:\n%s", out)
		}
		var w wellops.Workload
		c.json(&w, "workload", "show", "payments") // names ignore case
		if w.Name != "Payments" || w.Environment != wellops.EnvProduction || w.RiskCounts.Unanswered != 11 {
			t.Fatalf("show --json: %+v", w)
		}

		out = c.ok("answer", "PAY MENTS", "observability", "--select", ops04Some) // and spaces
		for _, want := range []string{"Risk: HIGH (was UNANSWERED)", "[x]  ops_observability_identify_kpis", "Identify key performance indicators",
			"[ ]  ops_observability_dist_trace"} {
			if !strings.Contains(out, want) {
				t.Errorf("answer output lacks %q:\n%s", want, out)
			}
		}
		out = c.ok(append([]string{"answer", w.ID, "priorities", "--notes", "from the kickoff"}, ops01High...)...)
		if !strings.Contains(out, "Risk: MEDIUM") || !strings.Contains(out, "Notes: from the kickoff") {
			t.Errorf("answer by ID:\n%s", out)
		}
		out = c.ok("answer", "Payments", "org-culture", "--na", "out_of_scope")
		if !strings.Contains(out, "Risk: NOT_APPLICABLE") || !strings.Contains(out, "question not applicable: OUT_OF_SCOPE") {
			t.Errorf("answer --na:\n%s", out)
		}
		var a wellops.Answer
		c.json(&a, "answer", "Payments", "ops-model", "--none", "--choice-na", "ops_ops_model_def_resource_owners=business_priorities")
		if a.Risk != lens.RiskHigh || len(a.SelectedChoices) != 1 || a.SelectedChoices[0] != "ops_ops_model_no" ||
			a.ChoiceAnswers["ops_ops_model_def_resource_owners"].Reason != wellops.ReasonBusinessPriorities {
			t.Errorf("answer --none --json: %+v", a)
		}
		c.json(&a, "answer", "Payments", "org-culture", "--applicable")
		if a.Risk != lens.RiskUnanswered || !a.IsApplicable {
			t.Errorf("--applicable: %+v", a)
		}
		out = c.ok("answer", "Payments", "observability", "--lang", "ko")
		if !strings.Contains(out, "Risk: HIGH\n") || strings.Contains(out, "(was") || !strings.Contains(out, "[x]") {
			t.Errorf("reading an answer in Korean:\n%s", out)
		}

		// HIGH 2 (observability, ops-model), MEDIUM 1 (priorities), 8 unanswered.
		want := wellops.RiskCounts{High: 2, Medium: 1, Unanswered: 8}
		out = c.ok("workload", "list")
		if !regexp.MustCompile(w.ID + `\s+PRODUCTION\s+2\s+1\s+8\s+NOT_STARTED\s+\S+ \S+\s+Payments\n`).MatchString(out) {
			t.Errorf("workload list:\n%s", out)
		}
		var list []wellops.WorkloadSummary
		c.json(&list, "workload", "list", "--risk", "high", "--sort", "high")
		if len(list) != 1 || list[0].RiskCounts != want {
			t.Errorf("workload list --json: %+v", list)
		}
		out = c.ok("risks", "Payments")
		for _, re := range []string{`Total: HIGH 2, MEDIUM 1, NONE 0, N/A 0, UNANSWERED 8`,
			`Lens wellarchitected \(Operational Excellence\), version 2024-11-06: HIGH 2`,
			`Pillar Operational Excellence \(operationalExcellence\): HIGH 2, MEDIUM 1`,
			`\n\s+priorities\s+MEDIUM\s+How do you determine what your priorities are\?\n`,
			`\n\s+observability\s+HIGH\s+How do you implement observability`} {
			if !regexp.MustCompile(re).MatchString(out) {
				t.Errorf("risks output does not match %s:\n%s", re, out)
			}
		}
		var rv risksView
		c.json(&rv, "risks", "Payments", "--lang", "ko")
		if rv.RiskCounts != want || len(rv.LensReviews) != 1 || len(rv.LensReviews[0].Answers) != 11 ||
			rv.LensReviews[0].Pillars[0].PillarName != "운영 우수성" {
			t.Errorf("risks --json: %+v", rv)
		}

		out = c.ok("improvements", "Payments")
		hi := strings.Index(out, "HIGH  observability")
		med := strings.Index(out, "MEDIUM  priorities")
		if !strings.Contains(out, "3 questions") || hi < 0 || med < hi ||
			!strings.Contains(out, "- Implement distributed tracing (OPS04-BP05") {
			t.Errorf("improvements: HIGH first, then MEDIUM, with missing practices:\n%s", out)
		}
		var plan []wellops.Improvement
		c.json(&plan, "improvements", "Payments", "--lang", "ko")
		if len(plan) != 3 || plan[2].QuestionID != "priorities" || len(plan[2].Missing) != 2 {
			t.Errorf("improvements --json: %d items %+v", len(plan), plan)
		}

		out = c.ok("milestone", "create", "Payments", "Before launch")
		if !strings.Contains(out, `recorded milestone 1 "Before launch"`) {
			t.Errorf("milestone create:\n%s", out)
		}
		c.ok("answer", "Payments", "observability", "--select", "ops_observability_identify_kpis,ops_observability_application_telemetry,"+
			"ops_observability_customer_telemetry,ops_observability_dependency_telemetry,ops_observability_dist_trace")
		out = c.ok("milestone", "show", "Payments", "1")
		if !regexp.MustCompile(`wellarchitected\s+2024-11-06\s+3 of 11\s+2\s+1\s+0\s+0\s+8\s+Operational Excellence`).MatchString(out) {
			t.Errorf("milestone show keeps the snapshot's counts:\n%s", out)
		}
		var ms []wellops.MilestoneSummary
		c.json(&ms, "milestone", "list", "Payments")
		if len(ms) != 1 || ms[0].Name != "Before launch" || ms[0].Workload.RiskCounts != want {
			t.Errorf("milestone list --json: %+v", ms)
		}
		c.json(&rv, "risks", "Payments", "--milestone", "1")
		if rv.RiskCounts != want {
			t.Errorf("risks --milestone 1: %+v, want %+v", rv.RiskCounts, want)
		}

		out = c.ok("audit", "Payments", "--limit", "2")
		if !regexp.MustCompile(`(?s)WHEN\s+ACTION\s+TARGET\s+WHO\n\S+ \S+\s+UpdateAnswer\s+wellarchitected/observability\s+arn:aws:iam::\d{12}:user/admin\n\S+ \S+\s+CreateMilestone\s+milestone/1`).MatchString(out) ||
			strings.Count(out, "\n") != 3 {
			t.Errorf("audit --limit 2, newest first:\n%s", out)
		}
		var events []auditJSON
		c.json(&events, "audit", "Payments")
		last := events[len(events)-1]
		if len(events) != 8 || events[0].Action != "UpdateAnswer" || last.Action != "CreateWorkload" || last.Before != nil {
			t.Fatalf("audit --json: %d events %+v", len(events), events)
		}
		var after struct{ SelectedChoices []string }
		if err := json.Unmarshal(events[0].After, &after); err != nil || len(after.SelectedChoices) != 5 {
			t.Errorf("audit --json After is JSON with the new selection: %s (%v)", events[0].After, err)
		}
	})
}

func TestWorkloadCreateUpdateDelete(t *testing.T) {
	c := sqliteCLI(t)
	var w wellops.Workload
	c.json(&w, "workload", "create", "결제 서비스", "--description", "카드 결제", "--environment", "preproduction",
		"--region", "ap-northeast-2,us-east-1", "--non-aws-region", "on-premises Seoul", "--account-id", "123456789012",
		"--review-owner", "sre-team", "--industry-type", "Financial Services", "--industry", "payments", "--notes", "first",
		"--tag", "team=payments", "--tag", "cost=a,b", "--pillar-priority", "operationalExcellence", "--design-url", "https://example.com/design")
	if w.Environment != wellops.EnvPreproduction || len(w.AWSRegions) != 2 || w.NonAWSRegions[0] != "on-premises Seoul" ||
		w.AccountIDs[0] != "123456789012" || w.ReviewOwner != "sre-team" || w.IndustryType != "Financial Services" ||
		w.Tags["cost"] != "a,b" || w.PillarPriorities[0] != "operationalExcellence" || w.ArchitecturalDesign != "https://example.com/design" {
		t.Fatalf("create --json: %+v", w)
	}
	out := c.ok("workload", "update", "결제서비스", "--notes", "second", "--improvement-status", "in_progress", "--tag", "tier=1")
	for _, re := range []string{`Notes\s+second\n`, `Improvement\s+IN_PROGRESS\n`, `Tags\s+cost=a,b, team=payments, tier=1\n`,
		`Description\s+카드 결제\n`, `Industry type\s+Financial Services\n`} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("update changes only what was given; no %s in\n%s", re, out)
		}
	}
	c.json(&w, "workload", "update", w.ID, "--name", "Checkout", "--region", "eu-west-1")
	if w.Name != "Checkout" || len(w.AWSRegions) != 1 || w.Notes != "second" {
		t.Errorf("update --json: %+v", w)
	}
	out = c.ok("workload", "list", "--search", "check")
	if !strings.Contains(out, "Checkout") {
		t.Errorf("list --search:\n%s", out)
	}
	if out := c.ok("workload", "list", "--environment", "PRODUCTION"); out != "(no workloads)\n" {
		t.Errorf("list --environment PRODUCTION:\n%s", out)
	}
	c.fails(3, "add --yes to confirm", "workload", "delete", "Checkout")
	if out := c.ok("workload", "delete", "checkout", "--yes"); !strings.Contains(out, "deleted workload "+w.ID) {
		t.Errorf("delete:\n%s", out)
	}
	c.fails(4, `workload "Checkout" not found`, "workload", "show", "Checkout")
}

func TestWorkloadListLimitAndOrder(t *testing.T) {
	c := sqliteCLI(t)
	for i := range 3 {
		c.ok("workload", "create", fmt.Sprintf("svc-%d", i), "--description", "a service", "--region", "us-east-1")
	}
	c.ok("answer", "svc-1", "observability", "--none")
	c.ok("answer", "svc-2", "observability", "--none")
	c.ok("answer", "svc-2", "ops-model", "--none")
	var list []wellops.WorkloadSummary
	c.json(&list, "workload", "list", "--sort", "high")
	if len(list) != 3 || list[0].Name != "svc-2" || list[1].Name != "svc-1" || list[2].Name != "svc-0" {
		t.Errorf("--sort high is most HIGH first: %+v", list)
	}
	out := c.ok("workload", "list", "--limit", "2", "--sort", "high", "--reverse")
	if !strings.Contains(out, "svc-0") || strings.Contains(out, "svc-2") || !strings.Contains(out, "(2 of 3 workloads; --limit 0 shows all)") {
		t.Errorf("--limit 2 --reverse:\n%s", out)
	}
}

// TestBadInputChangesNothing: each bad input from the issue gets one line naming the problem,
// a non-zero exit, and leaves the database as it was.
func TestBadInputChangesNothing(t *testing.T) {
	eachStore(t, func(t *testing.T, c *storeCLI) {
		c.ok("workload", "create", "Payments", "--description", "card payments", "--region", "ap-northeast-2")
		c.ok("answer", "Payments", "observability", "--select", ops04Some, "--notes", "kept")
		c.ok("milestone", "create", "Payments", "first")
		c.ok("workload", "create", "Payroll", "--description", "salaries", "--region", "ap-northeast-2")
		db, ctx := c.store()
		w := workloadID(t, db, ctx, "Payments")
		for i := 2; i <= 100; i++ {
			if _, err := db.CreateMilestone(ctx, w, fmt.Sprintf("milestone %d", i)); err != nil {
				t.Fatal(err)
			}
		}
		before := c.state()
		tests := []struct {
			name string
			code int
			want string
			args []string
		}{
			{"unknown workload", 4, `wellops answer: workload "Payslips" not found`, []string{"answer", "Payslips", "observability", "--select", "ops_observability_identify_kpis"}},
			{"unknown workload ID", 4, `workload "0123456789abcdef0123456789abcdef" not found`, []string{"risks", "0123456789abcdef0123456789abcdef"}},
			{"unknown choice", 3, `wellops answer: invalid SelectedChoices: "ops_observability_nope" is not a choice of question observability`,
				[]string{"answer", "Payments", "observability", "--select", "ops_observability_identify_kpis,ops_observability_nope"}},
			{"choice of another question", 3, `invalid SelectedChoices: "ops_priorities_ext_cust_needs" is not a choice of question observability`,
				[]string{"answer", "Payments", "observability", "--select", "ops_priorities_ext_cust_needs"}},
			{"notes too long", 3, "wellops answer: invalid Notes: must be at most 2084 characters, got 2085",
				[]string{"answer", "Payments", "observability", "--notes", strings.Repeat("n", 2085)}},
			{"101st milestone", 6, "wellops milestone: workload " + w + " has reached its quota of 100 milestones",
				[]string{"milestone", "create", "Payments", "one too many"}},
			{"unknown question", 4, "question nope not found", []string{"answer", "Payments", "nope", "--none"}},
			{"unknown reason", 3, "invalid --na: the reason must be one of OUT_OF_SCOPE", []string{"answer", "Payments", "observability", "--na", "bored"}},
			{"--none with --select", 3, "invalid --none", []string{"answer", "Payments", "observability", "--none", "--select", "ops_telemetry_no"}},
			{"choice not applicable, unknown choice", 3, `"nope" is not a choice of question observability`,
				[]string{"answer", "Payments", "observability", "--choice-na", "nope=OTHER"}},
			{"unknown lens", 4, "lens serverless not found", []string{"answer", "Payments", "observability", "--lens", "serverless", "--none"}},
			{"duplicate workload name", 5, `wellops workload: a workload named "pay ments" already exists`,
				[]string{"workload", "create", "pay ments", "--description", "again", "--region", "us-east-1"}},
			{"workload without region", 3, "invalid AwsRegions: either AwsRegions or NonAwsRegions",
				[]string{"workload", "create", "Payroll 2", "--description", "salaries"}},
			{"several problems at once", 3, "invalid input: Description: is required (3 to 250 characters); Environment: must be one of PRODUCTION, PREPRODUCTION",
				[]string{"workload", "create", "Payroll 2", "--region", "us-east-1", "--environment", "staging"}},
			{"bad update", 3, "invalid Environment", []string{"workload", "update", "Payments", "--environment", "staging", "--notes", "lost"}},
			{"update to a taken name", 5, "already exists", []string{"workload", "update", "Payroll", "--name", "PAY MENTS"}},
			{"update with an unknown lens", 4, "not found", []string{"workload", "update", "Payments", "--lens", "arn:aws:wellarchitected:us-east-1:123456789012:lens/0123456789abcdef0123456789abcdef", "--notes", "lost"}},
			{"duplicate milestone name", 5, `already has a milestone named "first"`, []string{"milestone", "create", "Payments", "first"}},
			{"milestone out of range", 3, "MilestoneNumber: must be between 1 and 100, got 101", []string{"milestone", "show", "Payments", "101"}},
			{"unknown user", 4, `no user named "mallory"`, []string{"answer", "Payments", "observability", "--none", "--as", "mallory"}},
			{"unknown language", 3, `unknown language "fr"`, []string{"risks", "Payments", "--lang", "fr"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c.t = t
				c.fails(tt.code, tt.want, tt.args...)
			})
		}
		c.t = t
		if after := c.state(); after != before {
			t.Errorf("the database changed:\nbefore %s\nafter  %s", before, after)
		}
	})
}

// workloadID finds a workload of the administrator's account by its name.
func workloadID(t *testing.T, db *sqldb.DB, ctx context.Context, name string) string {
	t.Helper()
	ws, _, err := db.ListWorkloads(ctx, wellops.WorkloadQuery{NamePrefix: name})
	if err != nil || len(ws) == 0 {
		t.Fatalf("workload %s: %v (%d found)", name, err, len(ws))
	}
	return ws[0].ID
}

func TestActAs(t *testing.T) {
	c := sqliteCLI(t)
	c.ok("workload", "create", "Payments", "--description", "card payments", "--region", "ap-northeast-2")
	c.runIn("a-long-enough-password\n", "user", "create", "bob")
	// bob has an account of his own: the admin's workload is not his to see or to name.
	c.fails(4, `workload "Payments" not found`, "risks", "Payments", "--as", "bob")
	c.vars["WELLOPS_USER"] = "bob"
	c.ok("workload", "create", "Payments", "--description", "bob's payments", "--region", "us-east-1")
	var w wellops.Workload
	c.json(&w, "workload", "show", "Payments")
	if w.Description != "bob's payments" || w.ReviewOwner != "bob" {
		t.Errorf("WELLOPS_USER=bob: %+v", w)
	}
	delete(c.vars, "WELLOPS_USER")
	c.json(&w, "workload", "show", "Payments")
	if w.Description != "card payments" {
		t.Errorf("default user is the administrator: %+v", w)
	}
}

func TestStoreCommandsHelp(t *testing.T) {
	c := sqliteCLI(t)
	for _, args := range [][]string{
		{"workload", "create", "--help"}, {"workload", "list", "-h"}, {"workload", "show", "--help"}, {"workload", "update", "--help"},
		{"workload", "delete", "--help"}, {"answer", "--help"}, {"risks", "--help"}, {"milestone", "create", "--help"},
		{"milestone", "list", "--help"}, {"milestone", "show", "--help"}, {"improvements", "--help"}, {"audit", "--help"},
		{"user", "create", "--help"}, {"user", "list", "--help"}, {"user", "passwd", "--help"}, {"key", "create", "--help"},
		{"key", "list", "--help"}, {"key", "revoke", "--help"}, {"lens", "import", "--help"}, {"lens", "publish", "--help"},
		{"lens", "diff", "--help"}, {"lens", "delete", "--help"}, {"lens", "list", "--help"},
	} {
		code, _, stderr := c.run(args...)
		if code != 0 || !strings.Contains(stderr, "Usage: wellops "+args[0]) || !strings.Contains(stderr, "-db") {
			t.Errorf("%v: exit %d\n%s", args, code, stderr)
		}
	}
	for _, args := range [][]string{{"workload"}, {"answer", "Payments"}, {"milestone", "show", "Payments"}, {"workload", "list", "extra"}} {
		if code, _, _ := c.run(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (usage)", args, code)
		}
	}
	if code, _, stderr := c.run("workload", "update", "Payments"); code != 2 || !strings.Contains(stderr, "nothing to change") {
		t.Errorf("update without flags: exit %d\n%s", code, stderr)
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestReviewOutputGolden pins the long human-readable outputs, in English and Korean, so that a
// change to them is seen in review: go test ./cmd/wellops -run Golden -update rewrites them.
func TestReviewOutputGolden(t *testing.T) {
	c := sqliteCLI(t)
	var w wellops.Workload
	c.json(&w, "workload", "create", "Payments", "--description", "card payments", "--region", "ap-northeast-2")
	c.ok("answer", "Payments", "observability", "--select", ops04Some)
	c.ok(append([]string{"answer", "Payments", "priorities"}, ops01High...)...)
	c.ok("answer", "Payments", "org-culture", "--na", "OUT_OF_SCOPE")
	c.ok("answer", "Payments", "ops-model", "--none", "--choice-na", "ops_ops_model_def_resource_owners=OTHER")
	for _, tt := range []struct {
		file string
		args []string
	}{
		{"risks.en.txt", []string{"risks", "Payments"}},
		{"risks.ko.txt", []string{"risks", "Payments", "--lang", "ko"}},
		{"improvements.en.txt", []string{"improvements", "Payments"}},
		{"improvements.ko.txt", []string{"improvements", "Payments", "--lang", "ko"}},
		{"answer.ko.txt", []string{"answer", "Payments", "ops-model", "--lang", "ko"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			got := []byte(strings.ReplaceAll(c.ok(tt.args...), w.ID, "WORKLOAD_ID"))
			golden := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("wellops %s differs from %s; if intended, run go test ./cmd/wellops -run Golden -update and review the diff\ngot:\n%s",
					strings.Join(tt.args, " "), golden, got)
			}
		})
	}
}
