package ops

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// pgCluster is a PostgreSQL server of the test's own, so that the test may stop and start
// it without disturbing the shared one the other tests use.
type pgCluster struct {
	bin, dir, port string
}

// newPGCluster initialises and starts a cluster in a temporary directory, as the postgres
// user when the test runs as root (PostgreSQL refuses root). It skips when PostgreSQL is not
// installed, unless CI=true, where the PostgreSQL tests must run.
func newPGCluster(t *testing.T) *pgCluster {
	t.Helper()
	bin := pgBinDir()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but initdb/pg_ctl are not installed")
		}
		t.Skip("initdb/pg_ctl not installed")
	}
	dir, err := os.MkdirTemp("", "wellops-ops-pg")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	c := &pgCluster{bin: bin, dir: dir, port: port}
	if os.Getuid() == 0 {
		if out, err := exec.Command("chown", "postgres", dir).CombinedOutput(); err != nil {
			t.Fatalf("chown: %v %s", err, out)
		}
	}
	c.run(t, "initdb", "-D", filepath.Join(dir, "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale")
	c.Start(t)
	t.Cleanup(func() {
		c.pgctl("-m", "immediate", "stop")
		os.RemoveAll(dir)
	})
	return c
}

// DSN is the URL of the cluster's postgres database.
func (c *pgCluster) DSN() string {
	return "postgres://postgres@127.0.0.1:" + c.port + "/postgres?sslmode=disable"
}

// Start starts the stopped cluster and waits until it accepts connections.
func (c *pgCluster) Start(t testing.TB) {
	t.Helper()
	if out, err := c.pgctl("-l", filepath.Join(c.dir, "server.log"), "-w", "-t", "60", "-o",
		"-p "+c.port+" -k "+c.dir+" -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
		t.Fatalf("pg_ctl start: %v %s\n%s", err, out, log)
	}
}

// Stop stops the cluster the way an operator restarting it would (fast: sessions are ended).
func (c *pgCluster) Stop(t testing.TB) {
	t.Helper()
	if out, err := c.pgctl("-m", "fast", "-w", "stop"); err != nil {
		t.Fatalf("pg_ctl stop: %v %s", err, out)
	}
}

func (c *pgCluster) pgctl(args ...string) ([]byte, error) {
	return c.cmd("pg_ctl", append([]string{"-D", filepath.Join(c.dir, "data")}, args...)...).CombinedOutput()
}

func (c *pgCluster) run(t testing.TB, name string, args ...string) {
	t.Helper()
	if out, err := c.cmd(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func (c *pgCluster) cmd(name string, args ...string) *exec.Cmd {
	if os.Getuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(c.bin, name)}, args...)...)
	}
	return exec.Command(filepath.Join(c.bin, name), args...)
}

// pgBinDir finds the directory of initdb and pg_ctl as scripts/pg.sh does.
func pgBinDir() string {
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if d := strings.TrimSpace(string(out)); exists(filepath.Join(d, "initdb")) {
			return d
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		if exists(filepath.Join(d, "initdb")) {
			return d
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p)
	}
	return ""
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
