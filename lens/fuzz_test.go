package lens

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no input panics, that every error is a *SyntaxError or a
// *ValidationError, and that every accepted lens survives export and re-import.
//
//	go test ./lens -run '^$' -fuzz FuzzParse -fuzztime 30s
func FuzzParse(f *testing.F) {
	// The small public lenses seed the corpus; mutating and minimizing the 47–400 KB ones
	// stalls the fuzzer for minutes (TestRefLenses covers them whole).
	for _, file := range refLensFilesOrNone() {
		if data, err := os.ReadFile(file); err == nil && len(data) < 16<<10 {
			f.Add(data)
		}
	}
	f.Add(encode(f, testLens()))
	f.Add([]byte(`{"schemaVersion":"2021-11-01","name":"n","description":"d","pillars":[{"id":"p_1","name":"P","questions":[{"id":"q_1","title":"T","choices":[{"id":"c_1","title":"C","improvementPlan":{"displayText":"x"}}],"riskRules":[{"condition":"!(c_1)","risk":"NO_RISK"},{"condition":"default","risk":"HIGH_RISK"}]}]}]}`))
	f.Add([]byte("\ufeff{\"pillars\": [null, 1, {\"questions\": \"x\"}]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Parse(data)
		if err != nil {
			var se *SyntaxError
			var ve *ValidationError
			switch {
			case errors.As(err, &se):
				if se.Line < 1 || se.Column < 1 {
					t.Fatalf("position %d:%d", se.Line, se.Column)
				}
			case errors.As(err, &ve):
				if len(ve.Problems) == 0 {
					t.Fatal("a ValidationError without problems")
				}
			default:
				t.Fatalf("error of type %T: %v", err, err)
			}
			if err.Error() == "" {
				t.Fatal("empty error text")
			}
			return
		}
		roundTrip(t, l)
		for _, p := range l.Pillars {
			for _, q := range p.Questions {
				for m := range uint64(4) {
					q.EvaluateMask(m)
				}
			}
		}
	})
}

// FuzzCondition checks that no condition panics the compiler, and that an accepted
// condition evaluates as an independent interpreter of the grammar does, for the given
// selection. The choices are the identifiers of the condition itself (so that the conditions
// of the public lenses compile), less the first one when the mask's top bit is set (so that
// unknown IDs are tried too).
//
//	go test ./lens -run '^$' -fuzz FuzzCondition -fuzztime 30s
func FuzzCondition(f *testing.F) {
	for _, file := range refLensFilesOrNone() {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		var doc struct {
			Pillars []struct {
				Questions []struct{ RiskRules []struct{ Condition string } }
			}
		}
		if json.Unmarshal(data, &doc) != nil {
			continue
		}
		for _, p := range doc.Pillars {
			for _, q := range p.Questions {
				for i, r := range q.RiskRules {
					f.Add(r.Condition, uint64(i*37+len(r.Condition)))
				}
			}
		}
	}
	f.Add("a || b && !(c || !d)", uint64(0b0101))
	f.Add("((a))&&!b", uint64(1))
	f.Add(strings.Repeat("(", 30)+"a"+strings.Repeat(")", 30), uint64(1))
	f.Add("a & b", uint64(1<<63))
	f.Fuzz(func(t *testing.T, cond string, m uint64) {
		ids := identifiers(cond)
		if m>>63 == 1 && len(ids) > 0 {
			ids = ids[1:]
		}
		choices := choicesOf(ids...)
		prog, err := compileCondition(cond, choices)
		want, refErr := interpret(cond, ids, m)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "invalid condition: ") {
				t.Fatalf("error %q", err)
			}
			if refErr == nil && !strings.Contains(err.Error(), "nested deeper") {
				t.Fatalf("compile rejected %q (%v), the interpreter accepted it", cond, err)
			}
			return
		}
		if refErr != nil {
			t.Fatalf("compile accepted %q, the interpreter did not: %v", cond, refErr)
		}
		if got := run(prog, m); got != want {
			t.Fatalf("%q with mask %b = %v, interpreter says %v", cond, m, got, want)
		}
		// Through a compiled question: NO_RISK exactly when the condition holds.
		// ("default" alone is the keyword there, not a choice.)
		if len(ids) == 0 || len(ids) > maxChoices || strings.TrimSpace(cond) == defaultCondition {
			return
		}
		q := &Question{ID: "q_fuzz", Choices: choices, RiskRules: []*RiskRule{
			{Condition: cond, Risk: RuleNone}, {Condition: "default", Risk: RuleHigh},
		}}
		var ps problems
		if q.compiled = ps.riskRules("", q); q.compiled == nil {
			t.Fatalf("rules with %q do not compile: %v", cond, ps)
		}
		mask := m & (1<<len(ids) - 1)
		wantRisk := RiskHigh
		switch {
		case mask == 0:
			wantRisk = RiskUnanswered
		case want:
			wantRisk = RiskNone
		}
		if got := q.EvaluateMask(m); got != wantRisk {
			t.Fatalf("%q with mask %b: risk %s, want %s", cond, mask, got, wantRisk)
		}
	})
}

func refLensFilesOrNone() []string {
	files, _ := filepath.Glob(filepath.Join(refLenses, "*.json"))
	return files
}

// identifiers returns the distinct identifiers of a condition in order of appearance, at
// most 64 (what a mask holds).
func identifiers(cond string) []string {
	var ids []string
	seen := make(map[string]bool)
	for _, tok := range strings.FieldsFunc(cond, func(r rune) bool { return r > 127 || !idByte(byte(r)) }) {
		if !seen[tok] && len(ids) < 64 {
			seen[tok] = true
			ids = append(ids, tok)
		}
	}
	return ids
}

// interpret evaluates a condition straight from its tokens, as a reference for the compiler.
func interpret(cond string, ids []string, m uint64) (bool, error) {
	var toks []string
	for i := 0; i < len(cond); {
		switch c := cond[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(cond[i:], "&&") || strings.HasPrefix(cond[i:], "||"):
			toks = append(toks, cond[i:i+2])
			i += 2
		case c == '!' || c == '(' || c == ')':
			toks = append(toks, cond[i:i+1])
			i++
		case idByte(c):
			j := i
			for j < len(cond) && idByte(cond[j]) {
				j++
			}
			toks = append(toks, cond[i:j])
			i = j
		default:
			return false, errors.New("bad character")
		}
	}
	bit := make(map[string]bool)
	for i, id := range ids {
		bit[id] = m>>i&1 == 1
	}
	in := interpreter{toks: toks, bit: bit}
	v := in.or()
	if in.err == nil && in.pos != len(toks) {
		in.err = errors.New("trailing tokens")
	}
	return v, in.err
}

type interpreter struct {
	toks []string
	pos  int
	bit  map[string]bool
	err  error
}

func (in *interpreter) next() string {
	if in.pos < len(in.toks) {
		return in.toks[in.pos]
	}
	return ""
}

func (in *interpreter) or() bool {
	v := in.and()
	for in.err == nil && in.next() == "||" {
		in.pos++
		w := in.and()
		v = v || w
	}
	return v
}

func (in *interpreter) and() bool {
	v := in.unary()
	for in.err == nil && in.next() == "&&" {
		in.pos++
		w := in.unary()
		v = v && w
	}
	return v
}

func (in *interpreter) unary() bool {
	if in.err != nil {
		return false
	}
	switch tok := in.next(); {
	case tok == "!":
		in.pos++
		return !in.unary()
	case tok == "(":
		in.pos++
		v := in.or()
		if in.next() != ")" {
			in.err = errors.New("missing )")
		}
		in.pos++
		return v
	case tok != "" && idByte(tok[0]):
		v, ok := in.bit[tok]
		if !ok {
			in.err = errors.New("unknown choice")
		}
		in.pos++
		return v
	}
	in.err = errors.New("expected an operand")
	return false
}
