package wellops

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
)

// Resource types as the API names them in errors (ResourceType) and shares.
const (
	ResWorkload      = "WORKLOAD"
	ResLens          = "LENS"
	ResLensReview    = "LENS_REVIEW"
	ResAnswer        = "ANSWER"
	ResMilestone     = "MILESTONE"
	ResProfile       = "PROFILE"
	ResTemplate      = "TEMPLATE"
	ResShare         = "SHARE"
	ResInvitation    = "SHARE_INVITATION"
	ResUser          = "USER"
	ResAccessKey     = "ACCESS_KEY"
	ResSuggestion    = "SUGGESTION"
	ResReviewTmplAns = "TEMPLATE_ANSWER"
)

// NewID returns 32 lowercase hex characters, the shape of WorkloadId, ShareId and the ID
// part of lens, profile and template ARNs.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never happens on supported platforms
	}
	return hex.EncodeToString(b[:])
}

// ARN is a parsed wellarchitected ARN: arn:aws:wellarchitected:REGION:ACCOUNT:TYPE/ID.
type ARN struct {
	Region  string
	Account string // empty for the built-in lens
	Type    string // workload, lens, profile, review-template
	ID      string
}

func (a ARN) String() string {
	return fmt.Sprintf("arn:aws:wellarchitected:%s:%s:%s/%s", a.Region, a.Account, a.Type, a.ID)
}

// ParseARN parses a wellarchitected ARN; ok is false for anything else.
func ParseARN(s string) (ARN, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || !strings.HasPrefix(parts[1], "aws") || parts[2] != "wellarchitected" {
		return ARN{}, false
	}
	typ, id, ok := strings.Cut(parts[5], "/")
	if !ok || typ == "" || id == "" || strings.Contains(id, "/") {
		return ARN{}, false
	}
	return ARN{Region: parts[3], Account: parts[4], Type: typ, ID: id}, true
}

// WorkloadARN returns the ARN of a workload.
func WorkloadARN(region, account, id string) string {
	return ARN{Region: region, Account: account, Type: "workload", ID: id}.String()
}
