// Package sqldb is the wellops store over database/sql: one implementation of every service
// interface of package wellops, run on SQLite (modernc.org/sqlite, pure Go, the default) or
// PostgreSQL (jackc/pgx, for teams and several replicas). The two differ only in a small
// dialect (placeholders, locking, error codes) and in their migration files.
package sqldb

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

//go:embed migrations
var migrationFS embed.FS

// Options configure a store. The zero value is usable: AWS quotas, region us-east-1, English.
type Options struct {
	Quotas wellops.Quotas
	// Region goes into the ARNs the store mints.
	Region string
	// Lang is the language of lens text when a caller asks for none ("en" or "ko").
	Lang string
	// SecretKey (32 bytes) encrypts access-key secrets at rest. Without it, access keys cannot
	// be created or checked.
	SecretKey []byte
	// Now is the clock; tests set it.
	Now func() time.Time
	// MaxOpenConns bounds PostgreSQL connections (default 20) and SQLite readers (default 8).
	MaxOpenConns int
	// Observe, when set, is told of every transaction: the store method that ran it, when it
	// started, how long it took and how it ended. The server turns it into latency metrics
	// and trace spans.
	Observe func(ctx context.Context, op string, start time.Time, d time.Duration, err error)
}

// DB is the store. It is safe for concurrent use, and several processes may share one
// PostgreSQL database.
type DB struct {
	read, write *sql.DB // the same pool on PostgreSQL; a reader pool and one writer on SQLite
	d           dialect
	opt         Options
	builtin     map[string]*lens.Lens // the built-in lens per language
	lenses      *lensCache
	now         func() time.Time
	rebound     sync.Map // query text → dialect text
	// sqliteDSN opens the SQLite file with the standard settings (for backups).
	sqliteDSN string
	// dummyHash is checked when a user does not exist, so a wrong name and a wrong password
	// take the same time.
	dummyHash func() string
}

// Open opens (creating if needed) the store at dsn, a SQLite file path (or file: URI) or a
// postgres:// URL, and applies pending migrations.
func Open(ctx context.Context, dsn string, opt Options) (*DB, error) {
	if opt.Quotas == (wellops.Quotas{}) {
		opt.Quotas = wellops.DefaultQuotas()
	}
	if err := opt.Quotas.Validate(); err != nil {
		return nil, err
	}
	if opt.Region == "" {
		opt.Region = "us-east-1"
	}
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	if len(opt.SecretKey) != 0 && len(opt.SecretKey) != 32 {
		return nil, fmt.Errorf("secret key must be 32 bytes, got %d", len(opt.SecretKey))
	}
	db := &DB{opt: opt, now: opt.Now, lenses: newLensCache(256),
		dummyHash: sync.OnceValue(func() string { return hashPassword("wellops-no-such-user") })}
	if db.now == nil {
		db.now = time.Now
	}
	db.builtin = map[string]*lens.Lens{}
	for _, lang := range lens.Languages() {
		l, err := lens.Builtin(lang)
		if err != nil {
			return nil, fmt.Errorf("built-in lens (%s): %w", lang, err)
		}
		db.builtin[lang] = l
	}
	if _, ok := db.builtin[opt.Lang]; !ok {
		return nil, fmt.Errorf("language %q: must be one of %v", opt.Lang, lens.Languages())
	}
	var err error
	if IsPostgres(dsn) {
		err = db.openPostgres(dsn)
	} else {
		err = db.openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return db, nil
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than a SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func (db *DB) openSQLite(path string) error {
	if path == "" {
		return errors.New("sqlite: empty database path")
	}
	file := strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(file, '?'); i >= 0 {
		file = file[:i]
	}
	if abs, err := filepath.Abs(file); err == nil {
		file = abs
	}
	// busy_timeout first, then WAL, then foreign keys: the order matters (see the driver).
	// synchronous=FULL: a commit is on disk before it is acknowledged, so power loss, not
	// just a crash, keeps every answer.
	base := "file:" + (&url.URL{Path: file}).EscapedPath() +
		"?_busy_timeout=10000&_journal_mode=WAL&_foreign_keys=1&_synchronous=FULL"
	// SQLite has one writer at a time. One writer connection that takes the write lock at
	// BEGIN (IMMEDIATE) never fails a transaction half-way on a lock upgrade; readers use
	// their own pool and WAL snapshots, so they never wait for the writer.
	db.sqliteDSN = base
	wc, err := sqlite.NewConnector(base + "&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("open sqlite: %w", err)
	}
	rc, err := sqlite.NewConnector(base + "&_query_only=1")
	if err != nil {
		return fmt.Errorf("open sqlite: %w", err)
	}
	w, r := sql.OpenDB(wc), sql.OpenDB(rc)
	w.SetMaxOpenConns(1)
	n := db.opt.MaxOpenConns
	if n <= 0 {
		n = 8
	}
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	db.read, db.write, db.d = r, w, sqliteDialect{}
	// Create the file and switch it to WAL before readers open it.
	if err := w.Ping(); err != nil {
		db.Close()
		return fmt.Errorf("open sqlite %s: %w", file, err)
	}
	return nil
}

func (db *DB) openPostgres(dsn string) error {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return fmt.Errorf("open postgres: %w", err)
	}
	p := stdlib.OpenDB(*cfg)
	n := db.opt.MaxOpenConns
	if n <= 0 {
		n = 20
	}
	p.SetMaxOpenConns(n)
	p.SetMaxIdleConns(n)
	p.SetConnMaxIdleTime(5 * time.Minute)
	db.read, db.write, db.d = p, p, postgresDialect{}
	return nil
}

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil && db.write != db.read {
		errs = append(errs, db.write.Close())
	}
	return errors.Join(errs...)
}

// Ready reports whether the database answers and every migration this binary knows is
// applied (for /readyz).
func (db *DB) Ready(ctx context.Context) error {
	var v int
	err := db.read.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	want, err := db.latestMigration()
	if err != nil {
		return err
	}
	if v < want {
		return fmt.Errorf("database schema at version %d, this binary needs %d", v, want)
	}
	return nil
}

// Dialect names the database kind: "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.d.name() }

// migrations returns the embedded migration files of this dialect, in order.
func (db *DB) migrations() ([]string, error) {
	dir := "migrations/" + db.d.name()
	names, err := fs.Glob(migrationFS, dir+"/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

func migrationVersion(name string) (int, error) {
	base := filepath.Base(name)
	num, _, _ := strings.Cut(base, "_")
	return strconv.Atoi(num)
}

func (db *DB) latestMigration() (int, error) {
	names, err := db.migrations()
	if err != nil || len(names) == 0 {
		return 0, err
	}
	return migrationVersion(names[len(names)-1])
}

// migrate applies each migration not yet recorded, each in its own transaction. On
// PostgreSQL an advisory lock keeps two replicas starting together from racing.
func (db *DB) migrate(ctx context.Context) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if db.d.name() == "postgres" {
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7283451)"); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(7283451)")
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return err
	}
	names, err := db.migrations()
	if err != nil {
		return err
	}
	for _, name := range names {
		v, err := migrationVersion(name)
		if err != nil {
			return fmt.Errorf("%s: bad migration name", name)
		}
		var n int
		if err := conn.QueryRowContext(ctx, db.rebind("SELECT COUNT(*) FROM schema_migrations WHERE version = ?"), v).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: %w", filepath.Base(name), err)
		}
		if _, err := tx.ExecContext(ctx, db.rebind("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"), v, db.now().Unix()); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(name), err)
		}
	}
	return nil
}
