package scan

import (
	"fmt"
	"sort"
	"strings"
)

// item makes an evidence item, tagging examples by path (rule R3).
func item(p string, line int, text string, tags ...string) Item {
	if scopeOf(p) == exampleScope {
		tags = append(tags, TagExample)
	}
	return Item{Path: p, Line: line, Text: clip(text, 200), Tags: tags}
}

func sigItem(s Signal, tags ...string) Item { return item(s.Path, s.Line, s.Text, tags...) }

func hasTag(it Item, tag string) bool {
	for _, t := range it.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// own counts the items that are the workload's own (not examples).
func own(items []Item) int {
	n := 0
	for _, it := range items {
		if !hasTag(it, TagExample) {
			n++
		}
	}
	return n
}

// judge is the common presence rule: first-party evidence is found (with the given
// confidence), evidence only in examples is partial, none is not found.
func judge(items []Item, conf Confidence, summary, absent string) outcome {
	switch {
	case own(items) > 0:
		return outcome{Status: Found, Confidence: conf, Summary: summary, Evidence: items}
	case len(items) > 0:
		return outcome{Status: Partial, Confidence: Low, Summary: summary + " (only in examples)", Evidence: items}
	}
	return outcome{Status: NotFound, Summary: absent}
}

func partial(conf Confidence, summary string, items []Item) outcome {
	return outcome{Status: Partial, Confidence: conf, Summary: summary, Evidence: items}
}

func notFound(summary string) outcome { return outcome{Status: NotFound, Summary: summary} }

func notApplicable(summary string) outcome { return outcome{Status: NotApplicable, Summary: summary} }

func unknown(summary string) outcome { return outcome{Status: Unknown, Summary: summary} }

// plural writes "1 alert rule" / "3 alert rules".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// distinctFiles counts the files items come from.
func distinctFiles(items []Item) int {
	seen := map[string]bool{}
	for _, it := range items {
		seen[it.Path] = true
	}
	return len(seen)
}

// listNames joins up to n sorted distinct names, with "and N more".
func listNames(names []string, n int) string {
	seen := map[string]bool{}
	var u []string
	for _, x := range names {
		if x != "" && !seen[x] {
			seen[x] = true
			u = append(u, x)
		}
	}
	sort.Strings(u)
	if len(u) > n {
		return strings.Join(u[:n], ", ") + fmt.Sprintf(" and %d more", len(u)-n)
	}
	return strings.Join(u, ", ")
}

// containsAny reports whether s contains any of the words. Checks call it for every document
// of a tree (tens of thousands on large ones) with the same handful of words, so a text is
// read once for all of them: a 1024-bit filter of the words' first two bytes lets most
// positions be passed over, where a search per word looked at every occurrence of each word's
// first letter.
func containsAny(s string, words ...string) bool {
	if len(words) < 3 || len(s) < 16 {
		for _, w := range words {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	var filter [16]uint64
	for _, w := range words {
		if len(w) < 2 {
			if strings.Contains(s, w) {
				return true
			}
			continue
		}
		h := pairHash(w[0], w[1])
		filter[h>>6] |= 1 << (h & 63)
	}
	for i := 0; i+1 < len(s); i++ {
		h := pairHash(s[i], s[i+1])
		if filter[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		for _, w := range words {
			if len(w) >= 2 && strings.HasPrefix(s[i:], w) {
				return true
			}
		}
	}
	return false
}

// pairHash maps two bytes to one of the filter's 1024 bits.
func pairHash(a, b byte) uint16 { return (uint16(a)<<5 ^ uint16(b)) & 1023 }

// counted is one number for a summary.
type counted struct {
	n         int
	one, many string
}

// summarise joins the non-zero counts ("2 runbooks; 1 SSM document"), so a summary says what
// is there rather than listing everything that is not.
func summarise(parts ...counted) string {
	var out []string
	for _, p := range parts {
		if p.n > 0 {
			out = append(out, plural(p.n, p.one, p.many))
		}
	}
	return strings.Join(out, "; ")
}
