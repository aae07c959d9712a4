package scan

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedFiles adds every fixture file to a fuzz corpus, with its path.
func seedFiles(f *testing.F, add func(path string, data []byte)) {
	root := filepath.Join("testdata", "fixtures")
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err == nil && len(data) < 64<<10 {
			rel, _ := filepath.Rel(root, p)
			add(filepath.ToSlash(rel), data)
		}
		return nil
	})
}

// FuzzExtract feeds arbitrary bytes to every extractor under every kind of path. Nothing may
// panic, and every warning must name its file.
func FuzzExtract(f *testing.F) {
	seedFiles(f, func(p string, data []byte) { f.Add(p, data) })
	f.Add("a.yaml", []byte("a: &a [*a]\nb: *a\n"))
	f.Add("x.json", []byte(`{"panels":[{"panels":[1,{"x":[]}]}],"title":1}`))
	f.Add(".github/workflows/w.yml", []byte("on: {push: {tags: [v*]}}\njobs: {a: {needs: [a], steps: [{run: make test}]}}"))
	v := newVocab()
	f.Fuzz(func(t *testing.T, p string, data []byte) {
		if !fs.ValidPath(p) || len(data) > 1<<20 {
			return
		}
		kind := classify(p)
		if kind == kindNone || kind == kindGoSource || kind == kindPySource {
			kind = kindYAML
		}
		var facts Facts
		extract(&facts, p, kind, data, v)
		for _, w := range facts.Warnings {
			if w.Path != p {
				t.Fatalf("warning names %q, want %q", w.Path, p)
			}
		}
		// The checks must cope with whatever the extractors made of it.
		facts.Files = []string{p}
		facts.finish()
		checks, err := bindChecks(mustMeta(t), registry())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range checks {
			if r := runOne(c, &facts); r.Status == Inconclusive {
				t.Fatalf("%s failed on %q: %s", c.meta.ID, p, r.Error)
			}
		}
	})
}

func mustMeta(t *testing.T) []checkMeta {
	m, err := loadCheckMeta()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// FuzzParseJSON: the position-keeping JSON reader accepts exactly what encoding/json accepts
// (up to its depth bound) and never panics.
func FuzzParseJSON(f *testing.F) {
	seedFiles(f, func(p string, data []byte) {
		if strings.HasSuffix(p, ".json") {
			f.Add(data)
		}
	})
	f.Add([]byte(`{"a":[1,2,{"b":null}],"c":true,"d":"\u00e9"}`))
	f.Add([]byte(`[[[[[[[]]]]]]]`))
	f.Add([]byte(`{"a":1} x`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseJSON(data)
		valid := json.Valid(data)
		if err == nil && !valid {
			t.Fatalf("parseJSON accepted invalid JSON %q", data)
		}
		if err != nil && valid && !strings.Contains(err.Error(), "nested too deeply") {
			t.Fatalf("parseJSON rejected valid JSON %q: %v", data, err)
		}
		if err == nil && d.root == nil {
			t.Fatal("no tree")
		}
	})
}

// FuzzSource: the Go and Python readers take any bytes, end, and report lines inside the
// input; a prefix of a file never yields an import the whole file does not have.
func FuzzSource(f *testing.F) {
	f.Add([]byte("package a\nimport (\n\t\"log/slog\"\n)\nfunc f() { mux.Handle(\"/metrics\", h) }\n"), 20)
	f.Add([]byte("/* x\n*/ package a; import `net/http`; var s = \"traceparent\\\"\" + 'x'"), 7)
	f.Add([]byte("from a import (b,\n c)\nimport d\n\"\"\"\nimport e\n"), 3)
	f.Fuzz(func(t *testing.T, data []byte, cut int) {
		if len(data) > 1<<16 {
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		whole, _ := goImports(data, true)
		for _, im := range whole {
			if im.line < 1 || im.line > lines {
				t.Fatalf("import %q at line %d of %d", im.path, im.line, lines)
			}
		}
		if cut >= 0 && cut < len(data) {
			part, _ := goImports(data[:cut], false)
			if len(part) > len(whole) {
				t.Fatalf("a prefix has %d imports, the whole file %d", len(part), len(whole))
			}
		}
		scanGoBody(data, func(_ SignalKind, line int, _ string) {
			if line < 1 || line > lines {
				t.Fatalf("body finding at line %d of %d", line, lines)
			}
		})
		for _, im := range pythonImports(data) {
			if im.line < 1 || im.line > lines {
				t.Fatalf("python import %q at line %d of %d", im.path, im.line, lines)
			}
		}
	})
}

// FuzzGitignore: any pattern file and any path; matching terminates and never panics, and a
// rule that matches a directory is what prunes it.
func FuzzGitignore(f *testing.F) {
	f.Add([]byte("*.log\n!keep.log\n/build/\n**/tmp/**\na/**/b\n\\#x\n[a-\n"), "a/x/y/b", true)
	f.Add([]byte("**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/x\n"), strings.Repeat("d/", 60)+"x", false)
	f.Fuzz(func(t *testing.T, patterns []byte, p string, isDir bool) {
		if len(patterns) > 1<<16 || !fs.ValidPath(p) {
			return
		}
		var s ignoreSet
		s.add(".", parseGitignore(patterns))
		s.ignored(p, isDir)
	})
}

// FuzzYAMLHelpers: multi-document splitting and template neutralising keep the line count,
// which is what keeps every reported line number right.
func FuzzYAMLHelpers(f *testing.F) {
	seedFiles(f, func(p string, data []byte) {
		if strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") {
			f.Add(data)
		}
	})
	f.Add([]byte("---\nkind: CustomResourceDefinition\nspec: {}\n---\nkind: Deployment\n"))
	f.Add([]byte("a: {{ .Values.x }}\n{{- if x }}\nb: 1\n{{ end\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := bytes.Count(data, []byte("\n"))
		if got := bytes.Count(blankCRDs(data), []byte("\n")); got != n {
			t.Fatalf("blankCRDs changed the line count: %d → %d", n, got)
		}
		if got := bytes.Count(neutraliseTemplates(data), []byte("\n")); got != n {
			t.Fatalf("neutraliseTemplates changed the line count: %d → %d", n, got)
		}
		classifyStep(string(data))
		makeTargets(string(data))
	})
}
