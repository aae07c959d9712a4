package scan

import (
	"path"
	"strings"

	"gopkg.in/yaml.v3"
)

// Dependency is one entry of a dependency manifest.
type Dependency struct {
	Path      string
	Line      int
	Ecosystem string // go, npm, pypi, maven, gradle, rubygems, cargo, composer, nuget, hex
	Name      string
	Direct    bool // declared by the project, not pulled in by another dependency
	Dev       bool // development-only (devDependencies, test scopes)
	SDK       sdkKind
}

// Updater is a Dependabot or Renovate configuration.
type Updater struct {
	Path    string
	System  string // dependabot, renovate
	Entries []Mark // ecosystems (Dependabot) or managers/presets (Renovate), with lines
}

// extractDeps reads dependency manifests line by line. None of these formats needs a full
// parser for names: a name is enough to recognise a telemetry or feature-flag SDK.
func extractDeps(f *Facts, p string, kind fileKind, data []byte) {
	add := func(eco, name string, line int, direct, dev bool) {
		name = strings.Clone(strings.TrimSpace(name))
		if name == "" || len(name) > 200 {
			return
		}
		f.Deps = append(f.Deps, &Dependency{Path: p, Line: line, Ecosystem: eco, Name: name, Direct: direct, Dev: dev, SDK: classifySDK(eco, name)})
	}
	lines := strings.Split(string(data), "\n")
	switch kind {
	case kindGoMod:
		inReq := false
		for i, l := range lines {
			t := strings.TrimSpace(l)
			switch {
			case strings.HasPrefix(t, "require ("):
				inReq = true
				continue
			case inReq && t == ")":
				inReq = false
				continue
			case strings.HasPrefix(t, "require "):
				t = strings.TrimPrefix(t, "require ")
			case !inReq:
				continue
			}
			if strings.HasPrefix(t, "//") {
				continue
			}
			fs := strings.Fields(t)
			if len(fs) >= 2 {
				add("go", fs[0], i+1, !strings.Contains(t, "// indirect"), false)
			}
		}
	case kindPackageJSON:
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
		for _, sec := range [...]string{"dependencies", "devDependencies", "peerDependencies", "optionalDependencies"} {
			d.pairs(d.get(root, sec), func(k string, kn, _ *yaml.Node) {
				add("npm", k, kn.Line, true, sec == "devDependencies")
			})
		}
		d.pairs(d.get(root, "scripts"), func(k string, kn, v *yaml.Node) {
			f.signal(sigPackageScript, p, kn.Line, k+": "+v.Value)
		})
	case kindRequirements:
		for i, l := range lines {
			t := strings.TrimSpace(l)
			if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "-") {
				continue
			}
			add("pypi", pyName(t), i+1, true, false)
		}
	case kindPyproject:
		section := ""
		for i, l := range lines {
			t := strings.TrimSpace(l)
			if strings.HasPrefix(t, "[") {
				section = strings.Trim(t, "[] ")
				if strings.HasPrefix(section, "tool.") {
					f.signal(sigToolConfig, p, i+1, section)
				}
				continue
			}
			if t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			dev := strings.Contains(section, "dev") || strings.Contains(section, "test")
			switch {
			case strings.Contains(section, "dependencies") && strings.Contains(t, "="):
				add("pypi", strings.Trim(strings.SplitN(t, "=", 2)[0], ` "'`), i+1, true, dev)
			case strings.HasPrefix(t, `"`) || strings.HasPrefix(t, `'`):
				add("pypi", pyName(strings.Trim(t, `"',`)), i+1, true, dev)
			}
		}
	case kindPom:
		inDep := false
		for i, l := range lines {
			t := strings.TrimSpace(l)
			switch {
			case strings.HasPrefix(t, "<dependency>"):
				inDep = true
			case strings.HasPrefix(t, "</dependency>"):
				inDep = false
			case inDep && strings.HasPrefix(t, "<artifactId>"):
				add("maven", strings.TrimSuffix(strings.TrimPrefix(t, "<artifactId>"), "</artifactId>"), i+1, true, false)
			case strings.HasPrefix(t, "<artifactId>") && strings.Contains(t, "plugin"):
				f.signal(sigBuildPlugin, p, i+1, strings.TrimSuffix(strings.TrimPrefix(t, "<artifactId>"), "</artifactId>"))
			}
		}
	case kindGradle:
		for i, l := range lines {
			t := strings.TrimSpace(l)
			for _, conf := range [...]string{"implementation", "api", "compile", "runtimeOnly", "testImplementation", "agent"} {
				if strings.HasPrefix(t, conf+" ") || strings.HasPrefix(t, conf+"(") {
					q := strings.IndexAny(t, `"'`)
					if q < 0 {
						continue
					}
					rest := strings.Trim(t[q:], `"'() `)
					parts := strings.Split(rest, ":")
					name := rest
					if len(parts) >= 2 {
						name = parts[0] + ":" + parts[1]
					}
					add("gradle", name, i+1, true, strings.HasPrefix(conf, "test"))
				}
			}
			if strings.HasPrefix(t, "id") && strings.Contains(t, "(") {
				f.signal(sigBuildPlugin, p, i+1, t)
			}
		}
	case kindTextManifest:
		extractTextManifest(f, p, lines, add)
	}
}

func extractTextManifest(f *Facts, p string, lines []string, add func(eco, name string, line int, direct, dev bool)) {
	base := strings.ToLower(path.Base(p))
	section := ""
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case base == "gemfile" && strings.HasPrefix(t, "gem "):
			add("rubygems", strings.Trim(strings.Fields(strings.TrimPrefix(t, "gem "))[0], `"',`), i+1, true, false)
		case base == "cargo.toml":
			if strings.HasPrefix(t, "[") {
				section = strings.Trim(t, "[] ")
				continue
			}
			if strings.Contains(section, "dependencies") && strings.Contains(t, "=") && !strings.HasPrefix(t, "#") {
				add("cargo", strings.TrimSpace(strings.SplitN(t, "=", 2)[0]), i+1, true, strings.Contains(section, "dev"))
			}
		case base == "composer.json":
			if k, ok := jsonKeyLine(t); ok && strings.Contains(k, "/") {
				add("composer", k, i+1, true, false)
			}
		case strings.HasSuffix(base, ".csproj"):
			if j := strings.Index(t, `PackageReference Include="`); j >= 0 {
				rest := t[j+len(`PackageReference Include="`):]
				if k := strings.IndexByte(rest, '"'); k > 0 {
					add("nuget", rest[:k], i+1, true, false)
				}
			}
		case base == "mix.exs":
			if strings.HasPrefix(t, "{:") {
				name := strings.TrimPrefix(t, "{:")
				if k := strings.IndexAny(name, ", "); k > 0 {
					add("hex", name[:k], i+1, true, false)
				}
			}
		}
	}
}

// jsonKeyLine returns the key of a `"key": value` line.
func jsonKeyLine(t string) (string, bool) {
	if !strings.HasPrefix(t, `"`) {
		return "", false
	}
	j := strings.Index(t[1:], `"`)
	if j < 0 || !strings.Contains(t[j+1:], ":") {
		return "", false
	}
	return t[1 : j+1], true
}

// pyName strips version specifiers and extras from a requirement.
func pyName(t string) string {
	if i := strings.IndexAny(t, "=<>!~[;@ "); i >= 0 {
		t = t[:i]
	}
	return strings.ToLower(strings.TrimSpace(t))
}

func extractDependabot(f *Facts, p string, d *doc) {
	root := d.deref(d.root)
	u := &Updater{Path: p, System: "dependabot"}
	for _, e := range d.items(d.get(root, "updates")) {
		eco := d.get(e, "package-ecosystem")
		if eco == nil {
			continue
		}
		u.Entries = append(u.Entries, Mark{Key: eco.Value, Value: d.gets(e, "schedule", "interval") + " " + d.gets(e, "directory"), Line: eco.Line})
	}
	// An empty updates list, or a file whose entries are all commented out (rule R4), is not a
	// configuration: it is recorded with no entries so the check can say so.
	f.Updaters = append(f.Updaters, u)
}

func extractRenovate(f *Facts, p string, d *doc, root *yaml.Node) {
	u := &Updater{Path: p, System: "renovate"}
	if e := d.get(root, "enabled"); e != nil && e.Value == "false" {
		f.Updaters = append(f.Updaters, u)
		return
	}
	for _, x := range d.items(d.get(root, "extends")) {
		u.Entries = append(u.Entries, Mark{Key: "extends", Value: x.Value, Line: x.Line})
	}
	d.pairs(root, func(k string, kn, _ *yaml.Node) {
		switch k {
		case "packageRules", "enabledManagers", "schedule", "terraform", "helm-values", "dockerfile", "regexManagers", "customManagers", "lockFileMaintenance":
			u.Entries = append(u.Entries, Mark{Key: k, Line: kn.Line})
		}
	})
	if len(u.Entries) == 0 {
		u.Entries = append(u.Entries, Mark{Key: "defaults", Line: 1})
	}
	f.Updaters = append(f.Updaters, u)
}
