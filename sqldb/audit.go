package sqldb

import (
	"context"
	"strconv"

	"github.com/wellops/wellops"
)

var _ wellops.AuditService = (*DB)(nil)

// ListAudit implements wellops.AuditService: newest first. Anyone who may read the workload
// may read its trail.
func (db *DB) ListAudit(ctx context.Context, workloadID string, page wellops.Page) ([]wellops.AuditEvent, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	offset, limit, err := pageBounds(page, 50, 1000)
	if err != nil {
		return nil, "", err
	}
	var out []wellops.AuditEvent
	err = db.readTx(ctx, func(t *tx) error {
		if _, err := t.workload(ctx, p, workloadID, needRead, false); err != nil {
			return err
		}
		rows, err := t.query(ctx, `SELECT id, workload_id, at, actor, action, target, before_value, after_value FROM audit
			WHERE workload_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`, workloadID, limit+1, offset)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e wellops.AuditEvent
			var at int64
			if err := rows.Scan(&e.ID, &e.WorkloadID, &at, &e.Actor, &e.Action, &e.Target, &e.Before, &e.After); err != nil {
				return err
			}
			e.At = fromTS(at)
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > limit {
		out, next = out[:limit], strconv.Itoa(offset+limit)
	}
	return out, next, nil
}
