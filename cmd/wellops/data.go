package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wellops/wellops/awsimport"
	"github.com/wellops/wellops/sqldb"
)

// The data commands move whole stores: backup and restore of a SQLite file, export and
// import between any two stores, and import from the AWS Well-Architected Tool.

// openData opens the store named by --db (or the configuration) without acting as a user:
// these commands work on everything in it.
func openData(ctx context.Context, e *env, name, dsn string) (*sqldb.DB, *config, error) {
	var args []string
	if dsn != "" {
		args = []string{"--db", dsn}
	}
	cfg, _, err := loadConfig(name, e, args)
	if err != nil {
		return nil, nil, err
	}
	db, err := openStore(ctx, cfg, e.stderr, nil)
	return db, cfg, err
}

func backupCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("backup", "[--db FILE] BACKUP-FILE", e.stderr)
	dsn := fs.String("db", "", "the SQLite store to copy (env WELLOPS_DB; default wellops.db)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	db, _, err := openData(ctx, e, "backup", *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wellops: backed up to %s; keep the server key with it\n", pos[0])
	return nil
}

func restoreCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("restore", "BACKUP-FILE [--db FILE]   (stop the server first)", e.stderr)
	dsn := fs.String("db", "", "the SQLite store to replace (env WELLOPS_DB; default wellops.db)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	target := *dsn
	if target == "" {
		target = e.getenv("WELLOPS_DB")
	}
	if target == "" {
		target = "wellops.db"
	}
	if sqldb.IsPostgres(target) {
		return fmt.Errorf("restore replaces SQLite files; for PostgreSQL use pg_restore, or wellops import into an empty database")
	}
	target = strings.TrimPrefix(target, "file:")
	if err := sqldb.CheckFile(ctx, pos[0]); err != nil {
		return fmt.Errorf("the backup %s is not usable: %w", pos[0], err)
	}
	if _, err := os.Stat(target); err == nil {
		// Keep what is replaced: a restore of the wrong file must be undoable.
		old := target + ".before-restore"
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Rename(target+suffix, old+suffix); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("move the current database aside: %w", err)
			}
		}
		fmt.Fprintf(e.stderr, "wellops: the replaced database is kept as %s\n", old)
	}
	src, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer src.Close()
	if err := writeAtomic(target, 0o600, func(w io.Writer) error { _, err := io.Copy(w, src); return err }); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	fmt.Fprintf(e.stderr, "wellops: restored %s from %s\n", target, pos[0])
	return nil
}

func exportCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("export", "[--db DSN] [-o FILE]", e.stderr)
	dsn := fs.String("db", "", "the store to export (env WELLOPS_DB; default wellops.db)")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 0, 0); err != nil {
		return err
	}
	db, _, err := openData(ctx, e, "export", *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *out == "" || *out == "-" {
		return db.Export(ctx, e.stdout)
	}
	return writeAtomic(*out, 0o600, func(w io.Writer) error { return db.Export(ctx, w) })
}

func importCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("import", "[--db DSN] [FILE|-]   (the target store must be empty)", e.stderr)
	dsn := fs.String("db", "", "the empty store to fill (env WELLOPS_DB; default wellops.db)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 0, 1); err != nil {
		return err
	}
	in := e.stdin
	if len(pos) == 1 && pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	var args2 []string
	if *dsn != "" {
		args2 = []string{"--db", *dsn}
	}
	cfg, _, err := loadConfig("import", e, args2)
	if err != nil {
		return err
	}
	// Not openStore: the target must stay empty, without the first administrator that
	// openStore creates; the export brings its own users.
	if cfg.SecretKey == nil {
		if cfg.SecretKey, cfg.keyFile, cfg.keyGenerated, err = localKey(cfg.DB); err != nil {
			return err
		}
	}
	db, err := sqldb.Open(ctx, cfg.DB, sqldb.Options{Quotas: cfg.Quotas, Region: cfg.Region, Lang: cfg.Lang, SecretKey: cfg.SecretKey})
	if err != nil {
		return err
	}
	defer db.Close()
	counts, err := db.Import(ctx, bufio.NewReader(in))
	if err != nil {
		return err
	}
	names := make([]string, 0, len(counts))
	for k := range counts {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(e.stdout, "%-18s %d\n", k, counts[k])
	}
	fmt.Fprintln(e.stderr, "wellops: imported; access keys work only with the server key of the exporting installation")
	return nil
}

func importAWSCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("import-aws", "FILE... [--workload WORKLOAD] [--name NAME] [--as USER] [--db DSN]", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	workload := fs.String("workload", "", "apply the answers to this existing workload (ID or name) instead of creating one")
	name := fs.String("name", "", "name the new workload `NAME` instead of the exported name")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, -1); err != nil {
		return err
	}
	var files [][]byte
	for _, p := range pos {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, b)
	}
	b, err := awsimport.Parse(files...)
	if err != nil {
		return err
	}
	c, err := sf.open(ctx, e, "import-aws")
	if err != nil {
		return err
	}
	defer c.Close()
	opt := awsimport.Options{Name: *name}
	if *workload != "" {
		w, err := c.workload(ctx, *workload)
		if err != nil {
			return err
		}
		opt.WorkloadID = w.ID
	}
	res, err := awsimport.Apply(c.ctx(ctx), c.db, b, opt)
	if err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, res)
	}
	for i, f := range b.Formats {
		fmt.Fprintf(e.stdout, "read %s: %s\n", filepath.Base(pos[i]), f)
	}
	verb := "updated"
	if res.Created {
		verb = "created"
	}
	fmt.Fprintf(e.stdout, "%s workload %s: %d answers, %d milestones\n", verb, res.WorkloadID, res.AnswersApplied, res.MilestonesCreated)
	reasons := make([]string, 0, len(res.Skipped))
	for r := range res.Skipped {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		fmt.Fprintf(e.stdout, "left out: %d %s\n", res.Skipped[r], r)
	}
	return nil
}
