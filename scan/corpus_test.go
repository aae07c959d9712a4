package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// The corpus is four real repositories' configuration files with hand-made labels
// (../shared/corpus/README.md). It is read from there, never copied.
const corpusDir = "../../shared/corpus"

var corpusRepos = map[string]string{
	"OTD": "open-telemetry__opentelemetry-demo",
	"KPM": "prometheus-operator__kube-prometheus",
	"SSC": "aws-samples__aws-serverless-shopping-cart",
	"MCP": "ministryofjustice__cloud-platform",
}

// groundTruth parses the README's label table: BP → repo column → Y, P or N.
func groundTruth(t *testing.T) map[string]map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, "README.md"))
	if err != nil {
		t.Skipf("corpus not available (%v): it lives in ../shared/corpus", err)
	}
	out := map[string]map[string]string{}
	var cols []string
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if cells[0] == "BP" {
			cols = cells[1:]
			continue
		}
		if cols == nil || !strings.HasPrefix(cells[0], "OPS") || len(cells) != len(cols)+1 {
			continue
		}
		out[cells[0]] = map[string]string{}
		for i, c := range cols {
			out[cells[0]][c] = cells[i+1]
		}
	}
	if len(out) == 0 {
		t.Fatal("no labels parsed from the corpus README")
	}
	return out
}

func scanCorpus(t *testing.T, repo string) *Report {
	t.Helper()
	dir := filepath.Join(corpusDir, corpusRepos[repo])
	root, err := OpenDir(dir)
	if err != nil {
		t.Skipf("corpus repository %s not available: %v", repo, err)
	}
	defer root.Close()
	r, err := Scan(context.Background(), root, Options{Root: corpusRepos[repo], Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func fixedNow() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }

type confusion struct{ tp, fp, fn, tn int }

func (c confusion) precision() float64 {
	if c.tp+c.fp == 0 {
		return 1
	}
	return float64(c.tp) / float64(c.tp+c.fp)
}

func (c confusion) recall() float64 {
	if c.tp+c.fn == 0 {
		return 1
	}
	return float64(c.tp) / float64(c.tp+c.fn)
}

// TestCorpusPrecisionRecall scores every Y and N cell (P cells are excluded, as the README
// allows). A best practice counts as reported when its status is "found"; the strict score
// also counts "partial" as reported. Floors keep fixed false positives fixed and recall from
// regressing.
func TestCorpusPrecisionRecall(t *testing.T) {
	truth := groundTruth(t)
	floors := map[string]struct{ precision, recall float64 }{
		"OTD": {1, 0.9}, "KPM": {1, 0.9}, "SSC": {1, 0.8}, "MCP": {1, 0.9},
	}
	repos := []string{"OTD", "KPM", "SSC", "MCP"}
	var total confusion
	for _, repo := range repos {
		r := scanCorpus(t, repo)
		var c, strict confusion
		var misses []string
		bps := make([]string, 0, len(truth))
		for bp := range truth {
			bps = append(bps, bp)
		}
		sort.Strings(bps)
		for _, bp := range bps {
			label := truth[bp][repo]
			res := r.BP(bp)
			if res == nil {
				t.Fatalf("%s: no result for %s", repo, bp)
			}
			pos := res.Status == Found
			spos := pos || res.Status == Partial
			switch label {
			case "Y":
				if pos {
					c.tp++
				} else {
					c.fn++
					misses = append(misses, fmt.Sprintf("FN %s (%s: %s)", bp, res.Status, res.Summary))
				}
				if spos {
					strict.tp++
				} else {
					strict.fn++
				}
			case "N":
				if pos {
					c.fp++
					misses = append(misses, fmt.Sprintf("FP %s (%s: %s)", bp, res.Status, res.Summary))
				} else {
					c.tn++
				}
				if spos {
					strict.fp++
					if !pos {
						misses = append(misses, fmt.Sprintf("weak hit on N: %s (%s: %s)", bp, res.Status, res.Summary))
					}
				} else {
					strict.tn++
				}
			}
		}
		total.tp += c.tp
		total.fp += c.fp
		total.fn += c.fn
		total.tn += c.tn
		t.Logf("%s: precision %.2f recall %.2f (TP %d FP %d FN %d TN %d); counting partial as reported: precision %.2f recall %.2f",
			repo, c.precision(), c.recall(), c.tp, c.fp, c.fn, c.tn, strict.precision(), strict.recall())
		for _, m := range misses {
			t.Logf("  %s", m)
		}
		fl := floors[repo]
		if c.precision() < fl.precision || c.recall() < fl.recall {
			t.Errorf("%s: precision %.2f recall %.2f below the floor %.2f / %.2f", repo, c.precision(), c.recall(), fl.precision, fl.recall)
		}
	}
	t.Logf("all: precision %.2f recall %.2f (TP %d FP %d FN %d TN %d)", total.precision(), total.recall(), total.tp, total.fp, total.fn, total.tn)
}

// TestCorpusEvidence checks the counts and places the corpus README lists, and the traps it
// warns about, so that a right answer keeps being right for the right reason.
func TestCorpusEvidence(t *testing.T) {
	tests := []struct {
		repo, check string
		status      Status
		counts      map[string]int
		evidence    []string // path[:line] that must appear in the check's evidence
	}{
		{"OTD", "OE-OWNERS", Found, nil, []string{".github/CODEOWNERS:5", ".github/component_owners.yml"}},
		{"OTD", "OE-ALERT-RULES", Found, map[string]int{"alerts": 11, "withSeverity": 11, "withRunbook": 10}, nil},
		{"OTD", "OE-ALERT-RUNBOOK", Found, map[string]int{"withRunbook": 10, "external": 10, "resolved": 0}, nil},
		{"OTD", "OE-DASHBOARDS", Found, map[string]int{"dashboards": 10}, nil},
		{"OTD", "OE-DEPS-UPDATES", Found, map[string]int{"entries": 47}, []string{".github/dependabot.yml"}},
		{"OTD", "OE-UX-TELEMETRY", Found, nil, []string{"src/otel-collector/otelcol-config.yml"}},
		{"OTD", "OE-DEPLOY-TESTED", Found, nil, []string{".github/workflows/run-telemetry-tests.yml"}},
		// traps: placeholder e-mail is no escalation; flagd "failure" flags are no rollback plan
		{"OTD", "OE-ESCALATION", NotFound, nil, nil},
		{"OTD", "OE-ROLLBACK-PLAN", NotFound, nil, nil},
		{"OTD", "OE-INCIDENT-PROCESS", NotFound, nil, nil},

		{"KPM", "OE-ALERT-RULES", Found, map[string]int{"alerts": 139, "withSeverity": 139, "withSummary": 139, "withRunbook": 139, "examples": 1}, nil},
		{"KPM", "OE-ALERT-RUNBOOK", Found, map[string]int{"withRunbook": 139, "external": 139}, nil},
		{"KPM", "OE-METRICS-ANALYSIS", Found, map[string]int{"recordingRules": 95}, nil},
		{"KPM", "OE-DASHBOARDS", Found, map[string]int{"dashboards": 36}, []string{"manifests/grafana-dashboardDefinitions.yaml"}},
		{"KPM", "OE-ALERT-ROUTING", Found, nil, []string{"manifests/alertmanager-secret.yaml"}},
		{"KPM", "OE-DEPENDENCY-TELEMETRY", Found, nil, []string{"manifests/nodeExporter-serviceMonitor.yaml"}},
		{"KPM", "OE-PLAYBOOKS", Found, nil, []string{"docs/troubleshooting.md:1"}},
		// traps: only the Probe CRD exists; "tracing" appears only in CRD schemas; PDBs are
		// not a deployment strategy
		{"KPM", "OE-UX-TELEMETRY", NotFound, nil, nil},
		{"KPM", "OE-TRACING", NotFound, nil, nil},
		{"KPM", "OE-DEPLOY-STRATEGY", Partial, map[string]int{"progressive": 0, "podDisruptionBudgets": 3}, nil},

		{"SSC", "OE-TRACING", Found, nil, []string{"backend/shoppingcart-service.yaml:25", "backend/product-mock.yaml:14"}},
		{"SSC", "OE-TELEMETRY-APP", Found, nil, []string{"backend/product-mock-service/requirements.txt", "backend/shoppingcart-service.yaml:29"}},
		{"SSC", "OE-DEPLOY-AUTOMATED", Found, nil, []string{"amplify.yml"}},
		// traps: AutoPublishAlias without DeploymentPreference; a BranchName parameter
		{"SSC", "OE-DEPLOY-STRATEGY", NotFound, nil, nil},
		{"SSC", "OE-ENVIRONMENTS", NotFound, nil, nil},

		{"MCP", "OE-ADR", Found, map[string]int{"adrs": 49}, nil},
		{"MCP", "OE-POSTMORTEMS", Found, map[string]int{"reports": 39}, nil},
		{"MCP", "OE-RUNBOOKS", Found, map[string]int{"runbooks": 105}, nil},
		{"MCP", "OE-INCIDENT-PROCESS", Found, nil, []string{"source/incident-process.html.md.erb"}},
		{"MCP", "OE-COMMS-PLAN", Found, nil, []string{"source/cloud-platform-communications-plan.html.md.erb"}},
		{"MCP", "OE-OPS-METRICS", Found, nil, []string{"source/incidents/index.html.md.erb"}},
		// traps: ADRs about alerting are decisions, not alerts; no tests; no CODEOWNERS
		{"MCP", "OE-ALERT-RULES", NotFound, nil, nil},
		{"MCP", "OE-CI-TESTS", NotFound, nil, nil},
		{"MCP", "OE-OWNERS", NotFound, nil, nil},
	}
	reports := map[string]*Report{}
	for _, tt := range tests {
		t.Run(tt.repo+"/"+tt.check, func(t *testing.T) {
			r := reports[tt.repo]
			if r == nil {
				r = scanCorpus(t, tt.repo)
				reports[tt.repo] = r
			}
			var c *CheckResult
			for i := range r.Checks {
				if r.Checks[i].ID == tt.check {
					c = &r.Checks[i]
				}
			}
			if c == nil {
				t.Fatalf("no check %s", tt.check)
			}
			if c.Status != tt.status {
				t.Errorf("status %s, want %s (%s)", c.Status, tt.status, c.Summary)
			}
			for k, want := range tt.counts {
				if got := c.Counts[k]; got != want {
					t.Errorf("count %s = %d, want %d (%s)", k, got, want, c.Summary)
				}
			}
			for _, want := range tt.evidence {
				ok := false
				for _, it := range c.Evidence {
					loc := it.Path
					if strings.Contains(want, ":") {
						loc = fmt.Sprintf("%s:%d", it.Path, it.Line)
					}
					ok = ok || loc == want
				}
				if !ok {
					t.Errorf("evidence %s missing from %v", want, c.Evidence)
				}
			}
		})
	}
}

// TestContentCacheIsInvisible: parsing identical files once must not change any result.
func TestContentCacheIsInvisible(t *testing.T) {
	for _, dir := range []string{corpusDir, filepath.Join("testdata", "fixtures")} {
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		var outs [2][]byte
		for i, opts := range []Options{{}, {NoContentCache: true}} {
			r := scanDir(t, dir, opts)
			r.DurationMS = 0
			var b strings.Builder
			if err := Write(&b, "json", r); err != nil {
				t.Fatal(err)
			}
			outs[i] = []byte(b.String())
		}
		if string(outs[0]) != string(outs[1]) {
			t.Errorf("%s: the report differs with and without the content cache:\n%s", dir, firstDiff(string(outs[1]), string(outs[0])))
		}
	}
}
