package provider

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestDefaultFileID(t *testing.T) {
	a := defaultFileID("support", "docs/handbook.md")
	if a != defaultFileID("support", "docs/handbook.md") {
		t.Fatal("the default ID is not stable")
	}
	if !strings.HasPrefix(a, "handbook-") || len(a) != len("handbook-")+12 || !fileIDRegexp.MatchString(a) {
		t.Errorf("defaultFileID = %q, want handbook-<12 hex>", a)
	}
	// Another path with the same base name, or another assistant, is another file.
	for _, other := range []string{defaultFileID("support", "old/handbook.md"), defaultFileID("sales", "docs/handbook.md")} {
		if other == a {
			t.Errorf("%q collides with %q", other, a)
		}
	}
	cases := map[string]string{
		"Q3 report (final).pdf":           "Q3-report-final-",
		".hidden":                         "file-",
		"résumé.txt":                      "r-sum-",
		strings.Repeat("a", 200) + ".txt": strings.Repeat("a", 80) + "-",
	}
	for source, prefix := range cases {
		got := defaultFileID("x", source)
		if !strings.HasPrefix(got, prefix) || !fileIDRegexp.MatchString(got) {
			t.Errorf("defaultFileID(%q) = %q, want a valid ID starting %q", source, got, prefix)
		}
	}
}

func TestFileMetadataRules(t *testing.T) {
	ok := []string{``, `{}`, `{"a":"x","n":1.5,"b":true,"tags":["x",2,false]}`}
	for _, raw := range ok {
		if err := fileMetadataRules(json.RawMessage(raw)); err != nil {
			t.Errorf("%s: %v", raw, err)
		}
	}
	bad := map[string]string{
		`{"a":null}`:      "null",
		`{"a":{"b":1}}`:   "flat",
		`{"a":[{"b":1}]}`: "only strings",
		`{"a":[null]}`:    "only strings",
		`{"$and":"x"}`:    `starts with "$"`,
	}
	for raw, want := range bad {
		if err := fileMetadataRules(json.RawMessage(raw)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want one mentioning %q", raw, err, want)
		}
	}
}

func TestNeedsUpload(t *testing.T) {
	obj := func(v string) types.Dynamic {
		return types.DynamicValue(types.ObjectValueMust(map[string]attr.Type{"topic": types.StringType}, map[string]attr.Value{"topic": types.StringValue(v)}))
	}
	base := assistantFileResourceModel{ContentHash: types.StringValue("h1"), Metadata: obj("faq"), Multimodal: types.BoolNull()}
	cases := []struct {
		name string
		edit func(plan, state *assistantFileResourceModel)
		want bool
	}{
		{"nothing changed", func(_, _ *assistantFileResourceModel) {}, false},
		{"new content", func(p, _ *assistantFileResourceModel) { p.ContentHash = types.StringValue("h2") }, true},
		{"hash learnt after import", func(_, s *assistantFileResourceModel) { s.ContentHash = types.StringNull() }, false},
		{"metadata changed", func(p, _ *assistantFileResourceModel) { p.Metadata = obj("howto") }, true},
		{"metadata as the same JSON string", func(p, _ *assistantFileResourceModel) {
			p.Metadata = types.DynamicValue(types.StringValue(`{ "topic" : "faq" }`))
		}, false},
		{"metadata removed", func(p, _ *assistantFileResourceModel) { p.Metadata = types.DynamicNull() }, true},
		{"multimodal on", func(p, _ *assistantFileResourceModel) { p.Multimodal = types.BoolValue(true) }, true},
		{"multimodal false spelled out", func(p, _ *assistantFileResourceModel) { p.Multimodal = types.BoolValue(false) }, false},
	}
	for _, tc := range cases {
		plan, state := base, base
		tc.edit(&plan, &state)
		got, err := needsUpload(&plan, &state)
		if err != nil || got != tc.want {
			t.Errorf("%s: needsUpload = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}
