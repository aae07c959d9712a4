package api

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// importLens imports and publishes a custom lens for c and returns its ARN.
func importLens(t testing.TB, c *wellarchitected.Client, name, version string) string {
	t.Helper()
	arn := aws.ToString(must[*wellarchitected.ImportLensOutput](t)(c.ImportLens(bg, &wellarchitected.ImportLensInput{
		JSONString: aws.String(fmt.Sprintf(lensJSON, name, ""))})).LensArn)
	must[*wellarchitected.CreateLensVersionOutput](t)(c.CreateLensVersion(bg, &wellarchitected.CreateLensVersionInput{
		LensAlias: &arn, LensVersion: aws.String(version), IsMajorVersion: aws.Bool(true)}))
	return arn
}

// Custom lenses and lens upgrades: ImportLens, CreateLensVersion, GetLens, ListLenses,
// ExportLens, GetLensVersionDifference, DeleteLens, Associate/DisassociateLenses,
// ListNotifications, UpgradeLensReview.
func testLenses(t *testing.T, e *env) {
	imp := must[*wellarchitected.ImportLensOutput](t)(e.wa.ImportLens(bg, &wellarchitected.ImportLensInput{
		JSONString: aws.String(fmt.Sprintf(lensJSON, "Release readiness", "")), Tags: map[string]string{"team": "sre"},
		ClientRequestToken: aws.String("import-1")}))
	arn := aws.ToString(imp.LensArn)
	if imp.Status != types.ImportLensStatusComplete || !strings.Contains(arn, ":"+e.owner.AccountID+":lens/") {
		t.Fatalf("ImportLens = %+v", imp)
	}
	_, err := e.wa.ImportLens(bg, &wellarchitected.ImportLensInput{JSONString: aws.String(`{"schemaVersion":"2021-11-01","name":""}`)})
	ve := wantErr[*types.ValidationException](t, err, 400)
	if len(ve.Fields) == 0 {
		t.Errorf("an invalid lens names no problems: %s", aws.ToString(ve.Message))
	}

	drafts := must[*wellarchitected.ListLensesOutput](t)(e.wa.ListLenses(bg, &wellarchitected.ListLensesInput{LensStatus: types.LensStatusTypeDraft}))
	if len(drafts.LensSummaries) != 1 || aws.ToString(drafts.LensSummaries[0].LensArn) != arn {
		t.Fatalf("ListLenses(DRAFT) = %+v", drafts.LensSummaries)
	}

	w := newWorkload(t, e.wa, "custom-lensed")
	_, err = e.wa.AssociateLenses(bg, &wellarchitected.AssociateLensesInput{WorkloadId: &w, LensAliases: []string{arn}})
	wantErr[*types.ValidationException](t, err, 400) // a draft cannot be applied

	v1 := must[*wellarchitected.CreateLensVersionOutput](t)(e.wa.CreateLensVersion(bg, &wellarchitected.CreateLensVersionInput{
		LensAlias: &arn, LensVersion: aws.String("1.0"), IsMajorVersion: aws.Bool(true)}))
	if aws.ToString(v1.LensVersion) != "1.0" || aws.ToString(v1.LensArn) != arn {
		t.Fatalf("CreateLensVersion = %+v", v1)
	}
	must[*wellarchitected.AssociateLensesOutput](t)(e.wa.AssociateLenses(bg, &wellarchitected.AssociateLensesInput{WorkloadId: &w, LensAliases: []string{arn}}))

	got := must[*wellarchitected.GetLensOutput](t)(e.wa.GetLens(bg, &wellarchitected.GetLensInput{LensAlias: &arn}))
	if aws.ToString(got.Lens.Name) != "Release readiness" || aws.ToString(got.Lens.LensVersion) != "1.0" || got.Lens.Tags["team"] != "sre" {
		t.Fatalf("GetLens = %+v", got.Lens)
	}
	_, err = e.waOther.GetLens(bg, &wellarchitected.GetLensInput{LensAlias: &arn})
	wantErr[*types.ResourceNotFoundException](t, err, 404)

	exp := must[*wellarchitected.ExportLensOutput](t)(e.wa.ExportLens(bg, &wellarchitected.ExportLensInput{LensAlias: &arn, LensVersion: aws.String("1.0")}))
	if !strings.Contains(aws.ToString(exp.LensJSON), `"rr_rollback"`) {
		t.Fatalf("ExportLens = %s", aws.ToString(exp.LensJSON))
	}
	// Unlike AWS's, wellops's built-in lens is its own open text and exports too.
	builtin := must[*wellarchitected.ExportLensOutput](t)(e.wa.ExportLens(bg, &wellarchitected.ExportLensInput{LensAlias: aws.String("wellarchitected")}))
	if !strings.Contains(aws.ToString(builtin.LensJSON), `"schemaVersion"`) {
		t.Fatalf("ExportLens(wellarchitected) = %.100s", aws.ToString(builtin.LensJSON))
	}
	_, err = e.waOther.ExportLens(bg, &wellarchitected.ExportLensInput{LensAlias: &arn})
	wantErr[*types.ResourceNotFoundException](t, err, 404)

	// A new major version with one more question: the review falls behind and says so.
	must[*wellarchitected.ImportLensOutput](t)(e.wa.ImportLens(bg, &wellarchitected.ImportLensInput{LensAlias: &arn,
		JSONString: aws.String(fmt.Sprintf(lensJSON, "Release readiness", extraQuestion))}))
	must[*wellarchitected.CreateLensVersionOutput](t)(e.wa.CreateLensVersion(bg, &wellarchitected.CreateLensVersionInput{
		LensAlias: &arn, LensVersion: aws.String("2.0"), IsMajorVersion: aws.Bool(true)}))
	diff := must[*wellarchitected.GetLensVersionDifferenceOutput](t)(e.wa.GetLensVersionDifference(bg, &wellarchitected.GetLensVersionDifferenceInput{
		LensAlias: &arn, BaseLensVersion: aws.String("1.0"), TargetLensVersion: aws.String("2.0")}))
	pd := diff.VersionDifferences.PillarDifferences
	if aws.ToString(diff.LatestLensVersion) != "2.0" || len(pd) != 1 || len(pd[0].QuestionDifferences) != 1 ||
		pd[0].QuestionDifferences[0].DifferenceStatus != types.DifferenceStatusNew {
		t.Fatalf("GetLensVersionDifference = %+v", diff)
	}

	notes := must[*wellarchitected.ListNotificationsOutput](t)(e.wa.ListNotifications(bg, &wellarchitected.ListNotificationsInput{WorkloadId: &w}))
	if len(notes.NotificationSummaries) != 1 || notes.NotificationSummaries[0].Type != types.NotificationTypeLensVersionUpgraded ||
		aws.ToString(notes.NotificationSummaries[0].LensUpgradeSummary.LatestLensVersion) != "2.0" {
		t.Fatalf("ListNotifications = %+v", notes.NotificationSummaries)
	}
	_, err = e.wa.ListNotifications(bg, &wellarchitected.ListNotificationsInput{WorkloadId: &w,
		ResourceArn: aws.String("arn:aws:wellarchitected:us-east-1:" + e.owner.AccountID + ":review-template/" + strings.Repeat("a", 32))})
	wantFields(t, err, "ResourceArn")

	must[*wellarchitected.UpgradeLensReviewOutput](t)(e.wa.UpgradeLensReview(bg, &wellarchitected.UpgradeLensReviewInput{
		WorkloadId: &w, LensAlias: &arn, MilestoneName: aws.String("before lens 2.0")}))
	lr := must[*wellarchitected.GetLensReviewOutput](t)(e.wa.GetLensReview(bg, &wellarchitected.GetLensReviewInput{WorkloadId: &w, LensAlias: &arn}))
	if aws.ToString(lr.LensReview.LensVersion) != "2.0" || lr.LensReview.LensStatus != types.LensStatusCurrent {
		t.Fatalf("after UpgradeLensReview: %+v", lr.LensReview)
	}
	_, err = e.wa.UpgradeLensReview(bg, &wellarchitected.UpgradeLensReviewInput{WorkloadId: &w, LensAlias: &arn, MilestoneName: aws.String("again")})
	wantErr[*types.ConflictException](t, err, 409)

	must[*wellarchitected.DisassociateLensesOutput](t)(e.wa.DisassociateLenses(bg, &wellarchitected.DisassociateLensesInput{WorkloadId: &w, LensAliases: []string{arn}}))
	_, err = e.wa.DisassociateLenses(bg, &wellarchitected.DisassociateLensesInput{WorkloadId: &w, LensAliases: []string{"wellarchitected"}})
	wantErr[*types.ValidationException](t, err, 400)

	all := must[*wellarchitected.ListLensesOutput](t)(e.wa.ListLenses(bg, &wellarchitected.ListLensesInput{}))
	if len(all.LensSummaries) < 2 {
		t.Fatalf("ListLenses = %+v", all.LensSummaries)
	}
	_, err = e.waPeer.DeleteLens(bg, &wellarchitected.DeleteLensInput{LensAlias: aws.String("wellarchitected"), LensStatus: types.LensStatusTypeAll})
	wantErr[*types.AccessDeniedException](t, err, 403)
	must[*wellarchitected.DeleteLensOutput](t)(e.wa.DeleteLens(bg, &wellarchitected.DeleteLensInput{LensAlias: &arn, LensStatus: types.LensStatusTypeAll}))
	for _, l := range must[*wellarchitected.ListLensesOutput](t)(e.wa.ListLenses(bg, &wellarchitected.ListLensesInput{})).LensSummaries {
		if aws.ToString(l.LensArn) == arn {
			t.Fatalf("a deleted lens is still listed: %+v", l)
		}
	}
}
