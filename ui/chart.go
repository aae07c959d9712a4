package ui

import (
	"fmt"
	"strings"

	"github.com/wellops/wellops"
)

// trendChart is the HIGH/MEDIUM trend across milestones as inline SVG, laid out here so the
// template only draws. The two series differ by line style and marker shape as well as by
// colour, and the page shows the same numbers in a table.
type trendChart struct {
	W, H              int
	Left, Right, Top  float64
	Bottom            float64
	Points            []trendPoint
	Ticks             []trendTick
	HighPath, MedPath string
	LabelEvery        int
}

type trendPoint struct {
	X, HY, MY    float64
	Label, Title string
	High, Medium int
	Current      bool
}

type trendTick struct {
	Y     float64
	Value int
}

// trendPointOf is one point of the chart.
type trendInput struct {
	Label, Title string
	Counts       wellops.RiskCounts
	Current      bool
}

func newTrendChart(in []trendInput) *trendChart {
	c := &trendChart{W: 720, H: 240, Left: 40, Right: 16, Top: 16, Bottom: 40, LabelEvery: 1}
	if len(in) == 0 {
		return c
	}
	maxV := 1
	for _, p := range in {
		maxV = max(maxV, p.Counts.High, p.Counts.Medium)
	}
	step := 1
	for maxV/step > 5 {
		step *= 2
	}
	top := (maxV + step - 1) / step * step
	plotW := float64(c.W) - c.Left - c.Right
	plotH := float64(c.H) - c.Top - c.Bottom
	y := func(v int) float64 { return c.Top + plotH - float64(v)*plotH/float64(top) }
	for v := 0; v <= top; v += step {
		c.Ticks = append(c.Ticks, trendTick{Y: y(v), Value: v})
	}
	var hp, mp strings.Builder
	for i, p := range in {
		x := c.Left + plotW/2
		if len(in) > 1 {
			x = c.Left + float64(i)*plotW/float64(len(in)-1)
		}
		pt := trendPoint{X: x, HY: y(p.Counts.High), MY: y(p.Counts.Medium), Label: p.Label, Title: p.Title,
			High: p.Counts.High, Medium: p.Counts.Medium, Current: p.Current}
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		fmt.Fprintf(&hp, "%s%.1f %.1f ", cmd, pt.X, pt.HY)
		fmt.Fprintf(&mp, "%s%.1f %.1f ", cmd, pt.X, pt.MY)
		c.Points = append(c.Points, pt)
	}
	c.HighPath, c.MedPath = strings.TrimSpace(hp.String()), strings.TrimSpace(mp.String())
	// Label at most about twelve points on the axis, always the last.
	c.LabelEvery = max(1, (len(in)+11)/12)
	return c
}

// ShowLabel reports whether point i gets an axis label.
func (c *trendChart) ShowLabel(i int) bool {
	return i%c.LabelEvery == 0 || i == len(c.Points)-1
}

// Baseline is the y of the x axis.
func (c *trendChart) Baseline() float64 { return float64(c.H) - c.Bottom }

// AxisEnd is the x where the plot ends.
func (c *trendChart) AxisEnd() float64 { return float64(c.W) - c.Right }
