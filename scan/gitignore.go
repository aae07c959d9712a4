package scan

import (
	"path"
	"strings"
)

// ignoreRule is one pattern from a .gitignore file.
type ignoreRule struct {
	segs     []string // pattern split on "/"; "**" matches any number of segments
	negate   bool     // "!pattern" re-includes
	dirOnly  bool     // "pattern/" matches directories only
	anchored bool     // contains a "/" before the end: matched from the .gitignore's directory
}

// maxIgnoreRules bounds the rules kept from one file, so a hostile .gitignore cannot make
// every path check slow.
const maxIgnoreRules = 2000

// parseGitignore reads .gitignore syntax. Bad patterns are dropped, like git does.
func parseGitignore(data []byte) []ignoreRule {
	var rules []ignoreRule
	for _, line := range strings.Split(string(data), "\n") {
		if len(rules) >= maxIgnoreRules {
			break
		}
		line = strings.TrimSuffix(line, "\r")
		line = trimUnescapedSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		var r ignoreRule
		if line[0] == '!' {
			r.negate = true
			line = line[1:]
		} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
			line = line[1:]
		}
		if strings.HasSuffix(line, "/") {
			r.dirOnly = true
			line = strings.TrimRight(line, "/")
		}
		if line == "" {
			continue
		}
		if strings.Contains(line, "/") {
			r.anchored = true
			line = strings.TrimPrefix(line, "/")
		}
		r.segs = strings.Split(line, "/")
		ok := true
		for _, s := range r.segs {
			if s == "**" {
				continue
			}
			if _, err := path.Match(s, ""); err != nil {
				ok = false
				break
			}
		}
		if ok && len(r.segs) > 0 {
			rules = append(rules, r)
		}
	}
	return rules
}

// trimUnescapedSpace removes trailing spaces unless the last one is escaped with "\".
func trimUnescapedSpace(s string) string {
	for strings.HasSuffix(s, " ") && !strings.HasSuffix(s, `\ `) {
		s = s[:len(s)-1]
	}
	if strings.HasSuffix(s, `\ `) {
		s = s[:len(s)-2] + " "
	}
	return s
}

// match reports whether rel (slash-separated, relative to the .gitignore's directory) matches.
func (r ignoreRule) match(rel string, isDir bool) bool {
	if r.dirOnly && !isDir {
		return false
	}
	if !r.anchored {
		// A pattern without a slash matches the name at any depth. Directories are pruned as
		// the walk reaches them, so the base name is all that needs testing.
		ok, _ := path.Match(r.segs[0], path.Base(rel))
		return ok
	}
	return matchSegs(r.segs, strings.Split(rel, "/"))
}

// matchSegs matches pattern segments against path segments, "**" standing for zero or more
// segments. It is a dynamic programme, so many "**" cannot make it exponential.
func matchSegs(pat, segs []string) bool {
	// can[j] reports whether pat[:i] matches segs[:j], for the current i.
	can := make([]bool, len(segs)+1)
	can[0] = true
	for _, p := range pat {
		next := make([]bool, len(segs)+1)
		if p == "**" {
			seen := false
			for j := 0; j <= len(segs); j++ {
				seen = seen || can[j]
				next[j] = seen
			}
		} else {
			for j := 1; j <= len(segs); j++ {
				if can[j-1] {
					if ok, _ := path.Match(p, segs[j-1]); ok {
						next[j] = true
					}
				}
			}
		}
		can = next
	}
	if can[len(segs)] {
		return true
	}
	// "foo/bar" also ignores everything under foo/bar; the walk prunes directories, so only a
	// file directly named by a directory pattern reaches here, which git treats as a match too.
	return false
}

// ignoreSet is the .gitignore rules that apply inside one directory: those of its ancestors
// and its own, shallowest first. A directory's set is made once, when the walk reads its
// .gitignore, and is then only read, by its entries and handed down to its subdirectories, so
// the workers never lock it and a path is matched without building any string.
type ignoreSet struct {
	scopes []ignoreScope
}

type ignoreScope struct {
	dir   string // "." or a slash-separated path relative to the root
	rules []ignoreRule
}

// with returns the set with dir's rules added; s itself is unchanged, as it may be shared.
func (s ignoreSet) with(dir string, rules []ignoreRule) ignoreSet {
	if len(rules) == 0 {
		return s
	}
	scopes := make([]ignoreScope, len(s.scopes), len(s.scopes)+1)
	copy(scopes, s.scopes)
	return ignoreSet{scopes: append(scopes, ignoreScope{dir: dir, rules: rules})}
}

func (s *ignoreSet) add(dir string, rules []ignoreRule) { *s = s.with(dir, rules) }

// ignored applies the rules to p, a path under the directory the set belongs to: a deeper
// file's rules win over its ancestors' and, within a file, the last matching rule wins.
func (s ignoreSet) ignored(p string, isDir bool) bool {
	result := false
	for _, sc := range s.scopes {
		rest := p
		if sc.dir != "." {
			if len(p) <= len(sc.dir) || p[len(sc.dir)] != '/' || p[:len(sc.dir)] != sc.dir {
				continue
			}
			rest = p[len(sc.dir)+1:]
		}
		for _, r := range sc.rules {
			if r.match(rest, isDir) {
				result = !r.negate
			}
		}
	}
	return result
}
