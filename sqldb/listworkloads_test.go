package sqldb_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/wellops/wellops"
)

// TestListWorkloadsMergesOwnAndShared: ListWorkloads reads the account's own workloads and
// the ones shared with it in two ordered halves; every sort and page must still come out as
// one ordering, with no row missing or repeated, and OwnOnly must leave the shared ones out.
func TestListWorkloadsMergesOwnAndShared(t *testing.T) {
	each(t, func(t *testing.T, e *testEnv) {
		nones := []struct{ q, none string }{{"priorities", "ops_priorities_no"}, {"ops-model", "ops_ops_model_no"},
			{"org-culture", "ops_org_culture_no"}, {"observability", "ops_telemetry_no"}}
		// The stranger's account owns "b…" workloads and shares them with the owner's; the
		// owner's own are "a…". HIGH counts interleave across the two halves.
		for i := range 4 {
			own := e.newWorkload(t, e.owner, fmt.Sprintf("a-%d", i))
			theirs := e.newWorkload(t, e.stranger, fmt.Sprintf("b-%d", i))
			for _, n := range nones[:i] {
				e.selectChoices(t, e.owner, own.ID, n.q, n.none)
			}
			for _, n := range nones[:3-i] {
				e.selectChoices(t, e.stranger, theirs.ID, n.q, n.none)
			}
			sh := must[*wellops.Share](t)(e.db.CreateShare(e.stranger, wellops.ResWorkload, theirs.ID, "111111111111", wellops.PermReadOnly))
			must[*wellops.Share](t)(e.db.UpdateShareInvitation(e.owner, sh.ID, wellops.InvitationAccept))
		}
		pages := func(q wellops.WorkloadQuery) []string {
			var out []string
			for {
				page, next, err := e.db.ListWorkloads(e.owner, q)
				ok(t, err)
				for _, w := range page {
					perm := wellops.PermOwner
					if w.Name[0] == 'b' {
						perm = wellops.PermReadOnly
					}
					if w.Permission != perm {
						t.Fatalf("%s: permission %s, want %s", w.Name, w.Permission, perm)
					}
					out = append(out, fmt.Sprintf("%s:%d", w.Name, w.RiskCounts.High))
				}
				if next == "" {
					return out
				}
				q.Page.Token = next
			}
		}
		for _, tt := range []struct {
			q    wellops.WorkloadQuery
			want []string
		}{
			{wellops.WorkloadQuery{}, []string{"a-0:0", "a-1:1", "a-2:2", "a-3:3", "b-0:3", "b-1:2", "b-2:1", "b-3:0"}},
			{wellops.WorkloadQuery{Desc: true}, []string{"b-3:0", "b-2:1", "b-1:2", "b-0:3", "a-3:3", "a-2:2", "a-1:1", "a-0:0"}},
			{wellops.WorkloadQuery{Sort: "high", Desc: true}, []string{"a-3:3", "b-0:3", "a-2:2", "b-1:2", "a-1:1", "b-2:1", "a-0:0", "b-3:0"}},
			{wellops.WorkloadQuery{Sort: "high"}, []string{"a-0:0", "b-3:0", "a-1:1", "b-2:1", "a-2:2", "b-1:2", "a-3:3", "b-0:3"}},
			{wellops.WorkloadQuery{Sort: "high", Desc: true, Risk: "HIGH"}, []string{"a-3:3", "b-0:3", "a-2:2", "b-1:2", "a-1:1", "b-2:1"}},
			{wellops.WorkloadQuery{Sort: "high", Desc: true, OwnOnly: true}, []string{"a-3:3", "a-2:2", "a-1:1", "a-0:0"}},
		} {
			for _, limit := range []int{1, 3, 50} {
				q := tt.q
				q.Page.Limit = limit
				if got := pages(q); !slices.Equal(got, tt.want) {
					t.Errorf("%+v pages of %d: %v, want %v", tt.q, limit, got, tt.want)
				}
			}
		}
	})
}
