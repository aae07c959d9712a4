package sqldb

import (
	"context"

	"github.com/wellops/wellops"
)

// WorkloadRisk is one workload's risk counts, for the operator's metrics.
type WorkloadRisk struct {
	ID, Name, Owner string
	RiskCounts      wellops.RiskCounts
}

// RiskSummary lists every workload's risk counts regardless of who asks. It is for the
// server's /metrics endpoint (operators alert on it) and takes no principal; adapters that
// serve users must use WorkloadService.
func (db *DB) RiskSummary(ctx context.Context) ([]WorkloadRisk, error) {
	var out []WorkloadRisk
	err := db.readTx(ctx, func(t *tx) error {
		rows, err := t.query(ctx, "SELECT id, name, owner, r_high, r_medium, r_none, r_na, r_unanswered FROM workloads ORDER BY owner, name_key")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var w WorkloadRisk
			r := &w.RiskCounts
			if err := rows.Scan(&w.ID, &w.Name, &w.Owner, &r.High, &r.Medium, &r.None, &r.NotApplicable, &r.Unanswered); err != nil {
				return err
			}
			out = append(out, w)
		}
		return rows.Err()
	})
	return out, err
}
