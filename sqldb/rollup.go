package sqldb

import (
	"context"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// refreshRollups recomputes a lens review's risk counts from its answers, then the workload's
// from its lens reviews, inside the caller's transaction: a reader sees either the state
// before the write or after it, never answers and counts that disagree.
func (t *tx) refreshRollups(ctx context.Context, workloadID, alias string) error {
	rows, err := t.query(ctx, `SELECT risk, prioritized, COUNT(*) FROM answers
		WHERE workload_id = ? AND lens_alias = ? GROUP BY risk, prioritized`, workloadID, alias)
	if err != nil {
		return err
	}
	var all, prio wellops.RiskCounts
	for rows.Next() {
		var risk string
		var p bool
		var n int
		if err := rows.Scan(&risk, &p, &n); err != nil {
			rows.Close()
			return err
		}
		all.AddN(lens.Risk(risk), n)
		if p {
			prio.AddN(lens.Risk(risk), n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	_, err = t.exec(ctx, `UPDATE lens_reviews SET r_high = ?, r_medium = ?, r_none = ?, r_na = ?, r_unanswered = ?,
		p_high = ?, p_medium = ?, p_none = ?, p_na = ?, p_unanswered = ? WHERE workload_id = ? AND lens_alias = ?`,
		all.High, all.Medium, all.None, all.NotApplicable, all.Unanswered,
		prio.High, prio.Medium, prio.None, prio.NotApplicable, prio.Unanswered, workloadID, alias)
	if err != nil {
		return err
	}
	return t.refreshWorkloadRollup(ctx, workloadID)
}

// refreshWorkloadRollup sums the lens reviews' counts into the workload.
func (t *tx) refreshWorkloadRollup(ctx context.Context, workloadID string) error {
	_, err := t.exec(ctx, `UPDATE workloads SET
		r_high = (SELECT COALESCE(SUM(r_high), 0) FROM lens_reviews WHERE workload_id = workloads.id),
		r_medium = (SELECT COALESCE(SUM(r_medium), 0) FROM lens_reviews WHERE workload_id = workloads.id),
		r_none = (SELECT COALESCE(SUM(r_none), 0) FROM lens_reviews WHERE workload_id = workloads.id),
		r_na = (SELECT COALESCE(SUM(r_na), 0) FROM lens_reviews WHERE workload_id = workloads.id),
		r_unanswered = (SELECT COALESCE(SUM(r_unanswered), 0) FROM lens_reviews WHERE workload_id = workloads.id),
		p_high = (SELECT COALESCE(SUM(p_high), 0) FROM lens_reviews WHERE workload_id = workloads.id),
		p_medium = (SELECT COALESCE(SUM(p_medium), 0) FROM lens_reviews WHERE workload_id = workloads.id),
		p_none = (SELECT COALESCE(SUM(p_none), 0) FROM lens_reviews WHERE workload_id = workloads.id),
		p_na = (SELECT COALESCE(SUM(p_na), 0) FROM lens_reviews WHERE workload_id = workloads.id),
		p_unanswered = (SELECT COALESCE(SUM(p_unanswered), 0) FROM lens_reviews WHERE workload_id = workloads.id)
		WHERE id = ?`, workloadID)
	return err
}

// audit records one change. before and after are marshalled to JSON (nil for none).
func (t *tx) audit(ctx context.Context, p wellops.Principal, workloadID, action, target string, before, after any) error {
	b, a := "", ""
	if before != nil {
		b = mustJSON(before)
	}
	if after != nil {
		a = mustJSON(after)
	}
	_, err := t.exec(ctx, `INSERT INTO audit (workload_id, at, actor, action, target, before_value, after_value)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, workloadID, t.db.nowTS(), p.ARN(), action, target, b, a)
	return err
}
