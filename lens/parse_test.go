package lens

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseSyntaxErrors(t *testing.T) {
	tests := []struct {
		name       string
		data       string
		line, col  int
		msgContain string
	}{
		{"empty", "", 1, 1, "unexpected end of JSON input"},
		{"bad literal", "{\n  \"name\": nope\n}", 2, 12, "invalid character 'o'"},
		{"unterminated", "{\n  \"name\": \"x\"", 2, 14, "unexpected end of JSON input"},
		{"trailing data", "{}\n}", 2, 1, "after top-level value"},
		{"column counts characters", "{\"name\": \"운영\" x}", 1, 15, "invalid character 'x'"},
		{"after a BOM", "\ufeff{,}", 1, 2, "invalid character ','"},
		{"too deep", strings.Repeat("[", 20000), 1, 10001, "exceeded max depth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse = %T %v, want a *SyntaxError", err, err)
			}
			if se.Line != tt.line || se.Column != tt.col || !strings.Contains(se.Msg, tt.msgContain) {
				t.Errorf("got line %d column %d %q, want line %d column %d containing %q", se.Line, se.Column, se.Msg, tt.line, tt.col, tt.msgContain)
			}
			if !strings.HasPrefix(err.Error(), "line ") {
				t.Errorf("Error() = %q, want it to start with the line", err)
			}
		})
	}
}

func TestParseTypeErrors(t *testing.T) {
	data := `{
	  "schemaVersion": 2021,
	  "name": ["a"],
	  "description": "d",
	  "pillars": [
	    null,
	    {"id": "pillar_1", "name": "P", "questions": [
	      {"id": "q_1", "title": true, "choices": {"a": 1}, "riskRules": [
	        {"condition": "default", "risk": 1e999}, "x"
	      ], "helpfulResource": "see docs"}
	    ]}
	  ]
	}`
	_, err := Parse([]byte(data))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Parse = %v, want a *ValidationError", err)
	}
	want := []Problem{
		{"schemaVersion", "must be a string", "number 2021"},
		{"name", "must be a string", "an array"},
		{"pillars[0]", "must be an object", "null"},
		{"pillars[1].questions[0].title", "must be a string", "true"},
		{"pillars[1].questions[0].helpfulResource", "must be an object", `string "see docs"`},
		{"pillars[1].questions[0].choices", "must be an array", "an object"},
		{"pillars[1].questions[0].riskRules[0].risk", "must be a string", "number 1e999"},
		{"pillars[1].questions[0].riskRules[1]", "must be an object", `string "x"`},
	}
	for _, w := range want {
		if !slices.Contains(ve.Problems, w) {
			t.Errorf("missing problem %v in:\n%v", w, err)
		}
	}
	// The wrong-typed values are not reported a second time by the rules.
	for _, p := range ve.Problems {
		if p.Path == "name" && p.Rule == "is required" || p.Path == "pillars[1].questions[0].choices" && strings.Contains(p.Rule, "1–15") {
			t.Errorf("repeated problem %v", p)
		}
	}
	if strings.Contains(err.Error(), "json:") || strings.Contains(err.Error(), "Go value") {
		t.Errorf("message leaks encoding/json text:\n%v", err)
	}
}

func TestParseNotAnObject(t *testing.T) {
	_, err := Parse([]byte(`["a"]`))
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Path != "" {
		t.Fatalf("Parse = %v, want one problem about the document", err)
	}
	if !strings.Contains(err.Error(), "lens: must be an object") {
		t.Errorf("Error() = %q", err)
	}
}

func TestParseSize(t *testing.T) {
	base := encode(t, testLens())
	pad := func(n int) []byte {
		// Pad with spaces inside the object so that the JSON stays valid.
		return append(append(base[:len(base)-1:len(base)-1], bytes.Repeat([]byte(" "), n-len(base))...), '}')
	}
	if _, err := Parse(pad(MaxSize)); err != nil {
		t.Errorf("lens of exactly %d bytes: %v", MaxSize, err)
	}
	// The BOM does not count against the limit.
	if _, err := Parse(append([]byte("\ufeff"), pad(MaxSize)...)); err != nil {
		t.Errorf("lens of %d bytes after a BOM: %v", MaxSize, err)
	}
	_, err := Parse(pad(MaxSize + 1))
	var ve *ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "must be at most 500000 bytes (found 500001 bytes)") {
		t.Errorf("lens of %d bytes: %v", MaxSize+1, err)
	}
}

func TestParseIgnoresUnknownKeys(t *testing.T) {
	data := bytes.Replace(encode(t, testLens()), []byte(`{"schemaVersion"`),
		[]byte(`{"_version": 3, "ready": true, "extra": {"nested": [1, 2]}, "schemaVersion"`), 1)
	data = bytes.Replace(data, []byte(`"id":"q_one"`), []byte(`"url":"https://example.com","id":"q_one"`), 1)
	l := mustParse(t, data)
	if !equalLens(l, mustParse(t, encode(t, testLens()))) {
		t.Error("unknown keys changed the lens")
	}
}

func TestParseBOM(t *testing.T) {
	mustParse(t, append([]byte("\ufeff"), encode(t, testLens())...))
}

// TestParseManyProblems checks that input built to produce problems by the thousand (here
// a type problem and two rule problems per pillar) is handled in linear time and reported
// in a bounded list.
func TestParseManyProblems(t *testing.T) {
	data := `{"pillars":[` + strings.Repeat(`{"name":1},`, 40000) + `{}]}`
	_, err := Parse([]byte(data))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Parse = %v, want a *ValidationError", err)
	}
	if len(ve.Problems) != maxProblems+1 {
		t.Fatalf("%d problems listed, want %d and a count of the rest", len(ve.Problems), maxProblems+1)
	}
	if last := ve.Problems[maxProblems]; !strings.HasSuffix(last.Rule, "more problems not listed") {
		t.Errorf("last problem = %v", last)
	}
}
