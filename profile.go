package wellops

import (
	"slices"
	"time"
)

// Profile records a workload's business context; its answers decide which lens questions are
// prioritised. Every update makes a new version; workloads keep the version they were given
// until they upgrade.
type Profile struct {
	ARN               string
	Version           string
	Name              string
	Description       string
	Owner             string
	Questions         []ProfileQuestion
	Tags              map[string]string
	ShareInvitationID string
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// ProfileSummary is a profile as lists show it.
type ProfileSummary struct {
	ARN         string
	Version     string
	Name        string
	Description string
	Owner       string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// ProfileQuestion is a profile template question, with the choices selected in a profile.
type ProfileQuestion struct {
	QuestionID  string
	Title       string
	Description string
	Choices     []ProfileChoice
	Selected    []string
	Min, Max    int
	// Prioritizes maps a choice ID to the built-in lens question IDs it prioritises.
	Prioritizes map[string][]string `json:"-"`
}

// ProfileChoice is one choice of a profile question.
type ProfileChoice struct {
	ID          string
	Title       string
	Description string
}

// ProfileAnswer selects choices of one profile template question.
type ProfileAnswer struct {
	QuestionID        string
	SelectedChoiceIDs []string
}

// NewProfile is the input of CreateProfile.
type NewProfile struct {
	Name        string
	Description string
	Questions   []ProfileAnswer
	Tags        map[string]string
}

// ProfileUpdate is the input of UpdateProfile; nil fields stay.
type ProfileUpdate struct {
	Description *string
	Questions   *[]ProfileAnswer
}

// ProfileQuery filters ListProfiles.
type ProfileQuery struct {
	NamePrefix string
	OwnerType  string // SELF, SHARED or "" for both
	Page       Page
}

// ValidateProfile checks a profile's name, description and answers against template t.
func ValidateProfile(name, description *string, answers *[]ProfileAnswer, t ProfileTemplate) error {
	var p Problems
	if name != nil {
		checkLen(&p, "ProfileName", *name, 3, 100)
	}
	if description != nil {
		checkLen(&p, "ProfileDescription", *description, 3, 100)
	}
	if answers != nil {
		seen := map[string]bool{}
		for _, a := range *answers {
			q := t.Question(a.QuestionID)
			field := "ProfileQuestions." + clip(a.QuestionID)
			if q == nil {
				p.Add(field, "is not a question of the profile template")
				continue
			}
			if seen[a.QuestionID] {
				p.Add(field, "is answered twice")
			}
			seen[a.QuestionID] = true
			for _, c := range a.SelectedChoiceIDs {
				if !slices.ContainsFunc(q.Choices, func(pc ProfileChoice) bool { return pc.ID == c }) {
					p.Add(field, "%q is not a choice of this question", clip(c))
				}
			}
			if n := len(a.SelectedChoiceIDs); n < q.Min || n > q.Max {
				p.Add(field, "must select %d to %d choices, got %d", q.Min, q.Max, n)
			}
		}
	}
	return p.Err()
}

// ProfileTemplate is the set of questions every profile answers (GetProfileTemplate).
type ProfileTemplate struct {
	Name      string
	Questions []ProfileQuestion
}

// Question returns the template question with the given ID, or nil.
func (t ProfileTemplate) Question(id string) *ProfileQuestion {
	for i := range t.Questions {
		if t.Questions[i].QuestionID == id {
			return &t.Questions[i]
		}
	}
	return nil
}

// Prioritized returns the built-in lens question IDs that answers prioritise.
func (t ProfileTemplate) Prioritized(answers []ProfileQuestion) map[string]bool {
	out := map[string]bool{}
	for _, a := range answers {
		q := t.Question(a.QuestionID)
		if q == nil {
			continue
		}
		for _, c := range a.Selected {
			for _, qid := range q.Prioritizes[c] {
				out[qid] = true
			}
		}
	}
	return out
}
