package scan

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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
	// The floor: the same listing and reading system calls the walk makes, for every file of
	// the tree, and nothing else (no classification, parse, cache or checks). cached/readall
	// is what the scanner's own work costs on top of the I/O any scanner must do.
	b.Run("readall", func(b *testing.B) { benchReadAll(b, filepath.Clean(dir)) })
	// Without the content cache every repeated file is parsed again: the parsers' own speed.
	b.Run("uncached", func(b *testing.B) { benchTree(b, filepath.Clean(dir), Options{NoContentCache: true}) })
}

// benchReadAll lists every directory and reads every regular file of dir through DirFS's
// directory handles, on GOMAXPROCS goroutines, as the walk does.
func benchReadAll(b *testing.B, dir string) {
	root, err := OpenDir(dir)
	if err != nil {
		b.Skipf("%s: %v", dir, err)
	}
	defer root.Close()
	if h, ok, _ := root.openHandle("."); !ok {
		b.Skip("no directory handles on this platform")
	} else {
		h.close()
	}
	var files atomic.Int64
	for b.Loop() {
		files.Store(0)
		var mu sync.Mutex
		cond := sync.NewCond(&mu)
		stack, pending := []string{"."}, 1 // pending: directories stacked or being read
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				dents, buf := make([]byte, 32<<10), []byte(nil)
				var entries []dirEntry
				for {
					mu.Lock()
					for len(stack) == 0 && pending > 0 {
						cond.Wait()
					}
					if len(stack) == 0 {
						mu.Unlock()
						return
					}
					dir := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					mu.Unlock()
					var subdirs []string
					if h, _, err := root.openHandle(dir); err == nil {
						entries, _ = h.list(dents, entries[:0])
						for _, e := range entries {
							switch {
							case e.typ.IsDir():
								subdirs = append(subdirs, join(dir, e.name))
							case e.typ.IsRegular():
								if data, err := h.readFile(e.name, buf, DefaultMaxFileSize, false); err == nil {
									buf = data[:0]
									files.Add(1)
								}
							}
						}
						h.close()
					}
					mu.Lock()
					stack = append(stack, subdirs...)
					pending += len(subdirs) - 1
					cond.Broadcast()
					mu.Unlock()
				}
			})
		}
		wg.Wait()
	}
	b.ReportMetric(float64(files.Load()), "files")
}
