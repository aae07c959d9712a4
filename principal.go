package wellops

import (
	"context"
	"fmt"
)

// Principal is who makes a request: a user in an account. Access keys (API) and sessions (UI)
// both resolve to one. Every service method reads it from the context.
type Principal struct {
	UserID    string
	UserName  string
	AccountID string // 12 digits
	Admin     bool   // may manage users and keys of the whole installation
}

// ARN returns the principal's IAM-style ARN, the form a share uses to name one user.
func (p Principal) ARN() string {
	return fmt.Sprintf("arn:aws:iam::%s:user/%s", p.AccountID, p.UserName)
}

type principalKey struct{}

// WithPrincipal returns a context carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the context's principal, or false when there is none.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok && p.AccountID != ""
}

// MustPrincipal returns the context's principal or an EUNAUTHORIZED error.
func MustPrincipal(ctx context.Context) (Principal, error) {
	p, ok := PrincipalFrom(ctx)
	if !ok {
		return Principal{}, Errorf(EUNAUTHORIZED, "no authenticated principal")
	}
	return p, nil
}

// Permission is what a principal may do with a workload.
type Permission string

// Permissions, strongest first. READONLY and CONTRIBUTOR are the API's PermissionType values.
const (
	PermOwner       Permission = "OWNER"
	PermContributor Permission = "CONTRIBUTOR"
	PermReadOnly    Permission = "READONLY"
)

// CanWrite reports whether answers, notes and milestones may be changed.
func (p Permission) CanWrite() bool { return p == PermOwner || p == PermContributor }

// CanAdminister reports whether the workload itself may be changed, shared or deleted.
func (p Permission) CanAdminister() bool { return p == PermOwner }
