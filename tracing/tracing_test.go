package tracing_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/wellops/wellops/tracing"
)

// collector is a loopback OTLP/HTTP JSON receiver.
type collector struct {
	mu    sync.Mutex
	spans []map[string]any
}

func (c *collector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/traces" || r.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "bad request", 400)
		return
	}
	var body struct {
		ResourceSpans []struct {
			ScopeSpans []struct {
				Spans []map[string]any
			}
		}
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	c.mu.Lock()
	for _, rs := range body.ResourceSpans {
		for _, ss := range rs.ScopeSpans {
			c.spans = append(c.spans, ss.Spans...)
		}
	}
	c.mu.Unlock()
}

func TestSpansReachTheCollectorWithParents(t *testing.T) {
	c := &collector{}
	srv := httptest.NewServer(c)
	defer srv.Close()
	tr := tracing.New(srv.URL, "wellops", slog.New(slog.NewTextHandler(io.Discard, nil)))
	h := tr.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tr.Record(r.Context(), "store GetAnswer", time.Now().Add(-time.Millisecond), time.Millisecond, nil)
		tr.Record(r.Context(), "store UpdateAnswer", time.Now(), time.Millisecond, errors.New("boom"))
		w.WriteHeader(http.StatusTeapot)
	}))
	req := httptest.NewRequest("GET", "/workloads/x", nil)
	req.Header.Set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	h.ServeHTTP(httptest.NewRecorder(), req)
	if err := tr.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.spans) != 3 {
		t.Fatalf("collector got %d spans", len(c.spans))
	}
	var server map[string]any
	for _, s := range c.spans {
		if s["traceId"] != "4bf92f3577b34da6a3ce929d0e0e4736" {
			t.Errorf("span %v left the caller's trace", s["name"])
		}
		if s["kind"].(float64) == tracing.KindServer {
			server = s
		}
	}
	if server == nil || server["parentSpanId"] != "00f067aa0ba902b7" {
		t.Fatalf("server span = %v", server)
	}
	for _, s := range c.spans {
		if s["kind"].(float64) != tracing.KindServer && s["parentSpanId"] != server["spanId"] {
			t.Errorf("store span %v is not a child of the request", s["name"])
		}
		if s["name"] == "store UpdateAnswer" && s["status"].(map[string]any)["code"].(float64) != 2 {
			t.Errorf("failed span not marked as an error: %v", s["status"])
		}
	}
}

func TestNilTracerDoesNothing(t *testing.T) {
	var tr *tracing.Tracer
	ctx, s := tr.Start(context.Background(), "x", tracing.KindInternal)
	s.SetAttr("a", "b")
	s.End()
	tr.Record(ctx, "y", time.Now(), 0, nil)
	if tr.Middleware(http.NotFoundHandler()) == nil || tr.Shutdown(ctx) != nil {
		t.Fatal("nil tracer misbehaves")
	}
}
