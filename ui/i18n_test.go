package ui

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	cats, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range langs() {
		for _, b := range langs() {
			for k := range cats[a] {
				if _, ok := cats[b][k]; !ok {
					t.Errorf("key %q is in %s.json but not in %s.json", k, a, b)
				}
			}
		}
	}
	for k, v := range cats["ko"] {
		if strings.TrimSpace(v) == "" {
			t.Errorf("ko.json: %q is empty", k)
		}
	}
}

var (
	actionRE = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	tagRE    = regexp.MustCompile(`(?s)<[^>]*>`)
	// lettersRE finds words: what a template says outside actions and tags must not be one.
	lettersRE = regexp.MustCompile(`\p{L}{2,}`)
)

// TestTemplatesHoldNoText reads every template with its actions and HTML tags taken out:
// what is left is what a person reads, and it must hold no words. Words come from the
// catalogs, so both languages have them.
func TestTemplatesHoldNoText(t *testing.T) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("templates: %v", err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(templateFS, f)
		if err != nil {
			t.Fatal(err)
		}
		text := tagRE.ReplaceAllString(actionRE.ReplaceAllString(string(b), " "), " ")
		for _, w := range lettersRE.FindAllString(text, -1) {
			t.Errorf("%s: literal text %q; put it in the catalogs", f, w)
		}
	}
}

func TestAcceptLanguage(t *testing.T) {
	for h, want := range map[string]string{
		"ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7": "ko",
		"en-US,en;q=0.9,ko;q=0.8":             "en",
		"fr-FR,fr;q=0.9,ko;q=0.5":             "ko",
		"de, en;q=0.1, ko;q=0.4":              "ko",
		"ko;q=0":                              "",
		"":                                    "",
		"fr":                                  "",
	} {
		if got := acceptLang(h); got != want {
			t.Errorf("acceptLang(%q) = %q, want %q", h, got, want)
		}
	}
}

func TestDatesAndNumbersFollowTheLanguage(t *testing.T) {
	at := time.Date(2026, 11, 24, 16, 5, 0, 0, time.UTC)
	for _, tc := range []struct{ lang, date, datetime string }{
		{"en", "24 Nov 2026", "24 Nov 2026 16:05 UTC"},
		{"ko", "2026년 11월 25일", "2026년 11월 25일 01:05 KST"}, // 16:05 UTC is past midnight in Seoul
	} {
		if got := formatDate(tc.lang, at); got != tc.date {
			t.Errorf("%s date = %q, want %q", tc.lang, got, tc.date)
		}
		if got := formatDateTime(tc.lang, at); got != tc.datetime {
			t.Errorf("%s datetime = %q, want %q", tc.lang, got, tc.datetime)
		}
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 10000: "10,000", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := formatNumber(n); got != want {
			t.Errorf("formatNumber(%d) = %q, want %q", n, got, want)
		}
	}
	if formatDate("ko", time.Time{}) != "—" {
		t.Error("zero time not shown as a dash")
	}
}
