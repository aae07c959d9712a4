// Package testdb gives tests the databases they run against: a SQLite file in a temporary
// directory always, and a fresh PostgreSQL database when WELLOPS_TEST_POSTGRES names a server
// (make test starts a throwaway one). With CI=true a missing PostgreSQL fails the test run
// instead of skipping it, so CI cannot pass without exercising both stores.
package testdb

import (
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Kind is a store kind with a way to make an empty database of it.
type Kind struct {
	Name string
	// DSN returns a new, empty database for the test, removed when it ends.
	DSN func(t testing.TB) string
}

// Kinds returns SQLite and, when configured, PostgreSQL.
func Kinds(t testing.TB) []Kind {
	ks := []Kind{{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "wellops.db") }}}
	admin := os.Getenv("WELLOPS_TEST_POSTGRES")
	switch {
	case admin != "":
		ks = append(ks, Kind{"postgres", func(t testing.TB) string { return Postgres(t, admin) }})
	case os.Getenv("CI") == "true":
		t.Fatal("CI=true but WELLOPS_TEST_POSTGRES is not set: the PostgreSQL tests must run in CI (use make test)")
	}
	return ks
}

// Postgres creates an empty database on the server at admin and drops it after the test.
func Postgres(t testing.TB, admin string) string {
	t.Helper()
	cfg, err := pgx.ParseConfig(admin)
	if err != nil {
		t.Fatalf("WELLOPS_TEST_POSTGRES: %v", err)
	}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	var b [6]byte
	rand.Read(b[:])
	name := "wellops_test_" + hex.EncodeToString(b[:])
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		d := stdlib.OpenDB(*cfg)
		defer d.Close()
		d.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("WELLOPS_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}
