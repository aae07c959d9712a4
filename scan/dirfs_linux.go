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
	if d.fd < 0 {
		return nil, false, nil
	}
	how := unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOFOLLOW | unix.O_NONBLOCK,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
	}
	for {
		fd, err := unix.Openat2(d.fd, name, &how)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM) && name == ".":
			return nil, false, nil
		case err != nil:
			return nil, true, err
		}
		return os.NewFile(uintptr(fd), name), true, nil
	}
}

func (d dirSys) close() {
	if d.fd >= 0 {
		unix.Close(d.fd)
	}
}
