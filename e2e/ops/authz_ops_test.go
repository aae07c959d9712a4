package ops

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wellops/wellops/e2e/ops/load"
)

// matrixOp is one operation of the API as the matrix calls it: on the fixture's resources,
// with a token unique to the caller (tok) so that creations do not collide.
type matrixOp struct {
	name string
	call func(c *wa.Client, f *fixture, tok string) error
}

// matrixOps are the 72 operations in the order the matrix runs them: reads and harmless
// writes first, then what removes fixture resources, so that each operation still finds
// what it needs when the owner, who runs last, succeeds.
func matrixOps() []matrixOp {
	s, lens := aws.String, aws.String(load.Lens)
	return []matrixOp{
		// The caller's own account: allowed to anyone, acting on their own resources.
		{"CreateWorkload", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.CreateWorkload(bg, &wa.CreateWorkloadInput{WorkloadName: s("own " + tok), Description: s("own workload"),
				Environment: types.WorkloadEnvironmentPreproduction, Lenses: []string{load.Lens}, AwsRegions: []string{"us-east-1"},
				ReviewOwner: s("own@example.com"), ClientRequestToken: s(tok)})
			return err
		}},
		{"ListWorkloads", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListWorkloads(bg, &wa.ListWorkloadsInput{})
			return err
		}},
		{"ListLenses", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListLenses(bg, &wa.ListLensesInput{})
			return err
		}},
		{"ListProfiles", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListProfiles(bg, &wa.ListProfilesInput{})
			return err
		}},
		{"GetProfileTemplate", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetProfileTemplate(bg, &wa.GetProfileTemplateInput{})
			return err
		}},
		{"CreateProfile", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.CreateProfile(bg, &wa.CreateProfileInput{ProfileName: s("own " + tok), ProfileDescription: s("own"), ProfileQuestions: f.profileQs, ClientRequestToken: s(tok)})
			return err
		}},
		{"CreateReviewTemplate", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.CreateReviewTemplate(bg, &wa.CreateReviewTemplateInput{TemplateName: s("own " + tok), Description: s("own"), Lenses: []string{load.Lens}, ClientRequestToken: s(tok)})
			return err
		}},
		{"ListReviewTemplates", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListReviewTemplates(bg, &wa.ListReviewTemplatesInput{})
			return err
		}},
		{"ListShareInvitations", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListShareInvitations(bg, &wa.ListShareInvitationsInput{})
			return err
		}},
		{"GetGlobalSettings", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetGlobalSettings(bg, &wa.GetGlobalSettingsInput{})
			return err
		}},
		{"UpdateGlobalSettings", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpdateGlobalSettings(bg, &wa.UpdateGlobalSettingsInput{DiscoveryIntegrationStatus: types.DiscoveryIntegrationStatusEnabled})
			return err
		}},
		{"GetConsolidatedReport", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetConsolidatedReport(bg, &wa.GetConsolidatedReportInput{Format: types.ReportFormatJson})
			return err
		}},
		{"UpdateShareInvitation", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpdateShareInvitation(bg, &wa.UpdateShareInvitationInput{ShareInvitationId: &f.invitation, ShareInvitationAction: types.ShareInvitationActionReject})
			return err
		}},

		// The workload: reads.
		{"GetWorkload", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetWorkload(bg, &wa.GetWorkloadInput{WorkloadId: &f.wl})
			return err
		}},
		{"ListLensReviews", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListLensReviews(bg, &wa.ListLensReviewsInput{WorkloadId: &f.wl})
			return err
		}},
		{"GetLensReview", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetLensReview(bg, &wa.GetLensReviewInput{WorkloadId: &f.wl, LensAlias: lens})
			return err
		}},
		{"GetLensReviewReport", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetLensReviewReport(bg, &wa.GetLensReviewReportInput{WorkloadId: &f.wl, LensAlias: lens})
			return err
		}},
		{"ListLensReviewImprovements", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListLensReviewImprovements(bg, &wa.ListLensReviewImprovementsInput{WorkloadId: &f.wl, LensAlias: lens})
			return err
		}},
		{"ListAnswers", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListAnswers(bg, &wa.ListAnswersInput{WorkloadId: &f.wl, LensAlias: lens})
			return err
		}},
		{"GetAnswer", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetAnswer(bg, &wa.GetAnswerInput{WorkloadId: &f.wl, LensAlias: lens, QuestionId: &f.q})
			return err
		}},
		{"GetMilestone", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetMilestone(bg, &wa.GetMilestoneInput{WorkloadId: &f.wl, MilestoneNumber: aws.Int32(1)})
			return err
		}},
		{"ListMilestones", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListMilestones(bg, &wa.ListMilestonesInput{WorkloadId: &f.wl})
			return err
		}},
		{"ListNotifications", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListNotifications(bg, &wa.ListNotificationsInput{WorkloadId: &f.wl})
			return err
		}},
		{"ListProfileNotifications", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListProfileNotifications(bg, &wa.ListProfileNotificationsInput{WorkloadId: &f.wl})
			return err
		}},
		{"ListCheckDetails", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListCheckDetails(bg, &wa.ListCheckDetailsInput{WorkloadId: &f.wl, LensArn: s("arn:aws:wellarchitected::aws:lens/wellarchitected"),
				PillarId: &f.pillar, QuestionId: &f.q, ChoiceId: &f.choice})
			return err
		}},
		{"ListCheckSummaries", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListCheckSummaries(bg, &wa.ListCheckSummariesInput{WorkloadId: &f.wl, LensArn: s("arn:aws:wellarchitected::aws:lens/wellarchitected"),
				PillarId: &f.pillar, QuestionId: &f.q, ChoiceId: &f.choice})
			return err
		}},
		{"ListTagsForResource", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListTagsForResource(bg, &wa.ListTagsForResourceInput{WorkloadArn: &f.wlARN})
			return err
		}},
		{"ListWorkloadShares", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListWorkloadShares(bg, &wa.ListWorkloadSharesInput{WorkloadId: &f.wl})
			return err
		}},

		// The workload: a contributor's writes.
		{"UpdateAnswer", func(c *wa.Client, f *fixture, tok string) error {
			return update(c, f.wl, f.q, "notes by "+tok, f.choice)
		}},
		{"UpdateLensReview", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpdateLensReview(bg, &wa.UpdateLensReviewInput{WorkloadId: &f.wl, LensAlias: lens, LensNotes: s("lens notes by " + tok)})
			return err
		}},
		{"CreateMilestone", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.CreateMilestone(bg, &wa.CreateMilestoneInput{WorkloadId: &f.wl, MilestoneName: s("milestone " + tok), ClientRequestToken: s(tok)})
			return err
		}},

		// The workload: the owner's.
		{"UpdateWorkload", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpdateWorkload(bg, &wa.UpdateWorkloadInput{WorkloadId: &f.wl, Description: s("changed by " + tok)})
			return err
		}},
		{"AssociateLenses", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.AssociateLenses(bg, &wa.AssociateLensesInput{WorkloadId: &f.wl, LensAliases: []string{f.lens}})
			return err
		}},
		{"AssociateProfiles", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.AssociateProfiles(bg, &wa.AssociateProfilesInput{WorkloadId: &f.wl, ProfileArns: []string{f.profile}})
			return err
		}},
		{"UpgradeLensReview", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpgradeLensReview(bg, &wa.UpgradeLensReviewInput{WorkloadId: &f.wl, LensAlias: lens, MilestoneName: s("upgrade " + tok)})
			return err
		}},
		{"UpgradeProfileVersion", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpgradeProfileVersion(bg, &wa.UpgradeProfileVersionInput{WorkloadId: &f.wl, ProfileArn: &f.profile})
			return err
		}},
		{"UpdateIntegration", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpdateIntegration(bg, &wa.UpdateIntegrationInput{WorkloadId: &f.wl, IntegratingService: types.IntegratingServiceJira, ClientRequestToken: s(tok)})
			return err
		}},
		{"TagResource", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.TagResource(bg, &wa.TagResourceInput{WorkloadArn: &f.wlARN, Tags: map[string]string{"by": tok}})
			return err
		}},
		{"CreateWorkloadShare", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.CreateWorkloadShare(bg, &wa.CreateWorkloadShareInput{WorkloadId: &f.wl, SharedWith: s("999988887777"),
				PermissionType: types.PermissionTypeReadonly, ClientRequestToken: s(tok)})
			return err
		}},
		{"UpdateWorkloadShare", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpdateWorkloadShare(bg, &wa.UpdateWorkloadShareInput{WorkloadId: &f.wl, ShareId: &f.shareR, PermissionType: types.PermissionTypeReadonly})
			return err
		}},

		// The custom lens, the profile and the template (the owner's; shared only with the invitee).
		{"GetLens", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetLens(bg, &wa.GetLensInput{LensAlias: &f.lens})
			return err
		}},
		{"ExportLens", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ExportLens(bg, &wa.ExportLensInput{LensAlias: &f.lens})
			return err
		}},
		{"GetLensVersionDifference", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetLensVersionDifference(bg, &wa.GetLensVersionDifferenceInput{LensAlias: &f.lens, BaseLensVersion: s("1.0")})
			return err
		}},
		{"ListLensShares", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListLensShares(bg, &wa.ListLensSharesInput{LensAlias: &f.lens})
			return err
		}},
		{"ImportLens", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ImportLens(bg, &wa.ImportLensInput{LensAlias: &f.lens, JSONString: &f.lensJSON, ClientRequestToken: s(tok)})
			return err
		}},
		{"CreateLensVersion", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.CreateLensVersion(bg, &wa.CreateLensVersionInput{LensAlias: &f.lens, LensVersion: s("2.0"), ClientRequestToken: s(tok)})
			return err
		}},
		{"CreateLensShare", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.CreateLensShare(bg, &wa.CreateLensShareInput{LensAlias: &f.lens, SharedWith: s("999988887777"), ClientRequestToken: s(tok)})
			return err
		}},
		{"GetProfile", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetProfile(bg, &wa.GetProfileInput{ProfileArn: &f.profile})
			return err
		}},
		{"UpdateProfile", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpdateProfile(bg, &wa.UpdateProfileInput{ProfileArn: &f.profile, ProfileDescription: s("changed by " + tok)})
			return err
		}},
		{"ListProfileShares", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListProfileShares(bg, &wa.ListProfileSharesInput{ProfileArn: &f.profile})
			return err
		}},
		{"CreateProfileShare", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.CreateProfileShare(bg, &wa.CreateProfileShareInput{ProfileArn: &f.profile, SharedWith: s("999988887777"), ClientRequestToken: s(tok)})
			return err
		}},
		{"GetReviewTemplate", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetReviewTemplate(bg, &wa.GetReviewTemplateInput{TemplateArn: &f.template})
			return err
		}},
		{"UpdateReviewTemplate", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpdateReviewTemplate(bg, &wa.UpdateReviewTemplateInput{TemplateArn: &f.template, Description: s("changed by " + tok)})
			return err
		}},
		{"GetReviewTemplateLensReview", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetReviewTemplateLensReview(bg, &wa.GetReviewTemplateLensReviewInput{TemplateArn: &f.template, LensAlias: lens})
			return err
		}},
		{"UpdateReviewTemplateLensReview", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpdateReviewTemplateLensReview(bg, &wa.UpdateReviewTemplateLensReviewInput{TemplateArn: &f.template, LensAlias: lens, LensNotes: s("by " + tok)})
			return err
		}},
		{"UpgradeReviewTemplateLensReview", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpgradeReviewTemplateLensReview(bg, &wa.UpgradeReviewTemplateLensReviewInput{TemplateArn: &f.template, LensAlias: lens, ClientRequestToken: s(tok)})
			return err
		}},
		{"GetReviewTemplateAnswer", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.GetReviewTemplateAnswer(bg, &wa.GetReviewTemplateAnswerInput{TemplateArn: &f.template, LensAlias: lens, QuestionId: &f.q})
			return err
		}},
		{"UpdateReviewTemplateAnswer", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UpdateReviewTemplateAnswer(bg, &wa.UpdateReviewTemplateAnswerInput{TemplateArn: &f.template, LensAlias: lens, QuestionId: &f.q, Notes: s("by " + tok)})
			return err
		}},
		{"ListReviewTemplateAnswers", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListReviewTemplateAnswers(bg, &wa.ListReviewTemplateAnswersInput{TemplateArn: &f.template, LensAlias: lens})
			return err
		}},
		{"ListTemplateShares", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.ListTemplateShares(bg, &wa.ListTemplateSharesInput{TemplateArn: &f.template})
			return err
		}},
		{"CreateTemplateShare", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.CreateTemplateShare(bg, &wa.CreateTemplateShareInput{TemplateArn: &f.template, SharedWith: s("999988887777"), ClientRequestToken: s(tok)})
			return err
		}},

		// What removes resources, last.
		{"UntagResource", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.UntagResource(bg, &wa.UntagResourceInput{WorkloadArn: &f.wlARN, TagKeys: []string{"team"}})
			return err
		}},
		{"DisassociateLenses", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.DisassociateLenses(bg, &wa.DisassociateLensesInput{WorkloadId: &f.wl, LensAliases: []string{f.lens}})
			return err
		}},
		{"DisassociateProfiles", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.DisassociateProfiles(bg, &wa.DisassociateProfilesInput{WorkloadId: &f.wl, ProfileArns: []string{f.profile}})
			return err
		}},
		{"DeleteWorkloadShare", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.DeleteWorkloadShare(bg, &wa.DeleteWorkloadShareInput{WorkloadId: &f.wl, ShareId: &f.sharePending, ClientRequestToken: s(tok)})
			return err
		}},
		{"DeleteLensShare", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.DeleteLensShare(bg, &wa.DeleteLensShareInput{LensAlias: &f.lens, ShareId: &f.lensShare, ClientRequestToken: s(tok)})
			return err
		}},
		{"DeleteProfileShare", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.DeleteProfileShare(bg, &wa.DeleteProfileShareInput{ProfileArn: &f.profile, ShareId: &f.profileShare, ClientRequestToken: s(tok)})
			return err
		}},
		{"DeleteTemplateShare", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.DeleteTemplateShare(bg, &wa.DeleteTemplateShareInput{TemplateArn: &f.template, ShareId: &f.templateShare, ClientRequestToken: s(tok)})
			return err
		}},
		{"DeleteReviewTemplate", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.DeleteReviewTemplate(bg, &wa.DeleteReviewTemplateInput{TemplateArn: &f.template, ClientRequestToken: s(tok)})
			return err
		}},
		{"DeleteProfile", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.DeleteProfile(bg, &wa.DeleteProfileInput{ProfileArn: &f.profile, ClientRequestToken: s(tok)})
			return err
		}},
		{"DeleteLens", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.DeleteLens(bg, &wa.DeleteLensInput{LensAlias: &f.lens, LensStatus: types.LensStatusTypeAll, ClientRequestToken: s(tok)})
			return err
		}},
		{"DeleteWorkload", func(c *wa.Client, f *fixture, tok string) error {
			_, err := c.DeleteWorkload(bg, &wa.DeleteWorkloadInput{WorkloadId: &f.wl, ClientRequestToken: s(tok)})
			return err
		}},
	}
}
