package scan

import (
	"encoding/base64"
	"path"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// K8sObject is a Kubernetes object (including custom resources: Argo, Flux, Flagger,
// Prometheus Operator, OpenTelemetry, Kyverno, Backstage descriptors) with the few facts the
// checks read, as marks with lines.
type K8sObject struct {
	Path       string
	Line       int
	APIVersion string
	Kind       string
	Name       string
	Namespace  string
	Labels     map[string]string
	Marks      []Mark
}

// Mark is one notable fact about an object: a probe, a strategy, an automated sync policy.
type Mark struct {
	Key   string
	Value string
	Line  int
}

func (o *K8sObject) mark(key string) (Mark, bool) {
	for _, m := range o.Marks {
		if m.Key == key {
			return m, true
		}
	}
	return Mark{}, false
}

func (o *K8sObject) add(key, value string, line int) {
	if len(o.Marks) < 200 {
		o.Marks = append(o.Marks, Mark{Key: key, Value: clip(value, 160), Line: line})
	}
}

// group is the API group of the object ("apps", "argoproj.io", "" for core).
func (o *K8sObject) group() string {
	if i := strings.IndexByte(o.APIVersion, '/'); i >= 0 {
		return o.APIVersion[:i]
	}
	return ""
}

func isWorkloadKind(k string) bool {
	switch k {
	case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout", "DeploymentConfig":
		return true
	}
	return false
}

func extractK8sObject(f *Facts, p string, d *doc, root *yaml.Node) {
	o := &K8sObject{Path: p, Line: root.Line, APIVersion: d.gets(root, "apiVersion"), Kind: d.gets(root, "kind")}
	meta := d.get(root, "metadata")
	o.Name, o.Namespace = d.gets(meta, "name"), d.gets(meta, "namespace")
	if lab := d.get(meta, "labels"); lab != nil {
		o.Labels = map[string]string{}
		d.pairs(lab, func(k string, _, v *yaml.Node) {
			if len(o.Labels) < 50 && v.Kind == yaml.ScalarNode {
				o.Labels[k] = v.Value
			}
		})
	}
	spec := d.get(root, "spec")
	g := o.group()
	switch {
	case o.Kind == "List" || strings.HasSuffix(o.Kind, "List"):
		for _, it := range d.items(d.get(root, "items")) {
			if d.gets(it, "kind") != "" {
				extractK8sObject(f, p, d, it)
			}
		}
		return
	case isWorkloadKind(o.Kind):
		extractWorkload(d, o, spec)
	case o.Kind == "PrometheusRule":
		extractRuleGroups(f, p, d, d.get(spec, "groups"))
	case o.Kind == "AlertmanagerConfig":
		extractAlertmanager(f, p, d, spec)
	case o.Kind == "Probe" && g == "monitoring.coreos.com":
		for _, t := range d.strs(d.path(spec, "targets", "staticConfig", "static")) {
			o.add("target", t, d.path(spec, "targets").Line)
		}
		if ing := d.path(spec, "targets", "ingress"); ing != nil {
			o.add("target", "ingress", ing.Line)
		}
	case (o.Kind == "ServiceMonitor" || o.Kind == "PodMonitor") && g == "monitoring.coreos.com":
		o.add("monitors", o.Name, root.Line)
	case o.Kind == "AnalysisTemplate" || o.Kind == "ClusterAnalysisTemplate":
		for _, m := range d.items(d.get(spec, "metrics")) {
			prov := ""
			d.pairs(d.get(m, "provider"), func(k string, _, _ *yaml.Node) { prov = k })
			o.add("metric", d.gets(m, "name")+" ("+prov+")", m.Line)
		}
	case o.Kind == "Canary" && strings.HasPrefix(g, "flagger.app"):
		an := d.get(spec, "analysis")
		if an == nil {
			an = d.get(spec, "canaryAnalysis")
		}
		if an != nil {
			o.add("analysis", "analysis", an.Line)
			for _, m := range d.items(d.get(an, "metrics")) {
				o.add("metric", d.gets(m, "name"), m.Line)
			}
			for _, w := range d.items(d.get(an, "webhooks")) {
				o.add("webhook", d.gets(w, "name")+" "+d.gets(w, "type"), w.Line)
			}
		}
	case (o.Kind == "Application" || o.Kind == "ApplicationSet") && g == "argoproj.io":
		s := spec
		if o.Kind == "ApplicationSet" {
			s = d.path(spec, "template", "spec")
		}
		if a := d.path(s, "syncPolicy", "automated"); a != nil {
			o.add("automated", "syncPolicy.automated", a.Line)
		}
		if u := d.get(d.get(s, "source"), "repoURL"); u != nil {
			o.add("repoURL", u.Value, u.Line)
		}
	case strings.HasSuffix(g, "toolkit.fluxcd.io"):
		o.add("gitops", o.Kind, root.Line)
	case o.Kind == "Instrumentation" && strings.HasPrefix(g, "opentelemetry.io"):
		if e := d.path(spec, "exporter", "endpoint"); e != nil {
			o.add("exporter", e.Value, e.Line)
		}
		for _, pr := range d.strs(d.get(spec, "propagators")) {
			o.add("propagator", pr, d.get(spec, "propagators").Line)
		}
	case o.Kind == "OpenTelemetryCollector":
		cfg := d.get(spec, "config")
		if cfg != nil && cfg.Kind == yaml.ScalarNode {
			extractEmbeddedYAML(f, p, cfg)
		} else if cfg != nil {
			extractCollector(f, p, d, cfg)
		}
	case strings.HasPrefix(g, "tekton.dev"):
		extractTekton(f, p, d, o, spec)
	case o.Kind == "ConfigMap" || o.Kind == "Secret":
		extractConfigData(f, p, d, o, root)
	case o.Kind == "GrafanaDashboard":
		f.Dashboards = append(f.Dashboards, &Dashboard{Path: p, Line: root.Line, System: "grafana-operator", Title: o.Name})
	case o.Kind == "SLO" && strings.HasPrefix(g, "openslo"):
		f.SLOs = append(f.SLOs, &SLO{Path: p, Line: root.Line, System: "openslo", Name: o.Name, Service: d.gets(spec, "service")})
	case o.Kind == "ServiceLevelObjective" && strings.HasPrefix(g, "pyrra.dev"):
		f.SLOs = append(f.SLOs, &SLO{Path: p, Line: root.Line, System: "pyrra", Name: o.Name, Service: o.Namespace})
	case o.Kind == "PrometheusServiceLevel" && strings.HasPrefix(g, "sloth.slok.dev"):
		extractSloth(f, p, d, spec)
	case strings.HasPrefix(g, "backstage.io"):
		extractBackstage(f, p, d, o, root, spec)
	case g == "kyverno.io" || strings.HasSuffix(g, "gatekeeper.sh"):
		f.signal(sigPolicyAsCode, p, root.Line, o.Kind+" "+o.Name)
		text := strings.ToLower(o.Name)
		if strings.Contains(text, "label") || strings.Contains(text, "owner") || strings.Contains(text, "tag") || strings.Contains(text, "team") {
			f.signal(sigTagPolicy, p, root.Line, o.Kind+" "+o.Name+" requires labels")
		}
	}
	f.Objects = append(f.Objects, o)
}

// extractWorkload records the rollout strategy and probes of a workload's pod template.
func extractWorkload(d *doc, o *K8sObject, spec *yaml.Node) {
	if r := d.get(spec, "replicas"); r != nil {
		o.add("replicas", r.Value, r.Line)
	}
	if m := d.get(spec, "minReadySeconds"); m != nil {
		o.add("minReadySeconds", m.Value, m.Line)
	}
	strat := d.get(spec, "strategy")
	if strat == nil {
		strat = d.get(spec, "updateStrategy")
	}
	if strat != nil {
		t := d.gets(strat, "type")
		if o.Kind == "Rollout" {
			if c := d.get(strat, "canary"); c != nil {
				t = "canary"
				if an := d.get(c, "analysis"); an != nil {
					o.add("analysis", "background analysis", an.Line)
				}
				for _, st := range d.items(d.get(c, "steps")) {
					if an := d.get(st, "analysis"); an != nil {
						o.add("analysis", "step analysis", an.Line)
					}
				}
			}
			if b := d.get(strat, "blueGreen"); b != nil {
				t = "blueGreen"
				for _, k := range [...]string{"prePromotionAnalysis", "postPromotionAnalysis"} {
					if an := d.get(b, k); an != nil {
						o.add("analysis", k, an.Line)
					}
				}
			}
		}
		if t == "" {
			t = "RollingUpdate"
		}
		o.add("strategy", t, strat.Line)
		ru := d.get(strat, "rollingUpdate")
		if v := d.get(ru, "maxUnavailable"); v != nil {
			o.add("maxUnavailable", v.Value, v.Line)
		}
		if v := d.get(ru, "maxSurge"); v != nil {
			o.add("maxSurge", v.Value, v.Line)
		}
	}
	pod := d.path(spec, "template", "spec")
	if o.Kind == "Rollout" && pod == nil && d.get(spec, "workloadRef") != nil {
		o.add("workloadRef", d.gets(spec, "workloadRef", "name"), d.get(spec, "workloadRef").Line)
	}
	if lab := d.path(spec, "template", "metadata", "labels"); lab != nil {
		d.pairs(lab, func(k string, _, v *yaml.Node) {
			if o.Labels == nil {
				o.Labels = map[string]string{}
			}
			if _, ok := o.Labels[k]; !ok && len(o.Labels) < 50 {
				o.Labels[k] = v.Value
			}
		})
	}
	n := 0
	for _, c := range d.items(d.get(pod, "containers")) {
		n++
		for _, probe := range [...]string{"readinessProbe", "livenessProbe", "startupProbe"} {
			if pr := d.get(c, probe); pr != nil {
				o.add(probe, d.gets(c, "name"), pr.Line)
			}
		}
	}
	o.add("containers", strconv.Itoa(n), o.Line)
}

// extractConfigData reads rule files, Alertmanager configs, collector configs and dashboards
// kept as strings in ConfigMaps and Secrets.
func extractConfigData(f *Facts, p string, d *doc, o *K8sObject, root *yaml.Node) {
	dash := o.Labels["grafana_dashboard"] != "" || o.Labels["grafana-dashboard"] != ""
	for _, key := range [...]string{"data", "stringData"} {
		d.pairs(d.get(root, key), func(name string, kn, v *yaml.Node) {
			if v.Kind != yaml.ScalarNode {
				return
			}
			val := v.Value
			if o.Kind == "Secret" && key == "data" {
				b, err := base64.StdEncoding.DecodeString(val)
				if err != nil {
					return
				}
				val = string(b)
			}
			ext := strings.ToLower(path.Ext(name))
			switch {
			case ext == ".json" && (dash || strings.Contains(val, `"panels"`)):
				fastDashboard(f, p, []byte(val), kn.Line)
			case ext == ".yaml" || ext == ".yml" || ext == ".rules" || name == "alertmanager.yaml" || strings.HasSuffix(name, "config"):
				cp := *v
				cp.Value = val
				if o.Kind == "Secret" && key == "data" {
					cp.Line = kn.Line - 1 // decoded text has no lines in this file; point at the key
				}
				extractEmbeddedYAML(f, p, &cp)
			}
		})
	}
}

// extractEmbeddedYAML parses YAML held in a string value and reads it as a file of its own,
// with lines pointing into the outer file.
func extractEmbeddedYAML(f *Facts, p string, v *yaml.Node) {
	if len(v.Value) > 4<<20 {
		return
	}
	docs, err := parseYAMLDocs([]byte(v.Value))
	if err != nil {
		return // embedded text that is not YAML is not a finding
	}
	for _, d := range docs {
		offsetLines(d.root, v.Line, 0)
		root := d.deref(d.root)
		if !d.isMap(root) {
			continue
		}
		switch {
		case d.get(root, "groups") != nil:
			extractRuleGroups(f, p, d, d.get(root, "groups"))
		case d.get(root, "route") != nil && d.get(root, "receivers") != nil:
			extractAlertmanager(f, p, d, root)
		case d.get(root, "receivers") != nil && d.get(root, "exporters") != nil:
			extractCollector(f, p, d, root)
		}
	}
}

func extractTekton(f *Facts, p string, d *doc, o *K8sObject, spec *yaml.Node) {
	pl := &Pipeline{Path: p, Line: o.Line, System: "tekton", Name: o.Name}
	j := &Job{ID: o.Name, Line: o.Line}
	d.walk(spec, func(key string, n *yaml.Node) bool {
		if n.Kind == yaml.ScalarNode && (key == "script" || key == "command" || key == "args" || key == "taskRef" || key == "name") {
			j.Steps = append(j.Steps, Step{Line: n.Line, Text: n.Value, Acts: classifyStep(n.Value)})
		}
		return len(j.Steps) < 500
	})
	pl.Jobs = append(pl.Jobs, j)
	f.Pipelines = append(f.Pipelines, pl)
}

func extractBackstage(f *Facts, p string, d *doc, o *K8sObject, root, spec *yaml.Node) {
	if ow := d.get(spec, "owner"); ow != nil {
		f.signal(sigCatalogOwner, p, ow.Line, o.Kind+" "+o.Name+" owned by "+ow.Value)
	}
	switch o.Kind {
	case "Group", "User":
		f.signal(sigOwnershipRegistry, p, root.Line, "Backstage "+o.Kind+" "+o.Name)
	}
	for _, k := range [...]string{"providesApis", "consumesApis", "dependsOn"} {
		if v := d.get(spec, k); v != nil {
			f.signal(sigAPIContract, p, v.Line, "Backstage "+k+": "+strings.Join(d.strs(v), ", "))
		}
	}
	d.pairs(d.path(root, "metadata", "annotations"), func(k string, kn, v *yaml.Node) {
		switch {
		case k == "backstage.io/techdocs-ref":
			f.signal(sigDocsSite, p, kn.Line, "TechDocs: "+v.Value)
		case strings.HasPrefix(k, "pagerduty.com/") || strings.HasPrefix(k, "opsgenie.com/"):
			f.signal(sigOnCallRef, p, kn.Line, k+": "+v.Value)
		}
	})
	if t := d.get(spec, "lifecycle"); t != nil && o.Kind == "Component" {
		f.signal(sigCatalogEntity, p, t.Line, "Component "+o.Name+" ("+t.Value+")")
	}
}
