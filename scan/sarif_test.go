package scan

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSARIFSchema validates the SARIF output of every fixture and corpus repository against
// the official SARIF 2.1.0 schema (testdata/sarif-schema-2.1.0.json, source in
// testdata/README.md), with format assertions on.
func TestSARIFSchema(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}

	reports := map[string]*Report{}
	entries, _ := os.ReadDir(filepath.Join("testdata", "fixtures"))
	for _, e := range entries {
		reports["fixture/"+e.Name()] = scanDir(t, filepath.Join("testdata", "fixtures", e.Name()), Options{})
	}
	if _, err := os.Stat(corpusDir); err == nil {
		for name := range corpusRepos {
			reports["corpus/"+name] = scanCorpus(t, name)
		}
	}
	for name, r := range reports {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, "sarif", r); err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Fatalf("SARIF output does not match the 2.1.0 schema: %v", err)
			}
			// GitHub code scanning needs a location on every result.
			var log struct {
				Runs []struct {
					Results []struct {
						Locations []json.RawMessage `json:"locations"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(b.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			for i, res := range log.Runs[0].Results {
				if len(res.Locations) == 0 {
					t.Errorf("result %d has no location", i)
				}
			}
		})
	}

	// The validator must be able to fail: a result without a message is invalid.
	bad := []byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"r"}]}]}`)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if schema.Validate(inst) == nil {
		t.Error("the schema accepted a result without a message")
	}
}
