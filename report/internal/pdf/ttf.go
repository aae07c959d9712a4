package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Font is a parsed TrueType font: what layout needs (advance widths, the character map,
// vertical metrics) and what subsetting needs (the glyph outlines and their offsets). It is
// read-only after ParseTTF, so one Font may serve many documents at once.
type Font struct {
	Name       string // PostScript name, used as the PDF BaseFont
	unitsPerEm int
	ascent     int
	descent    int
	capHeight  int
	bbox       [4]int
	tables     map[string][]byte
	numGlyphs  int
	numHMetric int
	advance    []uint16 // per glyph, font units
	bmp        []uint16 // rune (BMP) → glyph; 0 when absent
	astral     map[rune]uint16
	loca       []uint32 // numGlyphs+1 offsets into glyf
}

// ParseTTF reads a TrueType (glyf-outline) font. Only the tables PDF embedding needs are
// checked; anything malformed is an error rather than a panic, since font data is input.
func ParseTTF(data []byte) (f *Font, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("truetype: malformed font: %v", r)
		}
	}()
	if len(data) < 12 {
		return nil, errors.New("truetype: too short")
	}
	if v := binary.BigEndian.Uint32(data); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("truetype: not a TrueType font (version %#x)", v)
	}
	n := int(u16(data, 4))
	f = &Font{tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, ln := int(u32(rec, 8)), int(u32(rec, 12))
		if off+ln > len(data) || off < 0 {
			return nil, fmt.Errorf("truetype: table %q out of bounds", tag)
		}
		f.tables[tag] = data[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("truetype: missing %q table", t)
		}
	}
	head := f.tables["head"]
	f.unitsPerEm = int(u16(head, 18))
	if f.unitsPerEm == 0 {
		return nil, errors.New("truetype: unitsPerEm is zero")
	}
	f.bbox = [4]int{int(i16(head, 36)), int(i16(head, 38)), int(i16(head, 40)), int(i16(head, 42))}
	longLoca := i16(head, 50) == 1
	hhea := f.tables["hhea"]
	f.ascent, f.descent = int(i16(hhea, 4)), int(i16(hhea, 6))
	f.numHMetric = int(u16(hhea, 34))
	f.numGlyphs = int(u16(f.tables["maxp"], 4))
	f.capHeight = f.ascent * 7 / 10
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && u16(os2, 0) >= 2 {
		f.capHeight = int(i16(os2, 88))
	}
	hmtx := f.tables["hmtx"]
	f.advance = make([]uint16, f.numGlyphs)
	for g := range f.numGlyphs {
		i := min(g, f.numHMetric-1)
		f.advance[g] = u16(hmtx, 4*i)
	}
	loca := f.tables["loca"]
	f.loca = make([]uint32, f.numGlyphs+1)
	for g := range f.loca {
		if longLoca {
			f.loca[g] = u32(loca, 4*g)
		} else {
			f.loca[g] = uint32(u16(loca, 2*g)) * 2
		}
	}
	if int(f.loca[f.numGlyphs]) > len(f.tables["glyf"]) {
		return nil, errors.New("truetype: loca points past glyf")
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	f.Name = postScriptName(f.tables["name"])
	if f.Name == "" {
		f.Name = "Font"
	}
	return f, nil
}

// parseCmap reads the Windows Unicode subtables: format 4 (BMP) and format 12 (full range).
func (f *Font) parseCmap() error {
	cmap := f.tables["cmap"]
	f.bmp = make([]uint16, 0x10000)
	f.astral = map[rune]uint16{}
	found := false
	for i := range int(u16(cmap, 2)) {
		pid, eid, off := u16(cmap, 4+8*i), u16(cmap, 6+8*i), int(u32(cmap, 8+8*i))
		if pid != 3 && pid != 0 {
			continue
		}
		st := cmap[off:]
		switch u16(st, 0) {
		case 4:
			if pid == 3 && eid != 1 {
				continue
			}
			segX2 := int(u16(st, 6))
			ends, starts, deltas, ranges := st[14:], st[16+segX2:], st[16+2*segX2:], st[16+3*segX2:]
			for s := 0; s < segX2/2; s++ {
				end, start, delta, ro := int(u16(ends, 2*s)), int(u16(starts, 2*s)), u16(deltas, 2*s), int(u16(ranges, 2*s))
				for c := start; c <= end && c < 0xFFFF; c++ {
					var g uint16
					if ro == 0 {
						g = uint16(c) + delta
					} else {
						idx := 2*s + ro + 2*(c-start)
						if g = u16(ranges, idx); g != 0 {
							g += delta
						}
					}
					if int(g) < f.numGlyphs && f.bmp[c] == 0 {
						f.bmp[c] = g
					}
				}
			}
			found = true
		case 12:
			for k := range int(u32(st, 12)) {
				grp := st[16+12*k:]
				start, end, g := u32(grp, 0), u32(grp, 4), u32(grp, 8)
				for c := start; c <= end && c <= 0x10FFFF; c, g = c+1, g+1 {
					if int(g) >= f.numGlyphs {
						break
					}
					if c < 0x10000 {
						if f.bmp[c] == 0 {
							f.bmp[c] = uint16(g)
						}
					} else {
						f.astral[rune(c)] = uint16(g)
					}
				}
			}
			found = true
		}
	}
	if !found {
		return errors.New("truetype: no Unicode character map")
	}
	return nil
}

// postScriptName returns name ID 6 from the name table, ASCII only.
func postScriptName(name []byte) string {
	if len(name) < 6 {
		return ""
	}
	count, strOff := int(u16(name, 2)), int(u16(name, 4))
	for i := range count {
		r := name[6+12*i:]
		if len(r) < 12 || u16(r, 6) != 6 {
			continue
		}
		pid, ln, off := u16(r, 0), int(u16(r, 8)), int(u16(r, 10))
		if strOff+off+ln > len(name) {
			continue
		}
		s := name[strOff+off : strOff+off+ln]
		var out []byte
		if pid == 3 || pid == 0 { // UTF-16BE
			for j := 0; j+1 < len(s); j += 2 {
				if c := s[j+1]; s[j] == 0 && c > 32 && c < 127 {
					out = append(out, c)
				}
			}
		} else {
			for _, c := range s {
				if c > 32 && c < 127 {
					out = append(out, c)
				}
			}
		}
		if len(out) > 0 {
			return string(out)
		}
	}
	return ""
}

// Glyph returns the glyph of r and whether the font has one.
func (f *Font) Glyph(r rune) (uint16, bool) {
	var g uint16
	if r >= 0 && r < 0x10000 {
		g = f.bmp[r]
	} else {
		g = f.astral[r]
	}
	return g, g != 0
}

// Advance returns a glyph's advance width in thousandths of the font size.
func (f *Font) Advance(g uint16) float64 {
	if int(g) >= len(f.advance) {
		return 0
	}
	return float64(f.advance[g]) * 1000 / float64(f.unitsPerEm)
}

// Ascent and Descent are the line metrics in thousandths of the font size (descent negative).
func (f *Font) Ascent() float64  { return float64(f.ascent) * 1000 / float64(f.unitsPerEm) }
func (f *Font) Descent() float64 { return float64(f.descent) * 1000 / float64(f.unitsPerEm) }

func (f *Font) scale(v int) int { return v * 1000 / f.unitsPerEm }

func u16(b []byte, off int) uint16 { return binary.BigEndian.Uint16(b[off:]) }
func i16(b []byte, off int) int16  { return int16(binary.BigEndian.Uint16(b[off:])) }
func u32(b []byte, off int) uint32 { return binary.BigEndian.Uint32(b[off:]) }
