package lens

import "slices"

// Difference statuses, as GetLensVersionDifference names them.
const (
	DiffNew     = "NEW"
	DiffUpdated = "UPDATED"
	DiffDeleted = "DELETED"
)

// PillarDifference is one changed pillar between two versions of a lens.
type PillarDifference struct {
	PillarID   string
	PillarName string
	Status     string
	Questions  []QuestionDifference
}

// QuestionDifference is one changed question of a pillar.
type QuestionDifference struct {
	QuestionID    string
	QuestionTitle string
	Status        string
}

// Diff lists what changed from base to target, pillar by pillar, for
// GetLensVersionDifference. Pillars and questions are matched by ID. A question is UPDATED
// when anything in it differs (title, description, resources, choices, their order, rules); a
// pillar is UPDATED when its name, any of its questions or their order changed. A new pillar
// lists its questions as NEW, a deleted one as DELETED. Unchanged pillars and questions are
// left out. Order: target's pillars and questions first, in target order, then what only base
// had, in base order. Names and titles come from target, or from base for deleted items.
func Diff(base, target *Lens) []PillarDifference {
	var out []PillarDifference
	basePillars := pillarsByID(base)
	inTarget := make(map[string]bool)
	for _, tp := range pillars(target) {
		inTarget[tp.ID] = true
		bp := basePillars[tp.ID]
		if bp == nil {
			out = append(out, wholePillar(tp, DiffNew))
			continue
		}
		qs := diffQuestions(bp, tp)
		if len(qs) > 0 || bp.Name != tp.Name || !slices.Equal(questionIDs(bp), questionIDs(tp)) {
			out = append(out, PillarDifference{PillarID: tp.ID, PillarName: tp.Name, Status: DiffUpdated, Questions: qs})
		}
	}
	for _, bp := range pillars(base) {
		if !inTarget[bp.ID] {
			out = append(out, wholePillar(bp, DiffDeleted))
		}
	}
	return out
}

func diffQuestions(bp, tp *Pillar) []QuestionDifference {
	var out []QuestionDifference
	baseQs := make(map[string]*Question)
	for _, q := range questions(bp) {
		baseQs[q.ID] = q
	}
	inTarget := make(map[string]bool)
	for _, tq := range questions(tp) {
		inTarget[tq.ID] = true
		switch bq := baseQs[tq.ID]; {
		case bq == nil:
			out = append(out, QuestionDifference{tq.ID, tq.Title, DiffNew})
		case !equalQuestion(bq, tq):
			out = append(out, QuestionDifference{tq.ID, tq.Title, DiffUpdated})
		}
	}
	for _, bq := range questions(bp) {
		if !inTarget[bq.ID] {
			out = append(out, QuestionDifference{bq.ID, bq.Title, DiffDeleted})
		}
	}
	return out
}

func wholePillar(p *Pillar, status string) PillarDifference {
	d := PillarDifference{PillarID: p.ID, PillarName: p.Name, Status: status}
	for _, q := range questions(p) {
		d.Questions = append(d.Questions, QuestionDifference{q.ID, q.Title, status})
	}
	return d
}

// pillars and questions skip nil entries, which only an invalid lens built in code has, so
// Diff never panics.
func pillars(l *Lens) []*Pillar {
	if l == nil {
		return nil
	}
	return slices.DeleteFunc(slices.Clone(l.Pillars), func(p *Pillar) bool { return p == nil })
}

func questions(p *Pillar) []*Question {
	return slices.DeleteFunc(slices.Clone(p.Questions), func(q *Question) bool { return q == nil })
}

func pillarsByID(l *Lens) map[string]*Pillar {
	m := make(map[string]*Pillar)
	for _, p := range pillars(l) {
		m[p.ID] = p
	}
	return m
}

func questionIDs(p *Pillar) []string {
	var ids []string
	for _, q := range questions(p) {
		ids = append(ids, q.ID)
	}
	return ids
}

func equalQuestion(a, b *Question) bool {
	return a.ID == b.ID && a.Title == b.Title && a.Description == b.Description &&
		equalResource(a.HelpfulResource, b.HelpfulResource) &&
		slices.EqualFunc(a.Choices, b.Choices, equalChoice) &&
		slices.EqualFunc(a.RiskRules, b.RiskRules, func(x, y *RiskRule) bool {
			return x == y || x != nil && y != nil && *x == *y
		})
}

func equalChoice(a, b *Choice) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.ID == b.ID && a.Title == b.Title && a.Description == b.Description &&
		equalResource(a.HelpfulResource, b.HelpfulResource) &&
		equalResource(a.ImprovementPlan, b.ImprovementPlan) &&
		slices.EqualFunc(a.AdditionalResources, b.AdditionalResources, func(x, y *AdditionalResource) bool {
			if x == nil || y == nil {
				return x == y
			}
			return x.Type == y.Type && slices.EqualFunc(x.Content, y.Content, equalResource)
		}) &&
		equalBestPractice(a.BestPractice, b.BestPractice)
}

// equalResource treats an absent resource and an empty one alike: both show nothing.
func equalResource(a, b *Resource) bool {
	var x, y Resource
	if a != nil {
		x = *a
	}
	if b != nil {
		y = *b
	}
	return x == y
}

// equalBestPractice compares the built-in lens's catalog facts, which a new whitepaper
// edition may change without touching any text.
func equalBestPractice(a, b *BestPractice) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.ID == b.ID && a.Risk == b.Risk && a.Effort == b.Effort && slices.Equal(a.Related, b.Related)
}
