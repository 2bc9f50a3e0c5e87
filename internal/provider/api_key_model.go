package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

type apiKeyResourceModel struct {
	ID        types.String `tfsdk:"id"`
	ProjectID types.String `tfsdk:"project_id"`
	Name      types.String `tfsdk:"name"`
	Roles     types.Set    `tfsdk:"roles"`
	Value     types.String `tfsdk:"value"`
}

// newAPIKeyModel maps a key; prior carries the secret value.
func newAPIKeyModel(ctx context.Context, k *client.APIKey, prior *apiKeyResourceModel) (*apiKeyResourceModel, diag.Diagnostics) {
	out := *prior
	roles := append([]string(nil), k.Roles...)
	sort.Strings(roles)
	set, diags := types.SetValueFrom(ctx, types.StringType, roles)
	out.ID = types.StringValue(k.ID)
	out.ProjectID = types.StringValue(k.ProjectID)
	out.Name = types.StringValue(k.Name)
	out.Roles = set
	if out.Value.IsUnknown() {
		out.Value = types.StringNull()
	}
	return &out, diags
}

// newKeysNamed lists keys named name that are in after but not in before.
func newKeysNamed(before, after []client.APIKey, name string) []client.APIKey {
	return appeared(before, after, func(k client.APIKey) string { return k.ID },
		func(k client.APIKey) bool { return k.Name == name })
}
