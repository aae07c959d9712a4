package scan

import (
	"bytes"
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Each check's metadata (what it supports, why it matters, what satisfies it) lives in
// checks.yaml beside the code; the same file generates docs/checks.md.
//
//go:embed checks.yaml
var checksYAML []byte

// checkMeta is one entry of checks.yaml.
type checkMeta struct {
	ID     string `yaml:"id"`
	Family string `yaml:"family"`
	Title  string `yaml:"title"`
	// BestPractices are the practices the check is direct evidence for.
	BestPractices []string `yaml:"bestPractices"`
	// Supports are practices it hints at: its "found" counts as "partial" for them.
	Supports []string `yaml:"supports"`
	Why      string   `yaml:"why"`
	Satisfy  string   `yaml:"satisfy"`
}

func loadCheckMeta() ([]checkMeta, error) {
	dec := yaml.NewDecoder(bytes.NewReader(checksYAML))
	dec.KnownFields(true)
	var metas []checkMeta
	if err := dec.Decode(&metas); err != nil {
		return nil, fmt.Errorf("checks.yaml: %w", err)
	}
	return metas, nil
}

// outcome is what a check function returns.
type outcome struct {
	Status     Status
	Confidence Confidence
	Summary    string
	Counts     map[string]int
	Evidence   []Item
	Gaps       []Item
}

// checkFunc is a check: a pure function of the collected facts.
type checkFunc func(f *Facts) outcome

// check is a registered check with its metadata.
type check struct {
	meta checkMeta
	run  checkFunc
}

// bindChecks joins the registry with checks.yaml; a check without metadata, or metadata
// without a check, is a programming error caught by tests.
func bindChecks(metas []checkMeta, reg []registered) ([]check, error) {
	byID := map[string]checkMeta{}
	for _, m := range metas {
		if _, dup := byID[m.ID]; dup {
			return nil, fmt.Errorf("checks.yaml: duplicate check %s", m.ID)
		}
		byID[m.ID] = m
	}
	var out []check
	seen := map[string]bool{}
	for _, r := range reg {
		m, ok := byID[r.id]
		if !ok {
			return nil, fmt.Errorf("check %s has no entry in checks.yaml", r.id)
		}
		seen[r.id] = true
		out = append(out, check{meta: m, run: r.fn})
	}
	for id := range byID {
		if !seen[id] {
			return nil, fmt.Errorf("checks.yaml describes %s, which is not registered", id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].meta.ID < out[j].meta.ID })
	return out, nil
}

// maxItems bounds the evidence and gap lists of one check; Counts keep the totals.
const maxItems = 50

// runChecks runs every check. A check that panics becomes an "error" result and the others go
// on: one bad heuristic must not cost the whole report.
//
// Checks are pure functions of the facts, so they run in parallel; results keep the
// registry's order.
func runChecks(ctx context.Context, checks []check, f *Facts) []CheckResult {
	out := make([]CheckResult, len(checks))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = runOne(checks[i], f)
			}
		}()
	}
	for i := range checks {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if ctx.Err() != nil {
		return nil
	}
	return out
}

func runOne(c check, f *Facts) (res CheckResult) {
	res = CheckResult{ID: c.meta.ID, Title: c.meta.Title, BestPractices: append(append([]string{}, c.meta.BestPractices...), c.meta.Supports...)}
	defer func() {
		if r := recover(); r != nil {
			res.Status = Inconclusive
			res.Confidence = ""
			res.Summary = "the check failed; its result is not used"
			res.Error = fmt.Sprintf("%v\n%s", r, firstFrames(debug.Stack(), 6))
			res.Evidence, res.Gaps, res.Counts = nil, nil, nil
		}
	}()
	o := c.run(f)
	res.Status = o.Status
	res.Confidence = o.Confidence
	if o.Status != Found && o.Status != Partial {
		res.Confidence = ""
	}
	res.Summary = o.Summary
	res.Counts = o.Counts
	res.Evidence = capItems(stamp(o.Evidence, c.meta.ID))
	res.Gaps = capItems(stamp(o.Gaps, c.meta.ID))
	return res
}

// stamp sets the check ID and orders the items.
func stamp(items []Item, id string) []Item {
	for i := range items {
		items[i].Check = id
		if len(items[i].Tags) > 1 {
			slices.Sort(items[i].Tags)
		}
	}
	// Deterministic order (some facts come from maps): own evidence first, then by place.
	slices.SortStableFunc(items, func(a, b Item) int {
		if ea, eb := hasTag(a, TagExample), hasTag(b, TagExample); ea != eb {
			if eb {
				return -1
			}
			return 1
		}
		return cmpItems(a, b)
	})
	return dedupSorted(items)
}

// cmpItems orders items by path, line and text.
func cmpItems(a, b Item) int {
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	if a.Line != b.Line {
		return cmp.Compare(a.Line, b.Line)
	}
	return strings.Compare(a.Text, b.Text)
}

// dedupSorted drops repeated items from a list in stamp's order, where repeats are
// neighbours: whether an item is an example follows from its path. Lists reach tens of
// thousands of items on large trees, so this needs no map.
func dedupSorted(items []Item) []Item {
	if len(items) < 2 {
		return items
	}
	out := items[:1]
	for _, it := range items[1:] {
		if cmpItems(it, out[len(out)-1]) != 0 {
			out = append(out, it)
		}
	}
	return out
}

// dedupItems drops repeated items (same check, place and text) in any order, keeping the first.
func dedupItems(items []Item) []Item {
	type key struct {
		check, path, text string
		line              int
	}
	seen := map[key]bool{}
	out := items[:0]
	for _, it := range items {
		k := key{it.Check, it.Path, it.Text, it.Line}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, it)
	}
	return out
}

func capItems(items []Item) []Item {
	if len(items) > maxItems {
		return items[:maxItems]
	}
	return items
}

func firstFrames(stack []byte, n int) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > 2*n+1 {
		lines = lines[:2*n+1]
	}
	return strings.Join(lines, "\n")
}
