package report

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// lensReviewDoc is everything a lens review report shows, gathered once; every encoder reads
// only this.
type lensReviewDoc struct {
	L           *labels
	Lang        string
	GeneratedAt time.Time
	Workload    *wellops.Workload
	Milestone   *wellops.Milestone // nil for the current state
	Review      *wellops.LensReview
	Pillars     []pillarDoc
	Plan        []planItem
	Scan        *wellops.EvidenceScan // nil when the workload was never scanned
	Trend       []trendPoint
}

type pillarDoc struct {
	Review    wellops.PillarReview
	Questions []questionDoc
}

type questionDoc struct {
	Q       *lens.Question
	A       wellops.Answer
	Choices []choiceDoc
}

// choiceDoc is one choice of a question with its status in the answer and its evidence.
type choiceDoc struct {
	C         *lens.Choice
	Status    string // SELECTED, NOT_APPLICABLE or UNSELECTED
	Reason    string
	Notes     string
	None      bool // the "None of these" choice
	Evidence  *wellops.PracticeEvidence
	Suggested bool // evidence suggests it and nobody has decided yet
}

type planItem struct {
	wellops.Improvement
	PillarName string
}

// trendPoint is one milestone (or the current state, Number 0) in the trend chart.
type trendPoint struct {
	Number     int
	Name       string
	RecordedAt time.Time
	Counts     wellops.RiskCounts
}

// Title is the document title: report kind and workload.
func (d *lensReviewDoc) Title() string { return d.Workload.Name + " — " + d.L.LensReviewReport }

// Questions counts the questions of the review.
func (d *lensReviewDoc) Questions() int {
	n := 0
	for _, p := range d.Pillars {
		n += len(p.Questions)
	}
	return n
}

// gatherLensReview reads a review through the services. Every read carries the caller's
// principal, so access rules apply; an unknown workload, lens or milestone is the service's
// own ENOTFOUND.
func (r *Renderer) gatherLensReview(ctx context.Context, workloadID, alias, lang string, milestone int) (*lensReviewDoc, error) {
	o := r.opt
	d := &lensReviewDoc{L: labelsFor(lang), Lang: lang, GeneratedAt: o.Now()}
	var err error
	if milestone > 0 {
		if d.Milestone, err = o.Milestones.GetMilestone(ctx, workloadID, milestone); err != nil {
			return nil, err
		}
	}
	if d.Workload, err = o.Workloads.GetWorkload(ctx, workloadID, milestone); err != nil {
		return nil, err
	}
	if d.Review, err = o.Reviews.GetLensReview(ctx, workloadID, alias, milestone, lang); err != nil {
		return nil, err
	}
	var answers []wellops.Answer
	for page := (wellops.Page{Limit: 50}); ; {
		as, next, err := o.Reviews.ListAnswers(ctx, workloadID, alias, milestone, wellops.AnswerQuery{Lang: lang, Page: page})
		if err != nil {
			return nil, err
		}
		answers = append(answers, as...)
		if next == "" {
			break
		}
		page.Token = next
	}
	var plan []wellops.Improvement
	for page := (wellops.Page{Limit: 100}); ; {
		items, next, err := o.Reviews.ListImprovements(ctx, workloadID, alias, milestone, wellops.AnswerQuery{Lang: lang, Page: page})
		if err != nil {
			return nil, err
		}
		plan = append(plan, items...)
		if next == "" {
			break
		}
		page.Token = next
	}
	evidence, suggested, err := r.gatherEvidence(ctx, workloadID, alias, d)
	if err != nil {
		return nil, err
	}
	if d.Trend, err = r.gatherTrend(ctx, d.Workload, milestone); err != nil {
		return nil, err
	}

	byQ := make(map[string]wellops.Answer, len(answers))
	for _, a := range answers {
		byQ[a.QuestionID] = a
	}
	l := d.Review.Lens
	names := map[string]string{}
	for i, pr := range d.Review.Pillars {
		pd := pillarDoc{Review: pr}
		var pl *lens.Pillar
		if l != nil && i < len(l.Pillars) && l.Pillars[i].ID == pr.PillarID {
			pl = l.Pillars[i]
		}
		names[pr.PillarID] = pr.PillarName
		if pl == nil {
			d.Pillars = append(d.Pillars, pd)
			continue
		}
		for _, q := range pl.Questions {
			a, ok := byQ[q.ID]
			if !ok {
				a = wellops.NewAnswer(pl.ID, q)
			}
			pd.Questions = append(pd.Questions, questionDoc{Q: q, A: a, Choices: choiceDocs(q, a, evidence, suggested)})
		}
		d.Pillars = append(d.Pillars, pd)
	}
	for _, it := range plan {
		d.Plan = append(d.Plan, planItem{Improvement: it, PillarName: names[it.PillarID]})
	}
	return d, nil
}

// gatherEvidence reads the latest scan, indexed by question and choice. Evidence is about the
// built-in lens only; a workload never scanned has none, which is not an error.
func (r *Renderer) gatherEvidence(ctx context.Context, workloadID, alias string, d *lensReviewDoc) (map[string]*wellops.PracticeEvidence, map[string]bool, error) {
	if r.opt.Evidence == nil || alias != lens.BuiltinAlias {
		return nil, nil, nil
	}
	scan, err := r.opt.Evidence.GetEvidence(ctx, workloadID)
	if wellops.ErrorCode(err) == wellops.ENOTFOUND {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	d.Scan = scan
	ev := map[string]*wellops.PracticeEvidence{}
	for i := range scan.Practices {
		p := &scan.Practices[i]
		ev[p.QuestionID+"/"+p.ChoiceID] = p
	}
	sugg, err := r.opt.Evidence.ListSuggestions(ctx, workloadID)
	if err != nil {
		return nil, nil, err
	}
	suggested := map[string]bool{}
	for _, s := range sugg {
		if s.Status == wellops.SuggestionPending {
			suggested[s.QuestionID+"/"+s.ChoiceID] = true
		}
	}
	return ev, suggested, nil
}

// gatherTrend reads the workload's milestones (up to the one reported on) and ends with the
// current state when the report is of the current state.
func (r *Renderer) gatherTrend(ctx context.Context, w *wellops.Workload, milestone int) ([]trendPoint, error) {
	var out []trendPoint
	for page := (wellops.Page{Limit: 50}); ; {
		ms, next, err := r.opt.Milestones.ListMilestones(ctx, w.ID, page)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if milestone == 0 || m.Number <= milestone {
				out = append(out, trendPoint{Number: m.Number, Name: m.Name, RecordedAt: m.RecordedAt, Counts: m.Workload.RiskCounts})
			}
		}
		if next == "" {
			break
		}
		page.Token = next
	}
	if milestone == 0 {
		out = append(out, trendPoint{Number: 0, RecordedAt: w.UpdatedAt, Counts: w.RiskCounts})
	}
	return out, nil
}

// choiceDocs lists every choice of q, in lens order, with its status in a.
func choiceDocs(q *lens.Question, a wellops.Answer, ev map[string]*wellops.PracticeEvidence, suggested map[string]bool) []choiceDoc {
	none := q.NoneChoice()
	out := make([]choiceDoc, 0, len(q.Choices))
	for _, c := range q.Choices {
		cd := choiceDoc{C: c, Status: wellops.ChoiceUnselected, None: c == none}
		if ca, ok := a.ChoiceAnswers[c.ID]; ok {
			cd.Reason, cd.Notes = ca.Reason, ca.Notes
			if ca.Status == wellops.ChoiceNotApplicable {
				cd.Status = wellops.ChoiceNotApplicable
			}
		}
		if slices.Contains(a.SelectedChoices, c.ID) {
			cd.Status = wellops.ChoiceSelected
		}
		cd.Evidence = ev[q.ID+"/"+c.ID]
		cd.Suggested = suggested[q.ID+"/"+c.ID] && cd.Status != wellops.ChoiceSelected
		out = append(out, cd)
	}
	return out
}

// consolidatedDoc is everything a consolidated report shows.
type consolidatedDoc struct {
	L           *labels
	Lang        string
	GeneratedAt time.Time
	Query       wellops.ConsolidatedQuery
	Metrics     []wellops.ConsolidatedMetric
	Applied     []int // lenses applied to each workload, before a lens filter
	Totals      wellops.RiskCounts
	Lenses      []lensTotal
	MostMissing []missingPractice
}

// lensTotal sums one lens over the workloads that apply it.
type lensTotal struct {
	Alias, ARN, Name string
	Workloads        int
	Counts           wellops.RiskCounts
	Pillars          []pillarTotal
}

type pillarTotal struct {
	ID, Name string
	Counts   wellops.RiskCounts
}

// missingPractice is a best practice and how many workloads miss it on a question at risk.
type missingPractice struct {
	LensAlias, LensName   string
	PillarID, QuestionID  string
	QuestionTitle         string
	ChoiceID, ChoiceTitle string
	Workloads             int
	BestPracticeID        string
	BestPracticeRisk      lens.Risk
	Example               string // one workload that misses it, for the reader to start with
}

// Title is the document title.
func (d *consolidatedDoc) Title() string { return d.L.ConsolidatedReport }

// gatherConsolidated reads every page of metrics and sums them. With a lens filter, each
// workload keeps only that lens, and its counts become that lens's.
func (r *Renderer) gatherConsolidated(ctx context.Context, q wellops.ConsolidatedQuery, lang string) (*consolidatedDoc, error) {
	if r.opt.Settings == nil {
		return nil, errors.New("report: no settings service for the consolidated report")
	}
	d := &consolidatedDoc{L: labelsFor(lang), Lang: lang, GeneratedAt: r.opt.Now(), Query: q}
	q.Page = wellops.Page{Limit: 1000}
	for {
		ms, next, err := r.opt.Settings.ConsolidatedMetrics(ctx, q)
		if err != nil {
			return nil, err
		}
		d.Metrics = append(d.Metrics, ms...)
		if next == "" {
			break
		}
		q.Page.Token = next
	}
	builtin := r.builtinLens(lang)
	type missKey struct{ lens, question, choice string }
	lensIdx := map[string]int{}
	missIdx := map[missKey]int{}
	for i := range d.Metrics {
		m := &d.Metrics[i]
		d.Applied = append(d.Applied, len(m.Lenses))
		if q.LensAlias != "" {
			m.Lenses = slices.DeleteFunc(m.Lenses, func(lm wellops.LensMetric) bool { return lm.LensAlias != q.LensAlias && lm.LensARN != q.LensAlias })
			m.RiskCounts = wellops.RiskCounts{}
			for _, lm := range m.Lenses {
				m.RiskCounts = m.RiskCounts.Plus(lm.RiskCounts)
			}
		}
		d.Totals = d.Totals.Plus(m.RiskCounts)
		for li := range m.Lenses {
			lm := &m.Lenses[li]
			if lm.LensAlias == lens.BuiltinAlias && builtin != nil {
				retitle(lm, builtin)
			}
			k, ok := lensIdx[lm.LensARN]
			if !ok {
				k = len(d.Lenses)
				lensIdx[lm.LensARN] = k
				d.Lenses = append(d.Lenses, lensTotal{Alias: lm.LensAlias, ARN: lm.LensARN, Name: lm.LensName})
			}
			lt := &d.Lenses[k]
			lt.Workloads++
			lt.Counts = lt.Counts.Plus(lm.RiskCounts)
			for _, pm := range lm.Pillars {
				pi := slices.IndexFunc(lt.Pillars, func(p pillarTotal) bool { return p.ID == pm.PillarID })
				if pi < 0 {
					pi = len(lt.Pillars)
					lt.Pillars = append(lt.Pillars, pillarTotal{ID: pm.PillarID, Name: pm.PillarName})
				}
				lt.Pillars[pi].Counts = lt.Pillars[pi].Counts.Plus(pm.RiskCounts)
				for _, qm := range pm.Questions {
					for _, bp := range qm.BestPractices {
						key := missKey{lm.LensARN, qm.QuestionID, bp.ChoiceID}
						j, ok := missIdx[key]
						if !ok {
							j = len(d.MostMissing)
							missIdx[key] = j
							mp := missingPractice{LensAlias: lm.LensAlias, LensName: lm.LensName, PillarID: pm.PillarID,
								QuestionID: qm.QuestionID, QuestionTitle: qm.QuestionTitle, ChoiceID: bp.ChoiceID, ChoiceTitle: bp.ChoiceTitle,
								Example: m.WorkloadName}
							if builtin != nil && lm.LensAlias == lens.BuiltinAlias {
								if _, bq := builtin.Question(qm.QuestionID); bq != nil {
									if c := bq.Choice(bp.ChoiceID); c != nil && c.BestPractice != nil {
										mp.BestPracticeID, mp.BestPracticeRisk = c.BestPractice.ID, c.BestPractice.Risk
									}
								}
							}
							d.MostMissing = append(d.MostMissing, mp)
						}
						d.MostMissing[j].Workloads++
					}
				}
			}
		}
	}
	slices.SortStableFunc(d.MostMissing, func(a, b missingPractice) int {
		if a.Workloads != b.Workloads {
			return b.Workloads - a.Workloads
		}
		return bpRank(a.BestPracticeRisk) - bpRank(b.BestPracticeRisk)
	})
	return d, nil
}

// retitle replaces the lens, pillar, question and choice titles of a built-in lens metric
// with those of the report's language; IDs are the same in every language.
func retitle(lm *wellops.LensMetric, l *lens.Lens) {
	lm.LensName = l.Name
	for pi := range lm.Pillars {
		pm := &lm.Pillars[pi]
		for _, p := range l.Pillars {
			if p.ID == pm.PillarID {
				pm.PillarName = p.Name
			}
		}
		for qi := range pm.Questions {
			qm := &pm.Questions[qi]
			_, q := l.Question(qm.QuestionID)
			if q == nil {
				continue
			}
			qm.QuestionTitle = q.Title
			for bi := range qm.BestPractices {
				if c := q.Choice(qm.BestPractices[bi].ChoiceID); c != nil {
					qm.BestPractices[bi].ChoiceTitle = c.Title
				}
			}
		}
	}
}

func bpRank(r lens.Risk) int {
	switch r {
	case lens.RiskHigh:
		return 0
	case lens.RiskMedium:
		return 1
	case lens.RiskLow:
		return 2
	}
	return 3
}
