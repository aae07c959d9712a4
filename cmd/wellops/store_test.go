package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/internal/testdb"
	"github.com/wellops/wellops/sqldb"
)

// testKey is the server key the PostgreSQL runs configure (SQLite generates its own file).
const testKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

// storeCLI runs wellops commands against one temporary store, named by WELLOPS_DB as a user
// would set it.
type storeCLI struct {
	t    *testing.T
	dsn  string
	vars map[string]string
}

func newStoreCLI(t *testing.T, dsn string) *storeCLI {
	vars := map[string]string{"WELLOPS_DB": dsn}
	if sqldb.IsPostgres(dsn) {
		vars["WELLOPS_SECRET_KEY"] = testKey
	}
	return &storeCLI{t: t, dsn: dsn, vars: vars}
}

// sqliteCLI is a storeCLI on a fresh SQLite file.
func sqliteCLI(t *testing.T) *storeCLI {
	return newStoreCLI(t, testdb.Kinds(t)[0].DSN(t))
}

// eachStore runs f on SQLite and, when configured, on PostgreSQL.
func eachStore(t *testing.T, f func(t *testing.T, c *storeCLI)) {
	for _, k := range testdb.Kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			t.Parallel()
			f(t, newStoreCLI(t, k.DSN(t)))
		})
	}
}

// run runs wellops with stdin and returns the exit status and both outputs.
func (c *storeCLI) runIn(stdin string, args ...string) (code int, stdout, stderr string) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: func(k string) string { return c.vars[k] }}
	code = run(context.Background(), e, args)
	return code, out.String(), errOut.String()
}

func (c *storeCLI) run(args ...string) (code int, stdout, stderr string) {
	c.t.Helper()
	return c.runIn("", args...)
}

// ok runs a command that must succeed and returns its standard output.
func (c *storeCLI) ok(args ...string) string {
	c.t.Helper()
	code, stdout, stderr := c.run(args...)
	if code != 0 {
		c.t.Fatalf("wellops %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, stdout, stderr)
	}
	return stdout
}

// json runs a command with --json and decodes its output into v.
func (c *storeCLI) json(v any, args ...string) {
	c.t.Helper()
	out := c.ok(append(args, "--json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		c.t.Fatalf("wellops %s --json: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// fails runs a command that must fail with one line on standard error naming the problem,
// nothing on standard output, and exit status code.
func (c *storeCLI) fails(code int, want string, args ...string) {
	c.t.Helper()
	got, stdout, stderr := c.run(args...)
	if got != code || !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 1 || stdout != "" {
		c.t.Fatalf("wellops %s: exit %d, want %d with one line containing %q\nstdout: %s\nstderr: %s",
			strings.Join(args, " "), got, code, want, stdout, stderr)
	}
}

// store opens the database directly, acting as the first administrator, to check what the
// commands did.
func (c *storeCLI) store() (*sqldb.DB, context.Context) {
	c.t.Helper()
	var key []byte
	if sqldb.IsPostgres(c.dsn) {
		k, _ := decodeKey(testKey)
		key = k
	} else {
		k, _, _, err := localKey(c.dsn)
		if err != nil {
			c.t.Fatal(err)
		}
		key = k
	}
	db, err := sqldb.Open(context.Background(), c.dsn, sqldb.Options{SecretKey: key})
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { db.Close() })
	u, err := actingUser(context.Background(), db, "")
	if err != nil {
		c.t.Fatal(err)
	}
	return db, wellops.WithPrincipal(context.Background(), u.Principal())
}

// state is what a rejected command must leave as it was: every workload of the account with
// its counts and milestones, and the length of each audit trail (every change is audited).
func (c *storeCLI) state() string {
	c.t.Helper()
	db, ctx := c.store()
	ws, _, err := db.ListWorkloads(ctx, wellops.WorkloadQuery{Page: wellops.Page{Limit: 1000}})
	if err != nil {
		c.t.Fatal(err)
	}
	var b strings.Builder
	for _, w := range ws {
		ev, _, err := db.ListAudit(ctx, w.ID, wellops.Page{Limit: 1000})
		if err != nil {
			c.t.Fatal(err)
		}
		var ms []wellops.MilestoneSummary
		for pg := (wellops.Page{}); ; {
			page, next, err := db.ListMilestones(ctx, w.ID, pg)
			if err != nil {
				c.t.Fatal(err)
			}
			ms = append(ms, page...)
			if next == "" {
				break
			}
			pg.Token = next
		}
		full, err := db.GetWorkload(ctx, w.ID, 0)
		if err != nil {
			c.t.Fatal(err)
		}
		data, _ := json.Marshal(full)
		fmt.Fprintf(&b, "%s audit=%d milestones=%d\n", data, len(ev), len(ms))
	}
	return b.String()
}
