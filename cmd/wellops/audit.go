package main

import (
	"context"
	"encoding/json"
	"time"

	"github.com/wellops/wellops"
)

// auditCmd is "wellops audit": a workload's audit trail, newest first.
// auditJSON is an audit event with its before and after values as JSON rather than as
// strings holding JSON, so that scripts can query them (jq .After.SelectedChoices).
type auditJSON struct {
	ID         int64
	WorkloadID string
	At         time.Time
	Actor      string
	Action     string
	Target     string
	Before     json.RawMessage `json:",omitempty"`
	After      json.RawMessage `json:",omitempty"`
}

func auditCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("audit", "WORKLOAD [--limit N] [--json]", e.stderr)
	sf := addStoreFlags(fs, e, true, false)
	limit := fs.Int("limit", 50, "show the newest `N` events (0: all)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	if *limit < 0 {
		return invalidFlag("limit", "must be 0 (all) or more, got %d", *limit)
	}
	c, w, err := sf.openWorkload(ctx, e, "audit", pos[0])
	if err != nil {
		return err
	}
	defer c.Close()
	var events []wellops.AuditEvent
	pg := wellops.Page{}
	for {
		pg.Limit = 1000
		if *limit > 0 {
			pg.Limit = min(1000, *limit-len(events))
		}
		page, next, err := c.db.ListAudit(c.ctx(ctx), w.ID, pg)
		if err != nil {
			return err
		}
		events = append(events, page...)
		if next == "" || (*limit > 0 && len(events) >= *limit) {
			break
		}
		pg.Token = next
	}
	if *sf.json {
		out := make([]auditJSON, len(events))
		for i, ev := range events {
			out[i] = auditJSON{ID: ev.ID, WorkloadID: ev.WorkloadID, At: ev.At, Actor: ev.Actor, Action: ev.Action,
				Target: ev.Target, Before: rawJSON(ev.Before), After: rawJSON(ev.After)}
		}
		return writeJSON(e.stdout, out)
	}
	tw := newTable(e.stdout, "WHEN", "ACTION", "TARGET", "WHO")
	for _, ev := range events {
		row(tw, ev.At.Local().Format("2006-01-02 15:04:05"), ev.Action, ev.Target, ev.Actor)
	}
	return tw.Flush()
}

// rawJSON passes a stored JSON value through, and quotes anything that is not JSON.
func rawJSON(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	if json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	b, _ := json.Marshal(s)
	return b
}
