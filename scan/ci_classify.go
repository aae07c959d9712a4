package scan

import (
	"strings"
)

// acts is what a CI step (or job) does, as far as its text shows.
type acts uint32

const (
	actTest acts = 1 << iota
	actE2E
	actSmoke
	actLoadTest
	actDeploy
	actRollback
	actLint
	actFormat
	actSAST
	actVulnScan
	actCompliance
	actValidate
	actBuild
	actPublish
	actDocsPublish
	actEphemeral // brings up a throwaway environment (kind, compose, localstack, ...)
	actApproval
	actLinkCheck
	actDepUpdate
)

func (a acts) has(b acts) bool { return a&b != 0 }

// actNames are the names used in evidence text.
func (a acts) names() []string {
	all := [...]struct {
		a acts
		n string
	}{
		{actTest, "tests"}, {actE2E, "e2e"}, {actSmoke, "smoke"}, {actLoadTest, "load test"},
		{actDeploy, "deploy"}, {actRollback, "rollback"}, {actLint, "lint"}, {actFormat, "format check"},
		{actSAST, "SAST"}, {actVulnScan, "vulnerability scan"}, {actCompliance, "compliance scan"},
		{actValidate, "config validation"}, {actBuild, "build"}, {actPublish, "publish"},
		{actDocsPublish, "docs publish"}, {actEphemeral, "ephemeral environment"},
		{actApproval, "approval"}, {actLinkCheck, "link check"}, {actDepUpdate, "dependency update"},
	}
	var out []string
	for _, x := range all {
		if a.has(x.a) {
			out = append(out, x.n)
		}
	}
	return out
}

// classifyStep reads what a step does from its command text and the action it uses. It is
// deliberately literal: a word list per act, matched on word boundaries, so a reviewer can see
// why a step was taken for a test or a deployment.
func classifyStep(text string) acts {
	t := strings.ToLower(text)
	var a acts
	any := func(words ...string) bool {
		for _, w := range words {
			if hasWord(t, w) {
				return true
			}
		}
		return false
	}
	if any("go test", "gotestsum", "npm test", "npm run test", "npm run test:", "yarn test", "pnpm test",
		"jest", "vitest", "mocha", "pytest", "tox", "nox", "python -m unittest", "mvn test", "mvn verify",
		"mvn -b verify", "gradle test", "gradlew test", "gradle check", "gradlew check", "./gradlew test",
		"cargo test", "cargo nextest", "dotnet test", "rspec", "rake test", "rake spec", "phpunit", "mix test",
		"ctest", "bats", "cypress run", "playwright test", "newman run", "go-test", "test.sh", "run-tests",
		"run_tests", "sbt test", "swift test", "flutter test", "deno test", "bun test") {
		a |= actTest
	}
	for _, tg := range makeTargets(t) {
		switch {
		case strings.Contains(tg, "test") || strings.Contains(tg, "e2e") || tg == "check" || tg == "ci":
			a |= actTest
		case strings.Contains(tg, "lint") || tg == "vet":
			a |= actLint
		case strings.Contains(tg, "fmt") || strings.Contains(tg, "format"):
			a |= actFormat
		case strings.Contains(tg, "deploy") || strings.Contains(tg, "release") && strings.Contains(tg, "prod"):
			a |= actDeploy
		case strings.Contains(tg, "validate") || strings.Contains(tg, "verify"):
			a |= actValidate
		case strings.Contains(tg, "build") || tg == "all" || strings.Contains(tg, "image"):
			a |= actBuild
		case strings.Contains(tg, "rollback"):
			a |= actRollback
		}
	}
	// Paths ("tests/e2e/kind/config.yml") name test files without running them.
	words := dropPaths(t)
	anyWord := func(ws ...string) bool {
		for _, w := range ws {
			if hasWord(words, w) {
				return true
			}
		}
		return false
	}
	if anyWord("e2e", "end-to-end", "integration test", "integration-test", "integration_tests", "cypress", "playwright", "acceptance test") {
		a |= actE2E | actTest
	}
	if any("smoke", "health check", "healthcheck", "curl -f", "curl --fail", "wait --for=condition") {
		a |= actSmoke
	}
	if any("k6 run", "grafana/k6-action", "locust", "artillery", "jmeter", "gatling", "vegeta") {
		a |= actLoadTest
	}
	if any("kubectl apply", "kubectl create", "kubectl set image", "kubectl rollout restart", "helm upgrade",
		"helm install", "helmfile apply", "helmfile sync", "terraform apply", "tofu apply", "terragrunt apply",
		"terragrunt run-all apply", "pulumi up", "cdk deploy", "sam deploy", "serverless deploy", "sls deploy",
		"aws cloudformation deploy", "aws cloudformation create-stack", "aws cloudformation update-stack",
		"aws ecs update-service", "aws lambda update-function-code", "aws deploy create-deployment",
		"copilot deploy", "copilot svc deploy", "eb deploy", "gcloud run deploy", "gcloud app deploy",
		"gcloud deploy", "flyctl deploy", "argocd app sync", "flux reconcile", "skaffold run", "skaffold deploy",
		"deploy.sh", "./deploy", "kustomize build", "amazon-ecs-deploy-task-definition", "aws-cloudformation-github-deploy",
		"k8s-deploy", "azure/webapps-deploy", "deploy-cloudrun", "appleboy/ssh-action", "ansible-playbook",
		"waypoint up", "nomad job run", "kubectl-argo-rollouts") {
		a |= actDeploy
	}
	if any("rollback", "roll back", "rollout undo", "--atomic", "helm rollback", "revert deployment") {
		a |= actRollback
	}
	if any("lint", "golangci", "eslint", "flake8", "ruff", "pylint", "rubocop", "shellcheck", "hadolint",
		"yamllint", "markdownlint", "staticcheck", "go vet", "tflint", "stylelint", "ktlint", "detekt",
		"checkstyle", "spotbugs", "pmd", "clippy", "misspell", "actionlint", "super-linter", "pre-commit",
		"mypy", "vale", "reviewdog", "megalinter", "sqlfluff", "jsonnet-lint", "buf lint") {
		a |= actLint
	}
	if any("gofmt", "goimports", "prettier", "black --check", "terraform fmt", "tofu fmt", "rustfmt",
		"cargo fmt", "jsonnetfmt", "spotless", "format-code", "dotnet format", "clang-format", "isort --check") {
		a |= actFormat
	}
	if any("codeql", "semgrep", "sonar", "sonarcloud", "gosec", "bandit", "brakeman", "snyk code", "zizmor",
		"horusec", "njsscan", "checkmarx", "fortify", "scorecard-action", "ossf/scorecard", "devskim", "bearer") {
		a |= actSAST
	}
	if any("trivy", "grype", "anchore", "snyk", "osv-scanner", "govulncheck", "npm audit", "yarn audit",
		"pip-audit", "safety check", "dependency-review", "dependency-check", "retire.js", "bundler-audit",
		"bundle audit", "cargo audit", "kubescape", "docker scout", "clair", "xray scan") {
		a |= actVulnScan
	}
	if any("checkov", "kics", "prowler", "tfsec", "terrascan", "conftest", "kubescape", "--compliance",
		"cfn-guard", "cfn_nag", "fossa", "regula", "steampipe", "license-check", "licensecheck", "checklicense") {
		a |= actCompliance
	}
	if any("terraform validate", "tofu validate", "tflint", "cfn-lint", "cfn-guard", "kubeconform", "kubeval",
		"helm lint", "helm template", "promtool check", "amtool check-config", "conftest test", "kustomize build",
		"sam validate", "cdk synth", "jsonnet-lint", "actionlint", "pint lint", "pint ci", "oslo validate",
		"sloth validate", "terraform plan", "tofu plan", "kube-score", "kube-linter", "polaris audit",
		"datree", "pluto detect", "weaver registry check", "check-jsonschema", "ajv validate") {
		a |= actValidate
	}
	if any("go build", "docker build", "docker buildx", "buildx", "build-push-action", "npm run build",
		"yarn build", "pnpm build", "mvn package", "mvn install", "gradle build", "gradlew build", "gradlew assemble",
		"cargo build", "dotnet build", "dotnet publish", "sam build", "goreleaser", "ko build", "bazel build",
		"kaniko", "buildah", "docker compose build", "earthly", "nix build", "make build", "vue-cli-service build") {
		a |= actBuild
	}
	if any("docker push", "goreleaser release", "npm publish", "twine upload", "gh release", "mvn deploy",
		"gradle publish", "gradlew publish", "cargo publish", "helm push", "chart-releaser", "ecr push",
		"push: true", "softprops/action-gh-release", "ko publish", "jib") {
		a |= actPublish
	}
	if any("deploy-pages", "upload-pages-artifact", "gh-pages", "mkdocs gh-deploy", "peaceiris/actions-gh-pages", "netlify deploy") {
		a |= actDocsPublish
		a &^= actDeploy
	}
	if any("kind create cluster", "kind-action", "helm/kind-action", "k3d", "minikube", "docker compose up",
		"docker-compose up", "docker compose", "docker-compose", "localstack", "testcontainers", "microk8s",
		"vcluster", "setup-minikube", "k3s", "ephemeral", "review app", "preview environment") {
		a |= actEphemeral
	}
	if any("manual-approval", "trstringer/manual-approval", "ekeel/approval-action", "approve-deployment") {
		a |= actApproval
	}
	if any("lychee", "markdown-link-check", "linkcheck", "checklinks", "check-links", "htmltest", "mdox", "link-check", "linkinator", "muffet") {
		a |= actLinkCheck
	}
	if any("renovate", "create-pull-request", "ncu -u", "go get -u", "npm update", "pip-compile --upgrade", "update-versions") {
		a |= actDepUpdate
	}
	return a
}

// makeTargets returns the targets of every "make ..." invocation in t (flags dropped).
func makeTargets(t string) []string {
	var out []string
	for _, line := range strings.Split(t, "\n") {
		fields := strings.Fields(line)
		for i := 0; i < len(fields); i++ {
			f := strings.Trim(fields[i], "\"'`;&|()")
			if f != "make" && f != "gmake" && !strings.HasSuffix(f, "/make") {
				continue
			}
			for j := i + 1; j < len(fields); j++ {
				a := strings.Trim(fields[j], "\"'`;")
				if a == "&&" || a == "||" || a == ";" || a == "|" || strings.HasSuffix(fields[j], ";") && a == "" {
					break
				}
				if strings.HasPrefix(a, "-") {
					if a == "-C" || a == "-f" || a == "-j" || a == "--directory" || a == "--file" {
						j++
					}
					continue
				}
				if strings.Contains(a, "=") || a == "" {
					continue
				}
				out = append(out, a)
				if strings.HasSuffix(fields[j], ";") {
					break
				}
			}
		}
	}
	return out
}

// hasWord reports whether t contains w with a word boundary on each side (letters, digits and
// underscore are word characters; "-" and "/" are boundaries, so "helm/kind-action" contains
// "kind-action").
func hasWord(t, w string) bool {
	for from := 0; ; {
		i := strings.Index(t[from:], w)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(w)
		before := i == 0 || !isWordByte(t[i-1]) || !isWordByte(w[0])
		after := end == len(t) || !isWordByte(t[end]) || !isWordByte(w[len(w)-1])
		if before && after {
			return true
		}
		from = i + 1
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// envClass says whether an environment name is production, non-production, or neither.
type envClass int

const (
	envOther envClass = iota
	envNonProd
	envProd
)

func classifyEnv(name string) envClass {
	n := strings.ToLower(name)
	for _, w := range [...]string{"nonprod", "non-prod", "non_prod", "preprod", "pre-prod", "pre_prod"} {
		if strings.Contains(n, w) {
			return envNonProd
		}
	}
	for _, w := range [...]string{"prod", "production", "prd", "live"} {
		if hasWord(n, w) || strings.HasPrefix(n, "prod") {
			return envProd
		}
	}
	for _, w := range [...]string{"dev", "development", "staging", "stage", "stg", "test", "testing", "qa", "uat",
		"preview", "sandbox", "int", "integration", "demo", "canary", "review", "perf", "load"} {
		if hasWord(n, w) {
			return envNonProd
		}
	}
	return envOther
}

// dropPaths removes tokens that contain a slash.
func dropPaths(t string) string {
	fs := strings.Fields(t)
	out := fs[:0]
	for _, f := range fs {
		if !strings.Contains(f, "/") {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}
