package lens

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestExportGolden(t *testing.T) {
	l := testLens()
	l.Pillars[0].Questions[0].Choices[0].BestPractice = &BestPractice{ID: "OPS01-BP01", Risk: RiskHigh}
	l.Pillars[0].Questions[0].Choices[1].AdditionalResources = []*AdditionalResource{
		{Type: "HELPFUL_RESOURCE", Content: []*Resource{{DisplayText: "More <reading> & notes", URL: "https://example.com/more?a=1&b=2"}}},
	}
	got, err := l.Export()
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "export.json", got)
	// Conditions and texts stay readable, and catalog facts stay out of the format.
	for _, s := range []string{`"condition": "c_a && (c_b || c_c)"`, `More <reading> & notes`, "\n  \"pillars\": ["} {
		if !bytes.Contains(got, []byte(s)) {
			t.Errorf("export does not contain %q", s)
		}
	}
	if bytes.Contains(got, []byte("OPS01-BP01")) {
		t.Error("export contains the BestPractice facts")
	}
	roundTrip(t, mustParse(t, got))
}

func TestExportRefusesInvalidLens(t *testing.T) {
	l := testLens()
	l.Pillars[0].Questions[0].RiskRules = l.Pillars[0].Questions[0].RiskRules[:2]
	_, err := l.Export()
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), `must have a rule with condition "default"`) {
		t.Errorf("Export = %v, want the missing default rule", err)
	}
}

func TestExportTooLarge(t *testing.T) {
	l := testLens()
	q := l.Pillars[0].Questions[0]
	for _, c := range q.Choices {
		c.Description = strings.Repeat("d", maxTextLen)
	}
	// 10 pillars of 20 questions, each choice description at its limit, is about 1.6 MB:
	// valid field by field, too big as a whole.
	l.Pillars = nil
	for i := range maxPillars {
		p := &Pillar{ID: "pillar_" + strconv.Itoa(i), Name: "P"}
		for j := range maxQuestions {
			nq := *q
			nq.ID = "q_" + strconv.Itoa(i) + "_" + strconv.Itoa(j)
			p.Questions = append(p.Questions, &nq)
		}
		l.Pillars = append(l.Pillars, p)
	}
	if err := l.Validate(); err != nil {
		t.Fatal(err)
	}
	_, err := l.Export()
	if err == nil || !strings.Contains(err.Error(), "must export to at most 500000 bytes") {
		t.Errorf("Export = %v, want a size problem", err)
	}
}
