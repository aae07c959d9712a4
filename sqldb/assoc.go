package sqldb

import (
	"context"
	"slices"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// AssociateLenses implements wellops.WorkloadService. Lenses already applied are skipped, so a
// retried call succeeds.
func (db *DB) AssociateLenses(ctx context.Context, id string, aliases []string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if len(aliases) == 0 || len(aliases) > 10 {
		return invalidField("LensAliases", "must name 1 to 10 lenses per call")
	}
	return db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, id, needAdmin, true)
		if err != nil {
			return err
		}
		refs, err := t.applicableLenses(ctx, p, aliases)
		if err != nil {
			return err
		}
		before := slices.Clone(w.Lenses)
		prio, err := t.prioritizedFor(ctx, w)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			alias := canonicalAlias(ref)
			if slices.Contains(w.Lenses, alias) {
				continue
			}
			if len(w.Lenses) >= db.opt.Quotas.LensesPerWorkload {
				return wellops.QuotaExceeded(wellops.QuotaLenses, wellops.ResWorkload, id,
					"workload %s has reached its quota of %d lenses", id, db.opt.Quotas.LensesPerWorkload)
			}
			if err := t.createLensReview(ctx, id, ref, len(w.Lenses), prio, nil); err != nil {
				return err
			}
			w.Lenses = append(w.Lenses, alias)
		}
		if err := t.saveWorkloadData(ctx, w); err != nil {
			return err
		}
		return t.audit(ctx, p, id, "AssociateLenses", "lenses", before, w.Lenses)
	})
}

// DisassociateLenses implements wellops.WorkloadService. The built-in lens stays; lenses that
// are not applied are ignored.
func (db *DB) DisassociateLenses(ctx context.Context, id string, aliases []string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if len(aliases) == 0 || len(aliases) > 10 {
		return invalidField("LensAliases", "must name 1 to 10 lenses per call")
	}
	var remove []string
	for _, a := range aliases {
		alias, err := lensAliasParam(a)
		if err != nil {
			return err
		}
		if alias == lens.BuiltinAlias {
			return invalidField("LensAliases", "the built-in lens "+lens.BuiltinAlias+" cannot be removed from a workload")
		}
		remove = append(remove, alias)
	}
	return db.writeTx(ctx, func(t *tx) error {
		w, err := t.workload(ctx, p, id, needAdmin, true)
		if err != nil {
			return err
		}
		before := slices.Clone(w.Lenses)
		for _, alias := range remove {
			if _, err := t.exec(ctx, "DELETE FROM lens_reviews WHERE workload_id = ? AND lens_alias = ?", id, alias); err != nil {
				return err
			}
		}
		w.Lenses = slices.DeleteFunc(w.Lenses, func(a string) bool { return slices.Contains(remove, a) })
		if err := t.refreshWorkloadRollup(ctx, id); err != nil {
			return err
		}
		if err := t.saveWorkloadData(ctx, w); err != nil {
			return err
		}
		return t.audit(ctx, p, id, "DisassociateLenses", "lenses", before, w.Lenses)
	})
}
