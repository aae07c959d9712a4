package lens

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// shared is the shared reference folder, relative to this package.
const shared = "../../shared"

// builtinQuestions is how many questions the Operational Excellence pillar has.
const builtinQuestions = 11

// fullBuiltin returns the built-in lens, skipping the test while the question files are still
// being written.
func fullBuiltin(t *testing.T, lang string) *Lens {
	t.Helper()
	names, _ := fs.Glob(builtinFS, builtinDir+"/*.json")
	if len(names) < builtinQuestions {
		t.Skipf("only %d of %d built-in question files exist in lens/%s yet", len(names), builtinQuestions, builtinDir)
	}
	l, err := Builtin(lang)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestBuiltinFixture(t *testing.T) {
	for _, lang := range Languages() {
		t.Run(lang, func(t *testing.T) {
			l, err := builtinFrom(os.DirFS("testdata/builtinfs"), lang)
			if err != nil {
				t.Fatal(err)
			}
			text := builtinTexts()[lang]
			if len(l.Pillars) != 1 || l.Pillars[0].ID != BuiltinPillarID || l.Pillars[0].Name != text.pillar {
				t.Fatalf("pillars = %+v", l.Pillars)
			}
			qs := l.Pillars[0].Questions
			if len(qs) != 2 || qs[0].ID != "fixture-one" || qs[1].ID != "fixture-two" {
				t.Fatalf("questions not in number order: %v", questionIDs(l.Pillars[0]))
			}
			q := qs[0]
			var ids []string
			for _, c := range q.Choices {
				ids = append(ids, c.ID)
			}
			if want := []string{"fx_one_high", "fx_one_medium", "fx_one_low", "fx_one_no"}; !slices.Equal(ids, want) {
				t.Errorf("choices = %v, want %v", ids, want)
			}
			docs := "https://docs.aws.amazon.com/wellarchitected/latest/operational-excellence-pillar/"
			if lang == "ko" {
				docs = "https://docs.aws.amazon.com/ko_kr/wellarchitected/latest/operational-excellence-pillar/"
			}
			low := q.Choices[2]
			if low.HelpfulResource.URL != docs+"fx_one_low.html" || low.ImprovementPlan.URL != docs+"fx_one_low.html" {
				t.Errorf("resource URLs = %q, %q", low.HelpfulResource.URL, low.ImprovementPlan.URL)
			}
			wantBP := BestPractice{ID: "OPS01-BP03", Risk: RiskLow, Effort: "MEDIUM_HIGH", Related: []string{"OPS01-BP01", "OPS01-BP02"}}
			if bp := low.BestPractice; bp == nil || bp.ID != wantBP.ID || bp.Risk != wantBP.Risk || bp.Effort != wantBP.Effort || !slices.Equal(bp.Related, wantBP.Related) {
				t.Errorf("BestPractice = %+v, want %+v", bp, wantBP)
			}
			none := q.Choices[3]
			if none.Title != text.none || none.HelpfulResource == nil || none.HelpfulResource.DisplayText != text.noneHelp ||
				none.ImprovementPlan != nil || none.BestPractice != nil {
				t.Errorf("None of these = %+v", none)
			}
			if q.NoneChoice() != none {
				t.Error("NoneChoice is not the appended choice")
			}
			if lang == "ko" && q.Title != "픽스처 질문 하나?" {
				t.Errorf("ko title = %q", q.Title)
			}
			// fixture-one has HIGH, MEDIUM and LOW practices: three rules.
			if got := q.Evaluate(true, []string{"fx_one_high", "fx_one_medium"}); got != RiskNone {
				t.Errorf("HIGH and MEDIUM in place = %s, want NONE", got)
			}
			if got := q.Evaluate(true, []string{"fx_one_high", "fx_one_low"}); got != RiskMedium {
				t.Errorf("HIGH in place = %s, want MEDIUM", got)
			}
			if got := q.Evaluate(true, []string{"fx_one_medium", "fx_one_low"}); got != RiskHigh {
				t.Errorf("HIGH missing = %s, want HIGH", got)
			}
			roundTrip(t, l)
		})
	}
}

func TestBuiltinRules(t *testing.T) {
	c := func(id, risk string) choiceFile { return choiceFile{ID: id, Risk: risk} }
	tests := []struct {
		name    string
		choices []choiceFile
		want    []RiskRule
	}{
		{"high, medium and low", []choiceFile{c("h1", "HIGH"), c("m1", "MEDIUM"), c("h2", "HIGH"), c("l1", "LOW")}, []RiskRule{
			{"h1 && m1 && h2", RuleNone}, {"h1 && h2", RuleMedium}, {"default", RuleHigh},
		}},
		{"no medium: the medium rule would repeat the first", []choiceFile{c("h1", "HIGH"), c("l1", "LOW"), c("h2", "HIGH")}, []RiskRule{
			{"h1 && h2", RuleNone}, {"default", RuleHigh},
		}},
		{"no high: medium is the default", []choiceFile{c("m1", "MEDIUM"), c("m2", "MEDIUM"), c("l1", "LOW")}, []RiskRule{
			{"m1 && m2", RuleNone}, {"default", RuleMedium},
		}},
		{"only low", []choiceFile{c("l1", "LOW")}, []RiskRule{{"default", RuleNone}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []RiskRule
			for _, r := range builtinRules(tt.choices) {
				got = append(got, *r)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rules = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBuiltinLoaderErrors(t *testing.T) {
	good, err := os.ReadFile("testdata/builtinfs/builtin/questions/b_first.json")
	if err != nil {
		t.Fatal(err)
	}
	edit := func(old, new string) []byte {
		if !bytes.Contains(good, []byte(old)) {
			t.Fatalf("fixture has no %q", old)
		}
		return bytes.Replace(good, []byte(old), []byte(new), 1)
	}
	tests := []struct {
		name  string
		files map[string][]byte
		lang  string
		want  []string
	}{
		{"unknown language", map[string][]byte{"ops01.json": good}, "fr", []string{`unknown language "fr"`, "en, ko"}},
		{"no files", map[string][]byte{}, "en", []string{"no question files"}},
		{"malformed JSON", map[string][]byte{"ops01.json": edit(`"number": "OPS01",`, `"number": "OPS01"`)}, "en",
			[]string{"ops01.json:3:3:", "invalid character"}},
		{"wrong type", map[string][]byte{"ops01.json": edit(`"title": {"en": "Fixture question one?", "ko": "픽스처 질문 하나?"}`, `"title": "Fixture"`)}, "en",
			[]string{"ops01.json:5:", "title must be"}},
		{"missing Korean title", map[string][]byte{"ops01.json": edit(`"ko": "픽스처 질문 하나?"`, `"kr": "x"`)}, "en",
			[]string{"ops01.json: title: missing the \"ko\" text"}},
		{"blank English improvement plan", map[string][]byte{"ops01.json": edit(`"en": "Put the low practice in place."`, `"en": " "`)}, "ko",
			[]string{`ops01.json: choices[2] (fx_one_low).improvementPlan: missing the "en" text`}},
		{"unknown risk", map[string][]byte{"ops01.json": edit(`"risk": "MEDIUM"`, `"risk": "CRITICAL"`)}, "en",
			[]string{`ops01.json: choices[1] (fx_one_medium).risk: must be HIGH, MEDIUM or LOW, not "CRITICAL"`}},
		{"unknown effort", map[string][]byte{"ops01.json": edit(`"effort": "LOW"`, `"effort": "SOME"`)}, "en",
			[]string{`choices[0] (fx_one_high).effort: must be`}},
		{"missing none choice", map[string][]byte{"ops01.json": edit(`"noneChoiceId": "fx_one_no",`, ``)}, "en",
			[]string{"ops01.json: noneChoiceId: is required"}},
		{"two problems at once", map[string][]byte{"ops01.json": edit(`"risk": "LOW"`, `"risk": "low"`)}, "en",
			[]string{`choices[2] (fx_one_low).risk`}},
		{"same number twice", map[string][]byte{"ops01.json": good, "ops01b.json": good}, "en",
			[]string{"ops01.json and ops01b.json are both OPS01"}},
		{"invalid as a lens", map[string][]byte{"ops01.json": edit(`"id": "fx_one_low"`, `"id": "fx_one_high"`)}, "en",
			[]string{"built-in lens (en)", "duplicate choice ID"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys[builtinDir+"/"+name] = &fstest.MapFile{Data: data}
			}
			_, err := builtinFrom(fsys, tt.lang)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestBuiltinUnknownLanguage(t *testing.T) {
	if _, err := Builtin("de"); err == nil || !strings.Contains(err.Error(), `"de"`) {
		t.Errorf("Builtin(de) = %v, want an error naming the language", err)
	}
}

// TestBuiltinFreshCopies checks that callers may change what Builtin returns.
func TestBuiltinFreshCopies(t *testing.T) {
	a := fullBuiltin(t, "en")
	a.Pillars[0].Questions[0].Title = "changed"
	if b := fullBuiltin(t, "en"); b.Pillars[0].Questions[0].Title == "changed" {
		t.Error("Builtin returned a shared lens")
	}
}

func TestBuiltinGolden(t *testing.T) {
	for _, lang := range Languages() {
		t.Run(lang, func(t *testing.T) {
			l := fullBuiltin(t, lang)
			got, err := l.Export()
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "builtin."+lang+".json", got)
			roundTrip(t, l)
		})
	}
}

// checkGolden compares got with testdata/name, rewriting the file first under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./lens -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; if the change is intended, run go test ./lens -update and review the diff", golden)
	}
}

// tsv reads a tab-separated file with a header line into one map per row.
func tsv(t *testing.T, name string) []map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(shared, name))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found: the shared reference folder is absent", filepath.Join(shared, name))
	}
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	header := strings.Split(lines[0], "\t")
	var rows []map[string]string
	for _, line := range lines[1:] {
		row := make(map[string]string)
		for i, v := range strings.Split(line, "\t") {
			if i < len(header) {
				row[header[i]] = v
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// TestBuiltinCatalog pins the built-in lens to the catalog: IDs, order, levels of risk,
// effort and related practices, in both languages.
func TestBuiltinCatalog(t *testing.T) {
	questions := tsv(t, "oe-questions.tsv")
	catalog := tsv(t, "oe-catalog.tsv")
	if len(questions) != builtinQuestions || len(catalog) != 68 {
		t.Fatalf("catalog has %d questions and %d best practices, want 11 and 68", len(questions), len(catalog))
	}
	langs := make(map[string]*Lens)
	for _, lang := range Languages() {
		langs[lang] = fullBuiltin(t, lang)
	}
	for lang, l := range langs {
		t.Run(lang, func(t *testing.T) {
			if len(l.Pillars) != 1 || l.Pillars[0].ID != BuiltinPillarID {
				t.Fatalf("pillars: %+v", l.Pillars)
			}
			qs := l.Pillars[0].Questions
			if len(qs) != builtinQuestions {
				t.Fatalf("%d questions, want %d", len(qs), builtinQuestions)
			}
			practices := make(map[string]bool) // best practice IDs of the lens
			real := 0
			for i, q := range qs {
				row := questions[i]
				if q.ID != row["question_id"] {
					t.Errorf("question %d: ID %q, want %q (%s)", i, q.ID, row["question_id"], row["question_number"])
				}
				if none := q.NoneChoice(); none == nil || none.ID != row["none_choice_id"] || q.Choices[len(q.Choices)-1] != none {
					t.Errorf("%s: None of these = %v, want %s last", q.ID, none, row["none_choice_id"])
				}
				var want []map[string]string
				for _, bp := range catalog {
					if bp["question_number"] == row["question_number"] {
						want = append(want, bp)
					}
				}
				if len(q.Choices) != len(want)+1 {
					t.Errorf("%s: %d choices, want %d and None of these", q.ID, len(q.Choices)-1, len(want))
					continue
				}
				for k, bp := range want {
					c := q.Choices[k]
					real++
					practices[c.BestPractice.ID] = true
					if c.ID != bp["choice_id"] || c.BestPractice.ID != bp["bp_id"] {
						t.Errorf("%s choice %d: %s (%s), want %s (%s)", q.ID, k, c.ID, c.BestPractice.ID, bp["choice_id"], bp["bp_id"])
					}
					if string(c.BestPractice.Risk) != bp["risk"] || c.BestPractice.Effort != bp["effort"] {
						t.Errorf("%s: risk %s effort %q, want %s %q", c.ID, c.BestPractice.Risk, c.BestPractice.Effort, bp["risk"], bp["effort"])
					}
					var related []string
					if bp["related_bps"] != "" {
						related = strings.Split(bp["related_bps"], ",")
					}
					if !slices.Equal(c.BestPractice.Related, related) {
						t.Errorf("%s: related %v, want %v", c.ID, c.BestPractice.Related, related)
					}
				}
			}
			if real != 68 {
				t.Errorf("%d best-practice choices, want 68", real)
			}
			for _, q := range qs {
				for _, c := range q.Choices {
					if c.BestPractice == nil {
						continue
					}
					for _, r := range c.BestPractice.Related {
						if !practices[r] {
							t.Errorf("%s: related %s is not a choice of the lens", c.ID, r)
						}
					}
				}
			}
		})
	}
	t.Run("languages agree", func(t *testing.T) {
		en, ko := langs["en"], langs["ko"]
		for i, qe := range en.Pillars[0].Questions {
			qk := ko.Pillars[0].Questions[i]
			if qe.ID != qk.ID || len(qe.Choices) != len(qk.Choices) {
				t.Fatalf("question %d: en %s/%d choices, ko %s/%d choices", i, qe.ID, len(qe.Choices), qk.ID, len(qk.Choices))
			}
			for k := range qe.Choices {
				if qe.Choices[k].ID != qk.Choices[k].ID {
					t.Errorf("%s: choice %d is %s in en, %s in ko", qe.ID, k, qe.Choices[k].ID, qk.Choices[k].ID)
				}
			}
			if !slices.EqualFunc(qe.RiskRules, qk.RiskRules, func(a, b *RiskRule) bool { return *a == *b }) {
				t.Errorf("%s: risk rules differ between languages", qe.ID)
			}
		}
		for lang, l := range langs {
			for _, q := range l.Pillars[0].Questions {
				if q.Title == "" || q.Description == "" {
					t.Errorf("%s %s: empty title or description", lang, q.ID)
				}
				for _, c := range q.Choices {
					if c.Title == "" || c.HelpfulResource == nil || c.HelpfulResource.DisplayText == "" {
						t.Errorf("%s %s: empty title or helpful resource", lang, c.ID)
					}
					if c.BestPractice != nil && (c.Description == "" || c.ImprovementPlan == nil || c.ImprovementPlan.DisplayText == "") {
						t.Errorf("%s %s: empty description or improvement plan", lang, c.ID)
					}
				}
			}
		}
	})
}

// TestBuiltinTextIsOwn runs the shared verbatim check over the built-in lens text: no
// sentence may be copied from the whitepaper or AWS documentation.
func TestBuiltinTextIsOwn(t *testing.T) {
	tool := filepath.Join(shared, "tools", "verbatim-check")
	if _, err := os.Stat(tool); err != nil {
		t.Skipf("%s not found: the shared reference folder is absent", tool)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	abs, err := filepath.Abs(tool)
	if err != nil {
		t.Fatal(err)
	}
	// Run from the module root so that the report names lens/builtin/....
	cmd := exec.Command(python, abs, "lens/builtin", "lens/builtin.go")
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("verbatim-check: %v\n%s", err, out)
	}
	// Choice IDs are facts the lens must carry, and the longest of them also stand in the
	// reference texts; a "copied run" that is exactly a choice ID is not copied prose.
	ids := make(map[string]bool)
	for _, row := range tsv(t, "oe-catalog.tsv") {
		ids[normalizedID(row["choice_id"])] = true
	}
	var copied []string
	for _, line := range strings.Split(string(out), "\n") {
		_, run, ok := strings.Cut(line, ": copied run of ")
		if !ok {
			continue
		}
		if _, text, _ := strings.Cut(run, " chars: "); !ids[text] {
			copied = append(copied, line)
		}
	}
	if len(copied) > 0 {
		t.Errorf("verbatim-check found text copied from the whitepaper or AWS docs; rewrite it in our own words:\n%s",
			strings.Join(copied, "\n"))
	}
	t.Logf("%s", bytes.TrimSpace(out))
}

// normalizedID folds an ID the way verbatim-check folds text: lower-case letters and digits.
func normalizedID(id string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			return r
		}
		return -1
	}, strings.ToLower(id))
}
