package ops

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to put a database's schema behind

	"github.com/wellops/wellops/e2e/harness"
)

// otlpReceiver is a loopback OTLP/HTTP JSON endpoint that keeps every span it is sent.
type otlpReceiver struct {
	mu    sync.Mutex
	spans []otlpSpan
}

type otlpSpan struct {
	TraceID      string `json:"traceId"`
	SpanID       string `json:"spanId"`
	ParentSpanID string `json:"parentSpanId"`
	Name         string `json:"name"`
	Attributes   []struct {
		Key   string            `json:"key"`
		Value map[string]string `json:"value"`
	} `json:"attributes"`
}

func (o *otlpReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ResourceSpans []struct {
			ScopeSpans []struct {
				Spans []otlpSpan `json:"spans"`
			} `json:"scopeSpans"`
		} `json:"resourceSpans"`
	}
	if r.URL.Path != "/v1/traces" || r.Header.Get("Content-Type") != "application/json" || json.NewDecoder(r.Body).Decode(&body) != nil {
		http.Error(w, "not OTLP/HTTP JSON traces", http.StatusBadRequest)
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, rs := range body.ResourceSpans {
		for _, ss := range rs.ScopeSpans {
			o.spans = append(o.spans, ss.Spans...)
		}
	}
}

// trace returns the spans of one trace.
func (o *otlpReceiver) trace(id string) []otlpSpan {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []otlpSpan
	for _, s := range o.spans {
		if s.TraceID == id {
			out = append(out, s)
		}
	}
	return out
}

// TestOperability checks what an operator relies on, on the running server: /healthz and
// /readyz, Prometheus /metrics (requests by operation and status, latency, store latency,
// risk counts per workload), JSON logs whose request IDs are the ones clients saw, and
// OpenTelemetry spans sent to an OTLP endpoint that continue a client's trace.
func TestOperability(t *testing.T) {
	otlp := &otlpReceiver{}
	collector := httptest.NewServer(otlp)
	defer collector.Close()
	srv := harness.Start(t, harness.Kinds(t)[0], harness.Options{Env: []string{"WELLOPS_OTLP_ENDPOINT=" + collector.URL, "WELLOPS_INSECURE_COOKIES=true"}})
	u := srv.NewUser(t, "operator", "")
	c := client(srv, u)
	wl := newWorkload(t, c, "observed")
	qs, choices := questions(t, c, wl)
	var none string // the "none of these" choice: a HIGH risk
	for _, ch := range choices[qs[0]] {
		if strings.HasSuffix(ch, "_no") {
			none = ch
		}
	}
	if err := update(c, wl, qs[0], "none of it", none); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: &wl})
	if err != nil {
		t.Fatal(err)
	}
	reqID, _ := middleware.GetRequestIDMetadata(out.ResultMetadata)
	if _, err := c.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(strings.Repeat("0", 32))}); err == nil {
		t.Fatal("a missing workload was found")
	}

	t.Run("health", func(t *testing.T) {
		if st, body := get(srv.URL + "/healthz"); st != 200 || body != "ok\n" {
			t.Errorf("/healthz: %d %q", st, body)
		}
		if st, body := get(srv.URL + "/readyz"); st != 200 || body != "ready\n" {
			t.Errorf("/readyz: %d %q", st, body)
		}
	})

	t.Run("metrics", func(t *testing.T) {
		st, body := getAll(t, srv.URL+"/metrics")
		if st != 200 {
			t.Fatalf("/metrics: %d", st)
		}
		for _, want := range []string{
			`wellops_http_requests_total{surface="api",operation="GetWorkload",code="200"} 1`,
			`wellops_http_requests_total{surface="api",operation="GetWorkload",code="404"} 1`,
			`wellops_http_requests_total{surface="api",operation="UpdateAnswer",code="200"} 1`,
			`wellops_http_request_duration_seconds_count{surface="api",operation="GetWorkload"} 2`,
			`wellops_store_transaction_duration_seconds_count{op="UpdateAnswer",outcome="ok"} 1`,
			`wellops_ready 1`,
			fmt.Sprintf(`wellops_workload_risk_questions{workload_id="%s",workload="observed",owner="%s",risk="HIGH"} 1`, wl, u.AccountID),
			fmt.Sprintf(`wellops_workload_risk_questions{workload_id="%s",workload="observed",owner="%s",risk="UNANSWERED"} %d`, wl, u.AccountID, len(qs)-1),
			fmt.Sprintf(`wellops_workload_risk_questions{workload_id="%s",workload="observed",owner="%s",risk="MEDIUM"} 0`, wl, u.AccountID),
		} {
			if !strings.Contains(body, want+"\n") {
				t.Errorf("/metrics lacks %s", want)
			}
		}
		if t.Failed() {
			t.Logf("/metrics:\n%s", grepLines(body, "wellops_"))
		}
	})

	t.Run("JSON logs with request IDs", func(t *testing.T) {
		srv.WaitLog(`"request_id":"`+reqID+`"`, 5*time.Second)
		found := false
		for _, line := range strings.Split(srv.Log(), "\n") {
			if !strings.HasPrefix(line, "{") {
				continue // the start-up lines the harness reads are plain text
			}
			var rec map[string]any
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Errorf("a log line is not JSON: %s", line)
				continue
			}
			if rec["request_id"] == reqID && rec["operation"] == "GetWorkload" && rec["status"] == 200.0 && rec["access_key"] == u.AccessKeyID {
				found = true
			}
		}
		if !found {
			t.Errorf("no log line for the request the client saw as %s:\n%s", reqID, tail(srv.Log(), 10))
		}
		// The UI's error page names its request ID, which the log must carry too.
		b := newBrowser(t, srv.URL)
		b.signIn(t, u.Name, u.Password)
		st, page := b.get(t, "/ui/workloads/"+strings.Repeat("0", 32))
		m := regexp.MustCompile(`Request ID: ([0-9a-f]+)`).FindStringSubmatch(page)
		if st != 404 || m == nil {
			t.Fatalf("the UI's 404 page: %d, request ID %v", st, m)
		}
		if !srv.WaitLog(`"request_id":"`+m[1]+`"`, 5*time.Second) {
			t.Errorf("the log has no line with the request ID %s the UI showed", m[1])
		}
	})

	t.Run("OTLP traces", func(t *testing.T) {
		traceID, parent := "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
		req := signed(t, u, "GET", srv.URL+"/workloads/"+wl, "", time.Now())
		req.Header.Set("traceparent", "00-"+traceID+"-"+parent+"-01")
		if st, _, body := send(t, req); st != 200 {
			t.Fatalf("GetWorkload: %d %s", st, body)
		}
		var spans []otlpSpan
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
			if spans = otlp.trace(traceID); len(spans) >= 2 {
				break
			}
		}
		var server *otlpSpan
		for i, s := range spans {
			if s.ParentSpanID == parent {
				server = &spans[i]
			}
		}
		if server == nil {
			t.Fatalf("no span continues the client's trace (got %+v)", spans)
		}
		op := ""
		for _, a := range server.Attributes {
			if a.Key == "aws.operation" {
				op = a.Value["stringValue"]
			}
		}
		if op != "GetWorkload" {
			t.Errorf("the request's span names operation %q, want GetWorkload", op)
		}
		store := false
		for _, s := range spans {
			store = store || s.ParentSpanID == server.SpanID && strings.HasPrefix(s.Name, "store ")
		}
		if !store {
			t.Errorf("no store span under the request's span: %+v", spans)
		}
	})
}

// TestReadyzNeedsTheSchema puts a PostgreSQL database's schema one migration behind the
// binary, as a rollout of a newer replica before its migration would: /readyz must then say
// not ready (503) while /healthz stays up, and ready again once the schema is current.
func TestReadyzNeedsTheSchema(t *testing.T) {
	k := postgresKind(t)
	srv := harness.Start(t, k, harness.Options{})
	db, err := sql.Open("pgx", srv.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow("SELECT MAX(version) FROM schema_migrations").Scan(&v); err != nil {
		t.Fatal(err)
	}
	var row []any
	cols, err := db.Query("SELECT * FROM schema_migrations WHERE version = $1", v)
	if err != nil {
		t.Fatal(err)
	}
	names, _ := cols.Columns()
	cols.Next()
	row = make([]any, len(names))
	ptrs := make([]any, len(names))
	for i := range row {
		ptrs[i] = &row[i]
	}
	if err := cols.Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	cols.Close()
	if _, err := db.Exec("DELETE FROM schema_migrations WHERE version = $1", v); err != nil {
		t.Fatal(err)
	}
	if st, body := get(srv.URL + "/readyz"); st != 503 {
		t.Errorf("/readyz with the schema behind: %d %q, want 503", st, body)
	}
	if st, _ := get(srv.URL + "/healthz"); st != 200 {
		t.Errorf("/healthz with the schema behind: %d, want 200", st)
	}
	ph := make([]string, len(names))
	for i := range ph {
		ph[i] = fmt.Sprintf("$%d", i+1)
	}
	if _, err := db.Exec("INSERT INTO schema_migrations ("+strings.Join(names, ", ")+") VALUES ("+strings.Join(ph, ", ")+")", row...); err != nil {
		t.Fatal(err)
	}
	if st, body := get(srv.URL + "/readyz"); st != 200 {
		t.Errorf("/readyz with the schema current again: %d %q", st, body)
	}
}

// TestConfigCheck runs `wellops config check` and `wellops serve` as an operator would:
// settings from a file, the environment (a secret through a _FILE variable) and flags, in
// that rising precedence, printed without secrets; and a configuration with several
// mistakes reported whole, by config check and at the start of serve alike.
func TestConfigCheck(t *testing.T) {
	bin := harness.Binary(t)
	dir := t.TempDir()
	key := strings.Repeat("ab", 32)
	keyFile := filepath.Join(dir, "key")
	cfgFile := filepath.Join(dir, "wellops.yaml")
	os.WriteFile(keyFile, []byte(key+"\n"), 0o600)
	os.WriteFile(cfgFile, []byte("addr: 127.0.0.1:9001\nlang: ko\nrate-limit: 7\nlog-level: warn\n"), 0o600)
	run := func(env []string, args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), env...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run([]string{"WELLOPS_SECRET_KEY_FILE=" + keyFile, "WELLOPS_RATE_LIMIT=9",
		"WELLOPS_DB=postgres://wellops:hunter2@db.example:5432/wellops"}, "config", "check", "--config", cfgFile, "--log-level", "debug")
	if err != nil {
		t.Fatalf("config check: %v\n%s", err, out)
	}
	for _, want := range []string{
		`addr\s+127\.0\.0\.1:9001`, `lang\s+ko`, // from the file
		`rate-limit\s+9`,                   // the environment over the file
		`log-level\s+debug`,                // a flag over the file
		`secret-key\s+\(set, from .*key\)`, // from WELLOPS_SECRET_KEY_FILE, not shown
		`db\s+postgres://wellops:xxxxx@db\.example:5432/wellops`,
		`configuration ok`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("config check output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, key) || strings.Contains(out, "hunter2") {
		t.Errorf("config check printed a secret:\n%s", out)
	}

	bad := []string{"WELLOPS_LANG=fr", "WELLOPS_READ_TIMEOUT=soon", "WELLOPS_RATE_LIMIT=-1", "WELLOPS_OTLP_ENDPOINT=collector:4318",
		"WELLOPS_SECRET_KEY_FILE=" + filepath.Join(dir, "missing"), "WELLOPS_DB=postgres://db.example/wellops"}
	for _, args := range [][]string{{"config", "check"}, {"serve"}} {
		out, err := run(bad, args...)
		if err == nil {
			t.Errorf("wellops %s accepted a broken configuration:\n%s", args[0], out)
		}
		for _, want := range []string{"lang:", "read-timeout:", "rate-limit:", "otlp-endpoint:", "WELLOPS_SECRET_KEY_FILE", "secret-key: is required"} {
			if !strings.Contains(out, want) {
				t.Errorf("wellops %s does not report %q among the problems:\n%s", args[0], want, out)
			}
		}
	}
}

// getAll fetches url and returns the status and the whole body.
func getAll(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
