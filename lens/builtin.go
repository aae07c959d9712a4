package lens

import (
	"cmp"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// The built-in lens is the Operational Excellence pillar with the official AWS question and
// choice IDs, so that answers line up with the AWS tool and its scripts. Its text is our own.
const (
	// BuiltinAlias is the lens alias of the built-in lens: the official lens's alias, so that
	// AWS scripts naming "wellarchitected" work unchanged.
	BuiltinAlias = "wellarchitected"
	// BuiltinVersion is the edition of the Operational Excellence whitepaper the lens follows.
	BuiltinVersion = "2024-11-06"
	// BuiltinPillarID is the Framework's pillar ID for Operational Excellence.
	BuiltinPillarID = "operationalExcellence"
)

//go:embed builtin/questions/*.json
var builtinFS embed.FS

// builtinDir is where the question files lie inside the embedded file system.
const builtinDir = "builtin/questions"

// builtinText holds what the lens says outside the question files, per language.
type builtinText struct {
	name, description, pillar, none, noneHelp, docs string
}

// builtinTexts returns the lens-level text for each language; a function rather than a
// package variable, so nothing shared can be changed.
func builtinTexts() map[string]builtinText {
	return map[string]builtinText{
		"en": {
			name: "Operational Excellence",
			description: "Reviews how a team runs a workload: how it sets priorities, owns and changes " +
				"the system, watches it in production, responds to events and learns from them. " +
				"Question and choice IDs match the official AWS lens.",
			pillar:   "Operational Excellence",
			none:     "None of these",
			noneHelp: "Pick this when the workload follows none of the practices above yet.",
			docs:     "https://docs.aws.amazon.com/wellarchitected/latest/operational-excellence-pillar/",
		},
		"ko": {
			name: "운영 우수성",
			description: "팀이 워크로드를 어떻게 운영하는지 검토합니다. 우선순위를 정하는 방식, 시스템의 소유와 변경, " +
				"운영 중 관찰, 이벤트 대응과 그로부터의 학습을 살펴봅니다. 질문과 선택 항목 ID는 AWS 공식 렌즈와 같습니다.",
			pillar:   "운영 우수성",
			none:     "해당 사항 없음",
			noneHelp: "위의 모범 사례 가운데 아직 워크로드에 적용한 것이 없으면 이 항목을 고르세요.",
			docs:     "https://docs.aws.amazon.com/ko_kr/wellarchitected/latest/operational-excellence-pillar/",
		},
	}
}

// Languages returns the languages the built-in lens is written in.
func Languages() []string { return []string{"en", "ko"} }

// Builtin returns the built-in Operational Excellence lens in language lang ("en" or "ko"),
// validated and compiled. Each call builds a new lens, so callers may keep or change it.
func Builtin(lang string) (*Lens, error) {
	return builtinFrom(builtinFS, lang)
}

// builtinFrom builds the lens from the question files under builtinDir in fsys; tests pass
// fixtures.
func builtinFrom(fsys fs.FS, lang string) (*Lens, error) {
	text, ok := builtinTexts()[lang]
	if !ok {
		return nil, fmt.Errorf("built-in lens: unknown language %q (have %s)", lang, strings.Join(Languages(), ", "))
	}
	files, err := readQuestionFiles(fsys)
	if err != nil {
		return nil, err
	}
	pillar := &Pillar{ID: BuiltinPillarID, Name: text.pillar}
	for _, f := range files {
		pillar.Questions = append(pillar.Questions, f.question(lang, text))
	}
	l := &Lens{
		SchemaVersion: SchemaVersion,
		Name:          text.name,
		Description:   text.description,
		Pillars:       []*Pillar{pillar},
	}
	if err := l.Validate(); err != nil {
		return nil, fmt.Errorf("built-in lens (%s): %w", lang, err)
	}
	return l, nil
}

// questionFile is the format of lens/builtin/questions/opsNN.json: one question with both
// languages side by side, so a translation cannot drift from the IDs and facts it belongs to.
type questionFile struct {
	Number       string       `json:"number"`
	ID           string       `json:"id"`
	NoneChoiceID string       `json:"noneChoiceId"`
	Title        texts        `json:"title"`
	Description  texts        `json:"description"`
	Choices      []choiceFile `json:"choices"`

	name string // file name, for errors
}

type choiceFile struct {
	ID              string   `json:"id"`
	BestPractice    string   `json:"bestPractice"`
	Risk            string   `json:"risk"`
	Effort          string   `json:"effort"`
	Related         []string `json:"related"`
	Title           texts    `json:"title"`
	Description     texts    `json:"description"`
	HelpfulResource texts    `json:"helpfulResource"`
	ImprovementPlan texts    `json:"improvementPlan"`
}

// texts is one text in every language, keyed by language code.
type texts map[string]string

// readQuestionFiles reads and checks every question file, ordered by question number.
func readQuestionFiles(fsys fs.FS) ([]*questionFile, error) {
	names, err := fs.Glob(fsys, builtinDir+"/*.json")
	if err != nil {
		return nil, fmt.Errorf("built-in lens: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("built-in lens: no question files in %s", builtinDir)
	}
	var files []*questionFile
	seen := make(map[string]string)
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("built-in lens: %w", err)
		}
		f, err := decodeQuestionFile(path.Base(name), data)
		if err != nil {
			return nil, err
		}
		if other, dup := seen[f.Number]; dup {
			return nil, fmt.Errorf("built-in lens: %s and %s are both %s", other, f.name, f.Number)
		}
		seen[f.Number] = f.name
		files = append(files, f)
	}
	slices.SortFunc(files, func(a, b *questionFile) int { return cmp.Compare(a.Number, b.Number) })
	return files, nil
}

// decodeQuestionFile parses one question file and checks that every field is there, in
// every language. Its errors name the file and the field.
func decodeQuestionFile(name string, data []byte) (*questionFile, error) {
	f := &questionFile{name: name}
	if err := json.Unmarshal(data, f); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			line, col := position(data, int(te.Offset))
			return nil, fmt.Errorf("built-in lens: %s:%d:%d: %s must be %s, not %s", name, line, col, te.Field, te.Type, te.Value)
		}
		se := syntaxError(data, err)
		return nil, fmt.Errorf("built-in lens: %s:%d:%d: %s", name, se.Line, se.Column, se.Msg)
	}
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("built-in lens: %s: %s: %s", name, field, fmt.Sprintf(format, args...)))
	}
	required := func(field, v string) {
		if v == "" {
			bad(field, "is required")
		}
	}
	translated := func(field string, t texts) {
		for _, lang := range Languages() {
			if strings.TrimSpace(t[lang]) == "" {
				bad(field, "missing the %q text", lang)
			}
		}
	}
	required("number", f.Number)
	required("id", f.ID)
	required("noneChoiceId", f.NoneChoiceID)
	translated("title", f.Title)
	translated("description", f.Description)
	if len(f.Choices) == 0 {
		bad("choices", "is empty")
	}
	for i, c := range f.Choices {
		p := fmt.Sprintf("choices[%d]", i)
		if c.ID != "" {
			p += " (" + c.ID + ")"
		}
		required(p+".id", c.ID)
		required(p+".bestPractice", c.BestPractice)
		if _, ok := practiceRisk(c.Risk); !ok {
			bad(p+".risk", "must be HIGH, MEDIUM or LOW, not %q", c.Risk)
		}
		switch c.Effort {
		case "", "LOW", "MEDIUM", "MEDIUM_HIGH", "HIGH":
		default:
			bad(p+".effort", `must be LOW, MEDIUM, MEDIUM_HIGH, HIGH or "", not %q`, c.Effort)
		}
		translated(p+".title", c.Title)
		translated(p+".description", c.Description)
		translated(p+".helpfulResource", c.HelpfulResource)
		translated(p+".improvementPlan", c.ImprovementPlan)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return f, nil
}

// practiceRisk maps a best practice's level of risk as the catalog writes it.
func practiceRisk(s string) (Risk, bool) {
	switch s {
	case "HIGH":
		return RiskHigh, true
	case "MEDIUM":
		return RiskMedium, true
	case "LOW":
		return RiskLow, true
	}
	return "", false
}

// question builds the lens question of a file in one language.
func (f *questionFile) question(lang string, text builtinText) *Question {
	q := &Question{
		ID:          f.ID,
		Title:       f.Title[lang],
		Description: f.Description[lang],
	}
	for _, c := range f.Choices {
		risk, _ := practiceRisk(c.Risk)
		url := text.docs + c.ID + ".html"
		q.Choices = append(q.Choices, &Choice{
			ID:              c.ID,
			Title:           c.Title[lang],
			Description:     c.Description[lang],
			HelpfulResource: &Resource{DisplayText: c.HelpfulResource[lang], URL: url},
			ImprovementPlan: &Resource{DisplayText: c.ImprovementPlan[lang], URL: url},
			BestPractice: &BestPractice{
				ID:      c.BestPractice,
				Risk:    risk,
				Effort:  c.Effort,
				Related: slices.Clone(c.Related),
			},
		})
	}
	q.Choices = append(q.Choices, &Choice{
		ID:              f.NoneChoiceID,
		Title:           text.none,
		HelpfulResource: &Resource{DisplayText: text.noneHelp},
	})
	q.RiskRules = builtinRules(f.Choices)
	return q
}

// builtinRules derives a question's risk rules from its best practices' levels of risk, which
// say how exposed a workload is when the practice is missing:
//
//   - NO_RISK when every HIGH and every MEDIUM practice is in place: what is left (LOW) does
//     not make the question a risk;
//   - MEDIUM_RISK when every HIGH practice is in place but a MEDIUM one is missing;
//   - HIGH_RISK otherwise (default): a HIGH practice is missing.
//
// Two cases collapse. With no MEDIUM practice the first two conditions are the same, and
// the first would always win, so the MEDIUM rule is dropped. With no HIGH practice the
// MEDIUM condition would test nothing (always true), so MEDIUM becomes the default. With
// neither, every answer is NO_RISK. Rules go from least to most risky, as the format advises,
// because the first true rule wins.
func builtinRules(choices []choiceFile) []*RiskRule {
	var high, highMedium []string
	for _, c := range choices {
		switch c.Risk {
		case "HIGH":
			high = append(high, c.ID)
			highMedium = append(highMedium, c.ID)
		case "MEDIUM":
			highMedium = append(highMedium, c.ID)
		}
	}
	all := strings.Join(highMedium, " && ")
	switch {
	case len(highMedium) == 0:
		return []*RiskRule{{Condition: defaultCondition, Risk: RuleNone}}
	case len(high) == 0:
		return []*RiskRule{{Condition: all, Risk: RuleNone}, {Condition: defaultCondition, Risk: RuleMedium}}
	case len(high) == len(highMedium):
		return []*RiskRule{{Condition: all, Risk: RuleNone}, {Condition: defaultCondition, Risk: RuleHigh}}
	}
	return []*RiskRule{
		{Condition: all, Risk: RuleNone},
		{Condition: strings.Join(high, " && "), Risk: RuleMedium},
		{Condition: defaultCondition, Risk: RuleHigh},
	}
}
