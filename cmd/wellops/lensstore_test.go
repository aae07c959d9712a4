package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/wellops/wellops"
	"github.com/wellops/wellops/lens"
)

// TestCustomLensLifecycle imports, publishes, applies, changes, diffs, shows, exports and
// deletes a custom lens through the CLI.
func TestCustomLensLifecycle(t *testing.T) {
	eachStore(t, func(t *testing.T, c *storeCLI) {
		dir := writeFiles(t, map[string]string{
			"small.json": validLens,
			"v2.json":    strings.Replace(validLens, `"title": "Second?"`, `"title": "Second, reworded?"`, 1),
		})
		code, out, stderr := c.run("lens", "import", filepath.Join(dir, "small.json"), "--tag", "team=sre")
		arn := strings.TrimSpace(out)
		if code != 0 || !isCustomLensARN(arn) || !strings.Contains(stderr, "wellops lens publish "+arn+" VERSION") {
			t.Fatalf("lens import: exit %d\nstdout: %s\nstderr: %s", code, out, stderr)
		}
		if out := c.ok("lens", "list"); !regexp.MustCompile(regexp.QuoteMeta(arn) + `\s+CUSTOM_SELF\s+-\s+DRAFT\s+Small lens\n`).MatchString(out) {
			t.Errorf("lens list shows the draft:\n%s", out)
		}
		if out := c.ok("lens", "show", arn); !strings.Contains(out, "Small lens\n"+arn+", version draft\n1 pillar, 2 questions, 3 choices\n") {
			t.Errorf("lens show of a draft:\n%s", out)
		}
		if out := c.ok("lens", "publish", arn, "1.0"); out != "published "+arn+" version 1.0 (minor)\n" {
			t.Errorf("lens publish:\n%s", out)
		}
		c.ok("workload", "create", "Payments", "--description", "card payments", "--region", "ap-northeast-2", "--lens", arn)
		out = c.ok("answer", "Payments", "q_one", "--lens", arn, "--none")
		if !strings.Contains(out, "Risk: HIGH") || !strings.Contains(out, "[x]  q_one_no  None of these") {
			t.Errorf("answer a custom lens question:\n%s", out)
		}
		if out := c.ok("improvements", "Payments", "--lens", arn); !strings.Contains(out, "1. HIGH  q_one") || !strings.Contains(out, "- Yes (c_yes)\n     Say yes\n") {
			t.Errorf("improvements of a custom lens:\n%s", out)
		}
		c.ok("lens", "import", filepath.Join(dir, "v2.json"), "--alias", arn)
		c.ok("lens", "publish", arn, "2.0", "--major")
		out = c.ok("lens", "diff", arn)
		if !strings.Contains(out, arn+": version 1.0 to 2.0 (latest 2.0)") || !regexp.MustCompile(`UPDATED\s+pillar_one\s+q_two\s+Second, reworded\?`).MatchString(out) {
			t.Errorf("lens diff:\n%s", out)
		}
		var d wellops.LensDifference
		c.json(&d, "lens", "diff", arn, "--base", "2.0", "--target", "2.0")
		if d.Base != "2.0" || len(d.Pillars) != 0 {
			t.Errorf("diff of a version with itself: %+v", d)
		}
		out = c.ok("workload", "show", "Payments")
		if !regexp.MustCompile(regexp.QuoteMeta(arn) + `\s+1.0\s+NOT_CURRENT\s+1\s+0\s+0\s+0\s+1\s+Small lens`).MatchString(out) {
			t.Errorf("a major version leaves the review on 1.0:\n%s", out)
		}
		if out := c.ok("lens", "show", arn, "--version", "1.0"); !strings.Contains(out, "  q_two  Second?\n") {
			t.Errorf("lens show --version 1.0:\n%s", out)
		}
		exported := c.ok("lens", "export", arn)
		l, err := lens.Parse([]byte(exported))
		if err != nil || l.Pillars[0].Questions[1].Title != "Second, reworded?" {
			t.Fatalf("lens export of the latest version: %v", err)
		}
		out = c.ok("lens", "show", arn, "--json")
		if out != exported {
			t.Errorf("lens show --json differs from lens export")
		}
		c.fails(1, "--lang applies to the built-in lens only", "lens", "export", arn, "--lang", "ko")
		c.fails(3, "invalid --status: is required", "lens", "delete", arn)
		if out := c.ok("lens", "delete", arn, "--status", "published"); out != "deleted the published versions of "+arn+"\n" {
			t.Errorf("lens delete:\n%s", out)
		}
		if out := c.ok("lens", "list", "--status", "PUBLISHED"); strings.Contains(out, arn) {
			t.Errorf("a deleted lens is still listed as published:\n%s", out)
		}
		c.fails(3, "was deleted and can no longer be applied", "workload", "create", "Payroll", "--description", "salaries",
			"--region", "us-east-1", "--lens", arn)
	})
}

func TestLensImportProblems(t *testing.T) {
	c := sqliteCLI(t)
	dir := writeFiles(t, map[string]string{
		"bad.json": strings.Replace(strings.Replace(validLens, `"condition": "default", "risk": "HIGH_RISK"`, `"condition": "!c_yes", "risk": "HIGH_RISK"`, 1),
			`"id": "pillar_one"`, `"id": "p1"`, 1),
		"syntax.json": "{\n  \"name\": \"x\",\n}",
	})
	bad := filepath.Join(dir, "bad.json")
	c.ok("lens", "list") // the first run prints the new administrator's password
	code, stdout, stderr := c.run("lens", "import", bad)
	want := []string{
		"wellops lens import: " + bad + ": the lens breaks 2 rule(s) of the custom lens format; nothing was stored\n",
		bad + ": pillars[0].id: must be 3–128 characters",
		bad + `: pillars[0].questions[0].riskRules: question q_one must have a rule with condition "default"`,
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if code != 3 || stdout != "" || strings.Count(stderr, "\n") != 3 {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	code, _, stderr = c.run("lens", "import", filepath.Join(dir, "syntax.json"))
	if code != 3 || !strings.Contains(stderr, "syntax.json: JSONString: line 3, column 1: invalid character '}'") {
		t.Errorf("syntax error: exit %d\n%s", code, stderr)
	}
	c.fails(1, "absent.json: open", "lens", "import", filepath.Join(dir, "absent.json"))
	c.fails(3, "tag keys starting with aws: are reserved", "lens", "import", bad, "--tag", "aws:x=1")
	c.fails(4, "not found", "lens", "publish", "arn:aws:wellarchitected:us-east-1:123456789012:lens/0123456789abcdef0123456789abcdef", "1.0")
	if out := c.ok("lens", "list", "--json"); strings.Contains(out, "CUSTOM_SELF") {
		t.Errorf("a rejected import was stored:\n%s", out)
	}
}
