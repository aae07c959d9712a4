package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/wellops/wellops"
)

// Tables put free text (names, titles) in the last column: tabwriter counts runes, and a
// Korean name is twice as wide on screen as its rune count, which would push every column
// after it out of line.

// newTable starts a table on w with a header row; Flush it when done.
func newTable(w io.Writer, header ...string) *tabwriter.Writer {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if len(header) > 0 {
		fmt.Fprintln(tw, strings.Join(header, "\t"))
	}
	return tw
}

// row writes one table row.
func row(tw *tabwriter.Writer, cols ...any) {
	for i, c := range cols {
		if i > 0 {
			io.WriteString(tw, "\t")
		}
		fmt.Fprint(tw, c)
	}
	io.WriteString(tw, "\n")
}

// writeJSON prints v as indented JSON: the domain objects, field names as in Go.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// when formats a time for tables: local time to the minute, "-" for never.
func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// orDash shows an empty value as "-".
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clipText keeps the first line of s, at most n characters, for one table cell.
func clipText(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// riskLine is a compact one-line form of risk counts.
func riskLine(c wellops.RiskCounts) string {
	return fmt.Sprintf("HIGH %d, MEDIUM %d, NONE %d, N/A %d, UNANSWERED %d", c.High, c.Medium, c.None, c.NotApplicable, c.Unanswered)
}

// exitStatus maps wellops error codes to exit statuses, the CLI's one table of them, so that
// scripts can tell "not found" from "invalid" without reading the message. 1 is any other
// failure and 2 a wrong command line.
func exitStatus(code string) int {
	switch code {
	case wellops.EINVALID:
		return 3
	case wellops.ENOTFOUND:
		return 4
	case wellops.ECONFLICT:
		return 5
	case wellops.EQUOTA:
		return 6
	case wellops.EFORBIDDEN, wellops.EUNAUTHORIZED:
		return 7
	}
	return 1
}

// errorText is the user-safe message of we. A single field problem reads "invalid Notes:
// must be at most ..." rather than repeating the field's name.
func errorText(we *wellops.Error) string {
	if len(we.Fields) == 1 && we.Message == "invalid "+we.Fields[0].Name {
		return we.Message + ": " + we.Fields[0].Message
	}
	return wellops.ErrorMessage(we)
}

// invalidFlag is the error for a flag value the store would reject anyway, found before
// anything is opened.
func invalidFlag(name, format string, args ...any) error {
	return &wellops.Error{Code: wellops.EINVALID, Message: "invalid --" + name,
		Fields: []wellops.FieldError{{Name: "--" + name, Message: fmt.Sprintf(format, args...)}}}
}

// listFlag is a repeatable flag whose values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// tagFlag is a repeatable KEY=VALUE flag. Values may hold commas.
type tagFlag map[string]string

func (t tagFlag) String() string {
	var parts []string
	for k, v := range t {
		parts = append(parts, k+"="+v)
	}
	return strings.Join(parts, ",")
}

func (t tagFlag) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(k) == "" {
		return fmt.Errorf("want KEY=VALUE, got %q", v)
	}
	t[strings.TrimSpace(k)] = val
	return nil
}
