// Package ui is the web UI of wellops: server-rendered pages in Korean and English over the
// same services the AWS-compatible API uses. Templates, styles and the little JavaScript it
// has are embedded; every form works without JavaScript, which only saves answers as they
// are ticked and swaps the parts of a page that changed.
//
// Access is never decided here: every service call carries the signed-in user's principal,
// and the services answer ENOTFOUND or EFORBIDDEN themselves. The UI only hides the controls a
// user may not use, so a READONLY user sees no edit buttons and is refused anyway.
package ui

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/wellops/wellops"
)

// Identity is what the UI needs of the identity service: passwords and browser sessions.
type Identity interface {
	Authenticate(ctx context.Context, name, password string) (*wellops.User, error)
	CreateSession(ctx context.Context, userID string, ttlSeconds int) (*wellops.Session, error)
	GetSession(ctx context.Context, token string) (*wellops.Session, *wellops.User, error)
	DeleteSession(ctx context.Context, token string) error
}

// Reports renders the downloadable reports (package report provides it). Formats lists the
// format names the two methods accept, in the order the UI offers them.
type Reports interface {
	WriteLensReview(ctx context.Context, w io.Writer, workloadID, lensAlias, format, lang string, milestone int) error
	WriteConsolidated(ctx context.Context, w io.Writer, q wellops.ConsolidatedQuery, format, lang string) error
	Formats() []string
}

// Options are the UI's dependencies and settings. The services are required; Reports may be
// nil, and then no download links are shown.
type Options struct {
	Workloads  wellops.WorkloadService
	Reviews    wellops.ReviewService
	Milestones wellops.MilestoneService
	Lenses     wellops.LensService
	Shares     wellops.ShareService
	Evidence   wellops.EvidenceService
	Identity   Identity
	Reports    Reports
	Logger     *slog.Logger

	// InsecureCookies sends the session cookie without Secure (and so without the __Host-
	// prefix), for plain-HTTP development and proxies that terminate TLS and rewrite cookies.
	InsecureCookies bool
	// SessionTTL is how long a sign-in lasts (default 12 hours).
	SessionTTL time.Duration
	// DefaultLang is the language when neither the lang cookie nor Accept-Language picks one.
	DefaultLang string
	// SignInRate and SignInBurst bound sign-in attempts per client address and per user name
	// (default: a burst of 10, then one every 6 seconds). The buckets live in this process.
	SignInRate  float64
	SignInBurst int
	// Now is the clock (tests set it).
	Now func() time.Time
}

// UI is the web UI's handler.
type UI struct {
	opt     Options
	log     *slog.Logger
	pages   map[string]map[string]*page // language → page name → template
	cat     map[string]catalog
	mux     *http.ServeMux
	limiter *limiter
	static  http.Handler
}

// New builds the UI. It fails when a service is missing or a template does not parse.
func New(opt Options) (*UI, error) {
	if opt.Workloads == nil || opt.Reviews == nil || opt.Milestones == nil || opt.Lenses == nil ||
		opt.Shares == nil || opt.Evidence == nil || opt.Identity == nil {
		return nil, errors.New("ui: every service must be given")
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opt.SessionTTL <= 0 {
		opt.SessionTTL = 12 * time.Hour
	}
	if opt.DefaultLang != "ko" {
		opt.DefaultLang = "en"
	}
	if opt.SignInRate <= 0 {
		opt.SignInRate = 1.0 / 6
	}
	if opt.SignInBurst <= 0 {
		opt.SignInBurst = 10
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	cat, err := loadCatalogs()
	if err != nil {
		return nil, err
	}
	u := &UI{opt: opt, log: opt.Logger, cat: cat, limiter: newLimiter(opt.SignInRate, opt.SignInBurst, opt.Now)}
	if u.pages, err = parsePages(cat); err != nil {
		return nil, err
	}
	u.static = staticHandler()
	u.mux = u.routes()
	return u, nil
}

// routes is the one table of the UI's pages. Every path is under /ui/.
func (u *UI) routes() *http.ServeMux {
	m := http.NewServeMux()
	pub := func(pattern string, h handler) { m.Handle(pattern, u.public(h)) }
	auth := func(pattern string, h handler) { m.Handle(pattern, u.authed(h)) }

	m.Handle("GET /ui/static/", u.static)
	pub("GET /ui/signin", u.signInPage)
	pub("POST /ui/signin", u.signIn)
	pub("GET /ui/lang/{lang}", u.setLang)
	auth("POST /ui/signout", u.signOut)

	auth("GET /ui/{$}", u.dashboard)
	auth("GET /ui/workloads/new", u.newWorkloadPage)
	auth("POST /ui/workloads", u.createWorkload)
	auth("GET /ui/workloads/{id}", u.workloadPage)
	auth("GET /ui/workloads/{id}/edit", u.editWorkloadPage)
	auth("POST /ui/workloads/{id}", u.updateWorkload)
	auth("POST /ui/workloads/{id}/delete", u.deleteWorkload)
	auth("POST /ui/workloads/{id}/lenses", u.associateLens)
	auth("POST /ui/workloads/{id}/lenses/{lens}/remove", u.disassociateLens)
	auth("POST /ui/workloads/{id}/lenses/{lens}/upgrade", u.upgradeLensReview)
	auth("POST /ui/workloads/{id}/shares", u.createShare)
	auth("POST /ui/workloads/{id}/shares/{share}", u.updateShare)
	auth("POST /ui/workloads/{id}/shares/{share}/delete", u.deleteShare)

	auth("GET /ui/workloads/{id}/review/{lens}", u.reviewStart)
	auth("GET /ui/workloads/{id}/review/{lens}/{question}", u.questionPage)
	auth("POST /ui/workloads/{id}/review/{lens}/{question}", u.saveAnswer)
	auth("POST /ui/workloads/{id}/suggestions/{question}/{choice}", u.decideSuggestion)

	auth("GET /ui/workloads/{id}/improvements/{lens}", u.improvementsPage)
	auth("POST /ui/workloads/{id}/improvements/{lens}/{question}", u.setImprovementStatus)

	auth("GET /ui/workloads/{id}/milestones", u.milestonesPage)
	auth("POST /ui/workloads/{id}/milestones", u.createMilestone)
	auth("GET /ui/workloads/{id}/milestones/compare", u.compareMilestones)
	auth("GET /ui/workloads/{id}/milestones/{n}", u.milestonePage)

	auth("GET /ui/workloads/{id}/report", u.downloadReport)
	auth("GET /ui/report", u.downloadConsolidated)

	auth("GET /ui/lenses", u.lensesPage)
	auth("POST /ui/lenses", u.importLens)
	auth("GET /ui/lenses/{lens}", u.lensPage)
	auth("POST /ui/lenses/{lens}/draft", u.importLensDraft)
	auth("POST /ui/lenses/{lens}/publish", u.publishLens)
	auth("POST /ui/lenses/{lens}/delete", u.deleteLens)
	auth("GET /ui/lenses/{lens}/preview", u.previewLens)
	auth("GET /ui/lenses/{lens}/diff", u.diffLens)
	auth("GET /ui/lenses/{lens}/export", u.exportLens)

	auth("GET /ui/invitations", u.invitationsPage)
	auth("POST /ui/invitations/{share}", u.answerInvitation)

	pub("/ui/", func(w http.ResponseWriter, r *http.Request) error {
		return wellops.Errorf(wellops.ENOTFOUND, "no such page")
	})
	return m
}

// ServeHTTP sets the headers every page carries and hands the request to the route table.
func (u *UI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	// Everything the pages load comes from /ui/static; inline SVG charts need no script.
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "+
		"script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	u.mux.ServeHTTP(w, r)
}

// handler is a page: it parses the request, calls a service and renders, or returns an
// error that serveError turns into a page.
type handler func(w http.ResponseWriter, r *http.Request) error

// errorPage is how one error code is shown: the status and the catalog keys of the title and
// the advice.
type errorPage struct {
	status        int
	title, advice string
}

// pageFor is the one table from error codes to pages.
func pageFor(code string) errorPage {
	switch code {
	case wellops.EINVALID:
		return errorPage{http.StatusBadRequest, "error.invalid.title", "error.invalid.advice"}
	case wellops.ENOTFOUND:
		return errorPage{http.StatusNotFound, "error.notfound.title", "error.notfound.advice"}
	case wellops.ECONFLICT:
		return errorPage{http.StatusConflict, "error.conflict.title", "error.conflict.advice"}
	case wellops.EQUOTA:
		return errorPage{http.StatusConflict, "error.quota.title", "error.quota.advice"}
	case wellops.EFORBIDDEN:
		return errorPage{http.StatusForbidden, "error.forbidden.title", "error.forbidden.advice"}
	case wellops.EUNAUTHORIZED:
		return errorPage{http.StatusUnauthorized, "error.unauthorized.title", "error.unauthorized.advice"}
	case wellops.ETHROTTLED:
		return errorPage{http.StatusTooManyRequests, "error.throttled.title", "error.throttled.advice"}
	}
	return errorPage{http.StatusInternalServerError, "error.internal.title", "error.internal.advice"}
}

// errCSRF is a form whose token does not match the session: shown as a forbidden page that
// asks the user to reload, never acted on.
var errCSRF = &wellops.Error{Code: wellops.EFORBIDDEN, Message: "csrf"}

// serveError renders err as a page. Internal errors are logged with the request ID, which the
// page shows so a user can quote it; their text never reaches the browser.
func (u *UI) serveError(w http.ResponseWriter, r *http.Request, err error) {
	code := wellops.ErrorCode(err)
	ep := pageFor(code)
	id := requestID()
	lvl := slog.LevelInfo
	if code == wellops.EINTERNAL {
		lvl = slog.LevelError
	}
	u.log.Log(r.Context(), lvl, "ui error", "request_id", id, "method", r.Method, "path", r.URL.Path, "code", code, "err", err)
	d := u.base(r, "")
	d.Title = d.T(ep.title)
	var fields []wellops.FieldError
	var we *wellops.Error
	if errors.As(err, &we) && code == wellops.EINVALID {
		fields = we.Fields
	}
	if err == errCSRF {
		ep.advice = "error.csrf.advice"
	}
	d.Data = struct {
		Status        int
		Advice        string
		RequestID     string
		Fields        []wellops.FieldError
		Internal      bool
		SignedIn      bool
		SignInOnError bool
	}{ep.status, d.T(ep.advice), id, fields, code == wellops.EINTERNAL, d.User != nil, code == wellops.EUNAUTHORIZED}
	u.render(w, r, ep.status, "error", d)
}

// requestID names one failed request in the log and on the error page.
func requestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// redirect answers a form post with 303 See Other, so a reload does not post again.
func redirect(w http.ResponseWriter, r *http.Request, path string) error {
	http.Redirect(w, r, path, http.StatusSeeOther)
	return nil
}

// safeNext returns path when it is a page of the UI, and the dashboard otherwise, so that
// redirects after sign-in or a language switch never leave the site.
func safeNext(path string) string {
	if strings.HasPrefix(path, "/ui/") && !strings.HasPrefix(path, "//") && !strings.ContainsAny(path, "\\\r\n") {
		return path
	}
	return "/ui/"
}

// notFound is the error for a URL that names nothing.
func notFound(what string) error { return wellops.Errorf(wellops.ENOTFOUND, "%s not found", what) }

func invalid(field, format string, args ...any) error {
	return &wellops.Error{Code: wellops.EINVALID, Message: "invalid " + field,
		Fields: []wellops.FieldError{{Name: field, Message: fmt.Sprintf(format, args...)}}}
}
