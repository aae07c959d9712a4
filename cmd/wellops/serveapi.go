package main

import (
	"net/http"

	"github.com/wellops/wellops/report"
	"github.com/wellops/wellops/waapi"
)

// waapiRoutes builds the AWS-compatible API over the store and the report renderer.
func (s *server) waapiRoutes(r *report.Renderer) http.Handler {
	api, err := waapi.New(waapi.Options{
		Workloads: s.db, Reviews: s.db, Milestones: s.db, Lenses: s.db, Shares: s.db, Profiles: s.db,
		Templates: s.db, Tags: s.db, Evidence: s.db, Settings: s.db, Identity: s.db, Idempotency: s.db,
		Reports: r, Region: s.cfg.Region, TokenKey: s.cfg.tokenKey(), RateLimit: s.cfg.RateLimit,
		Logger: s.log.With("component", "api"), Observe: s.tel.apiObserved,
	})
	if err != nil {
		panic(err) // every option above is always set: a failure is a programming error
	}
	return api
}
