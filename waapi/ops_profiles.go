package waapi

import (
	"context"

	"github.com/wellops/wellops"
)

// Profiles: CreateProfile, GetProfile, UpdateProfile, DeleteProfile, ListProfiles,
// GetProfileTemplate, UpgradeProfileVersion.

type profileQuestionUpdate struct {
	QuestionID        string   `json:"QuestionId" v:"len=1:128"`
	SelectedChoiceIDs []string `json:"SelectedChoiceIds" v:"*len=1:64"`
}

func profileAnswers(qs []profileQuestionUpdate) []wellops.ProfileAnswer {
	out := make([]wellops.ProfileAnswer, 0, len(qs))
	for _, q := range qs {
		out = append(out, wellops.ProfileAnswer{QuestionID: q.QuestionID, SelectedChoiceIDs: q.SelectedChoiceIDs})
	}
	return out
}

type createProfileIn struct {
	ProfileName        string                  `json:"ProfileName" v:"req,len=3:100"`
	ProfileDescription string                  `json:"ProfileDescription" v:"req,len=3:100"`
	ProfileQuestions   []profileQuestionUpdate `json:"ProfileQuestions" v:"req"`
	ClientRequestToken string                  `json:"ClientRequestToken" v:"req,len=1:2048"`
	Tags               map[string]string       `json:"Tags" v:"len=1:50,key.len=1:128,*len=:256"`
}

type createProfileOut struct {
	ProfileArn     string `json:"ProfileArn"`
	ProfileVersion string `json:"ProfileVersion"`
}

func (a *API) createProfile(ctx context.Context, in *createProfileIn) (*createProfileOut, error) {
	p, err := a.opt.Profiles.CreateProfile(ctx, wellops.NewProfile{Name: in.ProfileName, Description: in.ProfileDescription,
		Questions: profileAnswers(in.ProfileQuestions), Tags: in.Tags})
	if err != nil {
		return nil, err
	}
	return &createProfileOut{p.ARN, p.Version}, nil
}

type profileChoice struct {
	ChoiceID          string `json:"ChoiceId"`
	ChoiceTitle       string `json:"ChoiceTitle,omitempty"`
	ChoiceDescription string `json:"ChoiceDescription,omitempty"`
}

type profileQuestion struct {
	QuestionID          string          `json:"QuestionId"`
	QuestionTitle       string          `json:"QuestionTitle,omitempty"`
	QuestionDescription string          `json:"QuestionDescription,omitempty"`
	QuestionChoices     []profileChoice `json:"QuestionChoices"`
	SelectedChoiceIDs   *[]string       `json:"SelectedChoiceIds,omitempty"`
	MinSelectedChoices  int             `json:"MinSelectedChoices"`
	MaxSelectedChoices  int             `json:"MaxSelectedChoices"`
}

// toProfileQuestion converts a question of a profile (withSelection) or of the template.
func toProfileQuestion(q wellops.ProfileQuestion, withSelection bool) profileQuestion {
	out := profileQuestion{QuestionID: q.QuestionID, QuestionTitle: q.Title, QuestionDescription: q.Description,
		QuestionChoices: []profileChoice{}, MinSelectedChoices: q.Min, MaxSelectedChoices: q.Max}
	for _, c := range q.Choices {
		out.QuestionChoices = append(out.QuestionChoices, profileChoice{c.ID, c.Title, c.Description})
	}
	if withSelection {
		sel := nonNil(q.Selected)
		out.SelectedChoiceIDs = &sel
	}
	return out
}

type profile struct {
	ProfileArn         string            `json:"ProfileArn"`
	ProfileVersion     string            `json:"ProfileVersion"`
	ProfileName        string            `json:"ProfileName"`
	ProfileDescription string            `json:"ProfileDescription,omitempty"`
	ProfileQuestions   []profileQuestion `json:"ProfileQuestions"`
	Owner              string            `json:"Owner,omitempty"`
	CreatedAt          *epoch            `json:"CreatedAt,omitempty"`
	UpdatedAt          *epoch            `json:"UpdatedAt,omitempty"`
	ShareInvitationID  string            `json:"ShareInvitationId,omitempty"`
	Tags               map[string]string `json:"Tags,omitempty"`
}

type profileOut struct {
	Profile profile `json:"Profile"`
}

func toProfile(p *wellops.Profile) *profileOut {
	out := profile{ProfileArn: p.ARN, ProfileVersion: p.Version, ProfileName: p.Name, ProfileDescription: p.Description,
		ProfileQuestions: []profileQuestion{}, Owner: p.Owner, CreatedAt: ts(p.CreatedAt), UpdatedAt: ts(p.UpdatedAt),
		ShareInvitationID: p.ShareInvitationID, Tags: p.Tags}
	for _, q := range p.Questions {
		out.ProfileQuestions = append(out.ProfileQuestions, toProfileQuestion(q, true))
	}
	if len(out.Tags) == 0 {
		out.Tags = nil
	}
	return &profileOut{out}
}

type getProfileIn struct {
	ProfileArn     string `uri:"ProfileArn" v:"req,len=:2084,pat=profileArn"`
	ProfileVersion string `query:"ProfileVersion" v:"len=1:32,pat=version"`
}

func (a *API) getProfile(ctx context.Context, in *getProfileIn) (*profileOut, error) {
	p, err := a.opt.Profiles.GetProfile(ctx, in.ProfileArn, in.ProfileVersion)
	if err != nil {
		return nil, err
	}
	return toProfile(p), nil
}

type updateProfileIn struct {
	ProfileArn         string                   `uri:"ProfileArn" v:"req,len=:2084,pat=profileArn"`
	ProfileDescription *string                  `json:"ProfileDescription" v:"len=3:100"`
	ProfileQuestions   *[]profileQuestionUpdate `json:"ProfileQuestions"`
}

func (a *API) updateProfile(ctx context.Context, in *updateProfileIn) (*profileOut, error) {
	u := wellops.ProfileUpdate{Description: in.ProfileDescription}
	if in.ProfileQuestions != nil {
		qs := profileAnswers(*in.ProfileQuestions)
		u.Questions = &qs
	}
	p, err := a.opt.Profiles.UpdateProfile(ctx, in.ProfileArn, u)
	if err != nil {
		return nil, err
	}
	return toProfile(p), nil
}

type deleteProfileIn struct {
	ProfileArn         string `uri:"ProfileArn" v:"req,len=:2084,pat=profileArn"`
	ClientRequestToken string `query:"ClientRequestToken" v:"req,len=1:2048"`
}

func (a *API) deleteProfile(ctx context.Context, in *deleteProfileIn) (*noBody, error) {
	return nil, a.opt.Profiles.DeleteProfile(ctx, in.ProfileArn)
}

type listProfilesIn struct {
	ProfileNamePrefix string `query:"ProfileNamePrefix" v:"len=:100"`
	ProfileOwnerType  string `query:"ProfileOwnerType" v:"enum=SELF|SHARED"`
	NextToken         string `query:"NextToken"`
	MaxResults        *int   `query:"MaxResults" v:"range=1:50"`
}

type profileSummary struct {
	ProfileArn         string `json:"ProfileArn"`
	ProfileVersion     string `json:"ProfileVersion"`
	ProfileName        string `json:"ProfileName"`
	ProfileDescription string `json:"ProfileDescription,omitempty"`
	Owner              string `json:"Owner,omitempty"`
	CreatedAt          *epoch `json:"CreatedAt,omitempty"`
	UpdatedAt          *epoch `json:"UpdatedAt,omitempty"`
}

type listProfilesOut struct {
	ProfileSummaries []profileSummary `json:"ProfileSummaries"`
	NextToken        string           `json:"NextToken,omitempty"`
}

func (a *API) listProfiles(ctx context.Context, in *listProfilesIn) (*listProfilesOut, error) {
	ps, next, err := a.opt.Profiles.ListProfiles(ctx, wellops.ProfileQuery{NamePrefix: in.ProfileNamePrefix,
		OwnerType: in.ProfileOwnerType, Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	out := &listProfilesOut{ProfileSummaries: []profileSummary{}, NextToken: next}
	for _, p := range ps {
		out.ProfileSummaries = append(out.ProfileSummaries, profileSummary{p.ARN, p.Version, p.Name, p.Description, p.Owner,
			ts(p.CreatedAt), ts(p.UpdatedAt)})
	}
	return out, nil
}

type noInput struct{}

type profileTemplateOut struct {
	ProfileTemplate struct {
		TemplateName      string            `json:"TemplateName"`
		TemplateQuestions []profileQuestion `json:"TemplateQuestions"`
	} `json:"ProfileTemplate"`
}

func (a *API) getProfileTemplate(ctx context.Context, _ *noInput) (*profileTemplateOut, error) {
	t, err := a.opt.Profiles.ProfileTemplate(ctx, lang(ctx))
	if err != nil {
		return nil, err
	}
	out := &profileTemplateOut{}
	out.ProfileTemplate.TemplateName = t.Name
	out.ProfileTemplate.TemplateQuestions = []profileQuestion{}
	for _, q := range t.Questions {
		out.ProfileTemplate.TemplateQuestions = append(out.ProfileTemplate.TemplateQuestions, toProfileQuestion(q, false))
	}
	return out, nil
}

type upgradeProfileVersionIn struct {
	WorkloadID         string `uri:"WorkloadId" v:"req,pat=id"`
	ProfileArn         string `uri:"ProfileArn" v:"req,len=:2084,pat=profileArn"`
	MilestoneName      string `json:"MilestoneName" v:"len=3:100"`
	ClientRequestToken string `json:"ClientRequestToken" v:"len=1:2048"`
}

func (a *API) upgradeProfileVersion(ctx context.Context, in *upgradeProfileVersionIn) (*noBody, error) {
	return nil, a.opt.Workloads.UpgradeProfileVersion(ctx, in.WorkloadID, in.ProfileArn, in.MilestoneName)
}
