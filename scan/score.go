package scan

import (
	"strings"
)

// humanOnlyReason is the summary of practices no repository can show.
const humanOnlyReason = "a person must answer this: it is about people, culture or judgement, which files cannot show"

// score combines check results per best practice and applies waivers. Check waivers apply
// before combining, best-practice waivers after.
func score(cat *catalog, checks []check, results []CheckResult, waivers []Waiver) []BPResult {
	for i := range waivers {
		w := &waivers[i]
		if !w.usable() || w.Check == "" {
			continue
		}
		for j := range results {
			if results[j].ID == w.Check {
				w.Applied = true
				w.OriginalStatus = results[j].Status
				results[j].Status = w.Status
				cp := *w
				results[j].Waiver = &cp
			}
		}
	}

	type contrib struct {
		res     *CheckResult
		status  Status
		conf    Confidence
		primary bool
	}
	byBP := map[string][]contrib{}
	for i, c := range checks {
		r := &results[i]
		for _, bp := range c.meta.BestPractices {
			byBP[bp] = append(byBP[bp], contrib{res: r, status: r.Status, conf: r.Confidence, primary: true})
		}
		for _, bp := range c.meta.Supports {
			st, conf := r.Status, r.Confidence
			// A hint is never more than partial evidence; a partial hint, or its absence,
			// says nothing.
			switch st {
			case Found:
				st = Partial
				if conf == High {
					conf = Medium
				}
			case Partial, NotFound, NotApplicable:
				st = Unknown
			}
			byBP[bp] = append(byBP[bp], contrib{res: r, status: st, conf: conf})
		}
	}

	out := make([]BPResult, 0, len(cat.bps))
	for _, bp := range cat.bps {
		b := BPResult{ID: bp.ID, QuestionID: bp.QuestionID, ChoiceID: bp.ChoiceID, Title: bp.Title, Risk: bp.Risk, Class: bp.Class, Status: Unknown}
		cs := byBP[bp.ID]
		best := Unknown
		for _, c := range cs {
			b.Checks = append(b.Checks, c.res.ID)
			if c.status.rank() > best.rank() {
				best = c.status
			}
		}
		var summaries []string
		var conf Confidence
		for _, c := range cs {
			if c.status != best {
				continue
			}
			if c.conf.rank() > conf.rank() {
				conf = c.conf
			}
			if c.res.Summary != "" {
				s := c.res.Summary
				if !c.primary && best == Partial {
					s = "hint: " + s
				}
				summaries = append(summaries, s)
			}
		}
		// Evidence from every check that found anything, gaps from the direct checks.
		for _, c := range cs {
			if c.status == Found || c.status == Partial {
				b.Evidence = append(b.Evidence, c.res.Evidence...)
			}
			if c.primary {
				b.Gaps = append(b.Gaps, c.res.Gaps...)
			}
		}
		// A check waiver that decided this practice is shown on it too, so the result is not
		// mistaken for evidence (and is not suggested).
		for _, c := range cs {
			if c.primary && c.res.Waiver != nil && c.status == best && b.Waiver == nil {
				b.Waiver = c.res.Waiver
			}
		}
		b.Evidence = capItems(dedupItems(b.Evidence))
		b.Gaps = capItems(dedupItems(b.Gaps))
		switch {
		case bp.Class == "human-only":
			b.Status = Unknown
			b.Summary = humanOnlyReason
			if len(b.Evidence) > 0 {
				b.Summary += "; the evidence below only hints at it"
			}
		case len(cs) == 0:
			b.Status = Unknown
			b.Summary = "no check reads this practice yet"
		case best == NotFound && bp.Class == "weak":
			// For a weak practice the repository is often not where the evidence lives.
			b.Status = Unknown
			b.Summary = "nothing in the repository shows it (" + strings.Join(summaries, "; ") + "); it is often kept elsewhere, so ask the team"
		default:
			b.Status = best
			b.Confidence = conf
			b.Summary = strings.Join(summaries, "; ")
			if best == Unknown && b.Summary == "" {
				b.Summary = "the repository does not show this; a reviewer should ask"
			}
		}
		if b.Status != Found && b.Status != Partial {
			b.Confidence = ""
		}
		out = append(out, b)
	}

	for i := range waivers {
		w := &waivers[i]
		if !w.usable() || w.BestPractice == "" {
			continue
		}
		for j := range out {
			if out[j].ID == w.BestPractice {
				w.Applied = true
				w.OriginalStatus = out[j].Status
				out[j].Status = w.Status
				out[j].Confidence = ""
				cp := *w
				out[j].Waiver = &cp
			}
		}
	}
	return out
}
