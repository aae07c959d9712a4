package scan

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gitRepo makes a repository with a few small commits. The repository's own configuration
// tries to make git run a program (fsmonitor, hooks, pager, diff driver, textconv); none may
// run during a scan.
func gitRepo(t *testing.T) (dir, marker string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir = t.TempDir()
	marker = filepath.Join(t.TempDir(), "ran")
	evil := filepath.Join(t.TempDir(), "evil.sh")
	if err := os.WriteFile(evil, []byte("#!/bin/sh\ntouch "+marker+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
			"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q", "-b", "main")
	for i, f := range []string{"docs/runbooks/restart.md", "docs/runbooks/failover.md", "main.go", "README.md"} {
		write(f, "# "+f+"\n\nstep "+strings.Repeat("x", i)+"\n")
		run("add", ".")
		run("commit", "-q", "-m", "add "+f)
	}
	run("tag", "v1.0.0")
	for k, v := range map[string]string{
		"core.fsmonitor": evil, "core.hooksPath": filepath.Dir(evil), "core.pager": evil,
		"diff.external": evil, "diff.evil.textconv": evil,
	} {
		run("config", k, v)
	}
	write(".gitattributes", "*.md diff=evil\n")
	if err := os.Symlink(evil, filepath.Join(dir, ".git", "hooks", "post-checkout")); err != nil {
		t.Fatal(err)
	}
	return dir, marker
}

func TestGitHistory(t *testing.T) {
	dir, marker := gitRepo(t)
	r := scanDir(t, dir, Options{GitDir: dir, Now: time.Now})
	if len(r.Commit) != 40 {
		t.Errorf("commit = %q", r.Commit)
	}
	cadence := checkOf(r, "OE-CHANGE-CADENCE")
	if cadence.Counts["commits"] != 4 || cadence.Counts["tags"] != 1 || cadence.Status == Unknown {
		t.Errorf("cadence: %s %s %v", cadence.Status, cadence.Summary, cadence.Counts)
	}
	if vcs := checkOf(r, "OE-VCS"); vcs.Status != Found || vcs.Confidence != High {
		t.Errorf("version control: %s %s", vcs.Status, vcs.Summary)
	}
	if rb := checkOf(r, "OE-RUNBOOKS"); rb.Counts["runbooks"] != 2 || rb.Counts["changedRecently"] != 2 {
		t.Errorf("runbook freshness: %s %v", rb.Summary, rb.Counts)
	}
	if k := checkOf(r, "OE-KNOWLEDGE"); k.Counts["freshDocs"] != 3 {
		t.Errorf("fresh docs = %d, want 3 (%s)", k.Counts["freshDocs"], k.Summary)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("a program configured by the repository ran during the scan")
	}
	// The commit is read from .git without git too.
	r2 := scanDir(t, dir, Options{})
	if r2.Commit != r.Commit {
		t.Errorf("commit without git = %q, want %q", r2.Commit, r.Commit)
	}
	if c := checkOf(r2, "OE-CHANGE-CADENCE"); c.Status != Unknown {
		t.Errorf("cadence without history: %s", c.Status)
	}
}

func TestHeadCommit(t *testing.T) {
	const hash = "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"loose ref", map[string]string{".git/HEAD": "ref: refs/heads/main\n", ".git/refs/heads/main": hash + "\n"}, hash},
		{"packed ref", map[string]string{".git/HEAD": "ref: refs/heads/main\n", ".git/packed-refs": "# pack-refs\n" + hash + " refs/heads/main\n"}, hash},
		{"detached", map[string]string{".git/HEAD": hash + "\n"}, hash},
		{"escaping ref", map[string]string{".git/HEAD": "ref: refs/../../etc/passwd\n"}, ""},
		{"garbage", map[string]string{".git/HEAD": "ref: refs/heads/main\n", ".git/refs/heads/main": "not a hash\n"}, ""},
		{"no git", map[string]string{"README.md": "x"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := mapFS(tt.files)
			if got := headCommit(fsys); got != tt.want {
				t.Errorf("headCommit = %q, want %q", got, tt.want)
			}
		})
	}
}
