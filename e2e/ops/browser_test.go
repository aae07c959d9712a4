package ops

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"
)

// browser is a plain HTTP client with cookies, used as a browser uses the web UI: it keeps
// the CSRF token of the last page it read and sends it with every form, unless the form
// names its own.
type browser struct {
	base string
	hc   *http.Client
	csrf string
}

func newBrowser(t testing.TB, base string) *browser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{base: base, hc: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

func (b *browser) keep(resp *http.Response) string {
	body := readAll(resp)
	if ms := csrfRE.FindAllStringSubmatch(body, -1); ms != nil {
		b.csrf = ms[len(ms)-1][1]
	}
	return body
}

// omitCSRF as a form's csrf value sends the form without the field.
const omitCSRF = "\x00omit"

// submit posts a form without following the answer's redirect, and returns the status of
// the answer itself: 303 for a form that was accepted, the error's status otherwise.
func (b *browser) submit(t testing.TB, path string, form map[string]string) int {
	t.Helper()
	v := url.Values{"csrf": {b.csrf}}
	for k, s := range form {
		v.Set(k, s)
	}
	hc := *b.hc
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := hc.PostForm(b.base+path, v)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	readAll(resp)
	return resp.StatusCode
}

// get returns the status and body of the page at path, after redirects.
func (b *browser) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := b.hc.Get(b.base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, b.keep(resp)
}

// post submits a form and returns the status and body of where it led.
func (b *browser) post(t testing.TB, path string, form map[string]string) (int, string) {
	t.Helper()
	v := url.Values{}
	for k, s := range form {
		v.Set(k, s)
	}
	switch tok, ok := form["csrf"]; {
	case !ok:
		v.Set("csrf", b.csrf)
	case tok == omitCSRF:
		v.Del("csrf")
	}
	resp, err := b.hc.PostForm(b.base+path, v)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	return resp.StatusCode, b.keep(resp)
}

// cookie returns the value of the browser's cookie name for the server.
func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.base)
	for _, c := range b.hc.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// setCookie plants a cookie, as a page of another site on the same host name could.
func (b *browser) setCookie(name, value string) {
	u, _ := url.Parse(b.base)
	b.hc.Jar.SetCookies(u, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}

// signIn signs in through the form and fails the test when it does not work.
func (b *browser) signIn(t testing.TB, name, password string) {
	t.Helper()
	b.get(t, "/ui/signin")
	st, body := b.post(t, "/ui/signin", map[string]string{"name": name, "password": password})
	if st != 200 || strings.Contains(body, `name="password"`) {
		t.Fatalf("sign in as %s: %d %.300s", name, st, body)
	}
}
