package sqldb_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/wellops/wellops/sqldb"
)

func TestObserveNamesTheStoreMethod(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	opt := sqldb.Options{Observe: func(_ context.Context, op string, _ time.Time, d time.Duration, err error) {
		mu.Lock()
		seen[op]++
		mu.Unlock()
	}}
	e := newEnv(t, kinds(t)[0].DSN(t), opt)
	w := e.newWorkload(t, e.owner, "observed")
	e.selectChoices(t, e.owner, w.ID, "observability", ops04All...)
	mu.Lock()
	defer mu.Unlock()
	for _, op := range []string{"CreateWorkload", "GetWorkload", "UpdateAnswer"} {
		if seen[op] == 0 {
			t.Errorf("no observation for %s (saw %v)", op, seen)
		}
	}
}
