package api

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/sqldb"
	"github.com/wellops/wellops/waapi"
)

// BenchmarkGetAnswerInProcess serves signed GetAnswer requests straight into the API handler
// over a SQLite store, without a network: the server's own cost per request, for profiling
// (go test -run '^$' -bench GetAnswerInProcess -cpuprofile cpu.out ./api/).
func BenchmarkGetAnswerInProcess(b *testing.B) {
	ctx := context.Background()
	key := []byte("0123456789abcdef0123456789abcdef")
	db, err := sqldb.Open(ctx, filepath.Join(b.TempDir(), "w.db"), sqldb.Options{SecretKey: key})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	admin := wellops.WithPrincipal(ctx, wellops.Principal{UserName: "bench", AccountID: "000000000000", Admin: true})
	u, err := db.CreateUser(admin, wellops.NewUser{Name: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	k, err := db.CreateAccessKey(admin, "bench")
	if err != nil {
		b.Fatal(err)
	}
	w, err := db.CreateWorkload(wellops.WithPrincipal(ctx, u.Principal()), wellops.NewWorkload{Name: "bench", Description: "bench workload",
		Environment: wellops.EnvProduction, AWSRegions: []string{"us-east-1"}, ReviewOwner: "bench owner", Lenses: []string{"wellarchitected"}})
	if err != nil {
		b.Fatal(err)
	}
	api, err := waapi.New(waapi.Options{Workloads: db, Reviews: db, Milestones: db, Lenses: db, Shares: db, Profiles: db, Templates: db,
		Tags: db, Evidence: db, Settings: db, Identity: db, Idempotency: db, TokenKey: key,
		Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	signer := v4.NewSigner()
	creds := aws.Credentials{AccessKeyID: k.ID, SecretAccessKey: k.Secret}
	const empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	req := func() *http.Request {
		r := httptest.NewRequest("GET", "/workloads/"+w.ID+"/lensReviews/wellarchitected/answers/priorities", nil)
		if err := signer.SignHTTP(ctx, creds, r, empty, "wellarchitected", "us-east-1", time.Now()); err != nil {
			b.Fatal(err)
		}
		return r
	}
	r := req()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i%1000 == 999 {
			r = req() // stay inside the 15-minute window on long runs
		}
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, r)
		if rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}
