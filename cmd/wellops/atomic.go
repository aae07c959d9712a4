package main

import (
	"io"
	"os"
	"path/filepath"
)

// writeAtomic writes a file so that readers see the old file or the whole new one, never a
// part, and a failure leaves nothing behind: a temporary file in the same directory (so the
// rename stays on one file system), written, synced, given perm, then renamed over path.
func writeAtomic(path string, perm os.FileMode, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	// Sync the directory so that the rename itself survives a crash; not every system
	// supports it, and the file is already complete, so a failure here is not reported.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// writeFileAtomic writes data atomically, readable by everyone (exported lenses and reports
// are meant to be shared).
func writeFileAtomic(path string, data []byte) error {
	return writeAtomic(path, 0o644, func(w io.Writer) error { _, err := w.Write(data); return err })
}
