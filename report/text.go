package report

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// questionCode is the short name a question goes by in the report: the built-in lens's
// "OPS04", taken from its best-practice IDs, or the question's position for a custom lens.
func questionCode(n int, q *lens.Question) string {
	for _, c := range q.Choices {
		if bp := c.BestPractice; bp != nil {
			if i := strings.Index(bp.ID, "-"); i > 0 {
				return bp.ID[:i]
			}
		}
	}
	return "Q" + strconv.Itoa(n)
}

// lensReviewRows is the table behind CSV and the XLSX answers sheet: one row per question and
// choice, like the spreadsheets exported from the AWS tool, with the question's answer
// repeated on each of its rows so that a filtered sheet still reads.
func lensReviewRows(d *lensReviewDoc) [][]string {
	L := d.L
	head := []string{L.Pillar, L.Question + " ID", L.Question, L.Risk, L.Applicable, L.Reason, L.Notes,
		L.Choice + " ID", L.BestPractice + " ID", L.Choice, L.Status, L.Choice + " " + L.Reason, L.Choice + " " + L.Notes, L.Evidence}
	rows := [][]string{head}
	n := 0
	for _, p := range d.Pillars {
		for _, q := range p.Questions {
			n++
			applicable := L.Yes
			if !q.A.IsApplicable {
				applicable = L.No
			}
			reason := ""
			if q.A.Reason != "" {
				reason = L.ReasonOf(q.A.Reason)
			}
			for _, c := range q.Choices {
				bp, ev, cr := "", "", ""
				if c.C.BestPractice != nil {
					bp = c.C.BestPractice.ID
				}
				if c.Evidence != nil {
					ev = L.EvidenceStatus(c.Evidence.Status)
				}
				if c.Reason != "" {
					cr = L.ReasonOf(c.Reason)
				}
				rows = append(rows, []string{p.Review.PillarName, q.Q.ID, questionCode(n, q.Q) + " " + q.Q.Title, L.RiskName(q.A.Risk), applicable,
					reason, q.A.Notes, c.C.ID, bp, c.C.Title, L.ChoiceStatus(c.Status), cr, c.Notes, ev})
			}
		}
	}
	return rows
}

// planRows is the improvement plan as a table (the XLSX plan sheet).
func planRows(d *lensReviewDoc) [][]string {
	L := d.L
	rows := [][]string{{L.Priority, L.Pillar, L.Question + " ID", L.Question, L.Risk, L.ImprovementStatus,
		L.BestPractice + " ID", L.BestPractice, L.BestPracticeRisk, L.ImprovementPlan, "URL"}}
	for i, it := range d.Plan {
		for _, c := range it.Missing {
			bp, bpRisk, text, url := "", "", "", ""
			if c.BestPractice != nil {
				bp, bpRisk = c.BestPractice.ID, L.RiskName(c.BestPractice.Risk)
			}
			if c.ImprovementPlan != nil {
				text, url = c.ImprovementPlan.DisplayText, c.ImprovementPlan.URL
			}
			rows = append(rows, []string{strconv.Itoa(i + 1), it.PillarName, it.QuestionID, it.QuestionTitle, L.RiskName(it.Risk),
				L.ImprovementOf(it.Status), bp, c.Title, bpRisk, text, url})
		}
	}
	return rows
}

// consolidatedRows is the consolidated table: one row per workload, lens and question.
func consolidatedRows(d *consolidatedDoc) [][]string {
	L := d.L
	rows := [][]string{{L.Workload + " ID", L.Workload, L.Environment, L.Lens, L.Pillar, L.Question + " ID", L.Question, L.Risk, L.Missing}}
	for _, m := range d.Metrics {
		for _, lm := range m.Lenses {
			for _, pm := range lm.Pillars {
				for _, qm := range pm.Questions {
					var missing []string
					for _, bp := range qm.BestPractices {
						missing = append(missing, bp.ChoiceTitle)
					}
					rows = append(rows, []string{m.WorkloadID, m.WorkloadName, L.Env(m.Environment), lm.LensName, pm.PillarName,
						qm.QuestionID, qm.QuestionTitle, L.RiskName(lens.Risk(qm.Risk)), strings.Join(missing, "\n")})
				}
			}
		}
	}
	return rows
}

// workloadRows is one row per workload with its risk counts.
func workloadRows(d *consolidatedDoc) [][]string {
	L := d.L
	head := []string{L.Workload + " ID", L.Workload, L.Environment, L.UpdatedAt}
	for _, r := range riskOrder() {
		head = append(head, L.RiskName(r))
	}
	rows := [][]string{head}
	for _, m := range d.Metrics {
		row := []string{m.WorkloadID, m.WorkloadName, L.Env(m.Environment), dateString(m.UpdatedAt)}
		for _, r := range riskOrder() {
			row = append(row, strconv.Itoa(countOf(m.RiskCounts, r)))
		}
		rows = append(rows, row)
	}
	return rows
}

// writeCSV writes UTF-8 with a byte-order mark: without it Excel reads the file in the
// system code page and Korean comes out garbled.
func writeCSV(w io.Writer, rows [][]string) error {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	for _, r := range rows {
		safe := make([]string, len(r))
		for i, c := range r {
			safe[i] = csvCell(c)
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// csvCell defuses formula injection: a spreadsheet runs a cell that starts with = + - or @ as
// a formula, and notes are free text written by anyone with access to the workload.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func lensReviewCSV(w io.Writer, d *lensReviewDoc) error { return writeCSV(w, lensReviewRows(d)) }

func consolidatedCSV(w io.Writer, d *consolidatedDoc) error { return writeCSV(w, consolidatedRows(d)) }

// riskCells is the counts in riskOrder, as text.
func riskCells(c wellops.RiskCounts) []string {
	out := make([]string, 0, 5)
	for _, r := range riskOrder() {
		out = append(out, strconv.Itoa(countOf(c, r)))
	}
	return out
}
