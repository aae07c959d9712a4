package wellops

import (
	"time"

	"github.com/wellops/wellops/lens"
)

// Lens types and lens status filters, as the API names them.
const (
	LensTypeOfficial = "AWS_OFFICIAL"
	LensTypeShared   = "CUSTOM_SHARED"
	LensTypeSelf     = "CUSTOM_SELF"

	LensStatusAll       = "ALL"
	LensStatusDraft     = "DRAFT"
	LensStatusPublished = "PUBLISHED"

	ImportComplete = "COMPLETE"
)

// LensSummary is a lens as ListLenses shows it.
type LensSummary struct {
	ARN         string
	Alias       string
	Name        string
	Type        string
	Description string
	Version     string // latest published version; empty for a lens with only a draft
	Owner       string
	Status      string // CURRENT, DELETED, or DRAFT for a lens never published
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// LensInfo describes one version of a lens (GetLens).
type LensInfo struct {
	ARN               string
	Alias             string
	Version           string
	Name              string
	Description       string
	Owner             string
	Type              string
	ShareInvitationID string
	Tags              map[string]string
	// Versions lists published versions, oldest first; HasDraft tells whether a draft exists.
	Versions []LensVersion
	HasDraft bool
}

// LensVersion is one published version of a custom lens.
type LensVersion struct {
	Version   string
	IsMajor   bool
	CreatedAt time.Time
}

// LensQuery filters ListLenses.
type LensQuery struct {
	Type       string // "" for all
	Status     string // ALL (default), DRAFT or PUBLISHED
	NamePrefix string
	Page       Page
}

// LensDifference is the answer of GetLensVersionDifference.
type LensDifference struct {
	Alias   string
	ARN     string
	Base    string
	Target  string
	Latest  string
	Pillars []lens.PillarDifference
}

// Notification types.
const (
	NotifyLensUpgraded         = "LENS_VERSION_UPGRADED"
	NotifyLensDeprecated       = "LENS_VERSION_DEPRECATED"
	NotifyProfileAnswersUpdate = "PROFILE_ANSWERS_UPDATED"
	NotifyProfileDeleted       = "PROFILE_DELETED"
)

// Notification says a lens review (of a workload or a review template) is behind its lens.
type Notification struct {
	Type           string
	WorkloadID     string
	WorkloadName   string
	LensAlias      string
	LensARN        string
	CurrentVersion string
	LatestVersion  string
	ResourceARN    string // review template ARN, for template notifications
	ResourceName   string
}

// NotificationQuery filters ListNotifications: at most one of WorkloadID and ResourceARN.
type NotificationQuery struct {
	WorkloadID  string
	ResourceARN string
	Page        Page
}

// ProfileNotification says a workload uses an older version of a profile, or a deleted one.
type ProfileNotification struct {
	Type           string
	ProfileARN     string
	ProfileName    string
	CurrentVersion string
	LatestVersion  string
	WorkloadID     string
	WorkloadName   string
}

// Page asks for one page of a list. Token is the opaque cursor a previous page returned
// (adapters seal it against tampering before it leaves the process); Limit is the page size.
type Page struct {
	Token string
	Limit int
}
