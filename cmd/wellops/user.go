package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wellops/wellops"
)

// userCmd is "wellops user": create and list users and set passwords. It acts as the first
// administrator: managing users is the operator's job, whoever the review commands act as.
func userCmd(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "user", args, map[string]command{
		"create": {"create a user (password typed twice, or one line on standard input)", userCreate},
		"list":   {"list users", userList},
		"passwd": {"set a user's password", userPasswd},
	})
}

func userCreate(ctx context.Context, e *env, args []string) error {
	fs := newFlags("user create", "NAME [--account ID] [--admin] [--password-stdin | --no-password]", e.stderr)
	sf := addStoreFlags(fs, e, false, false)
	account := fs.String("account", "", "12-digit account `ID` to join (default: a new account of its own)")
	admin := fs.Bool("admin", false, "make the user an administrator, who manages users and keys")
	fromStdin := fs.Bool("password-stdin", false, "read the password as one line of standard input, without a prompt")
	noPassword := fs.Bool("no-password", false, "create a user that cannot sign in to the UI, only use access keys")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	if *fromStdin && *noPassword {
		return invalidFlag("no-password", "do not combine it with --password-stdin")
	}
	in := wellops.NewUser{Name: pos[0], AccountID: *account, Admin: *admin}
	// Check the name and account before asking for a password that would be thrown away.
	if err := in.Validate(); err != nil {
		return err
	}
	if !*noPassword {
		if in.Password, err = readPassword(e, *fromStdin); err != nil {
			return err
		}
	}
	c, err := sf.open(ctx, e, "user create")
	if err != nil {
		return err
	}
	defer c.Close()
	u, err := c.db.CreateUser(c.ctx(ctx), in)
	if err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, u)
	}
	role := "user"
	if u.Admin {
		role = "administrator"
	}
	fmt.Fprintf(e.stdout, "created %s %s in account %s\n", role, u.Name, u.AccountID)
	if *noPassword {
		fmt.Fprintf(e.stdout, "API access: wellops key create %s\n", u.Name)
	}
	return nil
}

func userList(ctx context.Context, e *env, args []string) error {
	fs := newFlags("user list", "[--json]", e.stderr)
	sf := addStoreFlags(fs, e, false, false)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 0, 0); err != nil {
		return err
	}
	c, err := sf.open(ctx, e, "user list")
	if err != nil {
		return err
	}
	defer c.Close()
	users, err := c.db.ListUsers(c.ctx(ctx))
	if err != nil {
		return err
	}
	if *sf.json {
		if users == nil {
			users = []wellops.User{}
		}
		return writeJSON(e.stdout, users)
	}
	tw := newTable(e.stdout, "NAME", "ACCOUNT", "ADMIN", "CREATED")
	for _, u := range users {
		admin := "no"
		if u.Admin {
			admin = "yes"
		}
		row(tw, u.Name, u.AccountID, admin, when(u.CreatedAt))
	}
	return tw.Flush()
}

func userPasswd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("user passwd", "NAME [--password-stdin]", e.stderr)
	sf := addStoreFlags(fs, e, false, false)
	fromStdin := fs.Bool("password-stdin", false, "read the password as one line of standard input, without a prompt")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, pos, 1, 1); err != nil {
		return err
	}
	c, err := sf.open(ctx, e, "user passwd")
	if err != nil {
		return err
	}
	defer c.Close()
	// The user must exist before a password is asked for.
	if _, err := c.db.GetUser(c.ctx(ctx), pos[0]); err != nil {
		return err
	}
	pw, err := readPassword(e, *fromStdin)
	if err != nil {
		return err
	}
	if err := c.db.SetPassword(c.ctx(ctx), pos[0], pw); err != nil {
		return err
	}
	if *sf.json {
		return writeJSON(e.stdout, map[string]string{"PasswordSet": pos[0]})
	}
	fmt.Fprintf(e.stdout, "password of %s set; their sessions are signed out\n", pos[0])
	return nil
}

// readPassword gets a new password: typed twice without echo on a terminal, otherwise (or
// with fromStdin) one line of standard input, so that scripts can pipe it in. A password is
// never a flag or an argument, where ps and the shell history would keep it.
func readPassword(e *env, fromStdin bool) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && !fromStdin && isTerminal(f) {
		pw, err := promptHidden(f, e.stderr, "Password: ")
		if err != nil {
			return "", err
		}
		again, err := promptHidden(f, e.stderr, "Repeat password: ")
		if err != nil {
			return "", err
		}
		if pw != again {
			return "", wellops.Errorf(wellops.EINVALID, "the passwords do not match; nothing was changed")
		}
		return pw, checkPassword(pw)
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read the password from standard input: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), checkPassword(strings.TrimRight(line, "\r\n"))
}

// checkPassword refuses an empty or badly sized password before the store is touched.
func checkPassword(pw string) error {
	if pw == "" {
		return wellops.Errorf(wellops.EINVALID, "no password given: type one, pipe one line into standard input, or use --no-password (user create)")
	}
	var p wellops.Problems
	wellops.ValidatePassword(&p, pw)
	return p.Err()
}
