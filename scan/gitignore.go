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

// ignoreSet holds the rules of every .gitignore seen so far, by directory.
type ignoreSet struct {
	byDir map[string][]ignoreRule
}

func (s *ignoreSet) add(dir string, rules []ignoreRule) {
	if len(rules) == 0 {
		return
	}
	if s.byDir == nil {
		s.byDir = map[string][]ignoreRule{}
	}
	s.byDir[dir] = rules
}

// ignored applies the .gitignore files of p's ancestors, shallowest first, so that a deeper
// file's rules win and, within a file, the last matching rule wins.
func (s *ignoreSet) ignored(p string, isDir bool) bool {
	if len(s.byDir) == 0 {
		return false
	}
	result := false
	dir := "."
	rest := p
	for {
		if rules, ok := s.byDir[dir]; ok {
			for _, r := range rules {
				if r.match(rest, isDir) {
					result = !r.negate
				}
			}
		}
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			return result
		}
		if dir == "." {
			dir = rest[:i]
		} else {
			dir = dir + "/" + rest[:i]
		}
		rest = rest[i+1:]
	}
}
