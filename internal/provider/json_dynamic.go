package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Metadata attributes are dynamic so users can write either an HCL object
// (`metadata = { team = "search" }`) or a JSON string
// (`metadata = jsonencode({...})`). Pinecone stores a JSON object and may
// return it with other key order or spacing; state keeps the user's value
// whenever the two mean the same JSON, so plans stay empty.

// metadataToJSON returns the JSON object a metadata value stands for (nil
// for null). A string must hold a JSON object.
func metadataToJSON(v types.Dynamic) (json.RawMessage, error) {
	if v.IsNull() || v.IsUnderlyingValueNull() {
		return nil, nil
	}
	if v.IsUnknown() || v.IsUnderlyingValueUnknown() {
		return nil, fmt.Errorf("metadata is not known yet")
	}
	if s, ok := v.UnderlyingValue().(types.String); ok {
		return jsonObjectFromString(s.ValueString())
	}
	goValue, err := attrToGo(v.UnderlyingValue())
	if err != nil {
		return nil, err
	}
	if _, isObject := goValue.(map[string]any); !isObject {
		return nil, fmt.Errorf("metadata must be an object (or a JSON string holding one)")
	}
	return json.Marshal(goValue)
}

func jsonObjectFromString(s string) (json.RawMessage, error) {
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil || obj == nil {
		return nil, fmt.Errorf("metadata must be a JSON object, e.g. jsonencode({ team = \"search\" })")
	}
	if dec.More() {
		return nil, fmt.Errorf("metadata must be a single JSON object")
	}
	return json.Marshal(obj)
}

// attrToGo converts a known Terraform value to plain Go values for JSON.
func attrToGo(v attr.Value) (any, error) {
	if v == nil || v.IsNull() {
		return nil, nil
	}
	if v.IsUnknown() {
		return nil, fmt.Errorf("value is not known yet")
	}
	switch t := v.(type) {
	case types.String:
		return t.ValueString(), nil
	case types.Bool:
		return t.ValueBool(), nil
	case types.Number:
		return json.Number(t.ValueBigFloat().Text('g', -1)), nil
	case types.Int64:
		return t.ValueInt64(), nil
	case types.Float64:
		return t.ValueFloat64(), nil
	case types.Dynamic:
		return attrToGo(t.UnderlyingValue())
	case types.Object:
		return attrMapToGo(t.Attributes())
	case types.Map:
		return attrMapToGo(t.Elements())
	case types.List:
		return attrSliceToGo(t.Elements())
	case types.Tuple:
		return attrSliceToGo(t.Elements())
	case types.Set:
		return attrSliceToGo(t.Elements())
	}
	return nil, fmt.Errorf("unsupported value type %T in metadata", v)
}

func attrMapToGo(m map[string]attr.Value) (any, error) {
	out := make(map[string]any, len(m))
	for k, e := range m {
		g, err := attrToGo(e)
		if err != nil {
			return nil, err
		}
		out[k] = g
	}
	return out, nil
}

func attrSliceToGo(elems []attr.Value) (any, error) {
	out := make([]any, 0, len(elems))
	for _, e := range elems {
		g, err := attrToGo(e)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

// sameJSON reports whether two JSON documents mean the same value (key order,
// spacing and number spelling aside). Both empty/null count as equal.
func sameJSON(a, b json.RawMessage) bool {
	va, errA := decodeJSON(a)
	vb, errB := decodeJSON(b)
	if errA != nil || errB != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

func decodeJSON(raw json.RawMessage) (any, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil
	}
	var v any
	err := json.Unmarshal(raw, &v) // float64 numbers: 1 and 1.0 compare equal
	return v, err
}

// metadataFromAPI chooses the state value for metadata Pinecone reports:
// the prior value when it means the same JSON, else a value of the same
// shape the user chose (JSON string or object).
func metadataFromAPI(api json.RawMessage, prior types.Dynamic) (types.Dynamic, diag.Diagnostics) {
	var diags diag.Diagnostics
	if !prior.IsUnknown() {
		priorJSON, err := metadataToJSON(prior)
		if err == nil && sameJSON(priorJSON, api) {
			return prior, nil
		}
	}
	v, err := decodeJSON(api)
	if err != nil {
		diags.AddError("Unreadable metadata from Pinecone", err.Error())
		return types.DynamicNull(), diags
	}
	if v == nil {
		return types.DynamicNull(), nil
	}
	if _, wasString := prior.UnderlyingValue().(types.String); wasString {
		b, _ := json.Marshal(v) // encoding/json sorts keys, like jsonencode
		return types.DynamicValue(types.StringValue(string(b))), nil
	}
	value, d := goToAttr(v)
	diags.Append(d...)
	return types.DynamicValue(value), diags
}

// goToAttr builds a Terraform value from decoded JSON: objects become
// objects, arrays tuples, numbers numbers.
func goToAttr(v any) (attr.Value, diag.Diagnostics) {
	switch t := v.(type) {
	case nil:
		return types.DynamicNull(), nil
	case string:
		return types.StringValue(t), nil
	case bool:
		return types.BoolValue(t), nil
	case float64:
		return types.NumberValue(big.NewFloat(t)), nil
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		attrTypes := make(map[string]attr.Type, len(t))
		attrs := make(map[string]attr.Value, len(t))
		var diags diag.Diagnostics
		for _, k := range keys {
			e, d := goToAttr(t[k])
			diags.Append(d...)
			attrs[k], attrTypes[k] = e, e.Type(context.Background())
		}
		obj, d := types.ObjectValue(attrTypes, attrs)
		diags.Append(d...)
		return obj, diags
	case []any:
		elemTypes := make([]attr.Type, 0, len(t))
		elems := make([]attr.Value, 0, len(t))
		var diags diag.Diagnostics
		for _, e := range t {
			ev, d := goToAttr(e)
			diags.Append(d...)
			elems = append(elems, ev)
			elemTypes = append(elemTypes, ev.Type(context.Background()))
		}
		tuple, d := types.TupleValue(elemTypes, elems)
		diags.Append(d...)
		return tuple, diags
	}
	return types.DynamicNull(), diag.Diagnostics{diag.NewErrorDiagnostic("Unsupported metadata value", fmt.Sprintf("%T", v))}
}

// validateMetadata rejects metadata that is not a JSON object or is too big.
func validateMetadata(v types.Dynamic, p path.Path, diags *diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() || v.IsUnderlyingValueUnknown() || containsUnknown(v) {
		return
	}
	raw, err := metadataToJSON(v)
	if err != nil {
		diags.AddAttributeError(p, "Invalid metadata", err.Error())
		return
	}
	if len(raw) > assistantTextMaxBytes {
		diags.AddAttributeError(p, "Metadata too large",
			fmt.Sprintf("Pinecone accepts at most 16 KB of metadata; this is %d bytes of JSON.", len(raw)))
	}
}

// containsUnknown reports whether any part of a dynamic value is unknown.
func containsUnknown(v types.Dynamic) bool {
	var walk func(a attr.Value) bool
	walk = func(a attr.Value) bool {
		if a == nil {
			return false
		}
		if a.IsUnknown() {
			return true
		}
		var children []attr.Value
		switch t := a.(type) {
		case types.Object:
			for _, e := range t.Attributes() {
				children = append(children, e)
			}
		case types.Map:
			for _, e := range t.Elements() {
				children = append(children, e)
			}
		case types.Tuple:
			children = t.Elements()
		case types.List:
			children = t.Elements()
		case types.Set:
			children = t.Elements()
		case types.Dynamic:
			children = []attr.Value{t.UnderlyingValue()}
		}
		for _, c := range children {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(v.UnderlyingValue())
}

// jsonText is metadata from Pinecone as JSON text (null for none), for list
// items, which cannot hold dynamic values.
func jsonText(raw json.RawMessage) types.String {
	if len(raw) == 0 || string(raw) == "null" {
		return types.StringNull()
	}
	return types.StringValue(string(raw))
}
