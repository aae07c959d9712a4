package main

import (
	"context"
	"fmt"
	"io"

	"github.com/wellops/wellops"
)

// risksCmd is "wellops risks": a workload's risks per lens, per pillar and per question.
// risksView is what `wellops risks --json` prints: the workload's counts and each lens review
// (with its pillar roll-ups) together with its answers.
type risksView struct {
	WorkloadID   string
	WorkloadName string
	Milestone    int `json:",omitempty"`
	RiskCounts   wellops.RiskCounts
	LensReviews  []lensRisks
}

type lensRisks struct {
	wellops.LensReview
	Answers []wellops.Answer
}

func risksCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("risks", "WORKLOAD [--lens ALIAS] [--milestone N] [--lang en|ko] [--json]", e.stderr)
	sf := addStoreFlags(fs, e, true, true)
	only := fs.String("lens", "", "only the review of lens `ALIAS` (default: every lens of the workload)")
	milestone := fs.Int("milestone", 0, "the risks as milestone `N` recorded them")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	lang, err := sf.language()
	if err != nil {
		return err
	}
	c, w, err := sf.openWorkload(ctx, e, "risks", pos[0])
	if err != nil {
		return err
	}
	defer c.Close()
	actx := c.ctx(ctx)
	if *milestone != 0 {
		if w, err = c.db.GetWorkload(actx, w.ID, *milestone); err != nil {
			return err
		}
	}
	aliases := []string{*only}
	if *only == "" {
		reviews, err := c.lensReviews(ctx, w.ID, *milestone)
		if err != nil {
			return err
		}
		aliases = aliases[:0]
		for _, r := range reviews {
			aliases = append(aliases, r.LensAlias)
		}
	}
	v := risksView{WorkloadID: w.ID, WorkloadName: w.Name, Milestone: *milestone, RiskCounts: w.RiskCounts}
	for _, alias := range aliases {
		r, err := c.db.GetLensReview(actx, w.ID, alias, *milestone, lang)
		if err != nil {
			return err
		}
		as, err := c.answers(ctx, w.ID, alias, *milestone, lang)
		if err != nil {
			return err
		}
		v.LensReviews = append(v.LensReviews, lensRisks{LensReview: *r, Answers: as})
	}
	if *sf.json {
		return writeJSON(e.stdout, v)
	}
	return printRisks(e.stdout, &v)
}

func printRisks(out io.Writer, v *risksView) error {
	fmt.Fprintf(out, "%s (%s)", v.WorkloadName, v.WorkloadID)
	if v.Milestone != 0 {
		fmt.Fprintf(out, ", milestone %d", v.Milestone)
	}
	fmt.Fprintf(out, "\nTotal: %s\n", riskLine(v.RiskCounts))
	for _, lr := range v.LensReviews {
		fmt.Fprintf(out, "\nLens %s (%s), version %s: %s\n", lr.LensAlias, lr.LensName, lr.LensVersion, riskLine(lr.RiskCounts))
		byPillar := map[string][]wellops.Answer{}
		for _, a := range lr.Answers {
			byPillar[a.PillarID] = append(byPillar[a.PillarID], a)
		}
		for _, p := range lr.Pillars {
			fmt.Fprintf(out, "\n  Pillar %s (%s): %s\n", p.PillarName, p.PillarID, riskLine(p.RiskCounts))
			tw := newTable(out, "    QUESTION", "RISK", "TITLE")
			for _, a := range byPillar[p.PillarID] {
				title := ""
				if a.Question != nil {
					title = a.Question.Title
				}
				row(tw, "    "+a.QuestionID, a.Risk, title)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
	}
	return nil
}
