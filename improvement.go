package wellops

import (
	"slices"

	"github.com/wellops/wellops/lens"
)

// Improvement is one item of a lens review's improvement plan: a question at risk and the best
// practices it is missing.
type Improvement struct {
	QuestionID    string
	PillarID      string
	QuestionTitle string
	Risk          lens.Risk
	QuestionType  string
	// Missing lists the choices neither selected nor marked not applicable, the most
	// important first; each carries its improvement plan text and links.
	Missing []*lens.Choice
	// Status is the team's progress on this item (NOT_STARTED, IN_PROGRESS, COMPLETE,
	// RISK_ACKNOWLEDGED); NOT_STARTED until someone sets it.
	Status string
}

// ImprovementPlan lists the questions of l at HIGH or MEDIUM risk, ordered as a team should
// work on them: HIGH before MEDIUM, then by the workload's pillar priorities (listed pillars
// first, in that order), then by the most severe missing best practice's own risk level,
// then in lens order.
func ImprovementPlan(l *lens.Lens, answers []Answer, pillarPriorities []string) []Improvement {
	byQ := make(map[string]*Answer, len(answers))
	for i := range answers {
		byQ[answers[i].QuestionID] = &answers[i]
	}
	type ranked struct {
		item                  Improvement
		risk, pillar, bp, pos int
	}
	var items []ranked
	pos := 0
	for pi, pl := range l.Pillars {
		pillarRank := len(pillarPriorities) + pi
		if i := slices.Index(pillarPriorities, pl.ID); i >= 0 {
			pillarRank = i
		}
		for _, q := range pl.Questions {
			pos++
			a := byQ[q.ID]
			if a == nil || (a.Risk != lens.RiskHigh && a.Risk != lens.RiskMedium) {
				continue
			}
			missing := missingChoices(q, a)
			bp := 3
			if len(missing) > 0 {
				bp = bpRank(missing[0])
			}
			risk := 1
			if a.Risk == lens.RiskHigh {
				risk = 0
			}
			items = append(items, ranked{
				item: Improvement{QuestionID: q.ID, PillarID: pl.ID, QuestionTitle: q.Title, Risk: a.Risk,
					QuestionType: a.QuestionType, Missing: missing, Status: ImprovementNotStarted},
				risk: risk, pillar: pillarRank, bp: bp, pos: pos,
			})
		}
	}
	slices.SortStableFunc(items, func(a, b ranked) int {
		for _, d := range [...]int{a.risk - b.risk, a.pillar - b.pillar, a.bp - b.bp, a.pos - b.pos} {
			if d != 0 {
				return d
			}
		}
		return 0
	})
	out := make([]Improvement, len(items))
	for i, r := range items {
		out[i] = r.item
	}
	return out
}

// missingChoices returns q's real choices that a neither selects nor marks not applicable,
// most severe best practice first, then in lens order.
func missingChoices(q *lens.Question, a *Answer) []*lens.Choice {
	var out []*lens.Choice
	none := q.NoneChoice()
	for _, c := range q.Choices {
		if c == none || slices.Contains(a.SelectedChoices, c.ID) || a.ChoiceAnswers[c.ID].Status == ChoiceNotApplicable {
			continue
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(x, y *lens.Choice) int { return bpRank(x) - bpRank(y) })
	return out
}

// bpRank orders best practices by their own risk level; custom lens choices have none.
func bpRank(c *lens.Choice) int {
	if c.BestPractice == nil {
		return 3
	}
	switch c.BestPractice.Risk {
	case lens.RiskHigh:
		return 0
	case lens.RiskMedium:
		return 1
	case lens.RiskLow:
		return 2
	}
	return 3
}
