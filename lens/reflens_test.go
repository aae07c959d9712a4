package lens

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// refLenses holds the public custom lenses of the shared reference folder, relative to this
// package.
const refLenses = "../../shared/ref/lenses"

// invalidRefLenses are the public lenses that break the format: some of their questions have
// no "default" risk rule.
var invalidRefLenses = map[string]bool{
	"aws-samples__custom-lens-wa-hub__Amazon_ECS_Lens.json":              true,
	"aws-samples__custom-lens-wa-hub__custom-lens-elasticache-v2.0.json": true,
}

func refLensFiles(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(refLenses, "*.json"))
	if len(files) == 0 {
		tb.Skipf("no public lenses in %s: the shared reference folder is absent", refLenses)
	}
	return files
}

func TestRefLenses(t *testing.T) {
	for _, file := range refLensFiles(t) {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			l, err := Parse(data)
			if !invalidRefLenses[name] {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				roundTrip(t, l)
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Parse = %v, want a *ValidationError", err)
			}
			want := questionsWithoutDefault(t, data)
			if len(want) == 0 {
				t.Fatal("the file has no question without a default rule; has it changed?")
			}
			if len(ve.Problems) != len(want) {
				t.Errorf("%d problems, want %d (one per question without a default rule):\n%v", len(ve.Problems), len(want), err)
			}
			for path, id := range want {
				line := fmt.Sprintf(`%s: question %s must have a rule with condition "default"`, path, id)
				if !strings.Contains(err.Error(), line) {
					t.Errorf("error does not contain %q:\n%v", line, err)
				}
			}
		})
	}
}

// questionsWithoutDefault reads a lens with plain encoding/json and returns the JSON path of
// the risk rules of each question that has no "default" rule, mapped to the question ID.
func questionsWithoutDefault(t *testing.T, data []byte) map[string]string {
	var doc struct {
		Pillars []struct {
			Questions []struct {
				ID        string
				RiskRules []struct{ Condition string }
			}
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string)
	for i, p := range doc.Pillars {
		for j, q := range p.Questions {
			hasDefault := false
			for _, r := range q.RiskRules {
				hasDefault = hasDefault || strings.TrimSpace(r.Condition) == "default"
			}
			if !hasDefault {
				out[fmt.Sprintf("pillars[%d].questions[%d].riskRules", i, j)] = q.ID
			}
		}
	}
	return out
}

// roundTrip checks that exporting and parsing again gives an equal lens, and that exporting
// that gives the same bytes.
func roundTrip(tb testing.TB, l *Lens) {
	tb.Helper()
	out, err := l.Export()
	if err != nil {
		tb.Fatalf("Export: %v", err)
	}
	l2, err := Parse(out)
	if err != nil {
		tb.Fatalf("Parse(Export()): %v", err)
	}
	if !equalLens(l, l2) {
		tb.Errorf("Parse(Export(l)) differs from l")
	}
	out2, err := l2.Export()
	if err != nil {
		tb.Fatalf("second Export: %v", err)
	}
	if string(out) != string(out2) {
		tb.Errorf("second export differs from the first")
	}
}

// equalLens compares the exported fields of two lenses; the catalog facts of the built-in
// lens are not part of the format and are not compared.
func equalLens(a, b *Lens) bool {
	strip := func(l *Lens) Lens {
		c := Lens{SchemaVersion: l.SchemaVersion, Name: l.Name, Description: l.Description}
		for _, p := range l.Pillars {
			cp := Pillar{ID: p.ID, Name: p.Name}
			for _, q := range p.Questions {
				cq := *q
				cq.compiled = nil
				cq.Choices = nil
				for _, ch := range q.Choices {
					cc := *ch
					cc.BestPractice = nil
					cq.Choices = append(cq.Choices, &cc)
				}
				cp.Questions = append(cp.Questions, &cq)
			}
			c.Pillars = append(c.Pillars, &cp)
		}
		return c
	}
	return reflect.DeepEqual(strip(a), strip(b))
}
