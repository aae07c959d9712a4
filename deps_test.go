package wellops_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The domain must stay free of adapters and I/O plumbing, so that every adapter can depend on
// it and none of them on each other. These lists are the architecture; change them on purpose.
var (
	// The core may import the standard library and the pure lens engine, nothing else.
	coreAllowed = []string{"github.com/wellops/wellops/lens"}
	coreBanned  = []string{"database/sql", "net/http"}

	// Adapters must not import each other: only cmd/ wires them together.
	adapters = []string{"sqldb", "waapi", "ui", "report", "scan", "awsimport"}
)

func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}|{{.ImportPath}}", pkg).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go list %s: %v\n%s", pkg, err, ee.Stderr)
		}
		t.Fatalf("go list %s: %v", pkg, err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

func TestCoreImportsOnlyStdlibAndLens(t *testing.T) {
	const mod = "github.com/wellops/wellops"
	for _, line := range deps(t, mod) {
		nonStd, path, _ := strings.Cut(line, "|")
		for _, b := range coreBanned {
			if path == b {
				t.Errorf("core package imports %s; keep I/O in adapters", b)
			}
		}
		if nonStd == "" || nonStd == mod {
			continue
		}
		ok := false
		for _, a := range coreAllowed {
			if nonStd == a {
				ok = true
			}
		}
		if !ok {
			t.Errorf("core package depends on %s; it may import only the standard library and %v", nonStd, coreAllowed)
		}
	}
}

func TestAdaptersDoNotImportEachOther(t *testing.T) {
	const mod = "github.com/wellops/wellops/"
	for _, a := range adapters {
		out, err := exec.Command("go", "list", "-e", "-f", "{{.Dir}}", mod+a).Output()
		if err != nil || strings.TrimSpace(string(out)) == "" {
			continue // not written yet
		}
		for _, line := range deps(t, mod+a+"/...") {
			_, path, _ := strings.Cut(line, "|")
			for _, other := range adapters {
				if other == a {
					continue
				}
				if path == mod+other || strings.HasPrefix(path, mod+other+"/") {
					t.Errorf("adapter %s imports adapter %s; only cmd/ may wire adapters together", a, other)
				}
			}
		}
	}
}
