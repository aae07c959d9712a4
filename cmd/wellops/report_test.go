package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reportCLI is a store with one answered workload and a milestone.
func reportCLI(t *testing.T) *storeCLI {
	c := sqliteCLI(t)
	c.ok("workload", "create", "결제 서비스", "--description", "card payments", "--region", "ap-northeast-2")
	c.ok("answer", "결제 서비스", "observability", "--select", "ops_observability_identify_kpis", "--notes", "대시보드 | SLO")
	c.ok("milestone", "create", "결제 서비스", "first review")
	c.ok("answer", "결제 서비스", "org-culture", "--na", "out_of_scope")
	return c
}

func TestReportFormats(t *testing.T) {
	c := reportCLI(t)
	dir := t.TempDir()
	for _, tt := range []struct {
		args  []string
		file  string
		check func(t *testing.T, b []byte)
	}{
		{[]string{"--lang", "ko"}, "r.pdf", func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("%PDF-1.7")) || !bytes.Contains(b, []byte("%%EOF")) {
				t.Errorf("not a whole PDF: %.20q", b)
			}
		}},
		{[]string{"--lang", "ko"}, "r.html", func(t *testing.T, b []byte) {
			if !strings.Contains(string(b), "렌즈 검토 보고서") || !strings.Contains(string(b), "결제 서비스") {
				t.Errorf("Korean HTML lacks its labels")
			}
		}},
		{[]string{"--format", "xlsx"}, "r.bin", func(t *testing.T, b []byte) {
			if _, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil {
				t.Errorf("XLSX is not a zip: %v", err)
			}
		}},
		{[]string{"--milestone", "1"}, "r.json", func(t *testing.T, b []byte) {
			var v struct {
				Milestone struct{ Number int }
				Pillars   []struct{ Questions []struct{ ID, Risk string } }
			}
			if err := json.Unmarshal(b, &v); err != nil || v.Milestone.Number != 1 {
				t.Fatalf("JSON at milestone 1: %v %+v", err, v.Milestone)
			}
			for _, q := range v.Pillars[0].Questions {
				if q.ID == "org-culture" && q.Risk != "UNANSWERED" {
					t.Errorf("milestone 1 shows a later answer: org-culture %s", q.Risk)
				}
			}
		}},
	} {
		t.Run(tt.file+strings.Join(tt.args, ""), func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			code, _, stderr := c.run(append([]string{"report", "결제 서비스", "-o", path}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, b)
		})
	}

	md := c.ok("report", "결제 서비스")
	if !strings.Contains(md, "# 결제 서비스 — Lens review report") || !strings.Contains(md, `대시보드 \| SLO`) {
		t.Errorf("Markdown on stdout:\n%.600s", md)
	}
	var cons struct {
		Summary struct{ Workloads int }
		Metrics []struct{ MetricType, WorkloadName string }
	}
	if err := json.Unmarshal([]byte(c.ok("report", "--consolidated", "--format", "json", "--environment", "production")), &cons); err != nil ||
		cons.Summary.Workloads != 1 || cons.Metrics[0].MetricType != "WORKLOAD" || cons.Metrics[0].WorkloadName != "결제 서비스" {
		t.Errorf("consolidated JSON: %v %+v", err, cons)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// A failed report leaves no file, and an existing file untouched.
func TestReportBadInput(t *testing.T) {
	c := reportCLI(t)
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.pdf")
	os.WriteFile(existing, []byte("keep me"), 0o644)
	for _, tt := range []struct {
		name string
		args []string
		want string
		code int
	}{
		{"unknown workload", []string{"report", "nope", "-o", filepath.Join(dir, "a.pdf")}, `workload "nope" not found`, 4},
		{"unknown milestone", []string{"report", "결제 서비스", "--milestone", "7", "-o", existing}, "milestone 7 not found", 4},
		{"unknown format", []string{"report", "결제 서비스", "--format", "docx", "-o", filepath.Join(dir, "b")}, "format: must be one of pdf, html, md, csv, xlsx, json", 3},
		{"unknown language", []string{"report", "결제 서비스", "--lang", "fr", "-o", filepath.Join(dir, "c.md")}, "unknown language", 3},
		{"unknown lens", []string{"report", "결제 서비스", "--lens", "nope", "-o", filepath.Join(dir, "d.md")}, "lens nope not found", 4},
		{"bad environment", []string{"report", "--consolidated", "--environment", "staging", "-o", filepath.Join(dir, "e.md")}, "environment: must be PRODUCTION or PREPRODUCTION", 3},
		{"filters without consolidated", []string{"report", "결제 서비스", "--include-shared"}, "go with --consolidated", 2},
		{"no workload", []string{"report"}, "wrong number of arguments", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := c.run(tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files after failed reports: %v, want only old.pdf", names)
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Errorf("a failed report changed an existing file: %q", b)
	}
}
