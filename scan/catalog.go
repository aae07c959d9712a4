package scan

import (
	_ "embed"
	"fmt"
	"strings"
)

// The best-practice facts (IDs, WA Tool choice IDs, risk levels, titles) and the class of
// evidence a repository can give for each (strong, weak, human-only) are data, kept beside the
// code so that a framework update is a data change that tests check.
var (
	//go:embed catalog.tsv
	catalogTSV string
	//go:embed questions.tsv
	questionsTSV string
)

// bestPractice is one row of catalog.tsv.
type bestPractice struct {
	ID         string // OPS05-BP02
	QuestionID string // dev-integ
	ChoiceID   string // ops_dev_integ_test_val_chg
	Risk       string // HIGH, MEDIUM or LOW
	Class      string // strong, weak or human-only
	Title      string
}

// question is one row of questions.tsv.
type question struct {
	Number string // OPS05
	ID     string // dev-integ
	Title  string
}

// catalog is the parsed best-practice and question tables.
type catalog struct {
	bps       []bestPractice
	questions []question
	byID      map[string]*bestPractice
}

func loadCatalog() (*catalog, error) {
	c := &catalog{byID: map[string]*bestPractice{}}
	for i, f := range tsvRows(catalogTSV) {
		if len(f) != 6 {
			return nil, fmt.Errorf("catalog.tsv row %d: want 6 fields, got %d", i+1, len(f))
		}
		c.bps = append(c.bps, bestPractice{ID: f[0], QuestionID: f[1], ChoiceID: f[2], Risk: f[3], Class: f[4], Title: f[5]})
	}
	for i := range c.bps {
		c.byID[c.bps[i].ID] = &c.bps[i]
	}
	for i, f := range tsvRows(questionsTSV) {
		if len(f) != 3 {
			return nil, fmt.Errorf("questions.tsv row %d: want 3 fields, got %d", i+1, len(f))
		}
		c.questions = append(c.questions, question{Number: f[0], ID: f[1], Title: f[2]})
	}
	return c, nil
}

func tsvRows(s string) [][]string {
	var rows [][]string
	for _, line := range strings.Split(s, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

// riskRank orders the WA risk levels for --fail-on.
func riskRank(risk string) int {
	switch risk {
	case "HIGH":
		return 3
	case "MEDIUM":
		return 2
	case "LOW":
		return 1
	}
	return 0
}
