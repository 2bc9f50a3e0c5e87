package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                = (*apiKeyResource)(nil)
	_ resource.ResourceWithConfigure   = (*apiKeyResource)(nil)
	_ resource.ResourceWithImportState = (*apiKeyResource)(nil)
)

// NewAPIKeyResource is the constructor of pinecone_api_key.
func NewAPIKeyResource() resource.Resource { return &apiKeyResource{} }

type apiKeyResource struct {
	configuredResource
}

func (r *apiKeyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_api_key"
}

func (r *apiKeyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan apiKeyResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	project, name := plan.ProjectID.ValueString(), plan.Name.ValueString()
	created, err := r.createAPIKey(ctx, project, client.CreateAPIKeyRequest{Name: name, Roles: setStrings(plan.Roles)})
	if err != nil {
		addError(&resp.Diagnostics, "Error creating Pinecone API key", fmt.Sprintf("Creating API key %q in project %s", name, project), err)
		return
	}
	plan.Value = types.StringValue(created.Value) // shown only in this answer
	out, diags := newAPIKeyModel(ctx, &created.Key, &plan)
	setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
}

// createAPIKey creates a key and recovers from a lost answer. Pinecone shows
// a key's secret only in the create response, so a key whose response never
// arrived is useless to Terraform: it is found (a key of that name that was
// not in the project before), deleted, and the create is made once more.
// Key names are not unique, hence the list taken before the create (see
// recovery.go).
func (r *apiKeyResource) createAPIKey(ctx context.Context, project string, req client.CreateAPIKeyRequest) (*client.APIKeyWithSecret, error) {
	c := r.data.client
	create := func(ctx context.Context) (*client.APIKeyWithSecret, error) { return c.CreateAPIKey(ctx, project, req) }
	return createOrRecover(ctx, recoverableCreate[client.APIKey, client.APIKeyWithSecret]{
		kind:    fmt.Sprintf("keys named %q", req.Name),
		list:    func(ctx context.Context) ([]client.APIKey, error) { return c.ListAPIKeys(ctx, project) },
		create:  create,
		id:      func(k client.APIKey) string { return k.ID },
		match:   func(k client.APIKey) bool { return k.Name == req.Name },
		recover: replaceOrphan[client.APIKey]("API key", func(k client.APIKey) string { return k.ID }, c.DeleteAPIKey, create),
		advice:  "delete the unused ones",
	})
}

func (r *apiKeyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state apiKeyResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	k, err := r.data.client.DescribeAPIKey(ctx, id)
	if readOrRemove(ctx, resp, "API key", id, "API key "+id, k, err, nil) {
		out, diags := newAPIKeyModel(ctx, k, &state)
		setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
	}
}

func (r *apiKeyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state apiKeyResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	var patch client.UpdateAPIKeyRequest
	if !plan.Name.Equal(state.Name) {
		patch.Name = stringPtr(plan.Name)
	}
	if !plan.Roles.Equal(state.Roles) {
		patch.Roles = setStrings(plan.Roles)
	}
	k, err := r.data.client.UpdateAPIKey(ctx, id, patch)
	if err != nil {
		addError(&resp.Diagnostics, "Error updating Pinecone API key", fmt.Sprintf("Updating API key %s", id), err)
		return
	}
	plan.Value = state.Value // the secret never changes and is never returned again
	out, diags := newAPIKeyModel(ctx, k, &plan)
	setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
}

func (r *apiKeyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state apiKeyResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	deleteAndWait(ctx, &resp.Diagnostics, "API key", "API key "+id,
		func(ctx context.Context) error { return r.data.client.DeleteAPIKey(ctx, id) }, nil)
}

// ImportState takes the API key ID; the secret cannot be recovered.
func (r *apiKeyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importID(ctx, req, resp, "API key", "a UUID", uuidRegexp.MatchString) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("value"), types.StringNull())...)
	}
}
