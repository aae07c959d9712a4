package scan

import (
	"fmt"
	"strings"
)

// incidentTooling returns incident-management resources declared as code.
func (f *Facts) incidentTooling() []Item {
	var out []Item
	for _, r := range f.Resources {
		t := r.Type
		switch {
		case t == "pagerduty_service", strings.HasPrefix(t, "incident_"), strings.HasPrefix(t, "aws_ssmincidents_"),
			strings.HasPrefix(t, "AWS::SSMIncidents::"), strings.HasPrefix(t, "firehydrant_"), strings.HasPrefix(t, "rootly_"),
			t == "opsgenie_service", t == "opsgenie_team":
			out = append(out, item(r.Path, r.Line, "incident tooling: "+t+" "+r.Name))
		}
	}
	return out
}

// checkIncidentProcess: OPS10-BP01, a written process for events, incidents and problems.
func checkIncidentProcess(f *Facts) outcome {
	var ev []Item
	for _, d := range f.opsDocs() {
		if isDatedReport(d) {
			continue
		}
		t := titleOf(d)
		if !strings.Contains(t, "incident") && !strings.Contains(t, "on-call") && !strings.Contains(t, "oncall") {
			continue
		}
		_, roles := d.hit("roles")
		_, sev := d.hit("severity")
		_, esc := d.hit("escalation")
		if containsAny(t, "process", "response", "management", "handling", "procedure", "policy") || roles || (sev && esc) {
			ev = append(ev, item(d.Path, 1, "incident process: "+firstNonEmpty(d.Title, d.Path)))
		}
	}
	for _, s := range f.signals(sigIssueTemplate) {
		if strings.Contains(strings.ToLower(s.Path), "incident") {
			ev = append(ev, sigItem(s))
		}
	}
	ev = append(ev, f.incidentTooling()...)
	return judge(ev, Medium, plural(len(ev), "incident process document, template or tool", "incident process documents, templates or tools"), "no incident process, incident templates or incident tooling as code found")
}

// pagingIntegrations are receivers that reach a person who can escalate.
func isPaging(integration string) bool {
	switch integration {
	case "pagerduty", "opsgenie", "victorops", "oncall", "grafana_oncall", "sns", "incidentio", "squadcast", "splunk_on_call", "webex", "msteams", "slack", "telegram", "wechat", "pushover", "discord":
		return true
	}
	return false
}

func isPlaceholder(targets []string) bool {
	if len(targets) == 0 {
		return true
	}
	for _, t := range targets {
		l := strings.ToLower(t)
		if !containsAny(l, "example.com", "example.org", "localhost", "changeme", "xxx", "your-", "<") {
			return false
		}
	}
	return true
}

// checkEscalation: OPS10-BP04, escalation paths are defined.
func checkEscalation(f *Facts) outcome {
	var code, docs, weak, gaps []Item
	for _, r := range f.Resources {
		switch r.Type {
		case "pagerduty_escalation_policy", "opsgenie_escalation", "grafana_oncall_escalation_chain", "grafana_oncall_escalation",
			"aws_ssmcontacts_contact", "aws_ssmcontacts_plan", "AWS::SSMContacts::Contact", "aws_ssmincidents_response_plan",
			"AWS::SSMIncidents::ResponsePlan", "squadcast_escalation_policy", "splunk_oncall_escalation_policy", "incident_escalation_path":
			code = append(code, item(r.Path, r.Line, "escalation as code: "+r.Type+" "+r.Name))
		}
	}
	for _, rt := range f.Routers {
		depth := 0
		for _, r := range rt.Routes {
			depth = max(depth, r.Depth)
		}
		paging, placeholder := 0, 0
		for _, rv := range rt.Receivers {
			pages := false
			for _, in := range rv.Integrations {
				pages = pages || isPaging(in)
			}
			switch {
			case pages && !isPlaceholder(rv.Targets):
				paging++
			case len(rv.Integrations) > 0 && isPlaceholder(rv.Targets):
				placeholder++
				gaps = append(gaps, item(rt.Path, rv.Line, "receiver "+rv.Name+" sends to a placeholder ("+strings.Join(rv.Targets, ", ")+")", TagGap))
			}
		}
		switch {
		case paging > 0 && (depth >= 1 || paging >= 2):
			code = append(code, item(rt.Path, rt.Line, fmt.Sprintf("%s routing: %d levels, %s page people", rt.System, depth+1, plural(paging, "receiver", "receivers"))))
		case len(rt.Receivers) > 0 && paging == 0 && placeholder == 0:
			weak = append(weak, item(rt.Path, rt.Line, fmt.Sprintf("%s routing to %s with no integration configured here", rt.System, plural(len(rt.Receivers), "receiver", "receivers"))))
		}
	}
	for _, d := range f.opsDocs() {
		if isDatedReport(d) {
			continue
		}
		t := titleOf(d)
		line, esc := d.hit("escalation")
		_, oncall := d.hit("oncall")
		if esc && oncall && containsAny(t, "on-call", "oncall", "incident", "escalation", "support", "runbook") {
			docs = append(docs, item(d.Path, line, "escalation described in "+firstNonEmpty(d.Title, d.Path), TagDocs))
		}
	}
	switch {
	case own(code) > 0:
		return outcome{Status: Found, Confidence: High, Summary: plural(len(code), "escalation path", "escalation paths") + " defined as code", Evidence: append(code, docs...), Gaps: gaps}
	case own(docs) > 0:
		return outcome{Status: Found, Confidence: Medium, Summary: plural(len(docs), "document describes", "documents describe") + " on-call escalation; none is configured as code here", Evidence: append(docs, weak...), Gaps: gaps}
	case len(weak) > 0:
		o := partial(Low, "alerts are routed, but the receivers have no paging integration configured in the repository", weak)
		o.Gaps = gaps
		return o
	}
	o := notFound("no escalation policy, paging receivers or escalation procedure found")
	o.Gaps = gaps
	return o
}

// checkPersonnel: OPS07-BP01, people are able to support the workload: on-call schedules,
// onboarding and training, exercises.
func checkPersonnel(f *Facts) outcome {
	var ev []Item
	for _, r := range f.Resources {
		switch r.Type {
		case "pagerduty_schedule", "opsgenie_schedule", "aws_ssmcontacts_rotation", "grafana_oncall_schedule", "AWS::SSMContacts::Rotation":
			ev = append(ev, item(r.Path, r.Line, "on-call schedule "+r.Type+" "+r.Name))
		}
	}
	for _, d := range f.opsDocs() {
		t := d.name
		if containsAny(t, "onboarding", "joiners", "new-starter", "new starter", "training", "game-day", "gameday", "game day", "exercise", "on-call", "oncall", "going on call") {
			ev = append(ev, item(d.Path, 1, "document: "+firstNonEmpty(d.Title, d.Path), TagDocs))
		}
	}
	return judge(ev, Medium, plural(len(ev), "on-call schedule, onboarding, training or exercise record", "on-call schedules, onboarding, training or exercise records"), "no on-call schedules, onboarding, training or game-day records found")
}

// checkCommsPlan: OPS10-BP05, customers hear about service-impacting events.
func checkCommsPlan(f *Facts) outcome {
	var ev []Item
	for _, d := range f.opsDocs() {
		t := d.name
		if containsAny(t, "communication", "comms", "status-page", "statuspage", "status page", "customer-notification") {
			ev = append(ev, item(d.Path, 1, "communication plan: "+firstNonEmpty(d.Title, d.Path), TagDocs))
		}
	}
	ev = append(ev, f.statusPages()...)
	return judge(ev, Medium, plural(len(ev), "communication plan or status page", "communication plans or status pages"), "no customer communication plan or status page configuration found")
}

func (f *Facts) statusPages() []Item {
	var out []Item
	for _, r := range f.Resources {
		t := r.Type
		if strings.HasPrefix(t, "statuspage_") || strings.HasPrefix(t, "betteruptime_status_page") || strings.HasPrefix(t, "instatus_") ||
			strings.HasPrefix(t, "uptimerobot_status") || t == "checkly_dashboard" || strings.HasPrefix(t, "atlassian_statuspage") {
			out = append(out, item(r.Path, r.Line, "status page: "+t+" "+r.Name))
		}
	}
	for _, s := range f.signals(sigStatusPage) {
		out = append(out, sigItem(s))
	}
	return out
}

// checkStatusPage: OPS10-BP06 (and OPS09-BP02), status is shown on a dashboard or page.
func checkStatusPage(f *Facts) outcome {
	ev := f.statusPages()
	return judge(ev, Medium, plural(len(ev), "status page", "status pages")+" as code", "no status page as code found")
}

// checkSupportPlan: OPS07-BP06, support arrangements for production.
func checkSupportPlan(f *Facts) outcome {
	var ev []Item
	for _, d := range f.opsDocs() {
		t := d.name
		line, hours := d.hit("support")
		_, oncall := d.hit("oncall")
		switch {
		case containsAny(t, "on-call", "oncall", "going on call", "support-plan", "support plan", "escalation") && (hours || oncall):
			ev = append(ev, item(d.Path, firstNonZero(line, 1), "support arrangements: "+firstNonEmpty(d.Title, d.Path), TagDocs))
		case strings.HasPrefix(d.lbase, "support.") && hours:
			ev = append(ev, item(d.Path, line, "support policy: "+firstNonEmpty(d.Title, d.Path), TagDocs))
		}
	}
	for _, r := range f.Resources {
		if strings.HasPrefix(r.Type, "aws_support") || r.Type == "pagerduty_schedule" {
			ev = append(ev, item(r.Path, r.Line, r.Type+" "+r.Name))
		}
	}
	return judge(ev, Medium, plural(len(ev), "support plan or on-call support document", "support plans or on-call support documents"), "no support plan or out-of-hours support arrangements found")
}

// checkOpsMetrics: OPS09-BP01, operations goals are measured (MTTR, DORA, error budgets).
func checkOpsMetrics(f *Facts) outcome {
	var ev []Item
	for _, d := range f.opsDocs() {
		// Metrics reported in a document about operations (an incident log, an ops review),
		// not a mention in any document.
		if !containsAny(titleOf(d), "incident", "metric", "kpi", "report", "review", "dora", "budget", "slo", "scorecard", "health") {
			continue
		}
		if line, ok := d.hit("mttr"); ok && !isDatedReport(d) {
			ev = append(ev, item(d.Path, line, "operations metrics reported: "+firstNonEmpty(d.Title, d.Path)))
			continue
		}
		if line, ok := d.hit("dora"); ok {
			ev = append(ev, item(d.Path, line, "delivery metrics: "+firstNonEmpty(d.Title, d.Path)))
			continue
		}
		if line, ok := d.hit("errorbudget"); ok && containsAny(titleOf(d), "policy", "error-budget", "error budget", "slo") {
			ev = append(ev, item(d.Path, line, "error budget policy: "+firstNonEmpty(d.Title, d.Path)))
		}
	}
	reports := 0
	for _, d := range f.opsDocs() {
		if _, ok := d.hit("mttr"); ok && isDatedReport(d) {
			reports++
		}
	}
	o := judge(ev, Medium, summarise(counted{len(ev), "operations metrics report", "operations metrics reports"}, counted{reports, "incident report records time to repair", "incident reports record time to repair"}), "no MTTR, DORA or error-budget reporting found")
	o.Counts = map[string]int{"reports": len(ev), "incidentsWithTimeToRepair": reports}
	return o
}
