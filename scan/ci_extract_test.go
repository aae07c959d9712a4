package scan

import "testing"

func TestOnFailure(t *testing.T) {
	for _, tt := range []struct {
		cond string
		want bool
	}{
		{"failure()", true},
		{"${{ failure() }}", true},
		{"failure() && github.ref == 'refs/heads/main'", true},
		{"${{ cancelled() || failure() }}", true},
		{"!failure()", false},
		{"${{ ! failure() }}", false},
		{"always()", false}, // runs after success too: not a rollback on failure
		{"success()", false},
		{"", false},
	} {
		if got := onFailure(tt.cond); got != tt.want {
			t.Errorf("onFailure(%q) = %v, want %v", tt.cond, got, tt.want)
		}
	}
}
