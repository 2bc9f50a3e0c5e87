package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// stateSetter is the part of tfsdk.State used to store a model (resources and
// data sources alike).
type stateSetter interface {
	Set(ctx context.Context, val any) diag.Diagnostics
}

// setState stores model, the result of a converter, together with the
// converter's diagnostics. A conversion that reported an error leaves the
// state as it was: a half-converted model is never stored.
//
//	out, convDiags := newBackupModel(ctx, b, &plan)
//	setState(ctx, &resp.State, &resp.Diagnostics, out, convDiags)
func setState(ctx context.Context, st stateSetter, diags *diag.Diagnostics, model any, convDiags diag.Diagnostics) {
	diags.Append(convDiags...)
	if convDiags.HasError() {
		return
	}
	diags.Append(st.Set(ctx, model)...)
}
