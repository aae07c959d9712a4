package wellops

import "time"

// AuditEvent records one change: who made it, when, what, and the value before and after
// (JSON, empty when there was none).
type AuditEvent struct {
	ID         int64
	WorkloadID string
	At         time.Time
	Actor      string // the principal's user ARN
	Action     string // the operation, e.g. UpdateAnswer
	Target     string // what changed within the workload, e.g. wellarchitected/priorities
	Before     string
	After      string
}
