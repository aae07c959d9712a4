package scan

import "testing"

func TestRowPanels(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]int{
		`{"type":"row","collapsed":true,"panels":[{"a":"]"},{"panels":[1,2]},3]}`: 3,
		`{"Panels":[1],"title":"x \" ] {"}`:                                       1, // keys match in any case
		`{"panels":[1],"panels":[1,2]}`:                                           2, // the last key wins
		`{"panels":{"a":1}}`:                                                      0,
		`{"panels":null}`:                                                         0,
		`{"type":"graph"}`:                                                        0,
		`{}`:                                                                      0,
		`[1,2]`:                                                                   0,
		`7`:                                                                       0,
		` { "panels" : [ ] } `:                                                    0,
		` { "x": {"panels":[1]}, "panels" : [ {}, [], "s" ] } `: 3,
	} {
		if got := rowPanels([]byte(raw)); got != want {
			t.Errorf("rowPanels(%s) = %d, want %d", raw, got, want)
		}
	}
}
