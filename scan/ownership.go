package scan

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// codeownersActive returns the CODEOWNERS file GitHub and GitLab use: the first of
// .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS (and .gitlab/CODEOWNERS).
func (f *Facts) codeownersActive() (string, []*OwnerRule) {
	for _, p := range [...]string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"} {
		var rules []*OwnerRule
		for _, r := range f.Owners {
			if r.Path == p {
				rules = append(rules, r)
			}
		}
		if f.hasFile(p) {
			return p, rules
		}
	}
	return "", nil
}

// ownerOf returns the CODEOWNERS rule that applies to p: the last matching one.
func ownerOf(rules []*OwnerRule, p string) *OwnerRule {
	var hit *OwnerRule
	for _, r := range rules {
		pat := r.Pattern
		ir := parseGitignore([]byte(pat))
		if len(ir) != 1 {
			continue
		}
		if codeownersMatch(ir[0], p) {
			hit = r
		}
	}
	return hit
}

// codeownersMatch applies a CODEOWNERS pattern (gitignore syntax) to a file path, including
// patterns that name one of its parent directories.
func codeownersMatch(r ignoreRule, p string) bool {
	if r.match(p, false) {
		return true
	}
	for dir := path.Dir(p); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if r.match(dir, true) {
			return true
		}
	}
	return false
}

// ownedClasses are the kinds of files ownership matters most for.
func (f *Facts) ownedClasses() map[string][]string {
	classes := map[string][]string{}
	seen := map[string]bool{}
	add := func(class, p string) {
		k := class + "\x00" + p
		if !seen[k] && scopeOf(p) == firstParty {
			seen[k] = true
			classes[class] = append(classes[class], p)
		}
	}
	for _, r := range f.Resources {
		add("IaC", r.Path)
	}
	for _, s := range f.signals(sigIaC) {
		add("IaC", s.Path)
	}
	for _, o := range f.Objects {
		if !strings.HasPrefix(o.group(), "backstage.io") {
			add("manifests", o.Path)
		}
	}
	for _, a := range f.Alerts {
		add("alert rules", a.Path)
	}
	for _, d := range f.Docs {
		if isRunbookPath(d.lpath) || d.Front["last_reviewed_on"] != "" || d.Front["review_in"] != "" {
			add("runbooks", d.Path)
		}
	}
	for _, p := range f.ciPipelines() {
		add("pipelines", p.Path)
	}
	return classes
}

// checkOwners: OPS02-BP01, resources have identified owners: CODEOWNERS joined to the IaC,
// manifests, alert rules and runbooks it covers, owner tags on resources, catalog owners.
func checkOwners(f *Facts) outcome {
	var ev, gaps []Item
	counts := map[string]int{}
	file, rules := f.codeownersActive()
	var parts []string
	if file != "" && len(rules) > 0 {
		withOwners := 0
		for _, r := range rules {
			if len(r.Owners) > 0 {
				withOwners++
			}
		}
		ev = append(ev, item(file, rules[0].Line, fmt.Sprintf("CODEOWNERS: %d rules, first %s %s", len(rules), rules[0].Pattern, strings.Join(rules[0].Owners, " "))))
		counts["codeownersRules"] = len(rules)
		classes := f.ownedClasses()
		names := make([]string, 0, len(classes))
		for class := range classes {
			names = append(names, class)
		}
		sort.Strings(names) // a stable summary
		for _, class := range names {
			paths := classes[class]
			covered := 0
			for _, p := range paths {
				if r := ownerOf(rules, p); r != nil && len(r.Owners) > 0 {
					covered++
				} else if len(gaps) < maxItems {
					gaps = append(gaps, item(p, 0, class+" file has no owner in "+file, TagGap))
				}
			}
			counts["owned "+class] = covered
			counts["all "+class] = len(paths)
			parts = append(parts, fmt.Sprintf("%d of %d %s files", covered, len(paths), class))
		}
	}
	// Owner tags on IaC resources and labels on Kubernetes objects.
	tagged, taggable := 0, 0
	defaultTags := false
	for _, r := range f.Resources {
		if strings.HasPrefix(r.Type, "provider.") {
			for k := range r.Tags {
				if isOwnerKey(k) {
					defaultTags = true
					ev = append(ev, item(r.Path, r.Line, "provider "+r.Name+" tags every resource with "+k))
				}
			}
			continue
		}
		if strings.HasPrefix(r.Type, "Globals.") || r.Type == "module" || strings.HasPrefix(r.Type, "data.") {
			continue
		}
		taggable++
		for k, v := range r.Tags {
			if isOwnerKey(k) {
				tagged++
				if len(ev) < 20 {
					ev = append(ev, item(r.Path, r.Line, r.Type+" "+r.Name+" tagged "+k+"="+v))
				}
				break
			}
		}
	}
	labelled, objects := 0, 0
	for _, o := range f.Objects {
		if !isWorkloadKind(o.Kind) || scopeOf(o.Path) != firstParty {
			continue
		}
		objects++
		for k, v := range o.Labels {
			if isOwnerKey(k) {
				labelled++
				if len(ev) < 30 {
					ev = append(ev, item(o.Path, o.Line, o.Kind+" "+o.Name+" labelled "+k+"="+v))
				}
				break
			}
		}
	}
	if taggable > 0 {
		counts["taggedResources"], counts["resources"] = tagged, taggable
		if defaultTags {
			parts = append(parts, "provider default_tags set an owner on every resource")
		} else {
			parts = append(parts, fmt.Sprintf("%d of %d IaC resources carry an owner tag", tagged, taggable))
		}
	}
	if objects > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d workloads carry an owner label", labelled, objects))
	}
	for _, s := range f.signals(sigCatalogOwner, sigHelmMaintainers, sigOwnershipRegistry) {
		ev = append(ev, sigItem(s))
	}
	summary := strings.Join(parts, "; ")
	switch {
	case file != "" && len(rules) > 0 && own(ev) > 0:
		return outcome{Status: Found, Confidence: High, Summary: "CODEOWNERS covers " + summary, Evidence: ev, Gaps: gaps, Counts: counts}
	case defaultTags || (taggable > 0 && tagged*2 >= taggable) || (objects > 0 && labelled*2 >= objects):
		return outcome{Status: Found, Confidence: Medium, Summary: summary, Evidence: ev, Gaps: gaps, Counts: counts}
	case len(ev) > 0:
		o := partial(Low, firstNonEmpty(summary, "some owner metadata")+"; no CODEOWNERS file", ev)
		o.Gaps, o.Counts = gaps, counts
		return o
	}
	return notFound("no CODEOWNERS, owner tags, owner labels or catalog owners found")
}

func isOwnerKey(k string) bool {
	k = strings.ToLower(k)
	if i := strings.LastIndexByte(k, '/'); i >= 0 {
		k = k[i+1:]
	}
	switch k {
	case "owner", "owners", "team", "squad", "owning-team", "owner_team", "ownerteam", "owned-by", "owned_by", "maintainer", "contact", "tribe", "cost-center", "costcenter", "business-unit", "business_unit":
		return true
	}
	return false
}

// checkProcessOwners: OPS02-BP02, runbooks, docs and pipelines have owners.
func checkProcessOwners(f *Facts) outcome {
	var ev []Item
	file, rules := f.codeownersActive()
	specific := 0
	for _, r := range rules {
		l := strings.ToLower(r.Pattern)
		if r.Pattern != "*" && containsAny(l, "runbook", "docs", "playbook", ".github/workflows", ".github/", "ops", "procedures") && len(r.Owners) > 0 {
			specific++
			ev = append(ev, item(r.Path, r.Line, "CODEOWNERS: "+r.Pattern+" owned by "+strings.Join(r.Owners, " ")))
		}
	}
	frontOwners := 0
	for _, d := range f.Docs {
		for _, k := range [...]string{"owner", "owners", "team", "maintainer"} {
			if v := d.Front[k]; v != "" {
				frontOwners++
				if len(ev) < 30 {
					ev = append(ev, item(d.Path, 1, "document owned by "+v))
				}
				break
			}
		}
	}
	catchAll := file != "" && len(rules) > 0
	switch {
	case own(ev) > 0:
		return outcome{Status: Found, Confidence: Medium, Summary: summarise(counted{specific, "CODEOWNERS rule for runbooks, docs or pipelines", "CODEOWNERS rules for runbooks, docs or pipelines"}, counted{frontOwners, "document with an owner in its front matter", "documents with an owner in their front matter"}), Evidence: ev}
	case catchAll:
		return partial(Low, "CODEOWNERS assigns owners to processes only through general rules", []Item{item(file, rules[0].Line, "CODEOWNERS "+rules[0].Pattern+" "+strings.Join(rules[0].Owners, " "))})
	}
	return notFound("no owners recorded for runbooks, docs or pipelines")
}

// checkOwnershipMechanism: OPS02-BP04, ownership is managed, not just written down.
func checkOwnershipMechanism(f *Facts) outcome {
	var ev []Item
	for _, s := range f.signals(sigOwnershipRegistry, sigTagPolicy, sigBranchProtection) {
		ev = append(ev, sigItem(s))
	}
	for _, it := range f.stepsWith(actLint|actValidate|actTest, 200) {
		if strings.Contains(strings.ToLower(it.Text), "codeowners") {
			ev = append(ev, it)
		}
	}
	for _, p := range f.ciPipelines() {
		for _, j := range p.Jobs {
			for _, s := range j.Steps {
				l := strings.ToLower(s.Text)
				if strings.Contains(l, "codeowners") || strings.Contains(l, "component_owners") || strings.Contains(l, "auto-assign") || strings.Contains(l, "assign-reviewers") {
					ev = append(ev, item(p.Path, s.Line, jobLabel(j)+" uses the ownership data: "+firstLine(s.Text)))
				}
			}
		}
	}
	for _, r := range f.Resources {
		if r.Type == "aws_organizations_policy" && strings.Contains(attrOf(r, "type"), "TAG_POLICY") {
			ev = append(ev, item(r.Path, r.Line, "AWS Organizations tag policy "+r.Name))
		}
	}
	return judge(dedupItems(ev), Medium, plural(len(ev), "ownership mechanism", "ownership mechanisms")+" (registries, tag policies, reviewer assignment, branch protection)", "no ownership registry, tag policy or ownership automation found")
}

// checkRequestMechanisms: OPS02-BP05, ways to request changes and exceptions.
func checkRequestMechanisms(f *Facts) outcome {
	var request, generic []Item
	for _, s := range f.signals(sigIssueTemplate) {
		l := strings.NewReplacer("feature_request", "", "feature-request", "", "pull_request", "").Replace(strings.ToLower(s.Path))
		if containsAny(l, "request", "change", "exception", "access", "support", "onboard", "upgrade", "incident", "waiver", "new-service", "decommission") {
			request = append(request, sigItem(s))
		} else {
			generic = append(generic, sigItem(s))
		}
	}
	for _, s := range f.signals(sigPRTemplate, sigWaiverFile) {
		generic = append(generic, sigItem(s))
	}
	if f.hasFile(WaiverFile) {
		generic = append(generic, item(WaiverFile, 1, "wellops waivers with reason, owner and expiry"))
	}
	switch {
	case own(request) > 0:
		return outcome{Status: Found, Confidence: Medium, Summary: fmt.Sprintf("%s for requests, changes or exceptions; %s", plural(len(request), "template", "templates"), plural(len(generic), "other template or waiver file", "other templates or waiver files")), Evidence: append(request, generic...)}
	case len(generic) > 0:
		return partial(Low, plural(len(generic), "generic issue or pull request template or waiver file", "generic issue or pull request templates or waiver files")+"; none is a request or exception form", generic)
	}
	return notFound("no issue templates, request forms or waiver files found")
}

// checkTeamContracts: OPS02-BP06, responsibilities between teams are written down.
func checkTeamContracts(f *Facts) outcome {
	var ev []Item
	for _, s := range f.signals(sigAPIContract) {
		ev = append(ev, sigItem(s))
	}
	for _, d := range f.Docs {
		l := d.lbase
		if hasWord(l, "sla") || hasWord(l, "ola") || hasWord(l, "raci") || containsAny(l, "service-level-agreement", "responsibilit", "interface-agreement") {
			ev = append(ev, item(d.Path, 1, "document: "+firstNonEmpty(d.Title, d.Path), TagDocs))
		}
	}
	return judge(ev, Medium, plural(len(ev), "API contract or responsibility document", "API contracts or responsibility documents"), "no API contracts, service agreements or responsibility documents found")
}

// checkTeamResourcing: OPS03-BP07, enough people share the work: rotation sizes and how many
// owners each area has.
func checkTeamResourcing(f *Facts) outcome {
	var ev []Item
	for _, r := range f.Resources {
		switch r.Type {
		case "pagerduty_schedule", "opsgenie_schedule", "opsgenie_schedule_rotation", "aws_ssmcontacts_rotation", "grafana_oncall_schedule", "grafana_oncall_on_call_shift":
			ev = append(ev, item(r.Path, r.Line, "on-call rotation "+r.Type+" "+r.Name))
		}
	}
	_, rules := f.codeownersActive()
	owners := map[string]bool{}
	for _, r := range rules {
		for _, o := range r.Owners {
			owners[o] = true
		}
	}
	if len(rules) > 0 {
		var names []string
		for o := range owners {
			names = append(names, o)
		}
		ev = append(ev, item(rules[0].Path, rules[0].Line, fmt.Sprintf("CODEOWNERS names %d distinct owners: %s", len(owners), listNames(names, 5))))
	}
	if len(ev) == 0 {
		return notFound("no on-call rotations or owner lists to size the team from")
	}
	return partial(Low, "rotation and ownership data a reviewer can use to judge team size", ev)
}
