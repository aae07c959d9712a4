package scan

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteChecksDoc writes the catalogue of checks as Markdown, from checks.yaml and the
// best-practice catalog: docs/checks.md is this output, and a test keeps the two in step.
func WriteChecksDoc(w io.Writer) error {
	metas, err := loadCheckMeta()
	if err != nil {
		return err
	}
	cat, err := loadCatalog()
	if err != nil {
		return err
	}
	ew := &errWriter{w: w}
	ew.printf("# wellops scan: checks\n\n")
	ew.printf("<!-- Generated from scan/checks.yaml by `go test ./scan -run TestChecksDoc -update`. Do not edit. -->\n\n")
	ew.printf("Each check reads facts collected from the repository and reports found, partial, not found, not applicable or unknown. ")
	ew.printf("A check is direct evidence for the best practices under \"Evidence for\"; for those under \"Hints at\" its finding counts as partial at most.\n\n")

	byBP := map[string][]string{}
	for _, m := range metas {
		for _, id := range m.BestPractices {
			byBP[id] = append(byBP[id], m.ID)
		}
		for _, id := range m.Supports {
			byBP[id] = append(byBP[id], m.ID+" (hint)")
		}
	}
	ew.printf("## Coverage by best practice\n\n| Best practice | Risk | Class | Checks |\n|---|---|---|---|\n")
	for _, bp := range cat.bps {
		checks := byBP[bp.ID]
		sort.Strings(checks)
		cell := strings.Join(checks, ", ")
		if bp.Class == "human-only" {
			cell = "none: a person answers (" + firstNonEmpty(cell, "no hints") + ")"
		}
		ew.printf("| %s %s | %s | %s | %s |\n", bp.ID, bp.Title, bp.Risk, bp.Class, cell)
	}
	families := map[string][]checkMeta{}
	var names []string
	for _, m := range metas {
		if _, ok := families[m.Family]; !ok {
			names = append(names, m.Family)
		}
		families[m.Family] = append(families[m.Family], m)
	}
	for _, fam := range names {
		ew.printf("\n## Family: %s\n", fam)
		for _, m := range families[fam] {
			ew.printf("\n### %s: %s\n\n", m.ID, m.Title)
			if len(m.BestPractices) > 0 {
				ew.printf("- Evidence for: %s\n", bpList(cat, m.BestPractices))
			}
			if len(m.Supports) > 0 {
				ew.printf("- Hints at: %s\n", bpList(cat, m.Supports))
			}
			ew.printf("- Why it matters: %s\n- What satisfies it: %s\n", m.Why, m.Satisfy)
		}
	}
	return ew.err
}

func bpList(cat *catalog, ids []string) string {
	var out []string
	for _, id := range ids {
		if bp := cat.byID[id]; bp != nil {
			out = append(out, fmt.Sprintf("%s %s (`%s`, %s)", id, bp.Title, bp.ChoiceID, strings.ToLower(bp.Risk)))
		} else {
			out = append(out, id)
		}
	}
	return strings.Join(out, "; ")
}
