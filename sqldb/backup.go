package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"modernc.org/sqlite"
)

// Backup writes a consistent copy of a SQLite store to path while the server keeps running
// (VACUUM INTO reads one snapshot). PostgreSQL has its own tools (pg_dump); Export moves data
// between any two stores.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.d.name() != "sqlite" {
		return errors.New("backup copies SQLite files; for PostgreSQL use pg_dump, or wellops export")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists", path)
	}
	// The reader pool is query-only and the writer must stay free for requests, so the copy
	// runs on a connection of its own; in WAL mode it reads one snapshot and blocks no one.
	c, err := sqlite.NewConnector(db.sqliteDSN)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	conn := sql.OpenDB(c)
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		os.Remove(path)
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// CheckFile opens a SQLite file read-only and runs SQLite's integrity check, for restore to
// refuse a damaged backup.
func CheckFile(ctx context.Context, path string) error {
	if strings.HasPrefix(path, "postgres") {
		return errors.New("not a SQLite file")
	}
	if _, err := os.Stat(path); err != nil {
		return err
	}
	db := &DB{}
	if err := db.openSQLite(path); err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.read.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	var n int
	if err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&n); err != nil {
		return fmt.Errorf("not a wellops database: %w", err)
	}
	return nil
}
