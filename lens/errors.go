package lens

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SyntaxError reports JSON that does not parse. Line and Column are 1-based; Column counts
// characters, as an editor does, so a user can jump to the spot.
type SyntaxError struct {
	Line, Column int
	Msg          string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Problem is one broken rule. Path is a JSON path into the lens
// ("pillars[2].questions[4].riskRules[1].condition", "" for the document itself), Rule says
// what the value must be, and Value shows what was found (long texts are truncated).
type Problem struct {
	Path  string
	Rule  string
	Value string
}

// String renders the problem on one line: "path: rule (found value)".
func (p Problem) String() string {
	path := p.Path
	if path == "" {
		path = "lens"
	}
	if p.Value == "" {
		return path + ": " + p.Rule
	}
	return path + ": " + p.Rule + " (found " + p.Value + ")"
}

// ValidationError lists every problem of a lens at once, so an author can fix them in one pass.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	if len(e.Problems) == 1 {
		b.WriteString("invalid lens: 1 problem")
	} else {
		fmt.Fprintf(&b, "invalid lens: %d problems", len(e.Problems))
	}
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}

// maxProblems bounds what one ValidationError lists. A real lens with every choice broken
// stays far below it; input built to produce problems by the hundred thousand would
// otherwise give a message of tens of megabytes.
const maxProblems = 1000

// invalid returns a *ValidationError for problems, listing at most maxProblems of them and
// then how many were left out.
func invalid(ps []Problem) *ValidationError {
	if len(ps) > maxProblems {
		more := len(ps) - maxProblems
		ps = append(ps[:maxProblems:maxProblems], Problem{Rule: fmt.Sprintf("%d more problems not listed", more)})
	}
	return &ValidationError{Problems: ps}
}

// UnknownChoiceError reports a selected choice ID that is not a choice of the question.
type UnknownChoiceError struct {
	QuestionID string
	ChoiceID   string
}

func (e *UnknownChoiceError) Error() string {
	return fmt.Sprintf("question %s has no choice %s", e.QuestionID, quote(e.ChoiceID))
}

// maxShown is how many characters of a value a problem shows; the rest would only bury the
// message.
const maxShown = 60

// quote renders a found string for a Problem: quoted, cut to maxShown characters, with the
// full length when it was cut (the length is usually what broke the rule).
func quote(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= maxShown {
		return strconv.Quote(s)
	}
	cut, count := s, 0
	for i := range s {
		if count == maxShown {
			cut = s[:i]
			break
		}
		count++
	}
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(cut), n)
}

// problems accumulates Problems while a lens is checked.
type problems []Problem

func (ps *problems) add(path, rule, value string) {
	*ps = append(*ps, Problem{Path: path, Rule: rule, Value: value})
}

// field and index build JSON paths.
func field(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
