package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wellops/wellops/lens"
)

// runCLI runs wellops with args and returns the exit status and both outputs.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	code = run(context.Background(), e, args)
	return code, out.String(), errOut.String()
}

// cliCase is one command line and what it must print, in parts, and exit with.
type cliCase struct {
	name       string
	args       []string
	wantCode   int
	wantStdout []string
	wantStderr []string
}

// runCases runs each case with prefix before its arguments.
func runCases(t *testing.T, prefix []string, tests []cliCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append(slices.Clone(prefix), tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout: %.2000s\nstderr: %s", code, tt.wantCode, stdout, stderr)
			}
			for _, w := range tt.wantStdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout does not contain %q:\n%.2000s", w, stdout)
				}
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, stderr)
				}
			}
		})
	}
}

const validLens = `{
  "schemaVersion": "2021-11-01",
  "name": "Small lens",
  "description": "Two questions.",
  "pillars": [{
    "id": "pillar_one", "name": "Pillar one",
    "questions": [
      {"id": "q_one", "title": "First?", "choices": [
        {"id": "c_yes", "title": "Yes", "improvementPlan": {"displayText": "Say yes"}},
        {"id": "q_one_no", "title": "None of these"}
      ], "riskRules": [{"condition": "c_yes", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]},
      {"id": "q_two", "title": "Second?", "choices": [
        {"id": "c_yes", "title": "Yes", "improvementPlan": {"displayText": "Say yes"}}
      ], "riskRules": [{"condition": "default", "risk": "NO_RISK"}]}
    ]
  }]
}`

// writeFiles writes name → content into a temporary directory and returns its path.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLensValidate(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"good.json": validLens,
		"nodefault.json": strings.Replace(strings.Replace(validLens, `"condition": "default", "risk": "HIGH_RISK"`, `"condition": "!c_yes", "risk": "HIGH_RISK"`, 1),
			`"id": "pillar_one"`, `"id": "p1"`, 1),
		"syntax.json": "{\n  \"name\": \"x\",\n}",
		"types.json":  `{"schemaVersion": "2021-11-01", "name": 7, "description": "d", "pillars": []}`,
	})
	path := func(name string) string { return filepath.Join(dir, name) }
	tests := []cliCase{
		{"valid", []string{path("good.json")}, 0, []string{path("good.json") + ": ok (1 pillar, 2 questions)"}, nil},
		{"every problem with its path", []string{path("nodefault.json")}, 1, nil, []string{
			path("nodefault.json") + ": 2 problems",
			path("nodefault.json") + ": pillars[0].id: must be 3–128 characters",
			path("nodefault.json") + `: pillars[0].questions[0].riskRules: question q_one must have a rule with condition "default"`,
		}},
		{"syntax error with line and column", []string{path("syntax.json")}, 1, nil, []string{path("syntax.json") + ":3:1: invalid character '}'"}},
		{"wrong type", []string{path("types.json")}, 1, nil, []string{"name: must be a string (found number 7)", "pillars: must have 1–10 pillars"}},
		{"missing file", []string{path("absent.json")}, 1, nil, []string{path("absent.json") + ": open"}},
		{"several files, one bad", []string{path("good.json"), path("syntax.json")}, 1, []string{"good.json: ok"}, []string{"syntax.json:3:1"}},
		{"no files", nil, 2, nil, []string{"wrong number of arguments", "Usage: wellops lens validate FILE..."}},
		{"help", []string{"--help"}, 0, nil, []string{"Usage: wellops lens validate FILE..."}},
	}
	runCases(t, []string{"lens", "validate"}, tests)
}

func TestLensValidateRefLenses(t *testing.T) {
	ecs := "../../../shared/ref/lenses/aws-samples__custom-lens-wa-hub__Amazon_ECS_Lens.json"
	if _, err := os.Stat(ecs); err != nil {
		t.Skipf("%s not found: the shared reference folder is absent", ecs)
	}
	code, _, stderr := runCLI(t, "lens", "validate", ecs)
	want := `pillars[1].questions[2].riskRules: question NET3 must have a rule with condition "default"`
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, want)
	}
}

func TestLensShow(t *testing.T) {
	dir := writeFiles(t, map[string]string{"small.json": validLens, "bad.json": "[]"})
	tests := []cliCase{
		{"built-in by default", nil, 0, []string{
			"Operational Excellence\nalias wellarchitected, whitepaper edition 2024-11-06\n",
			"\noperationalExcellence  Operational Excellence\n",
			"\n  priorities  How do you determine what your priorities are?\n",
			"    ops_priorities_ext_cust_needs  Evaluate external customer needs  [OPS01-BP01, HIGH]\n",
			"    ops_priorities_no  None of these\n",
		}, nil},
		{"Korean", []string{"wellarchitected", "--lang", "ko"}, 0, []string{"운영 우수성", "해당 사항 없음", "[OPS01-BP01, HIGH]"}, nil},
		{"flag before the alias", []string{"--lang=ko", "wellarchitected"}, 0, []string{"운영 우수성"}, nil},
		{"file", []string{filepath.Join(dir, "small.json")}, 0, []string{
			"Small lens\n1 pillar, 2 questions, 3 choices\n", "\n  q_one  First?\n    c_yes  Yes\n    q_one_no  None of these\n",
		}, nil},
		{"unknown language", []string{"--lang", "fr"}, 1, nil, []string{`unknown language "fr"`, "en, ko"}},
		{"--lang with a file", []string{filepath.Join(dir, "small.json"), "--lang", "ko"}, 1, nil, []string{"--lang applies to the built-in lens only"}},
		{"invalid file", []string{filepath.Join(dir, "bad.json")}, 1, nil, []string{"bad.json: invalid lens: 1 problem\nlens: must be an object"}},
		{"unknown alias", []string{"serverless"}, 1, nil, []string{`unknown lens "serverless" (known: wellarchitected), and there is no file serverless`}},
		{"two arguments", []string{"a", "b"}, 2, nil, []string{"wrong number of arguments"}},
		{"bad flag", []string{"--colour"}, 2, nil, []string{"flag provided but not defined: -colour"}},
		{"help", []string{"-h"}, 0, nil, []string{"Usage: wellops lens show [ALIAS|FILE] [--lang en|ko] [--json]", "-json"}},
	}
	runCases(t, []string{"lens", "show"}, tests)
}

func TestLensShowJSON(t *testing.T) {
	for _, lang := range lens.Languages() {
		code, stdout, stderr := runCLI(t, "lens", "show", "--json", "--lang", lang)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		want, err := lens.Builtin(lang)
		if err != nil {
			t.Fatal(err)
		}
		wantJSON, _ := want.Export()
		if stdout != string(wantJSON) {
			t.Errorf("%s: --json output is not the exported lens", lang)
		}
		if _, err := lens.Parse([]byte(stdout)); err != nil {
			t.Errorf("%s: --json output does not parse: %v", lang, err)
		}
	}
}

func TestLensExport(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "oe.ko.json")
	if err := os.WriteFile(out, []byte("old content"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "lens", "export", "wellarchitected", "--lang", "ko", "-o", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	l, err := lens.Parse(data)
	if err != nil {
		t.Fatalf("exported file does not parse: %v", err)
	}
	if l.Pillars[0].Name != "운영 우수성" {
		t.Errorf("pillar name %q, want the Korean one", l.Pillars[0].Name)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", fi.Mode().Perm(), err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the export (no temporary files left)", len(entries))
	}

	code, stdout, _ = runCLI(t, "lens", "export", "wellarchitected")
	if code != 0 || !strings.HasPrefix(stdout, "{\n  \"schemaVersion\": \"2021-11-01\",\n") {
		t.Errorf("export to stdout: exit %d, output starts %.60q", code, stdout)
	}
}

func TestLensExportErrors(t *testing.T) {
	runCases(t, []string{"lens", "export"}, []cliCase{
		{"unknown alias", []string{"serverless"}, 1, nil, []string{`wellops lens: unknown lens "serverless" (known: wellarchitected)`}},
		{"unknown language", []string{"wellarchitected", "--lang", "ja"}, 1, nil, []string{`unknown language "ja"`}},
		{"missing directory", []string{"wellarchitected", "-o", "/nonexistent-dir/x.json"}, 1, nil, []string{"nonexistent-dir"}},
		{"no alias", nil, 2, nil, []string{"Usage: wellops lens export ALIAS [--lang en|ko] [-o FILE]"}},
		{"help", []string{"--help"}, 0, nil, []string{"-o FILE"}},
	})
}

func TestLensHelp(t *testing.T) {
	code, stdout, _ := runCLI(t, "lens", "--help")
	if code != 0 || !strings.Contains(stdout, "validate") || !strings.Contains(stdout, "export") || !strings.Contains(stdout, "show") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
	code, _, stderr := runCLI(t, "lens", "frobnicate")
	if code != 2 || !strings.Contains(stderr, `unknown subcommand "frobnicate"`) {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}
