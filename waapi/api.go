// Package waapi is the AWS Well-Architected Tool API over wellops's services: the same
// rest-json wire contract (botocore model wellarchitected 2020-03-31, 72 operations), SigV4
// authentication, the model's exceptions, sealed pagination tokens and idempotent client
// request tokens, so that the AWS CLI, boto3 and the AWS SDKs work against wellops with
// --endpoint-url.
//
// The package enforces no permissions itself: it authenticates the request, puts the
// principal in the context and lets every service method decide, then maps the wellops error
// codes to the model's exceptions in one table (errors.go).
package waapi

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/wellops/wellops"
)

// Reports renders PDF reports (package report implements it). It is defined here, where it
// is consumed, with exactly the methods the API needs.
type Reports interface {
	LensReviewPDF(ctx context.Context, workloadID, lensAlias string, milestone int) ([]byte, error)
	ConsolidatedPDF(ctx context.Context, q wellops.ConsolidatedQuery) ([]byte, error)
}

// Options are the API's dependencies; every one is required.
type Options struct {
	Workloads   wellops.WorkloadService
	Reviews     wellops.ReviewService
	Milestones  wellops.MilestoneService
	Lenses      wellops.LensService
	Shares      wellops.ShareService
	Profiles    wellops.ProfileService
	Templates   wellops.TemplateService
	Tags        wellops.TagService
	Evidence    wellops.EvidenceService
	Settings    wellops.SettingsService
	Identity    wellops.IdentityService
	Idempotency wellops.IdempotencyStore
	Reports     Reports

	// Region goes into the built-in lens ARN; requests signed for any region are accepted.
	Region string
	// TokenKey (32 bytes) seals pagination tokens.
	TokenKey []byte
	// RateLimit is the requests per second allowed per access key; 0 means no limit.
	RateLimit float64
	// Observe, when set, is told of every request: the operation ("" when none matched), the
	// status and the duration. The server turns it into metrics.
	Observe func(r *http.Request, operation string, status int, d time.Duration)
	// KeyCacheTTL is how long an access key looked up in the store is reused (default one
	// second; negative turns the cache off). A revoked key stops working within it.
	KeyCacheTTL time.Duration
	Logger      *slog.Logger
	// Now is the clock for signature times; tests set it.
	Now func() time.Time
}

// API is the http.Handler of the AWS-compatible API.
type API struct {
	opt    Options
	log    *slog.Logger
	now    func() time.Time
	tokens *tokenSealer
	limit  *rateLimiter
	keys   *keyCache
	routes *router
}

// New checks the options and builds the route table.
func New(opt Options) (*API, error) {
	var missing []string
	for name, v := range map[string]any{"Workloads": opt.Workloads, "Reviews": opt.Reviews, "Milestones": opt.Milestones,
		"Lenses": opt.Lenses, "Shares": opt.Shares, "Profiles": opt.Profiles, "Templates": opt.Templates, "Tags": opt.Tags,
		"Evidence": opt.Evidence, "Settings": opt.Settings, "Identity": opt.Identity, "Idempotency": opt.Idempotency,
		"Reports": opt.Reports} {
		if v == nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("waapi: missing services: %s", strings.Join(missing, ", "))
	}
	tokens, err := newTokenSealer(opt.TokenKey)
	if err != nil {
		return nil, fmt.Errorf("waapi: %w", err)
	}
	if opt.Region == "" {
		opt.Region = "us-east-1"
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.KeyCacheTTL == 0 {
		opt.KeyCacheTTL = time.Second
	}
	a := &API{opt: opt, log: opt.Logger, now: opt.Now, tokens: tokens, limit: newRateLimiter(opt.RateLimit, opt.Now),
		keys: newKeyCache(opt.KeyCacheTTL, opt.Now)}
	a.routes = newRouter(a.operations())
	return a, nil
}

// ServeHTTP authenticates the request, routes it and answers errors in the model's shapes.
// Every response carries x-amzn-RequestId, and every request is logged once with it.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := a.now()
	reqID := newRequestID()
	w.Header().Set("x-amzn-RequestId", reqID)
	sw := &statusWriter{ResponseWriter: w}
	opName, akid, err := a.serve(sw, r)
	status := sw.status
	if err != nil {
		status = writeError(sw, a.log, reqID, err)
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	d := a.now().Sub(start)
	a.log.LogAttrs(r.Context(), level, "api", slog.String("request_id", reqID), slog.String("method", r.Method),
		slog.String("operation", opName), slog.Int("status", status), slog.Duration("duration", d),
		slog.String("access_key", akid))
	if a.opt.Observe != nil {
		a.opt.Observe(r, opName, status, d)
	}
}

func (a *API) serve(w http.ResponseWriter, r *http.Request) (opName, akid string, err error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", "", invalid(reasonOther, fmt.Sprintf("the request body is larger than %d bytes", mbe.Limit))
		}
		return "", "", invalid(reasonCannotParse, "the request body could not be read")
	}
	p, akid, err := a.authenticate(r, body)
	if err != nil {
		return "", akid, err
	}
	if !a.limit.allow(akid) {
		return "", akid, wellops.Errorf(wellops.ETHROTTLED, "rate exceeded: at most %g requests per second per access key", a.opt.RateLimit)
	}
	op, ok := a.routes.match(r)
	if !ok {
		return "", akid, invalid(reasonUnknownOperation, fmt.Sprintf("no operation answers %s %s", r.Method, clip(rawPath(r))))
	}
	r = withLang(r)
	ctx := wellops.WithPrincipal(r.Context(), p)
	return op.name, akid, op.h(w, r.WithContext(ctx), body)
}

// authenticate checks the SigV4 signature and returns the principal of the access key.
func (a *API) authenticate(r *http.Request, body []byte) (wellops.Principal, string, error) {
	sig, err := parseSignature(r)
	if err != nil {
		return wellops.Principal{}, "", err
	}
	if err := sig.checkTime(a.now()); err != nil {
		return wellops.Principal{}, sig.accessKey, err
	}
	bodyHash := r.Header.Get("X-Amz-Content-Sha256")
	if sig.presigned && bodyHash == "" {
		bodyHash = unsignedBody
	}
	if bodyHash != unsignedBody {
		sum := sha256.Sum256(body)
		actual := hex.EncodeToString(sum[:])
		if bodyHash != "" && bodyHash != actual {
			return wellops.Principal{}, sig.accessKey, badSig("the body does not match X-Amz-Content-Sha256")
		}
		bodyHash = actual
	}
	secret, u, err := a.keys.lookup(r.Context(), a.opt.Identity, sig.accessKey)
	switch {
	case wellops.ErrorCode(err) == wellops.ENOTFOUND || (err == nil && u == nil):
		return wellops.Principal{}, sig.accessKey, &authError{"UnrecognizedClientException", "The security token included in the request is invalid."}
	case err != nil:
		return wellops.Principal{}, sig.accessKey, fmt.Errorf("look up access key: %w", err)
	}
	if err := sig.verify(r, secret, bodyHash); err != nil {
		return wellops.Principal{}, sig.accessKey, err
	}
	return u.Principal(), sig.accessKey, nil
}

func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}
