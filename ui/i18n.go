package ui

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Every string the UI shows is in a catalog per language; templates hold no text of their
// own (i18n_test.go checks both). Lens text comes from the store in the page's language.

//go:embed i18n/*.json
var catalogFS embed.FS

// langs are the UI's languages, the default first.
func langs() []string { return []string{"en", "ko"} }

type catalog map[string]string

func loadCatalogs() (map[string]catalog, error) {
	out := map[string]catalog{}
	for _, l := range langs() {
		b, err := catalogFS.ReadFile("i18n/" + l + ".json")
		if err != nil {
			return nil, fmt.Errorf("ui: catalog %s: %w", l, err)
		}
		var c catalog
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("ui: catalog %s: %w", l, err)
		}
		out[l] = c
	}
	return out, nil
}

// t returns the text of key; a missing key shows as itself in brackets, which tests catch.
func (c catalog) t(key string) string {
	if s, ok := c[key]; ok {
		return s
	}
	return "[[" + key + "]]"
}

// tf formats the text of key with args; catalogs use explicit argument indexes (%[2]s) where
// the languages order them differently.
func (c catalog) tf(key string, args ...any) string {
	return fmt.Sprintf(c.t(key), args...)
}

// pickLang chooses the page language: the lang cookie a user set with the switcher, else the
// best of Accept-Language, else the default.
func (u *UI) pickLang(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && validLang(c.Value) {
		return c.Value
	}
	if l := acceptLang(r.Header.Get("Accept-Language")); l != "" {
		return l
	}
	return u.opt.DefaultLang
}

func validLang(l string) bool { return l == "en" || l == "ko" }

// acceptLang returns the supported language the header prefers most, or "".
func acceptLang(h string) string {
	type cand struct {
		lang string
		q    float64
		pos  int
	}
	var cs []cand
	for i, part := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if !validLang(base) {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if q > 0 {
			cs = append(cs, cand{base, q, i})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].q > cs[j].q })
	if len(cs) == 0 {
		return ""
	}
	return cs[0].lang
}

// setLang remembers the language a user picked, for a year, and goes back to the page.
func (u *UI) setLang(w http.ResponseWriter, r *http.Request) error {
	l := r.PathValue("lang")
	if !validLang(l) {
		return notFound("language")
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: !u.opt.InsecureCookies, SameSite: http.SameSiteLaxMode})
	return redirect(w, r, safeNext(r.URL.Query().Get("next")))
}

// zone is where times are shown: Korea Standard Time (no daylight saving) for Korean, UTC
// otherwise. Times carry the zone's name, so nobody guesses.
func zone(lang string) *time.Location {
	if lang == "ko" {
		return time.FixedZone("KST", 9*3600)
	}
	return time.UTC
}

// formatDate writes a date the way the language does: "24 Nov 2026" or "2026년 11월 24일".
func formatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(zone(lang))
	if lang == "ko" {
		return fmt.Sprintf("%d년 %d월 %d일", t.Year(), t.Month(), t.Day())
	}
	return t.Format("2 Jan 2006")
}

// formatDateTime adds the time of day and the zone.
func formatDateTime(lang string, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return formatDate(lang, t) + " " + t.In(zone(lang)).Format("15:04 MST")
}

// formatNumber groups digits by thousands, as both languages write them: 10,000.
func formatNumber(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
