package provider

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func objectValue(t *testing.T, attrs map[string]attr.Value) types.Object {
	t.Helper()
	typesOf := map[string]attr.Type{}
	for k, v := range attrs {
		typesOf[k] = v.Type(t.Context())
	}
	o, diags := types.ObjectValue(typesOf, attrs)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return o
}

func TestMetadataToJSON(t *testing.T) {
	hcl := types.DynamicValue(objectValue(t, map[string]attr.Value{
		"team":     types.StringValue("search"),
		"priority": types.NumberValue(big.NewFloat(2)),
		"on":       types.BoolValue(true),
	}))
	got, err := metadataToJSON(hcl)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != `{"on":true,"priority":2,"team":"search"}` {
		t.Errorf("HCL object → %s", got)
	}
	fromString, err := metadataToJSON(types.DynamicValue(types.StringValue(` { "team" : "search" } `)))
	if err != nil || string(fromString) != `{"team":"search"}` {
		t.Errorf("JSON string → %s, %v", fromString, err)
	}
	for _, bad := range []string{`[1,2]`, `"x"`, `{`, `{} {}`, `null`} {
		if _, err := metadataToJSON(types.DynamicValue(types.StringValue(bad))); err == nil {
			t.Errorf("metadata %q should be rejected", bad)
		}
	}
	if _, err := metadataToJSON(types.DynamicValue(types.StringValue("plain"))); err == nil {
		t.Error("a non-JSON string must be rejected")
	}
	if raw, err := metadataToJSON(types.DynamicNull()); raw != nil || err != nil {
		t.Errorf("null → %s, %v", raw, err)
	}
}

func TestSameJSON(t *testing.T) {
	if !sameJSON(json.RawMessage(`{"a":1,"b":[1,2]}`), json.RawMessage(`{ "b": [1, 2], "a": 1.0 }`)) {
		t.Error("key order, spacing and number spelling must not matter")
	}
	if sameJSON(json.RawMessage(`{"a":1}`), json.RawMessage(`{"a":2}`)) {
		t.Error("different values must differ")
	}
	if !sameJSON(nil, json.RawMessage(`null`)) {
		t.Error("empty and null are the same absence")
	}
}

func TestMetadataFromAPI_keepsUserSpelling(t *testing.T) {
	asString := types.DynamicValue(types.StringValue(`{"b":1,"a":"x"}`))
	got, diags := metadataFromAPI(json.RawMessage(`{"a": "x", "b": 1}`), asString)
	if diags.HasError() || !got.Equal(asString) {
		t.Errorf("same JSON must keep the prior value, got %v", got)
	}
	// Drift on a string-shaped value stays a (canonical) JSON string.
	got, _ = metadataFromAPI(json.RawMessage(`{"a":"y"}`), asString)
	if s, ok := got.UnderlyingValue().(types.String); !ok || s.ValueString() != `{"a":"y"}` {
		t.Errorf("drift as string = %v", got)
	}
	// Without a prior value (import), the object shape is used.
	got, _ = metadataFromAPI(json.RawMessage(`{"tags":["x"],"n":3,"nested":{"k":null}}`), types.DynamicNull())
	raw, err := metadataToJSON(got)
	if err != nil || !sameJSON(raw, json.RawMessage(`{"tags":["x"],"n":3,"nested":{"k":null}}`)) {
		t.Errorf("import round trip = %s, %v", raw, err)
	}
	if got, _ := metadataFromAPI(nil, types.DynamicNull()); !got.IsNull() {
		t.Error("no metadata must stay null")
	}
}

func TestParseAssistantFileID(t *testing.T) {
	a, id, err := parseAssistantFileID("support-bot/3c90c3cc-0d44")
	if err != nil || a != "support-bot" || id != "3c90c3cc-0d44" {
		t.Errorf("got %q %q %v", a, id, err)
	}
	for _, bad := range []string{"", "support-bot", "support-bot/", "/id", "Bad/id", "a/b/c"} {
		if _, _, err := parseAssistantFileID(bad); err == nil {
			t.Errorf("%q should be rejected", bad)
		}
	}
}
