package ops

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/e2e/ops/load"
)

// fixture is what the owner's account holds for the authorization matrix: a workload shared
// with the contributor's account (CONTRIBUTOR) and the reader's (READONLY), both accepted,
// with an answer, a milestone and a tag; a published custom lens, a profile and a review
// template, each shared with a fourth account (the invitee); and a workload share to the
// invitee still pending.
type fixture struct {
	wl, wlARN, q, choice, pillar string
	lens, profile, template      string
	shareC, shareR, sharePending string
	lensShare, profileShare      string
	templateShare, invitation    string
	lensJSON                     string
	invitee                      string // the invitee's account ID
	profileQs                    []types.ProfileQuestionUpdate
}

const matrixLens = `{"schemaVersion":"2021-11-01","name":"Matrix lens %s","description":"For the authorization matrix",
"pillars":[{"id":"matrix_pillar","name":"Matrix","questions":[{"id":"matrix_q","title":"Is it safe?","choices":[
{"id":"matrix_q_yes","title":"Yes","improvementPlan":{"displayText":"Make it safe"}},{"id":"matrix_q_no","title":"None of these"}],
"riskRules":[{"condition":"matrix_q_yes","risk":"NO_RISK"},{"condition":"default","risk":"HIGH_RISK"}]}]}]}`

func newFixture(t *testing.T, srv *harness.Server, owner, contributor, reader, invitee harness.User) *fixture {
	t.Helper()
	o := client(srv, owner)
	f := &fixture{invitee: invitee.AccountID}
	check := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %s: %v", what, err)
		}
	}
	f.wl = newWorkload(t, o, "matrix")
	gw, err := o.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &f.wl})
	check("get workload", err)
	f.wlARN = aws.ToString(gw.Workload.WorkloadArn)
	qs, choices := questions(t, o, f.wl)
	f.q, f.choice = qs[0], choices[qs[0]][0]
	ans, err := o.GetAnswer(bg, &wellarchitected.GetAnswerInput{WorkloadId: &f.wl, LensAlias: aws.String(load.Lens), QuestionId: &f.q})
	check("get answer", err)
	f.pillar = aws.ToString(ans.Answer.PillarId)
	check("answer", update(o, f.wl, f.q, "owner's notes", f.choice))
	_, err = o.CreateMilestone(bg, &wellarchitected.CreateMilestoneInput{WorkloadId: &f.wl, MilestoneName: aws.String("first"), ClientRequestToken: aws.String("m1")})
	check("milestone", err)
	_, err = o.TagResource(bg, &wellarchitected.TagResourceInput{WorkloadArn: &f.wlARN, Tags: map[string]string{"team": "sre"}})
	check("tag", err)

	f.lensJSON = fmt.Sprintf(matrixLens, "v2")
	imp, err := o.ImportLens(bg, &wellarchitected.ImportLensInput{JSONString: aws.String(fmt.Sprintf(matrixLens, "v1")), ClientRequestToken: aws.String("lens")})
	check("import lens", err)
	f.lens = aws.ToString(imp.LensArn)
	_, err = o.CreateLensVersion(bg, &wellarchitected.CreateLensVersionInput{LensAlias: &f.lens, LensVersion: aws.String("1.0"), ClientRequestToken: aws.String("v1")})
	check("publish lens", err)

	tmpl, err := o.GetProfileTemplate(bg, &wellarchitected.GetProfileTemplateInput{})
	check("profile template", err)
	for _, q := range tmpl.ProfileTemplate.TemplateQuestions {
		n := max(1, int(aws.ToInt32(q.MinSelectedChoices)))
		var sel []string
		for _, c := range q.QuestionChoices[:n] {
			sel = append(sel, aws.ToString(c.ChoiceId))
		}
		f.profileQs = append(f.profileQs, types.ProfileQuestionUpdate{QuestionId: q.QuestionId, SelectedChoiceIds: sel})
	}
	p, err := o.CreateProfile(bg, &wellarchitected.CreateProfileInput{ProfileName: aws.String("Matrix profile"), ProfileDescription: aws.String("matrix"),
		ProfileQuestions: f.profileQs, ClientRequestToken: aws.String("p")})
	check("profile", err)
	f.profile = aws.ToString(p.ProfileArn)
	_, err = o.AssociateProfiles(bg, &wellarchitected.AssociateProfilesInput{WorkloadId: &f.wl, ProfileArns: []string{f.profile}})
	check("associate profile", err)
	// A newer version of the profile, so that upgrading the workload to it is possible.
	_, err = o.UpdateProfile(bg, &wellarchitected.UpdateProfileInput{ProfileArn: &f.profile, ProfileDescription: aws.String("matrix, second version")})
	check("update profile", err)
	rt, err := o.CreateReviewTemplate(bg, &wellarchitected.CreateReviewTemplateInput{TemplateName: aws.String("Matrix template"),
		Description: aws.String("matrix"), Lenses: []string{load.Lens}, ClientRequestToken: aws.String("t")})
	check("template", err)
	f.template = aws.ToString(rt.TemplateArn)

	share := func(who harness.User, perm types.PermissionType) string {
		s, err := o.CreateWorkloadShare(bg, &wellarchitected.CreateWorkloadShareInput{WorkloadId: &f.wl, SharedWith: aws.String(who.AccountID),
			PermissionType: perm, ClientRequestToken: aws.String("share-" + who.Name)})
		check("share with "+who.Name, err)
		return aws.ToString(s.ShareId)
	}
	f.shareC, f.shareR = share(contributor, types.PermissionTypeContributor), share(reader, types.PermissionTypeReadonly)
	for _, who := range []harness.User{contributor, reader} {
		accept(t, client(srv, who), types.ShareResourceTypeWorkload)
	}
	f.sharePending = share(invitee, types.PermissionTypeReadonly)
	inv, err := client(srv, invitee).ListShareInvitations(bg, &wellarchitected.ListShareInvitationsInput{ShareResourceType: types.ShareResourceTypeWorkload})
	check("invitations", err)
	f.invitation = aws.ToString(inv.ShareInvitationSummaries[0].ShareInvitationId)
	ls, err := o.CreateLensShare(bg, &wellarchitected.CreateLensShareInput{LensAlias: &f.lens, SharedWith: &f.invitee, ClientRequestToken: aws.String("ls")})
	check("lens share", err)
	f.lensShare = aws.ToString(ls.ShareId)
	ps, err := o.CreateProfileShare(bg, &wellarchitected.CreateProfileShareInput{ProfileArn: &f.profile, SharedWith: &f.invitee, ClientRequestToken: aws.String("ps")})
	check("profile share", err)
	f.profileShare = aws.ToString(ps.ShareId)
	ts, err := o.CreateTemplateShare(bg, &wellarchitected.CreateTemplateShareInput{TemplateArn: &f.template, SharedWith: &f.invitee, ClientRequestToken: aws.String("ts")})
	check("template share", err)
	f.templateShare = aws.ToString(ts.ShareId)
	return f
}

// accept accepts every pending invitation of a type for c's user.
func accept(t *testing.T, c *wellarchitected.Client, typ types.ShareResourceType) {
	t.Helper()
	inv, err := c.ListShareInvitations(bg, &wellarchitected.ListShareInvitationsInput{ShareResourceType: typ})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range inv.ShareInvitationSummaries {
		if _, err := c.UpdateShareInvitation(bg, &wellarchitected.UpdateShareInvitationInput{ShareInvitationId: i.ShareInvitationId,
			ShareInvitationAction: types.ShareInvitationActionAccept}); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot is everything of the owner's that the matrix may touch, read by the owner, as
// JSON: equal snapshots before and after a refused call mean it changed nothing.
func (f *fixture) snapshot(t *testing.T, o *wellarchitected.Client) string {
	t.Helper()
	lens, q := aws.String(load.Lens), &f.q
	var parts []any
	add := func(v any, err error) {
		if err != nil {
			parts = append(parts, "error: "+err.Error())
			return
		}
		parts = append(parts, v)
	}
	add(o.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &f.wl}))
	add(o.GetAnswer(bg, &wellarchitected.GetAnswerInput{WorkloadId: &f.wl, LensAlias: lens, QuestionId: q}))
	add(o.GetLensReview(bg, &wellarchitected.GetLensReviewInput{WorkloadId: &f.wl, LensAlias: lens}))
	add(o.ListMilestones(bg, &wellarchitected.ListMilestonesInput{WorkloadId: &f.wl}))
	add(o.ListWorkloadShares(bg, &wellarchitected.ListWorkloadSharesInput{WorkloadId: &f.wl}))
	add(o.ListTagsForResource(bg, &wellarchitected.ListTagsForResourceInput{WorkloadArn: &f.wlARN}))
	add(o.GetLens(bg, &wellarchitected.GetLensInput{LensAlias: &f.lens}))
	add(o.ListLensShares(bg, &wellarchitected.ListLensSharesInput{LensAlias: &f.lens}))
	add(o.GetProfile(bg, &wellarchitected.GetProfileInput{ProfileArn: &f.profile}))
	add(o.ListProfileShares(bg, &wellarchitected.ListProfileSharesInput{ProfileArn: &f.profile}))
	add(o.GetReviewTemplate(bg, &wellarchitected.GetReviewTemplateInput{TemplateArn: &f.template}))
	add(o.GetReviewTemplateAnswer(bg, &wellarchitected.GetReviewTemplateAnswerInput{TemplateArn: &f.template, LensAlias: lens, QuestionId: q}))
	add(o.ListTemplateShares(bg, &wellarchitected.ListTemplateSharesInput{TemplateArn: &f.template}))
	add(o.GetGlobalSettings(bg, &wellarchitected.GetGlobalSettingsInput{}))
	b, err := json.Marshal(parts)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
