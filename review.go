package wellops

import (
	"slices"
	"time"

	"github.com/wellops/wellops/lens"
)

// Lens review statuses (LensStatus on a workload's lens review).
const (
	LensCurrent    = "CURRENT"
	LensNotCurrent = "NOT_CURRENT"
	LensDeprecated = "DEPRECATED"
	LensDeleted    = "DELETED"
	LensUnshared   = "UNSHARED"
)

// Answer reasons (question not applicable) and choice statuses, as the API names them.
const (
	ReasonOutOfScope              = "OUT_OF_SCOPE"
	ReasonBusinessPriorities      = "BUSINESS_PRIORITIES"
	ReasonArchitectureConstraints = "ARCHITECTURE_CONSTRAINTS"
	ReasonOther                   = "OTHER"
	ReasonNone                    = "NONE"

	ChoiceSelected      = "SELECTED"
	ChoiceNotApplicable = "NOT_APPLICABLE"
	ChoiceUnselected    = "UNSELECTED"

	QuestionPrioritized    = "PRIORITIZED"
	QuestionNonPrioritized = "NON_PRIORITIZED"
)

// Reasons lists the valid AnswerReason / ChoiceReason values.
var Reasons = []string{ReasonOutOfScope, ReasonBusinessPriorities, ReasonArchitectureConstraints, ReasonOther, ReasonNone}

// LensReview is a workload's review against one lens version.
type LensReview struct {
	WorkloadID            string
	LensAlias             string // the built-in alias, or the custom lens ARN
	LensARN               string
	LensVersion           string
	LensName              string
	LensStatus            string
	Notes                 string
	PillarNotes           map[string]string
	Pillars               []PillarReview
	RiskCounts            RiskCounts
	PrioritizedRiskCounts RiskCounts
	Profiles              []WorkloadProfile
	JiraConfiguration     *JiraSelection
	UpdatedAt             time.Time

	// Lens is the lens content the review was answered against, in the requested language.
	Lens *lens.Lens `json:"-"`
}

// JiraSelection is the lens review's Jira setting: questions selected per pillar.
type JiraSelection struct {
	SelectedPillars []JiraPillar
}

// JiraPillar selects questions of one pillar for Jira sync.
type JiraPillar struct {
	PillarID            string
	SelectedQuestionIDs []string
}

// PillarReview is one pillar's roll-up within a lens review.
type PillarReview struct {
	PillarID              string
	PillarName            string
	Notes                 string
	RiskCounts            RiskCounts
	PrioritizedRiskCounts RiskCounts
}

// Answer is the answer to one question of a lens review.
type Answer struct {
	QuestionID      string
	PillarID        string
	SelectedChoices []string
	// ChoiceAnswers holds per-choice status details: choices marked not applicable (with a
	// reason) and any choice with a reason or notes. Selected choices are in SelectedChoices.
	ChoiceAnswers map[string]ChoiceAnswer
	IsApplicable  bool
	Reason        string
	Notes         string
	Risk          lens.Risk
	QuestionType  string // PRIORITIZED or NON_PRIORITIZED, from the workload's profile
	UpdatedAt     time.Time

	// Question is the lens content of the question (nil when the store only loaded answers).
	Question *lens.Question `json:"-"`
}

// ChoiceAnswer is the status of one choice, with its reason and notes.
type ChoiceAnswer struct {
	ChoiceID string
	Status   string
	Reason   string
	Notes    string
}

// ChoiceStatuses lists every choice of q with its status as the API's ChoiceAnswers show it:
// selected and not-applicable choices, and unselected ones that carry notes or a reason.
func (a *Answer) ChoiceStatuses(q *lens.Question) []ChoiceAnswer {
	var out []ChoiceAnswer
	for _, c := range q.Choices {
		ca, has := a.ChoiceAnswers[c.ID]
		ca.ChoiceID = c.ID
		switch {
		case slices.Contains(a.SelectedChoices, c.ID):
			ca.Status = ChoiceSelected
		case ca.Status == ChoiceNotApplicable:
		case has && (ca.Notes != "" || ca.Reason != ""):
			ca.Status = ChoiceUnselected
		default:
			continue
		}
		out = append(out, ca)
	}
	return out
}

// NewAnswer is an unanswered question.
func NewAnswer(pillarID string, q *lens.Question) Answer {
	return Answer{QuestionID: q.ID, PillarID: pillarID, IsApplicable: true, Risk: lens.RiskUnanswered, Question: q}
}

// AnswerUpdate is the input of UpdateAnswer: nil fields are left as they are.
type AnswerUpdate struct {
	// SelectedChoices replaces the selected choices.
	SelectedChoices *[]string
	// ChoiceUpdates sets single choices' status, reason and notes, after SelectedChoices.
	ChoiceUpdates map[string]ChoiceUpdate
	Notes         *string
	IsApplicable  *bool
	Reason        *string
}

// ChoiceUpdate sets one choice's status.
type ChoiceUpdate struct {
	Status string
	Reason string
	Notes  string
}

// ApplyAnswerUpdate validates u against question q and returns the answer after it, with its
// risk recomputed by q's risk rules. The current answer is not modified. Every problem is
// reported at once and names the field, e.g. "ChoiceUpdates.x: not a choice of question y".
func ApplyAnswerUpdate(q *lens.Question, cur Answer, u AnswerUpdate) (Answer, error) {
	var p Problems
	next := cur
	next.SelectedChoices = slices.Clone(cur.SelectedChoices)
	next.ChoiceAnswers = make(map[string]ChoiceAnswer, len(cur.ChoiceAnswers))
	for k, v := range cur.ChoiceAnswers {
		next.ChoiceAnswers[k] = v
	}

	if u.SelectedChoices != nil {
		for _, id := range *u.SelectedChoices {
			if q.Choice(id) == nil {
				p.Add("SelectedChoices", "%q is not a choice of question %s", clip(id), q.ID)
			}
		}
		next.SelectedChoices = slices.Clone(*u.SelectedChoices)
		// Selecting a choice takes back its not-applicable mark.
		for _, id := range next.SelectedChoices {
			if ca, ok := next.ChoiceAnswers[id]; ok && ca.Status == ChoiceNotApplicable {
				ca.Status, ca.Reason = "", ""
				next.ChoiceAnswers[id] = ca
			}
		}
	}
	for _, id := range sortedKeys(u.ChoiceUpdates) {
		cu := u.ChoiceUpdates[id]
		field := "ChoiceUpdates." + clip(id)
		if q.Choice(id) == nil {
			p.Add(field, "%q is not a choice of question %s", clip(id), q.ID)
			continue
		}
		checkEnum(&p, field+".Status", cu.Status, ChoiceSelected, ChoiceNotApplicable, ChoiceUnselected)
		if cu.Reason != "" {
			checkEnum(&p, field+".Reason", cu.Reason, Reasons...)
		}
		checkMax(&p, field+".Notes", cu.Notes, 250)
		ca := ChoiceAnswer{ChoiceID: id, Reason: cu.Reason, Notes: cu.Notes}
		next.SelectedChoices = slices.DeleteFunc(next.SelectedChoices, func(s string) bool { return s == id })
		switch cu.Status {
		case ChoiceSelected:
			next.SelectedChoices = append(next.SelectedChoices, id)
		case ChoiceNotApplicable:
			ca.Status = ChoiceNotApplicable
		}
		if ca.Status == "" && ca.Reason == "" && ca.Notes == "" {
			delete(next.ChoiceAnswers, id)
		} else {
			next.ChoiceAnswers[id] = ca
		}
	}
	if u.Notes != nil {
		checkMax(&p, "Notes", *u.Notes, 2084)
		next.Notes = *u.Notes
	}
	if u.IsApplicable != nil {
		next.IsApplicable = *u.IsApplicable
		if next.IsApplicable {
			next.Reason = ""
		}
	}
	if u.Reason != nil {
		if *u.Reason != "" {
			checkEnum(&p, "Reason", *u.Reason, Reasons...)
		}
		next.Reason = *u.Reason
	}
	if err := p.Err(); err != nil {
		return cur, err
	}
	sel, err := q.Normalize(next.SelectedChoices)
	if err != nil {
		return cur, &Error{Code: EINVALID, Message: "invalid SelectedChoices", Fields: []FieldError{{Name: "SelectedChoices", Message: err.Error()}}}
	}
	next.SelectedChoices = sel
	next.Risk = EvaluateAnswer(q, next)
	next.Question = q
	return next, nil
}

// EvaluateAnswer computes a's risk with q's rules: a choice marked not applicable counts as
// unselected.
func EvaluateAnswer(q *lens.Question, a Answer) lens.Risk {
	sel := a.SelectedChoices
	if len(a.ChoiceAnswers) > 0 {
		sel = slices.DeleteFunc(slices.Clone(sel), func(id string) bool {
			return a.ChoiceAnswers[id].Status == ChoiceNotApplicable
		})
	}
	return q.Evaluate(a.IsApplicable, sel)
}

// RollUp fills the pillar, lens-review and prioritised counts of r from its answers, in
// lens order. prioritized reports whether a question is prioritised by the workload's profile.
func RollUp(r *LensReview, answers []Answer, prioritized func(questionID string) bool) {
	byQ := make(map[string]*Answer, len(answers))
	for i := range answers {
		byQ[answers[i].QuestionID] = &answers[i]
	}
	r.Pillars = r.Pillars[:0]
	r.RiskCounts, r.PrioritizedRiskCounts = RiskCounts{}, RiskCounts{}
	for _, pl := range r.Lens.Pillars {
		pr := PillarReview{PillarID: pl.ID, PillarName: pl.Name, Notes: r.PillarNotes[pl.ID]}
		for _, q := range pl.Questions {
			risk := lens.RiskUnanswered
			if a := byQ[q.ID]; a != nil {
				risk = a.Risk
			}
			pr.RiskCounts.Add(risk)
			if prioritized != nil && prioritized(q.ID) {
				pr.PrioritizedRiskCounts.Add(risk)
			}
		}
		r.Pillars = append(r.Pillars, pr)
		r.RiskCounts = r.RiskCounts.Plus(pr.RiskCounts)
		r.PrioritizedRiskCounts = r.PrioritizedRiskCounts.Plus(pr.PrioritizedRiskCounts)
	}
}

// LensReviewUpdate is the input of UpdateLensReview.
type LensReviewUpdate struct {
	LensNotes         *string
	PillarNotes       map[string]string
	JiraConfiguration *JiraSelection
}

// Validate checks the update against lens l.
func (u *LensReviewUpdate) Validate(l *lens.Lens) error {
	var p Problems
	if u.LensNotes != nil {
		checkMax(&p, "LensNotes", *u.LensNotes, 2084)
	}
	for _, id := range sortedKeys(u.PillarNotes) {
		if !hasPillar(l, id) {
			p.Add("PillarNotes."+clip(id), "is not a pillar of lens %s", l.Name)
		}
		checkMax(&p, "PillarNotes."+clip(id), u.PillarNotes[id], 2084)
	}
	if u.JiraConfiguration != nil {
		for _, sp := range u.JiraConfiguration.SelectedPillars {
			if !hasPillar(l, sp.PillarID) {
				p.Add("JiraConfiguration.SelectedPillars", "%q is not a pillar of lens %s", clip(sp.PillarID), l.Name)
			}
			for _, qid := range sp.SelectedQuestionIDs {
				if pl, _ := l.Question(qid); pl == nil || pl.ID != sp.PillarID {
					p.Add("JiraConfiguration.SelectedPillars", "%q is not a question of pillar %s", clip(qid), clip(sp.PillarID))
				}
			}
		}
	}
	return p.Err()
}

func hasPillar(l *lens.Lens, id string) bool {
	for _, p := range l.Pillars {
		if p.ID == id {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
