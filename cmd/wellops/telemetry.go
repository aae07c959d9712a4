package main

import (
	"context"
	"log/slog"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/metrics"
	"github.com/wellops/wellops/sqldb"
	"github.com/wellops/wellops/tracing"
)

// telemetry is what the server tells its operators: Prometheus metrics on /metrics, trace
// spans to an OTLP endpoint when one is configured. The metric names are the ones the alerts
// in deploy/prometheus/wellops-rules.yaml and the runbooks use.
type telemetry struct {
	registry *metrics.Registry
	tracer   *tracing.Tracer // nil without an OTLP endpoint: every use is then a no-op

	requests *metrics.CounterVec
	latency  *metrics.HistogramVec
	store    *metrics.HistogramVec
}

func newTelemetry(cfg *config, log *slog.Logger) *telemetry {
	r := metrics.NewRegistry()
	t := &telemetry{
		registry: r,
		tracer:   tracing.New(cfg.OTLPEndpoint, "wellops", log.With("component", "tracing")),
		requests: r.Counter("wellops_http_requests_total", "HTTP requests answered, by surface (api, ui), operation and status code.",
			"surface", "operation", "code"),
		latency: r.Histogram("wellops_http_request_duration_seconds", "HTTP request latency by surface and operation.",
			metrics.DefaultBuckets, "surface", "operation"),
		store: r.Histogram("wellops_store_transaction_duration_seconds", "Store transaction latency by store method and outcome.",
			metrics.DefaultBuckets, "op", "outcome"),
	}
	version, goVersion := buildVersion()
	r.GaugeFunc("wellops_build_info", "The running wellops build.", []string{"version", "go_version"}, func(emit func(float64, ...string)) {
		emit(1, version, goVersion)
	})
	return t
}

// watch adds the gauges that read the store: readiness and every workload's risk counts.
func (t *telemetry) watch(db *sqldb.DB) {
	t.registry.GaugeFunc("wellops_ready", "1 when the store answers and its schema is current, else 0.", nil, func(emit func(float64, ...string)) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if db.Ready(ctx) == nil {
			emit(1)
		} else {
			emit(0)
		}
	})
	risks := &riskCache{db: db, ttl: 30 * time.Second}
	t.registry.GaugeFunc("wellops_workload_risk_questions",
		"Questions of each workload by risk (HIGH, MEDIUM, UNANSWERED), across its lens reviews, refreshed every 30s.",
		[]string{"workload_id", "workload", "owner", "risk"}, func(emit func(float64, ...string)) {
			for _, w := range risks.get() {
				emit(float64(w.RiskCounts.High), w.ID, w.Name, w.Owner, "HIGH")
				emit(float64(w.RiskCounts.Medium), w.ID, w.Name, w.Owner, "MEDIUM")
				emit(float64(w.RiskCounts.Unanswered), w.ID, w.Name, w.Owner, "UNANSWERED")
			}
		})
}

// riskCache keeps the risk summary for a while, so frequent scrapes of many workloads do not
// load the store.
type riskCache struct {
	db   *sqldb.DB
	ttl  time.Duration
	mu   sync.Mutex
	at   time.Time
	last []sqldb.WorkloadRisk
}

func (c *riskCache) get() []sqldb.WorkloadRisk {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.at) < c.ttl {
		return c.last
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if ws, err := c.db.RiskSummary(ctx); err == nil {
		c.last, c.at = ws, time.Now()
	}
	return c.last
}

// storeObserved is sqldb's Observe hook: latency per store method, and a child span of the
// request's trace.
func (t *telemetry) storeObserved(ctx context.Context, op string, start time.Time, d time.Duration, err error) {
	outcome := "ok"
	if err != nil {
		outcome = wellops.ErrorCode(err)
	}
	t.store.With(op, outcome).Observe(d.Seconds())
	t.tracer.Record(ctx, "store "+op, start, d, err)
}

// apiObserved is waapi's Observe hook.
func (t *telemetry) apiObserved(r *http.Request, op string, status int, d time.Duration) {
	if op == "" {
		op = "unmatched"
	}
	t.requests.With("api", op, strconv.Itoa(status)).Inc()
	t.latency.With("api", op).Observe(d.Seconds())
	tracing.FromContext(r.Context()).SetAttr("aws.operation", op)
}

// instrument counts and logs the requests of a surface by the route pattern that answered
// them (the API does the same itself, with its operation names and request IDs).
func (t *telemetry) instrument(surface string, log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		op := r.Pattern // set by the surface's own ServeMux: bounded, unlike raw paths
		if op == "" {
			op = "unmatched"
		}
		d := time.Since(start)
		t.requests.With(surface, op, strconv.Itoa(sw.code)).Inc()
		t.latency.With(surface, op).Observe(d.Seconds())
		level := slog.LevelInfo
		if sw.code >= 500 {
			level = slog.LevelError
		}
		log.LogAttrs(r.Context(), level, surface, slog.String("method", r.Method), slog.String("route", op),
			slog.Int("status", sw.code), slog.Duration("duration", d),
			slog.String("trace_id", tracing.FromContext(r.Context()).TraceID()))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (w *statusRecorder) WriteHeader(code int)        { w.code = code; w.ResponseWriter.WriteHeader(code) }
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (t *telemetry) shutdown(ctx context.Context) error { return t.tracer.Shutdown(ctx) }

// buildVersion reads the module version and VCS revision the Go toolchain stamped into the
// binary.
func buildVersion() (version, goVersion string) {
	version = "devel"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				version += "+" + s.Value[:12]
			}
		}
	}
	return version, runtime.Version()
}
