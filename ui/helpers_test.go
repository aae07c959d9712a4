package ui_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/sqldb"
	"github.com/wellops/wellops/ui"
)

// env is a UI over a real SQLite store, served on a loopback test server, with three
// accounts: alice (owner of the workloads), bob (alice's colleague in another account the
// tests share with) and mallory (a stranger).
type env struct {
	t       testing.TB
	db      *sqldb.DB
	srv     *httptest.Server
	reports *fakeReports
	admin   context.Context
}

const password = "correct horse battery"

func newEnv(t testing.TB, opts ...func(*ui.Options)) *env {
	t.Helper()
	return newEnvWith(t, sqldb.Options{}, opts...)
}

// newEnvWith opens the store with sopt (quotas, for the benchmark).
func newEnvWith(t testing.TB, sopt sqldb.Options, opts ...func(*ui.Options)) *env {
	t.Helper()
	sopt.SecretKey = []byte("0123456789abcdef0123456789abcdef")
	db, err := sqldb.Open(context.Background(), filepath.Join(t.TempDir(), "ui.db"), sopt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &env{t: t, db: db, reports: &fakeReports{}}
	first, err := db.CreateUser(context.Background(), wellops.NewUser{Name: "alice", Password: password})
	if err != nil {
		t.Fatal(err)
	}
	e.admin = wellops.WithPrincipal(context.Background(), first.Principal())
	for _, n := range []string{"bob", "mallory"} {
		if _, err := db.CreateUser(e.admin, wellops.NewUser{Name: n, Password: password}); err != nil {
			t.Fatal(err)
		}
	}
	o := ui.Options{Workloads: db, Reviews: db, Milestones: db, Lenses: db, Shares: db, Evidence: db, Identity: db,
		Reports: e.reports, InsecureCookies: true}
	for _, f := range opts {
		f(&o)
	}
	h, err := ui.New(o)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(h)
	t.Cleanup(e.srv.Close)
	return e
}

// as returns the context of a user, for setting up data directly in the store.
func (e *env) as(name string) context.Context {
	e.t.Helper()
	u, err := e.db.GetUser(e.admin, name)
	if err != nil {
		e.t.Fatal(err)
	}
	return wellops.WithPrincipal(context.Background(), u.Principal())
}

func (e *env) workload(name string) *wellops.Workload {
	e.t.Helper()
	w, err := e.db.CreateWorkload(e.as("alice"), wellops.NewWorkload{Name: name, Description: "the " + name + " service",
		Environment: wellops.EnvProduction, AWSRegions: []string{"ap-northeast-2"}, ReviewOwner: "alice"})
	if err != nil {
		e.t.Fatal(err)
	}
	return w
}

// share shares a workload from alice with user name and accepts the invitation.
func (e *env) share(wid, name string, perm wellops.Permission) {
	e.t.Helper()
	ctx := e.as(name)
	p, _ := wellops.PrincipalFrom(ctx)
	sh, err := e.db.CreateShare(e.as("alice"), wellops.ResWorkload, wid, p.ARN(), perm)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.db.UpdateShareInvitation(ctx, sh.ID, wellops.InvitationAccept); err != nil {
		e.t.Fatal(err)
	}
}

// client is a browser: a cookie jar, no redirects followed automatically (tests look at
// them), and the CSRF token of the last page it saw.
type client struct {
	e    *env
	http *http.Client
	csrf string
	lang string
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signedIn returns a client signed in as name.
func (e *env) signedIn(name string) *client {
	e.t.Helper()
	c := e.client()
	if resp := c.signIn(name, password); resp.status != http.StatusSeeOther {
		e.t.Fatalf("sign in %s: status %d\n%s", name, resp.status, resp.body)
	}
	c.get("/ui/")
	return c
}

type response struct {
	status int
	header http.Header
	body   string
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) do(req *http.Request) response {
	c.e.t.Helper()
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	// The last token on the page: on the sign-in page that is the form's own, after the
	// header's sign-out form.
	if ms := csrfRE.FindAllSubmatch(b, -1); ms != nil {
		c.csrf = string(ms[len(ms)-1][1])
	}
	return response{resp.StatusCode, resp.Header, string(b)}
}

func (c *client) get(path string) response {
	c.e.t.Helper()
	req, _ := http.NewRequest("GET", c.e.srv.URL+path, nil)
	return c.do(req)
}

// post sends a form with the current CSRF token unless the form sets its own.
func (c *client) post(path string, form url.Values) response {
	c.e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", c.csrf)
	}
	req, _ := http.NewRequest("POST", c.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

func (c *client) signIn(name, pw string) response {
	c.e.t.Helper()
	c.get("/ui/signin")
	return c.post("/ui/signin", url.Values{"name": {name}, "password": {pw}})
}

// want fails unless the response has status and contains every string.
func (r response) want(t testing.TB, status int, contains ...string) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d\n%s", r.status, status, clip(r.body))
	}
	for _, s := range contains {
		if !strings.Contains(r.body, s) {
			t.Fatalf("response lacks %q\n%s", s, clip(r.body))
		}
	}
	return r
}

// lacks fails if the body contains any of the strings.
func (r response) lacks(t testing.TB, strs ...string) {
	t.Helper()
	for _, s := range strs {
		if strings.Contains(r.body, s) {
			t.Fatalf("response contains %q but should not", s)
		}
	}
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// fakeReports renders a tiny report that names its inputs, so tests can see what the UI
// asked for.
type fakeReports struct{}

func (fakeReports) Formats() []string { return []string{"pdf", "md", "json"} }

func (fakeReports) WriteLensReview(ctx context.Context, w io.Writer, workloadID, lensAlias, format, lang string, milestone int) error {
	_, err := io.WriteString(w, "report "+workloadID+" "+lensAlias+" "+format+" "+lang+" m"+string(rune('0'+milestone)))
	return err
}

func (fakeReports) WriteConsolidated(ctx context.Context, w io.Writer, q wellops.ConsolidatedQuery, format, lang string) error {
	_, err := io.WriteString(w, "consolidated "+format+" "+lang)
	return err
}
