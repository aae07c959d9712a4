package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
	"github.com/wellops/wellops/sqldb"
)

// The review, lens and identity commands work on the store directly, as an operator would:
// they open the same database as `wellops serve`, with the same configuration (environment,
// WELLOPS_CONFIG file, server key), and act as one of its users.

// storeFlags are the flags every store command shares.
type storeFlags struct {
	db   *string
	as   *string // nil for commands that always act as the administrator
	json *bool
	lang *string // nil for commands that show no lens text
}

// addStoreFlags registers --db and --json, --as when the command acts as a chosen user and
// --lang when it shows lens text.
func addStoreFlags(fs *flag.FlagSet, e *env, actAs, lensText bool) *storeFlags {
	f := &storeFlags{
		db:   fs.String("db", "", "the store `DSN`: a SQLite file or a postgres:// URL (env WELLOPS_DB; default wellops.db, as for wellops serve)"),
		json: fs.Bool("json", false, "print JSON for scripts instead of a table"),
	}
	if actAs {
		f.as = fs.String("as", e.getenv("WELLOPS_USER"), "act as the user `NAME` (env WELLOPS_USER; default: the first administrator)")
	}
	if lensText {
		f.lang = fs.String("lang", "", "language of lens text: "+strings.Join(lens.Languages(), " or ")+" (default: the server's, env WELLOPS_LANG)")
	}
	return f
}

// language returns the --lang value checked, or "" for the store's default.
func (f *storeFlags) language() (string, error) {
	if f.lang == nil || *f.lang == "" {
		return "", nil
	}
	if !slices.Contains(lens.Languages(), *f.lang) {
		return "", wellops.Errorf(wellops.EINVALID, "unknown language %q (known: %s)", *f.lang, strings.Join(lens.Languages(), ", "))
	}
	return *f.lang, nil
}

// cli is an open store and the user a command acts as.
type cli struct {
	db   *sqldb.DB
	cfg  *config
	user wellops.User
}

// open opens the store for "wellops NAME" and picks the user to act as: --as, or the first
// administrator. On an empty database it creates that administrator, as serve does.
func (f *storeFlags) open(ctx context.Context, e *env, name string) (*cli, error) {
	var args []string
	if *f.db != "" {
		args = []string{"--db", *f.db}
	}
	cfg, _, err := loadConfig(name, e, args)
	if err != nil {
		return nil, err
	}
	db, err := openStore(ctx, cfg, e.stderr, nil)
	if err != nil {
		return nil, err
	}
	if cfg.keyGenerated {
		fmt.Fprintf(e.stderr, "wellops: generated a server key in %s; back it up with the database\n", cfg.keyFile)
	}
	as := ""
	if f.as != nil {
		as = *f.as
	}
	u, err := actingUser(ctx, db, as)
	if err != nil {
		db.Close()
		return nil, err
	}
	return &cli{db: db, cfg: cfg, user: *u}, nil
}

func (c *cli) Close() error { return c.db.Close() }

// openWorkload opens the store as the acting user and finds the workload arg names (its ID
// or name): the start of every command that works on one workload.
func (f *storeFlags) openWorkload(ctx context.Context, e *env, name, arg string) (*cli, *wellops.Workload, error) {
	c, err := f.open(ctx, e, name)
	if err != nil {
		return nil, nil, err
	}
	w, err := c.workload(ctx, arg)
	if err != nil {
		c.Close()
		return nil, nil, err
	}
	return c, w, nil
}

// ctx returns parent carrying the acting user's principal: the store enforces access for
// the CLI exactly as for the API and the UI.
func (c *cli) ctx(parent context.Context) context.Context {
	return wellops.WithPrincipal(parent, c.user.Principal())
}

// actingUser finds the user named as, or else the first administrator (the earliest
// created). Only to look users up, the CLI uses an operator principal: it holds the
// database anyway, and nothing is written under that principal.
func actingUser(ctx context.Context, db *sqldb.DB, as string) (*wellops.User, error) {
	op := wellops.Principal{UserID: "wellops-cli", UserName: "wellops-cli", AccountID: "000000000000", Admin: true}
	users, err := db.ListUsers(wellops.WithPrincipal(ctx, op))
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	var first *wellops.User
	for i := range users {
		u := &users[i]
		if as != "" && u.Name == as {
			return u, nil
		}
		if u.Admin && (first == nil || u.CreatedAt.Before(first.CreatedAt)) {
			first = u
		}
	}
	switch {
	case as != "":
		return nil, wellops.Errorf(wellops.ENOTFOUND, "no user named %q (wellops user list shows them)", as)
	case first == nil:
		return nil, wellops.Errorf(wellops.ENOTFOUND, "the database has no administrator; name a user with --as")
	}
	return first, nil
}

// workload finds the workload arg names: its ID, or its name in the acting user's account,
// ignoring case and spaces as the store's uniqueness rule does.
func (c *cli) workload(ctx context.Context, arg string) (*wellops.Workload, error) {
	ctx = c.ctx(ctx)
	if wellops.ValidID(arg) {
		w, err := c.db.GetWorkload(ctx, arg, 0)
		if wellops.ErrorCode(err) != wellops.ENOTFOUND {
			return w, err
		}
	}
	key := wellops.NameKey(arg)
	if key != "" && len(arg) <= 100 {
		q := wellops.WorkloadQuery{NamePrefix: arg, OwnOnly: true, SkipLensNames: true, Page: wellops.Page{Limit: 1000}}
		for {
			items, next, err := c.db.ListWorkloads(ctx, q)
			if err != nil {
				return nil, err
			}
			for _, it := range items {
				if wellops.NameKey(it.Name) == key {
					return c.db.GetWorkload(ctx, it.ID, 0)
				}
			}
			if next == "" {
				break
			}
			q.Page.Token = next
		}
	}
	return nil, &wellops.Error{Code: wellops.ENOTFOUND, Message: fmt.Sprintf("workload %q not found (give its ID or its name in account %s)", arg, c.user.AccountID),
		ResourceType: wellops.ResWorkload, ResourceID: arg}
}

// lensReviews lists every lens review of a workload, now or at a milestone, following pages.
func (c *cli) lensReviews(ctx context.Context, workloadID string, milestone int) ([]wellops.LensReview, error) {
	var out []wellops.LensReview
	pg := wellops.Page{}
	for {
		items, next, err := c.db.ListLensReviews(c.ctx(ctx), workloadID, milestone, pg)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if next == "" {
			return out, nil
		}
		pg.Token = next
	}
}

// answers lists every answer of a lens review, following pages.
func (c *cli) answers(ctx context.Context, workloadID, alias string, milestone int, lang string) ([]wellops.Answer, error) {
	var out []wellops.Answer
	q := wellops.AnswerQuery{Lang: lang}
	for {
		items, next, err := c.db.ListAnswers(c.ctx(ctx), workloadID, alias, milestone, q)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if next == "" {
			return out, nil
		}
		q.Page.Token = next
	}
}
