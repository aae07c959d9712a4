package sqldb_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/sqldb"
)

// seedEverything puts one of each kind of record into the store.
func seedEverything(t *testing.T, e *testEnv) *wellops.Workload {
	t.Helper()
	admin := wellops.WithPrincipal(e.owner, wellops.Principal{UserName: "root", AccountID: "111111111111", Admin: true})
	u := must[*wellops.User](t)(e.db.CreateUser(admin, wellops.NewUser{Name: "alice", AccountID: "111111111111", Password: "a long enough password"}))
	must[*wellops.AccessKey](t)(e.db.CreateAccessKey(admin, u.Name))
	arn := must[string](t)(e.db.ImportLens(e.owner, customLens(t, nil), "", map[string]string{"k": "v"}))
	must[string](t)(e.db.CreateLensVersion(e.owner, arn, "1.0", true))
	w := e.newWorkload(t, e.owner, "exported")
	ok(t, e.db.AssociateLenses(e.owner, w.ID, []string{arn}))
	e.selectChoices(t, e.owner, w.ID, "observability", ops04All[:2]...)
	must[int](t)(e.db.CreateMilestone(e.owner, w.ID, "first"))
	sh := must[*wellops.Share](t)(e.db.CreateShare(e.owner, wellops.ResWorkload, w.ID, "222222222222", wellops.PermReadOnly))
	must[*wellops.Share](t)(e.db.UpdateShareInvitation(e.stranger, sh.ID, wellops.InvitationAccept))
	must[*wellops.Profile](t)(e.db.CreateProfile(e.owner, wellops.NewProfile{Name: "prof", Description: "desc",
		Questions: []wellops.ProfileAnswer{{QuestionID: "lifecycle", SelectedChoiceIDs: []string{"mature"}}}}))
	must[*wellops.ReviewTemplate](t)(e.db.CreateReviewTemplate(e.owner, wellops.NewReviewTemplate{Name: "tmpl", Description: "template", Lenses: []string{"wellarchitected"}}))
	ok(t, e.db.PutEvidence(e.owner, wellops.EvidenceScan{WorkloadID: w.ID, Practices: []wellops.PracticeEvidence{
		{QuestionID: "dev-integ", ChoiceID: "ops_dev_integ_test_val_chg", Status: "found", Confidence: "high"}}}))
	ok(t, e.db.UpdateSettings(e.owner, wellops.SettingsUpdate{DiscoveryIntegrationStatus: "ENABLED"}))
	return w
}

func TestExportImportIsLosslessAcrossStores(t *testing.T) {
	ks := kinds(t)
	for _, from := range ks {
		for _, to := range ks {
			t.Run(from.Name+"-to-"+to.Name, func(t *testing.T) {
				src := newEnv(t, from.DSN(t), sqldb.Options{})
				w := seedEverything(t, src)
				var first bytes.Buffer
				ok(t, src.db.Export(context.Background(), &first))

				dst := newEnv(t, to.DSN(t), sqldb.Options{})
				counts, err := dst.db.Import(context.Background(), bytes.NewReader(first.Bytes()))
				ok(t, err)
				if counts["answers"] != 12 || counts["milestones"] != 1 || counts["audit"] == 0 || counts["users"] != 1 {
					t.Fatalf("imported counts = %v", counts)
				}
				var second bytes.Buffer
				ok(t, dst.db.Export(context.Background(), &second))
				if body(first.String()) != body(second.String()) {
					t.Fatal("export of the imported store differs from the original export")
				}
				// The imported store works: same answers, milestones and sharing, and it
				// keeps writing (sequences moved past imported IDs).
				a := must[*wellops.Answer](t)(dst.db.GetAnswer(dst.stranger, w.ID, "wellarchitected", "observability", 1, ""))
				if len(a.SelectedChoices) != 2 {
					t.Fatalf("imported milestone answer = %v", a.SelectedChoices)
				}
				dst.selectChoices(t, dst.owner, w.ID, "observability", ops04All...)
				if _, _, err := dst.db.LookupAccessKey(context.Background(), firstKey(t, dst)); err != nil {
					t.Fatalf("imported access key does not open with the same server key: %v", err)
				}
				// Importing twice is refused and changes nothing.
				_, err = dst.db.Import(context.Background(), bytes.NewReader(first.Bytes()))
				wantCode(t, err, wellops.ECONFLICT)
			})
		}
	}
}

// body drops the header line, which names the source database kind.
func body(dump string) string {
	_, rest, _ := strings.Cut(dump, "\n")
	return rest
}

func firstKey(t *testing.T, e *testEnv) string {
	admin := wellops.WithPrincipal(e.owner, wellops.Principal{UserName: "root", AccountID: "111111111111", Admin: true})
	keys := must[[]wellops.AccessKey](t)(e.db.ListAccessKeys(admin, "alice"))
	return keys[0].ID
}

func TestImportRejectsGarbageAndLeavesNothing(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		for _, in := range []string{"", "not json", `{"format":"other","version":1}`,
			`{"format":"wellops-export","version":1,"schema":1}` + "\n" + `{"table":"users","row":{"id":"u1"}}`,
			`{"format":"wellops-export","version":1,"schema":1}` + "\n" + `{"table":"sqlite_master","row":{}}`} {
			if _, err := e.db.Import(context.Background(), strings.NewReader(in)); err == nil {
				t.Fatalf("import of %q succeeded", in)
			}
		}
		var out bytes.Buffer
		ok(t, e.db.Export(context.Background(), &out))
		if strings.Count(out.String(), "\n") != 1 {
			t.Fatalf("a failed import left rows behind:\n%s", out.String())
		}
	})
}

func TestOnlineBackupIsConsistent(t *testing.T) {
	dir := t.TempDir()
	e := newEnv(t, filepath.Join(dir, "live.db"), sqldb.Options{})
	w := e.newWorkload(t, e.owner, "backed-up")
	e.selectChoices(t, e.owner, w.ID, "observability", ops04All...)
	done := make(chan error, 1)
	go func() { // writes go on during the backup
		for i := 0; i < 50; i++ {
			sel := ops01High[:1+i%4]
			if _, err := e.db.UpdateAnswer(e.owner, w.ID, "wellarchitected", "priorities", wellops.AnswerUpdate{SelectedChoices: &sel}); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	path := filepath.Join(dir, "copy.db")
	ok(t, e.db.Backup(context.Background(), path))
	ok(t, <-done)
	ok(t, sqldb.CheckFile(context.Background(), path))
	b := newEnv(t, path, sqldb.Options{})
	got := must[*wellops.Workload](t)(b.db.GetWorkload(b.owner, w.ID, 0))
	if raw := rawRollups(t, path, w.ID); raw != got.RiskCounts || got.RiskCounts.None != 1 {
		t.Fatalf("backup roll-up %+v answers %+v", got.RiskCounts, raw)
	}
	if err := e.db.Backup(context.Background(), path); err == nil {
		t.Fatal("backup overwrote an existing file")
	}
	os.WriteFile(filepath.Join(dir, "junk.db"), []byte("not a database at all, just text"), 0o600)
	if err := sqldb.CheckFile(context.Background(), filepath.Join(dir, "junk.db")); err == nil {
		t.Fatal("a junk file passed the check")
	}
}
