package ui_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wellops/wellops/ui"
)

func TestSignInOutAndSessionCookie(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	// Pages need a session: a browser is sent to the sign-in page, which comes back after.
	r := c.get("/ui/workloads/new")
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/ui/signin?next=%2Fui%2Fworkloads%2Fnew" {
		t.Fatalf("anonymous GET: %d %s", r.status, r.header.Get("Location"))
	}
	c.get("/ui/signin").want(t, 200, `name="password"`, `autocomplete="current-password"`)
	c.post("/ui/signin", url.Values{"name": {"alice"}, "password": {"wrong password!"}}).
		want(t, http.StatusUnauthorized, "The user name or password is wrong.")
	r = c.signIn("alice", password)
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/ui/" {
		t.Fatalf("sign in: %d %s", r.status, r.header.Get("Location"))
	}
	var sess string
	for _, ck := range r.header.Values("Set-Cookie") {
		if strings.HasPrefix(ck, "wellops-session=") {
			sess = ck
		}
	}
	for _, attr := range []string{"HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(sess, attr) {
			t.Errorf("session cookie %q lacks %s", sess, attr)
		}
	}
	c.get("/ui/").want(t, 200, "alice", "Sign out")
	old := c.jarCookie("wellops-session")

	// Sign-out deletes the session on the server: the old cookie is worthless after it.
	c.post("/ui/signout", nil)
	thief := e.client()
	thief.setCookie("wellops-session", old)
	if r := thief.get("/ui/"); r.status != http.StatusSeeOther {
		t.Fatalf("old session still works after sign-out: %d", r.status)
	}
}

func TestSignInRotatesTheSession(t *testing.T) {
	e := newEnv(t)
	c := e.signedIn("alice")
	before := c.jarCookie("wellops-session")
	c.signIn("bob", password)
	after := c.jarCookie("wellops-session")
	if before == after || after == "" {
		t.Fatal("session not replaced at sign-in")
	}
	stale := e.client()
	stale.setCookie("wellops-session", before)
	if r := stale.get("/ui/"); r.status != http.StatusSeeOther {
		t.Fatalf("the session from before sign-in still works: %d", r.status)
	}
	c.get("/ui/").want(t, 200, "bob")
}

func TestSecureCookiesUseTheHostPrefix(t *testing.T) {
	e := newEnv(t)
	h, err := ui.New(ui.Options{Workloads: e.db, Reviews: e.db, Milestones: e.db, Lenses: e.db, Shares: e.db,
		Evidence: e.db, Identity: e.db})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/ui/signin", nil))
	ck := rec.Result().Cookies()
	if len(ck) != 1 || ck[0].Name != "__Host-wellops-signin" || !ck[0].Secure || !ck[0].HttpOnly || ck[0].Path != "/" {
		t.Fatalf("cookies = %+v", ck)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Fatalf("CSP = %q", csp)
	}
}

func TestSignInNeedsItsOwnCSRFToken(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.get("/ui/signin")
	c.post("/ui/signin", url.Values{"name": {"alice"}, "password": {password}, "csrf": {"forged"}}).
		want(t, http.StatusForbidden, "reload the page")
	// A form posted from another site carries no cookie at all.
	other := e.client()
	other.post("/ui/signin", url.Values{"name": {"alice"}, "password": {password}, "csrf": {"x"}}).want(t, http.StatusForbidden)
}

func TestSignInIsRateLimitedPerUserName(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	e := newEnv(t, func(o *ui.Options) { o.SignInBurst = 3; o.Now = func() time.Time { return now } })
	c := e.client()
	for i := 0; i < 3; i++ {
		c.signIn("alice", "wrong password!").want(t, http.StatusUnauthorized)
	}
	// Even the right password waits now: the bucket, not the password, decides.
	r := c.signIn("alice", password)
	r.want(t, http.StatusTooManyRequests, "Too many attempts")
	if r.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	now = now.Add(time.Minute)
	if r := c.signIn("alice", password); r.status != http.StatusSeeOther {
		t.Fatalf("after waiting: %d", r.status)
	}
}

func TestSignInRedirectStaysOnTheSite(t *testing.T) {
	e := newEnv(t)
	for next, want := range map[string]string{
		"/ui/workloads/x":     "/ui/workloads/x",
		"https://evil.test/":  "/ui/",
		"//evil.test/ui/":     "/ui/",
		"/ui/\\evil":          "/ui/",
		"/api/not-the-ui-yet": "/ui/",
	} {
		c := e.client()
		c.get("/ui/signin?next=" + url.QueryEscape(next))
		r := c.post("/ui/signin", url.Values{"name": {"alice"}, "password": {password}, "next": {next}})
		if got := r.header.Get("Location"); got != want {
			t.Errorf("next %q: redirected to %q, want %q", next, got, want)
		}
	}
}

func TestEveryPostNeedsTheSessionCSRFToken(t *testing.T) {
	e := newEnv(t)
	w := e.workload("payments")
	c := e.signedIn("alice")
	for _, path := range []string{
		"/ui/workloads",
		"/ui/workloads/" + w.ID,
		"/ui/workloads/" + w.ID + "/delete",
		"/ui/workloads/" + w.ID + "/milestones",
		"/ui/workloads/" + w.ID + "/review/wellarchitected/priorities",
		"/ui/workloads/" + w.ID + "/shares",
		"/ui/lenses",
		"/ui/signout",
	} {
		for _, tok := range []string{"", "not-the-token"} {
			r := c.post(path, url.Values{"csrf": {tok}, "confirm": {"yes"}, "name": {"m1 name"}, "choice": {"ops_priorities_no"}})
			if r.status != http.StatusForbidden || !strings.Contains(r.body, "reload the page") {
				t.Errorf("POST %s with csrf %q: status %d", path, tok, r.status)
			}
		}
	}
	// Nothing happened: the workload is still there, unanswered, without milestones.
	got, err := e.db.GetWorkload(e.as("alice"), w.ID, 0)
	if err != nil || got.RiskCounts.Unanswered != 11 {
		t.Fatalf("workload after forged posts: %+v %v", got, err)
	}
	c.get("/ui/").want(t, 200, "alice") // still signed in
}

func (c *client) jarCookie(name string) string {
	u, _ := url.Parse(c.e.srv.URL + "/ui/")
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

func (c *client) setCookie(name, value string) {
	u, _ := url.Parse(c.e.srv.URL + "/")
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}
