package ops

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wellops/wellops/e2e/harness"
	"github.com/wellops/wellops/e2e/ops/load"
)

// smallFS mounts a 8 MiB tmpfs for the test: a file system that really fills up. It needs
// root (CI and the development machines run as root); elsewhere the test is skipped and
// says why.
func smallFS(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "small")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs to fill (needs root and mount rights): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fill writes a file until the file system is full and returns its path.
func fill(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "filler")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 16<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill: %v", err)
			}
			break
		}
	}
	// The last bytes: a 16 KiB write may fail with a few KiB still free.
	for {
		if _, err := f.Write(buf[:512]); err != nil {
			return p
		}
	}
}

// TestSQLiteDiskFull runs the SQLite store on a file system that fills up: writes must then
// fail with an error the client can act on (500 InternalServerException, retryable), the
// server must keep serving reads and not crash, writes must succeed again once space
// returns, and after a restart the database must open and hold every acknowledged answer.
func TestSQLiteDiskFull(t *testing.T) {
	dir := smallFS(t)
	srv := harness.Start(t, harness.Kinds(t)[0], harness.Options{DSN: filepath.Join(dir, "wellops.db")})
	u := srv.NewUser(t, "filler", "")
	c := client(srv, u)
	wl := newWorkload(t, c, "disk full")
	qs, choices := questions(t, c, wl)
	writes := map[load.Target][]load.Write{}
	write := func(i int, note string) error {
		q := qs[i%len(qs)]
		w := load.Write{Notes: note, Choices: choices[q][:1], Start: time.Now()}
		err := update(c, wl, q, w.Notes, w.Choices...)
		w.End, w.Acked = time.Now(), err == nil
		tg := load.Target{Workload: wl, Question: q}
		writes[tg] = append(writes[tg], w)
		return err
	}
	for i := range qs {
		if err := write(i, "before the disk filled "+qs[i]); err != nil {
			t.Fatal(err)
		}
	}

	filler := fill(t, dir)
	var failures int
	for i := 0; i < 300 && failures < 3; i++ {
		err := write(i, strings.Repeat("x", 1800)+" while full "+time.Now().String())
		if err == nil {
			continue
		}
		failures++
		if st, code := status(err); st != 500 || code != "InternalServerException" {
			t.Errorf("a write on a full disk failed with %d %q, want 500 InternalServerException: %v", st, code, err)
		}
	}
	if failures == 0 {
		t.Fatal("300 writes of 2 KB each succeeded on a full file system: the test did not test")
	}
	line := ""
	for _, l := range strings.Split(srv.Log(), "\n") {
		if strings.Contains(l, "disk is full") || strings.Contains(l, "no space left") {
			line = l
			break
		}
	}
	if line == "" {
		t.Errorf("the server's log does not say the disk is full:\n%s", tail(srv.Log(), 10))
	}
	t.Logf("%d writes refused on the full disk; the log says: %.300s", failures, line)
	if st, _ := get(srv.URL + "/healthz"); st != 200 {
		t.Fatalf("/healthz on a full disk: %d", st)
	}
	notes(t, c, wl, qs[0]) // reads still work

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	for i := range qs {
		if err := write(i, "after space returned "+qs[i]); err != nil {
			t.Fatalf("a write after space returned: %v", err)
		}
	}
	srv.Restart(t)
	verify(t, client(srv, u), writes, []string{wl})
}
