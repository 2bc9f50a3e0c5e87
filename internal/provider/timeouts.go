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

// timeoutsAttribute is timeouts.Attributes with descriptions written for this provider. The
// library leaves the attribute itself undescribed and gives each operation a generic text
// (for delete, a sentence about changes "saved into state" that readers found confusing),
// so both are replaced: the attribute says what the waits are for, what the defaults are
// and what a timeout leaves behind; each operation says when its value is read.
func timeoutsAttribute(ctx context.Context, opts timeouts.Opts) schema.Attribute {
	if opts.Create && opts.CreateDescription == "" {
		opts.CreateDescription = "How long a create may wait for the new object to become ready, as a Go duration " +
			"such as `45m` or `1h30m` (units `s`, `m`, `h`). Default `" + defaultCreateTimeout + "`."
	}
	if opts.Update && opts.UpdateDescription == "" {
		opts.UpdateDescription = "How long an update may wait for the object to be ready again, as a Go duration " +
			"such as `45m`. Default `" + defaultUpdateTimeout + "`."
	}
	if opts.Delete && opts.DeleteDescription == "" {
		opts.DeleteDescription = "How long a delete may wait until Pinecone no longer reports the object, as a Go " +
			"duration such as `30m`. Default `" + defaultDeleteTimeout + "`. A destroy uses the value stored in " +
			"state, so apply a changed `delete` once before running `terraform destroy` with it."
	}
	attr, ok := timeouts.Attributes(ctx, opts).(schema.SingleNestedAttribute)
	if !ok {
		// Not expected; keep the library's attribute rather than fail.
		return timeouts.Attributes(ctx, opts)
	}
	for name, a := range attr.Attributes {
		if s, ok := a.(schema.StringAttribute); ok {
			s.MarkdownDescription = s.Description
			attr.Attributes[name] = s
		}
	}
	var ops []string
	if opts.Create {
		ops = append(ops, "a create until the new object is ready (default `"+defaultCreateTimeout+"`)")
	}
	if opts.Update {
		ops = append(ops, "an update until the object is ready again (default `"+defaultUpdateTimeout+"`)")
	}
	if opts.Delete {
		ops = append(ops, "a delete until Pinecone no longer reports the object (default `"+defaultDeleteTimeout+"`)")
	}
	attr.MarkdownDescription = "How long an operation may take. Most of that time is spent waiting for " +
		"Pinecone after it accepted the request: " + strings.Join(ops, "; ") + ". When a limit is reached the apply fails, but the object is " +
		"not forgotten: it stays in state, marked tainted after a create so that the next apply replaces it, and " +
		"after an update or a delete the next plan reads it from Pinecone again. Pinecone is not asked to stop: " +
		"the work it accepted carries on. Written as an attribute, `timeouts = { create = \"45m\" }`, not as a block."
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
