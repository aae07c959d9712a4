package scan

import (
	"hash/maphash"
	"path"
	"strings"
	"sync"
)

// extractCache parses identical files once. Repositories repeat configuration: the same
// manifests per environment or cluster, generated copies, examples copied between services.
// Facts depend only on a file's content, its kind and the few parts of its path the extractors
// look at (extractRole), so a repeat is served by copying the first file's facts with the
// path changed.
//
// The key holds a 64-bit maphash with a seed chosen per scan, so a repository cannot be
// built to collide on purpose, plus the length.
type extractCache struct {
	vocab *vocab
	seed  maphash.Seed
	mu    sync.Mutex
	m     map[cacheKey]*Facts
}

type cacheKey struct {
	kind fileKind
	role string
	size int
	hash uint64
}

func newExtractCache(v *vocab) *extractCache {
	return &extractCache{vocab: v, seed: maphash.MakeSeed(), m: map[cacheKey]*Facts{}}
}

// extractRole is the part of a path that extractors read besides the content: the base name,
// and the full path for files whose meaning depends on where they are at the root.
func extractRole(p string) string {
	for _, pre := range [...]string{".github/", ".gitlab/", ".circleci/", ".buildkite/", ".woodpecker/", ".ci/", "ci/", "config/", "templates/"} {
		if strings.HasPrefix(p, pre) {
			return p
		}
	}
	if inHelmTemplates(p) {
		return "templates|" + path.Base(p)
	}
	return path.Base(p)
}

func (c *extractCache) extract(f *Facts, p string, kind fileKind, data []byte) {
	key := cacheKey{kind: kind, role: extractRole(p), size: len(data), hash: maphash.Bytes(c.seed, data)}
	c.mu.Lock()
	hit := c.m[key]
	c.mu.Unlock()
	if hit != nil {
		f.appendRelocated(hit, p, c.vocab.gloss)
		return
	}
	var one Facts
	safeExtract(&one, p, kind, data, c.vocab)
	c.mu.Lock()
	c.m[key] = &one
	c.mu.Unlock()
	f.merge(&one)
}

// appendRelocated appends a copy of src, the facts of one file, as the facts of the file at p.
// Nested slices are shared: facts are never changed after extraction.
func (f *Facts) appendRelocated(src *Facts, p string, g *glosser) {
	for _, s := range src.Signals {
		s.Path = p
		f.Signals = append(f.Signals, s)
	}
	for _, w := range src.Warnings {
		w.Path = p
		f.Warnings = append(f.Warnings, w)
	}
	f.Pipelines = relocate(f.Pipelines, src.Pipelines, func(x *Pipeline) { x.Path = p })
	f.Objects = relocate(f.Objects, src.Objects, func(x *K8sObject) { x.Path = p })
	f.Alerts = relocate(f.Alerts, src.Alerts, func(x *AlertRule) { x.Path = p })
	f.Routers = relocate(f.Routers, src.Routers, func(x *Router) { x.Path = p })
	f.Dashboards = relocate(f.Dashboards, src.Dashboards, func(x *Dashboard) { x.Path = p })
	f.Resources = relocate(f.Resources, src.Resources, func(x *Resource) { x.Path = p })
	f.Deps = relocate(f.Deps, src.Deps, func(x *Dependency) { x.Path = p })
	f.Docs = relocate(f.Docs, src.Docs, func(x *DocFile) { x.movePath(p, g) })
	f.Owners = relocate(f.Owners, src.Owners, func(x *OwnerRule) { x.Path = p })
	f.Collectors = relocate(f.Collectors, src.Collectors, func(x *Collector) { x.Path = p })
	f.SLOs = relocate(f.SLOs, src.SLOs, func(x *SLO) { x.Path = p })
	f.Updaters = relocate(f.Updaters, src.Updaters, func(x *Updater) { x.Path = p })
}

// relocate appends copies of src with set applied. The copies of one file's facts share one
// allocation: a large tree repeats tens of thousands of files.
func relocate[T any](dst, src []*T, set func(*T)) []*T {
	if len(src) == 0 {
		return dst
	}
	copies := make([]T, len(src))
	for i, x := range src {
		copies[i] = *x
		set(&copies[i])
		dst = append(dst, &copies[i])
	}
	return dst
}
