package scan

import (
	"io/fs"
	"time"

	"gopkg.in/yaml.v3"
)

// WaiverFile is the file at the root of the scanned tree that holds waivers.
const WaiverFile = ".wellops.yaml"

// Waiver is an owner's decision that overrides what the evidence says for one best practice or
// one check, with a reason, an owner and an expiry. Waivers live in the repository, so they
// survive re-runs; an expired waiver is reported and not applied.
type Waiver struct {
	BestPractice string `json:"bestPractice,omitempty" yaml:"bestPractice"`
	Check        string `json:"check,omitempty" yaml:"check"`
	Status       Status `json:"status" yaml:"status"`
	Reason       string `json:"reason" yaml:"reason"`
	Owner        string `json:"owner" yaml:"owner"`
	Expires      string `json:"expires" yaml:"expires"`
	Line         int    `json:"line" yaml:"-"`

	Applied bool `json:"applied" yaml:"-"`
	Expired bool `json:"expired,omitempty" yaml:"-"`
	// Problem says why a waiver could not be applied (besides expiry).
	Problem string `json:"problem,omitempty" yaml:"-"`
	// OriginalStatus is what the evidence said before the waiver.
	OriginalStatus Status `json:"originalStatus,omitempty" yaml:"-"`
}

type waiverFile struct {
	Waivers []yaml.Node `yaml:"waivers"`
}

// maxWaivers bounds what one file may declare.
const maxWaivers = 1000

// loadWaivers reads .wellops.yaml. Problems are warnings: a bad waiver is not applied, and the
// scan goes on.
func loadWaivers(fsys fs.FS, now time.Time, cat *catalog, metas []checkMeta) ([]Waiver, []Warning) {
	data, err := fs.ReadFile(fsys, WaiverFile)
	if err != nil {
		return nil, nil
	}
	if len(data) > 1<<20 {
		return nil, []Warning{{Path: WaiverFile, Message: "waiver file larger than 1 MiB; ignored"}}
	}
	var wf waiverFile
	if err := yaml.Unmarshal(data, &wf); err != nil {
		return nil, []Warning{{Path: WaiverFile, Line: yamlErrLine(err), Message: "waiver file is not valid YAML: " + err.Error()}}
	}
	checks := map[string]bool{}
	for _, m := range metas {
		checks[m.ID] = true
	}
	today := now.UTC().Format("2006-01-02")
	var out []Waiver
	var warns []Warning
	for i, n := range wf.Waivers {
		if i >= maxWaivers {
			warns = append(warns, Warning{Path: WaiverFile, Line: n.Line, Message: "too many waivers; the rest are ignored"})
			break
		}
		var w Waiver
		if err := n.Decode(&w); err != nil {
			warns = append(warns, Warning{Path: WaiverFile, Line: n.Line, Message: "waiver: " + err.Error()})
			continue
		}
		w.Line = n.Line
		w.Problem = validateWaiver(&w, cat, checks)
		if w.Problem == "" {
			if w.Expires < today {
				w.Expired = true
				warns = append(warns, Warning{Path: WaiverFile, Line: w.Line, Message: "waiver for " + w.target() + " expired on " + w.Expires + "; not applied"})
			}
		} else {
			warns = append(warns, Warning{Path: WaiverFile, Line: w.Line, Message: "waiver for " + w.target() + " not applied: " + w.Problem})
		}
		out = append(out, w)
	}
	return out, warns
}

func (w *Waiver) target() string {
	if w.BestPractice != "" {
		return w.BestPractice
	}
	if w.Check != "" {
		return w.Check
	}
	return "(nothing)"
}

func (w *Waiver) usable() bool { return w.Problem == "" && !w.Expired }

func validateWaiver(w *Waiver, cat *catalog, checks map[string]bool) string {
	switch {
	case (w.BestPractice == "") == (w.Check == ""):
		return "name exactly one of bestPractice or check"
	case w.BestPractice != "" && cat.byID[w.BestPractice] == nil:
		return "unknown best practice " + w.BestPractice
	case w.Check != "" && !checks[w.Check]:
		return "unknown check " + w.Check
	}
	switch w.Status {
	case Found, Partial, NotFound, NotApplicable, Unknown:
	default:
		return "status must be one of found, partial, not_found, not_applicable, unknown"
	}
	if w.Reason == "" {
		return "a reason is required"
	}
	if w.Owner == "" {
		return "an owner is required"
	}
	if _, err := time.Parse("2006-01-02", w.Expires); err != nil {
		return "expires must be a date (YYYY-MM-DD)"
	}
	return ""
}
