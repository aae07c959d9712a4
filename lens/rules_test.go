package lens

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// choicesOf makes bare choices with the given IDs, for compiling conditions.
func choicesOf(ids ...string) []*Choice {
	var cs []*Choice
	for _, id := range ids {
		cs = append(cs, &Choice{ID: id})
	}
	return cs
}

// holds compiles cond over choices a, b, c, d and evaluates it with the given ones selected.
func holds(t *testing.T, cond string, selected ...string) bool {
	t.Helper()
	choices := choicesOf("a", "b", "c", "d")
	prog, err := compileCondition(cond, choices)
	if err != nil {
		t.Fatalf("compile %q: %v", cond, err)
	}
	q := &Question{Choices: choices}
	return run(prog, q.Mask(selected))
}

func TestConditions(t *testing.T) {
	tests := []struct {
		cond     string
		selected []string
		want     bool
	}{
		{"a", []string{"a"}, true},
		{"a", []string{"b"}, false},
		{"!a", nil, true},
		{"!!a", []string{"a"}, true},
		{"a && b", []string{"a", "b"}, true},
		{"a && b", []string{"a"}, false},
		{"a || b", []string{"b"}, true},
		{"a || b", nil, false},
		// C precedence: && binds tighter than ||, ! tighter than both.
		{"a || b && c", []string{"a"}, true},
		{"a || b && c", []string{"b"}, false},
		{"(a || b) && c", []string{"a"}, false},
		{"b && !a || c", []string{"c", "a"}, true},
		{"b && !a || c", []string{"a", "b"}, false},
		{"b && !a || c", []string{"b"}, true},
		{"!a && !b", nil, true},
		{"!(a || b)", []string{"b"}, false},
		{"((a))", []string{"a"}, true},
		// The format's own example (custom-lens-format.md §1).
		{"((a || b) && c) || (!a && c)", []string{"b", "c"}, true},
		{"((a || b) && c) || (!a && c)", []string{"a"}, false},
		// Whitespace is insignificant, including none at all and newlines.
		{"  a&&b  ", []string{"a", "b"}, true},
		{"a\t&&\n(b||c)", []string{"a", "c"}, true},
		{"!(a)&&!(b)", nil, true},
		// Left-associative chains of every length.
		{"a && b && c && d", []string{"a", "b", "c", "d"}, true},
		{"a && b && c && d", []string{"a", "b", "c"}, false},
		{"a || b || c || d", []string{"d"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.cond+"/"+strings.Join(tt.selected, ","), func(t *testing.T) {
			if got := holds(t, tt.cond, tt.selected...); got != tt.want {
				t.Errorf("%q with %v = %v, want %v", tt.cond, tt.selected, got, tt.want)
			}
		})
	}
}

func TestConditionErrors(t *testing.T) {
	tests := []struct {
		cond string
		want string
	}{
		{"a &&", `expected a choice ID, "!" or "(", found the end at character 5`},
		{"&& a", `found "&&" at character 1`},
		{"a & b", `unexpected "&" at character 3`},
		{"a | b", `unexpected "|" at character 3`},
		{"a b", `unexpected "b" at character 3`},
		{"(a", `missing ")" at character 3`},
		{"a)", `unexpected ")" at character 2`},
		{"()", `found ")" at character 2`},
		{"x", `"x" is not a choice of this question`},
		{"a && default", `"default" is not a choice of this question`},
		{"a && é", `found "é" at character 6`},
		{"a-b", `unexpected "-" at character 2`},
		{strings.Repeat("(", 25) + "a" + strings.Repeat(")", 25), "nested deeper than 24 levels"},
		{strings.Repeat("!", 100000) + "a", "nested deeper than 24 levels"},
		{strings.Repeat("(", 100000), "nested deeper than 24 levels"},
	}
	for _, tt := range tests {
		name := tt.cond
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			_, err := compileCondition(tt.cond, choicesOf("a", "b"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("compile %q = %v, want an error containing %q", tt.cond, err, tt.want)
			}
		})
	}
}

// TestDeepestCondition checks that the nesting the parser allows fits the evaluation stack:
// at every level the expression keeps two pending operands.
func TestDeepestCondition(t *testing.T) {
	cond := "a"
	for range maxDepth - 1 {
		cond = "a || b && (" + cond + ")"
	}
	prog, err := compileCondition(cond, choicesOf("a", "b"))
	if err != nil {
		t.Fatal(err)
	}
	if !run(prog, 0b01) || run(prog, 0b10) {
		t.Errorf("deep condition evaluates wrongly")
	}
}

func TestEvaluate(t *testing.T) {
	l := mustParse(t, encode(t, testLens()))
	_, q := l.Question("q_one")
	if q == nil {
		t.Fatal("q_one not found")
	}
	tests := []struct {
		name       string
		applicable bool
		selected   []string
		want       Risk
	}{
		{"not applicable", false, []string{"c_a", "c_b", "c_c"}, RiskNotApplicable},
		{"unanswered", true, nil, RiskUnanswered},
		{"all three", true, []string{"c_a", "c_b", "c_c"}, RiskNone},
		{"first rule wins", true, []string{"c_c", "c_b", "c_a"}, RiskNone},
		{"medium", true, []string{"c_a", "c_c"}, RiskMedium},
		{"default", true, []string{"c_b", "c_c"}, RiskHigh},
		{"none of these", true, []string{"q_one_no"}, RiskHigh},
		// A choice marked not applicable is removed by the caller and counts as unselected.
		{"unknown ids only count as unanswered", true, []string{"zz"}, RiskUnanswered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := q.Evaluate(tt.applicable, tt.selected); got != tt.want {
				t.Errorf("Evaluate(%v, %v) = %s, want %s", tt.applicable, tt.selected, got, tt.want)
			}
		})
	}
	if got := q.EvaluateMask(0); got != RiskUnanswered {
		t.Errorf("EvaluateMask(0) = %s, want UNANSWERED", got)
	}
	if got := q.EvaluateMask(1 << 40); got != RiskUnanswered {
		t.Errorf("EvaluateMask(bit beyond the choices) = %s, want UNANSWERED", got)
	}
}

// TestEvaluateUnvalidated checks that a lens built in code evaluates before Validate is
// called, and that a question whose rules do not compile is UNANSWERED, not a panic.
func TestEvaluateUnvalidated(t *testing.T) {
	l := testLens()
	q := l.Pillars[0].Questions[0]
	if got := q.Evaluate(true, []string{"c_a", "c_b", "c_c"}); got != RiskNone {
		t.Errorf("unvalidated Evaluate = %s, want NONE", got)
	}
	q.RiskRules[2].Condition = "c_a &&"
	if got := q.Evaluate(true, []string{"c_b"}); got != RiskUnanswered {
		t.Errorf("Evaluate with a broken rule = %s, want UNANSWERED", got)
	}
}

func TestNormalize(t *testing.T) {
	_, q := mustParse(t, encode(t, testLens())).Question("q_one")
	tests := []struct {
		name     string
		selected []string
		want     []string
	}{
		{"empty", nil, []string{}},
		{"lens order", []string{"c_c", "c_a"}, []string{"c_a", "c_c"}},
		{"duplicates dropped", []string{"c_b", "c_b", "c_a", "c_b"}, []string{"c_a", "c_b"}},
		{"none alone", []string{"q_one_no"}, []string{"q_one_no"}},
		{"none excludes the others", []string{"c_a", "q_one_no", "c_b"}, []string{"q_one_no"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := q.Normalize(tt.selected)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Normalize(%v) = %v, want %v", tt.selected, got, tt.want)
			}
		})
	}

	_, err := q.Normalize([]string{"c_a", "c_zz"})
	var ue *UnknownChoiceError
	if !errors.As(err, &ue) || ue.ChoiceID != "c_zz" || ue.QuestionID != "q_one" {
		t.Fatalf("Normalize with an unknown ID = %v, want an *UnknownChoiceError for c_zz of q_one", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "c_zz") || !strings.Contains(msg, "q_one") {
		t.Errorf("error %q does not name the choice and the question", msg)
	}
}

func TestChoiceLookup(t *testing.T) {
	l := mustParse(t, encode(t, testLens()))
	p, q := l.Question("q_one")
	if p == nil || p.ID != "pillar_1" || q == nil || q.ID != "q_one" {
		t.Fatalf("Question(q_one) = %v, %v", p, q)
	}
	if p, q := l.Question("q_missing"); p != nil || q != nil {
		t.Errorf("Question(q_missing) = %v, %v, want nil, nil", p, q)
	}
	if c := q.Choice("c_b"); c == nil || c.ID != "c_b" {
		t.Errorf("Choice(c_b) = %v", c)
	}
	if c := q.Choice("nope"); c != nil {
		t.Errorf("Choice(nope) = %v, want nil", c)
	}
	if c := q.NoneChoice(); c == nil || c.ID != "q_one_no" {
		t.Errorf("NoneChoice() = %v, want q_one_no", c)
	}
	q.Choices = q.Choices[:3]
	if c := q.NoneChoice(); c != nil {
		t.Errorf("NoneChoice() without a _no choice = %v, want nil", c)
	}
	// The unvalidated lens looks questions up without the index.
	if _, q := testLens().Question("q_one"); q == nil {
		t.Error("Question on an unvalidated lens found nothing")
	}
}

// benchQuestion is a compiled question with six choices and three rules, the shape of a
// typical question in the public lenses.
func benchQuestion(b *testing.B) *Question {
	l := testLens()
	q := l.Pillars[0].Questions[0]
	q.Choices = q.Choices[:3]
	for _, id := range []string{"c_d", "c_e"} {
		q.Choices = append(q.Choices, &Choice{ID: id, Title: id, ImprovementPlan: &Resource{DisplayText: id}})
	}
	q.Choices = append(q.Choices, &Choice{ID: "q_one_no", Title: "None of these"})
	q.RiskRules = []*RiskRule{
		{Condition: "c_a && c_b && c_c && c_d && c_e", Risk: RuleNone},
		{Condition: "(c_a || c_b) && c_c && !q_one_no", Risk: RuleMedium},
		{Condition: "default", Risk: RuleHigh},
	}
	if err := l.Validate(); err != nil {
		b.Fatal(err)
	}
	return q
}

func BenchmarkEvaluateMask(b *testing.B) {
	q := benchQuestion(b)
	// Cycle through every answer so that all three rules are hit.
	var sink Risk
	m := uint64(0)
	for b.Loop() {
		m = (m + 1) & 0x3f
		sink = q.EvaluateMask(m)
	}
	_ = sink
}

func BenchmarkEvaluate(b *testing.B) {
	q := benchQuestion(b)
	selected := []string{"c_a", "c_c", "c_e"}
	for b.Loop() {
		q.Evaluate(true, selected)
	}
}
