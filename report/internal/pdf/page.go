package pdf

import (
	"bytes"
	"fmt"
	"math"
)

// Page is one page's content. Coordinates are points from the top-left corner, the way
// layout thinks; the page turns them into PDF's bottom-left system.
type Page struct {
	W, H  float64
	buf   bytes.Buffer
	links []link
}

type link struct {
	x, y, w, h float64
	uri        string
	dest       *Page
	destY      float64
}

// Color is an RGB colour with components from 0 to 1.
type Color struct{ R, G, B float64 }

// Hex parses "#rrggbb"; anything else is black.
func Hex(s string) Color {
	var r, g, b int
	if len(s) == 7 && s[0] == '#' {
		fmt.Sscanf(s[1:], "%02x%02x%02x", &r, &g, &b)
	}
	return Color{float64(r) / 255, float64(g) / 255, float64(b) / 255}
}

func (c Color) ops(fill bool) string {
	op := "RG"
	if fill {
		op = "rg"
	}
	return fmt.Sprintf("%s %s %s %s", num3(c.R), num3(c.G), num3(c.B), op)
}

// Text draws s with its baseline at (x, y).
func (p *Page) Text(fc *Face, size float64, c Color, x, y float64, s string) {
	if s == "" {
		return
	}
	fmt.Fprintf(&p.buf, "BT %s /%s %s Tf %s %s Td <%s> Tj ET\n", c.ops(true), fc.name, num(size), num(x), num(p.H-y), fc.encode(s))
}

// Rect fills and/or strokes a rectangle whose top-left corner is (x, y).
func (p *Page) Rect(x, y, w, h float64, fill *Color, stroke *Color, lineWidth float64) {
	p.path(fmt.Sprintf("%s %s %s %s re", num(x), num(p.H-y-h), num(w), num(h)), fill, stroke, lineWidth)
}

// RoundRect is Rect with corners of radius r.
func (p *Page) RoundRect(x, y, w, h, r float64, fill *Color, stroke *Color, lineWidth float64) {
	r = math.Min(r, math.Min(w, h)/2)
	k := r * 0.5523 // Bézier approximation of a quarter circle
	x0, y0, x1, y1 := x, p.H-y-h, x+w, p.H-y
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s m ", num(x0+r), num(y0))
	fmt.Fprintf(&b, "%s %s l %s %s %s %s %s %s c ", num(x1-r), num(y0), num(x1-r+k), num(y0), num(x1), num(y0+r-k), num(x1), num(y0+r))
	fmt.Fprintf(&b, "%s %s l %s %s %s %s %s %s c ", num(x1), num(y1-r), num(x1), num(y1-r+k), num(x1-r+k), num(y1), num(x1-r), num(y1))
	fmt.Fprintf(&b, "%s %s l %s %s %s %s %s %s c ", num(x0+r), num(y1), num(x0+r-k), num(y1), num(x0), num(y1-r+k), num(x0), num(y1-r))
	fmt.Fprintf(&b, "%s %s l %s %s %s %s %s %s c h", num(x0), num(y0+r), num(x0), num(y0+r-k), num(x0+r-k), num(y0), num(x0+r), num(y0))
	p.path(b.String(), fill, stroke, lineWidth)
}

// Line strokes a segment; dash, when set, is the on/off pattern in points.
func (p *Page) Line(x1, y1, x2, y2 float64, c Color, width float64, dash ...float64) {
	p.Polyline([][2]float64{{x1, y1}, {x2, y2}}, c, width, dash...)
}

// Polyline strokes connected segments through pts.
func (p *Page) Polyline(pts [][2]float64, c Color, width float64, dash ...float64) {
	if len(pts) < 2 {
		return
	}
	var b bytes.Buffer
	if len(dash) > 0 {
		b.WriteString("[")
		for i, d := range dash {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(num(d))
		}
		b.WriteString("] 0 d ")
	}
	for i, pt := range pts {
		op := "l"
		if i == 0 {
			op = "m"
		}
		fmt.Fprintf(&b, "%s %s %s ", num(pt[0]), num(p.H-pt[1]), op)
	}
	fmt.Fprintf(&p.buf, "q %s %s w 1 J 1 j %sS Q\n", c.ops(false), num(width), b.String())
}

// Circle fills and/or strokes a circle centred on (cx, cy).
func (p *Page) Circle(cx, cy, r float64, fill *Color, stroke *Color, lineWidth float64) {
	k := r * 0.5523
	y := p.H - cy
	s := fmt.Sprintf("%s %s m %s %s %s %s %s %s c %s %s %s %s %s %s c %s %s %s %s %s %s c %s %s %s %s %s %s c h",
		num(cx+r), num(y),
		num(cx+r), num(y+k), num(cx+k), num(y+r), num(cx), num(y+r),
		num(cx-k), num(y+r), num(cx-r), num(y+k), num(cx-r), num(y),
		num(cx-r), num(y-k), num(cx-k), num(y-r), num(cx), num(y-r),
		num(cx+k), num(y-r), num(cx+r), num(y-k), num(cx+r), num(y))
	p.path(s, fill, stroke, lineWidth)
}

func (p *Page) path(path string, fill, stroke *Color, lineWidth float64) {
	op := "n"
	switch {
	case fill != nil && stroke != nil:
		op = "B"
	case fill != nil:
		op = "f"
	case stroke != nil:
		op = "S"
	}
	p.buf.WriteString("q ")
	if fill != nil {
		p.buf.WriteString(fill.ops(true) + " ")
	}
	if stroke != nil {
		fmt.Fprintf(&p.buf, "%s %s w ", stroke.ops(false), num(lineWidth))
	}
	fmt.Fprintf(&p.buf, "%s %s Q\n", path, op)
}

// LinkURI makes the rectangle a link to an external address.
func (p *Page) LinkURI(x, y, w, h float64, uri string) {
	p.links = append(p.links, link{x: x, y: y, w: w, h: h, uri: uri})
}

// LinkTo makes the rectangle a link to a position on another page of the same document.
func (p *Page) LinkTo(x, y, w, h float64, dest *Page, destY float64) {
	p.links = append(p.links, link{x: x, y: y, w: w, h: h, dest: dest, destY: destY})
}

func num3(v float64) string {
	return fmt.Sprintf("%.3g", v)
}
