package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// The lens subcommands that work on custom lenses in the store. A custom lens is named by its
// ARN, which `wellops lens import` prints and `wellops lens list` shows; lenses belong to the
// account of the user the command acts as (--as).

// isCustomLensARN reports whether name is a custom lens ARN rather than the built-in alias or
// a file name.
func isCustomLensARN(name string) bool {
	a, ok := wellops.ParseARN(name)
	return ok && a.Type == "lens" && a.ID != lens.BuiltinAlias
}

// lensStoreFlags are the flags show and export add for custom lenses.
type lensStoreFlags struct {
	*storeFlags
	version *string
}

func storeLensFlags(fs *flag.FlagSet, e *env) *lensStoreFlags {
	sf := &storeFlags{
		db: fs.String("db", "", "the store `DSN` of custom lenses: a SQLite file or a postgres:// URL (env WELLOPS_DB; default wellops.db)"),
		as: fs.String("as", e.getenv("WELLOPS_USER"), "act as the user `NAME` (env WELLOPS_USER; default: the first administrator)"),
	}
	return &lensStoreFlags{storeFlags: sf,
		version: fs.String("version", "", "custom lens `VERSION` (default: the latest published; DRAFT for the draft)")}
}

func (f *lensStoreFlags) content(ctx context.Context, e *env, arn string) (*lens.Lens, *wellops.LensInfo, error) {
	c, err := f.open(ctx, e, "lens show")
	if err != nil {
		return nil, nil, err
	}
	defer c.Close()
	return c.db.LensContent(c.ctx(ctx), arn, *f.version, "")
}

func (f *lensStoreFlags) export(ctx context.Context, e *env, arn string) ([]byte, error) {
	c, err := f.open(ctx, e, "lens export")
	if err != nil {
		return nil, err
	}
	defer c.Close()
	return c.db.ExportLens(c.ctx(ctx), arn, *f.version)
}

func customSubtitle(info *wellops.LensInfo) string {
	v := info.Version
	if v == "" || v == wellops.LensStatusDraft {
		v = "draft"
	}
	return fmt.Sprintf("%s, version %s", info.ARN, v)
}

func lensList(ctx context.Context, e *env, args []string) error {
	fs := newFlags("lens list", "[--status ALL|DRAFT|PUBLISHED] [--json]", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	status := fs.String("status", wellops.LensStatusAll, "ALL, DRAFT (lenses with a draft) or PUBLISHED")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 0, 0); err != nil {
		return err
	}
	c, err := sf.open(ctx, e, "lens list")
	if err != nil {
		return err
	}
	defer c.Close()
	items := []wellops.LensSummary{}
	q := wellops.LensQuery{Status: strings.ToUpper(*status)}
	for {
		page, next, err := c.db.ListLenses(c.ctx(ctx), q)
		if err != nil {
			return err
		}
		items = append(items, page...)
		if next == "" {
			break
		}
		q.Page.Token = next
	}
	if *sf.json {
		return writeJSON(e.stdout, items)
	}
	tw := newTable(e.stdout, "ALIAS", "TYPE", "VERSION", "STATUS", "NAME")
	for _, l := range items {
		row(tw, l.Alias, l.Type, orDash(l.Version), l.Status, l.Name)
	}
	return tw.Flush()
}

func lensImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags("lens import", "FILE [--alias ARN] [--tag KEY=VALUE]", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	alias := fs.String("alias", "", "replace the draft of this custom lens `ARN` instead of creating a new lens")
	tags := tagFlag{}
	fs.Var(tags, "tag", "tag `KEY=VALUE` of a new lens (repeatable)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	file := pos[0]
	data, err := readLensFile(file)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	var tagMap map[string]string
	if len(tags) > 0 {
		if err := wellops.ValidateTags(tags); err != nil {
			return err
		}
		tagMap = tags
	}
	c, err := sf.open(ctx, e, "lens import")
	if err != nil {
		return err
	}
	defer c.Close()
	arn, err := c.db.ImportLens(c.ctx(ctx), data, *alias, tagMap)
	var we *wellops.Error
	if errors.As(err, &we) && we.Code == wellops.EINVALID && len(we.Fields) > 0 {
		// Every problem on its own line, with its JSON path, like `wellops lens validate`.
		fmt.Fprintf(e.stderr, "wellops lens import: %s: %s; nothing was stored\n", file, we.Message)
		for _, f := range we.Fields {
			fmt.Fprintf(e.stderr, "%s: %s: %s\n", file, f.Name, f.Message)
		}
		return exitError{exitStatus(we.Code)}
	}
	if err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, map[string]string{"LensArn": arn})
	}
	fmt.Fprintln(e.stdout, arn)
	fmt.Fprintf(e.stderr, "wellops lens import: stored as a draft; publish it with: wellops lens publish %s VERSION\n", arn)
	return nil
}

func lensPublish(ctx context.Context, e *env, args []string) error {
	fs := newFlags("lens publish", "ARN VERSION [--major]", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	major := fs.Bool("major", false, "a major version: reviews stay on their version until upgraded (a minor one moves them at once)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 2, 2); err != nil {
		return err
	}
	c, err := sf.open(ctx, e, "lens publish")
	if err != nil {
		return err
	}
	defer c.Close()
	arn, err := c.db.CreateLensVersion(c.ctx(ctx), pos[0], pos[1], *major)
	if err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, map[string]string{"LensArn": arn, "LensVersion": pos[1]})
	}
	kind := "minor"
	if *major {
		kind = "major"
	}
	fmt.Fprintf(e.stdout, "published %s version %s (%s)\n", arn, pos[1], kind)
	return nil
}

func lensDiff(ctx context.Context, e *env, args []string) error {
	fs := newFlags("lens diff", "ARN [--base VERSION] [--target VERSION]", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	base := fs.String("base", "", "version to compare from (default: the one before --target)")
	target := fs.String("target", "", "version to compare to (default: the latest published)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	c, err := sf.open(ctx, e, "lens diff")
	if err != nil {
		return err
	}
	defer c.Close()
	d, err := c.db.LensVersionDifference(c.ctx(ctx), pos[0], *base, *target)
	if err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, d)
	}
	fmt.Fprintf(e.stdout, "%s: version %s to %s (latest %s)\n", d.ARN, d.Base, d.Target, d.Latest)
	if len(d.Pillars) == 0 {
		fmt.Fprintln(e.stdout, "no differences")
		return nil
	}
	tw := newTable(e.stdout, "STATUS", "PILLAR", "QUESTION", "TITLE")
	for _, p := range d.Pillars {
		row(tw, p.Status, p.PillarID, "", p.PillarName)
		for _, q := range p.Questions {
			row(tw, q.Status, p.PillarID, q.QuestionID, q.QuestionTitle)
		}
	}
	return tw.Flush()
}

func lensDelete(ctx context.Context, e *env, args []string) error {
	fs := newFlags("lens delete", "ARN --status DRAFT|PUBLISHED|ALL", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	status := fs.String("status", "", "what to delete: DRAFT, PUBLISHED (reviews keep working, the lens can no longer be applied) or ALL")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	st := strings.ToUpper(*status)
	if st == "" {
		return invalidFlag("status", "is required: DRAFT, PUBLISHED or ALL")
	}
	if st != wellops.LensStatusDraft && st != wellops.LensStatusPublished && st != wellops.LensStatusAll {
		return invalidFlag("status", "must be DRAFT, PUBLISHED or ALL, got %q", *status)
	}
	c, err := sf.open(ctx, e, "lens delete")
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.db.DeleteLens(c.ctx(ctx), pos[0], st); err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, map[string]string{"LensArn": pos[0], "Deleted": st})
	}
	what := map[string]string{wellops.LensStatusDraft: "the draft", wellops.LensStatusPublished: "the published versions",
		wellops.LensStatusAll: "the draft and the published versions"}[st]
	fmt.Fprintf(e.stdout, "deleted %s of %s\n", what, pos[0])
	return nil
}
