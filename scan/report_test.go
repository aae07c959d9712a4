package scan

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// waiverTree has CI with tests (OPS05-BP02 found), no environments (OPS05-BP08 not found,
// medium risk), and no CODEOWNERS (OPS02-BP01 not found, high risk).
func waiverTree(waivers string) fstest.MapFS {
	return fstest.MapFS{
		".github/workflows/ci.yml": {Data: []byte("on: push\njobs:\n  t:\n    steps:\n      - run: go test ./...\n")},
		".wellops.yaml":            {Data: []byte(waivers)},
	}
}

func TestWaivers(t *testing.T) {
	tests := []struct {
		name       string
		file       string
		bp         string
		wantStatus Status
		applied    bool
		expired    bool
		problem    string
	}{
		{"applied to a best practice", `waivers:
  - bestPractice: OPS05-BP08
    status: not_applicable
    reason: single environment by design (internal batch tool)
    owner: team-batch
    expires: 2026-12-31
`, "OPS05-BP08", NotApplicable, true, false, ""},
		{"expired is reported and not applied", `waivers:
  - bestPractice: OPS05-BP08
    status: not_applicable
    reason: old decision
    owner: team-batch
    expires: 2026-01-31
`, "OPS05-BP08", NotFound, false, true, ""},
		{"applied to a check", `waivers:
  - check: OE-OWNERS
    status: found
    reason: ownership is kept in the service catalog
    owner: platform
    expires: 2027-01-01
`, "OPS02-BP01", Found, true, false, ""},
		{"reason required", `waivers:
  - bestPractice: OPS05-BP08
    status: not_applicable
    owner: x
    expires: 2027-01-01
`, "OPS05-BP08", NotFound, false, false, "reason"},
		{"unknown best practice", `waivers:
  - bestPractice: OPS99-BP01
    status: found
    reason: r
    owner: o
    expires: 2027-01-01
`, "OPS05-BP08", NotFound, false, false, "unknown best practice"},
		{"bad date", `waivers:
  - bestPractice: OPS05-BP08
    status: found
    reason: r
    owner: o
    expires: next year
`, "OPS05-BP08", NotFound, false, false, "YYYY-MM-DD"},
		{"bad status", `waivers:
  - bestPractice: OPS05-BP08
    status: fine
    reason: r
    owner: o
    expires: 2027-01-01
`, "OPS05-BP08", NotFound, false, false, "status must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scanMap(t, waiverTree(tt.file), Options{})
			bp := r.BP(tt.bp)
			if bp.Status != tt.wantStatus {
				t.Errorf("%s status %s, want %s", tt.bp, bp.Status, tt.wantStatus)
			}
			if len(r.Waivers) != 1 {
				t.Fatalf("waivers = %v", r.Waivers)
			}
			w := r.Waivers[0]
			if w.Applied != tt.applied || w.Expired != tt.expired || !strings.Contains(w.Problem, tt.problem) || (tt.problem == "") != (w.Problem == "") {
				t.Errorf("waiver = %+v", w)
			}
			if tt.applied && (bp.Waiver == nil || bp.Waiver.OriginalStatus == "") {
				t.Errorf("applied waiver not recorded on the result: %+v", bp.Waiver)
			}
			if !tt.applied && w.Line > 0 && !hasWarning(r, WaiverFile, w.Line, "") {
				t.Errorf("unapplied waiver has no warning: %v", r.Warnings)
			}
		})
	}
	r := scanMap(t, waiverTree("waivers: [\n"), Options{})
	if !hasWarning(r, WaiverFile, 0, "not valid YAML") {
		t.Errorf("malformed waiver file: no warning in %v", r.Warnings)
	}
}

func TestFailOn(t *testing.T) {
	r := scanMap(t, waiverTree(""), Options{})
	high, err := r.Failing("high")
	if err != nil {
		t.Fatal(err)
	}
	any, _ := r.Failing("any")
	none, _ := r.Failing("none")
	if len(none) != 0 || len(high) == 0 || len(any) <= len(high) {
		t.Errorf("none %d, high %d, any %d", len(none), len(high), len(any))
	}
	for _, bp := range high {
		if bp.Risk != "HIGH" || bp.Status != NotFound {
			t.Errorf("high failure %s %s %s", bp.ID, bp.Risk, bp.Status)
		}
	}
	if _, err := r.Failing("critical"); err == nil {
		t.Error("unknown level accepted")
	}
	// A waived practice never fails the run.
	w := scanMap(t, waiverTree("waivers:\n  - bestPractice: OPS02-BP01\n    status: not_applicable\n    reason: r\n    owner: o\n    expires: 2027-01-01\n"), Options{})
	after, _ := w.Failing("high")
	for _, bp := range after {
		if bp.ID == "OPS02-BP01" {
			t.Error("a waived practice failed --fail-on")
		}
	}
}

func TestSuggestions(t *testing.T) {
	r := &Report{BestPractices: []BPResult{
		{ID: "OPS05-BP02", QuestionID: "dev-integ", ChoiceID: "b", Status: Found, Confidence: High},
		{ID: "OPS05-BP04", QuestionID: "dev-integ", ChoiceID: "a", Status: Found, Confidence: Medium},
		{ID: "OPS05-BP07", QuestionID: "dev-integ", ChoiceID: "c", Status: Found, Confidence: Low},
		{ID: "OPS05-BP08", QuestionID: "dev-integ", ChoiceID: "d", Status: Partial, Confidence: High},
		{ID: "OPS05-BP03", QuestionID: "dev-integ", ChoiceID: "e", Status: Found, Confidence: High, Waiver: &Waiver{Applied: true}},
		{ID: "OPS02-BP01", QuestionID: "ops-model", ChoiceID: "x", Status: NotFound},
	}}
	want := map[string][]string{"dev-integ": {"a", "b"}}
	if got := r.Suggestions(); !reflect.DeepEqual(got, want) {
		t.Errorf("Suggestions() = %v, want %v", got, want)
	}
}

// TestHumanOnlyIsUnknown: practices no repository can show say so, whatever the hints.
func TestHumanOnlyIsUnknown(t *testing.T) {
	r := scanDir(t, "testdata/fixtures/deps", Options{})
	cat, _ := loadCatalog()
	for _, bp := range cat.bps {
		if bp.Class != "human-only" {
			continue
		}
		res := r.BP(bp.ID)
		if res.Status != Unknown || !strings.Contains(res.Summary, "a person must answer") {
			t.Errorf("%s: %s %q", bp.ID, res.Status, res.Summary)
		}
	}
	if r.BP("OPS03-BP05").Evidence == nil {
		t.Error("feature flags should show as hints on OPS03-BP05")
	}
}
