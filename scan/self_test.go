package scan

import (
	"slices"
	"testing"
)

// TestScanThisRepository holds wellops to what it reviews: scanned like any workload, its own
// repository must show the practices a repository can show and that it claims (health
// endpoints and metrics, runbooks and alerts, CI that tests and deploys, rollback on a failed
// deployment, decision records). Deleting one of them fails here, not in a review.
func TestScanThisRepository(t *testing.T) {
	r := scanDir(t, "..", Options{})
	want := []string{
		"OPS01-BP06", "OPS02-BP01",
		"OPS04-BP01", "OPS04-BP02", "OPS04-BP03", "OPS04-BP04", "OPS04-BP05",
		"OPS05-BP01", "OPS05-BP02", "OPS05-BP06",
		"OPS06-BP01", "OPS06-BP02", "OPS06-BP04",
		"OPS07-BP01", "OPS07-BP02", "OPS07-BP03",
		"OPS08-BP04",
		"OPS10-BP01", "OPS10-BP02", "OPS10-BP03",
	}
	for _, bp := range r.BestPractices {
		if slices.Contains(want, bp.ID) && bp.Status != Found {
			t.Errorf("%s %q: %s (%s), want found", bp.ID, bp.Title, bp.Status, bp.Summary)
		}
	}
}
