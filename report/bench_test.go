package report_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
	"github.com/wellops/wellops/report"
	"github.com/wellops/wellops/sqldb"
)

// Figures and the command that produced them are in bench/README.md ("Reports").

// answerAll answers every question of the built-in lens of workload id, selecting the first
// keep choices of each (so some are missing and the improvement plan has work in it).
func answerAll(tb testing.TB, db *sqldb.DB, ctx context.Context, id string, keep func(n int) int) {
	l, err := lens.Builtin("en")
	if err != nil {
		tb.Fatal(err)
	}
	for _, q := range l.Pillars[0].Questions {
		var sel []string
		for _, c := range q.Choices[:keep(len(q.Choices)-1)] {
			sel = append(sel, c.ID)
		}
		if len(sel) == 0 {
			sel = []string{q.NoneChoice().ID}
		}
		if _, err := db.UpdateAnswer(ctx, id, alias, q.ID, wellops.AnswerUpdate{SelectedChoices: &sel}); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkLensReviewPDF renders the PDF of a fully answered built-in lens review, in Korean
// (the larger glyph set), with two milestones for the trend. Target: under 300 ms.
func BenchmarkLensReviewPDF(b *testing.B) {
	db := openStore(b)
	ctx := as("alice", "111111111111")
	w := must[*wellops.Workload](b)(db.CreateWorkload(ctx, wellops.NewWorkload{Name: "결제 서비스", Description: "payments",
		Environment: wellops.EnvProduction, AWSRegions: []string{"ap-northeast-2"}, ReviewOwner: "alice@example.com"}))
	answerAll(b, db, ctx, w.ID, func(n int) int { return n / 3 })
	must[int](b)(db.CreateMilestone(ctx, w.ID, "first"))
	answerAll(b, db, ctx, w.ID, func(n int) int { return n / 2 })
	must[int](b)(db.CreateMilestone(ctx, w.ID, "second"))
	answerAll(b, db, ctx, w.ID, func(n int) int { return n * 2 / 3 })
	r := renderer(db)
	var buf bytes.Buffer
	if err := r.WriteLensReview(ctx, &buf, w.ID, "", "pdf", "ko", 0); err != nil { // loads the fonts once
		b.Fatal(err)
	}
	b.ReportMetric(float64(buf.Len())/1024, "KiB/pdf")
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.LensReviewPDF(ctx, w.ID, "", 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConsolidatedJSON10k renders the consolidated JSON over 10,000 workloads, each with
// the built-in lens fully answered. Target: under 2 s. The store is seeded by answering
// three workloads through the store and copying their rows in SQL, which takes seconds
// where 10,000 CreateWorkload calls would take minutes.
func BenchmarkConsolidatedJSON10k(b *testing.B) {
	const n = 10000
	path := filepath.Join(b.TempDir(), "wellops.db")
	db, err := sqldb.Open(context.Background(), path, sqldb.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := as("alice", "111111111111")
	var templates []string
	for i, keep := range []func(int) int{func(n int) int { return n / 3 }, func(n int) int { return n / 2 }, func(n int) int { return n }} {
		w := must[*wellops.Workload](b)(db.CreateWorkload(ctx, wellops.NewWorkload{Name: fmt.Sprintf("template %d", i), Description: "seed",
			Environment: wellops.EnvProduction, AWSRegions: []string{"us-east-1"}, ReviewOwner: "alice@example.com"}))
		answerAll(b, db, ctx, w.ID, keep)
		templates = append(templates, w.ID)
	}
	seed(b, path, templates, n)
	timed := &timedSettings{SettingsService: db}
	r := report.New(report.Options{Workloads: db, Reviews: db, Milestones: db, Evidence: db, Settings: timed})
	var buf bytes.Buffer
	if err := r.WriteConsolidated(ctx, &buf, wellops.ConsolidatedQuery{}, "json", "en"); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(buf.Len())/(1<<20), "MiB/json")
	timed.spent = 0
	b.ResetTimer()
	for b.Loop() {
		if err := r.WriteConsolidated(ctx, io.Discard, wellops.ConsolidatedQuery{}, "json", "en"); err != nil {
			b.Fatal(err)
		}
	}
	// The store's share, so that a slow figure points at the right package.
	b.ReportMetric(float64(timed.spent.Milliseconds())/float64(b.N), "store-ms/op")
}

// timedSettings measures the time spent in the store's ConsolidatedMetrics.
type timedSettings struct {
	wellops.SettingsService
	spent time.Duration
}

func (s *timedSettings) ConsolidatedMetrics(ctx context.Context, q wellops.ConsolidatedQuery) ([]wellops.ConsolidatedMetric, string, error) {
	start := time.Now()
	defer func() { s.spent += time.Since(start) }()
	return s.SettingsService.ConsolidatedMetrics(ctx, q)
}

// seed copies the template workloads' rows until the account holds n workloads.
func seed(b *testing.B, path string, templates []string, n int) {
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	tx, err := raw.Begin()
	if err != nil {
		b.Fatal(err)
	}
	per := (n - 1) / len(templates) // the templates themselves make up the rest
	for t, id := range templates {
		base := (t + 1) * 1_000_000
		stmts := []string{
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < ?)
			INSERT INTO workloads SELECT printf('%032x', i + ?), owner, name || ' ' || i, name_key || i, description, environment,
				review_owner, improvement_status, lenses, data, r_high, r_medium, r_none, r_na, r_unanswered,
				p_high, p_medium, p_none, p_na, p_unanswered, created_at, updated_at, reviewed_at
			FROM n, workloads WHERE id = ?`,
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < ?)
			INSERT INTO lens_reviews SELECT printf('%032x', i + ?), lens_alias, lens_version, position, notes, pillar_notes, jira,
				r_high, r_medium, r_none, r_na, r_unanswered, p_high, p_medium, p_none, p_na, p_unanswered, updated_at
			FROM n, lens_reviews WHERE workload_id = ?`,
			`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < ?)
			INSERT INTO answers SELECT printf('%032x', i + ?), lens_alias, question_id, pillar_id, position, selected, choice_answers,
				is_applicable, reason, notes, risk, prioritized, improvement_status, updated_at
			FROM n, answers WHERE workload_id = ?`,
		}
		for _, s := range stmts {
			if _, err := tx.Exec(s, per, base, id); err != nil {
				tx.Rollback()
				b.Fatalf("seed: %v", err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	var count int
	raw.QueryRow("SELECT COUNT(*) FROM workloads").Scan(&count)
	if count < n {
		b.Fatalf("seeded %d workloads, want %d", count, n)
	}
}
