package scan

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Facts is everything the collect phase extracted, once per file. Checks are pure functions of
// Facts. Parsed trees are dropped after extraction: only these compact facts are kept, which is
// what bounds memory on large trees.
//
// It has one field per kind of artefact (not per check): a new check reads existing facts, and
// only a new kind of artefact adds a field here and an extractor in its family's file.
type Facts struct {
	// Files and Dirs are every first-party path walked (sorted), for path checks and for
	// joins such as "does the runbook this alert links to exist?".
	Files []string
	Dirs  []string

	Signals    []Signal      // simple presence facts, typed by SignalKind
	Pipelines  []*Pipeline   // CI/CD definitions, Makefiles and CI entry scripts
	Objects    []*K8sObject  // Kubernetes objects (manifests, Helm templates, CRs)
	Alerts     []*AlertRule  // alerting rules from any system
	Routers    []*Router     // Alertmanager-style routing trees
	Dashboards []*Dashboard  // dashboards as code
	Resources  []*Resource   // IaC resources (Terraform, CloudFormation/SAM)
	Deps       []*Dependency // dependency manifest entries
	Docs       []*DocFile    // documentation files
	Owners     []*OwnerRule  // CODEOWNERS lines
	Collectors []*Collector  // OpenTelemetry collector configurations
	SLOs       []*SLO        // service level objectives
	Updaters   []*Updater    // Dependabot / Renovate configurations

	// History is the git history summary; nil when there is no .git or no git binary.
	History *History

	// ops indexes Docs for the checks (finish builds it): first-party documentation that
	// is not a change log or a licence.
	ops []*DocFile
	// byKind indexes Signals by kind (finish builds it): the positions of each kind's
	// signals, in order. Most checks ask for a kind or two among tens of thousands.
	byKind map[SignalKind][]int

	Warnings []Warning
}

// SignalKind names one kind of presence fact; each family declares its own.
type SignalKind string

// Signal is a presence fact: a file or a line that shows something exists.
type Signal struct {
	Kind SignalKind
	Path string
	Line int
	Text string
}

func (f *Facts) signal(k SignalKind, path string, line int, text string) {
	f.Signals = append(f.Signals, Signal{Kind: k, Path: path, Line: line, Text: clip(text, 160)})
}

// merge appends another worker's facts.
func (f *Facts) merge(o *Facts) {
	f.Signals = append(f.Signals, o.Signals...)
	f.Pipelines = append(f.Pipelines, o.Pipelines...)
	f.Objects = append(f.Objects, o.Objects...)
	f.Alerts = append(f.Alerts, o.Alerts...)
	f.Routers = append(f.Routers, o.Routers...)
	f.Dashboards = append(f.Dashboards, o.Dashboards...)
	f.Resources = append(f.Resources, o.Resources...)
	f.Deps = append(f.Deps, o.Deps...)
	f.Docs = append(f.Docs, o.Docs...)
	f.Owners = append(f.Owners, o.Owners...)
	f.Collectors = append(f.Collectors, o.Collectors...)
	f.SLOs = append(f.SLOs, o.SLOs...)
	f.Updaters = append(f.Updaters, o.Updaters...)
	f.Warnings = append(f.Warnings, o.Warnings...)
}

// finish orders the facts and builds the indexes checks read. Checks run in parallel, so
// nothing is computed lazily after this.
func (f *Facts) finish() {
	f.sortAll()
	var wg sync.WaitGroup
	wg.Go(func() {
		f.byKind = map[SignalKind][]int{}
		for i, s := range f.Signals {
			f.byKind[s.Kind] = append(f.byKind[s.Kind], i)
		}
	})
	f.ops = nil
	for _, d := range f.Docs {
		if scopeOf(d.Path) != fixtureScope && isOpsDoc(d) {
			f.ops = append(f.ops, d)
		}
	}
	wg.Wait()
}

// sortAll orders every slice by path and line, so output does not depend on which worker read
// which file first. The slices are independent, so they are sorted in parallel: on a large
// tree this runs while nothing else can.
func (f *Facts) sortAll() {
	var wg sync.WaitGroup
	wg.Go(func() { slices.Sort(f.Files) })
	wg.Go(func() { slices.Sort(f.Dirs) })
	wg.Go(f.sortSignals)
	wg.Go(f.sortWarnings)
	for _, sort := range []func(){
		func() { byPathLine(f.Pipelines, func(p *Pipeline) (string, int) { return p.Path, p.Line }) },
		func() { byPathLine(f.Objects, func(p *K8sObject) (string, int) { return p.Path, p.Line }) },
		func() { byPathLine(f.Alerts, func(p *AlertRule) (string, int) { return p.Path, p.Line }) },
		func() { byPathLine(f.Routers, func(p *Router) (string, int) { return p.Path, p.Line }) },
		func() { byPathLine(f.Dashboards, func(p *Dashboard) (string, int) { return p.Path, p.Line }) },
		func() { byPathLine(f.Resources, func(p *Resource) (string, int) { return p.Path, p.Line }) },
		func() { byPathLine(f.Deps, func(p *Dependency) (string, int) { return p.Path, p.Line }) },
		func() { byPathLine(f.Docs, func(p *DocFile) (string, int) { return p.Path, 0 }) },
		func() { byPathLine(f.Owners, func(p *OwnerRule) (string, int) { return p.Path, p.Line }) },
		func() { byPathLine(f.Collectors, func(p *Collector) (string, int) { return p.Path, 0 }) },
		func() { byPathLine(f.SLOs, func(p *SLO) (string, int) { return p.Path, p.Line }) },
		func() { byPathLine(f.Updaters, func(p *Updater) (string, int) { return p.Path, 0 }) },
	} {
		wg.Go(sort)
	}
	wg.Wait()
}

func (f *Facts) sortSignals() {
	slices.SortStableFunc(f.Signals, func(a, b Signal) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Line, b.Line); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.Kind), string(b.Kind)); c != 0 {
			return c
		}
		return strings.Compare(a.Text, b.Text)
	})
}

func (f *Facts) sortWarnings() {
	slices.SortStableFunc(f.Warnings, func(a, b Warning) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return cmp.Compare(a.Line, b.Line)
	})
}

func byPathLine[T any](s []T, key func(T) (string, int)) {
	slices.SortStableFunc(s, func(a, b T) int {
		pa, la := key(a)
		pb, lb := key(b)
		if c := strings.Compare(pa, pb); c != 0 {
			return c
		}
		return cmp.Compare(la, lb)
	})
}

// signals returns the signals of the given kinds, in the order of Signals.
func (f *Facts) signals(kinds ...SignalKind) []Signal {
	if f.byKind == nil { // facts that finish has not indexed
		var out []Signal
		for _, s := range f.Signals {
			if slices.Contains(kinds, s.Kind) {
				out = append(out, s)
			}
		}
		return out
	}
	var at []int
	for _, k := range kinds {
		at = append(at, f.byKind[k]...)
	}
	if len(kinds) > 1 {
		slices.Sort(at)
		at = slices.Compact(at) // a kind asked for twice
	}
	out := make([]Signal, 0, len(at))
	for _, i := range at {
		out = append(out, f.Signals[i])
	}
	return out
}

// hasFile reports whether a file exists at p (slash-separated, relative to the root).
func (f *Facts) hasFile(p string) bool {
	i := sort.SearchStrings(f.Files, p)
	return i < len(f.Files) && f.Files[i] == p
}

// hasDir reports whether a directory exists at p.
func (f *Facts) hasDir(p string) bool {
	i := sort.SearchStrings(f.Dirs, p)
	return i < len(f.Dirs) && f.Dirs[i] == p
}

// scope says whether a path is the workload's own, an example, or a test fixture.
type scope int

const (
	firstParty scope = iota
	exampleScope
	fixtureScope
)

// scopeOf applies the corpus scope rules: test fixtures never count as evidence (except that
// test files show testing), examples count flagged [example]. Vendored trees are never walked.
func scopeOf(p string) scope {
	s := firstParty
	for {
		i := strings.IndexByte(p, '/')
		if i < 0 {
			return s // the last segment is the file name
		}
		seg := p[:i]
		p = p[i+1:]
		switch {
		case eqFold(seg, "testdata", "test-data", "test_data", "fixtures", "fixture", "__fixtures__", "__snapshots__", "__mocks__", "hack"):
			return fixtureScope
		case eqFold(seg, "test", "tests", "e2e", "integration-tests", "testing"):
			// Code under test/ is tests (path signals keep it for OPS05-BP02), but the
			// configuration files there are fixtures for those tests.
			return fixtureScope
		case eqFold(seg, "example", "examples", "_examples", "sample", "samples"):
			s = exampleScope
		}
	}
}

func eqFold(s string, words ...string) bool {
	for _, w := range words {
		if len(s) == len(w) && strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// clip shortens s to n bytes at a rune boundary, keeping the first line only.
func clip(s string, n int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if len(s) <= n {
		// A copy, so a kept snippet never pins the whole file it was cut from in memory.
		return strings.Clone(s)
	}
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
