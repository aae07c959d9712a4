package lens

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// testLens returns a small valid lens: one pillar, one question with three choices and a
// "None of these", three rules.
func testLens() *Lens {
	choice := func(id string) *Choice {
		return &Choice{
			ID:              id,
			Title:           "Choice " + id,
			HelpfulResource: &Resource{DisplayText: "Why " + id + " matters", URL: "https://example.com/" + id},
			ImprovementPlan: &Resource{DisplayText: "Do " + id},
		}
	}
	return &Lens{
		SchemaVersion: SchemaVersion,
		Name:          "Test lens",
		Description:   "A lens for tests.",
		Pillars: []*Pillar{{
			ID:   "pillar_1",
			Name: "Pillar one",
			Questions: []*Question{{
				ID:      "q_one",
				Title:   "Question one?",
				Choices: []*Choice{choice("c_a"), choice("c_b"), choice("c_c"), {ID: "q_one_no", Title: "None of these"}},
				RiskRules: []*RiskRule{
					{Condition: "c_a && c_b && c_c", Risk: RuleNone},
					{Condition: "c_a && (c_b || c_c)", Risk: RuleMedium},
					{Condition: "default", Risk: RuleHigh},
				},
			}},
		}},
	}
}

// mustParse parses data and fails the test on error.
func mustParse(tb testing.TB, data []byte) *Lens {
	tb.Helper()
	l, err := Parse(data)
	if err != nil {
		tb.Fatalf("Parse: %v", err)
	}
	return l
}

// encode writes a lens as JSON without validating it, so tests can build broken lenses.
func encode(tb testing.TB, l *Lens) []byte {
	tb.Helper()
	data, err := json.Marshal(l)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestTestLensIsValid(t *testing.T) {
	l := mustParse(t, encode(t, testLens()))
	roundTrip(t, l)
}

// TestValidationRules breaks one rule per case and checks the path and rule reported.
func TestValidationRules(t *testing.T) {
	long := func(n int) string { return strings.Repeat("x", n) }
	q := func(l *Lens) *Question { return l.Pillars[0].Questions[0] }
	c := func(l *Lens, i int) *Choice { return q(l).Choices[i] }
	addQuestions := func(l *Lens, n int) {
		for i := range n {
			nq := *q(l)
			nq.ID = "extra_" + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
			l.Pillars[0].Questions = append(l.Pillars[0].Questions, &nq)
		}
	}
	tests := []struct {
		name     string
		mutate   func(l *Lens)
		wantPath string
		wantRule string
	}{
		{"schema version", func(l *Lens) { l.SchemaVersion = "2022-11-01" }, "schemaVersion", `must be "2021-11-01"`},
		{"name missing", func(l *Lens) { l.Name = "" }, "name", "is required"},
		{"name too long", func(l *Lens) { l.Name = long(129) }, "name", "at most 128 characters"},
		{"name counts characters", func(l *Lens) { l.Name = strings.Repeat("가", 129) }, "name", "at most 128 characters"},
		{"description missing", func(l *Lens) { l.Description = "" }, "description", "is required"},
		{"description too long", func(l *Lens) { l.Description = long(2049) }, "description", "at most 2048 characters"},
		{"no pillars", func(l *Lens) { l.Pillars = nil }, "pillars", "must have 1–10 pillars"},
		{"eleven pillars", func(l *Lens) {
			for i := range 10 {
				l.Pillars = append(l.Pillars, &Pillar{ID: "pillar_x" + string(rune('a'+i)), Name: "P", Questions: nil})
			}
		}, "pillars", "must have 1–10 pillars"},
		{"pillar id short", func(l *Lens) { l.Pillars[0].ID = "p1" }, "pillars[0].id", "must be 3–128 characters of A–Z, a–z, 0–9 and _"},
		{"pillar id bad char", func(l *Lens) { l.Pillars[0].ID = "pillar-1" }, "pillars[0].id", "must be 3–128 characters"},
		{"pillar id too long", func(l *Lens) { l.Pillars[0].ID = long(129) }, "pillars[0].id", "must be 3–128 characters"},
		{"pillar id duplicate", func(l *Lens) {
			p := *l.Pillars[0]
			p.Questions = []*Question{{ID: "q_two", Title: "T", Choices: q(l).Choices, RiskRules: q(l).RiskRules}}
			l.Pillars = append(l.Pillars, &p)
		}, "pillars[1].id", "duplicate pillar ID; first used at pillars[0].id"},
		{"pillar name missing", func(l *Lens) { l.Pillars[0].Name = "" }, "pillars[0].name", "is required"},
		{"pillar name too long", func(l *Lens) { l.Pillars[0].Name = long(129) }, "pillars[0].name", "at most 128"},
		{"pillar without questions", func(l *Lens) { l.Pillars[0].Questions = nil }, "pillars[0].questions", "must have 1–20 questions"},
		{"21 questions", func(l *Lens) { addQuestions(l, 20) }, "pillars[0].questions", "must have 1–20 questions"},
		{"question id bad", func(l *Lens) { q(l).ID = "q one" }, "pillars[0].questions[0].id", "must be 3–128 characters of A–Z, a–z, 0–9, _ and -"},
		{"question id duplicate across pillars", func(l *Lens) {
			l.Pillars = append(l.Pillars, &Pillar{ID: "pillar_2", Name: "Two", Questions: []*Question{q(l)}})
		}, "pillars[1].questions[0].id", "duplicate question ID; first used at pillars[0].questions[0].id"},
		{"question title missing", func(l *Lens) { q(l).Title = "" }, "pillars[0].questions[0].title", "is required"},
		{"question title too long", func(l *Lens) { q(l).Title = long(129) }, "pillars[0].questions[0].title", "at most 128"},
		{"question description too long", func(l *Lens) { q(l).Description = long(2049) }, "pillars[0].questions[0].description", "at most 2048"},
		{"question helpful url without text", func(l *Lens) { q(l).HelpfulResource = &Resource{URL: "https://example.com"} },
			"pillars[0].questions[0].helpfulResource.displayText", "is required when url is given"},
		{"question helpful text too long", func(l *Lens) { q(l).HelpfulResource = &Resource{DisplayText: long(2049)} },
			"pillars[0].questions[0].helpfulResource.displayText", "at most 2048"},
		{"no choices", func(l *Lens) { q(l).Choices = nil; q(l).RiskRules = q(l).RiskRules[2:] }, "pillars[0].questions[0].choices", "must have 1–15 choices"},
		{"16 choices", func(l *Lens) {
			for i := range 12 {
				nc := *c(l, 0)
				nc.ID = "more_" + string(rune('a'+i))
				q(l).Choices = append(q(l).Choices, &nc)
			}
		}, "pillars[0].questions[0].choices", "must have 1–15 choices"},
		{"choice id too long for the API", func(l *Lens) { c(l, 3).ID = long(65) }, "pillars[0].questions[0].choices[3].id", "must be 3–64 characters of A–Z, a–z, 0–9 and _"},
		{"choice id bad char", func(l *Lens) { c(l, 3).ID = "none-of-these" }, "pillars[0].questions[0].choices[3].id", "must be 3–64 characters"},
		{"choice id duplicate", func(l *Lens) {
			c(l, 2).ID = "c_a"
			q(l).RiskRules[0].Condition = "c_a"
			q(l).RiskRules[1].Condition = "c_b"
		},
			"pillars[0].questions[0].choices[2].id", "duplicate choice ID; first used at pillars[0].questions[0].choices[0].id"},
		{"choice title missing", func(l *Lens) { c(l, 0).Title = "" }, "pillars[0].questions[0].choices[0].title", "is required"},
		{"choice title too long", func(l *Lens) { c(l, 0).Title = long(129) }, "pillars[0].questions[0].choices[0].title", "at most 128"},
		{"choice description too long", func(l *Lens) { c(l, 0).Description = long(2049) }, "pillars[0].questions[0].choices[0].description", "at most 2048"},
		{"helpful url not http", func(l *Lens) { c(l, 0).HelpfulResource.URL = "javascript:alert(1)" },
			"pillars[0].questions[0].choices[0].helpfulResource.url", "must be an http:// or https:// URL"},
		{"helpful url ftp", func(l *Lens) { c(l, 0).HelpfulResource.URL = "ftp://example.com/x" },
			"pillars[0].questions[0].choices[0].helpfulResource.url", "must be an http:// or https:// URL"},
		{"helpful url without host", func(l *Lens) { c(l, 0).HelpfulResource.URL = "https://" },
			"pillars[0].questions[0].choices[0].helpfulResource.url", "must be an http:// or https:// URL"},
		{"helpful url too long", func(l *Lens) { c(l, 0).HelpfulResource.URL = "https://example.com/" + long(2048) },
			"pillars[0].questions[0].choices[0].helpfulResource.url", "at most 2048 characters"},
		{"helpful url without text", func(l *Lens) { c(l, 0).HelpfulResource.DisplayText = "" },
			"pillars[0].questions[0].choices[0].helpfulResource.displayText", "is required when url is given"},
		{"improvement plan missing", func(l *Lens) { c(l, 1).ImprovementPlan = nil },
			"pillars[0].questions[0].choices[1].improvementPlan.displayText", "is required"},
		{"improvement plan text missing", func(l *Lens) { c(l, 1).ImprovementPlan = &Resource{URL: "https://example.com"} },
			"pillars[0].questions[0].choices[1].improvementPlan.displayText", "is required"},
		{"improvement plan url not http", func(l *Lens) { c(l, 1).ImprovementPlan.URL = "example.com" },
			"pillars[0].questions[0].choices[1].improvementPlan.url", "must be an http:// or https:// URL"},
		{"improvement plan too long", func(l *Lens) { c(l, 1).ImprovementPlan.DisplayText = long(2049) },
			"pillars[0].questions[0].choices[1].improvementPlan.displayText", "at most 2048"},
		{"additional resource type", func(l *Lens) {
			c(l, 0).AdditionalResources = []*AdditionalResource{{Type: "LINK", Content: []*Resource{{DisplayText: "x"}}}}
		}, "pillars[0].questions[0].choices[0].additionalResources[0].type", "must be HELPFUL_RESOURCE or IMPROVEMENT_PLAN"},
		{"additional resource type twice", func(l *Lens) {
			c(l, 0).AdditionalResources = []*AdditionalResource{
				{Type: "IMPROVEMENT_PLAN", Content: []*Resource{{DisplayText: "x"}}},
				{Type: "IMPROVEMENT_PLAN", Content: []*Resource{{DisplayText: "y"}}},
			}
		}, "pillars[0].questions[0].choices[0].additionalResources[1].type", "must appear once per choice; also at pillars[0].questions[0].choices[0].additionalResources[0].type"},
		{"additional resource empty", func(l *Lens) {
			c(l, 0).AdditionalResources = []*AdditionalResource{{Type: "HELPFUL_RESOURCE"}}
		}, "pillars[0].questions[0].choices[0].additionalResources[0].content", "must have 1–5 items"},
		{"additional resource six items", func(l *Lens) {
			r := &Resource{DisplayText: "x"}
			c(l, 0).AdditionalResources = []*AdditionalResource{{Type: "HELPFUL_RESOURCE", Content: []*Resource{r, r, r, r, r, r}}}
		}, "pillars[0].questions[0].choices[0].additionalResources[0].content", "must have 1–5 items"},
		{"additional resource url", func(l *Lens) {
			c(l, 0).AdditionalResources = []*AdditionalResource{{Type: "HELPFUL_RESOURCE", Content: []*Resource{{DisplayText: "x", URL: "mailto:a@b.c"}}}}
		}, "pillars[0].questions[0].choices[0].additionalResources[0].content[0].url", "must be an http:// or https:// URL"},
		{"additional resource text missing", func(l *Lens) {
			c(l, 0).AdditionalResources = []*AdditionalResource{{Type: "HELPFUL_RESOURCE", Content: []*Resource{{URL: "https://example.com"}}}}
		}, "pillars[0].questions[0].choices[0].additionalResources[0].content[0].displayText", "is required"},
		{"no risk rules", func(l *Lens) { q(l).RiskRules = nil }, "pillars[0].questions[0].riskRules", "must have 1–3 risk rules"},
		{"four risk rules", func(l *Lens) {
			q(l).RiskRules = append([]*RiskRule{{Condition: "c_a", Risk: RuleNone}}, q(l).RiskRules...)
		}, "pillars[0].questions[0].riskRules", "must have 1–3 risk rules"},
		{"risk unknown", func(l *Lens) { q(l).RiskRules[1].Risk = "LOW_RISK" },
			"pillars[0].questions[0].riskRules[1].risk", "must be HIGH_RISK, MEDIUM_RISK or NO_RISK"},
		{"risk missing", func(l *Lens) { q(l).RiskRules[1].Risk = "" }, "pillars[0].questions[0].riskRules[1].risk", "is required"},
		{"risk repeated", func(l *Lens) { q(l).RiskRules[1].Risk = RuleNone },
			"pillars[0].questions[0].riskRules[1].risk", "must differ from the other rules' risks; also at pillars[0].questions[0].riskRules[0].risk"},
		{"no default", func(l *Lens) { q(l).RiskRules[2].Condition = "!c_a" },
			"pillars[0].questions[0].riskRules", `question q_one must have a rule with condition "default"`},
		{"two defaults", func(l *Lens) { q(l).RiskRules[1].Condition = "default" },
			"pillars[0].questions[0].riskRules[2].condition", `only one rule may be "default"`},
		{"condition missing", func(l *Lens) { q(l).RiskRules[1].Condition = "  " },
			"pillars[0].questions[0].riskRules[1].condition", "is required"},
		{"condition syntax", func(l *Lens) { q(l).RiskRules[1].Condition = "c_a && || c_b" },
			"pillars[0].questions[0].riskRules[1].condition", `invalid condition: expected a choice ID, "!" or "(", found "||" at character 8`},
		{"condition unknown choice", func(l *Lens) { q(l).RiskRules[0].Condition = "c_a && c_z" },
			"pillars[0].questions[0].riskRules[0].condition", `invalid condition: "c_z" is not a choice of this question`},
		{"condition names another question's choice", func(l *Lens) {
			other := &Question{ID: "q_two", Title: "Two", Choices: []*Choice{{ID: "other_x", Title: "X", ImprovementPlan: &Resource{DisplayText: "x"}}},
				RiskRules: []*RiskRule{{Condition: "default", Risk: RuleHigh}}}
			l.Pillars[0].Questions = append(l.Pillars[0].Questions, other)
			q(l).RiskRules[1].Condition = "other_x"
		}, "pillars[0].questions[0].riskRules[1].condition", `"other_x" is not a choice of this question`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testLens()
			tt.mutate(l)
			_, err := Parse(encode(t, l))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Parse = %v, want a *ValidationError", err)
			}
			if !hasProblem(ve, tt.wantPath, tt.wantRule) {
				t.Errorf("no problem at %s with rule %q in:\n%v", tt.wantPath, tt.wantRule, err)
			}
			if !strings.Contains(err.Error(), tt.wantPath+": ") {
				t.Errorf("message does not name the path %s:\n%v", tt.wantPath, err)
			}
			// Validate on the same lens built in code finds the same problem.
			if err := l.Validate(); err == nil || !strings.Contains(err.Error(), tt.wantRule) {
				t.Errorf("Validate = %v, want a problem %q", err, tt.wantRule)
			}
		})
	}
}

func hasProblem(ve *ValidationError, path, rule string) bool {
	for _, p := range ve.Problems {
		if p.Path == path && strings.Contains(p.Rule, rule) {
			return true
		}
	}
	return false
}

func TestValidateReportsEveryProblem(t *testing.T) {
	l := testLens()
	l.Name = ""
	l.Pillars[0].ID = "x"
	l.Pillars[0].Questions[0].Choices[0].HelpfulResource.URL = "file:///etc/passwd"
	l.Pillars[0].Questions[0].RiskRules[2].Condition = "c_b || (c_c"
	_, err := Parse(encode(t, l))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Parse = %v, want a *ValidationError", err)
	}
	want := []string{
		"name",
		"pillars[0].id",
		"pillars[0].questions[0].choices[0].helpfulResource.url",
		"pillars[0].questions[0].riskRules[2].condition",
		"pillars[0].questions[0].riskRules",
	}
	var got []string
	for _, p := range ve.Problems {
		got = append(got, p.Path)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problem paths:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := strings.Count(err.Error(), "\n"); n != len(want) {
		t.Errorf("Error() has %d lines after the first, want one per problem (%d):\n%v", n, len(want), err)
	}
}

func TestProblemValueIsTruncated(t *testing.T) {
	l := testLens()
	l.Name = strings.Repeat("n", 5000)
	_, err := Parse(encode(t, l))
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 {
		t.Fatalf("Parse = %v, want one problem", err)
	}
	v := ve.Problems[0].Value
	if len(v) > 100 || !strings.Contains(v, "(5000 characters)") {
		t.Errorf("Value = %q, want a short value with the length", v)
	}
}

func TestNoneChoiceNeedsNoImprovementPlan(t *testing.T) {
	l := testLens()
	if c := l.Pillars[0].Questions[0].Choices[3]; c.ImprovementPlan != nil {
		t.Fatal("test lens changed: the _no choice should have no improvement plan")
	}
	if err := l.Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestValidateNilEntries checks that a lens built in code with holes is reported, not a
// panic.
func TestValidateNilEntries(t *testing.T) {
	l := testLens()
	l.Pillars = append(l.Pillars, nil)
	q := l.Pillars[0].Questions[0]
	q.Choices = append(q.Choices, nil)
	q.RiskRules[0] = nil
	q.Choices[0].AdditionalResources = []*AdditionalResource{nil, {Type: "HELPFUL_RESOURCE", Content: []*Resource{nil}}}
	err := l.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate = %v, want a *ValidationError", err)
	}
	for _, path := range []string{
		"pillars[1]",
		"pillars[0].questions[0].choices[4]",
		"pillars[0].questions[0].riskRules[0]",
		"pillars[0].questions[0].choices[0].additionalResources[0]",
		"pillars[0].questions[0].choices[0].additionalResources[1].content[0]",
	} {
		if !hasProblem(ve, path, "must be an object") {
			t.Errorf("no problem at %s:\n%v", path, err)
		}
	}
	// Nothing panics on the invalid lens either.
	l.Question("q_one")
	q.Evaluate(true, []string{"c_a"})
	Diff(l, testLens())
	if _, err := l.Export(); err == nil {
		t.Error("Export of an invalid lens succeeded")
	}
}
