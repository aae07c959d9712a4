package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// lensRef is a lens as the catalog knows it, without its content.
type lensRef struct {
	alias       string // "wellarchitected" or the custom lens ARN
	arn         string
	name        string
	description string
	owner       string // "" for the built-in lens
	builtin     bool
	latest      string // latest published version; "" when never published
	deleted     bool   // published versions deleted: existing reviews keep working
	hasDraft    bool
}

func (db *DB) builtinARN() string {
	return fmt.Sprintf("arn:aws:wellarchitected:%s::lens/%s", db.opt.Region, lens.BuiltinAlias)
}

func (db *DB) builtinRef(lang string) *lensRef {
	l := db.lensLang(lang)
	return &lensRef{alias: lens.BuiltinAlias, arn: db.builtinARN(), name: l.Name, description: l.Description,
		builtin: true, latest: lens.BuiltinVersion}
}

// lensLang returns the built-in lens in lang, or in the store's default language.
func (db *DB) lensLang(lang string) *lens.Lens {
	if l, ok := db.builtin[lang]; ok {
		return l
	}
	return db.builtin[db.opt.Lang]
}

// isBuiltinAlias accepts the alias and the built-in lens ARN in any region, as AWS scripts
// name the official lens either way.
func isBuiltinAlias(alias string) bool {
	if alias == lens.BuiltinAlias {
		return true
	}
	a, ok := wellops.ParseARN(alias)
	return ok && a.Type == "lens" && a.Account == "" && a.ID == lens.BuiltinAlias
}

// resolveLens finds a lens by alias or ARN. It does not check that the principal may use it.
func (t *tx) resolveLens(ctx context.Context, alias string) (*lensRef, error) {
	if isBuiltinAlias(alias) {
		return t.db.builtinRef(""), nil
	}
	a, ok := wellops.ParseARN(alias)
	if !ok || a.Type != "lens" {
		return nil, wellops.NotFound(wellops.ResLens, alias)
	}
	ref := &lensRef{alias: alias, arn: alias}
	var draft sql.NullString
	err := t.queryRow(ctx, `SELECT owner, name, description, deleted, draft,
		COALESCE((SELECT version FROM lens_versions v WHERE v.lens_arn = l.arn ORDER BY seq DESC LIMIT 1), '')
		FROM lenses l WHERE arn = ?`, alias).Scan(&ref.owner, &ref.name, &ref.description, &ref.deleted, &draft, &ref.latest)
	if err != nil {
		return nil, notFound(err, wellops.ResLens, alias)
	}
	ref.hasDraft = draft.Valid
	return ref, nil
}

// canUseLens reports whether p owns the custom lens or has accepted a share of it.
func (t *tx) canUseLens(ctx context.Context, p wellops.Principal, ref *lensRef) (bool, error) {
	if ref.builtin || ref.owner == p.AccountID {
		return true, nil
	}
	var n int
	err := t.queryRow(ctx, `SELECT COUNT(*) FROM shares WHERE resource_type = 'LENS' AND resource_id = ?
		AND status = 'ACCEPTED' AND shared_with IN (?, ?)`, ref.arn, p.AccountID, p.ARN()).Scan(&n)
	return n > 0, err
}

// visibleLens resolves alias and returns ENOTFOUND when p may not see it.
func (t *tx) visibleLens(ctx context.Context, p wellops.Principal, alias string) (*lensRef, error) {
	ref, err := t.resolveLens(ctx, alias)
	if err != nil {
		return nil, err
	}
	ok, err := t.canUseLens(ctx, p, ref)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, wellops.NotFound(wellops.ResLens, alias)
	}
	return ref, nil
}

// lensContent returns the content of a version of ref: the built-in lens in lang, a
// published custom version (cached: published versions never change), or the draft.
func (t *tx) lensContent(ctx context.Context, ref *lensRef, version, lang string) (*lens.Lens, error) {
	if ref.builtin {
		if version != "" && version != lens.BuiltinVersion {
			return nil, wellops.NotFound(wellops.ResLens, ref.alias+"@"+version)
		}
		return t.db.lensLang(lang), nil
	}
	if version == wellops.LensStatusDraft {
		var draft sql.NullString
		if err := t.queryRow(ctx, "SELECT draft FROM lenses WHERE arn = ?", ref.arn).Scan(&draft); err != nil {
			return nil, notFound(err, wellops.ResLens, ref.arn)
		}
		if !draft.Valid {
			return nil, wellops.NotFound(wellops.ResLens, ref.arn+" draft")
		}
		return lens.Parse([]byte(draft.String))
	}
	if version == "" {
		version = ref.latest
	}
	if version == "" {
		return nil, wellops.Errorf(wellops.ENOTFOUND, "lens %s has no published version", ref.arn)
	}
	key := ref.arn + "@" + version
	if l := t.db.lenses.get(key); l != nil {
		return l, nil
	}
	var content string
	err := t.queryRow(ctx, "SELECT content FROM lens_versions WHERE lens_arn = ? AND version = ?", ref.arn, version).Scan(&content)
	if err != nil {
		return nil, notFound(err, wellops.ResLens, key)
	}
	l, err := lens.Parse([]byte(content))
	if err != nil {
		return nil, fmt.Errorf("stored lens %s: %w", key, err)
	}
	t.db.lenses.put(key, l)
	return l, nil
}

// lensCache keeps parsed published lens versions. They are immutable, so entries never go
// stale; the bound only limits memory.
type lensCache struct {
	mu  sync.Mutex
	max int
	m   map[string]*lens.Lens
}

func newLensCache(max int) *lensCache { return &lensCache{max: max, m: map[string]*lens.Lens{}} }

func (c *lensCache) get(key string) *lens.Lens {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}

func (c *lensCache) put(key string, l *lens.Lens) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		clear(c.m) // rare; parsing again is cheap compared with unbounded growth
	}
	c.m[key] = l
}

// canonicalAlias returns the alias under which a review of ref is stored.
func canonicalAlias(ref *lensRef) string {
	if ref.builtin {
		return lens.BuiltinAlias
	}
	return ref.arn
}

// lensAliasParam normalises an alias given by a caller: the built-in ARN becomes the alias;
// an unknown shape is an ENOTFOUND naming it.
func lensAliasParam(alias string) (string, error) {
	alias = strings.TrimSpace(alias)
	if isBuiltinAlias(alias) {
		return lens.BuiltinAlias, nil
	}
	if a, ok := wellops.ParseARN(alias); ok && a.Type == "lens" {
		return alias, nil
	}
	if alias == "" {
		return "", &wellops.Error{Code: wellops.EINVALID, Message: "invalid LensAlias",
			Fields: []wellops.FieldError{{Name: "LensAlias", Message: "is required"}}}
	}
	return "", wellops.NotFound(wellops.ResLens, alias)
}

var errNoRows = sql.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }
