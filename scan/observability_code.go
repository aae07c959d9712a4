package scan

import (
	"bytes"
	"strings"
)

// Telemetry in first-party source code. A service that logs with log/slog's JSON handler and
// serves Prometheus text itself declares no telemetry SDK in any manifest, so manifests alone
// undersell it. Source files are read cheaply: the import block only (it is at the top, so
// the first few kilobytes), and the rest of a file only when an import makes something in
// its body evidence (an HTTP package for a /metrics route or the traceparent header, log/slog
// for its JSON handler). Comments never count: the OpenTelemetry demo's licence header names
// OpenTelemetry in every file; an import is evidence, a comment is not. Nothing is executed
// or compiled.

// SignalKinds of telemetry in source code; Text says what was seen.
const (
	sigCodeLogs         SignalKind = "code-structured-logs" // a structured logging library, or a JSON handler
	sigCodeMetrics      SignalKind = "code-metrics"         // a metrics library, or a /metrics route
	sigCodeTracing      SignalKind = "code-tracing"         // a tracing SDK
	sigCodeTraceContext SignalKind = "code-trace-context"   // W3C traceparent handled by hand
	sigCodeOTLP         SignalKind = "code-otlp-endpoint"   // an OTLP endpoint set in code
)

// goHeadSize is how much of a Go file is read first: enough for a licence header, a package
// comment and the imports of almost every file. A longer import block is read again up to
// goHeadMax; past that, the imports found so far are all there is. Python imports are read
// from the first pyHeadSize bytes.
const (
	goHeadSize = 4 << 10
	goHeadMax  = 64 << 10
	pyHeadSize = 8 << 10
)

// codeImport is one import and its line.
type codeImport struct {
	path string
	line int
}

// telemetryImport says what an import path gives, by prefix; the lists are literal so a
// reviewer sees exactly what counts. Logrus counts only with its JSON formatter, which is in
// the body.
func telemetryImport(lang, p string) (SignalKind, bool) {
	if strings.Contains(p, "/internal/") || strings.HasSuffix(p, "/internal") {
		return "", false // a telemetry library's own insides (log/slog/internal/buffer): it implements telemetry, not uses it
	}
	has := func(prefixes ...string) bool { // pre itself, or a package or module under it
		for _, pre := range prefixes {
			if strings.HasPrefix(p, pre) && (len(p) == len(pre) || p[len(pre)] == '/' || p[len(pre)] == '.') {
				return true
			}
		}
		return false
	}
	switch lang {
	case "go":
		switch {
		case has("go.opentelemetry.io/otel/trace", "go.opentelemetry.io/otel/sdk/trace", "go.opentelemetry.io/otel/exporters/otlp/otlptrace",
			"go.opentelemetry.io/contrib/instrumentation", "gopkg.in/DataDog/dd-trace-go.v1", "github.com/DataDog/dd-trace-go",
			"github.com/aws/aws-xray-sdk-go", "go.opencensus.io/trace", "github.com/opentracing/opentracing-go", "github.com/uber/jaeger-client-go"):
			return sigCodeTracing, true
		case has("github.com/prometheus/client_golang", "go.opentelemetry.io/otel/metric", "go.opentelemetry.io/otel/sdk/metric",
			"go.opentelemetry.io/otel/exporters/prometheus", "go.opentelemetry.io/otel/exporters/otlp/otlpmetric", "github.com/VictoriaMetrics/metrics",
			"github.com/DataDog/datadog-go", "github.com/hashicorp/go-metrics", "github.com/armon/go-metrics"):
			return sigCodeMetrics, true
		case has("log/slog", "go.uber.org/zap", "github.com/rs/zerolog", "github.com/go-kit/log", "github.com/go-kit/kit/log",
			"go.opentelemetry.io/otel/log", "go.opentelemetry.io/otel/sdk/log"):
			return sigCodeLogs, true
		}
	case "python":
		switch {
		case has("opentelemetry.trace", "opentelemetry.sdk.trace", "opentelemetry.instrumentation", "opentelemetry.exporter.otlp.proto.http.trace_exporter",
			"opentelemetry.exporter.otlp.proto.grpc.trace_exporter", "aws_xray_sdk", "ddtrace", "aws_lambda_powertools.Tracer", "aws_lambda_powertools.tracing"):
			return sigCodeTracing, true
		case has("prometheus_client", "opentelemetry.metrics", "opentelemetry.sdk.metrics", "aws_embedded_metrics",
			"aws_lambda_powertools.Metrics", "aws_lambda_powertools.metrics"):
			return sigCodeMetrics, true
		case has("structlog", "pythonjsonlogger", "json_log_formatter", "aws_lambda_powertools.Logger", "aws_lambda_powertools.logging",
			"opentelemetry._logs", "opentelemetry.sdk._logs"):
			return sigCodeLogs, true
		}
	}
	return "", false
}

// goNeedsBody reports whether a Go file's imports make its body worth reading: HTTP servers
// and routers (a /metrics route, the traceparent header, an OTLP/HTTP exporter) and the
// loggers whose JSON output is chosen in code.
func goNeedsBody(imps []codeImport) bool {
	for _, im := range imps {
		switch im.path {
		case "net/http", "log/slog", "github.com/sirupsen/logrus", "github.com/gin-gonic/gin", "github.com/go-chi/chi",
			"github.com/go-chi/chi/v5", "github.com/gorilla/mux", "github.com/labstack/echo/v4", "github.com/gofiber/fiber/v2",
			"github.com/julienschmidt/httprouter":
			return true
		}
	}
	return false
}

// extractGoSource records the telemetry a Go file's imports (and, when given, its body) show:
// one signal per kind per file, the strongest seen.
func extractGoSource(f *Facts, p string, imps []codeImport, body []byte) {
	got := map[SignalKind]bool{}
	add := func(k SignalKind, line int, text string) {
		if !got[k] {
			got[k] = true
			f.signal(k, p, line, text)
		}
	}
	var slog, logrus bool
	for _, im := range imps {
		slog = slog || im.path == "log/slog"
		logrus = logrus || im.path == "github.com/sirupsen/logrus"
	}
	if body != nil {
		// The body's findings come first: a JSON handler says more than the import of slog.
		scanGoBody(body, func(k SignalKind, line int, text string) {
			switch {
			case k == sigCodeLogs && text == "NewJSONHandler" && slog:
				add(sigCodeLogs, line, "structured logging: log/slog with a JSON handler")
			case k == sigCodeLogs && text == "JSONFormatter" && logrus:
				add(sigCodeLogs, line, "structured logging: logrus with the JSON formatter")
			case k != sigCodeLogs:
				add(k, line, text)
			}
		})
	}
	for _, im := range imps {
		if k, ok := telemetryImport("go", im.path); ok {
			add(k, im.line, telemetryLabel(k)+": imports "+im.path)
		}
	}
}

func telemetryLabel(k SignalKind) string {
	switch k {
	case sigCodeLogs:
		return "structured logging"
	case sigCodeMetrics:
		return "metrics"
	case sigCodeTracing:
		return "tracing"
	}
	return string(k)
}

// goImports returns a Go file's imports from its start. ok is false when src ends inside the
// import block (or before it) and more of the file may hold the rest; whole says src is the
// whole file.
func goImports(src []byte, whole bool) (imps []codeImport, ok bool) {
	lx := goLexer{src: src, line: 1}
	t := lx.next()
	for t.kind == ';' {
		t = lx.next() // blank lines and comments before the package clause
	}
	if !t.is('i', "package") {
		return nil, whole || lx.i < len(src) // no package clause: not Go, nothing more to read
	}
	lx.next() // the package name
	for {
		t = lx.next()
		switch {
		case t.kind == 0:
			return imps, whole && !lx.cut
		case t.kind == ';':
			continue
		case !t.is('i', "import"):
			return imps, true // the first declaration after the imports
		}
		t = lx.next()
		if t.is('p', "(") {
			for {
				t = lx.next()
				if t.kind == 0 {
					return imps, whole && !lx.cut
				}
				if t.is('p', ")") {
					break
				}
				if t.kind == 's' {
					imps = append(imps, codeImport{string(t.b), t.line})
				}
			}
			continue
		}
		for t.kind == 'i' || t.is('p', ".") {
			t = lx.next() // an alias, "." or "_"
		}
		if t.kind == 's' {
			imps = append(imps, codeImport{string(t.b), t.line})
		}
	}
}

// scanGoBody reports what a Go file's code (never its comments) shows: a /metrics route
// registered with a Handle-like call, the traceparent header, an OTLP endpoint, and the
// identifiers of JSON log handlers (reported as sigCodeLogs with the identifier as text).
func scanGoBody(src []byte, emit func(k SignalKind, line int, text string)) {
	lx := goLexer{src: src, line: 1}
	var prev, prev2 goToken // the two tokens before the current one
	for {
		t := lx.next()
		if t.kind == 0 {
			return
		}
		switch t.kind {
		case 'i':
			if t.is('i', "NewJSONHandler") || t.is('i', "JSONFormatter") {
				emit(sigCodeLogs, t.line, string(t.b))
			}
		case 's':
			// Literals are compared in place: a server's source holds thousands of them, and
			// copying each to lowercase it cost more than the rest of the reading.
			lit := t.b
			if len(lit) > 200 {
				break // templates and embedded documents, not a route or a header name
			}
			route := string(lit) == "/metrics" || bytes.HasSuffix(lit, []byte(" /metrics"))
			switch {
			case route && prev.is('p', "(") && prev2.kind == 'i' && isRouteCall(string(prev2.b)):
				emit(sigCodeMetrics, t.line, "metrics: "+string(prev2.b)+"(\""+string(lit)+"\") serves metrics")
			case bytes.EqualFold(lit, []byte("traceparent")):
				emit(sigCodeTraceContext, t.line, "W3C trace context: the traceparent header")
			case bytes.HasSuffix(lit, []byte("/v1/traces")) || containsFold(lit, "otlp") && containsFold(lit, "endpoint"):
				emit(sigCodeOTLP, t.line, "OTLP endpoint: \""+clip(string(lit), 60)+"\"")
			}
		}
		if t.kind != ';' {
			prev2, prev = prev, t
		}
	}
}

// containsFold reports whether b contains word (lowercase ASCII) in any case, without copying.
func containsFold(b []byte, word string) bool {
	for i := 0; i+len(word) <= len(b); i++ {
		if bytes.EqualFold(b[i:i+len(word)], []byte(word)) {
			return true
		}
	}
	return false
}

// isRouteCall names the calls that register an HTTP route in net/http and the common routers.
func isRouteCall(name string) bool {
	switch name {
	case "Handle", "HandleFunc", "GET", "Get", "Any", "Path", "Mount", "Handler", "HandlerFunc", "Route", "Method":
		return true
	}
	return false
}

// goToken is one token of Go source: kind 'i' an identifier or keyword, 's' a string literal
// (text between the quotes, escapes left as written), 'p' one punctuation byte, ';' a
// semicolon or a newline, 'n' a number or rune literal; 0 at the end.
type goToken struct {
	kind byte
	b    []byte // the token's bytes in the source (no copy)
	line int
}

// is reports whether the token is of kind k and spells s.
func (t goToken) is(k byte, s string) bool { return t.kind == k && string(t.b) == s }

// goLexer splits Go source into tokens and skips comments. It never fails: malformed input
// yields odd tokens and the scan ends at the end of the input. cut is set when the input ends
// inside a comment or literal (a prefix of a longer file).
type goLexer struct {
	src  []byte
	i    int
	line int
	cut  bool
}

func (l *goLexer) next() goToken {
	s := l.src
	for l.i < len(s) {
		c := s[l.i]
		switch {
		case c == '\n':
			l.i++
			l.line++
			return goToken{';', nil, l.line - 1}
		case c == ' ' || c == '\t' || c == '\r':
			l.i++
		case c == '/' && l.i+1 < len(s) && s[l.i+1] == '/':
			for l.i < len(s) && s[l.i] != '\n' {
				l.i++
			}
		case c == '/' && l.i+1 < len(s) && s[l.i+1] == '*':
			end := bytes.Index(s[l.i+2:], []byte("*/"))
			if end < 0 {
				l.cut = true
				l.i = len(s)
				return goToken{}
			}
			for _, b := range s[l.i : l.i+2+end+2] {
				if b == '\n' {
					l.line++
				}
			}
			l.i += 2 + end + 2
		case c == '"' || c == '\'':
			start, line := l.i+1, l.line
			j := start
			for j < len(s) && s[j] != c && s[j] != '\n' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				l.cut = true
				l.i = len(s)
				return goToken{}
			}
			l.i = j + 1
			if c == '\'' {
				return goToken{'n', nil, line}
			}
			return goToken{'s', s[start:j], line}
		case c == '`':
			start, line := l.i+1, l.line
			j := start
			for j < len(s) && s[j] != '`' {
				if s[j] == '\n' {
					l.line++
				}
				j++
			}
			if j >= len(s) {
				l.cut = true
				l.i = len(s)
				return goToken{}
			}
			l.i = j + 1
			return goToken{'s', s[start:j], line}
		case isIdentByte(c):
			start := l.i
			for l.i < len(s) && (isIdentByte(s[l.i]) || s[l.i] >= '0' && s[l.i] <= '9') {
				l.i++
			}
			return goToken{'i', s[start:l.i], l.line}
		case c >= '0' && c <= '9':
			for l.i < len(s) && (isIdentByte(s[l.i]) || s[l.i] >= '0' && s[l.i] <= '9' || s[l.i] == '.') {
				l.i++
			}
			return goToken{'n', nil, l.line}
		case c == ';':
			l.i++
			return goToken{';', nil, l.line}
		default:
			l.i++
			return goToken{'p', s[l.i-1 : l.i], l.line}
		}
	}
	return goToken{}
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// pythonImports returns the top-level imports in the start of a Python file: "import a.b" and
// "from a import b, c" at the start of a line (the names after "from ... import" are kept as
// a.b and a.c, so "from aws_lambda_powertools import Tracer" is told from its Logger). Lines
// inside docstrings and comments are skipped.
func pythonImports(src []byte) []codeImport {
	var out []codeImport
	lines := strings.Split(string(src), "\n")
	inDoc := ""
	for i := 0; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], "\r")
		if inDoc != "" {
			if strings.Contains(l, inDoc) {
				inDoc = ""
			}
			continue
		}
		for _, q := range [...]string{`"""`, `'''`} {
			if strings.HasPrefix(strings.TrimLeft(l, "rbuRBU"), q) && strings.Count(l, q) == 1 {
				inDoc = q
			}
		}
		if inDoc != "" {
			continue
		}
		switch {
		case strings.HasPrefix(l, "import "):
			for _, m := range strings.Split(strings.TrimPrefix(l, "import "), ",") {
				if name := strings.Fields(m); len(name) > 0 && !strings.HasPrefix(name[0], "#") {
					out = append(out, codeImport{strings.Clone(name[0]), i + 1})
				}
			}
		case strings.HasPrefix(l, "from "):
			fs := strings.Fields(l)
			if len(fs) < 4 || fs[2] != "import" {
				continue
			}
			mod, line := fs[1], i+1
			names := strings.Join(fs[3:], " ")
			// "from x import (a,\n b)" and backslash continuations
			for (strings.HasPrefix(names, "(") && !strings.Contains(names, ")") || strings.HasSuffix(names, `\`)) && i+1 < len(lines) {
				i++
				names = strings.TrimSuffix(names, `\`) + " " + lines[i]
			}
			if j := strings.IndexByte(names, '#'); j >= 0 {
				names = names[:j]
			}
			out = append(out, codeImport{strings.Clone(mod), line})
			for _, n := range strings.Split(strings.Trim(strings.TrimSpace(names), "()"), ",") {
				if fs := strings.Fields(n); len(fs) > 0 {
					out = append(out, codeImport{mod + "." + fs[0], line})
				}
			}
		}
	}
	return out
}

// extractPythonSource records the telemetry a Python file's top-level imports show.
func extractPythonSource(f *Facts, p string, src []byte) {
	got := map[SignalKind]bool{}
	for _, im := range pythonImports(src) {
		if k, ok := telemetryImport("python", im.path); ok && !got[k] {
			got[k] = true
			f.signal(k, p, im.line, telemetryLabel(k)+": imports "+im.path)
		}
	}
}
