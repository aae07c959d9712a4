package scan

import (
	"fmt"
	"sort"
	"strings"
)

// opsDocs returns first-party documentation that is not a change log or licence.
func (f *Facts) opsDocs() []*DocFile { return f.ops }

// titleOf is what a document calls itself: its path, title and front-matter title,
// lowercased and glossed.
func titleOf(d *DocFile) string { return d.self }

// isIndexDoc reports whether a document is an index or landing page.
func isIndexDoc(d *DocFile) bool {
	b := d.lbase
	return strings.HasPrefix(b, "index.") || strings.HasPrefix(b, "readme") || strings.HasPrefix(b, "_index")
}

// reviewDated reports whether a document carries review dates in its front matter: the
// mark of a maintained runbook collection.
func reviewDated(d *DocFile) bool {
	for _, k := range [...]string{"last_reviewed_on", "last_reviewed", "review_in", "reviewed_on", "review_by", "next_review"} {
		if d.Front[k] != "" {
			return true
		}
	}
	return false
}

// isDatedReport reports whether a document is a dated incident or postmortem report.
func isDatedReport(d *DocFile) bool {
	l := d.lpath
	return d.Date != "" && containsAny(l, "incident", "postmortem", "post-mortem", "retro", "outage", "rca")
}

// checkRunbooks: OPS07-BP03, runbooks for routine procedures.
func checkRunbooks(f *Facts) outcome {
	var ev []Item
	dated := 0
	for _, d := range f.opsDocs() {
		if isIndexDoc(d) || isDatedReport(d) {
			continue
		}
		if reviewDated(d) {
			dated++
		}
		switch {
		case isRunbookPath(d.lpath):
			ev = append(ev, item(d.Path, 1, "runbook: "+firstNonEmpty(d.Title, d.Path)))
		case reviewDated(d):
			ev = append(ev, item(d.Path, 1, fmt.Sprintf("review-dated procedure: %s (reviewed %s)", firstNonEmpty(d.Title, d.Path), firstNonEmpty(d.Front["last_reviewed_on"], d.Front["last_reviewed"], d.Front["reviewed_on"]))))
		}
	}
	for _, r := range f.Resources {
		if (r.Type == "aws_ssm_document" || r.Type == "AWS::SSM::Document") && strings.EqualFold(attrOf(r, "document_type", "DocumentType"), "Automation") {
			ev = append(ev, item(r.Path, r.Line, "SSM Automation runbook "+r.Name))
		}
	}
	n := len(ev)
	if n == 0 {
		var proc []Item
		for _, d := range f.opsDocs() {
			l := d.lbase
			if strings.HasPrefix(l, "release") || strings.HasPrefix(l, "upgrade") || strings.HasPrefix(l, "update") || strings.Contains(l, "procedure") || strings.Contains(l, "operations") {
				proc = append(proc, item(d.Path, 1, "procedure document: "+firstNonEmpty(d.Title, d.Path), TagDocs))
			}
		}
		if len(proc) > 0 {
			return partial(Low, plural(len(proc), "procedure document", "procedure documents")+" (release or upgrade steps); no runbook collection", proc)
		}
		return notFound("no runbooks (runbooks/ or playbooks/ documents, review-dated procedures, SSM Automation documents) found")
	}
	summary := fmt.Sprintf("%s (%d with review dates)", plural(n, "runbook", "runbooks"), dated)
	fresh := 0
	if f.History != nil {
		for _, it := range ev {
			if _, ok := f.History.LastChange[it.Path]; ok {
				fresh++
			}
		}
		summary += fmt.Sprintf("; %d changed in the last %d days", fresh, f.History.Days)
	}
	o := judge(ev, High, summary, "")
	o.Counts = map[string]int{"runbooks": n, "reviewDated": dated}
	if f.History != nil {
		o.Counts["changedRecently"] = fresh
	}
	if o.Status == Found && n < 3 {
		o.Confidence = Medium
	}
	return o
}

// checkPlaybooks: OPS07-BP04, guides for investigating problems.
func checkPlaybooks(f *Facts) outcome {
	var ev []Item
	for _, d := range f.opsDocs() {
		if isIndexDoc(d) || isDatedReport(d) {
			continue
		}
		if containsAny(d.name, "troubleshoot", "debug", "investigat", "diagnos", "playbook", "-errors", "-error.", "triage", "faq") {
			ev = append(ev, item(d.Path, 1, "investigation guide: "+firstNonEmpty(d.Title, d.Path)))
		}
	}
	for _, r := range f.Resources {
		if r.Type == "aws_cloudwatch_query_definition" || r.Type == "AWS::Logs::QueryDefinition" {
			ev = append(ev, item(r.Path, r.Line, "saved log query "+r.Name))
		}
	}
	dash := 0
	for _, a := range f.Alerts {
		if a.Dashboard {
			dash++
		}
	}
	o := judge(ev, Medium, summarise(counted{len(ev), "investigation guide or saved query", "investigation guides or saved queries"}, counted{dash, "alert links a dashboard", "alerts link a dashboard"}), "no troubleshooting or investigation guides, saved queries or dashboard links on alerts found")
	if o.Status == NotFound && dash > 0 {
		return partial(Low, plural(dash, "alert links", "alerts link")+" a dashboard to start an investigation from", nil)
	}
	return o
}

// isADR reports whether a document is an architecture decision record.
func isADR(d *DocFile) bool {
	l := d.lpath
	if containsAny(l, "/adr/", "adr/", "/adrs/", "decisions/", "decision-record", "decision_record", "/rfcs/", "rfc/") {
		return !isIndexDoc(d)
	}
	b := d.lbase
	if len(b) > 5 && isDigits(b[:4]) && b[4] == '-' {
		_, s := d.heading("status")
		_, c := d.heading("context")
		_, de := d.heading("decision")
		return s && (c || de)
	}
	return false
}

// checkADRs: OPS01-BP06 and OPS05-BP06, decisions and their trade-offs are recorded.
func checkADRs(f *Facts) outcome {
	var ev []Item
	structured := 0
	for _, d := range f.opsDocs() {
		if !isADR(d) {
			continue
		}
		_, s := d.heading("status")
		_, c := d.heading("context", "consequences", "considered options", "decision")
		if s || c {
			structured++
		}
		ev = append(ev, item(d.Path, 1, "decision record: "+firstNonEmpty(d.Title, d.Path)))
	}
	o := judge(ev, High, fmt.Sprintf("%s (%d with status/context/decision sections)", plural(len(ev), "architecture decision record", "architecture decision records"), structured), "no architecture decision records found")
	o.Counts = map[string]int{"adrs": len(ev), "structured": structured}
	if o.Status == Found && len(ev) < 3 {
		o.Confidence = Medium
	}
	return o
}

// checkReadinessReview: OPS07-BP02, operational readiness reviews.
func checkReadinessReview(f *Facts) outcome {
	var ev []Item
	for _, d := range f.opsDocs() {
		l := d.name
		if containsAny(l, "readiness", "go-live", "golive", "launch-checklist", "launch checklist", "production-checklist") || hasWord(l, "orr") || hasWord(l, "prr") {
			ev = append(ev, item(d.Path, 1, "readiness document: "+firstNonEmpty(d.Title, d.Path)))
			continue
		}
		if isPRTemplate(d.lpath) {
			if h, ok := d.heading("readiness", "operational", "monitoring", "runbook", "checklist"); ok {
				ev = append(ev, item(d.Path, h.Line, "change template checklist: "+h.Key))
			}
		}
	}
	return judge(ev, Medium, plural(len(ev), "readiness checklist or review document", "readiness checklists or review documents"), "no operational readiness checklist or review found")
}

// checkPostmortems: OPS11-BP02 and OPS11-BP08, incidents are analysed and the lessons shared.
func checkPostmortems(f *Facts) outcome {
	var ev []Item
	withActions, withTimeline := 0, 0
	var dates []string
	for _, d := range f.opsDocs() {
		if isIndexDoc(d) || strings.Contains(d.lbase, "template") {
			continue // a template is not a report; the fallback below counts it
		}
		l := d.lpath
		_, pm := d.hit("postmortem")
		_, tl := d.hit("timeline")
		_, im := d.hit("impact")
		_, rc := d.hit("rootcause")
		_, ac := d.hit("actions")
		_, ttr := d.hit("mttr")
		inDir := containsAny(l, "postmortem", "post-mortem", "incidents/", "incident-reports", "retrospectives/", "rca/", "outages/")
		structured := (tl || ttr) && (im || rc || ac)
		if !(inDir && (structured || d.Date != "")) && !(pm && structured && d.Date != "") {
			continue
		}
		if ac {
			withActions++
		}
		if tl || ttr {
			withTimeline++
		}
		if d.Date != "" {
			dates = append(dates, d.Date)
		}
		ev = append(ev, item(d.Path, 1, "incident report: "+firstNonEmpty(d.Title, d.Path)))
	}
	if len(ev) == 0 {
		var tmpl []Item
		for _, d := range f.opsDocs() {
			if strings.Contains(d.lpath, "postmortem") || strings.Contains(d.lpath, "post-mortem") {
				tmpl = append(tmpl, item(d.Path, 1, "postmortem template or guide: "+firstNonEmpty(d.Title, d.Path), TagDocs))
			}
		}
		if len(tmpl) > 0 {
			return partial(Low, "a postmortem template or guide, but no postmortems", tmpl)
		}
		return notFound("no postmortems or incident reports found")
	}
	sort.Strings(dates)
	s := plural(len(ev), "incident report", "incident reports")
	if len(dates) > 0 {
		s += fmt.Sprintf(" dated %s to %s", dates[0], dates[len(dates)-1])
	}
	s += fmt.Sprintf("; %d record a timeline or time to repair, %d list actions", withTimeline, withActions)
	o := judge(ev, High, s, "")
	o.Counts = map[string]int{"reports": len(ev), "withTimeline": withTimeline, "withActions": withActions}
	return o
}

// checkFeedbackLoops: OPS11-BP03, findings turn into tracked work.
func checkFeedbackLoops(f *Facts) outcome {
	var ev []Item
	for _, d := range f.opsDocs() {
		if _, ok := d.hit("actions"); ok && isDatedReport(d) {
			if line, ok := d.hit("actions"); ok {
				ev = append(ev, item(d.Path, line, "incident actions recorded"))
			}
		}
	}
	for _, s := range f.signals(sigIssueTemplate) {
		if containsAny(strings.ToLower(s.Path), "feedback", "improvement", "retro", "action") {
			ev = append(ev, sigItem(s))
		}
	}
	if len(ev) == 0 {
		return notFound("no postmortem actions or feedback templates found")
	}
	return partial(Low, plural(len(ev), "record of follow-up actions or feedback", "records of follow-up actions or feedback")+"; whether they are tracked to done needs a person", ev)
}

// checkKnowledge: OPS11-BP04, documentation is maintained: review dates, freshness from
// history, a docs site.
func checkKnowledge(f *Facts) outcome {
	var ev []Item
	dated := 0
	for _, d := range f.opsDocs() {
		if reviewDated(d) {
			dated++
			if dated <= 10 {
				ev = append(ev, item(d.Path, 1, "review-dated: last reviewed "+firstNonEmpty(d.Front["last_reviewed_on"], d.Front["last_reviewed"], d.Front["reviewed_on"], "?")+", review in "+firstNonEmpty(d.Front["review_in"], d.Front["next_review"], "?")))
			}
		}
	}
	var site []Item
	for _, s := range f.signals(sigDocsSite) {
		if !strings.Contains(s.Path, "/") || strings.HasPrefix(s.Path, "docs/") || strings.HasPrefix(s.Path, "config/") || strings.HasPrefix(s.Path, "catalog-info") {
			site = append(site, sigItem(s))
		}
	}
	fresh, docs := 0, 0
	if f.History != nil {
		for _, d := range f.opsDocs() {
			docs++
			if _, ok := f.History.LastChange[d.Path]; ok {
				fresh++
			}
		}
		if docs > 0 {
			ev = append(ev, item(".git", 0, fmt.Sprintf("%d of %d documents changed in the last %d days", fresh, docs, f.History.Days)))
		}
	}
	counts := map[string]int{"reviewDated": dated, "docsSites": len(site), "freshDocs": fresh, "docs": docs}
	switch {
	case dated >= 3 || (f.History != nil && docs >= 5 && fresh*2 >= docs && len(site) > 0):
		o := outcome{Status: Found, Confidence: Medium, Summary: fmt.Sprintf("%s carry review dates; %s", plural(dated, "document", "documents"), plural(len(site), "documentation site", "documentation sites")), Evidence: append(ev, site...), Counts: counts}
		return o
	case len(site) > 0 || dated > 0 || fresh > 0:
		o := partial(Low, fmt.Sprintf("%s; %s with review dates", plural(len(site), "documentation site", "documentation sites"), plural(dated, "document", "documents")), append(ev, site...))
		o.Counts = counts
		return o
	}
	return notFound("no documentation site, review-dated documents or freshness data found")
}
