package waapi

import (
	"context"
	"encoding/base64"

	"github.com/wellops/wellops"
)

// Reports: GetLensReviewReport and GetConsolidatedReport. The PDFs come from the report
// package's renderer, the same code as the UI's downloads and `wellops report`.

type lensReviewReportOut struct {
	WorkloadID       string `json:"WorkloadId"`
	MilestoneNumber  int    `json:"MilestoneNumber,omitempty"`
	LensReviewReport struct {
		LensAlias    string `json:"LensAlias"`
		LensArn      string `json:"LensArn"`
		Base64String string `json:"Base64String"`
	} `json:"LensReviewReport"`
}

func (a *API) getLensReviewReport(ctx context.Context, in *lensReviewIn) (*lensReviewReportOut, error) {
	m := milestoneOf(in.MilestoneNumber)
	// The review first: it checks access and names the lens, whichever renderer draws the PDF.
	r, err := a.opt.Reviews.GetLensReview(ctx, in.WorkloadID, in.LensAlias, m, lang(ctx))
	if err != nil {
		return nil, err
	}
	pdf, err := a.opt.Reports.LensReviewPDF(ctx, in.WorkloadID, r.LensAlias, m)
	if err != nil {
		return nil, err
	}
	out := &lensReviewReportOut{WorkloadID: in.WorkloadID, MilestoneNumber: m}
	out.LensReviewReport.LensAlias, out.LensReviewReport.LensArn = r.LensAlias, r.LensARN
	out.LensReviewReport.Base64String = base64.StdEncoding.EncodeToString(pdf)
	return out, nil
}

type consolidatedIn struct {
	Format                 string `query:"Format" v:"req,enum=PDF|JSON"`
	IncludeSharedResources bool   `query:"IncludeSharedResources"`
	NextToken              string `query:"NextToken"`
	MaxResults             *int   `query:"MaxResults" v:"range=1:15"`
}

type bestPractice struct {
	ChoiceID    string `json:"ChoiceId"`
	ChoiceTitle string `json:"ChoiceTitle,omitempty"`
}

type questionMetric struct {
	QuestionID    string         `json:"QuestionId"`
	Risk          string         `json:"Risk,omitempty"`
	BestPractices []bestPractice `json:"BestPractices"`
}

type pillarMetric struct {
	PillarID   string           `json:"PillarId"`
	RiskCounts map[string]int   `json:"RiskCounts,omitempty"`
	Questions  []questionMetric `json:"Questions"`
}

type lensMetric struct {
	LensArn    string         `json:"LensArn"`
	Pillars    []pillarMetric `json:"Pillars"`
	RiskCounts map[string]int `json:"RiskCounts,omitempty"`
}

type consolidatedMetric struct {
	MetricType         string         `json:"MetricType"`
	RiskCounts         map[string]int `json:"RiskCounts,omitempty"`
	WorkloadID         string         `json:"WorkloadId"`
	WorkloadName       string         `json:"WorkloadName"`
	WorkloadArn        string         `json:"WorkloadArn"`
	UpdatedAt          *epoch         `json:"UpdatedAt,omitempty"`
	Lenses             []lensMetric   `json:"Lenses"`
	LensesAppliedCount int            `json:"LensesAppliedCount"`
}

type consolidatedOut struct {
	Metrics      []consolidatedMetric `json:"Metrics,omitempty"`
	NextToken    string               `json:"NextToken,omitempty"`
	Base64String string               `json:"Base64String,omitempty"`
}

func toMetric(m *wellops.ConsolidatedMetric) consolidatedMetric {
	out := consolidatedMetric{MetricType: "WORKLOAD", RiskCounts: m.RiskCounts.Map(), WorkloadID: m.WorkloadID,
		WorkloadName: m.WorkloadName, WorkloadArn: m.WorkloadARN, UpdatedAt: ts(m.UpdatedAt), Lenses: []lensMetric{},
		LensesAppliedCount: len(m.Lenses)}
	for _, l := range m.Lenses {
		lm := lensMetric{LensArn: l.LensARN, Pillars: []pillarMetric{}, RiskCounts: l.RiskCounts.Map()}
		for _, p := range l.Pillars {
			pm := pillarMetric{PillarID: p.PillarID, RiskCounts: p.RiskCounts.Map(), Questions: []questionMetric{}}
			for _, q := range p.Questions {
				qm := questionMetric{QuestionID: q.QuestionID, Risk: q.Risk, BestPractices: []bestPractice{}}
				for _, bp := range q.BestPractices {
					qm.BestPractices = append(qm.BestPractices, bestPractice{bp.ChoiceID, maxRunes(bp.ChoiceTitle, 512)})
				}
				pm.Questions = append(pm.Questions, qm)
			}
			lm.Pillars = append(lm.Pillars, pm)
		}
		out.Lenses = append(out.Lenses, lm)
	}
	return out
}

func (a *API) getConsolidatedReport(ctx context.Context, in *consolidatedIn) (*consolidatedOut, error) {
	q := wellops.ConsolidatedQuery{IncludeShared: in.IncludeSharedResources, Page: page(in.NextToken, in.MaxResults)}
	if in.Format == "JSON" {
		ms, next, err := a.opt.Settings.ConsolidatedMetrics(ctx, q)
		if err != nil {
			return nil, err
		}
		out := &consolidatedOut{Metrics: []consolidatedMetric{}, NextToken: next}
		for i := range ms {
			out.Metrics = append(out.Metrics, toMetric(&ms[i]))
		}
		return out, nil
	}
	pdf, err := a.opt.Reports.ConsolidatedPDF(ctx, q)
	if err != nil {
		return nil, err
	}
	return &consolidatedOut{Base64String: base64.StdEncoding.EncodeToString(pdf)}, nil
}
