package sqldb

import (
	"context"

	"github.com/wellops/wellops"
)

// ListNotifications implements wellops.LensService. Notifications are derived, not stored:
// every lens review (of the account's workloads, or of one workload or review template) that
// is behind its lens's latest version, or whose lens was deleted.
func (db *DB) ListNotifications(ctx context.Context, q wellops.NotificationQuery) ([]wellops.Notification, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	if q.WorkloadID != "" && q.ResourceARN != "" {
		return nil, "", invalidField("WorkloadId", "give either WorkloadId or ResourceArn, not both")
	}
	var out []wellops.Notification
	err = db.readTx(ctx, func(t *tx) error {
		type row struct{ id, name, alias, version string }
		var rows []row
		collect := func(query string, args ...any) error {
			rs, err := t.query(ctx, query, args...)
			if err != nil {
				return err
			}
			defer rs.Close()
			for rs.Next() {
				var r row
				if err := rs.Scan(&r.id, &r.name, &r.alias, &r.version); err != nil {
					return err
				}
				rows = append(rows, r)
			}
			return rs.Err()
		}
		switch {
		case q.ResourceARN != "":
			tm, err := t.template(ctx, p, q.ResourceARN, needRead)
			if err != nil {
				return err
			}
			if err := collect(`SELECT t.arn, t.name, r.lens_alias, r.lens_version FROM template_reviews r
				JOIN templates t ON t.arn = r.template_arn WHERE t.arn = ? ORDER BY r.position`, tm.ARN); err != nil {
				return err
			}
		case q.WorkloadID != "":
			if _, err := t.workload(ctx, p, q.WorkloadID, needRead, false); err != nil {
				return err
			}
			if err := collect(`SELECT w.id, w.name, r.lens_alias, r.lens_version FROM lens_reviews r
				JOIN workloads w ON w.id = r.workload_id WHERE w.id = ? ORDER BY r.position`, q.WorkloadID); err != nil {
				return err
			}
		default:
			if err := collect(`SELECT w.id, w.name, r.lens_alias, r.lens_version FROM lens_reviews r
				JOIN workloads w ON w.id = r.workload_id WHERE w.owner = ? AND r.lens_alias <> 'wellarchitected'
				ORDER BY w.name_key, r.position`, p.AccountID); err != nil {
				return err
			}
		}
		refs := map[string]*lensRef{}
		for _, r := range rows {
			ref, ok := refs[r.alias]
			if !ok {
				var err error
				if ref, err = t.resolveLens(ctx, r.alias); err != nil {
					return err
				}
				refs[r.alias] = ref
			}
			n := wellops.Notification{LensAlias: ref.alias, LensARN: ref.arn, CurrentVersion: r.version, LatestVersion: ref.latest}
			if q.ResourceARN != "" {
				n.ResourceARN, n.ResourceName = r.id, r.name
			} else {
				n.WorkloadID, n.WorkloadName = r.id, r.name
			}
			switch {
			case ref.deleted:
				n.Type = wellops.NotifyLensDeprecated
			case r.version != ref.latest:
				n.Type = wellops.NotifyLensUpgraded
			default:
				continue
			}
			out = append(out, n)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return pageSlice(out, q.Page, 50, 50)
}

// ListProfileNotifications implements wellops.LensService: workloads whose profile has a newer
// version, or was deleted.
func (db *DB) ListProfileNotifications(ctx context.Context, workloadID string, page wellops.Page) ([]wellops.ProfileNotification, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	var out []wellops.ProfileNotification
	err = db.readTx(ctx, func(t *tx) error {
		var ws []*wellops.Workload
		if workloadID != "" {
			w, err := t.workload(ctx, p, workloadID, needRead, false)
			if err != nil {
				return err
			}
			ws = append(ws, w)
		} else {
			var err error
			ws, err = queryAll(ctx, t, db.scanWorkload, "SELECT "+workloadCols+" FROM workloads WHERE owner = ? AND data LIKE '%ProfileARN%' ORDER BY name_key", p.AccountID)
			if err != nil {
				return err
			}
		}
		for _, w := range ws {
			for _, wp := range w.Profiles {
				pr, err := t.profileRow(ctx, wp.ProfileARN)
				if err != nil {
					return err
				}
				n := wellops.ProfileNotification{ProfileARN: wp.ProfileARN, ProfileName: pr.name, CurrentVersion: wp.ProfileVersion,
					LatestVersion: pr.latestVersion(), WorkloadID: w.ID, WorkloadName: w.Name}
				switch {
				case pr.deleted:
					n.Type = wellops.NotifyProfileDeleted
				case wp.ProfileVersion != pr.latestVersion():
					n.Type = wellops.NotifyProfileAnswersUpdate
				default:
					continue
				}
				out = append(out, n)
			}
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return pageSlice(out, page, 50, 50)
}
