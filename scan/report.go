package scan

import (
	"sort"
	"time"
)

// SchemaVersion is the version of the JSON report. It changes when a field changes meaning or
// disappears; new fields do not change it. docs/scan.md documents each version.
const SchemaVersion = "1"

// Status is what the evidence says about one best practice or one check.
type Status string

const (
	// Found: the repository holds artefacts that correspond to the practice.
	Found Status = "found"
	// Partial: some evidence, but incomplete, indirect, or only in examples.
	Partial Status = "partial"
	// NotFound: the repository is where this evidence usually lives and none was found.
	NotFound Status = "not_found"
	// Unknown: the repository cannot show this, or nothing was found where absence proves
	// nothing (weak and human-only practices).
	Unknown Status = "unknown"
	// NotApplicable: nothing in the repository is of the kind the check is about.
	NotApplicable Status = "not_applicable"
	// Inconclusive: the check failed (a bug or bad input); its result is not used.
	Inconclusive Status = "error"
)

// rank orders statuses from strongest evidence to weakest for combining checks.
func (s Status) rank() int {
	switch s {
	case Found:
		return 5
	case Partial:
		return 4
	case NotFound:
		return 3
	case NotApplicable:
		return 2
	case Unknown:
		return 1
	}
	return 0
}

// Confidence says how directly the evidence shows the practice.
type Confidence string

const (
	High   Confidence = "high"
	Medium Confidence = "medium"
	Low    Confidence = "low"
)

func (c Confidence) rank() int {
	switch c {
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// Item tags.
const (
	TagExample  = "example"  // from examples/ or samples/: shows the pattern, not the workload's own practice
	TagExternal = "external" // points outside the repository, so it cannot be verified here
	TagGap      = "gap"      // a specific place where something is missing
	TagTest     = "test"     // a test file or fixture (counts only for testing practices)
	TagDocs     = "docs"     // described in documentation rather than configured
)

// Item is one piece of evidence, or one gap, at a place in the repository.
type Item struct {
	Check string   `json:"check"`
	Path  string   `json:"path"`
	Line  int      `json:"line,omitempty"`
	Text  string   `json:"text"`
	Tags  []string `json:"tags,omitempty"`
}

// Warning is input the scanner could not read as expected. The scan goes on.
type Warning struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// CheckResult is one check's outcome.
type CheckResult struct {
	ID            string     `json:"id"`
	Title         string     `json:"title"`
	BestPractices []string   `json:"bestPractices"`
	Status        Status     `json:"status"`
	Confidence    Confidence `json:"confidence,omitempty"`
	Summary       string     `json:"summary"`
	// Counts are the numbers behind Summary, keyed by a stable name.
	Counts   map[string]int `json:"counts,omitempty"`
	Evidence []Item         `json:"evidence,omitempty"`
	Gaps     []Item         `json:"gaps,omitempty"`
	// Error is set when Status is "error": the check failed and was skipped.
	Error  string  `json:"error,omitempty"`
	Waiver *Waiver `json:"waiver,omitempty"`
}

// BPResult is the evidence for one best practice, keyed for the WA Tool by QuestionID and
// ChoiceID.
type BPResult struct {
	ID         string     `json:"id"`
	QuestionID string     `json:"questionId"`
	ChoiceID   string     `json:"choiceId"`
	Title      string     `json:"title"`
	Risk       string     `json:"risk"`
	Class      string     `json:"class"`
	Status     Status     `json:"status"`
	Confidence Confidence `json:"confidence,omitempty"`
	Summary    string     `json:"summary"`
	Checks     []string   `json:"checks,omitempty"`
	Evidence   []Item     `json:"evidence,omitempty"`
	Gaps       []Item     `json:"gaps,omitempty"`
	Waiver     *Waiver    `json:"waiver,omitempty"`
}

// Files counts what the walk saw.
type Files struct {
	Seen int `json:"seen"`
	Read int `json:"read"`
	// Skipped counts files and directories left out, by reason (symlink, too_large, binary,
	// gitignored, vendored, unreadable).
	Skipped map[string]int `json:"skipped"`
}

// Tool names the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Report is the result of a scan. Best practices are ordered by ID; checks by ID.
type Report struct {
	SchemaVersion string        `json:"schemaVersion"`
	Tool          Tool          `json:"tool"`
	ScanTime      time.Time     `json:"scanTime"`
	DurationMS    int64         `json:"durationMs"`
	Root          string        `json:"root"`
	Commit        string        `json:"commit,omitempty"`
	Files         Files         `json:"files"`
	Warnings      []Warning     `json:"warnings"`
	BestPractices []BPResult    `json:"bestPractices"`
	Checks        []CheckResult `json:"checks"`
	// Waivers lists every waiver in .wellops.yaml with whether it was applied.
	Waivers []Waiver `json:"waivers"`
}

// BP returns the result for a best practice ID, or nil.
func (r *Report) BP(id string) *BPResult {
	for i := range r.BestPractices {
		if r.BestPractices[i].ID == id {
			return &r.BestPractices[i]
		}
	}
	return nil
}

// Suggestions returns, per WA Tool question ID, the choice IDs that the evidence supports:
// best practices found with at least medium confidence. A review store records them as
// suggestions for a reviewer; they never change an answer a person gave. Waived best practices
// are left out: a waiver records a person's decision, not evidence.
func (r *Report) Suggestions() map[string][]string {
	out := map[string][]string{}
	for _, bp := range r.BestPractices {
		if bp.Waiver != nil && bp.Waiver.Applied {
			continue
		}
		if bp.Status == Found && bp.Confidence.rank() >= Medium.rank() {
			out[bp.QuestionID] = append(out[bp.QuestionID], bp.ChoiceID)
		}
	}
	for q := range out {
		sort.Strings(out[q])
	}
	return out
}
