package sqldb

import (
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// dialect is everything that differs between SQLite and PostgreSQL once the schema exists.
type dialect interface {
	name() string
	// placeholders rewrites ?-placeholders for the database.
	placeholders(q string) string
	// forUpdate is appended to a SELECT that must lock its rows until the transaction ends.
	forUpdate() string
	isUnique(err error) bool
	// retryable reports a transaction that failed only because of a concurrent one.
	retryable(err error) bool
}

type sqliteDialect struct{}

func (sqliteDialect) name() string                 { return "sqlite" }
func (sqliteDialect) placeholders(q string) string { return q }

// SQLite has no row locks; the writer connection holds the database write lock from BEGIN.
func (sqliteDialect) forUpdate() string { return "" }

func (sqliteDialect) isUnique(err error) bool {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() == 2067 || e.Code() == 1555 // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
	}
	return false
}

func (sqliteDialect) retryable(err error) bool {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()&0xff == 5 // SQLITE_BUSY, past the busy timeout
	}
	return false
}

type postgresDialect struct{}

func (postgresDialect) name() string      { return "postgres" }
func (postgresDialect) forUpdate() string { return " FOR UPDATE" }

// placeholders turns ? into $1, $2, ... outside quoted strings.
func (postgresDialect) placeholders(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n, quoted := 0, false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			quoted = !quoted
			b.WriteByte(c)
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func (postgresDialect) isUnique(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

func (postgresDialect) retryable(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && (e.Code == "40001" || e.Code == "40P01")
}
