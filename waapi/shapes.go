package waapi

import (
	"slices"
	"strconv"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// Wire shapes shared by several operations. Member names are the model's; optional members
// are left out when empty, as the AWS service does.

// epoch is a Timestamp on the wire: seconds since 1970 as a JSON number, with milliseconds.
type epoch time.Time

func (t epoch) MarshalJSON() ([]byte, error) {
	ms := time.Time(t).UnixMilli()
	return strconv.AppendFloat(nil, float64(ms)/1000, 'f', -1, 64), nil
}

// ts returns the wire timestamp of t, nil for the zero time so that it is left out.
func ts(t time.Time) *epoch {
	if t.IsZero() {
		return nil
	}
	e := epoch(t)
	return &e
}

// risks returns counts as the model's RiskCounts map, nil when there is nothing to count.
func risks(c wellops.RiskCounts) map[string]int {
	if c == (wellops.RiskCounts{}) {
		return nil
	}
	return c.Map()
}

// maxRunes clips s to n characters, for output members the model bounds tighter than our
// content (DisplayText is at most 64).
func maxRunes(s string, n int) string {
	if len(s) <= n {
		return s // fewer bytes than the limit: fewer characters too
	}
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

type workloadProfile struct {
	ProfileArn     string `json:"ProfileArn,omitempty"`
	ProfileVersion string `json:"ProfileVersion,omitempty"`
}

func profiles(ps []wellops.WorkloadProfile) []workloadProfile {
	var out []workloadProfile
	for _, p := range ps {
		out = append(out, workloadProfile{p.ProfileARN, p.ProfileVersion})
	}
	return out
}

type choiceContent struct {
	DisplayText string `json:"DisplayText,omitempty"`
	URL         string `json:"Url,omitempty"`
}

func content(r *lens.Resource) *choiceContent {
	if r == nil || (r.DisplayText == "" && r.URL == "") {
		return nil
	}
	return &choiceContent{maxRunes(r.DisplayText, 1024), r.URL}
}

type additionalResources struct {
	Type    string          `json:"Type,omitempty"`
	Content []choiceContent `json:"Content,omitempty"`
}

type choice struct {
	ChoiceID            string                `json:"ChoiceId"`
	Title               string                `json:"Title,omitempty"`
	Description         string                `json:"Description,omitempty"`
	HelpfulResource     *choiceContent        `json:"HelpfulResource,omitempty"`
	ImprovementPlan     *choiceContent        `json:"ImprovementPlan,omitempty"`
	AdditionalResources []additionalResources `json:"AdditionalResources,omitempty"`
}

func choices(q *lens.Question) []choice {
	out := make([]choice, 0, len(q.Choices))
	for _, c := range q.Choices {
		ch := choice{ChoiceID: c.ID, Title: c.Title, Description: c.Description,
			HelpfulResource: content(c.HelpfulResource), ImprovementPlan: content(c.ImprovementPlan)}
		for _, ar := range c.AdditionalResources {
			r := additionalResources{Type: ar.Type}
			for _, cc := range ar.Content {
				if x := content(cc); x != nil {
					r.Content = append(r.Content, *x)
				}
			}
			ch.AdditionalResources = append(ch.AdditionalResources, r)
		}
		out = append(out, ch)
	}
	return out
}

type choiceAnswer struct {
	ChoiceID string `json:"ChoiceId"`
	Status   string `json:"Status,omitempty"`
	Reason   string `json:"Reason,omitempty"`
	Notes    string `json:"Notes,omitempty"`
}

type choiceAnswerSummary struct {
	ChoiceID string `json:"ChoiceId"`
	Status   string `json:"Status,omitempty"`
	Reason   string `json:"Reason,omitempty"`
}

// answer is the model's Answer and ReviewTemplateAnswer: the template form has AnswerStatus
// where the review has Risk.
type answer struct {
	QuestionID                 string         `json:"QuestionId"`
	PillarID                   string         `json:"PillarId,omitempty"`
	QuestionTitle              string         `json:"QuestionTitle,omitempty"`
	QuestionDescription        string         `json:"QuestionDescription,omitempty"`
	ImprovementPlanURL         string         `json:"ImprovementPlanUrl,omitempty"`
	HelpfulResourceURL         string         `json:"HelpfulResourceUrl,omitempty"`
	HelpfulResourceDisplayText string         `json:"HelpfulResourceDisplayText,omitempty"`
	Choices                    []choice       `json:"Choices"`
	SelectedChoices            []string       `json:"SelectedChoices"`
	ChoiceAnswers              []choiceAnswer `json:"ChoiceAnswers"`
	IsApplicable               bool           `json:"IsApplicable"`
	Risk                       string         `json:"Risk,omitempty"`
	AnswerStatus               string         `json:"AnswerStatus,omitempty"`
	Notes                      string         `json:"Notes,omitempty"`
	Reason                     string         `json:"Reason,omitempty"`
}

func toAnswer(a *wellops.Answer) answer {
	q := a.Question
	out := answer{QuestionID: a.QuestionID, PillarID: a.PillarID, SelectedChoices: nonNil(a.SelectedChoices),
		IsApplicable: a.IsApplicable, Risk: string(a.Risk), Notes: a.Notes, Reason: a.Reason}
	if q == nil {
		return out
	}
	out.QuestionTitle, out.QuestionDescription = q.Title, maxRunes(q.Description, 1024)
	if hr := q.HelpfulResource; hr != nil && hr.URL != "" {
		out.HelpfulResourceURL, out.HelpfulResourceDisplayText = hr.URL, maxRunes(hr.DisplayText, 64)
	}
	out.ImprovementPlanURL = improvementURL(q, a)
	out.Choices = choices(q)
	out.ChoiceAnswers = []choiceAnswer{}
	for _, ca := range a.ChoiceStatuses(q) {
		out.ChoiceAnswers = append(out.ChoiceAnswers, choiceAnswer{ca.ChoiceID, ca.Status, ca.Reason, ca.Notes})
	}
	return out
}

// improvementURL is the improvement plan link of the first best practice an answered
// question misses; like the AWS tool, unanswered questions have none.
func improvementURL(q *lens.Question, a *wellops.Answer) string {
	if a.Risk != lens.RiskHigh && a.Risk != lens.RiskMedium {
		return ""
	}
	for _, c := range q.Choices {
		if c.ImprovementPlan != nil && c.ImprovementPlan.URL != "" && !slices.Contains(a.SelectedChoices, c.ID) {
			return c.ImprovementPlan.URL
		}
	}
	return ""
}

func templateAnswer(a *wellops.Answer) answer {
	out := toAnswer(a)
	out.Risk, out.ImprovementPlanURL = "", ""
	out.AnswerStatus = wellops.AnswerUnanswered
	if wellops.TemplateAnswered(*a) {
		out.AnswerStatus = wellops.AnswerAnswered
	}
	return out
}

// answerSummary is the model's AnswerSummary and ReviewTemplateAnswerSummary.
type answerSummary struct {
	QuestionID            string                `json:"QuestionId"`
	PillarID              string                `json:"PillarId,omitempty"`
	QuestionTitle         string                `json:"QuestionTitle,omitempty"`
	Choices               []choice              `json:"Choices"`
	SelectedChoices       []string              `json:"SelectedChoices"`
	ChoiceAnswerSummaries []choiceAnswerSummary `json:"ChoiceAnswerSummaries"`
	IsApplicable          bool                  `json:"IsApplicable"`
	Risk                  string                `json:"Risk,omitempty"`
	AnswerStatus          string                `json:"AnswerStatus,omitempty"`
	Reason                string                `json:"Reason,omitempty"`
	QuestionType          string                `json:"QuestionType,omitempty"`
}

func toAnswerSummary(a *wellops.Answer) answerSummary {
	full := toAnswer(a)
	out := answerSummary{QuestionID: full.QuestionID, PillarID: full.PillarID, QuestionTitle: full.QuestionTitle,
		Choices: full.Choices, SelectedChoices: full.SelectedChoices, IsApplicable: full.IsApplicable, Risk: full.Risk,
		Reason: full.Reason, QuestionType: a.QuestionType, ChoiceAnswerSummaries: []choiceAnswerSummary{}}
	if out.QuestionType == "" {
		out.QuestionType = wellops.QuestionNonPrioritized
	}
	for _, ca := range full.ChoiceAnswers {
		out.ChoiceAnswerSummaries = append(out.ChoiceAnswerSummaries, choiceAnswerSummary{ca.ChoiceID, ca.Status, ca.Reason})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

type selectedPillar struct {
	PillarID            string   `json:"PillarId,omitempty" v:"len=1:64"`
	SelectedQuestionIDs []string `json:"SelectedQuestionIds,omitempty"`
}

type jiraSelection struct {
	SelectedPillars []selectedPillar `json:"SelectedPillars"`
}

func toJiraSelection(j *wellops.JiraSelection) *jiraSelection {
	if j == nil {
		return nil
	}
	out := &jiraSelection{SelectedPillars: []selectedPillar{}}
	for _, p := range j.SelectedPillars {
		out.SelectedPillars = append(out.SelectedPillars, selectedPillar{p.PillarID, p.SelectedQuestionIDs})
	}
	return out
}

func fromJiraSelection(j *jiraSelection) *wellops.JiraSelection {
	if j == nil {
		return nil
	}
	out := &wellops.JiraSelection{}
	for _, p := range j.SelectedPillars {
		out.SelectedPillars = append(out.SelectedPillars, wellops.JiraPillar{PillarID: p.PillarID, SelectedQuestionIDs: p.SelectedQuestionIDs})
	}
	return out
}
