package sqldb

import (
	"context"
	"database/sql"
	"time"

	"github.com/wellops/wellops"
)

var _ wellops.IdempotencyStore = (*DB)(nil)

// idempotencyTTL is how long a client token is remembered. AWS SDKs retry within seconds;
// a day covers scripts re-run by hand.
const idempotencyTTL = 24 * time.Hour

// Reserve implements wellops.IdempotencyStore.
func (db *DB) Reserve(ctx context.Context, scope, token, paramsHash string) ([]byte, bool, error) {
	var resp []byte
	var done bool
	err := db.writeTx(ctx, func(t *tx) error {
		now := db.now()
		var hash string
		var stored sql.NullString
		var created int64
		err := t.queryRow(ctx, "SELECT params_hash, response, created_at FROM idempotency WHERE scope = ? AND token = ?", scope, token).
			Scan(&hash, &stored, &created)
		switch {
		case isNoRows(err) || (err == nil && now.Sub(fromTS(created)) > idempotencyTTL):
			if _, err := t.exec(ctx, "DELETE FROM idempotency WHERE created_at < ?", ts(now.Add(-idempotencyTTL))); err != nil {
				return err
			}
			_, err := t.exec(ctx, "INSERT INTO idempotency (scope, token, params_hash, response, created_at) VALUES (?, ?, ?, NULL, ?)",
				scope, token, paramsHash, ts(now))
			return err
		case err != nil:
			return err
		case hash != paramsHash:
			return wellops.Conflict("CLIENT_REQUEST_TOKEN", token, "ClientRequestToken %q was already used with different parameters", clipToken(token))
		case !stored.Valid:
			return wellops.Conflict("CLIENT_REQUEST_TOKEN", token, "a request with ClientRequestToken %q is still in progress", clipToken(token))
		}
		resp, done = []byte(stored.String), true
		return nil
	})
	return resp, done, err
}

// Complete implements wellops.IdempotencyStore.
func (db *DB) Complete(ctx context.Context, scope, token string, response []byte) error {
	return db.writeTx(ctx, func(t *tx) error {
		_, err := t.exec(ctx, "UPDATE idempotency SET response = ? WHERE scope = ? AND token = ?", string(response), scope, token)
		return err
	})
}

// Release implements wellops.IdempotencyStore.
func (db *DB) Release(ctx context.Context, scope, token string) error {
	return db.writeTx(ctx, func(t *tx) error {
		_, err := t.exec(ctx, "DELETE FROM idempotency WHERE scope = ? AND token = ? AND response IS NULL", scope, token)
		return err
	})
}

func clipToken(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
