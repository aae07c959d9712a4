// Package metrics keeps counters, histograms and gauges and serves them in the Prometheus
// text exposition format (version 0.0.4). It is small on purpose: wellops needs a handful of
// series, and the hot path is one map lookup and one atomic add.
package metrics

import (
	"bufio"
	"fmt"
	"math"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Registry holds metric families and renders them.
type Registry struct {
	mu       sync.Mutex
	families []family
	start    time.Time
}

type family interface {
	write(w *bufio.Writer)
}

// NewRegistry returns a registry that also reports the process's start time and a few Go
// runtime figures.
func NewRegistry() *Registry { return &Registry{start: time.Now()} }

func (r *Registry) add(f family) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.families = append(r.families, f)
}

// series is one labelled value of a family; key is the joined label values.
type seriesMap[T any] struct {
	mu     sync.RWMutex
	m      map[string]*T
	labels map[string][]string
}

func (s *seriesMap[T]) get(values []string, mk func() *T) *T {
	key := strings.Join(values, "\xff")
	s.mu.RLock()
	v := s.m[key]
	s.mu.RUnlock()
	if v != nil {
		return v
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v = s.m[key]; v == nil {
		if s.m == nil {
			s.m, s.labels = map[string]*T{}, map[string][]string{}
		}
		v = mk()
		s.m[key], s.labels[key] = v, append([]string(nil), values...)
	}
	return v
}

func (s *seriesMap[T]) each(f func(values []string, v *T)) {
	s.mu.RLock()
	keys := make([]string, 0, len(s.m))
	for k := range s.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	vals := make([]*T, len(keys))
	lbls := make([][]string, len(keys))
	for i, k := range keys {
		vals[i], lbls[i] = s.m[k], s.labels[k]
	}
	s.mu.RUnlock()
	for i := range keys {
		f(lbls[i], vals[i])
	}
}

// CounterVec is a counter family with labels.
type CounterVec struct {
	name, help string
	labels     []string
	series     seriesMap[Counter]
}

// Counter only goes up.
type Counter struct{ bits atomic.Uint64 }

// Add adds v (≥ 0).
func (c *Counter) Add(v float64) {
	for {
		old := c.bits.Load()
		if c.bits.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+v)) {
			return
		}
	}
}

// Inc adds one.
func (c *Counter) Inc() { c.Add(1) }

// Value returns the current count.
func (c *Counter) Value() float64 { return math.Float64frombits(c.bits.Load()) }

// Counter registers a counter family.
func (r *Registry) Counter(name, help string, labels ...string) *CounterVec {
	c := &CounterVec{name: name, help: help, labels: labels}
	r.add(c)
	return c
}

// With returns the counter for the label values, in the order the labels were declared.
func (c *CounterVec) With(values ...string) *Counter {
	return c.series.get(values, func() *Counter { return &Counter{} })
}

func (c *CounterVec) write(w *bufio.Writer) {
	header(w, c.name, c.help, "counter")
	c.series.each(func(values []string, v *Counter) {
		sample(w, c.name, c.labels, values, "", "", v.Value())
	})
}

// HistogramVec is a histogram family with labels.
type HistogramVec struct {
	name, help string
	labels     []string
	buckets    []float64
	series     seriesMap[Histogram]
}

// Histogram counts observations into buckets.
type Histogram struct {
	counts []atomic.Uint64 // one per bucket, then +Inf
	sum    Counter
	upper  []float64
}

// DefaultBuckets suit request and query latencies in seconds.
var DefaultBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Histogram registers a histogram family.
func (r *Registry) Histogram(name, help string, buckets []float64, labels ...string) *HistogramVec {
	h := &HistogramVec{name: name, help: help, labels: labels, buckets: buckets}
	r.add(h)
	return h
}

// With returns the histogram for the label values.
func (h *HistogramVec) With(values ...string) *Histogram {
	return h.series.get(values, func() *Histogram {
		return &Histogram{counts: make([]atomic.Uint64, len(h.buckets)+1), upper: h.buckets}
	})
}

// Observe records one value.
func (h *Histogram) Observe(v float64) {
	i := sort.SearchFloat64s(h.upper, v)
	h.counts[i].Add(1)
	h.sum.Add(v)
}

func (h *HistogramVec) write(w *bufio.Writer) {
	header(w, h.name, h.help, "histogram")
	h.series.each(func(values []string, v *Histogram) {
		var cum uint64
		for i, le := range h.buckets {
			cum += v.counts[i].Load()
			sample(w, h.name+"_bucket", h.labels, values, "le", strconv.FormatFloat(le, 'g', -1, 64), float64(cum))
		}
		cum += v.counts[len(h.buckets)].Load()
		sample(w, h.name+"_bucket", h.labels, values, "le", "+Inf", float64(cum))
		sample(w, h.name+"_sum", h.labels, values, "", "", v.sum.Value())
		sample(w, h.name+"_count", h.labels, values, "", "", float64(cum))
	})
}

// gaugeFunc is a gauge family whose values are collected when scraped.
type gaugeFunc struct {
	name, help string
	labels     []string
	collect    func(emit func(v float64, labelValues ...string))
}

// GaugeFunc registers a gauge family read at scrape time by collect, which calls emit once
// per series.
func (r *Registry) GaugeFunc(name, help string, labels []string, collect func(emit func(v float64, labelValues ...string))) {
	r.add(&gaugeFunc{name: name, help: help, labels: labels, collect: collect})
}

func (g *gaugeFunc) write(w *bufio.Writer) {
	header(w, g.name, g.help, "gauge")
	g.collect(func(v float64, values ...string) { sample(w, g.name, g.labels, values, "", "", v) })
}

func header(w *bufio.Writer, name, help, typ string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, escapeHelp(help), name, typ)
}

func sample(w *bufio.Writer, name string, labels, values []string, extraName, extraValue string, v float64) {
	w.WriteString(name)
	if len(labels) > 0 || extraName != "" {
		w.WriteByte('{')
		first := true
		for i, l := range labels {
			if !first {
				w.WriteByte(',')
			}
			first = false
			val := ""
			if i < len(values) {
				val = values[i]
			}
			fmt.Fprintf(w, "%s=\"%s\"", l, escapeLabel(val))
		}
		if extraName != "" {
			if !first {
				w.WriteByte(',')
			}
			fmt.Fprintf(w, "%s=\"%s\"", extraName, extraValue)
		}
		w.WriteByte('}')
	}
	w.WriteByte(' ')
	w.WriteString(formatValue(v))
	w.WriteByte('\n')
}

func formatValue(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

var (
	labelEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
)

func escapeLabel(s string) string { return labelEscaper.Replace(s) }
func escapeHelp(s string) string  { return helpEscaper.Replace(s) }

// Handler serves the registry in the text format.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		bw := bufio.NewWriter(w)
		r.mu.Lock()
		fams := append([]family(nil), r.families...)
		r.mu.Unlock()
		for _, f := range fams {
			f.write(bw)
		}
		r.writeRuntime(bw)
		bw.Flush()
	})
}

func (r *Registry) writeRuntime(w *bufio.Writer) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	header(w, "process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.", "gauge")
	sample(w, "process_start_time_seconds", nil, nil, "", "", float64(r.start.Unix()))
	header(w, "go_goroutines", "Number of goroutines that currently exist.", "gauge")
	sample(w, "go_goroutines", nil, nil, "", "", float64(runtime.NumGoroutine()))
	header(w, "go_memstats_heap_alloc_bytes", "Bytes of allocated heap objects.", "gauge")
	sample(w, "go_memstats_heap_alloc_bytes", nil, nil, "", "", float64(ms.HeapAlloc))
	header(w, "go_memstats_sys_bytes", "Bytes of memory obtained from the OS.", "gauge")
	sample(w, "go_memstats_sys_bytes", nil, nil, "", "", float64(ms.Sys))
}
