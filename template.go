package wellops

import (
	"time"

	"github.com/wellops/wellops/lens"
)

// Review template update statuses and answer statuses.
const (
	TemplateCurrent        = "CURRENT"
	TemplateLensNotCurrent = "LENS_NOT_CURRENT"

	AnswerAnswered   = "ANSWERED"
	AnswerUnanswered = "UNANSWERED"
)

// QuestionCounts counts a template's questions by whether they have a pre-filled answer.
type QuestionCounts struct {
	Answered   int
	Unanswered int
}

// Map returns the counts keyed as the API's QuestionCounts map.
func (c QuestionCounts) Map() map[string]int {
	return map[string]int{AnswerAnswered: c.Answered, AnswerUnanswered: c.Unanswered}
}

// ReviewTemplate holds pre-filled answers and notes for chosen lenses; a workload created from
// it starts with them.
type ReviewTemplate struct {
	ARN               string
	Name              string
	Description       string
	Notes             string
	Lenses            []string
	Owner             string
	QuestionCounts    QuestionCounts
	UpdateStatus      string
	Tags              map[string]string
	ShareInvitationID string
	UpdatedAt         time.Time
}

// NewReviewTemplate is the input of CreateReviewTemplate.
type NewReviewTemplate struct {
	Name        string
	Description string
	Notes       string
	Lenses      []string
	Tags        map[string]string
}

// Validate checks the input against the API's limits.
func (in *NewReviewTemplate) Validate() error {
	var p Problems
	checkTemplateText(&p, "TemplateName", &in.Name, 3, 100)
	checkTemplateText(&p, "Description", &in.Description, 3, 250)
	checkMax(&p, "Notes", in.Notes, 2084)
	if len(in.Lenses) == 0 || len(in.Lenses) > 20 {
		p.Add("Lenses", "must name 1 to 20 lenses, got %d", len(in.Lenses))
	}
	if in.Tags != nil {
		checkTags(&p, "Tags", in.Tags)
	}
	return p.Err()
}

// ReviewTemplateUpdate is the input of UpdateReviewTemplate; nil fields stay.
type ReviewTemplateUpdate struct {
	Name                 *string
	Description          *string
	Notes                *string
	LensesToAssociate    []string
	LensesToDisassociate []string
}

// Validate checks the fields that are set.
func (u *ReviewTemplateUpdate) Validate() error {
	var p Problems
	checkTemplateText(&p, "TemplateName", u.Name, 3, 100)
	checkTemplateText(&p, "Description", u.Description, 3, 250)
	if u.Notes != nil {
		checkMax(&p, "Notes", *u.Notes, 2084)
	}
	if len(u.LensesToAssociate) > 10 {
		p.Add("LensesToAssociate", "must name at most 10 lenses per call, got %d", len(u.LensesToAssociate))
	}
	if len(u.LensesToDisassociate) > 10 {
		p.Add("LensesToDisassociate", "must name at most 10 lenses per call, got %d", len(u.LensesToDisassociate))
	}
	return p.Err()
}

func checkTemplateText(p *Problems, name string, v *string, min, max int) {
	if v == nil {
		return
	}
	checkLen(p, name, *v, min, max)
	if *v != "" {
		checkPattern(p, name, *v, reTemplate, "letters, digits, spaces and - _ . , : / ( ) @ ! & ? # + '")
	}
}

// TemplateLensReview is a review template's pre-filled review of one lens.
type TemplateLensReview struct {
	TemplateARN    string
	LensAlias      string
	LensARN        string
	LensVersion    string
	LensName       string
	LensStatus     string
	Notes          string
	PillarNotes    map[string]string
	Pillars        []TemplatePillar
	QuestionCounts QuestionCounts
	UpdatedAt      time.Time
	Lens           *lens.Lens `json:"-"`
}

// TemplatePillar counts one pillar's pre-filled questions.
type TemplatePillar struct {
	PillarID       string
	PillarName     string
	Notes          string
	QuestionCounts QuestionCounts
}

// TemplateAnswered reports whether a pre-filled answer counts as answered.
func TemplateAnswered(a Answer) bool {
	return !a.IsApplicable || len(a.SelectedChoices) > 0
}
