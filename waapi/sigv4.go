package waapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// AWS Signature Version 4, verified with the standard library. The real SDKs and the AWS CLI
// are the oracle: the end-to-end tests sign with them, and sigv4_test.go checks this code
// against signatures computed independently.

const (
	sigAlgorithm   = "AWS4-HMAC-SHA256"
	sigService     = "wellarchitected"
	sigTerminator  = "aws4_request"
	amzDateFormat  = "20060102T150405Z"
	unsignedBody   = "UNSIGNED-PAYLOAD"
	maxClockSkew   = 15 * time.Minute
	maxPresignLife = 7 * 24 * time.Hour
)

// authError is a signature problem, answered with one of the error codes AWS uses for them.
type authError struct {
	code string // MissingAuthenticationTokenException, UnrecognizedClientException, InvalidSignatureException
	msg  string
}

func (e *authError) Error() string { return e.code + ": " + e.msg }

func missingAuth() *authError {
	return &authError{"MissingAuthenticationTokenException", "Missing Authentication Token"}
}

func badSig(msg string) *authError { return &authError{"InvalidSignatureException", msg} }

// sigRequest is what a request claims about its signature, parsed from the Authorization
// header or the X-Amz-* query parameters of a presigned URL.
type sigRequest struct {
	accessKey     string
	date          string // yyyymmdd of the credential scope
	region        string
	service       string // always wellarchitected once parsed; tests use the AWS test suite's
	signedHeaders []string
	signature     []byte
	amzDate       time.Time
	presigned     bool
	expires       time.Duration
}

// parseSignature reads the signature a request carries, without checking it.
func parseSignature(r *http.Request) (*sigRequest, error) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		return parseAuthHeader(auth, r.Header)
	}
	q := r.URL.Query()
	if q.Get("X-Amz-Algorithm") != "" {
		return parsePresigned(q)
	}
	return nil, missingAuth()
}

// parseAuthHeader parses "AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request,
// SignedHeaders=a;b, Signature=hex".
func parseAuthHeader(auth string, h http.Header) (*sigRequest, error) {
	alg, rest, ok := strings.Cut(auth, " ")
	if !ok || alg != sigAlgorithm {
		return nil, badSig("Authorization header must use " + sigAlgorithm)
	}
	var cred, signed, sig string
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, badSig("Authorization header is malformed")
		}
		switch k {
		case "Credential":
			cred = v
		case "SignedHeaders":
			signed = v
		case "Signature":
			sig = v
		}
	}
	if cred == "" || signed == "" || sig == "" {
		return nil, badSig("Authorization header must carry Credential, SignedHeaders and Signature")
	}
	s := &sigRequest{}
	if err := s.setCredential(cred); err != nil {
		return nil, err
	}
	if err := s.setSignedHeaders(signed); err != nil {
		return nil, err
	}
	if err := s.setSignature(sig); err != nil {
		return nil, err
	}
	date := h.Get("X-Amz-Date")
	if date == "" {
		// The Date header is allowed by SigV4 but only in its RFC 1123 form.
		t, err := http.ParseTime(h.Get("Date"))
		if err != nil {
			return nil, badSig("request must carry an X-Amz-Date header")
		}
		s.amzDate = t.UTC()
	} else if err := s.setDate(date); err != nil {
		return nil, err
	}
	return s, nil
}

func parsePresigned(q url.Values) (*sigRequest, error) {
	if q.Get("X-Amz-Algorithm") != sigAlgorithm {
		return nil, badSig("X-Amz-Algorithm must be " + sigAlgorithm)
	}
	s := &sigRequest{presigned: true}
	if err := s.setCredential(q.Get("X-Amz-Credential")); err != nil {
		return nil, err
	}
	if err := s.setSignedHeaders(q.Get("X-Amz-SignedHeaders")); err != nil {
		return nil, err
	}
	if err := s.setSignature(q.Get("X-Amz-Signature")); err != nil {
		return nil, err
	}
	if err := s.setDate(q.Get("X-Amz-Date")); err != nil {
		return nil, err
	}
	exp := q.Get("X-Amz-Expires")
	if exp == "" {
		exp = "900" // the SDKs' presigners leave it to the caller; 15 minutes, as AWS defaults
	}
	d, err := time.ParseDuration(exp + "s")
	if err != nil || d <= 0 || d > maxPresignLife {
		return nil, badSig("X-Amz-Expires must be 1 to 604800 seconds")
	}
	s.expires = d
	return s, nil
}

func (s *sigRequest) setCredential(cred string) error {
	parts := strings.Split(cred, "/")
	if len(parts) != 5 || parts[0] == "" || len(parts[1]) != 8 || parts[2] == "" || parts[4] != sigTerminator {
		return badSig("Credential must be ACCESS_KEY/DATE/REGION/SERVICE/aws4_request")
	}
	if parts[3] != sigService {
		return badSig("Credential should be scoped to correct service: '" + sigService + "'")
	}
	s.accessKey, s.date, s.region, s.service = parts[0], parts[1], parts[2], parts[3]
	return nil
}

func (s *sigRequest) setSignedHeaders(v string) error {
	if v == "" {
		return badSig("SignedHeaders must not be empty")
	}
	s.signedHeaders = strings.Split(v, ";")
	if !sort.StringsAreSorted(s.signedHeaders) {
		return badSig("SignedHeaders must be sorted")
	}
	for _, h := range s.signedHeaders {
		if h == "" || h != strings.ToLower(h) {
			return badSig("SignedHeaders must be lower-case header names")
		}
	}
	if !slices.Contains(s.signedHeaders, "host") {
		return badSig("SignedHeaders must include host")
	}
	return nil
}

func (s *sigRequest) setSignature(v string) error {
	b, err := hex.DecodeString(v)
	if err != nil || len(b) != sha256.Size {
		return badSig("Signature must be 64 hexadecimal characters")
	}
	s.signature = b
	return nil
}

func (s *sigRequest) setDate(v string) error {
	t, err := time.Parse(amzDateFormat, v)
	if err != nil {
		return badSig("X-Amz-Date must have the form 20060102T150405Z")
	}
	s.amzDate = t
	return nil
}

// checkTime rejects a request signed too far from now, or a presigned URL that expired.
func (s *sigRequest) checkTime(now time.Time) error {
	if s.amzDate.Format("20060102") != s.date {
		return badSig("Date in Credential scope does not match YYYYMMDD from the request date")
	}
	if s.presigned {
		if now.Before(s.amzDate.Add(-maxClockSkew)) || now.After(s.amzDate.Add(s.expires)) {
			return badSig("Signature expired: the presigned URL is not valid at " + now.UTC().Format(amzDateFormat))
		}
		return nil
	}
	if d := now.Sub(s.amzDate); d > maxClockSkew || d < -maxClockSkew {
		return badSig("Signature expired: " + s.amzDate.Format(amzDateFormat) + " is not within 15 minutes of " +
			now.UTC().Format(amzDateFormat))
	}
	return nil
}

// verify recomputes the signature with secret and compares it in constant time. bodyHash is
// the hex SHA-256 of the body (or UNSIGNED-PAYLOAD when the client declared so).
func (s *sigRequest) verify(r *http.Request, secret, bodyHash string) error {
	creq := canonicalRequest(r, s.signedHeaders, bodyHash, s.presigned)
	sum := sha256.Sum256([]byte(creq))
	scope := s.date + "/" + s.region + "/" + s.service + "/" + sigTerminator
	sts := sigAlgorithm + "\n" + s.amzDate.Format(amzDateFormat) + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
	key := signingKey(secret, s.date, s.region, s.service)
	if !hmac.Equal(hmacSHA256(key, []byte(sts)), s.signature) {
		return badSig("The request signature we calculated does not match the signature you provided. " +
			"Check your AWS Secret Access Key and signing method.")
	}
	return nil
}

func signingKey(secret, date, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), []byte(date))
	k = hmacSHA256(k, []byte(region))
	k = hmacSHA256(k, []byte(service))
	return hmacSHA256(k, []byte(sigTerminator))
}

func hmacSHA256(key, data []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(data)
	return m.Sum(nil)
}

// canonicalRequest builds the SigV4 canonical request. For services other than S3 the path
// is URI-encoded once more on top of the encoding the client sent, so a label such as
// arn%3Aaws%3A... appears as arn%253Aaws%253A...; that is what the SDKs and botocore sign.
func canonicalRequest(r *http.Request, signed []string, bodyHash string, presigned bool) string {
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteByte('\n')
	b.WriteString(canonicalPath(rawPath(r)))
	b.WriteByte('\n')
	b.WriteString(canonicalQuery(r.URL.RawQuery, presigned))
	b.WriteByte('\n')
	for _, h := range signed {
		b.WriteString(h)
		b.WriteByte(':')
		b.WriteString(headerValue(r, h))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(strings.Join(signed, ";"))
	b.WriteByte('\n')
	b.WriteString(bodyHash)
	return b.String()
}

// rawPath is the path exactly as the client sent it, before any decoding.
func rawPath(r *http.Request) string {
	p := r.RequestURI
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if p == "" || p[0] != '/' {
		p = r.URL.EscapedPath() // absolute-form request targets
	}
	if p == "" {
		p = "/"
	}
	return p
}

func canonicalPath(p string) string { return uriEncode(p, false) }

func canonicalQuery(raw string, presigned bool) string {
	if raw == "" {
		return ""
	}
	type kv struct{ k, v string }
	var pairs []kv
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, v = queryUnescape(k), queryUnescape(v)
		if presigned && k == "X-Amz-Signature" {
			continue
		}
		pairs = append(pairs, kv{uriEncode(k, true), uriEncode(v, true)})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.k)
		b.WriteByte('=')
		b.WriteString(p.v)
	}
	return b.String()
}

func queryUnescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// headerValue is a signed header's canonical value: values joined by commas, each trimmed
// with inner runs of spaces collapsed.
func headerValue(r *http.Request, name string) string {
	var vals []string
	switch name {
	case "host":
		vals = []string{r.Host}
	case "content-length":
		vals = r.Header.Values("Content-Length")
		if len(vals) == 0 && r.ContentLength >= 0 {
			vals = []string{strconv.FormatInt(r.ContentLength, 10)}
		}
	default:
		vals = r.Header.Values(name)
	}
	if len(vals) == 1 {
		return strings.Join(strings.Fields(vals[0]), " ")
	}
	out := make([]string, len(vals)) // Values returns the header's own slice: do not edit it
	for i, v := range vals {
		out[i] = strings.Join(strings.Fields(v), " ")
	}
	return strings.Join(out, ",")
}

// uriEncode percent-encodes everything but the RFC 3986 unreserved characters (and '/'
// unless encodeSlash), with upper-case hex, as SigV4 requires.
func uriEncode(s string, encodeSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
			b.WriteByte(c)
		case c == '/' && !encodeSlash:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}
