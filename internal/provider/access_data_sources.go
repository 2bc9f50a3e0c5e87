package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// Data sources of access management: service accounts, role bindings,
// invites and users, one and all of each (admin API 2026-07).

var (
	_ datasource.DataSourceWithConfigure = (*serviceAccountDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*serviceAccountsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*roleBindingDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*roleBindingsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*inviteDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*invitesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*usersDataSource)(nil)
)

// NewServiceAccountDataSource is the constructor of data source pinecone_service_account.
func NewServiceAccountDataSource() datasource.DataSource { return &serviceAccountDataSource{} }

// NewServiceAccountsDataSource is the constructor of data source pinecone_service_accounts.
func NewServiceAccountsDataSource() datasource.DataSource { return &serviceAccountsDataSource{} }

// NewRoleBindingDataSource is the constructor of data source pinecone_role_binding.
func NewRoleBindingDataSource() datasource.DataSource { return &roleBindingDataSource{} }

// NewRoleBindingsDataSource is the constructor of data source pinecone_role_bindings.
func NewRoleBindingsDataSource() datasource.DataSource { return &roleBindingsDataSource{} }

// NewInviteDataSource is the constructor of data source pinecone_invite.
func NewInviteDataSource() datasource.DataSource { return &inviteDataSource{} }

// NewInvitesDataSource is the constructor of data source pinecone_invites.
func NewInvitesDataSource() datasource.DataSource { return &invitesDataSource{} }

// NewUserDataSource is the constructor of data source pinecone_user.
func NewUserDataSource() datasource.DataSource { return &userDataSource{} }

// NewUsersDataSource is the constructor of data source pinecone_users.
func NewUsersDataSource() datasource.DataSource { return &usersDataSource{} }

type (
	serviceAccountDataSource  struct{ configuredDataSource }
	serviceAccountsDataSource struct{ configuredDataSource }
	roleBindingDataSource     struct{ configuredDataSource }
	roleBindingsDataSource    struct{ configuredDataSource }
	inviteDataSource          struct{ configuredDataSource }
	invitesDataSource         struct{ configuredDataSource }
	userDataSource            struct{ configuredDataSource }
	usersDataSource           struct{ configuredDataSource }
)

const organizationScope = "the organization"

// Data sources of service accounts.

type serviceAccountDataModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	ClientID  types.String `tfsdk:"client_id"`
	CreatedAt types.String `tfsdk:"created_at"`
	UpdatedAt types.String `tfsdk:"updated_at"`
}

func serviceAccountAttributes() map[string]dschema.Attribute {
	return computedAttributes(serviceAccountResourceSchema().Attributes, "client_secret", "rotate_trigger")
}

func newServiceAccountData(sa *client.ServiceAccount) serviceAccountDataModel {
	return serviceAccountDataModel{
		ID: types.StringValue(sa.ID), Name: types.StringValue(sa.Name),
		ClientID: types.StringValue(sa.ClientID), CreatedAt: types.StringValue(sa.CreatedAt),
		UpdatedAt: types.StringValue(sa.UpdatedAt),
	}
}

func (d *serviceAccountDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_account"
}

func (d *serviceAccountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := serviceAccountAttributes()
	attrs["id"] = dschema.StringAttribute{Required: true, Validators: uuidValidators(), MarkdownDescription: "Service account ID."}
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Reads one service account of the organization by ID (admin API). Its secret is never readable.",
		Attributes:          attrs,
	}
}

func (d *serviceAccountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOne(ctx, req, resp, "service account", organizationScope, "id",
		func(c *serviceAccountDataModel) string { return c.ID.ValueString() },
		d.data.client.DescribeServiceAccount, noDiags(newServiceAccountData))
}

type serviceAccountsDataModel struct {
	ID              types.String              `tfsdk:"id"`
	ServiceAccounts []serviceAccountDataModel `tfsdk:"service_accounts"`
}

func (d *serviceAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_accounts"
}

func (d *serviceAccountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema("Lists the service accounts of the organization, sorted by name (admin API). Secrets are never listed.",
		"Constant identifier of this listing (`pinecone_service_accounts`).",
		nil, "service_accounts", "The service accounts.", serviceAccountAttributes())
}

func (d *serviceAccountsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, err := d.data.client.ListServiceAccounts(ctx)
	items, diags, ok := listData(&resp.Diagnostics, "service accounts", "Listing service accounts", list, err,
		func(sa *client.ServiceAccount) string { return sa.Name + "\x00" + sa.ID }, noDiags(newServiceAccountData))
	if ok {
		out := serviceAccountsDataModel{ID: types.StringValue("pinecone_service_accounts"), ServiceAccounts: items}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}

// Data sources of role bindings.

func roleBindingAttributes() map[string]dschema.Attribute {
	attrs := computedAttributes(roleBindingResourceSchema().Attributes)
	attrs["principal_type"] = dschema.StringAttribute{Computed: true,
		MarkdownDescription: "Kind of principal: `user`, `service_account`, `api_key` or `invite`."}
	attrs["principal_id"] = dschema.StringAttribute{Computed: true,
		MarkdownDescription: "ID (UUID) of the user, service account, API key or invite."}
	attrs["resource_id"] = dschema.StringAttribute{Computed: true,
		MarkdownDescription: "The project's ID for a project-scoped binding; the organization's ID for an organization-scoped one."}
	attrs["role"] = dschema.StringAttribute{Computed: true, MarkdownDescription: "The role granted."}
	return attrs
}

func (d *roleBindingDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_binding"
}

func (d *roleBindingDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := roleBindingAttributes()
	attrs["id"] = dschema.StringAttribute{Required: true, Validators: uuidValidators(), MarkdownDescription: "Role binding ID."}
	resp.Schema = dschema.Schema{MarkdownDescription: "Reads one role binding by ID (admin API).", Attributes: attrs}
}

func (d *roleBindingDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOne(ctx, req, resp, "role binding", organizationScope, "id",
		func(c *roleBindingModel) string { return c.ID.ValueString() },
		d.data.client.DescribeRoleBinding, noDiags(newRoleBindingModel))
}

type roleBindingsDataModel struct {
	ID            types.String       `tfsdk:"id"`
	PrincipalType types.String       `tfsdk:"principal_type"`
	PrincipalID   types.String       `tfsdk:"principal_id"`
	ResourceType  types.String       `tfsdk:"resource_type"`
	ResourceID    types.String       `tfsdk:"resource_id"`
	Role          types.String       `tfsdk:"role"`
	RoleBindings  []roleBindingModel `tfsdk:"role_bindings"`
}

var allPrincipalTypes = []string{client.PrincipalUser, client.PrincipalServiceAccount, client.PrincipalAPIKey, client.PrincipalInvite}

func (d *roleBindingsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_role_bindings"
}

func (d *roleBindingsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	principalTypes, principalValues := oneOf(allPrincipalTypes...)
	resp.Schema = listSchema("Lists role bindings, sorted by ID, optionally filtered (admin API). Filters combine: "+
		"a binding must match every one given. `principal_id` needs `principal_type`, and `resource_id` needs `resource_type`.",
		"Identifier of this listing, built from the filters.",
		map[string]dschema.Attribute{
			"principal_type": dschema.StringAttribute{Optional: true, Validators: []validator.String{principalTypes},
				MarkdownDescription: "Only bindings of this kind of principal: " + principalValues + "."},
			"principal_id": dschema.StringAttribute{Optional: true,
				Validators:          append(uuidValidators(), stringvalidator.AlsoRequires(path.MatchRoot("principal_type"))),
				MarkdownDescription: "Only bindings of this principal."},
			"resource_type": dschema.StringAttribute{Optional: true, Validators: []validator.String{scopeValidator},
				MarkdownDescription: "Only bindings at this scope: " + scopeValues + "."},
			"resource_id": dschema.StringAttribute{Optional: true,
				Validators:          []validator.String{stringvalidator.AlsoRequires(path.MatchRoot("resource_type"))},
				MarkdownDescription: "Only bindings on this project (or organization)."},
			"role": dschema.StringAttribute{Optional: true, Validators: []validator.String{anyRoleValidator},
				MarkdownDescription: "Only bindings that grant this role."},
		}, "role_bindings", "The matching role bindings.", roleBindingAttributes())
}

func (d *roleBindingsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[roleBindingsDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	filter := client.RoleBindingFilter{
		PrincipalType: knownString(cfg.PrincipalType), PrincipalID: knownString(cfg.PrincipalID),
		ResourceType: knownString(cfg.ResourceType), ResourceID: knownString(cfg.ResourceID), Role: knownString(cfg.Role),
	}
	list, err := d.data.client.ListRoleBindings(ctx, filter)
	items, diags, ok := listData(&resp.Diagnostics, "role bindings", "Listing role bindings", list, err,
		func(b *client.RoleBinding) string { return b.ID }, noDiags(newRoleBindingModel))
	if ok {
		cfg.ID = types.StringValue(fmt.Sprintf("role_bindings/%s/%s/%s/%s/%s",
			filter.PrincipalType, filter.PrincipalID, filter.ResourceType, filter.ResourceID, filter.Role))
		cfg.RoleBindings = items
		setState(ctx, &resp.State, &resp.Diagnostics, cfg, diags)
	}
}

// Data sources of invites.

type inviteDataModel struct {
	ID          types.String `tfsdk:"id"`
	Email       types.String `tfsdk:"email"`
	Status      types.String `tfsdk:"status"`
	ExpiresAt   types.String `tfsdk:"expires_at"`
	ProcessedAt types.String `tfsdk:"processed_at"`
	CreatedAt   types.String `tfsdk:"created_at"`
}

func inviteAttributes() map[string]dschema.Attribute {
	attrs := computedAttributes(inviteResourceSchema().Attributes, "role_bindings", "resend_trigger")
	attrs["email"] = dschema.StringAttribute{Computed: true, MarkdownDescription: "Email address the invite was sent to."}
	return attrs
}

func newInviteData(inv *client.Invite) inviteDataModel {
	return inviteDataModel{
		ID: types.StringValue(inv.ID), Email: types.StringValue(inv.Email), Status: types.StringValue(inv.Status),
		ExpiresAt: types.StringPointerValue(inv.ExpiresAt), ProcessedAt: types.StringPointerValue(inv.ProcessedAt),
		CreatedAt: types.StringValue(inv.CreatedAt),
	}
}

func (d *inviteDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_invite"
}

func (d *inviteDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := inviteAttributes()
	attrs["id"] = dschema.StringAttribute{Required: true, Validators: uuidValidators(), MarkdownDescription: "Invite ID."}
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Reads one invite by ID, whatever its status, accepted (`processed`) included (admin API). " +
			"Its roles are role bindings with `principal_type = \"invite\"` (`pinecone_role_bindings`) until it is accepted.",
		Attributes: attrs,
	}
}

func (d *inviteDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOne(ctx, req, resp, "invite", organizationScope, "id",
		func(c *inviteDataModel) string { return c.ID.ValueString() },
		d.data.client.DescribeInvite, noDiags(newInviteData))
}

type invitesDataModel struct {
	ID      types.String      `tfsdk:"id"`
	Invites []inviteDataModel `tfsdk:"invites"`
}

func (d *invitesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_invites"
}

func (d *invitesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema("Lists the organization's pending and expired invites, sorted by email (admin API). "+
		"Accepted invites are not listed (Pinecone leaves them out); read one with `pinecone_invite`.",
		"Constant identifier of this listing (`pinecone_invites`).",
		nil, "invites", "The pending and expired invites.", inviteAttributes())
}

func (d *invitesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, err := d.data.client.ListInvites(ctx)
	items, diags, ok := listData(&resp.Diagnostics, "invites", "Listing invites", list, err,
		func(inv *client.Invite) string { return inv.Email + "\x00" + inv.ID }, noDiags(newInviteData))
	if ok {
		out := invitesDataModel{ID: types.StringValue("pinecone_invites"), Invites: items}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}

// Data sources of users.

type userDataModel struct {
	ID    types.String `tfsdk:"id"`
	Email types.String `tfsdk:"email"`
	Name  types.String `tfsdk:"name"`
}

func newUserData(u *client.User) userDataModel {
	name := types.StringNull()
	if u.Name != "" {
		name = types.StringValue(u.Name)
	}
	return userDataModel{ID: types.StringValue(u.ID), Email: types.StringValue(u.Email), Name: name}
}

func userAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"id":    dschema.StringAttribute{Computed: true, MarkdownDescription: "User ID; use it as `principal_id` of a role binding."},
		"email": dschema.StringAttribute{Computed: true, MarkdownDescription: "Email address."},
		"name":  dschema.StringAttribute{Computed: true, MarkdownDescription: "Display name; null if the user has not set one."},
	}
}

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := userAttributes()
	attrs["id"] = dschema.StringAttribute{Optional: true, Computed: true, Validators: []validator.String{
		stringvalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("email")),
	}, MarkdownDescription: "User ID. Give `id` or `email`."}
	attrs["email"] = dschema.StringAttribute{Optional: true, Computed: true,
		Validators:          []validator.String{stringvalidator.RegexMatches(emailRegexp, "must be an email address")},
		MarkdownDescription: "Email address of the member (matched case-insensitively by Pinecone)."}
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Reads one member of the organization by ID or email (admin API), e.g. to bind roles " +
			"to someone who accepted an invite.",
		Attributes: attrs,
	}
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[userDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	if id := knownString(cfg.ID); id != "" {
		readOne(ctx, req, resp, "user", organizationScope, "id",
			func(c *userDataModel) string { return c.ID.ValueString() }, d.data.client.DescribeUser, noDiags(newUserData))
		return
	}
	email := knownString(cfg.Email)
	list, err := d.data.client.ListUsers(ctx, email)
	if err != nil {
		addError(&resp.Diagnostics, "Error reading Pinecone user", fmt.Sprintf("Looking up user %s", email), err)
		return
	}
	switch len(list) {
	case 0:
		resp.Diagnostics.AddAttributeError(path.Root("email"), "Pinecone user not found",
			fmt.Sprintf("No member of the organization has the email %q. Someone invited becomes a member only when they accept.", email))
		return
	case 1:
	default:
		addError(&resp.Diagnostics, "Error reading Pinecone user", "Looking up user "+email,
			errors.New("more than one member matches; select the user by id"))
		return
	}
	out := newUserData(&list[0])
	setState(ctx, &resp.State, &resp.Diagnostics, &out, nil)
}

type usersDataModel struct {
	ID    types.String    `tfsdk:"id"`
	Email types.String    `tfsdk:"email"`
	Users []userDataModel `tfsdk:"users"`
}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema("Lists the members of the organization, sorted by email (admin API).",
		"Identifier of this listing.",
		map[string]dschema.Attribute{
			"email": dschema.StringAttribute{Optional: true,
				Validators:          []validator.String{stringvalidator.RegexMatches(emailRegexp, "must be an email address")},
				MarkdownDescription: "Only the member with this email (matched case-insensitively by Pinecone)."},
		}, "users", "The members.", userAttributes())
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[usersDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	email := knownString(cfg.Email)
	list, err := d.data.client.ListUsers(ctx, email)
	items, diags, ok := listData(&resp.Diagnostics, "users", "Listing users", list, err,
		func(u *client.User) string { return u.Email + "\x00" + u.ID }, noDiags(newUserData))
	if ok {
		cfg.ID = types.StringValue("pinecone_users/" + email)
		cfg.Users = items
		setState(ctx, &resp.State, &resp.Diagnostics, cfg, diags)
	}
}
