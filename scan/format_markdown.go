package scan

import (
	"fmt"
	"io"
	"strings"
)

// writeMarkdown renders a report for a pull request comment or a review document: a table per
// question, then the evidence of each practice that has any.
func writeMarkdown(w io.Writer, r *Report) error {
	ew := &errWriter{w: w}
	ew.printf("# Operational Excellence evidence: %s\n\n", mdEscape(r.Root))
	meta := []string{fmt.Sprintf("scanned %s", r.ScanTime.Format("2006-01-02 15:04 UTC"))}
	if r.Commit != "" {
		meta = append(meta, "commit `"+shortCommit(r.Commit)+"`")
	}
	meta = append(meta, fmt.Sprintf("%d files walked, %d read", r.Files.Seen, r.Files.Read))
	if r.Tool.Version != "" {
		meta = append(meta, "wellops "+r.Tool.Version)
	}
	ew.printf("%s\n\n", strings.Join(meta, " · "))
	t := tally(r)
	ew.printf("**%d found**, %d partial, %d not found, %d unknown, %d not applicable.\n\n", t[Found], t[Partial], t[NotFound], t[Unknown], t[NotApplicable])
	ew.printf("Evidence suggests answers; a reviewer decides. \"Unknown\" means the repository cannot show it, not that it is missing.\n")
	qs, by := questionsOf(r)
	for _, q := range qs {
		ew.printf("\n## %s %s\n\n", q.Number, mdEscape(q.Title))
		ew.printf("| Best practice | Risk | Status | Summary |\n|---|---|---|---|\n")
		for _, bp := range by[q.ID] {
			st := statusMark(bp.Status)
			if bp.Confidence != "" {
				st += " (" + string(bp.Confidence) + ")"
			}
			if bp.Waiver != nil {
				st += " · waived"
			}
			ew.printf("| %s %s | %s | %s | %s |\n", bp.ID, mdEscape(bp.Title), bp.Risk, st, mdEscape(bp.Summary))
		}
		for _, bp := range by[q.ID] {
			if len(bp.Evidence) == 0 && len(bp.Gaps) == 0 && bp.Waiver == nil {
				continue
			}
			ew.printf("\n<details><summary>%s evidence (%d) and gaps (%d)</summary>\n\n", bp.ID, len(bp.Evidence), len(bp.Gaps))
			for _, it := range bp.Evidence {
				ew.printf("- %s\n", mdItem(it))
			}
			for _, it := range bp.Gaps {
				ew.printf("- gap: %s\n", mdItem(it))
			}
			if wv := bp.Waiver; wv != nil {
				ew.printf("- waived to %s by %s until %s: %s\n", wv.Status, mdEscape(wv.Owner), wv.Expires, mdEscape(wv.Reason))
			}
			ew.printf("\n</details>\n")
		}
	}
	if len(r.Warnings) > 0 {
		ew.printf("\n## Warnings\n\n")
		for _, wn := range r.Warnings {
			ew.printf("- %s\n", mdEscape(warningText(wn)))
		}
	}
	expired := 0
	for _, wv := range r.Waivers {
		if wv.Expired {
			expired++
		}
	}
	if expired > 0 {
		ew.printf("\n%s expired and %s not applied.\n", plural(expired, "waiver", "waivers"), map[bool]string{true: "was", false: "were"}[expired == 1])
	}
	return ew.err
}

func mdItem(it Item) string {
	loc := it.Path
	if it.Line > 0 {
		loc = fmt.Sprintf("%s:%d", it.Path, it.Line)
	}
	s := "`" + strings.ReplaceAll(loc, "`", "'") + "` " + mdEscape(it.Text)
	if len(it.Tags) > 0 {
		s += " [" + strings.Join(it.Tags, ", ") + "]"
	}
	return s
}

// mdEscape keeps repository text from breaking tables or injecting markup.
func mdEscape(s string) string {
	r := strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;", "\n", " ", "*", `\*`, "_", `\_`, "`", "'", "[", `\[`, "]", `\]`)
	return r.Replace(s)
}
