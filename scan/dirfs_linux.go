//go:build linux

package scan

import (
	"errors"
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

// readFile reads a regular file in as few system calls as the kernel allows: openat2, fstat,
// one read when the file is as large as fstat said, close. An *os.File would add two more
// (fcntl, and an epoll registration that fails for regular files), and io.ReadAll one more
// read to see EOF; on a tree of 50,000 configuration files those are most of the time the
// walk spends in the kernel. A read that returns less than asked after fstat's size was
// reached is taken as the end of the file, which it is for regular files.
//
// With prefix, at most limit bytes are read and a longer file is not an error; otherwise a
// file longer than limit is errTooLarge. ok is false when openat2 is not available.
func (d dirSys) readFile(name string, buf []byte, limit int64, prefix bool) (data []byte, ok bool, err error) {
	fd, ok, err := d.openFD(name, unix.O_NONBLOCK)
	if !ok || err != nil {
		return nil, ok, err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, true, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, true, errNotRegular
	}
	size := st.Size
	want := size + 1 // one byte more than fstat said shows a file that grew
	switch {
	case prefix:
		want = min(size, limit)
	case size > limit:
		return nil, true, errTooLarge
	}
	if int64(cap(buf)) < want {
		buf = make([]byte, want)
	}
	buf = buf[:want]
	n := 0
	for {
		if n == len(buf) {
			if prefix || int64(n) > limit {
				break
			}
			// The file grew since fstat: read on, within the limit.
			buf = append(buf, make([]byte, min(int64(n), limit+1-int64(n)))...)
		}
		r, err := unix.Read(fd, buf[n:])
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return nil, true, err
		}
		asked := len(buf) - n
		n += r
		if r == 0 || (r < asked && int64(n) >= size) {
			break
		}
	}
	if !prefix && int64(n) > limit {
		return nil, true, errTooLarge
	}
	return buf[:n], true, nil
}

func (d dirSys) close() {
	if d.fd >= 0 {
		unix.Close(d.fd)
	}
}
