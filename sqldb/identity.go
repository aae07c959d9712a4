package sqldb

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/wellops/wellops"
)

var _ wellops.IdentityService = (*DB)(nil)

// Argon2id parameters: the OWASP minimum (19 MiB, 2 passes), enough to make stolen hashes
// expensive without making sign-in slow on a small server.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

func hashPassword(pw string) string {
	salt := randBytes(16)
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// checkPassword compares in constant time; a malformed or empty hash never matches.
func checkPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var th uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &th); err != nil || m > 1<<21 || t > 16 || th == 0 {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, th, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

func randBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return b
}

func newAccountID() string {
	n, err := rand.Int(rand.Reader, big.NewInt(900_000_000_000))
	if err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return fmt.Sprintf("%012d", n.Int64()+100_000_000_000)
}

// requireAdminOrSelf allows the admin and, for their own user, the user.
func requireAdminOrSelf(ctx context.Context, name string) (wellops.Principal, error) {
	p, err := principal(ctx)
	if err != nil {
		return p, err
	}
	if !p.Admin && p.UserName != name {
		return p, wellops.Errorf(wellops.EFORBIDDEN, "only an administrator can manage other users")
	}
	return p, nil
}

// CreateUser implements wellops.IdentityService. The first user may be created without a
// principal and becomes an administrator; after that an administrator is needed.
func (db *DB) CreateUser(ctx context.Context, in wellops.NewUser) (*wellops.User, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	u := &wellops.User{ID: wellops.NewID(), Name: in.Name, AccountID: in.AccountID, Admin: in.Admin}
	if u.AccountID == "" {
		u.AccountID = newAccountID()
	}
	hash := ""
	if in.Password != "" {
		hash = hashPassword(in.Password)
	}
	err := db.writeTx(ctx, func(t *tx) error {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			u.Admin = true
		} else if p, ok := wellops.PrincipalFrom(ctx); !ok || !p.Admin {
			return wellops.Errorf(wellops.EFORBIDDEN, "only an administrator can create users")
		}
		now := db.now()
		u.CreatedAt = now.UTC()
		_, err := t.exec(ctx, "INSERT INTO users (id, name, account_id, admin, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			u.ID, u.Name, u.AccountID, u.Admin, hash, ts(now))
		if err != nil && db.d.isUnique(err) {
			return wellops.Conflict(wellops.ResUser, u.Name, "a user named %q already exists", u.Name)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

const userCols = "id, name, account_id, admin, created_at"

func scanUser(s scanner) (*wellops.User, error) {
	var u wellops.User
	var created int64
	if err := s.Scan(&u.ID, &u.Name, &u.AccountID, &u.Admin, &created); err != nil {
		return nil, err
	}
	u.CreatedAt = fromTS(created)
	return &u, nil
}

// GetUser implements wellops.IdentityService.
func (db *DB) GetUser(ctx context.Context, name string) (*wellops.User, error) {
	if _, err := requireAdminOrSelf(ctx, name); err != nil {
		return nil, err
	}
	var u *wellops.User
	err := db.readTx(ctx, func(t *tx) error {
		var err error
		u, err = scanUser(t.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE name = ?", name))
		return notFound(err, wellops.ResUser, name)
	})
	return u, err
}

// ListUsers implements wellops.IdentityService.
func (db *DB) ListUsers(ctx context.Context) ([]wellops.User, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if !p.Admin {
		return nil, wellops.Errorf(wellops.EFORBIDDEN, "only an administrator can list users")
	}
	var out []wellops.User
	err = db.readTx(ctx, func(t *tx) error {
		rows, err := t.query(ctx, "SELECT "+userCols+" FROM users ORDER BY name")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return err
			}
			out = append(out, *u)
		}
		return rows.Err()
	})
	return out, err
}

// SetPassword implements wellops.IdentityService. It also ends the user's sessions.
func (db *DB) SetPassword(ctx context.Context, name, password string) error {
	if _, err := requireAdminOrSelf(ctx, name); err != nil {
		return err
	}
	var p wellops.Problems
	wellops.ValidatePassword(&p, password)
	if err := p.Err(); err != nil {
		return err
	}
	hash := hashPassword(password)
	return db.writeTx(ctx, func(t *tx) error {
		res, err := t.exec(ctx, "UPDATE users SET password_hash = ? WHERE name = ?", hash, name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return wellops.NotFound(wellops.ResUser, name)
		}
		_, err = t.exec(ctx, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?)", name)
		return err
	})
}

// Authenticate implements wellops.IdentityService.
func (db *DB) Authenticate(ctx context.Context, name, password string) (*wellops.User, error) {
	var u *wellops.User
	var hash string
	err := db.readTx(ctx, func(t *tx) error {
		var created int64
		var uu wellops.User
		err := t.queryRow(ctx, "SELECT id, name, account_id, admin, created_at, password_hash FROM users WHERE name = ?", name).
			Scan(&uu.ID, &uu.Name, &uu.AccountID, &uu.Admin, &created, &hash)
		if err == nil {
			uu.CreatedAt = fromTS(created)
			u = &uu
		} else if !isNoRows(err) {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if u == nil {
		checkPassword(db.dummyHash(), password) // the same work as for a real user
		return nil, wellops.Errorf(wellops.EUNAUTHORIZED, "wrong user name or password")
	}
	if !checkPassword(hash, password) {
		return nil, wellops.Errorf(wellops.EUNAUTHORIZED, "wrong user name or password")
	}
	return u, nil
}

// sealSecret encrypts an access-key secret with the server key (AES-256-GCM).
func (db *DB) sealSecret(secret string) (string, error) {
	gcm, err := db.gcm()
	if err != nil {
		return "", err
	}
	nonce := randBytes(gcm.NonceSize())
	return base64.StdEncoding.EncodeToString(gcm.Seal(nonce, nonce, []byte(secret), nil)), nil
}

func (db *DB) openSecret(sealed string) (string, error) {
	gcm, err := db.gcm()
	if err != nil {
		return "", err
	}
	b, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil || len(b) < gcm.NonceSize() {
		return "", errors.New("stored secret is malformed")
	}
	plain, err := gcm.Open(nil, b[:gcm.NonceSize()], b[gcm.NonceSize():], nil)
	if err != nil {
		return "", errors.New("stored secret does not open with this server key")
	}
	return string(plain), nil
}

func (db *DB) gcm() (cipher.AEAD, error) {
	if len(db.opt.SecretKey) != 32 {
		return nil, wellops.Errorf(wellops.EINVALID, "no server key is configured; access keys need one (WELLOPS_SECRET_KEY or --secret-key-file)")
	}
	block, err := aes.NewCipher(db.opt.SecretKey)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// CreateAccessKey implements wellops.IdentityService.
func (db *DB) CreateAccessKey(ctx context.Context, userName string) (*wellops.AccessKey, error) {
	if _, err := requireAdminOrSelf(ctx, userName); err != nil {
		return nil, err
	}
	k := &wellops.AccessKey{
		ID:       "AKIA" + base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(randBytes(10))[:16],
		Secret:   base64.RawURLEncoding.EncodeToString(randBytes(30)),
		UserName: userName,
	}
	sealed, err := db.sealSecret(k.Secret)
	if err != nil {
		return nil, err
	}
	err = db.writeTx(ctx, func(t *tx) error {
		if err := t.queryRow(ctx, "SELECT id FROM users WHERE name = ?", userName).Scan(&k.UserID); err != nil {
			return notFound(err, wellops.ResUser, userName)
		}
		now := db.now()
		k.CreatedAt = now.UTC()
		_, err := t.exec(ctx, "INSERT INTO access_keys (id, user_id, secret_enc, created_at) VALUES (?, ?, ?, ?)", k.ID, k.UserID, sealed, ts(now))
		return err
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}

// ListAccessKeys implements wellops.IdentityService. Secrets are never listed.
func (db *DB) ListAccessKeys(ctx context.Context, userName string) ([]wellops.AccessKey, error) {
	if _, err := requireAdminOrSelf(ctx, userName); err != nil {
		return nil, err
	}
	var out []wellops.AccessKey
	err := db.readTx(ctx, func(t *tx) error {
		rows, err := t.query(ctx, `SELECT k.id, k.user_id, u.name, k.created_at, k.last_used_at, k.revoked FROM access_keys k
			JOIN users u ON u.id = k.user_id WHERE u.name = ? ORDER BY k.created_at, k.id`, userName)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k wellops.AccessKey
			var created, used int64
			if err := rows.Scan(&k.ID, &k.UserID, &k.UserName, &created, &used, &k.Revoked); err != nil {
				return err
			}
			k.CreatedAt, k.LastUsedAt = fromTS(created), fromTS(used)
			out = append(out, k)
		}
		return rows.Err()
	})
	return out, err
}

// RevokeAccessKey implements wellops.IdentityService.
func (db *DB) RevokeAccessKey(ctx context.Context, id string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	return db.writeTx(ctx, func(t *tx) error {
		var owner string
		if err := t.queryRow(ctx, "SELECT u.name FROM access_keys k JOIN users u ON u.id = k.user_id WHERE k.id = ?", id).Scan(&owner); err != nil {
			return notFound(err, wellops.ResAccessKey, id)
		}
		if !p.Admin && p.UserName != owner {
			return wellops.NotFound(wellops.ResAccessKey, id)
		}
		_, err := t.exec(ctx, "UPDATE access_keys SET revoked = ? WHERE id = ?", true, id)
		return err
	})
}

// LookupAccessKey implements wellops.IdentityService.
func (db *DB) LookupAccessKey(ctx context.Context, id string) (string, *wellops.User, error) {
	var sealed string
	var used int64
	var u *wellops.User
	err := db.readTx(ctx, func(t *tx) error {
		var uu wellops.User
		var created int64
		var revoked bool
		err := t.queryRow(ctx, `SELECT k.secret_enc, k.last_used_at, k.revoked, u.id, u.name, u.account_id, u.admin, u.created_at
			FROM access_keys k JOIN users u ON u.id = k.user_id WHERE k.id = ?`, id).
			Scan(&sealed, &used, &revoked, &uu.ID, &uu.Name, &uu.AccountID, &uu.Admin, &created)
		if err != nil {
			return notFound(err, wellops.ResAccessKey, id)
		}
		if revoked {
			return wellops.NotFound(wellops.ResAccessKey, id)
		}
		uu.CreatedAt = fromTS(created)
		u = &uu
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	secret, err := db.openSecret(sealed)
	if err != nil {
		return "", nil, err
	}
	// Record use at most hourly: a write on every request would serialise readers behind
	// SQLite's single writer.
	if now := db.now(); now.Sub(fromTS(used)) > time.Hour {
		_ = db.writeTx(ctx, func(t *tx) error {
			_, err := t.exec(ctx, "UPDATE access_keys SET last_used_at = ? WHERE id = ?", ts(now), id)
			return err
		})
	}
	return secret, u, nil
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession implements wellops.IdentityService. Only the token's hash is stored, so a
// leaked database does not leak live sessions.
func (db *DB) CreateSession(ctx context.Context, userID string, ttlSeconds int) (*wellops.Session, error) {
	if ttlSeconds <= 0 {
		return nil, invalidField("ttl", "must be positive")
	}
	now := db.now().UTC()
	s := &wellops.Session{Token: base64.RawURLEncoding.EncodeToString(randBytes(32)), UserID: userID,
		CSRF: base64.RawURLEncoding.EncodeToString(randBytes(32)), CreatedAt: now, ExpiresAt: now.Add(time.Duration(ttlSeconds) * time.Second)}
	err := db.writeTx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, "DELETE FROM sessions WHERE expires_at < ?", ts(now)); err != nil {
			return err
		}
		_, err := t.exec(ctx, "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
			tokenHash(s.Token), userID, s.CSRF, ts(now), ts(s.ExpiresAt))
		return err
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// GetSession implements wellops.IdentityService.
func (db *DB) GetSession(ctx context.Context, token string) (*wellops.Session, *wellops.User, error) {
	if token == "" || len(token) > 128 {
		return nil, nil, wellops.NotFound("SESSION", "")
	}
	var s wellops.Session
	var u *wellops.User
	err := db.readTx(ctx, func(t *tx) error {
		var created, expires int64
		var uu wellops.User
		var ucreated int64
		err := t.queryRow(ctx, `SELECT s.user_id, s.csrf, s.created_at, s.expires_at, u.id, u.name, u.account_id, u.admin, u.created_at
			FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, tokenHash(token)).
			Scan(&s.UserID, &s.CSRF, &created, &expires, &uu.ID, &uu.Name, &uu.AccountID, &uu.Admin, &ucreated)
		if err != nil {
			return notFound(err, "SESSION", "")
		}
		s.CreatedAt, s.ExpiresAt, uu.CreatedAt = fromTS(created), fromTS(expires), fromTS(ucreated)
		u = &uu
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if !db.now().Before(s.ExpiresAt) {
		return nil, nil, wellops.NotFound("SESSION", "")
	}
	return &s, u, nil
}

// DeleteSession implements wellops.IdentityService.
func (db *DB) DeleteSession(ctx context.Context, token string) error {
	return db.writeTx(ctx, func(t *tx) error {
		_, err := t.exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", tokenHash(token))
		return err
	})
}
