package lens

import (
	"fmt"
	"strings"
)

// Risk rules are compiled once, when a lens is parsed or validated, into small postfix
// programs over a bitmask of the selected choices (bit i = the question's i-th choice). A
// question has at most 15 choices, so one uint64 holds any answer, and evaluating a rule is a
// short loop of shifts with no allocation and no string work.
//
// Grammar (custom-lens-format.md §3), with C precedence because the public corpus has
// unparenthesized mixes such as "a && !b || c":
//
//	condition := "default" | or
//	or        := and { "||" and }
//	and       := unary { "&&" unary }
//	unary     := "!" unary | "(" or ")" | CHOICE_ID

// compiledRules is a question's risk rules in file order.
type compiledRules struct {
	rules []compiledRule
}

type compiledRule struct {
	always bool   // the "default" rule
	prog   []byte // postfix program; see run
	risk   Risk
}

// Program opcodes. A byte below opNot pushes the bit of that choice index.
const (
	opNot byte = 64 + iota
	opAnd
	opOr
)

// maxDepth bounds the nesting of "!" and parentheses. The parser recurses once per level, so
// the bound keeps hostile input from exhausting the stack, and it keeps the evaluation stack
// (at most two entries per level) within the 64 bits run uses for it. Real conditions nest
// two or three levels.
const maxDepth = 24

// run evaluates a program against the selection mask m. The evaluation stack is itself a
// bitmask: bit 0 is the top.
func run(prog []byte, m uint64) bool {
	var st uint64
	for _, op := range prog {
		switch op {
		case opNot:
			st ^= 1
		case opAnd:
			st = st>>2<<1 | st&(st>>1)&1
		case opOr:
			st = st>>2<<1 | (st|st>>1)&1
		default:
			st = st<<1 | m>>op&1
		}
	}
	return st&1 == 1
}

// compileCondition compiles a non-default condition over the given choices. Its errors are
// the rule an author broke, ready for a Problem.
func compileCondition(cond string, choices []*Choice) ([]byte, error) {
	p := condParser{src: cond, choices: choices}
	p.or()
	if p.err == nil && p.peek() != "" {
		p.fail(fmt.Sprintf("unexpected %q", p.peek()))
	}
	if p.err != nil {
		return nil, p.err
	}
	return p.prog, nil
}

type condParser struct {
	src     string
	pos     int
	choices []*Choice
	prog    []byte
	depth   int
	err     error
}

func (p *condParser) fail(msg string) {
	if p.err == nil {
		p.err = fmt.Errorf("invalid condition: %s at character %d", msg, p.pos+1)
	}
}

func (p *condParser) skipSpace() {
	for p.pos < len(p.src) && strings.IndexByte(" \t\r\n", p.src[p.pos]) >= 0 {
		p.pos++
	}
}

// peek returns the next token without consuming it: an operator, a parenthesis, an
// identifier, a single unexpected character, or "" at the end.
func (p *condParser) peek() string {
	p.skipSpace()
	s := p.src[p.pos:]
	switch {
	case s == "":
		return ""
	case strings.HasPrefix(s, "&&"), strings.HasPrefix(s, "||"):
		return s[:2]
	case idByte(s[0]):
		n := 1
		for n < len(s) && idByte(s[n]) {
			n++
		}
		return s[:n]
	}
	// One character, which may be multi-byte; the error message quotes it whole.
	for i := range s {
		if i > 0 {
			return s[:i]
		}
	}
	return s
}

func (p *condParser) or() {
	p.and()
	for p.err == nil && p.peek() == "||" {
		p.pos += 2
		p.and()
		p.prog = append(p.prog, opOr)
	}
}

func (p *condParser) and() {
	p.unary()
	for p.err == nil && p.peek() == "&&" {
		p.pos += 2
		p.unary()
		p.prog = append(p.prog, opAnd)
	}
}

func (p *condParser) unary() {
	if p.err != nil {
		return
	}
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		p.fail(fmt.Sprintf("nested deeper than %d levels", maxDepth))
		return
	}
	tok := p.peek()
	switch {
	case tok == "!":
		p.pos++
		p.unary()
		p.prog = append(p.prog, opNot)
	case tok == "(":
		p.pos++
		p.or()
		if p.err != nil {
			return
		}
		if p.peek() != ")" {
			p.fail(`missing ")"`)
			return
		}
		p.pos++
	case tok != "" && idByte(tok[0]):
		i := p.choiceIndex(tok)
		if i < 0 {
			p.fail(fmt.Sprintf("%q is not a choice of this question", tok))
			return
		}
		p.pos += len(tok)
		p.prog = append(p.prog, byte(i))
	case tok == "":
		p.fail(`expected a choice ID, "!" or "(", found the end`)
	default:
		p.fail(fmt.Sprintf(`expected a choice ID, "!" or "(", found %q`, tok))
	}
}

func (p *condParser) choiceIndex(id string) int {
	for i, c := range p.choices {
		if c != nil && c.ID == id && i < int(opNot) {
			return i
		}
	}
	return -1
}

// ruleRisk maps a rule's risk to the API's question risk.
func ruleRisk(rule string) Risk {
	switch rule {
	case RuleHigh:
		return RiskHigh
	case RuleMedium:
		return RiskMedium
	case RuleNone:
		return RiskNone
	}
	return ""
}

// questionAt is a question with its pillar, for the lens's question index.
type questionAt struct {
	pillar   *Pillar
	question *Question
}

// Question returns the question with the given ID and its pillar, or nil, nil when the lens
// has no such question.
func (l *Lens) Question(id string) (*Pillar, *Question) {
	if l.questions != nil {
		at := l.questions[id]
		return at.pillar, at.question
	}
	// Not validated yet: no index, so look.
	for _, p := range l.Pillars {
		if p == nil {
			continue
		}
		for _, q := range p.Questions {
			if q != nil && q.ID == id {
				return p, q
			}
		}
	}
	return nil, nil
}

// Choice returns the choice with the given ID, or nil.
func (q *Question) Choice(id string) *Choice {
	for _, c := range q.Choices {
		if c != nil && c.ID == id {
			return c
		}
	}
	return nil
}

// NoneChoice returns the "None of these" choice (the one whose ID ends in "_no"), or nil when
// the question has none.
func (q *Question) NoneChoice() *Choice {
	for _, c := range q.Choices {
		if c != nil && strings.HasSuffix(c.ID, noneSuffix) {
			return c
		}
	}
	return nil
}

// Normalize checks a selection and puts it in canonical form: every ID must be a choice of
// the question (the error is an *UnknownChoiceError), duplicates are dropped and the result is
// in lens order. "None of these" excludes everything else, as in the AWS console: when it is
// selected with other choices, only it is kept.
func (q *Question) Normalize(selected []string) ([]string, error) {
	var m uint64
	for _, id := range selected {
		i := q.index(id)
		if i < 0 {
			return nil, &UnknownChoiceError{QuestionID: q.ID, ChoiceID: id}
		}
		m |= 1 << i
	}
	var none uint64
	for i, c := range q.Choices {
		if c != nil && i < 64 && strings.HasSuffix(c.ID, noneSuffix) {
			none |= 1 << i
		}
	}
	if m&none != 0 {
		m &= none
	}
	out := make([]string, 0, len(selected))
	for i, c := range q.Choices {
		if i < 64 && m&(1<<i) != 0 {
			out = append(out, c.ID)
		}
	}
	return out, nil
}

// index returns the position of choice id, or -1 when the question has no such choice or
// it lies beyond what a mask can hold (only in a lens that failed validation).
func (q *Question) index(id string) int {
	for i, c := range q.Choices {
		if i >= 64 {
			break
		}
		if c != nil && c.ID == id {
			return i
		}
	}
	return -1
}

// Mask returns the selection as a bitmask for EvaluateMask: bit i is the question's i-th
// choice. IDs that are not choices of the question are ignored; use Normalize to reject them.
func (q *Question) Mask(selected []string) uint64 {
	var m uint64
	for _, id := range selected {
		if i := q.index(id); i >= 0 {
			m |= 1 << i
		}
	}
	return m
}

// Evaluate returns the question's risk for an answer. selected must already be normalized,
// with choices marked not applicable removed: a not-applicable choice counts as unselected.
func (q *Question) Evaluate(applicable bool, selected []string) Risk {
	if !applicable {
		return RiskNotApplicable
	}
	return q.EvaluateMask(q.Mask(selected))
}

// EvaluateMask returns the risk for a selection mask (see Mask): UNANSWERED when nothing is
// selected, otherwise the risk of the first rule that holds. On a question whose lens was
// neither parsed nor validated the rules are compiled for this call only, and a question
// whose rules do not compile is UNANSWERED.
func (q *Question) EvaluateMask(m uint64) Risk {
	if n := len(q.Choices); n < 64 {
		m &= 1<<n - 1
	}
	if m == 0 {
		return RiskUnanswered
	}
	c := q.compiled
	if c == nil {
		var ps problems
		if c = ps.riskRules("", q); c == nil {
			return RiskUnanswered
		}
	}
	for i := range c.rules {
		r := &c.rules[i]
		if r.always || run(r.prog, m) {
			return r.risk
		}
	}
	return RiskUnanswered
}
