package sqldb

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/wellops/wellops"
)

// dumpTables lists every table worth moving, parents before children. Sessions and
// idempotency tokens are short-lived and stay behind.
var dumpTables = []struct {
	name    string
	order   string
	boolean []string // columns stored as 0/1 in SQLite and BOOLEAN in PostgreSQL
}{
	{"users", "id", []string{"admin"}},
	{"access_keys", "id", []string{"revoked"}},
	{"lenses", "arn", []string{"deleted"}},
	{"lens_versions", "lens_arn, seq", []string{"is_major"}},
	{"workloads", "id", nil},
	{"lens_reviews", "workload_id, lens_alias", nil},
	{"answers", "workload_id, lens_alias, question_id", []string{"is_applicable", "prioritized"}},
	{"milestones", "workload_id, number", nil},
	{"audit", "id", nil},
	{"shares", "id", nil},
	{"profiles", "arn", []string{"deleted"}},
	{"profile_versions", "profile_arn, seq", nil},
	{"templates", "arn", nil},
	{"template_reviews", "template_arn, lens_alias", nil},
	{"template_answers", "template_arn, lens_alias, question_id", []string{"is_applicable"}},
	{"evidence", "workload_id", nil},
	{"suggestions", "workload_id, question_id, choice_id", nil},
	{"settings", "account_id", nil},
}

// DumpFormat identifies a wellops export stream.
const DumpFormat = "wellops-export"

type dumpHeader struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Schema  int    `json:"schema"`
	Source  string `json:"source"`
}

type dumpRow struct {
	Table string         `json:"table"`
	Row   map[string]any `json:"row"`
}

// Export writes everything the store keeps (users and access keys, lenses and their
// versions, workloads, lens reviews, answers, milestones, audit, shares, profiles, templates,
// evidence, settings) as JSON lines, from one consistent snapshot. Access-key secrets stay
// encrypted with the server key: an import elsewhere needs the same key.
func (db *DB) Export(ctx context.Context, w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	schema, err := db.latestMigration()
	if err != nil {
		return err
	}
	if err := enc.Encode(dumpHeader{Format: DumpFormat, Version: 1, Schema: schema, Source: db.d.name()}); err != nil {
		return err
	}
	err = db.readTx(ctx, func(t *tx) error {
		for _, tb := range dumpTables {
			rows, err := t.query(ctx, "SELECT * FROM "+tb.name+" ORDER BY "+tb.order)
			if err != nil {
				return fmt.Errorf("export %s: %w", tb.name, err)
			}
			cols, err := rows.Columns()
			if err != nil {
				rows.Close()
				return err
			}
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					rows.Close()
					return err
				}
				row := make(map[string]any, len(cols))
				for i, c := range cols {
					row[c] = normalise(vals[i], contains(tb.boolean, c))
				}
				if err := enc.Encode(dumpRow{Table: tb.name, Row: row}); err != nil {
					rows.Close()
					return err
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// normalise turns driver values into JSON values that mean the same in both databases.
func normalise(v any, boolean bool) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case int64:
		if boolean {
			return x != 0
		}
		return x
	case bool:
		return x
	}
	return v
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Import loads an Export stream into this store, which must be empty (no users, workloads
// or lenses), in one transaction: a failed import leaves nothing behind.
func (db *DB) Import(ctx context.Context, r io.Reader) (map[string]int, error) {
	dec := json.NewDecoder(bufio.NewReader(r))
	var h dumpHeader
	if err := dec.Decode(&h); err != nil {
		return nil, fmt.Errorf("import: not a wellops export: %w", err)
	}
	if h.Format != DumpFormat || h.Version != 1 {
		return nil, wellops.Errorf(wellops.EINVALID, "import: not a wellops export (format %q version %d)", h.Format, h.Version)
	}
	schema, err := db.latestMigration()
	if err != nil {
		return nil, err
	}
	if h.Schema > schema {
		return nil, wellops.Errorf(wellops.EINVALID, "import: the export has schema %d, newer than this binary's %d; upgrade wellops first", h.Schema, schema)
	}
	counts := map[string]int{}
	err = db.writeTx(ctx, func(t *tx) error {
		for _, tb := range []string{"users", "workloads", "lenses"} {
			var n int
			if err := t.queryRow(ctx, "SELECT COUNT(*) FROM "+tb).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return wellops.Errorf(wellops.ECONFLICT, "import: the target store already has %s; import into an empty database", tb)
			}
		}
		known := map[string]bool{}
		for _, tb := range dumpTables {
			known[tb.name] = true
		}
		for {
			var row dumpRow
			err := dec.Decode(&row)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return fmt.Errorf("import: line %d: %w", sum(counts)+2, err)
			}
			if !known[row.Table] {
				return wellops.Errorf(wellops.EINVALID, "import: unknown table %q", row.Table)
			}
			if err := t.insertRow(ctx, row); err != nil {
				return fmt.Errorf("import %s: %w", row.Table, err)
			}
			counts[row.Table]++
		}
		if db.d.name() == "postgres" && counts["audit"] > 0 {
			// Audit IDs were kept; move the sequence past them.
			if _, err := t.exec(ctx, "SELECT setval(pg_get_serial_sequence('audit', 'id'), (SELECT MAX(id) FROM audit))"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	db.lenses = newLensCache(256)
	return counts, nil
}

func (t *tx) insertRow(ctx context.Context, row dumpRow) error {
	cols := make([]string, 0, len(row.Row))
	for c := range row.Row {
		if !isIdent(c) {
			return fmt.Errorf("bad column name %q", c)
		}
		cols = append(cols, c)
	}
	args := make([]any, len(cols))
	for i, c := range cols {
		v := row.Row[c]
		if f, ok := v.(float64); ok {
			// JSON numbers decode as float64; every numeric column is an integer.
			v = int64(f)
		}
		args[i] = v
	}
	q := "INSERT INTO " + row.Table + " (" + strings.Join(cols, ", ") + ") VALUES (" +
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	_, err := t.exec(ctx, q, args...)
	return err
}

func isIdent(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
