package waapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/wellops/wellops"
)

// errorShape is how one wellops error code appears on the wire: the model's exception shape
// and its HTTP status.
type errorShape struct {
	name   string
	status int
}

// errorShapes is the one table from wellops error codes to the model's seven exceptions.
// ServiceQuotaExceededException is 402 because the model says so.
var errorShapes = map[string]errorShape{
	wellops.EINVALID:      {"ValidationException", http.StatusBadRequest},
	wellops.ENOTFOUND:     {"ResourceNotFoundException", http.StatusNotFound},
	wellops.ECONFLICT:     {"ConflictException", http.StatusConflict},
	wellops.EQUOTA:        {"ServiceQuotaExceededException", http.StatusPaymentRequired},
	wellops.EFORBIDDEN:    {"AccessDeniedException", http.StatusForbidden},
	wellops.EUNAUTHORIZED: {"AccessDeniedException", http.StatusForbidden},
	wellops.ETHROTTLED:    {"ThrottlingException", http.StatusTooManyRequests},
	wellops.EINTERNAL:     {"InternalServerException", http.StatusInternalServerError},
}

// Validation reasons of ValidationException.
const (
	reasonUnknownOperation = "UNKNOWN_OPERATION"
	reasonCannotParse      = "CANNOT_PARSE"
	reasonFieldValidation  = "FIELD_VALIDATION_FAILED"
	reasonOther            = "OTHER"
)

// errorBody carries every member any of the seven shapes has; each shape uses its own.
type errorBody struct {
	Type         string       `json:"__type"`
	Message      string       `json:"Message"`
	Reason       string       `json:"Reason,omitempty"`
	Fields       []fieldError `json:"Fields,omitempty"`
	ResourceID   string       `json:"ResourceId,omitempty"`
	ResourceType string       `json:"ResourceType,omitempty"`
	QuotaCode    string       `json:"QuotaCode,omitempty"`
	ServiceCode  string       `json:"ServiceCode,omitempty"`
}

type fieldError struct {
	Name    string `json:"Name"`
	Message string `json:"Message"`
}

// apiError is an error the API raises itself, before or around the services: it carries its
// exception and reason directly.
type apiError struct {
	shape  errorShape
	reason string
	err    *wellops.Error
}

func (e *apiError) Error() string { return e.err.Error() }
func (e *apiError) Unwrap() error { return e.err }

// invalid reports bad input that is not a member's value: unparseable JSON, an unknown route.
func invalid(reason, msg string, fields ...wellops.FieldError) error {
	return &apiError{shape: errorShapes[wellops.EINVALID], reason: reason,
		err: &wellops.Error{Code: wellops.EINVALID, Message: msg, Fields: fields}}
}

// errorResponse turns any error into the exception shape, status and body a client sees. The
// message of an internal error never leaves the server.
func errorResponse(err error) (errorShape, errorBody) {
	var ae *apiError
	if errors.As(err, &ae) {
		b := bodyOf(ae.shape, ae.err)
		b.Reason = ae.reason
		return ae.shape, b
	}
	var auth *authError
	if errors.As(err, &auth) {
		return errorShape{auth.code, http.StatusForbidden}, errorBody{Type: auth.code, Message: auth.msg}
	}
	var we *wellops.Error
	if !errors.As(err, &we) {
		we = &wellops.Error{Code: wellops.EINTERNAL}
	}
	shape, ok := errorShapes[we.Code]
	if !ok {
		shape = errorShapes[wellops.EINTERNAL]
	}
	b := bodyOf(shape, we)
	if we.Code == wellops.EINVALID {
		b.Reason = reasonFieldValidation
		if len(b.Fields) == 0 {
			b.Reason = reasonOther
		}
	}
	return shape, b
}

func bodyOf(shape errorShape, we *wellops.Error) errorBody {
	b := errorBody{Type: shape.name, Message: we.Message}
	switch shape.name {
	case "InternalServerException":
		b.Message = "internal error"
	case "ValidationException":
		b.Message = we.Error() // the message with every field problem, as the CLI prints only Message
		for _, f := range we.Fields {
			b.Fields = append(b.Fields, fieldError{Name: f.Name, Message: f.Message})
		}
	case "ResourceNotFoundException", "ConflictException":
		// Both members are required by the model.
		b.ResourceID, b.ResourceType = orUnknown(we.ResourceID), orUnknown(we.ResourceType)
	case "ServiceQuotaExceededException":
		b.ResourceID, b.ResourceType = we.ResourceID, we.ResourceType
		b.QuotaCode, b.ServiceCode = orUnknown(we.QuotaCode), sigService
	case "ThrottlingException":
		b.QuotaCode, b.ServiceCode = "L-RATE", sigService
	}
	if b.Message == "" {
		b.Message = shape.name
	}
	return b
}

func orUnknown(s string) string {
	if s == "" {
		return "UNKNOWN"
	}
	return s
}

// writeError answers with err's exception. Internal errors are logged with the request ID
// (the one place they are handled); the client gets only "internal error".
func writeError(w http.ResponseWriter, log *slog.Logger, reqID string, err error) int {
	shape, body := errorResponse(err)
	if shape.status >= 500 {
		log.Error("internal error", "request_id", reqID, "err", err)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("x-amzn-ErrorType", shape.name)
	b, _ := json.Marshal(body)
	w.WriteHeader(shape.status)
	w.Write(b)
	return shape.status
}
