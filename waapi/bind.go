package waapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wellops/wellops"
)

// Request binding: every operation's input is one Go struct whose tags say where each member
// comes from and which limits of the model apply to it:
//
//	json:"Name"   a member of the JSON body (the model's name, verbatim)
//	uri:"Name"    a path label
//	query:"Name"  a query-string parameter
//	v:"..."       rules: req, len=MIN:MAX (characters, or entries of a list or map),
//	              range=MIN:MAX (integers), enum=A|B, pat=NAME (see patterns),
//	              and the same prefixed by * for each element of a list or value of a map,
//	              or by key. for each key of a map
//
// A plan is built from the tags once per operation when the route table is made, so a request
// costs no tag parsing. model_test.go checks every input struct against the botocore model.

// maxDepth bounds the nesting of a JSON body; the deepest input of the model nests four
// levels, so anything past this is an attack or a mistake.
const maxDepth = 20

const (
	locBody = iota
	locURI
	locQuery
)

type fieldPlan struct {
	index  []int
	name   string
	loc    int
	rules  rules
	nested *typePlan // for struct members, lists of structs and maps of structs
}

type typePlan struct {
	fields []fieldPlan
	// hasBody tells whether any member comes from the body, so an empty body is {}.
	hasBody bool
	// token and nextToken index the ClientRequestToken and NextToken members, or are nil.
	token, nextToken []int
}

type rules struct {
	required         bool
	minLen, maxLen   int // -1 when unset
	minVal, maxVal   int
	hasRange         bool
	enum             []string
	pat              *regexp.Regexp
	patWhat          string
	elem, key        *rules
	hasLen, hasRules bool
}

// patterns are the model's patterns that matter for input, anchored: the model's unanchored
// ID patterns would accept any string that merely contains an ID.
var patterns = map[string]struct {
	re   *regexp.Regexp
	what string
}{
	"id":          {regexp.MustCompile(`^[0-9a-f]{32}$`), "32 lowercase hexadecimal characters"},
	"account":     {regexp.MustCompile(`^[0-9]{12}$`), "a 12-digit account ID"},
	"profileArn":  {regexp.MustCompile(`^arn:aws[-a-z]*:wellarchitected:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:profile/[a-z0-9]+$`), "a profile ARN"},
	"templateArn": {regexp.MustCompile(`^arn:aws(-us-gov|-iso(-[a-z])?|-cn)?:wellarchitected:[a-z]{2}(-gov|-iso([a-z])?)?-[a-z]+-\d:\d{12}:review-template/[a-f0-9]{32}$`), "a review template ARN"},
	"appArn":      {regexp.MustCompile(`^arn:aws[-a-z]*:servicecatalog:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:/applications/[a-z0-9]+$`), "an AppRegistry application ARN"},
	"version":     {regexp.MustCompile(`^[A-Za-z0-9-]+$`), "letters, digits and hyphens"},
	"jiraKey":     {regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`), "an upper-case Jira project key"},
	"design":      {regexp.MustCompile(`^(|(https?|ftp)://[^\s/$.?#].[^\s]*)$`), "an http, https or ftp URL"},
	"templateText": {regexp.MustCompile(`^[A-Za-z0-9\-_.,:/()@!&?#+'’\s]+$`),
		"letters, digits, spaces and - _ . , : / ( ) @ ! & ? # + '"},
}

// planFor builds the plan of an input type. It panics on a malformed tag: the route table is
// built at start-up, and a test builds it too, so a typo never reaches a request.
func planFor(t reflect.Type) *typePlan {
	p := &typePlan{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			p.embed(i, planFor(f.Type)) // members shared by several inputs
			continue
		}
		fp := fieldPlan{index: f.Index, rules: parseRules(f.Tag.Get("v"))}
		switch {
		case f.Tag.Get("uri") != "":
			fp.name, fp.loc = f.Tag.Get("uri"), locURI
		case f.Tag.Get("query") != "":
			fp.name, fp.loc = f.Tag.Get("query"), locQuery
		default:
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				panic(fmt.Sprintf("waapi: %s.%s has no location tag", t.Name(), f.Name))
			}
			fp.name, fp.loc = name, locBody
			p.hasBody = true
		}
		if st := structOf(f.Type); st != nil {
			fp.nested = planFor(st)
		}
		switch fp.name {
		case "ClientRequestToken":
			p.token = f.Index
		case "NextToken":
			p.nextToken = f.Index
		}
		p.fields = append(p.fields, fp)
	}
	return p
}

// embed adds the members of an embedded struct at field i.
func (p *typePlan) embed(i int, sub *typePlan) {
	at := func(idx []int) []int {
		if idx == nil {
			return nil
		}
		return append([]int{i}, idx...)
	}
	for _, f := range sub.fields {
		f.index = at(f.index)
		p.fields = append(p.fields, f)
	}
	p.hasBody = p.hasBody || sub.hasBody
	if sub.token != nil {
		p.token = at(sub.token)
	}
	if sub.nextToken != nil {
		p.nextToken = at(sub.nextToken)
	}
}

// structOf returns the struct type inside t (t itself, a pointer, list or map of it), or nil.
func structOf(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		return t
	}
	return nil
}

func parseRules(tag string) rules {
	r := rules{minLen: -1, maxLen: -1}
	if tag == "" {
		return r
	}
	r.hasRules = true
	for _, part := range strings.Split(tag, ",") {
		target := &r
		switch {
		case strings.HasPrefix(part, "*"):
			if r.elem == nil {
				r.elem = &rules{minLen: -1, maxLen: -1, hasRules: true}
			}
			target, part = r.elem, part[1:]
		case strings.HasPrefix(part, "key."):
			if r.key == nil {
				r.key = &rules{minLen: -1, maxLen: -1, hasRules: true}
			}
			target, part = r.key, part[4:]
		}
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "req":
			target.required = true
		case "len":
			target.minLen, target.maxLen = parseSpan(tag, v)
			target.hasLen = true
		case "range":
			target.minVal, target.maxVal = parseSpan(tag, v)
			target.hasRange = true
		case "enum":
			target.enum = strings.Split(v, "|")
		case "pat":
			p, ok := patterns[v]
			if !ok {
				panic("waapi: unknown pattern " + v)
			}
			target.pat, target.patWhat = p.re, p.what
		default:
			panic("waapi: unknown rule " + part + " in " + tag)
		}
	}
	return r
}

func parseSpan(tag, v string) (int, int) {
	lo, hi, ok := strings.Cut(v, ":")
	min, err1 := strconv.Atoi(lo)
	max, err2 := strconv.Atoi(hi)
	if lo == "" {
		min, err1 = -1, nil
	}
	if hi == "" {
		max, err2 = -1, nil
	}
	if !ok || err1 != nil || err2 != nil {
		panic("waapi: bad span in " + tag)
	}
	return min, max
}

// bind fills in from the request: the JSON body, then the path labels and query parameters,
// and checks every rule. All problems are reported together.
func (p *typePlan) bind(r *http.Request, body []byte, in any) error {
	v := reflect.ValueOf(in).Elem()
	if p.hasBody && len(bytes.TrimSpace(body)) > 0 {
		if err := decodeJSON(body, in); err != nil {
			return err
		}
	}
	var probs wellops.Problems
	var q map[string][]string
	for _, f := range p.fields {
		if f.loc == locBody {
			continue
		}
		fv := v.FieldByIndex(f.index)
		var raw []string
		if f.loc == locURI {
			raw = []string{r.PathValue(f.name)}
		} else {
			if q == nil {
				q = r.URL.Query()
			}
			raw = q[f.name]
		}
		setParam(&probs, f.name, fv, raw)
	}
	if len(probs) > 0 {
		return probs.Err()
	}
	p.check(&probs, "", v)
	return probs.Err()
}

// setParam converts a path or query value to the member's type.
func setParam(probs *wellops.Problems, name string, fv reflect.Value, raw []string) {
	if len(raw) == 0 {
		fv.SetZero()
		return
	}
	t := fv.Type()
	if t.Kind() == reflect.Slice {
		fv.Set(reflect.ValueOf(append([]string(nil), raw...)))
		return
	}
	s := raw[0]
	if t.Kind() == reflect.Pointer {
		ptr := reflect.New(t.Elem())
		fv.Set(ptr)
		fv = ptr.Elem()
	}
	switch fv.Kind() {
	case reflect.String:
		fv.SetString(s)
	case reflect.Int:
		n, err := strconv.Atoi(s)
		if err != nil {
			probs.Add(name, "must be an integer, got %q", clip(s))
			return
		}
		fv.SetInt(int64(n))
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			probs.Add(name, "must be true or false, got %q", clip(s))
			return
		}
		fv.SetBool(b)
	}
}

// check applies the rules of every member of v, naming nested members Parent.Child.
func (p *typePlan) check(probs *wellops.Problems, prefix string, v reflect.Value) {
	for _, f := range p.fields {
		fv := v.FieldByIndex(f.index)
		name := prefix + f.name
		f.rules.check(probs, name, fv)
		if f.nested != nil {
			f.nested.checkNested(probs, name, fv)
		}
	}
}

func (p *typePlan) checkNested(probs *wellops.Problems, name string, fv reflect.Value) {
	switch fv.Kind() {
	case reflect.Pointer:
		if !fv.IsNil() {
			p.check(probs, name+".", fv.Elem())
		}
	case reflect.Struct:
		p.check(probs, name+".", fv)
	case reflect.Slice:
		for i := 0; i < fv.Len(); i++ {
			p.checkNested(probs, fmt.Sprintf("%s[%d]", name, i), fv.Index(i))
		}
	case reflect.Map:
		iter := fv.MapRange()
		for iter.Next() {
			p.checkNested(probs, name+"."+clip(iter.Key().String()), iter.Value())
		}
	}
}

func (r *rules) check(probs *wellops.Problems, name string, v reflect.Value) {
	if !r.hasRules {
		return
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			if r.required {
				probs.Add(name, "is required")
			}
			return
		}
		v = v.Elem()
	} else if v.IsZero() && (v.Kind() != reflect.Int || !r.required) {
		// Absent: an empty string, a nil list or map. A required integer (a path label) is
		// always present, so its zero is checked against its range.
		if r.required {
			probs.Add(name, "is required")
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		if r.hasLen {
			n := utf8.RuneCountInString(s)
			if (r.minLen >= 0 && n < r.minLen) || (r.maxLen >= 0 && n > r.maxLen) {
				probs.Add(name, "must be %s characters, got %d", span(r.minLen, r.maxLen), n)
			}
		}
		if r.enum != nil && !slices.Contains(r.enum, s) {
			probs.Add(name, "must be one of %s, got %q", strings.Join(r.enum, ", "), clip(s))
		}
		if r.pat != nil && !r.pat.MatchString(s) {
			probs.Add(name, "must be %s, got %q", r.patWhat, clip(s))
		}
	case reflect.Int:
		if n := int(v.Int()); r.hasRange && (n < r.minVal || (r.maxVal >= 0 && n > r.maxVal)) {
			probs.Add(name, "must be %s, got %d", span(r.minVal, r.maxVal), n)
		}
	case reflect.Slice, reflect.Map:
		if n := v.Len(); r.hasLen && ((r.minLen >= 0 && n < r.minLen) || (r.maxLen >= 0 && n > r.maxLen)) {
			probs.Add(name, "must have %s entries, got %d", span(r.minLen, r.maxLen), n)
		}
		if v.Kind() == reflect.Slice && r.elem != nil {
			for i := 0; i < v.Len(); i++ {
				r.elem.check(probs, fmt.Sprintf("%s[%d]", name, i), v.Index(i))
			}
		}
		if v.Kind() == reflect.Map && (r.elem != nil || r.key != nil) {
			iter := v.MapRange()
			for iter.Next() {
				k := iter.Key()
				if r.key != nil {
					r.key.check(probs, name+" key", k)
				}
				if r.elem != nil {
					r.elem.check(probs, name+"."+clip(k.String()), iter.Value())
				}
			}
		}
	}
}

func span(min, max int) string {
	switch {
	case min < 0:
		return fmt.Sprintf("at most %d", max)
	case max < 0:
		return fmt.Sprintf("at least %d", min)
	case min == max:
		return strconv.Itoa(min)
	}
	return fmt.Sprintf("%d to %d", min, max)
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 64 {
		return s
	}
	return string([]rune(s)[:64]) + "…"
}

// decodeJSON decodes a request body. Unknown members are ignored, as newer SDKs may send
// members this model lacks; a wrong type names the member.
func decodeJSON(body []byte, in any) error {
	if err := checkDepth(body); err != nil {
		return err
	}
	if err := json.Unmarshal(body, in); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			// The path names embedded Go structs (lower case) where the wire has none.
			field := te.Field
			if first, rest, ok := strings.Cut(field, "."); ok && first != "" && first[0] >= 'a' && first[0] <= 'z' {
				field = rest
			}
			if field == "" {
				return invalid(reasonCannotParse, "the request body must be a JSON object")
			}
			return invalid(reasonFieldValidation, "invalid "+field,
				wellops.FieldError{Name: field, Message: "must be " + jsonType(te.Type) + ", got " + te.Value})
		}
		return invalid(reasonCannotParse, "the request body is not valid JSON")
	}
	return nil
}

func jsonType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return t.String()
}

// checkDepth rejects JSON nested deeper than maxDepth, before the decoder recurses into it.
func checkDepth(body []byte) error {
	depth, inString, escaped := 0, false, false
	for _, c := range body {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > maxDepth {
				return invalid(reasonCannotParse, fmt.Sprintf("the request body nests deeper than %d levels", maxDepth))
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}
