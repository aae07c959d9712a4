package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// answerCmd is "wellops answer": answer one question of a workload's lens review, or, with no
// change flags, print the current answer.
func answerCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("answer", "WORKLOAD QUESTION [--select ID...] [--none] [--na REASON] [--applicable] [--choice-na ID=REASON] [--notes TEXT]", e.stderr)
	sf := addStoreFlags(fs, e, true, true)
	alias := fs.String("lens", lens.BuiltinAlias, "lens `ALIAS` of the review: wellarchitected or a custom lens ARN")
	var sel, choiceNA listFlag
	fs.Var(&sel, "select", "select choice `ID`s, replacing the selection (repeatable or comma-separated)")
	none := fs.Bool("none", false, `select the question's "None of these" choice`)
	na := fs.String("na", "", "mark the question not applicable for `REASON`: "+strings.Join(wellops.Reasons, ", "))
	applicable := fs.Bool("applicable", false, "mark the question applicable again")
	fs.Var(&choiceNA, "choice-na", "mark a choice not applicable: `ID=REASON` or just ID (repeatable)")
	notes := fs.String("notes", "", `the answer's notes, at most 2084 characters ("" clears them)`)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 2, 2); err != nil {
		return err
	}
	lang, err := sf.language()
	if err != nil {
		return err
	}
	u, err := answerUpdate(fs, sel, choiceNA, *none, *na, *applicable, *notes)
	if err != nil {
		return err
	}
	c, w, err := sf.openWorkload(ctx, e, "answer", pos[0])
	if err != nil {
		return err
	}
	defer c.Close()
	actx, qid := c.ctx(ctx), pos[1]
	cur, err := c.db.GetAnswer(actx, w.ID, *alias, qid, 0, lang)
	if err != nil {
		return err
	}
	if u == nil {
		if *sf.json {
			return writeJSON(e.stdout, cur)
		}
		return printAnswer(e.stdout, cur, nil)
	}
	if *none {
		nc := cur.Question.NoneChoice()
		if nc == nil {
			return wellops.Errorf(wellops.EINVALID, "question %s has no \"None of these\" choice; use --select", qid)
		}
		u.SelectedChoices = &[]string{nc.ID}
	}
	if _, err := c.db.UpdateAnswer(actx, w.ID, *alias, qid, *u); err != nil {
		return err
	}
	next, err := c.db.GetAnswer(actx, w.ID, *alias, qid, 0, lang)
	if err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, next)
	}
	return printAnswer(e.stdout, next, cur)
}

// answerUpdate builds the update the flags ask for, or nil when they ask for none. Conflicting
// flags and reasons outside the API's list are refused before the store is opened.
func answerUpdate(fs *flag.FlagSet, sel, choiceNA listFlag, none bool, na string, applicable bool, notes string) (*wellops.AnswerUpdate, error) {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var u wellops.AnswerUpdate
	changed := false
	switch {
	case none && set["select"]:
		return nil, invalidFlag("none", "selects only \"None of these\"; do not combine it with --select")
	case set["na"] && applicable:
		return nil, invalidFlag("na", "marks the question not applicable; do not combine it with --applicable")
	}
	if set["select"] {
		s := slices.Clone([]string(sel))
		if s == nil {
			s = []string{} // --select "" clears the selection
		}
		u.SelectedChoices, changed = &s, true
	}
	if none {
		changed = true // the choice is known once the question is loaded
	}
	if set["na"] {
		reason := strings.ToUpper(strings.TrimSpace(na))
		if !slices.Contains(wellops.Reasons, reason) {
			return nil, invalidFlag("na", "the reason must be one of %s, got %q", strings.Join(wellops.Reasons, ", "), na)
		}
		f := false
		u.IsApplicable, u.Reason, changed = &f, &reason, true
	}
	if applicable {
		t := true
		u.IsApplicable, changed = &t, true
	}
	for _, item := range choiceNA {
		id, reason, _ := strings.Cut(item, "=")
		id, reason = strings.TrimSpace(id), strings.ToUpper(strings.TrimSpace(reason))
		if reason != "" && !slices.Contains(wellops.Reasons, reason) {
			return nil, invalidFlag("choice-na", "the reason for %s must be one of %s, got %q", id, strings.Join(wellops.Reasons, ", "), reason)
		}
		if u.ChoiceUpdates == nil {
			u.ChoiceUpdates = map[string]wellops.ChoiceUpdate{}
		}
		u.ChoiceUpdates[id] = wellops.ChoiceUpdate{Status: wellops.ChoiceNotApplicable, Reason: reason}
		changed = true
	}
	if set["notes"] {
		u.Notes, changed = &notes, true
	}
	if !changed {
		return nil, nil
	}
	return &u, nil
}

// printAnswer writes a question, its risk and every choice: [x] selected, [-] not
// applicable, [ ] neither. With before, a changed risk shows what it was.
func printAnswer(out io.Writer, a, before *wellops.Answer) error {
	q := a.Question
	fmt.Fprintf(out, "%s  %s\n", q.ID, q.Title)
	risk := "Risk: " + string(a.Risk)
	if before != nil && before.Risk != a.Risk {
		risk += " (was " + string(before.Risk) + ")"
	}
	if !a.IsApplicable {
		risk += ", question not applicable: " + orDash(a.Reason)
	}
	fmt.Fprintln(out, risk)
	fmt.Fprintln(out)
	tw := newTable(out)
	for _, ch := range q.Choices {
		mark, extra := "[ ]", ""
		ca := a.ChoiceAnswers[ch.ID]
		switch {
		case slices.Contains(a.SelectedChoices, ch.ID):
			mark = "[x]"
		case ca.Status == wellops.ChoiceNotApplicable:
			mark, extra = "[-]", "  (not applicable"
			if ca.Reason != "" {
				extra += ": " + ca.Reason
			}
			extra += ")"
		}
		if ca.Notes != "" {
			extra += "  notes: " + clipText(ca.Notes, 80)
		}
		row(tw, "  "+mark, ch.ID, ch.Title+extra)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if a.Notes != "" {
		fmt.Fprintf(out, "\nNotes: %s\n", a.Notes)
	}
	return nil
}
