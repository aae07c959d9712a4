//go:build !linux

package scan

import "os"

// dirSys has no confined open outside Linux; os.Root does the work.
type dirSys struct{}

func openDirSys(string) dirSys                     { return dirSys{} }
func (dirSys) open(string) (*os.File, bool, error) { return nil, false, nil }
func (dirSys) openDir(string) (*os.File, bool, error) {
	return nil, false, nil
}
func (dirSys) close() {}
func (dirSys) readFile(string, []byte, int64, bool) ([]byte, bool, error) {
	return nil, false, nil
}
