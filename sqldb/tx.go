package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/wellops/wellops"
)

// tx is a transaction with the dialect applied to every query. Store methods run in exactly
// one tx; helpers take it as their first argument.
type tx struct {
	*sql.Tx
	db *DB
}

func (db *DB) rebind(q string) string {
	if db.d.name() == "sqlite" {
		return q
	}
	if v, ok := db.rebound.Load(q); ok {
		return v.(string)
	}
	r := db.d.placeholders(q)
	db.rebound.Store(q, r)
	return r
}

func (t *tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.ExecContext(ctx, t.db.rebind(q), args...)
}

func (t *tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.QueryContext(ctx, t.db.rebind(q), args...)
}

func (t *tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return t.QueryRowContext(ctx, t.db.rebind(q), args...)
}

// strings runs a query of one text column and returns its values.
func (t *tx) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	return queryAll(ctx, t, func(s scanner) (v string, err error) { return v, s.Scan(&v) }, q, args...)
}

// queryAll runs a query and returns every row as scan reads it (nil when there is none).
func queryAll[T any](ctx context.Context, t *tx, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// readTx runs fn in a read-only transaction: one consistent snapshot for every query in it,
// so a reader never sees answers and roll-ups disagree.
func (db *DB) readTx(ctx context.Context, fn func(*tx) error) (err error) {
	if db.opt.Observe != nil {
		op, start := caller(), time.Now()
		defer func() { db.opt.Observe(ctx, op, start, time.Since(start), err) }()
	}
	opts := &sql.TxOptions{ReadOnly: true}
	if db.d.name() == "postgres" {
		opts.Isolation = sql.LevelRepeatableRead
	}
	sqlTx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer sqlTx.Rollback()
	if err := fn(&tx{Tx: sqlTx, db: db}); err != nil {
		return err
	}
	return sqlTx.Commit()
}

// writeTx runs fn in a read-write transaction and commits it. A transaction that lost a race
// with a concurrent one (PostgreSQL serialization failure or deadlock, SQLite busy past the
// timeout) is retried a few times; fn must therefore be free of side effects outside tx.
func (db *DB) writeTx(ctx context.Context, fn func(*tx) error) (err error) {
	if db.opt.Observe != nil {
		op, start := caller(), time.Now()
		defer func() { db.opt.Observe(ctx, op, start, time.Since(start), err) }()
	}
	for attempt := 0; attempt < 5; attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(attempt*attempt) * 10 * time.Millisecond):
			}
		}
		err = db.writeOnce(ctx, fn)
		if err == nil || !db.d.retryable(err) {
			return err
		}
	}
	return err
}

func (db *DB) writeOnce(ctx context.Context, fn func(*tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer sqlTx.Rollback()
	if err := fn(&tx{Tx: sqlTx, db: db}); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// opNames caches store method names by program counter.
var opNames sync.Map

// caller names the exported store method that opened a transaction, for metrics: reading it
// from the stack keeps every call site free of a name to keep in step.
func caller() string {
	var pcs [1]uintptr
	if runtime.Callers(3, pcs[:]) == 0 {
		return "unknown"
	}
	if v, ok := opNames.Load(pcs[0]); ok {
		return v.(string)
	}
	name := "unknown"
	if f := runtime.FuncForPC(pcs[0]); f != nil {
		name = f.Name()
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		name = strings.TrimSuffix(strings.TrimSuffix(name, "-fm"), ")")
	}
	opNames.Store(pcs[0], name)
	return name
}

// principal returns the request's principal or EUNAUTHORIZED.
func principal(ctx context.Context) (wellops.Principal, error) {
	return wellops.MustPrincipal(ctx)
}

// notFound maps sql.ErrNoRows to ENOTFOUND for the named resource and passes other errors on.
func notFound(err error, resType, id string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return wellops.NotFound(resType, id)
	}
	return err
}

// ts and fromTS convert times to the stores' integer microseconds and back: one
// representation in both databases, no time-zone surprises.
func ts(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromTS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}
