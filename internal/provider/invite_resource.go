package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                = (*inviteResource)(nil)
	_ resource.ResourceWithConfigure   = (*inviteResource)(nil)
	_ resource.ResourceWithImportState = (*inviteResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*inviteResource)(nil)
)

// NewInviteResource is the constructor of pinecone_invite.
func NewInviteResource() resource.Resource { return &inviteResource{} }

type inviteResource struct {
	configuredResource
}

func (r *inviteResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_invite"
}

// ModifyPlan marks what a resend changes (status, expiry) as unknown when
// the trigger asks for one; a processed invite cannot be resent, which the
// plan says at once.
func (r *inviteResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var state, plan inviteResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	processed := state.Status.ValueString() == client.InviteProcessed
	if processed && !state.RoleBindings.IsNull() && !plan.RoleBindings.Equal(state.RoleBindings) {
		resp.Diagnostics.AddAttributeWarning(path.Root("role_bindings"), "Invite already accepted",
			"This invite was accepted: its role bindings now belong to the member, and changing them here only "+
				"updates Terraform's record of the invitation. Change the member's roles with pinecone_role_binding "+
				"(principal_type = \"user\"; the pinecone_user data source finds the member's ID).")
	}
	if !rotationRequested(state.ResendTrigger, plan.ResendTrigger) {
		return
	}
	if processed {
		resp.Diagnostics.AddAttributeError(path.Root("resend_trigger"), "Invite already accepted",
			"This invite was accepted, so it cannot be resent. Restore the previous resend_trigger, or remove the "+
				"invite from the configuration (that only forgets it; the member stays).")
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), types.StringUnknown())...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("expires_at"), types.StringUnknown())...)
}

func (r *inviteResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan inviteResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	bindings, diags := inviteBindingInputs(ctx, plan.RoleBindings)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	email := plan.Email.ValueString()
	inv, err := r.createInvite(ctx, client.CreateInviteRequest{Email: email, RoleBindings: bindings})
	if err != nil {
		addError(&resp.Diagnostics, "Error creating Pinecone invite", fmt.Sprintf("Inviting %s", email), err)
		return
	}
	setState(ctx, &resp.State, &resp.Diagnostics, newInviteModel(inv, &plan), nil)
}

// createInvite creates an invite and recovers from a lost answer: Pinecone
// keeps one pending invite per address, so an invite for this address that
// appeared meanwhile is the one our create made.
func (r *inviteResource) createInvite(ctx context.Context, req client.CreateInviteRequest) (*client.Invite, error) {
	c := r.data.client
	return createOrRecover(ctx, recoverableCreate[client.Invite, client.Invite]{
		kind:    fmt.Sprintf("invites for %s", req.Email),
		list:    c.ListInvites,
		create:  func(ctx context.Context) (*client.Invite, error) { return c.CreateInvite(ctx, req) },
		id:      func(inv client.Invite) string { return inv.ID },
		match:   func(inv client.Invite) bool { return strings.EqualFold(inv.Email, req.Email) },
		recover: adoptAppeared[client.Invite],
		advice:  "delete the extra invites",
	})
}

// Read keeps a processed (accepted) invite in state as it is: it did its
// job, and dropping it would make the next apply invite the member again.
func (r *inviteResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state inviteResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	inv, err := r.data.client.DescribeInvite(ctx, id)
	if readOrRemove(ctx, resp, "invite", id, "invite "+id, inv, err, nil) {
		setState(ctx, &resp.State, &resp.Diagnostics, newInviteModel(inv, &state), nil)
	}
}

// Update resends the invite when the trigger asks for it; everything else
// that can change is only recorded.
func (r *inviteResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state inviteResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	inv := &client.Invite{
		ID: id, Email: state.Email.ValueString(), Status: state.Status.ValueString(), CreatedAt: state.CreatedAt.ValueString(),
		ExpiresAt: state.ExpiresAt.ValueStringPointer(), ProcessedAt: state.ProcessedAt.ValueStringPointer(),
	}
	if rotationRequested(state.ResendTrigger, plan.ResendTrigger) {
		resent, err := r.data.client.ResendInvite(ctx, id)
		if err != nil {
			addError(&resp.Diagnostics, "Error resending Pinecone invite", "Resending invite "+id, err)
			return
		}
		inv = resent
	}
	setState(ctx, &resp.State, &resp.Diagnostics, newInviteModel(inv, &plan), nil)
}

// Delete withdraws a pending or expired invite. An accepted one is only
// forgotten: Pinecone refuses to delete it (409), and removing the member is
// not what destroying an invitation means.
func (r *inviteResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state inviteResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	c := r.data.client
	if r.accepted(ctx, id) {
		return
	}
	err := c.DeleteInvite(ctx, id)
	if errors.Is(err, client.ErrAlreadyExists) && r.accepted(ctx, id) {
		return // accepted between the check and the delete
	}
	deleteAndWait(ctx, &resp.Diagnostics, "invite", "invite "+id, func(context.Context) error { return err }, nil)
}

// accepted reports whether the invite has been accepted (processed).
func (r *inviteResource) accepted(ctx context.Context, id string) bool {
	inv, err := r.data.client.DescribeInvite(ctx, id)
	if err != nil || inv.Status != client.InviteProcessed {
		return false
	}
	tflog.Info(ctx, "The invite was accepted; it is removed from state and the member stays", map[string]any{"invite_id": id})
	return true
}

// ImportState takes the invite ID. Role bindings cannot be read back; the
// configured ones are recorded by the next apply without a replacement.
func (r *inviteResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importID(ctx, req, resp, "invite", "a UUID", uuidRegexp.MatchString) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("role_bindings"),
			types.ListNull(types.ObjectType{AttrTypes: inviteBindingAttrTypes}))...)
	}
}
