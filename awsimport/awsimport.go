// Package awsimport reads what people already have from the AWS Well-Architected Tool — the
// JSON the labs export script (exportImportWAFR.py) writes, and the AWS CLI's get-workload,
// list-answers, get-answer and get-milestone output — and replays it into a wellops review.
// Answers to the official lens's Operational Excellence questions map onto the built-in
// lens by question and choice ID; everything else is counted and reported, never guessed.
package awsimport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Workload is the part of an AWS Workload object wellops carries over.
type Workload struct {
	WorkloadId          string
	WorkloadName        string
	Description         string
	Environment         string
	ReviewOwner         string
	ArchitecturalDesign string
	IndustryType        string
	Industry            string
	Notes               string
	ImprovementStatus   string
	AccountIds          []string
	AwsRegions          []string
	NonAwsRegions       []string
	PillarPriorities    []string
	Lenses              []string
	Tags                map[string]string
}

// Answer is an AWS Answer or AnswerSummary.
type Answer struct {
	QuestionId            string
	PillarId              string
	SelectedChoices       []string
	ChoiceAnswers         []ChoiceAnswer
	ChoiceAnswerSummaries []ChoiceAnswer
	IsApplicable          *bool
	Reason                string
	Notes                 string
}

// ChoiceAnswer is an AWS ChoiceAnswer (or its summary).
type ChoiceAnswer struct {
	ChoiceId string
	Status   string
	Reason   string
	Notes    string
}

// Milestone is a recorded milestone with the answers it held, when those were exported.
type Milestone struct {
	Number     int
	Name       string
	RecordedAt time.Time
	Answers    map[string][]Answer // by lens alias
}

// Bundle is everything read from one or more files.
type Bundle struct {
	Workload   *Workload
	Answers    map[string][]Answer // current answers by lens alias
	Milestones []Milestone         // ordered by number
	Formats    []string            // what each file was recognised as
}

// Parse reads each file and merges what it holds. Files may come in any order: a
// get-workload output and the list-answers outputs of its lenses, or one labs export.
func Parse(files ...[]byte) (*Bundle, error) {
	b := &Bundle{Answers: map[string][]Answer{}}
	milestones := map[int]*Milestone{}
	for i, data := range files {
		format, err := b.parseOne(data, milestones)
		if err != nil {
			return nil, fmt.Errorf("file %d: %w", i+1, err)
		}
		b.Formats = append(b.Formats, format)
	}
	for _, m := range milestones {
		b.Milestones = append(b.Milestones, *m)
	}
	sort.Slice(b.Milestones, func(i, j int) bool { return b.Milestones[i].Number < b.Milestones[j].Number })
	if b.Workload == nil && len(b.Answers) == 0 && len(b.Milestones) == 0 {
		return nil, fmt.Errorf("no workload, answers or milestones found")
	}
	return b, nil
}

func (b *Bundle) parseOne(data []byte, milestones map[int]*Milestone) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return "", fmt.Errorf("not a JSON object: %v", err)
	}
	switch {
	case top["workload"] != nil && top["lenses"] != nil:
		return "labs export (exportImportWAFR.py)", b.parseLabs(top, milestones)
	case top["Milestone"] != nil:
		var m struct {
			Milestone struct {
				MilestoneNumber int
				MilestoneName   string
				RecordedAt      flexTime
				Workload        *Workload
			}
		}
		if err := json.Unmarshal(data, &m); err != nil {
			return "", fmt.Errorf("get-milestone: %v", err)
		}
		ms := milestone(milestones, m.Milestone.MilestoneNumber)
		ms.Name, ms.RecordedAt = m.Milestone.MilestoneName, time.Time(m.Milestone.RecordedAt)
		if b.Workload == nil && m.Milestone.Workload != nil {
			b.Workload = m.Milestone.Workload
		}
		return "aws wellarchitected get-milestone", nil
	case top["Workload"] != nil:
		var w struct{ Workload Workload }
		if err := json.Unmarshal(data, &w); err != nil {
			return "", fmt.Errorf("get-workload: %v", err)
		}
		b.Workload = &w.Workload
		return "aws wellarchitected get-workload", nil
	case top["AnswerSummaries"] != nil || top["Answer"] != nil:
		var a struct {
			LensAlias       string
			LensArn         string
			MilestoneNumber int
			AnswerSummaries []Answer
			Answer          *Answer
		}
		if err := json.Unmarshal(data, &a); err != nil {
			return "", fmt.Errorf("answers: %v", err)
		}
		alias := a.LensAlias
		if alias == "" {
			alias = a.LensArn
		}
		answers := a.AnswerSummaries
		format := "aws wellarchitected list-answers"
		if a.Answer != nil {
			answers, format = []Answer{*a.Answer}, "aws wellarchitected get-answer"
		}
		if a.MilestoneNumber > 0 {
			ms := milestone(milestones, a.MilestoneNumber)
			ms.Answers[alias] = append(ms.Answers[alias], answers...)
		} else {
			b.Answers[alias] = append(b.Answers[alias], answers...)
		}
		return format, nil
	}
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return "", fmt.Errorf("not a format wellops knows (top-level keys: %s); expected a labs export or the output of aws wellarchitected get-workload, list-answers, get-answer or get-milestone", strings.Join(keys, ", "))
}

// parseLabs reads {"workload": [Workload], "lenses": [{alias: [Answer]}], "lens_review": [...]}
// and, as a wellops extension, "milestones": [{"MilestoneNumber", "MilestoneName",
// "RecordedAt", "lenses": [{alias: [Answer]}]}].
func (b *Bundle) parseLabs(top map[string]json.RawMessage, milestones map[int]*Milestone) error {
	var ws []Workload
	if err := json.Unmarshal(top["workload"], &ws); err != nil {
		return fmt.Errorf("workload: %v", err)
	}
	if len(ws) > 0 {
		b.Workload = &ws[0]
	}
	var lenses []map[string][]Answer
	if err := json.Unmarshal(top["lenses"], &lenses); err != nil {
		return fmt.Errorf("lenses: %v", err)
	}
	for _, l := range lenses {
		for alias, as := range l {
			b.Answers[alias] = append(b.Answers[alias], as...)
		}
	}
	if raw := top["milestones"]; raw != nil {
		var ms []struct {
			MilestoneNumber int
			MilestoneName   string
			RecordedAt      flexTime
			Lenses          []map[string][]Answer `json:"lenses"`
		}
		if err := json.Unmarshal(raw, &ms); err != nil {
			return fmt.Errorf("milestones: %v", err)
		}
		for _, m := range ms {
			dst := milestone(milestones, m.MilestoneNumber)
			dst.Name, dst.RecordedAt = m.MilestoneName, time.Time(m.RecordedAt)
			for _, l := range m.Lenses {
				for alias, as := range l {
					dst.Answers[alias] = append(dst.Answers[alias], as...)
				}
			}
		}
	}
	return nil
}

func milestone(m map[int]*Milestone, n int) *Milestone {
	if m[n] == nil {
		m[n] = &Milestone{Number: n, Answers: map[string][]Answer{}}
	}
	return m[n]
}

// flexTime reads the timestamp forms AWS tools write: epoch seconds (the API), ISO 8601 (the
// AWS CLI) and Python's str(datetime) (the labs script).
type flexTime time.Time

func (t *flexTime) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if f, err := strconv.ParseFloat(string(b), 64); err == nil {
		sec := int64(f)
		*t = flexTime(time.Unix(sec, int64((f-float64(sec))*1e9)).UTC())
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("timestamp %s: %v", b, err)
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999-07:00", "2006-01-02 15:04:05-07:00", "2006-01-02T15:04:05.999999-07:00"} {
		if v, err := time.Parse(layout, s); err == nil {
			*t = flexTime(v.UTC())
			return nil
		}
	}
	return fmt.Errorf("timestamp %q is in no known form", s)
}
