package main

import (
	"context"
	"fmt"
	"io"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// improvementsCmd is "wellops improvements": a lens review's improvement plan, in the order a
// team should work through it.
func improvementsCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("improvements", "WORKLOAD [--lens ALIAS] [--milestone N] [--lang en|ko] [--json]", e.stderr)
	sf := addStoreFlags(fs, e, true, true)
	alias := fs.String("lens", lens.BuiltinAlias, "lens `ALIAS` of the review: wellarchitected or a custom lens ARN")
	milestone := fs.Int("milestone", 0, "the plan as milestone `N` recorded the answers")
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
	c, w, err := sf.openWorkload(ctx, e, "improvements", pos[0])
	if err != nil {
		return err
	}
	defer c.Close()
	var items []wellops.Improvement
	q := wellops.AnswerQuery{Lang: lang, Page: wellops.Page{Limit: 100}}
	for {
		page, next, err := c.db.ListImprovements(c.ctx(ctx), w.ID, *alias, *milestone, q)
		if err != nil {
			return err
		}
		items = append(items, page...)
		if next == "" {
			break
		}
		q.Page.Token = next
	}
	if *sf.json {
		if items == nil {
			items = []wellops.Improvement{}
		}
		return writeJSON(e.stdout, items)
	}
	return printImprovements(e.stdout, w, *alias, items)
}

// printImprovements writes the plan: each question at risk, then the best practices it misses
// with the first line of their improvement plan.
func printImprovements(out io.Writer, w *wellops.Workload, alias string, items []wellops.Improvement) error {
	fmt.Fprintf(out, "Improvement plan of %s, lens %s: %s\n", w.Name, alias, plural(len(items), "question"))
	if len(items) == 0 {
		fmt.Fprintln(out, "Nothing at HIGH or MEDIUM risk.")
	}
	for i, it := range items {
		fmt.Fprintf(out, "\n%d. %s  %s  [%s]\n   %s\n", i+1, it.Risk, it.QuestionID, it.Status, it.QuestionTitle)
		for _, c := range it.Missing {
			id := c.ID
			if bp := c.BestPractice; bp != nil {
				id = fmt.Sprintf("%s, %s", bp.ID, bp.Risk)
			}
			fmt.Fprintf(out, "   - %s (%s)\n", c.Title, id)
			if c.ImprovementPlan != nil && c.ImprovementPlan.DisplayText != "" {
				fmt.Fprintf(out, "     %s\n", clipText(c.ImprovementPlan.DisplayText, 120))
			}
		}
	}
	return nil
}
