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
	// SummaryKo is the summary in Korean, empty when the scanner had none for it; readers
	// fall back to Summary (SummaryIn).
	SummaryKo string
	Items     []EvidenceItem
}

// SummaryIn returns the summary in the page's or report's language: the Korean one for "ko"
// when the scanner wrote it, the English one otherwise, so a reader never shows an empty
// summary.
func (e PracticeEvidence) SummaryIn(lang string) string {
	if lang == "ko" && e.SummaryKo != "" {
		return e.SummaryKo
	}
	return e.Summary
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
