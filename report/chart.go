package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// A chart is drawn once, as shapes in its own coordinate box (points, y down), and rendered
// twice: as inline SVG for HTML and as PDF vector operators. Both formats thus show the same
// picture, and neither needs an image library.
type chart struct {
	W, H   float64
	Shapes []shape
}

type shapeKind int

const (
	shapeRect shapeKind = iota
	shapeLine
	shapeCircle
	shapeText
)

type shape struct {
	Kind       shapeKind
	X, Y, W, H float64      // rect; text baseline at X, Y; circle centre X, Y and radius W
	Pts        [][2]float64 // line (polyline)
	Fill       string       // "#rrggbb" or ""
	Stroke     string
	StrokeW    float64
	Dash       bool
	Text       string
	Size       float64
	Anchor     string // start, middle or end
	Bold       bool
}

func (c *chart) rect(x, y, w, h float64, fill string) {
	c.Shapes = append(c.Shapes, shape{Kind: shapeRect, X: x, Y: y, W: w, H: h, Fill: fill})
}

func (c *chart) line(pts [][2]float64, stroke string, width float64, dash bool) {
	c.Shapes = append(c.Shapes, shape{Kind: shapeLine, Pts: pts, Stroke: stroke, StrokeW: width, Dash: dash})
}

func (c *chart) text(x, y float64, s string, size float64, color, anchor string, bold bool) {
	c.Shapes = append(c.Shapes, shape{Kind: shapeText, X: x, Y: y, Text: s, Size: size, Fill: color, Anchor: anchor, Bold: bold})
}

// barRow is one stacked bar: a label and its risk counts.
type barRow struct {
	Label  string
	Counts wellops.RiskCounts
}

// riskBars draws one horizontal stacked bar per row, label above the bar, counts inside the
// segments that are wide enough, and the legend underneath.
func riskBars(L *labels, rows []barRow, width float64) *chart {
	const labelH, barH, gap, legendH = 13, 16, 10, 22
	c := &chart{W: width}
	y := 0.0
	totalW := width - 36
	for _, r := range rows {
		c.text(0, y+9, r.Label, 8.5, "#37474f", "start", true)
		y += labelH
		total := r.Counts.Total()
		x := 0.0
		c.rect(0, y, totalW, barH, "#eceff1")
		for _, risk := range riskOrder() {
			n := countOf(r.Counts, risk)
			if n == 0 || total == 0 {
				continue
			}
			w := totalW * float64(n) / float64(total)
			c.rect(x, y, w, barH, riskColor(risk))
			if w >= 14 {
				fg := "#ffffff"
				if risk == lens.RiskUnanswered {
					fg = "#37474f"
				}
				c.text(x+w/2, y+barH/2+3, strconv.Itoa(n), 8, fg, "middle", true)
			}
			x += w
		}
		c.text(width, y+barH/2+3, strconv.Itoa(total), 8, "#546e7a", "end", false)
		y += barH + gap
	}
	slot := width / 5
	for i, risk := range riskOrder() {
		x := float64(i) * slot
		c.rect(x, y+2, 9, 9, riskColor(risk))
		c.text(x+13, y+10, L.RiskName(risk), 8, "#455a64", "start", false)
	}
	c.H = y + legendH - 8
	return c
}

// trendChart draws HIGH, MEDIUM and UNANSWERED over the milestones as lines with markers.
func trendChart(L *labels, pts []trendPoint, width float64) *chart {
	const height, left, top, bottom, right = 190.0, 28.0, 24.0, 34.0, 10.0
	c := &chart{W: width, H: height}
	series := []struct {
		risk lens.Risk
		get  func(wellops.RiskCounts) int
	}{
		{lens.RiskHigh, func(r wellops.RiskCounts) int { return r.High }},
		{lens.RiskMedium, func(r wellops.RiskCounts) int { return r.Medium }},
		{lens.RiskUnanswered, func(r wellops.RiskCounts) int { return r.Unanswered }},
	}
	maxV := 1
	for _, p := range pts {
		for _, s := range series {
			maxV = max(maxV, s.get(p.Counts))
		}
	}
	step := niceStep(maxV)
	top5 := int(math.Ceil(float64(maxV)/float64(step))) * step
	plotW, plotH := width-left-right, height-top-bottom
	yOf := func(v int) float64 { return top + plotH - plotH*float64(v)/float64(top5) }
	xOf := func(i int) float64 {
		if len(pts) == 1 {
			return left + plotW/2
		}
		return left + plotW*float64(i)/float64(len(pts)-1)
	}
	for v := 0; v <= top5; v += step {
		y := yOf(v)
		c.line([][2]float64{{left, y}, {left + plotW, y}}, "#e0e4e8", 0.6, v != 0)
		c.text(left-5, y+3, strconv.Itoa(v), 7.5, "#607d8b", "end", false)
	}
	// Label at most about eight milestones so the names stay legible.
	every := max(1, (len(pts)+7)/8)
	for i, p := range pts {
		if i%every != 0 && i != len(pts)-1 {
			continue
		}
		name := trendName(L, p)
		if r := []rune(name); len(r) > 18 {
			name = string(r[:17]) + "…"
		}
		// The end labels align with the plot's edges so that they stay inside the chart.
		anchor, x := "middle", xOf(i)
		if len(pts) > 1 && i == 0 {
			anchor, x = "start", x-4
		} else if len(pts) > 1 && i == len(pts)-1 {
			anchor, x = "end", x+4
		}
		c.text(x, height-bottom+14, name, 7.5, "#455a64", anchor, false)
		c.text(x, height-bottom+24, p.RecordedAt.UTC().Format("2006-01-02"), 6.5, "#90a4ae", anchor, false)
	}
	for si, s := range series {
		color := riskColor(s.risk)
		var line [][2]float64
		for i, p := range pts {
			line = append(line, [2]float64{xOf(i), yOf(s.get(p.Counts))})
		}
		if len(line) > 1 {
			c.line(line, color, 1.8, false)
		}
		for _, pt := range line {
			c.Shapes = append(c.Shapes, shape{Kind: shapeCircle, X: pt[0], Y: pt[1], W: 2.6, Fill: color, Stroke: "#ffffff", StrokeW: 0.8})
		}
		lx := left + float64(si)*110
		c.rect(lx, 4, 9, 9, color)
		c.text(lx+13, 12, L.RiskName(s.risk), 8, "#455a64", "start", false)
	}
	return c
}

// niceStep picks a grid step of 1, 2 or 5 times a power of ten giving at most five lines.
func niceStep(maxV int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if maxV/(m*p) <= 5 {
				return m * p
			}
		}
	}
}

// svg renders the chart as an inline SVG element. Text is escaped; it may come from lens or
// milestone names.
func (c *chart) svg(title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %s %s" width="100%%" role="img" aria-label="%s">`, f2(c.W), f2(c.H), esc(title))
	for _, s := range c.Shapes {
		switch s.Kind {
		case shapeRect:
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, f2(s.X), f2(s.Y), f2(s.W), f2(s.H), s.Fill)
		case shapeLine:
			var pts []string
			for _, p := range s.Pts {
				pts = append(pts, f2(p[0])+","+f2(p[1]))
			}
			dash := ""
			if s.Dash {
				dash = ` stroke-dasharray="2 2"`
			}
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="%s" stroke-linejoin="round" stroke-linecap="round"%s/>`,
				strings.Join(pts, " "), s.Stroke, f2(s.StrokeW), dash)
		case shapeCircle:
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="%s" fill="%s" stroke="%s" stroke-width="%s"/>`, f2(s.X), f2(s.Y), f2(s.W), s.Fill, s.Stroke, f2(s.StrokeW))
		case shapeText:
			weight := ""
			if s.Bold {
				weight = ` font-weight="bold"`
			}
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s" fill="%s" text-anchor="%s"%s>%s</text>`, f2(s.X), f2(s.Y), f2(s.Size), s.Fill, s.Anchor, weight, esc(s.Text))
		}
	}
	b.WriteString("</svg>")
	return b.String()
}

func f2(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}
