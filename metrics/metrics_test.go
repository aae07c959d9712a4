package metrics_test

import (
	"io"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/wellops/wellops/metrics"
)

func scrape(t *testing.T, r *metrics.Registry) string {
	rec := httptest.NewRecorder()
	r.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Fatalf("content type %q", ct)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestExpositionFormat(t *testing.T) {
	r := metrics.NewRegistry()
	c := r.Counter("wellops_http_requests_total", "Requests answered.", "operation", "code")
	h := r.Histogram("wellops_http_request_duration_seconds", "Request latency.", []float64{0.1, 1}, "operation")
	r.GaugeFunc("wellops_workload_risk", "Questions by risk.", []string{"workload", "risk"}, func(emit func(float64, ...string)) {
		emit(3, `say "hi"`+"\n", "HIGH")
	})
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.With("GetAnswer", "200").Inc()
			h.With("GetAnswer").Observe(0.05)
		}()
	}
	wg.Wait()
	h.With("GetAnswer").Observe(5)
	out := scrape(t, r)
	for _, want := range []string{
		"# TYPE wellops_http_requests_total counter",
		`wellops_http_requests_total{operation="GetAnswer",code="200"} 50`,
		`wellops_http_request_duration_seconds_bucket{operation="GetAnswer",le="0.1"} 50`,
		`wellops_http_request_duration_seconds_bucket{operation="GetAnswer",le="+Inf"} 51`,
		`wellops_http_request_duration_seconds_count{operation="GetAnswer"} 51`,
		`wellops_workload_risk{workload="say \"hi\"\n",risk="HIGH"} 3`,
		"# TYPE go_goroutines gauge",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}
