package scan

import (
	"fmt"
	"strings"
)

// checkTelemetrySDK: OPS04-BP02, the application emits telemetry.
func checkTelemetrySDK(f *Facts) outcome {
	sdks := f.sdkItems(sdkTelemetry|sdkStructuredLog, "telemetry library")
	var cfg []Item
	for _, r := range f.Resources {
		for _, s := range r.settings {
			k, v, lk, lv := s.k, s.v, s.lk, s.lv
			switch {
			case strings.Contains(lk, "powertools_") || strings.Contains(lk, "otel_"):
				cfg = append(cfg, item(r.Path, s.line, r.Type+" "+r.Name+": "+lastKey(k)+"="+v))
			case strings.Contains(lk, "layers") && (strings.Contains(lv, "powertools") || strings.Contains(lv, "otel") || strings.Contains(lv, "adot")):
				cfg = append(cfg, item(r.Path, s.line, r.Type+" "+r.Name+" uses layer "+v))
			case strings.HasSuffix(lk, "logconfiguration.logdriver") || strings.HasSuffix(lk, "log_configuration.log_driver") ||
				strings.HasSuffix(lk, "logging_config.log_format") || strings.HasSuffix(lk, "loggingconfig.logformat") ||
				strings.HasSuffix(lk, "accesslogsetting.destinationarn") || strings.HasSuffix(lk, "access_log_settings.destination_arn"):
				cfg = append(cfg, item(r.Path, s.line, r.Type+" "+r.Name+": "+lastKey(k)+"="+v))
			}
		}
	}
	var monitors []Item
	for _, o := range f.Objects {
		if o.Kind == "ServiceMonitor" || o.Kind == "PodMonitor" {
			monitors = append(monitors, item(o.Path, o.Line, o.Kind+" "+o.Name+" scrapes metrics"))
		}
	}
	code, codeSummary := f.codeTelemetry()
	counts := map[string]int{"sdkDependencies": len(sdks), "configSettings": len(cfg), "scrapeTargets": len(monitors), "sourceFiles": distinctFiles(code)}
	ev := append(append(append(code, sdks...), cfg...), monitors...)
	switch {
	case own(sdks)+own(code) > 0:
		var parts []string
		if codeSummary != "" {
			parts = append(parts, codeSummary)
		}
		if len(sdks) > 0 {
			parts = append(parts, fmt.Sprintf("%s in %s", plural(len(sdks), "telemetry library", "telemetry libraries"), plural(distinctFiles(sdks), "manifest", "manifests")))
		}
		if len(cfg) > 0 {
			parts = append(parts, plural(len(cfg), "telemetry setting", "telemetry settings")+" in IaC")
		}
		return outcome{Status: Found, Confidence: High, Summary: strings.Join(parts, "; "), Evidence: ev, Counts: counts}
	case own(cfg) > 0:
		return outcome{Status: Found, Confidence: Medium, Summary: plural(len(cfg), "telemetry setting", "telemetry settings") + " in IaC (logging, metrics or tracing layers)", Evidence: ev, Counts: counts}
	case len(monitors)+len(sdks)+len(code) > 0:
		o := partial(Low, plural(len(monitors), "metrics scrape target", "metrics scrape targets")+"; no telemetry SDK in the first-party dependency manifests or source imports", ev)
		o.Counts = counts
		return o
	}
	return notFound("no telemetry SDK in dependency manifests or source imports and no telemetry settings in IaC")
}

// codeTelemetry returns the telemetry first-party source code shows (observability_code.go)
// and a summary by kind: structured logs, metrics, tracing. Hand-rolled tracing counts when
// the code both follows the W3C traceparent header and sends spans to an OTLP endpoint.
func (f *Facts) codeTelemetry() ([]Item, string) {
	files := map[SignalKind]map[string]bool{}
	var out []Item
	for _, s := range f.signals(sigCodeLogs, sigCodeMetrics, sigCodeTracing) {
		if files[s.Kind] == nil {
			files[s.Kind] = map[string]bool{}
		}
		files[s.Kind][s.Path] = true
		out = append(out, sigItem(s))
	}
	hand := f.handTracing()
	out = append(out, hand...)
	var parts []string
	for _, k := range [...]struct {
		kind  SignalKind
		label string
	}{{sigCodeLogs, "structured logging"}, {sigCodeMetrics, "metrics"}, {sigCodeTracing, "tracing SDK"}} {
		if n := len(files[k.kind]); n > 0 {
			parts = append(parts, k.label+" in "+plural(n, "file", "files"))
		}
	}
	if len(hand) > 0 && len(files[sigCodeTracing]) == 0 {
		parts = append(parts, "tracing by hand (traceparent and OTLP)")
	}
	if len(parts) == 0 {
		return out, ""
	}
	return out, "source code: " + strings.Join(parts, ", ")
}

// handTracing is tracing written without an SDK: the traceparent header followed, and spans
// sent to an OTLP endpoint. Either alone is not tracing.
func (f *Facts) handTracing() []Item {
	ctx, otlp := f.signals(sigCodeTraceContext), f.signals(sigCodeOTLP)
	if len(ctx) == 0 || len(otlp) == 0 {
		return nil
	}
	var out []Item
	for _, s := range append(ctx, otlp...) {
		out = append(out, sigItem(s))
	}
	return out
}

func lastKey(k string) string {
	if i := strings.LastIndexByte(k, '.'); i >= 0 {
		return k[i+1:]
	}
	return k
}

// tracingSettings finds active tracing in IaC.
func (f *Facts) tracingSettings() []Item {
	var out []Item
	for _, r := range f.Resources {
		if strings.HasPrefix(r.Type, "aws_xray_") || strings.HasPrefix(r.Type, "AWS::XRay::") {
			out = append(out, item(r.Path, r.Line, r.Type+" "+r.Name))
			continue
		}
		for _, s := range r.settings {
			k, v, lk, lv := s.k, s.v, s.lk, s.lv
			switch {
			case (lk == "tracing" || strings.HasSuffix(lk, "tracingconfig.mode") || strings.HasSuffix(lk, "tracing_config.mode")) && lv == "active":
				out = append(out, item(r.Path, s.line, r.Type+" "+r.Name+": "+k+" = "+v))
			case (lk == "tracingenabled" || lk == "xray_tracing_enabled" || strings.HasSuffix(lk, "tracingconfiguration.enabled") || strings.HasSuffix(lk, "tracing_configuration.enabled")) && isTrue(lv):
				out = append(out, item(r.Path, s.line, r.Type+" "+r.Name+": "+k+" = "+v))
			}
		}
	}
	return out
}

// collectorPipelines returns collector pipelines of a signal type whose exporters go somewhere
// (a pipeline that only prints with the debug exporter is not a backend).
func (f *Facts) collectorPipelines(signal string) []Item {
	var out []Item
	for _, c := range f.Collectors {
		for _, p := range c.Pipelines {
			if p.Key != signal && !strings.HasPrefix(p.Key, signal+"/") {
				continue
			}
			connector := map[string]bool{}
			for _, cn := range c.Connectors {
				connector[cn.Key] = true
			}
			var real []string
			for _, e := range strings.Split(p.Value, ",") {
				e = strings.TrimSpace(e)
				if e != "" && e != "debug" && e != "logging" && e != "nop" && !strings.HasPrefix(e, "debug/") && !connector[e] {
					real = append(real, e)
				}
			}
			if len(real) > 0 {
				out = append(out, item(c.Path, p.Line, fmt.Sprintf("collector %s pipeline exports to %s", p.Key, strings.Join(real, ", "))))
			}
		}
	}
	return out
}

// checkTracing: OPS04-BP05, distributed tracing is configured.
func checkTracing(f *Facts) outcome {
	iac := f.tracingSettings()
	pipes := f.collectorPipelines("traces")
	var crs []Item
	for _, o := range f.Objects {
		if o.Kind == "Instrumentation" && strings.HasPrefix(o.group(), "opentelemetry.io") {
			crs = append(crs, item(o.Path, o.Line, "OpenTelemetry Instrumentation "+o.Name+" injects tracing"))
		}
	}
	sdks := f.sdkItems(sdkTracing, "tracing library")
	var code []Item // tracing SDKs imported by source files, or tracing written by hand
	for _, s := range f.signals(sigCodeTracing) {
		code = append(code, sigItem(s))
	}
	code = append(code, f.handTracing()...)
	libs := counted{len(sdks), "tracing library", "tracing libraries"}
	src := counted{distinctFiles(code), "source file with tracing", "source files with tracing"}
	ev := append(append(append(append(iac, pipes...), crs...), sdks...), code...)
	counts := map[string]int{"iacSettings": len(iac), "collectorPipelines": len(pipes), "instrumentations": len(crs), "sdkDependencies": len(sdks), "sourceFiles": distinctFiles(code)}
	switch {
	case own(iac)+own(pipes)+own(crs) > 0:
		o := outcome{Status: Found, Confidence: High, Summary: summarise(counted{len(iac), "active-tracing setting in IaC", "active-tracing settings in IaC"}, counted{len(pipes), "collector traces pipeline", "collector traces pipelines"}, counted{len(crs), "auto-instrumentation resource", "auto-instrumentation resources"}, libs, src), Evidence: ev, Counts: counts}
		return o
	case own(sdks)+own(code) > 0:
		s := summarise(libs, src)
		if len(code) == 0 {
			s += " in dependency manifests"
		}
		return outcome{Status: Found, Confidence: Medium, Summary: s + "; no tracing backend configuration found", Evidence: ev, Counts: counts}
	case len(ev) > 0:
		return partial(Low, "tracing only in examples", ev)
	}
	return notFound("no X-Ray or OpenTelemetry tracing configuration and no tracing library or tracing code found")
}

// checkUXTelemetry: OPS04-BP03, real-user monitoring and synthetic checks.
func checkUXTelemetry(f *Facts) outcome {
	var ev []Item
	for _, r := range f.Resources {
		switch r.Type {
		case "aws_rum_app_monitor", "AWS::RUM::AppMonitor", "aws_synthetics_canary", "AWS::Synthetics::Canary",
			"aws_route53_health_check", "AWS::Route53::HealthCheck", "datadog_synthetics_test", "checkly_check",
			"newrelic_synthetics_monitor", "google_monitoring_uptime_check_config", "grafana_synthetic_monitoring_check",
			"pingdom_check", "uptimerobot_monitor", "betteruptime_monitor":
			ev = append(ev, item(r.Path, r.Line, r.Type+" "+r.Name))
		}
	}
	for _, o := range f.Objects {
		if o.Kind == "Probe" && o.group() == "monitoring.coreos.com" {
			if m, ok := o.mark("target"); ok {
				ev = append(ev, item(o.Path, m.Line, "blackbox Probe "+o.Name+" checks "+m.Value))
			}
		}
	}
	for _, c := range f.Collectors {
		for _, r := range c.Receivers {
			if strings.HasPrefix(r.Key, "httpcheck") || strings.HasPrefix(r.Key, "http_check") {
				ev = append(ev, item(c.Path, r.Line, "collector synthetic check receiver "+r.Key))
			}
		}
	}
	for _, s := range f.signals(sigSynthetic) {
		ev = append(ev, sigItem(s))
	}
	rum := f.sdkItems(sdkRUM, "browser/mobile telemetry library")
	ev = append(ev, rum...)
	return judge(ev, High, fmt.Sprintf("%s (%d from front-end libraries)", plural(len(ev), "user-experience signal", "user-experience signals"), len(rum)), "no real-user monitoring, synthetic canary, health check or blackbox probe found")
}

// checkDependencyTelemetry: OPS04-BP04, the workload watches what it depends on.
func checkDependencyTelemetry(f *Facts) outcome {
	var ev []Item
	depReceivers := 0
	for _, c := range f.Collectors {
		for _, r := range c.Receivers {
			name := strings.SplitN(r.Key, "/", 2)[0]
			switch name {
			case "redis", "postgresql", "mysql", "mongodb", "mongodbatlas", "kafkametrics", "rabbitmq", "nginx", "apache",
				"docker_stats", "hostmetrics", "host_metrics", "k8s_cluster", "kubeletstats", "elasticsearch", "memcached",
				"sqlserver", "oracledb", "awscloudwatch", "awsecscontainermetrics", "jmx", "haproxy", "zookeeper", "couchdb",
				"riak", "snowflake", "vcenter", "iis", "activedirectoryds", "nsxt", "bigip", "aerospike", "cassandra", "valkey":
				depReceivers++
				ev = append(ev, item(c.Path, r.Line, "collector receiver "+r.Key+" watches a dependency"))
			}
		}
	}
	monitors := 0
	for _, o := range f.Objects {
		if o.Kind == "ServiceMonitor" || o.Kind == "PodMonitor" || o.Kind == "ScrapeConfig" {
			monitors++
			ev = append(ev, item(o.Path, o.Line, o.Kind+" "+o.Name))
		}
	}
	downstream := 0
	for _, r := range f.Resources {
		if !(r.Type == "aws_cloudwatch_metric_alarm" || r.Type == "AWS::CloudWatch::Alarm") {
			continue
		}
		ns, _ := r.attrLower("namespace")
		metric, _ := r.attrLower("metric_name", "MetricName")
		if containsAny(ns, "aws/sqs", "aws/dynamodb", "aws/rds", "aws/elasticache", "aws/kinesis", "aws/sns", "aws/es", "aws/kafka") ||
			containsAny(metric, "approximateageofoldestmessage", "throttle", "replicalag", "connections") {
			downstream++
			ev = append(ev, item(r.Path, r.Line, "alarm "+r.Name+" watches "+ns+" "+metric))
		}
	}
	for _, r := range f.Resources {
		if (r.Type == "aws_cloudwatch_event_rule" || r.Type == "AWS::Events::Rule") && strings.Contains(strings.ToLower(fmt.Sprint(r.Attrs)), "aws.health") {
			downstream++
			ev = append(ev, item(r.Path, r.Line, "EventBridge rule on AWS Health events"))
		}
	}
	inst := f.sdkItems(sdkInstrumentation, "client instrumentation")
	ev = append(ev, inst...)
	counts := map[string]int{"collectorReceivers": depReceivers, "scrapeTargets": monitors, "instrumentationLibraries": len(inst), "downstreamAlarms": downstream}
	o := judge(ev, Medium, summarise(counted{depReceivers, "collector receiver for a dependency", "collector receivers for dependencies"}, counted{monitors, "scrape target", "scrape targets"}, counted{downstream, "downstream alarm or health rule", "downstream alarms or health rules"}, counted{len(inst), "client instrumentation library", "client instrumentation libraries"}), "no dependency metrics (collector receivers, scrape targets, downstream alarms) or client instrumentation found")
	o.Counts = counts
	if o.Status == Found && depReceivers+monitors >= 3 {
		o.Confidence = High
	}
	return o
}

// attrLower returns the first present attribute among keys, lowercased.
func (r *Resource) attrLower(keys ...string) (string, int) {
	for _, k := range keys {
		if v, line, ok := r.attr(k); ok {
			return strings.ToLower(v), line
		}
	}
	return "", 0
}

// checkDashboards: OPS08-BP05, dashboards as code.
func checkDashboards(f *Facts) outcome {
	var ev []Item
	panels := 0
	for _, d := range f.Dashboards {
		panels += d.Panels
		ev = append(ev, item(d.Path, d.Line, fmt.Sprintf("%s dashboard %q (%s)", d.System, d.Title, plural(d.Panels, "panel", "panels"))))
	}
	for _, r := range f.Resources {
		switch r.Type {
		case "aws_cloudwatch_dashboard", "AWS::CloudWatch::Dashboard", "grafana_dashboard", "datadog_dashboard", "datadog_dashboard_json",
			"newrelic_one_dashboard", "google_monitoring_dashboard", "azurerm_portal_dashboard":
			ev = append(ev, item(r.Path, r.Line, r.Type+" "+r.Name))
		}
	}
	for _, s := range f.signals(sigDashboardProvider) {
		ev = append(ev, sigItem(s))
	}
	n := len(f.Dashboards)
	o := judge(ev, High, fmt.Sprintf("%s as code (%d panels)", plural(n+len(ev)-n-len(f.signals(sigDashboardProvider)), "dashboard", "dashboards"), panels), "no dashboards as code found")
	if o.Status != NotFound {
		own := 0
		for _, it := range ev {
			if !hasTag(it, TagExample) && !strings.HasPrefix(it.Text, "dashboard provider") {
				own++
			}
		}
		o.Summary = fmt.Sprintf("%s as code (%d panels)", plural(own, "dashboard", "dashboards"), panels)
		if own == 0 {
			o.Status, o.Confidence = Partial, Low
			o.Summary = "dashboards only in examples or providers without dashboards"
		}
	}
	o.Counts = map[string]int{"dashboards": n, "panels": panels}
	return o
}

// checkLogAnalysis: OPS08-BP02, logs are shipped, kept and queried.
func checkLogAnalysis(f *Facts) outcome {
	ev := f.collectorPipelines("logs")
	for _, r := range f.Resources {
		switch {
		case r.Type == "aws_cloudwatch_log_metric_filter" || r.Type == "AWS::Logs::MetricFilter",
			r.Type == "aws_cloudwatch_query_definition" || r.Type == "AWS::Logs::QueryDefinition",
			r.Type == "aws_cloudwatch_log_subscription_filter" || r.Type == "AWS::Logs::SubscriptionFilter":
			ev = append(ev, item(r.Path, r.Line, r.Type+" "+r.Name))
		case r.Type == "aws_cloudwatch_log_group" || r.Type == "AWS::Logs::LogGroup":
			if v, line := r.attrLower("retention_in_days", "RetentionInDays"); v != "" {
				ev = append(ev, item(r.Path, line, "log group "+r.Name+" keeps logs "+v+" days"))
			}
		}
	}
	for _, s := range f.signals(sigDatasource) {
		if containsAny(s.Text, "loki", "elasticsearch", "opensearch", "cloudwatch", "splunk") {
			ev = append(ev, sigItem(s))
		}
	}
	for _, a := range f.Alerts {
		if a.LogBased {
			ev = append(ev, item(a.Path, a.Line, "log-based alert "+a.Name))
		}
	}
	for _, s := range f.signals(sigLogShipping) {
		ev = append(ev, sigItem(s))
	}
	return judge(ev, Medium, plural(len(ev), "log pipeline, store, retention or query setting", "log pipelines, stores, retention or query settings"), "no log shipping, retention, metric filter or saved query found")
}

// checkTraceAnalysis: OPS08-BP03, traces reach a backend where people analyse them.
func checkTraceAnalysis(f *Facts) outcome {
	ev := f.collectorPipelines("traces")
	for _, s := range f.signals(sigDatasource) {
		if containsAny(s.Text, "jaeger", "tempo", "zipkin", "x-ray", "xray") {
			ev = append(ev, sigItem(s))
		}
	}
	for _, r := range f.Resources {
		if r.Type == "aws_xray_group" || r.Type == "AWS::XRay::Group" {
			ev = append(ev, item(r.Path, r.Line, "X-Ray group "+r.Name))
		}
	}
	if len(ev) == 0 {
		for _, it := range f.tracingSettings() {
			it.Text += " (traces go to X-Ray)"
			ev = append(ev, it)
		}
	}
	return judge(ev, Medium, plural(len(ev), "trace backend or analysis setting", "trace backends or analysis settings"), "no trace backend (Jaeger, Tempo, X-Ray) configured")
}

// checkMetricAnalysis: OPS08-BP01, metrics are collected and analysed (recording rules,
// scrape configs, anomaly detection, metrics pipelines).
func checkMetricAnalysis(f *Facts) outcome {
	var ev []Item
	rec := f.signals(sigRecordingRule)
	for i, s := range rec {
		if i < 10 {
			ev = append(ev, sigItem(s))
		}
	}
	for _, s := range f.signals(sigScrapeConfig) {
		ev = append(ev, sigItem(s))
	}
	for _, o := range f.Objects {
		if o.Kind == "Prometheus" && o.group() == "monitoring.coreos.com" {
			ev = append(ev, item(o.Path, o.Line, "Prometheus server "+o.Name))
		}
	}
	ev = append(ev, f.collectorPipelines("metrics")...)
	for _, c := range f.Collectors {
		for _, cn := range c.Connectors {
			if strings.Contains(cn.Key, "spanmetrics") || strings.Contains(cn.Key, "span_metrics") {
				ev = append(ev, item(c.Path, cn.Line, "span metrics connector "+cn.Key))
			}
		}
	}
	for _, r := range f.Resources {
		if r.Type == "aws_cloudwatch_metric_alarm" || r.Type == "AWS::CloudWatch::Alarm" {
			if strings.Contains(strings.ToUpper(fmt.Sprint(r.Attrs)), "ANOMALY_DETECTION") {
				ev = append(ev, item(r.Path, r.Line, "anomaly-detection alarm "+r.Name))
			}
		}
	}
	o := judge(ev, Medium, summarise(counted{len(rec), "recording rule", "recording rules"}, counted{len(ev) - min(len(rec), 10), "metrics pipeline or server", "metrics pipelines or servers"}), "no recording rules, metrics pipelines or anomaly detection found")
	o.Counts = map[string]int{"recordingRules": len(rec)}
	return o
}

// checkSLOs: OPS04-BP01, key performance indicators defined as SLOs.
func checkSLOs(f *Facts) outcome {
	var ev []Item
	for _, s := range f.SLOs {
		ev = append(ev, item(s.Path, s.Line, fmt.Sprintf("%s SLO %s", s.System, s.Name)))
	}
	for _, r := range f.Resources {
		switch r.Type {
		case "aws_applicationsignals_service_level_objective", "AWS::ApplicationSignals::ServiceLevelObjective",
			"datadog_service_level_objective", "google_monitoring_slo", "nobl9_slo", "newrelic_service_level", "grafana_slo":
			ev = append(ev, item(r.Path, r.Line, r.Type+" "+r.Name))
		}
	}
	var burn []Item
	for _, a := range f.Alerts {
		l := strings.ToLower(a.Name + " " + a.Expr)
		if strings.Contains(l, "burn") || strings.Contains(l, "errorbudget") || strings.Contains(l, "error_budget") {
			burn = append(burn, item(a.Path, a.Line, "burn-rate alert "+a.Name))
		}
	}
	var docs []Item
	for _, d := range f.Docs {
		l := d.lpath
		if hasWord(l, "kpi") || hasWord(l, "kpis") || hasWord(l, "slo") || hasWord(l, "slos") || hasWord(l, "sli") || strings.Contains(l, "service-level") {
			docs = append(docs, item(d.Path, 1, "document: "+d.Title, TagDocs))
		}
	}
	counts := map[string]int{"slos": len(ev), "burnRateAlerts": len(burn)}
	switch {
	case own(ev) > 0:
		return outcome{Status: Found, Confidence: High, Summary: summarise(counted{len(ev), "SLO definition", "SLO definitions"}, counted{len(burn), "burn-rate alert", "burn-rate alerts"}), Evidence: append(append(ev, burn...), docs...), Counts: counts}
	case len(burn)+len(docs)+len(ev) > 0:
		o := partial(Low, summarise(counted{len(burn), "burn-rate alert", "burn-rate alerts"}, counted{len(docs), "KPI/SLO document", "KPI/SLO documents"})+", but no SLO definition for the workload", append(append(burn, docs...), ev...))
		o.Counts = counts
		return o
	}
	return notFound("no SLO definitions, burn-rate alerts or KPI documents found")
}
