package scan

import (
	"fmt"
	"strings"
	"testing"
)

// sameList compares two lists of strings, showing both when they differ.
func sameList(t *testing.T, want, got []string) {
	t.Helper()
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestGoImports(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		src   string
		whole bool
		want  []string // path:line
		ok    bool
	}{
		{"block", "// c\n\npackage a\n\nimport (\n\t\"fmt\"\n\tlg \"log/slog\"\n\t_ \"embed\"\n)\n\nfunc f() {}\n", true, []string{"fmt:6", "log/slog:7", "embed:8"}, true},
		{"single and dot", "package a\nimport . \"strings\"\nimport \"os\"\nvar x = 1\n", true, []string{"strings:2", "os:3"}, true},
		{"licence block comment", "/*\nCopyright The OpenTelemetry Authors\nimport \"go.opentelemetry.io/otel\"\n*/\npackage a\nimport \"fmt\"\n", true, []string{"fmt:6"}, true},
		{"cut inside the block", "package a\n\nimport (\n\t\"fmt\"\n\t\"net/h", false, []string{"fmt:4"}, false},
		{"cut in a comment", "/* long licence", false, nil, false},
		{"no imports", "package a\n\nfunc F() {}\n", true, nil, true},
		{"not Go", "<?php echo 1;", true, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imps, ok := goImports([]byte(tt.src), tt.whole)
			var got []string
			for _, im := range imps {
				got = append(got, fmt.Sprintf("%s:%d", im.path, im.line))
			}
			if ok != tt.ok {
				t.Errorf("ok %v, want %v", ok, tt.ok)
			}
			sameList(t, tt.want, got)
		})
	}
}

func TestScanGoBody(t *testing.T) {
	t.Parallel()
	src := strings.Join([]string{
		`package a`,
		`// mux.Handle("/metrics", h) in a comment`,
		`func f() {`,
		`	mux.Handle("GET /metrics", h)`,
		`	fmt.Println("/metrics")`,
		`	r.GET("/metrics", gin.WrapH(h))`,
		"	s := `traceparent`",
		`	u := endpoint + "/v1/traces"`,
		`	h := slog.NewJSONHandler(os.Stderr, nil)`,
		`	x := 'a'`,
		`}`,
	}, "\n")
	var got []string
	scanGoBody([]byte(src), func(k SignalKind, line int, text string) {
		got = append(got, fmt.Sprintf("%s:%d:%s", k, line, text))
	})
	want := []string{
		`code-metrics:4:metrics: Handle("GET /metrics") serves metrics`,
		`code-metrics:6:metrics: GET("/metrics") serves metrics`,
		`code-trace-context:7:W3C trace context: the traceparent header`,
		`code-otlp-endpoint:8:OTLP endpoint: "/v1/traces"`,
		`code-structured-logs:9:NewJSONHandler`,
	}
	sameList(t, want, got)
}

func TestPythonImports(t *testing.T) {
	t.Parallel()
	src := strings.Join([]string{
		`"""Module doc.`,
		`import structlog`,
		`"""`,
		`# import ddtrace`,
		`import os, prometheus_client as pc`,
		`from opentelemetry import (trace,`,
		`    metrics)`,
		`def f():`,
		`    import aws_xray_sdk`,
	}, "\n")
	var got []string
	for _, im := range pythonImports([]byte(src)) {
		got = append(got, fmt.Sprintf("%s:%d", im.path, im.line))
	}
	want := []string{"os:5", "prometheus_client:5", "opentelemetry:6", "opentelemetry.trace:6", "opentelemetry.metrics:6"}
	sameList(t, want, got)
}

func TestInModuleCopy(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]bool{
		"golang.org/x/net@v0.30.0/http2/server.go": true,
		"cache/download/x@v/list":                  false,
		"cmd/server/main.go":                       false,
		"pkg/a@v1.go":                              false, // a file name, not a module directory
		"a/b@vX/c.go":                              false,
	} {
		if got := inModuleCopy(p); got != want {
			t.Errorf("inModuleCopy(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestTelemetryImport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang, path string
		want       SignalKind
	}{
		{"go", "log/slog", sigCodeLogs},
		{"go", "log/slog/internal/buffer", ""}, // slog's own insides
		{"go", "log", ""},
		{"go", "go.uber.org/zap/zapcore", sigCodeLogs},
		{"go", "github.com/sirupsen/logrus", ""}, // only with its JSON formatter, seen in the body
		{"go", "github.com/prometheus/client_golang/prometheus/promhttp", sigCodeMetrics},
		{"go", "go.opentelemetry.io/otel/sdk/trace", sigCodeTracing},
		{"go", "go.opentelemetry.io/otel", ""}, // the API root alone says nothing about what is recorded
		{"go", "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp", sigCodeTracing},
		{"python", "structlog", sigCodeLogs},
		{"python", "opentelemetry.trace", sigCodeTracing},
		{"python", "aws_lambda_powertools.Metrics", sigCodeMetrics},
		{"python", "aws_lambda_powertools", ""},
		{"python", "structlogger", ""},
	}
	for _, tt := range tests {
		if got, _ := telemetryImport(tt.lang, tt.path); got != tt.want {
			t.Errorf("telemetryImport(%s, %s) = %q, want %q", tt.lang, tt.path, got, tt.want)
		}
	}
}
