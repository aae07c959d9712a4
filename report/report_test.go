package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// normalize replaces the store's random IDs with stable names, so goldens compare.
func (f *fixture) normalize(b []byte) []byte {
	s := strings.ReplaceAll(string(b), f.id, "WORKLOAD-CHECKOUT")
	for i, id := range f.others {
		s = strings.ReplaceAll(s, id, fmt.Sprintf("WORKLOAD-OTHER-%d", i+1))
	}
	return []byte(s)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\ngot:  %q\nwant: %q\n(run with -update if the change is intended)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: got %d lines, want %d (run with -update if intended)", name, len(gl), len(wl))
	}
}

// TestGolden renders the fixed review and the consolidated report in every format and both
// languages. PDF and XLSX are compared through what a reader gets out of them: the text
// pdftotext extracts, and the cells of each sheet.
func TestGolden(t *testing.T) {
	f := newFixture(t)
	for _, lang := range []string{"en", "ko"} {
		for _, format := range f.r.Formats() {
			t.Run(lang+"/"+format, func(t *testing.T) {
				var lr, cr bytes.Buffer
				ok(t, f.r.WriteLensReview(f.ctx, &lr, f.id, "", format, lang, 0))
				ok(t, f.r.WriteConsolidated(f.ctx, &cr, wellops.ConsolidatedQuery{IncludeShared: true}, format, lang))
				ext := format
				switch format {
				case "pdf":
					ext = "pdf.txt"
					lr.Reset()
					ok(t, f.r.WriteLensReview(f.ctx, &lr, f.id, "", format, lang, 0))
					golden(t, "consolidated."+lang+"."+ext, f.normalize(pdfText(t, cr.Bytes())))
					golden(t, "lensreview."+lang+"."+ext, f.normalize(pdfText(t, lr.Bytes())))
					return
				case "xlsx":
					ext = "xlsx.txt"
					golden(t, "consolidated."+lang+"."+ext, f.normalize(xlsxDump(t, cr.Bytes())))
					golden(t, "lensreview."+lang+"."+ext, f.normalize(xlsxDump(t, lr.Bytes())))
					return
				}
				golden(t, "consolidated."+lang+"."+ext, f.normalize(cr.Bytes()))
				golden(t, "lensreview."+lang+"."+ext, f.normalize(lr.Bytes()))
			})
		}
	}
}

// The same inputs give the same bytes, in every format: reports can be diffed and cached.
func TestDeterministic(t *testing.T) {
	f := newFixture(t)
	for _, format := range f.r.Formats() {
		var a, b bytes.Buffer
		ok(t, f.r.WriteLensReview(f.ctx, &a, f.id, "", format, "ko", 0))
		ok(t, f.r.WriteLensReview(f.ctx, &b, f.id, "", format, "ko", 0))
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two renderings differ", format)
		}
	}
}

// poppler returns whether pdftotext and pdftoppm are installed; without them the PDF checks
// skip, except in CI, which installs them.
func poppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := execLookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is required in CI (apt-get install poppler-utils)", tool)
			}
			t.Skipf("%s not installed (apt-get install poppler-utils); skipping the PDF checks", tool)
		}
	}
}

func pdfText(t *testing.T, pdf []byte) []byte {
	t.Helper()
	poppler(t)
	path := filepath.Join(t.TempDir(), "r.pdf")
	ok(t, os.WriteFile(path, pdf, 0o644))
	out, err := execOutput("pdftotext", "-enc", "UTF-8", path, "-")
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return out
}

// xlsxDump reads a workbook back with archive/zip and encoding/xml: every sheet's cells as
// "Sheet!A1<TAB>value" lines.
func xlsxDump(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	read := func(name string) []byte {
		for _, f := range zr.File {
			if f.Name == name {
				rc, err := f.Open()
				ok(t, err)
				defer rc.Close()
				data, err := io.ReadAll(rc)
				ok(t, err)
				return data
			}
		}
		t.Fatalf("workbook lacks %s", name)
		return nil
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
		} `xml:"si"`
	}
	ok(t, xml.Unmarshal(read("xl/sharedStrings.xml"), &sst))
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	ok(t, xml.Unmarshal(read("xl/workbook.xml"), &wb))
	var out bytes.Buffer
	for i, s := range wb.Sheets {
		var ws struct {
			Rows []struct {
				C []struct {
					R string `xml:"r,attr"`
					T string `xml:"t,attr"`
					V string `xml:"v"`
				} `xml:"c"`
			} `xml:"sheetData>row"`
		}
		ok(t, xml.Unmarshal(read(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)), &ws))
		for _, r := range ws.Rows {
			for _, c := range r.C {
				v := c.V
				if c.T == "s" {
					var n int
					fmt.Sscan(c.V, &n)
					v = sst.SI[n].T
				}
				fmt.Fprintf(&out, "%s!%s\t%q\n", s.Name, c.R, v)
			}
		}
	}
	return out.Bytes()
}

func TestXLSXReadBack(t *testing.T) {
	f := newFixture(t)
	var buf bytes.Buffer
	ok(t, f.r.WriteLensReview(f.ctx, &buf, f.id, "", "xlsx", "ko", 0))
	dump := string(xlsxDump(t, buf.Bytes()))
	for _, want := range []string{`답변!A1	"원칙"`, `답변!J1	"선택 항목"`, `개선 계획!A2	"1"`,
		`"분산 추적 구현"`, `"해당 없음"`, `"아키텍처 제약"`, `"단일 프로세스라 분산 추적이 필요 없습니다"`} {
		if !strings.Contains(dump, want) {
			t.Errorf("workbook lacks %s", want)
		}
	}
	// One row per question and choice, plus the header.
	l, _ := lens.Builtin("ko")
	choices := 0
	for _, q := range l.Pillars[0].Questions {
		choices += len(q.Choices)
	}
	if got := strings.Count(dump, "답변!A"); got != choices+1 {
		t.Errorf("answers sheet has %d rows, want %d", got, choices+1)
	}
}

func TestBadInput(t *testing.T) {
	f := newFixture(t)
	fields := func(err error) []string {
		var e *wellops.Error
		if !errors.As(err, &e) {
			return nil
		}
		var out []string
		for _, fe := range e.Fields {
			out = append(out, fe.Name)
		}
		sort.Strings(out)
		return out
	}
	for _, tt := range []struct {
		name   string
		ctx    context.Context
		id     string
		alias  string
		format string
		lang   string
		ms     int
		code   string
		fields string
	}{
		{"unknown workload", f.ctx, "0123456789abcdef0123456789abcdef", "", "pdf", "en", 0, wellops.ENOTFOUND, ""},
		{"unknown milestone", f.ctx, f.id, "", "pdf", "en", 9, wellops.ENOTFOUND, ""},
		{"negative milestone", f.ctx, f.id, "", "pdf", "en", -1, wellops.EINVALID, "milestone"},
		{"unknown lens", f.ctx, f.id, "nope", "md", "en", 0, wellops.ENOTFOUND, ""},
		{"unsupported format", f.ctx, f.id, "", "docx", "en", 0, wellops.EINVALID, "format"},
		{"unsupported language", f.ctx, f.id, "", "pdf", "fr", 0, wellops.EINVALID, "lang"},
		{"both", f.ctx, f.id, "", "", "jp", 0, wellops.EINVALID, "format lang"},
		{"someone else's workload", f.stranger, f.id, "", "pdf", "en", 0, wellops.ENOTFOUND, ""},
		{"no principal", context.Background(), f.id, "", "pdf", "en", 0, wellops.EUNAUTHORIZED, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := f.r.WriteLensReview(tt.ctx, &buf, tt.id, tt.alias, tt.format, tt.lang, tt.ms)
			if wellops.ErrorCode(err) != tt.code || strings.Join(fields(err), " ") != tt.fields {
				t.Fatalf("error %v (code %s, fields %v), want code %s fields %q", err, wellops.ErrorCode(err), fields(err), tt.code, tt.fields)
			}
			if buf.Len() != 0 {
				t.Errorf("a failed report wrote %d bytes", buf.Len())
			}
		})
	}
	err := f.r.WriteLensReview(f.ctx, io.Discard, f.id, "", "docx", "en", 0)
	if msg := wellops.ErrorMessage(err); !strings.Contains(msg, "format: must be one of pdf, html, md, csv, xlsx, json") {
		t.Errorf("message %q does not list the formats", msg)
	}
	var buf bytes.Buffer
	err = f.r.WriteConsolidated(f.ctx, &buf, wellops.ConsolidatedQuery{Environment: "STAGING"}, "json", "en")
	if wellops.ErrorCode(err) != wellops.EINVALID || buf.Len() != 0 {
		t.Errorf("consolidated with a bad environment: %v, %d bytes", err, buf.Len())
	}
	if _, err := f.r.LensReviewPDF(f.ctx, "0123456789abcdef0123456789abcdef", "", 0); wellops.ErrorCode(err) != wellops.ENOTFOUND {
		t.Errorf("LensReviewPDF of an unknown workload: %v", err)
	}
}

// The consolidated filters: environment, lens, and own or shared workloads.
func TestConsolidatedFilters(t *testing.T) {
	f := newFixture(t)
	names := func(q wellops.ConsolidatedQuery) string {
		var buf bytes.Buffer
		ok(t, f.r.WriteConsolidated(f.ctx, &buf, q, "csv", "en"))
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
		ok(t, err)
		seen := map[string]bool{}
		for _, r := range rows[1:] {
			seen[r[1]] = true
		}
		var out []string
		for n := range seen {
			out = append(out, n)
		}
		sort.Strings(out)
		return strings.Join(out, "; ")
	}
	for _, tt := range []struct {
		q    wellops.ConsolidatedQuery
		want string
	}{
		{wellops.ConsolidatedQuery{}, "Search Indexer; 결제 서비스 Checkout"},
		{wellops.ConsolidatedQuery{IncludeShared: true}, "Search Indexer; 결제 서비스 Checkout; 데이터 파이프라인"},
		{wellops.ConsolidatedQuery{IncludeShared: true, Environment: wellops.EnvProduction}, "결제 서비스 Checkout; 데이터 파이프라인"},
		{wellops.ConsolidatedQuery{LensAlias: "wellarchitected"}, "Search Indexer; 결제 서비스 Checkout"},
	} {
		if got := names(tt.q); got != tt.want {
			t.Errorf("%+v: workloads %q, want %q", tt.q, got, tt.want)
		}
	}
}

// The most often missing best practices are counted across workloads.
func TestMostMissing(t *testing.T) {
	f := newFixture(t)
	var buf bytes.Buffer
	ok(t, f.r.WriteConsolidated(f.ctx, &buf, wellops.ConsolidatedQuery{IncludeShared: true}, "md", "en"))
	// All three workloads miss OPS01-BP05 (priorities, at MEDIUM or HIGH risk).
	if !regexp.MustCompile(`\| 3 \| OPS01-BP05 `).MatchString(buf.String()) {
		t.Errorf("most-missing table lacks OPS01-BP05 at 3 workloads:\n%s", buf.String())
	}
}

// A workload never scanned has no evidence section; a milestone report shows the workload as
// recorded, and its trend stops at that milestone.
func TestEvidenceAndMilestone(t *testing.T) {
	f := newFixture(t)
	var buf bytes.Buffer
	ok(t, f.r.WriteLensReview(f.ctx, &buf, f.others[0], "", "json", "en", 0))
	if !strings.Contains(buf.String(), `"evidence": null`) || strings.Contains(buf.String(), `"evidence": {`) {
		t.Errorf("a workload never scanned shows evidence")
	}
	buf.Reset()
	ok(t, f.r.WriteLensReview(f.ctx, &buf, f.others[0], "", "md", "en", 0))
	if strings.Contains(buf.String(), "Repository evidence") {
		t.Errorf("Markdown has an evidence section without a scan")
	}
	buf.Reset()
	ok(t, f.r.WriteLensReview(f.ctx, &buf, f.id, "", "md", "ko", 1))
	md := buf.String()
	for _, want := range []string{"마일스톤 1: 2026 Q1 baseline", "| #1 2026 Q1 baseline |"} {
		if !strings.Contains(md, want) {
			t.Errorf("milestone report lacks %q", want)
		}
	}
	for _, unwanted := range []string{"2026 Q2", "| 현재 |"} {
		if strings.Contains(md, unwanted) {
			t.Errorf("milestone 1 report shows %q, which came later", unwanted)
		}
	}
	// At milestone 1, observability was unanswered.
	if !regexp.MustCompile(`OPS04 \| 워크로드에 관찰성을 어떻게 구현하나요\? \| 미답변`).MatchString(md) {
		t.Errorf("milestone report does not show the answers as they were")
	}
}

// The PDF carries bookmarks and clickable contents.
func TestPDFNavigation(t *testing.T) {
	f := newFixture(t)
	b, err := f.r.LensReviewPDF(f.ctx, f.id, "", 0)
	ok(t, err)
	for _, want := range []string{"/Outlines", "/PageMode /UseOutlines", "/Subtype /Link", "/Dest [", "/URI (https://docs.aws.amazon.com/",
		"/ToUnicode", "/CIDFontType2", "/FontFile2", "/Lang (en-US)"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("PDF lacks %s", want)
		}
	}
}

// A custom lens with two pillars renders in every format: no best-practice IDs, questions
// numbered by position, a heading per pillar.
func TestCustomLens(t *testing.T) {
	f := newFixture(t)
	const custom = `{"schemaVersion": "2021-11-01", "name": "Team lens", "description": "Two pillars.",
	  "pillars": [
	    {"id": "p_one", "name": "First pillar", "questions": [{"id": "q_one", "title": "First | question?", "choices": [
	      {"id": "c_yes", "title": "Yes", "improvementPlan": {"displayText": "Say yes", "url": "https://example.com/yes"}},
	      {"id": "q_one_no", "title": "None of these"}],
	      "riskRules": [{"condition": "c_yes", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]}]},
	    {"id": "p_two", "name": "Second pillar", "questions": [{"id": "q_two", "title": "Second?", "choices": [
	      {"id": "c_ok", "title": "OK", "improvementPlan": {"displayText": "Keep it"}}], "riskRules": [{"condition": "default", "risk": "NO_RISK"}]}]}]}`
	arn, err := f.db.ImportLens(f.ctx, []byte(custom), "", nil)
	ok(t, err)
	_, err = f.db.CreateLensVersion(f.ctx, arn, "1.0", false)
	ok(t, err)
	ok(t, f.db.AssociateLenses(f.ctx, f.id, []string{arn}))
	sel := []string{"q_one_no"}
	_, err = f.db.UpdateAnswer(f.ctx, f.id, arn, "q_one", wellops.AnswerUpdate{SelectedChoices: &sel})
	ok(t, err)
	for _, format := range f.r.Formats() {
		var buf bytes.Buffer
		if err := f.r.WriteLensReview(f.ctx, &buf, f.id, arn, format, "ko", 0); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if format == "md" {
			for _, want := range []string{"### First pillar", "### Second pillar", "#### Q1 First \\| question?", "[Yes](https://example.com/yes)"} {
				if !strings.Contains(buf.String(), want) {
					t.Errorf("Markdown lacks %q", want)
				}
			}
		}
	}
	var buf bytes.Buffer
	ok(t, f.r.WriteConsolidated(f.ctx, &buf, wellops.ConsolidatedQuery{LensAlias: arn}, "json", "en"))
	if !strings.Contains(buf.String(), `"lensName": "Team lens"`) || strings.Contains(buf.String(), `"lensAlias": "wellarchitected"`) {
		t.Errorf("consolidated report filtered by the custom lens:\n%.1500s", buf.String())
	}
}
