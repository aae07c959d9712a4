package waapi

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
)

// The botocore model is the contract. These tests read it from the shared reference folder
// (it is not copied into the repository) and check the route table and every input struct
// against it: method and path, member names and locations, required members, length and
// range limits, enums and patterns, nested structures included.

// modelPath is where the model sits beside a clone of the repository.
var modelPath = filepath.Join("..", "..", "shared", "ref", "wellarchitected", "service-2.json")

type modelShape struct {
	Type     string                 `json:"type"`
	Required []string               `json:"required"`
	Members  map[string]modelMember `json:"members"`
	Member   *modelMember           `json:"member"`
	Key      *modelMember           `json:"key"`
	Value    *modelMember           `json:"value"`
	Min      *int                   `json:"min"`
	Max      *int                   `json:"max"`
	Enum     []string               `json:"enum"`
	Pattern  string                 `json:"pattern"`
}

type modelMember struct {
	Shape        string `json:"shape"`
	Location     string `json:"location"`
	LocationName string `json:"locationName"`
}

type model struct {
	Operations map[string]struct {
		HTTP struct {
			Method     string `json:"method"`
			RequestURI string `json:"requestUri"`
		} `json:"http"`
		Input *modelMember `json:"input"`
	} `json:"operations"`
	Shapes map[string]modelShape `json:"shapes"`
}

func loadModel(t *testing.T) *model {
	t.Helper()
	b, err := os.ReadFile(modelPath)
	if os.IsNotExist(err) {
		t.Skipf("the botocore model is not at %s (the shared reference folder is beside the repository in development and CI)", modelPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	var m model
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

func testAPI(t testing.TB) *API {
	t.Helper()
	a := &API{}
	a.routes = newRouter(a.operations())
	return a
}

// TestOperationNames keeps the list of the model's 72 operations in the code, so the count is
// checked even where the model file is absent.
func TestOperationNames(t *testing.T) {
	var got []string
	for _, op := range testAPI(t).operations() {
		got = append(got, op.name)
	}
	sort.Strings(got)
	if want := OperationNames(); !slices.Equal(got, want) {
		t.Errorf("route table operations differ from OperationNames:\n got %v\nwant %v", got, want)
	}
	if n := len(OperationNames()); n != 72 {
		t.Errorf("OperationNames has %d names, want the model's 72", n)
	}
}

func TestRoutesMatchModel(t *testing.T) {
	m := loadModel(t)
	ops := map[string]*operation{}
	for _, op := range testAPI(t).operations() {
		ops[op.name] = op
	}
	for name, mo := range m.Operations {
		op := ops[name]
		if op == nil {
			t.Errorf("%s: in the model but not in the route table", name)
			continue
		}
		if op.method != mo.HTTP.Method || op.pattern != mo.HTTP.RequestURI {
			t.Errorf("%s: route %s %s, model %s %s", name, op.method, op.pattern, mo.HTTP.Method, mo.HTTP.RequestURI)
		}
		if mo.Input == nil {
			if len(op.in.fields) != 0 {
				t.Errorf("%s: the model has no input, the route binds %d members", name, len(op.in.fields))
			}
			continue
		}
		checkShape(t, m, name, mo.Input.Shape, op.in, true)
	}
	if len(m.Operations) != len(ops) {
		t.Errorf("model has %d operations, route table %d", len(m.Operations), len(ops))
	}
}

// checkShape compares a plan with a structure of the model, member by member.
func checkShape(t *testing.T, m *model, where, shapeName string, p *typePlan, top bool) {
	t.Helper()
	shape := m.Shapes[shapeName]
	byName := map[string]fieldPlan{}
	for _, f := range p.fields {
		byName[f.name] = f
	}
	seen := map[string]bool{}
	for mname, mm := range shape.Members {
		wire := mname
		if mm.LocationName != "" {
			wire = mm.LocationName
		}
		seen[wire] = true
		f, ok := byName[wire]
		if !ok {
			t.Errorf("%s: member %s (%s) is not bound", where, mname, mm.Location)
			continue
		}
		loc := map[string]int{"": locBody, "uri": locURI, "querystring": locQuery}[mm.Location]
		if f.loc != loc {
			t.Errorf("%s.%s: location %d, model %q", where, wire, f.loc, mm.Location)
		}
		required := slices.Contains(shape.Required, mname)
		if f.rules.required != required {
			t.Errorf("%s.%s: required=%v, model says %v", where, wire, f.rules.required, required)
		}
		checkRules(t, m, where+"."+wire, mm.Shape, f.rules, f.nested)
	}
	for _, f := range p.fields {
		if !seen[f.name] {
			t.Errorf("%s: binds %s, which the model does not have", where, f.name)
		}
	}
}

// checkRules compares one member's rules with its shape: limits, enum, pattern, and for
// lists and maps their elements and keys.
func checkRules(t *testing.T, m *model, where, shapeName string, r rules, nested *typePlan) {
	t.Helper()
	s := m.Shapes[shapeName]
	switch s.Type {
	case "structure":
		if nested == nil {
			t.Errorf("%s: structure %s bound without a nested plan", where, shapeName)
			return
		}
		checkShape(t, m, where, shapeName, nested, false)
		return
	case "string", "list", "map":
		wantMin, wantMax := -1, -1
		if s.Min != nil {
			wantMin = *s.Min
		}
		if s.Max != nil {
			wantMax = *s.Max
		}
		if wantMin == 0 {
			wantMin = -1 // no lower bound in effect
		}
		gotMin := r.minLen
		if gotMin == 0 {
			gotMin = -1
		}
		exact := r.pat != nil && wantMin == wantMax // an ID pattern such as [0-9a-f]{32} fixes the length itself
		if !exact && (gotMin != wantMin || r.maxLen != wantMax) {
			t.Errorf("%s: length %d:%d, model %d:%d", where, r.minLen, r.maxLen, wantMin, wantMax)
		}
	case "integer":
		if s.Min != nil && (!r.hasRange || r.minVal != *s.Min || s.Max != nil && r.maxVal != *s.Max) {
			t.Errorf("%s: range %d:%d (set %v), model %v:%v", where, r.minVal, r.maxVal, r.hasRange, *s.Min, s.Max)
		}
	}
	if len(s.Enum) > 0 {
		want := slices.Sorted(slices.Values(s.Enum))
		got := slices.Sorted(slices.Values(r.enum))
		if !slices.Equal(got, want) {
			t.Errorf("%s: enum %v, model %v", where, got, want)
		}
	}
	if s.Pattern != "" && r.pat == nil {
		t.Errorf("%s: model pattern %q not checked", where, s.Pattern)
	}
	switch s.Type {
	case "list":
		el := rules{minLen: -1, maxLen: -1}
		if r.elem != nil {
			el = *r.elem
		}
		checkRules(t, m, where+"[]", s.Member.Shape, el, nested)
	case "map":
		k, v := rules{minLen: -1, maxLen: -1}, rules{minLen: -1, maxLen: -1}
		if r.key != nil {
			k = *r.key
		}
		if r.elem != nil {
			v = *r.elem
		}
		checkRules(t, m, where+" key", s.Key.Shape, k, nil)
		checkRules(t, m, where+"{}", s.Value.Shape, v, nested)
	}
}
