package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

var _ wellops.EvidenceService = (*DB)(nil)

// suggests reports whether evidence is strong enough to propose selecting its choice.
func suggests(pe wellops.PracticeEvidence) bool {
	return pe.Status == wellops.EvidenceFound && (pe.Confidence == "high" || pe.Confidence == "medium")
}

// PutEvidence implements wellops.EvidenceService.
func (db *DB) PutEvidence(ctx context.Context, scan wellops.EvidenceScan) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if scan.ID == "" {
		scan.ID = wellops.NewID()
	}
	if scan.ScannedAt.IsZero() {
		scan.ScannedAt = db.now().UTC()
	}
	return db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, scan.WorkloadID, needWrite, true)
		if err != nil {
			return err
		}
		l := db.lensLang("")
		for _, pe := range scan.Practices {
			if pe.QuestionID == "" {
				continue
			}
			if _, q := l.Question(pe.QuestionID); q == nil || q.Choice(pe.ChoiceID) == nil {
				return invalidField("Practices", fmt.Sprintf("%s/%s is not a choice of the built-in lens", pe.QuestionID, pe.ChoiceID))
			}
		}
		body := mustJSON(scan)
		if _, err := t.exec(ctx, "DELETE FROM evidence WHERE workload_id = ?", w.ID); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "INSERT INTO evidence (workload_id, scan_id, scanned_at, body) VALUES (?, ?, ?, ?)",
			w.ID, scan.ID, ts(scan.ScannedAt), body); err != nil {
			return err
		}
		// Suggestions follow the evidence; decisions a person took are kept.
		answers, err := t.answers(ctx, w.ID, lens.BuiltinAlias, nil)
		if err != nil {
			return err
		}
		selected := map[string]bool{}
		for _, a := range answers {
			for _, c := range a.Selected {
				selected[a.QuestionID+"/"+c] = true
			}
		}
		if _, err := t.exec(ctx, "DELETE FROM suggestions WHERE workload_id = ? AND status = 'PENDING'", w.ID); err != nil {
			return err
		}
		for _, pe := range scan.Practices {
			if !suggests(pe) || selected[pe.QuestionID+"/"+pe.ChoiceID] {
				continue
			}
			var status string
			err := t.queryRow(ctx, "SELECT status FROM suggestions WHERE workload_id = ? AND question_id = ? AND choice_id = ?",
				w.ID, pe.QuestionID, pe.ChoiceID).Scan(&status)
			switch {
			case err == nil:
				if _, err := t.exec(ctx, "UPDATE suggestions SET scan_id = ? WHERE workload_id = ? AND question_id = ? AND choice_id = ?",
					scan.ID, w.ID, pe.QuestionID, pe.ChoiceID); err != nil {
					return err
				}
			case isNoRows(err):
				if _, err := t.exec(ctx, "INSERT INTO suggestions (workload_id, question_id, choice_id, status, scan_id) VALUES (?, ?, ?, ?, ?)",
					w.ID, pe.QuestionID, pe.ChoiceID, wellops.SuggestionPending, scan.ID); err != nil {
					return err
				}
			default:
				return err
			}
		}
		return t.audit(ctx, p, w.ID, "PutEvidence", "evidence", nil, map[string]any{"ScanID": scan.ID, "Commit": scan.Commit, "Practices": len(scan.Practices)})
	})
}

// GetEvidence implements wellops.EvidenceService.
func (db *DB) GetEvidence(ctx context.Context, workloadID string) (*wellops.EvidenceScan, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out wellops.EvidenceScan
	err = db.readTx(ctx, func(t *tx) error {
		if _, err := t.workload(ctx, p, workloadID, needRead, false); err != nil {
			return err
		}
		var body string
		if err := t.queryRow(ctx, "SELECT body FROM evidence WHERE workload_id = ?", workloadID).Scan(&body); err != nil {
			return notFound(err, "EVIDENCE", workloadID)
		}
		return json.Unmarshal([]byte(body), &out)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ListSuggestions implements wellops.EvidenceService.
func (db *DB) ListSuggestions(ctx context.Context, workloadID string) ([]wellops.Suggestion, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out []wellops.Suggestion
	err = db.readTx(ctx, func(t *tx) error {
		if _, err := t.workload(ctx, p, workloadID, needRead, false); err != nil {
			return err
		}
		rows, err := t.query(ctx, `SELECT question_id, choice_id, status, scan_id, decided_by, decided_at FROM suggestions
			WHERE workload_id = ? ORDER BY question_id, choice_id`, workloadID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			s := wellops.Suggestion{WorkloadID: workloadID, LensAlias: lens.BuiltinAlias}
			var at int64
			if err := rows.Scan(&s.QuestionID, &s.ChoiceID, &s.Status, &s.ScanID, &s.DecidedBy, &at); err != nil {
				return err
			}
			s.DecidedAt = fromTS(at)
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}

// DecideSuggestion implements wellops.EvidenceService. Accepting selects the choice through the
// same path as UpdateAnswer (risk, roll-ups and audit included).
func (db *DB) DecideSuggestion(ctx context.Context, workloadID, questionID, choiceID string, accept bool) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	return db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, workloadID, needWrite, true)
		if err != nil {
			return err
		}
		var status string
		if err := t.queryRow(ctx, "SELECT status FROM suggestions WHERE workload_id = ? AND question_id = ? AND choice_id = ?",
			w.ID, questionID, choiceID).Scan(&status); err != nil {
			return notFound(err, wellops.ResSuggestion, questionID+"/"+choiceID)
		}
		next := wellops.SuggestionRejected
		if accept {
			next = wellops.SuggestionAccepted
			v, err := t.loadReview(ctx, w, lens.BuiltinAlias, nil, "")
			if err != nil {
				return err
			}
			rec, q, err := t.answer(ctx, w.ID, v, questionID, nil)
			if err != nil {
				return err
			}
			cur := rec.answer()
			if !slices.Contains(cur.SelectedChoices, choiceID) {
				sel := append(slices.Clone(cur.SelectedChoices), choiceID)
				if none := q.NoneChoice(); none != nil {
					sel = slices.DeleteFunc(sel, func(c string) bool { return c == none.ID })
				}
				after, err := wellops.ApplyAnswerUpdate(q, cur, wellops.AnswerUpdate{SelectedChoices: &sel})
				if err != nil {
					return err
				}
				if err := t.saveAnswer(ctx, w.ID, rec, after); err != nil {
					return err
				}
				if err := t.audit(ctx, p, w.ID, "UpdateAnswer", rec.Alias+"/"+questionID, auditAnswer(cur), auditAnswer(after)); err != nil {
					return err
				}
			}
		}
		if _, err := t.exec(ctx, "UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ? WHERE workload_id = ? AND question_id = ? AND choice_id = ?",
			next, p.ARN(), db.nowTS(), w.ID, questionID, choiceID); err != nil {
			return err
		}
		return t.audit(ctx, p, w.ID, "DecideSuggestion", questionID+"/"+choiceID, status, next)
	})
}
