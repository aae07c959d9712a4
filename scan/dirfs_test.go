package scan

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// TestDirHandle drives the walk's directory handle on a real directory: the listing, and
// reads without fstat, whose end of file is a short read. Whatever an entry turned out to be
// when it is opened, the read must end, within the limit, without following a link.
func TestDirHandle(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), 20<<10) // 320 KiB: several growths from 64 KiB
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("empty.yaml", nil)
	write("small.yaml", []byte("kind: Deployment\n"))
	write("big.json", big)
	write("exact.txt", big[:1000])
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("small.yaml", filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	h, ok, err := root.openHandle(".")
	if !ok {
		t.Skip("no directory handles on this platform")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer h.close()

	entries, err := h.list(make([]byte, 64), nil) // a tiny buffer: many getdents calls
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(entries, func(a, b dirEntry) int { return bytes.Compare([]byte(a.name), []byte(b.name)) })
	var got []string
	for _, e := range entries {
		kind := "file"
		switch {
		case e.typ.IsDir():
			kind = "dir"
		case e.typ&os.ModeSymlink != 0:
			kind = "link"
		case !e.typ.IsRegular():
			kind = "special"
		}
		got = append(got, e.name+":"+kind)
	}
	want := []string{"big.json:file", "empty.yaml:file", "exact.txt:file", "link.yaml:link", "pipe.yaml:special", "small.yaml:file", "sub:dir"}
	if !slices.Equal(got, want) {
		t.Errorf("list = %v, want %v", got, want)
	}

	tests := []struct {
		name    string
		limit   int64
		prefix  bool
		want    []byte
		wantErr error // nil: no error; errAny: some error
	}{
		{"empty.yaml", 1 << 20, false, []byte{}, nil},
		{"small.yaml", 1 << 20, false, []byte("kind: Deployment\n"), nil},
		{"big.json", 1 << 20, false, big, nil},
		{"big.json", int64(len(big)), false, big, nil},             // exactly at the limit
		{"big.json", int64(len(big)) - 1, false, nil, errTooLarge}, // one byte over
		{"big.json", 100, true, big[:100], nil},
		{"exact.txt", 1000, true, big[:1000], nil},
		{"pipe.yaml", 1 << 20, false, []byte{}, nil}, // no writer: empty, and no hang
		{"link.yaml", 1 << 20, false, nil, errAny},   // a link is never followed
		{"sub", 1 << 20, false, nil, errAny},         // EISDIR
		{"missing.yaml", 1 << 20, false, nil, errAny},
	}
	for _, tt := range tests {
		done := make(chan struct{})
		var data []byte
		var err error
		go func() {
			defer close(done)
			data, err = h.readFile(tt.name, nil, tt.limit, tt.prefix)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("readFile(%s) hangs", tt.name)
		}
		switch {
		case tt.wantErr == errAny && err == nil:
			t.Errorf("readFile(%s) read %d bytes, want an error", tt.name, len(data))
		case tt.wantErr != nil && tt.wantErr != errAny && !errors.Is(err, tt.wantErr):
			t.Errorf("readFile(%s, limit %d) error = %v, want %v", tt.name, tt.limit, err, tt.wantErr)
		case tt.wantErr == nil && err != nil:
			t.Errorf("readFile(%s) error = %v", tt.name, err)
		case tt.wantErr == nil && !bytes.Equal(data, tt.want):
			t.Errorf("readFile(%s, limit %d, prefix %v) = %d bytes, want %d", tt.name, tt.limit, tt.prefix, len(data), len(tt.want))
		}
	}

	// A buffer lent by the caller is filled in place when it is large enough.
	buf := make([]byte, 0, 4096)
	data, err := h.readFile("small.yaml", buf, 1<<20, false)
	if err != nil || &data[0] != &buf[:1][0] {
		t.Errorf("readFile did not read into the lent buffer (err %v)", err)
	}
}

var errAny = errors.New("any error")
