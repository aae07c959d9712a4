package report

import (
	"strings"
	"unicode"

	"github.com/wellops/wellops/report/internal/pdf"
)

// Line breaking for the PDF. Korean is set the way Korean documents are: lines break at the
// spaces between words (eojeol), like CSS word-break: keep-all, and only a word too long for
// a whole line breaks between syllables. Latin words never split, except a token longer than
// the line (a URL, a path), which breaks after / - . _ ? & = # and, failing that, anywhere.

// wrap breaks text into lines no wider than maxW at size points. Newlines in the text are
// kept as line breaks; an empty line stays an empty line.
func wrap(fc *pdf.Face, size float64, text string, maxW float64) []string {
	var out []string
	for _, hard := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		out = append(out, wrapLine(fc, size, hard, maxW)...)
	}
	return out
}

func wrapLine(fc *pdf.Face, size float64, text string, maxW float64) []string {
	text = strings.TrimRightFunc(text, unicode.IsSpace)
	if text == "" {
		return []string{""}
	}
	unit := maxW * 1000 / size // the line width in the font's thousandths
	space := fc.RuneWidth(' ')
	var lines []string
	var line strings.Builder
	lineW := 0.0
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		lineW = 0
	}
	for _, word := range strings.Fields(text) {
		w := 0.0
		for _, r := range word {
			w += fc.RuneWidth(r)
		}
		switch {
		case line.Len() > 0 && lineW+space+w <= unit:
			line.WriteByte(' ')
			line.WriteString(word)
			lineW += space + w
			continue
		case line.Len() > 0:
			flush()
		}
		if w <= unit {
			line.WriteString(word)
			lineW = w
			continue
		}
		pieces := splitWord(fc, word, unit)
		for _, p := range pieces[:len(pieces)-1] {
			line.WriteString(p)
			flush()
		}
		last := pieces[len(pieces)-1]
		line.WriteString(last)
		for _, r := range last {
			lineW += fc.RuneWidth(r)
		}
	}
	if line.Len() > 0 {
		flush()
	}
	return lines
}

// splitWord breaks a word wider than unit into pieces that fit, at the best opportunity.
func splitWord(fc *pdf.Face, word string, unit float64) []string {
	rs := []rune(word)
	var pieces []string
	start, w, lastBreak := 0, 0.0, -1
	for i := 0; i < len(rs); i++ {
		rw := fc.RuneWidth(rs[i])
		if w+rw > unit && i > start {
			cut := i
			if lastBreak > start {
				cut = lastBreak
			}
			pieces = append(pieces, string(rs[start:cut]))
			start, w, lastBreak = cut, 0, -1
			for j := start; j < i; j++ {
				w += fc.RuneWidth(rs[j])
			}
		}
		w += rw
		if i+1 < len(rs) && canBreakAfter(rs[i], rs[i+1]) {
			lastBreak = i + 1
		}
	}
	return append(pieces, string(rs[start:]))
}

// canBreakAfter tells whether a line may break between a and b inside a word.
func canBreakAfter(a, b rune) bool {
	if isCJK(a) || isCJK(b) {
		return !isClosing(b)
	}
	return strings.ContainsRune("/-._?&=#,;:", a)
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// isClosing reports punctuation that must not start a line.
func isClosing(r rune) bool { return strings.ContainsRune(".,:;!?)]}」』〉》”’、。", r) }

// fit shortens s with an ellipsis so that it is no wider than maxW.
func fit(fc *pdf.Face, size float64, s string, maxW float64) string {
	if fc.Width(s, size) <= maxW {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && fc.Width(string(rs)+"…", size) > maxW {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimSpace(string(rs)) + "…"
}
