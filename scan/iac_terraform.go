package scan

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// SignalKinds of the IaC family.
const (
	sigIaC            SignalKind = "iac"
	sigCDK            SignalKind = "cdk"
	sigRollbackConfig SignalKind = "rollback-config"
	sigTFModule       SignalKind = "tf-module"
)

// extractTerraform reads Terraform/OpenTofu HCL: resources, data sources, modules and provider
// blocks (for default_tags), with attributes flattened to dotted keys. Expressions are not
// evaluated; literals are kept and anything else is kept as its source text.
func extractTerraform(f *Facts, p string, data []byte) {
	file, diags := hclsyntax.ParseConfig(data, p, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		line := 0
		if len(diags) > 0 && diags[0].Subject != nil {
			line = diags[0].Subject.Start.Line
		}
		msg := "malformed HCL"
		if len(diags) > 0 {
			msg += ": " + diags[0].Summary
		}
		f.Warnings = append(f.Warnings, Warning{Path: p, Line: line, Message: msg})
	}
	if file == nil {
		return
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return
	}
	f.signal(sigIaC, p, 1, "Terraform configuration")
	for _, b := range body.Blocks {
		var r *Resource
		switch {
		case b.Type == "resource" && len(b.Labels) == 2:
			r = &Resource{Type: b.Labels[0], Name: b.Labels[1]}
		case b.Type == "data" && len(b.Labels) == 2:
			r = &Resource{Type: "data." + b.Labels[0], Name: b.Labels[1]}
		case b.Type == "module" && len(b.Labels) == 1:
			r = &Resource{Type: "module", Name: b.Labels[0]}
		case b.Type == "provider" && len(b.Labels) == 1:
			r = &Resource{Type: "provider." + b.Labels[0], Name: b.Labels[0]}
		default:
			continue
		}
		r.Path, r.Line, r.Source = p, b.TypeRange.Start.Line, "terraform"
		flattenHCL(r, "", b.Body, data, 0)
		if r.Type == "module" {
			if src, line, ok := r.attr("source"); ok {
				f.signal(sigTFModule, p, line, "module "+r.Name+" from "+src)
			}
		}
		f.Resources = append(f.Resources, r)
	}
}

func flattenHCL(r *Resource, prefix string, body *hclsyntax.Body, src []byte, depth int) {
	if body == nil || depth > 12 {
		return
	}
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	for name, a := range body.Attributes {
		key := join(name)
		line := a.SrcRange.Start.Line
		switch e := a.Expr.(type) {
		case *hclsyntax.ObjectConsExpr:
			for _, item := range e.Items {
				k := exprText(item.KeyExpr, src)
				v := exprText(item.ValueExpr, src)
				r.set(key+"."+k, v, item.KeyExpr.Range().Start.Line)
				if name == "tags" || name == "default_tags" || name == "labels" || prefix == "default_tags" {
					r.setTag(k, v)
				}
			}
			if len(e.Items) == 0 {
				r.set(key, "{}", line)
			}
		default:
			r.set(key, exprText(a.Expr, src), line)
		}
	}
	for _, b := range body.Blocks {
		k := join(b.Type)
		r.set(k, "{}", b.TypeRange.Start.Line)
		flattenHCL(r, k, b.Body, src, depth+1)
	}
}

// exprText renders a literal expression as its value and anything else as its source text
// (references, function calls, templates with interpolation).
func exprText(e hclsyntax.Expression, src []byte) string {
	switch x := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return ctyText(x.Val)
	case *hclsyntax.TemplateExpr:
		if x.IsStringLiteral() {
			if v, diags := x.Value(nil); !diags.HasErrors() {
				return ctyText(v)
			}
		}
	case *hclsyntax.ScopeTraversalExpr:
		// A bare word used as an object key ("owner = ...") is a traversal of one name.
		if len(x.Traversal) == 1 {
			return x.Traversal.RootName()
		}
	case *hclsyntax.ObjectConsKeyExpr:
		if !x.ForceNonLiteral {
			if t, ok := x.Wrapped.(*hclsyntax.ScopeTraversalExpr); ok && len(t.Traversal) == 1 {
				return t.Traversal.RootName()
			}
		}
		return exprText(x.Wrapped, src)
	}
	rng := e.Range()
	if rng.Start.Byte >= 0 && rng.End.Byte <= len(src) && rng.Start.Byte <= rng.End.Byte {
		return strings.TrimSpace(string(src[rng.Start.Byte:rng.End.Byte]))
	}
	return ""
}

func ctyText(v cty.Value) string {
	if v.IsNull() || !v.IsKnown() {
		return ""
	}
	switch v.Type() {
	case cty.String:
		return v.AsString()
	case cty.Bool:
		if v.True() {
			return "true"
		}
		return "false"
	case cty.Number:
		return v.AsBigFloat().Text('f', -1)
	}
	return fmt.Sprintf("%v", v.GoString())
}
