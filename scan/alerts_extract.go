package scan

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// AlertRule is one alerting rule or alarm, from any system.
type AlertRule struct {
	Path        string
	Line        int
	System      string // prometheus, grafana, cloudwatch, datadog, grafana-tf
	Name        string
	Group       string
	Severity    string
	Team        string
	Summary     bool // has a summary, description or message
	RunbookURL  string
	RunbookLine int
	Dashboard   bool // links a dashboard
	For         string
	Expr        string
	Actions     int  // notification or automation targets (CloudWatch alarm actions, Datadog @-mentions)
	LogBased    bool // the expression reads logs (LogQL)
}

// SignalKinds of the alerting family.
const (
	sigRecordingRule SignalKind = "recording-rule"
	sigContactPoint  SignalKind = "contact-point"
	sigOnCallRef     SignalKind = "oncall-ref"
)

// extractRuleGroups reads Prometheus-style rule groups (rule files, PrometheusRule, Loki and
// Thanos rulers) and Grafana alerting provisioning, which share the groups/rules shape.
func extractRuleGroups(f *Facts, p string, d *doc, groups *yaml.Node) {
	for _, g := range d.items(groups) {
		gname := d.gets(g, "name")
		for _, r := range d.items(d.get(g, "rules")) {
			if rec := d.get(r, "record"); rec != nil {
				f.signal(sigRecordingRule, p, rec.Line, rec.Value)
				continue
			}
			a := &AlertRule{Path: p, Line: r.Line, Group: gname}
			switch {
			case d.get(r, "alert") != nil:
				a.System = "prometheus"
				a.Name = d.gets(r, "alert")
				a.Line = d.get(r, "alert").Line
				a.Expr = clip(d.gets(r, "expr"), 300)
			case d.get(r, "grafana_alert") != nil:
				a.System = "grafana"
				a.Name = d.gets(r, "grafana_alert", "title")
			case d.get(r, "title") != nil && (d.get(r, "condition") != nil || d.get(r, "data") != nil):
				a.System = "grafana"
				a.Name = d.gets(r, "title")
				a.Line = d.get(r, "title").Line
			default:
				continue
			}
			a.For = d.gets(r, "for")
			labels := d.get(r, "labels")
			a.Severity = firstNonEmpty(d.gets(labels, "severity"), d.gets(labels, "priority"))
			a.Team = firstNonEmpty(d.gets(labels, "team"), d.gets(labels, "team_name"), d.gets(labels, "owner"), d.gets(labels, "squad"))
			ann := d.get(r, "annotations")
			a.Summary = d.gets(ann, "summary") != "" || d.gets(ann, "description") != "" || d.gets(ann, "message") != ""
			for _, k := range [...]string{"runbook_url", "runbook", "runbookURL", "runbook_link", "playbook"} {
				if v := d.get(ann, k); v != nil && v.Value != "" {
					a.RunbookURL, a.RunbookLine = v.Value, v.Line
					break
				}
			}
			for _, k := range [...]string{"dashboard", "dashboard_url", "__dashboardUid__", "grafana_url"} {
				if d.gets(ann, k) != "" {
					a.Dashboard = true
				}
			}
			e := strings.ToLower(a.Expr)
			a.LogBased = strings.Contains(e, "count_over_time({") || strings.Contains(e, "rate({") || strings.Contains(e, "|=")
			f.Alerts = append(f.Alerts, a)
		}
	}
}

// Router is an alert routing tree: an Alertmanager configuration, an AlertmanagerConfig
// resource, or Grafana contact points and notification policies.
type Router struct {
	Path      string
	Line      int
	System    string
	Routes    []Route
	Receivers []Receiver
	Inhibits  int
}

// Route is one node of a routing tree.
type Route struct {
	Line     int
	Depth    int
	Matchers []string
	Receiver string
}

// Receiver is a named destination and the integrations it sends to.
type Receiver struct {
	Name         string
	Line         int
	Integrations []string // pagerduty, opsgenie, slack, email, webhook, sns, ...
	Targets      []string // addresses and URLs, to spot placeholders
}

func extractAlertmanager(f *Facts, p string, d *doc, root *yaml.Node) {
	rt := &Router{Path: p, Line: root.Line, System: "alertmanager"}
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if n == nil || depth > 16 || len(rt.Routes) > 2000 {
			return
		}
		r := Route{Line: n.Line, Depth: depth, Receiver: d.gets(n, "receiver")}
		r.Matchers = append(r.Matchers, d.strs(d.get(n, "matchers"))...)
		d.pairs(d.get(n, "match"), func(k string, _, v *yaml.Node) { r.Matchers = append(r.Matchers, k+"="+v.Value) })
		d.pairs(d.get(n, "match_re"), func(k string, _, v *yaml.Node) { r.Matchers = append(r.Matchers, k+"=~"+v.Value) })
		for _, m := range d.items(d.get(n, "matchers")) {
			if d.isMap(m) { // AlertmanagerConfig CRD form: {name, value, matchType}
				r.Matchers = append(r.Matchers, d.gets(m, "name")+"="+d.gets(m, "value"))
			}
		}
		rt.Routes = append(rt.Routes, r)
		for _, c := range d.items(d.get(n, "routes")) {
			walk(c, depth+1)
		}
	}
	walk(d.get(root, "route"), 0)
	for _, rc := range d.items(d.get(root, "receivers")) {
		rv := Receiver{Name: d.gets(rc, "name"), Line: rc.Line}
		d.pairs(rc, func(k string, _, v *yaml.Node) {
			if !strings.HasSuffix(k, "_configs") && !strings.HasSuffix(k, "Configs") {
				return
			}
			if len(d.items(v)) == 0 {
				return
			}
			kind := strings.TrimSuffix(strings.TrimSuffix(k, "_configs"), "Configs")
			rv.Integrations = append(rv.Integrations, strings.ToLower(kind))
			for _, c := range d.items(v) {
				for _, t := range [...]string{"to", "url", "api_url", "channel", "routing_key", "service_key", "topic_arn"} {
					if s := d.gets(c, t); s != "" {
						rv.Targets = append(rv.Targets, s)
					}
				}
			}
		})
		rt.Receivers = append(rt.Receivers, rv)
	}
	rt.Inhibits = len(d.items(d.get(root, "inhibit_rules"))) + len(d.items(d.get(root, "inhibitRules")))
	f.Routers = append(f.Routers, rt)
}

// extractGrafanaProvisioning reads Grafana's provisioning files: alert rules, contact points,
// notification policies, data sources and dashboard providers.
func extractGrafanaProvisioning(f *Facts, p string, d *doc, root *yaml.Node) {
	if cps := d.get(root, "contactPoints"); cps != nil {
		rt := &Router{Path: p, Line: cps.Line, System: "grafana"}
		for _, cp := range d.items(cps) {
			rv := Receiver{Name: d.gets(cp, "name"), Line: cp.Line}
			for _, r := range d.items(d.get(cp, "receivers")) {
				rv.Integrations = append(rv.Integrations, strings.ToLower(d.gets(r, "type")))
				st := d.get(r, "settings")
				for _, t := range [...]string{"addresses", "url", "integrationKey", "apiKey", "recipient", "topic"} {
					if s := d.gets(st, t); s != "" {
						rv.Targets = append(rv.Targets, s)
					}
				}
			}
			rt.Receivers = append(rt.Receivers, rv)
			f.signal(sigContactPoint, p, cp.Line, "contact point "+rv.Name+" ("+strings.Join(rv.Integrations, ", ")+")")
		}
		f.Routers = append(f.Routers, rt)
	}
	if pols := d.get(root, "policies"); pols != nil {
		rt := &Router{Path: p, Line: pols.Line, System: "grafana"}
		var walk func(n *yaml.Node, depth int)
		walk = func(n *yaml.Node, depth int) {
			if n == nil || depth > 16 || len(rt.Routes) > 2000 {
				return
			}
			rt.Routes = append(rt.Routes, Route{Line: n.Line, Depth: depth, Receiver: d.gets(n, "receiver"), Matchers: d.strs(d.get(n, "object_matchers"))})
			for _, c := range d.items(d.get(n, "routes")) {
				walk(c, depth+1)
			}
		}
		for _, pol := range d.items(pols) {
			walk(pol, 0)
		}
		f.Routers = append(f.Routers, rt)
	}
	for _, ds := range d.items(d.get(root, "datasources")) {
		t := strings.ToLower(d.gets(ds, "type"))
		f.signal(sigDatasource, p, ds.Line, t+" "+d.gets(ds, "name"))
	}
	for _, pr := range d.items(d.get(root, "providers")) {
		if d.get(pr, "options") != nil || d.gets(pr, "type") == "file" {
			f.signal(sigDashboardProvider, p, pr.Line, "dashboard provider "+d.gets(pr, "name"))
		}
	}
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
