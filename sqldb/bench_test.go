package sqldb_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/internal/testdb"
	"github.com/wellops/wellops/sqldb"
)

// The store benchmarks of issue 3. bench/store.sh runs them on SQLite and a throwaway
// PostgreSQL and bench/README.md records the figures. Each reports its own unit next to
// ns/op: ops/s for writers, ms/op for single operations, and latency percentiles.

// BenchmarkStoreUpdateAnswer measures an answer update (validate, recompute the risk, roll up
// the lens review and the workload, audit) by 1 and by 16 concurrent writers, each on its own
// workload as separate reviewers would be.
func BenchmarkStoreUpdateAnswer(b *testing.B) {
	for _, k := range testdb.Kinds(b) {
		b.Run(k.Name, func(b *testing.B) {
			e := newEnv(b, k.DSN(b), sqldb.Options{})
			const maxWriters = 16
			ids := make([]string, maxWriters)
			for i := range ids {
				ids[i] = e.newWorkload(b, e.owner, fmt.Sprintf("writer %d", i)).ID
			}
			// Alternate between two selections with different risks, so that every update
			// really changes the answer and its roll-ups.
			sels := [2][]string{ops04All, ops04All[:2]}
			for _, writers := range []int{1, 16} {
				b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
					runWriters(b, writers, func(w, i int) error {
						sel := sels[i%2]
						_, err := e.db.UpdateAnswer(e.owner, ids[w], "wellarchitected", "observability", wellops.AnswerUpdate{SelectedChoices: &sel})
						return err
					})
				})
			}
		})
	}
}

// runWriters runs b.N calls of fn spread over n goroutines (fn gets the goroutine's number and
// the call's) and reports throughput and latency percentiles.
func runWriters(b *testing.B, n int, fn func(w, i int) error) {
	var next atomic.Int64
	lat := make([][]time.Duration, n)
	errc := make(chan error, n)
	var wg sync.WaitGroup
	b.ResetTimer()
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				start := time.Now()
				if err := fn(w, int(i)); err != nil {
					errc <- err
					return
				}
				lat[w] = append(lat[w], time.Since(start))
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	close(errc)
	if err := <-errc; err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
	reportLatency(b, slices.Concat(lat...))
}

// reportLatency reports the median and 99th percentile of the measured calls in ms.
func reportLatency(b *testing.B, all []time.Duration) {
	if len(all) == 0 {
		return
	}
	slices.Sort(all)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(all[len(all)/2]), "p50-ms")
	b.ReportMetric(ms(all[min(len(all)-1, len(all)*99/100)]), "p99-ms")
}

// BenchmarkStoreDashboard measures the dashboard's query: the first page of 50 workloads of
// an account that has 10,000, with their risk counts, the most HIGH risks first. The target
// is under 20 ms on both stores.
func BenchmarkStoreDashboard(b *testing.B) {
	for _, k := range testdb.Kinds(b) {
		b.Run(k.Name, func(b *testing.B) {
			e := newEnv(b, k.DSN(b), sqldb.Options{})
			w := e.newWorkload(b, e.owner, "template") // the account, and a real row to copy
			seedWorkloads(b, e.dsn, w, 10_000)
			q := wellops.WorkloadQuery{Sort: "high", Desc: true, Page: wellops.Page{Limit: 50}}
			page, _, err := e.db.ListWorkloads(e.owner, q)
			if err != nil || len(page) != 50 || page[0].RiskCounts.High < page[49].RiskCounts.High || page[0].RiskCounts.High != 11 {
				b.Fatalf("first page: %d items, %v", len(page), err)
			}
			b.Run("page", func(b *testing.B) {
				measure(b, func() error {
					_, _, err := e.db.ListWorkloads(e.owner, q)
					return err
				})
			})
			b.Run("count", func(b *testing.B) {
				measure(b, func() error {
					n, err := e.db.CountWorkloads(e.owner, q)
					if err == nil && n != 10_001 {
						err = fmt.Errorf("count %d", n)
					}
					return err
				})
			})
		})
	}
}

// measure runs fn b.N times and reports ms/op and latency percentiles.
func measure(b *testing.B, fn func() error) {
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed())/float64(time.Millisecond)/float64(b.N), "ms/op")
	reportLatency(b, lat)
}

// seedWorkloads copies the workload tmpl n times straight into the tables, in one
// transaction, with risk counts spread over 0–11 HIGH: CreateWorkload would take minutes for
// 10,000 on a synchronous SQLite. Each copy gets its lens review row; the dashboard reads
// neither answers nor milestones, so those are left out.
func seedWorkloads(b *testing.B, dsn string, tmpl *wellops.Workload, n int) {
	b.Helper()
	var db *sql.DB
	if sqldb.IsPostgres(dsn) {
		cfg, err := pgx.ParseConfig(dsn)
		if err != nil {
			b.Fatal(err)
		}
		db = stdlib.OpenDB(*cfg)
	} else {
		c, err := sqliteConnector(dsn)
		if err != nil {
			b.Fatal(err)
		}
		db = sql.OpenDB(c)
	}
	defer db.Close()
	ph := func(q string) string {
		if !sqldb.IsPostgres(dsn) {
			return q
		}
		for i := 1; strings.Contains(q, "?"); i++ {
			q = strings.Replace(q, "?", fmt.Sprintf("$%d", i), 1)
		}
		return q
	}
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	var lenses, data string
	if err := tx.QueryRowContext(ctx, ph("SELECT lenses, data FROM workloads WHERE id = ?"), tmpl.ID).Scan(&lenses, &data); err != nil {
		b.Fatal(err)
	}
	insW, err := tx.PrepareContext(ctx, ph(`INSERT INTO workloads (id, owner, name, name_key, description, environment,
		review_owner, improvement_status, lenses, data, r_high, r_medium, r_none, r_na, r_unanswered,
		created_at, updated_at, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		b.Fatal(err)
	}
	insR, err := tx.PrepareContext(ctx, ph(`INSERT INTO lens_reviews (workload_id, lens_alias, lens_version, position,
		r_high, r_medium, r_none, r_na, r_unanswered, updated_at) VALUES (?, 'wellarchitected', '2024-11-06', 0, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now().UnixMicro()
	for i := range n {
		// A fixed spread: high cycles over 0–11 with a stride, the other risks share the rest.
		high := (i * 7) % 12
		medium := (11 - high) / 2
		none := (11 - high - medium) / 2
		unanswered := 11 - high - medium - none
		name := fmt.Sprintf("Service %05d", i)
		env := wellops.EnvProduction
		if i%3 == 0 {
			env = wellops.EnvPreproduction
		}
		id := wellops.NewID()
		at := now - int64(i)*1_000_000
		if _, err := insW.ExecContext(ctx, id, tmpl.Owner, name, wellops.NameKey(name), "seeded for the dashboard benchmark",
			env, "owner@example.com", wellops.ImprovementNotStarted, lenses, data, high, medium, none, 0, unanswered, at, at, at); err != nil {
			b.Fatal(err)
		}
		if _, err := insR.ExecContext(ctx, id, high, medium, none, 0, unanswered, at); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if sqldb.IsPostgres(dsn) {
		// What autovacuum would do shortly after such a load; without it the planner guesses.
		if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStoreCreateMilestone measures recording a milestone of a workload with five lens
// reviews: the built-in lens and four published custom lenses. The target is under 50 ms.
func BenchmarkStoreCreateMilestone(b *testing.B) {
	for _, k := range testdb.Kinds(b) {
		b.Run(k.Name, func(b *testing.B) {
			e := newEnv(b, k.DSN(b), sqldb.Options{})
			var arns []string
			for i := range 4 {
				arn, err := e.db.ImportLens(e.owner, benchLens(fmt.Sprintf("Bench lens %d", i), 2, 5, 4), "", nil)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := e.db.CreateLensVersion(e.owner, arn, "1.0", false); err != nil {
					b.Fatal(err)
				}
				arns = append(arns, arn)
			}
			workloads := 0
			newWorkload := func() string {
				workloads++
				w, err := e.db.CreateWorkload(e.owner, wellops.NewWorkload{Name: fmt.Sprintf("milestones %d", workloads),
					Description: "five lens reviews", Environment: wellops.EnvProduction, AWSRegions: []string{"ap-northeast-2"},
					ReviewOwner: "alice", Lenses: arns})
				if err != nil {
					b.Fatal(err)
				}
				if len(w.Lenses) != 5 {
					b.Fatalf("workload has %d lenses, want 5", len(w.Lenses))
				}
				// Some answers, so that the snapshot carries real selections.
				e.selectChoices(b, e.owner, w.ID, "observability", ops04All...)
				e.selectChoices(b, e.owner, w.ID, "priorities", ops01High...)
				for _, arn := range arns {
					sel := []string{"q1_1_c1", "q1_1_c2"}
					if _, err := e.db.UpdateAnswer(e.owner, w.ID, arn, "q1_1", wellops.AnswerUpdate{SelectedChoices: &sel}); err != nil {
						b.Fatal(err)
					}
				}
				return w.ID
			}
			w, count := newWorkload(), 0
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				if count == 100 { // the milestone quota: go on with a fresh workload
					b.StopTimer()
					w, count = newWorkload(), 0
					b.StartTimer()
				}
				start := time.Now()
				if _, err := e.db.CreateMilestone(e.owner, w, fmt.Sprintf("milestone %d", i)); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
				count++
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed())/float64(time.Millisecond)/float64(b.N), "ms/op")
			reportLatency(b, lat)
		})
	}
}

// benchLens returns a valid custom lens with the given number of pillars, questions per
// pillar and choices per question (plus "None of these"); question j of pillar i is
// q{i}_{j}, its choices q{i}_{j}_c{k}.
func benchLens(name string, pillars, questions, choices int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `{"schemaVersion": "2021-11-01", "name": %q, "description": "A lens for the store benchmarks.", "pillars": [`, name)
	for i := 1; i <= pillars; i++ {
		if i > 1 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id": "pillar_%d", "name": "Pillar %d", "questions": [`, i, i)
		for j := 1; j <= questions; j++ {
			if j > 1 {
				b.WriteString(",")
			}
			q := fmt.Sprintf("q%d_%d", i, j)
			fmt.Fprintf(&b, `{"id": %q, "title": "Question %d of pillar %d?", "choices": [`, q, j, i)
			var all []string
			for c := 1; c <= choices; c++ {
				id := fmt.Sprintf("%s_c%d", q, c)
				all = append(all, id)
				fmt.Fprintf(&b, `{"id": %q, "title": "Practice %d", "improvementPlan": {"displayText": "Adopt practice %d."}},`, id, c, c)
			}
			fmt.Fprintf(&b, `{"id": "%s_no", "title": "None of these"}], "riskRules": [`, q)
			fmt.Fprintf(&b, `{"condition": %q, "risk": "NO_RISK"}, {"condition": %q, "risk": "MEDIUM_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]}`,
				strings.Join(all, " && "), all[0]+" && "+all[1])
		}
		b.WriteString("]}")
	}
	b.WriteString("]}")
	return []byte(b.String())
}
