package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/internal/testdb"
)

func TestBackupRestoreRoundTrip(t *testing.T) {
	c := sqliteCLI(t)
	c.ok("workload", "create", "Kept", "--description", "backed up", "--region", "us-east-1")
	backup := filepath.Join(t.TempDir(), "copy.db")
	c.ok("backup", backup)
	c.fails(1, "already exists", "backup", backup)
	c.ok("workload", "create", "Later", "--description", "after the backup", "--region", "us-east-1")

	c.ok("restore", backup)
	out := c.ok("workload", "list")
	if !strings.Contains(out, "Kept") || strings.Contains(out, "Later") {
		t.Fatalf("after restore:\n%s", out)
	}
	if _, err := os.Stat(c.dsn + ".before-restore"); err != nil {
		t.Fatalf("the replaced database was not kept: %v", err)
	}
	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte("this is not a database, only some text to fail the check"), 0o600)
	c.fails(1, "not usable", "restore", junk)
	if !strings.Contains(c.ok("workload", "list"), "Kept") {
		t.Fatal("a refused restore changed the database")
	}
}

func TestExportImportAcrossStores(t *testing.T) {
	kinds := testdb.Kinds(t)
	src := newStoreCLI(t, kinds[len(kinds)-1].DSN(t)) // PostgreSQL when configured
	src.ok("workload", "create", "Moved", "--description", "moves between stores", "--region", "us-east-1")
	src.ok("answer", "Moved", "observability", "--none")
	src.ok("milestone", "create", "Moved", "first look")
	dump := filepath.Join(t.TempDir(), "all.jsonl")
	src.ok("export", "-o", dump)

	dst := newStoreCLI(t, kinds[0].DSN(t))
	if sk := src.vars["WELLOPS_SECRET_KEY"]; sk != "" {
		dst.vars["WELLOPS_SECRET_KEY"] = sk // the same installation key, as the runbook says
	}
	out := dst.ok("import", dump)
	if !strings.Contains(out, "workloads          1") || !strings.Contains(out, "milestones         1") {
		t.Fatalf("import said:\n%s", out)
	}
	var risks struct{ RiskCounts wellops.RiskCounts }
	dst.json(&risks, "workload", "show", "Moved")
	if risks.RiskCounts.High != 1 {
		t.Fatalf("imported workload risks = %+v", risks.RiskCounts)
	}
	dst.fails(5, "already has", "import", dump)
}

func TestImportAWS(t *testing.T) {
	c := sqliteCLI(t)
	out := c.ok("import-aws", "../../awsimport/testdata/get-workload.json", "../../awsimport/testdata/list-answers.json")
	for _, want := range []string{"aws wellarchitected get-workload", "aws wellarchitected list-answers", "created workload", "2 answers"} {
		if !strings.Contains(out, want) {
			t.Fatalf("import-aws said %q, want %q", out, want)
		}
	}
	var w struct{ RiskCounts wellops.RiskCounts }
	c.json(&w, "workload", "show", "Payments")
	if w.RiskCounts.None != 1 || w.RiskCounts.High != 1 {
		t.Fatalf("imported risks = %+v", w.RiskCounts)
	}
	c.fails(1, "not a format wellops knows", "import-aws", "../../lens/testdata/builtin.en.json")
}
