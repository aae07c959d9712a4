package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/wellops/wellops"
)

func TestDumpForEyes(t *testing.T) {
	dir := os.Getenv("REPORT_DUMP")
	if dir == "" {
		t.Skip()
	}
	f := newFixture(t)
	for _, lang := range []string{"en", "ko"} {
		for _, format := range f.r.Formats() {
			var buf bytes.Buffer
			if err := f.r.WriteLensReview(f.ctx, &buf, f.id, "", format, lang, 0); err != nil {
				t.Fatalf("%s %s: %v", lang, format, err)
			}
			os.WriteFile(filepath.Join(dir, "lens."+lang+"."+format), buf.Bytes(), 0o644)
			buf.Reset()
			if err := f.r.WriteConsolidated(f.ctx, &buf, wellops.ConsolidatedQuery{IncludeShared: true}, format, lang); err != nil {
				t.Fatalf("%s %s: %v", lang, format, err)
			}
			os.WriteFile(filepath.Join(dir, "cons."+lang+"."+format), buf.Bytes(), 0o644)
		}
	}
}
