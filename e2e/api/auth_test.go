package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/e2e/harness"
)

// rawResponse is an answer read without the SDK: status, error type, request ID, body.
type rawResponse struct {
	status    int
	errorType string
	requestID string
	body      map[string]any
}

func do(t testing.TB, req *http.Request) rawResponse {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := rawResponse{status: resp.StatusCode, errorType: resp.Header.Get("x-amzn-ErrorType"), requestID: resp.Header.Get("x-amzn-RequestId")}
	if len(b) > 0 {
		if err := json.Unmarshal(b, &r.body); err != nil {
			t.Fatalf("%s %s answered non-JSON %d: %.200s", req.Method, req.URL, resp.StatusCode, b)
		}
	}
	return r
}

// sign signs req as the SDK would, at the given time.
func sign(t testing.TB, req *http.Request, u harness.User, body string, at time.Time) *http.Request {
	t.Helper()
	sum := sha256.Sum256([]byte(body))
	err := v4.NewSigner().SignHTTP(bg, aws.Credentials{AccessKeyID: u.AccessKeyID, SecretAccessKey: u.SecretKey}, req,
		hex.EncodeToString(sum[:]), "wellarchitected", "us-west-2", at)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func newRequest(t testing.TB, method, url, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// Signatures that are missing, wrong, expired or tampered with; unknown and revoked keys;
// presigned URLs; unknown routes; large bodies; throttling.
func testAuth(t *testing.T, e *env) {
	url := e.srv.URL + "/profileTemplate"
	tests := []struct {
		name   string
		req    func() *http.Request
		status int
		code   string
	}{
		{"missing", func() *http.Request { return newRequest(t, "GET", url, "") }, 403, "MissingAuthenticationTokenException"},
		{"expired", func() *http.Request {
			return sign(t, newRequest(t, "GET", url, ""), e.owner, "", time.Now().Add(-20*time.Minute))
		}, 403, "InvalidSignatureException"},
		{"from the future", func() *http.Request {
			return sign(t, newRequest(t, "GET", url, ""), e.owner, "", time.Now().Add(20*time.Minute))
		}, 403, "InvalidSignatureException"},
		{"body changed after signing", func() *http.Request {
			req := sign(t, newRequest(t, "POST", e.srv.URL+"/workloadsSummaries", `{}`), e.owner, `{}`, time.Now())
			req.Body = io.NopCloser(strings.NewReader(`{"MaxResults":1}`))
			req.ContentLength = 16
			return req
		}, 403, "InvalidSignatureException"},
		{"path changed after signing", func() *http.Request {
			req := sign(t, newRequest(t, "GET", url, ""), e.owner, "", time.Now())
			req.URL.Path = "/global-settings"
			return req
		}, 403, "InvalidSignatureException"},
		{"signed", func() *http.Request { return sign(t, newRequest(t, "GET", url, ""), e.owner, "", time.Now()) }, 200, ""},
		{"unknown route", func() *http.Request {
			return sign(t, newRequest(t, "GET", e.srv.URL+"/no/such/operation", ""), e.owner, "", time.Now())
		}, 400, "ValidationException"},
		{"wrong method", func() *http.Request {
			return sign(t, newRequest(t, "PUT", e.srv.URL+"/global-settings", `{}`), e.owner, `{}`, time.Now())
		}, 400, "ValidationException"},
		{"body over the limit", func() *http.Request {
			big := `{"Notes":"` + strings.Repeat("x", 2<<20) + `"}`
			return sign(t, newRequest(t, "POST", e.srv.URL+"/workloadsSummaries", big), e.owner, big, time.Now())
		}, 400, "ValidationException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.req())
			if r.status != tt.status || r.errorType != tt.code || r.requestID == "" {
				t.Fatalf("got %d %q (request ID %q) %v, want %d %q", r.status, r.errorType, r.requestID, r.body, tt.status, tt.code)
			}
			if tt.code != "" && (r.body["Message"] == nil || r.body["Message"] == "") {
				t.Errorf("error without a Message: %v", r.body)
			}
		})
	}
	if r := do(t, sign(t, newRequest(t, "GET", e.srv.URL+"/no/such", ""), e.owner, "", time.Now())); r.body["Reason"] != "UNKNOWN_OPERATION" {
		t.Errorf("unknown route reason %v", r.body)
	}

	t.Run("presigned URL", func(t *testing.T) {
		req := newRequest(t, "GET", url, "")
		signed, _, err := v4.NewSigner().PresignHTTP(bg, aws.Credentials{AccessKeyID: e.owner.AccessKeyID, SecretAccessKey: e.owner.SecretKey},
			req, "UNSIGNED-PAYLOAD", "wellarchitected", "us-west-2", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if r := do(t, newRequest(t, "GET", signed, "")); r.status != 200 {
			t.Fatalf("presigned GET: %d %v", r.status, r.body)
		}
	})

	t.Run("SDK with wrong credentials", func(t *testing.T) {
		_, err := e.clientWith(e.owner.AccessKeyID, e.owner.SecretKey+"x").GetProfileTemplate(bg, &wellarchitected.GetProfileTemplateInput{})
		if apiCode(err) != "InvalidSignatureException" {
			t.Errorf("wrong secret: %v", err)
		}
		_, err = e.clientWith("AKIANOSUCHKEY0000000", e.owner.SecretKey).GetProfileTemplate(bg, &wellarchitected.GetProfileTemplateInput{})
		if apiCode(err) != "UnrecognizedClientException" {
			t.Errorf("unknown key: %v", err)
		}
		db := e.srv.Store(t)
		admin := wellops.WithPrincipal(bg, wellops.Principal{UserName: "harness", AccountID: "000000000000", Admin: true})
		k := must[*wellops.AccessKey](t)(db.CreateAccessKey(admin, e.peer.Name))
		c := e.clientWith(k.ID, k.Secret)
		must[*wellarchitected.GetProfileTemplateOutput](t)(c.GetProfileTemplate(bg, &wellarchitected.GetProfileTemplateInput{}))
		if err := db.RevokeAccessKey(admin, k.ID); err != nil {
			t.Fatal(err)
		}
		time.Sleep(1100 * time.Millisecond) // the API reuses a looked-up key for up to a second
		_, err = c.GetProfileTemplate(bg, &wellarchitected.GetProfileTemplateInput{})
		if apiCode(err) != "UnrecognizedClientException" {
			t.Errorf("revoked key: %v", err)
		}
	})

	t.Run("throttling", func(t *testing.T) {
		srv := harness.Start(t, e.kind, harness.Options{Env: []string{"WELLOPS_RATE_LIMIT=1"}})
		c := newEnv(t, e.kind, srv).wa
		var throttled error
		for range 10 {
			if _, err := c.GetProfileTemplate(bg, &wellarchitected.GetProfileTemplateInput{}); err != nil {
				throttled = err
				break
			}
		}
		wantErr[*types.ThrottlingException](t, throttled, 429)
	})
}
