package scan

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Formats lists the output formats Write accepts.
func Formats() []string { return []string{"text", "json", "markdown", "sarif"} }

// Write renders r in the named format. It is the one entry point for every format.
func Write(w io.Writer, format string, r *Report) error {
	switch format {
	case "text", "":
		return writeText(w, r)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	case "markdown", "md":
		return writeMarkdown(w, r)
	case "sarif":
		return writeSARIF(w, r)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
}

// statusMark is the short label of a status in the terminal summary.
func statusMark(s Status) string {
	switch s {
	case Found:
		return "FOUND"
	case Partial:
		return "PARTIAL"
	case NotFound:
		return "NOT FOUND"
	case NotApplicable:
		return "N/A"
	case Inconclusive:
		return "ERROR"
	}
	return "UNKNOWN"
}

// questionsOf groups best practices by question, in catalog order.
func questionsOf(r *Report) ([]question, map[string][]BPResult) {
	cat, _ := loadCatalog()
	by := map[string][]BPResult{}
	for _, bp := range r.BestPractices {
		by[bp.QuestionID] = append(by[bp.QuestionID], bp)
	}
	var qs []question
	if cat != nil {
		qs = cat.questions
	}
	return qs, by
}

// tally counts best practices by status.
func tally(r *Report) map[Status]int {
	t := map[Status]int{}
	for _, bp := range r.BestPractices {
		t[bp.Status]++
	}
	return t
}

func writeText(w io.Writer, r *Report) error {
	ew := &errWriter{w: w}
	ew.printf("wellops scan %s", r.Root)
	if r.Commit != "" {
		ew.printf(" @ %s", shortCommit(r.Commit))
	}
	ew.printf("\n%d files walked, %d read", r.Files.Seen, r.Files.Read)
	if s := skippedText(r.Files.Skipped); s != "" {
		ew.printf(", skipped: %s", s)
	}
	ew.printf("\n")
	qs, by := questionsOf(r)
	for _, q := range qs {
		ew.printf("\n%s %s\n", q.Number, q.Title)
		for _, bp := range by[q.ID] {
			mark := statusMark(bp.Status)
			if bp.Confidence != "" {
				mark += " (" + string(bp.Confidence) + ")"
			}
			ew.printf("  %-10s %-20s %s\n", bp.ID, mark, bp.Title)
			if bp.Class == "human-only" {
				continue
			}
			if bp.Summary != "" {
				ew.printf("             %s\n", bp.Summary)
			}
			for i, it := range bp.Evidence {
				if i == 3 {
					ew.printf("             … %d more (see --format json)\n", len(bp.Evidence)-3)
					break
				}
				ew.printf("             %s\n", itemText(it))
			}
			if bp.Waiver != nil {
				ew.printf("             waived by %s until %s: %s\n", bp.Waiver.Owner, bp.Waiver.Expires, bp.Waiver.Reason)
			}
		}
	}
	t := tally(r)
	ew.printf("\n%d found, %d partial, %d not found, %d unknown, %d not applicable", t[Found], t[Partial], t[NotFound], t[Unknown], t[NotApplicable])
	if t[Inconclusive] > 0 {
		ew.printf(", %d errors", t[Inconclusive])
	}
	ew.printf("\n")
	if len(r.Warnings) > 0 {
		ew.printf("%s (first: %s)\n", plural(len(r.Warnings), "warning", "warnings"), warningText(r.Warnings[0]))
	}
	return ew.err
}

func itemText(it Item) string {
	loc := it.Path
	if it.Line > 0 {
		loc = fmt.Sprintf("%s:%d", it.Path, it.Line)
	}
	s := loc + "  " + it.Text
	if len(it.Tags) > 0 {
		s += " [" + strings.Join(it.Tags, ", ") + "]"
	}
	return s
}

func warningText(w Warning) string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.Path, w.Line, w.Message)
	}
	return w.Path + ": " + w.Message
}

func skippedText(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
	}
	return strings.Join(parts, ", ")
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

// errWriter keeps the first write error so formatters stay readable.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
