// Package lens is the custom-lens engine: the AWS custom-lens model (schemaVersion
// 2021-11-01), parsing and validation with JSON paths, the risk-rule grammar, export, and the
// built-in Operational Excellence lens. It is pure: no I/O beyond the embedded built-in lens.
package lens

// SchemaVersion is the only custom-lens schema version AWS defines.
const SchemaVersion = "2021-11-01"

// Lens is a questionnaire in the AWS custom-lens format. Field names and JSON tags follow the
// format, so encoding/json round-trips it; unknown keys are ignored on input.
type Lens struct {
	SchemaVersion string    `json:"schemaVersion"`
	Name          string    `json:"name"`
	Description   string    `json:"description"`
	Pillars       []*Pillar `json:"pillars"`

	// questions indexes questions by ID; built with the compiled rules (see Lens.Question).
	questions map[string]questionAt
}

// Pillar groups questions. IDs are unique within the lens.
type Pillar struct {
	ID        string      `json:"id"`
	Name      string      `json:"name"`
	Questions []*Question `json:"questions"`
}

// Question is one question of a lens. Question IDs are unique across the whole lens, because
// the API addresses answers by question ID alone.
type Question struct {
	ID              string      `json:"id"`
	Title           string      `json:"title"`
	Description     string      `json:"description,omitempty"`
	HelpfulResource *Resource   `json:"helpfulResource,omitempty"`
	Choices         []*Choice   `json:"choices"`
	RiskRules       []*RiskRule `json:"riskRules"`

	// compiled holds the risk rules compiled once at parse/validate time (see rules.go).
	compiled *compiledRules
}

// Choice is one best practice of a question, or the "None of these" choice when its ID ends
// in "_no".
type Choice struct {
	ID                  string                `json:"id"`
	Title               string                `json:"title"`
	Description         string                `json:"description,omitempty"`
	HelpfulResource     *Resource             `json:"helpfulResource,omitempty"`
	ImprovementPlan     *Resource             `json:"improvementPlan,omitempty"`
	AdditionalResources []*AdditionalResource `json:"additionalResources,omitempty"`

	// BestPractice carries catalog facts for the built-in lens (nil for custom lenses). It is
	// not part of the custom-lens format and is never exported.
	BestPractice *BestPractice `json:"-"`
}

// Resource is a text with an optional http(s) link.
type Resource struct {
	DisplayText string `json:"displayText,omitempty"`
	URL         string `json:"url,omitempty"`
}

// AdditionalResource lists extra links of one type for a choice.
type AdditionalResource struct {
	Type    string      `json:"type"` // HELPFUL_RESOURCE or IMPROVEMENT_PLAN
	Content []*Resource `json:"content"`
}

// RiskRule maps a condition over the question's choices to a risk. The first true rule wins.
type RiskRule struct {
	Condition string `json:"condition"` // a boolean expression of choice IDs, or "default"
	Risk      string `json:"risk"`      // HIGH_RISK, MEDIUM_RISK or NO_RISK
}

// BestPractice holds the catalog facts of a built-in lens choice.
type BestPractice struct {
	ID      string   // e.g. OPS04-BP02
	Risk    Risk     // level of risk if not established: HIGH, MEDIUM or LOW
	Effort  string   // LOW, MEDIUM, HIGH or "" when the catalog has none
	Related []string // related best practice IDs
}

// Risk is a question's (or a best practice's) risk as the API names it.
type Risk string

// Risks, as the API's Risk enum names them. RiskLow is used only for best-practice levels.
const (
	RiskUnanswered    Risk = "UNANSWERED"
	RiskHigh          Risk = "HIGH"
	RiskMedium        Risk = "MEDIUM"
	RiskNone          Risk = "NONE"
	RiskNotApplicable Risk = "NOT_APPLICABLE"
	RiskLow           Risk = "LOW"
)

// Risk-rule values of the custom-lens format.
const (
	RuleHigh   = "HIGH_RISK"
	RuleMedium = "MEDIUM_RISK"
	RuleNone   = "NO_RISK"
)
