package ui

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// choiceView is one choice on the questionnaire: its lens text, how it is answered, and what
// the repository scan found for it.
type choiceView struct {
	C          *lens.Choice
	None       bool
	Selected   bool
	NA         bool
	Reason     string
	Evidence   []wellops.PracticeEvidence
	Suggestion *wellops.Suggestion
}

// questionData is the questionnaire page of one question.
type questionData struct {
	W          *wellops.Workload
	Tab, Lens  string
	Key        string
	RV         *reviewView
	Q          *lens.Question
	QV         questionView
	Pillar     string
	Pos, Count int
	Answer     *wellops.Answer
	Choices    []choiceView
	Prev, Next string
	Scan       *wellops.EvidenceScan
	Reasons    []string
	Fields     []wellops.FieldError
	CanWrite   bool
}

// URL is the path of a question of this review.
func (d *questionData) URL(qid string) string {
	return "/ui/workloads/" + d.W.ID + "/review/" + url.PathEscape(d.Key) + "/" + url.PathEscape(qid)
}

func (u *UI) questionPage(w http.ResponseWriter, r *http.Request) error {
	d, err := u.loadQuestion(r)
	if err != nil {
		return err
	}
	u.renderQuestion(w, r, http.StatusOK, d)
	return nil
}

func (u *UI) renderQuestion(w http.ResponseWriter, r *http.Request, status int, d *questionData) {
	pd := u.base(r, "")
	pd.Title = d.QV.Num + " · " + d.Q.Title + " · " + d.W.Name
	pd.Nav, pd.Data = "dashboard", d
	u.render(w, r, status, "question", pd)
}

// loadQuestion reads everything the questionnaire shows for the question in the URL.
func (u *UI) loadQuestion(r *http.Request) (*questionData, error) {
	ctx, lang := r.Context(), reqOf(r).lang
	wl, alias, err := u.workloadLens(r, r.PathValue("lens"))
	if err != nil {
		return nil, err
	}
	rv, err := u.review(ctx, wl.ID, alias, 0, lang)
	if err != nil {
		return nil, err
	}
	qid := r.PathValue("question")
	pl, q := rv.Review.Lens.Question(qid)
	if q == nil {
		return nil, notFound("question")
	}
	d := &questionData{W: wl, Tab: "review", Lens: alias, Key: rv.Key, RV: rv, Q: q, Pillar: pl.Name,
		Count: len(rv.Questions), Reasons: wellops.Reasons, CanWrite: wl.Permission.CanWrite()}
	for i, qv := range rv.Questions {
		if qv.ID != qid {
			continue
		}
		d.QV, d.Pos = qv, i+1
		if i > 0 {
			d.Prev = rv.Questions[i-1].ID
		}
		if i+1 < len(rv.Questions) {
			d.Next = rv.Questions[i+1].ID
		}
	}
	d.Answer = d.QV.Answer
	if d.Answer == nil {
		a := wellops.NewAnswer(pl.ID, q)
		d.Answer = &a
	}
	var evidence map[string][]wellops.PracticeEvidence
	suggestions := map[string]*wellops.Suggestion{}
	if alias == lens.BuiltinAlias {
		scan, err := u.opt.Evidence.GetEvidence(ctx, wl.ID)
		switch {
		case err == nil:
			d.Scan = scan
			evidence = map[string][]wellops.PracticeEvidence{}
			for _, pe := range scan.Practices {
				if pe.QuestionID == q.ID {
					evidence[pe.ChoiceID] = append(evidence[pe.ChoiceID], pe)
				}
			}
		case wellops.ErrorCode(err) != wellops.ENOTFOUND:
			return nil, err
		}
		sgs, err := u.opt.Evidence.ListSuggestions(ctx, wl.ID)
		if err != nil {
			return nil, err
		}
		for i := range sgs {
			if sgs[i].QuestionID == q.ID {
				suggestions[sgs[i].ChoiceID] = &sgs[i]
			}
		}
	}
	none := q.NoneChoice()
	for _, c := range q.Choices {
		ca := d.Answer.ChoiceAnswers[c.ID]
		d.Choices = append(d.Choices, choiceView{C: c, None: c == none,
			Selected: slices.Contains(d.Answer.SelectedChoices, c.ID), NA: ca.Status == wellops.ChoiceNotApplicable,
			Reason: ca.Reason, Evidence: evidence[c.ID], Suggestion: suggestions[c.ID]})
	}
	return d, nil
}

// saveAnswer applies the form to the answer. The form carries the whole answer of the
// question, so a save from a stale page states exactly what the person saw and ticked.
func (u *UI) saveAnswer(w http.ResponseWriter, r *http.Request) error {
	d, err := u.loadQuestion(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("form", "the form could not be read")
	}
	f := r.PostForm
	upd := wellops.AnswerUpdate{ChoiceUpdates: map[string]wellops.ChoiceUpdate{}}
	selected := []string{}
	for _, id := range f["choice"] {
		if d.Q.Choice(id) != nil && f.Get("na-"+id) != "yes" {
			selected = append(selected, id)
		}
	}
	upd.SelectedChoices = &selected
	// SelectedChoices states the ticks; per-choice updates are needed only to mark a choice
	// not applicable or to take that mark back. Notes set through the API are kept.
	for _, cv := range d.Choices {
		id := cv.C.ID
		notes := d.Answer.ChoiceAnswers[id].Notes
		switch {
		case cv.None:
		case f.Get("na-"+id) == "yes":
			reason := f.Get("reason-" + id)
			if !slices.Contains(wellops.Reasons, reason) {
				reason = wellops.ReasonOther
			}
			upd.ChoiceUpdates[id] = wellops.ChoiceUpdate{Status: wellops.ChoiceNotApplicable, Reason: reason, Notes: notes}
		case cv.NA && slices.Contains(selected, id):
			upd.ChoiceUpdates[id] = wellops.ChoiceUpdate{Status: wellops.ChoiceSelected, Notes: notes}
		case cv.NA:
			upd.ChoiceUpdates[id] = wellops.ChoiceUpdate{Status: wellops.ChoiceUnselected, Notes: notes}
		}
	}
	notes := f.Get("notes")
	upd.Notes = &notes
	applicable := f.Get("notapplicable") != "yes"
	upd.IsApplicable = &applicable
	reason := ""
	if !applicable {
		if reason = f.Get("reason"); reason == "" {
			reason = wellops.ReasonOther
		}
	}
	upd.Reason = &reason
	if _, err := u.opt.Reviews.UpdateAnswer(r.Context(), d.W.ID, d.Lens, d.Q.ID, upd); err != nil {
		we, ok := err.(*wellops.Error)
		if !ok || we.Code != wellops.EINVALID {
			return err
		}
		d.Fields = we.Fields
		u.renderQuestion(w, r, http.StatusBadRequest, d)
		return nil
	}
	target := d.URL(d.Q.ID) + "?done=answer"
	if f.Get("go") == "next" && d.Next != "" {
		target = d.URL(d.Next)
	}
	if f.Get("go") == "next" && d.Next == "" {
		target = "/ui/workloads/" + d.W.ID + "/improvements/" + url.PathEscape(d.Key) + "?done=reviewed"
	}
	return redirect(w, r, target)
}

// decideSuggestion accepts (ticking the choice) or rejects what the scan suggested.
func (u *UI) decideSuggestion(w http.ResponseWriter, r *http.Request) error {
	id, qid, cid := r.PathValue("id"), r.PathValue("question"), r.PathValue("choice")
	accept := r.PostFormValue("decision") == "accept"
	if !accept && r.PostFormValue("decision") != "reject" {
		return invalid("decision", "must be accept or reject")
	}
	if err := u.opt.Evidence.DecideSuggestion(r.Context(), id, qid, cid, accept); err != nil {
		return err
	}
	done := "rejected"
	if accept {
		done = "accepted"
	}
	return redirect(w, r, "/ui/workloads/"+id+"/review/"+lens.BuiltinAlias+"/"+url.PathEscape(qid)+"?done="+done+"#c-"+strings.ReplaceAll(cid, " ", ""))
}
