package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlags returns a FlagSet for "wellops NAME" that prints usage (with the one-line synopsis)
// to w and reports errors instead of exiting.
func newFlags(name, synopsis string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("wellops "+name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		fmt.Fprintf(w, "Usage: wellops %s %s\n", name, synopsis)
		var any bool
		fs.VisitAll(func(*flag.Flag) { any = true })
		if any {
			fmt.Fprintln(w, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args allowing flags before, between and after positional arguments
// ("wellops lens show wellarchitected --lang ko"), which the flag package alone does not.
// It returns the positional arguments; --help yields errHelp, a bad flag errUsage.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, errUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// wantArgs checks the number of positional arguments and explains the problem when it is off.
func wantArgs(fs *flag.FlagSet, pos []string, min, max int) error {
	if len(pos) < min || (max >= 0 && len(pos) > max) {
		fmt.Fprintf(fs.Output(), "%s: wrong number of arguments (%s)\n", fs.Name(), strings.Join(pos, " "))
		fs.Usage()
		return errUsage
	}
	return nil
}
