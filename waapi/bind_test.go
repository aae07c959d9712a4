package waapi

import (
	"errors"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/wellops/wellops"
)

// fieldNames returns the Fields a bind error names, or the reason for an apiError.
func fieldNames(err error) (names []string, reason string) {
	var ae *apiError
	if errors.As(err, &ae) {
		reason = ae.reason
	}
	var we *wellops.Error
	if errors.As(err, &we) {
		for _, f := range we.Fields {
			names = append(names, f.Name)
		}
	}
	return names, reason
}

func TestBind(t *testing.T) {
	type in = updateAnswerIn
	plan := planFor(reflect.TypeFor[in]())
	id := strings.Repeat("a", 32)
	tests := []struct {
		name       string
		path, body string
		wantFields []string
		wantReason string
	}{
		{"ok", "/x?y=1", `{"SelectedChoices":["c1"],"Notes":"n","IsApplicable":true,"Unknown":{"x":1}}`, nil, ""},
		{"empty body", "", ``, nil, ""},
		{"bad id", "", `{}`, []string{"WorkloadId"}, ""},
		{"every problem at once", "", `{"Notes":"` + strings.Repeat("x", 2085) + `","Reason":"BAD","ChoiceUpdates":{"c":{"Status":"MAYBE","Notes":"` +
			strings.Repeat("y", 251) + `"}}}`, []string{"Notes", "Reason", "ChoiceUpdates.c.Status", "ChoiceUpdates.c.Notes"}, ""},
		{"missing nested required", "", `{"ChoiceUpdates":{"c":{}}}`, []string{"ChoiceUpdates.c.Status"}, ""},
		{"wrong type", "", `{"Notes":5}`, []string{"Notes"}, reasonFieldValidation},
		{"not json", "", `{"Notes":`, nil, reasonCannotParse},
		{"not an object", "", `[1]`, nil, reasonCannotParse},
		{"too deep", "", strings.Repeat(`{"a":`, 30) + "1" + strings.Repeat("}", 30), nil, reasonCannotParse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("PATCH", "/", nil)
			wid := id
			if tt.name == "bad id" {
				wid = "nope"
			}
			r.SetPathValue("WorkloadId", wid)
			r.SetPathValue("LensAlias", "wellarchitected")
			r.SetPathValue("QuestionId", "q1")
			var got in
			err := plan.bind(r, []byte(tt.body), &got)
			names, reason := fieldNames(err)
			slices.Sort(names)
			want := slices.Clone(tt.wantFields)
			slices.Sort(want)
			if !slices.Equal(names, want) || reason != tt.wantReason {
				t.Fatalf("bind: %v\n fields %v reason %q, want %v %q", err, names, reason, want, tt.wantReason)
			}
			if err == nil && got.WorkloadID != id {
				t.Errorf("WorkloadID = %q", got.WorkloadID)
			}
		})
	}
}

func TestBindQuery(t *testing.T) {
	plan := planFor(reflect.TypeFor[untagResourceIn]())
	tests := []struct {
		target string
		want   []string
		fields []string
	}{
		{"/?tagKeys=a&tagKeys=b", []string{"a", "b"}, nil},
		{"/", nil, []string{"tagKeys"}},
		{"/?tagKeys=" + strings.Repeat("k", 129), nil, []string{"tagKeys[0]"}},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("DELETE", tt.target, nil)
		r.SetPathValue("WorkloadArn", "arn:aws:wellarchitected:us-east-1:123456789012:workload/x")
		var in untagResourceIn
		err := plan.bind(r, nil, &in)
		names, _ := fieldNames(err)
		if !slices.Equal(names, tt.fields) {
			t.Errorf("%s: fields %v, want %v (%v)", tt.target, names, tt.fields, err)
		}
		if err == nil && !slices.Equal(in.TagKeys, tt.want) {
			t.Errorf("%s: TagKeys %v, want %v", tt.target, in.TagKeys, tt.want)
		}
	}

	plan = planFor(reflect.TypeFor[answersIn]())
	r := httptest.NewRequest("GET", "/?MaxResults=0&MilestoneNumber=x&QuestionPriority=SOME", nil)
	r.SetPathValue("WorkloadId", strings.Repeat("0", 32))
	r.SetPathValue("LensAlias", "wellarchitected")
	names, _ := fieldNames(plan.bind(r, nil, &answersIn{}))
	if !slices.Equal(names, []string{"MilestoneNumber"}) {
		t.Errorf("unparseable integer: fields %v", names)
	}
	r = httptest.NewRequest("GET", "/?MaxResults=0&MilestoneNumber=101&QuestionPriority=SOME", nil)
	r.SetPathValue("WorkloadId", strings.Repeat("0", 32))
	r.SetPathValue("LensAlias", "wellarchitected")
	names, _ = fieldNames(plan.bind(r, nil, &answersIn{}))
	if !slices.Equal(names, []string{"MilestoneNumber", "MaxResults", "QuestionPriority"}) {
		t.Errorf("out of range: fields %v", names)
	}
}

// FuzzDecode feeds arbitrary bodies to the binder of the richest input (CreateWorkload):
// it must never panic, and must answer either a bound input or a ValidationException.
func FuzzDecode(f *testing.F) {
	plan := planFor(reflect.TypeFor[createWorkloadIn]())
	f.Add(`{"WorkloadName":"abc","Description":"abc","Environment":"PRODUCTION","Lenses":["wellarchitected"],"ClientRequestToken":"t","AwsRegions":["us-east-1"]}`)
	f.Add(`{"Tags":{"a":"b"},"DiscoveryConfig":{"WorkloadResourceDefinition":["X"]},"JiraConfiguration":{"JiraProjectKey":"abc"}}`)
	f.Add(`{"AccountIds":[1,2],"Lenses":"x"}`)
	f.Add(`[[[[[[`)
	f.Add(`{"a":"\"}`)
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/workloads", nil)
		var in createWorkloadIn
		err := plan.bind(r, []byte(body), &in)
		if err == nil {
			return
		}
		var ae *apiError
		var we *wellops.Error
		if !errors.As(err, &ae) && !(errors.As(err, &we) && we.Code == wellops.EINVALID) {
			t.Fatalf("bind returned %T %v, want a ValidationException", err, err)
		}
		shape, b := errorResponse(err)
		if shape.name != "ValidationException" || b.Message == "" {
			t.Fatalf("error maps to %s %+v", shape.name, b)
		}
	})
}
