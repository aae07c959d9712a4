package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/report"
	"github.com/wellops/wellops/sqldb"
)

const reportSynopsis = "WORKLOAD [--format pdf|html|md|csv|xlsx|json] [--lang ko|en] [--milestone N] [--lens ALIAS] [-o FILE]\n" +
	"       wellops report --consolidated [--environment PRODUCTION|PREPRODUCTION] [--lens ALIAS] [--include-shared] [--format ...] [-o FILE]"

// reportCmd writes a lens review report of one workload, or the consolidated report across
// workloads, acting as a user of the store like the other review commands. The file is
// written atomically: a failed report leaves no file and never half of one.
func reportCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("report", reportSynopsis, e.stderr)
	sf := addStoreFlags(fs, e, true, true)
	format := fs.String("format", "", "pdf, html, md, csv, xlsx or json (default: from the -o file's extension, else md)")
	milestone := fs.Int("milestone", 0, "report the workload as recorded at milestone `N` (default: now)")
	lensAlias := fs.String("lens", "", "lens `ALIAS` or ARN (default: the built-in lens; with --consolidated, a filter)")
	consolidated := fs.Bool("consolidated", false, "report across every workload instead of one")
	environment := fs.String("environment", "", "with --consolidated: only PRODUCTION or PREPRODUCTION workloads")
	shared := fs.Bool("include-shared", false, "with --consolidated: include workloads shared with you")
	var out string
	fs.StringVar(&out, "o", "", "write to `FILE` instead of standard output")
	fs.StringVar(&out, "output", "", "same as -o")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *consolidated {
		err = wantArgs(fs, pos, 0, 0)
	} else {
		err = wantArgs(fs, pos, 1, 1)
	}
	if err != nil {
		return err
	}
	if !*consolidated && (*environment != "" || *shared) {
		fmt.Fprintln(e.stderr, "wellops report: --environment and --include-shared go with --consolidated")
		return errUsage
	}
	f := *format
	if *sf.json {
		f = report.FormatJSON
	}
	if f == "" {
		f = formatFromName(out)
	}
	lang, err := sf.language()
	if err != nil {
		return err
	}
	// Format and language are checked before the store is opened, so a typo in either is
	// reported as such and costs nothing.
	if err := report.Check(f, lang); err != nil {
		return err
	}
	if out == "" && (f == report.FormatPDF || f == report.FormatXLSX) && writesToTerminal(e) {
		return wellops.Errorf(wellops.EINVALID, "refusing to write %s to a terminal: give -o FILE or redirect the output", strings.ToUpper(f))
	}
	c, err := sf.open(ctx, e, "report")
	if err != nil {
		return err
	}
	defer c.Close()
	r := newReports(c.db, c.cfg.Lang)
	var buf bytes.Buffer
	if *consolidated {
		q := wellops.ConsolidatedQuery{IncludeShared: *shared, Environment: strings.ToUpper(*environment), LensAlias: *lensAlias}
		err = r.WriteConsolidated(c.ctx(ctx), &buf, q, f, lang)
	} else {
		var w *wellops.Workload
		if w, err = c.workload(ctx, pos[0]); err == nil {
			err = r.WriteLensReview(c.ctx(ctx), &buf, w.ID, *lensAlias, f, lang, *milestone)
		}
	}
	if err != nil {
		return err
	}
	if out == "" || out == "-" {
		_, err = e.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	fmt.Fprintf(e.stderr, "wellops: wrote %s (%d bytes)\n", out, buf.Len())
	return nil
}

// newReports builds the renderer over the store, as serve does for the API and the UI.
func newReports(db *sqldb.DB, lang string) *report.Renderer {
	return report.New(report.Options{Workloads: db, Reviews: db, Milestones: db, Evidence: db, Settings: db, Lang: lang})
}

// formatFromName picks the format from a file name's extension, md when there is none.
func formatFromName(name string) string {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(name)), ".")
	switch ext {
	case "markdown":
		return report.FormatMarkdown
	case "htm":
		return report.FormatHTML
	}
	if slices.Contains([]string{"pdf", "html", "md", "csv", "xlsx", "json"}, ext) {
		return ext
	}
	return report.FormatMarkdown
}

// writesToTerminal tells whether standard output is a terminal, where binary output would
// only garble the screen.
func writesToTerminal(e *env) bool {
	f, ok := e.stdout.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
