package scan

// registered pairs a check ID with its function; checks.yaml holds the rest.
type registered struct {
	id string
	fn checkFunc
}

// registry is the one list of checks. Adding a check means a function in its family's file, a
// line here and an entry in checks.yaml; tests keep the three in step.
func registry() []registered {
	return []registered{
		// CI/CD (ci.go, ci_graph.go)
		{"OE-CI-PIPELINE", checkPipeline},
		{"OE-CI-TESTS", checkCITests},
		{"OE-CI-QUALITY", checkCIQuality},
		{"OE-DEPLOY-AUTOMATED", checkDeployAuto},
		{"OE-DEPLOY-TESTED", checkDeployTest},
		{"OE-DEPLOY-GATES", checkGates},
		{"OE-STANDARDS-SHARED", checkReuse},
		// Dependencies (deps.go)
		{"OE-DEPS-UPDATES", checkDependencyUpdates},
		{"OE-FEATURE-FLAGS", checkFeatureFlags},
		{"OE-MIGRATIONS-REVERSIBLE", checkReversibleMigrations},
		// Observability (observability.go)
		{"OE-TELEMETRY-APP", checkTelemetrySDK},
		{"OE-TRACING", checkTracing},
		{"OE-UX-TELEMETRY", checkUXTelemetry},
		{"OE-DEPENDENCY-TELEMETRY", checkDependencyTelemetry},
		{"OE-DASHBOARDS", checkDashboards},
		{"OE-LOGS", checkLogAnalysis},
		{"OE-TRACE-ANALYSIS", checkTraceAnalysis},
		{"OE-METRICS-ANALYSIS", checkMetricAnalysis},
		{"OE-SLO", checkSLOs},
		// Alerting (alerts.go)
		{"OE-ALERT-RULES", checkAlertRules},
		{"OE-ALERT-RUNBOOK", checkAlertRunbooks},
		{"OE-ALERT-ROUTING", checkAlertRouting},
		{"OE-ALERT-OWNERS", checkAlertOwners},
		// Incidents and support (incident.go)
		{"OE-ESCALATION", checkEscalation},
		{"OE-INCIDENT-PROCESS", checkIncidentProcess},
		{"OE-PERSONNEL", checkPersonnel},
		{"OE-COMMS-PLAN", checkCommsPlan},
		{"OE-STATUS-PAGE", checkStatusPage},
		{"OE-SUPPORT-PLAN", checkSupportPlan},
		{"OE-OPS-METRICS", checkOpsMetrics},
		// Deployment safety and infrastructure (deploy.go)
		{"OE-DEPLOY-STRATEGY", checkDeployStrategy},
		{"OE-ROLLBACK-AUTO", checkAutoRollback},
		{"OE-ROLLBACK-PLAN", checkRollbackPlan},
		{"OE-AUTO-RESPONSE", checkAutoResponse},
		{"OE-ENVIRONMENTS", checkEnvironments},
		{"OE-CONFIG-AS-CODE", checkConfigManagement},
		// Ownership and process (ownership.go)
		{"OE-OWNERS", checkOwners},
		{"OE-OWNERS-PROCESS", checkProcessOwners},
		{"OE-OWNERS-MECHANISM", checkOwnershipMechanism},
		{"OE-REQUESTS", checkRequestMechanisms},
		{"OE-TEAM-CONTRACTS", checkTeamContracts},
		{"OE-TEAM-SIZE", checkTeamResourcing},
		// Documentation (docs.go)
		{"OE-RUNBOOKS", checkRunbooks},
		{"OE-PLAYBOOKS", checkPlaybooks},
		{"OE-ADR", checkADRs},
		{"OE-READINESS", checkReadinessReview},
		{"OE-POSTMORTEMS", checkPostmortems},
		{"OE-FEEDBACK", checkFeedbackLoops},
		{"OE-KNOWLEDGE", checkKnowledge},
		// Governance (governance.go)
		{"OE-GOVERNANCE", checkGovernance},
		{"OE-COMPLIANCE", checkCompliance},
		{"OE-THREAT-MODEL", checkThreatModel},
		// Version control and history (governance.go, git.go)
		{"OE-VCS", checkVersionControl},
		{"OE-CHANGE-CADENCE", checkChangeCadence},
	}
}
