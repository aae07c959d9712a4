package report

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/wellops/wellops"
)

// appendMetric must write exactly what encoding/json writes for the schema types.
func TestAppendMetricMatchesEncodingJSON(t *testing.T) {
	tricky := "quote\" back\\ <b>&amp; tab\t nl\n ctl\x01 \u2028 한글 \xff end"
	m := wellops.ConsolidatedMetric{WorkloadID: "0123", WorkloadName: tricky, WorkloadARN: "arn:aws:x",
		UpdatedAt: time.Date(2026, 3, 2, 9, 0, 1, 250e6, time.UTC), RiskCounts: wellops.RiskCounts{High: 1, Medium: 2, None: 3, NotApplicable: 4, Unanswered: 5},
		Lenses: []wellops.LensMetric{{LensARN: "arn:lens", RiskCounts: wellops.RiskCounts{High: 7}, Pillars: []wellops.PillarMetric{
			{PillarID: "p1", Questions: []wellops.QuestionMetric{{QuestionID: "q1", Risk: "HIGH", BestPractices: []wellops.BestPracticeRef{{ChoiceID: "c1", ChoiceTitle: tricky}, {ChoiceID: "c2"}}},
				{QuestionID: "q2", Risk: "NONE"}}},
			{PillarID: "p2"}}}, {LensARN: "arn:other"}}}
	for _, tt := range []struct {
		m       wellops.ConsolidatedMetric
		applied int
	}{{m, 2}, {wellops.ConsolidatedMetric{}, 0}} {
		want, err := json.Marshal(metricJSON(&tt.m, tt.applied))
		if err != nil {
			t.Fatal(err)
		}
		if got := appendMetric(nil, &tt.m, tt.applied); string(got) != string(want) {
			t.Errorf("appendMetric:\n got %s\nwant %s", got, want)
		}
	}
}
