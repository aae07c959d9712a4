package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/wellops/wellops"
)

// Markdown is for wikis and pull requests: GitHub-flavoured tables, every user string
// escaped so that a note can neither break a table nor inject HTML into the page that
// renders it.

// mdText escapes inline text: Markdown punctuation, HTML, and line breaks (kept as <br>).
func mdText(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '#', '|', '~', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\r':
		case '\n':
			b.WriteString("<br>")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdLink is a link whose target is kept only when it is http(s).
func mdLink(text, url string) string {
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return mdText(text)
	}
	url = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(url)
	return "[" + mdText(text) + "](" + url + ")"
}

type mdWriter struct{ *bufio.Writer }

func (w mdWriter) p(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }

func (w mdWriter) table(head []string, rows [][]string) {
	w.p("| %s |", strings.Join(head, " | "))
	seps := make([]string, len(head))
	for i := range seps {
		seps[i] = "---"
	}
	w.p("| %s |", strings.Join(seps, " | "))
	for _, r := range rows {
		w.p("| %s |", strings.Join(r, " | "))
	}
	w.p("")
}

func mdRiskHead(L *labels, first string) []string {
	head := []string{first}
	for _, r := range riskOrder() {
		head = append(head, L.RiskName(r))
	}
	return head
}

func lensReviewMarkdown(out io.Writer, d *lensReviewDoc) error {
	w := mdWriter{bufio.NewWriter(out)}
	L, wl := d.L, d.Workload
	w.p("# %s", mdText(d.Title()))
	w.p("")
	state := L.CurrentState
	if d.Milestone != nil {
		state = fmt.Sprintf("%s %d: %s (%s)", L.Milestone, d.Milestone.Number, mdText(d.Milestone.Name), dateString(d.Milestone.RecordedAt))
	}
	w.p("%s · %s · %s %s", mdText(d.Review.LensName), state, L.GeneratedAt, dateString(d.GeneratedAt))
	w.p("")
	w.p("## %s", L.WorkloadProperties)
	w.p("")
	var props [][]string
	for _, kv := range workloadProps(d) {
		props = append(props, []string{kv[0], mdText(kv[1])})
	}
	w.table([]string{L.Workload, mdText(wl.Name)}, props)

	w.p("## %s", L.RiskSummary)
	w.p("")
	w.p("%s.", L.Answered(d.Review.RiskCounts.Answered(), d.Review.RiskCounts.Total()))
	w.p("")
	var rows [][]string
	for _, p := range d.Pillars {
		rows = append(rows, append([]string{mdText(p.Review.PillarName)}, riskCells(p.Review.RiskCounts)...))
	}
	rows = append(rows, append([]string{"**" + L.Total + "**"}, riskCells(d.Review.RiskCounts)...))
	w.table(mdRiskHead(L, L.Pillar), rows)
	rows = nil
	n := 0
	for _, p := range d.Pillars {
		for _, q := range p.Questions {
			n++
			rows = append(rows, []string{questionCode(n, q.Q), mdText(q.Q.Title), L.RiskName(q.A.Risk)})
		}
	}
	w.table([]string{"#", L.Question, L.Risk}, rows)

	w.p("## %s", L.Answers)
	w.p("")
	n = 0
	for _, p := range d.Pillars {
		w.p("### %s", mdText(p.Review.PillarName))
		w.p("")
		if p.Review.Notes != "" {
			w.p("%s", mdText(p.Review.Notes))
			w.p("")
		}
		for _, q := range p.Questions {
			n++
			w.p("#### %s %s", questionCode(n, q.Q), mdText(q.Q.Title))
			w.p("")
			line := fmt.Sprintf("**%s:** %s", L.Risk, L.RiskName(q.A.Risk))
			if !q.A.IsApplicable {
				line += fmt.Sprintf(" · **%s** (%s)", L.QuestionNotApplicable, L.ReasonOf(q.A.Reason))
			}
			w.p("%s", line)
			w.p("")
			var rows [][]string
			for _, c := range q.Choices {
				mark := "☐"
				switch c.Status {
				case wellops.ChoiceSelected:
					mark = "☑"
				case wellops.ChoiceNotApplicable:
					mark = "⊘"
				}
				detail := ""
				if c.Reason != "" {
					detail = L.ReasonOf(c.Reason)
				}
				if c.Notes != "" {
					detail = strings.TrimPrefix(detail+"<br>"+mdText(c.Notes), "<br>")
				}
				if e := c.Evidence; e != nil {
					detail = strings.TrimPrefix(detail+"<br>"+L.Evidence+": "+L.EvidenceStatus(e.Status), "<br>")
					if c.Suggested {
						detail += " (" + L.Suggested + ")"
					}
				}
				rows = append(rows, []string{mark, mdText(c.C.Title), L.ChoiceStatus(c.Status), detail})
			}
			w.table([]string{"", L.Choice, L.Status, L.Notes}, rows)
			if q.A.Notes != "" {
				w.p("> %s", mdText(q.A.Notes))
				w.p("")
			}
		}
	}

	w.p("## %s", L.ImprovementPlan)
	w.p("")
	if len(d.Plan) == 0 {
		w.p("%s", L.NoImprovements)
		w.p("")
	}
	for i, it := range d.Plan {
		w.p("%d. **%s** — %s · %s", i+1, mdText(it.QuestionTitle), L.RiskName(it.Risk), L.ImprovementOf(it.Status))
		for _, c := range it.Missing {
			text := mdText(c.Title)
			if c.ImprovementPlan != nil && c.ImprovementPlan.URL != "" {
				text = mdLink(c.Title, c.ImprovementPlan.URL)
			}
			if bp := c.BestPractice; bp != nil {
				text = fmt.Sprintf("%s %s (%s: %s)", bp.ID, text, L.BestPracticeRisk, L.RiskName(bp.Risk))
			}
			w.p("   - %s", text)
		}
	}
	w.p("")

	if d.Scan != nil {
		w.p("## %s", L.EvidenceScan)
		w.p("")
		w.p("%s %s · %s %s · %s", L.ScannedAt, dateString(d.Scan.ScannedAt), L.Commit, mdText(shortCommit(d.Scan.Commit)), mdText(d.Scan.ToolVersion))
		w.p("")
		var rows [][]string
		for _, p := range d.Pillars {
			for _, q := range p.Questions {
				for _, c := range q.Choices {
					e := c.Evidence
					if e == nil {
						continue
					}
					var locs []string
					for _, it := range e.Items {
						locs = append(locs, "`"+strings.ReplaceAll(location(it), "`", "'")+"`")
					}
					rows = append(rows, []string{bpID(c), mdText(c.C.Title), L.EvidenceStatus(e.Status), mdText(e.SummaryIn(L.Lang)), strings.Join(locs, "<br>")})
				}
			}
		}
		w.table([]string{L.BestPractice, "", L.Status, L.Evidence, L.Location}, rows)
	}

	w.p("## %s", L.Trend)
	w.p("")
	if len(d.Trend) == 0 {
		w.p("%s", L.NoTrend)
	} else {
		rows = nil
		for _, t := range d.Trend {
			// The milestone's name is user text: escaped like every other, or a name
			// holding markup is live HTML wherever the Markdown is rendered.
			name := trendName(L, t)
			if t.Number > 0 {
				name = fmt.Sprintf("#%d %s", t.Number, mdText(t.Name))
			}
			rows = append(rows, append([]string{name, dateString(t.RecordedAt)}, riskCells(t.Counts)...))
		}
		w.table(append([]string{L.Milestone, L.RecordedAt}, mdRiskHead(L, "")[1:]...), rows)
	}
	w.p("---")
	w.p("%s", L.GeneratedBy)
	return w.Flush()
}

func consolidatedMarkdown(out io.Writer, d *consolidatedDoc) error {
	w := mdWriter{bufio.NewWriter(out)}
	L := d.L
	w.p("# %s", mdText(d.Title()))
	w.p("")
	w.p("%s %s · %s: %s", L.GeneratedAt, dateString(d.GeneratedAt), L.Filters, mdText(filterText(d)))
	w.p("")
	if len(d.Metrics) == 0 {
		w.p("%s", L.NoWorkloads)
		return w.Flush()
	}
	w.p("## %s", L.RiskSummary)
	w.p("")
	w.table(mdRiskHead(L, L.Workloads), [][]string{append([]string{fmt.Sprint(len(d.Metrics))}, riskCells(d.Totals)...)})
	w.p("## %s", L.RiskByLens)
	w.p("")
	var rows [][]string
	for _, lt := range d.Lenses {
		rows = append(rows, append([]string{"**" + mdText(lt.Name) + "**"}, riskCells(lt.Counts)...))
		for _, p := range lt.Pillars {
			rows = append(rows, append([]string{mdText(p.Name)}, riskCells(p.Counts)...))
		}
	}
	w.table(mdRiskHead(L, L.Lens+" / "+L.Pillar), rows)
	w.p("## %s", L.MostMissing)
	w.p("")
	rows = nil
	for _, mp := range topMissing(d, 20) {
		rows = append(rows, []string{fmt.Sprint(mp.Workloads), mdText(strings.TrimSpace(mp.BestPracticeID + " " + mp.ChoiceTitle)), mdText(mp.QuestionTitle)})
	}
	w.table([]string{L.Workloads, L.BestPractice, L.Question}, rows)
	w.p("## %s", L.RiskByWorkload)
	w.p("")
	rows = nil
	for _, m := range d.Metrics {
		rows = append(rows, append([]string{mdText(m.WorkloadName), L.Env(m.Environment)}, riskCells(m.RiskCounts)...))
	}
	w.table(append([]string{L.Workload, L.Environment}, mdRiskHead(L, "")[1:]...), rows)
	w.p("---")
	w.p("%s", L.GeneratedBy)
	return w.Flush()
}

// workloadProps lists the workload's properties that are set, as label and value.
func workloadProps(d *lensReviewDoc) [][2]string {
	L, wl := d.L, d.Workload
	all := [][2]string{
		{L.Description, wl.Description}, {L.Environment, L.Env(wl.Environment)}, {L.ReviewOwner, wl.ReviewOwner},
		{L.Owner, wl.Owner}, {L.Regions, strings.Join(wl.AWSRegions, ", ")}, {L.NonAWSRegions, strings.Join(wl.NonAWSRegions, ", ")},
		{L.Accounts, strings.Join(wl.AccountIDs, ", ")}, {L.Industry, strings.TrimSpace(wl.IndustryType + " " + wl.Industry)},
		{L.Architecture, wl.ArchitecturalDesign}, {L.PillarPriorities, strings.Join(wl.PillarPriorities, ", ")},
		{L.Lens, d.Review.LensName}, {L.LensVersion, d.Review.LensVersion},
		{L.ImprovementStatus, L.ImprovementOf(wl.ImprovementStatus)}, {L.UpdatedAt, dateString(wl.UpdatedAt)},
		{L.Notes, wl.Notes}, {L.LensNotes, d.Review.Notes},
	}
	var out [][2]string
	for _, kv := range all {
		if strings.TrimSpace(kv[1]) != "" {
			out = append(out, kv)
		}
	}
	return out
}

func filterText(d *consolidatedDoc) string {
	L, q := d.L, d.Query
	env, ln := L.All, L.All
	if q.Environment != "" {
		env = L.Env(q.Environment)
	}
	if q.LensAlias != "" {
		ln = q.LensAlias
		for _, lt := range d.Lenses {
			if lt.Alias == q.LensAlias || lt.ARN == q.LensAlias {
				ln = lt.Name
			}
		}
	}
	scope := L.OwnOnly
	if q.IncludeShared {
		scope = L.IncludeShared
	}
	return fmt.Sprintf("%s %s · %s %s · %s", L.Environment, env, L.Lens, ln, scope)
}

func topMissing(d *consolidatedDoc, n int) []missingPractice {
	return d.MostMissing[:min(n, len(d.MostMissing))]
}

func trendName(L *labels, t trendPoint) string {
	if t.Number == 0 {
		return L.Current
	}
	return fmt.Sprintf("#%d %s", t.Number, t.Name)
}

func location(it wellops.EvidenceItem) string {
	if it.Line > 0 {
		return fmt.Sprintf("%s:%d", it.Path, it.Line)
	}
	return it.Path
}

func shortCommit(c string) string { return c[:min(12, len(c))] }

func bpID(c choiceDoc) string {
	if c.C.BestPractice != nil {
		return c.C.BestPractice.ID
	}
	return c.C.ID
}
