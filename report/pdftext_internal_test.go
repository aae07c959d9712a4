package report

import (
	"strings"
	"testing"
	"time"

	"github.com/wellops/wellops/report/internal/pdf"
)

func testFace(t *testing.T) *pdf.Face {
	t.Helper()
	fs, err := New(Options{Now: time.Now}).loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	return (&pdf.Doc{}).AddFont(fs.regular)
}

func TestWrap(t *testing.T) {
	fc := testFace(t)
	const size = 10.0
	width := func(s string) float64 { return fc.Width(s, size) }
	for _, tt := range []struct {
		name, text string
		maxW       float64
		check      func(t *testing.T, lines []string)
	}{
		{"Korean breaks between words", "워크로드에 관찰성을 어떻게 구현하나요? 핵심 성과 지표를 먼저 정합니다.", width("워크로드에 관찰성을 어떻게"),
			wordsIntact("워크로드에 관찰성을 어떻게 구현하나요? 핵심 성과 지표를 먼저 정합니다.")},
		{"a Korean word longer than the line breaks between syllables", "가나다라마바사아자차카타파하", width("가나다라마"),
			func(t *testing.T, lines []string) {
				if strings.Join(lines, "") != "가나다라마바사아자차카타파하" || len(lines) < 3 {
					t.Errorf("lines %q", lines)
				}
			}},
		{"Latin words never split", "Implement distributed tracing across every service boundary", width("Implement distributed"),
			wordsIntact("Implement distributed tracing across every service boundary")},
		{"a long URL breaks after its punctuation", "https://docs.aws.amazon.com/wellarchitected/latest/operational-excellence-pillar/ops_observability_dist_trace.html", width("https://docs.aws.amazon.com/wellarchitected/"),
			func(t *testing.T, lines []string) {
				if len(lines) < 2 || strings.Join(lines, "") != "https://docs.aws.amazon.com/wellarchitected/latest/operational-excellence-pillar/ops_observability_dist_trace.html" {
					t.Fatalf("lines %q", lines)
				}
				for _, l := range lines[:len(lines)-1] {
					if !strings.ContainsRune("/-._?&=#", rune(l[len(l)-1])) {
						t.Errorf("URL line %q does not end at a break character", l)
					}
				}
			}},
		{"newlines are kept", "첫 줄\n\n셋째 줄", 500, func(t *testing.T, lines []string) {
			if strings.Join(lines, "|") != "첫 줄||셋째 줄" {
				t.Errorf("lines %q", lines)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lines := wrap(fc, size, tt.text, tt.maxW)
			for _, l := range lines {
				if width(l) > tt.maxW+0.01 {
					t.Errorf("line %q is %.1f wide, more than %.1f", l, width(l), tt.maxW)
				}
			}
			tt.check(t, lines)
		})
	}
}

// wordsIntact checks that every line is made of whole words of text.
func wordsIntact(text string) func(t *testing.T, lines []string) {
	return func(t *testing.T, lines []string) {
		words := map[string]bool{}
		for _, w := range strings.Fields(text) {
			words[w] = true
		}
		for _, l := range lines {
			for _, w := range strings.Fields(l) {
				if !words[w] {
					t.Errorf("word %q was split (lines %q)", w, lines)
				}
			}
		}
		if len(lines) < 2 {
			t.Errorf("no line break in %q", lines)
		}
	}
}
