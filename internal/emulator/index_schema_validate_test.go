package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// Every 2026-07 create rule, each refused with 400 INVALID_ARGUMENT in
// Pinecone's error body (spec db_control_2026-07.oas.yaml CreateIndexRequest,
// CreateIndexSchema, the field models and ReadCapacity; docs
// guides/search/full-text-search/text-processing).

// fieldsBody wraps schema fields (a JSON object's members) in a create body.
func fieldsBody(fields string) string {
	return `{"name":"x","schema":{"fields":{` + fields + `}}}`
}

// stringFields declares n full-text string fields f0, f1, ...
func stringFields(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(`"f%d":{"type":"string","full_text_search":{}}`, i)
	}
	return strings.Join(parts, ",")
}

const (
	denseField  = `"e":{"type":"dense_vector","dimension":4,"metric":"cosine"}`
	textField   = `"t":{"type":"string","full_text_search":{}}`
	dedicatedRC = `"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"b1","scaling":"Manual","manual":{"shards":1,"replicas":1}}}`
)

func TestCreate07Rules(t *testing.T) {
	long := strings.Repeat("a", 65)
	cases := []struct {
		rule, body, msg string
	}{
		{"empty schema", fieldsBody(``), emptySchemaMessage},
		{"metadata type float", fieldsBody(`"year":{"type":"float"}`), `Field "year": type float is a metadata type`},
		{"metadata type boolean", fieldsBody(`"ok":{"type":"boolean"}`), "is a metadata type"},
		{"metadata type string_list", fieldsBody(`"tags":{"type":"string_list"}`), "is a metadata type"},
		{"semantic_text", fieldsBody(`"c":{"type":"semantic_text","model":"multilingual-e5-large"}`), "POST /indexes/create-for-model"},
		{"unknown type", fieldsBody(`"v":{"type":"vector"}`), `unknown type "vector". Must be one of: dense_vector, sparse_vector, string.`},
		{"two dense", fieldsBody(denseField + `,"e2":{"type":"dense_vector","dimension":4,"metric":"cosine"}`), "at most one dense_vector field is allowed"},
		{"two sparse", fieldsBody(`"s1":{"type":"sparse_vector"},"s2":{"type":"sparse_vector"}`), "at most one sparse_vector field is allowed"},
		{"101 full-text fields", fieldsBody(stringFields(101)), "Schema declares 101 full_text_search string fields; at most 100 are allowed."},
		{"empty name", fieldsBody(`"":{"type":"sparse_vector"}`), "Schema field names must not be empty."},
		{"name over 64 bytes", fieldsBody(`"` + long + `":{"type":"sparse_vector"}`), "field names may be at most 64 bytes"},
		{"name over 64 bytes (multi-byte)", fieldsBody(`"` + strings.Repeat("é", 33) + `":{"type":"sparse_vector"}`), "66 bytes long"},
		{"name starting with $", fieldsBody(`"$eq":{"type":"sparse_vector"}`), "must not start with '$'"},
		{"reserved _id", fieldsBody(`"_id":{"type":"string","full_text_search":{}}`), `Schema field name "_id" is reserved`},
		{"reserved _other", fieldsBody(`"_embedding":{"type":"dense_vector","dimension":4,"metric":"cosine"}`), "is reserved"},
		{"_values not dense", fieldsBody(`"_values":{"type":"sparse_vector"}`), "Reserved field _values must be of type dense_vector"},
		{"_sparse_values not sparse", fieldsBody(`"_sparse_values":{"type":"dense_vector","dimension":4,"metric":"cosine"}`), "Reserved field _sparse_values must be of type sparse_vector"},
		{"reserved with named", fieldsBody(`"_values":{"type":"dense_vector","dimension":4,"metric":"cosine"},` + textField), "can only make up the whole schema"},
		{"reserved sparse with named", fieldsBody(`"_sparse_values":{"type":"sparse_vector"},` + denseField), "Reserved fields _sparse_values can only make up the whole schema"},
		{"reserved description", fieldsBody(`"_values":{"type":"dense_vector","dimension":4,"metric":"cosine","description":"d"}`), "Reserved field _values does not accept a description."},
		{"reserved empty description", fieldsBody(`"_sparse_values":{"type":"sparse_vector","description":""}`), "does not accept a description"},
		{"description over 256 bytes", fieldsBody(`"s":{"type":"sparse_vector","description":"` + strings.Repeat("d", 257) + `"}`), "descriptions may be at most 256 bytes"},
		{"dimension 0", fieldsBody(`"e":{"type":"dense_vector","dimension":0,"metric":"cosine"}`), `Field "e": dimension 0 is out of range. Must be between 1 and 20000.`},
		{"dimension 20001", fieldsBody(`"e":{"type":"dense_vector","dimension":20001,"metric":"cosine"}`), "dimension 20001 is out of range"},
		{"unknown metric", fieldsBody(`"e":{"type":"dense_vector","dimension":4,"metric":"hamming"}`), `Field "e": Invalid metric "hamming"`},
		{"string without full_text_search", fieldsBody(`"category":{"type":"string"}`), "a string field needs a full_text_search object"},
		{"string with filterable only", fieldsBody(`"category":{"type":"string","filterable":true}`), "needs a full_text_search object"},
		{"unknown language", fieldsBody(`"t":{"type":"string","full_text_search":{"language":"klingon"}}`), `unsupported full_text_search.language "klingon"`},
		{"language in capitals", fieldsBody(`"t":{"type":"string","full_text_search":{"language":"EN"}}`), "unsupported full_text_search.language"},
		{"stop_words without stemming", fieldsBody(`"t":{"type":"string","full_text_search":{"stop_words":true}}`), "full_text_search.stop_words requires stemming: true."},
		{"stop_words for a language without a list", fieldsBody(`"t":{"type":"string","full_text_search":{"language":"ar","stemming":true,"stop_words":true}}`), `language "ar" has no stop word list`},
		{"ngram min_gram 0", fieldsBody(`"t":{"type":"string","full_text_search":{"ngram":{"min_gram":0,"max_gram":3}}}`), "ngram.min_gram must be at least 1, got 0."},
		{"ngram min_gram > max_gram", fieldsBody(`"t":{"type":"string","full_text_search":{"ngram":{"min_gram":4,"max_gram":3}}}`), "ngram.min_gram (4) must not be greater than max_gram (3)."},
		{"ngram max_gram 11", fieldsBody(`"t":{"type":"string","full_text_search":{"ngram":{"min_gram":2,"max_gram":11}}}`), "ngram.max_gram must be at most 10, got 11."},
		{"ngram with stemming", fieldsBody(`"t":{"type":"string","full_text_search":{"stemming":true,"ngram":{"min_gram":2,"max_gram":3}}}`), "ngram cannot be combined with stemming or stop_words"},
		{"ngram with stop_words", fieldsBody(`"t":{"type":"string","full_text_search":{"stemming":true,"stop_words":true,"ngram":{"min_gram":2,"max_gram":3}}}`), "ngram cannot be combined with stemming or stop_words"},
		{"cmek_id with full-text field", `{"name":"x","cmek_id":"key-1","schema":{"fields":{` + textField + `}}}`, "cannot have full_text_search fields: remove cmek_id"},
		{"byoc without read_capacity", `{"name":"x","deployment":{"deployment_type":"byoc","environment":"aws-us-east-1-b921"},"schema":{"fields":{"_values":{"type":"dense_vector","dimension":4,"metric":"cosine"}}}}`, "BYOC indexes support only Dedicated read capacity"},
		{"byoc OnDemand", `{"name":"x","deployment":{"deployment_type":"byoc","environment":"aws-us-east-1-b921"},"read_capacity":{"mode":"OnDemand"},"schema":{"fields":{"_values":{"type":"dense_vector","dimension":4,"metric":"cosine"}}}}`, "BYOC indexes support only Dedicated read capacity"},
		{"byoc empty environment", `{"name":"x","deployment":{"deployment_type":"byoc","environment":""},` + dedicatedRC + `,"schema":{"fields":{"_values":{"type":"dense_vector","dimension":4,"metric":"cosine"}}}}`, "deployment.environment must not be empty."},
		{"pod deployment", `{"name":"x","deployment":{"deployment_type":"pod","environment":"us-east-1-aws","pod_type":"p1.x1"},"schema":{"fields":{"_values":{"type":"dense_vector","dimension":4,"metric":"cosine"}}}}`, "API version 2026-07 cannot create pod-based indexes"},
		{"unknown deployment type", `{"name":"x","deployment":{"deployment_type":"serverless","cloud":"aws","region":"us-east-1"},"schema":{"fields":{` + textField + `}}}`, `Invalid deployment.deployment_type "serverless". Must be one of: managed, byoc.`},
		{"managed with environment", `{"name":"x","deployment":{"deployment_type":"managed","cloud":"aws","region":"us-east-1","environment":"aped-4627-b74a"},"schema":{"fields":{` + textField + `}}}`, "deployment.environment is read-only"},
		{"bad name", `{"name":"Bad_Name","schema":{"fields":{` + textField + `}}}`, nameRuleMessage},
		{"empty name", `{"name":"","schema":{"fields":{` + textField + `}}}`, "Index name must be between 1 and 45 characters long."},
		{"bad tag key", `{"name":"x","tags":{"a b":"c"},"schema":{"fields":{` + textField + `}}}`, `Invalid tag key "a b"`},
		{"bad tag value", `{"name":"x","tags":{"a":"<c>"},"schema":{"fields":{` + textField + `}}}`, `Invalid value "<c>" for tag "a"`},
		{"bad deletion_protection", `{"name":"x","deletion_protection":"maybe","schema":{"fields":{` + textField + `}}}`, `Invalid deletion_protection "maybe"`},
		{"bad read_capacity mode", `{"name":"x","read_capacity":{"mode":"Burst"},"schema":{"fields":{` + textField + `}}}`, `read_capacity: invalid mode "Burst"`},
		{"Dedicated without dedicated", `{"name":"x","read_capacity":{"mode":"Dedicated"},"schema":{"fields":{` + textField + `}}}`, "read_capacity: mode Dedicated requires a dedicated configuration."},
		{"bad node_type", `{"name":"x","read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"x9","scaling":"Manual"}},"schema":{"fields":{` + textField + `}}}`, `invalid node_type "x9"`},
	}
	e := newEnv(t, Options{})
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			e.at(apiVersion2026_07, "POST", "/indexes", c.body).wantError(t, http.StatusBadRequest, codeInvalidArgument, c.msg)
		})
	}
	if n := len(e.at(apiVersion2026_07, "GET", "/indexes", "").must(t, http.StatusOK)["indexes"].([]any)); n != 0 {
		t.Errorf("refused creates left %d indexes", n)
	}
}

// The limits themselves are allowed: one below each 400 above.
func TestCreate07RuleBoundaries(t *testing.T) {
	cases := []struct{ rule, fields string }{
		{"100 full-text fields", stringFields(100)},
		{"64-byte name", `"` + strings.Repeat("a", 64) + `":{"type":"sparse_vector"}`},
		{"256-byte description", `"s":{"type":"sparse_vector","description":"` + strings.Repeat("d", 256) + `"}`},
		{"dimension 1", `"e":{"type":"dense_vector","dimension":1,"metric":"euclidean"}`},
		{"dimension 20000", `"e":{"type":"dense_vector","dimension":20000,"metric":"dotproduct"}`},
		{"language by code", `"t":{"type":"string","full_text_search":{"language":"fr","stemming":true,"stop_words":true}}`},
		{"language by name", `"t":{"type":"string","full_text_search":{"language":"tamil","stemming":true}}`},
		{"ngram 1..10 prefix only", `"t":{"type":"string","full_text_search":{"ngram":{"min_gram":1,"max_gram":10,"prefix_only":true}}}`},
		{"ngram min = max", `"t":{"type":"string","full_text_search":{"ngram":{"min_gram":10,"max_gram":10},"stemming":false,"stop_words":false}}`},
		{"dense, sparse and text", denseField + `,"s":{"type":"sparse_vector"},` + textField},
		{"name with dots and dashes", `"meta.title-v2":{"type":"string","full_text_search":{}}`},
	}
	for i, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			e := newEnv(t, Options{})
			body := strings.Replace(fieldsBody(c.fields), `"name":"x"`, fmt.Sprintf(`"name":"ok-%d"`, i), 1)
			e.at(apiVersion2026_07, "POST", "/indexes", body).must(t, http.StatusCreated)
		})
	}
	// The ngram echo keeps prefix_only, and the language is echoed as sent.
	e := newEnv(t, Options{})
	b := e.at(apiVersion2026_07, "POST", "/indexes", fieldsBody(`"t":{"type":"string","full_text_search":{"language":"fr","ngram":{"min_gram":1,"max_gram":3,"prefix_only":true}}}`)).
		must(t, http.StatusCreated)
	wantField(t, b, map[string]any{"language": "fr", "stemming": false, "stop_words": false,
		"ngram": map[string]any{"min_gram": 1, "max_gram": 3, "prefix_only": true}}, "schema", "fields", "t", "full_text_search")
}

// Every supported language of the docs' table is accepted by code and by
// name, and stop words only where the table says the language has a list.
func TestFullTextLanguages(t *testing.T) {
	if len(ftsLanguages) != 18 {
		t.Fatalf("%d languages, the docs list 18", len(ftsLanguages))
	}
	for _, l := range ftsLanguages {
		for _, spelling := range []string{l.code, l.name} {
			fts, err := parseFullText("t", &fullTextBody{Language: &spelling, Stemming: boolPtr(true), StopWords: boolPtr(l.stopWords)})
			if err != nil || fts.language != spelling {
				t.Errorf("language %q: %v %v", spelling, fts, err)
			}
			if _, err := parseFullText("t", &fullTextBody{Language: &spelling, Stemming: boolPtr(true), StopWords: boolPtr(true)}); (err == nil) != l.stopWords {
				t.Errorf("language %q with stop words: err = %v, want an error: %v", spelling, err, !l.stopWords)
			}
		}
	}
}

func boolPtr(b bool) *bool { return &b }
