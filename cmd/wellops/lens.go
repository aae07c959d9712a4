package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wellops/wellops/lens"
)

// lensCmd is "wellops lens": validate, show and export lenses (the built-in one, files, and
// custom lenses in the store), and import, publish, diff and delete custom lenses.
func lensCmd(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "lens", args, map[string]command{
		"validate": {"check custom-lens JSON files and list every problem", lensValidate},
		"show":     {"print a lens's pillars, questions and choices", lensShow},
		"export":   {"write a lens as custom-lens JSON", lensExport},
		"list":     {"list the lenses in the store", lensList},
		"import":   {"store a custom lens file as a draft, of a new lens or of --alias", lensImport},
		"publish":  {"publish a custom lens's draft as a version", lensPublish},
		"diff":     {"list what changed between two versions of a custom lens", lensDiff},
		"delete":   {"delete a custom lens's draft, its published versions, or both", lensDelete},
	})
}

func lensValidate(_ context.Context, e *env, args []string) error {
	fs := newFlags("lens validate", "FILE...", e.stderr)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, -1); err != nil {
		return err
	}
	failed := false
	for _, file := range pos {
		if !validateFile(e, file) {
			failed = true
		}
	}
	if failed {
		return exitError{1}
	}
	return nil
}

// validateFile reports on one file: "ok" with its size on stdout, or every problem on
// stderr, each prefixed with the file name so that editors and grep can jump to it.
func validateFile(e *env, file string) bool {
	data, err := readLensFile(file)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
		return false
	}
	l, err := lens.Parse(data)
	var se *lens.SyntaxError
	var ve *lens.ValidationError
	switch {
	case err == nil:
		fmt.Fprintf(e.stdout, "%s: ok (%s, %s)\n", file, plural(len(l.Pillars), "pillar"), plural(countQuestions(l), "question"))
		return true
	case errors.As(err, &se):
		fmt.Fprintf(e.stderr, "%s:%d:%d: %s\n", file, se.Line, se.Column, se.Msg)
	case errors.As(err, &ve):
		fmt.Fprintf(e.stderr, "%s: %s\n", file, plural(len(ve.Problems), "problem"))
		for _, p := range ve.Problems {
			fmt.Fprintf(e.stderr, "%s: %s\n", file, p)
		}
	default:
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
	}
	return false
}

// readLensFile reads a lens file, refusing one far beyond the format's limit without reading
// it all.
func readLensFile(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// A little over the limit, so that Parse still sees and reports a slightly too big file.
	const limit = lens.MaxSize + 64
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, fmt.Errorf("file is larger than a lens may be (%d bytes)", lens.MaxSize)
	}
	return data, nil
}

func lensShow(ctx context.Context, e *env, args []string) error {
	fs := newFlags("lens show", "[ALIAS|FILE] [--lang en|ko] [--json]  (ALIAS: wellarchitected or a custom lens ARN in the store)", e.stderr)
	lang := fs.String("lang", "en", "language of the built-in lens: "+strings.Join(lens.Languages(), " or "))
	asJSON := fs.Bool("json", false, "print the lens as custom-lens JSON")
	sf := storeLensFlags(fs, e)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 0, 1); err != nil {
		return err
	}
	name := lens.BuiltinAlias
	if len(pos) == 1 {
		name = pos[0]
	}
	if isCustomLensARN(name) {
		if flagSet(fs, "lang") {
			return fmt.Errorf("--lang applies to the built-in lens only, not to %s", name)
		}
		l, info, err := sf.content(ctx, e, name)
		if err != nil {
			return err
		}
		if *asJSON {
			data, err := l.Export()
			if err != nil {
				return err
			}
			_, err = e.stdout.Write(data)
			return err
		}
		return writeOutline(e.stdout, l, customSubtitle(info))
	}
	l, builtin, err := openLens(fs, name, *lang)
	if err != nil {
		return err
	}
	if *asJSON {
		data, err := l.Export()
		if err != nil {
			return err
		}
		_, err = e.stdout.Write(data)
		return err
	}
	subtitle := ""
	if builtin {
		subtitle = fmt.Sprintf("alias %s, whitepaper edition %s", lens.BuiltinAlias, lens.BuiltinVersion)
	}
	return writeOutline(e.stdout, l, subtitle)
}

// openLens resolves a lens alias, or else a path to a lens file. It also reports whether the
// lens is the built-in one. --lang only applies to the built-in lens.
func openLens(fs *flag.FlagSet, name, lang string) (*lens.Lens, bool, error) {
	l, err := lookupLens(name, lang)
	if err == nil || !errors.Is(err, errUnknownLens) {
		return l, err == nil, err
	}
	data, ferr := readLensFile(name)
	if errors.Is(ferr, os.ErrNotExist) {
		return nil, false, fmt.Errorf("%w, and there is no file %s", err, name)
	}
	if ferr != nil {
		return nil, false, ferr
	}
	if flagSet(fs, "lang") {
		return nil, false, fmt.Errorf("--lang applies to the built-in lens only, not to %s", name)
	}
	l, err = lens.Parse(data)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", name, err)
	}
	return l, false, nil
}

var errUnknownLens = errors.New("unknown lens")

// lookupLens returns the built-in lens by its alias; custom lenses are named by their ARN
// and come from the store (isCustomLensARN).
func lookupLens(alias, lang string) (*lens.Lens, error) {
	if alias == lens.BuiltinAlias {
		return lens.Builtin(lang)
	}
	return nil, fmt.Errorf("%w %q (known: %s)", errUnknownLens, alias, lens.BuiltinAlias)
}

// writeOutline prints a lens for reading: pillars, questions and choices with their IDs, and
// for the built-in lens each choice's best practice and level of risk. subtitle, when set,
// says which lens and version this is.
func writeOutline(w io.Writer, l *lens.Lens, subtitle string) error {
	var b strings.Builder
	choices := 0
	for _, p := range l.Pillars {
		for _, q := range p.Questions {
			choices += len(q.Choices)
		}
	}
	fmt.Fprintf(&b, "%s\n", l.Name)
	if subtitle != "" {
		fmt.Fprintf(&b, "%s\n", subtitle)
	}
	fmt.Fprintf(&b, "%s, %s, %s\n", plural(len(l.Pillars), "pillar"), plural(countQuestions(l), "question"), plural(choices, "choice"))
	fmt.Fprintf(&b, "\n%s\n", l.Description)
	for _, p := range l.Pillars {
		fmt.Fprintf(&b, "\n%s  %s\n", p.ID, p.Name)
		for _, q := range p.Questions {
			fmt.Fprintf(&b, "\n  %s  %s\n", q.ID, q.Title)
			for _, c := range q.Choices {
				fmt.Fprintf(&b, "    %s  %s", c.ID, c.Title)
				if bp := c.BestPractice; bp != nil {
					fmt.Fprintf(&b, "  [%s, %s]", bp.ID, bp.Risk)
				}
				b.WriteString("\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func lensExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags("lens export", "ALIAS [--lang en|ko] [-o FILE]  (ALIAS: wellarchitected or a custom lens ARN in the store)", e.stderr)
	lang := fs.String("lang", "en", "language of the built-in lens: "+strings.Join(lens.Languages(), " or "))
	out := fs.String("o", "", "write to `FILE` (atomically) instead of standard output")
	sf := storeLensFlags(fs, e)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	var data []byte
	if isCustomLensARN(pos[0]) {
		if flagSet(fs, "lang") {
			return fmt.Errorf("--lang applies to the built-in lens only, not to %s", pos[0])
		}
		if data, err = sf.export(ctx, e, pos[0]); err != nil {
			return err
		}
	} else {
		l, err := lookupLens(pos[0], *lang)
		if err != nil {
			return err
		}
		if data, err = l.Export(); err != nil {
			return err
		}
	}
	if *out == "" {
		_, err = e.stdout.Write(data)
		return err
	}
	return writeFileAtomic(*out, data)
}

func countQuestions(l *lens.Lens) int {
	n := 0
	for _, p := range l.Pillars {
		n += len(p.Questions)
	}
	return n
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// flagSet reports whether the named flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
