package api

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// Lens reviews and answers: ListLensReviews, GetLensReview, UpdateLensReview, ListAnswers,
// GetAnswer, UpdateAnswer, ListLensReviewImprovements.
func testReviews(t *testing.T, e *env) {
	id := newWorkload(t, e.wa, "reviewed")
	const wa = "wellarchitected"

	lrs := must[*wellarchitected.ListLensReviewsOutput](t)(e.wa.ListLensReviews(bg, &wellarchitected.ListLensReviewsInput{WorkloadId: &id}))
	if len(lrs.LensReviewSummaries) != 1 || aws.ToString(lrs.LensReviewSummaries[0].LensAlias) != wa ||
		lrs.LensReviewSummaries[0].LensStatus != types.LensStatusCurrent {
		t.Fatalf("ListLensReviews = %+v", lrs.LensReviewSummaries)
	}

	// Every answer, a page of 4 at a time, through the SDK's paginator.
	var questions []string
	p := wellarchitected.NewListAnswersPaginator(e.wa, &wellarchitected.ListAnswersInput{WorkloadId: &id, LensAlias: aws.String(wa), MaxResults: aws.Int32(4)})
	for p.HasMorePages() {
		page := must[*wellarchitected.ListAnswersOutput](t)(p.NextPage(bg))
		if aws.ToString(page.LensArn) == "" {
			t.Fatal("ListAnswers without LensArn")
		}
		for _, a := range page.AnswerSummaries {
			questions = append(questions, aws.ToString(a.QuestionId))
			if a.Risk != types.RiskUnanswered || len(a.Choices) == 0 {
				t.Fatalf("fresh answer %+v", a)
			}
		}
	}
	if len(questions) != 11 {
		t.Fatalf("ListAnswers paged through %d questions, want 11", len(questions))
	}
	q := questions[0]

	got := must[*wellarchitected.GetAnswerOutput](t)(e.wa.GetAnswer(bg, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(wa), QuestionId: &q}))
	if aws.ToString(got.Answer.QuestionTitle) == "" || len(got.Answer.Choices) < 3 || got.Answer.Risk != types.RiskUnanswered {
		t.Fatalf("GetAnswer = %+v", got.Answer)
	}
	first, second := aws.ToString(got.Answer.Choices[0].ChoiceId), aws.ToString(got.Answer.Choices[1].ChoiceId)

	up := must[*wellarchitected.UpdateAnswerOutput](t)(e.wa.UpdateAnswer(bg, &wellarchitected.UpdateAnswerInput{
		WorkloadId: &id, LensAlias: aws.String(wa), QuestionId: &q, SelectedChoices: []string{first},
		ChoiceUpdates: map[string]types.ChoiceUpdate{second: {Status: types.ChoiceStatusNotApplicable, Reason: types.ChoiceReasonOutOfScope, Notes: aws.String("not here")}},
		Notes:         aws.String("first pass")}))
	if up.Answer.Risk != types.RiskHigh && up.Answer.Risk != types.RiskMedium {
		t.Fatalf("one choice of many should leave a risk, got %s", up.Answer.Risk)
	}
	if len(up.Answer.SelectedChoices) != 1 || aws.ToString(up.Answer.Notes) != "first pass" || len(up.Answer.ChoiceAnswers) != 2 {
		t.Fatalf("UpdateAnswer = %+v", up.Answer)
	}

	_, err := e.wa.UpdateAnswer(bg, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String(wa), QuestionId: &q,
		SelectedChoices: []string{"no_such_choice"}})
	wantFields(t, err, "SelectedChoices")
	_, err = e.wa.GetAnswer(bg, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(wa), QuestionId: aws.String("nope")})
	wantErr[*types.ResourceNotFoundException](t, err, 404)
	// The built-in lens's ARN in any region names the same review.
	arn := "arn:aws:wellarchitected:ap-northeast-2::lens/wellarchitected"
	must[*wellarchitected.GetAnswerOutput](t)(e.wa.GetAnswer(bg, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: &arn, QuestionId: &q}))

	lr := must[*wellarchitected.GetLensReviewOutput](t)(e.wa.GetLensReview(bg, &wellarchitected.GetLensReviewInput{WorkloadId: &id, LensAlias: aws.String(wa)}))
	if lr.LensReview.RiskCounts["UNANSWERED"] != 10 || len(lr.LensReview.PillarReviewSummaries) != 1 {
		t.Fatalf("GetLensReview roll-up = %+v", lr.LensReview.RiskCounts)
	}
	pillar := aws.ToString(lr.LensReview.PillarReviewSummaries[0].PillarId)
	ulr := must[*wellarchitected.UpdateLensReviewOutput](t)(e.wa.UpdateLensReview(bg, &wellarchitected.UpdateLensReviewInput{
		WorkloadId: &id, LensAlias: aws.String(wa), LensNotes: aws.String("lens notes"), PillarNotes: map[string]string{pillar: "pillar notes"}}))
	if aws.ToString(ulr.LensReview.Notes) != "lens notes" || aws.ToString(ulr.LensReview.PillarReviewSummaries[0].Notes) != "pillar notes" {
		t.Fatalf("UpdateLensReview = %+v", ulr.LensReview)
	}
	_, err = e.wa.UpdateLensReview(bg, &wellarchitected.UpdateLensReviewInput{WorkloadId: &id, LensAlias: aws.String(wa),
		PillarNotes: map[string]string{"noPillar": "x"}})
	wantErr[*types.ValidationException](t, err, 400)

	imp := must[*wellarchitected.ListLensReviewImprovementsOutput](t)(e.wa.ListLensReviewImprovements(bg,
		&wellarchitected.ListLensReviewImprovementsInput{WorkloadId: &id, LensAlias: aws.String(wa), MaxResults: aws.Int32(100)}))
	if len(imp.ImprovementSummaries) != 1 || aws.ToString(imp.ImprovementSummaries[0].QuestionId) != q ||
		len(imp.ImprovementSummaries[0].ImprovementPlans) == 0 {
		t.Fatalf("ListLensReviewImprovements = %+v", imp.ImprovementSummaries)
	}
	_, err = e.wa.ListLensReviewImprovements(bg, &wellarchitected.ListLensReviewImprovementsInput{WorkloadId: &id, LensAlias: aws.String(wa), MaxResults: aws.Int32(101)})
	wantFields(t, err, "MaxResults")
}

// Milestones: CreateMilestone, GetMilestone, ListMilestones, and reads of a milestone.
func testMilestones(t *testing.T, e *env) {
	id := newWorkload(t, e.wa, "milestoned")
	const wa = "wellarchitected"
	q := aws.ToString(must[*wellarchitected.ListAnswersOutput](t)(e.wa.ListAnswers(bg, &wellarchitected.ListAnswersInput{
		WorkloadId: &id, LensAlias: aws.String(wa), MaxResults: aws.Int32(1)})).AnswerSummaries[0].QuestionId)

	in := &wellarchitected.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("before"), ClientRequestToken: aws.String("ms-1")}
	m1 := must[*wellarchitected.CreateMilestoneOutput](t)(e.wa.CreateMilestone(bg, in))
	if aws.ToInt32(m1.MilestoneNumber) != 1 {
		t.Fatalf("first milestone number %d", aws.ToInt32(m1.MilestoneNumber))
	}
	if again := must[*wellarchitected.CreateMilestoneOutput](t)(e.wa.CreateMilestone(bg, in)); aws.ToInt32(again.MilestoneNumber) != 1 {
		t.Fatal("an idempotent retry recorded a second milestone")
	}
	_, err := e.wa.CreateMilestone(bg, &wellarchitected.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("before")})
	wantErr[*types.ConflictException](t, err, 409)

	must[*wellarchitected.UpdateAnswerOutput](t)(e.wa.UpdateAnswer(bg, &wellarchitected.UpdateAnswerInput{WorkloadId: &id, LensAlias: aws.String(wa),
		QuestionId: &q, IsApplicable: aws.Bool(false), Reason: types.AnswerReasonOutOfScope}))
	must[*wellarchitected.CreateMilestoneOutput](t)(e.wa.CreateMilestone(bg, &wellarchitected.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("after")}))

	old := must[*wellarchitected.GetAnswerOutput](t)(e.wa.GetAnswer(bg, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(wa),
		QuestionId: &q, MilestoneNumber: aws.Int32(1)}))
	now := must[*wellarchitected.GetAnswerOutput](t)(e.wa.GetAnswer(bg, &wellarchitected.GetAnswerInput{WorkloadId: &id, LensAlias: aws.String(wa), QuestionId: &q}))
	if old.Answer.Risk != types.RiskUnanswered || aws.ToInt32(old.MilestoneNumber) != 1 || now.Answer.Risk != types.RiskNotApplicable {
		t.Fatalf("milestone 1 risk %s, now %s", old.Answer.Risk, now.Answer.Risk)
	}

	got := must[*wellarchitected.GetMilestoneOutput](t)(e.wa.GetMilestone(bg, &wellarchitected.GetMilestoneInput{WorkloadId: &id, MilestoneNumber: aws.Int32(2)}))
	if aws.ToString(got.Milestone.MilestoneName) != "after" || got.Milestone.RecordedAt == nil ||
		got.Milestone.Workload.RiskCounts["NOT_APPLICABLE"] != 1 {
		t.Fatalf("GetMilestone = %+v", got.Milestone)
	}
	var names []string
	p := wellarchitected.NewListMilestonesPaginator(e.wa, &wellarchitected.ListMilestonesInput{WorkloadId: &id, MaxResults: aws.Int32(1)})
	for p.HasMorePages() {
		for _, s := range must[*wellarchitected.ListMilestonesOutput](t)(p.NextPage(bg)).MilestoneSummaries {
			names = append(names, aws.ToString(s.MilestoneName))
		}
	}
	if len(names) != 2 {
		t.Fatalf("ListMilestones paged %v", names)
	}
	_, err = e.wa.GetMilestone(bg, &wellarchitected.GetMilestoneInput{WorkloadId: &id, MilestoneNumber: aws.Int32(3)})
	wantErr[*types.ResourceNotFoundException](t, err, 404)
	_, err = e.wa.GetMilestone(bg, &wellarchitected.GetMilestoneInput{WorkloadId: &id, MilestoneNumber: aws.Int32(101)})
	wantFields(t, err, "MilestoneNumber")
	lrs := must[*wellarchitected.ListLensReviewsOutput](t)(e.wa.ListLensReviews(bg, &wellarchitected.ListLensReviewsInput{WorkloadId: &id, MilestoneNumber: aws.Int32(1)}))
	if aws.ToInt32(lrs.MilestoneNumber) != 1 || lrs.LensReviewSummaries[0].RiskCounts["UNANSWERED"] != 11 {
		t.Fatalf("ListLensReviews at milestone 1 = %+v", lrs)
	}
}
