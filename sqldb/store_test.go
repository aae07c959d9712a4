package sqldb_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/internal/testdb"
	"github.com/wellops/wellops/sqldb"
)

// Every test in this package runs against each store: SQLite always, PostgreSQL when
// WELLOPS_TEST_POSTGRES names a server (make test starts a throwaway one). In CI a missing
// PostgreSQL fails the run instead of skipping it.

type storeKind = testdb.Kind

func kinds(t testing.TB) []storeKind { return testdb.Kinds(t) }

// each runs f once per store kind, in parallel subtests.
func each(t *testing.T, f func(t *testing.T, env *testEnv)) {
	for _, k := range kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			t.Parallel()
			f(t, newEnv(t, k.DSN(t), sqldb.Options{}))
		})
	}
}

// testEnv is an open store with a settable clock and three principals in two accounts.
type testEnv struct {
	db    *sqldb.DB
	dsn   string
	clock *clock
	// owner and colleague share account A; stranger is account B.
	owner, colleague, stranger context.Context
}

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Millisecond) // strictly increasing, like a real clock between writes
	return c.now
}

func newEnv(t testing.TB, dsn string, opt sqldb.Options) *testEnv {
	t.Helper()
	c := &clock{now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
	opt.Now = c.Now
	if opt.SecretKey == nil {
		opt.SecretKey = []byte("0123456789abcdef0123456789abcdef")
	}
	db, err := sqldb.Open(context.Background(), dsn, opt)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	as := func(name, account string) context.Context {
		return wellops.WithPrincipal(context.Background(), wellops.Principal{UserID: name, UserName: name, AccountID: account})
	}
	return &testEnv{db: db, dsn: dsn, clock: c,
		owner: as("alice", "111111111111"), colleague: as("bob", "111111111111"), stranger: as("mallory", "222222222222")}
}

// wantCode fails unless err carries the wellops error code want.
func wantCode(t testing.TB, err error, want string) {
	t.Helper()
	if got := wellops.ErrorCode(err); got != want {
		t.Fatalf("error code = %q (%v), want %q", got, err, want)
	}
}

// wantField fails unless err is EINVALID naming field.
func wantField(t testing.TB, err error, field string) {
	t.Helper()
	wantCode(t, err, wellops.EINVALID)
	var e *wellops.Error
	errors.As(err, &e)
	for _, f := range e.Fields {
		if f.Name == field {
			return
		}
	}
	t.Fatalf("error %v does not name field %q", err, field)
}

func must[T any](t testing.TB) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func ok(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newWorkload creates a valid workload named name in ctx's account.
func (e *testEnv) newWorkload(t testing.TB, ctx context.Context, name string) *wellops.Workload {
	t.Helper()
	w, err := e.db.CreateWorkload(ctx, wellops.NewWorkload{Name: name, Description: "checkout service",
		Environment: wellops.EnvProduction, AWSRegions: []string{"ap-northeast-2"}, ReviewOwner: "alice@example.com"})
	if err != nil {
		t.Fatalf("create workload %q: %v", name, err)
	}
	return w
}

// selectChoices answers a built-in question.
func (e *testEnv) selectChoices(t testing.TB, ctx context.Context, w, q string, choices ...string) *wellops.Answer {
	t.Helper()
	a, err := e.db.UpdateAnswer(ctx, w, "wellarchitected", q, wellops.AnswerUpdate{SelectedChoices: &choices})
	if err != nil {
		t.Fatalf("answer %s: %v", q, err)
	}
	return a
}

// rawRollups recomputes risk counts straight from the answers table, to check the stored
// roll-ups against.
func rawRollups(t testing.TB, dsn, workloadID string) wellops.RiskCounts {
	t.Helper()
	var db *sql.DB
	if sqldb.IsPostgres(dsn) {
		cfg, _ := pgx.ParseConfig(dsn)
		db = stdlib.OpenDB(*cfg)
	} else {
		c, err := sqliteConnector(dsn)
		if err != nil {
			t.Fatal(err)
		}
		db = sql.OpenDB(c)
	}
	defer db.Close()
	q := "SELECT risk, COUNT(*) FROM answers WHERE workload_id = '" + workloadID + "' GROUP BY risk"
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var c wellops.RiskCounts
	for rows.Next() {
		var r string
		var n int
		if err := rows.Scan(&r, &n); err != nil {
			t.Fatal(err)
		}
		c.AddN(riskOf(r), n)
	}
	return c
}

var _ = fmt.Sprint
