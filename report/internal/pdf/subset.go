package pdf

import (
	"encoding/binary"
	"sort"
)

// Composite glyph flags (TrueType glyf table).
const (
	argsAreWords    = 0x0001
	weHaveScale     = 0x0008
	moreComponents  = 0x0020
	weHaveXYScale   = 0x0040
	weHaveTwoByTwo  = 0x0080
	compositeHeader = 10
)

// subset builds a TrueType font holding only the glyphs in olds, renumbered so that new
// glyph i is old glyph olds[i]; olds[0] must be 0 (.notdef). Glyphs that composite glyphs
// are built from are appended to olds (and returned), since a subset that drops them would
// draw nothing. The PDF addresses glyphs by CID = new glyph ID (CIDToGIDMap /Identity), so
// the font needs no cmap.
func (f *Font) subset(olds []uint16) ([]byte, []uint16) {
	index := make(map[uint16]uint16, len(olds))
	for i, g := range olds {
		index[g] = uint16(i)
	}
	glyf := f.tables["glyf"]
	// Close over composite components; olds grows while we walk it.
	for i := 0; i < len(olds); i++ {
		for _, c := range f.components(olds[i]) {
			if _, ok := index[c]; !ok {
				index[c] = uint16(len(olds))
				olds = append(olds, c)
			}
		}
	}
	var newGlyf []byte
	loca := make([]byte, 4*(len(olds)+1))
	hmtx := make([]byte, 4*len(olds))
	for i, g := range olds {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(newGlyf)))
		data := glyf[f.loca[g]:f.loca[g+1]]
		if len(data) > 0 {
			start := len(newGlyf)
			newGlyf = append(newGlyf, data...)
			if i16(data, 0) < 0 {
				f.renumber(newGlyf[start:], index)
			}
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
		binary.BigEndian.PutUint16(hmtx[4*i:], f.advance[g])
		binary.BigEndian.PutUint16(hmtx[4*i+2:], uint16(f.lsb(g)))
	}
	binary.BigEndian.PutUint32(loca[4*len(olds):], uint32(len(newGlyf)))

	tables := map[string][]byte{"glyf": newGlyf, "loca": loca, "hmtx": hmtx}
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1)
	tables["head"] = head
	hhea := append([]byte(nil), f.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(olds)))
	tables["hhea"] = hhea
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(olds)))
	tables["maxp"] = maxp
	// The hinting programs are small and the glyphs' own instructions call into them.
	for _, t := range []string{"cvt ", "fpgm", "prep", "OS/2"} {
		if b := f.tables[t]; b != nil {
			tables[t] = b
		}
	}
	if p := f.tables["post"]; len(p) >= 32 {
		post := append([]byte(nil), p[:32]...)
		binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names
		tables["post"] = post
	}
	out := assemble(tables)
	binary.BigEndian.PutUint32(out[f.headOffset(out):], 0xB1B0AFBA-checksum(out))
	return out, olds
}

// components lists the glyphs a composite glyph is made of (none for a simple glyph).
func (f *Font) components(g uint16) []uint16 {
	data := f.tables["glyf"][f.loca[g]:f.loca[g+1]]
	if len(data) < compositeHeader || i16(data, 0) >= 0 {
		return nil
	}
	var out []uint16
	for p := compositeHeader; p+4 <= len(data); {
		flags := u16(data, p)
		out = append(out, u16(data, p+2))
		p += 4 + componentArgs(flags)
		if flags&moreComponents == 0 {
			break
		}
	}
	return out
}

// renumber rewrites the component glyph IDs of a composite glyph in place.
func (f *Font) renumber(data []byte, index map[uint16]uint16) {
	for p := compositeHeader; p+4 <= len(data); {
		flags := u16(data, p)
		binary.BigEndian.PutUint16(data[p+2:], index[u16(data, p+2)])
		p += 4 + componentArgs(flags)
		if flags&moreComponents == 0 {
			break
		}
	}
}

func componentArgs(flags uint16) int {
	n := 2
	if flags&argsAreWords != 0 {
		n = 4
	}
	switch {
	case flags&weHaveScale != 0:
		n += 2
	case flags&weHaveXYScale != 0:
		n += 4
	case flags&weHaveTwoByTwo != 0:
		n += 8
	}
	return n
}

// lsb returns a glyph's left side bearing from hmtx.
func (f *Font) lsb(g uint16) int16 {
	hmtx := f.tables["hmtx"]
	if int(g) < f.numHMetric {
		return i16(hmtx, 4*int(g)+2)
	}
	off := 4*f.numHMetric + 2*(int(g)-f.numHMetric)
	if off+2 > len(hmtx) {
		return 0
	}
	return i16(hmtx, off)
}

// headOffset finds the checkSumAdjustment field of the head table in an assembled font.
func (f *Font) headOffset(font []byte) int {
	n := int(u16(font, 4))
	for i := range n {
		rec := font[12+16*i:]
		if string(rec[:4]) == "head" {
			return int(u32(rec, 8)) + 8
		}
	}
	return 0
}

// assemble writes an sfnt file: the table directory (sorted by tag) and the tables, each
// 4-byte aligned, with their checksums.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	entry := 0
	for 1<<(entry+1) <= n {
		entry++
	}
	searchRange := (1 << entry) * 16
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entry))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-searchRange))
	for i, t := range tags {
		data := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
