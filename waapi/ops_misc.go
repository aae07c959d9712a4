package waapi

import (
	"context"
	"errors"
	"strconv"

	"github.com/wellops/wellops"
)

// Tags, global settings, the Jira integration and the Trusted Advisor checks:
// TagResource, UntagResource, ListTagsForResource, GetGlobalSettings, UpdateGlobalSettings,
// UpdateIntegration, ListCheckDetails, ListCheckSummaries.

type tagResourceIn struct {
	WorkloadArn string            `uri:"WorkloadArn" v:"req"`
	Tags        map[string]string `json:"Tags" v:"req,len=1:50,key.len=1:128,*len=:256"`
}

type emptyOut struct{}

func (a *API) tagResource(ctx context.Context, in *tagResourceIn) (*emptyOut, error) {
	return &emptyOut{}, a.opt.Tags.TagResource(ctx, in.WorkloadArn, in.Tags)
}

type untagResourceIn struct {
	WorkloadArn string   `uri:"WorkloadArn" v:"req"`
	TagKeys     []string `query:"tagKeys" v:"req,len=1:50,*len=1:128"`
}

func (a *API) untagResource(ctx context.Context, in *untagResourceIn) (*emptyOut, error) {
	return &emptyOut{}, a.opt.Tags.UntagResource(ctx, in.WorkloadArn, in.TagKeys)
}

type listTagsIn struct {
	WorkloadArn string `uri:"WorkloadArn" v:"req"`
}

type listTagsOut struct {
	Tags map[string]string `json:"Tags"`
}

func (a *API) listTags(ctx context.Context, in *listTagsIn) (*listTagsOut, error) {
	tags, err := a.opt.Tags.ListTags(ctx, in.WorkloadArn)
	if err != nil {
		return nil, err
	}
	if tags == nil {
		tags = map[string]string{}
	}
	return &listTagsOut{tags}, nil
}

type accountJira struct {
	IntegrationStatus     string `json:"IntegrationStatus,omitempty"`
	IssueManagementStatus string `json:"IssueManagementStatus,omitempty"`
	IssueManagementType   string `json:"IssueManagementType,omitempty"`
	Subdomain             string `json:"Subdomain,omitempty"`
	JiraProjectKey        string `json:"JiraProjectKey,omitempty"`
	StatusMessage         string `json:"StatusMessage,omitempty"`
}

type globalSettingsOut struct {
	OrganizationSharingStatus  string       `json:"OrganizationSharingStatus,omitempty"`
	DiscoveryIntegrationStatus string       `json:"DiscoveryIntegrationStatus,omitempty"`
	JiraConfiguration          *accountJira `json:"JiraConfiguration,omitempty"`
}

func (a *API) getGlobalSettings(ctx context.Context, _ *noInput) (*globalSettingsOut, error) {
	s, err := a.opt.Settings.GetSettings(ctx)
	if err != nil {
		return nil, err
	}
	j := s.Jira
	return &globalSettingsOut{s.OrganizationSharingStatus, s.DiscoveryIntegrationStatus, &accountJira{j.IntegrationStatus,
		j.IssueManagementStatus, j.IssueManagementType, j.Subdomain, j.JiraProjectKey, j.StatusMessage}}, nil
}

type accountJiraIn struct {
	IssueManagementStatus string `json:"IssueManagementStatus" v:"enum=ENABLED|DISABLED"`
	IssueManagementType   string `json:"IssueManagementType" v:"enum=AUTO|MANUAL"`
	JiraProjectKey        string `json:"JiraProjectKey" v:"len=1:100,pat=jiraKey"`
	IntegrationStatus     string `json:"IntegrationStatus" v:"enum=NOT_CONFIGURED"`
}

type updateGlobalSettingsIn struct {
	OrganizationSharingStatus  string         `json:"OrganizationSharingStatus" v:"enum=ENABLED|DISABLED"`
	DiscoveryIntegrationStatus string         `json:"DiscoveryIntegrationStatus" v:"enum=ENABLED|DISABLED"`
	JiraConfiguration          *accountJiraIn `json:"JiraConfiguration"`
}

func (a *API) updateGlobalSettings(ctx context.Context, in *updateGlobalSettingsIn) (*noBody, error) {
	u := wellops.SettingsUpdate{OrganizationSharingStatus: in.OrganizationSharingStatus, DiscoveryIntegrationStatus: in.DiscoveryIntegrationStatus}
	if j := in.JiraConfiguration; j != nil {
		u.Jira = &wellops.AccountJira{IntegrationStatus: j.IntegrationStatus, IssueManagementStatus: j.IssueManagementStatus,
			IssueManagementType: j.IssueManagementType, JiraProjectKey: j.JiraProjectKey}
	}
	return nil, a.opt.Settings.UpdateSettings(ctx, u)
}

type updateIntegrationIn struct {
	WorkloadID         string `uri:"WorkloadId" v:"req,pat=id"`
	ClientRequestToken string `json:"ClientRequestToken" v:"req,len=1:2048"`
	IntegratingService string `json:"IntegratingService" v:"req,enum=JIRA"`
}

// updateIntegration would sync the workload with Jira. wellops keeps Jira settings but never
// connects to Jira, so after the usual access check the answer says so plainly.
func (a *API) updateIntegration(ctx context.Context, in *updateIntegrationIn) (*noBody, error) {
	w, err := a.opt.Workloads.GetWorkload(ctx, in.WorkloadID, 0)
	if err != nil {
		return nil, err
	}
	if !w.Permission.CanWrite() {
		return nil, wellops.Errorf(wellops.EFORBIDDEN, "workload %s is shared with you read-only", w.ID)
	}
	return nil, &wellops.Error{Code: wellops.EINVALID,
		Message: "Jira is not configured for account " + w.Owner + ": wellops stores Jira settings but does not connect to Jira",
		Fields:  []wellops.FieldError{{Name: "IntegratingService", Message: "JIRA is not configured for this account"}}}
}

type checksIn struct {
	WorkloadID string `uri:"WorkloadId" v:"req,pat=id"`
	NextToken  string `json:"NextToken"`
	MaxResults *int   `json:"MaxResults" v:"range=1:50"`
	LensArn    string `json:"LensArn" v:"req"`
	PillarID   string `json:"PillarId" v:"req,len=1:64"`
	QuestionID string `json:"QuestionId" v:"req,len=1:128"`
	ChoiceID   string `json:"ChoiceId" v:"req,len=1:64"`
}

// check is one "check" for a choice: what wellops scan found for the best practice. Both
// CheckDetail and CheckSummary are built from it.
type check struct {
	ID, Name, Description, Status string
	Flagged                       int
	UpdatedAt                     *epoch
}

// checks returns the scanner's evidence for the requested choice of the built-in lens; the
// model's only provider is TRUSTED_ADVISOR, so that is the provider named, with the name and
// description saying the check is wellops scan's. A workload never scanned has none.
func (a *API) checks(ctx context.Context, in *checksIn) ([]check, string, error) {
	w, err := a.opt.Workloads.GetWorkload(ctx, in.WorkloadID, 0)
	if err != nil {
		return nil, "", err
	}
	scan, err := a.opt.Evidence.GetEvidence(ctx, in.WorkloadID)
	var we *wellops.Error
	if errors.As(err, &we) && we.Code == wellops.ENOTFOUND && we.ResourceType != wellops.ResWorkload {
		return nil, w.Owner, nil // never scanned
	}
	if err != nil {
		return nil, "", err
	}
	if !isBuiltin(in.LensArn) {
		return nil, w.Owner, nil // the scanner maps evidence to the built-in lens only
	}
	var out []check
	for _, pe := range scan.Practices {
		if pe.QuestionID != in.QuestionID || pe.ChoiceID != in.ChoiceID {
			continue
		}
		status := map[string]string{wellops.EvidenceFound: "OKAY", wellops.EvidencePartial: "WARNING",
			wellops.EvidenceNotFound: "ERROR"}[pe.Status]
		if status == "" {
			status = "NOT_AVAILABLE"
		}
		desc := pe.Summary
		if desc == "" {
			desc = "Evidence for " + pe.BestPracticeID
		}
		out = append(out, check{ID: "wellops-scan/" + pe.BestPracticeID, Name: "wellops scan: " + pe.BestPracticeID,
			Description: desc + " (found by wellops scan in " + scan.Root + ")", Status: status,
			Flagged: min(len(pe.Items), 9999), UpdatedAt: ts(scan.ScannedAt)})
	}
	return out, w.Owner, nil
}

type checkDetail struct {
	ID               string `json:"Id"`
	Name             string `json:"Name"`
	Description      string `json:"Description"`
	Provider         string `json:"Provider"`
	LensArn          string `json:"LensArn"`
	PillarID         string `json:"PillarId"`
	QuestionID       string `json:"QuestionId"`
	ChoiceID         string `json:"ChoiceId"`
	Status           string `json:"Status"`
	AccountID        string `json:"AccountId"`
	FlaggedResources int    `json:"FlaggedResources,omitempty"`
	UpdatedAt        *epoch `json:"UpdatedAt,omitempty"`
}

type checkDetailsOut struct {
	CheckDetails []checkDetail `json:"CheckDetails"`
	NextToken    string        `json:"NextToken,omitempty"`
}

func (a *API) listCheckDetails(ctx context.Context, in *checksIn) (*checkDetailsOut, error) {
	cs, account, err := a.checks(ctx, in)
	if err != nil {
		return nil, err
	}
	cs, next, err := pageOf(cs, in.NextToken, in.MaxResults)
	if err != nil {
		return nil, err
	}
	out := &checkDetailsOut{CheckDetails: []checkDetail{}, NextToken: next}
	for _, c := range cs {
		out.CheckDetails = append(out.CheckDetails, checkDetail{c.ID, c.Name, c.Description, "TRUSTED_ADVISOR", in.LensArn,
			in.PillarID, in.QuestionID, in.ChoiceID, c.Status, account, c.Flagged, c.UpdatedAt})
	}
	return out, nil
}

type checkSummary struct {
	ID             string         `json:"Id"`
	Name           string         `json:"Name"`
	Provider       string         `json:"Provider"`
	Description    string         `json:"Description"`
	UpdatedAt      *epoch         `json:"UpdatedAt,omitempty"`
	LensArn        string         `json:"LensArn"`
	PillarID       string         `json:"PillarId"`
	QuestionID     string         `json:"QuestionId"`
	ChoiceID       string         `json:"ChoiceId"`
	Status         string         `json:"Status"`
	AccountSummary map[string]int `json:"AccountSummary"`
}

type checkSummariesOut struct {
	CheckSummaries []checkSummary `json:"CheckSummaries"`
	NextToken      string         `json:"NextToken,omitempty"`
}

func (a *API) listCheckSummaries(ctx context.Context, in *checksIn) (*checkSummariesOut, error) {
	cs, _, err := a.checks(ctx, in)
	if err != nil {
		return nil, err
	}
	cs, next, err := pageOf(cs, in.NextToken, in.MaxResults)
	if err != nil {
		return nil, err
	}
	out := &checkSummariesOut{CheckSummaries: []checkSummary{}, NextToken: next}
	for _, c := range cs {
		out.CheckSummaries = append(out.CheckSummaries, checkSummary{c.ID, c.Name, "TRUSTED_ADVISOR", c.Description, c.UpdatedAt,
			in.LensArn, in.PillarID, in.QuestionID, in.ChoiceID, c.Status, map[string]int{c.Status: 1}})
	}
	return out, nil
}

// pageOf pages a list built here rather than in the store; the cursor is an offset, sealed
// like the store's.
func pageOf[T any](items []T, token string, max *int) ([]T, string, error) {
	limit := 50
	if max != nil {
		limit = *max
	}
	offset := 0
	if token != "" {
		n, err := strconv.Atoi(token)
		if err != nil || n < 0 {
			return nil, "", wellops.Errorf(wellops.EINVALID, "invalid NextToken")
		}
		offset = n
	}
	if offset >= len(items) {
		return nil, "", nil
	}
	end := min(offset+limit, len(items))
	next := ""
	if end < len(items) {
		next = strconv.Itoa(end)
	}
	return items[offset:end], next, nil
}
