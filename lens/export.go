package lens

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Export writes the lens as AWS custom-lens JSON, indented by two spaces, in the shape Parse
// reads, so that exporting and parsing again gives an equal lens. It refuses (with a
// *ValidationError) a lens that Parse would reject, so an export can always be imported.
// Catalog facts of the built-in lens (BestPractice) are not part of the format and are left
// out.
func (l *Lens) Export() ([]byte, error) {
	if probs, _ := l.validate(); len(probs) > 0 {
		return nil, invalid(probs)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	// Conditions read "a && b", not "a \u0026\u0026 b"; nothing here is embedded in HTML.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(l); err != nil {
		return nil, err
	}
	if b.Len() > MaxSize {
		return nil, &ValidationError{Problems: []Problem{{
			Rule:  "must export to at most 500000 bytes",
			Value: strconv.Itoa(b.Len()) + " bytes",
		}}}
	}
	return b.Bytes(), nil
}
