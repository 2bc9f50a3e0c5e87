package provider

import (
	"context"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// Default timeouts of the operations that wait for Pinecone.
const (
	defaultCreateTimeout = "30m"
	defaultUpdateTimeout = "30m"
	defaultDeleteTimeout = "20m"
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

// timeoutFunc is the getter of one operation's timeout in a timeouts
// attribute, e.g. plan.Timeouts.Create.
type timeoutFunc = func(context.Context, time.Duration) (time.Duration, diag.Diagnostics)

// withTimeout applies a timeouts-attribute value (or def) to ctx.
func withTimeout(ctx context.Context, get timeoutFunc, def string) (context.Context, context.CancelFunc, diag.Diagnostics) {
	d, diags := get(ctx, mustDuration(def))
	if diags.HasError() {
		return ctx, func() {}, diags
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, diags
}

func mustDuration(s string) time.Duration {
	d, err := time.ParseDuration(s)
	if err != nil {
		panic(err)
	}
	return d
}
