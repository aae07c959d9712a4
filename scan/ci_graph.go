package scan

import (
	"fmt"
	"strings"
)

// checkDeployTest: OPS06-BP02, deployments are tested before production. The strongest
// evidence is a pipeline graph: a job deploying to a non-production environment, a job that
// needs it and runs tests, and a production deployment that needs the tests. A job that
// brings up a throwaway environment (kind, compose, localstack) and tests it is good evidence
// too; progressive-delivery analysis tests a deployment as it rolls out.
func checkDeployTest(f *Facts) outcome {
	var graphs, ephemeral, untested []Item
	for _, p := range f.ciPipelines() {
		needs := p.jobGraph()
		byID := map[string]*Job{}
		for _, j := range p.Jobs {
			byID[j.ID] = j
		}
		for _, prod := range p.Jobs {
			pa := f.jobActs(prod)
			if !pa.has(actDeploy) || classifyEnv(envOrName(prod)) != envProd {
				continue
			}
			for _, tid := range needs[prod.ID] {
				t := byID[tid]
				if t == nil || !f.jobActs(t).has(actTest|actSmoke|actE2E|actLoadTest) {
					continue
				}
				// the test job itself, or one it needs, deploys to non-production
				candidates := append([]string{tid}, needs[tid]...)
				for _, sid := range candidates {
					s := byID[sid]
					if s == nil || !f.jobActs(s).has(actDeploy) || classifyEnv(envOrName(s)) != envNonProd {
						continue
					}
					graphs = append(graphs, item(p.Path, prod.Line, fmt.Sprintf("pipeline: %s (%s) → %s (tests) → %s (%s)", s.ID, envOrName(s), t.ID, prod.ID, envOrName(prod))))
					break
				}
			}
		}
		for _, j := range p.Jobs {
			a := f.jobActs(j)
			switch {
			case a.has(actEphemeral) && a.has(actTest|actE2E|actSmoke):
				ephemeral = append(ephemeral, item(p.Path, j.Line, fmt.Sprintf("%s brings up a test environment and tests it (%s)", jobLabel(j), strings.Join((a&(actEphemeral|actDeploy|actTest|actE2E|actSmoke)).names(), ", "))))
			case a.has(actDeploy) && classifyEnv(envOrName(j)) == envNonProd && a.has(actSmoke|actE2E):
				ephemeral = append(ephemeral, item(p.Path, j.Line, fmt.Sprintf("%s deploys to %s and checks it", jobLabel(j), envOrName(j))))
			case a.has(actDeploy) && classifyEnv(envOrName(j)) == envNonProd:
				untested = append(untested, item(p.Path, j.Line, fmt.Sprintf("%s deploys to %s; no test after it was found", jobLabel(j), envOrName(j))))
			case a.has(actLoadTest):
				ephemeral = append(ephemeral, item(p.Path, j.Line, jobLabel(j)+" runs a load test"))
			}
		}
	}
	var progressive []Item
	for _, o := range f.Objects {
		if m, ok := o.mark("analysis"); ok {
			progressive = append(progressive, item(o.Path, m.Line, o.Kind+" "+o.Name+" analyses the rollout ("+m.Value+")"))
		}
	}
	counts := map[string]int{"pipelineGraphs": len(graphs), "testedEnvironments": len(ephemeral), "progressiveAnalysis": len(progressive), "untestedDeploys": len(untested)}
	switch {
	case own(graphs) > 0:
		return outcome{Status: Found, Confidence: High, Summary: plural(len(graphs), "pipeline deploys", "pipelines deploy") + " to non-production, tests, then deploys to production", Evidence: append(append(graphs, ephemeral...), progressive...), Counts: counts}
	case own(ephemeral)+own(progressive) > 0:
		return outcome{Status: Found, Confidence: Medium, Summary: summarise(counted{len(ephemeral), "CI job tests a deployed environment", "CI jobs test a deployed environment"}, counted{len(progressive), "rollout is analysed as it progresses", "rollouts are analysed as they progress"}), Evidence: append(ephemeral, progressive...), Counts: counts}
	case len(untested)+len(graphs)+len(ephemeral)+len(progressive) > 0:
		o := partial(Low, "deployments to non-production exist, but no test of a deployed environment was found", append(append(untested, graphs...), append(ephemeral, progressive...)...))
		o.Counts = counts
		return o
	}
	return notFound("no pipeline deploys to a test environment and tests it")
}

func envOrName(j *Job) string {
	if j.Env != "" {
		return j.Env
	}
	return j.ID
}

// checkGates: OPS07-BP05, a deliberate decision before production changes.
func checkGates(f *Facts) outcome {
	var gates, envs []Item
	for _, p := range f.ciPipelines() {
		for _, j := range p.Jobs {
			a := f.jobActs(j)
			if j.Manual || a.has(actApproval) {
				gates = append(gates, item(p.Path, j.Line, jobLabel(j)+" waits for a person's approval"))
			}
			if j.Env != "" && classifyEnv(j.Env) == envProd {
				envs = append(envs, item(p.Path, j.EnvLine, jobLabel(j)+" deploys through the protected environment "+j.Env, TagExternal))
			}
		}
	}
	for _, r := range f.Resources {
		if r.Type == "aws_codepipeline" || r.Type == "AWS::CodePipeline::Pipeline" {
			for _, s := range r.settings {
				if strings.Contains(s.lk, "category") && s.v == "Approval" {
					gates = append(gates, item(r.Path, s.line, "CodePipeline manual approval action"))
				}
			}
		}
	}
	var tmpl []Item
	for _, d := range f.Docs {
		if !isPRTemplate(d.lpath) {
			continue
		}
		if h, ok := d.heading("rollback", "risk", "impact", "testing", "deploy"); ok {
			tmpl = append(tmpl, item(d.Path, h.Line, "pull request template asks: "+h.Key))
		}
	}
	switch {
	case own(gates) > 0:
		return outcome{Status: Found, Confidence: Medium, Summary: plural(len(gates), "deployment gate", "deployment gates") + " need a person's approval", Evidence: append(append(gates, envs...), tmpl...)}
	case len(envs)+len(tmpl) > 0:
		return partial(Low, fmt.Sprintf("%s; %s (protection rules live in the forge settings, not in the repository)", plural(len(envs), "production environment reference", "production environment references"), plural(len(tmpl), "change template asks about risk or rollback", "change templates ask about risk or rollback")), append(envs, tmpl...))
	}
	return notFound("no approval gate, protected production environment or change-risk template found")
}

// isPRTemplate reports whether l, a lowercased path, is a pull or merge request template.
func isPRTemplate(l string) bool {
	return strings.Contains(l, "pull_request_template") || strings.Contains(l, "merge_request_templates/")
}

// checkReuse: OPS05-BP06, shared standards: reusable CI definitions, shared modules and
// written standards.
func checkReuse(f *Facts) outcome {
	var ev []Item
	for _, p := range f.ciPipelines() {
		for _, j := range p.Jobs {
			if j.Uses == "" {
				continue
			}
			u := j.Uses
			switch {
			case strings.HasPrefix(u, "./"):
				ev = append(ev, item(p.Path, j.Line, jobLabel(j)+" reuses the shared workflow "+u))
			case strings.Contains(u, ".github/workflows/") || p.System == "gitlab":
				ev = append(ev, item(p.Path, j.Line, jobLabel(j)+" reuses "+u+" from another repository", TagExternal))
			}
		}
	}
	for _, s := range f.signals(sigTFModule) {
		if strings.Contains(s.Text, "git::") || strings.Contains(s.Text, "github.com") || strings.Contains(s.Text, "registry") || !strings.Contains(s.Text, " from .") {
			ev = append(ev, sigItem(s, TagExternal))
		}
	}
	var docs []Item
	for _, d := range f.Docs {
		l := d.lpath
		if containsAny(l, "standards/", "style-guide", "styleguide", "style_guide", "conventions", "guidelines/", "coding-standard") {
			docs = append(docs, item(d.Path, 1, "standards document: "+d.Title, TagDocs))
			continue
		}
		if strings.HasPrefix(d.lbase, "contributing") {
			if h, ok := d.heading("style", "standard", "convention", "coding"); ok {
				docs = append(docs, item(d.Path, h.Line, "contributing guide section: "+h.Key, TagDocs))
			}
		}
	}
	switch {
	case own(ev) > 0:
		return outcome{Status: Found, Confidence: Medium, Summary: plural(len(ev), "shared CI definition or module is", "shared CI definitions or modules are") + " reused", Evidence: append(ev, docs...)}
	case own(docs) > 0:
		return partial(Low, plural(len(docs), "document describes", "documents describe")+" standards", docs)
	case len(ev) > 0:
		return partial(Low, "shared definitions only in examples", ev)
	}
	return notFound("no reusable CI definitions, shared modules or standards documents found")
}
