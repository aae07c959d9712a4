package waapi

import (
	"context"

	"github.com/wellops/wellops"
)

// Shares and invitations: Create/Update/Delete/ListWorkloadShares, Create/Delete/List of lens,
// profile and template shares, ListShareInvitations, UpdateShareInvitation. The four resource
// types differ only in how the resource is named and what the outputs echo, so the store's
// one ShareService serves them all.

type shareSummary struct {
	ShareID        string `json:"ShareId"`
	SharedWith     string `json:"SharedWith"`
	PermissionType string `json:"PermissionType,omitempty"`
	Status         string `json:"Status"`
	StatusMessage  string `json:"StatusMessage,omitempty"`
}

func shareSummaries(shs []wellops.Share) []shareSummary {
	out := []shareSummary{}
	for _, s := range shs {
		out = append(out, shareSummary{s.ID, s.SharedWith, string(s.Permission), s.Status, s.StatusMessage})
	}
	return out
}

// Workload shares.

type createWorkloadShareIn struct {
	WorkloadID         string `uri:"WorkloadId" v:"req,pat=id"`
	SharedWith         string `json:"SharedWith" v:"req,len=12:2048"`
	PermissionType     string `json:"PermissionType" v:"req,enum=READONLY|CONTRIBUTOR"`
	ClientRequestToken string `json:"ClientRequestToken" v:"req,len=1:2048"`
}

type createWorkloadShareOut struct {
	WorkloadID string `json:"WorkloadId"`
	ShareID    string `json:"ShareId"`
}

func (a *API) createWorkloadShare(ctx context.Context, in *createWorkloadShareIn) (*createWorkloadShareOut, error) {
	s, err := a.opt.Shares.CreateShare(ctx, wellops.ResWorkload, in.WorkloadID, in.SharedWith, wellops.Permission(in.PermissionType))
	if err != nil {
		return nil, err
	}
	return &createWorkloadShareOut{in.WorkloadID, s.ID}, nil
}

type updateWorkloadShareIn struct {
	ShareID        string `uri:"ShareId" v:"req,pat=id"`
	WorkloadID     string `uri:"WorkloadId" v:"req,pat=id"`
	PermissionType string `json:"PermissionType" v:"req,enum=READONLY|CONTRIBUTOR"`
}

type workloadShare struct {
	ShareID        string `json:"ShareId"`
	SharedBy       string `json:"SharedBy,omitempty"`
	SharedWith     string `json:"SharedWith"`
	PermissionType string `json:"PermissionType"`
	Status         string `json:"Status"`
	WorkloadName   string `json:"WorkloadName,omitempty"`
	WorkloadID     string `json:"WorkloadId"`
}

type updateWorkloadShareOut struct {
	WorkloadID    string        `json:"WorkloadId"`
	WorkloadShare workloadShare `json:"WorkloadShare"`
}

func (a *API) updateWorkloadShare(ctx context.Context, in *updateWorkloadShareIn) (*updateWorkloadShareOut, error) {
	s, err := a.opt.Shares.UpdateWorkloadShare(ctx, in.WorkloadID, in.ShareID, wellops.Permission(in.PermissionType))
	if err != nil {
		return nil, err
	}
	return &updateWorkloadShareOut{in.WorkloadID, workloadShare{s.ID, s.SharedBy, s.SharedWith, string(s.Permission),
		s.Status, s.ResourceName, in.WorkloadID}}, nil
}

type deleteWorkloadShareIn struct {
	ShareID            string `uri:"ShareId" v:"req,pat=id"`
	WorkloadID         string `uri:"WorkloadId" v:"req,pat=id"`
	ClientRequestToken string `query:"ClientRequestToken" v:"req,len=1:2048"`
}

func (a *API) deleteWorkloadShare(ctx context.Context, in *deleteWorkloadShareIn) (*noBody, error) {
	return nil, a.opt.Shares.DeleteShare(ctx, wellops.ResWorkload, in.WorkloadID, in.ShareID)
}

type listWorkloadSharesIn struct {
	WorkloadID       string `uri:"WorkloadId" v:"req,pat=id"`
	SharedWithPrefix string `query:"SharedWithPrefix" v:"len=:100"`
	NextToken        string `query:"NextToken"`
	MaxResults       *int   `query:"MaxResults" v:"range=1:50"`
	Status           string `query:"Status" v:"enum=ACCEPTED|REJECTED|PENDING|REVOKED|EXPIRED|ASSOCIATING|ASSOCIATED|FAILED"`
}

type listWorkloadSharesOut struct {
	WorkloadID             string         `json:"WorkloadId"`
	WorkloadShareSummaries []shareSummary `json:"WorkloadShareSummaries"`
	NextToken              string         `json:"NextToken,omitempty"`
}

func (a *API) listWorkloadShares(ctx context.Context, in *listWorkloadSharesIn) (*listWorkloadSharesOut, error) {
	shs, next, err := a.opt.Shares.ListShares(ctx, wellops.ResWorkload, in.WorkloadID, wellops.ShareQuery{
		SharedWithPrefix: in.SharedWithPrefix, Status: in.Status, Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	return &listWorkloadSharesOut{in.WorkloadID, shareSummaries(shs), next}, nil
}

// Lens shares.

type createLensShareIn struct {
	LensAlias          string `uri:"LensAlias" v:"req,len=1:128"`
	SharedWith         string `json:"SharedWith" v:"req,len=12:2048"`
	ClientRequestToken string `json:"ClientRequestToken" v:"req,len=1:2048"`
}

type shareIDOut struct {
	ShareID string `json:"ShareId"`
}

func (a *API) createLensShare(ctx context.Context, in *createLensShareIn) (*shareIDOut, error) {
	s, err := a.opt.Shares.CreateShare(ctx, wellops.ResLens, in.LensAlias, in.SharedWith, "")
	if err != nil {
		return nil, err
	}
	return &shareIDOut{s.ID}, nil
}

type deleteLensShareIn struct {
	ShareID            string `uri:"ShareId" v:"req,pat=id"`
	LensAlias          string `uri:"LensAlias" v:"req,len=1:128"`
	ClientRequestToken string `query:"ClientRequestToken" v:"req,len=1:2048"`
}

func (a *API) deleteLensShare(ctx context.Context, in *deleteLensShareIn) (*noBody, error) {
	return nil, a.opt.Shares.DeleteShare(ctx, wellops.ResLens, in.LensAlias, in.ShareID)
}

type listLensSharesIn struct {
	LensAlias        string `uri:"LensAlias" v:"req,len=1:128"`
	SharedWithPrefix string `query:"SharedWithPrefix" v:"len=:100"`
	NextToken        string `query:"NextToken"`
	MaxResults       *int   `query:"MaxResults" v:"range=1:50"`
	Status           string `query:"Status" v:"enum=ACCEPTED|REJECTED|PENDING|REVOKED|EXPIRED|ASSOCIATING|ASSOCIATED|FAILED"`
}

type listLensSharesOut struct {
	LensShareSummaries []shareSummary `json:"LensShareSummaries"`
	NextToken          string         `json:"NextToken,omitempty"`
}

func (a *API) listLensShares(ctx context.Context, in *listLensSharesIn) (*listLensSharesOut, error) {
	shs, next, err := a.opt.Shares.ListShares(ctx, wellops.ResLens, in.LensAlias, wellops.ShareQuery{
		SharedWithPrefix: in.SharedWithPrefix, Status: in.Status, Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	return &listLensSharesOut{shareSummaries(shs), next}, nil
}

// Profile shares.

type createProfileShareIn struct {
	ProfileArn         string `uri:"ProfileArn" v:"req,len=:2084,pat=profileArn"`
	SharedWith         string `json:"SharedWith" v:"req,len=12:2048"`
	ClientRequestToken string `json:"ClientRequestToken" v:"req,len=1:2048"`
}

type createProfileShareOut struct {
	ShareID    string `json:"ShareId"`
	ProfileArn string `json:"ProfileArn"`
}

func (a *API) createProfileShare(ctx context.Context, in *createProfileShareIn) (*createProfileShareOut, error) {
	s, err := a.opt.Shares.CreateShare(ctx, wellops.ResProfile, in.ProfileArn, in.SharedWith, "")
	if err != nil {
		return nil, err
	}
	return &createProfileShareOut{s.ID, in.ProfileArn}, nil
}

type deleteProfileShareIn struct {
	ShareID            string `uri:"ShareId" v:"req,pat=id"`
	ProfileArn         string `uri:"ProfileArn" v:"req,len=:2084,pat=profileArn"`
	ClientRequestToken string `query:"ClientRequestToken" v:"req,len=1:2048"`
}

func (a *API) deleteProfileShare(ctx context.Context, in *deleteProfileShareIn) (*noBody, error) {
	return nil, a.opt.Shares.DeleteShare(ctx, wellops.ResProfile, in.ProfileArn, in.ShareID)
}

type listProfileSharesIn struct {
	ProfileArn       string `uri:"ProfileArn" v:"req,len=:2084,pat=profileArn"`
	SharedWithPrefix string `query:"SharedWithPrefix" v:"len=:100"`
	NextToken        string `query:"NextToken"`
	MaxResults       *int   `query:"MaxResults" v:"range=1:50"`
	Status           string `query:"Status" v:"enum=ACCEPTED|REJECTED|PENDING|REVOKED|EXPIRED|ASSOCIATING|ASSOCIATED|FAILED"`
}

type listProfileSharesOut struct {
	ProfileShareSummaries []shareSummary `json:"ProfileShareSummaries"`
	NextToken             string         `json:"NextToken,omitempty"`
}

func (a *API) listProfileShares(ctx context.Context, in *listProfileSharesIn) (*listProfileSharesOut, error) {
	shs, next, err := a.opt.Shares.ListShares(ctx, wellops.ResProfile, in.ProfileArn, wellops.ShareQuery{
		SharedWithPrefix: in.SharedWithPrefix, Status: in.Status, Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	return &listProfileSharesOut{shareSummaries(shs), next}, nil
}

// Review template shares.

type createTemplateShareIn struct {
	TemplateArn        string `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
	SharedWith         string `json:"SharedWith" v:"req,len=12:2048"`
	ClientRequestToken string `json:"ClientRequestToken" v:"req,len=1:2048"`
}

type createTemplateShareOut struct {
	TemplateArn string `json:"TemplateArn"`
	ShareID     string `json:"ShareId"`
}

func (a *API) createTemplateShare(ctx context.Context, in *createTemplateShareIn) (*createTemplateShareOut, error) {
	s, err := a.opt.Shares.CreateShare(ctx, wellops.ResTemplate, in.TemplateArn, in.SharedWith, "")
	if err != nil {
		return nil, err
	}
	return &createTemplateShareOut{in.TemplateArn, s.ID}, nil
}

type deleteTemplateShareIn struct {
	ShareID            string `uri:"ShareId" v:"req,pat=id"`
	TemplateArn        string `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
	ClientRequestToken string `query:"ClientRequestToken" v:"req,len=1:2048"`
}

func (a *API) deleteTemplateShare(ctx context.Context, in *deleteTemplateShareIn) (*noBody, error) {
	return nil, a.opt.Shares.DeleteShare(ctx, wellops.ResTemplate, in.TemplateArn, in.ShareID)
}

type listTemplateSharesIn struct {
	TemplateArn      string `uri:"TemplateArn" v:"req,len=50:250,pat=templateArn"`
	SharedWithPrefix string `query:"SharedWithPrefix" v:"len=:100"`
	NextToken        string `query:"NextToken"`
	MaxResults       *int   `query:"MaxResults" v:"range=1:50"`
	Status           string `query:"Status" v:"enum=ACCEPTED|REJECTED|PENDING|REVOKED|EXPIRED|ASSOCIATING|ASSOCIATED|FAILED"`
}

type listTemplateSharesOut struct {
	TemplateArn            string         `json:"TemplateArn"`
	TemplateShareSummaries []shareSummary `json:"TemplateShareSummaries"`
	NextToken              string         `json:"NextToken,omitempty"`
}

func (a *API) listTemplateShares(ctx context.Context, in *listTemplateSharesIn) (*listTemplateSharesOut, error) {
	shs, next, err := a.opt.Shares.ListShares(ctx, wellops.ResTemplate, in.TemplateArn, wellops.ShareQuery{
		SharedWithPrefix: in.SharedWithPrefix, Status: in.Status, Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	return &listTemplateSharesOut{in.TemplateArn, shareSummaries(shs), next}, nil
}

// Invitations.

type listShareInvitationsIn struct {
	WorkloadNamePrefix string `query:"WorkloadNamePrefix" v:"len=:100"`
	LensNamePrefix     string `query:"LensNamePrefix" v:"len=:100"`
	ShareResourceType  string `query:"ShareResourceType" v:"enum=WORKLOAD|LENS|PROFILE|TEMPLATE"`
	NextToken          string `query:"NextToken"`
	MaxResults         *int   `query:"MaxResults" v:"range=1:50"`
	ProfileNamePrefix  string `query:"ProfileNamePrefix" v:"len=:100"`
	TemplateNamePrefix string `query:"TemplateNamePrefix" v:"len=:100,pat=templateText"`
}

type shareInvitationSummary struct {
	ShareInvitationID string `json:"ShareInvitationId"`
	SharedBy          string `json:"SharedBy,omitempty"`
	SharedWith        string `json:"SharedWith,omitempty"`
	PermissionType    string `json:"PermissionType,omitempty"`
	ShareResourceType string `json:"ShareResourceType"`
	WorkloadName      string `json:"WorkloadName,omitempty"`
	WorkloadID        string `json:"WorkloadId,omitempty"`
	LensName          string `json:"LensName,omitempty"`
	LensArn           string `json:"LensArn,omitempty"`
	ProfileName       string `json:"ProfileName,omitempty"`
	ProfileArn        string `json:"ProfileArn,omitempty"`
	TemplateName      string `json:"TemplateName,omitempty"`
	TemplateArn       string `json:"TemplateArn,omitempty"`
}

type listShareInvitationsOut struct {
	ShareInvitationSummaries []shareInvitationSummary `json:"ShareInvitationSummaries"`
	NextToken                string                   `json:"NextToken,omitempty"`
}

// listShareInvitations takes the one name prefix that matches the resource type; the model
// says the four prefixes are mutually exclusive, so more than one is a ValidationException.
func (a *API) listShareInvitations(ctx context.Context, in *listShareInvitationsIn) (*listShareInvitationsOut, error) {
	var p wellops.Problems
	prefix := ""
	for _, c := range []struct{ name, value string }{{"WorkloadNamePrefix", in.WorkloadNamePrefix},
		{"LensNamePrefix", in.LensNamePrefix}, {"ProfileNamePrefix", in.ProfileNamePrefix}, {"TemplateNamePrefix", in.TemplateNamePrefix}} {
		if c.value == "" {
			continue
		}
		if prefix != "" {
			p.Add(c.name, "name prefixes are mutually exclusive: give the one that matches ShareResourceType")
		}
		prefix = c.value
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	shs, next, err := a.opt.Shares.ListShareInvitations(ctx, wellops.InvitationQuery{ResourceType: in.ShareResourceType,
		NamePrefix: prefix, Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	out := &listShareInvitationsOut{ShareInvitationSummaries: []shareInvitationSummary{}, NextToken: next}
	for _, s := range shs {
		sum := shareInvitationSummary{ShareInvitationID: s.ID, SharedBy: s.SharedBy, SharedWith: s.SharedWith,
			PermissionType: string(s.Permission), ShareResourceType: s.ResourceType}
		switch s.ResourceType {
		case wellops.ResWorkload:
			sum.WorkloadID, sum.WorkloadName = s.ResourceID, s.ResourceName
		case wellops.ResLens:
			sum.LensArn, sum.LensName = s.ResourceID, s.ResourceName
		case wellops.ResProfile:
			sum.ProfileArn, sum.ProfileName = s.ResourceID, s.ResourceName
		case wellops.ResTemplate:
			sum.TemplateArn, sum.TemplateName = s.ResourceID, s.ResourceName
		}
		out.ShareInvitationSummaries = append(out.ShareInvitationSummaries, sum)
	}
	return out, nil
}

type updateShareInvitationIn struct {
	ShareInvitationID     string `uri:"ShareInvitationId" v:"req,pat=id"`
	ShareInvitationAction string `json:"ShareInvitationAction" v:"req,enum=ACCEPT|REJECT"`
}

type shareInvitation struct {
	ShareInvitationID string `json:"ShareInvitationId"`
	ShareResourceType string `json:"ShareResourceType"`
	WorkloadID        string `json:"WorkloadId,omitempty"`
	LensAlias         string `json:"LensAlias,omitempty"`
	LensArn           string `json:"LensArn,omitempty"`
	ProfileArn        string `json:"ProfileArn,omitempty"`
	TemplateArn       string `json:"TemplateArn,omitempty"`
}

type updateShareInvitationOut struct {
	ShareInvitation shareInvitation `json:"ShareInvitation"`
}

func (a *API) updateShareInvitation(ctx context.Context, in *updateShareInvitationIn) (*updateShareInvitationOut, error) {
	s, err := a.opt.Shares.UpdateShareInvitation(ctx, in.ShareInvitationID, in.ShareInvitationAction)
	if err != nil {
		return nil, err
	}
	inv := shareInvitation{ShareInvitationID: s.ID, ShareResourceType: s.ResourceType}
	switch s.ResourceType {
	case wellops.ResWorkload:
		inv.WorkloadID = s.ResourceID
	case wellops.ResLens:
		inv.LensArn, inv.LensAlias = s.ResourceID, s.ResourceID
	case wellops.ResProfile:
		inv.ProfileArn = s.ResourceID
	case wellops.ResTemplate:
		inv.TemplateArn = s.ResourceID
	}
	return &updateShareInvitationOut{inv}, nil
}
