// Package ops proves wellops under load, faults and attack, end to end: the real binary
// (e2e/harness) driven by the real AWS SDK client, a plain HTTP client where the SDK would
// hide what is tested, and the real stores. The heavy variants (60 s of load per store)
// are bench/load.sh; these tests are the short ones make test runs.
package ops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/e2e/ops/load"
)

var bg = context.Background()

// client is u's SDK client for srv, without retries, with a timeout that turns a hang into
// an error.
func client(srv *harness.Server, u harness.User) *wellarchitected.Client {
	return load.Client(srv.URL, u.AccessKeyID, u.SecretKey, 30*time.Second)
}

// newWorkload creates a workload reviewing the built-in lens and returns its ID.
func newWorkload(t testing.TB, c *wellarchitected.Client, name string) string {
	t.Helper()
	out, err := c.CreateWorkload(bg, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String(name), Description: aws.String("ops test workload"),
		Environment: types.WorkloadEnvironmentProduction, Lenses: []string{load.Lens},
		AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("ops@example.com"),
		ClientRequestToken: aws.String(fmt.Sprintf("%s-%d", name, time.Now().UnixNano())),
	})
	if err != nil {
		t.Fatalf("create workload %s: %v", name, err)
	}
	return aws.ToString(out.WorkloadId)
}

// questions returns the built-in lens's question IDs with their choices.
func questions(t testing.TB, c *wellarchitected.Client, wl string) (ids []string, choices map[string][]string) {
	t.Helper()
	out, err := c.ListAnswers(bg, &wellarchitected.ListAnswersInput{WorkloadId: &wl, LensAlias: aws.String(load.Lens), MaxResults: aws.Int32(50)})
	if err != nil {
		t.Fatal(err)
	}
	choices = map[string][]string{}
	for _, a := range out.AnswerSummaries {
		q := aws.ToString(a.QuestionId)
		ids = append(ids, q)
		for _, ch := range a.Choices {
			choices[q] = append(choices[q], aws.ToString(ch.ChoiceId))
		}
	}
	return ids, choices
}

// update writes notes on one question and returns the error.
func update(c *wellarchitected.Client, wl, q, notes string, choices ...string) error {
	_, err := c.UpdateAnswer(bg, &wellarchitected.UpdateAnswerInput{WorkloadId: &wl, LensAlias: aws.String(load.Lens),
		QuestionId: &q, Notes: &notes, SelectedChoices: choices})
	return err
}

// notes reads a question's notes.
func notes(t testing.TB, c *wellarchitected.Client, wl, q string) string {
	t.Helper()
	out, err := c.GetAnswer(bg, &wellarchitected.GetAnswerInput{WorkloadId: &wl, LensAlias: aws.String(load.Lens), QuestionId: &q})
	if err != nil {
		t.Fatalf("read %s/%s: %v", wl, q, err)
	}
	return aws.ToString(out.Answer.Notes)
}

// verify checks every question's last acknowledged write and every workload's roll-ups.
func verify(t testing.TB, c *wellarchitected.Client, writes map[load.Target][]load.Write, workloads []string) {
	t.Helper()
	problems, err := load.Verify(bg, c, writes, workloads)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error("lost or torn write:", p)
	}
}

// status returns the HTTP status and the error code of an SDK error (0, "" for none).
func status(err error) (int, string) {
	if err == nil {
		return 0, ""
	}
	code := ""
	var ae smithy.APIError
	if errors.As(err, &ae) {
		code = ae.ErrorCode()
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode(), code
	}
	return 0, code
}

// get fetches url with a short timeout and returns the status (0 when the connection
// failed) and the body.
func get(url string) (int, string) {
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, string(b)
}

// readAll reads and closes a response body.
func readAll(resp *http.Response) string {
	defer resp.Body.Close()
	var b strings.Builder
	io.Copy(&b, resp.Body)
	return b.String()
}
