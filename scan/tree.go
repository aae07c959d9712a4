package scan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// YAML and JSON both become *yaml.Node trees, so extractors read one shape and every value
// keeps its line. Aliases are resolved lazily with a budget, so an alias bomb costs a bounded
// amount of work, and every walk stops at maxDepth.

const (
	maxDepth       = 64     // deeper structure is ignored: no real configuration nests this far
	maxAliasFollow = 10_000 // aliases resolved per document
	maxDocs        = 5_000  // documents read from one multi-document YAML file
)

// doc is one parsed YAML document (or a JSON file) with its alias budget.
type doc struct {
	root    *yaml.Node
	aliases int
}

// deref follows aliases while the document's budget lasts.
func (d *doc) deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		if d.aliases >= maxAliasFollow {
			return nil
		}
		d.aliases++
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return d.deref(n.Content[0])
	}
	return n
}

// get returns the value of key in mapping n, or nil.
func (d *doc) get(n *yaml.Node, key string) *yaml.Node {
	n = d.deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind == yaml.ScalarNode && k.Value == key {
			return d.deref(n.Content[i+1])
		}
		if k.Kind == yaml.ScalarNode && k.Value == "<<" {
			// merge keys: look inside the merged mapping(s)
			if v := d.get(n.Content[i+1], key); v != nil {
				return v
			}
		}
	}
	return nil
}

// path follows a sequence of mapping keys.
func (d *doc) path(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		n = d.get(n, k)
		if n == nil {
			return nil
		}
	}
	return n
}

// str returns a scalar's value, or "".
func (d *doc) str(n *yaml.Node) string {
	n = d.deref(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// gets returns the scalar value at key.
func (d *doc) gets(n *yaml.Node, keys ...string) string { return d.str(d.path(n, keys...)) }

// items returns a sequence's elements (dereferenced), or nil.
func (d *doc) items(n *yaml.Node) []*yaml.Node {
	n = d.deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		if c = d.deref(c); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// pairs calls fn for each key and value of a mapping, in order.
func (d *doc) pairs(n *yaml.Node, fn func(k string, kn, v *yaml.Node)) {
	n = d.deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if v := d.deref(n.Content[i+1]); v != nil {
			fn(n.Content[i].Value, n.Content[i], v)
		}
	}
}

// strs returns the scalar strings of a sequence, or the single scalar.
func (d *doc) strs(n *yaml.Node) []string {
	n = d.deref(n)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, c := range d.items(n) {
		if c.Kind == yaml.ScalarNode {
			out = append(out, c.Value)
		}
	}
	return out
}

// isMap reports whether n is a mapping.
func (d *doc) isMap(n *yaml.Node) bool {
	n = d.deref(n)
	return n != nil && n.Kind == yaml.MappingNode
}

// walk visits every node under n depth first, at most maxDepth deep, with the key it sits
// under ("" in sequences). Returning false from fn skips the node's children.
func (d *doc) walk(n *yaml.Node, fn func(key string, n *yaml.Node) bool) {
	d.walkDepth("", n, fn, 0)
}

func (d *doc) walkDepth(key string, n *yaml.Node, fn func(string, *yaml.Node) bool, depth int) {
	n = d.deref(n)
	if n == nil || depth > maxDepth {
		return
	}
	if !fn(key, n) {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			d.walkDepth(n.Content[i].Value, n.Content[i+1], fn, depth+1)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			d.walkDepth(key, c, fn, depth+1)
		}
	}
}

// parseYAMLDocs parses a (multi-document) YAML file. A malformed document ends the file with an
// error carrying its line; the documents before it are kept. It never panics.
func parseYAMLDocs(data []byte) (docs []*doc, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml parser failed: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for len(docs) < maxDocs {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return docs, nil
			}
			return docs, err
		}
		docs = append(docs, &doc{root: &n})
	}
	return docs, nil
}

// yamlErrLine extracts the line from a yaml.v3 error ("yaml: line 12: ...").
func yamlErrLine(err error) int {
	s := err.Error()
	if i := strings.Index(s, "line "); i >= 0 {
		j := i + 5
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if n, e := strconv.Atoi(s[j:k]); e == nil {
			return n
		}
	}
	return 0
}

// jsonError is a JSON syntax error with the line it was found on.
type jsonError struct {
	Line int
	Msg  string
}

func (e *jsonError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// parseJSON reads JSON into a yaml.Node tree with line numbers. encoding/json has no
// positions, so this walks its token stream and maps byte offsets to lines.
func parseJSON(data []byte) (*doc, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lines := newLineIndex(data)
	var build func(depth int) (*yaml.Node, error)
	build = func(depth int) (*yaml.Node, error) {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil, &jsonError{Line: lines.line(dec.InputOffset()), Msg: err.Error()}
		}
		if depth > maxDepth*4 {
			return nil, &jsonError{Line: lines.line(off), Msg: "nested too deeply"}
		}
		line := lines.line(skipSpace(data, off))
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				n := &yaml.Node{Kind: yaml.MappingNode, Line: line}
				for dec.More() {
					koff := dec.InputOffset()
					kt, err := dec.Token()
					if err != nil {
						return nil, &jsonError{Line: lines.line(dec.InputOffset()), Msg: err.Error()}
					}
					ks, _ := kt.(string)
					k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: ks, Line: lines.line(skipSpace(data, koff))}
					v, err := build(depth + 1)
					if err != nil {
						return nil, err
					}
					n.Content = append(n.Content, k, v)
				}
				if _, err := dec.Token(); err != nil {
					return nil, &jsonError{Line: lines.line(dec.InputOffset()), Msg: err.Error()}
				}
				return n, nil
			case '[':
				n := &yaml.Node{Kind: yaml.SequenceNode, Line: line}
				for dec.More() {
					v, err := build(depth + 1)
					if err != nil {
						return nil, err
					}
					n.Content = append(n.Content, v)
				}
				if _, err := dec.Token(); err != nil {
					return nil, &jsonError{Line: lines.line(dec.InputOffset()), Msg: err.Error()}
				}
				return n, nil
			}
			return nil, &jsonError{Line: line, Msg: "unexpected " + t.String()}
		case string:
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: t, Line: line}, nil
		case json.Number:
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: t.String(), Line: line}, nil
		case bool:
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(t), Line: line}, nil
		case nil:
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "", Line: line}, nil
		}
		return nil, &jsonError{Line: line, Msg: "unexpected token"}
	}
	root, err := build(0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &jsonError{Line: lines.line(dec.InputOffset()), Msg: "data after the top-level value"}
	}
	return &doc{root: root}, nil
}

// skipSpace returns the offset of the first non-space byte at or after off, so a value's line
// is the line it starts on rather than the line of the comma before it.
func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex struct{ starts []int64 }

func newLineIndex(data []byte) lineIndex {
	starts := []int64{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, int64(i+1))
		}
	}
	return lineIndex{starts}
}

func (l lineIndex) line(off int64) int {
	lo, hi := 0, len(l.starts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if l.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}
