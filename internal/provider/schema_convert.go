package provider

import (
	"fmt"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// computedAttributes turns resource attributes into read-only data source
// attributes with the same names, types and descriptions, so a data source
// never drifts from the resource it mirrors. Names in skip are left out.
func computedAttributes(attrs map[string]rschema.Attribute, skip ...string) map[string]dschema.Attribute {
	skipped := map[string]bool{}
	for _, s := range skip {
		skipped[s] = true
	}
	out := make(map[string]dschema.Attribute, len(attrs))
	for name, a := range attrs {
		if skipped[name] {
			continue
		}
		out[name] = computedAttribute(a)
	}
	return out
}

func computedAttribute(a rschema.Attribute) dschema.Attribute {
	desc := a.GetMarkdownDescription()
	switch t := a.(type) {
	case rschema.StringAttribute:
		return dschema.StringAttribute{Computed: true, MarkdownDescription: desc}
	case rschema.Int64Attribute:
		return dschema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	case rschema.BoolAttribute:
		return dschema.BoolAttribute{Computed: true, MarkdownDescription: desc}
	case rschema.Float64Attribute:
		return dschema.Float64Attribute{Computed: true, MarkdownDescription: desc}
	case rschema.DynamicAttribute:
		return dschema.DynamicAttribute{Computed: true, MarkdownDescription: desc}
	case rschema.MapAttribute:
		return dschema.MapAttribute{Computed: true, ElementType: t.ElementType, MarkdownDescription: desc}
	case rschema.SetAttribute:
		return dschema.SetAttribute{Computed: true, ElementType: t.ElementType, MarkdownDescription: desc}
	case rschema.ListAttribute:
		return dschema.ListAttribute{Computed: true, ElementType: t.ElementType, MarkdownDescription: desc}
	case rschema.SingleNestedAttribute:
		return dschema.SingleNestedAttribute{Computed: true, MarkdownDescription: desc, Attributes: computedAttributes(t.Attributes)}
	case rschema.MapNestedAttribute:
		return dschema.MapNestedAttribute{Computed: true, MarkdownDescription: desc,
			NestedObject: dschema.NestedAttributeObject{Attributes: computedAttributes(t.NestedObject.Attributes)}}
	}
	panic(fmt.Sprintf("computedAttribute: unsupported attribute type %T", a))
}

func pathRoot(name string) path.Path { return path.Root(name) }

type (
	resourceSchemaRequest  = resource.SchemaRequest
	resourceSchemaResponse = resource.SchemaResponse
)
