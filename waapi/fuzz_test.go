package waapi

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/wellops/wellops"
)

// FuzzToken feeds arbitrary NextTokens, which clients send back at will: opening one must
// never panic, must refuse anything this sealer did not issue for the same account and
// operation with a ValidationException naming NextToken, and must give back the cursor of
// one it did.
func FuzzToken(f *testing.F) {
	s, err := newTokenSealer([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(s.seal("cursor-1", "111122223333", "ListWorkloads"), "cursor-1", "111122223333")
	f.Add("", "", "")
	f.Add("AAAA", "x", "444455556666")
	f.Add(strings.Repeat("A", 200), "\x00", "1")
	f.Fuzz(func(t *testing.T, token, raw, account string) {
		if _, err := s.open(token, account, "ListWorkloads"); err != nil {
			var we *wellops.Error
			if !errors.As(err, &we) || we.Code != wellops.EINVALID || len(we.Fields) != 1 || we.Fields[0].Name != "NextToken" {
				t.Fatalf("open(%q) = %v, want a ValidationException naming NextToken", token, err)
			}
		}
		sealed := s.seal(raw, account, "ListWorkloads")
		if back, err := s.open(sealed, account, "ListWorkloads"); err != nil || back != raw {
			t.Fatalf("round trip of %q: %q, %v", raw, back, err)
		}
		if _, err := s.open(sealed, account+"0", "ListWorkloads"); err == nil {
			t.Fatal("a token opened for another account")
		}
		if _, err := s.open(sealed, account, "ListLenses"); err == nil {
			t.Fatal("a token opened for another operation")
		}
	})
}

// FuzzRoute feeds arbitrary methods and request targets to the router: it must never panic,
// and a match must be an operation of that method whose fixed segments are the path's.
func FuzzRoute(f *testing.F) {
	rt := testAPI(f).routes
	f.Add("GET", "/workloads/abc/lensReviews/wellarchitected/answers/q1")
	f.Add("POST", "/tags/arn%3Aaws%3Awellarchitected%3Aus-east-1%3A111122223333%3Aworkload%2Fabc")
	f.Add("GET", "/profileNotifications/")
	f.Add("PATCH", "/workloads/%zz")
	f.Add("DELETE", "//../..//templates/shares/a/b")
	f.Fuzz(func(t *testing.T, method, target string) {
		if strings.ContainsAny(method, " \r\n\t") || method == "" {
			return
		}
		r := httptest.NewRequest("GET", "/", nil)
		r.Method = method
		r.RequestURI = target
		if i := strings.IndexByte(target, '?'); i >= 0 {
			target = target[:i]
		}
		r.URL.Path, r.URL.RawPath = target, target
		op, ok := rt.match(r)
		if !ok {
			return
		}
		if op.method != method {
			t.Fatalf("%s %s matched %s, an operation of %s", method, target, op.name, op.method)
		}
		segs := splitPath(rawPath(r))
		if len(segs) != len(op.segs) {
			t.Fatalf("%s matched %s with %d segments, want %d", target, op.name, len(segs), len(op.segs))
		}
		for i, s := range op.segs {
			if !isLabel(s) && s != segs[i] {
				t.Fatalf("%s matched %s but segment %d is %q, want %q", target, op.name, i, segs[i], s)
			}
		}
	})
}
