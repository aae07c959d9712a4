package wellops

import "time"

// Settings are an account's global settings (GetGlobalSettings).
type Settings struct {
	OrganizationSharingStatus  string // ENABLED or DISABLED
	DiscoveryIntegrationStatus string
	Jira                       AccountJira
}

// AccountJira is the account-level Jira connector setting. wellops stores it and returns it;
// it does not talk to Jira.
type AccountJira struct {
	IntegrationStatus     string // CONFIGURED or NOT_CONFIGURED
	IssueManagementStatus string // ENABLED or DISABLED
	IssueManagementType   string // AUTO or MANUAL
	Subdomain             string
	JiraProjectKey        string
	StatusMessage         string
}

// SettingsUpdate is the input of UpdateGlobalSettings; empty fields stay.
type SettingsUpdate struct {
	OrganizationSharingStatus  string
	DiscoveryIntegrationStatus string
	Jira                       *AccountJira
}

// Validate checks the enums and the project key.
func (u *SettingsUpdate) Validate() error {
	var p Problems
	if u.OrganizationSharingStatus != "" {
		checkEnum(&p, "OrganizationSharingStatus", u.OrganizationSharingStatus, "ENABLED", "DISABLED")
	}
	if u.DiscoveryIntegrationStatus != "" {
		checkEnum(&p, "DiscoveryIntegrationStatus", u.DiscoveryIntegrationStatus, "ENABLED", "DISABLED")
	}
	if j := u.Jira; j != nil {
		if j.IntegrationStatus != "" {
			checkEnum(&p, "JiraConfiguration.IntegrationStatus", j.IntegrationStatus, "NOT_CONFIGURED")
		}
		if j.IssueManagementStatus != "" {
			checkEnum(&p, "JiraConfiguration.IssueManagementStatus", j.IssueManagementStatus, "ENABLED", "DISABLED")
		}
		if j.IssueManagementType != "" {
			checkEnum(&p, "JiraConfiguration.IssueManagementType", j.IssueManagementType, "AUTO", "MANUAL")
		}
		if j.JiraProjectKey != "" {
			checkPattern(&p, "JiraConfiguration.JiraProjectKey", j.JiraProjectKey, reJiraKey, "an upper-case Jira project key")
		}
	}
	return p.Err()
}

// ConsolidatedQuery filters the consolidated report.
type ConsolidatedQuery struct {
	IncludeShared bool
	Environment   string // "" for all
	LensAlias     string // "" for all
	Page          Page
}

// ConsolidatedMetric is one workload's risks per lens, pillar and question, with the best
// practices it misses (GetConsolidatedReport, JSON format).
type ConsolidatedMetric struct {
	WorkloadID   string
	WorkloadName string
	WorkloadARN  string
	Environment  string
	Owner        string
	UpdatedAt    time.Time
	RiskCounts   RiskCounts
	Lenses       []LensMetric
}

// LensMetric is one lens review of a consolidated metric.
type LensMetric struct {
	LensARN    string
	LensAlias  string
	LensName   string
	RiskCounts RiskCounts
	Pillars    []PillarMetric
}

// PillarMetric is one pillar of a lens metric.
type PillarMetric struct {
	PillarID   string
	PillarName string
	RiskCounts RiskCounts
	Questions  []QuestionMetric
}

// QuestionMetric lists a question's risk and the choices it misses.
type QuestionMetric struct {
	QuestionID    string
	QuestionTitle string
	Risk          string
	BestPractices []BestPracticeRef
}

// BestPracticeRef names a missing choice.
type BestPracticeRef struct {
	ChoiceID    string
	ChoiceTitle string
}
