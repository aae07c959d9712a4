package wellops

import "time"

// Milestone is an immutable snapshot of a workload: its properties, lens reviews and answers
// as they were when it was recorded. Reads that take a milestone number return that snapshot.
type Milestone struct {
	Number     int
	Name       string
	RecordedAt time.Time
	Workload   Workload
}

// MilestoneSummary is a milestone as lists show it.
type MilestoneSummary struct {
	Number     int
	Name       string
	RecordedAt time.Time
	Workload   WorkloadSummary
}

// ValidateMilestoneName checks a milestone name against the API's limits.
func ValidateMilestoneName(name string) error {
	var p Problems
	checkLen(&p, "MilestoneName", name, 3, 100)
	return p.Err()
}
