package wellops

import "time"

// Evidence statuses per best practice, as the scanner reports them.
const (
	EvidenceFound         = "found"
	EvidencePartial       = "partial"
	EvidenceNotFound      = "not_found"
	EvidenceUnknown       = "unknown"
	EvidenceNotApplicable = "not_applicable"

	SuggestionPending  = "PENDING"
	SuggestionAccepted = "ACCEPTED"
	SuggestionRejected = "REJECTED"
)

// EvidenceScan is what a repository scan found for a workload. A later scan replaces it; it
// never changes an answer.
type EvidenceScan struct {
	ID          string
	WorkloadID  string
	ScannedAt   time.Time
	Commit      string
	Root        string
	ToolVersion string
	Practices   []PracticeEvidence
}

// PracticeEvidence is the evidence for one best practice (one choice of the built-in lens).
type PracticeEvidence struct {
	BestPracticeID string
	QuestionID     string
	ChoiceID       string
	Status         string
	Confidence     string // high, medium, low
	Summary        string
	Items          []EvidenceItem
}

// EvidenceItem is one located piece of evidence.
type EvidenceItem struct {
	Check string
	Path  string
	Line  int
	Text  string
	Tags  []string
}

// Suggestion proposes selecting a choice because evidence supports it. A person accepts
// (which selects the choice) or rejects it; the decision survives later scans.
type Suggestion struct {
	WorkloadID string
	LensAlias  string
	QuestionID string
	ChoiceID   string
	Status     string
	DecidedBy  string
	DecidedAt  time.Time
	ScanID     string
}
