// Package wellops is the domain of wellops: workloads, lens reviews, answers, risks,
// milestones, improvement plans, sharing and evidence, with the service interfaces the
// adapters (stores, the AWS-compatible API, the web UI, reports, the scanner) implement or
// consume.
//
// This package imports only the standard library and the lens engine (package lens, which is
// pure domain too). It never imports an adapter, database/sql or net/http; deps_test.go
// enforces that.
package wellops
