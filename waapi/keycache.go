package waapi

import (
	"context"
	"sync"
	"time"

	"github.com/wellops/wellops"
)

// keyCache remembers access keys the store returned for a short time, so that a client's
// stream of requests costs one key lookup (a query and a decryption) per ttl rather than one
// per request. A revoked key therefore keeps working for at most ttl on each replica. Unknown
// keys are not cached: they always reach the store.
type keyCache struct {
	ttl time.Duration
	now func() time.Time

	mu sync.Mutex
	m  map[string]cachedKey
}

type cachedKey struct {
	secret  string
	user    *wellops.User
	expires time.Time
}

// keyCacheMax bounds the cache; past it the cache starts over, which costs only lookups.
const keyCacheMax = 10000

func newKeyCache(ttl time.Duration, now func() time.Time) *keyCache {
	return &keyCache{ttl: ttl, now: now, m: map[string]cachedKey{}}
}

// lookup returns the key's secret and user, from the cache while fresh.
func (c *keyCache) lookup(ctx context.Context, ids wellops.IdentityService, id string) (string, *wellops.User, error) {
	if c.ttl <= 0 {
		return ids.LookupAccessKey(ctx, id)
	}
	now := c.now()
	c.mu.Lock()
	k, ok := c.m[id]
	c.mu.Unlock()
	if ok && now.Before(k.expires) {
		return k.secret, k.user, nil
	}
	secret, u, err := ids.LookupAccessKey(ctx, id)
	if err != nil || u == nil {
		return secret, u, err
	}
	c.mu.Lock()
	if len(c.m) >= keyCacheMax {
		clear(c.m)
	}
	c.m[id] = cachedKey{secret: secret, user: u, expires: now.Add(c.ttl)}
	c.mu.Unlock()
	return secret, u, nil
}
