// Package ui_test drives the web UI in a real headless Chromium (Debian's chromium package,
// through chromedp) against the real wellops binary. Screenshots of the main pages are kept
// in artifacts/ for people to look at.
package ui_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// page is a browser tab signed in to one server, with helpers that fail the test.
type page struct {
	t    *testing.T
	ctx  context.Context
	base string
	dir  string // screenshots
}

// newPage starts Chromium, or skips the test when it is not installed (fails under CI, which
// installs it).
func newPage(t *testing.T, base string) *page {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is missing: .ci/run installs Debian's chromium for the browser tests", chromiumPath)
		}
		t.Skipf("browser tests skipped: %s not found (apt-get install chromium)", chromiumPath)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no timeout on it
		t.Fatalf("start chromium: %v", err)
	}
	dir, err := filepath.Abs("artifacts")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return &page{t: t, ctx: ctx, base: base, dir: dir}
}

// timed runs one step with a time limit, so a stuck page fails instead of hanging.
func (p *page) timed() (context.Context, context.CancelFunc) {
	return context.WithTimeout(p.ctx, 60*time.Second)
}

func (p *page) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := p.timed()
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("%s: %v\n%s", what, err, p.bodyText())
	}
}

// open loads a page of the UI and checks the status.
func (p *page) open(path string) {
	p.t.Helper()
	ctx, cancel := p.timed()
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(p.base+path))
	if err != nil {
		p.t.Fatalf("open %s: %v", path, err)
	}
	if resp.Status != 200 {
		p.t.Fatalf("open %s: status %d\n%s", path, resp.Status, p.bodyText())
	}
}

// follow clicks something that loads a new page and waits for it.
func (p *page) follow(sel string) {
	p.t.Helper()
	p.navigate("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// navigate runs an action that loads a new page, waits for it and checks its status.
func (p *page) navigate(what string, a chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := p.timed()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, a)
	if err != nil {
		p.t.Fatalf("%s: %v\n%s", what, err, p.bodyText())
	}
	if resp.Status != 200 {
		p.t.Fatalf("%s: status %d\n%s", what, resp.Status, p.bodyText())
	}
}

// key presses keys on the focused element and, when nav is set, waits for the page it loads.
func (p *page) key(keys string, nav bool) {
	p.t.Helper()
	ctx, cancel := p.timed()
	defer cancel()
	if nav {
		if _, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(keys)); err != nil {
			p.t.Fatalf("key %q: %v", keys, err)
		}
		return
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(keys)); err != nil {
		p.t.Fatalf("key %q: %v", keys, err)
	}
}

func eval[T any](p *page, js string) T {
	p.t.Helper()
	ctx, cancel := p.timed()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func (p *page) bodyText() string {
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if len(s) > 2000 {
		s = s[:2000]
	}
	return s
}

func (p *page) text(sel string) string {
	p.t.Helper()
	return eval[string](p, fmt.Sprintf(`(document.querySelector(%q) || {innerText: ""}).innerText`, sel))
}

// wantText fails unless the page shows every string.
func (p *page) wantText(strs ...string) {
	p.t.Helper()
	body := p.bodyTextAll()
	for _, s := range strs {
		if !strings.Contains(body, s) {
			p.t.Fatalf("page %s lacks %q\n%s", eval[string](p, "location.pathname"), s, clipText(body))
		}
	}
}

func (p *page) bodyTextAll() string {
	p.t.Helper()
	return eval[string](p, `document.body.innerText`)
}

func clipText(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// shot saves a full-page screenshot as artifacts/NAME.png and logs its path.
func (p *page) shot(name string) {
	p.t.Helper()
	ctx, cancel := p.timed()
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(p.dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot: %s", path)
}

// download clicks a download link and waits for the file to land in a fresh directory.
func (p *page) download(sel string) (name string, data []byte) {
	p.t.Helper()
	dir := p.t.TempDir()
	ctx, cancel := p.timed()
	defer cancel()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		p.t.Fatalf("allow downloads: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		p.t.Fatalf("click %s: %v", sel, err)
	}
	for ctx.Err() == nil {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if !strings.HasSuffix(e.Name(), ".crdownload") {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err == nil && len(b) > 0 {
					return e.Name(), b
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.t.Fatalf("download from %s did not finish", sel)
	return "", nil
}
