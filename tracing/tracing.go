// Package tracing records spans and sends them to an OpenTelemetry collector over OTLP/HTTP
// with JSON encoding. It follows the W3C traceparent header, so a trace started by a client
// continues through wellops. A nil *Tracer does nothing, so tracing costs nothing when no
// endpoint is configured.
package tracing

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Span kinds, as OTLP numbers them.
const (
	KindInternal = 1
	KindServer   = 2
	KindClient   = 3
)

// Span is one timed operation.
type Span struct {
	t        *Tracer
	traceID  [16]byte
	spanID   [8]byte
	parentID [8]byte
	name     string
	kind     int
	start    time.Time
	end      time.Time
	attrs    map[string]string
	err      string
	mu       sync.Mutex
	ended    bool
}

type spanKey struct{}

// FromContext returns the span in ctx, or nil.
func FromContext(ctx context.Context) *Span {
	s, _ := ctx.Value(spanKey{}).(*Span)
	return s
}

// SetAttr records an attribute. Safe on a nil span.
func (s *Span) SetAttr(k, v string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.attrs[k] = v
	s.mu.Unlock()
}

// Fail marks the span as failed with a message. Safe on a nil span.
func (s *Span) Fail(msg string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.err = msg
	s.mu.Unlock()
}

// End finishes the span and queues it for export. Safe on a nil span.
func (s *Span) End() {
	if s == nil {
		return
	}
	s.mu.Lock()
	if s.ended {
		s.mu.Unlock()
		return
	}
	s.ended, s.end = true, time.Now()
	s.mu.Unlock()
	s.t.enqueue(s)
}

// TraceID returns the span's trace ID in hex ("" for nil), for logs.
func (s *Span) TraceID() string {
	if s == nil {
		return ""
	}
	return hex.EncodeToString(s.traceID[:])
}

// Tracer creates spans and exports them in batches.
type Tracer struct {
	endpoint string
	service  string
	client   *http.Client
	log      *slog.Logger
	mu       sync.Mutex
	queue    []*Span
	wake     chan struct{}
	done     chan struct{}
	stopped  chan struct{}
}

// New starts a tracer exporting to endpoint (e.g. http://127.0.0.1:4318). An empty endpoint
// returns nil: a tracer that does nothing.
func New(endpoint, service string, log *slog.Logger) *Tracer {
	if endpoint == "" {
		return nil
	}
	t := &Tracer{endpoint: strings.TrimSuffix(endpoint, "/") + "/v1/traces", service: service,
		client: &http.Client{Timeout: 5 * time.Second}, log: log,
		wake: make(chan struct{}, 1), done: make(chan struct{}), stopped: make(chan struct{})}
	go t.loop()
	return t
}

// Start begins a span, a child of the span in ctx when there is one.
func (t *Tracer) Start(ctx context.Context, name string, kind int) (context.Context, *Span) {
	if t == nil {
		return ctx, nil
	}
	s := &Span{t: t, name: name, kind: kind, start: time.Now(), attrs: map[string]string{}}
	if p := FromContext(ctx); p != nil {
		s.traceID, s.parentID = p.traceID, p.spanID
	} else {
		rand.Read(s.traceID[:])
	}
	rand.Read(s.spanID[:])
	return context.WithValue(ctx, spanKey{}, s), s
}

// Record adds a finished child span after the fact, for work timed elsewhere (store
// transactions report their start and duration when they end).
func (t *Tracer) Record(ctx context.Context, name string, start time.Time, d time.Duration, err error) {
	if t == nil {
		return
	}
	_, s := t.Start(ctx, name, KindInternal)
	s.start = start
	if err != nil {
		s.err = err.Error()
	}
	s.mu.Lock()
	s.ended, s.end = true, start.Add(d)
	s.mu.Unlock()
	t.enqueue(s)
}

// Middleware starts a server span per request, continuing the caller's trace when the
// request carries a valid traceparent header.
func (t *Tracer) Middleware(next http.Handler) http.Handler {
	if t == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if parent, ok := parseTraceparent(r.Header.Get("traceparent")); ok {
			ctx = context.WithValue(ctx, spanKey{}, parent)
		}
		ctx, s := t.Start(ctx, r.Method+" "+r.URL.Path, KindServer)
		s.SetAttr("http.request.method", r.Method)
		s.SetAttr("url.path", r.URL.Path)
		rec := &statusWriter{ResponseWriter: w, code: 200}
		next.ServeHTTP(rec, r.WithContext(ctx))
		if r.Pattern != "" {
			s.name = r.Pattern
		}
		s.SetAttr("http.response.status_code", strconv.Itoa(rec.code))
		if rec.code >= 500 {
			s.Fail(http.StatusText(rec.code))
		}
		s.End()
	})
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int)        { w.code = code; w.ResponseWriter.WriteHeader(code) }
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// parseTraceparent reads "00-<32 hex>-<16 hex>-<2 hex>" into a parent span.
func parseTraceparent(h string) (*Span, bool) {
	parts := strings.Split(h, "-")
	if len(parts) != 4 || parts[0] != "00" || len(parts[1]) != 32 || len(parts[2]) != 16 {
		return nil, false
	}
	var s Span
	if _, err := hex.Decode(s.traceID[:], []byte(parts[1])); err != nil {
		return nil, false
	}
	if _, err := hex.Decode(s.spanID[:], []byte(parts[2])); err != nil {
		return nil, false
	}
	if s.traceID == [16]byte{} || s.spanID == [8]byte{} {
		return nil, false
	}
	return &s, true
}

const maxQueue = 4096

func (t *Tracer) enqueue(s *Span) {
	t.mu.Lock()
	if len(t.queue) < maxQueue { // drop rather than grow without bound when the collector is down
		t.queue = append(t.queue, s)
	}
	n := len(t.queue)
	t.mu.Unlock()
	if n >= 256 {
		select {
		case t.wake <- struct{}{}:
		default:
		}
	}
}

func (t *Tracer) loop() {
	defer close(t.stopped)
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-t.done:
			t.flush()
			return
		case <-tick.C:
		case <-t.wake:
		}
		t.flush()
	}
}

func (t *Tracer) flush() {
	t.mu.Lock()
	batch := t.queue
	t.queue = nil
	t.mu.Unlock()
	if len(batch) == 0 {
		return
	}
	body, err := json.Marshal(t.payload(batch))
	if err != nil {
		t.log.Warn("trace export: encode", "err", err)
		return
	}
	resp, err := t.client.Post(t.endpoint, "application/json", bytes.NewReader(body))
	if err != nil {
		t.log.Warn("trace export failed; spans dropped", "spans", len(batch), "err", err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.log.Warn("trace export refused; spans dropped", "spans", len(batch), "status", resp.StatusCode)
	}
}

// Shutdown exports what is queued and stops the exporter.
func (t *Tracer) Shutdown(ctx context.Context) error {
	if t == nil {
		return nil
	}
	close(t.done)
	select {
	case <-t.stopped:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("trace export: %w", ctx.Err())
	}
}

type kv struct {
	Key   string            `json:"key"`
	Value map[string]string `json:"value"`
}

func (t *Tracer) payload(batch []*Span) any {
	spans := make([]map[string]any, 0, len(batch))
	for _, s := range batch {
		s.mu.Lock()
		attrs := make([]kv, 0, len(s.attrs))
		for k, v := range s.attrs {
			attrs = append(attrs, kv{k, map[string]string{"stringValue": v}})
		}
		status := map[string]any{"code": 1}
		if s.err != "" {
			status = map[string]any{"code": 2, "message": s.err}
		}
		sp := map[string]any{
			"traceId": hex.EncodeToString(s.traceID[:]), "spanId": hex.EncodeToString(s.spanID[:]),
			"name": s.name, "kind": s.kind, "attributes": attrs, "status": status,
			"startTimeUnixNano": strconv.FormatInt(s.start.UnixNano(), 10),
			"endTimeUnixNano":   strconv.FormatInt(s.end.UnixNano(), 10),
		}
		if s.parentID != [8]byte{} {
			sp["parentSpanId"] = hex.EncodeToString(s.parentID[:])
		}
		s.mu.Unlock()
		spans = append(spans, sp)
	}
	return map[string]any{"resourceSpans": []any{map[string]any{
		"resource":   map[string]any{"attributes": []kv{{"service.name", map[string]string{"stringValue": t.service}}}},
		"scopeSpans": []any{map[string]any{"scope": map[string]string{"name": "wellops"}, "spans": spans}},
	}}}
}
