package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// Bounds of an invite (admin spec 2026-07, CreateInviteRequest): an email of
// at most 254 characters and 1–100 role bindings.
const (
	inviteEmailMaxLength = 254
	inviteMaxBindings    = 100
)

// emailRegexp catches obvious typos at plan; Pinecone has the last word.
var emailRegexp = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

func (r *inviteResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = inviteResourceSchema()
}

// inviteResourceSchema is pinecone_invite's schema; the invite data sources
// derive their attributes from it.
func inviteResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "An invitation to join the organization (admin API), with the roles the invitee gets. " +
			"Pinecone emails the invite; it stays `pending` for 7 days, then `expired`. When the invitee accepts, " +
			"the invite becomes `processed`: Pinecone turns it into a user and moves its role bindings to that user. " +
			"The resource then stays in state as `processed`, with nothing to change, and destroying it only forgets " +
			"it (it never removes the member). Manage the member's roles from then on with `pinecone_role_binding` " +
			"(`principal_type = \"user\"`).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Invite ID.", Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "Email address to invite (at most 254 characters). Changing it replaces the invite.",
				Required:            true,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, inviteEmailMaxLength),
					stringvalidator.RegexMatches(emailRegexp, "must be an email address"),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"role_bindings": schema.ListNestedAttribute{
				MarkdownDescription: "Roles the invitee gets (1–100), including at least one organization membership " +
					"role (" + markdownList(client.OrganizationMembershipRoles) + "). Written once: Pinecone does not " +
					"return them with the invite, so they are not read back. Changing them replaces a pending or expired " +
					"invite; after an import, or once the invite is accepted, the configured value is only recorded.",
				Required: true,
				Validators: []validator.List{
					listvalidator.SizeBetween(1, inviteMaxBindings),
					inviteBindingsValidator{},
				},
				PlanModifiers: []planmodifier.List{
					listplanmodifier.RequiresReplaceIf(writeOnceChanged,
						"Changing the role bindings replaces a pending or expired invite.",
						"Changing the role bindings replaces a pending or expired invite."),
				},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"resource_type": schema.StringAttribute{
						MarkdownDescription: "Scope: " + scopeValues + ".", Required: true,
						Validators: []validator.String{scopeValidator},
					},
					"resource_id": schema.StringAttribute{
						MarkdownDescription: "Project ID for a project role; unset for an organization role.",
						Optional:            true, Validators: uuidValidators(),
					},
					"role": schema.StringAttribute{
						MarkdownDescription: "Role to grant (as in `pinecone_role_binding`).", Required: true,
						Validators: []validator.String{anyRoleValidator},
					},
				}},
			},
			"resend_trigger": schema.StringAttribute{
				MarkdownDescription: "Any value you choose. Changing it from one value to another resends the email " +
					"and extends the invite by 7 days (also for an expired invite). Setting it where it was unset, or " +
					"removing it, does nothing.",
				Optional: true,
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`pending`, `expired` or `processed` (accepted).", Computed: true,
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When a pending invite expires (RFC 3339); null if it does not expire.", Computed: true,
			},
			"processed_at": schema.StringAttribute{
				MarkdownDescription: "When the invite was accepted (RFC 3339); null until then.", Computed: true,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "Creation time (RFC 3339).", Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// writeOnceChanged asks for a replacement when the role bindings of a
// pending or expired invite change. It does not when the state has none (an
// import, which cannot read them back), nor once the invite is accepted: a
// new invitation to a member would fail, and the bindings now belong to the
// member (ModifyPlan warns). The change is then only recorded.
func writeOnceChanged(ctx context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
	var status types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("status"), &status)...)
	resp.RequiresReplace = !req.StateValue.IsNull() && status.ValueString() != client.InviteProcessed
}

// inviteBindingsValidator checks each binding's scope and role, and that one
// of them makes the invitee a member of the organization.
type inviteBindingsValidator struct{}

func (inviteBindingsValidator) Description(context.Context) string {
	return "role bindings must fit their scope and include an organization membership role"
}

func (v inviteBindingsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (inviteBindingsValidator) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var bindings []inviteBindingModel
	if diags := req.ConfigValue.ElementsAs(ctx, &bindings, true); diags.HasError() {
		return
	}
	member, judged := false, true
	for i, b := range bindings {
		if b.ResourceType.IsUnknown() || b.Role.IsUnknown() || b.ResourceID.IsUnknown() {
			judged = false
			continue
		}
		if attr, why := scopeRoleProblem(client.PrincipalUser, b.ResourceType.ValueString(), b.Role.ValueString(), b.ResourceID); attr != "" {
			resp.Diagnostics.AddAttributeError(req.Path.AtListIndex(i).AtName(attr), "Invalid invite role binding", why)
		}
		if b.ResourceType.ValueString() == client.ScopeOrganization && slices.Contains(client.OrganizationMembershipRoles, b.Role.ValueString()) {
			member = true
		}
	}
	if judged && !member {
		resp.Diagnostics.AddAttributeError(req.Path, "Invite without organization membership",
			fmt.Sprintf("An invite must make the invitee a member of the organization: add a binding with "+
				"resource_type = \"organization\" and one of the roles %s.", markdownList(client.OrganizationMembershipRoles)))
	}
}

// inviteBindingAttrTypes is the object type of one role_bindings element.
var inviteBindingAttrTypes = map[string]attr.Type{
	"resource_type": types.StringType, "resource_id": types.StringType, "role": types.StringType,
}
