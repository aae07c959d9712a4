package ui

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// page is one parsed page: the layout, the shared partials and the page's own template, with
// the functions of one language bound in.
type page struct{ t *template.Template }

// pageNames lists every page template; parsePages fails when one is missing.
func pageNames() []string {
	return []string{"signin", "error", "dashboard", "workload", "workload_form", "question", "improvements",
		"milestones", "milestone", "compare", "lenses", "lens", "lens_preview", "lens_diff", "invitations"}
}

// parsePages parses every page once per language, so {{t "key"}} needs no language argument.
func parsePages(cats map[string]catalog) (map[string]map[string]*page, error) {
	out := map[string]map[string]*page{}
	for _, l := range langs() {
		out[l] = map[string]*page{}
		fm := funcs(l, cats[l])
		for _, name := range pageNames() {
			t, err := template.New("layout.html").Funcs(fm).
				ParseFS(templateFS, "templates/layout.html", "templates/partials.html", "templates/"+name+".html")
			if err != nil {
				return nil, fmt.Errorf("ui: parse %s: %w", name, err)
			}
			out[l][name] = &page{t}
		}
	}
	return out, nil
}

// funcs are the template functions of one language.
func funcs(lang string, c catalog) template.FuncMap {
	pt := newProblemText(lang)
	return template.FuncMap{
		// problem shows a validation message from the store or the lens engine in the page's
		// language.
		"problem":  pt.translate,
		"t":        c.t,
		"tf":       c.tf,
		"date":     func(t time.Time) string { return formatDate(lang, t) },
		"datetime": func(t time.Time) string { return formatDateTime(lang, t) },
		"isodate":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"num":      formatNumber,
		"risk":     riskKey,
		"lenskey":  lensKey,
		"esc":      url.PathEscape,
		"add":      func(a, b int) int { return a + b },
		"riskbar":  riskBar,
		"opt":      func(v, cur string) bool { return v == cur },
		"has":      func(list []string, v string) bool { return contains(list, v) },
		"list":     func(s ...string) []string { return s },
		// fieldattrs marks an input invalid and points it at its message, for screen readers.
		"fieldattrs": func(errs map[string]string, name string) template.HTMLAttr {
			if errs[name] == "" {
				return ""
			}
			return template.HTMLAttr(` aria-invalid="true" aria-describedby="err-` + template.HTMLEscapeString(name) + `"`)
		},
		"env": func(e string) string {
			if e == "" {
				return "—"
			}
			return c.t("env." + e)
		},
		"reason": func(r string) string {
			if r == "" {
				return ""
			}
			return c.t("reason." + r)
		},
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
	}
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// riskKey is the lower-case name of a risk, used for CSS classes, icons and catalog keys.
func riskKey(r lens.Risk) string {
	switch r {
	case lens.RiskHigh:
		return "high"
	case lens.RiskMedium:
		return "medium"
	case lens.RiskNone:
		return "none"
	case lens.RiskNotApplicable:
		return "na"
	case lens.RiskLow:
		return "low"
	}
	return "unanswered"
}

// lensKey is a lens alias as it appears in UI paths: the built-in alias as it is, a custom
// lens by the ID part of its ARN (ARNs hold slashes and colons).
func lensKey(alias string) string {
	if a, ok := wellops.ParseARN(alias); ok {
		return a.ID
	}
	return alias
}

// barSegment is one coloured part of a risk bar, in percent of its width.
type barSegment struct {
	X, W  float64
	Class string
	N     int
}

// riskBar splits a bar among the risk counts, HIGH first. The bar is SVG, so no inline style
// is needed (the Content-Security-Policy forbids it).
func riskBar(rc wellops.RiskCounts) []barSegment {
	total := rc.Total()
	if total == 0 {
		return nil
	}
	var out []barSegment
	x := 0.0
	for _, s := range []struct {
		n     int
		class string
	}{{rc.High, "high"}, {rc.Medium, "medium"}, {rc.None, "none"}, {rc.NotApplicable, "na"}, {rc.Unanswered, "unanswered"}} {
		if s.n == 0 {
			continue
		}
		w := float64(s.n) * 100 / float64(total)
		out = append(out, barSegment{X: x, W: w, Class: s.class, N: s.n})
		x += w
	}
	return out
}

// pageData is what every page template gets: the layout's fields and the page's own Data.
type pageData struct {
	Lang, Title, Nav string
	User             *wellops.User
	CSRF             string
	Path             string // the current URL, for the language switcher to come back to
	Flash            string
	Data             any
	cat              catalog
}

// T translates for handlers (the templates use the t function).
func (d *pageData) T(key string) string { return d.cat.t(key) }

// base starts a page's data; title is a catalog key ("" to set it later).
func (u *UI) base(r *http.Request, title string) *pageData {
	rq := reqOf(r)
	d := &pageData{Lang: rq.lang, User: rq.user, Path: r.URL.RequestURI(), cat: u.cat[rq.lang]}
	if rq.sess != nil {
		d.CSRF = rq.sess.CSRF
	}
	if title != "" {
		d.Title = d.T(title)
	}
	if f := r.URL.Query().Get("done"); f != "" {
		if s, ok := d.cat["flash."+f]; ok {
			d.Flash = s
		}
	}
	return d
}

// render executes a page into a buffer first, so a template failure becomes an error page
// rather than half a page.
func (u *UI) render(w http.ResponseWriter, r *http.Request, status int, name string, d *pageData) {
	p := u.pages[d.Lang][name]
	var buf bytes.Buffer
	if err := p.t.Execute(&buf, d); err != nil {
		id := requestID()
		u.log.Error("ui: render", "request_id", id, "page", name, "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "internal error (request %s)\n", id)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", d.Lang)
	h.Set("Vary", "Cookie, Accept-Language")
	if d.User != nil {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// staticHandler serves the embedded styles and script. Their names never change between
// releases, so browsers revalidate rather than cache them for long.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	fsrv := http.StripPrefix("/ui/static/", http.FileServer(http.FS(sub)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") || path.Ext(r.URL.Path) == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=300")
		fsrv.ServeHTTP(w, r)
	})
}
