package provider

import (
	"fmt"
	"regexp"
	"strings"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// computedAttributes turns resource attributes into read-only data source
// attributes with the same names and types, and the descriptions without
// what only concerns configuring the resource (readOnlyDescription), so a
// data source never drifts from the resource it mirrors. Names in skip are
// left out. A data source overrides the attributes it takes as arguments.
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
	desc := readOnlyDescription(a.GetMarkdownDescription())
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

// configurationSentence matches the sentences of a resource attribute's
// description that speak of changing the configuration ("Changing it
// replaces the index.", "Updated in place.", "Leaving it out means ...").
var configurationSentence = regexp.MustCompile(`(?i)\b(replaces?|in place|changing|switching|leaving it out|apply|plan-time)\b`)

// readOnlyDescription is a resource attribute's description for a data
// source: the sentences about changing the configuration are dropped.
func readOnlyDescription(desc string) string {
	var kept []string
	for _, s := range sentences(desc) {
		if !configurationSentence.MatchString(s) {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, " ")
}

// sentences splits Markdown prose after each ". " that ends a sentence: not
// inside `code` and not after "e.g." or "i.e.".
func sentences(text string) []string {
	var out []string
	inCode, start := false, 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '`':
			inCode = !inCode
		case '.':
			if inCode || (i+1 < len(text) && text[i+1] != ' ') {
				continue
			}
			if strings.HasSuffix(text[:i+1], "e.g.") || strings.HasSuffix(text[:i+1], "i.e.") {
				continue
			}
			out = append(out, strings.TrimSpace(text[start:i+1]))
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// listSchema is the schema of a data source that lists objects: a computed
// id (idDescription), the arguments args (may be nil) and the computed list
// attr of objects with the attributes item.
func listSchema(description, idDescription string, args map[string]dschema.Attribute,
	attr, attrDescription string, item map[string]dschema.Attribute,
) dschema.Schema {
	attrs := map[string]dschema.Attribute{
		"id": dschema.StringAttribute{Computed: true, MarkdownDescription: idDescription},
		attr: dschema.ListNestedAttribute{
			Computed: true, MarkdownDescription: attrDescription,
			NestedObject: dschema.NestedAttributeObject{Attributes: item},
		},
	}
	for name, a := range args {
		attrs[name] = a
	}
	return dschema.Schema{MarkdownDescription: description, Attributes: attrs}
}
