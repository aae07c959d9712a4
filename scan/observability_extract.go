package scan

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Collector is an OpenTelemetry collector configuration.
type Collector struct {
	Path       string
	Receivers  []Mark // name and line
	Exporters  []Mark
	Connectors []Mark
	Pipelines  []Mark // Key is the pipeline name (traces, metrics/x, logs); Value lists its exporters
}

// Dashboard is a dashboard as code.
type Dashboard struct {
	Path   string
	Line   int
	System string // grafana, grafana-operator, cloudwatch, datadog, ...
	Title  string
	Panels int
}

// SLO is a service level objective.
type SLO struct {
	Path    string
	Line    int
	System  string // openslo, sloth, pyrra, aws, datadog, google, nobl9
	Name    string
	Service string
}

// SignalKinds of the observability family.
const (
	sigDatasource        SignalKind = "datasource"
	sigDashboardProvider SignalKind = "dashboard-provider"
	sigScrapeConfig      SignalKind = "scrape-config"
	sigFeatureFlags      SignalKind = "feature-flags"
	sigLogShipping       SignalKind = "log-shipping"
	sigTraceBackend      SignalKind = "trace-backend"
	sigSynthetic         SignalKind = "synthetic-check"
	sigStatusPage        SignalKind = "status-page"
)

func extractCollector(f *Facts, p string, d *doc, root *yaml.Node) {
	c := &Collector{Path: p}
	names := func(key string) []Mark {
		var out []Mark
		d.pairs(d.get(root, key), func(k string, kn, _ *yaml.Node) { out = append(out, Mark{Key: k, Line: kn.Line}) })
		return out
	}
	c.Receivers, c.Exporters, c.Connectors = names("receivers"), names("exporters"), names("connectors")
	d.pairs(d.path(root, "service", "pipelines"), func(k string, kn, v *yaml.Node) {
		c.Pipelines = append(c.Pipelines, Mark{Key: k, Value: strings.Join(d.strs(d.get(v, "exporters")), ","), Line: kn.Line})
	})
	if len(c.Receivers)+len(c.Exporters) > 0 {
		f.Collectors = append(f.Collectors, c)
	}
}

// isGrafanaDashboard recognises a Grafana dashboard model (or an export wrapping one).
func isGrafanaDashboard(d *doc, root *yaml.Node) bool {
	if inner := d.get(root, "dashboard"); d.isMap(inner) {
		root = inner
	}
	if d.get(root, "panels") == nil && d.get(root, "rows") == nil {
		return false
	}
	return d.get(root, "title") != nil || d.get(root, "schemaVersion") != nil || d.get(root, "uid") != nil
}

func extractGrafanaDashboard(f *Facts, p string, d *doc, root *yaml.Node, lineOffset int) {
	if inner := d.get(root, "dashboard"); d.isMap(inner) {
		root = inner
	}
	n := 0
	for _, pnl := range d.items(d.get(root, "panels")) {
		n++
		n += len(d.items(d.get(pnl, "panels"))) // collapsed rows hold their panels
	}
	for _, row := range d.items(d.get(root, "rows")) {
		n += len(d.items(d.get(row, "panels")))
	}
	f.Dashboards = append(f.Dashboards, &Dashboard{Path: p, Line: root.Line + lineOffset, System: "grafana", Title: d.gets(root, "title"), Panels: n})
}

// dashboardModel is the little of a Grafana dashboard the checks use. Decoding into it skips
// everything else, which is most of a dashboard and most of the time parsing it.
type dashboardModel struct {
	Title         string            `json:"title"`
	UID           string            `json:"uid"`
	SchemaVersion json.RawMessage   `json:"schemaVersion"`
	Panels        []json.RawMessage `json:"panels"`
	Rows          []struct {
		Panels []json.RawMessage `json:"panels"`
	} `json:"rows"`
	Dashboard *dashboardModel `json:"dashboard"`
}

// fastDashboard reads a Grafana dashboard without building a tree. It reports false when the
// JSON is not a dashboard object, and the caller falls back to the general reader.
func fastDashboard(f *Facts, p string, data []byte, line int) bool {
	var m dashboardModel
	if err := json.Unmarshal(data, &m); err != nil {
		return false
	}
	if m.Dashboard != nil {
		m = *m.Dashboard
	}
	if m.Panels == nil && m.Rows == nil {
		return false
	}
	if m.Title == "" && m.UID == "" && m.SchemaVersion == nil {
		return false
	}
	n := 0
	for _, raw := range m.Panels {
		n += 1 + rowPanels(raw) // collapsed rows hold their panels
	}
	for _, r := range m.Rows {
		n += len(r.Panels)
	}
	f.Dashboards = append(f.Dashboards, &Dashboard{Path: p, Line: line, System: "grafana", Title: m.Title, Panels: n})
	return true
}

// rowPanels counts the panels a collapsed row holds: the elements of the "panels" array of
// raw, a panel that json.Unmarshal has already checked is valid JSON. It reads raw once and
// keeps nothing, where decoding every panel again cost as much as the dashboard itself. Keys
// match case-insensitively and the last one wins, as encoding/json has it.
func rowPanels(raw []byte) int {
	c := jsonCursor{b: raw}
	if !c.take('{') {
		return 0
	}
	n := 0
	for !c.take('}') && c.i < len(c.b) {
		key := c.str()
		c.take(':')
		if bytes.EqualFold(key, []byte("panels")) {
			n = c.arrayLen()
		} else {
			c.skip()
		}
		c.take(',')
	}
	return n
}

// jsonCursor walks valid JSON without decoding it.
type jsonCursor struct {
	b []byte
	i int
}

func (c *jsonCursor) space() {
	for c.i < len(c.b) && (c.b[c.i] == ' ' || c.b[c.i] == '\t' || c.b[c.i] == '\n' || c.b[c.i] == '\r') {
		c.i++
	}
}

// take consumes the byte b (after white space) when it is next.
func (c *jsonCursor) take(b byte) bool {
	c.space()
	if c.i < len(c.b) && c.b[c.i] == b {
		c.i++
		return true
	}
	return false
}

// str consumes a string and returns its raw contents (escapes as written).
func (c *jsonCursor) str() []byte {
	if !c.take('"') {
		c.skip()
		return nil
	}
	start := c.i
	for c.i < len(c.b) && c.b[c.i] != '"' {
		if c.b[c.i] == '\\' {
			c.i++
		}
		c.i++
	}
	end := min(c.i, len(c.b))
	c.i++
	return c.b[start:end]
}

// skip consumes one value of any kind.
func (c *jsonCursor) skip() {
	c.space()
	if c.i >= len(c.b) {
		return
	}
	switch c.b[c.i] {
	case '"':
		c.str()
	case '{', '[':
		depth := 0
		for c.i < len(c.b) {
			switch c.b[c.i] {
			case '"':
				c.str()
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
			c.i++
			if depth == 0 {
				return
			}
		}
	default: // a number, true, false or null
		for c.i < len(c.b) && !bytes.ContainsAny(c.b[c.i:c.i+1], ",}] \t\r\n") {
			c.i++
		}
	}
}

// arrayLen consumes a value and returns its number of elements when it is an array, else 0.
func (c *jsonCursor) arrayLen() int {
	if !c.take('[') {
		c.skip()
		return 0
	}
	n := 0
	for !c.take(']') && c.i < len(c.b) {
		c.skip()
		n++
		c.take(',')
	}
	return n
}

// extractSloth reads a Sloth SLO file (prometheus/v1) or PrometheusServiceLevel spec.
func extractSloth(f *Facts, p string, d *doc, root *yaml.Node) {
	svc := d.gets(root, "service")
	for _, s := range d.items(d.get(root, "slos")) {
		f.SLOs = append(f.SLOs, &SLO{Path: p, Line: s.Line, System: "sloth", Name: d.gets(s, "name"), Service: svc})
	}
}

// extractFlagd reads a flagd feature-flag definition.
func extractFlagd(f *Facts, p string, d *doc, root *yaml.Node) {
	flags := d.get(root, "flags")
	n := 0
	d.pairs(flags, func(string, *yaml.Node, *yaml.Node) { n++ })
	if n > 0 {
		f.signal(sigFeatureFlags, p, flags.Line, strconv.Itoa(n)+" flagd feature flags")
	}
}

// extractPrometheusConfig reads a Prometheus server configuration.
func extractPrometheusConfig(f *Facts, p string, d *doc, root *yaml.Node) {
	sc := d.get(root, "scrape_configs")
	if sc == nil {
		return
	}
	jobs := d.items(sc)
	f.signal(sigScrapeConfig, p, sc.Line, strconv.Itoa(len(jobs))+" scrape jobs")
	for _, j := range jobs {
		name := d.gets(j, "job_name")
		if strings.Contains(name, "blackbox") || d.gets(j, "metrics_path") == "/probe" {
			f.signal(sigSynthetic, p, j.Line, "blackbox probe job "+name)
		}
	}
}
