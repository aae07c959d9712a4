package sqldb

import (
	"context"
	"slices"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

var _ wellops.TemplateService = (*DB)(nil)

// templateLens is what a review template pre-fills for one lens of a new workload.
type templateLens struct {
	version     string
	notes       string
	pillarNotes map[string]string
	answers     map[string]wellops.Answer
}

type templateApply struct {
	lenses  []string
	notes   string
	byAlias map[string]*templateLens
}

// template loads a review template the principal may use as required (needRead: owner or
// accepted share; anything more: owner only).
func (t *tx) template(ctx context.Context, p wellops.Principal, arn string, n need) (*wellops.ReviewTemplate, error) {
	var tm wellops.ReviewTemplate
	var tags string
	var updated int64
	err := t.queryRow(ctx, "SELECT arn, owner, name, description, notes, tags, updated_at FROM templates WHERE arn = ?", arn).
		Scan(&tm.ARN, &tm.Owner, &tm.Name, &tm.Description, &tm.Notes, &tags, &updated)
	if err != nil {
		return nil, notFound(err, wellops.ResTemplate, arn)
	}
	if tm.Owner != p.AccountID {
		err := t.queryRow(ctx, `SELECT id FROM shares WHERE resource_type = 'TEMPLATE' AND resource_id = ? AND status = 'ACCEPTED'
			AND shared_with IN (?, ?)`, arn, p.AccountID, p.ARN()).Scan(&tm.ShareInvitationID)
		if err != nil {
			return nil, notFound(err, wellops.ResTemplate, arn)
		}
		if n != needRead {
			return nil, wellops.Errorf(wellops.EFORBIDDEN, "only the owner of review template %s can change it", arn)
		}
	}
	tm.UpdatedAt = fromTS(updated)
	if err := jsonUnmarshal(tags, &tm.Tags); err != nil {
		return nil, err
	}
	recs, err := t.templateReviews(ctx, arn)
	if err != nil {
		return nil, err
	}
	tm.UpdateStatus = wellops.TemplateCurrent
	for _, r := range recs {
		tm.Lenses = append(tm.Lenses, r.Alias)
		ref, err := t.resolveLens(ctx, r.Alias)
		if err != nil {
			return nil, err
		}
		if r.Version != ref.latest {
			tm.UpdateStatus = wellops.TemplateLensNotCurrent
		}
	}
	rows, err := t.query(ctx, "SELECT is_applicable, selected FROM template_answers WHERE template_arn = ?", arn)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var applicable bool
		var sel string
		if err := rows.Scan(&applicable, &sel); err != nil {
			return nil, err
		}
		if !applicable || sel != "[]" {
			tm.QuestionCounts.Answered++
		} else {
			tm.QuestionCounts.Unanswered++
		}
	}
	return &tm, rows.Err()
}

func (t *tx) templateReviews(ctx context.Context, arn string) ([]reviewRecord, error) {
	return queryAll(ctx, t, scanReview, "SELECT lens_alias, lens_version, position, notes, pillar_notes, '', updated_at FROM template_reviews WHERE template_arn = ? ORDER BY position", arn)
}

const templateAnswerCols = `lens_alias, question_id, pillar_id, position, selected, choice_answers, is_applicable, reason,
	notes, 'UNANSWERED', FALSE, 'NOT_STARTED', updated_at`

func (t *tx) templateAnswers(ctx context.Context, arn, alias string) ([]answerRecord, error) {
	return queryAll(ctx, t, scanAnswer, "SELECT "+templateAnswerCols+" FROM template_answers WHERE template_arn = ? AND lens_alias = ? ORDER BY position", arn, alias)
}

// templateForWorkload loads what a template pre-fills for CreateWorkload.
func (t *tx) templateForWorkload(ctx context.Context, p wellops.Principal, arns []string) (*templateApply, error) {
	if len(arns) == 0 {
		return nil, nil
	}
	tm, err := t.template(ctx, p, arns[0], needRead)
	if err != nil {
		return nil, err
	}
	out := &templateApply{lenses: tm.Lenses, notes: tm.Notes, byAlias: map[string]*templateLens{}}
	recs, err := t.templateReviews(ctx, tm.ARN)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		tl := &templateLens{version: r.Version, notes: r.Notes, pillarNotes: r.PillarNotes, answers: map[string]wellops.Answer{}}
		as, err := t.templateAnswers(ctx, tm.ARN, r.Alias)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			tl.answers[a.QuestionID] = a.answer()
		}
		out.byAlias[r.Alias] = tl
	}
	return out, nil
}

// CreateReviewTemplate implements wellops.TemplateService.
func (db *DB) CreateReviewTemplate(ctx context.Context, in wellops.NewReviewTemplate) (*wellops.ReviewTemplate, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if in.Tags == nil {
		in.Tags = map[string]string{}
	}
	arn := wellops.ARN{Region: db.opt.Region, Account: p.AccountID, Type: "review-template", ID: wellops.NewID()}.String()
	err = db.writeTx(ctx, func(t *tx) error {
		var n, taken int
		if err := t.queryRow(ctx, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN LOWER(name) = LOWER(?) THEN 1 ELSE 0 END), 0) FROM templates WHERE owner = ?",
			in.Name, p.AccountID).Scan(&n, &taken); err != nil {
			return err
		}
		if taken > 0 {
			return wellops.Conflict(wellops.ResTemplate, in.Name, "a review template named %q already exists in this account", in.Name)
		}
		if n >= db.opt.Quotas.TemplatesPerAccount {
			return wellops.QuotaExceeded(wellops.QuotaTemplates, wellops.ResTemplate, "", "account %s has reached its quota of %d review templates", p.AccountID, db.opt.Quotas.TemplatesPerAccount)
		}
		refs, err := t.applicableLenses(ctx, p, append([]string{lens.BuiltinAlias}, in.Lenses...))
		if err != nil {
			return err
		}
		now := db.nowTS()
		if _, err := t.exec(ctx, "INSERT INTO templates (arn, owner, name, description, notes, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			arn, p.AccountID, in.Name, in.Description, in.Notes, mustJSON(in.Tags), now, now); err != nil {
			return err
		}
		for i, ref := range refs {
			if err := t.createTemplateReview(ctx, arn, ref, i); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return db.GetReviewTemplate(ctx, arn)
}

func (t *tx) createTemplateReview(ctx context.Context, arn string, ref *lensRef, position int) error {
	l, err := t.lensContent(ctx, ref, ref.latest, "")
	if err != nil {
		return err
	}
	alias, now := canonicalAlias(ref), t.db.nowTS()
	if _, err := t.exec(ctx, "INSERT INTO template_reviews (template_arn, lens_alias, lens_version, position, updated_at) VALUES (?, ?, ?, ?, ?)",
		arn, alias, ref.latest, position, now); err != nil {
		return err
	}
	pos := 0
	for _, pl := range l.Pillars {
		for _, q := range pl.Questions {
			if err := t.insertTemplateAnswer(ctx, arn, answerRecord{Alias: alias, QuestionID: q.ID, PillarID: pl.ID, Position: pos, IsApplicable: true, UpdatedAt: now}); err != nil {
				return err
			}
			pos++
		}
	}
	return nil
}

func (t *tx) insertTemplateAnswer(ctx context.Context, arn string, a answerRecord) error {
	if a.Selected == nil {
		a.Selected = []string{}
	}
	if a.ChoiceAnswers == nil {
		a.ChoiceAnswers = map[string]wellops.ChoiceAnswer{}
	}
	_, err := t.exec(ctx, `INSERT INTO template_answers (template_arn, lens_alias, question_id, pillar_id, position, selected,
		choice_answers, is_applicable, reason, notes, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		arn, a.Alias, a.QuestionID, a.PillarID, a.Position, mustJSON(a.Selected), mustJSON(a.ChoiceAnswers),
		a.IsApplicable, a.Reason, a.Notes, a.UpdatedAt)
	return err
}

// GetReviewTemplate implements wellops.TemplateService.
func (db *DB) GetReviewTemplate(ctx context.Context, arn string) (*wellops.ReviewTemplate, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out *wellops.ReviewTemplate
	err = db.readTx(ctx, func(t *tx) error {
		out, err = t.template(ctx, p, arn, needRead)
		return err
	})
	return out, err
}

// UpdateReviewTemplate implements wellops.TemplateService.
func (db *DB) UpdateReviewTemplate(ctx context.Context, arn string, u wellops.ReviewTemplateUpdate) (*wellops.ReviewTemplate, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	err = db.writeTx(ctx, func(t *tx) error {
		tm, err := t.template(ctx, p, arn, needAdmin)
		if err != nil {
			return err
		}
		if u.Name != nil {
			tm.Name = *u.Name
		}
		if u.Description != nil {
			tm.Description = *u.Description
		}
		if u.Notes != nil {
			tm.Notes = *u.Notes
		}
		for _, a := range u.LensesToDisassociate {
			alias, err := lensAliasParam(a)
			if err != nil {
				return err
			}
			if alias == lens.BuiltinAlias {
				return invalidField("LensesToDisassociate", "the built-in lens cannot be removed from a review template")
			}
			if _, err := t.exec(ctx, "DELETE FROM template_reviews WHERE template_arn = ? AND lens_alias = ?", arn, alias); err != nil {
				return err
			}
		}
		refs, err := t.applicableLenses(ctx, p, u.LensesToAssociate)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			if slices.Contains(tm.Lenses, canonicalAlias(ref)) {
				continue
			}
			tm.Lenses = append(tm.Lenses, canonicalAlias(ref))
			if err := t.createTemplateReview(ctx, arn, ref, len(tm.Lenses)); err != nil {
				return err
			}
		}
		_, err = t.exec(ctx, "UPDATE templates SET name = ?, description = ?, notes = ?, updated_at = ? WHERE arn = ?",
			tm.Name, tm.Description, tm.Notes, db.nowTS(), arn)
		return err
	})
	if err != nil {
		return nil, err
	}
	return db.GetReviewTemplate(ctx, arn)
}

// DeleteReviewTemplate implements wellops.TemplateService.
func (db *DB) DeleteReviewTemplate(ctx context.Context, arn string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	return db.writeTx(ctx, func(t *tx) error {
		if _, err := t.template(ctx, p, arn, needAdmin); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "DELETE FROM shares WHERE resource_type = 'TEMPLATE' AND resource_id = ?", arn); err != nil {
			return err
		}
		_, err := t.exec(ctx, "DELETE FROM templates WHERE arn = ?", arn)
		return err
	})
}

// ListReviewTemplates implements wellops.TemplateService.
func (db *DB) ListReviewTemplates(ctx context.Context, page wellops.Page) ([]wellops.ReviewTemplate, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	var out []wellops.ReviewTemplate
	err = db.readTx(ctx, func(t *tx) error {
		arns, err := t.strings(ctx, `SELECT arn FROM templates WHERE owner = ? OR arn IN (SELECT resource_id FROM shares
			WHERE resource_type = 'TEMPLATE' AND status = 'ACCEPTED' AND shared_with IN (?, ?)) ORDER BY name, arn`, p.AccountID, p.AccountID, p.ARN())
		if err != nil {
			return err
		}
		for _, a := range arns {
			tm, err := t.template(ctx, p, a, needRead)
			if err != nil {
				return err
			}
			out = append(out, *tm)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return pageSlice(out, page, 50, 50)
}

// templateReview loads one lens review of a template with its lens.
func (t *tx) templateReview(ctx context.Context, arn, aliasIn, lang string) (*reviewView, error) {
	alias, err := lensAliasParam(aliasIn)
	if err != nil {
		return nil, err
	}
	recs, err := t.templateReviews(ctx, arn)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(recs, func(r reviewRecord) bool { return r.Alias == alias })
	if i < 0 {
		return nil, wellops.NotFound(wellops.ResLensReview, aliasIn)
	}
	ref, err := t.resolveLens(ctx, alias)
	if err != nil {
		return nil, err
	}
	l, err := t.lensContent(ctx, ref, recs[i].Version, lang)
	if err != nil {
		return nil, err
	}
	return &reviewView{rec: recs[i], ref: ref, l: l}, nil
}

func templateLensReview(arn string, v *reviewView, answers []answerRecord) *wellops.TemplateLensReview {
	r := &wellops.TemplateLensReview{TemplateARN: arn, LensAlias: v.rec.Alias, LensARN: v.ref.arn, LensVersion: v.rec.Version,
		LensName: v.l.Name, LensStatus: lensStatus(v.ref, v.rec.Version), Notes: v.rec.Notes, PillarNotes: v.rec.PillarNotes,
		UpdatedAt: fromTS(v.rec.UpdatedAt), Lens: v.l}
	answered := map[string]bool{}
	for _, a := range answers {
		answered[a.QuestionID] = wellops.TemplateAnswered(a.answer())
	}
	for _, pl := range v.l.Pillars {
		tp := wellops.TemplatePillar{PillarID: pl.ID, PillarName: pl.Name, Notes: v.rec.PillarNotes[pl.ID]}
		for _, q := range pl.Questions {
			if answered[q.ID] {
				tp.QuestionCounts.Answered++
			} else {
				tp.QuestionCounts.Unanswered++
			}
		}
		r.QuestionCounts.Answered += tp.QuestionCounts.Answered
		r.QuestionCounts.Unanswered += tp.QuestionCounts.Unanswered
		r.Pillars = append(r.Pillars, tp)
	}
	return r
}

// GetTemplateLensReview implements wellops.TemplateService.
func (db *DB) GetTemplateLensReview(ctx context.Context, arn, alias string) (*wellops.TemplateLensReview, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out *wellops.TemplateLensReview
	err = db.readTx(ctx, func(t *tx) error {
		if _, err := t.template(ctx, p, arn, needRead); err != nil {
			return err
		}
		v, err := t.templateReview(ctx, arn, alias, "")
		if err != nil {
			return err
		}
		as, err := t.templateAnswers(ctx, arn, v.rec.Alias)
		if err != nil {
			return err
		}
		out = templateLensReview(arn, v, as)
		return nil
	})
	return out, err
}

// UpdateTemplateLensReview implements wellops.TemplateService.
func (db *DB) UpdateTemplateLensReview(ctx context.Context, arn, alias string, u wellops.LensReviewUpdate) (*wellops.TemplateLensReview, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var canonical string
	err = db.writeTx(ctx, func(t *tx) error {
		if _, err := t.template(ctx, p, arn, needAdmin); err != nil {
			return err
		}
		v, err := t.templateReview(ctx, arn, alias, "")
		if err != nil {
			return err
		}
		u.JiraConfiguration = nil
		if err := u.Validate(v.l); err != nil {
			return err
		}
		canonical = v.rec.Alias
		notes, pn := v.rec.Notes, v.rec.PillarNotes
		if pn == nil {
			pn = map[string]string{}
		}
		if u.LensNotes != nil {
			notes = *u.LensNotes
		}
		for k, val := range u.PillarNotes {
			pn[k] = val
		}
		_, err = t.exec(ctx, "UPDATE template_reviews SET notes = ?, pillar_notes = ?, updated_at = ? WHERE template_arn = ? AND lens_alias = ?",
			notes, mustJSON(pn), db.nowTS(), arn, canonical)
		return err
	})
	if err != nil {
		return nil, err
	}
	return db.GetTemplateLensReview(ctx, arn, canonical)
}

// UpgradeTemplateLensReview implements wellops.TemplateService.
func (db *DB) UpgradeTemplateLensReview(ctx context.Context, arn, alias string) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	return db.writeTx(ctx, func(t *tx) error {
		if _, err := t.template(ctx, p, arn, needAdmin); err != nil {
			return err
		}
		v, err := t.templateReview(ctx, arn, alias, "")
		if err != nil {
			return err
		}
		if v.rec.Version == v.ref.latest {
			return wellops.Conflict(wellops.ResLensReview, v.rec.Alias, "the template's review of %s is already at the latest version", v.rec.Alias)
		}
		return t.moveTemplateReview(ctx, arn, v, v.ref.latest)
	})
}

// moveTemplateReviews moves every template review of ref to version (a minor version).
func (t *tx) moveTemplateReviews(ctx context.Context, ref *lensRef, version string) error {
	arns, err := t.strings(ctx, "SELECT template_arn FROM template_reviews WHERE lens_alias = ? AND lens_version <> ?", ref.arn, version)
	if err != nil {
		return err
	}
	for _, a := range arns {
		v, err := t.templateReview(ctx, a, ref.arn, "")
		if err != nil {
			return err
		}
		if err := t.moveTemplateReview(ctx, a, v, version); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) moveTemplateReview(ctx context.Context, arn string, v *reviewView, version string) error {
	nl, err := t.lensContent(ctx, v.ref, version, "")
	if err != nil {
		return err
	}
	old, err := t.templateAnswers(ctx, arn, v.rec.Alias)
	if err != nil {
		return err
	}
	byQ := map[string]answerRecord{}
	for _, a := range old {
		byQ[a.QuestionID] = a
	}
	if _, err := t.exec(ctx, "DELETE FROM template_answers WHERE template_arn = ? AND lens_alias = ?", arn, v.rec.Alias); err != nil {
		return err
	}
	now, pos := t.db.nowTS(), 0
	for _, pl := range nl.Pillars {
		for _, q := range pl.Questions {
			rec := answerRecord{Alias: v.rec.Alias, QuestionID: q.ID, PillarID: pl.ID, Position: pos, IsApplicable: true, UpdatedAt: now}
			if o, ok := byQ[q.ID]; ok {
				rec.IsApplicable, rec.Reason, rec.Notes = o.IsApplicable, o.Reason, o.Notes
				for _, c := range o.Selected {
					if q.Choice(c) != nil {
						rec.Selected = append(rec.Selected, c)
					}
				}
			}
			if err := t.insertTemplateAnswer(ctx, arn, rec); err != nil {
				return err
			}
			pos++
		}
	}
	_, err = t.exec(ctx, "UPDATE template_reviews SET lens_version = ?, updated_at = ? WHERE template_arn = ? AND lens_alias = ?", version, now, arn, v.rec.Alias)
	return err
}

// GetTemplateAnswer implements wellops.TemplateService.
func (db *DB) GetTemplateAnswer(ctx context.Context, arn, alias, questionID string) (*wellops.Answer, error) {
	as, _, err := db.templateAnswerList(ctx, arn, alias, wellops.AnswerQuery{}, questionID)
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, wellops.NotFound("QUESTION", questionID)
	}
	return &as[0], nil
}

// ListTemplateAnswers implements wellops.TemplateService.
func (db *DB) ListTemplateAnswers(ctx context.Context, arn, alias string, q wellops.AnswerQuery) ([]wellops.Answer, string, error) {
	as, _, err := db.templateAnswerList(ctx, arn, alias, q, "")
	if err != nil {
		return nil, "", err
	}
	return pageSlice(as, q.Page, 50, 50)
}

func (db *DB) templateAnswerList(ctx context.Context, arn, alias string, q wellops.AnswerQuery, only string) ([]wellops.Answer, *reviewView, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, nil, err
	}
	var out []wellops.Answer
	var view *reviewView
	err = db.readTx(ctx, func(t *tx) error {
		if _, err := t.template(ctx, p, arn, needRead); err != nil {
			return err
		}
		v, err := t.templateReview(ctx, arn, alias, q.Lang)
		if err != nil {
			return err
		}
		view = v
		recs, err := t.templateAnswers(ctx, arn, v.rec.Alias)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if (only != "" && r.QuestionID != only) || (q.PillarID != "" && r.PillarID != q.PillarID) {
				continue
			}
			a := r.answer()
			_, a.Question = v.l.Question(r.QuestionID)
			out = append(out, a)
		}
		return nil
	})
	return out, view, err
}

// UpdateTemplateAnswer implements wellops.TemplateService.
func (db *DB) UpdateTemplateAnswer(ctx context.Context, arn, alias, questionID string, u wellops.AnswerUpdate) (*wellops.Answer, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var out *wellops.Answer
	err = db.writeTx(ctx, func(t *tx) error {
		if _, err := t.template(ctx, p, arn, needAdmin); err != nil {
			return err
		}
		v, err := t.templateReview(ctx, arn, alias, "")
		if err != nil {
			return err
		}
		_, q := v.l.Question(questionID)
		if q == nil {
			return wellops.NotFound("QUESTION", questionID)
		}
		recs, err := t.templateAnswers(ctx, arn, v.rec.Alias)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(recs, func(r answerRecord) bool { return r.QuestionID == questionID })
		if i < 0 {
			return wellops.NotFound("QUESTION", questionID)
		}
		next, err := wellops.ApplyAnswerUpdate(q, recs[i].answer(), u)
		if err != nil {
			return err
		}
		sel, ca := next.SelectedChoices, next.ChoiceAnswers
		if sel == nil {
			sel = []string{}
		}
		if ca == nil {
			ca = map[string]wellops.ChoiceAnswer{}
		}
		_, err = t.exec(ctx, `UPDATE template_answers SET selected = ?, choice_answers = ?, is_applicable = ?, reason = ?, notes = ?, updated_at = ?
			WHERE template_arn = ? AND lens_alias = ? AND question_id = ?`, mustJSON(sel), mustJSON(ca), next.IsApplicable,
			next.Reason, next.Notes, db.nowTS(), arn, v.rec.Alias, questionID)
		next.Risk = ""
		out = &next
		return err
	})
	return out, err
}

var _ = strings.ToLower
