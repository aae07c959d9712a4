package api

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// Workloads: CreateWorkload, GetWorkload, UpdateWorkload, DeleteWorkload, ListWorkloads,
// with validation, conflicts, idempotent retries and pagination.
func testWorkloads(t *testing.T, e *env) {
	in := &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String("Payments API"), Description: aws.String("Card payments"),
		Environment: types.WorkloadEnvironmentProduction, Lenses: []string{"wellarchitected"},
		AwsRegions: []string{"eu-central-1"}, ReviewOwner: aws.String("sre@example.com"),
		ArchitecturalDesign: aws.String("https://wiki.example.com/payments"), Tags: map[string]string{"team": "payments"},
		PillarPriorities: []string{"operationalExcellence"}, ClientRequestToken: aws.String("create-payments-1"),
	}
	created := must[*wellarchitected.CreateWorkloadOutput](t)(e.wa.CreateWorkload(bg, in))
	id := aws.ToString(created.WorkloadId)
	if len(id) != 32 || !strings.HasPrefix(aws.ToString(created.WorkloadArn), "arn:aws:wellarchitected:") ||
		!strings.HasSuffix(aws.ToString(created.WorkloadArn), ":"+e.owner.AccountID+":workload/"+id) {
		t.Fatalf("CreateWorkload = %+v", created)
	}

	t.Run("idempotent retry returns the first result", func(t *testing.T) {
		again := must[*wellarchitected.CreateWorkloadOutput](t)(e.wa.CreateWorkload(bg, in))
		if aws.ToString(again.WorkloadId) != id {
			t.Fatalf("retry created %s, want %s", aws.ToString(again.WorkloadId), id)
		}
		changed := *in
		changed.Description = aws.String("something else")
		_, err := e.wa.CreateWorkload(bg, &changed)
		wantErr[*types.ConflictException](t, err, 409)
	})

	t.Run("name taken ignoring case and spaces", func(t *testing.T) {
		dup := *in
		dup.WorkloadName, dup.ClientRequestToken = aws.String("payments  api"), nil
		_, err := e.wa.CreateWorkload(bg, &dup)
		ce := wantErr[*types.ConflictException](t, err, 409)
		if aws.ToString(ce.ResourceType) == "" || aws.ToString(ce.ResourceId) == "" {
			t.Errorf("ConflictException lacks its resource: %+v", ce)
		}
	})

	t.Run("every bad member is reported", func(t *testing.T) {
		bad := *in
		bad.WorkloadName, bad.ClientRequestToken = aws.String("Another one"), nil
		bad.Description = aws.String(strings.Repeat("d", 251))
		bad.ArchitecturalDesign = aws.String("not a url")
		bad.AccountIds = []string{"12345"}
		_, err := e.wa.CreateWorkload(bg, &bad)
		ve := wantFields(t, err, "Description", "ArchitecturalDesign", "AccountIds[0]")
		if ve.Reason != types.ValidationExceptionReasonFieldValidationFailed || !strings.Contains(aws.ToString(ve.Message), "250") {
			t.Errorf("reason %s message %q", ve.Reason, aws.ToString(ve.Message))
		}
	})

	t.Run("get and update", func(t *testing.T) {
		w := must[*wellarchitected.GetWorkloadOutput](t)(e.wa.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &id})).Workload
		if aws.ToString(w.WorkloadName) != "Payments API" || w.Environment != types.WorkloadEnvironmentProduction ||
			w.Tags["team"] != "payments" || aws.ToString(w.Owner) != e.owner.AccountID || w.UpdatedAt == nil ||
			w.RiskCounts["UNANSWERED"] != 11 || len(w.Lenses) != 1 {
			t.Fatalf("GetWorkload = %+v", w)
		}
		up := must[*wellarchitected.UpdateWorkloadOutput](t)(e.wa.UpdateWorkload(bg, &wellarchitected.UpdateWorkloadInput{
			WorkloadId: &id, Notes: aws.String("reviewed quarterly"), ImprovementStatus: types.WorkloadImprovementStatusInProgress,
			IndustryType: aws.String("InfoTech")}))
		if aws.ToString(up.Workload.Notes) != "reviewed quarterly" || up.Workload.ImprovementStatus != types.WorkloadImprovementStatusInProgress ||
			aws.ToString(up.Workload.Description) != "Card payments" {
			t.Fatalf("UpdateWorkload = %+v", up.Workload)
		}
		_, err := e.wa.UpdateWorkload(bg, &wellarchitected.UpdateWorkloadInput{WorkloadId: &id, Environment: "STAGING"})
		wantFields(t, err, "Environment")
	})

	t.Run("no access is not found", func(t *testing.T) {
		_, err := e.waOther.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
		nf := wantErr[*types.ResourceNotFoundException](t, err, 404)
		if aws.ToString(nf.ResourceId) != id || aws.ToString(nf.ResourceType) != "WORKLOAD" {
			t.Errorf("ResourceNotFoundException = %+v", nf)
		}
		// The peer is in the owner's account and sees it.
		must[*wellarchitected.GetWorkloadOutput](t)(e.waPeer.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &id}))
	})

	t.Run("list to the end", func(t *testing.T) {
		for i := range 4 {
			newWorkload(t, e.wa, fmt.Sprintf("paged-%d", i))
		}
		var seen []string
		p := wellarchitected.NewListWorkloadsPaginator(e.wa, &wellarchitected.ListWorkloadsInput{
			WorkloadNamePrefix: aws.String("paged-"), MaxResults: aws.Int32(3)})
		pages := 0
		for p.HasMorePages() {
			page := must[*wellarchitected.ListWorkloadsOutput](t)(p.NextPage(bg))
			pages++
			for _, s := range page.WorkloadSummaries {
				seen = append(seen, aws.ToString(s.WorkloadName))
			}
		}
		if pages != 2 || strings.Join(seen, ",") != "paged-0,paged-1,paged-2,paged-3" {
			t.Fatalf("pages %d, names %v", pages, seen)
		}
		first := must[*wellarchitected.ListWorkloadsOutput](t)(e.wa.ListWorkloads(bg, &wellarchitected.ListWorkloadsInput{MaxResults: aws.Int32(1)}))
		tok := aws.ToString(first.NextToken)
		if tok == "" || strings.Contains(tok, "1") && len(tok) < 8 {
			t.Fatalf("NextToken %q is not opaque", tok)
		}
		_, err := e.wa.ListWorkloads(bg, &wellarchitected.ListWorkloadsInput{NextToken: aws.String(tok[:len(tok)-2] + "AA")})
		wantFields(t, err, "NextToken")
		_, err = e.waOther.ListWorkloads(bg, &wellarchitected.ListWorkloadsInput{NextToken: &tok})
		wantFields(t, err, "NextToken")
		_, err = e.wa.ListMilestones(bg, &wellarchitected.ListMilestonesInput{WorkloadId: &id, NextToken: &tok})
		wantFields(t, err, "NextToken")
		_, err = e.wa.ListWorkloads(bg, &wellarchitected.ListWorkloadsInput{MaxResults: aws.Int32(51)})
		wantFields(t, err, "MaxResults")
	})

	t.Run("delete", func(t *testing.T) {
		gone := newWorkload(t, e.wa, "short-lived")
		_, err := e.waPeer.DeleteWorkload(bg, &wellarchitected.DeleteWorkloadInput{WorkloadId: &gone})
		if err != nil {
			t.Fatal(err) // same account: the peer may delete
		}
		_, err = e.wa.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &gone})
		wantErr[*types.ResourceNotFoundException](t, err, 404)
		// A retry of the same delete with the same token is answered as the first was.
		again := newWorkload(t, e.wa, "deleted-twice")
		del := &wellarchitected.DeleteWorkloadInput{WorkloadId: &again, ClientRequestToken: aws.String("del-1")}
		must[*wellarchitected.DeleteWorkloadOutput](t)(e.wa.DeleteWorkload(bg, del))
		must[*wellarchitected.DeleteWorkloadOutput](t)(e.wa.DeleteWorkload(bg, del))
	})
}
