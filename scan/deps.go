package scan

import (
	"fmt"
	"strings"
)

// sdkKind classifies a dependency name: which operational capability the library gives.
type sdkKind uint16

const (
	sdkTelemetry       sdkKind = 1 << iota // metrics, traces or logs SDK
	sdkTracing                             // distributed tracing specifically
	sdkRUM                                 // browser or mobile user-experience telemetry
	sdkInstrumentation                     // client instrumentation of dependencies (HTTP, gRPC, SQL, AWS SDK)
	sdkStructuredLog                       // structured logging
	sdkFeatureFlags                        // feature flags and experiments
	sdkMigrations                          // schema migrations with down steps
)

// classifySDK recognises well-known libraries by name prefix. The lists are literal so a
// reviewer can see exactly what counts.
func classifySDK(eco, name string) sdkKind {
	n := strings.ToLower(name)
	var k sdkKind
	has := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(n, p) {
				return true
			}
		}
		return false
	}
	if has("go.opentelemetry.io/", "@opentelemetry/", "opentelemetry", "io.opentelemetry", "open-telemetry/", "github.com/prometheus/client_golang",
		"prom-client", "prometheus-client", "prometheus_client", "io.prometheus", "prometheus-net", "micrometer", "io.micrometer",
		"aws-lambda-powertools", "@aws-lambda-powertools/", "aws-embedded-metrics", "github.com/aws/aws-xray-sdk-go", "aws-xray-sdk",
		"com.amazonaws:aws-xray", "awsxrayrecorder", "aws.xray", "dd-trace", "ddtrace", "gopkg.in/datadog", "github.com/datadog/dd-trace-go",
		"datadog.trace", "newrelic", "@newrelic/", "github.com/newrelic/", "sentry-sdk", "@sentry/node", "github.com/getsentry/sentry-go",
		"sentry-ruby", "io.sentry", "elastic-apm", "co.elastic.apm", "microsoft.applicationinsights", "applicationinsights",
		"go.opencensus.io", "hot-shots", "statsd", "app.metrics", "prom_ex", "telemetry_metrics", "promphp/", "tracing-opentelemetry") {
		k |= sdkTelemetry
	}
	if has("go.opentelemetry.io/otel/trace", "go.opentelemetry.io/otel/sdk", "@opentelemetry/sdk-trace", "@opentelemetry/sdk-node",
		"opentelemetry-sdk", "opentelemetry-exporter-otlp", "io.opentelemetry:opentelemetry-sdk", "opentelemetry.exporter",
		"github.com/aws/aws-xray-sdk-go", "aws-xray-sdk", "com.amazonaws:aws-xray", "aws.xray", "dd-trace", "ddtrace", "jaeger-client",
		"zipkin", "io.zipkin", "@opentelemetry/api", "opentelemetry-api", "opentelemetry_api", "opentelemetry-instrumentation",
		"opentelemetry.instrumentation", "tracing-opentelemetry", "opentelemetry-otlp", "open-telemetry/sdk", "opentelemetry_exporter") {
		k |= sdkTracing
	}
	if n == "aws-lambda-powertools" || n == "@aws-lambda-powertools/tracer" {
		k |= sdkTracing // the Powertools tracer wraps X-Ray
	}
	if has("aws-rum-web", "@datadog/browser-rum", "@grafana/faro-", "@sentry/browser", "@sentry/react", "@sentry/vue", "@sentry/react-native",
		"web-vitals", "@opentelemetry/sdk-trace-web", "@opentelemetry/instrumentation-document-load", "@opentelemetry/auto-instrumentations-web",
		"@opentelemetry/instrumentation-user-interaction", "@newrelic/browser-agent", "@elastic/apm-rum", "@splunk/otel-web",
		"@honeycombio/opentelemetry-web", "@embrace-io/", "@bugsnag/browser") {
		k |= sdkRUM
	}
	if has("go.opentelemetry.io/contrib/instrumentation/", "@opentelemetry/instrumentation-", "@opentelemetry/auto-instrumentations",
		"opentelemetry-instrumentation-", "io.opentelemetry.instrumentation", "opentelemetry.instrumentation.", "github.com/xsam/otelsql",
		"github.com/uptrace/opentelemetry-go-extra/otelsql", "connectrpc.com/otelconnect", "go.opentelemetry.io/contrib/bridges",
		"opentelemetry.contrib", "opentelemetry-distro") {
		k |= sdkInstrumentation
	}
	if has("go.uber.org/zap", "github.com/rs/zerolog", "github.com/sirupsen/logrus", "pino", "winston", "bunyan", "structlog",
		"python-json-logger", "net.logstash.logback", "logstash-logback-encoder", "serilog", "lograge", "semantic_logger",
		"tracing-subscriber", "monolog/monolog", "log4net", "@aws-lambda-powertools/logger") {
		k |= sdkStructuredLog
	}
	if has("github.com/open-feature/", "@openfeature/", "openfeature", "dev.openfeature", "launchdarkly", "@launchdarkly/",
		"github.com/launchdarkly/", "unleash", "@unleash/", "github.com/unleash/", "growthbook", "@growthbook/", "flagsmith",
		"@splitsoftware/", "configcat", "optimizely", "flipt", "featuremanagement", "microsoft.featuremanagement", "flagd") {
		k |= sdkFeatureFlags
	}
	if has("alembic", "flyway", "org.flywaydb", "liquibase", "org.liquibase", "github.com/golang-migrate/migrate", "github.com/pressly/goose",
		"knex", "sequelize", "typeorm", "prisma", "db-migrate", "django", "ecto_sql", "activerecord", "doctrine/migrations") {
		k |= sdkMigrations
	}
	return k
}

// sdkItems returns first-party, non-development dependencies of the given kind.
func (f *Facts) sdkItems(kind sdkKind, label string) []Item {
	var out []Item
	for _, d := range f.Deps {
		if d.Dev || !d.Direct {
			continue
		}
		if d.SDK&kind != 0 {
			out = append(out, item(d.Path, d.Line, label+" "+d.Name+" ("+d.Ecosystem+")"))
		}
	}
	return out
}

// checkDependencyUpdates: OPS05-BP05, patch management.
func checkDependencyUpdates(f *Facts) outcome {
	var ev, gaps []Item
	eco := 0
	for _, u := range f.Updaters {
		if len(u.Entries) == 0 {
			gaps = append(gaps, item(u.Path, 1, u.System+" configuration has no active update entries (commented out or empty)", TagGap))
			continue
		}
		eco += len(u.Entries)
		var names []string
		for _, e := range u.Entries {
			names = append(names, e.Key)
		}
		ev = append(ev, item(u.Path, u.Entries[0].Line, fmt.Sprintf("%s: %s", u.System, listNames(names, 8))))
	}
	for _, p := range f.ciPipelines() {
		sched := false
		for _, t := range p.Triggers {
			sched = sched || t == "schedule"
		}
		for _, j := range p.Jobs {
			if sched && f.jobActs(j).has(actDepUpdate) {
				ev = append(ev, item(p.Path, j.Line, jobLabel(j)+" updates dependencies on a schedule"))
			}
		}
	}
	for _, r := range f.Resources {
		switch {
		case r.Type == "aws_ssm_patch_baseline" || r.Type == "AWS::SSM::PatchBaseline":
			ev = append(ev, item(r.Path, r.Line, "SSM patch baseline "+r.Name))
		case isTrue(attrOf(r, "auto_minor_version_upgrade", "AutoMinorVersionUpgrade")):
			_, line, _ := r.attr("auto_minor_version_upgrade")
			if line == 0 {
				_, line, _ = r.attr("AutoMinorVersionUpgrade")
			}
			ev = append(ev, item(r.Path, line, r.Type+" "+r.Name+" takes minor version upgrades automatically"))
		}
	}
	scans := f.stepsWith(actVulnScan, 10)
	counts := map[string]int{"updaters": len(f.Updaters) - len(gaps), "entries": eco, "vulnerabilityScans": len(scans)}
	if own(ev) > 0 {
		s := plural(len(ev), "automated update mechanism", "automated update mechanisms")
		if eco > 0 {
			s += fmt.Sprintf(" (%d update entries)", eco)
		}
		if len(scans) > 0 {
			s += "; " + plural(len(scans), "vulnerability scan", "vulnerability scans") + " in CI"
		}
		return outcome{Status: Found, Confidence: High, Summary: s, Evidence: append(ev, scans...), Gaps: gaps, Counts: counts}
	}
	if len(scans) > 0 {
		o := partial(Low, plural(len(scans), "vulnerability scan", "vulnerability scans")+" in CI, but no automated dependency updates", scans)
		o.Gaps, o.Counts = gaps, counts
		return o
	}
	o := notFound("no Dependabot or Renovate configuration, scheduled update job or patch baseline found")
	o.Gaps = gaps
	return o
}

// checkFeatureFlags: feature flags make changes small and reversible (OPS05-BP09 hint).
func checkFeatureFlags(f *Facts) outcome {
	ev := f.sdkItems(sdkFeatureFlags, "feature-flag SDK")
	for _, s := range f.signals(sigFeatureFlags) {
		ev = append(ev, sigItem(s))
	}
	for _, r := range f.Resources {
		if strings.Contains(r.Type, "appconfig") || strings.Contains(r.Type, "AppConfig") {
			ev = append(ev, item(r.Path, r.Line, r.Type+" "+r.Name))
		}
	}
	return judge(ev, Medium, plural(len(ev), "feature-flag library or flag definition", "feature-flag libraries or flag definitions"), "no feature-flag SDK or flag definitions found")
}

// checkReversibleMigrations: down migrations make schema changes reversible (OPS05-BP09,
// OPS06-BP01).
func checkReversibleMigrations(f *Facts) outcome {
	var ev []Item
	for _, s := range f.signals(sigDownMigration) {
		ev = append(ev, sigItem(s))
	}
	ups := f.signals(sigMigration)
	if len(ev) == 0 && len(ups) == 0 && len(f.sdkItems(sdkMigrations, "")) == 0 {
		return notApplicable("no database migrations found")
	}
	if len(ev) == 0 {
		var items []Item
		for i, s := range ups {
			if i < 5 {
				items = append(items, sigItem(s))
			}
		}
		o := notFound(plural(len(ups), "forward migration", "forward migrations") + " and no down or undo migrations")
		o.Gaps = items
		return o
	}
	return judge(ev, Medium, plural(len(ev), "down/undo migration", "down/undo migrations"), "")
}
