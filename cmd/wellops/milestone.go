package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/wellops/wellops"
)

// milestoneCmd is "wellops milestone": record, list and show milestones.
func milestoneCmd(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "milestone", args, map[string]command{
		"create": {"record the workload as it is now, under a name", milestoneCreate},
		"list":   {"list a workload's milestones", milestoneList},
		"show":   {"print a milestone's risk counts and answers summary", milestoneShow},
	})
}

func milestoneCreate(ctx context.Context, e *env, args []string) error {
	fs := newFlags("milestone create", "WORKLOAD NAME", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 2, 2); err != nil {
		return err
	}
	c, w, err := sf.openWorkload(ctx, e, "milestone create", pos[0])
	if err != nil {
		return err
	}
	defer c.Close()
	n, err := c.db.CreateMilestone(c.ctx(ctx), w.ID, pos[1])
	if err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, map[string]any{"WorkloadID": w.ID, "MilestoneNumber": n})
	}
	fmt.Fprintf(e.stdout, "recorded milestone %d %q of %s: %s\n", n, pos[1], w.Name, riskLine(w.RiskCounts))
	return nil
}

func milestoneList(ctx context.Context, e *env, args []string) error {
	fs := newFlags("milestone list", "WORKLOAD", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	c, w, err := sf.openWorkload(ctx, e, "milestone list", pos[0])
	if err != nil {
		return err
	}
	defer c.Close()
	items := []wellops.MilestoneSummary{}
	pg := wellops.Page{}
	for {
		page, next, err := c.db.ListMilestones(c.ctx(ctx), w.ID, pg)
		if err != nil {
			return err
		}
		items = append(items, page...)
		if next == "" {
			break
		}
		pg.Token = next
	}
	if *sf.json {
		return writeJSON(e.stdout, items)
	}
	tw := newTable(e.stdout, "NUMBER", "RECORDED", "HIGH", "MEDIUM", "NONE", "N/A", "UNANSWERED", "NAME")
	for _, m := range items {
		rc := m.Workload.RiskCounts
		row(tw, m.Number, when(m.RecordedAt), rc.High, rc.Medium, rc.None, rc.NotApplicable, rc.Unanswered, m.Name)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(items) == 0 {
		fmt.Fprintf(e.stdout, "(no milestones; wellops milestone create %s NAME records one)\n", pos[0])
	}
	return nil
}

func milestoneShow(ctx context.Context, e *env, args []string) error {
	fs := newFlags("milestone show", "WORKLOAD NUMBER [--lang en|ko] [--json]", e.stderr)
	sf := addStoreFlags(fs, e, true, true)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 2, 2); err != nil {
		return err
	}
	n, err := strconv.Atoi(pos[1])
	if err != nil || n < 1 {
		return wellops.Errorf(wellops.EINVALID, "milestone number must be a whole number from 1, got %q", pos[1])
	}
	lang, err := sf.language()
	if err != nil {
		return err
	}
	c, w, err := sf.openWorkload(ctx, e, "milestone show", pos[0])
	if err != nil {
		return err
	}
	defer c.Close()
	m, err := c.db.GetMilestone(c.ctx(ctx), w.ID, n)
	if err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, m)
	}
	fmt.Fprintf(e.stdout, "Milestone %d %q of %s, recorded %s\n", m.Number, m.Name, m.Workload.Name, when(m.RecordedAt))
	fmt.Fprintf(e.stdout, "Risks: %s\n\n", riskLine(m.Workload.RiskCounts))
	reviews, err := c.lensReviews(ctx, w.ID, n)
	if err != nil {
		return err
	}
	tw := newTable(e.stdout, "LENS", "VERSION", "ANSWERED", "HIGH", "MEDIUM", "NONE", "N/A", "UNANSWERED", "NAME")
	for _, r := range reviews {
		name := r.LensName
		if lang != "" {
			lr, err := c.db.GetLensReview(c.ctx(ctx), w.ID, r.LensAlias, n, lang)
			if err != nil {
				return err
			}
			name = lr.LensName
		}
		rc := r.RiskCounts
		row(tw, r.LensAlias, r.LensVersion, fmt.Sprintf("%d of %d", rc.Answered(), rc.Total()),
			rc.High, rc.Medium, rc.None, rc.NotApplicable, rc.Unanswered, name)
	}
	return tw.Flush()
}
