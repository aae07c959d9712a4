package ops

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/e2e/ops/load"
)

// uiAction is one page or form of the web UI on the matrix fixture.
type uiAction struct {
	name   string
	method string // GET or POST
	path   func(f *fixture) string
	form   func(f *fixture) map[string]string
	want   [4]int // per role: stranger, readonly, contributor, owner
}

// uiActions are the UI's pages and forms on the owner's workload and lens, in the order
// the matrix runs them (what removes things last). A form that is accepted answers 303.
func uiActions() []uiAction {
	wl := func(suffix string) func(f *fixture) string {
		return func(f *fixture) string { return "/ui/workloads/" + f.wl + suffix }
	}
	lensKey := func(f *fixture) string { return f.lens[strings.LastIndex(f.lens, "/")+1:] }
	lp := func(suffix string) func(f *fixture) string {
		return func(f *fixture) string { return "/ui/lenses/" + lensKey(f) + suffix }
	}
	q := func(suffix string) func(f *fixture) string {
		return func(f *fixture) string { return "/ui/workloads/" + f.wl + suffix + f.q }
	}
	none := func(*fixture) map[string]string { return nil }
	return []uiAction{
		{"workload page", "GET", wl(""), none, [4]int{404, 200, 200, 200}},
		{"edit page", "GET", wl("/edit"), none, [4]int{404, 403, 403, 200}},
		{"review start", "GET", wl("/review/" + load.Lens), none, [4]int{404, 200, 200, 200}},
		{"question page", "GET", q("/review/" + load.Lens + "/"), none, [4]int{404, 200, 200, 200}},
		{"improvement plan", "GET", wl("/improvements/" + load.Lens), none, [4]int{404, 200, 200, 200}},
		{"milestones", "GET", wl("/milestones"), none, [4]int{404, 200, 200, 200}},
		{"milestone 1", "GET", wl("/milestones/1"), none, [4]int{404, 200, 200, 200}},
		{"compare milestones", "GET", wl("/milestones/compare?a=1&b=0"), none, [4]int{404, 200, 200, 200}},
		{"report download", "GET", wl("/report?format=html&lens=" + load.Lens), none, [4]int{404, 200, 200, 200}},
		{"lens page", "GET", lp(""), none, [4]int{404, 404, 404, 200}},
		{"lens preview", "GET", lp("/preview"), none, [4]int{404, 404, 404, 200}},
		{"lens export", "GET", lp("/export"), none, [4]int{404, 404, 404, 200}},

		{"save answer", "POST", q("/review/" + load.Lens + "/"), func(f *fixture) map[string]string {
			return map[string]string{"choice": f.choice, "notes": "saved in the UI"}
		}, [4]int{404, 403, 303, 303}},
		{"improvement status", "POST", q("/improvements/" + load.Lens + "/"), func(*fixture) map[string]string {
			return map[string]string{"status": "IN_PROGRESS"}
		}, [4]int{404, 403, 303, 303}},
		{"create milestone", "POST", wl("/milestones"), func(*fixture) map[string]string {
			return map[string]string{"name": fmt.Sprint("ui milestone ", time.Now().UnixNano())}
		}, [4]int{404, 403, 303, 303}},
		{"update workload", "POST", wl(""), func(*fixture) map[string]string {
			return map[string]string{"WorkloadName": "matrix renamed", "Description": "renamed in the UI", "Environment": "PRODUCTION",
				"ReviewOwner": "ops@example.com", "AwsRegions": "us-east-1"}
		}, [4]int{404, 403, 403, 303}},
		{"add lens", "POST", wl("/lenses"), func(f *fixture) map[string]string { return map[string]string{"lens": f.lens} }, [4]int{404, 403, 403, 303}},
		{"remove lens", "POST", func(f *fixture) string { return "/ui/workloads/" + f.wl + "/lenses/" + lensKey(f) + "/remove" }, none, [4]int{404, 403, 403, 303}},
		{"share", "POST", wl("/shares"), func(*fixture) map[string]string {
			return map[string]string{"with": "999988887777", "permission": "READONLY"}
		}, [4]int{404, 403, 403, 303}},
		{"change share", "POST", func(f *fixture) string { return "/ui/workloads/" + f.wl + "/shares/" + f.shareR }, func(*fixture) map[string]string {
			return map[string]string{"permission": "READONLY"}
		}, [4]int{404, 403, 403, 303}},
		{"delete share", "POST", func(f *fixture) string { return "/ui/workloads/" + f.wl + "/shares/" + f.sharePending + "/delete" }, none, [4]int{404, 403, 403, 303}},
		{"lens draft", "POST", lp("/draft"), func(f *fixture) map[string]string { return map[string]string{"json": f.lensJSON} }, [4]int{404, 404, 404, 303}},
		{"lens publish", "POST", lp("/publish"), func(*fixture) map[string]string { return map[string]string{"version": "3.0"} }, [4]int{404, 404, 404, 303}},
		{"answer invitation", "POST", func(f *fixture) string { return "/ui/invitations/" + f.invitation }, func(*fixture) map[string]string {
			return map[string]string{"action": "accept"}
		}, [4]int{404, 404, 404, 404}},
		{"delete workload", "POST", wl("/delete"), func(*fixture) map[string]string { return map[string]string{"confirm": "yes"} }, [4]int{404, 403, 403, 303}},
		{"delete lens", "POST", lp("/delete"), func(*fixture) map[string]string { return map[string]string{"confirm": "yes", "status": "ALL"} }, [4]int{404, 404, 404, 303}},
	}
}

// TestUIAuthorizationMatrix signs in through the UI as the owner, a CONTRIBUTOR, a
// READONLY user and a stranger, and opens every page and submits every form on the
// owner's workload and lens: strangers get 404 (nothing shows that the workload exists),
// READONLY sees but is refused every change (403), CONTRIBUTOR answers and makes milestones
// but does not administer, and a refused form changes nothing the owner can see.
func TestUIAuthorizationMatrix(t *testing.T) {
	srv := harness.Start(t, harness.Kinds(t)[0], harness.Options{Env: []string{"WELLOPS_INSECURE_COOKIES=true"}})
	users := map[string]harness.User{}
	for _, r := range roles {
		users[r] = srv.NewUser(t, r, "")
	}
	f := newFixture(t, srv, users["owner"], users["contributor"], users["readonly"], srv.NewUser(t, "invitee", ""))
	owner := client(srv, users["owner"])
	// The custom lens under review too, so that removing it is a real change to refuse.
	if _, err := owner.AssociateLenses(bg, &wellarchitected.AssociateLensesInput{WorkloadId: &f.wl, LensAliases: []string{f.lens}}); err != nil {
		t.Fatal(err)
	}
	var observed []string
	for ri, role := range roles {
		b := newBrowser(t, srv.URL)
		b.signIn(t, users[role].Name, users[role].Password)
		b.get(t, "/ui/") // a CSRF token of this session for the forms
		for _, a := range uiActions() {
			want := a.want[ri]
			var before string
			if want >= 400 {
				before = f.snapshot(t, owner)
			}
			var got int
			if a.method == "GET" {
				got, _ = b.get(t, a.path(f))
			} else {
				got = b.submit(t, a.path(f), a.form(f))
			}
			observed = append(observed, fmt.Sprintf("%-20s %-12s %d", a.name, role, got))
			if got != want {
				t.Errorf("%s as %s: %d, want %d", a.name, role, got, want)
			}
			if want >= 400 && got == want && f.snapshot(t, owner) != before {
				t.Errorf("%s as %s was refused but changed the owner's resources", a.name, role)
			}
		}
	}
	if t.Failed() {
		sort.Strings(observed)
		t.Logf("observed:\n%s", strings.Join(observed, "\n"))
	}
}
