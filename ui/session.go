package ui

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/wellops/wellops"
)

// request is what the UI knows about one request: its language and, once signed in, the user
// and the session (whose CSRF token every form carries).
type request struct {
	lang  string
	user  *wellops.User
	sess  *wellops.Session
	token string
}

type requestKey struct{}

func reqOf(r *http.Request) *request {
	if rq, ok := r.Context().Value(requestKey{}).(*request); ok {
		return rq
	}
	return &request{lang: "en"}
}

// cookie names: with Secure cookies the session uses the __Host- prefix, which browsers
// accept only from a secure origin, for path /, without a Domain: no subdomain can set it.
func (u *UI) sessionCookie() string {
	if u.opt.InsecureCookies {
		return "wellops-session"
	}
	return "__Host-wellops-session"
}

func (u *UI) signInCookie() string {
	if u.opt.InsecureCookies {
		return "wellops-signin"
	}
	return "__Host-wellops-signin"
}

const langCookie = "lang"

func (u *UI) setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: !u.opt.InsecureCookies, SameSite: http.SameSiteLaxMode})
}

// load finds the request's language and session. A missing or expired session is not an
// error here: public pages render for anyone, and authed decides what to do.
func (u *UI) load(w http.ResponseWriter, r *http.Request) (*http.Request, *request) {
	rq := &request{lang: u.pickLang(r)}
	if c, err := r.Cookie(u.sessionCookie()); err == nil && c.Value != "" {
		s, usr, err := u.opt.Identity.GetSession(r.Context(), c.Value)
		switch {
		case err == nil:
			rq.user, rq.sess, rq.token = usr, s, c.Value
		case wellops.ErrorCode(err) == wellops.ENOTFOUND:
			u.setCookie(w, u.sessionCookie(), "", -1) // expired or signed out elsewhere
		default:
			u.log.Error("ui: read session", "err", err)
		}
	}
	ctx := context.WithValue(r.Context(), requestKey{}, rq)
	if rq.user != nil {
		ctx = wellops.WithPrincipal(ctx, rq.user.Principal())
	}
	return r.WithContext(ctx), rq
}

// public serves a page that needs no sign-in.
func (u *UI) public(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, _ = u.load(w, r)
		if err := h(w, r); err != nil {
			u.serveError(w, r, err)
		}
	})
}

// authed serves a page for signed-in users only: others are sent to the sign-in page (or,
// for a form post, refused). Every POST must carry the session's CSRF token.
func (u *UI) authed(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, rq := u.load(w, r)
		if rq.user == nil {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				http.Redirect(w, r, "/ui/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			u.serveError(w, r, wellops.Errorf(wellops.EUNAUTHORIZED, "not signed in"))
			return
		}
		if r.Method == http.MethodPost {
			if err := parseForm(r); err != nil {
				u.serveError(w, r, err)
				return
			}
			if !sameToken(r.FormValue("csrf"), rq.sess.CSRF) {
				u.serveError(w, r, errCSRF)
				return
			}
		}
		if err := h(w, r); err != nil {
			u.serveError(w, r, err)
		}
	})
}

// parseForm reads a posted form, URL-encoded or multipart. A body over the server's limit
// is input the user can fix, not a forged request: it is reported as such instead of
// failing the CSRF check with a forbidden page. Other parse errors leave the form empty,
// and the CSRF check refuses it.
func parseForm(r *http.Request) error {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(32 << 20)
	} else {
		err = r.ParseForm()
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return invalid("form", "must be at most %d bytes", mbe.Limit)
	}
	return nil
}

// sameToken compares tokens in constant time; an empty token never matches.
func sameToken(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// signInData is the sign-in form.
type signInData struct {
	Next, Name, CSRF string
	Failed, Limited  bool
}

// signInPage shows the form, also to a signed-in browser (to switch users). It sets a
// pre-session CSRF cookie (double submit), so no other site can sign a browser in to an
// account of its choosing.
func (u *UI) signInPage(w http.ResponseWriter, r *http.Request) error {
	return u.renderSignIn(w, r, http.StatusOK, signInData{Next: safeNext(r.URL.Query().Get("next"))})
}

func (u *UI) renderSignIn(w http.ResponseWriter, r *http.Request, status int, sd signInData) error {
	sd.CSRF = randomToken()
	u.setCookie(w, u.signInCookie(), sd.CSRF, 3600)
	d := u.base(r, "signin.title")
	d.Data = sd
	u.render(w, r, status, "signin", d)
	return nil
}

// signIn checks the password, limited per client address and per user name, and starts a
// new session: any session the browser had is deleted first, so a session ID planted before
// sign-in is worthless after it.
func (u *UI) signIn(w http.ResponseWriter, r *http.Request) error {
	rq := reqOf(r)
	if err := parseForm(r); err != nil {
		return err
	}
	c, err := r.Cookie(u.signInCookie())
	if err != nil || !sameToken(r.FormValue("csrf"), c.Value) {
		return errCSRF
	}
	name := strings.TrimSpace(r.FormValue("name"))
	sd := signInData{Next: safeNext(r.FormValue("next")), Name: name}
	if !u.limiter.allow("ip:"+clientIP(r)) || !u.limiter.allow("user:"+strings.ToLower(name)) {
		sd.Limited = true
		w.Header().Set("Retry-After", "60")
		return u.renderSignIn(w, r, http.StatusTooManyRequests, sd)
	}
	usr, err := u.opt.Identity.Authenticate(r.Context(), name, r.FormValue("password"))
	if wellops.ErrorCode(err) == wellops.EUNAUTHORIZED {
		sd.Failed = true
		return u.renderSignIn(w, r, http.StatusUnauthorized, sd)
	}
	if err != nil {
		return err
	}
	if rq.token != "" {
		if err := u.opt.Identity.DeleteSession(r.Context(), rq.token); err != nil {
			return err
		}
	}
	s, err := u.opt.Identity.CreateSession(r.Context(), usr.ID, int(u.opt.SessionTTL.Seconds()))
	if err != nil {
		return err
	}
	u.setCookie(w, u.sessionCookie(), s.Token, int(u.opt.SessionTTL.Seconds()))
	u.setCookie(w, u.signInCookie(), "", -1)
	return redirect(w, r, sd.Next)
}

// signOut deletes the session on the server, not just the cookie.
func (u *UI) signOut(w http.ResponseWriter, r *http.Request) error {
	if err := u.opt.Identity.DeleteSession(r.Context(), reqOf(r).token); err != nil {
		return err
	}
	u.setCookie(w, u.sessionCookie(), "", -1)
	return redirect(w, r, "/ui/signin")
}

// clientIP is the connection's address. Behind a proxy every user shares the proxy's
// address, so the per-name bucket is what really slows guessing there.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
