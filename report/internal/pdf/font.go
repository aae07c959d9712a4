package pdf

import (
	"crypto/sha256"
	"fmt"
	"strings"
)

// writeFont embeds a face as a Type0 font over a CIDFontType2 with Identity-H encoding: the
// subset's glyph IDs are the CIDs, widths come from the font, and the ToUnicode map lets text
// extraction (copy, search, pdftotext) give back the original characters.
func (ow *objWriter) writeFont(fc *Face) int {
	f := fc.Font
	program, olds := f.subset(append([]uint16(nil), fc.olds...))
	// The subset tag (six capitals) is derived from the glyph set, as the PDF reference asks,
	// and stays deterministic.
	h := sha256.New()
	for _, g := range olds {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	base := string(tag) + "+" + f.Name

	file := ow.stream(fmt.Sprintf(" /Length1 %d", len(program)), program, true)
	flags := 4 // symbolic: glyphs are picked by CID, not by a standard encoding
	desc := ow.obj(fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>",
		base, flags, f.scale(f.bbox[0]), f.scale(f.bbox[1]), f.scale(f.bbox[2]), f.scale(f.bbox[3]),
		f.scale(f.ascent), f.scale(f.descent), f.scale(f.capHeight), file))

	// W: one run of consecutive CIDs with their widths.
	var w strings.Builder
	w.WriteString("[0 [")
	for i, g := range olds {
		if i > 0 {
			w.WriteByte(' ')
		}
		fmt.Fprintf(&w, "%d", int(f.Advance(g)+0.5))
	}
	w.WriteString("]]")
	cid := ow.obj(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W %s /CIDToGIDMap /Identity >>",
		base, desc, w.String()))
	toUni := ow.stream("", toUnicode(fc.runes), true)
	return ow.obj(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>",
		base, cid, toUni))
}

// toUnicode writes the CMap from CIDs (index into runes) to UTF-16 text.
func toUnicode(runes []rune) []byte {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	var entries []string
	for c, r := range runes {
		if c == 0 {
			continue
		}
		var u strings.Builder
		for _, x := range utf16(r) {
			fmt.Fprintf(&u, "%04X", x)
		}
		entries = append(entries, fmt.Sprintf("<%04X> <%s>", c, u.String()))
	}
	for len(entries) > 0 {
		n := min(100, len(entries)) // a bfchar block holds at most 100 entries
		fmt.Fprintf(&b, "%d beginbfchar\n%s\nendbfchar\n", n, strings.Join(entries[:n], "\n"))
		entries = entries[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}
