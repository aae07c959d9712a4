package scan

import (
	"path"
	"strings"
)

// pathSignals records what a file's path alone shows (a test file, a linter configuration,
// an issue template), so those files never need to be opened.
func pathSignals(out []Signal, p string) []Signal {
	base := path.Base(p)
	lower := strings.ToLower(base)
	dir := dirOf(p)
	ext := path.Ext(lower)
	add := func(k SignalKind, text string) { out = append(out, Signal{Kind: k, Path: p, Text: text}) }

	if isTestFile(p, lower, ext) {
		add(sigTestFile, base)
	}
	switch {
	case lower == "dockerfile" || strings.HasPrefix(lower, "dockerfile.") || strings.HasSuffix(lower, ".dockerfile") || lower == "containerfile":
		add(sigDockerfile, base)
	case lower == ".goreleaser.yml" || lower == ".goreleaser.yaml" || strings.HasPrefix(lower, ".releaserc") ||
		lower == "release-please-config.json" || lower == ".release-please-manifest.json":
		add(sigReleaseTool, base)
	case isLintConfig(lower):
		add(sigLintConfig, base)
	case lower == ".coveragerc" || strings.HasPrefix(lower, "jest.config.") || strings.HasPrefix(lower, "vitest.config.") ||
		lower == "pytest.ini" || strings.HasPrefix(lower, "karma.conf") || strings.HasPrefix(lower, "phpunit.xml") ||
		strings.HasPrefix(lower, ".mocharc") || strings.HasPrefix(lower, "cypress.config.") || strings.HasPrefix(lower, "playwright.config."):
		add(sigCoverageConfig, base)
	case lower == ".markdown-link-check.json" || lower == "mlc_config.json" || lower == ".mdox.validate.yaml" || lower == ".lycheeignore":
		add(sigLinkCheck, base)
	case lower == "kubescape-exceptions.json" || lower == ".checkov.yaml" || lower == ".checkov.yml" || lower == ".kics.yaml":
		add(sigWaiverFile, base)
	case ext == ".jsonnet" || ext == ".libsonnet" || lower == "jsonnetfile.json":
		add(sigJsonnet, base)
	case ext == ".bicep" || lower == "terragrunt.hcl" || ext == ".pkr.hcl" || ext == ".sls" || lower == "metadata.rb" && strings.Contains(p, "cookbooks/"):
		add(sigIaC, base)
	case lower == "ansible.cfg" || (strings.HasPrefix(dir, "roles/") || strings.Contains(dir, "/roles/")) && strings.HasSuffix(dir, "/tasks"):
		add(sigAnsible, base)
	case lower == "owners" || lower == "owners_aliases" || lower == "maintainers" || lower == "maintainers.md":
		add(sigOwnershipRegistry, base)
	case lower == ".gitignore" && dir == ".":
		add(sigGitignore, base)
	case strings.Contains(lower, "threat-model") || strings.Contains(lower, "threat_model") || strings.Contains(lower, "threatmodel") || lower == "threagile.yaml":
		add(sigThreatModel, base)
	case strings.HasPrefix(lower, "locustfile") || strings.HasSuffix(lower, ".k6.js") || strings.HasSuffix(lower, ".jmx"):
		add(sigLoadTest, base)
	}
	switch {
	case strings.HasPrefix(p, ".github/ISSUE_TEMPLATE/") && lower != "config.yml" && lower != "config.yaml",
		strings.HasPrefix(p, ".gitlab/issue_templates/"),
		lower == "issue_template.md" && (dir == "." || dir == ".github" || dir == "docs"):
		add(sigIssueTemplate, base)
	case strings.HasPrefix(lower, "pull_request_template") && (dir == "." || dir == ".github" || dir == "docs"),
		strings.HasPrefix(p, ".github/PULL_REQUEST_TEMPLATE/"),
		strings.HasPrefix(p, ".gitlab/merge_request_templates/"):
		add(sigPRTemplate, base)
	}
	if dir == "." || dir == ".github" || dir == "docs" {
		switch strings.TrimSuffix(lower, ext) {
		case "contributing":
			add(sigContributing, base)
		case "security":
			add(sigSecurityPolicy, base)
		case "support":
			add(sigSupportDoc, base)
		case "governance":
			add(sigGovernanceDoc, base)
		}
	}
	switch {
	case strings.HasSuffix(lower, ".down.sql") || strings.HasSuffix(lower, "_down.sql") || strings.HasPrefix(lower, "u") && strings.Contains(lower, "__") && ext == ".sql" && isDigits(lower[1:2]):
		add(sigDownMigration, base)
	case (strings.Contains(dir, "migration") || strings.HasPrefix(lower, "v") && strings.Contains(lower, "__")) && ext == ".sql":
		add(sigMigration, base)
	case lower == "alembic.ini":
		add(sigDownMigration, "Alembic migrations (downgrade steps)")
	}
	if ext == ".tfvars" || strings.HasSuffix(lower, ".tfvars.json") {
		if classifyEnv(strings.TrimSuffix(strings.TrimSuffix(lower, ".json"), ".tfvars")) != envOther {
			add(sigEnvConfig, "Terraform variables "+base)
		}
	}
	if (strings.HasPrefix(lower, "values-") || strings.HasPrefix(lower, "values.") || strings.HasPrefix(lower, "values_")) && (ext == ".yaml" || ext == ".yml") {
		env := strings.TrimSuffix(lower[len("values-"):], ext)
		if classifyEnv(env) != envOther {
			add(sigEnvConfig, "Helm values for "+env)
		}
	}
	return out
}

func isTestFile(p, lower, ext string) bool {
	switch {
	case strings.HasSuffix(lower, "_test.go"),
		strings.HasPrefix(lower, "test_") && ext == ".py", strings.HasSuffix(lower, "_test.py"),
		strings.Contains(lower, ".test.") || strings.Contains(lower, ".spec.") || strings.Contains(lower, ".cy."),
		(strings.HasSuffix(lower, "test.java") || strings.HasSuffix(lower, "tests.java") || strings.HasSuffix(lower, "test.kt") ||
			strings.HasSuffix(lower, "tests.cs") || strings.HasSuffix(lower, "test.cs") || strings.HasSuffix(lower, "test.php") ||
			strings.HasSuffix(lower, "test.scala") || strings.HasSuffix(lower, "tests.swift")),
		strings.HasSuffix(lower, "_spec.rb"), strings.HasSuffix(lower, "_test.rb"), strings.HasSuffix(lower, "_test.exs"),
		ext == ".bats":
		return true
	}
	switch ext {
	case ".go", ".py", ".js", ".ts", ".java", ".rb", ".cs", ".rs", ".php", ".ex", ".exs", ".kt", ".scala", ".swift", ".sh":
		for _, seg := range strings.Split(path.Dir(p), "/") {
			if seg == "test" || seg == "tests" || seg == "__tests__" || seg == "e2e" || seg == "spec" {
				return !strings.Contains(p, "testdata/") && !strings.Contains(p, "fixtures/")
			}
		}
	}
	return false
}

func isLintConfig(lower string) bool {
	for _, pre := range [...]string{".golangci.", ".eslintrc", "eslint.config.", ".prettierrc", "prettier.config.", ".stylelintrc",
		".yamllint", ".markdownlint", ".hadolint.", "checkstyle", ".scalafmt", "phpcs.xml", ".semgrep", ".jshintrc", ".vale.ini",
		".spectral.", ".licenserc", ".codespellrc", "biome.json", ".swiftlint", "detekt", "tslint.json", ".rubocop", "zizmor.y"} {
		if strings.HasPrefix(lower, pre) {
			return true
		}
	}
	switch lower {
	case "ruff.toml", ".ruff.toml", ".flake8", ".pylintrc", "pylintrc", "rustfmt.toml", ".rustfmt.toml", "clippy.toml",
		".tflint.hcl", ".shellcheckrc", ".clang-format", ".clang-tidy", ".sqlfluff", "staticcheck.conf", "mypy.ini", ".mypy.ini",
		".editorconfig-checker.json", ".misspell.yml", ".gitleaks.toml":
		return true
	}
	return false
}
