package api

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wellops/wellops"
)

// Tags on every kind of ARN: TagResource, UntagResource, ListTagsForResource.
func testTags(t *testing.T, e *env) {
	w := newWorkload(t, e.wa, "tagged")
	wl := must[*wellarchitected.GetWorkloadOutput](t)(e.wa.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &w}))
	arns := map[string]string{
		"workload": aws.ToString(wl.Workload.WorkloadArn),
		"lens":     importLens(t, e.wa, "Tagged lens", "1"),
		"profile":  newProfile(t, e.wa, "Tagged profile"),
		"template": newTemplate(t, e.wa, "Tagged template"),
	}
	for kind, arn := range arns {
		t.Run(kind, func(t *testing.T) {
			must[*wellarchitected.TagResourceOutput](t)(e.wa.TagResource(bg, &wellarchitected.TagResourceInput{WorkloadArn: &arn,
				Tags: map[string]string{"cost-center": "42", "tier": "gold"}}))
			must[*wellarchitected.UntagResourceOutput](t)(e.wa.UntagResource(bg, &wellarchitected.UntagResourceInput{WorkloadArn: &arn, TagKeys: []string{"tier"}}))
			tags := must[*wellarchitected.ListTagsForResourceOutput](t)(e.wa.ListTagsForResource(bg, &wellarchitected.ListTagsForResourceInput{WorkloadArn: &arn})).Tags
			if len(tags) != 1 || tags["cost-center"] != "42" {
				t.Fatalf("tags of %s = %v", kind, tags)
			}
			_, err := e.waOther.ListTagsForResource(bg, &wellarchitected.ListTagsForResourceInput{WorkloadArn: &arn})
			wantErr[*types.ResourceNotFoundException](t, err, 404)
		})
	}
}

// Global settings and Jira: GetGlobalSettings, UpdateGlobalSettings, UpdateIntegration.
func testSettings(t *testing.T, e *env) {
	must[*wellarchitected.UpdateGlobalSettingsOutput](t)(e.wa.UpdateGlobalSettings(bg, &wellarchitected.UpdateGlobalSettingsInput{
		DiscoveryIntegrationStatus: types.DiscoveryIntegrationStatusEnabled,
		JiraConfiguration: &types.AccountJiraConfigurationInput{IssueManagementStatus: types.AccountJiraIssueManagementStatusEnabled,
			IssueManagementType: types.IssueManagementTypeManual, JiraProjectKey: aws.String("OPS")}}))
	s := must[*wellarchitected.GetGlobalSettingsOutput](t)(e.waPeer.GetGlobalSettings(bg, &wellarchitected.GetGlobalSettingsInput{}))
	if s.DiscoveryIntegrationStatus != types.DiscoveryIntegrationStatusEnabled || aws.ToString(s.JiraConfiguration.JiraProjectKey) != "OPS" {
		t.Fatalf("GetGlobalSettings (same account) = %+v %+v", s, s.JiraConfiguration)
	}
	o := must[*wellarchitected.GetGlobalSettingsOutput](t)(e.waOther.GetGlobalSettings(bg, &wellarchitected.GetGlobalSettingsInput{}))
	if o.JiraConfiguration != nil && aws.ToString(o.JiraConfiguration.JiraProjectKey) == "OPS" {
		t.Fatal("another account sees these settings")
	}
	_, err := e.wa.UpdateGlobalSettings(bg, &wellarchitected.UpdateGlobalSettingsInput{
		JiraConfiguration: &types.AccountJiraConfigurationInput{JiraProjectKey: aws.String("lower")}})
	wantFields(t, err, "JiraConfiguration.JiraProjectKey")

	w := newWorkload(t, e.wa, "jira")
	_, err = e.wa.UpdateIntegration(bg, &wellarchitected.UpdateIntegrationInput{WorkloadId: &w, IntegratingService: types.IntegratingServiceJira})
	ve := wantErr[*types.ValidationException](t, err, 400)
	if !strings.Contains(aws.ToString(ve.Message), "Jira is not configured") {
		t.Errorf("UpdateIntegration message %q", aws.ToString(ve.Message))
	}
	_, err = e.waOther.UpdateIntegration(bg, &wellarchitected.UpdateIntegrationInput{WorkloadId: &w, IntegratingService: types.IntegratingServiceJira})
	wantErr[*types.ResourceNotFoundException](t, err, 404)
}

// Checks from the scanner's evidence: ListCheckDetails, ListCheckSummaries.
func testChecks(t *testing.T, e *env) {
	w := newWorkload(t, e.wa, "scanned")
	const lensArn = "arn:aws:wellarchitected:us-east-1::lens/wellarchitected"
	ans := must[*wellarchitected.GetAnswerOutput](t)(e.wa.GetAnswer(bg, &wellarchitected.GetAnswerInput{WorkloadId: &w,
		LensAlias: aws.String("wellarchitected"), QuestionId: aws.String("dev-integ")}))
	choice := aws.ToString(ans.Answer.Choices[0].ChoiceId)
	in := &wellarchitected.ListCheckDetailsInput{WorkloadId: &w, LensArn: aws.String(lensArn), PillarId: ans.Answer.PillarId,
		QuestionId: aws.String("dev-integ"), ChoiceId: &choice}
	if d := must[*wellarchitected.ListCheckDetailsOutput](t)(e.wa.ListCheckDetails(bg, in)); len(d.CheckDetails) != 0 {
		t.Fatalf("a workload never scanned has checks: %+v", d.CheckDetails)
	}

	// What `wellops scan --workload` stores, put straight into the store.
	ctx := wellops.WithPrincipal(bg, e.owner.Principal())
	err := e.srv.Store(t).PutEvidence(ctx, wellops.EvidenceScan{ID: "scan-1", WorkloadID: w, ScannedAt: time.Now(), Root: "repo", ToolVersion: "test",
		Practices: []wellops.PracticeEvidence{{BestPracticeID: "OPS05-BP01", QuestionID: "dev-integ", ChoiceID: choice, Status: wellops.EvidenceFound,
			Confidence: "high", Summary: "CI runs on every push", Items: []wellops.EvidenceItem{{Check: "ci", Path: ".github/workflows/ci.yml", Line: 3}}}}})
	if err != nil {
		t.Fatal(err)
	}
	d := must[*wellarchitected.ListCheckDetailsOutput](t)(e.wa.ListCheckDetails(bg, in))
	if len(d.CheckDetails) != 1 || d.CheckDetails[0].Status != types.CheckStatusOkay || aws.ToInt32(d.CheckDetails[0].FlaggedResources) != 1 ||
		d.CheckDetails[0].Provider != types.CheckProviderTrustedAdvisor || !strings.Contains(aws.ToString(d.CheckDetails[0].Name), "wellops scan") {
		t.Fatalf("ListCheckDetails = %+v", d.CheckDetails)
	}
	s := must[*wellarchitected.ListCheckSummariesOutput](t)(e.wa.ListCheckSummaries(bg, &wellarchitected.ListCheckSummariesInput{
		WorkloadId: &w, LensArn: aws.String(lensArn), PillarId: ans.Answer.PillarId, QuestionId: aws.String("dev-integ"), ChoiceId: &choice}))
	if len(s.CheckSummaries) != 1 || s.CheckSummaries[0].AccountSummary["OKAY"] != 1 {
		t.Fatalf("ListCheckSummaries = %+v", s.CheckSummaries)
	}
	_, err = e.waOther.ListCheckDetails(bg, in)
	wantErr[*types.ResourceNotFoundException](t, err, 404)
}

func isPDF(b []byte) bool {
	return bytes.HasPrefix(b, []byte("%PDF-")) && bytes.Contains(b[max(0, len(b)-32):], []byte("%%EOF"))
}

// Reports: GetLensReviewReport, GetConsolidatedReport (PDF and JSON).
func testReports(t *testing.T, e *env) {
	w := newWorkload(t, e.wa, "reported")
	rep := must[*wellarchitected.GetLensReviewReportOutput](t)(e.wa.GetLensReviewReport(bg, &wellarchitected.GetLensReviewReportInput{
		WorkloadId: &w, LensAlias: aws.String("wellarchitected")}))
	pdf, err := base64.StdEncoding.DecodeString(aws.ToString(rep.LensReviewReport.Base64String))
	if err != nil || !isPDF(pdf) || aws.ToString(rep.LensReviewReport.LensArn) == "" {
		t.Fatalf("GetLensReviewReport: not a PDF (%v): %.40q", err, pdf)
	}
	_, err = e.waOther.GetLensReviewReport(bg, &wellarchitected.GetLensReviewReportInput{WorkloadId: &w, LensAlias: aws.String("wellarchitected")})
	wantErr[*types.ResourceNotFoundException](t, err, 404)

	var metrics []types.ConsolidatedReportMetric
	p := wellarchitected.NewGetConsolidatedReportPaginator(e.wa, &wellarchitected.GetConsolidatedReportInput{Format: types.ReportFormatJson, MaxResults: aws.Int32(2)})
	for p.HasMorePages() {
		metrics = append(metrics, must[*wellarchitected.GetConsolidatedReportOutput](t)(p.NextPage(bg)).Metrics...)
	}
	found := false
	for _, m := range metrics {
		if aws.ToString(m.WorkloadId) == w {
			found = m.MetricType == types.MetricTypeWorkload && aws.ToInt32(m.LensesAppliedCount) == 1 && m.RiskCounts["UNANSWERED"] == 11
		}
	}
	if !found || len(metrics) < 3 {
		t.Fatalf("GetConsolidatedReport(JSON) paged %d metrics; workload found with its figures: %v", len(metrics), found)
	}
	c := must[*wellarchitected.GetConsolidatedReportOutput](t)(e.wa.GetConsolidatedReport(bg, &wellarchitected.GetConsolidatedReportInput{Format: types.ReportFormatPdf}))
	if pdf, err := base64.StdEncoding.DecodeString(aws.ToString(c.Base64String)); err != nil || !isPDF(pdf) {
		t.Fatalf("GetConsolidatedReport(PDF): not a PDF (%v)", err)
	}
	_, err = e.wa.GetConsolidatedReport(bg, &wellarchitected.GetConsolidatedReportInput{Format: types.ReportFormatJson, MaxResults: aws.Int32(16)})
	wantFields(t, err, "MaxResults")
}
