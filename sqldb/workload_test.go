package sqldb_test

import (
	"slices"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
	"github.com/wellops/wellops/sqldb"
)

func TestWorkloadRoundTripsEveryField(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		in := wellops.NewWorkload{
			Name: "Payments API", Description: "card payments", Environment: wellops.EnvPreproduction,
			AccountIDs: []string{"123456789012"}, AWSRegions: []string{"ap-northeast-2", "us-east-1"},
			NonAWSRegions: []string{"on-prem-seoul"}, PillarPriorities: []string{"operationalExcellence"},
			ArchitecturalDesign: "https://wiki.example.com/payments", ReviewOwner: "ops-lead@example.com",
			IndustryType: "Financial Services", Industry: "Banking", Notes: "first review",
			Tags: map[string]string{"team": "payments"}, Applications: []string{"arn:aws:servicecatalog:ap-northeast-2:123456789012:/applications/abc"},
			DiscoveryConfig:   &wellops.DiscoveryConfig{TrustedAdvisorIntegrationStatus: "DISABLED"},
			JiraConfiguration: &wellops.WorkloadJira{IssueManagementStatus: "INHERIT"},
		}
		w := must[*wellops.Workload](t)(e.db.CreateWorkload(e.owner, in))
		got := must[*wellops.Workload](t)(e.db.GetWorkload(e.colleague, w.ID, 0))
		if got.Name != in.Name || got.Environment != in.Environment || got.Industry != "Banking" || got.Tags["team"] != "payments" ||
			!slices.Equal(got.NonAWSRegions, in.NonAWSRegions) || got.ArchitecturalDesign != in.ArchitecturalDesign ||
			got.JiraConfiguration.IssueManagementStatus != "INHERIT" || len(got.Applications) != 1 {
			t.Fatalf("workload did not round-trip: %+v", got)
		}
		if got.Owner != "111111111111" || got.Permission != wellops.PermOwner || got.ImprovementStatus != wellops.ImprovementNotStarted {
			t.Fatalf("owner %q permission %q improvement %q", got.Owner, got.Permission, got.ImprovementStatus)
		}
		if !slices.Equal(got.Lenses, []string{lens.BuiltinAlias}) {
			t.Fatalf("lenses = %v, want the built-in lens applied", got.Lenses)
		}
		if got.RiskCounts.Unanswered != 11 || got.RiskCounts.Total() != 11 {
			t.Fatalf("new workload risk counts = %+v, want 11 unanswered", got.RiskCounts)
		}
		if got.ARN != "arn:aws:wellarchitected:us-east-1:111111111111:workload/"+w.ID {
			t.Fatalf("ARN = %s", got.ARN)
		}
	})
}

func TestWorkloadNamesAreUniqueIgnoringCaseAndSpaces(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		e.newWorkload(t, e.owner, "My Workload")
		_, err := e.db.CreateWorkload(e.colleague, wellops.NewWorkload{Name: "my workLOAD ", Description: "dup",
			Environment: wellops.EnvProduction, AWSRegions: []string{"us-east-1"}, ReviewOwner: "bob"})
		wantCode(t, err, wellops.ECONFLICT)
		// Another account may use the name.
		e.newWorkload(t, e.stranger, "My Workload")
		// Renaming onto a taken name conflicts too.
		other := e.newWorkload(t, e.owner, "Other")
		name := "MYWORKLOAD"
		_, err = e.db.UpdateWorkload(e.owner, other.ID, wellops.WorkloadUpdate{Name: &name})
		wantCode(t, err, wellops.ECONFLICT)
	})
}

func TestWorkloadValidationNamesEveryField(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		_, err := e.db.CreateWorkload(e.owner, wellops.NewWorkload{Name: "x", Description: "", Environment: "PROD",
			AccountIDs: []string{"12"}, ReviewOwner: "ab", Notes: string(make([]byte, 2085))})
		for _, f := range []string{"WorkloadName", "Description", "Environment", "AwsRegions", "ReviewOwner", "AccountIds", "Notes"} {
			wantField(t, err, f)
		}
		n, err := e.db.CountWorkloads(e.owner, wellops.WorkloadQuery{})
		ok(t, err)
		if n != 0 {
			t.Fatalf("%d workloads stored after a rejected create", n)
		}
	})
}

func TestWorkloadQuotaIsConfigurable(t *testing.T) {
	for _, k := range kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			q := wellops.DefaultQuotas()
			q.WorkloadsPerAccount = 2
			e := newEnv(t, k.DSN(t), sqldb.Options{Quotas: q})
			e.newWorkload(t, e.owner, "one")
			e.newWorkload(t, e.owner, "two")
			_, err := e.db.CreateWorkload(e.owner, wellops.NewWorkload{Name: "three", Description: "x3x",
				Environment: wellops.EnvProduction, AWSRegions: []string{"us-east-1"}, ReviewOwner: "alice"})
			wantCode(t, err, wellops.EQUOTA)
			e.newWorkload(t, e.stranger, "three") // the quota is per account
		})
	}
}

func TestWorkloadAccessByAccountAndShare(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w := e.newWorkload(t, e.owner, "shared")
		// A stranger cannot tell the workload exists.
		_, err := e.db.GetWorkload(e.stranger, w.ID, 0)
		wantCode(t, err, wellops.ENOTFOUND)
		_, err = e.db.UpdateAnswer(e.stranger, w.ID, "wellarchitected", "priorities", wellops.AnswerUpdate{})
		wantCode(t, err, wellops.ENOTFOUND)

		sh := must[*wellops.Share](t)(e.db.CreateShare(e.owner, wellops.ResWorkload, w.ID, "222222222222", wellops.PermReadOnly))
		// A pending share grants nothing.
		_, err = e.db.GetWorkload(e.stranger, w.ID, 0)
		wantCode(t, err, wellops.ENOTFOUND)
		inv, _, err := e.db.ListShareInvitations(e.stranger, wellops.InvitationQuery{})
		ok(t, err)
		if len(inv) != 1 || inv[0].ID != sh.ID || inv[0].ResourceName != "shared" {
			t.Fatalf("invitations = %+v", inv)
		}
		must[*wellops.Share](t)(e.db.UpdateShareInvitation(e.stranger, sh.ID, wellops.InvitationAccept))

		got := must[*wellops.Workload](t)(e.db.GetWorkload(e.stranger, w.ID, 0))
		if got.Permission != wellops.PermReadOnly || got.ShareInvitationID != sh.ID {
			t.Fatalf("permission %q share %q", got.Permission, got.ShareInvitationID)
		}
		sel := []string{"ops_priorities_ext_cust_needs"}
		_, err = e.db.UpdateAnswer(e.stranger, w.ID, "wellarchitected", "priorities", wellops.AnswerUpdate{SelectedChoices: &sel})
		wantCode(t, err, wellops.EFORBIDDEN)
		_, err = e.db.CreateMilestone(e.stranger, w.ID, "not allowed")
		wantCode(t, err, wellops.EFORBIDDEN)

		must[*wellops.Share](t)(e.db.UpdateWorkloadShare(e.owner, w.ID, sh.ID, wellops.PermContributor))
		e.selectChoices(t, e.stranger, w.ID, "priorities", sel...)
		// Contributors answer, but do not administer.
		name := "renamed"
		_, err = e.db.UpdateWorkload(e.stranger, w.ID, wellops.WorkloadUpdate{Name: &name})
		wantCode(t, err, wellops.EFORBIDDEN)
		wantCode(t, e.db.DeleteWorkload(e.stranger, w.ID), wellops.EFORBIDDEN)

		list, _, err := e.db.ListWorkloads(e.stranger, wellops.WorkloadQuery{})
		ok(t, err)
		if len(list) != 1 || list[0].Permission != wellops.PermContributor {
			t.Fatalf("stranger's list = %+v", list)
		}
		ok(t, e.db.DeleteShare(e.owner, wellops.ResWorkload, w.ID, sh.ID))
		_, err = e.db.GetWorkload(e.stranger, w.ID, 0)
		wantCode(t, err, wellops.ENOTFOUND)
	})
}

func TestBuiltinLensCannotBeRemoved(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		w := e.newWorkload(t, e.owner, "builtin-only")
		wantField(t, e.db.DisassociateLenses(e.owner, w.ID, []string{"wellarchitected"}), "LensAliases")
		wantField(t, e.db.DisassociateLenses(e.owner, w.ID, []string{"arn:aws:wellarchitected:us-east-1::lens/wellarchitected"}), "LensAliases")
	})
}

func TestListWorkloadsFiltersSortsAndPages(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		for i, name := range []string{"alpha", "bravo", "charlie", "delta", "echo"} {
			w := e.newWorkload(t, e.owner, name)
			// i HIGH-risk questions each: selecting only the None choice is HIGH risk.
			for _, q := range []string{"priorities", "ops-model", "org-culture", "observability"}[:i] {
				none := map[string]string{"priorities": "ops_priorities_no", "ops-model": "ops_ops_model_no",
					"org-culture": "ops_org_culture_no", "observability": "ops_telemetry_no"}[q]
				e.selectChoices(t, e.owner, w.ID, q, none)
			}
		}
		byHigh, next, err := e.db.ListWorkloads(e.owner, wellops.WorkloadQuery{Sort: "high", Desc: true, Page: wellops.Page{Limit: 2}})
		ok(t, err)
		if len(byHigh) != 2 || byHigh[0].Name != "echo" || byHigh[1].Name != "delta" || next == "" {
			t.Fatalf("first page by HIGH = %v next %q", names(byHigh), next)
		}
		rest, _, err := e.db.ListWorkloads(e.owner, wellops.WorkloadQuery{Sort: "high", Desc: true, Page: wellops.Page{Limit: 2, Token: next}})
		ok(t, err)
		if names(rest)[0] != "charlie" {
			t.Fatalf("second page = %v", names(rest))
		}
		high, _, err := e.db.ListWorkloads(e.owner, wellops.WorkloadQuery{Risk: "HIGH"})
		ok(t, err)
		if len(high) != 4 {
			t.Fatalf("workloads with HIGH risk = %v", names(high))
		}
		pre, _, err := e.db.ListWorkloads(e.owner, wellops.WorkloadQuery{NamePrefix: "B"})
		ok(t, err)
		if len(pre) != 1 || pre[0].Name != "bravo" {
			t.Fatalf("prefix B = %v", names(pre))
		}
		n, err := e.db.CountWorkloads(e.owner, wellops.WorkloadQuery{Search: "ALP"})
		ok(t, err)
		if n != 1 {
			t.Fatalf("search count = %d", n)
		}
		_, _, err = e.db.ListWorkloads(e.owner, wellops.WorkloadQuery{Page: wellops.Page{Token: "not-a-token"}})
		wantField(t, err, "NextToken")
	})
}

func names(ws []wellops.WorkloadSummary) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Name)
	}
	return out
}
