package lens

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits of the custom-lens format (custom-lens-format.md §2 and §5).
const (
	maxPillars        = 10
	maxQuestions      = 20
	maxChoices        = 15
	maxRiskRules      = 3
	maxContent        = 5
	maxNameLen        = 128 // lens name, pillar name, question and choice titles
	maxTextLen        = 2048
	maxIDLen          = 128
	maxChoiceIDLen    = 64 // the API's ChoiceId is 1–64, so longer IDs could not be answered
	minIDLen          = 3
	maxURLLen         = 2048 // the API's URL members are at most 2048 characters
	noneSuffix        = "_no"
	defaultCondition  = "default"
	helpfulResource   = "HELPFUL_RESOURCE"
	improvementPlanRT = "IMPROVEMENT_PLAN"
)

// Validate checks every rule of the custom-lens format, compiles the risk rules and indexes
// the questions, so that a lens built in code can be evaluated like a parsed one. The error is
// a *ValidationError listing every problem. Validate writes the compiled rules into the lens:
// call it before sharing the lens between goroutines, and again after changing it.
func (l *Lens) Validate() error {
	if probs := l.check(); len(probs) > 0 {
		return invalid(probs)
	}
	return nil
}

// check validates the lens and, when it is valid, installs the compiled rules and the
// question index.
func (l *Lens) check() []Problem {
	probs, compiled := l.validate()
	if len(probs) > 0 {
		return probs
	}
	l.questions = make(map[string]questionAt)
	k := 0
	for _, p := range l.Pillars {
		for _, q := range p.Questions {
			q.compiled = compiled[k]
			k++
			l.questions[q.ID] = questionAt{p, q}
		}
	}
	return nil
}

// validate checks the lens without changing it and returns its problems and, in lens order,
// the compiled rules of every question.
func (l *Lens) validate() ([]Problem, []*compiledRules) {
	var ps problems
	var compiled []*compiledRules
	if l.SchemaVersion != SchemaVersion {
		ps.add("schemaVersion", `must be "`+SchemaVersion+`"`, quote(l.SchemaVersion))
	}
	ps.text("name", l.Name, true, maxNameLen)
	ps.text("description", l.Description, true, maxTextLen)
	if n := len(l.Pillars); n < 1 || n > maxPillars {
		ps.add("pillars", fmt.Sprintf("must have 1–%d pillars", maxPillars), count(n, "pillar"))
	}
	pillarIDs := make(map[string]string)
	questionIDs := make(map[string]string)
	for i, p := range l.Pillars {
		path := index("pillars", i)
		if p == nil {
			ps.add(path, "must be an object", "null")
			continue
		}
		ps.id(field(path, "id"), p.ID, maxIDLen, false, "pillar", pillarIDs)
		ps.text(field(path, "name"), p.Name, true, maxNameLen)
		if n := len(p.Questions); n < 1 || n > maxQuestions {
			ps.add(field(path, "questions"), fmt.Sprintf("must have 1–%d questions", maxQuestions), count(n, "question"))
		}
		for j, q := range p.Questions {
			qpath := index(field(path, "questions"), j)
			if q == nil {
				ps.add(qpath, "must be an object", "null")
				continue
			}
			compiled = append(compiled, ps.question(qpath, q, questionIDs))
		}
	}
	return ps, compiled
}

func (ps *problems) question(path string, q *Question, questionIDs map[string]string) *compiledRules {
	// Question IDs are unique across the lens because the API addresses answers by question ID
	// alone. They may contain "-": the official AWS lenses use IDs such as "ops-model", and the
	// built-in lens must survive export and re-import.
	ps.id(field(path, "id"), q.ID, maxIDLen, true, "question", questionIDs)
	ps.text(field(path, "title"), q.Title, true, maxNameLen)
	ps.text(field(path, "description"), q.Description, false, maxTextLen)
	ps.resource(field(path, "helpfulResource"), q.HelpfulResource, false)

	if n := len(q.Choices); n < 1 || n > maxChoices {
		ps.add(field(path, "choices"), fmt.Sprintf("must have 1–%d choices", maxChoices), count(n, "choice"))
	}
	choiceIDs := make(map[string]string)
	for k, c := range q.Choices {
		cpath := index(field(path, "choices"), k)
		if c == nil {
			ps.add(cpath, "must be an object", "null")
			continue
		}
		ps.choice(cpath, c, choiceIDs)
	}

	return ps.riskRules(field(path, "riskRules"), q)
}

// riskRules checks a question's risk rules and compiles them; the result is nil when any of
// them has a problem.
func (ps *problems) riskRules(rpath string, q *Question) *compiledRules {
	valid := len(q.Choices) <= maxChoices
	if n := len(q.RiskRules); n < 1 || n > maxRiskRules {
		ps.add(rpath, fmt.Sprintf("must have 1–%d risk rules", maxRiskRules), count(n, "rule"))
		valid = false
	}
	c := &compiledRules{rules: make([]compiledRule, 0, len(q.RiskRules))}
	risks := make(map[string]string)
	defaults := 0
	for k, r := range q.RiskRules {
		p := index(rpath, k)
		if r == nil {
			ps.add(p, "must be an object", "null")
			valid = false
			continue
		}
		var cr compiledRule
		switch r.Risk {
		case RuleHigh, RuleMedium, RuleNone:
			cr.risk = ruleRisk(r.Risk)
			if first, dup := risks[r.Risk]; dup {
				ps.add(field(p, "risk"), "must differ from the other rules' risks; also at "+first, quote(r.Risk))
				valid = false
			} else {
				risks[r.Risk] = field(p, "risk")
			}
		case "":
			ps.add(field(p, "risk"), "is required", "")
			valid = false
		default:
			ps.add(field(p, "risk"), "must be HIGH_RISK, MEDIUM_RISK or NO_RISK", quote(r.Risk))
			valid = false
		}
		cpath := field(p, "condition")
		switch cond := strings.TrimSpace(r.Condition); cond {
		case defaultCondition:
			cr.always = true
			defaults++
			if defaults > 1 {
				ps.add(cpath, `only one rule may be "default"`, quote(r.Condition))
				valid = false
			}
		case "":
			ps.add(cpath, "is required", "")
			valid = false
		default:
			prog, err := compileCondition(r.Condition, q.Choices)
			if err != nil {
				ps.add(cpath, err.Error(), quote(r.Condition))
				valid = false
			}
			cr.prog = prog
		}
		c.rules = append(c.rules, cr)
	}
	if defaults == 0 && len(q.RiskRules) > 0 {
		ps.add(rpath, fmt.Sprintf(`question %s must have a rule with condition "default"`, q.ID),
			count(len(q.RiskRules), "rule")+` without "default"`)
		valid = false
	}
	if !valid {
		return nil
	}
	return c
}

func (ps *problems) choice(path string, c *Choice, choiceIDs map[string]string) {
	ps.id(field(path, "id"), c.ID, maxChoiceIDLen, false, "choice", choiceIDs)
	ps.text(field(path, "title"), c.Title, true, maxNameLen)
	ps.text(field(path, "description"), c.Description, false, maxTextLen)
	ps.resource(field(path, "helpfulResource"), c.HelpfulResource, false)
	// Every real choice needs an improvement plan: it is what the review tells a team to do
	// when the choice is not selected. "None of these" has nothing to improve.
	ps.resource(field(path, "improvementPlan"), c.ImprovementPlan, !strings.HasSuffix(c.ID, noneSuffix))

	types := make(map[string]string)
	for k, a := range c.AdditionalResources {
		apath := index(field(path, "additionalResources"), k)
		if a == nil {
			ps.add(apath, "must be an object", "null")
			continue
		}
		tpath := field(apath, "type")
		switch a.Type {
		case helpfulResource, improvementPlanRT:
			if first, dup := types[a.Type]; dup {
				ps.add(tpath, "must appear once per choice; also at "+first, quote(a.Type))
			} else {
				types[a.Type] = tpath
			}
		default:
			ps.add(tpath, "must be HELPFUL_RESOURCE or IMPROVEMENT_PLAN", quote(a.Type))
		}
		cpath := field(apath, "content")
		if n := len(a.Content); n < 1 || n > maxContent {
			ps.add(cpath, fmt.Sprintf("must have 1–%d items", maxContent), count(n, "item"))
		}
		for m, r := range a.Content {
			if r == nil {
				ps.add(index(cpath, m), "must be an object", "null")
				continue
			}
			ps.resource(index(cpath, m), r, true)
		}
	}
}

// resource checks a {displayText, url} pair. displayText is required when the resource is
// (improvement plans, additional content) and whenever a url is given, because a bare link
// tells the reader nothing.
func (ps *problems) resource(path string, r *Resource, required bool) {
	if r == nil {
		if required {
			ps.add(field(path, "displayText"), "is required", "")
		}
		return
	}
	tpath := field(path, "displayText")
	switch {
	case r.DisplayText == "" && required:
		ps.add(tpath, "is required", "")
	case r.DisplayText == "" && r.URL != "":
		ps.add(tpath, "is required when url is given", "")
	default:
		ps.text(tpath, r.DisplayText, false, maxTextLen)
	}
	if r.URL != "" {
		upath := field(path, "url")
		if n := utf8.RuneCountInString(r.URL); n > maxURLLen {
			ps.add(upath, fmt.Sprintf("must be at most %d characters", maxURLLen), quote(r.URL))
		} else if !httpURL(r.URL) {
			ps.add(upath, "must be an http:// or https:// URL", quote(r.URL))
		}
	}
}

// httpURL reports whether s is an absolute http or https URL with a host. Other schemes
// (javascript:, file:, data:) would be links the UI must never render.
func httpURL(s string) bool {
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Host != ""
}

// text checks a string's length in characters.
func (ps *problems) text(path, s string, required bool, max int) {
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0 && required:
		ps.add(path, "is required", "")
	case n > max:
		ps.add(path, fmt.Sprintf("must be at most %d characters", max), quote(s))
	}
}

// id checks an ID's pattern and records it in seen (ID → path of first use) to find
// duplicates.
func (ps *problems) id(path, id string, max int, hyphen bool, kind string, seen map[string]string) {
	if !validID(id, max, hyphen) {
		chars := "A–Z, a–z, 0–9 and _"
		if hyphen {
			chars = "A–Z, a–z, 0–9, _ and -"
		}
		ps.add(path, fmt.Sprintf("must be %d–%d characters of %s", minIDLen, max, chars), quote(id))
		return
	}
	if first, dup := seen[id]; dup {
		ps.add(path, fmt.Sprintf("duplicate %s ID; first used at %s", kind, first), quote(id))
		return
	}
	seen[id] = path
}

func validID(id string, max int, hyphen bool) bool {
	if len(id) < minIDLen || len(id) > max {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !idByte(id[i]) && !(hyphen && id[i] == '-') {
			return false
		}
	}
	return true
}

func idByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}

// count renders a found count: "none", "1 pillar", "12 pillars".
func count(n int, noun string) string {
	switch n {
	case 0:
		return "none"
	case 1:
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
