package waapi

import (
	"context"

	"github.com/wellops/wellops"
)

// Review templates: Create/Get/Update/Delete/ListReviewTemplates, Get/Update/Upgrade of a
// template's lens review, Get/Update/ListReviewTemplateAnswers.

type createReviewTemplateIn struct {
	TemplateName       string            `json:"TemplateName" v:"req,len=3:100,pat=templateText"`
	Description        string            `json:"Description" v:"req,len=3:250,pat=templateText"`
	Lenses             []string          `json:"Lenses" v:"req,*len=1:128"`
	Notes              string            `json:"Notes" v:"len=:2084"`
	Tags               map[string]string `json:"Tags" v:"len=1:50,key.len=1:128,*len=:256"`
	ClientRequestToken string            `json:"ClientRequestToken" v:"req,len=1:2048"`
}

type templateArnOut struct {
	TemplateArn string `json:"TemplateArn"`
}

func (a *API) createReviewTemplate(ctx context.Context, in *createReviewTemplateIn) (*templateArnOut, error) {
	t, err := a.opt.Templates.CreateReviewTemplate(ctx, wellops.NewReviewTemplate{Name: in.TemplateName,
		Description: in.Description, Notes: in.Notes, Lenses: in.Lenses, Tags: in.Tags})
	if err != nil {
		return nil, err
	}
	return &templateArnOut{t.ARN}, nil
}

type reviewTemplate struct {
	Description       string            `json:"Description,omitempty"`
	Lenses            []string          `json:"Lenses"`
	Notes             string            `json:"Notes,omitempty"`
	QuestionCounts    map[string]int    `json:"QuestionCounts,omitempty"`
	Owner             string            `json:"Owner,omitempty"`
	UpdatedAt         *epoch            `json:"UpdatedAt,omitempty"`
	TemplateArn       string            `json:"TemplateArn"`
	TemplateName      string            `json:"TemplateName"`
	Tags              map[string]string `json:"Tags,omitempty"`
	UpdateStatus      string            `json:"UpdateStatus,omitempty"`
	ShareInvitationID string            `json:"ShareInvitationId,omitempty"`
}

func toReviewTemplate(t *wellops.ReviewTemplate) reviewTemplate {
	out := reviewTemplate{Description: t.Description, Lenses: nonNil(t.Lenses), Notes: t.Notes,
		QuestionCounts: t.QuestionCounts.Map(), Owner: t.Owner, UpdatedAt: ts(t.UpdatedAt), TemplateArn: t.ARN,
		TemplateName: t.Name, Tags: t.Tags, UpdateStatus: t.UpdateStatus, ShareInvitationID: t.ShareInvitationID}
	if len(out.Tags) == 0 {
		out.Tags = nil
	}
	return out
}

type templateIn struct {
	TemplateArn string `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
}

type reviewTemplateOut struct {
	ReviewTemplate reviewTemplate `json:"ReviewTemplate"`
}

func (a *API) getReviewTemplate(ctx context.Context, in *templateIn) (*reviewTemplateOut, error) {
	t, err := a.opt.Templates.GetReviewTemplate(ctx, in.TemplateArn)
	if err != nil {
		return nil, err
	}
	return &reviewTemplateOut{toReviewTemplate(t)}, nil
}

type updateReviewTemplateIn struct {
	TemplateArn          string   `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
	TemplateName         *string  `json:"TemplateName" v:"len=3:100,pat=templateText"`
	Description          *string  `json:"Description" v:"len=3:250,pat=templateText"`
	Notes                *string  `json:"Notes" v:"len=:2084"`
	LensesToAssociate    []string `json:"LensesToAssociate" v:"len=1:10,*len=1:128"`
	LensesToDisassociate []string `json:"LensesToDisassociate" v:"len=1:10,*len=1:128"`
}

func (a *API) updateReviewTemplate(ctx context.Context, in *updateReviewTemplateIn) (*reviewTemplateOut, error) {
	t, err := a.opt.Templates.UpdateReviewTemplate(ctx, in.TemplateArn, wellops.ReviewTemplateUpdate{Name: in.TemplateName,
		Description: in.Description, Notes: in.Notes, LensesToAssociate: in.LensesToAssociate, LensesToDisassociate: in.LensesToDisassociate})
	if err != nil {
		return nil, err
	}
	return &reviewTemplateOut{toReviewTemplate(t)}, nil
}

type deleteReviewTemplateIn struct {
	TemplateArn        string `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
	ClientRequestToken string `query:"ClientRequestToken" v:"req,len=1:2048"`
}

func (a *API) deleteReviewTemplate(ctx context.Context, in *deleteReviewTemplateIn) (*noBody, error) {
	return nil, a.opt.Templates.DeleteReviewTemplate(ctx, in.TemplateArn)
}

type listReviewTemplatesIn struct {
	NextToken  string `query:"NextToken"`
	MaxResults *int   `query:"MaxResults" v:"range=1:50"`
}

type reviewTemplateSummary struct {
	Description  string   `json:"Description,omitempty"`
	Lenses       []string `json:"Lenses"`
	Owner        string   `json:"Owner,omitempty"`
	UpdatedAt    *epoch   `json:"UpdatedAt,omitempty"`
	TemplateArn  string   `json:"TemplateArn"`
	TemplateName string   `json:"TemplateName"`
	UpdateStatus string   `json:"UpdateStatus,omitempty"`
}

type listReviewTemplatesOut struct {
	ReviewTemplates []reviewTemplateSummary `json:"ReviewTemplates"`
	NextToken       string                  `json:"NextToken,omitempty"`
}

func (a *API) listReviewTemplates(ctx context.Context, in *listReviewTemplatesIn) (*listReviewTemplatesOut, error) {
	tmpls, next, err := a.opt.Templates.ListReviewTemplates(ctx, page(in.NextToken, in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &listReviewTemplatesOut{ReviewTemplates: []reviewTemplateSummary{}, NextToken: next}
	for _, t := range tmpls {
		out.ReviewTemplates = append(out.ReviewTemplates, reviewTemplateSummary{t.Description, nonNil(t.Lenses), t.Owner,
			ts(t.UpdatedAt), t.ARN, t.Name, t.UpdateStatus})
	}
	return out, nil
}

type templatePillarSummary struct {
	PillarID       string         `json:"PillarId"`
	PillarName     string         `json:"PillarName,omitempty"`
	Notes          string         `json:"Notes,omitempty"`
	QuestionCounts map[string]int `json:"QuestionCounts,omitempty"`
}

type templateLensReview struct {
	LensAlias             string                  `json:"LensAlias"`
	LensArn               string                  `json:"LensArn,omitempty"`
	LensVersion           string                  `json:"LensVersion,omitempty"`
	LensName              string                  `json:"LensName,omitempty"`
	LensStatus            string                  `json:"LensStatus,omitempty"`
	PillarReviewSummaries []templatePillarSummary `json:"PillarReviewSummaries"`
	UpdatedAt             *epoch                  `json:"UpdatedAt,omitempty"`
	Notes                 string                  `json:"Notes,omitempty"`
	QuestionCounts        map[string]int          `json:"QuestionCounts,omitempty"`
}

type templateLensReviewOut struct {
	TemplateArn string             `json:"TemplateArn"`
	LensReview  templateLensReview `json:"LensReview"`
}

func toTemplateLensReview(r *wellops.TemplateLensReview) *templateLensReviewOut {
	lr := templateLensReview{LensAlias: r.LensAlias, LensArn: r.LensARN, LensVersion: r.LensVersion, LensName: r.LensName,
		LensStatus: r.LensStatus, PillarReviewSummaries: []templatePillarSummary{}, UpdatedAt: ts(r.UpdatedAt),
		Notes: r.Notes, QuestionCounts: r.QuestionCounts.Map()}
	for _, p := range r.Pillars {
		lr.PillarReviewSummaries = append(lr.PillarReviewSummaries, templatePillarSummary{p.PillarID, p.PillarName, p.Notes, p.QuestionCounts.Map()})
	}
	return &templateLensReviewOut{r.TemplateARN, lr}
}

type templateLensIn struct {
	TemplateArn string `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
	LensAlias   string `uri:"LensAlias" v:"req,len=1:128"`
}

func (a *API) getTemplateLensReview(ctx context.Context, in *templateLensIn) (*templateLensReviewOut, error) {
	r, err := a.opt.Templates.GetTemplateLensReview(ctx, in.TemplateArn, in.LensAlias)
	if err != nil {
		return nil, err
	}
	return toTemplateLensReview(r), nil
}

type updateTemplateLensReviewIn struct {
	TemplateArn string            `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
	LensAlias   string            `uri:"LensAlias" v:"req,len=1:128"`
	LensNotes   *string           `json:"LensNotes" v:"len=:2084"`
	PillarNotes map[string]string `json:"PillarNotes" v:"key.len=1:64,*len=:2084"`
}

func (a *API) updateTemplateLensReview(ctx context.Context, in *updateTemplateLensReviewIn) (*templateLensReviewOut, error) {
	r, err := a.opt.Templates.UpdateTemplateLensReview(ctx, in.TemplateArn, in.LensAlias,
		wellops.LensReviewUpdate{LensNotes: in.LensNotes, PillarNotes: in.PillarNotes})
	if err != nil {
		return nil, err
	}
	return toTemplateLensReview(r), nil
}

type upgradeTemplateLensReviewIn struct {
	TemplateArn        string `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
	LensAlias          string `uri:"LensAlias" v:"req,len=1:128"`
	ClientRequestToken string `json:"ClientRequestToken" v:"len=1:2048"`
}

func (a *API) upgradeTemplateLensReview(ctx context.Context, in *upgradeTemplateLensReviewIn) (*noBody, error) {
	return nil, a.opt.Templates.UpgradeTemplateLensReview(ctx, in.TemplateArn, in.LensAlias)
}

type templateAnswerIn struct {
	TemplateArn string `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
	LensAlias   string `uri:"LensAlias" v:"req,len=1:128"`
	QuestionID  string `uri:"QuestionId" v:"req,len=1:128"`
}

type templateAnswerOut struct {
	TemplateArn string `json:"TemplateArn"`
	LensAlias   string `json:"LensAlias"`
	Answer      answer `json:"Answer"`
}

func (a *API) getTemplateAnswer(ctx context.Context, in *templateAnswerIn) (*templateAnswerOut, error) {
	ans, err := a.opt.Templates.GetTemplateAnswer(ctx, in.TemplateArn, in.LensAlias, in.QuestionID)
	if err != nil {
		return nil, err
	}
	alias, _ := a.lensIDs(in.LensAlias)
	return &templateAnswerOut{in.TemplateArn, alias, templateAnswer(ans)}, nil
}

type updateTemplateAnswerIn struct {
	TemplateArn string `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
	LensAlias   string `uri:"LensAlias" v:"req,len=1:128"`
	QuestionID  string `uri:"QuestionId" v:"req,len=1:128"`
	answerUpdate
}

func (a *API) updateTemplateAnswer(ctx context.Context, in *updateTemplateAnswerIn) (*templateAnswerOut, error) {
	ans, err := a.opt.Templates.UpdateTemplateAnswer(ctx, in.TemplateArn, in.LensAlias, in.QuestionID, in.answerUpdate.domain())
	if err != nil {
		return nil, err
	}
	alias, _ := a.lensIDs(in.LensAlias)
	return &templateAnswerOut{in.TemplateArn, alias, templateAnswer(ans)}, nil
}

type listTemplateAnswersIn struct {
	TemplateArn string `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
	LensAlias   string `uri:"LensAlias" v:"req,len=1:128"`
	PillarID    string `query:"PillarId" v:"len=1:64"`
	NextToken   string `query:"NextToken"`
	MaxResults  *int   `query:"MaxResults" v:"range=1:50"`
}

type listTemplateAnswersOut struct {
	TemplateArn     string          `json:"TemplateArn"`
	LensAlias       string          `json:"LensAlias"`
	AnswerSummaries []answerSummary `json:"AnswerSummaries"`
	NextToken       string          `json:"NextToken,omitempty"`
}

func (a *API) listTemplateAnswers(ctx context.Context, in *listTemplateAnswersIn) (*listTemplateAnswersOut, error) {
	as, next, err := a.opt.Templates.ListTemplateAnswers(ctx, in.TemplateArn, in.LensAlias, wellops.AnswerQuery{
		PillarID: in.PillarID, Lang: lang(ctx), Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	alias, _ := a.lensIDs(in.LensAlias)
	out := &listTemplateAnswersOut{TemplateArn: in.TemplateArn, LensAlias: alias, AnswerSummaries: []answerSummary{}, NextToken: next}
	for i := range as {
		s := toAnswerSummary(&as[i])
		s.Risk = ""
		s.AnswerStatus = wellops.AnswerUnanswered
		if wellops.TemplateAnswered(as[i]) {
			s.AnswerStatus = wellops.AnswerAnswered
		}
		out.AnswerSummaries = append(out.AnswerSummaries, s)
	}
	return out, nil
}
