package scan

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Resource is one infrastructure-as-code resource (or module call, provider block or SAM
// Globals section) with its scalar settings flattened to dotted keys.
type Resource struct {
	Path   string
	Line   int
	Source string // terraform, cloudformation
	Type   string // aws_lambda_function, AWS::Lambda::Function, module, provider.aws, Globals.Function
	Name   string
	Attrs  map[string]string // "tracing_config.mode" -> "Active"
	Lines  map[string]int    // the line of each attribute
	Tags   map[string]string // tag keys (lowercased) -> value

	// settings holds Attrs ordered by key, with the key and value lowercased: checks loop over
	// every setting of every resource, and lowercasing there cost more than the rest of those
	// checks together on large trees. Built once per parsed file (index), shared by the
	// copies the content cache makes.
	settings []setting
}

// setting is one attribute, as written and lowercased.
type setting struct {
	k, v, lk, lv string
	line         int
}

// index builds settings; extract calls it for every resource a file yields.
func (r *Resource) index() {
	r.settings = make([]setting, 0, len(r.Attrs))
	for k, v := range r.Attrs {
		r.settings = append(r.settings, setting{k: k, v: v, lk: strings.ToLower(k), lv: strings.ToLower(v), line: r.Lines[k]})
	}
	slices.SortFunc(r.settings, func(a, b setting) int { return strings.Compare(a.k, b.k) })
}

// maxAttrs bounds what is kept per resource.
const maxAttrs = 300

func (r *Resource) set(key, val string, line int) {
	if r.Attrs == nil {
		r.Attrs, r.Lines = map[string]string{}, map[string]int{}
	}
	if len(r.Attrs) >= maxAttrs {
		return
	}
	if _, ok := r.Attrs[key]; ok {
		return
	}
	r.Attrs[key] = clip(val, 200)
	r.Lines[key] = line
}

// attr returns a setting, matching the key case-insensitively.
func (r *Resource) attr(key string) (string, int, bool) {
	if v, ok := r.Attrs[key]; ok {
		return v, r.Lines[key], true
	}
	for _, s := range r.settings {
		if strings.EqualFold(s.k, key) {
			return s.v, s.line, true
		}
	}
	return "", 0, false
}

// attrPrefix reports whether any setting starts with prefix (case-insensitive) and returns
// the first one's line.
func (r *Resource) attrPrefix(prefix string) (string, int, bool) {
	lp := strings.ToLower(prefix)
	best, bestLine, ok := "", 0, false
	for _, s := range r.settings {
		if strings.HasPrefix(s.lk, lp) && (!ok || s.line < bestLine) {
			best, bestLine, ok = s.v, s.line, true
		}
	}
	return best, bestLine, ok
}

func (r *Resource) setTag(k, v string) {
	if r.Tags == nil {
		r.Tags = map[string]string{}
	}
	if len(r.Tags) < 100 {
		r.Tags[strings.ToLower(k)] = v
	}
}

// isCFNResources reports whether n looks like a CloudFormation Resources section.
func isCFNResources(d *doc, n *yaml.Node) bool {
	ok := false
	d.pairs(n, func(_ string, _, v *yaml.Node) {
		t := d.gets(v, "Type")
		if strings.HasPrefix(t, "AWS::") || strings.HasPrefix(t, "Custom::") || strings.HasPrefix(t, "Alexa::") {
			ok = true
		}
	})
	return ok
}

// extractCloudFormation reads CloudFormation and SAM templates (YAML with !Ref-style tags,
// or JSON, including CDK synth output).
func extractCloudFormation(f *Facts, p string, d *doc) {
	root := d.deref(d.root)
	f.signal(sigIaC, p, 1, "CloudFormation template")
	if strings.Contains(d.gets(root, "Transform"), "Serverless") || strings.Contains(strings.Join(d.strs(d.get(root, "Transform")), ","), "Serverless") {
		f.signal(sigIaC, p, d.get(root, "Transform").Line, "SAM transform")
	}
	d.pairs(d.get(root, "Globals"), func(section string, kn, v *yaml.Node) {
		r := &Resource{Path: p, Line: kn.Line, Source: "cloudformation", Type: "Globals." + section, Name: section}
		flattenCFN(d, r, "", v, 0)
		f.Resources = append(f.Resources, r)
	})
	d.pairs(d.get(root, "Resources"), func(name string, kn, v *yaml.Node) {
		t := d.gets(v, "Type")
		if t == "" {
			return
		}
		r := &Resource{Path: p, Line: kn.Line, Source: "cloudformation", Type: t, Name: name}
		props := d.get(v, "Properties")
		flattenCFN(d, r, "", props, 0)
		for _, k := range [...]string{"DeletionPolicy", "UpdatePolicy", "CreationPolicy", "UpdateReplacePolicy"} {
			if x := d.get(v, k); x != nil {
				flattenCFN(d, r, k, x, 0)
			}
		}
		tags := d.get(props, "Tags")
		for _, t := range d.items(tags) { // [{Key, Value}]
			r.setTag(d.gets(t, "Key"), d.gets(t, "Value"))
		}
		d.pairs(tags, func(k string, _, tv *yaml.Node) { r.setTag(k, tv.Value) }) // SAM: map form
		f.Resources = append(f.Resources, r)
	})
	if rc := d.get(root, "RollbackConfiguration"); rc != nil {
		f.signal(sigRollbackConfig, p, rc.Line, "RollbackConfiguration")
	}
}

// flattenCFN records scalar leaves under dotted keys; intrinsic functions (!Ref, !Sub,
// Fn::GetAtt) are kept as their text, which is all a static check can know.
func flattenCFN(d *doc, r *Resource, prefix string, n *yaml.Node, depth int) {
	n = d.deref(n)
	if n == nil || depth > 12 || len(r.Attrs) >= maxAttrs {
		return
	}
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	switch n.Kind {
	case yaml.ScalarNode:
		val := n.Value
		if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
			val = n.Tag + " " + val // a CloudFormation short-form function such as !Ref
		}
		r.set(prefix, val, n.Line)
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			flattenCFN(d, r, join(n.Content[i].Value), n.Content[i+1], depth+1)
		}
		if len(n.Content) == 0 {
			r.set(prefix, "{}", n.Line)
		}
	case yaml.SequenceNode:
		if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
			r.set(prefix, n.Tag, n.Line)
			return
		}
		for _, c := range n.Content {
			flattenCFN(d, r, prefix+"[]", c, depth+1)
		}
		if len(n.Content) == 0 {
			r.set(prefix, "[]", n.Line)
		}
	}
}
