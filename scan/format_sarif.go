package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"strings"
)

// SARIF 2.1.0 output for code scanning: one rule per check (plus one for scan warnings);
// results for checks that found nothing or only part, one per specific gap where a check
// names one, and one per warning. Passing checks produce no results: code scanning shows
// problems, and the JSON format carries the evidence.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifTool         `json:"tool"`
	AutomationDetails *sarifAutomation  `json:"automationDetails,omitempty"`
	Invocations       []sarifInvocation `json:"invocations"`
	Results           []sarifResult     `json:"results"`
	Properties        map[string]any    `json:"properties,omitempty"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

// warningRuleID is the rule for files the scanner could not read.
const warningRuleID = "OE-SCAN-WARNING"

func writeSARIF(w io.Writer, r *Report) error {
	metas, err := loadCheckMeta()
	if err != nil {
		return err
	}
	cat, err := loadCatalog()
	if err != nil {
		return err
	}
	riskOf := func(bps []string) string {
		best := ""
		for _, id := range bps {
			if bp := cat.byID[id]; bp != nil && riskRank(bp.Risk) > riskRank(best) {
				best = bp.Risk
			}
		}
		return best
	}
	ruleIndex := map[string]int{}
	var rules []sarifRule
	for _, m := range metas {
		bps := append(append([]string{}, m.BestPractices...), m.Supports...)
		var choices []string
		for _, id := range bps {
			if bp := cat.byID[id]; bp != nil {
				choices = append(choices, bp.QuestionID+"/"+bp.ChoiceID)
			}
		}
		ruleIndex[m.ID] = len(rules)
		rules = append(rules, sarifRule{
			ID: m.ID, Name: ruleName(m.ID),
			ShortDescription:     sarifText{Text: m.Title},
			FullDescription:      sarifText{Text: m.Why},
			Help:                 sarifText{Text: "What satisfies it: " + m.Satisfy, Markdown: "**Why it matters.** " + m.Why + "\n\n**What satisfies it.** " + m.Satisfy},
			DefaultConfiguration: sarifConfig{Level: levelFor(riskOf(m.BestPractices), NotFound)},
			Properties: map[string]any{
				"tags":          append([]string{"operational-excellence", "well-architected", m.Family}, bps...),
				"bestPractices": bps,
				"waChoices":     choices,
			},
		})
	}
	ruleIndex[warningRuleID] = len(rules)
	rules = append(rules, sarifRule{
		ID: warningRuleID, Name: "ScanWarning",
		ShortDescription:     sarifText{Text: "A file could not be read as expected"},
		FullDescription:      sarifText{Text: "Malformed YAML, JSON or HCL, or a file the scanner skipped. The scan went on without it, so evidence in it was not counted."},
		Help:                 sarifText{Text: "Fix the syntax error or ignore the file if it is not configuration."},
		DefaultConfiguration: sarifConfig{Level: "note"},
		Properties:           map[string]any{"tags": []string{"operational-excellence", "scanner"}},
	})

	anchor := r.anchor()
	results := []sarifResult{}
	for _, c := range r.Checks {
		if c.Status != NotFound && c.Status != Partial {
			continue
		}
		level := levelFor(riskOf(c.BestPractices), c.Status)
		msg := c.Title + ": " + c.Summary
		if m := metaByID(metas, c.ID); m != nil {
			msg += ". What would satisfy it: " + m.Satisfy
		}
		props := map[string]any{"status": string(c.Status), "bestPractices": c.BestPractices}
		loc := anchor
		if len(c.Evidence) > 0 {
			loc = c.Evidence[0]
		}
		results = append(results, sarifResult{
			RuleID: c.ID, RuleIndex: ruleIndex[c.ID], Level: level,
			Message:             sarifText{Text: msg},
			Locations:           []sarifLocation{sarifLoc(loc.Path, loc.Line)},
			PartialFingerprints: fingerprint(c.ID, "check", ""),
			Properties:          props,
		})
	}
	for _, c := range r.Checks {
		if c.Waiver != nil && c.Waiver.Applied {
			continue
		}
		for _, g := range c.Gaps {
			results = append(results, sarifResult{
				RuleID: c.ID, RuleIndex: ruleIndex[c.ID], Level: "note",
				Message:             sarifText{Text: g.Text},
				Locations:           []sarifLocation{sarifLoc(g.Path, g.Line)},
				PartialFingerprints: fingerprint(c.ID, g.Path, g.Text),
			})
		}
	}
	for _, wn := range r.Warnings {
		results = append(results, sarifResult{
			RuleID: warningRuleID, RuleIndex: ruleIndex[warningRuleID], Level: "note",
			Message:             sarifText{Text: wn.Message},
			Locations:           []sarifLocation{sarifLoc(wn.Path, wn.Line)},
			PartialFingerprints: fingerprint(warningRuleID, wn.Path, wn.Message),
		})
	}
	run := sarifRun{
		Tool:              sarifTool{Driver: sarifDriver{Name: "wellops", Version: r.Tool.Version, InformationURI: "https://github.com/wellops/wellops", Rules: rules}},
		AutomationDetails: &sarifAutomation{ID: "wellops/scan/"},
		Invocations:       []sarifInvocation{{ExecutionSuccessful: true}},
		Results:           results,
		Properties:        map[string]any{"schemaVersion": r.SchemaVersion, "commit": r.Commit, "scanTime": r.ScanTime},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// anchor is where a result with no specific place is shown: the README, as the front page of
// the repository.
func (r *Report) anchor() Item {
	for _, c := range r.Checks {
		for _, it := range c.Evidence {
			if strings.HasPrefix(strings.ToLower(it.Path), "readme") {
				return Item{Path: it.Path}
			}
		}
	}
	return Item{Path: "README.md"}
}

func metaByID(metas []checkMeta, id string) *checkMeta {
	for i := range metas {
		if metas[i].ID == id {
			return &metas[i]
		}
	}
	return nil
}

// levelFor maps a best practice's risk and the check's status to a SARIF level: a missing
// high-risk practice is an error, a partial one a note.
func levelFor(risk string, s Status) string {
	if s == Partial {
		return "note"
	}
	switch risk {
	case "HIGH":
		return "error"
	case "MEDIUM":
		return "warning"
	}
	return "note"
}

func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(strings.TrimPrefix(id, "OE-"), "-") {
		if part == "" {
			continue
		}
		b.WriteString(part[:1])
		b.WriteString(strings.ToLower(part[1:]))
	}
	return b.String()
}

func sarifLoc(p string, line int) sarifLocation {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: strings.Join(segs, "/"), URIBaseID: "%SRCROOT%"}}}
	if line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: line}
	}
	return loc
}

// fingerprint gives a result a stable identity across runs, so code scanning tracks it
// instead of opening a new alert each time.
func fingerprint(parts ...string) map[string]string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return map[string]string{"wellops/v1": hex.EncodeToString(h[:16])}
}
