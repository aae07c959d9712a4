package ui

import (
	"math"
	"regexp"
	"strconv"
	"testing"
)

// TestColoursMeetAAContrast checks the text colours of app.css against the backgrounds they
// are used on: WCAG AA asks for 4.5:1 for normal text.
func TestColoursMeetAAContrast(t *testing.T) {
	css, err := staticFS.ReadFile("static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"white": "#ffffff", "nav": "#d0d8e6"}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6})`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	pairs := [][2]string{
		{"text", "bg"}, {"text", "surface"}, {"muted", "surface"}, {"muted", "bg"}, {"brand", "surface"}, {"brand", "bg"},
		{"high", "high-bg"}, {"medium", "medium-bg"}, {"none", "none-bg"}, {"na", "na-bg"}, {"unanswered", "surface"},
		{"high", "surface"}, {"medium", "surface"}, {"none", "surface"},
		{"white", "brand"}, {"white", "brand-dark"}, {"white", "high"}, {"white", "head"}, {"nav", "head"},
		{"brand-dark", "brand-soft"}, {"brand", "brand-soft"},
	}
	for _, p := range pairs {
		fg, bg := vars[p[0]], vars[p[1]]
		if fg == "" || bg == "" {
			t.Fatalf("colour %s or %s not defined in app.css", p[0], p[1])
		}
		if r := contrast(fg, bg); r < 4.5 {
			t.Errorf("%s (%s) on %s (%s): contrast %.2f, want at least 4.5", p[0], fg, p[1], bg, r)
		}
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.03928 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}
