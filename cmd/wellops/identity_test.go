package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/wellops/wellops"
)

func TestFirstRunCreatesTheAdministrator(t *testing.T) {
	c := sqliteCLI(t)
	code, stdout, stderr := c.run("workload", "list")
	if code != 0 || stdout != "(no workloads)\n" {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	m := regexp.MustCompile(`created the first user "admin" \(account \d{12}\) with password (\S+)\n`).FindStringSubmatch(stderr)
	if m == nil || !strings.Contains(stderr, "generated a server key in "+c.dsn+".key") {
		t.Fatalf("first run should create the administrator and the key, once:\n%s", stderr)
	}
	db, ctx := c.store()
	if _, err := db.Authenticate(ctx, "admin", m[1]); err != nil {
		t.Errorf("the printed password does not sign in: %v", err)
	}
	if _, _, stderr := c.run("workload", "list"); stderr != "" {
		t.Errorf("second run printed:\n%s", stderr)
	}
}

func TestUsersAndKeys(t *testing.T) {
	eachStore(t, func(t *testing.T, c *storeCLI) {
		code, out, stderr := c.runIn("alice's password 1\n", "user", "create", "alice")
		if code != 0 || !regexp.MustCompile(`^created user alice in account \d{12}\n$`).MatchString(out) {
			t.Fatalf("user create: exit %d\n%s%s", code, out, stderr)
		}
		var users []wellops.User
		c.json(&users, "user", "list")
		admin := users[0]
		code, out, _ = c.runIn("", "user", "create", "robot", "--no-password", "--account", admin.AccountID, "--admin", "--json")
		var robot wellops.User
		if code != 0 || json.Unmarshal([]byte(out), &robot) != nil || !robot.Admin || robot.AccountID != admin.AccountID {
			t.Fatalf("user create --no-password --json: exit %d %s", code, out)
		}
		c.json(&users, "user", "list")
		if len(users) != 3 || users[0].Name != "admin" || !users[0].Admin || users[1].Name != "alice" || users[1].Admin {
			t.Errorf("user list --json: %+v", users)
		}
		if out := c.ok("user", "list"); !regexp.MustCompile(`alice\s+\d{12}\s+no\s+`).MatchString(out) {
			t.Errorf("user list:\n%s", out)
		}

		db, ctx := c.store()
		if _, err := db.Authenticate(ctx, "alice", "alice's password 1"); err != nil {
			t.Errorf("alice cannot sign in with the password read from stdin: %v", err)
		}
		if code, out, _ := c.runIn("a new password 2\r\n", "user", "passwd", "alice", "--password-stdin"); code != 0 || !strings.Contains(out, "password of alice set") {
			t.Errorf("user passwd: exit %d %s", code, out)
		}
		if _, err := db.Authenticate(ctx, "alice", "a new password 2"); err != nil {
			t.Errorf("the new password does not sign in: %v", err)
		}

		out = c.ok("key", "create", "alice")
		m := regexp.MustCompile(`Access key ID\s+(AKIA\w{16})\n\s+Secret access key\s+(\S+)\n`).FindStringSubmatch(out)
		if m == nil || !strings.Contains(out, "will not show it again") ||
			!strings.Contains(out, "aws configure set aws_access_key_id "+m[1]+" --profile wellops") ||
			!strings.Contains(out, "export AWS_SECRET_ACCESS_KEY="+m[2]) ||
			!strings.Contains(out, "--endpoint-url http://127.0.0.1:8080") {
			t.Fatalf("key create:\n%s", out)
		}
		// The key works with the server key that serve uses: the CLI opened the same store.
		secret, u, err := db.LookupAccessKey(ctx, m[1])
		if err != nil || secret != m[2] || u.Name != "alice" {
			t.Fatalf("lookup of the new key: %v %v", u, err)
		}
		if out := c.ok("key", "list", "alice"); !regexp.MustCompile(m[1]+`\s+active\s+`).MatchString(out) || strings.Contains(out, m[2]) {
			t.Errorf("key list shows the key, never the secret:\n%s", out)
		}
		if out := c.ok("key", "revoke", m[1]); !strings.Contains(out, "revoked access key "+m[1]) {
			t.Errorf("key revoke:\n%s", out)
		}
		var keys []wellops.AccessKey
		c.json(&keys, "key", "list", "alice")
		if len(keys) != 1 || !keys[0].Revoked || keys[0].Secret != "" {
			t.Errorf("key list --json after revoke: %+v", keys)
		}
		if _, _, err := db.LookupAccessKey(ctx, m[1]); wellops.ErrorCode(err) != wellops.ENOTFOUND {
			t.Errorf("a revoked key still works: %v", err)
		}

		before := c.state()
		code, _, stderr = c.runIn("short\n", "user", "create", "carol")
		if code != 3 || !strings.Contains(stderr, "invalid password: must be 12 to 1024 characters, got 5") {
			t.Errorf("short password: exit %d %s", code, stderr)
		}
		c.fails(3, "no password given", "user", "create", "carol")
		c.fails(5, `a user named "alice" already exists`, "user", "create", "alice", "--no-password")
		c.fails(3, "invalid name", "user", "create", "no spaces please", "--no-password")
		c.fails(3, "invalid account: must be a 12-digit account ID", "user", "create", "dave", "--account", "12", "--no-password")
		c.fails(4, "user nobody not found", "user", "passwd", "nobody")
		c.fails(4, "user nobody not found", "key", "create", "nobody")
		c.fails(4, "user nobody not found", "key", "list", "nobody")
		c.fails(4, "not found", "key", "revoke", "AKIANOSUCHKEY0000000")
		if code, _, _ := c.run("user", "create", "eve", "--password", "secret"); code != 2 {
			t.Errorf("a password flag must not exist: exit %d", code)
		}
		users = nil
		c.json(&users, "user", "list")
		if len(users) != 3 || c.state() != before {
			t.Errorf("rejected commands changed the users: %+v", users)
		}
	})
}
