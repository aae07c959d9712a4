package awsimport

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// Services is what Apply needs of the store.
type Services interface {
	CreateWorkload(ctx context.Context, in wellops.NewWorkload) (*wellops.Workload, error)
	GetWorkload(ctx context.Context, id string, milestone int) (*wellops.Workload, error)
	DeleteWorkload(ctx context.Context, id string) error
	UpdateAnswer(ctx context.Context, workloadID, alias, questionID string, u wellops.AnswerUpdate) (*wellops.Answer, error)
	CreateMilestone(ctx context.Context, workloadID, name string) (int, error)
}

// Options change how a bundle is applied.
type Options struct {
	// WorkloadID applies the answers to an existing workload instead of creating one.
	WorkloadID string
	// Name replaces the exported workload name (for example when it is taken).
	Name string
}

// Result says what was imported and what was left out, and why.
type Result struct {
	WorkloadID        string
	Created           bool
	AnswersApplied    int
	MilestonesCreated int
	// Skipped counts what could not be carried over, by reason.
	Skipped map[string]int
}

// Apply replays the bundle: it creates the workload (unless opt.WorkloadID names one), then
// for each milestone in order applies its answers and records it, then applies the current
// answers. Milestones get the time of the import as their recorded time; their original
// times are kept in their names when the names do not say. If anything fails after the
// workload was created, the workload is deleted again, so a failed import leaves nothing.
func Apply(ctx context.Context, svc Services, b *Bundle, opt Options) (res *Result, err error) {
	res = &Result{Skipped: map[string]int{}}
	builtin, err := lens.Builtin("en")
	if err != nil {
		return nil, err
	}
	current := b.mapAnswers(builtin, b.Answers, res.Skipped)
	plan := make([]map[string]wellops.AnswerUpdate, len(b.Milestones))
	for i, m := range b.Milestones {
		plan[i] = b.mapAnswers(builtin, m.Answers, res.Skipped)
	}

	switch {
	case opt.WorkloadID != "":
		if _, err := svc.GetWorkload(ctx, opt.WorkloadID, 0); err != nil {
			return nil, err
		}
		res.WorkloadID = opt.WorkloadID
	case b.Workload == nil:
		return nil, fmt.Errorf("the files hold answers but no workload; add the get-workload output or name an existing workload")
	default:
		in := newWorkload(b.Workload, res.Skipped)
		if opt.Name != "" {
			in.Name = opt.Name
		}
		w, cerr := svc.CreateWorkload(ctx, in)
		if cerr != nil {
			return nil, fmt.Errorf("create workload %q: %w", in.Name, cerr)
		}
		res.WorkloadID, res.Created = w.ID, true
		defer func() { // err is the named result: any failure below undoes the creation
			if err != nil {
				svc.DeleteWorkload(ctx, w.ID) // best effort: the error returned is what matters
			}
		}()
	}

	for i, m := range b.Milestones {
		if err := applyAnswers(ctx, svc, res, plan[i]); err != nil {
			return nil, fmt.Errorf("milestone %d: %w", m.Number, err)
		}
		name := m.Name
		if name == "" {
			name = fmt.Sprintf("milestone %d", m.Number)
		}
		if !m.RecordedAt.IsZero() && !strings.Contains(name, m.RecordedAt.Format("2006-01-02")) {
			name = fmt.Sprintf("%s (%s)", name, m.RecordedAt.Format("2006-01-02"))
		}
		if len(name) > 100 {
			name = name[:100]
		}
		if _, err := svc.CreateMilestone(ctx, res.WorkloadID, name); err != nil {
			return nil, fmt.Errorf("milestone %q: %w", name, err)
		}
		res.MilestonesCreated++
	}
	if err := applyAnswers(ctx, svc, res, current); err != nil {
		return nil, err
	}
	return res, nil
}

func applyAnswers(ctx context.Context, svc Services, res *Result, updates map[string]wellops.AnswerUpdate) error {
	ids := make([]string, 0, len(updates))
	for q := range updates {
		ids = append(ids, q)
	}
	sort.Strings(ids)
	for _, q := range ids {
		if _, err := svc.UpdateAnswer(ctx, res.WorkloadID, lens.BuiltinAlias, q, updates[q]); err != nil {
			return fmt.Errorf("question %s: %w", q, err)
		}
		res.AnswersApplied++
	}
	return nil
}

// isOfficialLens accepts the alias and any ARN of AWS's Well-Architected Framework lens.
func isOfficialLens(alias string) bool {
	return alias == lens.BuiltinAlias || strings.HasSuffix(alias, ":lens/"+lens.BuiltinAlias)
}

// mapAnswers turns the AWS answers of the official lens's Operational Excellence questions
// into updates of the built-in lens, counting what is left out.
func (b *Bundle) mapAnswers(l *lens.Lens, byLens map[string][]Answer, skipped map[string]int) map[string]wellops.AnswerUpdate {
	out := map[string]wellops.AnswerUpdate{}
	for alias, answers := range byLens {
		if !isOfficialLens(alias) {
			skipped["answers of other lenses ("+alias+")"] += len(answers)
			continue
		}
		for _, a := range answers {
			if a.PillarId != "" && a.PillarId != lens.BuiltinPillarID {
				skipped["answers of other pillars"]++
				continue
			}
			_, q := l.Question(a.QuestionId)
			if q == nil {
				skipped["questions the built-in lens does not have"]++
				continue
			}
			out[q.ID] = toUpdate(q, a, skipped)
		}
	}
	return out
}

func toUpdate(q *lens.Question, a Answer, skipped map[string]int) wellops.AnswerUpdate {
	sel := []string{}
	for _, c := range a.SelectedChoices {
		if q.Choice(c) == nil {
			skipped["choices the built-in lens does not have"]++
			continue
		}
		sel = append(sel, c)
	}
	u := wellops.AnswerUpdate{SelectedChoices: &sel, ChoiceUpdates: map[string]wellops.ChoiceUpdate{}}
	for _, ca := range append(a.ChoiceAnswers, a.ChoiceAnswerSummaries...) {
		if q.Choice(ca.ChoiceId) == nil || ca.Status != wellops.ChoiceNotApplicable {
			continue
		}
		u.ChoiceUpdates[ca.ChoiceId] = wellops.ChoiceUpdate{Status: ca.Status, Reason: ca.Reason, Notes: clipNotes(ca.Notes, 250)}
	}
	notes := clipNotes(a.Notes, 2084)
	u.Notes = &notes
	if a.IsApplicable != nil {
		applicable := *a.IsApplicable
		u.IsApplicable = &applicable
		if !applicable {
			reason := a.Reason
			u.Reason = &reason
		}
	}
	return u
}

func clipNotes(s string, max int) string {
	r := []rune(s)
	if len(r) > max {
		return string(r[:max])
	}
	return s
}

// newWorkload carries the exported workload's fields over, filling what wellops requires
// and the export may lack.
func newWorkload(w *Workload, skipped map[string]int) wellops.NewWorkload {
	in := wellops.NewWorkload{
		Name: w.WorkloadName, Description: w.Description, Environment: w.Environment, ReviewOwner: w.ReviewOwner,
		ArchitecturalDesign: w.ArchitecturalDesign, IndustryType: w.IndustryType, Industry: w.Industry, Notes: w.Notes,
		AccountIDs: w.AccountIds, AWSRegions: w.AwsRegions, NonAWSRegions: w.NonAwsRegions, PillarPriorities: w.PillarPriorities,
		Tags: w.Tags,
	}
	if in.Environment == "" {
		in.Environment = wellops.EnvProduction
	}
	if len(in.Description) < 3 {
		in.Description = "imported from the AWS Well-Architected Tool"
	}
	if len(in.ReviewOwner) < 3 {
		in.ReviewOwner = "unknown (imported)"
	}
	if len(in.AWSRegions) == 0 && len(in.NonAWSRegions) == 0 {
		in.NonAWSRegions = []string{"unknown"}
	}
	if len(in.Tags) == 0 {
		in.Tags = nil
	}
	for _, l := range w.Lenses {
		if !isOfficialLens(l) {
			skipped["lenses other than the Well-Architected Framework lens ("+l+")"]++
		}
	}
	return in
}
