package ui_test

import (
	"net/http"
	"testing"
)

// TestEvidenceSummaryFollowsPageLanguage: the scanner stores a summary in both languages; a
// Korean page shows the Korean one and an English page the English one.
func TestEvidenceSummaryFollowsPageLanguage(t *testing.T) {
	e := newEnv(t)
	s := seed(t, e)
	q := "/ui/workloads/" + s.w.ID + "/review/wellarchitected/priorities"
	tests := []struct {
		name, lang, want, lacks string
	}{
		{"english", "en", "a governance policy file is present", "거버넌스 정책 파일이 있음"},
		{"korean", "ko-KR,ko;q=0.9,en;q=0.5", "거버넌스 정책 파일이 있음", "a governance policy file is present"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := e.signedIn("alice")
			c.lang = tt.lang
			c.get(q).want(t, http.StatusOK, tt.want).lacks(t, tt.lacks)
		})
	}
}
