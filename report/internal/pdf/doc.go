// Package pdf writes PDF 1.7 documents with embedded, subset TrueType fonts addressed as
// CIDFontType2 with Identity-H encoding and a ToUnicode map (so any script, Hangul included,
// renders and extracts as text), vector drawing, internal and external links, and outlines.
// It knows nothing of reports: package report lays pages out and calls it.
package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// A4 page size in points.
const (
	A4Width  = 595.28
	A4Height = 841.89
)

// Doc is a document being built. Pages may be created in any order of use and reordered
// before writing (front matter laid out after the body knows its page numbers).
type Doc struct {
	Pages    []*Page
	Title    string
	Author   string
	Subject  string
	Lang     string // BCP 47, e.g. "ko-KR"
	Created  time.Time
	Outlines []Outline
	faces    []*Face
}

// Outline is one bookmark: Level 0 entries are top-level, each deeper level nests under the
// closest shallower one before it.
type Outline struct {
	Title string
	Page  *Page
	Y     float64 // from the top of the page
	Level int
}

// Face is a font in use by one document: it records which glyphs the document draws so that
// only those are embedded.
type Face struct {
	Font  *Font
	name  string            // resource name, /F1 ...
	cid   map[uint16]uint16 // font glyph → CID (the subset's glyph ID)
	olds  []uint16          // CID → font glyph
	runes []rune            // CID → the text it stands for (ToUnicode)
	width map[rune]float64  // memoised advance per rune, thousandths of the size
}

// AddFont makes f usable in the document.
func (d *Doc) AddFont(f *Font) *Face {
	fc := &Face{Font: f, name: "F" + strconv.Itoa(len(d.faces)+1), cid: map[uint16]uint16{0: 0},
		olds: []uint16{0}, runes: []rune{0}, width: map[rune]float64{}}
	d.faces = append(d.faces, fc)
	return fc
}

// glyphFor returns the glyph drawn for r: a missing character becomes '?', so a report never
// shows an empty box where it could show something legible.
func (fc *Face) glyphFor(r rune) uint16 {
	if g, ok := fc.Font.Glyph(r); ok {
		return g
	}
	g, _ := fc.Font.Glyph('?')
	return g
}

// Width returns the advance of s at size points.
func (fc *Face) Width(s string, size float64) float64 {
	var w float64
	for _, r := range s {
		w += fc.RuneWidth(r)
	}
	return w * size / 1000
}

// RuneWidth returns the advance of r in thousandths of the font size.
func (fc *Face) RuneWidth(r rune) float64 {
	if w, ok := fc.width[r]; ok {
		return w
	}
	w := fc.Font.Advance(fc.glyphFor(r))
	fc.width[r] = w
	return w
}

// encode returns s as the hex string of its CIDs, registering new glyphs.
func (fc *Face) encode(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 4)
	const hex = "0123456789ABCDEF"
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		g := fc.glyphFor(r)
		c, ok := fc.cid[g]
		if !ok {
			c = uint16(len(fc.olds))
			fc.cid[g] = c
			fc.olds = append(fc.olds, g)
			fc.runes = append(fc.runes, r)
		}
		b.WriteByte(hex[c>>12])
		b.WriteByte(hex[c>>8&15])
		b.WriteByte(hex[c>>4&15])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// NewPage appends an A4 page.
func (d *Doc) NewPage() *Page {
	p := &Page{W: A4Width, H: A4Height}
	d.Pages = append(d.Pages, p)
	return p
}

// Write serialises the document. Output is deterministic: the same document gives the same
// bytes (the file ID is a hash of the content, the date comes from Created).
func (d *Doc) Write(w io.Writer) error {
	ow := &objWriter{}
	ow.buf.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	catalog, pagesRef, info := ow.alloc(), ow.alloc(), ow.alloc()
	fontRefs := make([]int, len(d.faces))
	for i, fc := range d.faces {
		fontRefs[i] = ow.writeFont(fc)
	}
	var fontDict strings.Builder
	fontDict.WriteString("<<")
	for i, fc := range d.faces {
		fmt.Fprintf(&fontDict, " /%s %d 0 R", fc.name, fontRefs[i])
	}
	fontDict.WriteString(" >>")
	pageRefs := make([]int, len(d.Pages))
	for i := range d.Pages {
		pageRefs[i] = ow.alloc()
	}
	pageIndex := map[*Page]int{}
	for i, p := range d.Pages {
		pageIndex[p] = i
	}
	for i, p := range d.Pages {
		content := ow.stream("", p.buf.Bytes(), true)
		var annots []string
		for _, l := range p.links {
			rect := fmt.Sprintf("[%s %s %s %s]", num(l.x), num(p.H-l.y-l.h), num(l.x+l.w), num(p.H-l.y))
			if l.uri != "" {
				annots = append(annots, strconv.Itoa(ow.obj(fmt.Sprintf("<< /Type /Annot /Subtype /Link /Rect %s /Border [0 0 0] /A << /S /URI /URI %s >> >>", rect, pdfString(l.uri)))))
			} else if j, ok := pageIndex[l.dest]; ok {
				annots = append(annots, strconv.Itoa(ow.obj(fmt.Sprintf("<< /Type /Annot /Subtype /Link /Rect %s /Border [0 0 0] /Dest [%d 0 R /XYZ 0 %s 0] >>", rect, pageRefs[j], num(l.dest.H-l.destY)))))
			}
		}
		a := ""
		if len(annots) > 0 {
			a = " /Annots [" + strings.Join(annots, " 0 R ") + " 0 R]"
		}
		ow.set(pageRefs[i], fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] /Resources << /Font %s /ProcSet [/PDF /Text] >> /Contents %d 0 R%s >>",
			pagesRef, num(p.W), num(p.H), fontDict.String(), content, a))
	}
	kids := make([]string, len(pageRefs))
	for i, r := range pageRefs {
		kids[i] = strconv.Itoa(r) + " 0 R"
	}
	ow.set(pagesRef, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pageRefs)))
	outlines := ow.writeOutlines(d.Outlines, pageIndex, pageRefs)
	cat := fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R", pagesRef)
	if outlines != 0 {
		cat += fmt.Sprintf(" /Outlines %d 0 R /PageMode /UseOutlines", outlines)
	}
	if d.Lang != "" {
		cat += " /Lang " + pdfString(d.Lang)
	}
	ow.set(catalog, cat+" /ViewerPreferences << /DisplayDocTitle true >> >>")
	date := "D:" + d.Created.UTC().Format("20060102150405") + "Z"
	ow.set(info, fmt.Sprintf("<< /Title %s /Author %s /Subject %s /Producer (wellops) /Creator (wellops) /CreationDate (%s) /ModDate (%s) >>",
		pdfString(d.Title), pdfString(d.Author), pdfString(d.Subject), date, date))
	id := fmt.Sprintf("%x", md5.Sum(ow.buf.Bytes()))
	xref := ow.buf.Len()
	fmt.Fprintf(&ow.buf, "xref\n0 %d\n0000000000 65535 f \n", len(ow.offsets)+1)
	for _, off := range ow.offsets {
		fmt.Fprintf(&ow.buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&ow.buf, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n",
		len(ow.offsets)+1, catalog, info, id, id, xref)
	_, err := w.Write(ow.buf.Bytes())
	return err
}

// objWriter numbers and writes indirect objects. Objects may be allocated before they are
// written (a page needs its parent's number); offsets are kept per number.
type objWriter struct {
	buf     bytes.Buffer
	offsets []int
}

func (ow *objWriter) alloc() int {
	ow.offsets = append(ow.offsets, -1)
	return len(ow.offsets)
}

func (ow *objWriter) set(n int, body string) {
	ow.offsets[n-1] = ow.buf.Len()
	fmt.Fprintf(&ow.buf, "%d 0 obj\n%s\nendobj\n", n, body)
}

func (ow *objWriter) obj(body string) int {
	n := ow.alloc()
	ow.set(n, body)
	return n
}

// stream writes a stream object, deflated when compress is set; extra goes into its dictionary.
func (ow *objWriter) stream(extra string, data []byte, compress bool) int {
	n := ow.alloc()
	ow.offsets[n-1] = ow.buf.Len()
	filter := ""
	if compress {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		data = z.Bytes()
		filter = " /Filter /FlateDecode"
	}
	fmt.Fprintf(&ow.buf, "%d 0 obj\n<< /Length %d%s%s >>\nstream\n", n, len(data), filter, extra)
	ow.buf.Write(data)
	ow.buf.WriteString("\nendstream\nendobj\n")
	return n
}

// writeOutlines writes the bookmark tree and returns its root object (0 when empty).
func (ow *objWriter) writeOutlines(items []Outline, pageIndex map[*Page]int, pageRefs []int) int {
	var valid []Outline
	for _, o := range items {
		if _, ok := pageIndex[o.Page]; ok {
			valid = append(valid, o)
		}
	}
	if len(valid) == 0 {
		return 0
	}
	root := ow.alloc()
	refs := make([]int, len(valid))
	for i := range valid {
		refs[i] = ow.alloc()
	}
	parent := make([]int, len(valid)) // index of the parent entry, -1 for the root
	var stack []int
	for i, o := range valid {
		for len(stack) > 0 && valid[stack[len(stack)-1]].Level >= o.Level {
			stack = stack[:len(stack)-1]
		}
		parent[i] = -1
		if len(stack) > 0 {
			parent[i] = stack[len(stack)-1]
		}
		stack = append(stack, i)
	}
	children := map[int][]int{}
	for i, p := range parent {
		children[p] = append(children[p], i)
	}
	ref := func(i int) int {
		if i < 0 {
			return root
		}
		return refs[i]
	}
	for i, o := range valid {
		sib := children[parent[i]]
		var b strings.Builder
		fmt.Fprintf(&b, "<< /Title %s /Parent %d 0 R /Dest [%d 0 R /XYZ 0 %s 0]", pdfString(o.Title), ref(parent[i]),
			pageRefs[pageIndex[o.Page]], num(o.Page.H-o.Y))
		for k, s := range sib {
			if s != i {
				continue
			}
			if k > 0 {
				fmt.Fprintf(&b, " /Prev %d 0 R", refs[sib[k-1]])
			}
			if k+1 < len(sib) {
				fmt.Fprintf(&b, " /Next %d 0 R", refs[sib[k+1]])
			}
		}
		if kids := children[i]; len(kids) > 0 {
			// Top-level entries open, deeper ones closed: a long review stays navigable.
			count := len(kids)
			if o.Level > 0 {
				count = -count
			}
			fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R /Count %d", refs[kids[0]], refs[kids[len(kids)-1]], count)
		}
		b.WriteString(" >>")
		ow.set(refs[i], b.String())
	}
	top := children[-1]
	ow.set(root, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>", refs[top[0]], refs[top[len(top)-1]], len(top)))
	return root
}

// pdfString encodes s as a PDF text string: UTF-16BE with a byte-order mark when it is not
// plain ASCII, so bookmarks and metadata in Korean show correctly.
func pdfString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`, "\r", `\r`, "\n", `\n`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range s {
		for _, u := range utf16(r) {
			fmt.Fprintf(&b, "%04X", u)
		}
	}
	b.WriteString(">")
	return b.String()
}

func utf16(r rune) []uint16 {
	if r < 0x10000 {
		return []uint16{uint16(r)}
	}
	r -= 0x10000
	return []uint16{uint16(0xD800 + (r >> 10)), uint16(0xDC00 + (r & 0x3FF))}
}

// num formats a coordinate with at most two decimals and no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}
