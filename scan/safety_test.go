package scan

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

func scanMap(t *testing.T, fsys fstest.MapFS, opts Options) *Report {
	t.Helper()
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	r, err := Scan(ctx, fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func checkOf(r *Report, id string) *CheckResult {
	for i := range r.Checks {
		if r.Checks[i].ID == id {
			return &r.Checks[i]
		}
	}
	return nil
}

func hasWarning(r *Report, path string, line int, substr string) bool {
	for _, w := range r.Warnings {
		if w.Path == path && (line == 0 || w.Line == line) && strings.Contains(w.Message, substr) {
			return true
		}
	}
	return false
}

// TestBadInput: malformed files are warnings with file:line and the scan goes on; hostile
// YAML is bounded; nothing panics.
func TestBadInput(t *testing.T) {
	aliasBomb := "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		aliasBomb += n + ": &" + n + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n"
		prev = n
	}
	deep := strings.Repeat("[", 10500) + strings.Repeat("]", 10500)
	deepJSON := `{"panels":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}`
	fsys := fstest.MapFS{
		"bad.yaml":                {Data: []byte("groups:\n  - name: x\n    rules: [\n")},
		"dash.json":               {Data: []byte("{\n  \"panels\": [\n    {\"title\": }\n  ]\n}\n")},
		"broken.tf":               {Data: []byte("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n")},
		"bomb.yaml":               {Data: []byte(aliasBomb + "groups: *i\n")},
		"deep.yaml":               {Data: []byte(deep)},
		"deep.json":               {Data: []byte(deepJSON)},
		"selfref.yaml":            {Data: []byte("a: &a\n  b: *a\nroute: *a\nreceivers: *a\n")},
		"binary.yaml":             {Data: []byte("kind: Deployment\x00\x01\x02")},
		"big.yaml":                {Data: bytes.Repeat([]byte("# padding\n"), 4000)},
		".github/workflows/x.yml": {Data: []byte("on: push\njobs:\n  t:\n    steps:\n      - run: go test ./...\n")},
		"empty.json":              {Data: []byte("")},
		"nul.tf":                  {Data: []byte("resource \"x\" \"y\" {}\x00")},
		"weird.yaml":              {Data: []byte("--- !!binary\n--- [\n")},
	}
	r := scanMap(t, fsys, Options{MaxFileSize: 30_000})
	for _, want := range []struct {
		path string
		line int
		msg  string
	}{
		{"bad.yaml", 0, "malformed YAML"},
		{"dash.json", 3, "malformed JSON"},
		{"broken.tf", 2, "malformed HCL"},
		{"deep.yaml", 0, "malformed YAML"},
	} {
		if !hasWarning(r, want.path, want.line, want.msg) {
			t.Errorf("no warning %q for %s:%d; warnings: %v", want.msg, want.path, want.line, r.Warnings)
		}
	}
	if r.Files.Skipped[skipBinary] != 2 {
		t.Errorf("binary files skipped = %d, want 2 (%v)", r.Files.Skipped[skipBinary], r.Files.Skipped)
	}
	if r.Files.Skipped[skipTooLarge] != 1 {
		t.Errorf("large files skipped = %d, want 1", r.Files.Skipped[skipTooLarge])
	}
	if c := checkOf(r, "OE-CI-TESTS"); c.Status != Found {
		t.Errorf("the scan did not go on past bad files: OE-CI-TESTS is %s", c.Status)
	}
}

// TestScopeRules applies the corpus scope rules: vendored trees are not walked, test fixtures
// never count, examples count flagged, commented-out configuration does not count, and
// .gitignore is honoured.
func TestScopeRules(t *testing.T) {
	rule := func(name string) []byte {
		return []byte("groups:\n  - name: g\n    rules:\n      - alert: " + name + "\n        expr: up == 0\n        labels: {severity: critical}\n        annotations: {summary: s, runbook_url: https://r}\n")
	}
	fsys := fstest.MapFS{
		"vendor/github.com/x/CODEOWNERS":          {Data: []byte("* @vendored\n")},
		"node_modules/pkg/.github/dependabot.yml": {Data: []byte("version: 2\nupdates:\n  - package-ecosystem: npm\n")},
		"pkg/testdata/rules.yaml":                 {Data: rule("FixtureAlert")},
		"test/e2e/rules.yaml":                     {Data: rule("E2EAlert")},
		"examples/rules.yaml":                     {Data: rule("ExampleAlert")},
		"ignored/rules.yaml":                      {Data: rule("IgnoredAlert")},
		"build.log":                               {Data: []byte("x")},
		".gitignore":                              {Data: []byte("/ignored/\n*.log\n!keep.log\n")},
		".github/dependabot.yml":                  {Data: []byte("version: 2\nupdates:\n#  - package-ecosystem: gomod\n#    directory: /\n")},
		"pkg/handler_test.go":                     {Data: []byte("package pkg\n")},
	}
	r := scanMap(t, fsys, Options{})
	if c := checkOf(r, "OE-OWNERS"); c.Status == Found {
		t.Errorf("vendored CODEOWNERS counted: %s", c.Summary)
	}
	alerts := checkOf(r, "OE-ALERT-RULES")
	if alerts.Status != Partial || alerts.Counts["examples"] != 0 && alerts.Counts["alerts"] != 0 {
		t.Errorf("alerts: %s %s; want partial (example only)", alerts.Status, alerts.Summary)
	}
	for _, it := range alerts.Evidence {
		if strings.Contains(it.Text, "Fixture") || strings.Contains(it.Text, "E2E") || strings.Contains(it.Text, "Ignored") {
			t.Errorf("out-of-scope alert counted: %v", it)
		}
		if strings.Contains(it.Text, "ExampleAlert") && !hasTag(it, TagExample) {
			t.Errorf("example not flagged: %v", it)
		}
	}
	deps := checkOf(r, "OE-DEPS-UPDATES")
	if deps.Status == Found {
		t.Errorf("commented-out dependabot counted: %s", deps.Summary)
	}
	if len(deps.Gaps) != 1 || !strings.Contains(deps.Gaps[0].Text, "commented out") {
		t.Errorf("commented-out dependabot not reported as a gap: %v", deps.Gaps)
	}
	if r.Files.Skipped[skipGitignored] != 2 || r.Files.Skipped[skipVendored] != 2 {
		t.Errorf("skipped = %v, want 2 gitignored and 2 vendored", r.Files.Skipped)
	}
	if c := checkOf(r, "OE-CI-TESTS"); c.Counts["testFiles"] != 1 {
		t.Errorf("test files = %d, want 1: test files count for testing even though fixtures do not", c.Counts["testFiles"])
	}
}

// TestSymlinksStayInside builds a tree with a symlink to a directory outside it and one to a
// file outside it. The walker must not read through either; os.Root would refuse anyway.
func TestSymlinksStayInside(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "CODEOWNERS"), []byte("* @outsider\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(outside, "runbooks"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "runbooks", "secret.md"), []byte("# Runbook from outside\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tree := t.TempDir()
	if err := os.MkdirAll(filepath.Join(tree, ".github"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		".github/CODEOWNERS": filepath.Join(outside, "CODEOWNERS"),
		"runbooks":           filepath.Join(outside, "runbooks"),
		"inside-link.md":     "README.md",
	} {
		if err := os.Symlink(target, filepath.Join(tree, link)); err != nil {
			t.Skipf("symlinks not supported here: %v", err)
		}
	}
	if err := os.WriteFile(filepath.Join(tree, "README.md"), []byte("# App\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(tree, "pipe.yaml"), 0o644); err == nil {
		defer os.Remove(filepath.Join(tree, "pipe.yaml"))
	}
	r := scanDir(t, tree, Options{})
	if r.Files.Skipped[skipSymlink] != 3 {
		t.Errorf("symlinks skipped = %d, want 3 (%v)", r.Files.Skipped[skipSymlink], r.Files.Skipped)
	}
	if c := checkOf(r, "OE-OWNERS"); c.Status == Found {
		t.Errorf("CODEOWNERS read through a symlink out of the tree: %s", c.Summary)
	}
	if c := checkOf(r, "OE-RUNBOOKS"); c.Status == Found {
		t.Errorf("runbooks read through a symlink out of the tree: %s", c.Summary)
	}

	// And the guard underneath: the scanner's file system refuses to open through a link at
	// all, even one that stays inside; os.Root (its fallback) refuses links that leave.
	d, err := OpenDir(tree)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, p := range []string{".github/CODEOWNERS", "runbooks/secret.md", "../" + filepath.Base(outside) + "/CODEOWNERS"} {
		if f, err := d.Open(p); err == nil {
			f.Close()
			t.Errorf("DirFS opened %s", p)
		}
	}
	if f, err := d.Open("README.md"); err != nil {
		t.Errorf("DirFS cannot open a plain file: %v", err)
	} else {
		f.Close()
	}
	root, err := os.OpenRoot(tree)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if _, err := root.FS().Open(".github/CODEOWNERS"); err == nil {
		t.Error("os.Root opened a file outside the tree")
	}
}

// TestFailingCheckIsInconclusive: a check that panics becomes an "error" result and the rest
// of the scan is unaffected.
func TestFailingCheckIsInconclusive(t *testing.T) {
	c := check{meta: checkMeta{ID: "OE-TEST-PANIC", BestPractices: []string{"OPS05-BP04"}}, run: func(*Facts) outcome { panic("boom") }}
	res := runOne(c, &Facts{})
	if res.Status != Inconclusive || !strings.Contains(res.Error, "boom") {
		t.Errorf("got %s %q, want an error result", res.Status, res.Error)
	}
	cat, _ := loadCatalog()
	bps := score(cat, []check{c}, []CheckResult{res}, nil)
	for _, bp := range bps {
		if bp.ID == "OPS05-BP04" && bp.Status != Unknown {
			t.Errorf("a failed check decided %s: %s", bp.ID, bp.Status)
		}
	}
}

func TestCancelledScan(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Scan(ctx, fstest.MapFS{"a.yaml": {Data: []byte("a: 1")}}, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}
