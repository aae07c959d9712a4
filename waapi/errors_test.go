package waapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/wellops/wellops"
)

func TestErrorResponse(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		shape      string
		status     int
		wantInBody []string
		notInBody  []string
	}{
		{"validation", (&wellops.Problems{{Name: "WorkloadName", Message: "must be 3 to 100 characters, got 1"}}).Err(),
			"ValidationException", 400, []string{`"Reason":"FIELD_VALIDATION_FAILED"`, `"Fields":[{"Name":"WorkloadName"`}, nil},
		{"not found", wellops.NotFound(wellops.ResWorkload, "abc"), "ResourceNotFoundException", 404,
			[]string{`"ResourceId":"abc"`, `"ResourceType":"WORKLOAD"`}, nil},
		{"not found without a type", wellops.Errorf(wellops.ENOTFOUND, "gone"), "ResourceNotFoundException", 404,
			[]string{`"ResourceId":"UNKNOWN"`, `"ResourceType":"UNKNOWN"`}, nil},
		{"conflict", wellops.Conflict(wellops.ResWorkload, "w", "taken"), "ConflictException", 409, []string{`"ResourceId":"w"`}, nil},
		{"quota is 402", wellops.QuotaExceeded(wellops.QuotaWorkloads, wellops.ResWorkload, "", "full"), "ServiceQuotaExceededException", 402,
			[]string{`"QuotaCode":"L-ACECEBBD"`, `"ServiceCode":"wellarchitected"`}, nil},
		{"forbidden", wellops.Errorf(wellops.EFORBIDDEN, "read-only"), "AccessDeniedException", 403, nil, nil},
		{"throttled", wellops.Errorf(wellops.ETHROTTLED, "slow down"), "ThrottlingException", 429, []string{`"ServiceCode"`}, nil},
		{"internal text stays inside", fmt.Errorf("query: %w", errors.New("pq: relation secret_table does not exist")),
			"InternalServerException", 500, []string{`"Message":"internal error"`}, []string{"secret_table"}},
		{"auth", missingAuth(), "MissingAuthenticationTokenException", 403, nil, nil},
		{"unknown operation", invalid(reasonUnknownOperation, "no operation"), "ValidationException", 400,
			[]string{`"Reason":"UNKNOWN_OPERATION"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			status := writeError(w, slog.New(slog.NewTextHandler(io.Discard, nil)), "rid", tt.err)
			body := w.Body.String()
			if status != tt.status || w.Code != tt.status || w.Header().Get("X-Amzn-ErrorType") != tt.shape {
				t.Fatalf("status %d/%d type %q, want %d %s", status, w.Code, w.Header().Get("X-Amzn-ErrorType"), tt.status, tt.shape)
			}
			var m map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil || m["Message"] == "" || m["__type"] != tt.shape {
				t.Fatalf("body %s: %v", body, err)
			}
			for _, s := range tt.wantInBody {
				if !strings.Contains(body, s) {
					t.Errorf("body %s lacks %s", body, s)
				}
			}
			for _, s := range tt.notInBody {
				if strings.Contains(body, s) {
					t.Errorf("body %s leaks %s", body, s)
				}
			}
		})
	}
}

func TestTokens(t *testing.T) {
	s, err := newTokenSealer([]byte(strings.Repeat("k", 32)))
	if err != nil {
		t.Fatal(err)
	}
	tok := s.seal("50", "111111111111", "ListAnswers")
	if strings.Contains(tok, "50") && len(tok) < 10 {
		t.Errorf("token %q shows its cursor", tok)
	}
	if raw, err := s.open(tok, "111111111111", "ListAnswers"); err != nil || raw != "50" {
		t.Fatalf("open = %q, %v", raw, err)
	}
	other, _ := newTokenSealer([]byte(strings.Repeat("j", 32)))
	tampered := []byte(tok)
	tampered[len(tampered)/2] ^= 1
	for name, open := range map[string]func() (string, error){
		"other account":   func() (string, error) { return s.open(tok, "222222222222", "ListAnswers") },
		"other operation": func() (string, error) { return s.open(tok, "111111111111", "ListWorkloads") },
		"other key":       func() (string, error) { return other.open(tok, "111111111111", "ListAnswers") },
		"tampered":        func() (string, error) { return s.open(string(tampered), "111111111111", "ListAnswers") },
		"garbage":         func() (string, error) { return s.open("%%%", "111111111111", "ListAnswers") },
	} {
		_, err := open()
		names, _ := fieldNames(err)
		if len(names) != 1 || names[0] != "NextToken" {
			t.Errorf("%s: %v, want a ValidationException naming NextToken", name, err)
		}
	}
}

func TestRateLimiter(t *testing.T) {
	now := testTime
	l := newRateLimiter(2, func() time.Time { return now })
	allowed := 0
	for range 10 {
		if l.allow("k") {
			allowed++
		}
	}
	if allowed != 4 { // a burst of twice the rate
		t.Errorf("burst allowed %d, want 4", allowed)
	}
	if !l.allow("other") {
		t.Error("another key shares the bucket")
	}
	now = now.Add(time.Second)
	if first, second, third := l.allow("k"), l.allow("k"), l.allow("k"); !first || !second || third {
		t.Error("one second should refill two tokens")
	}
	if newRateLimiter(0, time.Now).allow("k") != true {
		t.Error("rate 0 must not limit")
	}
}
