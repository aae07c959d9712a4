// Command wellops is the wellops CLI and server: `wellops serve` runs the API and UI, the other
// commands work on a local store or a repository. This is the only package where adapters meet.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/wellops/wellops"
)

// env is what a command may touch of the outside world; tests pass their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands is the one list of top-level commands.
func commands() map[string]command {
	return map[string]command{
		"serve":        {"run the API and web UI server", serveCmd},
		"config":       {"check the server configuration", configCmd},
		"lens":         {"validate, show, import, publish, diff, export and delete lenses", lensCmd},
		"scan":         {"read a repository and report Operational Excellence evidence", scanCmd},
		"workload":     {"create, list, show, update and delete workloads", workloadCmd},
		"answer":       {"answer a question of a workload's lens review", answerCmd},
		"risks":        {"show a workload's risks by lens, pillar and question", risksCmd},
		"milestone":    {"create, list and show milestones", milestoneCmd},
		"improvements": {"show a workload's improvement plan", improvementsCmd},
		"audit":        {"list a workload's audit trail", auditCmd},
		"user":         {"create and list users, set passwords", userCmd},
		"key":          {"create, list and revoke API access keys", keyCmd},
		"report":       {"write a review report (pdf, html, md, csv, xlsx, json)", reportCmd},
		"backup":       {"copy a SQLite store while the server runs", backupCmd},
		"restore":      {"replace a SQLite store with a backup (server stopped)", restoreCmd},
		"export":       {"write everything in a store as JSON lines", exportCmd},
		"import":       {"load an export into an empty store (SQLite or PostgreSQL)", importCmd},
		"import-aws":   {"create a review from AWS Well-Architected Tool exports or AWS CLI output", importAWSCmd},
		"version":      {"print the version", versionCmd},
	}
}

// exitError carries a specific exit status (for example `lens validate` finding problems)
// after the command has already reported what went wrong.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	// SIGHUP (a closed terminal, a supervisor's reload) shuts down as gracefully as SIGTERM:
	// in-flight requests finish and nothing acknowledged is lost; the supervisor restarts us.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	code := run(ctx, e, os.Args[1:])
	stop()
	os.Exit(code)
}

// run dispatches to a command and turns its error into an exit status.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		return 0
	}
	if args[0] == "--version" {
		args[0] = "version"
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "wellops: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return 2
	}
	err := cmd.run(ctx, e, args[1:])
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	// Store errors read as one line naming the problem, with an exit status per error code
	// (exitStatus), so scripts can tell "not found" from "invalid" without parsing text.
	var we *wellops.Error
	if errors.As(err, &we) {
		fmt.Fprintf(e.stderr, "wellops %s: %s\n", args[0], strings.ReplaceAll(errorText(we), "\n", " "))
		return exitStatus(we.Code)
	}
	fmt.Fprintf(e.stderr, "wellops %s: %v\n", args[0], err)
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "wellops: Operational Excellence reviews, evidence and an AWS Well-Architected Tool compatible API")
	fmt.Fprintln(w, "\nUsage: wellops COMMAND [ARGS]   (wellops COMMAND --help for more)")
	fmt.Fprintln(w, "\nCommands:")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, cmds[n].summary)
	}
}

var (
	// errHelp means --help was printed; the exit status is 0.
	errHelp = errors.New("help requested")
	// errUsage means the command line was wrong and usage was printed; the exit status is 2.
	errUsage = errors.New("usage")
)

// subcommand dispatches "wellops NAME SUB ..." over a table of subcommands.
func subcommand(ctx context.Context, e *env, name string, args []string, subs map[string]command) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := e.stdout
		if len(args) == 0 {
			w = e.stderr
		}
		fmt.Fprintf(w, "Usage: wellops %s SUBCOMMAND [ARGS]\n\nSubcommands:\n", name)
		keys := make([]string, 0, len(subs))
		for k := range subs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "  %-10s %s\n", k, subs[k].summary)
		}
		if len(args) == 0 {
			return errUsage
		}
		return errHelp
	}
	sub, ok := subs[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "wellops %s: unknown subcommand %q (try: %s)\n", name, args[0], strings.Join(sortedKeys(subs), ", "))
		return errUsage
	}
	return sub.run(ctx, e, args[1:])
}

func sortedKeys(m map[string]command) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func versionCmd(_ context.Context, e *env, _ []string) error {
	v, g := buildVersion()
	fmt.Fprintf(e.stdout, "wellops %s (%s)\n", v, g)
	return nil
}
