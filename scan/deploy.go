package scan

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// progressive finds progressive-delivery configuration: canary, linear and blue/green.
func (f *Facts) progressive() []Item {
	var out []Item
	for _, o := range f.Objects {
		switch {
		case o.Kind == "Rollout":
			if m, ok := o.mark("strategy"); ok && (m.Value == "canary" || m.Value == "blueGreen") {
				out = append(out, item(o.Path, m.Line, "Argo Rollout "+o.Name+" uses a "+m.Value+" strategy"))
			}
		case o.Kind == "Canary" && strings.HasPrefix(o.group(), "flagger.app"):
			out = append(out, item(o.Path, o.Line, "Flagger Canary "+o.Name))
		}
	}
	for _, r := range f.Resources {
		for _, s := range r.settings {
			v, lk, lv := s.v, s.lk, s.lv
			switch {
			case (strings.HasSuffix(lk, "deployment_config_name") || strings.HasSuffix(lk, "deploymentconfigname")) && (strings.Contains(lv, "canary") || strings.Contains(lv, "linear")):
				out = append(out, item(r.Path, s.line, r.Type+" "+r.Name+" deploys with "+v))
			case (strings.HasSuffix(lk, "deploymentpreference.type")) && lv != "allatonce" && lv != "":
				out = append(out, item(r.Path, s.line, r.Type+" "+r.Name+" shifts traffic gradually ("+v+")"))
			case strings.HasSuffix(lk, "deployment_controller.type") && lv == "code_deploy",
				strings.HasSuffix(lk, "deploymentcontroller.type") && lv == "code_deploy":
				out = append(out, item(r.Path, s.line, r.Type+" "+r.Name+" deploys blue/green through CodeDeploy"))
			case strings.HasSuffix(lk, "blue_green_deployment_config") || strings.HasSuffix(lk, "bluegreendeploymentconfiguration") ||
				strings.Contains(lk, "deployment_style.deployment_type") && lv == "blue_green":
				out = append(out, item(r.Path, s.line, r.Type+" "+r.Name+" deploys blue/green"))
			case strings.Contains(lk, "routing_config.additional_version_weights") || strings.Contains(lk, "routingconfig.additionalversionweights"):
				out = append(out, item(r.Path, s.line, r.Type+" "+r.Name+" splits traffic between versions"))
			}
		}
	}
	return out
}

// checkDeployStrategy: OPS06-BP03, safe deployment strategies.
func checkDeployStrategy(f *Facts) outcome {
	prog := f.progressive()
	var rolling, gaps []Item
	workloads, probed := 0, 0
	pdbs := 0
	for _, o := range f.Objects {
		switch {
		case o.Kind == "PodDisruptionBudget":
			pdbs++
		case isWorkloadKind(o.Kind) && o.Kind != "Rollout":
			workloads++
			_, ready := o.mark("readinessProbe")
			if ready {
				probed++
			}
			m, explicit := o.mark("strategy")
			if explicit && m.Value == "Recreate" {
				gaps = append(gaps, item(o.Path, m.Line, o.Kind+" "+o.Name+" uses Recreate: all pods stop before new ones start", TagGap))
				continue
			}
			if !ready {
				gaps = append(gaps, item(o.Path, o.Line, o.Kind+" "+o.Name+" has no readiness probe: a rolling update cannot tell a broken pod from a ready one", TagGap))
				continue
			}
			if explicit {
				rolling = append(rolling, item(o.Path, m.Line, fmt.Sprintf("%s %s rolls out gradually (%s) behind a readiness probe", o.Kind, o.Name, m.Value)))
			}
		}
	}
	counts := map[string]int{"progressive": len(prog), "workloads": workloads, "withReadinessProbe": probed, "podDisruptionBudgets": pdbs}
	switch {
	case own(prog) > 0:
		return outcome{Status: Found, Confidence: High, Summary: plural(len(prog), "progressive delivery configuration", "progressive delivery configurations") + " (canary, linear or blue/green)", Evidence: append(prog, rolling...), Gaps: gaps, Counts: counts}
	case len(prog) > 0:
		o := partial(Low, "progressive delivery only in examples", prog)
		o.Gaps, o.Counts = gaps, counts
		return o
	case len(rolling) > 0:
		o := partial(Medium, fmt.Sprintf("%d of %d workloads roll out gradually behind readiness probes; %s. Rolling updates are the Kubernetes default safety net, not a staged rollout", len(rolling), workloads, plural(pdbs, "PodDisruptionBudget", "PodDisruptionBudgets")), rolling)
		o.Gaps, o.Counts = gaps, counts
		return o
	case workloads == 0 && !f.hasDeployables():
		return notApplicable("no deployable workloads (Kubernetes workloads, Lambda, ECS, Auto Scaling groups) were found")
	}
	o := notFound(fmt.Sprintf("%s; no canary, linear or blue/green deployment configuration", plural(workloads, "workload", "workloads")))
	o.Gaps, o.Counts = gaps, counts
	return o
}

// hasDeployables reports whether IaC declares compute that is deployed to.
func (f *Facts) hasDeployables() bool {
	for _, r := range f.Resources {
		switch r.Type {
		case "aws_lambda_function", "AWS::Lambda::Function", "AWS::Serverless::Function", "aws_ecs_service", "AWS::ECS::Service",
			"aws_autoscaling_group", "AWS::AutoScaling::AutoScalingGroup", "aws_instance", "AWS::EC2::Instance",
			"aws_elastic_beanstalk_environment", "aws_apprunner_service", "google_cloud_run_service", "azurerm_linux_web_app":
			return true
		}
	}
	return len(f.signals(sigCompose)) > 0
}

// autoRollback finds configuration that rolls a deployment back by itself.
func (f *Facts) autoRollback() []Item {
	var out []Item
	for _, o := range f.Objects {
		if m, ok := o.mark("analysis"); ok {
			out = append(out, item(o.Path, m.Line, o.Kind+" "+o.Name+" aborts and rolls back when analysis fails ("+m.Value+")"))
		}
		if o.Kind == "AnalysisTemplate" || o.Kind == "ClusterAnalysisTemplate" {
			if m, ok := o.mark("metric"); ok {
				out = append(out, item(o.Path, m.Line, o.Kind+" "+o.Name+" measures "+m.Value))
			}
		}
	}
	for _, r := range f.Resources {
		for _, s := range r.settings {
			k, lk, lv := s.k, s.lk, s.lv
			switch {
			case strings.HasSuffix(lk, "auto_rollback_configuration.enabled") && isTrue(lv),
				strings.HasSuffix(lk, "autorollbackconfiguration.enabled") && isTrue(lv):
				out = append(out, item(r.Path, s.line, r.Type+" "+r.Name+" rolls back automatically"))
			case strings.HasSuffix(lk, "deployment_circuit_breaker.rollback") && isTrue(lv),
				strings.HasSuffix(lk, "deploymentcircuitbreaker.rollback") && isTrue(lv):
				out = append(out, item(r.Path, s.line, r.Type+" "+r.Name+": the deployment circuit breaker rolls back failed deployments"))
			case strings.Contains(lk, "deploymentpreference.alarms") || strings.Contains(lk, "deploymentpreference.hooks"),
				strings.HasSuffix(lk, "alarm_configuration.enabled") && isTrue(lv),
				strings.Contains(lk, "rollbacktriggers"):
				out = append(out, item(r.Path, s.line, r.Type+" "+r.Name+" stops or rolls back on alarms ("+lastKey(k)+")"))
			}
		}
	}
	for _, s := range f.signals(sigRollbackConfig) {
		out = append(out, sigItem(s))
	}
	for _, p := range f.ciPipelines() {
		deploys := p.acts()&actDeploy != 0
		for _, j := range p.Jobs {
			for _, s := range j.Steps {
				if strings.Contains(s.Text, "--atomic") || strings.Contains(s.Text, "--rollback-on-failure") {
					out = append(out, item(p.Path, s.Line, jobLabel(j)+" deploys atomically: a failed release is rolled back"))
				}
				// A rollback the pipeline runs itself when a deployment or its tests fail.
				if deploys && s.OnFailure && s.Acts&actRollback != 0 {
					out = append(out, item(p.Path, s.Line, jobLabel(j)+" rolls back when a deployment or its tests fail: "+s.Text))
				}
			}
		}
	}
	return dedupItems(out)
}

// checkAutoRollback: OPS06-BP04, deployments are verified and rolled back automatically.
func checkAutoRollback(f *Facts) outcome {
	ev := f.autoRollback()
	return judge(ev, High, plural(len(ev), "automatic verification or rollback setting", "automatic verification or rollback settings"), "no automated rollback (analysis, circuit breaker, alarm-triggered rollback, atomic releases) found")
}

// checkRollbackPlan: OPS06-BP01, a plan for unsuccessful changes: automated rollback, rollback
// steps in the pipeline, reversible migrations, or rollback and recovery runbooks.
func checkRollbackPlan(f *Facts) outcome {
	ev := f.autoRollback()
	ev = append(ev, f.stepsWith(actRollback, 10)...)
	var migrations []Item
	for _, s := range f.signals(sigDownMigration) {
		migrations = append(migrations, sigItem(s))
	}
	var docs []Item
	for _, d := range f.Docs {
		if scopeOf(d.Path) == fixtureScope {
			continue
		}
		if containsAny(d.full, "rollback", "roll-back", "roll back", "disaster-recovery", "disaster recovery", "restore", "backout", "recovery-scenario", "velero", "snapshot") {
			docs = append(docs, item(d.Path, 1, "document: "+firstNonEmpty(d.Title, d.Path), TagDocs))
			continue
		}
		if h, ok := d.heading("rollback", "roll back", "rolling back", "back out", "backout", "disaster recovery"); ok && isOpsDoc(d) {
			docs = append(docs, item(d.Path, h.Line, "section: "+h.Key, TagDocs))
		}
	}
	summary := summarise(counted{len(ev), "rollback mechanism", "rollback mechanisms"}, counted{len(migrations), "down migration", "down migrations"}, counted{len(docs), "rollback or recovery document", "rollback or recovery documents"})
	all := append(append(ev, migrations...), docs...)
	switch {
	case own(ev) > 0:
		return outcome{Status: Found, Confidence: High, Summary: summary, Evidence: all}
	case own(docs)+own(migrations) > 0:
		return outcome{Status: Found, Confidence: Medium, Summary: summary + "; no automated rollback configured", Evidence: all}
	case len(all) > 0:
		return partial(Low, "rollback plans only in examples", all)
	}
	return notFound("no rollback configuration, rollback steps, down migrations or rollback runbooks found")
}

// isOpsDoc excludes change logs and licences, whose headings mention anything.
func isOpsDoc(d *DocFile) bool {
	b := d.lbase
	return !strings.HasPrefix(b, "changelog") && !strings.HasPrefix(b, "license") && !strings.HasPrefix(b, "history") && !strings.HasPrefix(b, "release-notes")
}

// checkAutoResponse: OPS10-BP07, events trigger automated responses.
func checkAutoResponse(f *Facts) outcome {
	var strong, weak []Item
	for _, o := range f.Objects {
		switch o.Kind {
		case "HorizontalPodAutoscaler", "ScaledObject", "ScaledJob", "VerticalPodAutoscaler":
			strong = append(strong, item(o.Path, o.Line, o.Kind+" "+o.Name+" scales on load"))
		}
	}
	for _, r := range f.Resources {
		switch r.Type {
		case "aws_cloudwatch_event_target", "AWS::Events::Rule":
			s := strings.ToLower(fmt.Sprint(r.Attrs))
			if containsAny(s, ":ssm:", "automation-definition", "aws_ssm_document", ":lambda:", "aws_lambda_function", "lambda", "states:", "sfn") {
				strong = append(strong, item(r.Path, r.Line, r.Type+" "+r.Name+" triggers automation"))
			}
		case "aws_config_remediation_configuration", "AWS::Config::RemediationConfiguration":
			if isTrue(attrOf(r, "automatic", "Automatic")) {
				strong = append(strong, item(r.Path, r.Line, "AWS Config remediates automatically ("+r.Name+")"))
			}
		case "aws_appautoscaling_policy", "AWS::ApplicationAutoScaling::ScalingPolicy", "aws_autoscaling_policy", "AWS::AutoScaling::ScalingPolicy":
			strong = append(strong, item(r.Path, r.Line, r.Type+" "+r.Name+" scales automatically"))
		case "pagerduty_event_orchestration", "pagerduty_event_orchestration_service":
			weak = append(weak, item(r.Path, r.Line, "PagerDuty event orchestration "+r.Name))
		case "aws_cloudwatch_metric_alarm", "AWS::CloudWatch::Alarm":
			s := strings.ToLower(fmt.Sprint(r.Attrs))
			if containsAny(s, "arn:aws:automate", "autoscaling", "scalingpolicy", ":ssm:") {
				strong = append(strong, item(r.Path, r.Line, "alarm "+r.Name+" acts by itself (recover, reboot or scale)"))
			}
		}
	}
	for _, rt := range f.Routers {
		for _, rv := range rt.Receivers {
			t := strings.ToLower(strings.Join(rv.Targets, " ") + " " + rv.Name)
			if containsAny(t, "robusta", "stackstorm", "remediat", "autoheal", "auto-heal") {
				strong = append(strong, item(rt.Path, rv.Line, "alerts go to automation receiver "+rv.Name))
			}
		}
	}
	liveness := 0
	for _, o := range f.Objects {
		if m, ok := o.mark("livenessProbe"); ok {
			liveness++
			if len(weak) < 10 {
				weak = append(weak, item(o.Path, m.Line, o.Kind+" "+o.Name+" is restarted when its liveness probe fails"))
			}
		}
	}
	switch {
	case own(strong) > 0:
		return outcome{Status: Found, Confidence: Medium, Summary: plural(len(strong), "automated response", "automated responses") + " (scaling, remediation, event-driven automation)", Evidence: append(strong, weak...)}
	case len(strong)+len(weak) > 0:
		return partial(Low, fmt.Sprintf("only self-healing basics: %s; no event-driven automation", plural(liveness, "liveness probe", "liveness probes")), append(strong, weak...))
	}
	return notFound("no autoscaling, event-driven automation or auto-remediation found")
}

// envDirParents are directory names whose children are usually environments.
func isEnvParent(name string) bool {
	switch strings.ToLower(name) {
	case "envs", "env", "environments", "environment", "overlays", "live", "stages", "deployments", "accounts", "clusters", "stacks", "config":
		return true
	}
	return false
}

// checkEnvironments: OPS05-BP08, more than one environment is configured.
func checkEnvironments(f *Facts) outcome {
	envs := map[string][]Item{}
	add := func(name string, it Item) {
		if classifyEnv(name) == envOther {
			return
		}
		k := strings.ToLower(name)
		envs[k] = append(envs[k], it)
	}
	for _, d := range f.Dirs {
		parent := path.Base(path.Dir(d))
		if path.Dir(d) != "." && isEnvParent(parent) && scopeOf(d) == firstParty {
			add(path.Base(d), item(d, 0, "environment directory "+d))
		}
	}
	for _, s := range f.signals(sigEnvConfig, sigSAMConfigEnv) {
		name := s.Text[strings.LastIndexByte(s.Text, ' ')+1:]
		name = strings.TrimSuffix(strings.TrimSuffix(name, ".tfvars"), ".json")
		add(name, sigItem(s))
	}
	for _, p := range f.ciPipelines() {
		for _, j := range p.Jobs {
			if j.Env != "" && !strings.Contains(j.Env, "${{") {
				add(j.Env, item(p.Path, j.EnvLine, jobLabel(j)+" targets environment "+j.Env))
			}
		}
	}
	names := make([]string, 0, len(envs))
	var ev []Item
	nonProd := false
	for n, items := range envs {
		names = append(names, n)
		ev = append(ev, items...)
		if classifyEnv(n) == envNonProd {
			nonProd = true
		}
	}
	sort.Strings(names)
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].Path < ev[j].Path })
	var docs []Item
	for _, d := range f.Docs {
		if containsAny(d.full, "environments", "environment-", "staging", "live-like", "live like") && isOpsDoc(d) {
			docs = append(docs, item(d.Path, 1, "document: "+firstNonEmpty(d.Title, d.Path), TagDocs))
		}
	}
	counts := map[string]int{"environments": len(names)}
	switch {
	case len(names) >= 2 && nonProd && own(ev) > 0:
		return outcome{Status: Found, Confidence: High, Summary: fmt.Sprintf("%d environments configured: %s", len(names), listNames(names, 8)), Evidence: ev, Counts: counts}
	case len(names) >= 1 || len(docs) > 0:
		o := partial(Low, fmt.Sprintf("%s configured (%s); %s", plural(len(names), "environment", "environments"), listNames(names, 8), plural(len(docs), "document describes environments", "documents describe environments")), append(ev, docs...))
		o.Counts = counts
		return o
	}
	return notFound("no per-environment configuration (environment directories, overlays, tfvars, values files, pipeline environments)")
}

// checkConfigManagement: OPS05-BP03, infrastructure and configuration as code.
func checkConfigManagement(f *Facts) outcome {
	kinds := map[string]int{}
	var ev []Item
	addSig := func(label string, sigs []Signal) {
		for _, s := range sigs {
			kinds[label]++
			if kinds[label] <= 5 {
				ev = append(ev, sigItem(s))
			}
		}
	}
	addSig("IaC files", f.signals(sigIaC, sigCDK, sigPulumi, sigServerless))
	addSig("Helm charts", f.signals(sigHelmChart))
	addSig("Kustomizations", f.signals(sigKustomize))
	addSig("jsonnet files", f.signals(sigJsonnet))
	addSig("Ansible playbooks", f.signals(sigAnsible))
	addSig("Compose files", f.signals(sigCompose))
	manifests := 0
	for _, o := range f.Objects {
		if o.Kind == "" || scopeOf(o.Path) != firstParty {
			continue
		}
		manifests++
		if m, ok := o.mark("automated"); ok || o.group() == "argoproj.io" && o.Kind == "Application" || strings.HasSuffix(o.group(), "toolkit.fluxcd.io") {
			_ = m
			kinds["GitOps objects"]++
			ev = append(ev, item(o.Path, o.Line, o.Kind+" "+o.Name+" (GitOps)"))
		}
	}
	if manifests > 0 {
		kinds["Kubernetes objects"] = manifests
	}
	for _, r := range f.Resources {
		if strings.Contains(strings.ToLower(r.Type), "appconfig") {
			kinds["AppConfig resources"]++
			ev = append(ev, item(r.Path, r.Line, r.Type+" "+r.Name))
		}
	}
	var parts []string
	for k, v := range kinds {
		parts = append(parts, fmt.Sprintf("%d %s", v, k))
	}
	sort.Strings(parts)
	if manifests > 0 && len(ev) < maxItems {
		for _, o := range f.Objects {
			if scopeOf(o.Path) == firstParty && isWorkloadKind(o.Kind) && len(ev) < maxItems {
				ev = append(ev, item(o.Path, o.Line, o.Kind+" "+o.Name))
			}
		}
	}
	drift := f.stepsWith(actValidate, 50)
	for _, it := range drift {
		if strings.Contains(it.Text, "plan") {
			ev = append(ev, it)
		}
	}
	return judge(ev, High, strings.Join(parts, "; "), "no infrastructure or configuration as code (Terraform, CloudFormation, CDK, Helm, Kustomize, Ansible, Compose, GitOps) found")
}
