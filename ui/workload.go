package ui

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// questionView is one question as the overview, the question list and milestone pages show
// it: a short number (OPS01 for the built-in lens), its title and its risk.
type questionView struct {
	ID, Num, Title, PillarID string
	Risk                     lens.Risk
	Answer                   *wellops.Answer
}

// reviewView is a lens review with its questions in lens order.
type reviewView struct {
	Review    *wellops.LensReview
	Key       string
	Questions []questionView
	Upgrade   bool // the lens has a newer version the review can move to
}

// questionNum numbers questions as people say them: OPS01… for the built-in lens, and
// pillar.question for custom lenses.
func questionNum(alias string, pillar, q, flat int) string {
	if alias == lens.BuiltinAlias {
		return fmt.Sprintf("OPS%02d", flat+1)
	}
	return fmt.Sprintf("%d.%d", pillar+1, q+1)
}

// allAnswers reads every answer of a review, page by page.
func (u *UI) allAnswers(ctx context.Context, wid, alias string, milestone int, lang string) ([]wellops.Answer, error) {
	var out []wellops.Answer
	token := ""
	for {
		page, next, err := u.opt.Reviews.ListAnswers(ctx, wid, alias, milestone, wellops.AnswerQuery{Lang: lang, Page: wellops.Page{Token: token}})
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

// review loads a lens review with every answer, as of a milestone (0: now).
func (u *UI) review(ctx context.Context, wid, alias string, milestone int, lang string) (*reviewView, error) {
	lr, err := u.opt.Reviews.GetLensReview(ctx, wid, alias, milestone, lang)
	if err != nil {
		return nil, err
	}
	answers, err := u.allAnswers(ctx, wid, alias, milestone, lang)
	if err != nil {
		return nil, err
	}
	byQ := map[string]*wellops.Answer{}
	for i := range answers {
		byQ[answers[i].QuestionID] = &answers[i]
	}
	rv := &reviewView{Review: lr, Key: lensKey(lr.LensAlias), Upgrade: lr.LensStatus == wellops.LensNotCurrent}
	flat := 0
	for pi, p := range lr.Lens.Pillars {
		for qi, q := range p.Questions {
			qv := questionView{ID: q.ID, Num: questionNum(lr.LensAlias, pi, qi, flat), Title: q.Title, PillarID: p.ID, Risk: lens.RiskUnanswered}
			if a := byQ[q.ID]; a != nil {
				qv.Risk, qv.Answer = a.Risk, a
			}
			rv.Questions = append(rv.Questions, qv)
			flat++
		}
	}
	return rv, nil
}

// workloadLens returns the workload a page's URL names and which of its lenses key (a URL's
// lens key, see lensKey) names.
func (u *UI) workloadLens(r *http.Request, key string) (*wellops.Workload, string, error) {
	wl, err := u.workload(r)
	if err != nil {
		return nil, "", err
	}
	for _, a := range wl.Lenses {
		if lensKey(a) == key {
			return wl, a, nil
		}
	}
	return nil, "", notFound("lens review")
}

// workloadData is the workload overview.
type workloadData struct {
	W          *wellops.Workload
	Tab, Lens  string
	Reviews    []*reviewView
	Milestones []wellops.MilestoneSummary
	Shares     []wellops.Share
	Addable    []wellops.LensSummary
	Formats    []string
	Names      map[string]string // lens alias → name
}

func (u *UI) workloadPage(w http.ResponseWriter, r *http.Request) error {
	ctx, lang := r.Context(), reqOf(r).lang
	wl, err := u.workload(r)
	if err != nil {
		return err
	}
	d := &workloadData{W: wl, Tab: "overview", Lens: lens.BuiltinAlias, Names: map[string]string{}}
	for _, alias := range wl.Lenses {
		rv, err := u.review(ctx, wl.ID, alias, 0, lang)
		if err != nil {
			return err
		}
		d.Reviews = append(d.Reviews, rv)
		d.Names[alias] = rv.Review.LensName
	}
	if d.Milestones, err = u.recentMilestones(ctx, wl.ID); err != nil {
		return err
	}
	if wl.Permission.CanAdminister() {
		if d.Shares, _, err = u.opt.Shares.ListShares(ctx, wellops.ResWorkload, wl.ID, wellops.ShareQuery{}); err != nil {
			return err
		}
		all, _, err := u.opt.Lenses.ListLenses(ctx, wellops.LensQuery{Status: wellops.LensStatusPublished})
		if err != nil {
			return err
		}
		for _, l := range all {
			if !slices.Contains(wl.Lenses, l.Alias) && l.Alias != lens.BuiltinAlias {
				d.Addable = append(d.Addable, l)
			}
		}
	}
	if u.opt.Reports != nil {
		d.Formats = u.opt.Reports.Formats()
	}
	pd := u.base(r, "")
	pd.Title, pd.Nav, pd.Data = wl.Name, "dashboard", d
	u.render(w, r, http.StatusOK, "workload", pd)
	return nil
}

// recentMilestones returns the newest milestones first, as the overview shows them.
func (u *UI) recentMilestones(ctx context.Context, wid string) ([]wellops.MilestoneSummary, error) {
	all, err := u.allMilestones(ctx, wid)
	if err != nil {
		return nil, err
	}
	slices.Reverse(all)
	if len(all) > 5 {
		all = all[:5]
	}
	return all, nil
}

// workloadForm is the create and edit form, with what the user typed and what was wrong.
type workloadForm struct {
	W          *wellops.Workload // nil when creating
	Name, Desc string
	Env        string
	Owner      string
	Regions    string
	NonAWS     string
	Accounts   string
	Design     string
	IndType    string
	Industry   string
	Notes      string
	Status     string
	Industries []string
	Errors     map[string]string
	Fields     []wellops.FieldError
}

func (f *workloadForm) fill(w *wellops.Workload) {
	f.Name, f.Desc, f.Env, f.Owner = w.Name, w.Description, w.Environment, w.ReviewOwner
	f.Regions, f.NonAWS, f.Accounts = strings.Join(w.AWSRegions, ", "), strings.Join(w.NonAWSRegions, ", "), strings.Join(w.AccountIDs, ", ")
	f.Design, f.IndType, f.Industry, f.Notes, f.Status = w.ArchitecturalDesign, w.IndustryType, w.Industry, w.Notes, w.ImprovementStatus
}

func (f *workloadForm) read(r *http.Request) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f.Name, f.Desc, f.Env, f.Owner = v("WorkloadName"), v("Description"), v("Environment"), v("ReviewOwner")
	f.Regions, f.NonAWS, f.Accounts = v("AwsRegions"), v("NonAwsRegions"), v("AccountIds")
	f.Design, f.IndType, f.Industry, f.Notes, f.Status = v("ArchitecturalDesign"), v("IndustryType"), v("Industry"), r.PostFormValue("Notes"), v("ImprovementStatus")
}

// splitList reads a list typed as commas or one item per line.
func splitList(s string) []string {
	return append([]string{}, strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' || r == ' ' || r == '\t' })...)
}

// fieldErrors attaches an EINVALID's problems to the form's fields; the rest of err is
// returned for the error page.
func (f *workloadForm) fieldErrors(err error) error {
	we, ok := err.(*wellops.Error)
	if !ok || we.Code != wellops.EINVALID && we.Code != wellops.ECONFLICT {
		return err
	}
	f.Errors = map[string]string{}
	if we.Code == wellops.ECONFLICT {
		f.Errors["WorkloadName"] = we.Message
		f.Fields = []wellops.FieldError{{Name: "WorkloadName", Message: we.Message}}
		return nil
	}
	for _, fe := range we.Fields {
		name, _, _ := strings.Cut(fe.Name, ".")
		if f.Errors[name] == "" {
			f.Errors[name] = fe.Message
		}
	}
	f.Fields = we.Fields
	return nil
}

func (u *UI) renderWorkloadForm(w http.ResponseWriter, r *http.Request, status int, f *workloadForm) {
	f.Industries = wellops.Industries
	pd := u.base(r, "workload.new")
	if f.W != nil {
		pd.Title = pd.T("workload.edit")
	}
	pd.Nav, pd.Data = "dashboard", f
	u.render(w, r, status, "workload_form", pd)
}

func (u *UI) newWorkloadPage(w http.ResponseWriter, r *http.Request) error {
	u.renderWorkloadForm(w, r, http.StatusOK, &workloadForm{Env: wellops.EnvProduction, Owner: reqOf(r).user.Name})
	return nil
}

func (u *UI) createWorkload(w http.ResponseWriter, r *http.Request) error {
	f := &workloadForm{}
	f.read(r)
	in := wellops.NewWorkload{Name: f.Name, Description: f.Desc, Environment: f.Env, ReviewOwner: f.Owner,
		AWSRegions: splitList(f.Regions), NonAWSRegions: splitList(f.NonAWS), AccountIDs: splitList(f.Accounts),
		ArchitecturalDesign: f.Design, IndustryType: f.IndType, Industry: f.Industry, Notes: f.Notes}
	wl, err := u.opt.Workloads.CreateWorkload(r.Context(), in)
	if err != nil {
		if err := f.fieldErrors(err); err != nil {
			return err
		}
		u.renderWorkloadForm(w, r, http.StatusBadRequest, f)
		return nil
	}
	return redirect(w, r, "/ui/workloads/"+wl.ID+"?done=created")
}

func (u *UI) editWorkloadPage(w http.ResponseWriter, r *http.Request) error {
	wl, err := u.workload(r)
	if err != nil {
		return err
	}
	if !wl.Permission.CanAdminister() {
		return wellops.Errorf(wellops.EFORBIDDEN, "only the owner edits a workload")
	}
	f := &workloadForm{W: wl}
	f.fill(wl)
	u.renderWorkloadForm(w, r, http.StatusOK, f)
	return nil
}

func (u *UI) updateWorkload(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	wl, err := u.workload(r)
	if err != nil {
		return err
	}
	if !wl.Permission.CanAdminister() {
		return wellops.Errorf(wellops.EFORBIDDEN, "only the owner edits a workload")
	}
	f := &workloadForm{W: wl}
	f.read(r)
	regions, nonAWS, accounts := splitList(f.Regions), splitList(f.NonAWS), splitList(f.Accounts)
	upd := wellops.WorkloadUpdate{Name: &f.Name, Description: &f.Desc, Environment: &f.Env, ReviewOwner: &f.Owner,
		AWSRegions: &regions, NonAWSRegions: &nonAWS, AccountIDs: &accounts, ArchitecturalDesign: &f.Design,
		IndustryType: &f.IndType, Industry: &f.Industry, Notes: &f.Notes}
	if f.Status != "" {
		upd.ImprovementStatus = &f.Status
	}
	if _, err := u.opt.Workloads.UpdateWorkload(ctx, wl.ID, upd); err != nil {
		if err := f.fieldErrors(err); err != nil {
			return err
		}
		u.renderWorkloadForm(w, r, http.StatusBadRequest, f)
		return nil
	}
	return redirect(w, r, "/ui/workloads/"+wl.ID+"?done=saved")
}

// deleteWorkload needs the confirmation box ticked, so a stray Enter deletes nothing.
func (u *UI) deleteWorkload(w http.ResponseWriter, r *http.Request) error {
	if r.PostFormValue("confirm") != "yes" {
		return invalid("confirm", "tick the box to confirm the deletion")
	}
	if err := u.opt.Workloads.DeleteWorkload(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	return redirect(w, r, "/ui/?done=deleted")
}

func (u *UI) associateLens(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	alias := r.PostFormValue("lens")
	if alias == "" {
		return invalid("lens", "choose a lens to add")
	}
	if err := u.opt.Workloads.AssociateLenses(r.Context(), id, []string{alias}); err != nil {
		return err
	}
	return redirect(w, r, "/ui/workloads/"+id+"?done=lensadded#lenses")
}

func (u *UI) disassociateLens(w http.ResponseWriter, r *http.Request) error {
	ctx, id := r.Context(), r.PathValue("id")
	_, alias, err := u.workloadLens(r, r.PathValue("lens"))
	if err != nil {
		return err
	}
	if err := u.opt.Workloads.DisassociateLenses(ctx, id, []string{alias}); err != nil {
		return err
	}
	return redirect(w, r, "/ui/workloads/"+id+"?done=lensremoved#lenses")
}

// upgradeLensReview moves a review to its lens's latest version; the store saves a milestone
// of the state before, under the name the user gives.
func (u *UI) upgradeLensReview(w http.ResponseWriter, r *http.Request) error {
	ctx, id := r.Context(), r.PathValue("id")
	_, alias, err := u.workloadLens(r, r.PathValue("lens"))
	if err != nil {
		return err
	}
	if err := u.opt.Reviews.UpgradeLensReview(ctx, id, alias, strings.TrimSpace(r.PostFormValue("milestone"))); err != nil {
		return err
	}
	return redirect(w, r, "/ui/workloads/"+id+"?done=upgraded")
}

// reviewStart opens the first unanswered question, or the first one.
func (u *UI) reviewStart(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	wl, alias, err := u.workloadLens(r, r.PathValue("lens"))
	if err != nil {
		return err
	}
	rv, err := u.review(ctx, wl.ID, alias, 0, reqOf(r).lang)
	if err != nil {
		return err
	}
	if len(rv.Questions) == 0 {
		return notFound("question")
	}
	first := rv.Questions[0].ID
	for _, q := range rv.Questions {
		if q.Risk == lens.RiskUnanswered {
			first = q.ID
			break
		}
	}
	return redirect(w, r, "/ui/workloads/"+wl.ID+"/review/"+url.PathEscape(rv.Key)+"/"+url.PathEscape(first))
}

// workload reads the workload a URL names. An ID that is not one the store could have issued
// names nothing, so it is a 404 like any workload the user may not see.
func (u *UI) workload(r *http.Request) (*wellops.Workload, error) {
	id := r.PathValue("id")
	if len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
		return nil, notFound("workload")
	}
	return u.opt.Workloads.GetWorkload(r.Context(), id, 0)
}

// listLenses lists lenses with the built-in lens's name and description in the page's
// language (custom lenses have one language, their own).
func (u *UI) listLenses(r *http.Request, q wellops.LensQuery) ([]wellops.LensSummary, error) {
	ls, _, err := u.opt.Lenses.ListLenses(r.Context(), q)
	if err != nil {
		return nil, err
	}
	for i := range ls {
		if ls[i].Alias == lens.BuiltinAlias {
			l, _, err := u.opt.Lenses.LensContent(r.Context(), lens.BuiltinAlias, "", reqOf(r).lang)
			if err != nil {
				return nil, err
			}
			ls[i].Name, ls[i].Description = l.Name, l.Description
		}
	}
	return ls, nil
}
