package waapi

// operations is the one route table: every operation of the model, with its method and
// path. Labels in braces are matched on the escaped path (router.go).
func (a *API) operations() []*operation {
	return []*operation{
		// Workloads.
		op(a, "CreateWorkload", "POST", "/workloads", a.createWorkload),
		op(a, "GetWorkload", "GET", "/workloads/{WorkloadId}", a.getWorkload),
		op(a, "UpdateWorkload", "PATCH", "/workloads/{WorkloadId}", a.updateWorkload),
		op(a, "DeleteWorkload", "DELETE", "/workloads/{WorkloadId}", a.deleteWorkload),
		op(a, "ListWorkloads", "POST", "/workloadsSummaries", a.listWorkloads),
		op(a, "AssociateLenses", "PATCH", "/workloads/{WorkloadId}/associateLenses", a.associateLenses),
		op(a, "DisassociateLenses", "PATCH", "/workloads/{WorkloadId}/disassociateLenses", a.disassociateLenses),
		op(a, "AssociateProfiles", "PATCH", "/workloads/{WorkloadId}/associateProfiles", a.associateProfiles),
		op(a, "DisassociateProfiles", "PATCH", "/workloads/{WorkloadId}/disassociateProfiles", a.disassociateProfiles),

		// Lens reviews, answers, improvements and reports.
		op(a, "ListLensReviews", "GET", "/workloads/{WorkloadId}/lensReviews", a.listLensReviews),
		op(a, "GetLensReview", "GET", "/workloads/{WorkloadId}/lensReviews/{LensAlias}", a.getLensReview),
		op(a, "UpdateLensReview", "PATCH", "/workloads/{WorkloadId}/lensReviews/{LensAlias}", a.updateLensReview),
		op(a, "UpgradeLensReview", "PUT", "/workloads/{WorkloadId}/lensReviews/{LensAlias}/upgrade", a.upgradeLensReview),
		op(a, "GetLensReviewReport", "GET", "/workloads/{WorkloadId}/lensReviews/{LensAlias}/report", a.getLensReviewReport),
		op(a, "ListLensReviewImprovements", "GET", "/workloads/{WorkloadId}/lensReviews/{LensAlias}/improvements", a.listImprovements),
		op(a, "ListAnswers", "GET", "/workloads/{WorkloadId}/lensReviews/{LensAlias}/answers", a.listAnswers),
		op(a, "GetAnswer", "GET", "/workloads/{WorkloadId}/lensReviews/{LensAlias}/answers/{QuestionId}", a.getAnswer),
		op(a, "UpdateAnswer", "PATCH", "/workloads/{WorkloadId}/lensReviews/{LensAlias}/answers/{QuestionId}", a.updateAnswer),

		// Milestones.
		op(a, "CreateMilestone", "POST", "/workloads/{WorkloadId}/milestones", a.createMilestone),
		op(a, "GetMilestone", "GET", "/workloads/{WorkloadId}/milestones/{MilestoneNumber}", a.getMilestone),
		op(a, "ListMilestones", "POST", "/workloads/{WorkloadId}/milestonesSummaries", a.listMilestones),

		// Lenses.
		op(a, "ListLenses", "GET", "/lenses", a.listLenses),
		op(a, "GetLens", "GET", "/lenses/{LensAlias}", a.getLens),
		op(a, "ImportLens", "PUT", "/importLens", a.importLens),
		op(a, "ExportLens", "GET", "/lenses/{LensAlias}/export", a.exportLens),
		op(a, "CreateLensVersion", "POST", "/lenses/{LensAlias}/versions", a.createLensVersion),
		op(a, "DeleteLens", "DELETE", "/lenses/{LensAlias}", a.deleteLens),
		op(a, "GetLensVersionDifference", "GET", "/lenses/{LensAlias}/versionDifference", a.versionDifference),

		// Shares and invitations.
		op(a, "CreateWorkloadShare", "POST", "/workloads/{WorkloadId}/shares", a.createWorkloadShare),
		op(a, "UpdateWorkloadShare", "PATCH", "/workloads/{WorkloadId}/shares/{ShareId}", a.updateWorkloadShare),
		op(a, "DeleteWorkloadShare", "DELETE", "/workloads/{WorkloadId}/shares/{ShareId}", a.deleteWorkloadShare),
		op(a, "ListWorkloadShares", "GET", "/workloads/{WorkloadId}/shares", a.listWorkloadShares),
		op(a, "CreateLensShare", "POST", "/lenses/{LensAlias}/shares", a.createLensShare),
		op(a, "DeleteLensShare", "DELETE", "/lenses/{LensAlias}/shares/{ShareId}", a.deleteLensShare),
		op(a, "ListLensShares", "GET", "/lenses/{LensAlias}/shares", a.listLensShares),
		op(a, "CreateProfileShare", "POST", "/profiles/{ProfileArn}/shares", a.createProfileShare),
		op(a, "DeleteProfileShare", "DELETE", "/profiles/{ProfileArn}/shares/{ShareId}", a.deleteProfileShare),
		op(a, "ListProfileShares", "GET", "/profiles/{ProfileArn}/shares", a.listProfileShares),
		op(a, "CreateTemplateShare", "POST", "/templates/shares/{TemplateArn}", a.createTemplateShare),
		op(a, "DeleteTemplateShare", "DELETE", "/templates/shares/{TemplateArn}/{ShareId}", a.deleteTemplateShare),
		op(a, "ListTemplateShares", "GET", "/templates/shares/{TemplateArn}", a.listTemplateShares),
		op(a, "ListShareInvitations", "GET", "/shareInvitations", a.listShareInvitations),
		op(a, "UpdateShareInvitation", "PATCH", "/shareInvitations/{ShareInvitationId}", a.updateShareInvitation),

		// Notifications.
		op(a, "ListNotifications", "POST", "/notifications", a.listNotifications),
		op(a, "ListProfileNotifications", "GET", "/profileNotifications/", a.listProfileNotifications),

		// Profiles.
		op(a, "CreateProfile", "POST", "/profiles", a.createProfile),
		op(a, "GetProfile", "GET", "/profiles/{ProfileArn}", a.getProfile),
		op(a, "UpdateProfile", "PATCH", "/profiles/{ProfileArn}", a.updateProfile),
		op(a, "DeleteProfile", "DELETE", "/profiles/{ProfileArn}", a.deleteProfile),
		op(a, "ListProfiles", "GET", "/profileSummaries", a.listProfiles),
		op(a, "GetProfileTemplate", "GET", "/profileTemplate", a.getProfileTemplate),
		op(a, "UpgradeProfileVersion", "PUT", "/workloads/{WorkloadId}/profiles/{ProfileArn}/upgrade", a.upgradeProfileVersion),

		// Review templates.
		op(a, "CreateReviewTemplate", "POST", "/reviewTemplates", a.createReviewTemplate),
		op(a, "GetReviewTemplate", "GET", "/reviewTemplates/{TemplateArn}", a.getReviewTemplate),
		op(a, "UpdateReviewTemplate", "PATCH", "/reviewTemplates/{TemplateArn}", a.updateReviewTemplate),
		op(a, "DeleteReviewTemplate", "DELETE", "/reviewTemplates/{TemplateArn}", a.deleteReviewTemplate),
		op(a, "ListReviewTemplates", "GET", "/reviewTemplates", a.listReviewTemplates),
		op(a, "GetReviewTemplateLensReview", "GET", "/reviewTemplates/{TemplateArn}/lensReviews/{LensAlias}", a.getTemplateLensReview),
		op(a, "UpdateReviewTemplateLensReview", "PATCH", "/reviewTemplates/{TemplateArn}/lensReviews/{LensAlias}", a.updateTemplateLensReview),
		op(a, "UpgradeReviewTemplateLensReview", "PUT", "/reviewTemplates/{TemplateArn}/lensReviews/{LensAlias}/upgrade", a.upgradeTemplateLensReview),
		op(a, "GetReviewTemplateAnswer", "GET", "/reviewTemplates/{TemplateArn}/lensReviews/{LensAlias}/answers/{QuestionId}", a.getTemplateAnswer),
		op(a, "UpdateReviewTemplateAnswer", "PATCH", "/reviewTemplates/{TemplateArn}/lensReviews/{LensAlias}/answers/{QuestionId}", a.updateTemplateAnswer),
		op(a, "ListReviewTemplateAnswers", "GET", "/reviewTemplates/{TemplateArn}/lensReviews/{LensAlias}/answers", a.listTemplateAnswers),

		// Consolidated report.
		op(a, "GetConsolidatedReport", "GET", "/consolidatedReport", a.getConsolidatedReport),

		// Checks and integrations.
		op(a, "ListCheckDetails", "POST", "/workloads/{WorkloadId}/checks", a.listCheckDetails),
		op(a, "ListCheckSummaries", "POST", "/workloads/{WorkloadId}/checkSummaries", a.listCheckSummaries),
		op(a, "UpdateIntegration", "POST", "/workloads/{WorkloadId}/updateIntegration", a.updateIntegration),

		// Tags.
		op(a, "TagResource", "POST", "/tags/{WorkloadArn}", a.tagResource),
		op(a, "UntagResource", "DELETE", "/tags/{WorkloadArn}", a.untagResource),
		op(a, "ListTagsForResource", "GET", "/tags/{WorkloadArn}", a.listTags),

		// Global settings.
		op(a, "GetGlobalSettings", "GET", "/global-settings", a.getGlobalSettings),
		op(a, "UpdateGlobalSettings", "PATCH", "/global-settings", a.updateGlobalSettings),
	}
}

// OperationNames returns the names of the model's 72 operations, sorted: the authoritative
// list that the route table and the end-to-end suite are checked against.
func OperationNames() []string {
	return []string{
		"AssociateLenses", "AssociateProfiles", "CreateLensShare", "CreateLensVersion", "CreateMilestone",
		"CreateProfile", "CreateProfileShare", "CreateReviewTemplate", "CreateTemplateShare", "CreateWorkload",
		"CreateWorkloadShare", "DeleteLens", "DeleteLensShare", "DeleteProfile", "DeleteProfileShare",
		"DeleteReviewTemplate", "DeleteTemplateShare", "DeleteWorkload", "DeleteWorkloadShare",
		"DisassociateLenses", "DisassociateProfiles", "ExportLens", "GetAnswer", "GetConsolidatedReport",
		"GetGlobalSettings", "GetLens", "GetLensReview", "GetLensReviewReport", "GetLensVersionDifference",
		"GetMilestone", "GetProfile", "GetProfileTemplate", "GetReviewTemplate", "GetReviewTemplateAnswer",
		"GetReviewTemplateLensReview", "GetWorkload", "ImportLens", "ListAnswers", "ListCheckDetails",
		"ListCheckSummaries", "ListLensReviewImprovements", "ListLensReviews", "ListLensShares", "ListLenses",
		"ListMilestones", "ListNotifications", "ListProfileNotifications", "ListProfileShares", "ListProfiles",
		"ListReviewTemplateAnswers", "ListReviewTemplates", "ListShareInvitations", "ListTagsForResource",
		"ListTemplateShares", "ListWorkloadShares", "ListWorkloads", "TagResource", "UntagResource",
		"UpdateAnswer", "UpdateGlobalSettings", "UpdateIntegration", "UpdateLensReview", "UpdateProfile",
		"UpdateReviewTemplate", "UpdateReviewTemplateAnswer", "UpdateReviewTemplateLensReview",
		"UpdateShareInvitation", "UpdateWorkload", "UpdateWorkloadShare", "UpgradeLensReview",
		"UpgradeProfileVersion", "UpgradeReviewTemplateLensReview",
	}
}
