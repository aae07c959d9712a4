package ui_test

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/wellops/wellops"
)

var rowNameRE = regexp.MustCompile(`<td class="name"><a href="/ui/workloads/[0-9a-f]+">([^<]+)</a>`)

func names(body string) []string {
	var out []string
	for _, m := range rowNameRE.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestDashboardSearchFilterSortAndPage(t *testing.T) {
	e := newEnv(t)
	alice := e.as("alice")
	for i := range 120 {
		env := wellops.EnvProduction
		if i%4 == 0 {
			env = wellops.EnvPreproduction
		}
		w, err := e.db.CreateWorkload(alice, wellops.NewWorkload{Name: fmt.Sprintf("svc %03d", i), Description: "a service",
			Environment: env, AWSRegions: []string{"us-east-1"}, ReviewOwner: "alice"})
		if err != nil {
			t.Fatal(err)
		}
		if i%10 == 0 { // every tenth has a high risk
			none := []string{"ops_priorities_no"}
			if _, err := e.db.UpdateAnswer(alice, w.ID, "wellarchitected", "priorities", wellops.AnswerUpdate{SelectedChoices: &none}); err != nil {
				t.Fatal(err)
			}
		}
	}
	c := e.signedIn("alice")
	r := c.get("/ui/")
	r.want(t, 200, "1–50 of 120", `aria-current="page">1</a>`, `rel="next"`, ">12<", "Workloads you can see")
	if got := names(r.body); len(got) != 50 || got[0] != "svc 000" || got[49] != "svc 049" {
		t.Fatalf("first page = %v", got)
	}
	r = c.get("/ui/?sort=name&order=asc&page=3")
	r.want(t, 200, "101–120 of 120", `rel="prev"`).lacks(t, `rel="next"`)
	if got := names(r.body); len(got) != 20 || got[0] != "svc 100" {
		t.Fatalf("page 3 = %v", got)
	}
	// Past the last page shows the last page.
	c.get("/ui/?page=99").want(t, 200, "101–120 of 120")

	r = c.get("/ui/?risk=HIGH&sort=name&order=desc")
	r.want(t, 200, "1–12 of 12", `<option value="HIGH" selected>`, "Clear filters")
	if got := names(r.body); got[0] != "svc 110" || got[11] != "svc 000" {
		t.Fatalf("high risks by name descending = %v", got)
	}
	r = c.get("/ui/?sort=high&order=desc")
	if got := names(r.body); got[0] != "svc 000" {
		t.Fatalf("sorted by high risks = %v", got[:3])
	}
	c.get("/ui/?env=PREPRODUCTION").want(t, 200, "1–30 of 30")
	c.get("/ui/?q=svc+11").want(t, 200, "1–10 of 10")
	c.get("/ui/?q=nothing+like+this").want(t, 200, "No workload matches these filters.")
	c.get("/ui/?lens=wellarchitected&env=PRODUCTION").want(t, 200, "of 90")
	// Sorting links keep the filters and flip the order of the current column.
	c.get("/ui/?env=PRODUCTION&sort=name&order=asc").want(t, 200, `href="/ui/?env=PRODUCTION&amp;order=desc&amp;sort=name"`)
	// Bad filters are refused with the field named, not a 500.
	c.get("/ui/?env=MARS").want(t, http.StatusBadRequest, "environment")
	c.get("/ui/?sort=color").want(t, http.StatusBadRequest, "sort")
}
