package sqldb

import (
	"context"

	"github.com/wellops/wellops"
)

// need is the access a store method requires on a workload.
type need int

const (
	needRead  need = iota // owner or any accepted share
	needWrite             // owner or CONTRIBUTOR: answers, notes, milestones
	needAdmin             // owner only: properties, lenses, shares, deletion
)

// workload loads a workload the principal may access as required. A principal without any
// access gets ENOTFOUND, so that existence does not leak; one with too little gets
// EFORBIDDEN. With lock set, the row is locked until the transaction ends (PostgreSQL), which
// serialises writers of one workload across replicas.
func (t *tx) workload(ctx context.Context, p wellops.Principal, id string, n need, lock bool) (*wellops.Workload, error) {
	if !wellops.ValidID(id) {
		return nil, &wellops.Error{Code: wellops.EINVALID, Message: "invalid WorkloadId",
			Fields: []wellops.FieldError{{Name: "WorkloadId", Message: "must be 32 lowercase hexadecimal characters, got " + quoteClip(id)}}}
	}
	q := "SELECT " + workloadCols + " FROM workloads WHERE id = ?"
	if lock {
		q += t.db.d.forUpdate()
	}
	w, err := t.db.scanWorkload(t.queryRow(ctx, q, id))
	if err != nil {
		return nil, notFound(err, wellops.ResWorkload, id)
	}
	if err := t.grant(ctx, p, w); err != nil {
		return nil, err
	}
	switch {
	case n == needWrite && !w.Permission.CanWrite():
		return nil, wellops.Errorf(wellops.EFORBIDDEN, "workload %s is shared with you read-only", id)
	case n == needAdmin && !w.Permission.CanAdminister():
		return nil, wellops.Errorf(wellops.EFORBIDDEN, "only the owner account of workload %s can do this", id)
	}
	return w, nil
}

// grant sets w.Permission (and the share that grants it) for p, or returns ENOTFOUND.
func (t *tx) grant(ctx context.Context, p wellops.Principal, w *wellops.Workload) error {
	if w.Owner == p.AccountID {
		w.Permission = wellops.PermOwner
		return nil
	}
	rows, err := t.query(ctx, `SELECT id, permission FROM shares WHERE resource_type = 'WORKLOAD'
		AND resource_id = ? AND status = 'ACCEPTED' AND shared_with IN (?, ?)`, w.ID, p.AccountID, p.ARN())
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, perm string
		if err := rows.Scan(&id, &perm); err != nil {
			return err
		}
		if w.Permission == "" || perm == string(wellops.PermContributor) {
			w.Permission, w.ShareInvitationID = wellops.Permission(perm), id
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if w.Permission == "" {
		return wellops.NotFound(wellops.ResWorkload, w.ID)
	}
	return nil
}

func quoteClip(s string) string {
	if len(s) > 64 {
		s = s[:64] + "…"
	}
	return `"` + s + `"`
}
