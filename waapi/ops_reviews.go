package waapi

import (
	"context"
	"net/http"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// Lens reviews, answers and the improvement plan: ListLensReviews, GetLensReview,
// UpdateLensReview, UpgradeLensReview, ListLensReviewImprovements, ListAnswers, GetAnswer,
// UpdateAnswer. (GetLensReviewReport is in ops_reports.go.)

// lensIDs returns the alias and ARN a response names a lens by: the built-in lens is
// "wellarchitected" (whatever region its ARN was given in), a custom lens is its ARN.
func (a *API) lensIDs(alias string) (string, string) {
	if isBuiltin(alias) {
		return lens.BuiltinAlias, "arn:aws:wellarchitected:" + a.opt.Region + "::lens/" + lens.BuiltinAlias
	}
	return alias, alias
}

func isBuiltin(alias string) bool {
	if alias == lens.BuiltinAlias {
		return true
	}
	arn, ok := wellops.ParseARN(alias)
	return ok && arn.Type == "lens" && arn.Account == "" && arn.ID == lens.BuiltinAlias
}

// lang picks the language of lens text from Accept-Language: Korean when the client prefers
// it, otherwise the server's default.
func lang(ctx context.Context) string {
	if l, ok := ctx.Value(langKey{}).(string); ok {
		return l
	}
	return ""
}

type langKey struct{}

func withLang(r *http.Request) *http.Request {
	al := r.Header.Get("Accept-Language")
	if al == "" {
		return r
	}
	l := "en"
	if len(al) >= 2 && (al[:2] == "ko" || al[:2] == "KO") {
		l = "ko"
	}
	return r.WithContext(context.WithValue(r.Context(), langKey{}, l))
}

type pillarReviewSummary struct {
	PillarID              string         `json:"PillarId"`
	PillarName            string         `json:"PillarName,omitempty"`
	Notes                 string         `json:"Notes,omitempty"`
	RiskCounts            map[string]int `json:"RiskCounts,omitempty"`
	PrioritizedRiskCounts map[string]int `json:"PrioritizedRiskCounts,omitempty"`
}

type lensReview struct {
	LensAlias             string                `json:"LensAlias"`
	LensArn               string                `json:"LensArn,omitempty"`
	LensVersion           string                `json:"LensVersion,omitempty"`
	LensName              string                `json:"LensName,omitempty"`
	LensStatus            string                `json:"LensStatus,omitempty"`
	PillarReviewSummaries []pillarReviewSummary `json:"PillarReviewSummaries,omitempty"`
	JiraConfiguration     *jiraSelection        `json:"JiraConfiguration,omitempty"`
	UpdatedAt             *epoch                `json:"UpdatedAt,omitempty"`
	Notes                 string                `json:"Notes,omitempty"`
	RiskCounts            map[string]int        `json:"RiskCounts,omitempty"`
	Profiles              []workloadProfile     `json:"Profiles,omitempty"`
	PrioritizedRiskCounts map[string]int        `json:"PrioritizedRiskCounts,omitempty"`
}

func toLensReview(r *wellops.LensReview, withPillars bool) *lensReview {
	out := &lensReview{LensAlias: r.LensAlias, LensArn: r.LensARN, LensVersion: r.LensVersion, LensName: r.LensName,
		LensStatus: r.LensStatus, JiraConfiguration: toJiraSelection(r.JiraConfiguration), UpdatedAt: ts(r.UpdatedAt),
		Notes: r.Notes, RiskCounts: r.RiskCounts.Map(), Profiles: profiles(r.Profiles),
		PrioritizedRiskCounts: risks(r.PrioritizedRiskCounts)}
	if withPillars {
		out.PillarReviewSummaries = []pillarReviewSummary{}
		for _, p := range r.Pillars {
			out.PillarReviewSummaries = append(out.PillarReviewSummaries, pillarReviewSummary{p.PillarID, p.PillarName, p.Notes,
				p.RiskCounts.Map(), risks(p.PrioritizedRiskCounts)})
		}
	}
	return out
}

type listLensReviewsIn struct {
	WorkloadID      string `uri:"WorkloadId" v:"req,pat=id"`
	MilestoneNumber *int   `query:"MilestoneNumber" v:"range=1:100"`
	NextToken       string `query:"NextToken"`
	MaxResults      *int   `query:"MaxResults" v:"range=1:50"`
}

type listLensReviewsOut struct {
	WorkloadID          string        `json:"WorkloadId"`
	MilestoneNumber     int           `json:"MilestoneNumber,omitempty"`
	LensReviewSummaries []*lensReview `json:"LensReviewSummaries"`
	NextToken           string        `json:"NextToken,omitempty"`
}

func milestoneOf(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

func (a *API) listLensReviews(ctx context.Context, in *listLensReviewsIn) (*listLensReviewsOut, error) {
	m := milestoneOf(in.MilestoneNumber)
	rs, next, err := a.opt.Reviews.ListLensReviews(ctx, in.WorkloadID, m, page(in.NextToken, in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &listLensReviewsOut{WorkloadID: in.WorkloadID, MilestoneNumber: m, LensReviewSummaries: []*lensReview{}, NextToken: next}
	for i := range rs {
		lr := toLensReview(&rs[i], false)
		lr.Notes, lr.JiraConfiguration = "", nil // not members of LensReviewSummary
		out.LensReviewSummaries = append(out.LensReviewSummaries, lr)
	}
	return out, nil
}

type lensReviewIn struct {
	WorkloadID      string `uri:"WorkloadId" v:"req,pat=id"`
	LensAlias       string `uri:"LensAlias" v:"req,len=1:128"`
	MilestoneNumber *int   `query:"MilestoneNumber" v:"range=1:100"`
}

type lensReviewOut struct {
	WorkloadID      string      `json:"WorkloadId"`
	MilestoneNumber int         `json:"MilestoneNumber,omitempty"`
	LensReview      *lensReview `json:"LensReview"`
}

func (a *API) getLensReview(ctx context.Context, in *lensReviewIn) (*lensReviewOut, error) {
	m := milestoneOf(in.MilestoneNumber)
	r, err := a.opt.Reviews.GetLensReview(ctx, in.WorkloadID, in.LensAlias, m, lang(ctx))
	if err != nil {
		return nil, err
	}
	return &lensReviewOut{in.WorkloadID, m, toLensReview(r, true)}, nil
}

type updateLensReviewIn struct {
	WorkloadID        string            `uri:"WorkloadId" v:"req,pat=id"`
	LensAlias         string            `uri:"LensAlias" v:"req,len=1:128"`
	LensNotes         *string           `json:"LensNotes" v:"len=:2084"`
	PillarNotes       map[string]string `json:"PillarNotes" v:"key.len=1:64,*len=:2084"`
	JiraConfiguration *jiraSelection    `json:"JiraConfiguration"`
}

func (a *API) updateLensReview(ctx context.Context, in *updateLensReviewIn) (*lensReviewOut, error) {
	r, err := a.opt.Reviews.UpdateLensReview(ctx, in.WorkloadID, in.LensAlias, wellops.LensReviewUpdate{
		LensNotes: in.LensNotes, PillarNotes: in.PillarNotes, JiraConfiguration: fromJiraSelection(in.JiraConfiguration)})
	if err != nil {
		return nil, err
	}
	return &lensReviewOut{WorkloadID: in.WorkloadID, LensReview: toLensReview(r, true)}, nil
}

type upgradeLensReviewIn struct {
	WorkloadID         string `uri:"WorkloadId" v:"req,pat=id"`
	LensAlias          string `uri:"LensAlias" v:"req,len=1:128"`
	MilestoneName      string `json:"MilestoneName" v:"req,len=3:100"`
	ClientRequestToken string `json:"ClientRequestToken" v:"len=1:2048"`
}

func (a *API) upgradeLensReview(ctx context.Context, in *upgradeLensReviewIn) (*noBody, error) {
	return nil, a.opt.Reviews.UpgradeLensReview(ctx, in.WorkloadID, in.LensAlias, in.MilestoneName)
}

type answersIn struct {
	WorkloadID       string `uri:"WorkloadId" v:"req,pat=id"`
	LensAlias        string `uri:"LensAlias" v:"req,len=1:128"`
	PillarID         string `query:"PillarId" v:"len=1:64"`
	MilestoneNumber  *int   `query:"MilestoneNumber" v:"range=1:100"`
	NextToken        string `query:"NextToken"`
	MaxResults       *int   `query:"MaxResults" v:"range=1:50"`
	QuestionPriority string `query:"QuestionPriority" v:"enum=PRIORITIZED|NONE"`
}

type listAnswersOut struct {
	WorkloadID      string          `json:"WorkloadId"`
	MilestoneNumber int             `json:"MilestoneNumber,omitempty"`
	LensAlias       string          `json:"LensAlias"`
	LensArn         string          `json:"LensArn"`
	AnswerSummaries []answerSummary `json:"AnswerSummaries"`
	NextToken       string          `json:"NextToken,omitempty"`
}

func (a *API) listAnswers(ctx context.Context, in *answersIn) (*listAnswersOut, error) {
	m := milestoneOf(in.MilestoneNumber)
	as, next, err := a.opt.Reviews.ListAnswers(ctx, in.WorkloadID, in.LensAlias, m, wellops.AnswerQuery{
		PillarID: in.PillarID, QuestionPriority: in.QuestionPriority, Lang: lang(ctx), Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	alias, arn := a.lensIDs(in.LensAlias)
	out := &listAnswersOut{WorkloadID: in.WorkloadID, MilestoneNumber: m, LensAlias: alias, LensArn: arn,
		AnswerSummaries: make([]answerSummary, 0, len(as)), NextToken: next}
	for i := range as {
		out.AnswerSummaries = append(out.AnswerSummaries, toAnswerSummary(&as[i]))
	}
	return out, nil
}

type answerIn struct {
	WorkloadID      string `uri:"WorkloadId" v:"req,pat=id"`
	LensAlias       string `uri:"LensAlias" v:"req,len=1:128"`
	QuestionID      string `uri:"QuestionId" v:"req,len=1:128"`
	MilestoneNumber *int   `query:"MilestoneNumber" v:"range=1:100"`
}

type answerOut struct {
	WorkloadID      string `json:"WorkloadId"`
	MilestoneNumber int    `json:"MilestoneNumber,omitempty"`
	LensAlias       string `json:"LensAlias"`
	LensArn         string `json:"LensArn"`
	Answer          answer `json:"Answer"`
}

func (a *API) getAnswer(ctx context.Context, in *answerIn) (*answerOut, error) {
	m := milestoneOf(in.MilestoneNumber)
	ans, err := a.opt.Reviews.GetAnswer(ctx, in.WorkloadID, in.LensAlias, in.QuestionID, m, lang(ctx))
	if err != nil {
		return nil, err
	}
	alias, arn := a.lensIDs(in.LensAlias)
	return &answerOut{in.WorkloadID, m, alias, arn, toAnswer(ans)}, nil
}

type choiceUpdate struct {
	Status string `json:"Status" v:"req,enum=SELECTED|NOT_APPLICABLE|UNSELECTED"`
	Reason string `json:"Reason" v:"enum=OUT_OF_SCOPE|BUSINESS_PRIORITIES|ARCHITECTURE_CONSTRAINTS|OTHER|NONE"`
	Notes  string `json:"Notes" v:"len=:250"`
}

// answerUpdate is the body of UpdateAnswer and UpdateReviewTemplateAnswer.
type answerUpdate struct {
	SelectedChoices *[]string               `json:"SelectedChoices" v:"*len=1:64"`
	ChoiceUpdates   map[string]choiceUpdate `json:"ChoiceUpdates" v:"key.len=1:64"`
	Notes           *string                 `json:"Notes" v:"len=:2084"`
	IsApplicable    *bool                   `json:"IsApplicable"`
	Reason          *string                 `json:"Reason" v:"enum=OUT_OF_SCOPE|BUSINESS_PRIORITIES|ARCHITECTURE_CONSTRAINTS|OTHER|NONE"`
}

func (u *answerUpdate) domain() wellops.AnswerUpdate {
	out := wellops.AnswerUpdate{SelectedChoices: u.SelectedChoices, Notes: u.Notes, IsApplicable: u.IsApplicable, Reason: u.Reason}
	if u.ChoiceUpdates != nil {
		out.ChoiceUpdates = make(map[string]wellops.ChoiceUpdate, len(u.ChoiceUpdates))
		for id, c := range u.ChoiceUpdates {
			out.ChoiceUpdates[id] = wellops.ChoiceUpdate{Status: c.Status, Reason: c.Reason, Notes: c.Notes}
		}
	}
	return out
}

type updateAnswerIn struct {
	WorkloadID string `uri:"WorkloadId" v:"req,pat=id"`
	LensAlias  string `uri:"LensAlias" v:"req,len=1:128"`
	QuestionID string `uri:"QuestionId" v:"req,len=1:128"`
	answerUpdate
}

type updateAnswerOut struct {
	WorkloadID string `json:"WorkloadId"`
	LensAlias  string `json:"LensAlias"`
	LensArn    string `json:"LensArn"`
	Answer     answer `json:"Answer"`
}

func (a *API) updateAnswer(ctx context.Context, in *updateAnswerIn) (*updateAnswerOut, error) {
	ans, err := a.opt.Reviews.UpdateAnswer(ctx, in.WorkloadID, in.LensAlias, in.QuestionID, in.answerUpdate.domain())
	if err != nil {
		return nil, err
	}
	alias, arn := a.lensIDs(in.LensAlias)
	return &updateAnswerOut{in.WorkloadID, alias, arn, toAnswer(ans)}, nil
}

type improvementPlan struct {
	ChoiceID           string `json:"ChoiceId"`
	DisplayText        string `json:"DisplayText,omitempty"`
	ImprovementPlanURL string `json:"ImprovementPlanUrl,omitempty"`
}

type improvementSummary struct {
	QuestionID         string            `json:"QuestionId"`
	PillarID           string            `json:"PillarId"`
	QuestionTitle      string            `json:"QuestionTitle,omitempty"`
	Risk               string            `json:"Risk,omitempty"`
	ImprovementPlanURL string            `json:"ImprovementPlanUrl,omitempty"`
	ImprovementPlans   []improvementPlan `json:"ImprovementPlans"`
}

type listImprovementsOut struct {
	WorkloadID           string               `json:"WorkloadId"`
	MilestoneNumber      int                  `json:"MilestoneNumber,omitempty"`
	LensAlias            string               `json:"LensAlias"`
	LensArn              string               `json:"LensArn"`
	ImprovementSummaries []improvementSummary `json:"ImprovementSummaries"`
	NextToken            string               `json:"NextToken,omitempty"`
}

type improvementsIn struct {
	WorkloadID       string `uri:"WorkloadId" v:"req,pat=id"`
	LensAlias        string `uri:"LensAlias" v:"req,len=1:128"`
	PillarID         string `query:"PillarId" v:"len=1:64"`
	MilestoneNumber  *int   `query:"MilestoneNumber" v:"range=1:100"`
	NextToken        string `query:"NextToken"`
	MaxResults       *int   `query:"MaxResults" v:"range=1:100"`
	QuestionPriority string `query:"QuestionPriority" v:"enum=PRIORITIZED|NONE"`
}

func (a *API) listImprovements(ctx context.Context, in *improvementsIn) (*listImprovementsOut, error) {
	m := milestoneOf(in.MilestoneNumber)
	items, next, err := a.opt.Reviews.ListImprovements(ctx, in.WorkloadID, in.LensAlias, m, wellops.AnswerQuery{
		PillarID: in.PillarID, QuestionPriority: in.QuestionPriority, Lang: lang(ctx), Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	alias, arn := a.lensIDs(in.LensAlias)
	out := &listImprovementsOut{WorkloadID: in.WorkloadID, MilestoneNumber: m, LensAlias: alias, LensArn: arn,
		ImprovementSummaries: []improvementSummary{}, NextToken: next}
	for _, it := range items {
		s := improvementSummary{QuestionID: it.QuestionID, PillarID: it.PillarID, QuestionTitle: it.QuestionTitle,
			Risk: string(it.Risk), ImprovementPlans: []improvementPlan{}}
		for _, c := range it.Missing {
			p := improvementPlan{ChoiceID: c.ID, DisplayText: maxRunes(c.Title, 64)}
			if c.ImprovementPlan != nil {
				p.ImprovementPlanURL = c.ImprovementPlan.URL
				if c.ImprovementPlan.DisplayText != "" {
					p.DisplayText = maxRunes(c.ImprovementPlan.DisplayText, 64)
				}
			}
			if s.ImprovementPlanURL == "" {
				s.ImprovementPlanURL = p.ImprovementPlanURL
			}
			s.ImprovementPlans = append(s.ImprovementPlans, p)
		}
		out.ImprovementSummaries = append(out.ImprovementSummaries, s)
	}
	return out, nil
}
