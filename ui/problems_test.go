package ui

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

func TestProblemTextKorean(t *testing.T) {
	ko := newProblemText("ko")
	tests := []struct{ in, want string }{
		{"must be at most 100 characters, got 130", "최대 100자까지 입력할 수 있습니다(입력 130자)"},
		{"is required (3 to 100 characters)", "필수 항목입니다(3~100자)"},
		{`must be one of PRODUCTION, PREPRODUCTION, got "TEST"`, `다음 중 하나여야 합니다: PRODUCTION, PREPRODUCTION (입력: "TEST")`},
		{"must be READONLY or CONTRIBUTOR", "READONLY 또는 CONTRIBUTOR 중 하나여야 합니다"},
		{"must be HIGH_RISK, MEDIUM_RISK or NO_RISK (found \"LOW\")", `HIGH_RISK, MEDIUM_RISK 또는 NO_RISK 중 하나여야 합니다 (입력: "LOW")`},
		{`a workload named "Shop" already exists in this account (names ignore case and spaces)`,
			`이 계정에 이미 "Shop" 워크로드가 있습니다(이름은 대소문자와 공백을 구분하지 않습니다)`},
		{"line 3, column 7: invalid character '}'", "3행 7열: invalid character '}'"},
		{"must have 1–15 choices (found none)", "선택지가 1~15개 있어야 합니다 (입력: none)"},
		// A message no rule knows keeps its exact English text rather than losing the fact.
		{"something new (found 3)", "something new (found 3)"},
	}
	for _, tt := range tests {
		if got := ko.translate(tt.in); got != tt.want {
			t.Errorf("translate(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
	en := newProblemText("en")
	for _, tt := range tests {
		if got := en.translate(tt.in); got != tt.in {
			t.Errorf("English translate(%q) = %q, want it unchanged", tt.in, got)
		}
	}
}

// TestProblemTextCoversValidators produces the problems the domain's validators and the lens
// engine really report for bad input, and checks a Korean page shows every one in Korean.
func TestProblemTextCoversValidators(t *testing.T) {
	long := strings.Repeat("x", 3000)
	var msgs []string
	collect := func(err error) {
		t.Helper()
		var we *wellops.Error
		if !errors.As(err, &we) || len(we.Fields) == 0 {
			t.Fatalf("want an EINVALID with fields, got %v", err)
		}
		for _, f := range we.Fields {
			msgs = append(msgs, f.Message)
		}
	}
	collect((&wellops.NewWorkload{Name: "", Description: long, Environment: "TEST", ReviewOwner: "ab",
		AccountIDs: []string{"12"}, NonAWSRegions: []string{"x"}, PillarPriorities: []string{"bad id!"},
		ArchitecturalDesign: "gopher://x", IndustryType: "Nope", Notes: long,
		Tags:   map[string]string{"aws:x": "v", "": strings.Repeat("v", 300)},
		Lenses: make([]string, 21), Applications: []string{"a", "b"},
	}).Validate())
	collect((&wellops.NewWorkload{Name: "ok name", Description: "ok description", Environment: "PRODUCTION",
		ReviewOwner: "owner", AWSRegions: []string{"mars-1"}, Tags: map[string]string{}}).Validate())
	collect((&wellops.NewWorkload{Name: "ok name", Description: "ok description", Environment: "PRODUCTION",
		ReviewOwner: "owner"}).Validate())
	collect(wellops.ValidateMilestoneName("ab"))
	collect(wellops.ValidateSharedWith("o-1234567890ab"))
	collect(wellops.ValidateSharedWith("1"))
	collect((&wellops.NewUser{Name: "bad name", AccountID: "x", Password: "short"}).Validate())
	collect((&wellops.NewReviewTemplate{Name: "<b>", Description: "ok description"}).Validate())

	b, err := os.ReadFile("../lens/testdata/export.json")
	if err != nil {
		t.Fatal(err)
	}
	broken := []func(doc map[string]any){
		func(d map[string]any) { d["name"] = ""; d["description"] = strings.Repeat("d", 3000) },
		func(d map[string]any) { d["pillars"] = []any{} },
		func(d map[string]any) { pillar(d)["id"] = "x"; question(d)["title"] = "" },
		func(d map[string]any) { question(d)["choices"] = []any{} },
		func(d map[string]any) {
			c := question(d)["choices"].([]any)[0].(map[string]any)
			c["helpfulResource"] = map[string]any{"url": "ftp://x"}
			c["additionalResources"] = []any{map[string]any{"type": "OTHER", "content": []any{}}}
			delete(c, "improvementPlan")
		},
		func(d map[string]any) {
			q := question(d)
			q["riskRules"] = []any{
				map[string]any{"condition": "c_a ||", "risk": "NO_RISK"},
				map[string]any{"condition": "c_zz", "risk": "NO_RISK"},
				map[string]any{"condition": "c_a", "risk": "LOW"},
			}
		},
		func(d map[string]any) {
			cs := question(d)["choices"].([]any)
			cs[1].(map[string]any)["id"] = cs[0].(map[string]any)["id"]
		},
		func(d map[string]any) {
			question(d)["riskRules"] = []any{
				map[string]any{"condition": "default", "risk": "NO_RISK"},
				map[string]any{"condition": "default", "risk": "HIGH_RISK"},
			}
		},
	}
	for _, mutate := range broken {
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		mutate(doc)
		data, _ := json.Marshal(doc)
		_, err := lens.Parse(data)
		var ve *lens.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("Parse = %v, want a *lens.ValidationError", err)
		}
		for _, p := range ve.Problems {
			m := p.Rule
			if p.Value != "" {
				m += " (found " + p.Value + ")" // as the store hands them on (sqldb.lensError)
			}
			msgs = append(msgs, m)
		}
	}
	_, err = lens.Parse([]byte("{\n  \"name\": }"))
	var se *lens.SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Parse = %v, want a *lens.SyntaxError", err)
	}
	msgs = append(msgs, se.Error())

	ko := newProblemText("ko")
	for _, m := range msgs {
		got := ko.translate(m)
		if got == m || !hasHangul(got) {
			t.Errorf("no Korean for %q (got %q)", m, got)
		}
	}
	if len(msgs) < 40 {
		t.Errorf("only %d messages collected; the inputs above should break more rules", len(msgs))
	}
}

func pillar(d map[string]any) map[string]any {
	return d["pillars"].([]any)[0].(map[string]any)
}

func question(d map[string]any) map[string]any {
	return pillar(d)["questions"].([]any)[0].(map[string]any)
}

func hasHangul(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}
