package scan

import (
	"fmt"
	"strings"
)

// checkGovernance: OPS01-BP03, governance requirements are encoded as policy.
func checkGovernance(f *Facts) outcome {
	var ev []Item
	for _, s := range f.signals(sigPolicyAsCode, sigGovernanceDoc) {
		ev = append(ev, sigItem(s))
	}
	for _, r := range f.Resources {
		switch r.Type {
		case "aws_organizations_policy", "AWS::Organizations::Policy", "aws_config_config_rule", "AWS::Config::ConfigRule",
			"aws_config_conformance_pack", "AWS::Config::ConformancePack", "aws_config_organization_conformance_pack",
			"azurerm_policy_definition", "azurerm_policy_assignment", "google_org_policy_policy":
			ev = append(ev, item(r.Path, r.Line, "governance policy "+r.Type+" "+r.Name))
		}
	}
	for _, it := range f.stepsWith(actCompliance, 50) {
		if strings.Contains(it.Text, "conftest") {
			ev = append(ev, it)
		}
	}
	return judge(ev, Medium, plural(len(ev), "policy-as-code or governance artefact", "policy-as-code or governance artefacts"), "no policy as code (OPA, Kyverno, Gatekeeper, SCPs, Config rules) or governance document found")
}

// checkCompliance: OPS01-BP04, compliance requirements are checked continuously.
func checkCompliance(f *Facts) outcome {
	ev := f.stepsWith(actCompliance, 20)
	for _, r := range f.Resources {
		switch r.Type {
		case "aws_securityhub_standards_subscription", "AWS::SecurityHub::Standard", "aws_config_conformance_pack", "AWS::Config::ConformancePack",
			"aws_auditmanager_assessment", "AWS::AuditManager::Assessment", "aws_securityhub_account", "AWS::SecurityHub::Hub":
			ev = append(ev, item(r.Path, r.Line, "compliance: "+r.Type+" "+r.Name))
		}
		for k := range r.Tags {
			if containsAny(k, "compliance", "data-classification", "dataclassification", "data_classification", "confidentiality") {
				ev = append(ev, item(r.Path, r.Line, r.Type+" "+r.Name+" tagged "+k))
				break
			}
		}
	}
	return judge(ev, Medium, plural(len(ev), "compliance scan or control", "compliance scans or controls"), "no compliance scanner in CI or compliance controls in IaC found")
}

// checkThreatModel: OPS01-BP05, the threat landscape is evaluated.
func checkThreatModel(f *Facts) outcome {
	var strong []Item
	for _, s := range f.signals(sigThreatModel) {
		strong = append(strong, sigItem(s))
	}
	seen := map[string]bool{}
	for _, it := range strong {
		seen[it.Path] = true
	}
	for _, d := range f.opsDocs() {
		if strings.Contains(d.full, "threat") && !seen[d.Path] {
			strong = append(strong, item(d.Path, 1, "threat model: "+firstNonEmpty(d.Title, d.Path), TagDocs))
		}
	}
	for _, r := range f.Resources {
		if r.Type == "aws_guardduty_detector" || r.Type == "AWS::GuardDuty::Detector" {
			strong = append(strong, item(r.Path, r.Line, "GuardDuty detector "+r.Name))
		}
	}
	var weak []Item
	for _, s := range f.signals(sigSecurityPolicy) {
		weak = append(weak, sigItem(s))
	}
	weak = append(weak, f.stepsWith(actVulnScan|actSAST, 10)...)
	switch {
	case own(strong) > 0:
		return outcome{Status: Found, Confidence: Medium, Summary: summarise(counted{len(strong), "threat model or threat detection", "threat models or threat detections"}, counted{len(weak), "security policy or scan", "security policies or scans"}), Evidence: append(strong, weak...)}
	case len(weak)+len(strong) > 0:
		return partial(Low, plural(len(weak), "security policy or vulnerability scan", "security policies or vulnerability scans")+"; no threat model", append(weak, strong...))
	}
	return notFound("no threat model, security policy or vulnerability scanning found")
}

// checkVersionControl: OPS05-BP01, the workload's definitions are in version control.
func checkVersionControl(f *Facts) outcome {
	var ev []Item
	for _, s := range f.signals(sigBranchProtection) {
		ev = append(ev, sigItem(s))
	}
	if f.hasDir(".git") {
		s := "the tree is a git work tree"
		if f.History != nil {
			s += fmt.Sprintf(" (%s in the last %d days)", plural(f.History.Commits, "commit", "commits"), f.History.Days)
		}
		ev = append([]Item{item(".git", 0, s)}, ev...)
		return outcome{Status: Found, Confidence: High, Summary: s, Evidence: ev}
	}
	var hints []Item
	for _, d := range []string{".github", ".gitlab"} {
		if f.hasDir(d) {
			hints = append(hints, item(d, 0, d+"/ holds forge configuration"))
		}
	}
	for _, s := range f.signals(sigGitignore) {
		hints = append(hints, sigItem(s))
	}
	if len(hints) > 0 {
		return outcome{Status: Found, Confidence: Medium, Summary: "no .git here (an exported tree), but forge configuration shows the files come from a git repository", Evidence: append(hints, ev...)}
	}
	for _, d := range f.Docs {
		if line, ok := d.hit("gitclone"); ok && isIndexDoc(d) && !strings.Contains(d.Path, "/") {
			return outcome{Status: Found, Confidence: Low, Summary: "no .git here (an exported tree), but the README tells readers to git clone it", Evidence: []Item{item(d.Path, line, "README: git clone")}}
		}
	}
	return unknown("no .git directory and no forge configuration: scan a clone to see version control")
}

// checkChangeCadence: OPS05-BP09, frequent, small changes, from git history.
func checkChangeCadence(f *Facts) outcome {
	h := f.History
	if h == nil {
		return unknown("no git history was read (scan a clone with the git binary installed)")
	}
	if h.Commits == 0 {
		return outcome{Status: NotFound, Summary: fmt.Sprintf("no commits in the last %d days", h.Days)}
	}
	weeks := float64(h.Days) / 7
	perWeek := float64(h.Commits) / weeks
	s := fmt.Sprintf("%d commits in %d days (%.1f a week); median change %d lines, 90th percentile %d lines; %s", h.Commits, h.Days, perWeek, h.MedianLines, h.P90Lines, plural(h.Tags, "tag", "tags"))
	ev := []Item{item(".git", 0, s)}
	counts := map[string]int{"commits": h.Commits, "days": h.Days, "medianLines": h.MedianLines, "p90Lines": h.P90Lines, "tags": h.Tags}
	switch {
	case perWeek >= 1 && h.MedianLines <= 200:
		return outcome{Status: Found, Confidence: High, Summary: s, Evidence: ev, Counts: counts}
	case perWeek >= 1 || h.MedianLines <= 200:
		return outcome{Status: Partial, Confidence: Medium, Summary: s, Evidence: ev, Counts: counts}
	}
	return outcome{Status: NotFound, Summary: s, Counts: counts}
}
