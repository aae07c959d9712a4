package ui

import (
	"net/http"
	"net/url"

	"github.com/wellops/wellops"
)

// improvementItem is one item of the plan with the question's short number.
type improvementItem struct {
	wellops.Improvement
	Num string
}

// improvementsData is the improvement plan of one lens review.
type improvementsData struct {
	W         *wellops.Workload
	Tab, Lens string
	Key       string
	RV        *reviewView
	Items     []improvementItem
	Statuses  []string
	CanWrite  bool
}

func (u *UI) improvementsPage(w http.ResponseWriter, r *http.Request) error {
	ctx, lang := r.Context(), reqOf(r).lang
	wl, alias, err := u.workloadLens(r, r.PathValue("lens"))
	if err != nil {
		return err
	}
	rv, err := u.review(ctx, wl.ID, alias, 0, lang)
	if err != nil {
		return err
	}
	nums := map[string]string{}
	for _, q := range rv.Questions {
		nums[q.ID] = q.Num
	}
	d := &improvementsData{W: wl, Tab: "improvements", Lens: alias, Key: rv.Key, RV: rv, CanWrite: wl.Permission.CanWrite(),
		Statuses: []string{wellops.ImprovementNotStarted, wellops.ImprovementInProgress, wellops.ImprovementComplete, wellops.ImprovementRiskAcknowledged}}
	token := ""
	for {
		items, next, err := u.opt.Reviews.ListImprovements(ctx, wl.ID, alias, 0, wellops.AnswerQuery{Lang: lang, Page: wellops.Page{Token: token, Limit: 100}})
		if err != nil {
			return err
		}
		for _, it := range items {
			d.Items = append(d.Items, improvementItem{it, nums[it.QuestionID]})
		}
		if next == "" {
			break
		}
		token = next
	}
	pd := u.base(r, "improvements.title")
	pd.Title += " · " + wl.Name
	pd.Nav, pd.Data = "dashboard", d
	u.render(w, r, http.StatusOK, "improvements", pd)
	return nil
}

func (u *UI) setImprovementStatus(w http.ResponseWriter, r *http.Request) error {
	ctx, id := r.Context(), r.PathValue("id")
	_, alias, err := u.workloadLens(r, r.PathValue("lens"))
	if err != nil {
		return err
	}
	qid := r.PathValue("question")
	if err := u.opt.Reviews.SetImprovementStatus(ctx, id, alias, qid, r.PostFormValue("status")); err != nil {
		return err
	}
	return redirect(w, r, "/ui/workloads/"+id+"/improvements/"+url.PathEscape(lensKey(alias))+"?done=status#i-"+url.PathEscape(qid))
}
