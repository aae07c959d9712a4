package wellops

import (
	"strings"
	"time"
	"unicode"
)

// Environments and improvement statuses, as the API names them.
const (
	EnvProduction    = "PRODUCTION"
	EnvPreproduction = "PREPRODUCTION"

	ImprovementNotApplicable    = "NOT_APPLICABLE"
	ImprovementNotStarted       = "NOT_STARTED"
	ImprovementInProgress       = "IN_PROGRESS"
	ImprovementComplete         = "COMPLETE"
	ImprovementRiskAcknowledged = "RISK_ACKNOWLEDGED"
)

// Industries lists the values the AWS tool accepts for IndustryType.
var Industries = []string{
	"Agriculture", "Automobile", "Defense", "Design and Engineering", "Digital Advertising",
	"Education", "Environmental Protection", "Financial Services", "Gaming",
	"General Public Services", "Healthcare", "Hospitality", "InfoTech",
	"Justice and Public Safety", "Life Sciences", "Manufacturing", "Media & Entertainment",
	"Mining & Resources", "Oil & Gas", "Power & Utilities", "Professional Services",
	"Real Estate & Construction", "Retail & Wholesale", "Social Protection",
	"Telecommunications", "Travel, Transportation & Logistics", "Other",
}

// Workload is the system under review, with every field the AWS tool keeps.
type Workload struct {
	ID                              string
	ARN                             string
	Name                            string
	Description                     string
	Environment                     string
	AccountIDs                      []string
	AWSRegions                      []string
	NonAWSRegions                   []string
	PillarPriorities                []string
	ArchitecturalDesign             string
	ReviewOwner                     string
	IsReviewOwnerUpdateAcknowledged bool
	ReviewRestrictionDate           time.Time
	IndustryType                    string
	Industry                        string
	Notes                           string
	ImprovementStatus               string
	Tags                            map[string]string
	Lenses                          []string // lens aliases: the built-in alias or custom lens ARNs
	Applications                    []string
	DiscoveryConfig                 *DiscoveryConfig
	JiraConfiguration               *WorkloadJira
	Profiles                        []WorkloadProfile
	Owner                           string // account ID
	RiskCounts                      RiskCounts
	PrioritizedRiskCounts           RiskCounts
	CreatedAt                       time.Time
	UpdatedAt                       time.Time
	ReviewedAt                      time.Time // last answer change; zero when never answered

	// Permission is what the requesting principal may do; ShareInvitationID names the share
	// that grants it when the principal is not in the owner account.
	Permission        Permission
	ShareInvitationID string
}

// DiscoveryConfig is the Trusted Advisor discovery setting, kept and returned as given.
type DiscoveryConfig struct {
	TrustedAdvisorIntegrationStatus string   // ENABLED or DISABLED
	WorkloadResourceDefinition      []string // WORKLOAD_METADATA, APP_REGISTRY
}

// WorkloadJira is the workload-level Jira setting.
type WorkloadJira struct {
	IssueManagementStatus string // ENABLED, DISABLED or INHERIT
	IssueManagementType   string // AUTO or MANUAL
	JiraProjectKey        string
}

// WorkloadProfile names the profile version a workload uses.
type WorkloadProfile struct {
	ProfileARN     string
	ProfileVersion string
}

// WorkloadSummary is a workload as lists show it.
type WorkloadSummary struct {
	ID                    string
	ARN                   string
	Name                  string
	Owner                 string
	Environment           string
	Lenses                []string
	RiskCounts            RiskCounts
	PrioritizedRiskCounts RiskCounts
	ImprovementStatus     string
	Profiles              []WorkloadProfile
	UpdatedAt             time.Time
	ReviewedAt            time.Time
	Permission            Permission
}

// NameKey folds a workload name for the uniqueness check: the AWS tool ignores case and
// spaces, so "My Workload" and "myworkload" clash.
func NameKey(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NewWorkload is the input of CreateWorkload.
type NewWorkload struct {
	Name                string
	Description         string
	Environment         string
	AccountIDs          []string
	AWSRegions          []string
	NonAWSRegions       []string
	PillarPriorities    []string
	ArchitecturalDesign string
	ReviewOwner         string
	IndustryType        string
	Industry            string
	Notes               string
	Tags                map[string]string
	Lenses              []string
	Applications        []string
	DiscoveryConfig     *DiscoveryConfig
	JiraConfiguration   *WorkloadJira
	ProfileARNs         []string
	ReviewTemplateARNs  []string
}

// Validate checks every field against the API's limits and reports every problem.
func (in *NewWorkload) Validate() error {
	var p Problems
	checkLen(&p, "WorkloadName", in.Name, 3, 100)
	checkLen(&p, "Description", in.Description, 3, 250)
	checkEnum(&p, "Environment", in.Environment, EnvProduction, EnvPreproduction)
	if len(in.AWSRegions) == 0 && len(in.NonAWSRegions) == 0 {
		p.Add("AwsRegions", "either AwsRegions or NonAwsRegions (or both) must be given")
	}
	checkLen(&p, "ReviewOwner", in.ReviewOwner, 3, 255)
	validateWorkloadLists(&p, in.AccountIDs, in.AWSRegions, in.NonAWSRegions, in.PillarPriorities)
	validateWorkloadStrings(&p, in.ArchitecturalDesign, in.IndustryType, in.Industry, in.Notes)
	if in.Tags != nil {
		checkTags(&p, "Tags", in.Tags)
	}
	if len(in.Lenses) > 20 {
		p.Add("Lenses", "must name at most 20 lenses, got %d", len(in.Lenses))
	}
	if len(in.Applications) > 1 {
		p.Add("Applications", "must name at most 1 application, got %d", len(in.Applications))
	}
	if len(in.ProfileARNs) > 1 {
		p.Add("ProfileArns", "must name at most 1 profile, got %d", len(in.ProfileARNs))
	}
	if len(in.ReviewTemplateARNs) > 1 {
		p.Add("ReviewTemplateArns", "must name at most 1 review template, got %d", len(in.ReviewTemplateARNs))
	}
	validateDiscovery(&p, in.DiscoveryConfig)
	validateWorkloadJira(&p, in.JiraConfiguration)
	return p.Err()
}

// WorkloadUpdate is the input of UpdateWorkload: nil fields are left as they are.
type WorkloadUpdate struct {
	Name                            *string
	Description                     *string
	Environment                     *string
	AccountIDs                      *[]string
	AWSRegions                      *[]string
	NonAWSRegions                   *[]string
	PillarPriorities                *[]string
	ArchitecturalDesign             *string
	ReviewOwner                     *string
	IsReviewOwnerUpdateAcknowledged *bool
	IndustryType                    *string
	Industry                        *string
	Notes                           *string
	ImprovementStatus               *string
	Applications                    *[]string
	DiscoveryConfig                 *DiscoveryConfig
	JiraConfiguration               *WorkloadJira
}

// Validate checks the fields that are set.
func (u *WorkloadUpdate) Validate() error {
	var p Problems
	if u.Name != nil {
		checkLen(&p, "WorkloadName", *u.Name, 3, 100)
	}
	if u.Description != nil {
		checkLen(&p, "Description", *u.Description, 3, 250)
	}
	if u.Environment != nil {
		checkEnum(&p, "Environment", *u.Environment, EnvProduction, EnvPreproduction)
	}
	if u.ReviewOwner != nil {
		checkLen(&p, "ReviewOwner", *u.ReviewOwner, 3, 255)
	}
	validateWorkloadLists(&p, deref(u.AccountIDs), deref(u.AWSRegions), deref(u.NonAWSRegions), deref(u.PillarPriorities))
	validateWorkloadStrings(&p, derefS(u.ArchitecturalDesign), derefS(u.IndustryType), derefS(u.Industry), derefS(u.Notes))
	if u.ImprovementStatus != nil {
		checkEnum(&p, "ImprovementStatus", *u.ImprovementStatus, ImprovementNotApplicable, ImprovementNotStarted,
			ImprovementInProgress, ImprovementComplete, ImprovementRiskAcknowledged)
	}
	if u.Applications != nil && len(*u.Applications) > 1 {
		p.Add("Applications", "must name at most 1 application, got %d", len(*u.Applications))
	}
	validateDiscovery(&p, u.DiscoveryConfig)
	validateWorkloadJira(&p, u.JiraConfiguration)
	return p.Err()
}

// Apply returns w with the update's fields set.
func (u *WorkloadUpdate) Apply(w Workload) Workload {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	setL := func(dst *[]string, src *[]string) {
		if src != nil {
			*dst = append([]string(nil), (*src)...)
		}
	}
	set(&w.Name, u.Name)
	set(&w.Description, u.Description)
	set(&w.Environment, u.Environment)
	setL(&w.AccountIDs, u.AccountIDs)
	setL(&w.AWSRegions, u.AWSRegions)
	setL(&w.NonAWSRegions, u.NonAWSRegions)
	setL(&w.PillarPriorities, u.PillarPriorities)
	set(&w.ArchitecturalDesign, u.ArchitecturalDesign)
	set(&w.ReviewOwner, u.ReviewOwner)
	if u.IsReviewOwnerUpdateAcknowledged != nil {
		w.IsReviewOwnerUpdateAcknowledged = *u.IsReviewOwnerUpdateAcknowledged
	}
	set(&w.IndustryType, u.IndustryType)
	set(&w.Industry, u.Industry)
	set(&w.Notes, u.Notes)
	set(&w.ImprovementStatus, u.ImprovementStatus)
	setL(&w.Applications, u.Applications)
	if u.DiscoveryConfig != nil {
		d := *u.DiscoveryConfig
		w.DiscoveryConfig = &d
	}
	if u.JiraConfiguration != nil {
		j := *u.JiraConfiguration
		w.JiraConfiguration = &j
	}
	return w
}

func validateWorkloadLists(p *Problems, accounts, regions, nonAWS, pillars []string) {
	if len(accounts) > 100 {
		p.Add("AccountIds", "must list at most 100 accounts, got %d", len(accounts))
	}
	for _, a := range accounts {
		if !reAccountID.MatchString(a) {
			p.Add("AccountIds", "must be 12-digit account IDs, got %q", clip(a))
		}
	}
	if len(regions) > 50 {
		p.Add("AwsRegions", "must list at most 50 regions, got %d", len(regions))
	}
	for _, r := range regions {
		if len(r) > 100 || !reAWSRegion.MatchString(r) {
			p.Add("AwsRegions", "must be AWS region codes such as us-east-1, got %q", clip(r))
		}
	}
	if len(nonAWS) > 5 {
		p.Add("NonAwsRegions", "must list at most 5 regions, got %d", len(nonAWS))
	}
	for _, r := range nonAWS {
		checkLen(p, "NonAwsRegions", r, 3, 25)
	}
	for _, id := range pillars {
		checkPattern(p, "PillarPriorities", id, rePillarID, "pillar IDs of 1 to 64 letters, digits or underscores")
	}
}

func validateWorkloadStrings(p *Problems, design, industryType, industry, notes string) {
	checkMax(p, "ArchitecturalDesign", design, 2048)
	if design != "" {
		checkPattern(p, "ArchitecturalDesign", design, reDesignURL, "an http, https or ftp URL")
	}
	if industryType != "" {
		checkEnum(p, "IndustryType", industryType, Industries...)
	}
	checkMax(p, "Industry", industry, 100)
	checkMax(p, "Notes", notes, 2084)
}

func validateDiscovery(p *Problems, d *DiscoveryConfig) {
	if d == nil {
		return
	}
	if d.TrustedAdvisorIntegrationStatus != "" {
		checkEnum(p, "DiscoveryConfig.TrustedAdvisorIntegrationStatus", d.TrustedAdvisorIntegrationStatus, "ENABLED", "DISABLED")
	}
	for _, r := range d.WorkloadResourceDefinition {
		checkEnum(p, "DiscoveryConfig.WorkloadResourceDefinition", r, "WORKLOAD_METADATA", "APP_REGISTRY")
	}
}

func validateWorkloadJira(p *Problems, j *WorkloadJira) {
	if j == nil {
		return
	}
	if j.IssueManagementStatus != "" {
		checkEnum(p, "JiraConfiguration.IssueManagementStatus", j.IssueManagementStatus, "ENABLED", "DISABLED", "INHERIT")
	}
	if j.IssueManagementType != "" {
		checkEnum(p, "JiraConfiguration.IssueManagementType", j.IssueManagementType, "AUTO", "MANUAL")
	}
	if j.JiraProjectKey != "" {
		checkLen(p, "JiraConfiguration.JiraProjectKey", j.JiraProjectKey, 1, 100)
		checkPattern(p, "JiraConfiguration.JiraProjectKey", j.JiraProjectKey, reJiraKey, "an upper-case Jira project key")
	}
}

func deref(p *[]string) []string {
	if p == nil {
		return nil
	}
	return *p
}

func derefS(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
