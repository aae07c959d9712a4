package scan

import (
	"bytes"
	"path"
	"strings"

	"gopkg.in/yaml.v3"
)

// extract parses one file and appends its facts. Malformed input becomes a warning with the
// line; whatever was read before the error is kept.
func extract(f *Facts, p string, kind fileKind, data []byte, v *vocab) {
	from := len(f.Resources)
	defer func() {
		for _, r := range f.Resources[from:] {
			r.index()
		}
	}()
	switch kind {
	case kindYAML, kindWorkflow, kindGitLab:
		extractYAMLFile(f, p, kind, data)
	case kindTemplateYAML:
		extractTemplateYAML(f, p, data)
	case kindJSON:
		extractJSONFile(f, p, data)
	case kindTerraform:
		extractTerraform(f, p, data)
	case kindMarkdown:
		extractDoc(f, p, data, v)
	case kindMakefile:
		extractMakefile(f, p, data)
	case kindScript:
		extractScript(f, p, data)
	case kindCodeowners:
		extractCodeowners(f, p, data)
	case kindGoMod, kindPackageJSON, kindRequirements, kindPyproject, kindPom, kindGradle, kindTextManifest:
		extractDeps(f, p, kind, data)
	case kindText:
		extractText(f, p, data)
	case kindWaivers:
		// read by loadWaivers
	}
}

// blankCRDs replaces CustomResourceDefinition documents with empty lines. CRDs are schema, not
// configuration: their text mentions tracing, probes and alerts without meaning any of them
// (a corpus trap), and they are the largest YAML in most clusters' repositories. Keeping the
// newlines keeps every later line number right.
func blankCRDs(data []byte) []byte {
	if !bytes.Contains(data, []byte("\nkind: CustomResourceDefinition")) && !bytes.HasPrefix(data, []byte("kind: CustomResourceDefinition")) {
		return data
	}
	out := make([]byte, 0, len(data))
	start := 0
	flush := func(end int) {
		chunk := data[start:end]
		if bytes.HasPrefix(chunk, []byte("kind: CustomResourceDefinition")) || bytes.Contains(chunk, []byte("\nkind: CustomResourceDefinition")) {
			out = append(out, bytes.Repeat([]byte("\n"), bytes.Count(chunk, []byte("\n")))...)
		} else {
			out = append(out, chunk...)
		}
		start = end
	}
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		next := i + j + 1
		if bytes.HasPrefix(data[next:], []byte("---")) {
			flush(next)
		}
		i = next
	}
	flush(len(data))
	return out
}

// crdHeadSize is how much of a file named for CRDs is read to see that it holds them.
const crdHeadSize = 4 << 10

// crdNamed and firstDocIsCRD tell, from a file's name and first bytes, that it holds
// CustomResourceDefinitions only: its name says so (kube-prometheus'
// "0prometheusCustomResourceDefinition.yaml", "*-crd.yaml", Helm's crds/ directory) and its
// first document is one. Such files are most of the bytes of many clusters' repositories and
// schema to the last line, so the rest of such a file is never read. A file named for CRDs
// that begins with something else is read whole.
func crdNamed(p string) bool {
	lower := strings.ToLower(p)
	base := path.Base(lower)
	if strings.Contains(base, "customresourcedefinition") || strings.HasPrefix(lower, "crds/") || strings.Contains(lower, "/crds/") {
		return true
	}
	for _, w := range [...]string{"crd.", "crds.", "crd-", "crd_", "-crd", "_crd"} {
		if strings.Contains(base, w) {
			return true
		}
	}
	return false
}

func firstDocIsCRD(head []byte) bool {
	first := head
	if i := bytes.Index(first, []byte("\n---")); i >= 0 {
		first = first[:i]
	}
	isCRD := bytes.HasPrefix(first, []byte("kind: CustomResourceDefinition")) || bytes.Contains(first, []byte("\nkind: CustomResourceDefinition"))
	return isCRD && bytes.Contains(first, []byte("apiextensions.k8s.io/"))
}

func extractYAMLFile(f *Facts, p string, kind fileKind, data []byte) {
	data = blankCRDs(data)
	docs, err := parseYAMLDocs(data)
	if err != nil {
		f.Warnings = append(f.Warnings, Warning{Path: p, Line: yamlErrLine(err), Message: "malformed YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")})
	}
	for _, d := range docs {
		extractYAMLDoc(f, p, kind, d)
	}
}

// extractYAMLDoc recognises one document by path first, then by shape.
func extractYAMLDoc(f *Facts, p string, kind fileKind, d *doc) {
	root := d.deref(d.root)
	if root == nil {
		return
	}
	base := strings.ToLower(path.Base(p))
	switch {
	case kind == kindWorkflow:
		extractGitHubWorkflow(f, p, d)
		return
	case kind == kindGitLab:
		extractGitLab(f, p, d)
		return
	case p == ".github/dependabot.yml" || p == ".github/dependabot.yaml":
		extractDependabot(f, p, d)
		return
	case ciSystemForPath(p) != "":
		extractCommandsPipeline(f, p, ciSystemForPath(p), d)
		return
	}
	extractRepoConfigYAML(f, p, base, d)
	if !d.isMap(root) {
		return
	}

	apiVersion, k8sKind := d.gets(root, "apiVersion"), d.gets(root, "kind")
	switch {
	case apiVersion != "" && k8sKind != "":
		extractK8sObject(f, p, d, root)
	case d.get(root, "AWSTemplateFormatVersion") != nil || isCFNResources(d, d.get(root, "Resources")):
		extractCloudFormation(f, p, d)
	case d.get(root, "groups") != nil:
		extractRuleGroups(f, p, d, d.get(root, "groups"))
	case d.get(root, "route") != nil && d.get(root, "receivers") != nil:
		extractAlertmanager(f, p, d, root)
	case d.get(root, "exporters") != nil && (d.get(root, "receivers") != nil || d.path(root, "service", "pipelines") != nil):
		extractCollector(f, p, d, root)
	case d.gets(root, "version") == "prometheus/v1" && d.get(root, "slos") != nil:
		extractSloth(f, p, d, root)
	}
	extractGrafanaProvisioning(f, p, d, root)
	extractPrometheusConfig(f, p, d, root)
	extractComposeLike(f, p, base, d, root)
}

// extractTemplateYAML reads Helm templates: YAML when it parses once template actions are
// neutralised, otherwise line by line (rule R6: templated files count).
func extractTemplateYAML(f *Facts, p string, data []byte) {
	if !bytes.Contains(data, []byte("{{")) {
		extractYAMLFile(f, p, kindYAML, data)
		return
	}
	clean := neutraliseTemplates(data)
	docs, err := parseYAMLDocs(clean)
	if err == nil {
		for _, d := range docs {
			if root := d.deref(d.root); root != nil && d.isMap(root) && d.gets(root, "kind") != "" {
				extractK8sObject(f, p, d, root)
			}
		}
		return
	}
	extractTemplateText(f, p, data)
}

// neutraliseTemplates drops lines that are only template actions and replaces inline actions
// with a placeholder, keeping line numbers.
func neutraliseTemplates(data []byte) []byte {
	lines := bytes.Split(data, []byte("\n"))
	for i, l := range lines {
		t := bytes.TrimSpace(l)
		if bytes.HasPrefix(t, []byte("{{")) && bytes.HasSuffix(t, []byte("}}")) {
			lines[i] = nil
			continue
		}
		for {
			a := bytes.Index(l, []byte("{{"))
			if a < 0 {
				break
			}
			b := bytes.Index(l[a:], []byte("}}"))
			if b < 0 {
				l = l[:a]
				break
			}
			l = append(append(append([]byte{}, l[:a]...), []byte("TEMPLATE")...), l[a+b+2:]...)
		}
		lines[i] = l
	}
	return bytes.Join(lines, []byte("\n"))
}

// extractJSONFile parses JSON only when a cheap byte test says a check could use it: most JSON
// in a repository is data.
func extractJSONFile(f *Facts, p string, data []byte) {
	base := strings.ToLower(path.Base(p))
	switch base {
	case "package-lock.json", "composer.lock", "yarn.lock", "tsconfig.json", "jsconfig.json", ".eslintrc.json",
		"angular.json", "manifest.json", "npm-shrinkwrap.json", "jsonnetfile.lock.json":
		return
	}
	interesting := false
	for _, m := range [...]string{`"panels"`, `"AWSTemplateFormatVersion"`, `"Resources"`, `"flags"`, `"extends"`,
		`"packageRules"`, `"openapi"`, `"swagger"`, `"apiVersion"`, `"dashboard"`, `"app"`, `"$schema"`, `"widgets"`} {
		if bytes.Contains(data, []byte(m)) {
			interesting = true
			break
		}
	}
	if !interesting {
		return
	}
	if bytes.Contains(data, []byte(`"panels"`)) && !bytes.Contains(data, []byte(`"AWSTemplateFormatVersion"`)) && fastDashboard(f, p, data, 1) {
		return
	}
	d, err := parseJSON(data)
	if err != nil {
		line, msg := 0, err.Error()
		if je, ok := err.(*jsonError); ok {
			line, msg = je.Line, je.Msg
		}
		f.Warnings = append(f.Warnings, Warning{Path: p, Line: line, Message: "malformed JSON: " + msg})
		return
	}
	root := d.deref(d.root)
	if !d.isMap(root) {
		return
	}
	switch {
	case base == "renovate.json" || base == "renovate.json5" || base == ".renovaterc" || base == ".renovaterc.json" ||
		strings.Contains(d.gets(root, "$schema"), "renovate"):
		extractRenovate(f, p, d, root)
	case d.get(root, "AWSTemplateFormatVersion") != nil || isCFNResources(d, d.get(root, "Resources")):
		extractCloudFormation(f, p, d)
	case isGrafanaDashboard(d, root):
		extractGrafanaDashboard(f, p, d, root, 0)
	case d.gets(root, "apiVersion") != "" && d.gets(root, "kind") != "":
		extractK8sObject(f, p, d, root)
	case base == "cdk.json" && d.get(root, "app") != nil:
		f.signal(sigCDK, p, d.get(root, "app").Line, "CDK app: "+d.gets(root, "app"))
	case d.get(root, "flags") != nil && (strings.Contains(d.gets(root, "$schema"), "flagd") || d.isMap(d.get(root, "flags"))):
		extractFlagd(f, p, d, root)
	case d.get(root, "openapi") != nil || d.get(root, "swagger") != nil:
		f.signal(sigAPIContract, p, 1, "API contract")
	case d.get(root, "widgets") != nil && strings.Contains(base, "dashboard"):
		f.Dashboards = append(f.Dashboards, &Dashboard{Path: p, Line: 1, System: "cloudwatch", Title: base, Panels: len(d.items(d.get(root, "widgets")))})
	}
}

// offsetLines shifts every line in a tree parsed from a string embedded in another file. It
// follows Content only (never aliases), so each node is shifted once.
func offsetLines(n *yaml.Node, by, depth int) {
	if n == nil || depth > maxDepth*4 {
		return
	}
	n.Line += by
	for _, c := range n.Content {
		offsetLines(c, by, depth+1)
	}
}

// extractTemplateText reads a Helm template that is not YAML even with its actions removed:
// the kind and the rollout-related keys are found line by line.
func extractTemplateText(f *Facts, p string, data []byte) {
	var o *K8sObject
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(l, "kind:") {
			if o != nil {
				f.Objects = append(f.Objects, o)
			}
			o = &K8sObject{Path: p, Line: i + 1, Kind: strings.TrimSpace(strings.TrimPrefix(l, "kind:"))}
			continue
		}
		if o == nil {
			continue
		}
		for _, k := range [...]string{"readinessProbe", "livenessProbe", "startupProbe", "strategy", "maxUnavailable", "maxSurge", "canary", "blueGreen", "analysis", "automated"} {
			if strings.HasPrefix(t, k+":") {
				o.add(k, strings.TrimSpace(strings.TrimPrefix(t, k+":")), i+1)
			}
		}
		if strings.HasPrefix(l, "apiVersion:") {
			o.APIVersion = strings.TrimSpace(strings.TrimPrefix(l, "apiVersion:"))
		}
	}
	if o != nil {
		f.Objects = append(f.Objects, o)
	}
}
