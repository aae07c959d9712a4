package scan

import (
	"path"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// SignalKinds of repository-level configuration and paths.
const (
	sigTestFile          SignalKind = "test-file"
	sigCoverageConfig    SignalKind = "coverage-config"
	sigLintConfig        SignalKind = "lint-config"
	sigPreCommit         SignalKind = "pre-commit"
	sigDockerfile        SignalKind = "dockerfile"
	sigReleaseTool       SignalKind = "release-tool"
	sigHelmChart         SignalKind = "helm-chart"
	sigHelmMaintainers   SignalKind = "helm-maintainers"
	sigKustomize         SignalKind = "kustomize"
	sigCompose           SignalKind = "compose"
	sigComposeService    SignalKind = "compose-service"
	sigAnsible           SignalKind = "ansible"
	sigPulumi            SignalKind = "pulumi"
	sigServerless        SignalKind = "serverless-framework"
	sigJsonnet           SignalKind = "jsonnet"
	sigEnvConfig         SignalKind = "env-config"
	sigDocsSite          SignalKind = "docs-site"
	sigLinkCheck         SignalKind = "link-check-config"
	sigBranchProtection  SignalKind = "branch-protection"
	sigIssueTemplate     SignalKind = "issue-template"
	sigPRTemplate        SignalKind = "pr-template"
	sigContributing      SignalKind = "contributing"
	sigSecurityPolicy    SignalKind = "security-policy"
	sigSupportDoc        SignalKind = "support-doc"
	sigGovernanceDoc     SignalKind = "governance-doc"
	sigThreatModel       SignalKind = "threat-model"
	sigPolicyAsCode      SignalKind = "policy-as-code"
	sigTagPolicy         SignalKind = "tag-policy"
	sigWaiverFile        SignalKind = "waiver-file"
	sigAPIContract       SignalKind = "api-contract"
	sigCatalogOwner      SignalKind = "catalog-owner"
	sigCatalogEntity     SignalKind = "catalog-entity"
	sigOwnershipRegistry SignalKind = "ownership-registry"
	sigDownMigration     SignalKind = "down-migration"
	sigMigration         SignalKind = "migration"
	sigPackageScript     SignalKind = "package-script"
	sigToolConfig        SignalKind = "tool-config"
	sigBuildPlugin       SignalKind = "build-plugin"
	sigGitignore         SignalKind = "gitignore"
	sigSAMConfigEnv      SignalKind = "sam-config-env"
	sigLoadTest          SignalKind = "load-test"
)

// extractRepoConfigYAML recognises repository configuration files by name.
func extractRepoConfigYAML(f *Facts, p, base string, d *doc) {
	root := d.deref(d.root)
	switch {
	case base == ".pre-commit-config.yaml" || base == ".pre-commit-config.yml":
		n := 0
		for _, r := range d.items(d.get(root, "repos")) {
			n += len(d.items(d.get(r, "hooks")))
		}
		f.signal(sigPreCommit, p, 1, strconv.Itoa(n)+" pre-commit hooks")
	case base == "chart.yaml":
		f.signal(sigHelmChart, p, 1, "Helm chart "+d.gets(root, "name"))
		if m := d.get(root, "maintainers"); m != nil && len(d.items(m)) > 0 {
			var names []string
			for _, x := range d.items(m) {
				names = append(names, d.gets(x, "name"))
			}
			f.signal(sigHelmMaintainers, p, m.Line, "maintainers: "+strings.Join(names, ", "))
		}
	case base == "kustomization.yaml" || base == "kustomization.yml":
		f.signal(sigKustomize, p, 1, "Kustomization")
	case base == "mkdocs.yml" || base == "mkdocs.yaml" || base == "antora.yml" || p == "config/tech-docs.yml" || base == "tech-docs.yml" || base == "book.toml":
		f.signal(sigDocsSite, p, 1, "documentation site: "+base)
	case p == ".github/settings.yml":
		if b := d.get(root, "branches"); b != nil {
			f.signal(sigBranchProtection, p, b.Line, "branch protection as code")
		}
	case p == ".github/component_owners.yml" || p == ".github/component_owners.yaml":
		n := 0
		d.pairs(d.get(root, "components"), func(string, *yaml.Node, *yaml.Node) { n++ })
		f.signal(sigOwnershipRegistry, p, 1, strconv.Itoa(n)+" components mapped to owners")
	case base == ".upptimerc.yml" || base == ".upptimerc.yaml":
		f.signal(sigStatusPage, p, 1, "Upptime status page")
	case base == "pulumi.yaml" || base == "pulumi.yml":
		f.signal(sigPulumi, p, 1, "Pulumi project")
	case strings.HasPrefix(base, "pulumi.") && base != "pulumi.yaml":
		f.signal(sigEnvConfig, p, 1, "Pulumi stack "+strings.TrimSuffix(strings.TrimPrefix(base, "pulumi."), path.Ext(base)))
	case base == "serverless.yml" || base == "serverless.yaml":
		f.signal(sigServerless, p, 1, "Serverless Framework service")
	case base == ".trivyignore.yaml" || base == ".trivyignore.yml":
		f.signal(sigWaiverFile, p, 1, "Trivy ignore file with statements")
	case base == "codecov.yml" || base == ".codecov.yml":
		f.signal(sigCoverageConfig, p, 1, "Codecov configuration")
	case base == "samconfig.yaml" || base == "samconfig.yml":
		d.pairs(root, func(k string, kn, _ *yaml.Node) {
			if k != "version" {
				f.signal(sigSAMConfigEnv, p, kn.Line, "SAM config environment "+k)
			}
		})
	}
	switch {
	case root != nil && root.Kind == yaml.SequenceNode:
		for _, play := range d.items(root) {
			if d.get(play, "hosts") != nil && (d.get(play, "tasks") != nil || d.get(play, "roles") != nil) {
				f.signal(sigAnsible, p, play.Line, "Ansible playbook")
				break
			}
		}
	case d.get(root, "openapi") != nil || d.get(root, "swagger") != nil || d.get(root, "asyncapi") != nil:
		f.signal(sigAPIContract, p, 1, "API contract ("+base+")")
	case d.get(root, "endpoints") != nil && strings.Contains(base, "gatus"):
		f.signal(sigSynthetic, p, 1, "Gatus endpoint checks")
		f.signal(sigStatusPage, p, 1, "Gatus status page")
	}
}

// extractComposeLike reads Docker Compose files: the services they run say which backends
// (trace stores, log stores, metrics) the workload is set up with.
func extractComposeLike(f *Facts, p, base string, d *doc, root *yaml.Node) {
	if !(strings.HasPrefix(base, "compose") || strings.HasPrefix(base, "docker-compose")) {
		return
	}
	svcs := d.get(root, "services")
	if svcs == nil {
		return
	}
	n := 0
	d.pairs(svcs, func(name string, kn, v *yaml.Node) {
		n++
		img := d.gets(v, "image")
		f.signal(sigComposeService, p, kn.Line, name+" "+img)
	})
	f.signal(sigCompose, p, svcs.Line, strconv.Itoa(n)+" compose services")
}

// extractText reads small text configurations line by line.
func extractText(f *Facts, p string, data []byte) {
	base := strings.ToLower(path.Base(p))
	lines := strings.Split(string(data), "\n")
	switch {
	case base == "samconfig.toml":
		for i, l := range lines {
			t := strings.TrimSpace(l)
			if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") && !strings.HasPrefix(t, "[[") {
				env := strings.SplitN(strings.Trim(t, "[]"), ".", 2)[0]
				f.signal(sigSAMConfigEnv, p, i+1, "SAM config environment "+env)
			}
		}
	case strings.HasSuffix(base, ".rego"):
		f.signal(sigPolicyAsCode, p, 1, "Rego policy")
		for i, l := range lines {
			t := strings.ToLower(l)
			if strings.Contains(t, "tags") && (strings.Contains(t, "owner") || strings.Contains(t, "team")) {
				f.signal(sigTagPolicy, p, i+1, "Rego policy on owner/team tags")
				break
			}
		}
	case base == ".trivyignore":
		f.signal(sigWaiverFile, p, 1, "Trivy ignore file")
	case base == "lychee.toml" || base == ".lychee.toml":
		f.signal(sigLinkCheck, p, 1, "lychee link checker configuration")
	case base == "sonar-project.properties":
		f.signal(sigLintConfig, p, 1, "SonarQube project configuration")
	}
}
