package sqldb

import (
	"context"
	"strconv"
	"strings"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

var _ wellops.SettingsService = (*DB)(nil)

func defaultSettings() wellops.Settings {
	return wellops.Settings{OrganizationSharingStatus: "DISABLED", DiscoveryIntegrationStatus: "DISABLED",
		Jira: wellops.AccountJira{IntegrationStatus: "NOT_CONFIGURED", IssueManagementStatus: "DISABLED", IssueManagementType: "MANUAL"}}
}

func (t *tx) settings(ctx context.Context, account string) (wellops.Settings, error) {
	s := defaultSettings()
	var body string
	err := t.queryRow(ctx, "SELECT body FROM settings WHERE account_id = ?", account).Scan(&body)
	if isNoRows(err) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	return s, jsonUnmarshal(body, &s)
}

// GetSettings implements wellops.SettingsService.
func (db *DB) GetSettings(ctx context.Context) (*wellops.Settings, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	var s wellops.Settings
	err = db.readTx(ctx, func(t *tx) error {
		s, err = t.settings(ctx, p.AccountID)
		return err
	})
	return &s, err
}

// UpdateSettings implements wellops.SettingsService.
func (db *DB) UpdateSettings(ctx context.Context, u wellops.SettingsUpdate) error {
	p, err := principal(ctx)
	if err != nil {
		return err
	}
	if err := u.Validate(); err != nil {
		return err
	}
	return db.writeTx(ctx, func(t *tx) error {
		s, err := t.settings(ctx, p.AccountID)
		if err != nil {
			return err
		}
		if u.OrganizationSharingStatus != "" {
			s.OrganizationSharingStatus = u.OrganizationSharingStatus
		}
		if u.DiscoveryIntegrationStatus != "" {
			s.DiscoveryIntegrationStatus = u.DiscoveryIntegrationStatus
		}
		if j := u.Jira; j != nil {
			if j.IntegrationStatus != "" {
				s.Jira.IntegrationStatus = j.IntegrationStatus
			}
			if j.IssueManagementStatus != "" {
				s.Jira.IssueManagementStatus = j.IssueManagementStatus
			}
			if j.IssueManagementType != "" {
				s.Jira.IssueManagementType = j.IssueManagementType
			}
			if j.JiraProjectKey != "" {
				s.Jira.JiraProjectKey = j.JiraProjectKey
			}
		}
		if _, err := t.exec(ctx, "DELETE FROM settings WHERE account_id = ?", p.AccountID); err != nil {
			return err
		}
		_, err = t.exec(ctx, "INSERT INTO settings (account_id, body) VALUES (?, ?)", p.AccountID, mustJSON(s))
		return err
	})
}

// ConsolidatedMetrics implements wellops.SettingsService. A page of workloads is read with one
// query each for lens reviews and answers, so a report over thousands of workloads costs a
// few queries per page, not per workload.
func (db *DB) ConsolidatedMetrics(ctx context.Context, q wellops.ConsolidatedQuery) ([]wellops.ConsolidatedMetric, string, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, "", err
	}
	wq := wellops.WorkloadQuery{OwnOnly: !q.IncludeShared, Environment: q.Environment, LensAlias: q.LensAlias, Page: q.Page}
	where, args, err := workloadFilter(p, wq)
	if err != nil {
		return nil, "", err
	}
	offset, limit, err := pageBounds(q.Page, 15, 1000)
	if err != nil {
		return nil, "", err
	}
	var out []wellops.ConsolidatedMetric
	more := false
	err = db.readTx(ctx, func(t *tx) error {
		out, more = nil, false
		ws, err := queryAll(ctx, t, db.scanWorkload, "SELECT "+workloadCols+" FROM workloads w WHERE "+where+" ORDER BY w.name_key, w.id LIMIT ? OFFSET ?",
			append(args, limit+1, offset)...)
		if err != nil {
			return err
		}
		if len(ws) > limit {
			ws, more = ws[:limit], true
		}
		if len(ws) == 0 {
			return nil
		}
		ids := make([]any, len(ws))
		for i, w := range ws {
			ids[i] = w.ID
		}
		in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
		reviews := map[string][]reviewRecord{}
		rr, err := t.query(ctx, "SELECT workload_id, "+reviewCols+" FROM lens_reviews WHERE workload_id IN "+in+" ORDER BY workload_id, position", ids...)
		if err != nil {
			return err
		}
		for rr.Next() {
			var wid string
			var r reviewRecord
			var pn, jira string
			if err := rr.Scan(&wid, &r.Alias, &r.Version, &r.Position, &r.Notes, &pn, &jira, &r.UpdatedAt); err != nil {
				rr.Close()
				return err
			}
			reviews[wid] = append(reviews[wid], r)
		}
		rr.Close()
		answers := map[string][]answerRecord{}
		ar, err := t.query(ctx, "SELECT workload_id, "+answerCols+" FROM answers WHERE workload_id IN "+in+" ORDER BY workload_id, lens_alias, position", ids...)
		if err != nil {
			return err
		}
		for ar.Next() {
			var wid string
			var a answerRecord
			var sel, ca, risk string
			if err := ar.Scan(&wid, &a.Alias, &a.QuestionID, &a.PillarID, &a.Position, &sel, &ca, &a.IsApplicable, &a.Reason,
				&a.Notes, &risk, &a.Prioritized, &a.ImprovementStatus, &a.UpdatedAt); err != nil {
				ar.Close()
				return err
			}
			a.Risk = lens.Risk(risk)
			if err := jsonUnmarshal(sel, &a.Selected); err != nil {
				ar.Close()
				return err
			}
			if err := jsonUnmarshal(ca, &a.ChoiceAnswers); err != nil {
				ar.Close()
				return err
			}
			answers[wid+"\x00"+a.Alias] = append(answers[wid+"\x00"+a.Alias], a)
		}
		ar.Close()
		if err := ar.Err(); err != nil {
			return err
		}
		for _, w := range ws {
			m := wellops.ConsolidatedMetric{WorkloadID: w.ID, WorkloadName: w.Name, WorkloadARN: w.ARN, Environment: w.Environment,
				Owner: w.Owner, UpdatedAt: w.UpdatedAt, RiskCounts: w.RiskCounts}
			for _, r := range reviews[w.ID] {
				ref, err := t.resolveLens(ctx, r.Alias)
				if err != nil {
					return err
				}
				l, err := t.lensContent(ctx, ref, r.Version, "")
				if err != nil {
					return err
				}
				m.Lenses = append(m.Lenses, lensMetric(ref, l, answers[w.ID+"\x00"+r.Alias]))
			}
			out = append(out, m)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if more {
		next = strconv.Itoa(offset + limit)
	}
	return out, next, nil
}

func lensMetric(ref *lensRef, l *lens.Lens, recs []answerRecord) wellops.LensMetric {
	byQ := map[string]*answerRecord{}
	for i := range recs {
		byQ[recs[i].QuestionID] = &recs[i]
	}
	lm := wellops.LensMetric{LensARN: ref.arn, LensAlias: ref.alias, LensName: l.Name}
	for _, pl := range l.Pillars {
		pm := wellops.PillarMetric{PillarID: pl.ID, PillarName: pl.Name}
		for _, q := range pl.Questions {
			a := byQ[q.ID]
			risk := lens.RiskUnanswered
			if a != nil {
				risk = a.Risk
			}
			pm.RiskCounts.Add(risk)
			qm := wellops.QuestionMetric{QuestionID: q.ID, QuestionTitle: q.Title, Risk: string(risk)}
			if a != nil && (risk == lens.RiskHigh || risk == lens.RiskMedium) {
				ans := a.answer()
				for _, it := range wellops.ImprovementPlan(&lens.Lens{Pillars: []*lens.Pillar{{ID: pl.ID, Questions: []*lens.Question{q}}}}, []wellops.Answer{ans}, nil) {
					for _, c := range it.Missing {
						qm.BestPractices = append(qm.BestPractices, wellops.BestPracticeRef{ChoiceID: c.ID, ChoiceTitle: c.Title})
					}
				}
			}
			pm.Questions = append(pm.Questions, qm)
		}
		lm.RiskCounts = lm.RiskCounts.Plus(pm.RiskCounts)
		lm.Pillars = append(lm.Pillars, pm)
	}
	return lm
}
