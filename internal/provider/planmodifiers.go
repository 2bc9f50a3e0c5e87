package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Plan modifiers and ModifyPlan helpers shared by several resources. Those of
// one resource only live with it (index_plan.go).

// requiresReplaceWhenChangedFromKnown replaces when a value that was set
// changes, but not when it is set for the first time: adding embed upgrades
// an index in place, and values Pinecone does not report back (a collection's
// source, an index's source_backup_id) are learnt from the configuration
// after an import.
func requiresReplaceWhenChangedFromKnown() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !req.StateValue.IsNull()
		},
		"Changing the value replaces the resource; setting it where state has none (e.g. after an import) does not.",
		"Changing the value replaces the resource; setting it where state has none (e.g. after an import) does not.",
	)
}

// requiresReplaceWhenChangedBetweenValues replaces only when one known value
// is changed into another: setting a value Pinecone does not report (after an
// import) or dropping it from the configuration changes nothing remotely.
func requiresReplaceWhenChangedBetweenValues() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !req.StateValue.IsNull() && !req.PlanValue.IsNull()
		},
		"Changing the value replaces the resource; setting or removing it does not.",
		"Changing the value replaces the resource; setting or removing it does not.",
	)
}

// requireOnCreate reports a missing attribute that is optional only for
// objects that already exist.
func requireOnCreate(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, p path.Path, summary, detail string) {
	if !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var v types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, p, &v)...)
	if v.IsNull() {
		resp.Diagnostics.AddAttributeError(p, summary, detail)
	}
}
