package scan

import (
	"io/fs"
	"os"
	"slices"
	"strings"
)

// DirFS is the file system the CLI scans: a directory tree that cannot be left. Every open
// is confined to the tree by the kernel where it can be (openat2 with RESOLVE_BENEATH and
// RESOLVE_NO_SYMLINKS on Linux: one system call, no symlink followed anywhere in the path),
// and by os.Root elsewhere. The walker never follows symlinks either; this is the guard
// underneath, against a tree that changes while it is scanned.
type DirFS struct {
	root *os.Root
	sys  dirSys // the platform's confined open, when available
}

// OpenDir opens the tree at dir for scanning. Close it when done.
func OpenDir(dir string) (*DirFS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	d := &DirFS{root: root}
	d.sys = openDirSys(dir)
	return d, nil
}

// Close releases the tree.
func (d *DirFS) Close() error {
	d.sys.close()
	return d.root.Close()
}

// Open implements fs.FS.
func (d *DirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f, ok, err := d.sys.open(name); ok {
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return f, nil
	}
	return d.root.Open(name)
}

// openHandle opens the directory name for the walk, which lists it and reads its files
// through the handle. ok is false where the platform has no such handle.
func (d *DirFS) openHandle(name string) (dirHandle, bool, error) {
	if !fs.ValidPath(name) {
		return dirHandle{}, true, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	h, ok, err := d.sys.openHandle(name)
	if err != nil {
		err = &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return h, ok, err
}

// ReadDir implements fs.ReadDirFS, sorted by name as fs.ReadDir promises.
func (d *DirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	var f fs.File
	df, ok, err := d.sys.openDir(name)
	switch {
	case ok && err != nil:
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	case ok:
		f = df
	default:
		if f, err = d.root.Open(name); err != nil {
			return nil, err
		}
	}
	defer f.Close()
	rd, ok := f.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	entries, err := rd.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}
