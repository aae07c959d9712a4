package ui

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// allMilestones reads every milestone of a workload, oldest first.
func (u *UI) allMilestones(ctx context.Context, wid string) ([]wellops.MilestoneSummary, error) {
	var out []wellops.MilestoneSummary
	token := ""
	for {
		page, next, err := u.opt.Milestones.ListMilestones(ctx, wid, wellops.Page{Token: token})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if next == "" {
			return out, nil
		}
		token = next
	}
}

// milestonesData is the milestone list with the trend chart and the compare form.
type milestonesData struct {
	W          *wellops.Workload
	Tab, Lens  string
	Milestones []wellops.MilestoneSummary
	Chart      *trendChart
	A, B       int
	CanWrite   bool
}

// trend builds the chart from the milestones and the current state.
func (u *UI) trend(r *http.Request, wl *wellops.Workload, ms []wellops.MilestoneSummary) *trendChart {
	cat := u.cat[reqOf(r).lang]
	var in []trendInput
	for _, m := range ms {
		in = append(in, trendInput{Label: "#" + strconv.Itoa(m.Number), Title: m.Name, Counts: m.Workload.RiskCounts})
	}
	in = append(in, trendInput{Label: cat.t("milestones.now"), Title: cat.t("milestones.current"), Counts: wl.RiskCounts, Current: true})
	return newTrendChart(in)
}

func (u *UI) milestonesPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	wl, err := u.workload(r)
	if err != nil {
		return err
	}
	ms, err := u.allMilestones(ctx, wl.ID)
	if err != nil {
		return err
	}
	d := &milestonesData{W: wl, Tab: "milestones", Lens: lens.BuiltinAlias, Milestones: ms, Chart: u.trend(r, wl, ms),
		CanWrite: wl.Permission.CanWrite()}
	if len(ms) > 0 {
		d.A = ms[len(ms)-1].Number
	}
	slices.Reverse(d.Milestones)
	pd := u.base(r, "tab.milestones")
	pd.Title += " · " + wl.Name
	pd.Nav, pd.Data = "dashboard", d
	u.render(w, r, http.StatusOK, "milestones", pd)
	return nil
}

func (u *UI) createMilestone(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	n, err := u.opt.Milestones.CreateMilestone(r.Context(), id, strings.TrimSpace(r.PostFormValue("name")))
	if err != nil {
		return err
	}
	return redirect(w, r, "/ui/workloads/"+id+"/milestones/"+strconv.Itoa(n)+"?done=milestone")
}

// milestoneData is one milestone, read-only: the workload and its reviews as they were.
type milestoneData struct {
	W         *wellops.Workload
	Tab, Lens string
	M         *wellops.Milestone
	Reviews   []*reviewView
	Formats   []string
}

func (u *UI) milestonePage(w http.ResponseWriter, r *http.Request) error {
	ctx, lang := r.Context(), reqOf(r).lang
	id := r.PathValue("id")
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		return notFound("milestone")
	}
	m, err := u.opt.Milestones.GetMilestone(ctx, id, n)
	if err != nil {
		return err
	}
	wl, err := u.workload(r)
	if err != nil {
		return err
	}
	d := &milestoneData{W: wl, Tab: "milestones", Lens: lens.BuiltinAlias, M: m}
	for _, alias := range m.Workload.Lenses {
		rv, err := u.review(ctx, id, alias, n, lang)
		if err != nil {
			return err
		}
		d.Reviews = append(d.Reviews, rv)
	}
	if u.opt.Reports != nil {
		d.Formats = u.opt.Reports.Formats()
	}
	pd := u.base(r, "")
	pd.Title = m.Name + " · " + wl.Name
	pd.Nav, pd.Data = "dashboard", d
	u.render(w, r, http.StatusOK, "milestone", pd)
	return nil
}

// diffRow is one question in a comparison: its risk before and after, and the choices that
// were ticked or unticked between the two.
type diffRow struct {
	Num, Title, QID string
	Before, After   lens.Risk
	Added, Removed  []string
	NotesChanged    bool
}

// lensDiff compares one lens review between two points.
type lensDiff struct {
	Name          string
	Before, After wellops.RiskCounts
	Rows          []diffRow
	Unchanged     int
}

// compareData compares two milestones (0 is the current state).
type compareData struct {
	W          *wellops.Workload
	Tab, Lens  string
	A, B       int
	NameA      string
	NameB      string
	Milestones []wellops.MilestoneSummary
	Lenses     []lensDiff
	Chart      *trendChart
}

func (u *UI) compareMilestones(w http.ResponseWriter, r *http.Request) error {
	ctx, lang := r.Context(), reqOf(r).lang
	wl, err := u.workload(r)
	if err != nil {
		return err
	}
	a, errA := strconv.Atoi(r.URL.Query().Get("a"))
	b, errB := strconv.Atoi(r.URL.Query().Get("b"))
	if errA != nil || errB != nil || a < 0 || b < 0 {
		return invalid("a", "choose two milestones to compare")
	}
	ms, err := u.allMilestones(ctx, wl.ID)
	if err != nil {
		return err
	}
	cat := u.cat[lang]
	d := &compareData{W: wl, Tab: "milestones", Lens: lens.BuiltinAlias, A: a, B: b, Milestones: ms, Chart: u.trend(r, wl, ms)}
	name := func(n int) (string, []string, error) {
		if n == 0 {
			return cat.t("milestones.current"), wl.Lenses, nil
		}
		m, err := u.opt.Milestones.GetMilestone(ctx, wl.ID, n)
		if err != nil {
			return "", nil, err
		}
		return "#" + strconv.Itoa(n) + " " + m.Name, m.Workload.Lenses, nil
	}
	var lensesA, lensesB []string
	if d.NameA, lensesA, err = name(a); err != nil {
		return err
	}
	if d.NameB, lensesB, err = name(b); err != nil {
		return err
	}
	for _, alias := range lensesB {
		if !slices.Contains(lensesA, alias) {
			continue
		}
		ra, err := u.review(ctx, wl.ID, alias, a, lang)
		if err != nil {
			return err
		}
		rb, err := u.review(ctx, wl.ID, alias, b, lang)
		if err != nil {
			return err
		}
		d.Lenses = append(d.Lenses, diffReviews(ra, rb))
	}
	pd := u.base(r, "compare.title")
	pd.Title += " · " + wl.Name
	pd.Nav, pd.Data = "dashboard", d
	u.render(w, r, http.StatusOK, "compare", pd)
	return nil
}

// diffReviews lists the questions whose risk, choices or notes differ between a and b, in
// b's lens order; questions new in b count as changed from unanswered.
func diffReviews(a, b *reviewView) lensDiff {
	ld := lensDiff{Name: b.Review.LensName, Before: a.Review.RiskCounts, After: b.Review.RiskCounts}
	before := map[string]questionView{}
	for _, q := range a.Questions {
		before[q.ID] = q
	}
	for _, q := range b.Questions {
		qa, ok := before[q.ID]
		if !ok {
			qa = questionView{Risk: lens.RiskUnanswered}
		}
		row := diffRow{Num: q.Num, Title: q.Title, QID: q.ID, Before: qa.Risk, After: q.Risk}
		selA, selB := selected(qa.Answer), selected(q.Answer)
		_, lq := b.Review.Lens.Question(q.ID)
		for _, id := range selB {
			if !slices.Contains(selA, id) {
				row.Added = append(row.Added, choiceTitle(lq, id))
			}
		}
		for _, id := range selA {
			if !slices.Contains(selB, id) {
				row.Removed = append(row.Removed, choiceTitle(lq, id))
			}
		}
		row.NotesChanged = notes(qa.Answer) != notes(q.Answer)
		if row.Before == row.After && len(row.Added) == 0 && len(row.Removed) == 0 && !row.NotesChanged {
			ld.Unchanged++
			continue
		}
		ld.Rows = append(ld.Rows, row)
	}
	return ld
}

func selected(a *wellops.Answer) []string {
	if a == nil {
		return nil
	}
	return a.SelectedChoices
}

func notes(a *wellops.Answer) string {
	if a == nil {
		return ""
	}
	return a.Notes
}

// choiceTitle names a choice by its title in the newer lens version, or by its ID when the
// choice is gone.
func choiceTitle(q *lens.Question, id string) string {
	if q != nil {
		if c := q.Choice(id); c != nil {
			return c.Title
		}
	}
	return id
}
