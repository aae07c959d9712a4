package scan

import "fmt"

// FailLevel parses a --fail-on level: the lowest WA risk level whose not-found best
// practices fail a CI run. "none" never fails; "any" fails on LOW and above.
func FailLevel(level string) (int, error) {
	switch level {
	case "none", "":
		return 0, nil
	case "high":
		return riskRank("HIGH"), nil
	case "medium":
		return riskRank("MEDIUM"), nil
	case "low", "any":
		return riskRank("LOW"), nil
	}
	return 0, fmt.Errorf("want high, medium, any or none, got %q", level)
}

// Failing returns the best practices that fail --fail-on level: status not_found (after
// waivers, so a waived practice never fails) at or above the level's risk. Unknown is not a
// failure: absence of evidence is not proof of absence.
func (r *Report) Failing(level string) ([]BPResult, error) {
	min, err := FailLevel(level)
	if err != nil || min == 0 {
		return nil, err
	}
	var out []BPResult
	for _, bp := range r.BestPractices {
		if bp.Status == NotFound && riskRank(bp.Risk) >= min {
			out = append(out, bp)
		}
	}
	return out, nil
}
