package scan

import (
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Pipeline is one CI/CD definition: a workflow file, a GitLab CI file, a Jenkinsfile, a
// buildspec, a Makefile or a CI entry script.
type Pipeline struct {
	Path     string
	Line     int
	System   string // github, gitlab, jenkins, codebuild, amplify, circleci, azure, bitbucket, drone, travis, cloudbuild, buildkite, tekton, make, script
	Name     string
	Triggers []string // push, pull_request, tag, schedule, release, workflow_dispatch, workflow_call, manual, ...
	Jobs     []*Job
}

// Job is a job, stage or Makefile target.
type Job struct {
	ID      string
	Name    string
	Line    int
	Needs   []string
	Env     string // deployment environment name, if any
	EnvLine int
	Uses    string // reusable workflow, template or include it delegates to
	Manual  bool   // runs only when a person starts or approves it
	Steps   []Step
}

// Step is one command or action.
type Step struct {
	Line int
	Text string
	Acts acts
	// OnFailure: the step runs only when an earlier one failed (GitHub Actions `if:
	// failure()` on the step or its job, GitLab `when: on_failure`): a rollback here is
	// automatic.
	OnFailure bool
}

// acts is the union of what the job's steps do.
func (j *Job) acts() acts {
	var a acts
	for _, s := range j.Steps {
		a |= s.Acts
	}
	return a
}

// acts is the union of what the pipeline's jobs do.
func (p *Pipeline) acts() acts {
	var a acts
	for _, j := range p.Jobs {
		a |= j.acts()
	}
	return a
}

// extractGitHubWorkflow reads a GitHub Actions workflow.
func extractGitHubWorkflow(f *Facts, p string, d *doc) {
	root := d.deref(d.root)
	if !d.isMap(root) {
		return
	}
	pl := &Pipeline{Path: p, Line: 1, System: "github", Name: d.gets(root, "name")}
	on := d.get(root, "on")
	if on == nil {
		on = d.get(root, "true") // YAML 1.1 readers turn "on" into true; keep both spellings
	}
	switch {
	case on == nil:
	case on.Kind == yaml.ScalarNode:
		pl.Triggers = append(pl.Triggers, on.Value)
	case on.Kind == yaml.SequenceNode:
		pl.Triggers = append(pl.Triggers, d.strs(on)...)
	case on.Kind == yaml.MappingNode:
		d.pairs(on, func(k string, _, v *yaml.Node) {
			pl.Triggers = append(pl.Triggers, k)
			if k == "push" && len(d.strs(d.get(v, "tags"))) > 0 {
				pl.Triggers = append(pl.Triggers, "tag")
			}
		})
	}
	d.pairs(d.get(root, "jobs"), func(id string, kn, jn *yaml.Node) {
		j := &Job{ID: id, Name: d.gets(jn, "name"), Line: kn.Line, Needs: d.strs(d.get(jn, "needs"))}
		jobOnFailure := onFailure(d.gets(jn, "if"))
		if env := d.get(jn, "environment"); env != nil {
			j.EnvLine = env.Line
			if env.Kind == yaml.ScalarNode {
				j.Env = env.Value
			} else {
				j.Env = d.gets(env, "name")
			}
		}
		if u := d.get(jn, "uses"); u != nil {
			j.Uses = u.Value
			j.Steps = append(j.Steps, Step{Line: u.Line, Text: "uses " + u.Value, Acts: classifyStep(u.Value + " " + id)})
		}
		for _, st := range d.items(d.get(jn, "steps")) {
			var parts []string
			line := st.Line
			if n := d.gets(st, "name"); n != "" {
				parts = append(parts, n)
			}
			if u := d.gets(st, "uses"); u != "" {
				parts = append(parts, "uses "+u)
			}
			if r := d.get(st, "run"); r != nil {
				parts = append(parts, r.Value)
				line = r.Line
			}
			d.pairs(d.get(st, "with"), func(k string, _, v *yaml.Node) {
				if v.Kind == yaml.ScalarNode && (k == "args" || k == "command" || k == "run" || k == "script" || k == "push" || k == "targets") {
					parts = append(parts, k+": "+v.Value)
				}
			})
			text := strings.Join(parts, "\n")
			j.Steps = append(j.Steps, Step{Line: line, Text: text, Acts: classifyStep(text), OnFailure: jobOnFailure || onFailure(d.gets(st, "if"))})
		}
		pl.Jobs = append(pl.Jobs, j)
	})
	f.Pipelines = append(f.Pipelines, pl)
}

// gitlabReserved are top-level GitLab CI keys that are not jobs.
func gitlabReserved(k string) bool {
	switch k {
	case "stages", "variables", "include", "default", "workflow", "image", "services", "before_script",
		"after_script", "cache", "types", "pages:deploy":
		return true
	}
	return strings.HasPrefix(k, ".") // hidden jobs are templates
}

// extractGitLab reads a GitLab CI file.
func extractGitLab(f *Facts, p string, d *doc) {
	root := d.deref(d.root)
	if !d.isMap(root) {
		return
	}
	pl := &Pipeline{Path: p, Line: 1, System: "gitlab", Name: p, Triggers: []string{"push"}}
	for _, inc := range d.items(d.get(root, "include")) {
		for _, k := range [...]string{"project", "remote", "template", "component"} {
			if v := d.get(inc, k); v != nil {
				pl.Jobs = append(pl.Jobs, &Job{ID: "include", Line: v.Line, Uses: v.Value})
			}
		}
	}
	d.pairs(root, func(id string, kn, jn *yaml.Node) {
		if gitlabReserved(id) || !d.isMap(jn) {
			return
		}
		j := &Job{ID: id, Line: kn.Line, Name: d.gets(jn, "stage")}
		for _, n := range d.items(d.get(jn, "needs")) {
			if n.Kind == yaml.ScalarNode {
				j.Needs = append(j.Needs, n.Value)
			} else if v := d.gets(n, "job"); v != "" {
				j.Needs = append(j.Needs, v)
			}
		}
		if env := d.get(jn, "environment"); env != nil {
			j.EnvLine = env.Line
			if env.Kind == yaml.ScalarNode {
				j.Env = env.Value
			} else {
				j.Env = d.gets(env, "name")
			}
		}
		if d.gets(jn, "when") == "manual" {
			j.Manual = true
		}
		for _, r := range d.items(d.get(jn, "rules")) {
			if d.gets(r, "when") == "manual" {
				j.Manual = true
			}
		}
		if t := d.gets(jn, "trigger", "project"); t != "" {
			j.Uses = t
		}
		failed := d.gets(jn, "when") == "on_failure"
		j.Steps = append(j.Steps, Step{Line: kn.Line, Text: id + " " + j.Name, Acts: classifyStep(id + " " + j.Name), OnFailure: failed})
		for _, k := range [...]string{"before_script", "script", "after_script"} {
			for _, s := range d.items(d.get(jn, k)) {
				if s.Kind == yaml.ScalarNode {
					j.Steps = append(j.Steps, Step{Line: s.Line, Text: s.Value, Acts: classifyStep(s.Value), OnFailure: failed})
				}
			}
			if s := d.get(jn, k); s != nil && s.Kind == yaml.ScalarNode {
				j.Steps = append(j.Steps, Step{Line: s.Line, Text: s.Value, Acts: classifyStep(s.Value), OnFailure: failed})
			}
		}
		if j.Manual {
			j.Steps = append(j.Steps, Step{Line: kn.Line, Text: "when: manual", Acts: actApproval})
		}
		pl.Jobs = append(pl.Jobs, j)
	})
	f.Pipelines = append(f.Pipelines, pl)
}

// extractCommandsPipeline reads CI systems whose files are lists of commands under well-known
// keys (CodeBuild buildspec, Amplify, CircleCI, Azure Pipelines, Bitbucket, Drone, Travis,
// Cloud Build, Buildkite): one job per top-level section, one step per command.
func extractCommandsPipeline(f *Facts, p, system string, d *doc) {
	root := d.deref(d.root)
	if !d.isMap(root) {
		return
	}
	pl := &Pipeline{Path: p, Line: 1, System: system, Name: path.Base(p), Triggers: []string{"push"}}
	d.pairs(root, func(section string, kn, v *yaml.Node) {
		j := &Job{ID: section, Line: kn.Line}
		d.walk(v, func(key string, n *yaml.Node) bool {
			if n.Kind != yaml.ScalarNode {
				return true
			}
			switch key {
			case "commands", "script", "run", "command", "cmd", "args", "inline", "bash", "powershell", "pwsh", "label", "task", "name":
				j.Steps = append(j.Steps, Step{Line: n.Line, Text: n.Value, Acts: classifyStep(n.Value)})
			case "environment", "deployment":
				if j.Env == "" {
					j.Env, j.EnvLine = n.Value, n.Line
				}
			}
			return true
		})
		if system == "amplify" && (section == "backend" || section == "frontend") {
			// The Amplify console deploys what these phases build, on every push to a
			// connected branch: a build phase here is a deployment.
			for i := range j.Steps {
				if j.Steps[i].Acts.has(actBuild) || strings.Contains(j.Steps[i].Text, "make ") {
					j.Steps[i].Acts |= actDeploy
				}
			}
		}
		if len(j.Steps) > 0 {
			pl.Jobs = append(pl.Jobs, j)
		}
	})
	f.Pipelines = append(f.Pipelines, pl)
}

// ciSystemForPath names the command-list CI systems recognised by file name.
func ciSystemForPath(p string) string {
	base := strings.ToLower(path.Base(p))
	switch {
	case strings.HasPrefix(base, "buildspec") && (strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")):
		return "codebuild"
	case base == "amplify.yml" || base == "amplify.yaml":
		return "amplify"
	case p == ".circleci/config.yml" || p == ".circleci/config.yaml":
		return "circleci"
	case strings.HasPrefix(base, "azure-pipelines"):
		return "azure"
	case base == "bitbucket-pipelines.yml":
		return "bitbucket"
	case base == ".drone.yml":
		return "drone"
	case base == ".travis.yml":
		return "travis"
	case strings.HasPrefix(base, "cloudbuild") && (strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")):
		return "cloudbuild"
	case strings.HasPrefix(p, ".buildkite/") && (strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")):
		return "buildkite"
	case base == ".woodpecker.yml" || strings.HasPrefix(p, ".woodpecker/"):
		return "woodpecker"
	case base == "taskfile.yml" || base == "taskfile.yaml":
		return "task"
	}
	return ""
}

// extractMakefile reads Makefile targets and their recipe lines as a pipeline of jobs, so that
// "make test" in CI can be followed to what it runs.
func extractMakefile(f *Facts, p string, data []byte) {
	pl := &Pipeline{Path: p, Line: 1, System: "make", Name: p}
	var cur *Job
	for i, line := range strings.Split(string(data), "\n") {
		ln := i + 1
		if strings.HasPrefix(line, "\t") {
			cmd := strings.TrimSpace(line)
			if cur == nil || cmd == "" || strings.HasPrefix(cmd, "#") {
				continue
			}
			if len(cur.Steps) < 200 {
				cur.Steps = append(cur.Steps, Step{Line: ln, Text: strings.Clone(cmd), Acts: classifyStep(cmd)})
			}
			continue
		}
		trim := strings.TrimSpace(line)
		if trim == "" || strings.HasPrefix(trim, "#") {
			continue
		}
		colon := strings.IndexByte(line, ':')
		if colon <= 0 || strings.Contains(line[:colon], "=") || strings.HasPrefix(line[colon:], ":=") || line[0] == ' ' {
			cur = nil
			continue
		}
		for _, name := range strings.Fields(line[:colon]) {
			if name == ".PHONY" || strings.ContainsAny(name, "$%") {
				cur = nil
				continue
			}
			cur = &Job{ID: strings.Clone(name), Line: ln}
			// The target name itself says what it does ("test:", "deploy-prod:").
			cur.Steps = append(cur.Steps, Step{Line: ln, Text: "make " + name, Acts: classifyStep("make " + name)})
			pl.Jobs = append(pl.Jobs, cur)
		}
		if len(pl.Jobs) > 2000 {
			break
		}
	}
	f.Pipelines = append(f.Pipelines, pl)
}

// extractScript reads a CI entry script or a Jenkinsfile as text: each non-comment line is a
// step. Jenkins stages become jobs.
func extractScript(f *Facts, p string, data []byte) {
	system := "script"
	lower := strings.ToLower(path.Base(p))
	switch {
	case strings.HasPrefix(lower, "jenkinsfile"):
		system = "jenkins"
	case strings.HasPrefix(p, ".ci/") || strings.HasPrefix(p, "ci/"):
		system = "ci-script" // a CI entry point such as .ci/run: what the CI service executes
	}
	pl := &Pipeline{Path: p, Line: 1, System: system, Name: p, Triggers: []string{"push"}}
	j := &Job{ID: path.Base(p), Line: 1}
	pl.Jobs = append(pl.Jobs, j)
	inBlock := false
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if inBlock {
			if strings.Contains(t, "*/") {
				inBlock = false
			}
			continue
		}
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") {
			continue
		}
		if strings.HasPrefix(t, "/*") {
			inBlock = !strings.Contains(t, "*/")
			continue
		}
		if system == "jenkins" {
			if name, ok := jenkinsStage(t); ok {
				name = strings.Clone(name)
				j = &Job{ID: name, Line: i + 1}
				if e := classifyEnv(name); e != envOther {
					j.Env, j.EnvLine = name, i+1
				}
				pl.Jobs = append(pl.Jobs, j)
			}
			if strings.HasPrefix(t, "input ") || strings.HasPrefix(t, "input(") {
				j.Manual = true
				j.Steps = append(j.Steps, Step{Line: i + 1, Text: t, Acts: actApproval})
				continue
			}
		}
		if len(j.Steps) < 500 {
			j.Steps = append(j.Steps, Step{Line: i + 1, Text: strings.Clone(t), Acts: classifyStep(t)})
		}
	}
	f.Pipelines = append(f.Pipelines, pl)
}

func jenkinsStage(t string) (string, bool) {
	if !strings.HasPrefix(t, "stage(") && !strings.HasPrefix(t, "stage (") {
		return "", false
	}
	i := strings.IndexAny(t, "'\"")
	if i < 0 {
		return "", false
	}
	q := t[i]
	j := strings.IndexByte(t[i+1:], q)
	if j < 0 {
		return "", false
	}
	return t[i+1 : i+1+j], true
}

// jobGraph returns, for each job ID of a pipeline, the IDs of every job it transitively needs.
func (p *Pipeline) jobGraph() map[string][]string {
	direct := map[string][]string{}
	for _, j := range p.Jobs {
		direct[j.ID] = j.Needs
	}
	out := map[string][]string{}
	for _, j := range p.Jobs {
		seen := map[string]bool{}
		stack := append([]string{}, j.Needs...)
		for len(stack) > 0 && len(seen) < 1000 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[n] {
				continue
			}
			seen[n] = true
			stack = append(stack, direct[n]...)
		}
		for n := range seen {
			out[j.ID] = append(out[j.ID], n)
		}
		sort.Strings(out[j.ID])
	}
	return out
}

// onFailure reports whether a GitHub Actions condition runs its step only after a failure:
// failure() in it, not negated (`!failure()` means the opposite).
func onFailure(cond string) bool {
	c := strings.ReplaceAll(cond, " ", "")
	return strings.Contains(c, "failure()") && !strings.Contains(c, "!failure()")
}
