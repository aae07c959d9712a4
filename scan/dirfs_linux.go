//go:build linux

package scan

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// dirSys opens files beneath a directory with openat2, which resolves the whole path in the
// kernel and refuses any symlink or any escape from the directory.
type dirSys struct {
	fd int // -1 when openat2 is not available (kernels before 5.6, some sandboxes)
}

func openDirSys(dir string) dirSys {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return dirSys{fd: -1}
	}
	d := dirSys{fd: fd}
	// Probe once: fall back to os.Root where openat2 is missing or filtered.
	f, ok, err := d.open(".")
	if !ok || err != nil {
		d.close()
		return dirSys{fd: -1}
	}
	f.Close()
	return d
}

func (d dirSys) open(name string) (*os.File, bool, error) {
	fd, ok, err := d.openFD(name, unix.O_NONBLOCK)
	if !ok || err != nil {
		return nil, ok, err
	}
	return os.NewFile(uintptr(fd), name), true, nil
}

// openDir opens a directory. Without O_NONBLOCK, os.NewFile does not try to register it with
// the poller (which fails for directories and costs a system call each).
func (d dirSys) openDir(name string) (*os.File, bool, error) {
	fd, ok, err := d.openFD(name, unix.O_DIRECTORY)
	if !ok || err != nil {
		return nil, ok, err
	}
	return os.NewFile(uintptr(fd), name), true, nil
}

// openFD is open without the *os.File: a bare descriptor the caller must close. O_NONBLOCK
// in flags keeps a FIFO swapped in after the walk listed a regular file from blocking the
// open; readFile refuses anything but a regular file once it is open.
func (d dirSys) openFD(name string, flags int) (int, bool, error) {
	if d.fd < 0 {
		return -1, false, nil
	}
	how := unix.OpenHow{
		Flags:   uint64(unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOFOLLOW | flags),
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
	}
	for {
		fd, err := unix.Openat2(d.fd, name, &how)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM) && name == ".":
			return -1, false, nil
		case err != nil:
			return -1, true, err
		}
		return fd, true, nil
	}
}

// dirHandle is a directory of the tree held open while the walk handles it: its entries
// are listed and its files opened through the descriptor, so each open resolves one name
// beneath the directory instead of the whole path from the root.
type dirHandle struct{ fd int }

// openHandle opens the directory name beneath the root; ok is false when openat2 is not
// available.
func (d dirSys) openHandle(name string) (dirHandle, bool, error) {
	fd, ok, err := d.openFD(name, unix.O_DIRECTORY)
	return dirHandle{fd: fd}, ok, err
}

func (h dirHandle) close() { unix.Close(h.fd) }

// list appends the directory's entries to out, in the order the kernel gives them. buf is
// scratch space for getdents64, reused across directories.
func (h dirHandle) list(buf []byte, out []dirEntry) ([]dirEntry, error) {
	for {
		n, err := unix.Getdents(h.fd, buf)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return out, err
		}
		if n <= 0 {
			return out, nil
		}
		// struct linux_dirent64: ino u64, off s64, reclen u16, type u8, then the name and a NUL.
		for b := buf[:n]; len(b) >= 19; {
			reclen := int(binary.NativeEndian.Uint16(b[16:18]))
			if reclen < 19 || reclen > len(b) {
				return out, unix.EIO
			}
			typ, name := b[18], b[19:reclen]
			b = b[reclen:]
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			if len(name) == 0 || string(name) == "." || string(name) == ".." {
				continue
			}
			e := dirEntry{name: string(name), typ: direntType(typ)}
			if typ == unix.DT_UNKNOWN { // file systems that do not fill d_type
				var st unix.Stat_t
				if err := unix.Fstatat(h.fd, e.name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
					e.typ = fs.ModeIrregular
				} else {
					e.typ = direntType(uint8(st.Mode & unix.S_IFMT >> 12)) // IFTODT: st_mode's type as d_type
				}
			}
			out = append(out, e)
		}
	}
}

func direntType(t uint8) fs.FileMode {
	switch t {
	case unix.DT_REG:
		return 0
	case unix.DT_DIR:
		return fs.ModeDir
	case unix.DT_LNK:
		return fs.ModeSymlink
	}
	return fs.ModeIrregular
}

// readFile reads the file name of the directory in three system calls: openat2, one read,
// close. There is no fstat: a read that returns less than it asked for is the end of a
// regular file, and the listing said the entry is one. Were it swapped for something else
// since, O_NONBLOCK keeps a FIFO from blocking the open and the read (it reads as empty),
// a directory fails with EISDIR, and a device reads no further than the limit. The buffer
// starts at buf's capacity and grows only for a file that fills it.
//
// With prefix, at most limit bytes are read and a longer file is not an error; otherwise a
// file longer than limit is errTooLarge.
func (h dirHandle) readFile(name string, buf []byte, limit int64, prefix bool) ([]byte, error) {
	fd, _, err := dirSys(h).openFD(name, unix.O_NONBLOCK)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	want := limit + 1 // one byte past the limit shows a file over it
	if prefix {
		want = limit
	}
	if cap(buf) == 0 {
		buf = make([]byte, min(want, 64<<10))
	}
	buf = buf[:min(int64(cap(buf)), want)]
	n := 0
	for {
		if n == len(buf) {
			if int64(n) >= want {
				break
			}
			buf = append(buf, make([]byte, min(int64(n), want-int64(n)))...)
			buf = buf[:min(int64(cap(buf)), want)]
		}
		asked := len(buf) - n
		r, err := unix.Read(fd, buf[n:])
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return nil, err
		}
		n += r
		if r < asked {
			break
		}
	}
	if !prefix && int64(n) > limit {
		return nil, errTooLarge
	}
	return buf[:n], nil
}

func (d dirSys) close() {
	if d.fd >= 0 {
		unix.Close(d.fd)
	}
}
