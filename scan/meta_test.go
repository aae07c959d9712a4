package scan

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCatalog keeps the embedded facts whole: 68 best practices in 11 questions, with the
// class counts of oe-automatable.md (23 strong, 31 weak, 14 human-only).
func TestCatalog(t *testing.T) {
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.bps) != 68 || len(cat.questions) != 11 {
		t.Fatalf("%d best practices in %d questions, want 68 in 11", len(cat.bps), len(cat.questions))
	}
	classes := map[string]int{}
	qs := map[string]bool{}
	for _, q := range cat.questions {
		qs[q.ID] = true
	}
	for _, bp := range cat.bps {
		classes[bp.Class]++
		if !qs[bp.QuestionID] || !strings.HasPrefix(bp.ChoiceID, "ops_") || riskRank(bp.Risk) == 0 {
			t.Errorf("bad row %+v", bp)
		}
	}
	if classes["strong"] != 23 || classes["weak"] != 31 || classes["human-only"] != 14 {
		t.Errorf("classes %v, want 23 strong, 31 weak, 14 human-only", classes)
	}
}

// TestCheckRegistry: every registered check has metadata and the reverse; every best practice
// a check names exists; every strong practice and at least 20 weak ones have a direct check;
// human-only practices have none (they may have hints).
func TestCheckRegistry(t *testing.T) {
	metas, err := loadCheckMeta()
	if err != nil {
		t.Fatal(err)
	}
	checks, err := bindChecks(metas, registry())
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := loadCatalog()
	direct := map[string]int{}
	for _, c := range checks {
		m := c.meta
		if !strings.HasPrefix(m.ID, "OE-") || m.Title == "" || m.Why == "" || m.Satisfy == "" || m.Family == "" {
			t.Errorf("%s: incomplete metadata", m.ID)
		}
		for _, id := range append(append([]string{}, m.BestPractices...), m.Supports...) {
			if cat.byID[id] == nil {
				t.Errorf("%s names unknown best practice %s", m.ID, id)
			}
		}
		for _, id := range m.BestPractices {
			direct[id]++
		}
	}
	weak := 0
	for _, bp := range cat.bps {
		switch bp.Class {
		case "strong":
			if direct[bp.ID] == 0 {
				t.Errorf("strong practice %s has no check", bp.ID)
			}
		case "weak":
			if direct[bp.ID] > 0 {
				weak++
			}
		case "human-only":
			if direct[bp.ID] > 0 {
				t.Errorf("human-only practice %s has a direct check", bp.ID)
			}
		}
	}
	if weak < 20 {
		t.Errorf("%d weak practices have checks, want at least 20", weak)
	}
	t.Logf("%d checks; all 23 strong and %d of 31 weak practices covered", len(checks), weak)
}

// TestChecksDoc keeps docs/checks.md generated from checks.yaml.
func TestChecksDoc(t *testing.T) {
	var b bytes.Buffer
	if err := WriteChecksDoc(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "docs", "checks.md")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, b.Bytes()) {
		t.Errorf("docs/checks.md is out of date with scan/checks.yaml: run go test ./scan -run TestChecksDoc -update")
	}
}
