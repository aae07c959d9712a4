package scan

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// scanDir scans a directory the way the CLI does: through DirFS, which refuses to leave it.
func scanDir(t testing.TB, dir string, opts Options) *Report {
	t.Helper()
	root, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	if opts.Root == "" {
		opts.Root = filepath.Base(dir)
	}
	if opts.ToolVersion == "" {
		opts.ToolVersion = "test"
	}
	r, err := Scan(context.Background(), root, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./scan -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./scan -update and review the diff):\n%s", name, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d\nwant: %s\n got: %s", i+1, w, g)
		}
	}
	return ""
}

// checkDigest renders every check's outcome compactly: one line per check, its evidence and
// gaps indented. Negative results are part of the golden file on purpose.
func checkDigest(r *Report) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "files: %d seen, %d read, skipped %v\n", r.Files.Seen, r.Files.Read, r.Files.Skipped)
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", warningText(w))
	}
	for _, c := range r.Checks {
		conf := ""
		if c.Confidence != "" {
			conf = " (" + string(c.Confidence) + ")"
		}
		fmt.Fprintf(&b, "%s %s%s: %s\n", c.ID, c.Status, conf, c.Summary)
		for _, it := range c.Evidence {
			fmt.Fprintf(&b, "    + %s\n", itemText(it))
		}
		for _, it := range c.Gaps {
			fmt.Fprintf(&b, "    - %s\n", itemText(it))
		}
	}
	return b.Bytes()
}

// TestFixtures scans one fixture tree per check family and compares every check's result with
// a golden file. The trees hold positive and negative cases side by side.
func TestFixtures(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("testdata", "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			r := scanDir(t, filepath.Join("testdata", "fixtures", e.Name()), Options{})
			golden(t, e.Name()+".txt", checkDigest(r))
		})
	}
}

// TestFormats renders one fixture in every format against golden files.
func TestFormats(t *testing.T) {
	r := scanDir(t, filepath.Join("testdata", "fixtures", "k8s"), Options{})
	for _, f := range Formats() {
		t.Run(f, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, f, r); err != nil {
				t.Fatal(err)
			}
			golden(t, "format."+f, b.Bytes())
		})
	}
	if err := Write(&bytes.Buffer{}, "yaml", r); err == nil {
		t.Error("an unknown format was accepted")
	}
}
