package wellops

import "github.com/wellops/wellops/lens"

// RiskCounts counts questions by risk. It is the API's RiskCounts map as a struct, so roll-ups
// are plain additions and the stores can keep them in columns.
type RiskCounts struct {
	High          int
	Medium        int
	None          int
	NotApplicable int
	Unanswered    int
}

// Add counts one question of risk r.
func (c *RiskCounts) Add(r lens.Risk) { c.AddN(r, 1) }

// AddN counts n questions of risk r; anything unrecognised counts as unanswered.
func (c *RiskCounts) AddN(r lens.Risk, n int) {
	switch r {
	case lens.RiskHigh:
		c.High += n
	case lens.RiskMedium:
		c.Medium += n
	case lens.RiskNone:
		c.None += n
	case lens.RiskNotApplicable:
		c.NotApplicable += n
	default:
		c.Unanswered += n
	}
}

// Plus returns the sum of two counts.
func (c RiskCounts) Plus(o RiskCounts) RiskCounts {
	return RiskCounts{c.High + o.High, c.Medium + o.Medium, c.None + o.None, c.NotApplicable + o.NotApplicable, c.Unanswered + o.Unanswered}
}

// Total is the number of questions counted.
func (c RiskCounts) Total() int { return c.High + c.Medium + c.None + c.NotApplicable + c.Unanswered }

// Answered is the number of questions that have an answer (including not applicable).
func (c RiskCounts) Answered() int { return c.Total() - c.Unanswered }

// Map returns the counts keyed by the API's Risk values, as RiskCounts appears on the wire.
// Zero counts are included, as the AWS tool does.
func (c RiskCounts) Map() map[string]int {
	return map[string]int{
		string(lens.RiskHigh):          c.High,
		string(lens.RiskMedium):        c.Medium,
		string(lens.RiskNone):          c.None,
		string(lens.RiskNotApplicable): c.NotApplicable,
		string(lens.RiskUnanswered):    c.Unanswered,
	}
}
