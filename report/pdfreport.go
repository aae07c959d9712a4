package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
	"github.com/wellops/wellops/report/internal/pdf"
)

func pdfLang(lang string) string {
	if lang == "ko" {
		return "ko-KR"
	}
	return "en-US"
}

// lensReviewPDF typesets a lens review: cover with the risk summary, contents, workload
// properties, risks by pillar and question, every answer, the improvement plan, the evidence
// and the trend.
func (r *Renderer) lensReviewPDF(w io.Writer, d *lensReviewDoc) error {
	fs, err := r.loadFonts()
	if err != nil {
		return err
	}
	L := d.L
	doc := &pdf.Doc{Title: d.Title(), Author: "wellops", Subject: d.Review.LensName, Lang: pdfLang(d.Lang), Created: d.GeneratedAt}
	l := newLayout(fs, doc)
	l.header = [2]string{d.Workload.Name + " · " + d.Review.LensName, L.LensReviewReport}

	l.heading(0, L.WorkloadProperties)
	var props [][]cell
	for _, kv := range workloadProps(d) {
		props = append(props, []cell{{Text: kv[0], Color: mutedColor}, {Text: kv[1]}})
	}
	l.table([]column{{Title: L.Workload, W: 0.28}, {Title: d.Workload.Name, W: 0.72}}, props, 9)

	l.heading(0, L.RiskSummary)
	l.heading(1, L.RiskByPillar)
	var bars []barRow
	for _, p := range d.Pillars {
		bars = append(bars, barRow{Label: p.Review.PillarName, Counts: p.Review.RiskCounts})
	}
	l.chart(riskBars(L, bars, contentW))
	l.heading(1, L.RiskByQuestion)
	var rows [][]cell
	n := 0
	for _, p := range d.Pillars {
		for _, q := range p.Questions {
			n++
			rows = append(rows, []cell{{Text: questionCode(n, q.Q), Bold: true}, {Text: q.Q.Title}, {Text: L.RiskName(q.A.Risk), Badge: riskColor(q.A.Risk)}})
		}
	}
	l.table([]column{{Title: "#", W: 0.1}, {Title: L.Question, W: 0.7}, {Title: L.Risk, W: 0.2}}, rows, 9)

	l.heading(0, L.Answers)
	n = 0
	for _, p := range d.Pillars {
		if len(d.Pillars) > 1 || p.Review.Notes != "" {
			l.heading(1, p.Review.PillarName)
			if p.Review.Notes != "" {
				l.note(p.Review.Notes)
			}
		}
		for _, q := range p.Questions {
			n++
			l.question(L, questionCode(n, q.Q), q)
		}
	}

	l.heading(0, L.ImprovementPlan)
	if len(d.Plan) == 0 {
		l.para(L.NoImprovements, 10, false, inkColor, 0, 0, 0)
	}
	for i, it := range d.Plan {
		l.planItem(L, i+1, it)
	}

	if d.Scan != nil {
		l.heading(0, L.EvidenceScan)
		meta := L.ScannedAt + " " + dateString(d.Scan.ScannedAt)
		if d.Scan.Commit != "" {
			meta += " · " + L.Commit + " " + shortCommit(d.Scan.Commit)
		}
		l.para(meta, 9, false, mutedColor, 0, 0, 0)
		l.y += 4
		var rows [][]cell
		for _, p := range d.Pillars {
			for _, q := range p.Questions {
				for _, c := range q.Choices {
					if e := c.Evidence; e != nil {
						text := e.SummaryIn(L.Lang)
						for _, it := range e.Items {
							text += "\n" + location(it)
						}
						rows = append(rows, []cell{{Text: bpID(c) + "\n" + c.C.Title, Bold: false}, {Text: L.EvidenceStatus(e.Status)}, {Text: text}})
					}
				}
			}
		}
		l.table([]column{{Title: L.BestPractice, W: 0.34}, {Title: L.Status, W: 0.14}, {Title: L.Evidence, W: 0.52}}, rows, 8)
	}

	l.heading(0, L.Trend)
	if len(d.Trend) > 0 {
		l.chart(trendChart(L, d.Trend, contentW))
		l.para(L.TrendCaption, 8.5, false, mutedColor, 0, 0, 0)
		l.y += 8
		var rows [][]cell
		for _, t := range d.Trend {
			row := []cell{{Text: trendName(L, t)}, {Text: dateString(t.RecordedAt)}}
			for _, v := range riskCells(t.Counts) {
				row = append(row, cell{Text: v})
			}
			rows = append(rows, row)
		}
		cols := []column{{Title: L.Milestone, W: 0.26}, {Title: L.RecordedAt, W: 0.22}}
		for _, rk := range riskOrder() {
			cols = append(cols, column{Title: L.RiskShort(rk), W: 0.104, Right: true})
		}
		l.table(cols, rows, 8.5)
	} else {
		l.para(L.NoTrend, 10, false, inkColor, 0, 0, 0)
	}

	l.finish(func() { l.lensCover(d) }, L.Contents)
	return doc.Write(w)
}

// lensCover draws the first page: the title band, the key facts and the risk summary.
func (l *layout) lensCover(d *lensReviewDoc) {
	L := d.L
	l.newPage()
	l.page.Rect(0, 0, pdf.A4Width, 250, colp(brandColor), nil, 0)
	l.text(marginX, 92, L.LensReviewReport+" · "+d.Review.LensName, 10, true, "#c5d3e6")
	y := 104.0
	for _, ln := range wrap(l.bold, 26, d.Workload.Name, contentW) {
		y += 32
		l.text(marginX, y, ln, 26, true, "#ffffff")
	}
	state := L.CurrentState
	if m := d.Milestone; m != nil {
		state = fmt.Sprintf("%s %d: %s (%s)", L.Milestone, m.Number, m.Name, dateString(m.RecordedAt))
	}
	l.text(marginX, 226, fit(l.reg, 10, state, contentW), 10, false, "#e3eaf3")
	l.y = 290
	l.summaryCards(L, d.Review.RiskCounts)
	l.para(L.Answered(d.Review.RiskCounts.Answered(), d.Review.RiskCounts.Total()), 10, false, mutedColor, 0, 0, 0)
	l.y += 20
	facts := [][2]string{{L.Environment, L.Env(d.Workload.Environment)}, {L.ReviewOwner, d.Workload.ReviewOwner},
		{L.Lens, d.Review.LensName + " " + d.Review.LensVersion}, {L.UpdatedAt, dateString(d.Workload.UpdatedAt)},
		{L.GeneratedAt, dateString(d.GeneratedAt)}}
	for _, f := range facts {
		if f[1] == "" {
			continue
		}
		l.y += 20
		l.text(marginX, l.y, f[0], 9.5, false, mutedColor)
		l.text(marginX+130, l.y, fit(l.reg, 10, f[1], contentW-130), 10, false, inkColor)
		l.page.Line(marginX, l.y+7, marginX+contentW, l.y+7, col(lineColor), 0.5)
	}
	l.text(marginX, pdf.A4Height-48, L.GeneratedBy, 8.5, false, mutedColor)
}

// summaryCards draws the five risk counts as cards with a coloured top edge.
func (l *layout) summaryCards(L *labels, c wellops.RiskCounts) {
	gap := 10.0
	w := (contentW - 4*gap) / 5
	for i, rk := range riskOrder() {
		x := marginX + float64(i)*(w+gap)
		l.page.RoundRect(x, l.y, w, 62, 4, colp("#ffffff"), colp(lineColor), 0.7)
		l.page.Rect(x, l.y, w, 4, colp(riskColor(rk)), nil, 0)
		color := riskColor(rk)
		if rk == lens.RiskUnanswered {
			color = "#78909c"
		}
		l.text(x+10, l.y+34, strconv.Itoa(countOf(c, rk)), 22, true, color)
		l.text(x+10, l.y+52, fit(l.reg, 8.5, L.RiskName(rk), w-16), 8.5, false, mutedColor)
	}
	l.y += 74
}

// question draws one question: its heading with the risk badge, every choice with a status
// mark, reasons, notes and evidence, and the question's notes.
func (l *layout) question(L *labels, code string, q questionDoc) {
	title := code + "  " + q.Q.Title
	badge := L.RiskName(q.A.Risk)
	bw := l.bold.Width(badge, 8) + 12
	lines := wrap(l.bold, 10.5, title, contentW-10-bw-16)
	l.need(float64(len(lines))*15 + 60)
	l.y += 10
	top := l.y
	l.page.Rect(marginX, l.y, 3, float64(len(lines))*15+4, colp(riskColor(q.A.Risk)), nil, 0)
	for i, ln := range lines {
		l.text(marginX+10, l.y+12+float64(i)*15, ln, 10.5, true, inkColor)
	}
	l.badge(marginX+contentW-bw, l.y+11, badge, riskColor(q.A.Risk), 8)
	l.y += float64(len(lines))*15 + 8
	l.toc = append(l.toc, tocEntry{Title: title, Level: 1, Page: l.page, Y: top - 4})
	l.doc.Outlines = append(l.doc.Outlines, pdf.Outline{Title: title, Page: l.page, Y: top - 4, Level: 1})
	if !q.A.IsApplicable {
		l.para(L.QuestionNotApplicable+": "+L.ReasonOf(q.A.Reason), 9, true, mutedColor, 10, 0, 0)
	}
	for _, c := range q.Choices {
		l.choice(L, c)
	}
	if q.A.Notes != "" {
		l.y += 4
		l.note(q.A.Notes)
	}
	l.y += 6
}

// choice draws one choice line: a vector status mark, the title, and the status on the right.
func (l *layout) choice(L *labels, c choiceDoc) {
	const size, lead, indent = 9.0, 13.0, 28.0
	status := L.ChoiceStatus(c.Status)
	if c.Reason != "" {
		status += " · " + L.ReasonOf(c.Reason)
	}
	sw := l.reg.Width(status, 8) + 8
	color := inkColor
	if c.Status == wellops.ChoiceUnselected {
		color = mutedColor
	}
	lines := wrap(l.reg, size, c.C.Title, contentW-indent-sw-6)
	l.need(float64(len(lines))*lead + 4)
	l.page.Line(marginX+indent-16, l.y+1, marginX+contentW, l.y+1, col("#eef1f4"), 0.5)
	cy := l.y + 8.5
	cx := marginX + indent - 9
	switch c.Status {
	case wellops.ChoiceSelected:
		l.page.Circle(cx, cy, 5, colp("#2e7d32"), nil, 0)
		l.page.Polyline([][2]float64{{cx - 2.6, cy}, {cx - 0.6, cy + 2}, {cx + 2.7, cy - 2.1}}, col("#ffffff"), 1.2)
	case wellops.ChoiceNotApplicable:
		l.page.Circle(cx, cy, 5, colp("#90a4ae"), nil, 0)
		l.page.Line(cx-2.5, cy, cx+2.5, cy, col("#ffffff"), 1.3)
	default:
		l.page.Circle(cx, cy, 4.5, nil, colp("#b0bec5"), 0.9)
	}
	for i, ln := range lines {
		l.text(marginX+indent, l.y+11.5+float64(i)*lead, ln, size, c.Status == wellops.ChoiceSelected, color)
	}
	l.text(marginX+contentW-l.reg.Width(status, 8), l.y+11.5, status, 8, false, mutedColor)
	l.y += float64(len(lines))*lead + 3
	if c.Notes != "" {
		l.para(c.Notes, 8.5, false, "#37474f", indent+6, 0, 12)
	}
	if e := c.Evidence; e != nil {
		text := L.Evidence + ": " + L.EvidenceStatus(e.Status)
		if e.Summary != "" {
			text += " — " + e.SummaryIn(L.Lang)
		}
		if c.Suggested {
			text += " (" + L.Suggested + ")"
		}
		for i, it := range e.Items {
			if i == 3 {
				text += fmt.Sprintf(" (+%d)", len(e.Items)-3)
				break
			}
			text += "  " + location(it)
		}
		l.para(text, 7.5, false, "#2f5f8a", indent+6, 0, 10.5)
	}
	l.y += 2
}

// note draws free text in a soft box.
func (l *layout) note(s string) {
	const size, lead, pad = 8.5, 12.5, 6.0
	lines := wrap(l.reg, size, s, contentW-10-2*pad)
	for len(lines) > 0 {
		room := int((l.bottom() - l.y - 2*pad) / lead)
		if room < 1 {
			l.newPage()
			continue
		}
		chunk := lines[:min(room, len(lines))]
		lines = lines[len(chunk):]
		h := float64(len(chunk))*lead + 2*pad
		l.page.Rect(marginX+10, l.y, contentW-10, h, colp(softColor), nil, 0)
		for i, ln := range chunk {
			l.text(marginX+10+pad, l.y+pad+size+float64(i)*lead, ln, size, false, "#37474f")
		}
		l.y += h + 4
	}
}

// planItem draws one improvement: the question with its risk, then each missing practice
// with its improvement text and link.
func (l *layout) planItem(L *labels, n int, it planItem) {
	head := fmt.Sprintf("%d. %s", n, it.QuestionTitle)
	badge := L.RiskName(it.Risk)
	bw := l.bold.Width(badge, 8) + 12
	lines := wrap(l.bold, 10.5, head, contentW-bw-16)
	l.need(float64(len(lines))*15 + 50)
	l.y += 8
	for i, ln := range lines {
		l.text(marginX, l.y+12+float64(i)*15, ln, 10.5, true, inkColor)
	}
	l.badge(marginX+contentW-bw, l.y+11, badge, riskColor(it.Risk), 8)
	l.y += float64(len(lines))*15 + 2
	l.para(L.ImprovementStatus+": "+L.ImprovementOf(it.Status), 8.5, false, mutedColor, 0, 0, 12)
	for _, c := range it.Missing {
		title := c.Title
		if bp := c.BestPractice; bp != nil {
			title = bp.ID + "  " + c.Title + "  (" + L.BestPracticeRisk + ": " + L.RiskName(bp.Risk) + ")"
		}
		l.y += 3
		l.para(title, 9, true, brandColor, 12, 0, 13)
		if c.ImprovementPlan != nil {
			if c.ImprovementPlan.DisplayText != "" {
				l.para(c.ImprovementPlan.DisplayText, 8.5, false, "#37474f", 12, 0, 12.5)
			}
			if u := c.ImprovementPlan.URL; u != "" {
				lines := wrap(l.reg, 7.5, u, contentW-12)
				for _, ln := range lines {
					l.need(11)
					l.y += 11
					l.text(marginX+12, l.y-3, ln, 7.5, false, "#1565c0")
					l.page.LinkURI(marginX+12, l.y-11, l.reg.Width(ln, 7.5), 11, u)
				}
			}
		}
	}
	l.y += 6
}

// consolidatedPDF typesets the consolidated report.
func (r *Renderer) consolidatedPDF(w io.Writer, d *consolidatedDoc) error {
	fs, err := r.loadFonts()
	if err != nil {
		return err
	}
	L := d.L
	doc := &pdf.Doc{Title: d.Title(), Author: "wellops", Subject: L.ConsolidatedReport, Lang: pdfLang(d.Lang), Created: d.GeneratedAt}
	l := newLayout(fs, doc)
	l.header = [2]string{L.ConsolidatedReport, filterText(d)}
	l.flowSections = true

	l.heading(0, L.RiskByLens)
	if len(d.Metrics) == 0 {
		l.para(L.NoWorkloads, 10, false, inkColor, 0, 0, 0)
	}
	var bars []barRow
	for _, lt := range d.Lenses {
		bars = append(bars, barRow{Label: lt.Name + " (" + strconv.Itoa(lt.Workloads) + ")", Counts: lt.Counts})
	}
	if len(bars) > 0 {
		l.chart(riskBars(L, bars, contentW))
	}
	cols := []column{{Title: L.Lens + " / " + L.Pillar, W: 0.38}, {Title: L.Workloads, W: 0.12, Right: true}}
	for _, rk := range riskOrder() {
		cols = append(cols, column{Title: L.RiskShort(rk), W: 0.1, Right: true})
	}
	var rows [][]cell
	for _, lt := range d.Lenses {
		row := []cell{{Text: lt.Name, Bold: true}, {Text: strconv.Itoa(lt.Workloads)}}
		for _, v := range riskCells(lt.Counts) {
			row = append(row, cell{Text: v, Bold: true})
		}
		rows = append(rows, row)
		for _, p := range lt.Pillars {
			row := []cell{{Text: "   " + p.Name}, {}}
			for _, v := range riskCells(p.Counts) {
				row = append(row, cell{Text: v})
			}
			rows = append(rows, row)
		}
	}
	l.table(cols, rows, 8.5)

	l.heading(0, L.MostMissing)
	rows = nil
	for _, mp := range topMissing(d, 25) {
		rows = append(rows, []cell{{Text: strconv.Itoa(mp.Workloads), Bold: true}, {Text: mp.BestPracticeID, Bold: true}, {Text: mp.ChoiceTitle}, {Text: mp.QuestionTitle, Color: mutedColor}})
	}
	l.table([]column{{Title: L.Workloads, W: 0.12, Right: true}, {Title: "ID", W: 0.14}, {Title: L.BestPractice, W: 0.4}, {Title: L.Question, W: 0.34}}, rows, 8.5)

	l.heading(0, L.RiskByWorkload)
	cols = []column{{Title: L.Workload, W: 0.36}, {Title: L.Environment, W: 0.14}}
	for _, rk := range riskOrder() {
		cols = append(cols, column{Title: L.RiskShort(rk), W: 0.1, Right: true})
	}
	rows = nil
	for _, m := range d.Metrics {
		row := []cell{{Text: m.WorkloadName}, {Text: L.Env(m.Environment)}}
		for _, v := range riskCells(m.RiskCounts) {
			row = append(row, cell{Text: v})
		}
		rows = append(rows, row)
	}
	l.table(cols, rows, 8.5)

	l.finish(func() { l.consolidatedCover(d) }, L.Contents)
	return doc.Write(w)
}

func (l *layout) consolidatedCover(d *consolidatedDoc) {
	L := d.L
	l.newPage()
	l.page.Rect(0, 0, pdf.A4Width, 230, colp(brandColor), nil, 0)
	l.text(marginX, 92, "wellops", 10, true, "#c5d3e6")
	l.text(marginX, 136, L.ConsolidatedReport, 26, true, "#ffffff")
	l.text(marginX, 206, fit(l.reg, 10, L.Filters+": "+filterText(d), contentW), 10, false, "#e3eaf3")
	l.y = 270
	l.summaryCards(L, d.Totals)
	l.para(fmt.Sprintf("%s: %d", L.Workloads, len(d.Metrics)), 10, false, mutedColor, 0, 0, 0)
	l.y += 16
	l.text(marginX, l.y, L.GeneratedAt+"  "+dateString(d.GeneratedAt), 9.5, false, mutedColor)
	l.text(marginX, pdf.A4Height-48, L.GeneratedBy, 8.5, false, mutedColor)
}
