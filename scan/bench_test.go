package scan

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// benchTree scans dir b.N times through DirFS, as the CLI does.
func benchTree(b *testing.B, dir string, opts Options) {
	root, err := OpenDir(dir)
	if err != nil {
		b.Skipf("%s: %v", dir, err)
	}
	defer root.Close()
	b.ReportAllocs()
	var files int
	for b.Loop() {
		r, err := Scan(context.Background(), root, opts)
		if err != nil {
			b.Fatal(err)
		}
		files = r.Files.Seen
	}
	b.ReportMetric(float64(files), "files")
}

// BenchmarkScanCorpus scans the four corpus repositories (about 600 configuration files).
func BenchmarkScanCorpus(b *testing.B) { benchTree(b, corpusDir, Options{}) }

// BenchmarkScanGOROOT scans the Go toolchain's source (`go env GOROOT`): many files, few of
// them configuration.
func BenchmarkScanGOROOT(b *testing.B) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Skipf("go env GOROOT: %v", err)
	}
	benchTree(b, strings.TrimSpace(string(out)), Options{})
}

// BenchmarkScanLarge scans the tree in WELLOPS_BENCH_TREE (bench/scan.sh generates one that
// repeats the corpus to 50,000 files).
func BenchmarkScanLarge(b *testing.B) {
	dir := os.Getenv("WELLOPS_BENCH_TREE")
	if dir == "" {
		b.Skip("set WELLOPS_BENCH_TREE to a large tree (bench/scan.sh makes one)")
	}
	b.Run("cached", func(b *testing.B) { benchTree(b, filepath.Clean(dir), Options{}) })
	// Without the content cache every repeated file is parsed again: the parsers' own speed.
	b.Run("uncached", func(b *testing.B) { benchTree(b, filepath.Clean(dir), Options{NoContentCache: true}) })
}
