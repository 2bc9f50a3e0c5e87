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
	_ resource.Resource                = (*serviceAccountResource)(nil)
	_ resource.ResourceWithConfigure   = (*serviceAccountResource)(nil)
	_ resource.ResourceWithImportState = (*serviceAccountResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*serviceAccountResource)(nil)
)

// NewServiceAccountResource is the constructor of pinecone_service_account.
func NewServiceAccountResource() resource.Resource { return &serviceAccountResource{} }

type serviceAccountResource struct {
	configuredResource
}

func (r *serviceAccountResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_account"
}

// ModifyPlan shows the secret as unknown exactly when the update will rotate
// it; otherwise UseStateForUnknown keeps the stored one in the plan.
func (r *serviceAccountResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var prior, planned types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("rotate_trigger"), &prior)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("rotate_trigger"), &planned)...)
	if rotationRequested(prior, planned) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("client_secret"), types.StringUnknown())...)
	}
}

func (r *serviceAccountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan serviceAccountResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	created, err := r.createServiceAccount(ctx, name)
	if err != nil {
		addError(&resp.Diagnostics, "Error creating Pinecone service account", fmt.Sprintf("Creating service account %q", name), err)
		return
	}
	plan.ClientSecret = types.StringValue(created.ClientSecret) // shown only in this answer
	setState(ctx, &resp.State, &resp.Diagnostics, newServiceAccountModel(&created.ServiceAccount, &plan), nil)
}

// createServiceAccount creates an account and recovers from a lost answer
// as createAPIKey does: an account whose answer never arrived has a secret
// nobody knows, so it is found (an account of that name that was not there
// before), deleted, and the create is made once more.
func (r *serviceAccountResource) createServiceAccount(ctx context.Context, name string) (*client.ServiceAccountWithSecret, error) {
	c := r.data.client
	create := func(ctx context.Context) (*client.ServiceAccountWithSecret, error) {
		return c.CreateServiceAccount(ctx, client.CreateServiceAccountRequest{Name: name})
	}
	return createOrRecover(ctx, recoverableCreate[client.ServiceAccount, client.ServiceAccountWithSecret]{
		kind:   fmt.Sprintf("service accounts named %q", name),
		list:   c.ListServiceAccounts,
		create: create,
		id:     func(sa client.ServiceAccount) string { return sa.ID },
		match:  func(sa client.ServiceAccount) bool { return sa.Name == name },
		recover: replaceOrphan[client.ServiceAccount]("service account", func(sa client.ServiceAccount) string { return sa.ID },
			c.DeleteServiceAccount, create),
		advice: "delete the unused ones",
	})
}

func (r *serviceAccountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state serviceAccountResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	sa, err := r.data.client.DescribeServiceAccount(ctx, id)
	if readOrRemove(ctx, resp, "service account", id, "service account "+id, sa, err, nil) {
		setState(ctx, &resp.State, &resp.Diagnostics, newServiceAccountModel(sa, &state), nil)
	}
}

// Update renames in place and rotates the secret only on request
// (rotationRequested); the stored secret is kept otherwise.
func (r *serviceAccountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state serviceAccountResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	c := r.data.client
	sa := &client.ServiceAccount{
		ID: id, Name: state.Name.ValueString(), ClientID: state.ClientID.ValueString(),
		CreatedAt: state.CreatedAt.ValueString(), UpdatedAt: state.UpdatedAt.ValueString(),
	}
	if !plan.Name.Equal(state.Name) {
		updated, err := c.UpdateServiceAccount(ctx, id, client.UpdateServiceAccountRequest{Name: stringPtr(plan.Name)})
		if err != nil {
			addError(&resp.Diagnostics, "Error updating Pinecone service account", "Renaming service account "+id, err)
			return
		}
		sa = updated
	}
	plan.ClientSecret = state.ClientSecret
	if rotationRequested(state.RotateTrigger, plan.RotateTrigger) {
		rotated, err := c.RotateServiceAccountSecret(ctx, id)
		if err != nil {
			// The rename (if any) happened: store it, with the old secret, so
			// the next plan asks only for the rotation again.
			plan.RotateTrigger = state.RotateTrigger
			setState(ctx, &resp.State, &resp.Diagnostics, newServiceAccountModel(sa, &plan), nil)
			addError(&resp.Diagnostics, "Error rotating Pinecone service account secret", "Rotating the secret of service account "+id, err)
			return
		}
		plan.ClientSecret = types.StringValue(rotated.ClientSecret)
		sa = &rotated.ServiceAccount
	}
	setState(ctx, &resp.State, &resp.Diagnostics, newServiceAccountModel(sa, &plan), nil)
}

func (r *serviceAccountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state serviceAccountResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	deleteAndWait(ctx, &resp.Diagnostics, "service account", "service account "+id,
		func(ctx context.Context) error { return r.data.client.DeleteServiceAccount(ctx, id) }, nil)
}

// ImportState takes the service account ID. The secret cannot be recovered
// (client_secret stays null) and the import never rotates it.
func (r *serviceAccountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importID(ctx, req, resp, "service account", "a UUID", uuidRegexp.MatchString) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_secret"), types.StringNull())...)
	}
}
