package sqldb

import (
	"context"
	"strings"

	"github.com/wellops/wellops"
)

var _ wellops.ShareService = (*DB)(nil)

// shareTarget checks that p owns the resource and returns its canonical ID and name.
func (t *tx) shareTarget(ctx context.Context, p wellops.Principal, resType, resource string) (id, name string, err error) {
	switch resType {
	case wellops.ResWorkload:
		w, err := t.workload(ctx, p, resource, needAdmin, false)
		if err != nil {
			return "", "", err
		}
		return w.ID, w.Name, nil
	case wellops.ResLens:
		ref, err := t.visibleLens(ctx, p, resource)
		if err != nil {
			return "", "", err
		}
		if ref.builtin {
			return "", "", wellops.Errorf(wellops.EINVALID, "the built-in lens is available to every account and cannot be shared")
		}
		if ref.owner != p.AccountID {
			return "", "", wellops.Errorf(wellops.EFORBIDDEN, "only the owner of lens %s can share it", resource)
		}
		return ref.arn, ref.name, nil
	case wellops.ResProfile:
		r, err := t.visibleProfile(ctx, p, resource)
		if err != nil {
			return "", "", err
		}
		if r.owner != p.AccountID {
			return "", "", wellops.Errorf(wellops.EFORBIDDEN, "only the owner of profile %s can share it", resource)
		}
		return r.arn, r.name, nil
	case wellops.ResTemplate:
		tm, err := t.template(ctx, p, resource, needAdmin)
		if err != nil {
			return "", "", err
		}
		return tm.ARN, tm.Name, nil
	}
	return "", "", invalidField("ShareResourceType", "must be WORKLOAD, LENS, PROFILE or TEMPLATE")
}

// resourceName names a shared resource for invitations ("" when it is gone).
func (t *tx) resourceName(ctx context.Context, resType, id string) string {
	var q string
	switch resType {
	case wellops.ResWorkload:
		q = "SELECT name FROM workloads WHERE id = ?"
	case wellops.ResLens:
		q = "SELECT name FROM lenses WHERE arn = ?"
	case wellops.ResProfile:
		q = "SELECT name FROM profiles WHERE arn = ?"
	case wellops.ResTemplate:
		q = "SELECT name FROM templates WHERE arn = ?"
	default:
		return ""
	}
	var name string
	_ = t.queryRow(ctx, q, id).Scan(&name) // a missing resource leaves the name empty
	return name
}

const shareCols = "id, resource_type, resource_id, shared_by, shared_with, permission, status, created_at"

func scanShare(s scanner) (wellops.Share, error) {
	var sh wellops.Share
	var perm string
	var created int64
	err := s.Scan(&sh.ID, &sh.ResourceType, &sh.ResourceID, &sh.SharedBy, &sh.SharedWith, &perm, &sh.Status, &created)
	sh.Permission, sh.CreatedAt = wellops.Permission(perm), fromTS(created)
	return sh, err
}

// CreateShare implements wellops.ShareService.
func (db *DB) CreateShare(ctx context.Context, resType, resource, sharedWith string, perm wellops.Permission) (*wellops.Share, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := wellops.ValidateSharedWith(sharedWith); err != nil {
		return nil, err
	}
	if resType == wellops.ResWorkload {
		if perm != wellops.PermReadOnly && perm != wellops.PermContributor {
			return nil, invalidField("PermissionType", "must be READONLY or CONTRIBUTOR")
		}
	} else {
		perm = ""
	}
	if wellops.AccountOf(sharedWith) == p.AccountID && wellops.ValidAccountID(sharedWith) {
		return nil, invalidField("SharedWith", "is your own account, which already has access")
	}
	var out wellops.Share
	err = db.writeTx(ctx, func(t *tx) error {
		id, name, err := t.shareTarget(ctx, p, resType, resource)
		if err != nil {
			return err
		}
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM shares WHERE resource_type = ? AND resource_id = ? AND status IN ('PENDING', 'ACCEPTED')",
			resType, id).Scan(&n); err != nil {
			return err
		}
		limit := db.opt.Quotas.SharesPerWorkload
		if resType == wellops.ResLens {
			limit = db.opt.Quotas.SharesPerLens
		}
		if n >= limit {
			return wellops.QuotaExceeded(wellops.QuotaShares, resType, id, "%s %s has reached its quota of %d shares", strings.ToLower(resType), id, limit)
		}
		existing, err := scanShare(t.queryRow(ctx, "SELECT "+shareCols+" FROM shares WHERE resource_type = ? AND resource_id = ? AND shared_with = ?",
			resType, id, sharedWith))
		now := db.nowTS()
		switch {
		case err == nil && (existing.Status == wellops.SharePending || existing.Status == wellops.ShareAccepted):
			return wellops.Conflict(wellops.ResShare, existing.ID, "%s %s is already shared with %s", strings.ToLower(resType), id, sharedWith)
		case err == nil:
			existing.Status, existing.Permission = wellops.SharePending, perm
			if _, err := t.exec(ctx, "UPDATE shares SET status = ?, permission = ?, updated_at = ? WHERE id = ?",
				wellops.SharePending, string(perm), now, existing.ID); err != nil {
				return err
			}
			out = existing
		case isNoRows(err):
			out = wellops.Share{ID: wellops.NewID(), ResourceType: resType, ResourceID: id, SharedBy: p.AccountID,
				SharedWith: sharedWith, Permission: perm, Status: wellops.SharePending, CreatedAt: fromTS(now)}
			if _, err := t.exec(ctx, `INSERT INTO shares (id, resource_type, resource_id, shared_by, shared_with, shared_with_account,
				permission, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, out.ID, resType, id, p.AccountID,
				sharedWith, wellops.AccountOf(sharedWith), string(perm), out.Status, now, now); err != nil {
				return err
			}
		default:
			return err
		}
		out.ResourceName = name
		if resType == wellops.ResWorkload {
			return t.audit(ctx, p, id, "CreateWorkloadShare", "share/"+out.ID, nil, map[string]string{"SharedWith": sharedWith, "PermissionType": string(perm)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateWorkloadShare implements wellops.ShareService.
func (db *DB) UpdateWorkloadShare(ctx context.Context, workloadID, shareID string, perm wellops.Permission) (*wellops.Share, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if perm != wellops.PermReadOnly && perm != wellops.PermContributor {
		return nil, invalidField("PermissionType", "must be READONLY or CONTRIBUTOR")
	}
	var out wellops.Share
	err = db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, workloadID, needAdmin, true)
		if err != nil {
			return err
		}
		out, err = scanShare(t.queryRow(ctx, "SELECT "+shareCols+" FROM shares WHERE id = ? AND resource_type = 'WORKLOAD' AND resource_id = ?", shareID, w.ID))
		if err != nil {
			return notFound(err, wellops.ResShare, shareID)
		}
		before := out.Permission
		out.Permission, out.ResourceName = perm, w.Name
		if _, err := t.exec(ctx, "UPDATE shares SET permission = ?, updated_at = ? WHERE id = ?", string(perm), db.nowTS(), shareID); err != nil {
			return err
		}
		return t.audit(ctx, p, w.ID, "UpdateWorkloadShare", "share/"+shareID, before, perm)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteShare implements wellops.ShareService: access ends at once.
func (db *DB) DeleteShare(ctx context.Context, resType, resource, shareID string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	return db.writeTx(ctx, func(t *tx) error {
		id, _, err := t.shareTarget(ctx, p, resType, resource)
		if err != nil {
			return err
		}
		res, err := t.exec(ctx, "DELETE FROM shares WHERE id = ? AND resource_type = ? AND resource_id = ?", shareID, resType, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return wellops.NotFound(wellops.ResShare, shareID)
		}
		if resType == wellops.ResWorkload {
			return t.audit(ctx, p, id, "DeleteWorkloadShare", "share/"+shareID, shareID, nil)
		}
		return nil
	})
}

// ListShares implements wellops.ShareService.
func (db *DB) ListShares(ctx context.Context, resType, resource string, q wellops.ShareQuery) ([]wellops.Share, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	var out []wellops.Share
	err = db.readTx(ctx, func(t *tx) error {
		id, name, err := t.shareTarget(ctx, p, resType, resource)
		if err != nil {
			return err
		}
		rows, err := t.query(ctx, "SELECT "+shareCols+" FROM shares WHERE resource_type = ? AND resource_id = ? ORDER BY created_at, id", resType, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			sh, err := scanShare(rows)
			if err != nil {
				return err
			}
			if (q.Status != "" && sh.Status != q.Status) || !strings.HasPrefix(sh.SharedWith, q.SharedWithPrefix) {
				continue
			}
			sh.ResourceName = name
			out = append(out, sh)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, "", err
	}
	return pageSlice(out, q.Page, 50, 50)
}

// ListShareInvitations implements wellops.ShareService.
func (db *DB) ListShareInvitations(ctx context.Context, q wellops.InvitationQuery) ([]wellops.Share, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	var out []wellops.Share
	err = db.readTx(ctx, func(t *tx) error {
		all, err := queryAll(ctx, t, scanShare, "SELECT "+shareCols+" FROM shares WHERE status = 'PENDING' AND shared_with IN (?, ?) ORDER BY created_at, id",
			p.AccountID, p.ARN())
		if err != nil {
			return err
		}
		for _, sh := range all {
			if q.ResourceType != "" && sh.ResourceType != q.ResourceType {
				continue
			}
			sh.ResourceName = t.resourceName(ctx, sh.ResourceType, sh.ResourceID)
			if !strings.HasPrefix(strings.ToLower(sh.ResourceName), strings.ToLower(q.NamePrefix)) {
				continue
			}
			out = append(out, sh)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return pageSlice(out, q.Page, 50, 50)
}

// UpdateShareInvitation implements wellops.ShareService.
func (db *DB) UpdateShareInvitation(ctx context.Context, id, action string) (*wellops.Share, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	status := map[string]string{wellops.InvitationAccept: wellops.ShareAccepted, wellops.InvitationReject: wellops.ShareRejected}[action]
	if status == "" {
		return nil, invalidField("ShareInvitationAction", "must be ACCEPT or REJECT")
	}
	var out wellops.Share
	err = db.writeTx(ctx, func(t *tx) error {
		out, err = scanShare(t.queryRow(ctx, "SELECT "+shareCols+" FROM shares WHERE id = ? AND shared_with IN (?, ?)", id, p.AccountID, p.ARN()))
		if err != nil {
			return notFound(err, wellops.ResInvitation, id)
		}
		if out.Status != wellops.SharePending {
			return wellops.Conflict(wellops.ResInvitation, id, "share invitation %s was already answered (%s)", id, out.Status)
		}
		out.Status = status
		out.ResourceName = t.resourceName(ctx, out.ResourceType, out.ResourceID)
		_, err := t.exec(ctx, "UPDATE shares SET status = ?, updated_at = ? WHERE id = ?", status, db.nowTS(), id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
