package wellops

import (
	"regexp"
	"time"
)

// User is a person or automation that signs in (UI) or signs requests (API).
type User struct {
	ID        string
	Name      string
	AccountID string
	Admin     bool
	CreatedAt time.Time
}

// Principal returns the principal the user acts as.
func (u *User) Principal() Principal {
	return Principal{UserID: u.ID, UserName: u.Name, AccountID: u.AccountID, Admin: u.Admin}
}

// NewUser is the input of CreateUser. An empty AccountID makes a new account.
type NewUser struct {
	Name      string
	AccountID string
	Password  string // may be empty for API-only users
	Admin     bool
}

var reUserName = regexp.MustCompile(`^[A-Za-z0-9+=,.@_-]{1,64}$`)

// Validate checks the user name, account and password length.
func (in *NewUser) Validate() error {
	var p Problems
	checkPattern(&p, "name", in.Name, reUserName, "1 to 64 letters, digits or +=,.@_-")
	if in.AccountID != "" && !ValidAccountID(in.AccountID) {
		p.Add("account", "must be a 12-digit account ID, got %q", clip(in.AccountID))
	}
	if in.Password != "" {
		ValidatePassword(&p, in.Password)
	}
	return p.Err()
}

// ValidatePassword records a problem when a password is too short or too long.
func ValidatePassword(p *Problems, pw string) {
	if len(pw) < 12 || len(pw) > 1024 {
		p.Add("password", "must be 12 to 1024 characters, got %d", len(pw))
	}
}

// AccessKey is an API credential of a user. Secret is set only in the answer that creates it.
type AccessKey struct {
	ID         string
	UserID     string
	UserName   string
	Secret     string
	CreatedAt  time.Time
	LastUsedAt time.Time
	Revoked    bool
}

// Session is a signed-in browser session. Token is set only when the session is created; the
// store keeps only its hash.
type Session struct {
	Token     string
	UserID    string
	CSRF      string
	CreatedAt time.Time
	ExpiresAt time.Time
}
