package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

var _ wellops.MilestoneService = (*DB)(nil)

// CreateMilestone implements wellops.MilestoneService.
func (db *DB) CreateMilestone(ctx context.Context, workloadID, name string) (int, error) {
	p, err := principal(ctx)
	if err != nil {
		return 0, err
	}
	if err := wellops.ValidateMilestoneName(name); err != nil {
		return 0, err
	}
	var number int
	err = db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, workloadID, needWrite, true)
		if err != nil {
			return err
		}
		number, err = t.createMilestone(ctx, p, w, name)
		return err
	})
	return number, err
}

// createMilestone snapshots w (its row, lens reviews and answers) as the next milestone.
func (t *tx) createMilestone(ctx context.Context, p wellops.Principal, w *wellops.Workload, name string) (int, error) {
	var count, taken int
	if err := t.queryRow(ctx, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN name = ? THEN 1 ELSE 0 END), 0) FROM milestones WHERE workload_id = ?",
		name, w.ID).Scan(&count, &taken); err != nil {
		return 0, err
	}
	if taken > 0 {
		return 0, wellops.Conflict(wellops.ResMilestone, name, "workload %s already has a milestone named %q", w.ID, name)
	}
	if count >= t.db.opt.Quotas.MilestonesPerWorkload {
		return 0, wellops.QuotaExceeded(wellops.QuotaMilestones, wellops.ResMilestone, w.ID,
			"workload %s has reached its quota of %d milestones", w.ID, t.db.opt.Quotas.MilestonesPerWorkload)
	}
	snap := snapshot{Workload: *w}
	snap.Workload.Permission, snap.Workload.ShareInvitationID = "", ""
	var err error
	if snap.Reviews, err = t.reviews(ctx, w.ID, nil); err != nil {
		return 0, err
	}
	for _, r := range snap.Reviews {
		as, err := t.answers(ctx, w.ID, r.Alias, nil)
		if err != nil {
			return 0, err
		}
		snap.Answers = append(snap.Answers, as...)
	}
	number := count + 1
	now := t.db.now()
	sum := wellops.WorkloadSummary{ID: w.ID, ARN: w.ARN, Name: w.Name, Owner: w.Owner, Environment: w.Environment,
		Lenses: w.Lenses, RiskCounts: w.RiskCounts, PrioritizedRiskCounts: w.PrioritizedRiskCounts,
		ImprovementStatus: w.ImprovementStatus, Profiles: w.Profiles, UpdatedAt: w.UpdatedAt, ReviewedAt: w.ReviewedAt}
	rc := w.RiskCounts
	_, err = t.exec(ctx, `INSERT INTO milestones (workload_id, number, name, recorded_at, r_high, r_medium, r_none, r_na,
		r_unanswered, summary, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, w.ID, number, name, ts(now),
		rc.High, rc.Medium, rc.None, rc.NotApplicable, rc.Unanswered, mustJSON(sum), mustJSON(snap))
	if err != nil {
		if t.db.d.isUnique(err) {
			return 0, wellops.Conflict(wellops.ResMilestone, name, "workload %s already has a milestone named %q", w.ID, name)
		}
		return 0, err
	}
	return number, t.audit(ctx, p, w.ID, "CreateMilestone", fmt.Sprintf("milestone/%d", number), nil, map[string]any{"Number": number, "Name": name})
}

// GetMilestone implements wellops.MilestoneService.
func (db *DB) GetMilestone(ctx context.Context, workloadID string, number int) (*wellops.Milestone, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if number < 1 || number > 100 {
		return nil, invalidField("MilestoneNumber", fmt.Sprintf("must be between 1 and 100, got %d", number))
	}
	var out *wellops.Milestone
	err = db.readTx(ctx, func(t *tx) error {
		w, snap, err := t.workloadAt(ctx, p, workloadID, number)
		if err != nil {
			return err
		}
		var name string
		var recorded int64
		if err := t.queryRow(ctx, "SELECT name, recorded_at FROM milestones WHERE workload_id = ? AND number = ?", workloadID, number).Scan(&name, &recorded); err != nil {
			return notFound(err, wellops.ResMilestone, fmt.Sprint(number))
		}
		_ = snap
		out = &wellops.Milestone{Number: number, Name: name, RecordedAt: fromTS(recorded), Workload: *w}
		return nil
	})
	return out, err
}

// ListMilestones implements wellops.MilestoneService.
func (db *DB) ListMilestones(ctx context.Context, workloadID string, page wellops.Page) ([]wellops.MilestoneSummary, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	offset, limit, err := pageBounds(page, 50, 50)
	if err != nil {
		return nil, "", err
	}
	var out []wellops.MilestoneSummary
	err = db.readTx(ctx, func(t *tx) error {
		if _, err := t.workload(ctx, p, workloadID, needRead, false); err != nil {
			return err
		}
		rows, err := t.query(ctx, `SELECT number, name, recorded_at, summary FROM milestones WHERE workload_id = ?
			ORDER BY number LIMIT ? OFFSET ?`, workloadID, limit+1, offset)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m wellops.MilestoneSummary
			var recorded int64
			var sum string
			if err := rows.Scan(&m.Number, &m.Name, &recorded, &sum); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(sum), &m.Workload); err != nil {
				return fmt.Errorf("milestone %d summary: %w", m.Number, err)
			}
			m.RecordedAt = fromTS(recorded)
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > limit {
		out, next = out[:limit], fmt.Sprint(offset+limit)
	}
	return out, next, nil
}

// UpgradeLensReview implements wellops.ReviewService.
func (db *DB) UpgradeLensReview(ctx context.Context, workloadID, alias, milestoneName string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if err := wellops.ValidateMilestoneName(milestoneName); err != nil {
		return err
	}
	return db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, workloadID, needWrite, true)
		if err != nil {
			return err
		}
		v, err := t.loadReview(ctx, w, alias, nil, "")
		if err != nil {
			return err
		}
		switch {
		case v.ref.deleted:
			return wellops.Errorf(wellops.EINVALID, "lens %s was deleted; there is no version to upgrade to", v.ref.arn)
		case v.rec.Version == v.ref.latest:
			return wellops.Conflict(wellops.ResLensReview, v.rec.Alias, "lens review %s is already at the latest version %s", v.rec.Alias, v.rec.Version)
		}
		if _, err := t.createMilestone(ctx, p, w, milestoneName); err != nil {
			return err
		}
		return t.moveReview(ctx, p, w.ID, v, v.ref.latest)
	})
}

// moveReview moves a lens review to another version of its lens: answers are carried over by
// question and choice ID, choices that no longer exist are dropped, new questions start
// unanswered, and risks are recomputed with the new rules.
func (t *tx) moveReview(ctx context.Context, p wellops.Principal, workloadID string, v *reviewView, version string) error {
	nl, err := t.lensContent(ctx, v.ref, version, "")
	if err != nil {
		return err
	}
	old, err := t.answers(ctx, workloadID, v.rec.Alias, nil)
	if err != nil {
		return err
	}
	byQ := map[string]answerRecord{}
	for _, a := range old {
		byQ[a.QuestionID] = a
	}
	if _, err := t.exec(ctx, "DELETE FROM answers WHERE workload_id = ? AND lens_alias = ?", workloadID, v.rec.Alias); err != nil {
		return err
	}
	now := t.db.nowTS()
	pos := 0
	for _, pl := range nl.Pillars {
		for _, q := range pl.Questions {
			a := wellops.NewAnswer(pl.ID, q)
			rec := answerRecord{Alias: v.rec.Alias, QuestionID: q.ID, PillarID: pl.ID, Position: pos, IsApplicable: true, UpdatedAt: now}
			if o, ok := byQ[q.ID]; ok {
				for _, c := range o.Selected {
					if q.Choice(c) != nil {
						a.SelectedChoices = append(a.SelectedChoices, c)
					}
				}
				a.ChoiceAnswers = map[string]wellops.ChoiceAnswer{}
				for id, ca := range o.ChoiceAnswers {
					if q.Choice(id) != nil {
						a.ChoiceAnswers[id] = ca
					}
				}
				a.IsApplicable, a.Reason, a.Notes = o.IsApplicable, o.Reason, o.Notes
				if sel, err := q.Normalize(a.SelectedChoices); err == nil {
					a.SelectedChoices = sel
				}
				if len(a.SelectedChoices) > 0 || !a.IsApplicable {
					a.Risk = wellops.EvaluateAnswer(q, a)
				}
				rec.Prioritized, rec.ImprovementStatus, rec.UpdatedAt = o.Prioritized, o.ImprovementStatus, o.UpdatedAt
			}
			rec.Selected, rec.ChoiceAnswers, rec.IsApplicable, rec.Reason, rec.Notes, rec.Risk =
				a.SelectedChoices, a.ChoiceAnswers, a.IsApplicable, a.Reason, a.Notes, a.Risk
			if err := t.insertAnswer(ctx, workloadID, rec); err != nil {
				return err
			}
			pos++
		}
	}
	// Pillar notes of pillars that are gone would be unreachable; drop them.
	notes := map[string]string{}
	for id, n := range v.rec.PillarNotes {
		if slices.ContainsFunc(nl.Pillars, func(pl *lens.Pillar) bool { return pl.ID == id }) {
			notes[id] = n
		}
	}
	if _, err := t.exec(ctx, "UPDATE lens_reviews SET lens_version = ?, pillar_notes = ?, updated_at = ? WHERE workload_id = ? AND lens_alias = ?",
		version, mustJSON(notes), now, workloadID, v.rec.Alias); err != nil {
		return err
	}
	if err := t.refreshRollups(ctx, workloadID, v.rec.Alias); err != nil {
		return err
	}
	if err := t.touchWorkload(ctx, workloadID, false); err != nil {
		return err
	}
	return t.audit(ctx, p, workloadID, "UpgradeLensReview", v.rec.Alias, map[string]string{"LensVersion": v.rec.Version}, map[string]string{"LensVersion": version})
}
