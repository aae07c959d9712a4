package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sync"
	"sync/atomic"
)

// Skip reasons, as they appear in Report.Files.Skipped.
const (
	skipSymlink    = "symlink"
	skipTooLarge   = "too_large"
	skipBinary     = "binary"
	skipGitignored = "gitignored"
	skipVendored   = "vendored"
	skipUnreadable = "unreadable"
	skipSpecial    = "special" // devices, sockets, pipes: opening a FIFO would block
	skipTooDeep    = "too_deep"
)

// maxWalkDepth bounds directory nesting; deeper trees are skipped and counted.
const maxWalkDepth = 128

type fileJob struct {
	path string
	kind fileKind
	size int64
}

// collector runs the one walk and the pool of readers.
type collector struct {
	fsys    fs.FS
	opts    *Options
	ign     ignoreSet
	files   []string
	dirs    []string
	signals []Signal // path signals found by the walk

	mu      sync.Mutex
	skipped map[string]int
	seen    atomic.Int64
	read    atomic.Int64
}

func (c *collector) skip(reason string) {
	c.mu.Lock()
	c.skipped[reason]++
	c.mu.Unlock()
}

// collect walks fsys once, classifies every path, and reads and parses the relevant files with
// a bounded pool of workers.
func collect(ctx context.Context, fsys fs.FS, opts *Options) (*Facts, Files, error) {
	c := &collector{fsys: fsys, opts: opts, skipped: map[string]int{}}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan fileJob, 256)
	results := make([]*Facts, workers)
	var wg sync.WaitGroup
	for i := range workers {
		results[i] = &Facts{}
		wg.Add(1)
		go func(f *Facts) {
			defer wg.Done()
			for j := range jobs {
				if ctx.Err() != nil {
					continue
				}
				c.process(f, j)
			}
		}(results[i])
	}

	walkErr := c.walkDir(ctx, ".", 0, jobs)
	close(jobs)
	wg.Wait()
	if walkErr != nil {
		return nil, Files{}, walkErr
	}
	if err := ctx.Err(); err != nil {
		return nil, Files{}, err
	}

	facts := &Facts{Files: c.files, Dirs: c.dirs, Signals: c.signals}
	for _, r := range results {
		facts.merge(r)
	}
	facts.sortAll()
	return facts, Files{Seen: int(c.seen.Load()), Read: int(c.read.Load()), Skipped: c.skipped}, nil
}

func (c *collector) walkDir(ctx context.Context, dir string, depth int, jobs chan<- fileJob) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if depth > maxWalkDepth {
		c.skip(skipTooDeep)
		return nil
	}
	entries, err := fs.ReadDir(c.fsys, dir)
	if err != nil {
		if dir == "." {
			return fmt.Errorf("read root: %w", err)
		}
		c.skip(skipUnreadable)
		return nil
	}
	// Read this directory's .gitignore before deciding about its entries.
	for _, e := range entries {
		if e.Name() == ".gitignore" && e.Type().IsRegular() {
			if data, err := c.readCapped(join(dir, ".gitignore"), 1<<20); err == nil {
				c.ign.add(dir, parseGitignore(data))
			}
		}
	}
	for _, e := range entries {
		name := e.Name()
		p := join(dir, name)
		mode := e.Type()
		switch {
		case mode&fs.ModeSymlink != 0:
			// Symlinks are never followed: a link can lead out of the tree, and one inside
			// it names a file the walk reaches anyway.
			c.skip(skipSymlink)
			continue
		case mode.IsDir():
			if skippedDirs[name] {
				if name == ".git" {
					c.dirs = append(c.dirs, p) // its presence is evidence of version control
				}
				continue
			}
			if vendoredDirs[name] {
				c.skip(skipVendored)
				continue
			}
			if c.ign.ignored(p, true) {
				c.skip(skipGitignored)
				continue
			}
			c.dirs = append(c.dirs, p)
			if err := c.walkDir(ctx, p, depth+1, jobs); err != nil {
				return err
			}
			continue
		case !mode.IsRegular():
			c.skip(skipSpecial)
			continue
		}
		if c.ign.ignored(p, false) {
			c.skip(skipGitignored)
			continue
		}
		n := c.seen.Add(1)
		if c.opts.Progress != nil && n%1000 == 0 {
			c.opts.Progress(Progress{Seen: int(n), Read: int(c.read.Load())})
		}
		c.files = append(c.files, p)
		c.signals = pathSignals(c.signals, p)
		kind := classify(p)
		if kind == kindNone {
			continue
		}
		if scopeOf(p) == fixtureScope && kind != kindWaivers {
			continue // fixtures are never evidence; their paths were recorded above
		}
		jobs <- fileJob{path: p, kind: kind}
	}
	return nil
}

// process reads one file and extracts its facts. Nothing here may panic the scan.
func (c *collector) process(f *Facts, j fileJob) {
	data, err := c.readCapped(j.path, c.opts.MaxFileSize)
	switch {
	case errors.Is(err, errTooLarge):
		c.skip(skipTooLarge)
		return
	case err != nil:
		c.skip(skipUnreadable)
		return
	}
	if isBinary(data) {
		c.skip(skipBinary)
		return
	}
	c.read.Add(1)
	defer func() {
		if r := recover(); r != nil {
			f.Warnings = append(f.Warnings, Warning{Path: j.path, Message: fmt.Sprintf("could not read this file (internal error: %v); it was skipped", r)})
		}
	}()
	extract(f, j.path, j.kind, data)
}

var errTooLarge = errors.New("file too large")

// readCapped reads at most max bytes; a longer file is errTooLarge. Reading through a limit
// rather than trusting Stat guards against files that grow while being read.
func (c *collector) readCapped(p string, max int64) ([]byte, error) {
	fh, err := c.fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil {
		if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("%s: not a regular file", p)
		}
		if st.Size() > max {
			return nil, errTooLarge
		}
	}
	data, err := io.ReadAll(io.LimitReader(fh, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, errTooLarge
	}
	return data, nil
}

// isBinary uses git's rule: a NUL byte in the first 8000 bytes.
func isBinary(data []byte) bool {
	if len(data) > 8000 {
		data = data[:8000]
	}
	return bytes.IndexByte(data, 0) >= 0
}

func join(dir, name string) string {
	if dir == "." {
		return name
	}
	return path.Join(dir, name)
}
