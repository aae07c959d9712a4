package ops

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wellops/wellops/e2e/harness"
)

const sessionCookie = "wellops-session" // with WELLOPS_INSECURE_COOKIES=true, as over plain HTTP

// TestSessionFixationAndCSRF attacks the UI's sessions through the real server: a session
// planted in the victim's browser before sign-in (a made-up one, and the attacker's own
// valid one) must not be the session after it, and the attacker's must be dead; form posts
// without the session's CSRF token, or with another session's, must be refused and change
// nothing; a sign-in form posted from another site (no sign-in cookie) must be refused.
func TestSessionFixationAndCSRF(t *testing.T) {
	srv := harness.Start(t, harness.Kinds(t)[0], harness.Options{Env: []string{"WELLOPS_INSECURE_COOKIES=true"}})
	victim := srv.NewUser(t, "victim", "")
	attacker := srv.NewUser(t, "attacker", "")

	t.Run("a planted made-up session is replaced", func(t *testing.T) {
		b := newBrowser(t, srv.URL)
		b.setCookie(sessionCookie, "planted-by-the-attacker")
		b.signIn(t, victim.Name, victim.Password)
		if got := b.cookie(sessionCookie); got == "" || got == "planted-by-the-attacker" {
			t.Errorf("session cookie after sign-in is %q", got)
		}
	})

	t.Run("the attacker's own session planted before sign-in is deleted", func(t *testing.T) {
		evil := newBrowser(t, srv.URL)
		evil.signIn(t, attacker.Name, attacker.Password)
		planted := evil.cookie(sessionCookie)
		b := newBrowser(t, srv.URL)
		b.setCookie(sessionCookie, planted)
		b.signIn(t, victim.Name, victim.Password)
		if got := b.cookie(sessionCookie); got == planted {
			t.Fatal("the victim signed in on the session the attacker planted")
		}
		if _, body := evil.get(t, "/ui/"); !strings.Contains(body, `name="password"`) {
			t.Error("the planted session still works for the attacker after the victim signed in on it")
		}
		if _, body := b.get(t, "/ui/"); strings.Contains(body, `name="password"`) || !strings.Contains(body, victim.Name) {
			t.Error("the victim is not signed in as themselves")
		}
	})

	t.Run("CSRF", func(t *testing.T) {
		b := newBrowser(t, srv.URL)
		b.signIn(t, victim.Name, victim.Password)
		other := newBrowser(t, srv.URL)
		other.signIn(t, attacker.Name, attacker.Password)
		form := func(name, token string) map[string]string {
			f := map[string]string{"WorkloadName": name, "Description": "made by a forged form", "Environment": "PRODUCTION",
				"ReviewOwner": "x@example.com", "AwsRegions": "us-east-1", "lens": "wellarchitected"}
			f["csrf"] = token
			return f
		}
		for _, tt := range []struct{ name, token string }{
			{"no token", omitCSRF}, {"empty token", ""}, {"another session's token", other.csrf}, {"a made-up token", "x" + b.csrf[1:]},
		} {
			st, _ := b.post(t, "/ui/workloads", form("forged "+tt.name, tt.token))
			if st != 403 {
				t.Errorf("create workload with %s: %d, want 403", tt.name, st)
			}
		}
		list, err := client(srv, victim).ListWorkloads(bg, &wellarchitected.ListWorkloadsInput{})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(list.WorkloadSummaries); n != 0 {
			t.Errorf("forged forms created %d workloads", n)
		}
		b.get(t, "/ui/workloads/new")
		if st, body := b.post(t, "/ui/workloads", form("made with the right token", b.csrf)); st != 200 || !strings.Contains(body, "made with the right token") {
			t.Errorf("the genuine form: %d", st)
		}
	})

	t.Run("sign-in form posted from another site", func(t *testing.T) {
		b := newBrowser(t, srv.URL) // never loaded the sign-in page: no sign-in cookie
		st, _ := b.post(t, "/ui/signin", map[string]string{"name": attacker.Name, "password": attacker.Password, "csrf": "guessed"})
		if st != 403 || b.cookie(sessionCookie) != "" {
			t.Errorf("login CSRF: %d, session %q; want 403 and no session", st, b.cookie(sessionCookie))
		}
	})
}

// TestRateLimits checks both limits end to end: API calls per access key (429
// ThrottlingException for the key over its rate, while another key of the same user goes
// on), and UI sign-in attempts per client address (429 once the address has tried too
// often, whatever user names it tries, even with a right password).
func TestRateLimits(t *testing.T) {
	srv := harness.Start(t, harness.Kinds(t)[0], harness.Options{Env: []string{"WELLOPS_RATE_LIMIT=2", "WELLOPS_INSECURE_COOKIES=true"}})
	u := srv.NewUser(t, "busy", "")
	second := srv.NewUser(t, "calm", "")

	t.Run("API per access key", func(t *testing.T) {
		c := client(srv, u)
		var throttled error
		for range 30 {
			if _, err := c.ListWorkloads(bg, &wellarchitected.ListWorkloadsInput{}); err != nil {
				throttled = err
				break
			}
		}
		if st, code := status(throttled); st != 429 || code != "ThrottlingException" {
			t.Fatalf("30 calls at once with a limit of 2/s: %d %q %v, want 429 ThrottlingException", st, code, throttled)
		}
		if _, err := client(srv, second).ListWorkloads(bg, &wellarchitected.ListWorkloadsInput{}); err != nil {
			t.Errorf("another access key is throttled too: %v", err)
		}
		time.Sleep(1500 * time.Millisecond)
		if _, err := c.ListWorkloads(bg, &wellarchitected.ListWorkloadsInput{}); err != nil {
			t.Errorf("the throttled key after a pause: %v", err)
		}
	})

	t.Run("UI sign-in per address", func(t *testing.T) {
		b := newBrowser(t, srv.URL)
		limited := 0
		for i := range 30 {
			b.get(t, "/ui/signin")
			st, _ := b.post(t, "/ui/signin", map[string]string{"name": fmt.Sprintf("guess%d", i), "password": "wrong"})
			if st == 429 {
				limited = i
				break
			}
			if st != 401 {
				t.Fatalf("a wrong password answered %d, want 401", st)
			}
		}
		if limited == 0 {
			t.Fatal("30 wrong passwords under 30 user names from one address were never limited")
		}
		b.get(t, "/ui/signin")
		if st, _ := b.post(t, "/ui/signin", map[string]string{"name": second.Name, "password": second.Password}); st != 429 {
			t.Errorf("a right password from the limited address: %d, want 429", st)
		}
		t.Logf("sign-in limited after %d attempts from one address", limited)
	})
}
