package scan

import (
	"path"
	"slices"
	"strings"
)

// DocFile is a documentation file: its title, headings, front matter and the first line of
// each operational keyword it mentions.
type DocFile struct {
	Path     string
	Title    string
	Lines    int
	Front    map[string]string // front-matter keys (lowercase) -> scalar value
	Headings []Mark            // Key: heading text, lowercased; Line
	Hits     []Mark            // Key: keyword group; Line: its first mention
	Date     string            // YYYY-MM-DD from the file name or front matter

	// The forms the checks match on, computed once (setPath): lowercased, with Korean terms
	// glossed in English (docs_korean.go). They share one string: self is the path, the title
	// and the front-matter title; full is its path-and-title prefix; name is full from the
	// base name on. Checks run over tens of thousands of documents in large trees, so none
	// of them builds these per call.
	lpath, lbase     string
	self, full, name string
	// heads is every heading key (glossed when it has Hangul), each ended by a newline: one
	// string searched once per word, instead of every heading once per word.
	heads string
}

// movePath is setPath for a copy of a document whose base name and title are unchanged (the
// content cache's copies): only the directory is lowercased and glossed again.
func (d *DocFile) movePath(p string, g *glosser) {
	if path.Base(p) != path.Base(d.Path) {
		d.setPath(p, g)
		return
	}
	rest, fullRest := d.self[len(d.lpath):], len(d.full)-len(d.lpath)
	d.Path = p
	d.lpath = g.gloss(strings.ToLower(p))
	d.lbase = d.lpath[len(d.lpath)-len(d.lbase):]
	d.self = d.lpath + rest
	d.full = d.self[:len(d.lpath)+fullRest]
	d.name = d.full[len(d.lpath)-len(d.lbase):]
}

// setPath sets the path and the forms derived from it and from the title.
func (d *DocFile) setPath(p string, g *glosser) {
	d.Path = p
	gl := func(s string) string { return g.gloss(strings.ToLower(s)) }
	d.lpath = gl(p)
	d.lbase = path.Base(d.lpath)
	head := gl(d.Title)
	d.self = d.lpath + " " + head + " " + gl(d.Front["title"])
	d.full = d.self[:len(d.lpath)+1+len(head)]
	d.name = d.full[len(d.lpath)-len(d.lbase):]
}

func (d *DocFile) hit(key string) (int, bool) {
	for _, h := range d.Hits {
		if h.Key == key {
			return h.Line, true
		}
	}
	return 0, false
}

// heading returns the first heading containing any of the words (English; Korean headings
// are matched through their gloss).
func (d *DocFile) heading(words ...string) (Mark, bool) {
	first := -1
	for _, w := range words {
		if i := strings.Index(d.heads, w); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if first < 0 {
		return Mark{}, false
	}
	return d.Headings[strings.Count(d.heads[:first], "\n")], true
}

// docKeywords groups the words the documentation checks look for.
func docKeywords() [][]string {
	return [][]string{
		{"rollback", "rollback", "roll back", "roll-back", "rolling back", "backout", "back out the"},
		{"restore", "disaster recovery", "restore from", "restore the", "recovery scenario"},
		{"postmortem", "postmortem", "post-mortem", "post mortem", "post-incident", "incident report", "incident review", "lessons learned"},
		{"rootcause", "root cause", "contributing factor"},
		{"timeline", "timeline", "key events"},
		{"actions", "action items", "review actions", "follow-up actions", "follow up actions", "actions taken"},
		{"impact", "impact"},
		{"mttr", "mean time to", "mttr", "time to repair", "time to resolve", "time to recover", "time to restore"},
		{"escalation", "escalat", "primary and secondary", "secondary on-call", "secondary on call", "second line", "2nd line", "third line", "3rd line"},
		{"oncall", "on-call", "on call", "oncall", "pagerduty", "opsgenie", "rota "},
		{"severity", "severity", "sev1", "sev-1", "sev 1", "priority 1", "p1 "},
		{"incident", "incident"},
		{"roles", "incident lead", "incident commander", "incident manager", "scribe", "communications lead", "comms lead"},
		{"comms", "communications plan", "communication plan", "status page", "statuspage", "notify users", "customer communication", "comms template"},
		{"troubleshoot", "troubleshoot", "debugging", "investigat", "diagnos"},
		{"runbook", "runbook", "playbook"},
		{"readiness", "operational readiness", "production readiness", "readiness review", "go-live checklist", "launch checklist", "readiness checklist"},
		{"gameday", "game day", "gameday", "incident response exercise", "chaos engineering", "fire drill", "dry run of an incident"},
		{"onboarding", "onboarding", "joiners", "new starter", "induction", "new team member"},
		{"support", "out of hours", "out-of-hours", "support hours", "in-hours", "business hours", "support request", "aws support"},
		{"errorbudget", "error budget", "error-budget"},
		{"dora", "deployment frequency", "lead time for changes", "change failure rate"},
		{"threat", "threat model", "stride", "attack tree"},
		{"decision", "considered options", "consequences", "decision outcome"},
		{"feedback", "feedback"},
		{"gitclone", "git clone "},
		{"standards", "coding standard", "style guide", "conventions", "guidelines", "design standard"},
	}
}

// vocab is the read-only word tables documents are read with: the keyword groups (English
// and Korean) and the Korean glossary. It is built once per scan and shared by the workers:
// building it cost more than reading a short document, and once per document it was most of
// the time spent on documentation.
type vocab struct {
	groups  []string // keyword group names, by index
	filter  [65536 / 64]uint64
	byFirst [256][]kwWord
	gloss   *glosser
}

type kwWord struct {
	w     string
	group int
}

func newVocab() *vocab {
	v := &vocab{gloss: newGlosser()}
	ko := koreanKeywords()
	for gi, g := range docKeywords() {
		v.groups = append(v.groups, g[0])
		words := slices.Clone(g[1:])
		for _, w := range ko[g[0]] {
			words = append(words, spacingVariants(w)...)
		}
		for _, w := range words {
			k := uint16(w[0])<<8 | uint16(w[1])
			v.filter[k/64] |= 1 << (k % 64)
			v.byFirst[w[0]] = append(v.byFirst[w[0]], kwWord{w, gi})
		}
	}
	return v
}

// keywordHits finds the first line of each keyword group in one pass over the text: a bitmap
// of the words' first two bytes rules out almost every position, so a long document costs
// about one look at each byte however many words there are.
func (v *vocab) keywordHits(lower string) []Mark {
	first := make([]int, len(v.groups))
	left := len(v.groups)
	line := 1
	for i := 0; i+1 < len(lower) && left > 0; i++ {
		c := lower[i]
		if c == '\n' {
			line++
			continue
		}
		k := uint16(c)<<8 | uint16(lower[i+1])
		if v.filter[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, w := range v.byFirst[c] {
			if first[w.group] == 0 && w.w[1] == lower[i+1] && strings.HasPrefix(lower[i:], w.w) {
				first[w.group] = line
				left--
			}
		}
	}
	var hits []Mark
	for gi, l := range first {
		if l > 0 {
			hits = append(hits, Mark{Key: v.groups[gi], Line: l})
		}
	}
	return hits
}

func extractDoc(f *Facts, p string, data []byte, v *vocab) {
	text := string(data)
	d := &DocFile{Path: p}
	lines := strings.Split(text, "\n")
	d.Lines = len(lines)
	start := 0
	// YAML front matter ("---" ... "---"), as used by static site generators and runbook sites.
	if len(lines) > 1 && strings.TrimSpace(lines[0]) == "---" {
		for i := 1; i < len(lines) && i < 200; i++ {
			t := strings.TrimSpace(lines[i])
			if t == "---" {
				start = i + 1
				break
			}
			if k, v, ok := strings.Cut(t, ":"); ok && !strings.HasPrefix(k, " ") && k != "" {
				if d.Front == nil {
					d.Front = map[string]string{}
				}
				if len(d.Front) < 30 {
					d.Front[strings.ToLower(strings.TrimSpace(k))] = clip(strings.Trim(strings.TrimSpace(v), `"'`), 200)
				}
			}
		}
	}
	inFence := false
	for i := start; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if strings.HasPrefix(t, "#") && len(d.Headings) < 100 {
			h := strings.TrimSpace(strings.TrimLeft(t, "#"))
			if h != "" {
				if d.Title == "" {
					d.Title = clip(h, 120)
				}
				// Only the lowercased text is kept: checks match on it and quote it.
				d.Headings = append(d.Headings, Mark{Key: strings.ToLower(clip(h, 100)), Line: i + 1})
			}
		}
	}
	// Templated headings ("<%= current_page.data.title %>") are not titles; the front
	// matter's is.
	if d.Title == "" || strings.Contains(d.Title, "<%") || strings.Contains(d.Title, "{{") {
		d.Title = d.Front["title"]
	}
	var heads strings.Builder
	for _, h := range d.Headings {
		k := v.gloss.gloss(h.Key)
		heads.WriteString(strings.ReplaceAll(k, "\n", " "))
		heads.WriteByte('\n')
	}
	d.heads = heads.String()
	d.Hits = v.keywordHits(strings.ToLower(text))
	d.Date = dateIn(path.Base(p))
	if d.Date == "" {
		d.Date = dateIn(d.Front["date"])
	}
	d.setPath(p, v.gloss)
	f.Docs = append(f.Docs, d)
}

// dateIn returns the first YYYY-MM-DD in s.
func dateIn(s string) string {
	for i := 0; i+10 <= len(s); i++ {
		c := s[i : i+10]
		if isDigits(c[0:4]) && c[4] == '-' && isDigits(c[5:7]) && c[7] == '-' && isDigits(c[8:10]) {
			return c
		}
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// OwnerRule is one CODEOWNERS line.
type OwnerRule struct {
	Path    string
	Line    int
	Pattern string
	Owners  []string
}

func extractCodeowners(f *Facts, p string, data []byte) {
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "[") || strings.HasPrefix(t, "^[") {
			continue
		}
		if j := strings.Index(t, " #"); j >= 0 {
			t = t[:j]
		}
		fs := strings.Fields(t)
		r := &OwnerRule{Path: p, Line: i + 1, Pattern: strings.Clone(fs[0])}
		for _, o := range fs[1:] {
			if strings.Contains(o, "@") {
				r.Owners = append(r.Owners, strings.Clone(o))
			}
		}
		f.Owners = append(f.Owners, r)
		if len(f.Owners) > 20000 {
			return
		}
	}
}
