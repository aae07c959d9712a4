package report

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strconv"

	"github.com/wellops/wellops/report/internal/pdf"
)

//go:embed fonts/NanumGothic.ttf.gz fonts/NanumGothicBold.ttf.gz
var fontFS embed.FS

// loadFonts reads and parses the embedded faces once per Renderer.
func (r *Renderer) loadFonts() (*fontSet, error) {
	r.fontOnce.Do(func() {
		read := func(name string) (*pdf.Font, error) {
			b, err := fontFS.ReadFile("fonts/" + name)
			if err != nil {
				return nil, err
			}
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return nil, fmt.Errorf("font %s: %w", name, err)
			}
			data, err := io.ReadAll(zr)
			if err != nil {
				return nil, fmt.Errorf("font %s: %w", name, err)
			}
			return pdf.ParseTTF(data)
		}
		fs := &fontSet{}
		if fs.regular, r.fontErr = read("NanumGothic.ttf.gz"); r.fontErr != nil {
			return
		}
		if fs.bold, r.fontErr = read("NanumGothicBold.ttf.gz"); r.fontErr != nil {
			return
		}
		r.fonts = fs
	})
	return r.fonts, r.fontErr
}

// Page geometry (points) and the palette.
const (
	marginX      = 54.0
	marginTop    = 62.0
	marginBottom = 58.0
	contentW     = pdf.A4Width - 2*marginX
)

func col(hex string) pdf.Color   { return pdf.Hex(hex) }
func colp(hex string) *pdf.Color { c := pdf.Hex(hex); return &c }

const (
	inkColor   = "#1f2933"
	mutedColor = "#5f6b7a"
	brandColor = "#1f3a5f"
	lineColor  = "#dde3ea"
	softColor  = "#f4f6f9"
)

// tocEntry is a heading listed in the table of contents.
type tocEntry struct {
	Title string
	Level int
	Page  *pdf.Page
	Y     float64
}

// layout flows content down pages: a cursor, page breaks, and the headings met on the way.
type layout struct {
	doc       *pdf.Doc
	reg, bold *pdf.Face
	page      *pdf.Page
	y         float64
	toc       []tocEntry
	header    [2]string // running header: left and right
	// flowSections lets top-level sections follow each other on a page instead of each
	// starting a new one: right for short reports.
	flowSections bool
}

func newLayout(fs *fontSet, d *pdf.Doc) *layout {
	l := &layout{doc: d}
	l.reg, l.bold = d.AddFont(fs.regular), d.AddFont(fs.bold)
	return l
}

func (l *layout) newPage() {
	l.page = l.doc.NewPage()
	l.y = marginTop
}

func (l *layout) bottom() float64 { return pdf.A4Height - marginBottom }

// need starts a new page unless h points fit below the cursor.
func (l *layout) need(h float64) {
	if l.page == nil || l.y+h > l.bottom() {
		l.newPage()
	}
}

func (l *layout) face(bold bool) *pdf.Face {
	if bold {
		return l.bold
	}
	return l.reg
}

// text draws one line at the cursor's page, baseline y.
func (l *layout) text(x, y float64, s string, size float64, bold bool, color string) {
	l.page.Text(l.face(bold), size, col(color), x, y, s)
}

// heading draws a section heading, keeps it with the next lines, and lists it in the table
// of contents and the bookmarks.
func (l *layout) heading(level int, title string) {
	size, before, after, color := 17.0, 6.0, 10.0, brandColor
	switch level {
	case 1:
		size, before, after = 13, 16, 6
	case 2:
		size, before, after, color = 11, 12, 4, inkColor
	}
	lines := wrap(l.bold, size, title, contentW)
	h := float64(len(lines))*size*1.3 + after
	if level == 0 && (!l.flowSections || l.page == nil) {
		l.newPage()
	} else {
		if level == 0 {
			before = 24
		}
		l.need(before + h + 60)
		if l.y > marginTop {
			l.y += before
		}
	}
	top := l.y
	for _, ln := range lines {
		l.y += size * 1.05
		l.text(marginX, l.y, ln, size, true, color)
		l.y += size * 0.25
	}
	if level == 0 {
		l.page.Line(marginX, l.y+3, marginX+contentW, l.y+3, col(brandColor), 1.4)
		l.y += 6
	}
	l.y += after
	l.toc = append(l.toc, tocEntry{Title: title, Level: level, Page: l.page, Y: top - 4})
	l.doc.Outlines = append(l.doc.Outlines, pdf.Outline{Title: title, Page: l.page, Y: top - 4, Level: level})
}

// para draws wrapped text at x (relative to the margin) with the given width.
func (l *layout) para(s string, size float64, bold bool, color string, indent, width, leading float64) {
	if width == 0 {
		width = contentW - indent
	}
	if leading == 0 {
		leading = size * 1.5
	}
	for _, ln := range wrap(l.face(bold), size, s, width) {
		l.need(leading)
		l.y += leading
		l.text(marginX+indent, l.y-leading*0.28, ln, size, bold, color)
	}
}

// badge draws a rounded label (a risk) with its left edge at x and its baseline at y, and
// returns its width.
func (l *layout) badge(x, y float64, label, bg string, size float64) float64 {
	fg := "#ffffff"
	if bg == riskColor("") {
		fg = "#37474f"
	}
	w := l.bold.Width(label, size) + size*1.3
	l.page.RoundRect(x, y-size*0.95, w, size*1.35, size*0.6, colp(bg), nil, 0)
	l.text(x+size*0.65, y, label, size, true, fg)
	return w
}

// column describes one table column: its share of the width and whether it is right-aligned.
type column struct {
	Title string
	W     float64 // fraction of the content width
	Right bool
}

// cell is one table cell: text, or a badge when Badge is set.
type cell struct {
	Text  string
	Bold  bool
	Badge string // background colour of a badge
	Color string
}

// table draws rows under a header that repeats on every page the table spans.
func (l *layout) table(cols []column, rows [][]cell, size float64) {
	const pad = 5.0
	lead := size * 1.45
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.W * contentW
	}
	header := func() {
		h := lead + 2*pad
		l.page.Rect(marginX, l.y, contentW, h, colp(softColor), nil, 0)
		x := marginX
		for i, c := range cols {
			title := fit(l.bold, size, c.Title, widths[i]-2*pad)
			tx := x + pad
			if c.Right {
				tx = x + widths[i] - pad - l.bold.Width(title, size)
			}
			l.text(tx, l.y+pad+size, title, size, true, "#37474f")
			x += widths[i]
		}
		l.y += h
	}
	l.need(lead*2 + 4*pad)
	header()
	for _, row := range rows {
		wrapped := make([][]string, len(row))
		lines := 1
		for i, c := range row {
			if c.Badge != "" {
				continue
			}
			wrapped[i] = wrap(l.face(c.Bold), size, c.Text, widths[i]-2*pad)
			lines = max(lines, len(wrapped[i]))
		}
		h := float64(lines)*lead + 2*pad
		if l.y+h > l.bottom() {
			l.newPage()
			header()
		}
		x := marginX
		for i, c := range row {
			if c.Badge != "" {
				l.badge(x+pad, l.y+pad+size, c.Text, c.Badge, size-0.5)
			}
			color := c.Color
			if color == "" {
				color = inkColor
			}
			for k, ln := range wrapped[i] {
				tx := x + pad
				if cols[i].Right {
					tx = x + widths[i] - pad - l.face(c.Bold).Width(ln, size)
				}
				l.text(tx, l.y+pad+size+float64(k)*lead, ln, size, c.Bold, color)
			}
			x += widths[i]
		}
		l.y += h
		l.page.Line(marginX, l.y, marginX+contentW, l.y, col(lineColor), 0.5)
	}
	l.y += 8
}

// chart draws a chart at the cursor, keeping it on one page.
func (l *layout) chart(c *chart) {
	l.need(c.H + 8)
	ox, oy := marginX+(contentW-c.W)/2, l.y
	p := l.page
	for _, s := range c.Shapes {
		switch s.Kind {
		case shapeRect:
			p.Rect(ox+s.X, oy+s.Y, s.W, s.H, colp(s.Fill), nil, 0)
		case shapeLine:
			pts := make([][2]float64, len(s.Pts))
			for i, pt := range s.Pts {
				pts[i] = [2]float64{ox + pt[0], oy + pt[1]}
			}
			var dash []float64
			if s.Dash {
				dash = []float64{2, 2}
			}
			p.Polyline(pts, col(s.Stroke), s.StrokeW, dash...)
		case shapeCircle:
			p.Circle(ox+s.X, oy+s.Y, s.W, colp(s.Fill), colp(s.Stroke), s.StrokeW)
		case shapeText:
			fc := l.face(s.Bold)
			x := ox + s.X
			switch s.Anchor {
			case "middle":
				x -= fc.Width(s.Text, s.Size) / 2
			case "end":
				x -= fc.Width(s.Text, s.Size)
			}
			p.Text(fc, s.Size, col(s.Fill), x, oy+s.Y, s.Text)
		}
	}
	l.y += c.H + 8
}

// finish lays out the table of contents after the cover, puts the front matter before the
// body, and draws running headers and "n / N" footers now that the page count is known.
func (l *layout) finish(cover func(), tocTitle string) {
	body := l.doc.Pages
	l.doc.Pages = nil
	cover()
	cov := l.doc.Pages
	l.newPage()
	l.y += 4
	l.text(marginX, l.y+17, tocTitle, 17, true, brandColor)
	l.y += 22
	l.page.Line(marginX, l.y+3, marginX+contentW, l.y+3, col(brandColor), 1.4)
	l.y += 16
	type slot struct {
		page *pdf.Page
		y    float64
		e    tocEntry
	}
	var slots []slot
	for _, e := range l.toc {
		size, bold, indent, gap := 10.5, true, 0.0, 7.0
		if e.Level > 0 {
			size, bold, indent, gap = 9, false, 14*float64(e.Level), 3.5
		}
		lines := wrap(l.face(bold), size, e.Title, contentW-indent-40)
		l.need(float64(len(lines))*size*1.4 + gap)
		l.y += gap
		top := l.y
		for _, ln := range lines {
			l.y += size * 1.4
			l.text(marginX+indent, l.y-size*0.3, ln, size, bold, inkColor)
		}
		slots = append(slots, slot{l.page, l.y - size*0.3, e})
		l.page.LinkTo(marginX, top, contentW, l.y-top, e.Page, e.Y)
	}
	front := l.doc.Pages
	l.doc.Pages = append(front, body...)
	number := map[*pdf.Page]int{}
	for i, p := range l.doc.Pages {
		number[p] = i + 1
	}
	for _, s := range slots {
		n := strconv.Itoa(number[s.e.Page])
		size, bold := 10.5, true
		if s.e.Level > 0 {
			size, bold = 9, false
		}
		w := l.face(bold).Width(n, size)
		s.page.Text(l.face(bold), size, col(mutedColor), marginX+contentW-w, s.y, n)
	}
	total := len(l.doc.Pages)
	for i, p := range l.doc.Pages {
		if i < len(cov) {
			continue
		}
		pn := fmt.Sprintf("%d / %d", i+1, total)
		p.Line(marginX, 40, marginX+contentW, 40, col(lineColor), 0.5)
		p.Text(l.reg, 7.5, col(mutedColor), marginX, 34, fit(l.reg, 7.5, l.header[0], contentW*0.6))
		p.Text(l.reg, 7.5, col(mutedColor), marginX+contentW-l.reg.Width(l.header[1], 7.5), 34, l.header[1])
		p.Line(marginX, pdf.A4Height-40, marginX+contentW, pdf.A4Height-40, col(lineColor), 0.5)
		p.Text(l.reg, 7.5, col(mutedColor), marginX, pdf.A4Height-28, "wellops")
		p.Text(l.reg, 8, col(mutedColor), marginX+contentW-l.reg.Width(pn, 8), pdf.A4Height-28, pn)
	}
	l.doc.Outlines = append([]pdf.Outline{{Title: tocTitle, Page: front[len(cov)], Y: marginTop}}, l.doc.Outlines...)
}
