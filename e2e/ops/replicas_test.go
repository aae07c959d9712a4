package ops

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/e2e/ops/load"
	"github.com/wellops/wellops/internal/testdb"
)

// postgresKind returns the PostgreSQL store kind, or skips (testdb fails instead under CI).
func postgresKind(t *testing.T) testdb.Kind {
	t.Helper()
	for _, k := range harness.Kinds(t) {
		if k.Name == "postgres" {
			return k
		}
	}
	t.Skip("WELLOPS_TEST_POSTGRES is not set: several replicas need PostgreSQL")
	return testdb.Kind{}
}

var servingRE = regexp.MustCompile(`serving the API at (http://[0-9.:]+)`)

// TestReplicasRaceToMigrate starts two servers at the same moment on one empty PostgreSQL
// database, as a deployment of two replicas does: both must apply (or find applied) the
// migrations, agree on one first administrator, and serve.
func TestReplicasRaceToMigrate(t *testing.T) {
	k := postgresKind(t)
	bin := harness.Binary(t)
	for round := range 3 { // a race may be lost only sometimes: run it a few times
		dsn := k.DSN(t)
		var wg sync.WaitGroup
		logs := make([]string, 2)
		urls := make([]string, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				urls[i], logs[i] = startRaw(bin, dsn)
			}()
		}
		wg.Wait()
		for i := range 2 {
			if urls[i] == "" {
				t.Fatalf("round %d: replica %d did not start on a database another replica was migrating:\n%s", round, i, logs[i])
			}
		}
		created := strings.Count(logs[0]+logs[1], "created the first user")
		if created != 1 {
			t.Errorf("round %d: %d replicas created the first user, want exactly 1", round, created)
		}
	}
}

// startRaw runs `wellops serve` on dsn until it serves and answers /readyz, then stops it
// with SIGTERM; it returns the URL it served at ("" when it never did) and its log.
func startRaw(bin, dsn string) (string, string) {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", dsn)
	cmd.Env = append(os.Environ(), "WELLOPS_SECRET_KEY="+hex.EncodeToString([]byte("0123456789abcdef0123456789abcdef")), "WELLOPS_LOG_FORMAT=json")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return "", err.Error()
	}
	if err := cmd.Start(); err != nil {
		return "", err.Error()
	}
	var log strings.Builder
	url := ""
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		log.WriteString(sc.Text() + "\n")
		if m := servingRE.FindStringSubmatch(sc.Text()); m != nil {
			url = m[1]
			break
		}
	}
	if url != "" {
		ready := false
		for deadline := time.Now().Add(30 * time.Second); !ready && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			st, _ := get(url + "/readyz")
			ready = st == 200
		}
		if !ready {
			url = ""
			log.WriteString("never ready\n")
		}
		cmd.Process.Signal(syscall.SIGTERM)
	}
	go func() {
		for sc.Scan() {
		}
	}()
	cmd.Wait()
	return url, log.String()
}

// TestTwoReplicasOneDatabase runs two servers on one PostgreSQL database with the same
// server key, and splits 16 clients between them, updating the same and different answers
// at once: no call may fail, every question must hold its last acknowledged write and every
// workload's roll-ups must equal a count of its answers, read through either replica. An
// access key made after both started, and a UI session opened on one, work on the other.
func TestTwoReplicasOneDatabase(t *testing.T) {
	k := postgresKind(t)
	// Plain HTTP on loopback: the session cookie cannot be Secure here.
	env := []string{"WELLOPS_INSECURE_COOKIES=true"}
	a := harness.Start(t, k, harness.Options{Env: env})
	b := harness.Start(t, k, harness.Options{Env: env, DSN: a.DSN})
	u := a.NewUser(t, "replicated", "")
	res, err := load.Run(bg, load.Config{Endpoints: []string{a.URL, b.URL}, AccessKeyID: u.AccessKeyID, SecretKey: u.SecretKey,
		Clients: 16, Duration: 3 * time.Second, Workloads: 2, Writes: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Retried.Load(); n > 0 {
		t.Logf("%d calls retried after the client's transport closed their connection", n)
	}
	if n := res.ErrorCount(); n > 0 {
		t.Errorf("%d calls failed across two replicas: %v", n, res.Errors)
	}
	shared := 0
	for _, ws := range res.Writes {
		if len(ws) > 1 {
			shared++
		}
	}
	if shared == 0 {
		t.Fatal("no question was written twice: the replicas never raced")
	}
	verify(t, client(a, u), res.Writes, res.Workloads)
	verify(t, client(b, u), res.Writes, res.Workloads)
	t.Logf("%d acknowledged writes through two replicas, %d questions written more than once, all present", res.AckedWrites(), shared)

	t.Run("access key made through the CLI works on both", func(t *testing.T) {
		cmd := exec.Command(harness.Binary(t), "key", "create", u.Name, "--db", a.DSN, "--json")
		cmd.Env = append(os.Environ(), a.Env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("wellops key create: %v %s", err, errText(err))
		}
		var key struct{ ID, Secret string }
		if err := json.Unmarshal(out, &key); err != nil {
			t.Fatalf("key create --json: %v %s", err, out)
		}
		for _, srv := range []*harness.Server{b, a} {
			c := load.Client(srv.URL, key.ID, key.Secret, 10*time.Second)
			if _, err := c.GetWorkload(bg, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(res.Workloads[0])}); err != nil {
				t.Errorf("the new key on %s: %v", srv.URL, err)
			}
		}
	})

	t.Run("UI session opened on one works on the other", func(t *testing.T) {
		jar, _ := cookiejar.New(nil)
		hc := &http.Client{Jar: jar, Timeout: 10 * time.Second}
		signIn(t, hc, a.URL, u.Name, u.Password)
		// The jar keys cookies by host, and both replicas are 127.0.0.1 on other ports.
		resp, err := hc.Get(b.URL + "/ui/workloads/" + res.Workloads[0])
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Request.URL.Path != "/ui/workloads/"+res.Workloads[0] {
			t.Errorf("the session from replica A on replica B: %d at %s", resp.StatusCode, resp.Request.URL)
		}
	})
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn signs hc in through base's sign-in form and fails the test when it does not work.
func signIn(t testing.TB, hc *http.Client, base, name, password string) {
	t.Helper()
	resp, err := hc.Get(base + "/ui/signin")
	if err != nil {
		t.Fatal(err)
	}
	page := readAll(resp)
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token on the sign-in page: %.300s", page)
	}
	resp, err = hc.PostForm(base+"/ui/signin", url.Values{"name": {name}, "password": {password}, "csrf": {m[1]}})
	if err != nil {
		t.Fatal(err)
	}
	readAll(resp)
	if resp.StatusCode != 200 || strings.HasPrefix(resp.Request.URL.Path, "/ui/signin") {
		t.Fatalf("sign in as %s: %d at %s", name, resp.StatusCode, resp.Request.URL)
	}
}

func errText(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
