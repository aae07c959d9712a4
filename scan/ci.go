package scan

import (
	"fmt"
	"sort"
	"strings"
)

// ciSystems are the pipeline systems that run on a CI/CD service (as opposed to Makefiles and
// local scripts, which are build tooling).
func isCISystem(s string) bool {
	switch s {
	case "make", "script", "task":
		return false
	}
	return true
}

func systemName(s string) string {
	switch s {
	case "github":
		return "GitHub Actions workflow"
	case "gitlab":
		return "GitLab CI file"
	case "jenkins":
		return "Jenkinsfile"
	case "codebuild":
		return "CodeBuild buildspec"
	case "amplify":
		return "Amplify build spec"
	case "ci-script":
		return "CI entry script"
	case "tekton":
		return "Tekton object"
	}
	return s + " pipeline"
}

// ciPipelines returns the pipelines that run on a CI/CD service.
func (f *Facts) ciPipelines() []*Pipeline {
	var out []*Pipeline
	for _, p := range f.Pipelines {
		if isCISystem(p.System) {
			out = append(out, p)
		}
	}
	return out
}

// makeTarget returns the Makefile job for a target name, preferring the root Makefile.
func (f *Facts) makeTarget(name string) *Job {
	var best *Job
	for _, p := range f.Pipelines {
		if p.System != "make" {
			continue
		}
		for _, j := range p.Jobs {
			if j.ID == name && (best == nil || p.Path == "Makefile") {
				best = j
			}
		}
	}
	return best
}

// stepActs is what a step does, following "make TARGET" into the Makefile one level, so
// ".ci/run → make test → go test ./..." counts as running tests.
func (f *Facts) stepActs(s Step) acts {
	a := s.Acts
	for _, t := range makeTargets(strings.ToLower(s.Text)) {
		if j := f.makeTarget(t); j != nil {
			for _, st := range j.Steps {
				a |= st.Acts
			}
		}
	}
	return a
}

// jobActs is the union of a job's step acts; a job that publishes documentation is not
// deploying the workload.
func (f *Facts) jobActs(j *Job) acts {
	var a acts
	for _, s := range j.Steps {
		a |= f.stepActs(s)
	}
	if a.has(actDocsPublish) {
		a &^= actDeploy
	}
	return a
}

// stepsWith returns evidence for the CI steps doing any of the given acts.
func (f *Facts) stepsWith(want acts, limit int) []Item {
	var out []Item
	for _, p := range f.ciPipelines() {
		for _, j := range p.Jobs {
			for _, s := range j.Steps {
				a := f.stepActs(s)
				if j.acts().has(actDocsPublish) {
					a &^= actDeploy
				}
				if a&want != 0 {
					names := (a & want).names()
					out = append(out, item(p.Path, s.Line, fmt.Sprintf("%s: %s (%s)", jobLabel(j), firstLine(s.Text), strings.Join(names, ", "))))
					if len(out) >= limit {
						return out
					}
				}
			}
		}
	}
	return out
}

func jobLabel(j *Job) string {
	if j.Name != "" && j.Name != j.ID {
		return "job " + j.ID + " (" + j.Name + ")"
	}
	return "job " + j.ID
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			return clip(t, 120)
		}
	}
	return ""
}

// checkPipeline: OPS05-BP04, build and deployment management systems.
func checkPipeline(f *Facts) outcome {
	bySystem := map[string]int{}
	jobs := 0
	var ev []Item
	for _, p := range f.ciPipelines() {
		bySystem[p.System]++
		jobs += len(p.Jobs)
		ev = append(ev, item(p.Path, p.Line, fmt.Sprintf("%s %q: %s", systemName(p.System), firstNonEmpty(p.Name, p.Path), plural(len(p.Jobs), "job", "jobs"))))
	}
	for _, r := range f.Resources {
		switch r.Type {
		case "aws_codepipeline", "AWS::CodePipeline::Pipeline", "aws_codebuild_project", "AWS::CodeBuild::Project":
			bySystem["aws"]++
			ev = append(ev, item(r.Path, r.Line, r.Type+" "+r.Name))
		}
	}
	var tooling []Item
	makefiles := 0
	for _, p := range f.Pipelines {
		if p.System == "make" {
			makefiles++
			tooling = append(tooling, item(p.Path, 1, "Makefile with "+plural(len(p.Jobs), "target", "targets")))
		}
	}
	docker := f.signals(sigDockerfile)
	for i, s := range docker {
		if i < 5 {
			tooling = append(tooling, sigItem(s))
		}
	}
	for _, s := range f.signals(sigReleaseTool) {
		tooling = append(tooling, sigItem(s))
	}
	counts := map[string]int{"pipelines": len(ev), "jobs": jobs, "makefiles": makefiles, "dockerfiles": len(docker)}
	var parts []string
	systems := make([]string, 0, len(bySystem))
	for s := range bySystem {
		systems = append(systems, s)
	}
	sort.Strings(systems)
	for _, s := range systems {
		parts = append(parts, plural(bySystem[s], systemName(s), systemName(s)+"s"))
	}
	if makefiles > 0 {
		parts = append(parts, plural(makefiles, "Makefile", "Makefiles"))
	}
	if len(docker) > 0 {
		parts = append(parts, plural(len(docker), "Dockerfile", "Dockerfiles"))
	}
	summary := strings.Join(parts, "; ")
	if len(ev) > 0 {
		o := judge(append(ev, tooling...), High, summary+fmt.Sprintf(" (%d jobs)", jobs), "")
		o.Counts = counts
		return o
	}
	if len(tooling) > 0 {
		o := partial(Medium, summary+"; build tooling but no CI/CD pipeline definition in the repository", tooling)
		o.Counts = counts
		return o
	}
	return notFound("no CI/CD pipeline, Makefile or Dockerfile found")
}

// checkCITests: OPS05-BP02, tests and validation that run on every change.
func checkCITests(f *Facts) outcome {
	tests := f.signals(sigTestFile)
	var testItems []Item
	for i, s := range tests {
		if i < 10 {
			testItems = append(testItems, sigItem(s, TagTest))
		}
	}
	ran := f.stepsWith(actTest|actE2E, 30)
	validated := f.stepsWith(actValidate, 20)
	counts := map[string]int{"testFiles": len(tests), "ciTestSteps": len(ran), "ciValidationSteps": len(validated)}
	cfg := f.signals(sigCoverageConfig)
	for _, s := range cfg {
		testItems = append(testItems, sigItem(s, TagTest))
	}
	switch {
	case own(ran) > 0:
		conf := High
		summary := fmt.Sprintf("%s run tests in CI; %s in the repository", plural(len(ran), "step", "steps"), plural(len(tests), "test file", "test files"))
		if len(tests) == 0 {
			conf = Medium
			summary = fmt.Sprintf("%s run tests in CI (no test files visible in this tree)", plural(len(ran), "step", "steps"))
		}
		if len(validated) > 0 {
			summary += fmt.Sprintf("; %s validate configuration", plural(len(validated), "step", "steps"))
		}
		o := outcome{Status: Found, Confidence: conf, Summary: summary, Evidence: append(append(ran, validated...), testItems...), Counts: counts}
		return o
	case own(validated) > 0:
		o := outcome{Status: Found, Confidence: Medium, Summary: fmt.Sprintf("%s validate configuration in CI; no test run found; %s", plural(len(validated), "step", "steps"), plural(len(tests), "test file", "test files")), Evidence: append(validated, testItems...), Counts: counts}
		return o
	case len(tests) > 0:
		o := partial(Medium, fmt.Sprintf("%s, but no CI step that runs them was found", plural(len(tests), "test file", "test files")), testItems)
		o.Counts = counts
		return o
	}
	return notFound("no test files and no CI step that runs tests or validates configuration")
}

// checkCIQuality: OPS05-BP07, linters, formatters and static analysis.
func checkCIQuality(f *Facts) outcome {
	steps := f.stepsWith(actLint|actFormat|actSAST, 30)
	var cfg []Item
	for _, s := range f.signals(sigLintConfig, sigPreCommit) {
		cfg = append(cfg, sigItem(s))
	}
	// Lint and format targets in a Makefile are configured quality tooling even when CI
	// does not call them.
	for _, p := range f.Pipelines {
		if p.System != "make" {
			continue
		}
		for _, j := range p.Jobs {
			if f.jobActs(j).has(actLint | actFormat | actSAST) {
				cfg = append(cfg, item(p.Path, j.Line, "make "+j.ID+" lints or checks formatting"))
			}
		}
	}
	counts := map[string]int{"ciSteps": len(steps), "configs": len(cfg)}
	sast := f.stepsWith(actSAST, 10)
	switch {
	case own(steps) > 0:
		s := fmt.Sprintf("%s lint, format-check or analyse code in CI", plural(len(steps), "step", "steps"))
		if len(sast) > 0 {
			s += fmt.Sprintf(" (%d static analysis)", len(sast))
		}
		if len(cfg) > 0 {
			s += "; " + plural(len(cfg), "linter configuration", "linter configurations")
		}
		return outcome{Status: Found, Confidence: High, Summary: s, Evidence: append(steps, cfg...), Counts: counts}
	case own(cfg) > 0:
		return outcome{Status: Found, Confidence: Medium, Summary: plural(len(cfg), "linter or pre-commit configuration", "linter or pre-commit configurations") + "; no CI step that runs them was found", Evidence: cfg, Counts: counts}
	}
	var hints []Item
	for _, s := range f.signals(sigPackageScript) {
		if strings.HasPrefix(s.Text, "lint") || strings.HasPrefix(s.Text, "format") {
			hints = append(hints, sigItem(s))
		}
	}
	for _, d := range f.Deps {
		n := strings.ToLower(d.Name)
		if d.Dev && (n == "eslint" || n == "prettier" || n == "ruff" || n == "flake8" || n == "pylint" || n == "black" || n == "rubocop") {
			hints = append(hints, item(d.Path, d.Line, "linter dependency "+d.Name))
		}
	}
	if len(hints) > 0 {
		return partial(Low, "linters are declared as dependencies or scripts, but no configuration or CI step shows them enforced", hints)
	}
	return notFound("no linter configuration, pre-commit hooks or static analysis in CI")
}

// deployJob is a job that deploys the workload (not a throwaway test environment, not docs).
func (f *Facts) deployJobs() []struct {
	p *Pipeline
	j *Job
	a acts
} {
	var out []struct {
		p *Pipeline
		j *Job
		a acts
	}
	for _, p := range f.ciPipelines() {
		for _, j := range p.Jobs {
			a := f.jobActs(j)
			if a.has(actDeploy) && !a.has(actEphemeral) {
				out = append(out, struct {
					p *Pipeline
					j *Job
					a acts
				}{p, j, a})
			}
		}
	}
	return out
}

func automaticTrigger(p *Pipeline) bool {
	for _, t := range p.Triggers {
		switch t {
		case "push", "tag", "release", "schedule", "merge_group", "workflow_run", "pull_request", "pull_request_target":
			return true
		}
	}
	return false
}

// checkDeployAuto: OPS05-BP10, deployment without manual steps.
func checkDeployAuto(f *Facts) outcome {
	var auto, manual []Item
	for _, d := range f.deployJobs() {
		it := item(d.p.Path, d.j.Line, fmt.Sprintf("%s deploys (%s)", jobLabel(d.j), strings.Join(d.p.Triggers, ", ")))
		if automaticTrigger(d.p) && !d.j.Manual {
			auto = append(auto, it)
		} else {
			manual = append(manual, it)
		}
	}
	for _, o := range f.Objects {
		if m, ok := o.mark("automated"); ok {
			auto = append(auto, item(o.Path, m.Line, "Argo CD "+o.Kind+" "+o.Name+" syncs automatically"))
		}
		if m, ok := o.mark("gitops"); ok && (o.Kind == "Kustomization" || o.Kind == "HelmRelease") {
			auto = append(auto, item(o.Path, m.Line, "Flux "+o.Kind+" "+o.Name+" reconciles automatically"))
		}
	}
	for _, r := range f.Resources {
		if (r.Type == "AWS::Amplify::Branch" || r.Type == "aws_amplify_branch") && isTrue(attrOf(r, "EnableAutoBuild", "enable_auto_build")) {
			_, line, _ := r.attr("EnableAutoBuild")
			auto = append(auto, item(r.Path, line, "Amplify branch builds and deploys on every push"))
		}
		if r.Type == "aws_codepipeline" || r.Type == "AWS::CodePipeline::Pipeline" {
			auto = append(auto, item(r.Path, r.Line, "CodePipeline "+r.Name))
		}
	}
	if own(auto) > 0 {
		s := plural(own(auto), "automated deployment", "automated deployments")
		if len(manual) > 0 {
			s += fmt.Sprintf("; %d more need a person to start them", len(manual))
		}
		return outcome{Status: Found, Confidence: Medium, Summary: s, Evidence: append(auto, manual...), Counts: map[string]int{"automated": len(auto), "manual": len(manual)}}
	}
	built := f.stepsWith(actBuild|actPublish|actDocsPublish|actTest, 10)
	switch {
	case len(manual) > 0:
		return partial(Medium, plural(len(manual), "deployment job starts", "deployment jobs start")+" only by hand", append(manual, auto...))
	case len(auto) > 0:
		return partial(Low, "automated deployment only in examples", auto)
	case len(built) > 0:
		return partial(Low, "CI builds, tests or publishes automatically; no deployment step was found", built)
	}
	return notFound("no automated build or deployment found")
}

func attrOf(r *Resource, keys ...string) string {
	for _, k := range keys {
		if v, _, ok := r.attr(k); ok {
			return v
		}
	}
	return ""
}

func isTrue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "1":
		return true
	}
	return false
}
