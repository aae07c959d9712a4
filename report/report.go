// Package report turns lens reviews and consolidated metrics into documents for people who
// never open wellops: PDF, self-contained HTML, Markdown, CSV, XLSX and JSON.
//
// Every report is built in two steps. The data is gathered once, through the domain's
// service interfaces and with the principal in the context (so a report never shows what
// its reader could not open), into one document model; then one encoder per format renders
// that model. The API (GetLensReviewReport, GetConsolidatedReport), the web UI's downloads
// and `wellops report` all go through the same Renderer.
package report

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
	"github.com/wellops/wellops/report/internal/pdf"
)

// Formats a report can be written in.
const (
	FormatPDF      = "pdf"
	FormatHTML     = "html"
	FormatMarkdown = "md"
	FormatCSV      = "csv"
	FormatXLSX     = "xlsx"
	FormatJSON     = "json"
)

// Options carries what a Renderer reads from. Evidence may be nil (no evidence sections);
// the other services are required for the reports that use them.
type Options struct {
	Workloads  wellops.WorkloadService
	Reviews    wellops.ReviewService
	Milestones wellops.MilestoneService
	Evidence   wellops.EvidenceService
	Settings   wellops.SettingsService
	// Lang is the language of the API's PDF reports, which carry none: "en" (the default) or
	// "ko".
	Lang string
	// Now stamps the report's generation time; tests fix it.
	Now func() time.Time
}

// Renderer writes reports. It is safe for concurrent use; the fonts are read on first use of
// PDF and kept.
type Renderer struct {
	opt      Options
	fontOnce sync.Once
	fonts    *fontSet
	fontErr  error
	lensMu   sync.Mutex
	builtin  map[string]*lens.Lens
}

// New returns a Renderer over the given services.
func New(opt Options) *Renderer {
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Renderer{opt: opt, builtin: map[string]*lens.Lens{}}
}

// Formats lists the formats WriteLensReview and WriteConsolidated accept.
func (r *Renderer) Formats() []string { return formats() }

func formats() []string {
	return []string{FormatPDF, FormatHTML, FormatMarkdown, FormatCSV, FormatXLSX, FormatJSON}
}

// Languages lists the languages reports are written in.
func (r *Renderer) Languages() []string { return lens.Languages() }

// ContentType returns the MIME type of a format, for HTTP downloads.
func ContentType(format string) string {
	switch format {
	case FormatPDF:
		return "application/pdf"
	case FormatHTML:
		return "text/html; charset=utf-8"
	case FormatMarkdown:
		return "text/markdown; charset=utf-8"
	case FormatCSV:
		return "text/csv; charset=utf-8"
	case FormatXLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case FormatJSON:
		return "application/json"
	}
	return "application/octet-stream"
}

// LensReviewPDF renders a lens review as PDF in the default language, for the API's
// GetLensReviewReport. milestone 0 is the current state.
func (r *Renderer) LensReviewPDF(ctx context.Context, workloadID, lensAlias string, milestone int) ([]byte, error) {
	var buf bytes.Buffer
	if err := r.WriteLensReview(ctx, &buf, workloadID, lensAlias, FormatPDF, r.opt.Lang, milestone); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ConsolidatedPDF renders the consolidated report as PDF in the default language, for the
// API's GetConsolidatedReport with Format=PDF. q.Page is ignored: the document covers every
// workload the filters match.
func (r *Renderer) ConsolidatedPDF(ctx context.Context, q wellops.ConsolidatedQuery) ([]byte, error) {
	var buf bytes.Buffer
	if err := r.WriteConsolidated(ctx, &buf, q, FormatPDF, r.opt.Lang); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteLensReview writes the report of a workload's lens review (lensAlias "" is the
// built-in lens) at a milestone (0 for the current state) in format and lang ("" for the
// default). Format and language are checked before anything is read; the document is
// rendered in full before the first byte reaches w, so a failure writes nothing.
func (r *Renderer) WriteLensReview(ctx context.Context, w io.Writer, workloadID, lensAlias, format, lang string, milestone int) error {
	lang, err := r.check(format, lang)
	if err != nil {
		return err
	}
	if milestone < 0 {
		return invalid("milestone", "must be 0 (the current state) or a milestone number, got %d", milestone)
	}
	if lensAlias == "" {
		lensAlias = lens.BuiltinAlias
	}
	doc, err := r.gatherLensReview(ctx, workloadID, lensAlias, lang, milestone)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch format {
	case FormatPDF:
		err = r.lensReviewPDF(&buf, doc)
	case FormatHTML:
		err = lensReviewHTML(&buf, doc)
	case FormatMarkdown:
		err = lensReviewMarkdown(&buf, doc)
	case FormatCSV:
		err = lensReviewCSV(&buf, doc)
	case FormatXLSX:
		err = lensReviewXLSX(&buf, doc)
	case FormatJSON:
		err = lensReviewJSON(&buf, doc)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// WriteConsolidated writes the consolidated report over every workload q matches (q.Page is
// ignored) in format and lang, with the same guarantees as WriteLensReview.
func (r *Renderer) WriteConsolidated(ctx context.Context, w io.Writer, q wellops.ConsolidatedQuery, format, lang string) error {
	lang, err := r.check(format, lang)
	if err != nil {
		return err
	}
	if q.Environment != "" && q.Environment != wellops.EnvProduction && q.Environment != wellops.EnvPreproduction {
		return invalid("environment", "must be %s or %s, got %q", wellops.EnvProduction, wellops.EnvPreproduction, q.Environment)
	}
	doc, err := r.gatherConsolidated(ctx, q, lang)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.Grow(2048 * len(doc.Metrics)) // about a workload's share of the larger formats
	switch format {
	case FormatPDF:
		err = r.consolidatedPDF(&buf, doc)
	case FormatHTML:
		err = consolidatedHTML(&buf, doc)
	case FormatMarkdown:
		err = consolidatedMarkdown(&buf, doc)
	case FormatCSV:
		err = consolidatedCSV(&buf, doc)
	case FormatXLSX:
		err = consolidatedXLSX(&buf, doc)
	case FormatJSON:
		err = consolidatedJSON(&buf, doc)
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// check validates format and language and resolves the default language.
func (r *Renderer) check(format, lang string) (string, error) {
	if lang == "" {
		lang = r.opt.Lang
	}
	return lang, Check(format, lang)
}

// Check validates a format and a language ("" for the default) together, so one EINVALID
// error names every bad field with the allowed values. Callers use it to refuse bad input
// before doing any work.
func Check(format, lang string) error {
	formats := formats()
	var p wellops.Problems
	if !slices.Contains(formats, format) {
		p.Add("format", "must be one of %s, got %q", strings.Join(formats, ", "), format)
	}
	if lang != "" && !slices.Contains(lens.Languages(), lang) {
		p.Add("lang", "must be one of %s, got %q", strings.Join(lens.Languages(), ", "), lang)
	}
	return p.Err()
}

func invalid(field, format string, args ...any) error {
	var p wellops.Problems
	p.Add(field, format, args...)
	return p.Err()
}

// builtinLens returns the built-in lens in lang, to title consolidated metrics (which the
// store gives in its default language) in the report's language.
func (r *Renderer) builtinLens(lang string) *lens.Lens {
	r.lensMu.Lock()
	defer r.lensMu.Unlock()
	if l, ok := r.builtin[lang]; ok {
		return l
	}
	l, err := lens.Builtin(lang)
	if err != nil {
		l = nil // titles then stay as the store gave them
	}
	r.builtin[lang] = l
	return l
}

// fontSet holds the parsed faces of the PDF reports.
type fontSet struct {
	regular, bold *pdf.Font
}
