//go:build !linux

package scan

import (
	"errors"
	"os"
)

// dirSys has no confined open outside Linux; os.Root does the work.
type dirSys struct{}

func openDirSys(string) dirSys                     { return dirSys{} }
func (dirSys) open(string) (*os.File, bool, error) { return nil, false, nil }
func (dirSys) openDir(string) (*os.File, bool, error) {
	return nil, false, nil
}
func (dirSys) close()                                     {}
func (dirSys) openHandle(string) (dirHandle, bool, error) { return dirHandle{}, false, nil }

// dirHandle is never opened outside Linux: the walk lists and reads through fs.FS.
type dirHandle struct{}

func (dirHandle) close() {}
func (dirHandle) list([]byte, []dirEntry) ([]dirEntry, error) {
	return nil, errors.ErrUnsupported
}
func (dirHandle) readFile(string, []byte, int64, bool) ([]byte, error) {
	return nil, errors.ErrUnsupported
}
