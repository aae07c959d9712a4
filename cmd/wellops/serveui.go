package main

import (
	"net/http"

	"github.com/wellops/wellops/report"
	"github.com/wellops/wellops/ui"
)

// uiRoutes builds the web UI over the store and the report renderer.
func (s *server) uiRoutes(r *report.Renderer) http.Handler {
	h, err := ui.New(ui.Options{
		Workloads: s.db, Reviews: s.db, Milestones: s.db, Lenses: s.db, Shares: s.db, Evidence: s.db,
		Identity: s.db, Reports: r, Logger: s.log.With("component", "ui"),
		InsecureCookies: s.cfg.InsecureCookies, DefaultLang: s.cfg.Lang,
	})
	if err != nil {
		panic(err) // templates and catalogs are embedded: a failure is a programming error
	}
	return h
}
