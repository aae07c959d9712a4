package lens

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxSize is the largest custom lens AWS imports, in bytes ("a custom lens cannot exceed
// 500 KB"; the API's LensJSON is at most 500,000 characters).
const MaxSize = 500000

// Parse decodes, validates and compiles a custom lens in the AWS JSON format. Unknown keys are
// ignored, as AWS's own samples carry extra keys. Errors are *SyntaxError for JSON that does
// not parse and *ValidationError, listing every problem, for anything else.
func Parse(data []byte) (*Lens, error) {
	// A BOM is invisible in editors and harmless, so accept it rather than confuse the author.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(data) > MaxSize {
		return nil, &ValidationError{Problems: []Problem{{
			Rule:  "must be at most 500000 bytes",
			Value: strconv.Itoa(len(data)) + " bytes",
		}}}
	}

	// Check the syntax first: json.Unmarshal reports offsets into data for any syntax error,
	// trailing garbage included, which the streaming decoder below does not.
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, syntaxError(data, err)
	}
	// Decode into a generic tree and walk it, rather than into the structs, so that every
	// value of the wrong type is reported with its path, not just the first one. UseNumber
	// keeps numbers such as 1e999 from failing the decode before the walk can name them.
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, syntaxError(data, err)
	}

	var d decoder
	l := d.lens(tree)
	if l == nil {
		return nil, invalid(d.probs)
	}
	probs := l.check()
	if len(d.probs) > 0 || len(probs) > 0 {
		return nil, invalid(merge(d.probs, probs))
	}
	return l, nil
}

// syntaxError turns an encoding/json error into a *SyntaxError with a line and column.
func syntaxError(data []byte, err error) *SyntaxError {
	msg := strings.TrimPrefix(err.Error(), "json: ")
	off := len(data)
	if se, ok := err.(*json.SyntaxError); ok {
		// Offset counts the bytes read, the offending one included; point at that byte,
		// except at the end of input, where the place to fix is after the last byte.
		off = int(se.Offset)
		if off > 0 && off <= len(data) && msg != "unexpected end of JSON input" {
			off--
		}
	}
	line, col := position(data, off)
	return &SyntaxError{Line: line, Column: col, Msg: msg}
}

// position returns the 1-based line and column (in characters) of byte offset off.
func position(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// merge joins the type problems found while decoding with the rule problems found on the
// decoded lens. A value of the wrong type was decoded as its zero value, so a rule problem
// at or under the same path only repeats it and is dropped. Each rule problem's ancestors are
// looked up in a set, so hostile input with many problems of both kinds stays linear.
func merge(typeProbs, ruleProbs []Problem) []Problem {
	typed := make(map[string]bool, len(typeProbs))
	for _, t := range typeProbs {
		typed[t.Path] = true
	}
	out := append([]Problem(nil), typeProbs...)
	for _, p := range ruleProbs {
		covered := typed[p.Path]
		for i := 0; i < len(p.Path) && !covered; i++ {
			if c := p.Path[i]; c == '.' || c == '[' {
				covered = typed[p.Path[:i]]
			}
		}
		if !covered {
			out = append(out, p)
		}
	}
	return out
}

// decoder walks the generic JSON tree into a Lens, recording values of the wrong type. Null
// counts as absent, as it does for encoding/json; the rules then say whether it was required.
type decoder struct {
	probs []Problem
}

func (d *decoder) wrongType(path, want string, v any) {
	d.probs = append(d.probs, Problem{Path: path, Rule: "must be " + want, Value: describe(v)})
}

// describe names a JSON value's type, with the value itself when it is short.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case json.Number:
		if len(v) > maxShown {
			return "a number"
		}
		return "number " + string(v)
	case string:
		return "string " + quote(v)
	case []any:
		return "an array"
	default:
		return "an object"
	}
}

func (d *decoder) object(path string, v any) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		d.wrongType(path, "an object", v)
	}
	return m
}

func (d *decoder) array(m map[string]any, path, key string) []any {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		d.wrongType(field(path, key), "an array", v)
	}
	return a
}

func (d *decoder) str(m map[string]any, path, key string) string {
	v, ok := m[key]
	if !ok || v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.wrongType(field(path, key), "a string", v)
	}
	return s
}

// lens returns nil only when the document is not a JSON object at all.
func (d *decoder) lens(v any) *Lens {
	m := d.object("", v)
	if m == nil {
		return nil
	}
	l := &Lens{
		SchemaVersion: d.str(m, "", "schemaVersion"),
		Name:          d.str(m, "", "name"),
		Description:   d.str(m, "", "description"),
	}
	for i, pv := range d.array(m, "", "pillars") {
		// A pillar of the wrong type stays as nil so that later paths keep their indexes.
		l.Pillars = append(l.Pillars, d.pillar(index("pillars", i), pv))
	}
	return l
}

func (d *decoder) pillar(path string, v any) *Pillar {
	m := d.object(path, v)
	if m == nil {
		return nil
	}
	p := &Pillar{ID: d.str(m, path, "id"), Name: d.str(m, path, "name")}
	qpath := field(path, "questions")
	for i, qv := range d.array(m, path, "questions") {
		p.Questions = append(p.Questions, d.question(index(qpath, i), qv))
	}
	return p
}

func (d *decoder) question(path string, v any) *Question {
	m := d.object(path, v)
	if m == nil {
		return nil
	}
	q := &Question{
		ID:              d.str(m, path, "id"),
		Title:           d.str(m, path, "title"),
		Description:     d.str(m, path, "description"),
		HelpfulResource: d.resource(m, path, "helpfulResource"),
	}
	cpath := field(path, "choices")
	for i, cv := range d.array(m, path, "choices") {
		q.Choices = append(q.Choices, d.choice(index(cpath, i), cv))
	}
	rpath := field(path, "riskRules")
	for i, rv := range d.array(m, path, "riskRules") {
		var r *RiskRule
		if rm := d.object(index(rpath, i), rv); rm != nil {
			r = &RiskRule{Condition: d.str(rm, index(rpath, i), "condition"), Risk: d.str(rm, index(rpath, i), "risk")}
		}
		q.RiskRules = append(q.RiskRules, r)
	}
	return q
}

func (d *decoder) choice(path string, v any) *Choice {
	m := d.object(path, v)
	if m == nil {
		return nil
	}
	c := &Choice{
		ID:              d.str(m, path, "id"),
		Title:           d.str(m, path, "title"),
		Description:     d.str(m, path, "description"),
		HelpfulResource: d.resource(m, path, "helpfulResource"),
		ImprovementPlan: d.resource(m, path, "improvementPlan"),
	}
	apath := field(path, "additionalResources")
	for i, av := range d.array(m, path, "additionalResources") {
		c.AdditionalResources = append(c.AdditionalResources, d.additional(index(apath, i), av))
	}
	return c
}

func (d *decoder) additional(path string, v any) *AdditionalResource {
	m := d.object(path, v)
	if m == nil {
		return nil
	}
	a := &AdditionalResource{Type: d.str(m, path, "type")}
	cpath := field(path, "content")
	for i, cv := range d.array(m, path, "content") {
		var r *Resource
		if rm := d.object(index(cpath, i), cv); rm != nil {
			r = d.resourceFields(rm, index(cpath, i))
		}
		a.Content = append(a.Content, r)
	}
	return a
}

// resource decodes an optional {displayText, url} member; absent or null gives nil.
func (d *decoder) resource(m map[string]any, path, key string) *Resource {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	rm := d.object(field(path, key), v)
	if rm == nil {
		return nil
	}
	return d.resourceFields(rm, field(path, key))
}

func (d *decoder) resourceFields(m map[string]any, path string) *Resource {
	return &Resource{DisplayText: d.str(m, path, "displayText"), URL: d.str(m, path, "url")}
}
