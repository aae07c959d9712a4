package api

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// profileAnswers answers every template question with its first allowed choices.
func profileAnswers(t testing.TB, c *wellarchitected.Client) []types.ProfileQuestionUpdate {
	t.Helper()
	tmpl := must[*wellarchitected.GetProfileTemplateOutput](t)(c.GetProfileTemplate(bg, &wellarchitected.GetProfileTemplateInput{}))
	var out []types.ProfileQuestionUpdate
	for _, q := range tmpl.ProfileTemplate.TemplateQuestions {
		n := max(1, int(aws.ToInt32(q.MinSelectedChoices)))
		var sel []string
		for _, c := range q.QuestionChoices[:n] {
			sel = append(sel, aws.ToString(c.ChoiceId))
		}
		out = append(out, types.ProfileQuestionUpdate{QuestionId: q.QuestionId, SelectedChoiceIds: sel})
	}
	return out
}

func newProfile(t testing.TB, c *wellarchitected.Client, name string) string {
	t.Helper()
	return aws.ToString(must[*wellarchitected.CreateProfileOutput](t)(c.CreateProfile(bg, &wellarchitected.CreateProfileInput{
		ProfileName: aws.String(name), ProfileDescription: aws.String("What matters now"), ProfileQuestions: profileAnswers(t, c)})).ProfileArn)
}

// Profiles: GetProfileTemplate, CreateProfile, GetProfile, UpdateProfile, ListProfiles,
// AssociateProfiles, ListProfileNotifications, UpgradeProfileVersion, DisassociateProfiles,
// DeleteProfile.
func testProfiles(t *testing.T, e *env) {
	tmpl := must[*wellarchitected.GetProfileTemplateOutput](t)(e.wa.GetProfileTemplate(bg, &wellarchitected.GetProfileTemplateInput{}))
	if len(tmpl.ProfileTemplate.TemplateQuestions) == 0 || aws.ToString(tmpl.ProfileTemplate.TemplateName) == "" {
		t.Fatalf("GetProfileTemplate = %+v", tmpl.ProfileTemplate)
	}
	created := must[*wellarchitected.CreateProfileOutput](t)(e.wa.CreateProfile(bg, &wellarchitected.CreateProfileInput{
		ProfileName: aws.String("Growth"), ProfileDescription: aws.String("Shipping fast"), ProfileQuestions: profileAnswers(t, e.wa),
		Tags: map[string]string{"owner": "sre"}}))
	arn := aws.ToString(created.ProfileArn)
	if aws.ToString(created.ProfileVersion) == "" {
		t.Fatalf("CreateProfile = %+v", created)
	}
	_, err := e.wa.CreateProfile(bg, &wellarchitected.CreateProfileInput{ProfileName: aws.String("x"), ProfileDescription: aws.String("d"),
		ProfileQuestions: []types.ProfileQuestionUpdate{}})
	wantFields(t, err, "ProfileName", "ProfileDescription")

	p := must[*wellarchitected.GetProfileOutput](t)(e.wa.GetProfile(bg, &wellarchitected.GetProfileInput{ProfileArn: &arn}))
	if aws.ToString(p.Profile.ProfileName) != "Growth" || len(p.Profile.ProfileQuestions) == 0 || p.Profile.Tags["owner"] != "sre" {
		t.Fatalf("GetProfile = %+v", p.Profile)
	}

	w := newWorkload(t, e.wa, "profiled")
	must[*wellarchitected.AssociateProfilesOutput](t)(e.wa.AssociateProfiles(bg, &wellarchitected.AssociateProfilesInput{WorkloadId: &w, ProfileArns: []string{arn}}))
	got := must[*wellarchitected.GetWorkloadOutput](t)(e.wa.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &w}))
	if len(got.Workload.Profiles) != 1 || aws.ToString(got.Workload.Profiles[0].ProfileArn) != arn {
		t.Fatalf("workload profiles = %+v", got.Workload.Profiles)
	}
	prio := must[*wellarchitected.ListAnswersOutput](t)(e.wa.ListAnswers(bg, &wellarchitected.ListAnswersInput{WorkloadId: &w,
		LensAlias: aws.String("wellarchitected"), QuestionPriority: types.QuestionPriorityPrioritized}))
	if len(prio.AnswerSummaries) == 0 || prio.AnswerSummaries[0].QuestionType != types.QuestionTypePrioritized {
		t.Fatalf("prioritised answers = %+v", prio.AnswerSummaries)
	}

	up := must[*wellarchitected.UpdateProfileOutput](t)(e.wa.UpdateProfile(bg, &wellarchitected.UpdateProfileInput{ProfileArn: &arn,
		ProfileDescription: aws.String("Shipping safely")}))
	if aws.ToString(up.Profile.ProfileDescription) != "Shipping safely" || aws.ToString(up.Profile.ProfileVersion) == aws.ToString(created.ProfileVersion) {
		t.Fatalf("UpdateProfile = %+v", up.Profile)
	}
	notes := must[*wellarchitected.ListProfileNotificationsOutput](t)(e.wa.ListProfileNotifications(bg, &wellarchitected.ListProfileNotificationsInput{WorkloadId: &w}))
	if len(notes.NotificationSummaries) != 1 || notes.NotificationSummaries[0].Type != types.ProfileNotificationTypeProfileAnswersUpdated {
		t.Fatalf("ListProfileNotifications = %+v", notes.NotificationSummaries)
	}
	must[*wellarchitected.UpgradeProfileVersionOutput](t)(e.wa.UpgradeProfileVersion(bg, &wellarchitected.UpgradeProfileVersionInput{
		WorkloadId: &w, ProfileArn: &arn, MilestoneName: aws.String("before profile upgrade")}))
	notes = must[*wellarchitected.ListProfileNotificationsOutput](t)(e.wa.ListProfileNotifications(bg, &wellarchitected.ListProfileNotificationsInput{WorkloadId: &w}))
	if len(notes.NotificationSummaries) != 0 {
		t.Fatalf("notifications after the upgrade: %+v", notes.NotificationSummaries)
	}

	list := must[*wellarchitected.ListProfilesOutput](t)(e.wa.ListProfiles(bg, &wellarchitected.ListProfilesInput{ProfileNamePrefix: aws.String("Gro")}))
	if len(list.ProfileSummaries) != 1 || aws.ToString(list.ProfileSummaries[0].ProfileArn) != arn {
		t.Fatalf("ListProfiles = %+v", list.ProfileSummaries)
	}
	_, err = e.wa.ListProfiles(bg, &wellarchitected.ListProfilesInput{ProfileOwnerType: "EVERYONE"})
	wantFields(t, err, "ProfileOwnerType")

	must[*wellarchitected.DisassociateProfilesOutput](t)(e.wa.DisassociateProfiles(bg, &wellarchitected.DisassociateProfilesInput{WorkloadId: &w, ProfileArns: []string{arn}}))
	must[*wellarchitected.DeleteProfileOutput](t)(e.wa.DeleteProfile(bg, &wellarchitected.DeleteProfileInput{ProfileArn: &arn}))
	_, err = e.wa.GetProfile(bg, &wellarchitected.GetProfileInput{ProfileArn: &arn})
	wantErr[*types.ResourceNotFoundException](t, err, 404)
}
