package scan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"
)

// History summarises recent git history.
type History struct {
	Head        string
	Commits     int       // commits in the window
	Days        int       // the window, in days
	First, Last time.Time // oldest and newest commit in the window
	MedianLines int       // median lines changed per commit
	P90Lines    int
	Tags        int               // tags created in the window
	LastChange  map[string]string // path -> date (YYYY-MM-DD) of its last change, for documentation
}

// historyDays is the window for cadence; historyMaxCommits bounds the work on huge histories.
const (
	historyDays       = 180
	historyMaxCommits = 5000
)

// headCommit reads HEAD from .git without running anything: a detached HEAD holds the hash,
// otherwise the ref is looked up as a loose file or in packed-refs.
func headCommit(fsys fs.FS) string {
	head, err := fs.ReadFile(fsys, ".git/HEAD")
	if err != nil || len(head) > 4096 {
		return ""
	}
	h := strings.TrimSpace(string(head))
	ref, ok := strings.CutPrefix(h, "ref: ")
	if !ok {
		if isHex(h) {
			return h
		}
		return ""
	}
	if !strings.HasPrefix(ref, "refs/") || strings.Contains(ref, "..") {
		return ""
	}
	if b, err := fs.ReadFile(fsys, ".git/"+ref); err == nil && isHex(strings.TrimSpace(string(b))) {
		return strings.TrimSpace(string(b))
	}
	packed, err := fs.ReadFile(fsys, ".git/packed-refs")
	if err != nil {
		return ""
	}
	for _, l := range strings.Split(string(packed), "\n") {
		if hash, name, ok := strings.Cut(strings.TrimSpace(l), " "); ok && name == ref && isHex(hash) {
			return hash
		}
	}
	return ""
}

func isHex(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// gitCommand runs git read-only under a configuration that a repository cannot use to make
// git run anything: no system or global config, no hooks, no fsmonitor, no pager, no external
// diff or textconv drivers, and the repository marked safe only for this call.
func gitCommand(ctx context.Context, dir string, args ...string) ([]byte, error) {
	base := []string{
		"-C", dir,
		"-c", "core.fsmonitor=",
		"-c", "core.hooksPath=/dev/null",
		"-c", "core.pager=cat",
		"-c", "diff.external=",
		"-c", "safe.directory=" + dir,
		"-c", "protocol.allow=never",
		"--no-pager",
	}
	cmd := exec.CommandContext(ctx, "git", append(base, args...)...)
	cmd.Env = []string{
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_TERMINAL_PROMPT=0",
		"GIT_OPTIONAL_LOCKS=0",
		"GIT_NO_REPLACE_OBJECTS=1",
		"HOME=" + os.TempDir(),
		"PATH=" + os.Getenv("PATH"),
		"LC_ALL=C",
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return nil, fmt.Errorf("git %s: %v %s", args[0], err, msg)
	}
	return out, nil
}

// readHistory summarises the last historyDays of history. It needs the git binary; without it
// the history checks report "unknown".
func readHistory(ctx context.Context, dir string, now time.Time) (*History, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errors.New("git is not installed")
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	head, err := gitCommand(ctx, dir, "rev-parse", "--verify", "HEAD")
	if err != nil {
		return nil, err
	}
	h := &History{Head: strings.TrimSpace(string(head)), Days: historyDays, LastChange: map[string]string{}}
	since := now.AddDate(0, 0, -historyDays).Format("2006-01-02")
	out, err := gitCommand(ctx, dir, "log", "--no-ext-diff", "--no-textconv", "--no-renames", "--no-merges",
		"--since="+since, "--max-count="+strconv.Itoa(historyMaxCommits), "--numstat", "--format=@@%H %cs %ct")
	if err != nil {
		return nil, err
	}
	var sizes []int
	cur := -1
	curDate := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "@@") {
			if cur >= 0 {
				sizes = append(sizes, cur)
			}
			cur = 0
			fs := strings.Fields(l[2:])
			if len(fs) == 3 {
				curDate = fs[1]
				if sec, err := strconv.ParseInt(fs[2], 10, 64); err == nil {
					t := time.Unix(sec, 0).UTC()
					if h.Last.IsZero() || t.After(h.Last) {
						h.Last = t
					}
					if h.First.IsZero() || t.Before(h.First) {
						h.First = t
					}
				}
			}
			continue
		}
		fs := strings.Split(l, "\t")
		if len(fs) != 3 {
			continue
		}
		add, _ := strconv.Atoi(fs[0]) // "-" for binary files counts as 0
		del, _ := strconv.Atoi(fs[1])
		cur += add + del
		if _, seen := h.LastChange[fs[2]]; !seen && isDocPath(fs[2]) {
			h.LastChange[fs[2]] = curDate // log is newest first
		}
	}
	if cur >= 0 {
		sizes = append(sizes, cur)
	}
	h.Commits = len(sizes)
	if len(sizes) > 0 {
		sort.Ints(sizes)
		h.MedianLines = sizes[len(sizes)/2]
		h.P90Lines = sizes[(len(sizes)*9)/10]
	}
	if tags, err := gitCommand(ctx, dir, "for-each-ref", "--format=%(creatordate:short)", "refs/tags"); err == nil {
		for _, d := range strings.Fields(string(tags)) {
			if d >= since {
				h.Tags++
			}
		}
	}
	return h, nil
}

func isDocPath(p string) bool {
	l := strings.ToLower(p)
	return strings.HasSuffix(l, ".md") || strings.HasSuffix(l, ".md.erb") || strings.HasSuffix(l, ".rst") || strings.HasSuffix(l, ".adoc")
}
