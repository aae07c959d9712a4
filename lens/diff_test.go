package lens

import (
	"reflect"
	"testing"
)

func TestDiff(t *testing.T) {
	secondPillar := func(l *Lens) {
		q := *l.Pillars[0].Questions[0]
		q.ID = "q_two"
		q.Title = "Question two?"
		l.Pillars = append(l.Pillars, &Pillar{ID: "pillar_2", Name: "Pillar two", Questions: []*Question{&q}})
	}
	tests := []struct {
		name   string
		base   func(l *Lens)
		target func(l *Lens)
		want   []PillarDifference
	}{
		{"identical", nil, nil, nil},
		{"empty resource equals absent", func(l *Lens) { l.Pillars[0].Questions[0].HelpfulResource = &Resource{} }, nil, nil},
		{"pillar renamed", nil, func(l *Lens) { l.Pillars[0].Name = "Renamed" }, []PillarDifference{
			{PillarID: "pillar_1", PillarName: "Renamed", Status: DiffUpdated},
		}},
		{"question title", nil, func(l *Lens) { l.Pillars[0].Questions[0].Title = "New title?" }, []PillarDifference{
			{"pillar_1", "Pillar one", DiffUpdated, []QuestionDifference{{"q_one", "New title?", DiffUpdated}}},
		}},
		{"choice improvement plan", nil, func(l *Lens) { l.Pillars[0].Questions[0].Choices[1].ImprovementPlan.DisplayText = "Do more" },
			[]PillarDifference{{"pillar_1", "Pillar one", DiffUpdated, []QuestionDifference{{"q_one", "Question one?", DiffUpdated}}}}},
		{"choice added", nil, func(l *Lens) {
			q := l.Pillars[0].Questions[0]
			q.Choices = append(q.Choices, &Choice{ID: "c_d", Title: "D", ImprovementPlan: &Resource{DisplayText: "d"}})
		}, []PillarDifference{{"pillar_1", "Pillar one", DiffUpdated, []QuestionDifference{{"q_one", "Question one?", DiffUpdated}}}}},
		{"risk rule", nil, func(l *Lens) { l.Pillars[0].Questions[0].RiskRules[1].Condition = "c_a" },
			[]PillarDifference{{"pillar_1", "Pillar one", DiffUpdated, []QuestionDifference{{"q_one", "Question one?", DiffUpdated}}}}},
		{"additional resource", nil, func(l *Lens) {
			l.Pillars[0].Questions[0].Choices[0].AdditionalResources = []*AdditionalResource{{Type: "HELPFUL_RESOURCE", Content: []*Resource{{DisplayText: "x"}}}}
		}, []PillarDifference{{"pillar_1", "Pillar one", DiffUpdated, []QuestionDifference{{"q_one", "Question one?", DiffUpdated}}}}},
		{"best practice facts", nil, func(l *Lens) {
			l.Pillars[0].Questions[0].Choices[0].BestPractice = &BestPractice{ID: "OPS01-BP01", Risk: RiskHigh}
		}, []PillarDifference{{"pillar_1", "Pillar one", DiffUpdated, []QuestionDifference{{"q_one", "Question one?", DiffUpdated}}}}},
		{"pillar added", nil, secondPillar, []PillarDifference{
			{"pillar_2", "Pillar two", DiffNew, []QuestionDifference{{"q_two", "Question two?", DiffNew}}},
		}},
		{"pillar deleted", secondPillar, nil, []PillarDifference{
			{"pillar_2", "Pillar two", DiffDeleted, []QuestionDifference{{"q_two", "Question two?", DiffDeleted}}},
		}},
		{"question moved between pillars", secondPillar, func(l *Lens) {
			secondPillar(l)
			q := l.Pillars[1].Questions[0]
			l.Pillars[1].Questions = []*Question{l.Pillars[0].Questions[0]}
			l.Pillars[0].Questions = []*Question{q}
		}, []PillarDifference{
			{"pillar_1", "Pillar one", DiffUpdated, []QuestionDifference{{"q_two", "Question two?", DiffNew}, {"q_one", "Question one?", DiffDeleted}}},
			{"pillar_2", "Pillar two", DiffUpdated, []QuestionDifference{{"q_one", "Question one?", DiffNew}, {"q_two", "Question two?", DiffDeleted}}},
		}},
		{"questions reordered", func(l *Lens) {
			q := *l.Pillars[0].Questions[0]
			q.ID = "q_two"
			l.Pillars[0].Questions = append(l.Pillars[0].Questions, &q)
		}, func(l *Lens) {
			q := *l.Pillars[0].Questions[0]
			q.ID = "q_two"
			l.Pillars[0].Questions = append([]*Question{&q}, l.Pillars[0].Questions...)
		}, []PillarDifference{{PillarID: "pillar_1", PillarName: "Pillar one", Status: DiffUpdated}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, target := testLens(), testLens()
			if tt.base != nil {
				tt.base(base)
			}
			if tt.target != nil {
				tt.target(target)
			}
			if got := Diff(base, target); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestDiffNil(t *testing.T) {
	got := Diff(nil, testLens())
	if len(got) != 1 || got[0].Status != DiffNew {
		t.Errorf("Diff(nil, l) = %+v, want everything NEW", got)
	}
	if got := Diff(testLens(), nil); len(got) != 1 || got[0].Status != DiffDeleted {
		t.Errorf("Diff(l, nil) = %+v, want everything DELETED", got)
	}
}
