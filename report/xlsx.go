package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// The XLSX encoder writes the Office Open XML parts by hand (archive/zip and encoding/xml):
// a workbook of plain sheets needs a few hundred lines, not a dependency. Strings go into the
// shared-string table, as Excel itself writes them; the header row is bold, frozen and
// filterable.

type sheet struct {
	Name    string
	Rows    [][]string
	Widths  []float64    // column widths in characters; 0 leaves the default
	Numeric map[int]bool // columns whose integer cells are written as numbers
}

type workbook struct {
	sheets  []sheet
	strings []string
	index   map[string]int
}

func (wb *workbook) str(s string) int {
	if i, ok := wb.index[s]; ok {
		return i
	}
	wb.index[s] = len(wb.strings)
	wb.strings = append(wb.strings, s)
	return len(wb.strings) - 1
}

// writeXLSX writes the sheets as a workbook. modified stamps the zip entries, so the same
// report gives the same bytes.
func writeXLSX(w io.Writer, sheets []sheet, modified time.Time) error {
	wb := &workbook{sheets: sheets, index: map[string]int{}}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified.UTC()})
		if err != nil {
			return err
		}
		_, err = io.WriteString(f, xml.Header+body)
		return err
	}
	// Sheets first: they fill the shared-string table written after them.
	bodies := make([]string, len(sheets))
	for i, s := range sheets {
		bodies[i] = wb.sheetXML(s)
	}
	var ct, rels, books strings.Builder
	for i, s := range sheets {
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		fmt.Fprintf(&books, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, esc(sheetName(s.Name)), i+1, i+1)
	}
	n := len(sheets)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
			ct.String() + `</Types>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets>` + books.String() + `</sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() +
			fmt.Sprintf(`<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, n+1) +
			fmt.Sprintf(`<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, n+2) +
			`</Relationships>`},
		{"xl/styles.xml", stylesXML},
		{"xl/sharedStrings.xml", wb.sharedStringsXML()},
	}
	for _, p := range parts {
		if err := add(p.name, p.body); err != nil {
			return err
		}
	}
	for i, b := range bodies {
		if err := add(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), b); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Cell styles: 0 default, 1 header (bold on grey, wrapped), 2 wrapped text aligned to the top.
const stylesXML = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFE8ECF1"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

func (wb *workbook) sheetXML(s sheet) string {
	var b strings.Builder
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	if len(s.Widths) > 0 {
		b.WriteString("<cols>")
		for i, w := range s.Widths {
			if w > 0 {
				fmt.Fprintf(&b, `<col min="%d" max="%d" width="%g" customWidth="1"/>`, i+1, i+1, w)
			}
		}
		b.WriteString("</cols>")
	}
	b.WriteString("<sheetData>")
	cols := 0
	for r, row := range s.Rows {
		cols = max(cols, len(row))
		fmt.Fprintf(&b, `<row r="%d">`, r+1)
		style := 2
		if r == 0 {
			style = 1
		}
		for c, v := range row {
			ref := colName(c) + strconv.Itoa(r+1)
			if r > 0 && s.Numeric[c] {
				if n, err := strconv.Atoi(v); err == nil && strconv.Itoa(n) == v {
					fmt.Fprintf(&b, `<c r="%s"><v>%d</v></c>`, ref, n)
					continue
				}
			}
			if v == "" {
				continue
			}
			fmt.Fprintf(&b, `<c r="%s" s="%d" t="s"><v>%d</v></c>`, ref, style, wb.str(v))
		}
		b.WriteString("</row>")
	}
	b.WriteString("</sheetData>")
	if len(s.Rows) > 0 && cols > 0 {
		fmt.Fprintf(&b, `<autoFilter ref="A1:%s%d"/>`, colName(cols-1), len(s.Rows))
	}
	b.WriteString("</worksheet>")
	return b.String()
}

func (wb *workbook) sharedStringsXML() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(wb.strings), len(wb.strings))
	for _, s := range wb.strings {
		b.WriteString(`<si><t xml:space="preserve">`)
		b.WriteString(esc(xlsxLimit(s)))
		b.WriteString(`</t></si>`)
	}
	b.WriteString("</sst>")
	return b.String()
}

// colName turns a zero-based column index into its letters: 0 → A, 26 → AA.
func colName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// sheetName keeps a sheet name within Excel's rules: at most 31 characters, none of []:*?/\.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	return s
}

// xlsxLimit cuts a string to Excel's 32,767-character cell limit.
func xlsxLimit(s string) string {
	if r := []rune(s); len(r) > 32767 {
		return string(r[:32767])
	}
	return s
}

// esc escapes text for XML; characters XML cannot carry become U+FFFD.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func lensReviewXLSX(w io.Writer, d *lensReviewDoc) error {
	L := d.L
	return writeXLSX(w, []sheet{
		{Name: L.Answers, Rows: lensReviewRows(d), Widths: []float64{18, 16, 40, 12, 8, 16, 30, 28, 14, 40, 12, 16, 30, 12}},
		{Name: L.ImprovementPlan, Rows: planRows(d), Widths: []float64{8, 18, 16, 40, 12, 14, 14, 40, 12, 60, 30}, Numeric: map[int]bool{0: true}},
	}, d.GeneratedAt)
}

func consolidatedXLSX(w io.Writer, d *consolidatedDoc) error {
	L := d.L
	missing := [][]string{{L.Workloads, L.Lens, L.Question + " ID", L.Question, L.Choice + " ID", L.BestPractice + " ID", L.BestPractice, L.Workload}}
	for _, mp := range d.MostMissing {
		missing = append(missing, []string{strconv.Itoa(mp.Workloads), mp.LensName, mp.QuestionID, mp.QuestionTitle, mp.ChoiceID, mp.BestPracticeID, mp.ChoiceTitle, mp.Example})
	}
	return writeXLSX(w, []sheet{
		{Name: L.Workloads, Rows: workloadRows(d), Widths: []float64{34, 30, 14, 20, 10, 10, 10, 10, 10}, Numeric: map[int]bool{4: true, 5: true, 6: true, 7: true, 8: true}},
		{Name: L.Questions, Rows: consolidatedRows(d), Widths: []float64{34, 30, 14, 24, 20, 18, 40, 12, 50}},
		{Name: L.MostMissingSheet, Rows: missing, Widths: []float64{10, 24, 18, 40, 30, 14, 40, 30}, Numeric: map[int]bool{0: true}},
	}, d.GeneratedAt)
}
