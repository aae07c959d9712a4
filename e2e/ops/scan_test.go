package ops

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wellops/wellops/e2e/harness"
)

// TestScanStaysInTheTree runs `wellops scan` on a repository that tries to make it read
// outside itself: symlinks to files and directories outside (relative and absolute), a
// symlink loop, an alert whose runbook_url climbs out with ../, and a CODEOWNERS entry that
// does. Files outside hold evidence the scanner would count and a marker; the report must
// hold neither, name no path outside the tree, and say that the symlinks were skipped.
func TestScanStaysInTheTree(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	repo := filepath.Join(root, "repo")
	files := map[string]string{
		"outside/runbook.md":                "# Runbook OUTSIDE_SECRET_MARKER\n\n## Rollback\nsteps\n",
		"outside/gh/workflows/deploy.yml":   "name: deploy OUTSIDE_SECRET_MARKER\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go test ./...\n",
		"outside/secret.yaml":               "apiVersion: v1\nkind: Secret\nmetadata:\n  name: OUTSIDE_SECRET_MARKER\n",
		"repo/README.md":                    "# repo\n",
		"repo/docs/runbooks/real.md":        "# Real runbook\n",
		"repo/alerts/rules.yml":             "groups:\n- name: g\n  rules:\n  - alert: Down\n    expr: up == 0\n    annotations:\n      runbook_url: ../../outside/runbook.md\n",
		"repo/CODEOWNERS":                   "../outside/ @evil\n/docs/ @team\n",
		"repo/..looks-like-traversal.md":    "# a file whose name starts with two dots\n",
		"repo/docs/runbooks/..%2f..%2fx.md": "# another odd name\n",
	}
	for p, body := range files {
		p = filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"repo/docs/runbooks/stolen.md": "../../../outside/runbook.md",
		"repo/.github":                 "../outside/gh",
		"repo/k8s/secret.yaml":         filepath.Join(outside, "secret.yaml"),
		"repo/loop":                    ".",
		"repo/up":                      "..",
	}
	for p, target := range links {
		p = filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}

	out, err := exec.Command(harness.Binary(t), "scan", repo, "--format", "json", "--no-git", "--progress", "never").Output()
	if err != nil {
		t.Fatalf("wellops scan: %v %s", err, errText(err))
	}
	text := string(out)
	if strings.Contains(text, "OUTSIDE_SECRET_MARKER") {
		t.Error("the report holds text read from outside the tree")
	}
	var report any
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("scan --format json: %v", err)
	}
	var paths []string
	collectPaths(report, &paths)
	for _, p := range paths {
		if strings.HasPrefix(p, "..") || strings.HasPrefix(p, "/") || strings.Contains(p, "outside") {
			t.Errorf("the report names a path outside the tree: %q", p)
		}
	}
	for _, p := range paths {
		if strings.HasPrefix(p, "docs/runbooks/stolen.md") || strings.HasPrefix(p, ".github/") || strings.HasPrefix(p, "k8s/secret.yaml") || strings.HasPrefix(p, "loop/") || strings.HasPrefix(p, "up/") {
			t.Errorf("the report counts evidence behind a symlink: %q", p)
		}
	}
	if !slices.Contains(paths, "docs/runbooks/real.md") {
		t.Errorf("the report does not name the runbook inside the tree (paths %v): the scan read nothing", paths)
	}
	if !strings.Contains(strings.ToLower(text), "symlink") {
		t.Errorf("the report does not say that symlinks were skipped:\n%.2000s", text)
	}
}

// collectPaths gathers every "path" or "Path" string member in a decoded JSON document.
func collectPaths(v any, out *[]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && strings.EqualFold(k, "path") {
				*out = append(*out, s)
			}
			collectPaths(x, out)
		}
	case []any:
		for _, x := range v {
			collectPaths(x, out)
		}
	}
}
