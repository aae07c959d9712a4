package api

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

func newTemplate(t testing.TB, c *wellarchitected.Client, name string, lenses ...string) string {
	t.Helper()
	return aws.ToString(must[*wellarchitected.CreateReviewTemplateOutput](t)(c.CreateReviewTemplate(bg, &wellarchitected.CreateReviewTemplateInput{
		TemplateName: aws.String(name), Description: aws.String("Pre-filled answers"), Lenses: append([]string{"wellarchitected"}, lenses...)})).TemplateArn)
}

// Review templates: CreateReviewTemplate, GetReviewTemplate, UpdateReviewTemplate,
// ListReviewTemplates, Get/Update/UpgradeReviewTemplateLensReview,
// Get/Update/ListReviewTemplateAnswers, DeleteReviewTemplate, and a workload made from one.
func testTemplates(t *testing.T, e *env) {
	custom := importLens(t, e.wa, "Template lens", "1")
	arn := aws.ToString(must[*wellarchitected.CreateReviewTemplateOutput](t)(e.wa.CreateReviewTemplate(bg, &wellarchitected.CreateReviewTemplateInput{
		TemplateName: aws.String("Standard service"), Description: aws.String("Answers every service shares"),
		Lenses: []string{"wellarchitected"}, Notes: aws.String("use for new services"), ClientRequestToken: aws.String("tmpl-1")})).TemplateArn)
	_, err := e.wa.CreateReviewTemplate(bg, &wellarchitected.CreateReviewTemplateInput{TemplateName: aws.String("Bad <name>"),
		Description: aws.String("ok description"), Lenses: []string{"wellarchitected"}})
	wantFields(t, err, "TemplateName")

	up := must[*wellarchitected.UpdateReviewTemplateOutput](t)(e.wa.UpdateReviewTemplate(bg, &wellarchitected.UpdateReviewTemplateInput{
		TemplateArn: &arn, Description: aws.String("Answers all services share"), LensesToAssociate: []string{custom}}))
	if len(up.ReviewTemplate.Lenses) != 2 {
		t.Fatalf("UpdateReviewTemplate = %+v", up.ReviewTemplate)
	}
	got := must[*wellarchitected.GetReviewTemplateOutput](t)(e.wa.GetReviewTemplate(bg, &wellarchitected.GetReviewTemplateInput{TemplateArn: &arn}))
	if aws.ToString(got.ReviewTemplate.TemplateName) != "Standard service" || got.ReviewTemplate.QuestionCounts["UNANSWERED"] == 0 {
		t.Fatalf("GetReviewTemplate = %+v", got.ReviewTemplate)
	}

	const wa = "wellarchitected"
	answers := must[*wellarchitected.ListReviewTemplateAnswersOutput](t)(e.wa.ListReviewTemplateAnswers(bg, &wellarchitected.ListReviewTemplateAnswersInput{
		TemplateArn: &arn, LensAlias: aws.String(wa), MaxResults: aws.Int32(50)}))
	if len(answers.AnswerSummaries) != 11 || answers.AnswerSummaries[0].AnswerStatus != types.ReviewTemplateAnswerStatusUnanswered {
		t.Fatalf("ListReviewTemplateAnswers = %d answers", len(answers.AnswerSummaries))
	}
	q := answers.AnswerSummaries[0]
	ta := must[*wellarchitected.UpdateReviewTemplateAnswerOutput](t)(e.wa.UpdateReviewTemplateAnswer(bg, &wellarchitected.UpdateReviewTemplateAnswerInput{
		TemplateArn: &arn, LensAlias: aws.String(wa), QuestionId: q.QuestionId, SelectedChoices: []string{aws.ToString(q.Choices[0].ChoiceId)},
		Notes: aws.String("pre-filled")}))
	if ta.Answer.AnswerStatus != types.ReviewTemplateAnswerStatusAnswered {
		t.Fatalf("UpdateReviewTemplateAnswer = %+v", ta.Answer)
	}
	ga := must[*wellarchitected.GetReviewTemplateAnswerOutput](t)(e.wa.GetReviewTemplateAnswer(bg, &wellarchitected.GetReviewTemplateAnswerInput{
		TemplateArn: &arn, LensAlias: aws.String(wa), QuestionId: q.QuestionId}))
	if aws.ToString(ga.Answer.Notes) != "pre-filled" {
		t.Fatalf("GetReviewTemplateAnswer = %+v", ga.Answer)
	}
	lr := must[*wellarchitected.UpdateReviewTemplateLensReviewOutput](t)(e.wa.UpdateReviewTemplateLensReview(bg, &wellarchitected.UpdateReviewTemplateLensReviewInput{
		TemplateArn: &arn, LensAlias: aws.String(wa), LensNotes: aws.String("template lens notes")}))
	if aws.ToString(lr.LensReview.Notes) != "template lens notes" {
		t.Fatalf("UpdateReviewTemplateLensReview = %+v", lr.LensReview)
	}
	glr := must[*wellarchitected.GetReviewTemplateLensReviewOutput](t)(e.wa.GetReviewTemplateLensReview(bg, &wellarchitected.GetReviewTemplateLensReviewInput{
		TemplateArn: &arn, LensAlias: aws.String(wa)}))
	if glr.LensReview.QuestionCounts["ANSWERED"] != 1 || len(glr.LensReview.PillarReviewSummaries) == 0 {
		t.Fatalf("GetReviewTemplateLensReview = %+v", glr.LensReview)
	}

	// A workload made from the template starts with its answers.
	w := aws.ToString(must[*wellarchitected.CreateWorkloadOutput](t)(e.wa.CreateWorkload(bg, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String("from template"), Description: aws.String("made from a template"), Environment: types.WorkloadEnvironmentProduction,
		Lenses: []string{wa}, AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("sre@example.com"), ReviewTemplateArns: []string{arn}})).WorkloadId)
	wans := must[*wellarchitected.GetAnswerOutput](t)(e.wa.GetAnswer(bg, &wellarchitected.GetAnswerInput{WorkloadId: &w, LensAlias: aws.String(wa), QuestionId: q.QuestionId}))
	if aws.ToString(wans.Answer.Notes) != "pre-filled" || len(wans.Answer.SelectedChoices) != 1 {
		t.Fatalf("workload from template answer = %+v", wans.Answer)
	}

	// A new major version of the custom lens leaves the template behind until upgraded.
	must[*wellarchitected.ImportLensOutput](t)(e.wa.ImportLens(bg, &wellarchitected.ImportLensInput{LensAlias: &custom,
		JSONString: aws.String(fmt.Sprintf(lensJSON, "Template lens", extraQuestion))}))
	must[*wellarchitected.CreateLensVersionOutput](t)(e.wa.CreateLensVersion(bg, &wellarchitected.CreateLensVersionInput{
		LensAlias: &custom, LensVersion: aws.String("2"), IsMajorVersion: aws.Bool(true)}))
	must[*wellarchitected.UpgradeReviewTemplateLensReviewOutput](t)(e.wa.UpgradeReviewTemplateLensReview(bg, &wellarchitected.UpgradeReviewTemplateLensReviewInput{
		TemplateArn: &arn, LensAlias: &custom}))
	clr := must[*wellarchitected.GetReviewTemplateLensReviewOutput](t)(e.wa.GetReviewTemplateLensReview(bg, &wellarchitected.GetReviewTemplateLensReviewInput{
		TemplateArn: &arn, LensAlias: &custom}))
	if aws.ToString(clr.LensReview.LensVersion) != "2" {
		t.Fatalf("after UpgradeReviewTemplateLensReview: %+v", clr.LensReview)
	}

	other := newTemplate(t, e.wa, "Second template")
	var names []string
	p := wellarchitected.NewListReviewTemplatesPaginator(e.wa, &wellarchitected.ListReviewTemplatesInput{MaxResults: aws.Int32(1)})
	for p.HasMorePages() {
		for _, s := range must[*wellarchitected.ListReviewTemplatesOutput](t)(p.NextPage(bg)).ReviewTemplates {
			names = append(names, aws.ToString(s.TemplateName))
		}
	}
	if len(names) < 2 {
		t.Fatalf("ListReviewTemplates = %v", names)
	}
	_, err = e.waOther.DeleteReviewTemplate(bg, &wellarchitected.DeleteReviewTemplateInput{TemplateArn: &other})
	wantErr[*types.ResourceNotFoundException](t, err, 404)
	must[*wellarchitected.DeleteReviewTemplateOutput](t)(e.wa.DeleteReviewTemplate(bg, &wellarchitected.DeleteReviewTemplateInput{TemplateArn: &other}))
}
