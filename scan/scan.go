// Package scan reads a workload's repository and reports, per Operational Excellence best
// practice, the evidence it holds (file:line) and what stays unknown.
//
// The pipeline is collect → check → score → format:
//   - collect walks an fs.FS once, classifies files by path (most are never opened), and reads
//     the rest with a bounded pool of workers into compact Facts;
//   - checks (one file per family: ci.go, alerts.go, k8s.go, ...) are pure functions from Facts
//     to results, listed in registry.go and described in checks.yaml;
//   - score combines check results per best practice and applies waivers from .wellops.yaml;
//   - the formats (text, json, markdown, sarif) render a Report.
//
// Nothing in the repository is executed. Git history, when asked for, is read with the git
// binary under a configuration that disables everything a repository could make git run.
package scan

import (
	"context"
	"fmt"
	"io/fs"
	"time"
)

// Options tune a scan. The zero value is usable.
type Options struct {
	// MaxFileSize is the largest file read, in bytes; larger files are skipped and counted.
	// Zero means DefaultMaxFileSize.
	MaxFileSize int64
	// Workers is the number of parallel readers; zero means GOMAXPROCS.
	Workers int
	// Root is the name shown for the scanned tree (the path the user gave).
	Root string
	// GitDir is the operating-system path of the same tree. When set and the tree is a git
	// work tree, history (change size and cadence, document freshness) and the commit are read
	// with the git binary. Empty skips history.
	GitDir string
	// ToolVersion is recorded in the report.
	ToolVersion string
	// Now returns the scan time; nil means time.Now. Waiver expiry is judged against it.
	Now func() time.Time
	// Progress, when set, is called from the walk now and then.
	Progress func(Progress)
	// NoContentCache parses every file even when an identical one (same content, same kind
	// of place) was parsed already. Benchmarks use it to measure the parsers alone.
	NoContentCache bool
}

// Progress is a snapshot of the walk for a progress line.
type Progress struct {
	Seen int // files walked
	Read int // files read and parsed
}

// DefaultMaxFileSize is the default size cap: configuration files above it are generated or
// data, and reading them would cost memory without adding evidence.
const DefaultMaxFileSize = 4 << 20

// Scan walks fsys and returns the evidence report. It fails only when the root cannot be read
// or ctx ends; bad files become warnings and failing checks become "error" results.
func Scan(ctx context.Context, fsys fs.FS, opts Options) (*Report, error) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	start := opts.Now()
	cat, err := loadCatalog()
	if err != nil {
		return nil, err
	}
	metas, err := loadCheckMeta()
	if err != nil {
		return nil, err
	}
	checks, err := bindChecks(metas, registry())
	if err != nil {
		return nil, err
	}

	facts, files, err := collect(ctx, fsys, &opts)
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	commit := headCommit(fsys)
	if opts.GitDir != "" && facts.hasDir(".git") {
		h, err := readHistory(ctx, opts.GitDir, start)
		if err != nil {
			facts.Warnings = append(facts.Warnings, Warning{Path: ".git", Message: "git history not read: " + err.Error()})
		} else {
			facts.History = h
			if commit == "" {
				commit = h.Head
			}
		}
	}

	results := runChecks(ctx, checks, facts)
	waivers, wwarn := loadWaivers(fsys, start, cat, metas)
	facts.Warnings = append(facts.Warnings, wwarn...)

	r := &Report{
		SchemaVersion: SchemaVersion,
		Tool:          Tool{Name: "wellops", Version: opts.ToolVersion},
		ScanTime:      start.UTC().Truncate(time.Second),
		Root:          opts.Root,
		Commit:        commit,
		Files:         files,
		Warnings:      facts.Warnings,
		Checks:        results,
	}
	if r.Warnings == nil {
		r.Warnings = []Warning{}
	}
	r.BestPractices = score(cat, checks, r.Checks, waivers)
	r.Waivers = waivers
	if r.Waivers == nil {
		r.Waivers = []Waiver{}
	}
	r.DurationMS = opts.Now().Sub(start).Milliseconds()
	return r, nil
}
