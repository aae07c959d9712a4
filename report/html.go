package report

import (
	"embed"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// The HTML report is one self-contained file: CSS inline, charts as inline SVG, no script,
// no font or image to fetch, so it opens offline, mails as an attachment and prints (the
// stylesheet has print rules). html/template escapes every user string.

//go:embed templates
var templateFS embed.FS

// htmlTemplate parses one page template with the report's helpers.
func htmlTemplate(name string, L *labels) (*template.Template, error) {
	funcs := template.FuncMap{
		"riskName":       func(r lens.Risk) string { return L.RiskName(r) },
		"riskColor":      func(r lens.Risk) template.CSS { return template.CSS(riskColor(r)) },
		"choiceStatus":   L.ChoiceStatus,
		"reasonOf":       L.ReasonOf,
		"evidenceStatus": L.EvidenceStatus,
		"improvementOf":  L.ImprovementOf,
		"env":            L.Env,
		"date":           dateString,
		"location":       location,
		"short":          shortCommit,
		"riskCells":      riskCells,
		"safeURL":        func(u string) bool { return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") },
	}
	return template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/"+name)
}

func css() (template.CSS, error) {
	b, err := templateFS.ReadFile("templates/style.css")
	return template.CSS(b), err
}

type summaryCard struct {
	N     int
	Label string
	Color template.CSS
}

func summaryCards(L *labels, c interface{ Map() map[string]int }) []summaryCard {
	m := c.Map()
	var out []summaryCard
	for _, r := range riskOrder() {
		out = append(out, summaryCard{N: m[string(r)], Label: L.RiskName(r), Color: template.CSS(riskColor(r))})
	}
	return out
}

type htmlQuestion struct {
	Code   string
	Pillar string
	Q      questionDoc
}

type htmlPillar struct {
	Review    wellops.PillarReview
	Questions []htmlQuestion
}

type htmlEvidence struct {
	ID string
	C  choiceDoc
}

func lensReviewHTML(w io.Writer, d *lensReviewDoc) error {
	t, err := htmlTemplate("lensreview.html", d.L)
	if err != nil {
		return err
	}
	style, err := css()
	if err != nil {
		return err
	}
	view := struct {
		D            *lensReviewDoc
		CSS          template.CSS
		Summary      []summaryCard
		Props        [][2]string
		Pillars      []htmlPillar
		AllQuestions []htmlQuestion
		Evidence     []htmlEvidence
		Bars         template.HTML
		Trend        template.HTML
	}{D: d, CSS: style, Summary: summaryCards(d.L, d.Review.RiskCounts), Props: workloadProps(d)}
	var bars []barRow
	n := 0
	for _, p := range d.Pillars {
		bars = append(bars, barRow{Label: p.Review.PillarName, Counts: p.Review.RiskCounts})
		hp := htmlPillar{Review: p.Review}
		for _, q := range p.Questions {
			n++
			hq := htmlQuestion{Code: questionCode(n, q.Q), Pillar: p.Review.PillarName, Q: q}
			hp.Questions = append(hp.Questions, hq)
			view.AllQuestions = append(view.AllQuestions, hq)
			for _, c := range q.Choices {
				if c.Evidence != nil {
					view.Evidence = append(view.Evidence, htmlEvidence{ID: bpID(c), C: c})
				}
			}
		}
		view.Pillars = append(view.Pillars, hp)
	}
	// The charts are built from escaped text by chart.svg, so they are safe to inline.
	view.Bars = template.HTML(riskBars(d.L, bars, 600).svg(d.L.RiskByPillar))
	if len(d.Trend) > 0 {
		view.Trend = template.HTML(trendChart(d.L, d.Trend, 600).svg(d.L.Trend))
	}
	return t.Execute(w, view)
}

func consolidatedHTML(w io.Writer, d *consolidatedDoc) error {
	t, err := htmlTemplate("consolidated.html", d.L)
	if err != nil {
		return err
	}
	style, err := css()
	if err != nil {
		return err
	}
	var bars []barRow
	for _, lt := range d.Lenses {
		bars = append(bars, barRow{Label: lt.Name + " (" + strconv.Itoa(lt.Workloads) + ")", Counts: lt.Counts})
		for _, p := range lt.Pillars {
			if len(lt.Pillars) > 1 {
				bars = append(bars, barRow{Label: "  " + p.Name, Counts: p.Counts})
			}
		}
	}
	var head []string
	for _, r := range riskOrder() {
		head = append(head, d.L.RiskName(r))
	}
	view := struct {
		D        *consolidatedDoc
		CSS      template.CSS
		Summary  []summaryCard
		Filters  string
		RiskHead []string
		Missing  []missingPractice
		Bars     template.HTML
	}{D: d, CSS: style, Summary: summaryCards(d.L, d.Totals), Filters: filterText(d), RiskHead: head,
		Missing: topMissing(d, 20), Bars: template.HTML(riskBars(d.L, bars, 600).svg(d.L.RiskByLens))}
	return t.Execute(w, view)
}
