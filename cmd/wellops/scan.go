package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/scan"
)

// scanCmd is "wellops scan [PATH]": read a repository and report Operational Excellence
// evidence per best practice.
func scanCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("scan", "[PATH] [--format text|json|markdown|sarif] [--output FILE] [--fail-on high|medium|any|none] [--workload ID [--db DSN]]", e.stderr)
	format := fs.String("format", "text", "output format: "+strings.Join(scan.Formats(), ", "))
	output := fs.String("output", "", "write the report to this file instead of standard output (written atomically)")
	failOn := fs.String("fail-on", "none", "exit with status 1 when a best practice at or above this risk is not found: high, medium, any or none (waived ones excepted)")
	workload := fs.String("workload", "", "store the evidence and its suggestions on this workload (ID or name) in the review store")
	sf := &storeFlags{
		db:   fs.String("db", "", "the review store for --workload: SQLite file or postgres:// URL (env WELLOPS_DB; default wellops.db, as for wellops serve)"),
		as:   fs.String("as", e.getenv("WELLOPS_USER"), "with --workload: act as the user `NAME` (env WELLOPS_USER; default: the first administrator)"),
		json: new(bool),
	}
	maxSize := fs.Int64("max-file-size", scan.DefaultMaxFileSize, "skip files larger than this many bytes")
	noGit := fs.Bool("no-git", false, "do not read git history")
	progress := fs.String("progress", "auto", "progress line on standard error: auto (when it is a terminal), always or never")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 0, 1); err != nil {
		return err
	}
	root := "."
	if len(pos) == 1 {
		root = pos[0]
	}
	if _, err := scan.FailLevel(*failOn); err != nil {
		fmt.Fprintf(e.stderr, "wellops scan: --fail-on: %v\n", err)
		return errUsage
	}
	if !validFormat(*format) {
		fmt.Fprintf(e.stderr, "wellops scan: --format must be one of %s\n", strings.Join(scan.Formats(), ", "))
		return errUsage
	}

	st, err := os.Stat(root)
	if err != nil {
		return fmt.Errorf("open %s: %w", root, err)
	}
	// With --workload, the store and the workload are checked before the scan, so a typo
	// fails at once rather than after reading the whole tree.
	var target *storeTarget
	if *workload != "" {
		c, err := sf.open(ctx, e, "scan")
		if err != nil {
			return err
		}
		defer c.Close()
		w, err := c.workload(ctx, *workload)
		if err != nil {
			return err
		}
		target = &storeTarget{c: c, w: w}
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a directory", root)
	}
	// DirFS confines every open to the tree: a symlink cannot be followed even by mistake.
	// The walker skips symlinks anyway and counts them.
	dir, err := scan.OpenDir(root)
	if err != nil {
		return fmt.Errorf("open %s: %w", root, err)
	}
	defer dir.Close()

	tuneGC(e.getenv)
	opts := scan.Options{Root: root, MaxFileSize: *maxSize, ToolVersion: toolVersion()}
	if !*noGit {
		if abs, err := filepath.Abs(root); err == nil {
			opts.GitDir = abs
		}
	}
	stopProgress := func() {}
	if showProgress(*progress, e.stderr) {
		opts.Progress, stopProgress = progressLine(e.stderr)
	}
	report, err := scan.Scan(ctx, dir, opts)
	stopProgress()
	if err != nil {
		return err
	}

	if err := writeReport(e.stdout, *output, *format, report); err != nil {
		return err
	}
	if target != nil {
		n, err := target.store(ctx, report)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wellops scan: stored the evidence on workload %q; %d suggested choices wait for a reviewer to accept or reject\n", target.w.Name, n)
	}
	failing, _ := report.Failing(*failOn)
	if len(failing) > 0 {
		ids := make([]string, len(failing))
		for i, bp := range failing {
			ids[i] = bp.ID + " (" + bp.Risk + ")"
		}
		fmt.Fprintf(e.stderr, "wellops scan: %d best practices at or above --fail-on %s are not found: %s\n", len(failing), *failOn, strings.Join(ids, ", "))
		return exitError{code: 1}
	}
	return nil
}

func validFormat(f string) bool {
	for _, x := range scan.Formats() {
		if f == x {
			return true
		}
	}
	return false
}

// writeReport writes to stdout, or to a file atomically (temp file, fsync, rename) so a CI job
// never uploads half a report.
func writeReport(stdout io.Writer, output, format string, r *scan.Report) error {
	if output == "" || output == "-" {
		return scan.Write(stdout, format, r)
	}
	if err := writeAtomic(output, 0o644, func(w io.Writer) error { return scan.Write(w, format, r) }); err != nil {
		return fmt.Errorf("write %s: %w", output, err)
	}
	return nil
}

// storeTarget is the workload a scan's evidence goes to, in an open store.
type storeTarget struct {
	c *cli
	w *wellops.Workload
}

// store is the one hook between the scanner and the review store. It turns the report into
// the domain's EvidenceScan; the store's EvidenceService.PutEvidence replaces the workload's
// previous evidence and refreshes the suggestions, never an answer or a decision a person
// made. It returns how many suggestions wait for a reviewer.
func (t *storeTarget) store(ctx context.Context, r *scan.Report) (int, error) {
	ctx = t.c.ctx(ctx)
	if err := t.c.db.PutEvidence(ctx, evidenceScan(t.w.ID, r)); err != nil {
		return 0, err
	}
	sug, err := t.c.db.ListSuggestions(ctx, t.w.ID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range sug {
		if s.Status == wellops.SuggestionPending {
			n++
		}
	}
	return n, nil
}

// evidenceScan converts a report to the domain type the review store keeps.
func evidenceScan(workloadID string, r *scan.Report) wellops.EvidenceScan {
	es := wellops.EvidenceScan{WorkloadID: workloadID, ScannedAt: r.ScanTime, Commit: r.Commit, Root: r.Root, ToolVersion: r.Tool.Version}
	ko := scan.NewSummaryTranslator() // one table for the whole scan
	for _, bp := range r.BestPractices {
		pe := wellops.PracticeEvidence{BestPracticeID: bp.ID, QuestionID: bp.QuestionID, ChoiceID: bp.ChoiceID, Status: string(bp.Status), Confidence: string(bp.Confidence), Summary: bp.Summary, SummaryKo: ko.Korean(bp.Summary)}
		if bp.Waiver != nil && bp.Waiver.Applied {
			pe.Summary = fmt.Sprintf("waived by %s until %s: %s", bp.Waiver.Owner, bp.Waiver.Expires, bp.Waiver.Reason)
			// The reason is the team's own words and stays as they wrote it.
			pe.SummaryKo = fmt.Sprintf("%s까지 면제됨(%s): %s", bp.Waiver.Expires, bp.Waiver.Owner, bp.Waiver.Reason)
			pe.Confidence = ""
		}
		for _, it := range bp.Evidence {
			pe.Items = append(pe.Items, wellops.EvidenceItem{Check: it.Check, Path: it.Path, Line: it.Line, Text: it.Text, Tags: it.Tags})
		}
		es.Practices = append(es.Practices, pe)
	}
	return es
}

// showProgress decides whether to draw a progress line: only on a terminal unless forced.
func showProgress(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressLine returns a Progress callback that redraws one line at most every 100 ms, and a
// function that clears it.
func progressLine(w io.Writer) (func(scan.Progress), func()) {
	var mu sync.Mutex
	var last time.Time
	drawn := false
	update := func(p scan.Progress) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		drawn = true
		fmt.Fprintf(w, "\rscanning: %d files walked, %d read ", p.Seen, p.Read)
	}
	stop := func() {
		mu.Lock()
		defer mu.Unlock()
		if drawn {
			fmt.Fprint(w, "\r\033[K")
		}
	}
	return update, stop
}

// tuneGC trades some memory for speed: a scan allocates a lot briefly (file contents, parse
// trees) and keeps little, so collecting less often saves CPU, while a soft memory limit
// keeps the peak bounded. The environment's GOGC and GOMEMLIMIT win when set.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
}

// toolVersion is the module version the binary was built from, or "devel".
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
