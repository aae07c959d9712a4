package waapi

import (
	"net/http"
	"net/url"
	"strings"
)

// handler is one operation's HTTP handler. The body has already been read (for the
// signature), so it is passed in rather than read from r.
type handler func(w http.ResponseWriter, r *http.Request, body []byte) error

// operation is one row of the route table.
type operation struct {
	name    string
	method  string
	pattern string   // e.g. /workloads/{WorkloadId}/lensReviews/{LensAlias}
	segs    []string // the pattern split at '/'; "{X}" segments are labels
	h       handler
	in      *typePlan
	inType  string // the Go input type's name, for tests
}

// router matches requests on the escaped path, segment by segment, so an ARN label sent as
// arn%3Aaws%3A...%3Aworkload%2F... stays one segment; each label is then unescaped alone.
// Labels in the model are never greedy.
type router struct {
	byMethod map[string][]*operation
}

func newRouter(ops []*operation) *router {
	rt := &router{byMethod: map[string][]*operation{}}
	for _, op := range ops {
		op.segs = splitPath(op.pattern)
		rt.byMethod[op.method] = append(rt.byMethod[op.method], op)
	}
	return rt
}

// match finds the operation for r and sets its path labels (r.PathValue).
func (rt *router) match(r *http.Request) (*operation, bool) {
	segs := splitPath(rawPath(r))
	for _, op := range rt.byMethod[r.Method] {
		if len(op.segs) != len(segs) {
			continue
		}
		ok := true
		for i, s := range op.segs {
			if !isLabel(s) && s != segs[i] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for i, s := range op.segs {
			if isLabel(s) {
				v, err := url.PathUnescape(segs[i])
				if err != nil {
					return nil, false
				}
				r.SetPathValue(s[1:len(s)-1], v)
			}
		}
		return op, true
	}
	return nil, false
}

// splitPath splits a path into segments, ignoring one trailing slash: the model writes
// ListProfileNotifications as /profileNotifications/, botocore sends it so and the Go SDK
// without the slash.
func splitPath(p string) []string {
	return strings.Split(strings.TrimSuffix(strings.TrimPrefix(p, "/"), "/"), "/")
}

func isLabel(s string) bool { return len(s) > 2 && s[0] == '{' && s[len(s)-1] == '}' }
