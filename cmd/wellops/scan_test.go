package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/wellops/wellops/scan"
)

const fixtures = "../../scan/testdata/fixtures"

func TestScanCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.sarif")
	runCases(t, []string{"scan"}, []cliCase{
		{name: "help", args: []string{"--help"}, wantCode: 0, wantStderr: []string{"Usage: wellops scan"}},
		{name: "text by question", args: []string{fixtures + "/k8s"}, wantCode: 0,
			wantStdout: []string{"OPS06 How do you mitigate deployment risks?", "OPS06-BP03", "FOUND (high)", "deploy/rollout.yaml:7"}},
		{name: "json", args: []string{fixtures + "/ci", "--format", "json"}, wantCode: 0, wantStdout: []string{`"schemaVersion": "1"`, `"choiceId": "ops_dev_integ_test_val_chg"`}},
		{name: "markdown", args: []string{fixtures + "/docs", "--format", "markdown"}, wantCode: 0, wantStdout: []string{"# Operational Excellence evidence", "| OPS11-BP02"}},
		{name: "sarif to a file", args: []string{fixtures + "/ci-negative", "--format", "sarif", "--output", out}, wantCode: 0},
		{name: "fail on high", args: []string{fixtures + "/ci-negative", "--fail-on", "high"}, wantCode: 1, wantStderr: []string{"at or above --fail-on high are not found", "OPS05-BP02 (HIGH)"}},
		{name: "fail on none", args: []string{fixtures + "/ci-negative", "--fail-on", "none"}, wantCode: 0},
		{name: "bad fail-on", args: []string{fixtures + "/ci", "--fail-on", "critical"}, wantCode: 2, wantStderr: []string{"want high, medium, any or none"}},
		{name: "bad format", args: []string{fixtures + "/ci", "--format", "yaml"}, wantCode: 2, wantStderr: []string{"--format must be one of"}},
		{name: "not a directory", args: []string{fixtures + "/ci/Makefile"}, wantCode: 1, wantStderr: []string{"is not a directory"}},
		{name: "missing", args: []string{fixtures + "/nope"}, wantCode: 1, wantStderr: []string{"no such file"}},
		{name: "two paths", args: []string{"a", "b"}, wantCode: 2},
	})
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil || log["version"] != "2.1.0" {
		t.Errorf("--output did not write a SARIF log: %v %.200s", err, data)
	}
}

// TestScanIntoReview: --workload stores the evidence on the workload and turns what it
// supports into suggestions; answers stay as a person left them, and a later scan keeps the
// reviewer's decisions.
func TestScanIntoReview(t *testing.T) {
	eachStore(t, func(t *testing.T, c *storeCLI) {
		c.ok("workload", "create", "Payments", "--description", "card payments", "--region", "us-east-1")
		c.ok("answer", "Payments", "dev-integ", "--select", "ops_dev_integ_version_control")
		code, stdout, stderr := c.run("scan", fixtures+"/ci", "--workload", "payments", "--format", "json")
		if code != 0 || !strings.Contains(stdout, `"schemaVersion"`) || !strings.Contains(stderr, "suggested choices wait for a reviewer") {
			t.Fatalf("exit %d\nstderr: %s", code, stderr)
		}
		db, ctx := c.store()
		id := workloadID(t, db, ctx, "Payments")
		ev, err := db.GetEvidence(ctx, id)
		if err != nil || len(ev.Practices) != 68 {
			t.Fatalf("stored evidence: %v, %d practices", err, len(ev.Practices))
		}
		// The Korean pages and reports read the summary in Korean.
		for _, p := range ev.Practices {
			if p.Summary != "" && !strings.ContainsFunc(p.SummaryKo, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) {
				t.Errorf("%s: no Korean summary for %q (got %q)", p.BestPracticeID, p.Summary, p.SummaryKo)
			}
		}
		sug, err := db.ListSuggestions(ctx, id)
		if err != nil || len(sug) == 0 {
			t.Fatalf("suggestions: %v %v", err, sug)
		}
		for _, s := range sug {
			if s.ChoiceID == "ops_dev_integ_version_control" {
				t.Error("a choice already selected was suggested")
			}
		}
		a, err := db.GetAnswer(ctx, id, "wellarchitected", "dev-integ", 0, "")
		if err != nil || len(a.SelectedChoices) != 1 {
			t.Fatalf("the scan changed an answer: %v %v", err, a.SelectedChoices)
		}
		if err := db.DecideSuggestion(ctx, id, sug[0].QuestionID, sug[0].ChoiceID, false); err != nil {
			t.Fatal(err)
		}
		c.ok("scan", fixtures+"/ci", "--workload", id, "--format", "json")
		again, _ := db.ListSuggestions(ctx, id)
		for _, s := range again {
			if s.ChoiceID == sug[0].ChoiceID && s.Status != "REJECTED" {
				t.Errorf("a rescan undid the reviewer's rejection: %+v", s)
			}
		}
		c.fails(4, "not found", "scan", fixtures+"/ci", "--workload", "no such workload")
	})
}

func TestEvidenceScanConversion(t *testing.T) {
	r := &scan.Report{Root: "x", Commit: "abc", Tool: scan.Tool{Version: "v1"}, BestPractices: []scan.BPResult{
		{ID: "OPS05-BP02", QuestionID: "dev-integ", ChoiceID: "c", Status: scan.Found, Confidence: scan.High, Summary: "s",
			Evidence: []scan.Item{{Check: "OE-CI-TESTS", Path: "a", Line: 3, Text: "t", Tags: []string{"external"}}}},
		{ID: "OPS05-BP08", QuestionID: "dev-integ", ChoiceID: "d", Status: scan.NotApplicable,
			Waiver: &scan.Waiver{Applied: true, Owner: "o", Expires: "2027-01-01", Reason: "r"}},
	}}
	es := evidenceScan("w1", r)
	if es.WorkloadID != "w1" || es.Commit != "abc" || es.ToolVersion != "v1" || len(es.Practices) != 2 {
		t.Fatalf("%+v", es)
	}
	if p := es.Practices[0]; p.Status != "found" || p.Confidence != "high" || len(p.Items) != 1 || p.Items[0].Line != 3 {
		t.Errorf("%+v", p)
	}
	if p := es.Practices[1]; !strings.Contains(p.Summary, "waived by o") {
		t.Errorf("waiver not carried: %+v", p)
	}
}

func TestProgressOnlyOnTerminals(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if showProgress("auto", f) {
		t.Error("progress on a regular file")
	}
	if !showProgress("always", f) || showProgress("never", f) {
		t.Error("--progress always/never ignored")
	}
	var b strings.Builder
	update, stop := progressLine(&b)
	update(scan.Progress{Seen: 1000, Read: 10})
	stop()
	if !strings.Contains(b.String(), "1000 files walked") || !strings.HasSuffix(b.String(), "\033[K") {
		t.Errorf("progress line %q", b.String())
	}
}
