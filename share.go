package wellops

import (
	"regexp"
	"time"
)

// Share statuses and invitation actions.
const (
	ShareAccepted = "ACCEPTED"
	ShareRejected = "REJECTED"
	SharePending  = "PENDING"
	ShareRevoked  = "REVOKED"
	ShareExpired  = "EXPIRED"

	InvitationAccept = "ACCEPT"
	InvitationReject = "REJECT"
)

// Share grants another account, or one user of it, access to a workload, custom lens, profile
// or review template. The recipient sees it as an invitation (same ID) until they accept or
// reject it.
type Share struct {
	ID            string
	ResourceType  string // WORKLOAD, LENS, PROFILE, TEMPLATE
	ResourceID    string // workload ID, or the lens/profile/template ARN
	ResourceName  string
	LensAlias     string
	SharedBy      string // owner account ID
	SharedWith    string // account ID or user ARN
	Permission    Permission
	Status        string
	StatusMessage string
	CreatedAt     time.Time
}

// ShareQuery filters the shares of one resource.
type ShareQuery struct {
	SharedWithPrefix string
	Status           string
	Page             Page
}

// InvitationQuery filters the principal's pending invitations.
type InvitationQuery struct {
	ResourceType string
	NamePrefix   string
	Page         Page
}

var reUserARN = regexp.MustCompile(`^arn:aws:iam::[0-9]{12}:user/[A-Za-z0-9+=,.@_-]{1,64}$`)

// ValidateSharedWith checks a share recipient: a 12-digit account ID or a user ARN. Organization
// and OU IDs are accepted by the AWS tool but mean nothing here, so they are refused plainly.
func ValidateSharedWith(s string) error {
	var p Problems
	switch {
	case len(s) < 12 || len(s) > 2048:
		p.Add("SharedWith", "must be 12 to 2048 characters, got %d", len(s))
	case ValidAccountID(s) || reUserARN.MatchString(s):
	default:
		p.Add("SharedWith", "must be a 12-digit account ID or a user ARN (arn:aws:iam::ACCOUNT:user/NAME); organizations are not supported, got %q", clip(s))
	}
	return p.Err()
}

// AccountOf returns the account a SharedWith value belongs to.
func AccountOf(sharedWith string) string {
	if ValidAccountID(sharedWith) {
		return sharedWith
	}
	if reUserARN.MatchString(sharedWith) {
		return sharedWith[13:25]
	}
	return ""
}
