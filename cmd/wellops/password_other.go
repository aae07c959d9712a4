//go:build !linux

package main

import (
	"errors"
	"io"
	"os"
)

// isTerminal reports whether f is a terminal (a character device).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// promptHidden would read a password without echo; only Linux has that here, so elsewhere the
// password is piped in instead of being shown on screen.
func promptHidden(*os.File, io.Writer, string) (string, error) {
	return "", errors.New("cannot hide typing on this system: pipe the password in, e.g. wellops user passwd NAME --password-stdin < file")
}
