package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                   = (*roleBindingResource)(nil)
	_ resource.ResourceWithConfigure      = (*roleBindingResource)(nil)
	_ resource.ResourceWithImportState    = (*roleBindingResource)(nil)
	_ resource.ResourceWithValidateConfig = (*roleBindingResource)(nil)
)

// NewRoleBindingResource is the constructor of pinecone_role_binding.
func NewRoleBindingResource() resource.Resource { return &roleBindingResource{} }

type roleBindingResource struct {
	configuredResource
}

func (r *roleBindingResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_binding"
}

func (r *roleBindingResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan roleBindingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want := createRoleBindingRequest(&plan)
	b, err := r.data.client.CreateRoleBinding(ctx, want)
	if errors.Is(err, client.ErrAlreadyExists) {
		b, err = r.existingGrant(ctx, want, err)
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error creating Pinecone role binding",
			fmt.Sprintf("Granting %s to %s %s", want.Role, want.PrincipalType, want.PrincipalID), err)
		return
	}
	out := newRoleBindingModelFrom(b, &plan)
	setState(ctx, &resp.State, &resp.Diagnostics, &out, nil)
}

// existingGrant resolves a 409: the binding exists. If the 409 answers our
// own retried create, the binding is ours and adopted; otherwise someone
// else made it and the user is told how to import it.
func (r *roleBindingResource) existingGrant(ctx context.Context, want client.CreateRoleBindingRequest, conflict error) (*client.RoleBinding, error) {
	list, err := r.data.client.ListRoleBindings(ctx, grantFilter(want))
	if err != nil {
		return nil, conflict
	}
	for _, b := range list {
		if !sameGrant(b, want) {
			continue
		}
		if client.IsOwnRetriedCreate(conflict) {
			tflog.Info(ctx, "Role binding create answered 409 after a retried attempt; adopting the binding it made",
				map[string]any{"role_binding_id": b.ID})
			return &b, nil
		}
		return nil, fmt.Errorf("%w\n\nThis role is already granted by role binding %s. To manage it, import it:\n\n"+
			"  terraform import pinecone_role_binding.<name> %s\n\nor remove this resource from the configuration", conflict, b.ID, b.ID)
	}
	return nil, conflict
}

func (r *roleBindingResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state roleBindingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	b, err := r.data.client.DescribeRoleBinding(ctx, id)
	if readOrRemove(ctx, resp, "role binding", id, "role binding "+id, b, err, nil) {
		out := newRoleBindingModelFrom(b, &state)
		setState(ctx, &resp.State, &resp.Diagnostics, &out, nil)
	}
}

// Update is never planned (every argument replaces); it stores the plan.
func (r *roleBindingResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	storePlan[roleBindingModel](ctx, req, resp)
}

func (r *roleBindingResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state roleBindingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	deleteAndWait(ctx, &resp.Diagnostics, "role binding", "role binding "+id,
		func(ctx context.Context) error { return r.data.client.DeleteRoleBinding(ctx, id) }, nil,
		deleteRefusal{err: client.ErrAlreadyExists, summary: "Pinecone kept the role binding", detail: func(err error) string {
			return fmt.Sprintf("Revoking role binding %s: %s\n\nPinecone keeps at least one organization membership "+
				"role for every member (and one OrgOwner per organization). To change a member's only organization "+
				"role, add `lifecycle { create_before_destroy = true }` to the resource, so that the new role is "+
				"granted before the old one is revoked; otherwise grant another organization role first, or remove "+
				"the member from the organization instead.", id, err)
		}})
}

// ImportState takes the role binding ID.
func (r *roleBindingResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importID(ctx, req, resp, "role binding", "a UUID", uuidRegexp.MatchString) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	}
}
