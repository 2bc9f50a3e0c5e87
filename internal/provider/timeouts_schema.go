package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// timeoutsAttribute is timeouts.Attributes with a description of the attribute itself (the
// library leaves it empty, which shows as an undescribed attribute in the docs) naming the
// operations that wait and their defaults.
func timeoutsAttribute(ctx context.Context, opts timeouts.Opts) schema.Attribute {
	attr, ok := timeouts.Attributes(ctx, opts).(schema.SingleNestedAttribute)
	if !ok {
		// Not expected; keep the library's attribute rather than fail.
		return timeouts.Attributes(ctx, opts)
	}
	var ops []string
	if opts.Create {
		ops = append(ops, "`create` (default `"+defaultCreateTimeout+"`)")
	}
	if opts.Update {
		ops = append(ops, "`update` (default `"+defaultUpdateTimeout+"`)")
	}
	if opts.Delete {
		ops = append(ops, "`delete` (default `"+defaultDeleteTimeout+"`)")
	}
	attr.MarkdownDescription = "How long to wait for Pinecone before failing: " + strings.Join(ops, ", ") +
		". Written as an attribute, `timeouts = { create = \"45m\" }`, not as a block."
	return attr
}
