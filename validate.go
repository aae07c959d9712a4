package wellops

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// These helpers keep validation messages uniform: the field is named by the caller, the message
// names the limit and what was found.

func checkLen(p *Problems, name, v string, min, max int) {
	n := utf8.RuneCountInString(v)
	switch {
	case n < min && n == 0:
		p.Add(name, "is required (%d to %d characters)", min, max)
	case n < min:
		p.Add(name, "must be at least %d characters, got %d", min, n)
	case n > max:
		p.Add(name, "must be at most %d characters, got %d", max, n)
	}
}

func checkMax(p *Problems, name, v string, max int) {
	if n := utf8.RuneCountInString(v); n > max {
		p.Add(name, "must be at most %d characters, got %d", max, n)
	}
}

func checkEnum(p *Problems, name, v string, allowed ...string) {
	if !slices.Contains(allowed, v) {
		p.Add(name, "must be one of %s, got %q", strings.Join(allowed, ", "), clip(v))
	}
}

func checkPattern(p *Problems, name, v string, re *regexp.Regexp, what string) {
	if !re.MatchString(v) {
		p.Add(name, "must be %s, got %q", what, clip(v))
	}
}

// clip shortens a value quoted back to a user, so one huge input does not make a huge error.
func clip(s string) string {
	const max = 64
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}

var (
	reAccountID = regexp.MustCompile(`^[0-9]{12}$`)
	reHexID     = regexp.MustCompile(`^[0-9a-f]{32}$`)
	reAWSRegion = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$`)
	reDesignURL = regexp.MustCompile(`^(|(https?|ftp)://[^\s/$.?#].[^\s]*)$`)
	rePillarID  = regexp.MustCompile(`^[A-Za-z0-9_]{1,64}$`)
	reJiraKey   = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	reTemplate  = regexp.MustCompile(`^[A-Za-z0-9\-_.,:/()@!&?#+'’\s]+$`)
)

// checkTags applies the API's TagMap rules: 1–50 entries, keys 1–128, values 0–256, no
// reserved "aws:" prefix.
func checkTags(p *Problems, name string, tags map[string]string) {
	if len(tags) > 50 {
		p.Add(name, "must have at most 50 tags, got %d", len(tags))
	}
	for k, v := range tags {
		if n := utf8.RuneCountInString(k); n < 1 || n > 128 {
			p.Add(name+"."+clip(k), "tag key must be 1 to 128 characters, got %d", n)
		}
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			p.Add(name+"."+clip(k), "tag keys starting with aws: are reserved")
		}
		if n := utf8.RuneCountInString(v); n > 256 {
			p.Add(name+"."+clip(k), "tag value must be at most 256 characters, got %d", n)
		}
	}
}

// ValidAccountID reports whether s is a 12-digit account ID.
func ValidAccountID(s string) bool { return reAccountID.MatchString(s) }

// ValidID reports whether s has the shape of a WorkloadId or ShareId (32 lowercase hex).
func ValidID(s string) bool { return reHexID.MatchString(s) }

// ValidateTags checks a TagMap given to TagResource, ImportLens or a Create* call.
func ValidateTags(tags map[string]string) error {
	var p Problems
	if len(tags) == 0 {
		p.Add("Tags", "must have at least 1 tag")
	}
	checkTags(&p, "Tags", tags)
	return p.Err()
}
