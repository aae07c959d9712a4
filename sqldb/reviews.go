package sqldb

import (
	"context"
	"slices"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

var _ wellops.ReviewService = (*DB)(nil)

// reviewView is a lens review record with its lens resolved, ready to be shown.
type reviewView struct {
	rec reviewRecord
	ref *lensRef
	l   *lens.Lens
}

// loadReview resolves one lens review of w (now or in snap) with its lens content in lang.
func (t *tx) loadReview(ctx context.Context, w *wellops.Workload, aliasIn string, snap *snapshot, lang string) (*reviewView, error) {
	alias, err := lensAliasParam(aliasIn)
	if err != nil {
		return nil, err
	}
	rec, err := t.review(ctx, w.ID, alias, snap)
	if err != nil {
		return nil, err
	}
	ref, err := t.resolveLens(ctx, alias)
	if err != nil {
		return nil, err
	}
	l, err := t.lensContent(ctx, ref, rec.Version, lang)
	if err != nil {
		return nil, err
	}
	return &reviewView{rec: rec, ref: ref, l: l}, nil
}

// lensReview assembles the API view of a review from its records.
func (db *DB) lensReview(w *wellops.Workload, v *reviewView, answers []answerRecord) *wellops.LensReview {
	r := &wellops.LensReview{
		WorkloadID: w.ID, LensAlias: v.rec.Alias, LensARN: v.ref.arn, LensVersion: v.rec.Version, LensName: v.l.Name,
		LensStatus: lensStatus(v.ref, v.rec.Version), Notes: v.rec.Notes, PillarNotes: v.rec.PillarNotes,
		Profiles: w.Profiles, JiraConfiguration: v.rec.Jira, UpdatedAt: fromTS(v.rec.UpdatedAt), Lens: v.l,
	}
	as := make([]wellops.Answer, len(answers))
	prio := map[string]bool{}
	for i := range answers {
		as[i] = answers[i].answer()
		prio[answers[i].QuestionID] = answers[i].Prioritized
	}
	wellops.RollUp(r, as, func(q string) bool { return prio[q] })
	return r
}

func lensStatus(ref *lensRef, version string) string {
	switch {
	case ref.deleted:
		return wellops.LensDeleted
	case version != ref.latest:
		return wellops.LensNotCurrent
	}
	return wellops.LensCurrent
}

// ListLensReviews implements wellops.ReviewService.
func (db *DB) ListLensReviews(ctx context.Context, workloadID string, milestone int, page wellops.Page) ([]wellops.LensReview, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	var out []wellops.LensReview
	err = db.readTx(ctx, func(t *tx) error {
		w, snap, err := t.workloadAt(ctx, p, workloadID, milestone)
		if err != nil {
			return err
		}
		recs, err := t.reviews(ctx, w.ID, snap)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			v, err := t.loadReview(ctx, w, rec.Alias, snap, "")
			if err != nil {
				return err
			}
			answers, err := t.answers(ctx, w.ID, rec.Alias, snap)
			if err != nil {
				return err
			}
			out = append(out, *db.lensReview(w, v, answers))
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return pageSlice(out, page, 50, 50)
}

// workloadAt loads a workload for reading, with the snapshot of a milestone when asked.
func (t *tx) workloadAt(ctx context.Context, p wellops.Principal, id string, milestone int) (*wellops.Workload, *snapshot, error) {
	w, err := t.workload(ctx, p, id, needRead, false)
	if err != nil {
		return nil, nil, err
	}
	snap, err := t.snapshotAt(ctx, id, milestone)
	if err != nil {
		return nil, nil, err
	}
	if snap != nil {
		perm, share := w.Permission, w.ShareInvitationID
		*w = snap.Workload
		w.Permission, w.ShareInvitationID = perm, share
	}
	return w, snap, nil
}

// reviewAnswers loads what the review reads share: the workload (now or at a milestone), one
// of its lens reviews with the lens in lang, and that review's answers.
func (t *tx) reviewAnswers(ctx context.Context, p wellops.Principal, workloadID, alias string, milestone int, lang string) (*wellops.Workload, *reviewView, []answerRecord, error) {
	w, snap, err := t.workloadAt(ctx, p, workloadID, milestone)
	if err != nil {
		return nil, nil, nil, err
	}
	v, err := t.loadReview(ctx, w, alias, snap, lang)
	if err != nil {
		return nil, nil, nil, err
	}
	answers, err := t.answers(ctx, w.ID, v.rec.Alias, snap)
	if err != nil {
		return nil, nil, nil, err
	}
	return w, v, answers, nil
}

// GetLensReview implements wellops.ReviewService.
func (db *DB) GetLensReview(ctx context.Context, workloadID, alias string, milestone int, lang string) (*wellops.LensReview, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out *wellops.LensReview
	err = db.readTx(ctx, func(t *tx) error {
		w, v, answers, err := t.reviewAnswers(ctx, p, workloadID, alias, milestone, lang)
		if err != nil {
			return err
		}
		out = db.lensReview(w, v, answers)
		return nil
	})
	return out, err
}

// UpdateLensReview implements wellops.ReviewService.
func (db *DB) UpdateLensReview(ctx context.Context, workloadID, alias string, u wellops.LensReviewUpdate) (*wellops.LensReview, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var canonical string
	err = db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, workloadID, needWrite, true)
		if err != nil {
			return err
		}
		v, err := t.loadReview(ctx, w, alias, nil, "")
		if err != nil {
			return err
		}
		if err := u.Validate(v.l); err != nil {
			return err
		}
		canonical = v.rec.Alias
		before := v.rec
		next := v.rec
		if u.LensNotes != nil {
			next.Notes = *u.LensNotes
		}
		if len(u.PillarNotes) > 0 {
			next.PillarNotes = map[string]string{}
			for k, val := range v.rec.PillarNotes {
				next.PillarNotes[k] = val
			}
			for k, val := range u.PillarNotes {
				if val == "" {
					delete(next.PillarNotes, k)
				} else {
					next.PillarNotes[k] = val
				}
			}
		}
		if u.JiraConfiguration != nil {
			next.Jira = u.JiraConfiguration
		}
		jira := ""
		if next.Jira != nil {
			jira = mustJSON(next.Jira)
		}
		if next.PillarNotes == nil {
			next.PillarNotes = map[string]string{}
		}
		now := db.nowTS()
		_, err = t.exec(ctx, `UPDATE lens_reviews SET notes = ?, pillar_notes = ?, jira = ?, updated_at = ?
			WHERE workload_id = ? AND lens_alias = ?`, next.Notes, mustJSON(next.PillarNotes), jira, now, w.ID, canonical)
		if err != nil {
			return err
		}
		if err := t.touchWorkload(ctx, w.ID, false); err != nil {
			return err
		}
		return t.audit(ctx, p, w.ID, "UpdateLensReview", canonical, before, next)
	})
	if err != nil {
		return nil, err
	}
	return db.GetLensReview(ctx, workloadID, canonical, 0, "")
}

// touchWorkload moves the workload's UpdatedAt (and ReviewedAt for answer changes).
func (t *tx) touchWorkload(ctx context.Context, id string, reviewed bool) error {
	now := t.db.nowTS()
	if reviewed {
		_, err := t.exec(ctx, "UPDATE workloads SET updated_at = ?, reviewed_at = ? WHERE id = ?", now, now, id)
		return err
	}
	_, err := t.exec(ctx, "UPDATE workloads SET updated_at = ? WHERE id = ?", now, id)
	return err
}

// ListAnswers implements wellops.ReviewService.
func (db *DB) ListAnswers(ctx context.Context, workloadID, alias string, milestone int, q wellops.AnswerQuery) ([]wellops.Answer, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	if err := checkPriority(q.QuestionPriority); err != nil {
		return nil, "", err
	}
	var out []wellops.Answer
	err = db.readTx(ctx, func(t *tx) error {
		_, v, recs, err := t.reviewAnswers(ctx, p, workloadID, alias, milestone, q.Lang)
		if err != nil {
			return err
		}
		if q.PillarID != "" && !slices.ContainsFunc(v.l.Pillars, func(pl *lens.Pillar) bool { return pl.ID == q.PillarID }) {
			return wellops.NotFound("PILLAR", q.PillarID)
		}
		for _, rec := range recs {
			if (q.PillarID != "" && rec.PillarID != q.PillarID) || (q.QuestionPriority == wellops.QuestionPrioritized && !rec.Prioritized) {
				continue
			}
			a := rec.answer()
			if _, a.Question = v.l.Question(rec.QuestionID); a.Question == nil {
				continue // cannot happen for answers created from this lens version
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return pageSlice(out, q.Page, 50, 50)
}

func checkPriority(p string) error {
	if p != "" && p != wellops.QuestionPrioritized && p != "NONE" {
		return invalidField("QuestionPriority", "must be PRIORITIZED or NONE")
	}
	return nil
}

// GetAnswer implements wellops.ReviewService.
func (db *DB) GetAnswer(ctx context.Context, workloadID, alias, questionID string, milestone int, lang string) (*wellops.Answer, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out *wellops.Answer
	err = db.readTx(ctx, func(t *tx) error {
		w, snap, err := t.workloadAt(ctx, p, workloadID, milestone)
		if err != nil {
			return err
		}
		v, err := t.loadReview(ctx, w, alias, snap, lang)
		if err != nil {
			return err
		}
		rec, q, err := t.answer(ctx, w.ID, v, questionID, snap)
		if err != nil {
			return err
		}
		a := rec.answer()
		a.Question = q
		out = &a
		return nil
	})
	return out, err
}

// answer loads one answer record and its question.
func (t *tx) answer(ctx context.Context, workloadID string, v *reviewView, questionID string, snap *snapshot) (answerRecord, *lens.Question, error) {
	_, q := v.l.Question(questionID)
	if q == nil {
		return answerRecord{}, nil, wellops.NotFound("QUESTION", questionID)
	}
	if snap != nil {
		for _, a := range snap.Answers {
			if a.Alias == v.rec.Alias && a.QuestionID == questionID {
				return a, q, nil
			}
		}
		return answerRecord{}, nil, wellops.NotFound("QUESTION", questionID)
	}
	rec, err := scanAnswer(t.queryRow(ctx, "SELECT "+answerCols+" FROM answers WHERE workload_id = ? AND lens_alias = ? AND question_id = ?",
		workloadID, v.rec.Alias, questionID))
	if err != nil {
		return rec, nil, notFound(err, "QUESTION", questionID)
	}
	return rec, q, nil
}

// UpdateAnswer implements wellops.ReviewService.
func (db *DB) UpdateAnswer(ctx context.Context, workloadID, alias, questionID string, u wellops.AnswerUpdate) (*wellops.Answer, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out *wellops.Answer
	err = db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, workloadID, needWrite, true)
		if err != nil {
			return err
		}
		v, err := t.loadReview(ctx, w, alias, nil, "")
		if err != nil {
			return err
		}
		rec, q, err := t.answer(ctx, w.ID, v, questionID, nil)
		if err != nil {
			return err
		}
		cur := rec.answer()
		next, err := wellops.ApplyAnswerUpdate(q, cur, u)
		if err != nil {
			return err
		}
		if err := t.saveAnswer(ctx, w.ID, rec, next); err != nil {
			return err
		}
		if err := t.audit(ctx, p, w.ID, "UpdateAnswer", rec.Alias+"/"+questionID, auditAnswer(cur), auditAnswer(next)); err != nil {
			return err
		}
		next.UpdatedAt = db.now().UTC()
		out = &next
		return nil
	})
	return out, err
}

// saveAnswer stores next over rec and refreshes the roll-ups, in the caller's transaction.
func (t *tx) saveAnswer(ctx context.Context, workloadID string, rec answerRecord, next wellops.Answer) error {
	sel := next.SelectedChoices
	if sel == nil {
		sel = []string{}
	}
	ca := next.ChoiceAnswers
	if ca == nil {
		ca = map[string]wellops.ChoiceAnswer{}
	}
	now := t.db.nowTS()
	_, err := t.exec(ctx, `UPDATE answers SET selected = ?, choice_answers = ?, is_applicable = ?, reason = ?, notes = ?,
		risk = ?, updated_at = ? WHERE workload_id = ? AND lens_alias = ? AND question_id = ?`,
		mustJSON(sel), mustJSON(ca), next.IsApplicable, next.Reason, next.Notes, string(next.Risk), now,
		workloadID, rec.Alias, rec.QuestionID)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, "UPDATE lens_reviews SET updated_at = ? WHERE workload_id = ? AND lens_alias = ?", now, workloadID, rec.Alias); err != nil {
		return err
	}
	if err := t.refreshRollups(ctx, workloadID, rec.Alias); err != nil {
		return err
	}
	return t.touchWorkload(ctx, workloadID, true)
}

func auditAnswer(a wellops.Answer) map[string]any {
	return map[string]any{"SelectedChoices": a.SelectedChoices, "ChoiceAnswers": a.ChoiceAnswers,
		"IsApplicable": a.IsApplicable, "Reason": a.Reason, "Notes": a.Notes, "Risk": a.Risk}
}

// ListImprovements implements wellops.ReviewService.
func (db *DB) ListImprovements(ctx context.Context, workloadID, alias string, milestone int, q wellops.AnswerQuery) ([]wellops.Improvement, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	if err := checkPriority(q.QuestionPriority); err != nil {
		return nil, "", err
	}
	var out []wellops.Improvement
	err = db.readTx(ctx, func(t *tx) error {
		w, v, recs, err := t.reviewAnswers(ctx, p, workloadID, alias, milestone, q.Lang)
		if err != nil {
			return err
		}
		answers := make([]wellops.Answer, len(recs))
		status := map[string]string{}
		for i := range recs {
			answers[i] = recs[i].answer()
			status[recs[i].QuestionID] = recs[i].ImprovementStatus
		}
		for _, it := range wellops.ImprovementPlan(v.l, answers, w.PillarPriorities) {
			if (q.PillarID != "" && it.PillarID != q.PillarID) || (q.QuestionPriority == wellops.QuestionPrioritized && it.QuestionType != wellops.QuestionPrioritized) {
				continue
			}
			if s := status[it.QuestionID]; s != "" {
				it.Status = s
			}
			out = append(out, it)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return pageSlice(out, q.Page, 50, 100)
}

// SetImprovementStatus implements wellops.ReviewService.
func (db *DB) SetImprovementStatus(ctx context.Context, workloadID, alias, questionID, status string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	switch status {
	case wellops.ImprovementNotStarted, wellops.ImprovementInProgress, wellops.ImprovementComplete, wellops.ImprovementRiskAcknowledged:
	default:
		return invalidField("status", "must be NOT_STARTED, IN_PROGRESS, COMPLETE or RISK_ACKNOWLEDGED")
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
		rec, _, err := t.answer(ctx, w.ID, v, questionID, nil)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE answers SET improvement_status = ? WHERE workload_id = ? AND lens_alias = ? AND question_id = ?",
			status, w.ID, rec.Alias, questionID); err != nil {
			return err
		}
		return t.audit(ctx, p, w.ID, "SetImprovementStatus", rec.Alias+"/"+questionID, rec.ImprovementStatus, status)
	})
}
