package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/sqldb"
	"github.com/wellops/wellops/ui"
)

// maxPage is the largest page the UI may send: meetings run over shared screens and hotel
// Wi-Fi.
const maxPage = 200 << 10

func TestPagesStaySmall(t *testing.T) {
	e := newEnv(t)
	s := seed(t, e)
	alice := e.as("alice")
	for i := range 55 {
		e.workload(fmt.Sprintf("service %02d with a long enough name to fill the column", i))
	}
	// Every question answered "None of these": the longest improvement plan there is.
	rv, err := e.db.GetLensReview(alice, s.w.ID, "wellarchitected", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range rv.Lens.Pillars[0].Questions {
		none := []string{q.NoneChoice().ID}
		if _, err := e.db.UpdateAnswer(alice, s.w.ID, "wellarchitected", q.ID, wellops.AnswerUpdate{SelectedChoices: &none}); err != nil {
			t.Fatal(err)
		}
	}
	c := e.signedIn("alice")
	for _, lang := range []string{"en", "ko"} {
		c.lang = lang
		for _, path := range []string{
			"/ui/",
			"/ui/workloads/" + s.w.ID,
			"/ui/workloads/" + s.w.ID + "/review/wellarchitected/dev-integ", // OPS05, the most choices
			"/ui/workloads/" + s.w.ID + "/improvements/wellarchitected",
			"/ui/workloads/" + s.w.ID + "/milestones/compare?a=1&b=0",
			"/ui/lenses/wellarchitected/preview",
		} {
			r := c.get(path)
			r.want(t, http.StatusOK)
			t.Logf("%s %s: %d bytes", lang, path, len(r.body))
			if len(r.body) > maxPage {
				t.Errorf("%s %s: %d bytes, more than %d", lang, path, len(r.body), maxPage)
			}
		}
	}
	if n := len(csrfRE.FindAllString(c.get("/ui/").body, -1)); n != 1 {
		t.Errorf("dashboard has %d forms with tokens", n)
	}
}

// BenchmarkDashboard measures the server time of the dashboard over 10,000 workloads in
// SQLite: one page of 50, sorted by high risks, with the counts above the table. The target
// is under 100 ms. Seeding takes a while; the figure is in bench/README.md.
func BenchmarkDashboard(b *testing.B) {
	q := wellops.DefaultQuotas()
	q.WorkloadsPerAccount = 20_000
	e := newEnvWith(b, sqldb.Options{Quotas: q})
	alice := e.as("alice")
	for i := range 10_000 {
		w, err := e.db.CreateWorkload(alice, wellops.NewWorkload{Name: fmt.Sprintf("workload %05d", i), Description: "benchmark workload",
			Environment: []string{wellops.EnvProduction, wellops.EnvPreproduction}[i%2], AWSRegions: []string{"us-east-1"}, ReviewOwner: "alice"})
		if err != nil {
			b.Fatal(err)
		}
		if i%7 == 0 {
			none := []string{"ops_priorities_no"}
			if _, err := e.db.UpdateAnswer(alice, w.ID, "wellarchitected", "priorities", wellops.AnswerUpdate{SelectedChoices: &none}); err != nil {
				b.Fatal(err)
			}
		}
	}
	c := e.signedIn("alice")
	cookie := c.jarCookie("wellops-session")
	h, err := ui.New(ui.Options{Workloads: e.db, Reviews: e.db, Milestones: e.db, Lenses: e.db, Shares: e.db,
		Evidence: e.db, Identity: e.db, InsecureCookies: true})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"", "?sort=high&order=desc", "?q=workload+09&env=PRODUCTION&risk=HIGH", "?page=150"} {
		b.Run("query="+q, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequestWithContext(context.Background(), "GET", "/ui/"+q, nil)
				req.AddCookie(&http.Cookie{Name: "wellops-session", Value: cookie})
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
