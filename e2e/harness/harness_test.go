package harness_test

import (
	"net/http"
	"testing"

	"github.com/wellops/wellops/e2e/harness"
)

func TestServerStartsOnEachStoreAndStopsGracefully(t *testing.T) {
	for _, k := range harness.Kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			s := harness.Start(t, k, harness.Options{})
			if s.AdminPassword == "" {
				t.Fatalf("no first-user password printed:\n%s", s.Log())
			}
			resp, err := http.Get(s.URL + "/healthz")
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("healthz: %v %v", err, resp)
			}
			resp.Body.Close()
			u := s.NewUser(t, "tester", "")
			if u.AccessKeyID == "" {
				t.Fatal("no access key")
			}
			s.Restart(t)
			resp, err = http.Get(s.URL + "/readyz")
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("readyz after restart: %v %v", err, resp)
			}
			resp.Body.Close()
		})
	}
}
