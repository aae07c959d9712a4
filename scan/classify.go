package scan

import (
	"path"
	"strings"
)

// fileKind says how a file is read. Classification is by path only, before any file is
// opened, so the files no check cares about (most of any tree) are never read.
type fileKind uint8

const (
	kindNone         fileKind = iota // not read; the path alone may still be a signal
	kindYAML                         // content decides: Kubernetes, rules, CFN, collector, ...
	kindJSON                         // content decides: dashboards, CFN, Renovate, flags, ...
	kindWorkflow                     // GitHub Actions workflow
	kindGitLab                       // GitLab CI
	kindTerraform                    // HCL (.tf, .tofu)
	kindMarkdown                     // documentation
	kindMakefile                     // Makefile targets and commands
	kindScript                       // CI entry scripts and Jenkinsfiles, read as text
	kindGoMod                        // go.mod
	kindPackageJSON                  // package.json
	kindRequirements                 // requirements*.txt
	kindPyproject                    // pyproject.toml, Pipfile
	kindPom                          // pom.xml
	kindGradle                       // build.gradle(.kts)
	kindTextManifest                 // Gemfile, Cargo.toml, composer.json, *.csproj, mix.exs
	kindCodeowners                   // CODEOWNERS
	kindTemplateYAML                 // Helm templates: YAML with Go templates
	kindText                         // small text files sniffed line by line (samconfig, .rego, ...)
	kindWaivers                      // .wellops.yaml
	kindGoSource                     // a non-test .go file: its imports, and its body when they call for it
	kindPySource                     // a non-test .py file: its top-level imports
)

// vendoredDirs are never walked: third-party code is not the workload's evidence (rule R1).
var vendoredDirs = map[string]bool{
	"vendor": true, "node_modules": true, "third_party": true, "third-party": true,
	"bower_components": true, "deps": true, ".terraform": true, "Pods": true,
}

// skippedDirs are never walked: tool state, caches and build output.
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, ".idea": true, ".vscode": true, "__pycache__": true,
	".tox": true, ".venv": true, "venv": true, ".mypy_cache": true, ".pytest_cache": true,
	".gradle": true, ".next": true, ".nuxt": true, ".cache": true, ".terragrunt-cache": true,
	".serverless": true, ".aws-sam": true,
}

// classify returns how to read the file at p (slash-separated, relative to the root).
func classify(p string) fileKind {
	base := path.Base(p)
	lower := strings.ToLower(base)
	dir := dirOf(p)
	ext := path.Ext(lower)

	switch {
	case p == ".wellops.yaml" || p == ".wellops.yml":
		return kindWaivers
	case (dir == ".github/workflows") && (ext == ".yml" || ext == ".yaml"):
		return kindWorkflow
	case lower == ".gitlab-ci.yml" || strings.HasSuffix(lower, ".gitlab-ci.yml") ||
		(strings.HasPrefix(dir, ".gitlab/ci") && (ext == ".yml" || ext == ".yaml")):
		return kindGitLab
	case base == "CODEOWNERS":
		return kindCodeowners
	case lower == "makefile" || lower == "gnumakefile" || ext == ".mk":
		return kindMakefile
	case strings.HasPrefix(lower, "jenkinsfile") || dir == ".ci" || strings.HasPrefix(dir, ".ci/") ||
		((dir == "ci" || dir == "scripts" || dir == ".github/scripts") && (strings.HasPrefix(lower, "ci") || strings.Contains(lower, "deploy"))) ||
		lower == "justfile" || lower == "tiltfile":
		return kindScript
	case lower == "go.mod":
		return kindGoMod
	case lower == "package.json":
		return kindPackageJSON
	case strings.HasPrefix(lower, "requirements") && ext == ".txt":
		return kindRequirements
	case lower == "pyproject.toml" || lower == "pipfile" || lower == "setup.cfg":
		return kindPyproject
	case lower == "pom.xml":
		return kindPom
	case lower == "build.gradle" || lower == "build.gradle.kts":
		return kindGradle
	case lower == "gemfile" || lower == "cargo.toml" || lower == "composer.json" || ext == ".csproj" || lower == "mix.exs":
		return kindTextManifest
	case ext == ".tf" || ext == ".tofu":
		return kindTerraform
	case ext == ".md" || ext == ".markdown" || ext == ".mdx" || ext == ".rst" || ext == ".adoc" ||
		strings.HasSuffix(lower, ".md.erb"):
		return kindMarkdown
	case (ext == ".yaml" || ext == ".yml" || ext == ".tpl") && inHelmTemplates(p):
		return kindTemplateYAML
	case ext == ".yaml" || ext == ".yml":
		return kindYAML
	case ext == ".json" || ext == ".json5" || lower == ".renovaterc":
		return kindJSON
	case ext == ".go" && !strings.HasSuffix(lower, "_test.go") && !inModuleCopy(p):
		return kindGoSource
	case ext == ".py" && !strings.HasPrefix(lower, "test_") && !strings.HasSuffix(lower, "_test.py") && lower != "conftest.py":
		return kindPySource
	case lower == "samconfig.toml" || ext == ".rego" || lower == ".trivyignore" ||
		lower == "lychee.toml" || lower == ".lychee.toml" || lower == "sonar-project.properties":
		return kindText
	}
	return kindNone
}

// dirOf is path.Dir for the clean, relative paths the walk makes, without path.Clean's
// work: it runs for every file in the tree.
func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return "."
}

// inModuleCopy reports whether p is inside a copy of a Go module at a version
// ("golang.org/x/net@v0.30.0/..."), as in the module cache: third-party code (rule R1),
// whatever directory holds it.
func inModuleCopy(p string) bool {
	for i := strings.Index(p, "@v"); i >= 0; {
		if i+2 < len(p) && p[i+2] >= '0' && p[i+2] <= '9' && strings.IndexByte(p[i:], '/') > 0 {
			return true
		}
		j := strings.Index(p[i+2:], "@v")
		if j < 0 {
			return false
		}
		i += 2 + j
	}
	return false
}

// inHelmTemplates reports whether p is inside a Helm chart's templates directory.
func inHelmTemplates(p string) bool {
	return strings.HasPrefix(p, "templates/") || strings.Contains(p, "/templates/")
}
