package wellops

import (
	"context"

	"github.com/wellops/wellops/lens"
)

// The service interfaces below are what the adapters consume: the AWS-compatible API, the UI,
// reports and the CLI. One store implements them all, over SQLite or PostgreSQL. Every method
// takes the principal from the context (WithPrincipal) and enforces ownership and shares
// itself, so every adapter gets the same rules: a principal with no access to a resource gets
// ENOTFOUND (existence does not leak), a READONLY principal that tries to write gets
// EFORBIDDEN. Methods that take a milestone number read that milestone's snapshot when it is
// above zero and the current state when it is zero.
//
// Unless a method says otherwise it may return EINVALID (with Fields), ENOTFOUND, EFORBIDDEN,
// EUNAUTHORIZED (no principal) and EINTERNAL.

// WorkloadService keeps workloads and the lenses and profiles applied to them.
type WorkloadService interface {
	// CreateWorkload creates a workload in the principal's account, applies the built-in lens
	// and the named ones (plus the lenses and answers of a review template, if named).
	// ECONFLICT: the name is taken in the account (case and spaces ignored). EQUOTA: too many
	// workloads.
	CreateWorkload(ctx context.Context, in NewWorkload) (*Workload, error)
	GetWorkload(ctx context.Context, id string, milestone int) (*Workload, error)
	// UpdateWorkload changes the fields set in u. ECONFLICT on a taken name.
	UpdateWorkload(ctx context.Context, id string, u WorkloadUpdate) (*Workload, error)
	DeleteWorkload(ctx context.Context, id string) error
	ListWorkloads(ctx context.Context, q WorkloadQuery) (items []WorkloadSummary, next string, err error)
	// CountWorkloads returns how many workloads q matches, ignoring its page.
	CountWorkloads(ctx context.Context, q WorkloadQuery) (int, error)
	// AssociateLenses applies published lenses (EQUOTA past the per-workload limit).
	AssociateLenses(ctx context.Context, id string, aliases []string) error
	// DisassociateLenses removes lenses; the built-in lens cannot be removed (EINVALID).
	DisassociateLenses(ctx context.Context, id string, aliases []string) error
	AssociateProfiles(ctx context.Context, id string, profileARNs []string) error
	DisassociateProfiles(ctx context.Context, id string, profileARNs []string) error
	// UpgradeProfileVersion moves the workload to the profile's latest version, first saving
	// a milestone when milestoneName is set.
	UpgradeProfileVersion(ctx context.Context, id, profileARN, milestoneName string) error
}

// WorkloadQuery filters and orders ListWorkloads.
type WorkloadQuery struct {
	NamePrefix    string
	Search        string // substring of name, description or review owner, case-insensitive
	Environment   string
	LensAlias     string
	Risk          string // HIGH or MEDIUM: only workloads with at least one such question
	OwnOnly       bool   // leave out workloads shared with the principal
	Sort          string // name (default), high, medium, unanswered, updated, reviewed
	Desc          bool
	Page          Page
	SkipLensNames bool // leave Lenses empty, for lists that do not show them
}

// ReviewService keeps lens reviews, answers and improvement plans.
type ReviewService interface {
	ListLensReviews(ctx context.Context, workloadID string, milestone int, page Page) ([]LensReview, string, error)
	// GetLensReview returns the review with its pillar roll-ups and the lens content in lang
	// ("" for the default language).
	GetLensReview(ctx context.Context, workloadID, alias string, milestone int, lang string) (*LensReview, error)
	UpdateLensReview(ctx context.Context, workloadID, alias string, u LensReviewUpdate) (*LensReview, error)
	// UpgradeLensReview moves a review to its lens's latest version: it saves a milestone named
	// milestoneName, carries answers over by choice ID and leaves new questions unanswered.
	// ECONFLICT when the review is already current; EQUOTA when no milestone can be saved.
	UpgradeLensReview(ctx context.Context, workloadID, alias, milestoneName string) error
	ListAnswers(ctx context.Context, workloadID, alias string, milestone int, q AnswerQuery) ([]Answer, string, error)
	GetAnswer(ctx context.Context, workloadID, alias, questionID string, milestone int, lang string) (*Answer, error)
	// UpdateAnswer applies u, recomputes the question's risk and every roll-up in the same
	// transaction, and records the change in the audit trail.
	UpdateAnswer(ctx context.Context, workloadID, alias, questionID string, u AnswerUpdate) (*Answer, error)
	ListImprovements(ctx context.Context, workloadID, alias string, milestone int, q AnswerQuery) ([]Improvement, string, error)
	SetImprovementStatus(ctx context.Context, workloadID, alias, questionID, status string) error
}

// AnswerQuery filters answers and improvements.
type AnswerQuery struct {
	PillarID         string
	QuestionPriority string // PRIORITIZED or "" for all
	Lang             string
	Page             Page
}

// MilestoneService records and reads milestones.
type MilestoneService interface {
	// CreateMilestone snapshots the workload. ECONFLICT on a name already used in the
	// workload; EQUOTA past the milestone quota.
	CreateMilestone(ctx context.Context, workloadID, name string) (int, error)
	GetMilestone(ctx context.Context, workloadID string, number int) (*Milestone, error)
	ListMilestones(ctx context.Context, workloadID string, page Page) ([]MilestoneSummary, string, error)
}

// LensService keeps the lens catalog: the built-in lens and custom lenses with their drafts
// and published versions.
type LensService interface {
	ListLenses(ctx context.Context, q LensQuery) ([]LensSummary, string, error)
	GetLens(ctx context.Context, alias, version string) (*LensInfo, error)
	// LensContent returns a lens version's content (version "" is the latest published, or
	// "DRAFT") in lang for the built-in lens.
	LensContent(ctx context.Context, alias, version, lang string) (*lens.Lens, *LensInfo, error)
	// ImportLens validates a custom lens and stores it as the draft of a new lens, or of the
	// lens named by alias. EINVALID lists every problem with its JSON path.
	ImportLens(ctx context.Context, data []byte, alias string, tags map[string]string) (arn string, err error)
	// ExportLens returns a version's custom-lens JSON; owner only, not the built-in lens.
	ExportLens(ctx context.Context, alias, version string) ([]byte, error)
	// CreateLensVersion publishes the draft as version. A minor version moves every review of
	// the lens to it; a major one marks them NOT_CURRENT and notifies.
	CreateLensVersion(ctx context.Context, alias, version string, major bool) (arn string, err error)
	// DeleteLens deletes the draft, the published versions (reviews keep working, the lens
	// can no longer be applied) or both.
	DeleteLens(ctx context.Context, alias, status string) error
	LensVersionDifference(ctx context.Context, alias, base, target string) (*LensDifference, error)
	ListNotifications(ctx context.Context, q NotificationQuery) ([]Notification, string, error)
	ListProfileNotifications(ctx context.Context, workloadID string, page Page) ([]ProfileNotification, string, error)
}

// ShareService shares workloads, lenses, profiles and templates, and answers invitations.
type ShareService interface {
	// CreateShare shares a resource (type WORKLOAD, LENS, PROFILE or TEMPLATE; resource is the
	// workload ID or the ARN). ECONFLICT when already shared with the same recipient.
	CreateShare(ctx context.Context, resourceType, resource, sharedWith string, perm Permission) (*Share, error)
	UpdateWorkloadShare(ctx context.Context, workloadID, shareID string, perm Permission) (*Share, error)
	DeleteShare(ctx context.Context, resourceType, resource, shareID string) error
	ListShares(ctx context.Context, resourceType, resource string, q ShareQuery) ([]Share, string, error)
	// ListShareInvitations lists pending invitations to the principal or its account.
	ListShareInvitations(ctx context.Context, q InvitationQuery) ([]Share, string, error)
	// UpdateShareInvitation accepts or rejects an invitation addressed to the principal.
	UpdateShareInvitation(ctx context.Context, id, action string) (*Share, error)
}

// ProfileService keeps profiles.
type ProfileService interface {
	ProfileTemplate(ctx context.Context, lang string) (ProfileTemplate, error)
	CreateProfile(ctx context.Context, in NewProfile) (*Profile, error)
	GetProfile(ctx context.Context, arn, version string) (*Profile, error)
	UpdateProfile(ctx context.Context, arn string, u ProfileUpdate) (*Profile, error)
	DeleteProfile(ctx context.Context, arn string) error
	ListProfiles(ctx context.Context, q ProfileQuery) ([]ProfileSummary, string, error)
}

// TemplateService keeps review templates and their pre-filled answers.
type TemplateService interface {
	CreateReviewTemplate(ctx context.Context, in NewReviewTemplate) (*ReviewTemplate, error)
	GetReviewTemplate(ctx context.Context, arn string) (*ReviewTemplate, error)
	UpdateReviewTemplate(ctx context.Context, arn string, u ReviewTemplateUpdate) (*ReviewTemplate, error)
	DeleteReviewTemplate(ctx context.Context, arn string) error
	ListReviewTemplates(ctx context.Context, page Page) ([]ReviewTemplate, string, error)
	GetTemplateLensReview(ctx context.Context, arn, alias string) (*TemplateLensReview, error)
	UpdateTemplateLensReview(ctx context.Context, arn, alias string, u LensReviewUpdate) (*TemplateLensReview, error)
	UpgradeTemplateLensReview(ctx context.Context, arn, alias string) error
	GetTemplateAnswer(ctx context.Context, arn, alias, questionID string) (*Answer, error)
	UpdateTemplateAnswer(ctx context.Context, arn, alias, questionID string, u AnswerUpdate) (*Answer, error)
	ListTemplateAnswers(ctx context.Context, arn, alias string, q AnswerQuery) ([]Answer, string, error)
}

// TagService tags workloads, custom lenses, profiles and review templates by ARN.
type TagService interface {
	TagResource(ctx context.Context, arn string, tags map[string]string) error
	UntagResource(ctx context.Context, arn string, keys []string) error
	ListTags(ctx context.Context, arn string) (map[string]string, error)
}

// AuditService reads the audit trail.
type AuditService interface {
	ListAudit(ctx context.Context, workloadID string, page Page) ([]AuditEvent, string, error)
}

// EvidenceService keeps scanner evidence and the suggestions it makes.
type EvidenceService interface {
	// PutEvidence replaces the workload's evidence and refreshes its suggestions; decisions
	// already taken on a choice are kept and no answer changes.
	PutEvidence(ctx context.Context, scan EvidenceScan) error
	// GetEvidence returns the latest scan, ENOTFOUND when the workload was never scanned.
	GetEvidence(ctx context.Context, workloadID string) (*EvidenceScan, error)
	ListSuggestions(ctx context.Context, workloadID string) ([]Suggestion, error)
	// DecideSuggestion accepts (selecting the choice in the answer) or rejects a suggestion.
	DecideSuggestion(ctx context.Context, workloadID, questionID, choiceID string, accept bool) error
}

// SettingsService keeps account settings and integration state.
type SettingsService interface {
	GetSettings(ctx context.Context) (*Settings, error)
	UpdateSettings(ctx context.Context, u SettingsUpdate) error
	// ConsolidatedMetrics returns per-workload risk metrics across the workloads the
	// principal may see.
	ConsolidatedMetrics(ctx context.Context, q ConsolidatedQuery) ([]ConsolidatedMetric, string, error)
}

// IdentityService keeps users, access keys and sessions. Creating users and keys for others
// needs an admin principal; the first user is created by the CLI without one.
type IdentityService interface {
	CreateUser(ctx context.Context, in NewUser) (*User, error)
	GetUser(ctx context.Context, name string) (*User, error)
	ListUsers(ctx context.Context) ([]User, error)
	SetPassword(ctx context.Context, name, password string) error
	// Authenticate checks a password. EUNAUTHORIZED for an unknown user or a wrong password,
	// with the same message and the same work done either way.
	Authenticate(ctx context.Context, name, password string) (*User, error)
	CreateAccessKey(ctx context.Context, userName string) (*AccessKey, error)
	ListAccessKeys(ctx context.Context, userName string) ([]AccessKey, error)
	RevokeAccessKey(ctx context.Context, id string) error
	// LookupAccessKey returns an active key's secret and its user, for signature checks.
	// ENOTFOUND for unknown or revoked keys.
	LookupAccessKey(ctx context.Context, id string) (secret string, u *User, err error)
	CreateSession(ctx context.Context, userID string, ttlSeconds int) (*Session, error)
	// GetSession returns the session's user; ENOTFOUND when unknown or expired.
	GetSession(ctx context.Context, token string) (*Session, *User, error)
	DeleteSession(ctx context.Context, token string) error
}

// IdempotencyStore remembers the outcome of requests that carry a client token, so a retry
// returns the first result.
type IdempotencyStore interface {
	// Reserve claims (scope, token) for a request whose parameters hash to paramsHash. It
	// returns the stored response when the token was already used with the same hash and has
	// completed; ECONFLICT when it was used with other parameters or is still in progress.
	Reserve(ctx context.Context, scope, token, paramsHash string) (response []byte, done bool, err error)
	// Complete stores the response of a reserved request.
	Complete(ctx context.Context, scope, token string, response []byte) error
	// Release forgets a reservation whose request failed, so a retry can run it.
	Release(ctx context.Context, scope, token string) error
}
