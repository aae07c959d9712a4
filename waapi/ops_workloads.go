package waapi

import (
	"context"

	"github.com/wellops/wellops"
)

// Workloads and milestones: CreateWorkload, GetWorkload, UpdateWorkload, DeleteWorkload,
// ListWorkloads, Associate/DisassociateLenses, Associate/DisassociateProfiles,
// CreateMilestone, GetMilestone, ListMilestones.

type discoveryConfig struct {
	TrustedAdvisorIntegrationStatus string   `json:"TrustedAdvisorIntegrationStatus,omitempty" v:"enum=ENABLED|DISABLED"`
	WorkloadResourceDefinition      []string `json:"WorkloadResourceDefinition,omitempty" v:"*enum=WORKLOAD_METADATA|APP_REGISTRY"`
}

func (d *discoveryConfig) domain() *wellops.DiscoveryConfig {
	if d == nil {
		return nil
	}
	return &wellops.DiscoveryConfig{TrustedAdvisorIntegrationStatus: d.TrustedAdvisorIntegrationStatus, WorkloadResourceDefinition: d.WorkloadResourceDefinition}
}

type workloadJiraIn struct {
	IssueManagementStatus string `json:"IssueManagementStatus,omitempty" v:"enum=ENABLED|DISABLED|INHERIT"`
	IssueManagementType   string `json:"IssueManagementType,omitempty" v:"enum=AUTO|MANUAL"`
	JiraProjectKey        string `json:"JiraProjectKey,omitempty" v:"len=1:100,pat=jiraKey"`
}

func (j *workloadJiraIn) domain() *wellops.WorkloadJira {
	if j == nil {
		return nil
	}
	return &wellops.WorkloadJira{IssueManagementStatus: j.IssueManagementStatus, IssueManagementType: j.IssueManagementType, JiraProjectKey: j.JiraProjectKey}
}

type createWorkloadIn struct {
	WorkloadName        string            `json:"WorkloadName" v:"req,len=3:100"`
	Description         string            `json:"Description" v:"req,len=3:250"`
	Environment         string            `json:"Environment" v:"req,enum=PRODUCTION|PREPRODUCTION"`
	AccountIDs          []string          `json:"AccountIds" v:"len=:100,*pat=account"`
	AWSRegions          []string          `json:"AwsRegions" v:"len=:50,*len=:100"`
	NonAWSRegions       []string          `json:"NonAwsRegions" v:"len=:5,*len=3:25"`
	PillarPriorities    []string          `json:"PillarPriorities" v:"*len=1:64"`
	ArchitecturalDesign string            `json:"ArchitecturalDesign" v:"len=:2048,pat=design"`
	ReviewOwner         string            `json:"ReviewOwner" v:"len=3:255"`
	IndustryType        string            `json:"IndustryType" v:"len=:100"`
	Industry            string            `json:"Industry" v:"len=:100"`
	Lenses              []string          `json:"Lenses" v:"req,*len=1:128"`
	Notes               string            `json:"Notes" v:"len=:2084"`
	ClientRequestToken  string            `json:"ClientRequestToken" v:"req,len=1:2048"`
	Tags                map[string]string `json:"Tags" v:"len=1:50,key.len=1:128,*len=:256"`
	DiscoveryConfig     *discoveryConfig  `json:"DiscoveryConfig"`
	Applications        []string          `json:"Applications" v:"len=:1,*len=:2084,*pat=appArn"`
	ProfileArns         []string          `json:"ProfileArns" v:"len=:1,*len=:2084,*pat=profileArn"`
	ReviewTemplateArns  []string          `json:"ReviewTemplateArns" v:"len=:1,*len=50:250,*pat=templateArn"`
	JiraConfiguration   *workloadJiraIn   `json:"JiraConfiguration"`
}

type createWorkloadOut struct {
	WorkloadID  string `json:"WorkloadId"`
	WorkloadArn string `json:"WorkloadArn"`
}

func (a *API) createWorkload(ctx context.Context, in *createWorkloadIn) (*createWorkloadOut, error) {
	w, err := a.opt.Workloads.CreateWorkload(ctx, wellops.NewWorkload{
		Name: in.WorkloadName, Description: in.Description, Environment: in.Environment, AccountIDs: in.AccountIDs,
		AWSRegions: in.AWSRegions, NonAWSRegions: in.NonAWSRegions, PillarPriorities: in.PillarPriorities,
		ArchitecturalDesign: in.ArchitecturalDesign, ReviewOwner: in.ReviewOwner, IndustryType: in.IndustryType,
		Industry: in.Industry, Notes: in.Notes, Tags: in.Tags, Lenses: in.Lenses, Applications: in.Applications,
		DiscoveryConfig: in.DiscoveryConfig.domain(), JiraConfiguration: in.JiraConfiguration.domain(),
		ProfileARNs: in.ProfileArns, ReviewTemplateARNs: in.ReviewTemplateArns,
	})
	if err != nil {
		return nil, err
	}
	return &createWorkloadOut{w.ID, w.ARN}, nil
}

type workloadJiraOut struct {
	IssueManagementStatus string `json:"IssueManagementStatus,omitempty"`
	IssueManagementType   string `json:"IssueManagementType,omitempty"`
	JiraProjectKey        string `json:"JiraProjectKey,omitempty"`
}

type workload struct {
	WorkloadID                      string            `json:"WorkloadId"`
	WorkloadArn                     string            `json:"WorkloadArn"`
	WorkloadName                    string            `json:"WorkloadName"`
	Description                     string            `json:"Description,omitempty"`
	Environment                     string            `json:"Environment,omitempty"`
	UpdatedAt                       *epoch            `json:"UpdatedAt,omitempty"`
	AccountIDs                      []string          `json:"AccountIds,omitempty"`
	AWSRegions                      []string          `json:"AwsRegions,omitempty"`
	NonAWSRegions                   []string          `json:"NonAwsRegions,omitempty"`
	ArchitecturalDesign             string            `json:"ArchitecturalDesign,omitempty"`
	ReviewOwner                     string            `json:"ReviewOwner,omitempty"`
	ReviewRestrictionDate           *epoch            `json:"ReviewRestrictionDate,omitempty"`
	IsReviewOwnerUpdateAcknowledged bool              `json:"IsReviewOwnerUpdateAcknowledged"`
	IndustryType                    string            `json:"IndustryType,omitempty"`
	Industry                        string            `json:"Industry,omitempty"`
	Notes                           string            `json:"Notes,omitempty"`
	ImprovementStatus               string            `json:"ImprovementStatus,omitempty"`
	RiskCounts                      map[string]int    `json:"RiskCounts,omitempty"`
	PillarPriorities                []string          `json:"PillarPriorities,omitempty"`
	Lenses                          []string          `json:"Lenses,omitempty"`
	Owner                           string            `json:"Owner,omitempty"`
	ShareInvitationID               string            `json:"ShareInvitationId,omitempty"`
	Tags                            map[string]string `json:"Tags,omitempty"`
	DiscoveryConfig                 *discoveryConfig  `json:"DiscoveryConfig,omitempty"`
	Applications                    []string          `json:"Applications,omitempty"`
	Profiles                        []workloadProfile `json:"Profiles,omitempty"`
	PrioritizedRiskCounts           map[string]int    `json:"PrioritizedRiskCounts,omitempty"`
	JiraConfiguration               *workloadJiraOut  `json:"JiraConfiguration,omitempty"`
}

func toWorkload(w *wellops.Workload) *workload {
	out := &workload{WorkloadID: w.ID, WorkloadArn: w.ARN, WorkloadName: w.Name, Description: w.Description,
		Environment: w.Environment, UpdatedAt: ts(w.UpdatedAt), AccountIDs: w.AccountIDs, AWSRegions: w.AWSRegions,
		NonAWSRegions: w.NonAWSRegions, ArchitecturalDesign: w.ArchitecturalDesign, ReviewOwner: w.ReviewOwner,
		ReviewRestrictionDate: ts(w.ReviewRestrictionDate), IsReviewOwnerUpdateAcknowledged: w.IsReviewOwnerUpdateAcknowledged,
		IndustryType: w.IndustryType, Industry: w.Industry, Notes: w.Notes, ImprovementStatus: w.ImprovementStatus,
		RiskCounts: w.RiskCounts.Map(), PillarPriorities: w.PillarPriorities, Lenses: w.Lenses, Owner: w.Owner,
		ShareInvitationID: w.ShareInvitationID, Tags: w.Tags, Applications: w.Applications, Profiles: profiles(w.Profiles),
		PrioritizedRiskCounts: risks(w.PrioritizedRiskCounts)}
	if d := w.DiscoveryConfig; d != nil {
		out.DiscoveryConfig = &discoveryConfig{d.TrustedAdvisorIntegrationStatus, d.WorkloadResourceDefinition}
	}
	if j := w.JiraConfiguration; j != nil {
		out.JiraConfiguration = &workloadJiraOut{j.IssueManagementStatus, j.IssueManagementType, j.JiraProjectKey}
	}
	if len(out.Tags) == 0 {
		out.Tags = nil
	}
	return out
}

type workloadIDIn struct {
	WorkloadID string `uri:"WorkloadId" v:"req,pat=id"`
}

type workloadOut struct {
	Workload *workload `json:"Workload"`
}

func (a *API) getWorkload(ctx context.Context, in *workloadIDIn) (*workloadOut, error) {
	w, err := a.opt.Workloads.GetWorkload(ctx, in.WorkloadID, 0)
	if err != nil {
		return nil, err
	}
	return &workloadOut{toWorkload(w)}, nil
}

type updateWorkloadIn struct {
	WorkloadID                      string           `uri:"WorkloadId" v:"req,pat=id"`
	WorkloadName                    *string          `json:"WorkloadName" v:"len=3:100"`
	Description                     *string          `json:"Description" v:"len=3:250"`
	Environment                     *string          `json:"Environment" v:"enum=PRODUCTION|PREPRODUCTION"`
	AccountIDs                      *[]string        `json:"AccountIds" v:"len=:100,*pat=account"`
	AWSRegions                      *[]string        `json:"AwsRegions" v:"len=:50,*len=:100"`
	NonAWSRegions                   *[]string        `json:"NonAwsRegions" v:"len=:5,*len=3:25"`
	PillarPriorities                *[]string        `json:"PillarPriorities" v:"*len=1:64"`
	ArchitecturalDesign             *string          `json:"ArchitecturalDesign" v:"len=:2048,pat=design"`
	ReviewOwner                     *string          `json:"ReviewOwner" v:"len=3:255"`
	IsReviewOwnerUpdateAcknowledged *bool            `json:"IsReviewOwnerUpdateAcknowledged"`
	IndustryType                    *string          `json:"IndustryType" v:"len=:100"`
	Industry                        *string          `json:"Industry" v:"len=:100"`
	Notes                           *string          `json:"Notes" v:"len=:2084"`
	ImprovementStatus               *string          `json:"ImprovementStatus" v:"enum=NOT_APPLICABLE|NOT_STARTED|IN_PROGRESS|COMPLETE|RISK_ACKNOWLEDGED"`
	DiscoveryConfig                 *discoveryConfig `json:"DiscoveryConfig"`
	Applications                    *[]string        `json:"Applications" v:"len=:1,*len=:2084,*pat=appArn"`
	JiraConfiguration               *workloadJiraIn  `json:"JiraConfiguration"`
}

func (a *API) updateWorkload(ctx context.Context, in *updateWorkloadIn) (*workloadOut, error) {
	w, err := a.opt.Workloads.UpdateWorkload(ctx, in.WorkloadID, wellops.WorkloadUpdate{
		Name: in.WorkloadName, Description: in.Description, Environment: in.Environment, AccountIDs: in.AccountIDs,
		AWSRegions: in.AWSRegions, NonAWSRegions: in.NonAWSRegions, PillarPriorities: in.PillarPriorities,
		ArchitecturalDesign: in.ArchitecturalDesign, ReviewOwner: in.ReviewOwner,
		IsReviewOwnerUpdateAcknowledged: in.IsReviewOwnerUpdateAcknowledged, IndustryType: in.IndustryType,
		Industry: in.Industry, Notes: in.Notes, ImprovementStatus: in.ImprovementStatus, Applications: in.Applications,
		DiscoveryConfig: in.DiscoveryConfig.domain(), JiraConfiguration: in.JiraConfiguration.domain(),
	})
	if err != nil {
		return nil, err
	}
	return &workloadOut{toWorkload(w)}, nil
}

type deleteWorkloadIn struct {
	WorkloadID         string `uri:"WorkloadId" v:"req,pat=id"`
	ClientRequestToken string `query:"ClientRequestToken" v:"req,len=1:2048"`
}

func (a *API) deleteWorkload(ctx context.Context, in *deleteWorkloadIn) (*noBody, error) {
	return nil, a.opt.Workloads.DeleteWorkload(ctx, in.WorkloadID)
}

type listWorkloadsIn struct {
	WorkloadNamePrefix string `json:"WorkloadNamePrefix" v:"len=:100"`
	NextToken          string `json:"NextToken"`
	MaxResults         *int   `json:"MaxResults" v:"range=1:50"`
}

type workloadSummary struct {
	WorkloadID            string            `json:"WorkloadId"`
	WorkloadArn           string            `json:"WorkloadArn"`
	WorkloadName          string            `json:"WorkloadName"`
	Owner                 string            `json:"Owner,omitempty"`
	UpdatedAt             *epoch            `json:"UpdatedAt,omitempty"`
	Lenses                []string          `json:"Lenses,omitempty"`
	RiskCounts            map[string]int    `json:"RiskCounts,omitempty"`
	ImprovementStatus     string            `json:"ImprovementStatus,omitempty"`
	Profiles              []workloadProfile `json:"Profiles,omitempty"`
	PrioritizedRiskCounts map[string]int    `json:"PrioritizedRiskCounts,omitempty"`
}

func toWorkloadSummary(w *wellops.WorkloadSummary) workloadSummary {
	return workloadSummary{WorkloadID: w.ID, WorkloadArn: w.ARN, WorkloadName: w.Name, Owner: w.Owner,
		UpdatedAt: ts(w.UpdatedAt), Lenses: w.Lenses, RiskCounts: w.RiskCounts.Map(), ImprovementStatus: w.ImprovementStatus,
		Profiles: profiles(w.Profiles), PrioritizedRiskCounts: risks(w.PrioritizedRiskCounts)}
}

type listWorkloadsOut struct {
	WorkloadSummaries []workloadSummary `json:"WorkloadSummaries"`
	NextToken         string            `json:"NextToken,omitempty"`
}

func (a *API) listWorkloads(ctx context.Context, in *listWorkloadsIn) (*listWorkloadsOut, error) {
	ws, next, err := a.opt.Workloads.ListWorkloads(ctx, wellops.WorkloadQuery{NamePrefix: in.WorkloadNamePrefix,
		Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	out := &listWorkloadsOut{WorkloadSummaries: []workloadSummary{}, NextToken: next}
	for i := range ws {
		out.WorkloadSummaries = append(out.WorkloadSummaries, toWorkloadSummary(&ws[i]))
	}
	return out, nil
}

// page is the store's page for a request's NextToken (already unsealed) and MaxResults.
func page(token string, max *int) wellops.Page {
	p := wellops.Page{Token: token}
	if max != nil {
		p.Limit = *max
	}
	return p
}

type lensAliasesIn struct {
	WorkloadID  string   `uri:"WorkloadId" v:"req,pat=id"`
	LensAliases []string `json:"LensAliases" v:"req,len=1:,*len=1:128"`
}

func (a *API) associateLenses(ctx context.Context, in *lensAliasesIn) (*noBody, error) {
	return nil, a.opt.Workloads.AssociateLenses(ctx, in.WorkloadID, in.LensAliases)
}

func (a *API) disassociateLenses(ctx context.Context, in *lensAliasesIn) (*noBody, error) {
	return nil, a.opt.Workloads.DisassociateLenses(ctx, in.WorkloadID, in.LensAliases)
}

type profileArnsIn struct {
	WorkloadID  string   `uri:"WorkloadId" v:"req,pat=id"`
	ProfileArns []string `json:"ProfileArns" v:"req,len=1:,*len=:2084,*pat=profileArn"`
}

func (a *API) associateProfiles(ctx context.Context, in *profileArnsIn) (*noBody, error) {
	return nil, a.opt.Workloads.AssociateProfiles(ctx, in.WorkloadID, in.ProfileArns)
}

func (a *API) disassociateProfiles(ctx context.Context, in *profileArnsIn) (*noBody, error) {
	return nil, a.opt.Workloads.DisassociateProfiles(ctx, in.WorkloadID, in.ProfileArns)
}

type createMilestoneIn struct {
	WorkloadID         string `uri:"WorkloadId" v:"req,pat=id"`
	MilestoneName      string `json:"MilestoneName" v:"req,len=3:100"`
	ClientRequestToken string `json:"ClientRequestToken" v:"req,len=1:2048"`
}

type createMilestoneOut struct {
	WorkloadID      string `json:"WorkloadId"`
	MilestoneNumber int    `json:"MilestoneNumber"`
}

func (a *API) createMilestone(ctx context.Context, in *createMilestoneIn) (*createMilestoneOut, error) {
	n, err := a.opt.Milestones.CreateMilestone(ctx, in.WorkloadID, in.MilestoneName)
	if err != nil {
		return nil, err
	}
	return &createMilestoneOut{in.WorkloadID, n}, nil
}

type getMilestoneIn struct {
	WorkloadID      string `uri:"WorkloadId" v:"req,pat=id"`
	MilestoneNumber int    `uri:"MilestoneNumber" v:"req,range=1:100"`
}

type milestone struct {
	MilestoneNumber int       `json:"MilestoneNumber"`
	MilestoneName   string    `json:"MilestoneName"`
	RecordedAt      *epoch    `json:"RecordedAt,omitempty"`
	Workload        *workload `json:"Workload"`
}

type getMilestoneOut struct {
	WorkloadID string    `json:"WorkloadId"`
	Milestone  milestone `json:"Milestone"`
}

func (a *API) getMilestone(ctx context.Context, in *getMilestoneIn) (*getMilestoneOut, error) {
	m, err := a.opt.Milestones.GetMilestone(ctx, in.WorkloadID, in.MilestoneNumber)
	if err != nil {
		return nil, err
	}
	return &getMilestoneOut{in.WorkloadID, milestone{m.Number, m.Name, ts(m.RecordedAt), toWorkload(&m.Workload)}}, nil
}

type listMilestonesIn struct {
	WorkloadID string `uri:"WorkloadId" v:"req,pat=id"`
	NextToken  string `json:"NextToken"`
	MaxResults *int   `json:"MaxResults" v:"range=1:50"`
}

type milestoneSummary struct {
	MilestoneNumber int             `json:"MilestoneNumber"`
	MilestoneName   string          `json:"MilestoneName"`
	RecordedAt      *epoch          `json:"RecordedAt,omitempty"`
	WorkloadSummary workloadSummary `json:"WorkloadSummary"`
}

type listMilestonesOut struct {
	WorkloadID         string             `json:"WorkloadId"`
	MilestoneSummaries []milestoneSummary `json:"MilestoneSummaries"`
	NextToken          string             `json:"NextToken,omitempty"`
}

func (a *API) listMilestones(ctx context.Context, in *listMilestonesIn) (*listMilestonesOut, error) {
	ms, next, err := a.opt.Milestones.ListMilestones(ctx, in.WorkloadID, page(in.NextToken, in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &listMilestonesOut{WorkloadID: in.WorkloadID, MilestoneSummaries: []milestoneSummary{}, NextToken: next}
	for i := range ms {
		m := &ms[i]
		out.MilestoneSummaries = append(out.MilestoneSummaries, milestoneSummary{m.Number, m.Name, ts(m.RecordedAt), toWorkloadSummary(&m.Workload)})
	}
	return out, nil
}
