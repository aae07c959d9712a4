// Package api drives the real wellops binary through the real AWS SDK for Go v2 client for
// the Well-Architected Tool: every operation of the model, on SQLite and PostgreSQL.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/e2e/ops/load"
	"github.com/wellops/wellops/internal/testdb"
	"github.com/wellops/wellops/waapi"
)

// TestAPI starts one server per store kind and runs every operation family against it, then
// checks that every operation of the model was exercised, and succeeded at least once.
func TestAPI(t *testing.T) {
	for _, k := range harness.Kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			e := newEnv(t, k, harness.Start(t, k, harness.Options{}))
			for _, f := range []struct {
				name string
				run  func(*testing.T, *env)
			}{
				{"Workloads", testWorkloads},
				{"Reviews", testReviews},
				{"Milestones", testMilestones},
				{"Lenses", testLenses},
				{"Shares", testShares},
				{"Profiles", testProfiles},
				{"Templates", testTemplates},
				{"Tags", testTags},
				{"Settings", testSettings},
				{"Checks", testChecks},
				{"Reports", testReports},
				{"Auth", testAuth},
			} {
				t.Run(f.name, func(t *testing.T) { f.run(t, e) })
			}
			e.checkCoverage(t)
		})
	}
}

// env is one running server with three users: owner and peer share an account, other has
// its own. Every client records the operations the server answered.
type env struct {
	kind                testdb.Kind
	srv                 *harness.Server
	owner, peer, other  harness.User
	wa, waPeer, waOther *wellarchitected.Client

	mu        sync.Mutex
	answered  map[string]bool // the server answered (success or a modelled error)
	succeeded map[string]bool
	retried   atomic.Int64 // calls repeated by load.ClosedConnRetryer
}

func newEnv(t *testing.T, kind testdb.Kind, srv *harness.Server) *env {
	e := &env{kind: kind, srv: srv, answered: map[string]bool{}, succeeded: map[string]bool{}}
	t.Cleanup(func() {
		if n := e.retried.Load(); n > 0 {
			t.Logf("%d calls retried after the client's transport closed their connection", n)
		}
	})
	e.owner = srv.NewUser(t, "owner", "")
	e.peer = srv.NewUser(t, "peer", e.owner.AccountID)
	e.other = srv.NewUser(t, "other", "")
	e.wa, e.waPeer, e.waOther = e.client(e.owner), e.client(e.peer), e.client(e.other)
	return e
}

// client builds the SDK client as a user of the AWS SDK would, pointed at wellops with
// BaseEndpoint. Retries are off so that every error reaches the test as the server sent it,
// but for the client-side race load.ClosedConnRetryer describes.
func (e *env) client(u harness.User) *wellarchitected.Client {
	return e.clientWith(u.AccessKeyID, u.SecretKey)
}

func (e *env) clientWith(akid, secret string) *wellarchitected.Client {
	return wellarchitected.New(wellarchitected.Options{
		Region:       "eu-central-1", // any region signs: wellops accepts them all
		BaseEndpoint: aws.String(e.srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider(akid, secret, ""),
		Retryer:      load.ClosedConnRetryer(&e.retried),
		APIOptions:   []func(*middleware.Stack) error{e.record},
	})
}

func (e *env) record(st *middleware.Stack) error {
	return st.Deserialize.Add(middleware.DeserializeMiddlewareFunc("wellopsRecord",
		func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
			out, md, err := next.HandleDeserialize(ctx, in)
			op := middleware.GetOperationName(ctx)
			var re *awshttp.ResponseError
			e.mu.Lock()
			defer e.mu.Unlock()
			if err == nil {
				e.answered[op], e.succeeded[op] = true, true
			} else if errors.As(err, &re) {
				e.answered[op] = true
			}
			return out, md, err
		}), middleware.Before)
}

// alwaysFails are operations whose only correct answer here is an error.
var alwaysFails = []string{"UpdateIntegration"} // wellops does not connect to Jira

func (e *env) checkCoverage(t *testing.T) {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, op := range waapi.OperationNames() {
		switch {
		case !e.answered[op]:
			t.Errorf("operation %s was never called", op)
		case !e.succeeded[op] && !slices.Contains(alwaysFails, op):
			t.Errorf("operation %s never succeeded", op)
		}
	}
}

// TestOperationListIsTheModel compares waapi's list of 72 operations with the botocore model
// in the shared reference folder, when it is there.
func TestOperationListIsTheModel(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "ref", "wellarchitected", "service-2.json"))
	if err != nil {
		t.Skipf("botocore model not found beside the repository (%v); waapi keeps the list of 72 operations itself", err)
	}
	var m struct {
		Operations map[string]any `json:"operations"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var names []string
	for n := range m.Operations {
		names = append(names, n)
	}
	sort.Strings(names)
	if got := waapi.OperationNames(); !slices.Equal(got, names) {
		t.Errorf("waapi.OperationNames() = %v\nmodel = %v", got, names)
	}
}

var bg = context.Background()

func must[T any](t testing.TB) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// wantErr asserts that err is the modelled exception E (with the given HTTP status) and
// returns it.
func wantErr[E error](t testing.TB, err error, status int) E {
	t.Helper()
	var target E
	if !errors.As(err, &target) {
		t.Fatalf("got error %v (%T), want %T", err, err, target)
	}
	var re *awshttp.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode() != status || re.ServiceRequestID() == "" {
		t.Fatalf("got %v, want HTTP %d with a request ID", err, status)
	}
	return target
}

// wantFields asserts a ValidationException naming exactly these members.
func wantFields(t testing.TB, err error, names ...string) *types.ValidationException {
	t.Helper()
	ve := wantErr[*types.ValidationException](t, err, 400)
	var got []string
	for _, f := range ve.Fields {
		got = append(got, aws.ToString(f.Name))
	}
	sort.Strings(got)
	want := slices.Sorted(slices.Values(names))
	if !slices.Equal(got, want) {
		t.Fatalf("ValidationException fields %v, want %v (%s)", got, want, aws.ToString(ve.Message))
	}
	return ve
}

// newWorkload creates a workload for c with the built-in lens.
func newWorkload(t testing.TB, c *wellarchitected.Client, name string) string {
	t.Helper()
	out := must[*wellarchitected.CreateWorkloadOutput](t)(c.CreateWorkload(bg, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String(name), Description: aws.String("e2e workload " + name),
		Environment: types.WorkloadEnvironmentPreproduction, Lenses: []string{"wellarchitected"},
		AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("owner@example.com"),
	}))
	return aws.ToString(out.WorkloadId)
}

const lensJSON = `{"schemaVersion":"2021-11-01","name":"%s","description":"Checks before a release",
	"pillars":[{"id":"release","name":"Release","questions":[
	  {"id":"rr_rollback","title":"Can you roll back?","choices":[
	    {"id":"rr_rollback_tested","title":"Rollback tested","improvementPlan":{"displayText":"Test the rollback"}},
	    {"id":"rr_rollback_auto","title":"Rollback automatic","improvementPlan":{"displayText":"Automate it"}},
	    {"id":"rr_rollback_no","title":"None of these"}],
	   "riskRules":[{"condition":"rr_rollback_tested && rr_rollback_auto","risk":"NO_RISK"},
	                {"condition":"rr_rollback_tested","risk":"MEDIUM_RISK"},{"condition":"default","risk":"HIGH_RISK"}]}%s]}]}`

// extraQuestion is a second question a later lens version adds.
const extraQuestion = `,{"id":"rr_flags","title":"Do you use feature flags?","choices":[
	    {"id":"rr_flags_yes","title":"Flags for risky changes","improvementPlan":{"displayText":"Add flags"}},{"id":"rr_flags_no","title":"None of these"}],
	   "riskRules":[{"condition":"rr_flags_yes","risk":"NO_RISK"},{"condition":"default","risk":"MEDIUM_RISK"}]}`
