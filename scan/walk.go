package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"slices"
	"strings"
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

// collector runs the one walk: a bounded pool of workers takes directories from a shared
// stack, classifies their entries, and reads and parses the relevant files on the spot.
type collector struct {
	fsys  fs.FS
	opts  *Options
	vocab *vocab
	cache *extractCache

	mu      sync.Mutex
	cond    *sync.Cond
	stack   []dirJob // directories waiting to be read
	pending int      // directories on the stack or being read
	err     error    // the first fatal error (the root could not be read)

	seen atomic.Int64
	read atomic.Int64
}

type dirJob struct {
	path  string
	depth int
	ign   ignoreSet // the .gitignore rules of the directory's ancestors
}

// workerState is what one worker collects; states are merged after the walk, so workers
// never contend on the facts.
type workerState struct {
	facts   Facts
	files   []string
	dirs    []string
	signals []Signal
	buf     []byte // read buffer reused across files: extractors copy what they keep
	head    []byte // the same for the first bytes of source files
	dents   []byte // getdents64 buffer, reused across directories
	entries []dirEntry
	skipped map[string]int
}

func (w *workerState) skip(reason string) {
	if w.skipped == nil {
		w.skipped = map[string]int{}
	}
	w.skipped[reason]++
}

// collect walks fsys once, classifies every path, and reads and parses the relevant files.
func collect(ctx context.Context, fsys fs.FS, opts *Options) (*Facts, Files, error) {
	c := &collector{fsys: fsys, opts: opts, vocab: newVocab()}
	if !opts.NoContentCache {
		c.cache = newExtractCache(c.vocab)
	}
	c.cond = sync.NewCond(&c.mu)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	c.stack = []dirJob{{path: ".", depth: 0}}
	c.pending = 1
	states := make([]*workerState, workers)
	var wg sync.WaitGroup
	for i := range workers {
		states[i] = &workerState{}
		wg.Add(1)
		go func(w *workerState) {
			defer wg.Done()
			c.work(ctx, w)
		}(states[i])
	}
	wg.Wait()
	if c.err != nil {
		return nil, Files{}, c.err
	}
	if err := ctx.Err(); err != nil {
		return nil, Files{}, err
	}
	facts := &Facts{}
	skipped := map[string]int{}
	for _, w := range states {
		for k, n := range w.skipped {
			skipped[k] += n
		}
		facts.Files = append(facts.Files, w.files...)
		facts.Dirs = append(facts.Dirs, w.dirs...)
		facts.Signals = append(facts.Signals, w.signals...)
		facts.merge(&w.facts)
	}
	facts.finish()
	return facts, Files{Seen: int(c.seen.Load()), Read: int(c.read.Load()), Skipped: skipped}, nil
}

// work takes directories until none are left and none are being read.
func (c *collector) work(ctx context.Context, w *workerState) {
	for {
		c.mu.Lock()
		for len(c.stack) == 0 && c.pending > 0 {
			c.cond.Wait()
		}
		if len(c.stack) == 0 {
			c.mu.Unlock()
			return
		}
		job := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		c.mu.Unlock()

		subdirs := c.walkDir(ctx, w, job)

		c.mu.Lock()
		c.stack = append(c.stack, subdirs...)
		c.pending += len(subdirs) - 1
		c.cond.Broadcast()
		c.mu.Unlock()
	}
}

// walkDir handles one directory: its .gitignore first, then each entry. Files are read and
// parsed here; subdirectories are returned for any worker to take.
func (c *collector) walkDir(ctx context.Context, w *workerState, job dirJob) []dirJob {
	if ctx.Err() != nil {
		return nil
	}
	dir := job.path
	if job.depth > maxWalkDepth {
		w.skip(skipTooDeep)
		return nil
	}
	d, entries, err := c.list(w, dir)
	if err != nil {
		if dir == "." {
			c.mu.Lock()
			c.err = fmt.Errorf("read root: %w", err)
			c.mu.Unlock()
			return nil
		}
		w.skip(skipUnreadable)
		return nil
	}
	defer d.close()
	// A directory's .gitignore applies to its entries and is handed down with every
	// subdirectory, so a child never misses its parent's rules.
	ign := job.ign
	for _, e := range entries {
		if e.name == ".gitignore" && e.typ.IsRegular() {
			// parseGitignore copies what it keeps, so the worker's buffer can be lent.
			if data, err := c.readInto(d, w.buf, ".gitignore", 1<<20); err == nil {
				ign = ign.with(dir, parseGitignore(data))
			}
		}
	}
	var subdirs []dirJob
	for _, e := range entries {
		name := e.name
		p := join(dir, name)
		mode := e.typ
		switch {
		case mode&fs.ModeSymlink != 0:
			// Symlinks are never followed: a link can lead out of the tree, and one inside
			// it names a file the walk reaches anyway.
			w.skip(skipSymlink)
			continue
		case mode.IsDir():
			if skippedDirs[name] {
				if name == ".git" {
					w.dirs = append(w.dirs, p) // its presence is evidence of version control
				}
				continue
			}
			if vendoredDirs[name] {
				w.skip(skipVendored)
				continue
			}
			if ign.ignored(p, true) {
				w.skip(skipGitignored)
				continue
			}
			w.dirs = append(w.dirs, p)
			subdirs = append(subdirs, dirJob{path: p, depth: job.depth + 1, ign: ign})
			continue
		case !mode.IsRegular():
			w.skip(skipSpecial)
			continue
		}
		if ign.ignored(p, false) {
			w.skip(skipGitignored)
			continue
		}
		n := c.seen.Add(1)
		if c.opts.Progress != nil && n%1000 == 0 {
			c.opts.Progress(Progress{Seen: int(n), Read: int(c.read.Load())})
		}
		w.files = append(w.files, p)
		if scopeOf(p) == fixtureScope {
			// Fixtures are never evidence (rule R2), except that test files show testing.
			if sigs := pathSignals(nil, p); len(sigs) > 0 && sigs[0].Kind == sigTestFile {
				w.signals = append(w.signals, sigs[0])
			}
			continue
		}
		w.signals = pathSignals(w.signals, p)
		kind := classify(p)
		if kind == kindNone || kind == kindWaivers {
			continue
		}
		c.process(w, d, name, p, kind)
	}
	return subdirs
}

// dirEntry is one entry of a directory listing: its name, and its type as fs.FileMode type
// bits (none for a regular file).
type dirEntry struct {
	name string
	typ  fs.FileMode
}

// handleOpener is a file system whose directories the walk can hold open (DirFS on Linux):
// listing a directory and reading its files through one handle costs fewer and cheaper
// system calls than fs.FS's Open, Stat, Read and Close by path.
type handleOpener interface {
	openHandle(name string) (dirHandle, bool, error)
}

// dirAt is the directory walkDir is in: its path, and the open handle when there is one.
type dirAt struct {
	path string
	h    dirHandle
	open bool
}

func (d dirAt) close() {
	if d.open {
		d.h.close()
	}
}

// list lists the directory at dir, sorted by name as fs.ReadDir promises, through a handle
// when the file system has them (kept open in the returned dirAt for reading the files).
func (c *collector) list(w *workerState, dir string) (dirAt, []dirEntry, error) {
	d := dirAt{path: dir}
	if ho, ok := c.fsys.(handleOpener); ok {
		h, ok, err := ho.openHandle(dir)
		if ok && err != nil {
			return d, nil, err
		}
		if ok {
			if w.dents == nil {
				w.dents = make([]byte, 32<<10)
			}
			// The entries slice is the worker's, reused: walkDir is done with one directory's
			// entries before it lists the next.
			w.entries, err = h.list(w.dents, w.entries[:0])
			if err != nil {
				h.close()
				return d, nil, &fs.PathError{Op: "readdir", Path: dir, Err: err}
			}
			slices.SortFunc(w.entries, func(a, b dirEntry) int { return strings.Compare(a.name, b.name) })
			d.h, d.open = h, true
			return d, w.entries, nil
		}
	}
	des, err := fs.ReadDir(c.fsys, dir)
	if err != nil {
		return d, nil, err
	}
	entries := make([]dirEntry, len(des))
	for i, e := range des {
		entries[i] = dirEntry{name: e.Name(), typ: e.Type()}
	}
	return d, entries, nil
}

// process reads one file and extracts its facts. Nothing here may panic the scan.
func (c *collector) process(w *workerState, d dirAt, name, p string, kind fileKind) {
	f := &w.facts
	if kind == kindGoSource || kind == kindPySource {
		c.processSource(w, d, name, p, kind)
		return
	}
	if kind == kindYAML && crdNamed(p) {
		// A file of CRDs is schema: its first bytes say so, and the rest is never read.
		if head, _, err := c.readPrefix(d, w.head, name, crdHeadSize); err == nil && firstDocIsCRD(head) {
			c.read.Add(1)
			return
		}
	}
	data, err := c.readInto(d, w.buf, name, c.opts.MaxFileSize)
	if cap(data) > cap(w.buf) && cap(data) <= 8<<20 {
		w.buf = data[:0]
	}
	switch {
	case errors.Is(err, errTooLarge):
		w.skip(skipTooLarge)
		return
	case err != nil:
		w.skip(skipUnreadable)
		return
	}
	if isBinary(data) {
		w.skip(skipBinary)
		return
	}
	c.read.Add(1)
	if c.cache != nil {
		c.cache.extract(f, p, kind, data)
		return
	}
	safeExtract(f, p, kind, data, c.vocab)
}

// processSource reads a source file's imports from its first bytes, and the rest of it only
// when they call for it (observability_code.go). Source files are not cached by content:
// first-party code rarely repeats, and most of each is never read.
func (c *collector) processSource(w *workerState, d dirAt, name, p string, kind fileKind) {
	f := &w.facts
	head := int64(goHeadSize)
	if kind == kindPySource {
		head = pyHeadSize
	}
	src, whole, err := c.readPrefix(d, w.head, name, head)
	if err == nil && kind == kindGoSource {
		if _, ok := goImports(src, whole); !ok && !whole {
			src, whole, err = c.readPrefix(d, w.head, name, goHeadMax)
		}
	}
	if cap(src) > cap(w.head) && cap(src) <= goHeadMax+1 {
		w.head = src[:0]
	}
	if err != nil {
		w.skip(skipUnreadable)
		return
	}
	if isBinary(src) {
		w.skip(skipBinary)
		return
	}
	c.read.Add(1)
	if kind == kindPySource {
		guard(f, p, func() { extractPythonSource(f, p, src) })
		return
	}
	imps, _ := goImports(src, whole)
	var body []byte
	if goNeedsBody(imps) {
		body = src
		if !whole {
			body, err = c.readInto(d, w.buf, name, c.opts.MaxFileSize)
			if cap(body) > cap(w.buf) && cap(body) <= 8<<20 {
				w.buf = body[:0]
			}
			if err != nil {
				body = nil // the imports still count
			}
		}
	}
	guard(f, p, func() { extractGoSource(f, p, imps, body) })
}

// safeExtract runs the extractors for one file; a panic in one becomes a warning.
func safeExtract(f *Facts, p string, kind fileKind, data []byte, v *vocab) {
	guard(f, p, func() { extract(f, p, kind, data, v) })
}

// guard runs fn, the extraction of one file; a panic becomes a warning on that file.
func guard(f *Facts, p string, fn func()) {
	defer func() {
		if r := recover(); r != nil {
			f.Warnings = append(f.Warnings, Warning{Path: p, Message: fmt.Sprintf("could not read this file (internal error: %v); it was skipped", r)})
		}
	}()
	fn()
}

var (
	errTooLarge   = errors.New("file too large")
	errNotRegular = errors.New("not a regular file")
)

// readInto reads the file name of directory d into buf when buf is large enough: at most max
// bytes, and a longer file is errTooLarge. Reading through a limit rather than trusting Stat
// guards against files that grow while being read.
func (c *collector) readInto(d dirAt, buf []byte, name string, max int64) ([]byte, error) {
	if d.open {
		data, err := d.h.readFile(name, buf, max, false)
		if err != nil && err != errTooLarge {
			err = &fs.PathError{Op: "read", Path: join(d.path, name), Err: err}
		}
		return data, err
	}
	p := join(d.path, name)
	fh, err := c.fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	size := int64(0)
	if st, err := fh.Stat(); err == nil {
		if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("%s: %w", p, errNotRegular)
		}
		if st.Size() > max {
			return nil, errTooLarge
		}
		size = st.Size()
	}
	// One buffer of the size Stat gave, filled in place; a file that grew since is read on
	// to EOF (within the cap).
	if int64(cap(buf)) >= size {
		buf = buf[:size]
	} else {
		buf = make([]byte, size)
	}
	n, err := io.ReadFull(fh, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return buf[:n], nil // it shrank
	case err != nil:
		return nil, err
	}
	rest, err := io.ReadAll(io.LimitReader(fh, max+1-size))
	if err != nil {
		return nil, err
	}
	if len(rest) > 0 {
		buf = append(buf, rest...)
	}
	if int64(len(buf)) > max {
		return nil, errTooLarge
	}
	return buf, nil
}

// readPrefix reads at most n bytes from the start of the file name of directory d into buf;
// whole says whether that is the whole file. Source files are read this way: their import
// block is at the top, and most of them need nothing else.
func (c *collector) readPrefix(d dirAt, buf []byte, name string, n int64) (data []byte, whole bool, err error) {
	if d.open {
		data, err := d.h.readFile(name, buf, n+1, true)
		if err != nil {
			return nil, false, &fs.PathError{Op: "read", Path: join(d.path, name), Err: err}
		}
		if int64(len(data)) > n {
			return data[:n], false, nil
		}
		return data, true, nil
	}
	p := join(d.path, name)
	fh, err := c.fsys.Open(p)
	if err != nil {
		return nil, false, err
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, false, fmt.Errorf("%s: %w", p, errNotRegular)
	}
	if int64(cap(buf)) < n+1 {
		buf = make([]byte, n+1)
	}
	buf = buf[:n+1]
	k, err := io.ReadFull(fh, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return buf[:k], true, nil
	case err != nil:
		return nil, false, err
	}
	return buf[:n], false, nil
}

// isBinary uses git's rule: a NUL byte in the first 8000 bytes.
func isBinary(data []byte) bool {
	if len(data) > 8000 {
		data = data[:8000]
	}
	return bytes.IndexByte(data, 0) >= 0
}

// join joins a directory the walk reached and one of its entries' names: both are clean
// already (names from a directory listing hold no slash), so path.Join's cleaning, which
// cost as much as classifying the path, is not needed.
func join(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}
