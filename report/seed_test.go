package report_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
	"github.com/wellops/wellops/report"
	"github.com/wellops/wellops/sqldb"
)

// The fixed review every golden file is made from: one workload with answers of every kind
// (selected, none of these, choices and a question not applicable with reasons, notes with
// Korean, a long URL and markup), two milestones, evidence from a scan, and a second and
// third workload for the consolidated report.

const alias = lens.BuiltinAlias

// clock is a deterministic clock: every reading is one second after the last.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Second)
	return c.now
}

type fixture struct {
	db       *sqldb.DB
	ctx      context.Context
	stranger context.Context
	id       string // the reviewed workload
	others   []string
	r        *report.Renderer
}

func as(user, account string) context.Context {
	return wellops.WithPrincipal(context.Background(), wellops.Principal{UserID: user, UserName: user, AccountID: account})
}

func openStore(t testing.TB) *sqldb.DB {
	t.Helper()
	c := &clock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	db, err := sqldb.Open(context.Background(), filepath.Join(t.TempDir(), "wellops.db"), sqldb.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func renderer(db *sqldb.DB) *report.Renderer {
	return report.New(report.Options{Workloads: db, Reviews: db, Milestones: db, Evidence: db, Settings: db,
		Now: func() time.Time { return time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC) }})
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func ok(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db := openStore(t)
	f := &fixture{db: db, ctx: as("alice", "111111111111"), stranger: as("mallory", "222222222222"), r: renderer(db)}
	w := must[*wellops.Workload](t)(db.CreateWorkload(f.ctx, wellops.NewWorkload{
		Name: "결제 서비스 Checkout", Description: "주문과 결제를 처리하는 서비스 (payments API)", Environment: wellops.EnvProduction,
		AWSRegions: []string{"ap-northeast-2", "us-east-1"}, AccountIDs: []string{"123456789012"}, ReviewOwner: "alice@example.com",
		IndustryType: "Financial Services", ArchitecturalDesign: "https://wiki.example.com/checkout/architecture",
		Notes: "분기마다 검토합니다. Reviewed every quarter <b>with</b> the SRE team | on-call.",
	}))
	f.id = w.ID
	answer := func(q string, u wellops.AnswerUpdate) {
		t.Helper()
		must[*wellops.Answer](t)(db.UpdateAnswer(f.ctx, f.id, alias, q, u))
	}
	sel := func(ids ...string) *[]string { return &ids }
	str := func(s string) *string { return &s }
	no := false

	answer("priorities", wellops.AnswerUpdate{SelectedChoices: sel("ops_priorities_ext_cust_needs", "ops_priorities_int_cust_needs")})
	answer("ops-model", wellops.AnswerUpdate{SelectedChoices: sel("ops_ops_model_no")})
	must[int](t)(db.CreateMilestone(f.ctx, f.id, "2026 Q1 baseline"))

	answer("priorities", wellops.AnswerUpdate{SelectedChoices: sel("ops_priorities_ext_cust_needs", "ops_priorities_int_cust_needs",
		"ops_priorities_governance_reqs", "ops_priorities_compliance_reqs")})
	answer("observability", wellops.AnswerUpdate{
		SelectedChoices: sel("ops_observability_identify_kpis", "ops_observability_application_telemetry",
			"ops_observability_customer_telemetry", "ops_observability_dependency_telemetry"),
		ChoiceUpdates: map[string]wellops.ChoiceUpdate{"ops_observability_dist_trace": {Status: wellops.ChoiceNotApplicable,
			Reason: wellops.ReasonArchitectureConstraints, Notes: "단일 프로세스라 분산 추적이 필요 없습니다"}},
		Notes: str("대시보드: https://grafana.example.com/d/checkout-overview/checkout-service-overview?orgId=1&refresh=30s&var-env=production"),
	})
	must[int](t)(db.CreateMilestone(f.ctx, f.id, "2026 Q2 관찰성 개선"))

	answer("org-culture", wellops.AnswerUpdate{IsApplicable: &no, Reason: str(wellops.ReasonOutOfScope),
		Notes: str("Culture is reviewed at the company level, not per workload.")})
	answer("dev-integ", wellops.AnswerUpdate{SelectedChoices: sel("ops_dev_integ_version_control", "ops_dev_integ_test_val_chg"),
		Notes: str("<script>alert('x')</script> CI runs on every pull request")})
	ok(t, db.PutEvidence(f.ctx, wellops.EvidenceScan{ID: "scan-1", WorkloadID: f.id, ScannedAt: time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC),
		Commit: "9f2c1e4b7a3d5f60718293a4b5c6d7e8f9012345", Root: ".", ToolVersion: "wellops-scan 1.0",
		Practices: []wellops.PracticeEvidence{
			{BestPracticeID: "OPS05-BP01", QuestionID: "dev-integ", ChoiceID: "ops_dev_integ_version_control", Status: wellops.EvidenceFound,
				Confidence: "high", Summary: "Git repository with protected main branch", SummaryKo: "main 브랜치가 보호된 Git 저장소",
				Items: []wellops.EvidenceItem{{Check: "git", Path: ".git/config", Line: 1}, {Check: "codeowners", Path: ".github/CODEOWNERS", Line: 3}}},
			{BestPracticeID: "OPS05-BP02", QuestionID: "dev-integ", ChoiceID: "ops_dev_integ_test_val_chg", Status: wellops.EvidencePartial,
				Confidence: "medium", Summary: "Unit tests run in CI; no integration tests found", SummaryKo: "CI에서 단위 테스트 실행, 통합 테스트는 찾지 못함",
				Items: []wellops.EvidenceItem{{Check: "ci-tests", Path: ".github/workflows/ci.yml", Line: 24}}},
		}}))
	// The others: one in the same account, one shared from another account.
	for i, name := range []string{"Search Indexer", "데이터 파이프라인"} {
		ctx := f.ctx
		if i == 1 {
			ctx = f.stranger
		}
		o := must[*wellops.Workload](t)(db.CreateWorkload(ctx, wellops.NewWorkload{Name: name, Description: "another workload",
			Environment: []string{wellops.EnvPreproduction, wellops.EnvProduction}[i], AWSRegions: []string{"eu-west-1"}, ReviewOwner: "bob@example.com"}))
		must[*wellops.Answer](t)(db.UpdateAnswer(ctx, o.ID, alias, "priorities", wellops.AnswerUpdate{SelectedChoices: sel("ops_priorities_ext_cust_needs")}))
		must[*wellops.Answer](t)(db.UpdateAnswer(ctx, o.ID, alias, "observability", wellops.AnswerUpdate{SelectedChoices: sel("ops_telemetry_no")}))
		f.others = append(f.others, o.ID)
	}
	sh := must[*wellops.Share](t)(db.CreateShare(f.stranger, "WORKLOAD", f.others[1], "111111111111", wellops.PermReadOnly))
	must[*wellops.Share](t)(db.UpdateShareInvitation(f.ctx, sh.ID, wellops.InvitationAccept))
	return f
}
