package provider

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// expectModel compares two models (structs of Terraform values, or pointers
// to them) field by field, so a converter test states every attribute it
// expects, null ones included.
func expectModel(t *testing.T, what string, got, want any) {
	t.Helper()
	for _, d := range modelDiffs(got, want) {
		t.Errorf("%s: %s", what, d)
	}
}

// modelDiffs lists the fields that differ: Terraform values compared with
// attr.Value.Equal (so null, unknown and known differ), others deeply.
func modelDiffs(got, want any) []string {
	g, w := reflect.Indirect(reflect.ValueOf(got)), reflect.Indirect(reflect.ValueOf(want))
	if g.Type() != w.Type() || g.Kind() != reflect.Struct {
		return []string{fmt.Sprintf("cannot compare %s with %s", g.Type(), w.Type())}
	}
	return structDiffs(g, w, "")
}

// structDiffs compares two structs of one type field by field. An embedded
// model (the data-source part of a resource model) is compared field by
// field too; its own value is never read whole, since it is unexported.
func structDiffs(g, w reflect.Value, prefix string) []string {
	var diffs []string
	for i := range g.NumField() {
		field := g.Type().Field(i)
		name := prefix + field.Name
		if field.Anonymous && field.Type.Kind() == reflect.Struct {
			diffs = append(diffs, structDiffs(g.Field(i), w.Field(i), name+".")...)
			continue
		}
		gf, wf := g.Field(i).Interface(), w.Field(i).Interface()
		if gv, ok := gf.(attr.Value); ok {
			if !gv.Equal(wf.(attr.Value)) {
				diffs = append(diffs, fmt.Sprintf("%s = %v, want %v", name, gv, wf))
			}
			continue
		}
		if !reflect.DeepEqual(gf, wf) {
			diffs = append(diffs, fmt.Sprintf("%s = %#v, want %#v", name, gf, wf))
		}
	}
	return diffs
}

func TestModelDiffs(t *testing.T) {
	type model struct {
		S types.String
		M types.Map
		N []string
	}
	base := model{S: types.StringNull(), M: types.MapValueMust(types.StringType, map[string]attr.Value{}), N: []string{"a"}}
	if d := modelDiffs(base, &base); len(d) != 0 {
		t.Errorf("equal models differ: %v", d)
	}
	for name, edit := range map[string]func(m *model){
		"null against empty string": func(m *model) { m.S = types.StringValue("") },
		"unknown against null":      func(m *model) { m.S = types.StringUnknown() },
		"empty map against null":    func(m *model) { m.M = types.MapNull(types.StringType) },
		"Go field":                  func(m *model) { m.N = nil },
	} {
		other := base
		edit(&other)
		if d := modelDiffs(other, base); len(d) != 1 {
			t.Errorf("%s: diffs %v, want exactly one", name, d)
		}
	}
	if d := modelDiffs(base, struct{}{}); len(d) != 1 {
		t.Errorf("models of different types: %v", d)
	}
}
