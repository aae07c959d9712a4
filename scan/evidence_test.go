package scan

import (
	"strings"
	"testing"
)

// TestContainsAny: the filtered search finds exactly what a search per word finds.
func TestContainsAny(t *testing.T) {
	t.Parallel()
	words := []string{"rollback", "roll back", "disaster recovery", "restore", "x", "velero"}
	texts := []string{
		"", "r", "docs/runbooks/rollback.md rolling back a release", "source/velero.html.md.erb velero",
		"a long path/with/nothing/of/interest/in/it/at/all.md and a title", "ends with restor",
		"ends with restore", "disaster\\nrecovery", "has an x in it somewhere far along the text",
		"ünïcödé: disaster recovery", strings.Repeat("roll bac", 40) + "k",
	}
	for _, s := range texts {
		for n := 0; n <= len(words); n++ {
			want := false
			for _, w := range words[:n] {
				want = want || strings.Contains(s, w)
			}
			if got := containsAny(s, words[:n]...); got != want {
				t.Errorf("containsAny(%q, %q) = %v, want %v", s, words[:n], got, want)
			}
		}
	}
	if !containsAny("anything at all, long enough", "a", "", "zz") {
		t.Error("an empty word is in every text")
	}
}
