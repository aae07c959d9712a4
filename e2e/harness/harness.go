// Package harness starts the real wellops binary for end-to-end tests: built once per test
// process, run as a child process on a free loopback port against a fresh SQLite file or
// PostgreSQL database, stopped with SIGTERM (or killed with SIGKILL) at the end.
package harness

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/internal/testdb"
	"github.com/wellops/wellops/sqldb"
)

// Kinds returns the store kinds the end-to-end tests run against.
func Kinds(t testing.TB) []testdb.Kind { return testdb.Kinds(t) }

var build struct {
	once sync.Once
	path string
	err  error
}

// Binary builds cmd/wellops once (with the race detector, as make test runs everything
// with it) and returns its path.
func Binary(t testing.TB) string {
	t.Helper()
	build.once.Do(func() {
		dir, err := os.MkdirTemp("", "wellops-e2e-bin")
		if err != nil {
			build.err = err
			return
		}
		build.path = filepath.Join(dir, "wellops")
		args := []string{"build", "-o", build.path}
		if os.Getenv("WELLOPS_E2E_NORACE") == "" {
			args = append(args, "-race")
		}
		// Build in the server's own module (found through the replace directive), so the
		// binary uses exactly the server's go.sum, not this module's.
		root, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/wellops/wellops").Output()
		if err != nil {
			build.err = fmt.Errorf("find the wellops module: %v", err)
			return
		}
		cmd := exec.Command("go", append(args, "./cmd/wellops")...)
		cmd.Dir = strings.TrimSpace(string(root))
		out, err := cmd.CombinedOutput()
		if err != nil {
			build.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.path
}

// Server is a running wellops server.
type Server struct {
	URL           string // http://127.0.0.1:PORT
	DSN           string
	Dir           string
	AdminPassword string
	Key           []byte // the server key, so tests can open the same store
	Env           []string

	t      testing.TB
	cmd    *exec.Cmd
	mu     sync.Mutex
	stderr bytes.Buffer
	done   chan struct{}
}

// Options change how a server starts.
type Options struct {
	// Env adds environment variables (WELLOPS_*) to the server's.
	Env []string
	// Addr is the listen address; empty means a free loopback port.
	Addr string
	// DSN, when set, is the database to serve instead of a new, empty one: a second replica
	// on another server's database, or a SQLite file on a file system the test controls.
	DSN string
}

// Start starts a server on a new, empty database of kind k.
func Start(t testing.TB, k testdb.Kind, opt Options) *Server {
	t.Helper()
	dsn := opt.DSN
	if dsn == "" {
		dsn = k.DSN(t)
	}
	s := &Server{DSN: dsn, Dir: t.TempDir(), t: t, Key: []byte("0123456789abcdef0123456789abcdef")}
	s.Env = append([]string{"WELLOPS_SECRET_KEY=" + hex.EncodeToString(s.Key), "WELLOPS_LOG_FORMAT=json",
		"WELLOPS_RATE_LIMIT=0"}, opt.Env...)
	s.start(t, opt.Addr)
	t.Cleanup(func() { s.Stop(t) })
	return s
}

var servingRE = regexp.MustCompile(`serving the API at (http://[0-9.:]+)`)
var passwordRE = regexp.MustCompile(`created the first user "admin" \(account [0-9]+\) with password (\S+)`)

func (s *Server) start(t testing.TB, addr string) {
	t.Helper()
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	cmd := exec.Command(Binary(t), "serve", "--addr", addr, "--db", s.DSN)
	cmd.Dir = s.Dir
	cmd.Env = append(os.Environ(), s.Env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s.cmd, s.done = cmd, make(chan struct{})
	found := make(chan string, 1)
	go func() {
		defer close(s.done)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			s.mu.Lock()
			s.stderr.WriteString(line + "\n")
			if m := passwordRE.FindStringSubmatch(line); m != nil {
				s.AdminPassword = m[1]
			}
			s.mu.Unlock()
			if m := servingRE.FindStringSubmatch(line); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
		cmd.Wait()
	}()
	select {
	case u := <-found:
		s.URL = u
	case <-s.done:
		t.Fatalf("wellops serve exited before serving:\n%s", s.Log())
	case <-time.After(60 * time.Second):
		t.Fatalf("wellops serve did not start in 60s:\n%s", s.Log())
	}
	s.waitReady(t)
}

func (s *Server) waitReady(t testing.TB) {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.URL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server never became ready:\n%s", s.Log())
}

// Log returns what the server wrote to stderr so far.
func (s *Server) Log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stderr.String()
}

// WaitLog waits up to d for the log to contain sub and reports whether it did. The server's
// stderr is copied in by another goroutine, so a line the server wrote before answering a
// request may reach Log a moment after the client has the answer.
func (s *Server) WaitLog(sub string, d time.Duration) bool {
	for deadline := time.Now().Add(d); ; time.Sleep(10 * time.Millisecond) {
		if strings.Contains(s.Log(), sub) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

// Stop sends SIGTERM and waits for a graceful exit. It is safe to call twice.
func (s *Server) Stop(t testing.TB) {
	if s.cmd == nil || s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(40 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		t.Errorf("server did not stop within 40s of SIGTERM:\n%s", s.Log())
	}
}

// Signal sends sig to the server process.
func (s *Server) Signal(sig os.Signal) error { return s.cmd.Process.Signal(sig) }

// Exited is closed when the server process has exited; ExitCode is then its exit status.
func (s *Server) Exited() <-chan struct{} { return s.done }

// ExitCode is the exit status of a server that has exited (-1 when killed by a signal).
func (s *Server) ExitCode() int { return s.cmd.ProcessState.ExitCode() }

// Kill ends the server with SIGKILL, as a crash would.
func (s *Server) Kill(t testing.TB) {
	if s.cmd == nil || s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Kill()
	<-s.done
}

// Restart starts the server again on the same database and port.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.Stop(t)
	addr := strings.TrimPrefix(s.URL, "http://")
	s.start(t, addr)
}

// Store opens the server's database directly, for setting up users and checking state.
func (s *Server) Store(t testing.TB) *sqldb.DB {
	t.Helper()
	db, err := sqldb.Open(context.Background(), s.DSN, sqldb.Options{SecretKey: s.Key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// User is a user created for a test, with an access key and a password.
type User struct {
	wellops.User
	AccessKeyID, SecretKey, Password string
}

// NewUser creates a user in account (a new account when empty) with an access key.
func (s *Server) NewUser(t testing.TB, name, account string) User {
	t.Helper()
	db := s.Store(t)
	admin := wellops.WithPrincipal(context.Background(), wellops.Principal{UserName: "harness", AccountID: "000000000000", Admin: true})
	pw := "password-of-" + name
	u, err := db.CreateUser(admin, wellops.NewUser{Name: name, AccountID: account, Password: pw})
	if err != nil {
		t.Fatalf("create user %s: %v", name, err)
	}
	k, err := db.CreateAccessKey(admin, name)
	if err != nil {
		t.Fatalf("create key for %s: %v", name, err)
	}
	return User{User: *u, AccessKeyID: k.ID, SecretKey: k.Secret, Password: pw}
}

var _ = io.EOF
