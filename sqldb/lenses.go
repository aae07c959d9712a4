package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

var _ wellops.LensService = (*DB)(nil)

// ListLenses implements wellops.LensService: the built-in lens, the account's custom lenses
// and the ones shared with the principal and accepted.
func (db *DB) ListLenses(ctx context.Context, q wellops.LensQuery) ([]wellops.LensSummary, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	status := q.Status
	if status == "" {
		status = wellops.LensStatusAll
	}
	if status != wellops.LensStatusAll && status != wellops.LensStatusDraft && status != wellops.LensStatusPublished {
		return nil, "", invalidField("LensStatus", "must be ALL, DRAFT or PUBLISHED")
	}
	switch q.Type {
	case "", wellops.LensTypeOfficial, wellops.LensTypeSelf, wellops.LensTypeShared:
	default:
		return nil, "", invalidField("LensType", "must be AWS_OFFICIAL, CUSTOM_SELF or CUSTOM_SHARED")
	}
	var out []wellops.LensSummary
	err = db.readTx(ctx, func(t *tx) error {
		b := db.builtinRef("")
		out = append(out, wellops.LensSummary{ARN: b.arn, Alias: b.alias, Name: b.name, Type: wellops.LensTypeOfficial,
			Description: b.description, Version: lens.BuiltinVersion, Status: wellops.LensCurrent})
		rows, err := t.query(ctx, `SELECT l.arn, l.owner, l.name, l.description, l.draft IS NOT NULL, l.deleted, l.created_at, l.updated_at,
			COALESCE((SELECT version FROM lens_versions v WHERE v.lens_arn = l.arn ORDER BY seq DESC LIMIT 1), '')
			FROM lenses l WHERE l.owner = ? OR l.arn IN (SELECT resource_id FROM shares WHERE resource_type = 'LENS'
			AND status = 'ACCEPTED' AND shared_with IN (?, ?)) ORDER BY l.name, l.arn`, p.AccountID, p.AccountID, p.ARN())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s wellops.LensSummary
			var hasDraft, deleted bool
			var created, updated int64
			if err := rows.Scan(&s.ARN, &s.Owner, &s.Name, &s.Description, &hasDraft, &deleted, &created, &updated, &s.Version); err != nil {
				return err
			}
			s.Alias, s.CreatedAt, s.UpdatedAt = s.ARN, fromTS(created), fromTS(updated)
			s.Type = wellops.LensTypeSelf
			if s.Owner != p.AccountID {
				s.Type = wellops.LensTypeShared
			}
			published := s.Version != "" && !deleted
			switch {
			case published:
				s.Status = wellops.LensCurrent
			case hasDraft && s.Type == wellops.LensTypeSelf:
				s.Status, s.Version = wellops.LensStatusDraft, ""
			default:
				continue // deleted, or a draft of someone else's lens
			}
			if status == wellops.LensStatusDraft && !(hasDraft && s.Type == wellops.LensTypeSelf) ||
				status == wellops.LensStatusPublished && !published {
				continue
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, "", err
	}
	filtered := out[:0]
	for _, s := range out {
		if (q.Type == "" || s.Type == q.Type) && strings.HasPrefix(strings.ToLower(s.Name), strings.ToLower(q.NamePrefix)) &&
			(status != wellops.LensStatusDraft || s.Type != wellops.LensTypeOfficial) {
			filtered = append(filtered, s)
		}
	}
	return pageSlice(filtered, q.Page, 50, 50)
}

// GetLens implements wellops.LensService.
func (db *DB) GetLens(ctx context.Context, alias, version string) (*wellops.LensInfo, error) {
	_, info, err := db.LensContent(ctx, alias, version, "")
	return info, err
}

// LensContent implements wellops.LensService.
func (db *DB) LensContent(ctx context.Context, alias, version, lang string) (*lens.Lens, *wellops.LensInfo, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, nil, err
	}
	var l *lens.Lens
	var info *wellops.LensInfo
	err = db.readTx(ctx, func(t *tx) error {
		ref, err := t.visibleLens(ctx, p, alias)
		if err != nil {
			return err
		}
		if version == wellops.LensStatusDraft && ref.owner != p.AccountID {
			return wellops.NotFound(wellops.ResLens, alias+" draft")
		}
		if version == "" && ref.latest == "" && ref.hasDraft && ref.owner == p.AccountID {
			version = wellops.LensStatusDraft // a lens never published: show its draft to its owner
		}
		if l, err = t.lensContent(ctx, ref, version, lang); err != nil {
			return err
		}
		info, err = t.lensInfo(ctx, p, ref)
		if err != nil {
			return err
		}
		info.Version = version
		if version == "" {
			info.Version = ref.latest
		}
		info.Name, info.Description = l.Name, l.Description
		return nil
	})
	return l, info, err
}

func (t *tx) lensInfo(ctx context.Context, p wellops.Principal, ref *lensRef) (*wellops.LensInfo, error) {
	info := &wellops.LensInfo{ARN: ref.arn, Alias: ref.alias, Name: ref.name, Description: ref.description,
		Owner: ref.owner, HasDraft: ref.hasDraft}
	if ref.builtin {
		info.Type = wellops.LensTypeOfficial
		info.Versions = []wellops.LensVersion{{Version: lens.BuiltinVersion, IsMajor: true}}
		return info, nil
	}
	info.Type = wellops.LensTypeSelf
	if ref.owner != p.AccountID {
		info.Type = wellops.LensTypeShared
		if err := t.queryRow(ctx, `SELECT id FROM shares WHERE resource_type = 'LENS' AND resource_id = ? AND status = 'ACCEPTED'
			AND shared_with IN (?, ?)`, ref.arn, p.AccountID, p.ARN()).Scan(&info.ShareInvitationID); err != nil && !isNoRows(err) {
			return nil, err
		}
	}
	var tags string
	if err := t.queryRow(ctx, "SELECT tags FROM lenses WHERE arn = ?", ref.arn).Scan(&tags); err != nil {
		return nil, err
	}
	if err := jsonUnmarshal(tags, &info.Tags); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, "SELECT version, is_major, created_at FROM lens_versions WHERE lens_arn = ? ORDER BY seq", ref.arn)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v wellops.LensVersion
		var created int64
		if err := rows.Scan(&v.Version, &v.IsMajor, &created); err != nil {
			return nil, err
		}
		v.CreatedAt = fromTS(created)
		info.Versions = append(info.Versions, v)
	}
	return info, rows.Err()
}

// MaxLensBytes is the largest custom lens accepted, as in the AWS tool.
const MaxLensBytes = 500_000

// ImportLens implements wellops.LensService.
func (db *DB) ImportLens(ctx context.Context, data []byte, alias string, tags map[string]string) (string, error) {
	p, err := principal(ctx)
	if err != nil {
		return "", err
	}
	var probs wellops.Problems
	if tags != nil {
		if err := wellops.ValidateTags(tags); err != nil {
			return "", err
		}
	}
	if len(data) > MaxLensBytes {
		probs.Add("JSONString", "a custom lens must be at most %d bytes, got %d", MaxLensBytes, len(data))
		return "", probs.Err()
	}
	l, err := lens.Parse(data)
	if err != nil {
		return "", lensError(err)
	}
	var arn string
	err = db.writeTx(ctx, func(t *tx) error {
		now := db.nowTS()
		if alias != "" {
			ref, err := t.visibleLens(ctx, p, alias)
			if err != nil {
				return err
			}
			if ref.builtin || ref.owner != p.AccountID {
				return wellops.Errorf(wellops.EFORBIDDEN, "only the owner of lens %s can import a new draft of it", alias)
			}
			arn = ref.arn
			_, err = t.exec(ctx, "UPDATE lenses SET draft = ?, name = ?, description = ?, updated_at = ? WHERE arn = ?",
				string(data), l.Name, l.Description, now, arn)
			return err
		}
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM lenses WHERE owner = ? AND NOT (deleted AND draft IS NULL)", p.AccountID).Scan(&n); err != nil {
			return err
		}
		if n >= db.opt.Quotas.CustomLensesPerAccount {
			return wellops.QuotaExceeded(wellops.QuotaCustomLenses, wellops.ResLens, "",
				"account %s has reached its quota of %d custom lenses", p.AccountID, db.opt.Quotas.CustomLensesPerAccount)
		}
		arn = wellops.ARN{Region: db.opt.Region, Account: p.AccountID, Type: "lens", ID: wellops.NewID()}.String()
		if tags == nil {
			tags = map[string]string{}
		}
		_, err := t.exec(ctx, `INSERT INTO lenses (arn, owner, name, description, draft, tags, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, arn, p.AccountID, l.Name, l.Description, string(data), mustJSON(tags), now, now)
		return err
	})
	return arn, err
}

// lensError turns the lens engine's errors into an EINVALID that names every problem by its
// JSON path, so API clients and the UI can show them all.
func lensError(err error) error {
	var se *lens.SyntaxError
	if errors.As(err, &se) {
		return &wellops.Error{Code: wellops.EINVALID, Message: "the lens is not valid JSON",
			Fields: []wellops.FieldError{{Name: "JSONString", Message: se.Error()}}}
	}
	var ve *lens.ValidationError
	if errors.As(err, &ve) {
		out := &wellops.Error{Code: wellops.EINVALID, Message: fmt.Sprintf("the lens breaks %d rule(s) of the custom lens format", len(ve.Problems))}
		for _, pr := range ve.Problems {
			name := pr.Path
			if name == "" {
				name = "JSONString"
			}
			msg := pr.Rule
			if pr.Value != "" {
				msg += " (found " + pr.Value + ")"
			}
			out.Fields = append(out.Fields, wellops.FieldError{Name: name, Message: msg})
		}
		return out
	}
	return err
}

// ExportLens implements wellops.LensService. Unlike the AWS tool, the built-in lens exports
// too: its text is wellops's own and open.
func (db *DB) ExportLens(ctx context.Context, alias, version string) ([]byte, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out []byte
	err = db.readTx(ctx, func(t *tx) error {
		ref, err := t.visibleLens(ctx, p, alias)
		if err != nil {
			return err
		}
		if !ref.builtin && ref.owner != p.AccountID {
			return wellops.Errorf(wellops.EFORBIDDEN, "only the owner of lens %s can export it", alias)
		}
		if version == "" && ref.latest == "" {
			version = wellops.LensStatusDraft
		}
		l, err := t.lensContent(ctx, ref, version, "")
		if err != nil {
			return err
		}
		out, err = l.Export()
		return err
	})
	return out, err
}

var reLensVersion = regexp.MustCompile(`^[A-Za-z0-9._-]{1,32}$`)

// CreateLensVersion implements wellops.LensService.
func (db *DB) CreateLensVersion(ctx context.Context, alias, version string, major bool) (string, error) {
	p, err := principal(ctx)
	if err != nil {
		return "", err
	}
	if !reLensVersion.MatchString(version) {
		return "", invalidField("LensVersion", "must be 1 to 32 letters, digits, dots, dashes or underscores")
	}
	var arn string
	err = db.writeTx(ctx, func(t *tx) error {
		ref, err := t.visibleLens(ctx, p, alias)
		if err != nil {
			return err
		}
		if ref.builtin || ref.owner != p.AccountID {
			return wellops.Errorf(wellops.EFORBIDDEN, "only the owner of lens %s can publish it", alias)
		}
		arn = ref.arn
		var draft sql.NullString
		var count, taken, seq int
		if err := t.queryRow(ctx, `SELECT draft, (SELECT COUNT(*) FROM lens_versions WHERE lens_arn = l.arn),
			(SELECT COUNT(*) FROM lens_versions WHERE lens_arn = l.arn AND version = ?),
			(SELECT COALESCE(MAX(seq), 0) FROM lens_versions WHERE lens_arn = l.arn)
			FROM lenses l WHERE arn = ?`+db.d.forUpdate(), version, arn).Scan(&draft, &count, &taken, &seq); err != nil {
			return err
		}
		switch {
		case !draft.Valid:
			return wellops.Errorf(wellops.EINVALID, "lens %s has no draft to publish; import one first", arn)
		case taken > 0:
			return wellops.Conflict(wellops.ResLens, arn, "lens %s already has a version %q", arn, version)
		case count >= db.opt.Quotas.VersionsPerLens:
			return wellops.QuotaExceeded(wellops.QuotaVersions, wellops.ResLens, arn, "lens %s has reached its quota of %d versions", arn, db.opt.Quotas.VersionsPerLens)
		}
		now := db.nowTS()
		if _, err := t.exec(ctx, "INSERT INTO lens_versions (lens_arn, seq, version, is_major, content, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			arn, seq+1, version, major, draft.String, now); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE lenses SET draft = NULL, deleted = ?, updated_at = ? WHERE arn = ?", false, now, arn); err != nil {
			return err
		}
		if major || ref.latest == "" {
			return nil // reviews on older versions show NOT_CURRENT and get a notification
		}
		// A minor version applies itself: every review of the lens moves to it.
		ref.latest, ref.deleted = version, false
		return t.moveAllReviews(ctx, p, ref, version)
	})
	return arn, err
}

// moveAllReviews moves every workload and template review of ref to version.
func (t *tx) moveAllReviews(ctx context.Context, p wellops.Principal, ref *lensRef, version string) error {
	ids, err := t.strings(ctx, "SELECT workload_id FROM lens_reviews WHERE lens_alias = ? AND lens_version <> ?", ref.arn, version)
	if err != nil {
		return err
	}
	for _, id := range ids {
		rec, err := t.review(ctx, id, ref.arn, nil)
		if err != nil {
			return err
		}
		l, err := t.lensContent(ctx, ref, rec.Version, "")
		if err != nil {
			return err
		}
		if err := t.moveReview(ctx, p, id, &reviewView{rec: rec, ref: ref, l: l}, version); err != nil {
			return err
		}
	}
	return t.moveTemplateReviews(ctx, ref, version)
}

// DeleteLens implements wellops.LensService.
func (db *DB) DeleteLens(ctx context.Context, alias, status string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if status != wellops.LensStatusAll && status != wellops.LensStatusDraft && status != wellops.LensStatusPublished {
		return invalidField("LensStatus", "must be ALL, DRAFT or PUBLISHED")
	}
	return db.writeTx(ctx, func(t *tx) error {
		ref, err := t.visibleLens(ctx, p, alias)
		if err != nil {
			return err
		}
		if ref.builtin || ref.owner != p.AccountID {
			return wellops.Errorf(wellops.EFORBIDDEN, "only the owner of lens %s can delete it", alias)
		}
		published := ref.latest != "" && !ref.deleted
		switch {
		case status == wellops.LensStatusDraft && !ref.hasDraft:
			return wellops.NotFound(wellops.ResLens, alias+" draft")
		case status == wellops.LensStatusPublished && !published:
			return wellops.NotFound(wellops.ResLens, alias+" published versions")
		case status == wellops.LensStatusAll && !ref.hasDraft && !published:
			return wellops.NotFound(wellops.ResLens, alias)
		}
		now := db.nowTS()
		if status != wellops.LensStatusPublished {
			if _, err := t.exec(ctx, "UPDATE lenses SET draft = NULL, updated_at = ? WHERE arn = ?", now, ref.arn); err != nil {
				return err
			}
		}
		if status != wellops.LensStatusDraft {
			// Versions stay stored: existing reviews keep working, but the lens can no longer
			// be applied or shared.
			if _, err := t.exec(ctx, "UPDATE lenses SET deleted = ?, updated_at = ? WHERE arn = ?", true, now, ref.arn); err != nil {
				return err
			}
		}
		return nil
	})
}

// LensVersionDifference implements wellops.LensService. Without a base, the version before
// the target is the base; without a target, the latest version is.
func (db *DB) LensVersionDifference(ctx context.Context, alias, base, target string) (*wellops.LensDifference, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out *wellops.LensDifference
	err = db.readTx(ctx, func(t *tx) error {
		ref, err := t.visibleLens(ctx, p, alias)
		if err != nil {
			return err
		}
		info, err := t.lensInfo(ctx, p, ref)
		if err != nil {
			return err
		}
		if target == "" {
			target = ref.latest
		}
		if base == "" {
			base = target
			for i, v := range info.Versions {
				if v.Version == target && i > 0 {
					base = info.Versions[i-1].Version
				}
			}
		}
		bl, err := t.lensContent(ctx, ref, base, "")
		if err != nil {
			return err
		}
		tl, err := t.lensContent(ctx, ref, target, "")
		if err != nil {
			return err
		}
		out = &wellops.LensDifference{Alias: ref.alias, ARN: ref.arn, Base: base, Target: target, Latest: ref.latest,
			Pillars: lens.Diff(bl, tl)}
		return nil
	})
	return out, err
}
