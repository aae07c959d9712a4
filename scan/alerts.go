package scan

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
)

// alarmResources turns CloudWatch, Datadog, Grafana and New Relic alarms declared in IaC into
// alert rules, so every alerting check reads one list.
func (f *Facts) allAlerts() []*AlertRule {
	out := append([]*AlertRule{}, f.Alerts...)
	for _, r := range f.Resources {
		var a *AlertRule
		switch r.Type {
		case "aws_cloudwatch_metric_alarm", "AWS::CloudWatch::Alarm", "aws_cloudwatch_composite_alarm", "AWS::CloudWatch::CompositeAlarm":
			a = &AlertRule{Path: r.Path, Line: r.Line, System: "cloudwatch", Name: r.Name}
			for _, s := range r.settings {
				lk := s.lk
				if strings.HasPrefix(lk, "alarm_actions") || strings.HasPrefix(lk, "alarmactions") || strings.HasPrefix(lk, "ok_actions") || strings.HasPrefix(lk, "okactions") {
					a.Actions++
				}
			}
			desc, _ := r.attrLower("alarm_description", "AlarmDescription")
			a.Summary = desc != ""
			if i := strings.Index(desc, "http"); i >= 0 {
				a.RunbookURL = strings.Fields(desc[i:])[0]
				a.RunbookLine = r.Line
			}
			for _, k := range [...]string{"severity", "priority"} {
				if v, ok := r.Tags[k]; ok {
					a.Severity = v
				}
			}
			a.Team = firstNonEmpty(r.Tags["team"], r.Tags["owner"])
		case "datadog_monitor", "newrelic_alert_condition", "newrelic_nrql_alert_condition", "grafana_rule_group", "google_monitoring_alert_policy", "azurerm_monitor_metric_alert":
			a = &AlertRule{Path: r.Path, Line: r.Line, System: r.Type, Name: r.Name}
			msg, _ := r.attrLower("message", "documentation.content", "description")
			a.Summary = msg != ""
			a.Actions = strings.Count(msg, "@")
			if a.Actions == 0 && r.Type != "datadog_monitor" {
				a.Actions = 1 // these route through notification policies declared elsewhere
			}
			if v, ok := r.Tags["severity"]; ok {
				a.Severity = v
			} else if v, _ := r.attrLower("priority"); v != "" {
				a.Severity = "p" + v
			}
			if i := strings.Index(msg, "runbook"); i >= 0 {
				if j := strings.Index(msg[i:], "http"); j >= 0 {
					a.RunbookURL = strings.Fields(msg[i+j:])[0]
				}
			}
		}
		if a != nil {
			out = append(out, a)
		}
	}
	return out
}

// checkAlertRules: OPS08-BP04, alerts exist and carry what a responder needs.
func checkAlertRules(f *Facts) outcome {
	alerts := f.allAlerts()
	var ownAlerts []*AlertRule
	var examples []Item
	for _, a := range alerts {
		if scopeOf(a.Path) == exampleScope {
			examples = append(examples, item(a.Path, a.Line, a.System+" alert "+a.Name))
			continue
		}
		ownAlerts = append(ownAlerts, a)
	}
	if len(ownAlerts) == 0 {
		if len(examples) > 0 {
			return partial(Low, plural(len(examples), "alert rule", "alert rules")+" only in examples", examples)
		}
		return notFound("no alert rules or alarms found (Prometheus rules, Grafana alerting, CloudWatch alarms, Datadog monitors)")
	}
	sev := map[string]int{}
	withSev, withSummary, withRunbook, actionable := 0, 0, 0, 0
	files := map[string]bool{}
	var ev, gaps []Item
	for _, a := range ownAlerts {
		files[a.Path] = true
		if a.Severity != "" {
			withSev++
			sev[strings.ToLower(a.Severity)]++
		}
		if a.Summary {
			withSummary++
		}
		if a.RunbookURL != "" {
			withRunbook++
		}
		ok := a.Severity != "" && a.Summary
		if a.System == "cloudwatch" || a.System == "datadog_monitor" {
			ok = a.Actions > 0 && (a.Summary || a.Severity != "")
			if a.Actions == 0 {
				gaps = append(gaps, item(a.Path, a.Line, "alarm "+a.Name+" has no alarm action: nobody is told when it fires", TagGap))
			}
		} else if !ok {
			var miss []string
			if a.Severity == "" {
				miss = append(miss, "severity")
			}
			if !a.Summary {
				miss = append(miss, "summary or description")
			}
			gaps = append(gaps, item(a.Path, a.Line, "alert "+a.Name+" has no "+strings.Join(miss, " and "), TagGap))
		}
		if ok {
			actionable++
		}
		if len(ev) < maxItems {
			ev = append(ev, item(a.Path, a.Line, fmt.Sprintf("%s alert %s (severity %s)", a.System, a.Name, firstNonEmpty(a.Severity, "none"))))
		}
	}
	var sevs []string
	for k, v := range sev {
		sevs = append(sevs, fmt.Sprintf("%d %s", v, k))
	}
	sort.Strings(sevs)
	n := len(ownAlerts)
	summary := fmt.Sprintf("%s in %s; %d have a severity", plural(n, "alert rule", "alert rules"), plural(len(files), "file", "files"), withSev)
	if len(sevs) > 0 {
		summary += " (" + strings.Join(sevs, ", ") + ")"
	}
	summary += fmt.Sprintf(", %d describe themselves, %d link a runbook; %d of %d are actionable", withSummary, withRunbook, actionable, n)
	counts := map[string]int{"alerts": n, "withSeverity": withSev, "withSummary": withSummary, "withRunbook": withRunbook, "actionable": actionable, "examples": len(examples)}
	o := outcome{Summary: summary, Evidence: ev, Gaps: gaps, Counts: counts}
	switch {
	case actionable*10 >= n*8:
		o.Status, o.Confidence = Found, High
	case actionable*2 >= n:
		o.Status, o.Confidence = Found, Medium
	default:
		o.Status, o.Confidence = Partial, Medium
	}
	return o
}

// runbookTarget resolves a runbook link to a file in the repository when it points into it.
func (f *Facts) runbookTarget(alertPath, link string) (string, bool) {
	link = strings.TrimSpace(link)
	if link == "" || strings.Contains(link, "{{") {
		return "", false
	}
	if u, err := url.Parse(link); err == nil && u.Scheme != "" {
		if u.Scheme != "http" && u.Scheme != "https" {
			return "", false
		}
		// A forge link into this repository: .../blob/<ref>/<path> or .../-/blob/<ref>/<path>.
		p := u.Path
		if i := strings.Index(p, "/blob/"); i >= 0 {
			rest := p[i+len("/blob/"):]
			if j := strings.IndexByte(rest, '/'); j >= 0 {
				cand := rest[j+1:]
				if f.hasFile(cand) {
					return cand, true
				}
			}
		}
		return "", false
	}
	l := strings.SplitN(link, "#", 2)[0]
	var cands []string
	if strings.HasPrefix(l, "/") {
		cands = append(cands, strings.TrimPrefix(l, "/"))
	} else {
		cands = append(cands, path.Join(path.Dir(alertPath), l), path.Clean(l))
	}
	for _, c := range cands {
		for _, suffix := range [...]string{"", ".md", "/README.md", "/index.md", ".html.md.erb"} {
			if f.hasFile(c + suffix) {
				return c + suffix, true
			}
		}
	}
	return "", false
}

// isRunbookPath reports whether l, a document's lowercased (and glossed) path, looks like a
// runbook or playbook.
func isRunbookPath(l string) bool {
	return strings.Contains(l, "runbook") || strings.Contains(l, "playbook") || strings.Contains(l, "run-book") || strings.Contains(l, "sop/")
}

// checkAlertRunbooks: OPS10-BP02 (and OPS07-BP03), every alert has a process, joined across
// files: the alert's runbook link must name a runbook that exists in the repository.
func checkAlertRunbooks(f *Facts) outcome {
	var alerts []*AlertRule
	for _, a := range f.allAlerts() {
		if scopeOf(a.Path) != exampleScope {
			alerts = append(alerts, a)
		}
	}
	if len(alerts) == 0 {
		return notApplicable("no alert rules in the repository, so there is nothing to join runbooks to")
	}
	withLink, resolved, external, broken := 0, 0, 0, 0
	referenced := map[string]bool{}
	var ev, gaps []Item
	for _, a := range alerts {
		if a.RunbookURL == "" {
			gaps = append(gaps, item(a.Path, a.Line, "alert "+a.Name+" has no runbook link", TagGap))
			continue
		}
		withLink++
		line := firstNonZero(a.RunbookLine, a.Line)
		if target, ok := f.runbookTarget(a.Path, a.RunbookURL); ok {
			resolved++
			referenced[target] = true
			ev = append(ev, item(a.Path, line, "alert "+a.Name+" → "+target))
			continue
		}
		if strings.HasPrefix(a.RunbookURL, "http://") || strings.HasPrefix(a.RunbookURL, "https://") {
			external++
			ev = append(ev, item(a.Path, line, "alert "+a.Name+" → "+a.RunbookURL, TagExternal))
			continue
		}
		broken++
		gaps = append(gaps, item(a.Path, line, "alert "+a.Name+" links "+a.RunbookURL+", which does not exist in the repository", TagGap))
	}
	orphans := 0
	for _, d := range f.Docs {
		if isRunbookPath(d.lpath) && !referenced[d.Path] && scopeOf(d.Path) == firstParty {
			orphans++
		}
	}
	n := len(alerts)
	summary := fmt.Sprintf("%s; %d have a runbook link; %d of those resolve to a file in this repository, %d point outside it", plural(n, "alert rule", "alert rules"), withLink, resolved, external)
	if broken > 0 {
		summary += fmt.Sprintf(", %d are broken", broken)
	}
	if len(referenced) > 0 || orphans > 0 {
		summary += fmt.Sprintf("; %d runbooks in the repository are not linked from any alert", orphans)
	}
	counts := map[string]int{"alerts": n, "withRunbook": withLink, "resolved": resolved, "external": external, "broken": broken, "orphanRunbooks": orphans}
	o := outcome{Summary: summary, Evidence: ev, Gaps: gaps, Counts: counts}
	switch {
	case withLink*10 >= n*8 && resolved*2 >= withLink:
		o.Status, o.Confidence = Found, High
	case withLink*10 >= n*8:
		o.Status, o.Confidence = Found, Medium // links point outside the repository (rule R5)
	case withLink > 0:
		o.Status, o.Confidence = Partial, Medium
	default:
		o.Status = NotFound
	}
	return o
}

func firstNonZero(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// checkAlertRouting: OPS10-BP03, alerts are prioritised and routed by severity.
func checkAlertRouting(f *Facts) outcome {
	var routes, ev []Item
	for _, r := range f.Routers {
		for _, rt := range r.Routes {
			m := strings.ToLower(strings.Join(rt.Matchers, " "))
			if containsAny(m, "severity", "priority", "urgency", "tier") {
				routes = append(routes, item(r.Path, rt.Line, fmt.Sprintf("route %s → receiver %s", strings.Join(rt.Matchers, ", "), rt.Receiver)))
			}
		}
		if r.Inhibits > 0 {
			ev = append(ev, item(r.Path, r.Line, plural(r.Inhibits, "inhibit rule", "inhibit rules")+" let higher severities suppress lower ones"))
		}
	}
	for _, res := range f.Resources {
		if res.Type == "pagerduty_service" || res.Type == "pagerduty_event_orchestration_service" || res.Type == "opsgenie_alert_policy" {
			if _, _, ok := res.attrPrefix("incident_urgency_rule"); ok || res.Type != "pagerduty_service" {
				routes = append(routes, item(res.Path, res.Line, res.Type+" "+res.Name+" sets urgency"))
			}
		}
	}
	withSev := 0
	for _, a := range f.allAlerts() {
		if a.Severity != "" && scopeOf(a.Path) == firstParty {
			withSev++
		}
	}
	switch {
	case own(routes) > 0:
		return outcome{Status: Found, Confidence: High, Summary: plural(len(routes), "route sends alerts by severity or priority", "routes send alerts by severity or priority"), Evidence: append(routes, ev...), Counts: map[string]int{"severityRoutes": len(routes), "alertsWithSeverity": withSev}}
	case withSev > 0:
		o := partial(Low, plural(withSev, "alert carries", "alerts carry")+" a severity, but no routing by severity was found", nil)
		for _, a := range f.allAlerts() {
			if a.Severity != "" && len(o.Evidence) < 10 {
				o.Evidence = append(o.Evidence, item(a.Path, a.Line, "alert "+a.Name+" severity "+a.Severity))
			}
		}
		return o
	}
	return notFound("no severity labels or severity-based routing found")
}

// checkAlertOwners: OPS02-BP03, alerts and on-call duties belong to teams.
func checkAlertOwners(f *Facts) outcome {
	var ev []Item
	teams := 0
	for _, a := range f.allAlerts() {
		if a.Team != "" && scopeOf(a.Path) != fixtureScope {
			teams++
			if len(ev) < 20 {
				ev = append(ev, item(a.Path, a.Line, "alert "+a.Name+" belongs to team "+a.Team))
			}
		}
	}
	for _, r := range f.Routers {
		for _, rt := range r.Routes {
			m := strings.ToLower(strings.Join(rt.Matchers, " "))
			if containsAny(m, "team", "owner", "squad", "service") {
				ev = append(ev, item(r.Path, rt.Line, "route "+strings.Join(rt.Matchers, ", ")+" → "+rt.Receiver))
			}
		}
	}
	for _, res := range f.Resources {
		if res.Type == "pagerduty_service" {
			if v, line, ok := res.attr("escalation_policy"); ok {
				ev = append(ev, item(res.Path, line, "PagerDuty service "+res.Name+" escalates through "+v))
			}
		}
	}
	for _, s := range f.SLOs {
		if s.Service != "" {
			ev = append(ev, item(s.Path, s.Line, "SLO "+s.Name+" for service "+s.Service))
		}
	}
	return judge(ev, Medium, summarise(counted{teams, "alert carries a team", "alerts carry a team"}, counted{len(ev) - min(teams, 20), "route, service or SLO names an owner", "routes, services or SLOs name owners"}), "no team labels on alerts, team routes or owned services found")
}
