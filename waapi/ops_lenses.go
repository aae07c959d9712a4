package waapi

import (
	"context"

	"github.com/wellops/wellops"
)

// The lens catalog and notifications: ListLenses, GetLens, ImportLens, ExportLens,
// CreateLensVersion, DeleteLens, GetLensVersionDifference, ListNotifications,
// ListProfileNotifications.

type listLensesIn struct {
	NextToken  string `query:"NextToken"`
	MaxResults *int   `query:"MaxResults" v:"range=1:50"`
	LensType   string `query:"LensType" v:"enum=AWS_OFFICIAL|CUSTOM_SHARED|CUSTOM_SELF"`
	LensStatus string `query:"LensStatus" v:"enum=ALL|DRAFT|PUBLISHED"`
	LensName   string `query:"LensName" v:"len=1:128"`
}

type lensSummary struct {
	LensArn     string `json:"LensArn"`
	LensAlias   string `json:"LensAlias"`
	LensName    string `json:"LensName"`
	LensType    string `json:"LensType"`
	Description string `json:"Description,omitempty"`
	CreatedAt   *epoch `json:"CreatedAt,omitempty"`
	UpdatedAt   *epoch `json:"UpdatedAt,omitempty"`
	LensVersion string `json:"LensVersion,omitempty"`
	Owner       string `json:"Owner,omitempty"`
	LensStatus  string `json:"LensStatus,omitempty"`
}

type listLensesOut struct {
	LensSummaries []lensSummary `json:"LensSummaries"`
	NextToken     string        `json:"NextToken,omitempty"`
}

func (a *API) listLenses(ctx context.Context, in *listLensesIn) (*listLensesOut, error) {
	ls, next, err := a.opt.Lenses.ListLenses(ctx, wellops.LensQuery{Type: in.LensType, Status: in.LensStatus,
		NamePrefix: in.LensName, Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	out := &listLensesOut{LensSummaries: []lensSummary{}, NextToken: next}
	for _, l := range ls {
		out.LensSummaries = append(out.LensSummaries, lensSummary{l.ARN, l.Alias, l.Name, l.Type, l.Description,
			ts(l.CreatedAt), ts(l.UpdatedAt), l.Version, l.Owner, l.Status})
	}
	return out, nil
}

type lensVersionIn struct {
	LensAlias   string `uri:"LensAlias" v:"req,len=1:128"`
	LensVersion string `query:"LensVersion" v:"len=1:32"`
}

type lensInfo struct {
	LensArn           string            `json:"LensArn"`
	LensVersion       string            `json:"LensVersion,omitempty"`
	Name              string            `json:"Name"`
	Description       string            `json:"Description,omitempty"`
	Owner             string            `json:"Owner,omitempty"`
	ShareInvitationID string            `json:"ShareInvitationId,omitempty"`
	Tags              map[string]string `json:"Tags,omitempty"`
}

type getLensOut struct {
	Lens lensInfo `json:"Lens"`
}

func (a *API) getLens(ctx context.Context, in *lensVersionIn) (*getLensOut, error) {
	l, err := a.opt.Lenses.GetLens(ctx, in.LensAlias, in.LensVersion)
	if err != nil {
		return nil, err
	}
	return &getLensOut{lensInfo{l.ARN, l.Version, l.Name, l.Description, l.Owner, l.ShareInvitationID, l.Tags}}, nil
}

type importLensIn struct {
	LensAlias          string            `json:"LensAlias" v:"len=1:128"`
	JSONString         string            `json:"JSONString" v:"req,len=2:500000"`
	ClientRequestToken string            `json:"ClientRequestToken" v:"req,len=1:2048"`
	Tags               map[string]string `json:"Tags" v:"len=1:50,key.len=1:128,*len=:256"`
}

type importLensOut struct {
	LensArn string `json:"LensArn"`
	Status  string `json:"Status"`
}

// importLens validates and stores the lens at once, so the status is always COMPLETE: a lens
// that does not validate is a ValidationException listing every problem, not an ERROR status
// the client would have to poll for.
func (a *API) importLens(ctx context.Context, in *importLensIn) (*importLensOut, error) {
	arn, err := a.opt.Lenses.ImportLens(ctx, []byte(in.JSONString), in.LensAlias, in.Tags)
	if err != nil {
		return nil, err
	}
	return &importLensOut{arn, wellops.ImportComplete}, nil
}

type exportLensOut struct {
	LensJSON string `json:"LensJSON"`
}

func (a *API) exportLens(ctx context.Context, in *lensVersionIn) (*exportLensOut, error) {
	b, err := a.opt.Lenses.ExportLens(ctx, in.LensAlias, in.LensVersion)
	if err != nil {
		return nil, err
	}
	return &exportLensOut{string(b)}, nil
}

type createLensVersionIn struct {
	LensAlias          string `uri:"LensAlias" v:"req,len=1:128"`
	LensVersion        string `json:"LensVersion" v:"req,len=1:32"`
	IsMajorVersion     bool   `json:"IsMajorVersion"`
	ClientRequestToken string `json:"ClientRequestToken" v:"req,len=1:2048"`
}

type createLensVersionOut struct {
	LensArn     string `json:"LensArn"`
	LensVersion string `json:"LensVersion"`
}

func (a *API) createLensVersion(ctx context.Context, in *createLensVersionIn) (*createLensVersionOut, error) {
	arn, err := a.opt.Lenses.CreateLensVersion(ctx, in.LensAlias, in.LensVersion, in.IsMajorVersion)
	if err != nil {
		return nil, err
	}
	return &createLensVersionOut{arn, in.LensVersion}, nil
}

type deleteLensIn struct {
	LensAlias          string `uri:"LensAlias" v:"req,len=1:128"`
	ClientRequestToken string `query:"ClientRequestToken" v:"req,len=1:2048"`
	LensStatus         string `query:"LensStatus" v:"req,enum=ALL|DRAFT|PUBLISHED"`
}

func (a *API) deleteLens(ctx context.Context, in *deleteLensIn) (*noBody, error) {
	return nil, a.opt.Lenses.DeleteLens(ctx, in.LensAlias, in.LensStatus)
}

type versionDifferenceIn struct {
	LensAlias         string `uri:"LensAlias" v:"req,len=1:128"`
	BaseLensVersion   string `query:"BaseLensVersion" v:"len=1:32"`
	TargetLensVersion string `query:"TargetLensVersion" v:"len=1:32"`
}

type questionDifference struct {
	QuestionID       string `json:"QuestionId"`
	QuestionTitle    string `json:"QuestionTitle,omitempty"`
	DifferenceStatus string `json:"DifferenceStatus"`
}

type pillarDifference struct {
	PillarID            string               `json:"PillarId"`
	PillarName          string               `json:"PillarName,omitempty"`
	DifferenceStatus    string               `json:"DifferenceStatus"`
	QuestionDifferences []questionDifference `json:"QuestionDifferences"`
}

type versionDifferenceOut struct {
	LensAlias          string `json:"LensAlias"`
	LensArn            string `json:"LensArn"`
	BaseLensVersion    string `json:"BaseLensVersion,omitempty"`
	TargetLensVersion  string `json:"TargetLensVersion,omitempty"`
	LatestLensVersion  string `json:"LatestLensVersion,omitempty"`
	VersionDifferences struct {
		PillarDifferences []pillarDifference `json:"PillarDifferences"`
	} `json:"VersionDifferences"`
}

func (a *API) versionDifference(ctx context.Context, in *versionDifferenceIn) (*versionDifferenceOut, error) {
	d, err := a.opt.Lenses.LensVersionDifference(ctx, in.LensAlias, in.BaseLensVersion, in.TargetLensVersion)
	if err != nil {
		return nil, err
	}
	out := &versionDifferenceOut{LensAlias: d.Alias, LensArn: d.ARN, BaseLensVersion: d.Base, TargetLensVersion: d.Target,
		LatestLensVersion: d.Latest}
	out.VersionDifferences.PillarDifferences = []pillarDifference{}
	for _, p := range d.Pillars {
		pd := pillarDifference{p.PillarID, p.PillarName, p.Status, []questionDifference{}}
		for _, q := range p.Questions {
			pd.QuestionDifferences = append(pd.QuestionDifferences, questionDifference{q.QuestionID, q.QuestionTitle, q.Status})
		}
		out.VersionDifferences.PillarDifferences = append(out.VersionDifferences.PillarDifferences, pd)
	}
	return out, nil
}

type listNotificationsIn struct {
	WorkloadID  string `json:"WorkloadId" v:"pat=id"`
	NextToken   string `json:"NextToken"`
	MaxResults  *int   `json:"MaxResults" v:"range=1:50"`
	ResourceArn string `json:"ResourceArn" v:"len=50:250,pat=templateArn"`
}

type lensUpgradeSummary struct {
	WorkloadID         string `json:"WorkloadId,omitempty"`
	WorkloadName       string `json:"WorkloadName,omitempty"`
	LensAlias          string `json:"LensAlias"`
	LensArn            string `json:"LensArn"`
	CurrentLensVersion string `json:"CurrentLensVersion,omitempty"`
	LatestLensVersion  string `json:"LatestLensVersion,omitempty"`
	ResourceArn        string `json:"ResourceArn,omitempty"`
	ResourceName       string `json:"ResourceName,omitempty"`
}

type notificationSummary struct {
	Type               string             `json:"Type"`
	LensUpgradeSummary lensUpgradeSummary `json:"LensUpgradeSummary"`
}

type listNotificationsOut struct {
	NotificationSummaries []notificationSummary `json:"NotificationSummaries"`
	NextToken             string                `json:"NextToken,omitempty"`
}

func (a *API) listNotifications(ctx context.Context, in *listNotificationsIn) (*listNotificationsOut, error) {
	if in.WorkloadID != "" && in.ResourceArn != "" {
		return nil, &wellops.Error{Code: wellops.EINVALID, Message: "give either WorkloadId or ResourceArn, not both",
			Fields: []wellops.FieldError{{Name: "ResourceArn", Message: "must not be given with WorkloadId"}}}
	}
	ns, next, err := a.opt.Lenses.ListNotifications(ctx, wellops.NotificationQuery{WorkloadID: in.WorkloadID,
		ResourceARN: in.ResourceArn, Page: page(in.NextToken, in.MaxResults)})
	if err != nil {
		return nil, err
	}
	out := &listNotificationsOut{NotificationSummaries: []notificationSummary{}, NextToken: next}
	for _, n := range ns {
		alias, arn := a.lensIDs(n.LensAlias)
		if n.LensARN != "" {
			arn = n.LensARN
		}
		out.NotificationSummaries = append(out.NotificationSummaries, notificationSummary{n.Type, lensUpgradeSummary{
			n.WorkloadID, n.WorkloadName, alias, arn, n.CurrentVersion, n.LatestVersion, n.ResourceARN, n.ResourceName}})
	}
	return out, nil
}

type listProfileNotificationsIn struct {
	WorkloadID string `query:"WorkloadId" v:"pat=id"`
	NextToken  string `query:"NextToken"`
	MaxResults *int   `query:"MaxResults" v:"range=1:50"`
}

type profileNotificationSummary struct {
	CurrentProfileVersion string `json:"CurrentProfileVersion,omitempty"`
	LatestProfileVersion  string `json:"LatestProfileVersion,omitempty"`
	Type                  string `json:"Type"`
	ProfileArn            string `json:"ProfileArn"`
	ProfileName           string `json:"ProfileName,omitempty"`
	WorkloadID            string `json:"WorkloadId"`
	WorkloadName          string `json:"WorkloadName,omitempty"`
}

type listProfileNotificationsOut struct {
	NotificationSummaries []profileNotificationSummary `json:"NotificationSummaries"`
	NextToken             string                       `json:"NextToken,omitempty"`
}

func (a *API) listProfileNotifications(ctx context.Context, in *listProfileNotificationsIn) (*listProfileNotificationsOut, error) {
	ns, next, err := a.opt.Lenses.ListProfileNotifications(ctx, in.WorkloadID, page(in.NextToken, in.MaxResults))
	if err != nil {
		return nil, err
	}
	out := &listProfileNotificationsOut{NotificationSummaries: []profileNotificationSummary{}, NextToken: next}
	for _, n := range ns {
		out.NotificationSummaries = append(out.NotificationSummaries, profileNotificationSummary{n.CurrentVersion,
			n.LatestVersion, n.Type, n.ProfileARN, n.ProfileName, n.WorkloadID, n.WorkloadName})
	}
	return out, nil
}
