package api

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// acceptInvitation finds the pending invitation of type typ for c and accepts it.
func acceptInvitation(t testing.TB, c *wellarchitected.Client, typ types.ShareResourceType, action types.ShareInvitationAction) *types.ShareInvitation {
	t.Helper()
	inv := must[*wellarchitected.ListShareInvitationsOutput](t)(c.ListShareInvitations(bg, &wellarchitected.ListShareInvitationsInput{ShareResourceType: typ}))
	if len(inv.ShareInvitationSummaries) != 1 {
		t.Fatalf("%s invitations: %+v", typ, inv.ShareInvitationSummaries)
	}
	return must[*wellarchitected.UpdateShareInvitationOutput](t)(c.UpdateShareInvitation(bg, &wellarchitected.UpdateShareInvitationInput{
		ShareInvitationId: inv.ShareInvitationSummaries[0].ShareInvitationId, ShareInvitationAction: action})).ShareInvitation
}

// Sharing between two accounts: workload shares with READONLY and CONTRIBUTOR, invitations,
// and lens, profile and template shares.
func testShares(t *testing.T, e *env) {
	id := newWorkload(t, e.wa, "shared")
	const wa = "wellarchitected"
	q := aws.ToString(must[*wellarchitected.ListAnswersOutput](t)(e.wa.ListAnswers(bg, &wellarchitected.ListAnswersInput{
		WorkloadId: &id, LensAlias: aws.String(wa), MaxResults: aws.Int32(1)})).AnswerSummaries[0].QuestionId)
	update := func(c *wellarchitected.Client) error {
		_, err := c.UpdateAnswer(bg, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String(wa), QuestionId: &q, Notes: aws.String("shared notes")})
		return err
	}

	// Before any share, the other account cannot tell the workload exists.
	wantErr[*types.ResourceNotFoundException](t, update(e.waOther), 404)

	sh := must[*wellarchitected.CreateWorkloadShareOutput](t)(e.wa.CreateWorkloadShare(bg, &wellarchitected.CreateWorkloadShareInput{
		WorkloadId: &id, SharedWith: aws.String(e.other.AccountID), PermissionType: types.PermissionTypeReadonly}))
	shareID := aws.ToString(sh.ShareId)
	_, err := e.wa.CreateWorkloadShare(bg, &wellarchitected.CreateWorkloadShareInput{
		WorkloadId: &id, SharedWith: aws.String(e.other.AccountID), PermissionType: types.PermissionTypeContributor})
	wantErr[*types.ConflictException](t, err, 409)
	_, err = e.waPeer.CreateWorkloadShare(bg, &wellarchitected.CreateWorkloadShareInput{
		WorkloadId: &id, SharedWith: aws.String("123412341234"), PermissionType: "ADMIN"})
	wantFields(t, err, "PermissionType")

	// A pending invitation grants nothing yet.
	_, err = e.waOther.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
	wantErr[*types.ResourceNotFoundException](t, err, 404)
	inv := acceptInvitation(t, e.waOther, types.ShareResourceTypeWorkload, types.ShareInvitationActionAccept)
	if aws.ToString(inv.WorkloadId) != id {
		t.Fatalf("accepted invitation = %+v", inv)
	}

	got := must[*wellarchitected.GetWorkloadOutput](t)(e.waOther.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &id}))
	if aws.ToString(got.Workload.ShareInvitationId) == "" {
		t.Errorf("a shared workload should name its share: %+v", got.Workload)
	}
	wantErr[*types.AccessDeniedException](t, update(e.waOther), 403)

	up := must[*wellarchitected.UpdateWorkloadShareOutput](t)(e.wa.UpdateWorkloadShare(bg, &wellarchitected.UpdateWorkloadShareInput{
		WorkloadId: &id, ShareId: &shareID, PermissionType: types.PermissionTypeContributor}))
	if up.WorkloadShare.PermissionType != types.PermissionTypeContributor || up.WorkloadShare.Status != types.ShareStatusAccepted {
		t.Fatalf("UpdateWorkloadShare = %+v", up.WorkloadShare)
	}
	if err := update(e.waOther); err != nil {
		t.Fatalf("a contributor cannot answer: %v", err)
	}
	// A contributor may answer but not administer.
	_, err = e.waOther.UpdateWorkload(bg, &wellarchitected.UpdateWorkloadInput{WorkloadId: &id, Notes: aws.String("mine now")})
	wantErr[*types.AccessDeniedException](t, err, 403)

	list := must[*wellarchitected.ListWorkloadSharesOutput](t)(e.wa.ListWorkloadShares(bg, &wellarchitected.ListWorkloadSharesInput{WorkloadId: &id}))
	if len(list.WorkloadShareSummaries) != 1 || aws.ToString(list.WorkloadShareSummaries[0].SharedWith) != e.other.AccountID {
		t.Fatalf("ListWorkloadShares = %+v", list.WorkloadShareSummaries)
	}
	_, err = e.waOther.ListWorkloadShares(bg, &wellarchitected.ListWorkloadSharesInput{WorkloadId: &id})
	wantErr[*types.AccessDeniedException](t, err, 403)

	must[*wellarchitected.DeleteWorkloadShareOutput](t)(e.wa.DeleteWorkloadShare(bg, &wellarchitected.DeleteWorkloadShareInput{WorkloadId: &id, ShareId: &shareID}))
	_, err = e.waOther.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
	wantErr[*types.ResourceNotFoundException](t, err, 404)

	// A rejected invitation grants nothing.
	must[*wellarchitected.CreateWorkloadShareOutput](t)(e.wa.CreateWorkloadShare(bg, &wellarchitected.CreateWorkloadShareInput{
		WorkloadId: &id, SharedWith: aws.String(e.other.AccountID), PermissionType: types.PermissionTypeReadonly}))
	acceptInvitation(t, e.waOther, types.ShareResourceTypeWorkload, types.ShareInvitationActionReject)
	_, err = e.waOther.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &id})
	wantErr[*types.ResourceNotFoundException](t, err, 404)

	t.Run("lens", func(t *testing.T) {
		arn := importLens(t, e.wa, "Shared lens", "1")
		s := must[*wellarchitected.CreateLensShareOutput](t)(e.wa.CreateLensShare(bg, &wellarchitected.CreateLensShareInput{LensAlias: &arn, SharedWith: aws.String(e.other.AccountID)}))
		ls := must[*wellarchitected.ListLensSharesOutput](t)(e.wa.ListLensShares(bg, &wellarchitected.ListLensSharesInput{LensAlias: &arn}))
		if len(ls.LensShareSummaries) != 1 || ls.LensShareSummaries[0].Status != types.ShareStatusPending {
			t.Fatalf("ListLensShares = %+v", ls.LensShareSummaries)
		}
		acceptInvitation(t, e.waOther, types.ShareResourceTypeLens, types.ShareInvitationActionAccept)
		must[*wellarchitected.GetLensOutput](t)(e.waOther.GetLens(bg, &wellarchitected.GetLensInput{LensAlias: &arn}))
		must[*wellarchitected.DeleteLensShareOutput](t)(e.wa.DeleteLensShare(bg, &wellarchitected.DeleteLensShareInput{LensAlias: &arn, ShareId: s.ShareId}))
	})

	t.Run("profile", func(t *testing.T) {
		arn := newProfile(t, e.wa, "Shared profile")
		s := must[*wellarchitected.CreateProfileShareOutput](t)(e.wa.CreateProfileShare(bg, &wellarchitected.CreateProfileShareInput{ProfileArn: &arn, SharedWith: aws.String(e.other.AccountID)}))
		if aws.ToString(s.ProfileArn) != arn {
			t.Fatalf("CreateProfileShare = %+v", s)
		}
		ps := must[*wellarchitected.ListProfileSharesOutput](t)(e.wa.ListProfileShares(bg, &wellarchitected.ListProfileSharesInput{ProfileArn: &arn}))
		if len(ps.ProfileShareSummaries) != 1 {
			t.Fatalf("ListProfileShares = %+v", ps.ProfileShareSummaries)
		}
		acceptInvitation(t, e.waOther, types.ShareResourceTypeProfile, types.ShareInvitationActionAccept)
		must[*wellarchitected.GetProfileOutput](t)(e.waOther.GetProfile(bg, &wellarchitected.GetProfileInput{ProfileArn: &arn}))
		_, err := e.waOther.UpdateProfile(bg, &wellarchitected.UpdateProfileInput{ProfileArn: &arn, ProfileDescription: aws.String("taken over")})
		wantErr[*types.AccessDeniedException](t, err, 403)
		must[*wellarchitected.DeleteProfileShareOutput](t)(e.wa.DeleteProfileShare(bg, &wellarchitected.DeleteProfileShareInput{ProfileArn: &arn, ShareId: s.ShareId}))
	})

	t.Run("template", func(t *testing.T) {
		arn := newTemplate(t, e.wa, "Shared template")
		s := must[*wellarchitected.CreateTemplateShareOutput](t)(e.wa.CreateTemplateShare(bg, &wellarchitected.CreateTemplateShareInput{TemplateArn: &arn, SharedWith: aws.String(e.other.AccountID)}))
		ts := must[*wellarchitected.ListTemplateSharesOutput](t)(e.wa.ListTemplateShares(bg, &wellarchitected.ListTemplateSharesInput{TemplateArn: &arn}))
		if aws.ToString(ts.TemplateArn) != arn || len(ts.TemplateShareSummaries) != 1 {
			t.Fatalf("ListTemplateShares = %+v", ts)
		}
		acceptInvitation(t, e.waOther, types.ShareResourceTypeTemplate, types.ShareInvitationActionAccept)
		must[*wellarchitected.GetReviewTemplateOutput](t)(e.waOther.GetReviewTemplate(bg, &wellarchitected.GetReviewTemplateInput{TemplateArn: &arn}))
		must[*wellarchitected.DeleteTemplateShareOutput](t)(e.wa.DeleteTemplateShare(bg, &wellarchitected.DeleteTemplateShareInput{TemplateArn: &arn, ShareId: s.ShareId}))
		_, err := e.waOther.GetReviewTemplate(bg, &wellarchitected.GetReviewTemplateInput{TemplateArn: &arn})
		wantErr[*types.ResourceNotFoundException](t, err, 404)
	})
}
