package ui

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/wellops/wellops"
)

// contentType is what each report format is served as; unknown formats download as bytes.
func contentType(format string) string {
	switch format {
	case "pdf":
		return "application/pdf"
	case "html":
		return "text/html; charset=utf-8"
	case "md":
		return "text/markdown; charset=utf-8"
	case "csv":
		return "text/csv; charset=utf-8"
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "json":
		return "application/json"
	}
	return "application/octet-stream"
}

// checkFormat refuses formats the renderer does not offer, and a missing renderer.
func (u *UI) checkFormat(format string) error {
	if u.opt.Reports == nil {
		return notFound("reports")
	}
	if !slices.Contains(u.opt.Reports.Formats(), format) {
		return invalid("format", "must be one of %v", u.opt.Reports.Formats())
	}
	return nil
}

// sendReport writes a rendered report as a download. Reports are rendered into memory first,
// so a failure halfway shows an error page instead of a truncated file.
func sendReport(w http.ResponseWriter, buf *bytes.Buffer, name, format string) {
	h := w.Header()
	h.Set("Content-Type", contentType(format))
	h.Set("Content-Disposition", `attachment; filename="`+fileName(name)+"."+format+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Write(buf.Bytes())
}

func (u *UI) downloadReport(w http.ResponseWriter, r *http.Request) error {
	ctx, q := r.Context(), r.URL.Query()
	format := q.Get("format")
	if err := u.checkFormat(format); err != nil {
		return err
	}
	wl, alias, err := u.workloadLens(r, q.Get("lens"))
	if err != nil {
		return err
	}
	milestone := 0
	if m := q.Get("milestone"); m != "" {
		if milestone, err = strconv.Atoi(m); err != nil || milestone < 0 {
			return invalid("milestone", "must be a milestone number")
		}
	}
	var buf bytes.Buffer
	if err := u.opt.Reports.WriteLensReview(ctx, &buf, wl.ID, alias, format, reqOf(r).lang, milestone); err != nil {
		return err
	}
	name := "wellops-" + wl.Name
	if milestone > 0 {
		name += "-m" + strconv.Itoa(milestone)
	}
	sendReport(w, &buf, name, format)
	return nil
}

func (u *UI) downloadConsolidated(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	format := q.Get("format")
	if err := u.checkFormat(format); err != nil {
		return err
	}
	cq := wellops.ConsolidatedQuery{IncludeShared: true, Environment: q.Get("env")}
	var buf bytes.Buffer
	if err := u.opt.Reports.WriteConsolidated(r.Context(), &buf, cq, format, reqOf(r).lang); err != nil {
		return err
	}
	sendReport(w, &buf, "wellops-consolidated-"+u.opt.Now().UTC().Format(time.DateOnly), format)
	return nil
}
