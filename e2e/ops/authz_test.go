package ops

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/waapi"
)

// roles of the matrix, in the order they run: the owner last, so that what the owner may
// delete is still there for the others.
var roles = []string{"stranger", "readonly", "contributor", "owner"}

// TestAPIAuthorizationMatrix calls every operation of the API as the owner of a workload
// (and of a custom lens, a profile and a review template), as an account the workload is
// shared with as CONTRIBUTOR, as one it is shared with READONLY, and as a stranger, and
// checks each answer against the table: the exact error a refusal has
// (AccessDeniedException 403 for too little permission, ResourceNotFoundException 404 where
// the caller may not know the resource exists), and that a refused call changed nothing the
// owner can see.
func TestAPIAuthorizationMatrix(t *testing.T) {
	srv := harness.Start(t, harness.Kinds(t)[0], harness.Options{})
	users := map[string]harness.User{}
	for _, r := range roles {
		users[r] = srv.NewUser(t, r, "")
	}
	invitee := srv.NewUser(t, "invitee", "")
	f := newFixture(t, srv, users["owner"], users["contributor"], users["readonly"], invitee)
	owner := client(srv, users["owner"])

	ops := matrixOps()
	var names []string
	for _, op := range ops {
		names = append(names, op.name)
	}
	if want := waapi.OperationNames(); !slices.Equal(slices.Sorted(slices.Values(names)), want) {
		t.Fatalf("the matrix covers %d operations, the API has %d: %v", len(names), len(want), names)
	}

	got := map[string][]string{}
	for ri, role := range roles {
		c := client(srv, users[role])
		for _, op := range ops {
			before := ""
			want := expected[op.name][ri]
			if want != "ok" {
				before = f.snapshot(t, owner)
			}
			err := op.call(c, f, role+"-"+op.name)
			outcome := "ok"
			if err != nil {
				st, code := status(err)
				outcome = fmt.Sprintf("%d %s", st, code)
			}
			got[op.name] = append(got[op.name], outcome)
			if outcome != want {
				t.Errorf("%s as %s: %s, want %s (%v)", op.name, role, outcome, want, err)
			}
			if want != "ok" && outcome == want {
				if after := f.snapshot(t, owner); after != before {
					t.Errorf("%s as %s was refused but changed the owner's resources", op.name, role)
				}
			}
		}
		if role != "owner" {
			listsShow(t, c, f, role)
		}
	}
	if t.Failed() {
		var rows []string
		for n, o := range got {
			rows = append(rows, fmt.Sprintf("%-32s %s", n, strings.Join(o, " | ")))
		}
		sort.Strings(rows)
		t.Logf("observed (%s):\n%s", strings.Join(roles, " | "), strings.Join(rows, "\n"))
	}
}

// listsShow checks what the account-wide lists show a role of the owner's resources: the
// shared workload to READONLY and CONTRIBUTOR, nothing to a stranger, and the lens,
// profile and template (shared with another account only) to none of them.
func listsShow(t *testing.T, c *wa.Client, f *fixture, role string) {
	t.Helper()
	var seen []string
	ws, err := c.ListWorkloads(bg, &wa.ListWorkloadsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws.WorkloadSummaries {
		if aws.ToString(w.WorkloadId) == f.wl {
			seen = append(seen, "workload")
		}
	}
	ls, err := c.ListLenses(bg, &wa.ListLensesInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls.LensSummaries {
		if aws.ToString(l.LensArn) == f.lens {
			seen = append(seen, "lens")
		}
	}
	ps, err := c.ListProfiles(bg, &wa.ListProfilesInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps.ProfileSummaries {
		if aws.ToString(p.ProfileArn) == f.profile {
			seen = append(seen, "profile")
		}
	}
	ts, err := c.ListReviewTemplates(bg, &wa.ListReviewTemplatesInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range ts.ReviewTemplates {
		if aws.ToString(tp.TemplateArn) == f.template {
			seen = append(seen, "template")
		}
	}
	rep, err := c.GetConsolidatedReport(bg, &wa.GetConsolidatedReportInput{Format: types.ReportFormatJson, IncludeSharedResources: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range rep.Metrics {
		if aws.ToString(m.WorkloadId) == f.wl {
			seen = append(seen, "report")
		}
	}
	want := []string{"workload", "report"}
	if role == "stranger" {
		want = nil
	}
	if !slices.Equal(seen, want) {
		t.Errorf("the lists show %s %v of the owner's resources, want %v", role, seen, want)
	}
}
