package report

import (
	"bufio"
	"encoding/json"
	"io"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// SchemaVersion is the version of the JSON reports' schema (docs/reports.md). It changes only
// when a field changes meaning or goes away; new fields keep it.
const SchemaVersion = "1"

// The JSON types below are the documented schema; field names are the contract.

type jsonLensReview struct {
	SchemaVersion   string            `json:"schemaVersion"`
	Kind            string            `json:"kind"`
	GeneratedAt     time.Time         `json:"generatedAt"`
	Language        string            `json:"language"`
	Workload        jsonWorkload      `json:"workload"`
	Milestone       *jsonMilestone    `json:"milestone"`
	LensReview      jsonReview        `json:"lensReview"`
	Pillars         []jsonPillar      `json:"pillars"`
	ImprovementPlan []jsonImprovement `json:"improvementPlan"`
	Evidence        *jsonScan         `json:"evidence"`
	Trend           []jsonTrendPoint  `json:"trend"`
}

type jsonWorkload struct {
	ID                  string            `json:"id"`
	ARN                 string            `json:"arn"`
	Name                string            `json:"name"`
	Description         string            `json:"description"`
	Environment         string            `json:"environment"`
	Owner               string            `json:"owner"`
	ReviewOwner         string            `json:"reviewOwner"`
	AccountIDs          []string          `json:"accountIds"`
	AWSRegions          []string          `json:"awsRegions"`
	NonAWSRegions       []string          `json:"nonAwsRegions"`
	ArchitecturalDesign string            `json:"architecturalDesign"`
	IndustryType        string            `json:"industryType"`
	Industry            string            `json:"industry"`
	PillarPriorities    []string          `json:"pillarPriorities"`
	Notes               string            `json:"notes"`
	ImprovementStatus   string            `json:"improvementStatus"`
	Tags                map[string]string `json:"tags"`
	RiskCounts          map[string]int    `json:"riskCounts"`
	UpdatedAt           time.Time         `json:"updatedAt"`
}

type jsonMilestone struct {
	Number     int       `json:"number"`
	Name       string    `json:"name"`
	RecordedAt time.Time `json:"recordedAt"`
}

type jsonReview struct {
	Alias                 string         `json:"alias"`
	ARN                   string         `json:"arn"`
	Name                  string         `json:"name"`
	Version               string         `json:"version"`
	Status                string         `json:"status"`
	Notes                 string         `json:"notes"`
	RiskCounts            map[string]int `json:"riskCounts"`
	PrioritizedRiskCounts map[string]int `json:"prioritizedRiskCounts"`
	UpdatedAt             time.Time      `json:"updatedAt"`
}

type jsonPillar struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Notes      string         `json:"notes"`
	RiskCounts map[string]int `json:"riskCounts"`
	Questions  []jsonQuestion `json:"questions"`
}

type jsonQuestion struct {
	ID           string       `json:"id"`
	Title        string       `json:"title"`
	Risk         lens.Risk    `json:"risk"`
	Applicable   bool         `json:"applicable"`
	Reason       string       `json:"reason"`
	Notes        string       `json:"notes"`
	QuestionType string       `json:"questionType"`
	Choices      []jsonChoice `json:"choices"`
}

type jsonChoice struct {
	ID             string        `json:"id"`
	Title          string        `json:"title"`
	BestPracticeID string        `json:"bestPracticeId,omitempty"`
	Status         string        `json:"status"`
	Reason         string        `json:"reason"`
	Notes          string        `json:"notes"`
	Evidence       *jsonEvidence `json:"evidence,omitempty"`
}

type jsonEvidence struct {
	Status     string             `json:"status"`
	Confidence string             `json:"confidence"`
	Summary    string             `json:"summary"`
	Suggested  bool               `json:"suggested"`
	Items      []jsonEvidenceItem `json:"items"`
}

type jsonEvidenceItem struct {
	Check string `json:"check"`
	Path  string `json:"path"`
	Line  int    `json:"line"`
	Text  string `json:"text"`
}

type jsonImprovement struct {
	QuestionID    string        `json:"questionId"`
	QuestionTitle string        `json:"questionTitle"`
	PillarID      string        `json:"pillarId"`
	Risk          lens.Risk     `json:"risk"`
	Status        string        `json:"status"`
	Missing       []jsonMissing `json:"missing"`
}

type jsonMissing struct {
	ChoiceID        string `json:"choiceId"`
	Title           string `json:"title"`
	BestPracticeID  string `json:"bestPracticeId,omitempty"`
	Risk            string `json:"risk,omitempty"`
	ImprovementPlan string `json:"improvementPlan"`
	URL             string `json:"url"`
}

type jsonScan struct {
	ScannedAt   time.Time `json:"scannedAt"`
	Commit      string    `json:"commit"`
	Root        string    `json:"root"`
	ToolVersion string    `json:"toolVersion"`
}

type jsonTrendPoint struct {
	Milestone  int            `json:"milestone"` // 0 is the current state
	Name       string         `json:"name"`
	RecordedAt time.Time      `json:"recordedAt"`
	RiskCounts map[string]int `json:"riskCounts"`
}

func lensReviewJSON(w io.Writer, d *lensReviewDoc) error {
	wl := d.Workload
	out := jsonLensReview{
		SchemaVersion: SchemaVersion, Kind: "lensReview", GeneratedAt: d.GeneratedAt.UTC(), Language: d.Lang,
		Workload: jsonWorkload{ID: wl.ID, ARN: wl.ARN, Name: wl.Name, Description: wl.Description, Environment: wl.Environment,
			Owner: wl.Owner, ReviewOwner: wl.ReviewOwner, AccountIDs: nonNil(wl.AccountIDs), AWSRegions: nonNil(wl.AWSRegions),
			NonAWSRegions: nonNil(wl.NonAWSRegions), ArchitecturalDesign: wl.ArchitecturalDesign, IndustryType: wl.IndustryType,
			Industry: wl.Industry, PillarPriorities: nonNil(wl.PillarPriorities), Notes: wl.Notes, ImprovementStatus: wl.ImprovementStatus,
			Tags: wl.Tags, RiskCounts: wl.RiskCounts.Map(), UpdatedAt: wl.UpdatedAt.UTC()},
		LensReview: jsonReview{Alias: d.Review.LensAlias, ARN: d.Review.LensARN, Name: d.Review.LensName, Version: d.Review.LensVersion,
			Status: d.Review.LensStatus, Notes: d.Review.Notes, RiskCounts: d.Review.RiskCounts.Map(),
			PrioritizedRiskCounts: d.Review.PrioritizedRiskCounts.Map(), UpdatedAt: d.Review.UpdatedAt.UTC()},
		Pillars: []jsonPillar{}, ImprovementPlan: []jsonImprovement{}, Trend: []jsonTrendPoint{},
	}
	if out.Workload.Tags == nil {
		out.Workload.Tags = map[string]string{}
	}
	if m := d.Milestone; m != nil {
		out.Milestone = &jsonMilestone{Number: m.Number, Name: m.Name, RecordedAt: m.RecordedAt.UTC()}
	}
	for _, p := range d.Pillars {
		jp := jsonPillar{ID: p.Review.PillarID, Name: p.Review.PillarName, Notes: p.Review.Notes, RiskCounts: p.Review.RiskCounts.Map(), Questions: []jsonQuestion{}}
		for _, q := range p.Questions {
			jq := jsonQuestion{ID: q.Q.ID, Title: q.Q.Title, Risk: q.A.Risk, Applicable: q.A.IsApplicable, Reason: q.A.Reason,
				Notes: q.A.Notes, QuestionType: q.A.QuestionType, Choices: []jsonChoice{}}
			for _, c := range q.Choices {
				jc := jsonChoice{ID: c.C.ID, Title: c.C.Title, Status: c.Status, Reason: c.Reason, Notes: c.Notes}
				if c.C.BestPractice != nil {
					jc.BestPracticeID = c.C.BestPractice.ID
				}
				if e := c.Evidence; e != nil {
					je := &jsonEvidence{Status: e.Status, Confidence: e.Confidence, Summary: e.Summary, Suggested: c.Suggested, Items: []jsonEvidenceItem{}}
					for _, it := range e.Items {
						je.Items = append(je.Items, jsonEvidenceItem{Check: it.Check, Path: it.Path, Line: it.Line, Text: it.Text})
					}
					jc.Evidence = je
				}
				jq.Choices = append(jq.Choices, jc)
			}
			jp.Questions = append(jp.Questions, jq)
		}
		out.Pillars = append(out.Pillars, jp)
	}
	for _, it := range d.Plan {
		ji := jsonImprovement{QuestionID: it.QuestionID, QuestionTitle: it.QuestionTitle, PillarID: it.PillarID, Risk: it.Risk,
			Status: it.Status, Missing: []jsonMissing{}}
		for _, c := range it.Missing {
			jm := jsonMissing{ChoiceID: c.ID, Title: c.Title}
			if c.BestPractice != nil {
				jm.BestPracticeID, jm.Risk = c.BestPractice.ID, string(c.BestPractice.Risk)
			}
			if c.ImprovementPlan != nil {
				jm.ImprovementPlan, jm.URL = c.ImprovementPlan.DisplayText, c.ImprovementPlan.URL
			}
			ji.Missing = append(ji.Missing, jm)
		}
		out.ImprovementPlan = append(out.ImprovementPlan, ji)
	}
	if s := d.Scan; s != nil {
		out.Evidence = &jsonScan{ScannedAt: s.ScannedAt.UTC(), Commit: s.Commit, Root: s.Root, ToolVersion: s.ToolVersion}
	}
	for _, t := range d.Trend {
		out.Trend = append(out.Trend, jsonTrendPoint{Milestone: t.Number, Name: t.Name, RecordedAt: t.RecordedAt.UTC(), RiskCounts: t.Counts.Map()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// The consolidated JSON wraps the API's ConsolidatedReportMetric objects (field names and
// shapes exactly as GetConsolidatedReport returns them in Metrics) with a summary.

type jsonConsolidated struct {
	SchemaVersion string      `json:"schemaVersion"`
	Kind          string      `json:"kind"`
	GeneratedAt   time.Time   `json:"generatedAt"`
	Language      string      `json:"language"`
	Filters       jsonFilters `json:"filters"`
	Summary       jsonSummary `json:"summary"`
}

type jsonFilters struct {
	Environment   string `json:"environment"`
	LensAlias     string `json:"lensAlias"`
	IncludeShared bool   `json:"includeShared"`
}

type jsonSummary struct {
	Workloads   int               `json:"workloads"`
	RiskCounts  map[string]int    `json:"riskCounts"`
	Lenses      []jsonLensTotal   `json:"lenses"`
	MostMissing []jsonMostMissing `json:"mostMissing"`
}

type jsonLensTotal struct {
	LensAlias  string            `json:"lensAlias"`
	LensArn    string            `json:"lensArn"`
	LensName   string            `json:"lensName"`
	Workloads  int               `json:"workloads"`
	RiskCounts map[string]int    `json:"riskCounts"`
	Pillars    []jsonPillarTotal `json:"pillars"`
}

type jsonPillarTotal struct {
	PillarID   string         `json:"pillarId"`
	PillarName string         `json:"pillarName"`
	RiskCounts map[string]int `json:"riskCounts"`
}

type jsonMostMissing struct {
	LensAlias      string `json:"lensAlias"`
	PillarID       string `json:"pillarId"`
	QuestionID     string `json:"questionId"`
	QuestionTitle  string `json:"questionTitle"`
	ChoiceID       string `json:"choiceId"`
	ChoiceTitle    string `json:"choiceTitle"`
	BestPracticeID string `json:"bestPracticeId,omitempty"`
	Workloads      int    `json:"workloads"`
}

type apiMetric struct {
	MetricType         string          `json:"MetricType"`
	RiskCounts         apiRiskCounts   `json:"RiskCounts"`
	WorkloadID         string          `json:"WorkloadId"`
	WorkloadName       string          `json:"WorkloadName"`
	WorkloadArn        string          `json:"WorkloadArn"`
	UpdatedAt          float64         `json:"UpdatedAt"` // epoch seconds, as the API's timestamps
	Lenses             []apiLensMetric `json:"Lenses"`
	LensesAppliedCount int             `json:"LensesAppliedCount"`
}

type apiLensMetric struct {
	LensArn    string            `json:"LensArn"`
	RiskCounts apiRiskCounts     `json:"RiskCounts"`
	Pillars    []apiPillarMetric `json:"Pillars"`
}

type apiPillarMetric struct {
	PillarID   string              `json:"PillarId"`
	RiskCounts apiRiskCounts       `json:"RiskCounts"`
	Questions  []apiQuestionMetric `json:"Questions"`
}

type apiQuestionMetric struct {
	QuestionID    string            `json:"QuestionId"`
	Risk          string            `json:"Risk"`
	BestPractices []apiBestPractice `json:"BestPractices"`
}

type apiBestPractice struct {
	ChoiceID    string `json:"ChoiceId"`
	ChoiceTitle string `json:"ChoiceTitle"`
}

// apiRiskCounts is the API's RiskCounts map with its keys in the order encoding/json writes
// a map's (sorted): the same bytes as the map, without sorting keys 100,000 times.
type apiRiskCounts struct {
	High          int `json:"HIGH"`
	Medium        int `json:"MEDIUM"`
	None          int `json:"NONE"`
	NotApplicable int `json:"NOT_APPLICABLE"`
	Unanswered    int `json:"UNANSWERED"`
}

func apiCounts(c wellops.RiskCounts) apiRiskCounts {
	return apiRiskCounts{c.High, c.Medium, c.None, c.NotApplicable, c.Unanswered}
}

// metricJSON converts one metric to the API's shape. It and the types above are the schema;
// appendMetric writes the same bytes faster.
func metricJSON(m *wellops.ConsolidatedMetric, applied int) apiMetric {
	out := apiMetric{MetricType: "WORKLOAD", RiskCounts: apiCounts(m.RiskCounts), WorkloadID: m.WorkloadID, WorkloadName: m.WorkloadName,
		WorkloadArn: m.WorkloadARN, UpdatedAt: float64(m.UpdatedAt.UnixMilli()) / 1000, Lenses: []apiLensMetric{}, LensesAppliedCount: applied}
	for _, lm := range m.Lenses {
		al := apiLensMetric{LensArn: lm.LensARN, RiskCounts: apiCounts(lm.RiskCounts), Pillars: []apiPillarMetric{}}
		for _, pm := range lm.Pillars {
			ap := apiPillarMetric{PillarID: pm.PillarID, RiskCounts: apiCounts(pm.RiskCounts), Questions: []apiQuestionMetric{}}
			for _, qm := range pm.Questions {
				aq := apiQuestionMetric{QuestionID: qm.QuestionID, Risk: qm.Risk, BestPractices: []apiBestPractice{}}
				for _, bp := range qm.BestPractices {
					aq.BestPractices = append(aq.BestPractices, apiBestPractice{ChoiceID: bp.ChoiceID, ChoiceTitle: bp.ChoiceTitle})
				}
				ap.Questions = append(ap.Questions, aq)
			}
			al.Pillars = append(al.Pillars, ap)
		}
		out.Lenses = append(out.Lenses, al)
	}
	return out
}

// consolidatedJSON writes the summary indented and each metric compact on its own line: a
// report over thousands of workloads stays fast to write and to diff, line by workload.
func consolidatedJSON(w io.Writer, d *consolidatedDoc) error {
	out := jsonConsolidated{SchemaVersion: SchemaVersion, Kind: "consolidated", GeneratedAt: d.GeneratedAt.UTC(), Language: d.Lang,
		Filters: jsonFilters{Environment: d.Query.Environment, LensAlias: d.Query.LensAlias, IncludeShared: d.Query.IncludeShared},
		Summary: jsonSummary{Workloads: len(d.Metrics), RiskCounts: d.Totals.Map(), Lenses: []jsonLensTotal{}, MostMissing: []jsonMostMissing{}}}
	for _, lt := range d.Lenses {
		jl := jsonLensTotal{LensAlias: lt.Alias, LensArn: lt.ARN, LensName: lt.Name, Workloads: lt.Workloads, RiskCounts: lt.Counts.Map(), Pillars: []jsonPillarTotal{}}
		for _, p := range lt.Pillars {
			jl.Pillars = append(jl.Pillars, jsonPillarTotal{PillarID: p.ID, PillarName: p.Name, RiskCounts: p.Counts.Map()})
		}
		out.Summary.Lenses = append(out.Summary.Lenses, jl)
	}
	for _, mp := range d.MostMissing {
		out.Summary.MostMissing = append(out.Summary.MostMissing, jsonMostMissing{LensAlias: mp.LensAlias, PillarID: mp.PillarID,
			QuestionID: mp.QuestionID, QuestionTitle: mp.QuestionTitle, ChoiceID: mp.ChoiceID, ChoiceTitle: mp.ChoiceTitle,
			BestPracticeID: mp.BestPracticeID, Workloads: mp.Workloads})
	}
	head, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head[:len(head)-2]) // without the closing "\n}"
	bw.WriteString(",\n  \"Metrics\": [")
	var b []byte
	for i := range d.Metrics {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		b = appendMetric(b[:0], &d.Metrics[i], d.Applied[i])
		bw.Write(b)
	}
	if len(d.Metrics) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
