package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// workloadData is the part of a workload kept as JSON: fields nothing queries on.
type workloadData struct {
	AccountIDs                      []string                  `json:",omitempty"`
	AWSRegions                      []string                  `json:",omitempty"`
	NonAWSRegions                   []string                  `json:",omitempty"`
	PillarPriorities                []string                  `json:",omitempty"`
	ArchitecturalDesign             string                    `json:",omitempty"`
	IsReviewOwnerUpdateAcknowledged bool                      `json:",omitempty"`
	ReviewRestrictionDate           int64                     `json:",omitempty"`
	IndustryType                    string                    `json:",omitempty"`
	Industry                        string                    `json:",omitempty"`
	Notes                           string                    `json:",omitempty"`
	Tags                            map[string]string         `json:",omitempty"`
	Applications                    []string                  `json:",omitempty"`
	DiscoveryConfig                 *wellops.DiscoveryConfig  `json:",omitempty"`
	JiraConfiguration               *wellops.WorkloadJira     `json:",omitempty"`
	Profiles                        []wellops.WorkloadProfile `json:",omitempty"`
}

func dataOf(w *wellops.Workload) workloadData {
	return workloadData{
		AccountIDs: w.AccountIDs, AWSRegions: w.AWSRegions, NonAWSRegions: w.NonAWSRegions,
		PillarPriorities: w.PillarPriorities, ArchitecturalDesign: w.ArchitecturalDesign,
		IsReviewOwnerUpdateAcknowledged: w.IsReviewOwnerUpdateAcknowledged,
		ReviewRestrictionDate:           ts(w.ReviewRestrictionDate),
		IndustryType:                    w.IndustryType, Industry: w.Industry, Notes: w.Notes, Tags: w.Tags,
		Applications: w.Applications, DiscoveryConfig: w.DiscoveryConfig, JiraConfiguration: w.JiraConfiguration,
		Profiles: w.Profiles,
	}
}

func (d workloadData) applyTo(w *wellops.Workload) {
	w.AccountIDs, w.AWSRegions, w.NonAWSRegions = d.AccountIDs, d.AWSRegions, d.NonAWSRegions
	w.PillarPriorities, w.ArchitecturalDesign = d.PillarPriorities, d.ArchitecturalDesign
	w.IsReviewOwnerUpdateAcknowledged = d.IsReviewOwnerUpdateAcknowledged
	w.ReviewRestrictionDate = fromTS(d.ReviewRestrictionDate)
	w.IndustryType, w.Industry, w.Notes, w.Tags = d.IndustryType, d.Industry, d.Notes, d.Tags
	w.Applications, w.DiscoveryConfig, w.JiraConfiguration, w.Profiles = d.Applications, d.DiscoveryConfig, d.JiraConfiguration, d.Profiles
}

const workloadCols = `id, owner, name, description, environment, review_owner, improvement_status, lenses, data,
	r_high, r_medium, r_none, r_na, r_unanswered, p_high, p_medium, p_none, p_na, p_unanswered,
	created_at, updated_at, reviewed_at`

type scanner interface{ Scan(...any) error }

func (db *DB) scanWorkload(s scanner) (*wellops.Workload, error) {
	var w wellops.Workload
	var lensesJSON, data string
	var created, updated, reviewed int64
	r, p := &w.RiskCounts, &w.PrioritizedRiskCounts
	err := s.Scan(&w.ID, &w.Owner, &w.Name, &w.Description, &w.Environment, &w.ReviewOwner, &w.ImprovementStatus,
		&lensesJSON, &data, &r.High, &r.Medium, &r.None, &r.NotApplicable, &r.Unanswered,
		&p.High, &p.Medium, &p.None, &p.NotApplicable, &p.Unanswered, &created, &updated, &reviewed)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(lensesJSON), &w.Lenses); err != nil {
		return nil, fmt.Errorf("workload %s lenses: %w", w.ID, err)
	}
	var d workloadData
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		return nil, fmt.Errorf("workload %s data: %w", w.ID, err)
	}
	d.applyTo(&w)
	w.CreatedAt, w.UpdatedAt, w.ReviewedAt = fromTS(created), fromTS(updated), fromTS(reviewed)
	w.ARN = wellops.WorkloadARN(db.opt.Region, w.Owner, w.ID)
	return &w, nil
}

// reviewRecord and answerRecord are the stored form of lens reviews and answers, in tables
// and, for milestones, inside the snapshot JSON.
type reviewRecord struct {
	Alias       string
	Version     string
	Position    int
	Notes       string                 `json:",omitempty"`
	PillarNotes map[string]string      `json:",omitempty"`
	Jira        *wellops.JiraSelection `json:",omitempty"`
	UpdatedAt   int64
}

type answerRecord struct {
	Alias             string
	QuestionID        string
	PillarID          string
	Position          int
	Selected          []string                        `json:",omitempty"`
	ChoiceAnswers     map[string]wellops.ChoiceAnswer `json:",omitempty"`
	IsApplicable      bool
	Reason            string `json:",omitempty"`
	Notes             string `json:",omitempty"`
	Risk              lens.Risk
	Prioritized       bool   `json:",omitempty"`
	ImprovementStatus string `json:",omitempty"`
	UpdatedAt         int64
}

func (a *answerRecord) answer() wellops.Answer {
	qt := wellops.QuestionNonPrioritized
	if a.Prioritized {
		qt = wellops.QuestionPrioritized
	}
	return wellops.Answer{QuestionID: a.QuestionID, PillarID: a.PillarID, SelectedChoices: a.Selected,
		ChoiceAnswers: a.ChoiceAnswers, IsApplicable: a.IsApplicable, Reason: a.Reason, Notes: a.Notes,
		Risk: a.Risk, QuestionType: qt, UpdatedAt: fromTS(a.UpdatedAt)}
}

// snapshot is what a milestone keeps.
type snapshot struct {
	Workload wellops.Workload
	Reviews  []reviewRecord
	Answers  []answerRecord
}

const reviewCols = `lens_alias, lens_version, position, notes, pillar_notes, jira, updated_at`

func scanReview(s scanner) (reviewRecord, error) {
	var r reviewRecord
	var pn, jira string
	if err := s.Scan(&r.Alias, &r.Version, &r.Position, &r.Notes, &pn, &jira, &r.UpdatedAt); err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(pn), &r.PillarNotes); err != nil {
		return r, fmt.Errorf("pillar notes: %w", err)
	}
	if jira != "" {
		r.Jira = new(wellops.JiraSelection)
		if err := json.Unmarshal([]byte(jira), r.Jira); err != nil {
			return r, fmt.Errorf("jira: %w", err)
		}
	}
	return r, nil
}

const answerCols = `lens_alias, question_id, pillar_id, position, selected, choice_answers, is_applicable, reason,
	notes, risk, prioritized, improvement_status, updated_at`

func scanAnswer(s scanner) (answerRecord, error) {
	var a answerRecord
	var sel, ca, risk string
	if err := s.Scan(&a.Alias, &a.QuestionID, &a.PillarID, &a.Position, &sel, &ca, &a.IsApplicable, &a.Reason,
		&a.Notes, &risk, &a.Prioritized, &a.ImprovementStatus, &a.UpdatedAt); err != nil {
		return a, err
	}
	a.Risk = lens.Risk(risk)
	if err := json.Unmarshal([]byte(sel), &a.Selected); err != nil {
		return a, fmt.Errorf("selected choices: %w", err)
	}
	if err := json.Unmarshal([]byte(ca), &a.ChoiceAnswers); err != nil {
		return a, fmt.Errorf("choice answers: %w", err)
	}
	return a, nil
}

// reviews returns a workload's lens review records, now or at a milestone.
func (t *tx) reviews(ctx context.Context, workloadID string, snap *snapshot) ([]reviewRecord, error) {
	if snap != nil {
		return snap.Reviews, nil
	}
	return queryAll(ctx, t, scanReview, "SELECT "+reviewCols+" FROM lens_reviews WHERE workload_id = ? ORDER BY position", workloadID)
}

// review returns one lens review record; ENOTFOUND when the lens is not applied.
func (t *tx) review(ctx context.Context, workloadID, alias string, snap *snapshot) (reviewRecord, error) {
	if snap != nil {
		for _, r := range snap.Reviews {
			if r.Alias == alias {
				return r, nil
			}
		}
		return reviewRecord{}, wellops.NotFound(wellops.ResLensReview, alias)
	}
	r, err := scanReview(t.queryRow(ctx, "SELECT "+reviewCols+" FROM lens_reviews WHERE workload_id = ? AND lens_alias = ?", workloadID, alias))
	if err != nil {
		return r, notFound(err, wellops.ResLensReview, alias)
	}
	return r, nil
}

// answers returns the answer records of one lens review in lens order.
func (t *tx) answers(ctx context.Context, workloadID, alias string, snap *snapshot) ([]answerRecord, error) {
	if snap != nil {
		var out []answerRecord
		for _, a := range snap.Answers {
			if a.Alias == alias {
				out = append(out, a)
			}
		}
		return out, nil
	}
	return queryAll(ctx, t, scanAnswer, "SELECT "+answerCols+" FROM answers WHERE workload_id = ? AND lens_alias = ? ORDER BY position", workloadID, alias)
}

// snapshotAt loads milestone number of a workload; nil for number 0 (the current state).
func (t *tx) snapshotAt(ctx context.Context, workloadID string, number int) (*snapshot, error) {
	if number == 0 {
		return nil, nil
	}
	if number < 0 || number > 100 {
		return nil, &wellops.Error{Code: wellops.EINVALID, Message: "invalid MilestoneNumber",
			Fields: []wellops.FieldError{{Name: "MilestoneNumber", Message: fmt.Sprintf("must be between 1 and 100, got %d", number)}}}
	}
	var body string
	err := t.queryRow(ctx, "SELECT snapshot FROM milestones WHERE workload_id = ? AND number = ?", workloadID, number).Scan(&body)
	if err != nil {
		return nil, notFound(err, wellops.ResMilestone, fmt.Sprint(number))
	}
	var s snapshot
	if err := json.Unmarshal([]byte(body), &s); err != nil {
		return nil, fmt.Errorf("milestone %d: %w", number, err)
	}
	return &s, nil
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("json: %v", err)) // only for types defined here, which always marshal
	}
	return string(b)
}

func (db *DB) nowTS() int64 { return ts(db.now()) }
