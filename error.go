package wellops

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes form a closed set. Each adapter maps them to its protocol in one table
// (the AWS API to its seven exception shapes, the UI to pages, the CLI to exit codes).
const (
	EINVALID      = "invalid"      // bad input; Fields names each offending member
	ENOTFOUND     = "not_found"    // missing, or hidden from this principal
	ECONFLICT     = "conflict"     // clashes with stored state (duplicate name, stale token)
	EQUOTA        = "quota"        // a configured quota would be exceeded
	EFORBIDDEN    = "forbidden"    // the principal may see the resource but not do this
	EUNAUTHORIZED = "unauthorized" // no identity, or one that does not check out
	ETHROTTLED    = "throttled"    // too many requests
	EINTERNAL     = "internal"     // anything else; its text never reaches a client
)

// Error is the one application error. Message is safe to show to users; anything that is not
// an *Error is internal, and adapters show "internal error" for it and log the chain.
type Error struct {
	Code    string
	Message string

	// Fields lists every invalid member for EINVALID, so a client can fix them all at once.
	Fields []FieldError
	// ResourceType and ResourceID name the resource for ENOTFOUND, ECONFLICT and EQUOTA
	// (types are the API's: WORKLOAD, LENS, MILESTONE, ...).
	ResourceType string
	ResourceID   string
	// QuotaCode names the quota for EQUOTA.
	QuotaCode string
}

// FieldError names one invalid member and the limit it broke.
type FieldError struct {
	Name    string
	Message string
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.Name)
		b.WriteString(": ")
		b.WriteString(f.Message)
	}
	return b.String()
}

// Errorf returns an *Error with the given code and a formatted, user-safe message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFound reports a missing resource. It is also the answer for a resource the principal
// may not see, so that existence does not leak.
func NotFound(resourceType, id string) *Error {
	return &Error{
		Code:         ENOTFOUND,
		Message:      fmt.Sprintf("%s %s not found", strings.ToLower(strings.ReplaceAll(resourceType, "_", " ")), id),
		ResourceType: resourceType,
		ResourceID:   id,
	}
}

// Conflict reports a clash with stored state on the named resource.
func Conflict(resourceType, id, format string, args ...any) *Error {
	return &Error{Code: ECONFLICT, Message: fmt.Sprintf(format, args...), ResourceType: resourceType, ResourceID: id}
}

// QuotaExceeded reports that a configured quota would be exceeded.
func QuotaExceeded(quotaCode, resourceType, id, format string, args ...any) *Error {
	return &Error{Code: EQUOTA, Message: fmt.Sprintf(format, args...), QuotaCode: quotaCode, ResourceType: resourceType, ResourceID: id}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other
// error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err: the *Error's message, or
// "internal error" for anything else.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "internal error"
}

// Problems collects field errors so validation reports every problem at once.
type Problems []FieldError

// Add records a problem with the named field.
func (p *Problems) Add(name, format string, args ...any) {
	*p = append(*p, FieldError{Name: name, Message: fmt.Sprintf(format, args...)})
}

// Err returns nil when nothing was recorded, otherwise an EINVALID *Error listing them all.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	msg := "invalid input"
	if len(p) == 1 {
		msg = "invalid " + p[0].Name
	}
	return &Error{Code: EINVALID, Message: msg, Fields: p}
}
