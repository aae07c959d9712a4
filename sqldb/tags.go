package sqldb

import (
	"context"
	"maps"

	"github.com/wellops/wellops"
)

var _ wellops.TagService = (*DB)(nil)

// tagged finds where the tags of an ARN live and checks that p owns the resource.
func (t *tx) tagged(ctx context.Context, p wellops.Principal, arn string) (get func() (map[string]string, error), set func(map[string]string) error, err error) {
	a, ok := wellops.ParseARN(arn)
	if !ok {
		return nil, nil, wellops.NotFound("RESOURCE", arn)
	}
	switch a.Type {
	case "workload":
		w, err := t.workload(ctx, p, a.ID, needAdmin, true)
		if err != nil {
			return nil, nil, err
		}
		return func() (map[string]string, error) { return w.Tags, nil },
			func(tags map[string]string) error {
				w.Tags = tags
				return t.saveWorkloadData(ctx, w)
			}, nil
	case "lens":
		ref, err := t.visibleLens(ctx, p, arn)
		if err != nil {
			return nil, nil, err
		}
		if ref.builtin || ref.owner != p.AccountID {
			return nil, nil, wellops.Errorf(wellops.EFORBIDDEN, "only the owner of lens %s can tag it", arn)
		}
		return t.tagColumn(ctx, "lenses", arn)
	case "profile":
		r, err := t.visibleProfile(ctx, p, arn)
		if err != nil {
			return nil, nil, err
		}
		if r.owner != p.AccountID {
			return nil, nil, wellops.Errorf(wellops.EFORBIDDEN, "only the owner of profile %s can tag it", arn)
		}
		return t.tagColumn(ctx, "profiles", arn)
	case "review-template":
		if _, err := t.template(ctx, p, arn, needAdmin); err != nil {
			return nil, nil, err
		}
		return t.tagColumn(ctx, "templates", arn)
	}
	return nil, nil, wellops.NotFound("RESOURCE", arn)
}

func (t *tx) tagColumn(ctx context.Context, table, arn string) (func() (map[string]string, error), func(map[string]string) error, error) {
	get := func() (map[string]string, error) {
		var s string
		if err := t.queryRow(ctx, "SELECT tags FROM "+table+" WHERE arn = ?", arn).Scan(&s); err != nil {
			return nil, err
		}
		var m map[string]string
		return m, jsonUnmarshal(s, &m)
	}
	set := func(m map[string]string) error {
		_, err := t.exec(ctx, "UPDATE "+table+" SET tags = ? WHERE arn = ?", mustJSON(m), arn)
		return err
	}
	return get, set, nil
}

// TagResource implements wellops.TagService.
func (db *DB) TagResource(ctx context.Context, arn string, tags map[string]string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if err := wellops.ValidateTags(tags); err != nil {
		return err
	}
	return db.retag(ctx, p, arn, func(next map[string]string) error {
		maps.Copy(next, tags)
		return wellops.ValidateTags(next)
	})
}

// UntagResource implements wellops.TagService.
func (db *DB) UntagResource(ctx context.Context, arn string, keys []string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if len(keys) == 0 || len(keys) > 50 {
		return invalidField("TagKeys", "must name 1 to 50 tag keys")
	}
	return db.retag(ctx, p, arn, func(next map[string]string) error {
		for _, k := range keys {
			delete(next, k)
		}
		return nil
	})
}

// retag applies change to a copy of the resource's tags and stores the copy, in one write
// transaction.
func (db *DB) retag(ctx context.Context, p wellops.Principal, arn string, change func(map[string]string) error) error {
	return db.writeTx(ctx, func(t *tx) error {
		get, set, err := t.tagged(ctx, p, arn)
		if err != nil {
			return err
		}
		cur, err := get()
		if err != nil {
			return err
		}
		next := make(map[string]string, len(cur))
		maps.Copy(next, cur)
		if err := change(next); err != nil {
			return err
		}
		return set(next)
	})
}

// ListTags implements wellops.TagService.
func (db *DB) ListTags(ctx context.Context, arn string) (map[string]string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out map[string]string
	err = db.readTx(ctx, func(t *tx) error {
		a, ok := wellops.ParseARN(arn)
		if !ok {
			return wellops.NotFound("RESOURCE", arn)
		}
		if a.Type == "workload" {
			w, err := t.workload(ctx, p, a.ID, needRead, false)
			if err != nil {
				return err
			}
			out = w.Tags
			return nil
		}
		get, _, err := t.tagged(ctx, p, arn)
		if err != nil {
			return err
		}
		out, err = get()
		return err
	})
	if out == nil {
		out = map[string]string{}
	}
	return out, err
}
