package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                = (*apiKeyResource)(nil)
	_ resource.ResourceWithConfigure   = (*apiKeyResource)(nil)
	_ resource.ResourceWithImportState = (*apiKeyResource)(nil)
)

var roleValidator, roleValues = oneOf(client.APIKeyRoles...)

// NewAPIKeyResource is the constructor of pinecone_api_key.
func NewAPIKeyResource() resource.Resource { return &apiKeyResource{} }

type apiKeyResource struct {
	data *providerData
}

type apiKeyResourceModel struct {
	ID        types.String `tfsdk:"id"`
	ProjectID types.String `tfsdk:"project_id"`
	Name      types.String `tfsdk:"name"`
	Roles     types.Set    `tfsdk:"roles"`
	Value     types.String `tfsdk:"value"`
}

func (r *apiKeyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_api_key"
}

func (r *apiKeyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	defaultRoles := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("ProjectEditor")})
	resp.Schema = schema.Schema{
		MarkdownDescription: "An API key of a Pinecone project, managed through the admin API. Pinecone shows the " +
			"secret only when the key is created: it is kept (sensitive) in state as `value` across renames and role " +
			"changes, and cannot be recovered by an import. If the answer to a create is lost in transit, the provider " +
			"deletes the key that create made (its secret is unknown) and creates the key again, so no unusable key is " +
			"left behind.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "API key ID (UUID).", Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"project_id": schema.StringAttribute{
				MarkdownDescription: "Project of the key. Changing it replaces the key (and its secret).",
				Required:            true, Validators: uuidValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Key name (1–80 characters). Updated in place; the secret stays the same.",
				Required:            true, Validators: []validator.String{stringvalidator.LengthBetween(1, 80)},
			},
			"roles": schema.SetAttribute{
				MarkdownDescription: "Roles of the key, from " + roleValues + " (default `[\"ProjectEditor\"]`). " +
					"Updated in place: the new set replaces the old one.",
				Optional: true, Computed: true, ElementType: types.StringType,
				Default: setdefault.StaticValue(defaultRoles),
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(roleValidator),
				},
			},
			"value": schema.StringAttribute{
				MarkdownDescription: "The secret key. Known only for keys created by Terraform (null after an import).",
				Computed:            true, Sensitive: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *apiKeyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = resourceProviderData(req.ProviderData, &resp.Diagnostics)
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
	out, diags := newAPIKeyModel(ctx, &created.Key, &plan)
	resp.Diagnostics.Append(diags...)
	out.Value = types.StringValue(created.Value)
	resp.Diagnostics.Append(resp.State.Set(ctx, out)...)
}

// createAPIKey creates a key and recovers from a lost answer. Pinecone shows
// a key's secret only in the create response, so a key whose response never
// arrived is useless to Terraform: it is found (a key of that name that was
// not in the project before), deleted, and the create is made once more.
// Key names are not unique, hence the list taken before the create.
func (r *apiKeyResource) createAPIKey(ctx context.Context, project string, req client.CreateAPIKeyRequest) (*client.APIKeyWithSecret, error) {
	c := r.data.client
	before, listErr := c.ListAPIKeys(ctx, project)
	created, err := c.CreateAPIKey(ctx, project, req)
	if err == nil || listErr != nil || !mayHaveActed(err) {
		return created, err
	}
	after, lerr := c.ListAPIKeys(ctx, project)
	if lerr != nil {
		return nil, err
	}
	orphans := newKeysNamed(before, after, req.Name)
	switch len(orphans) {
	case 0:
		return c.CreateAPIKey(ctx, project, req) // the first attempt did not land
	case 1:
		tflog.Warn(ctx, "The answer to an API key create was lost; deleting the key it made, whose secret is unknown, and creating it again",
			map[string]any{"api_key_id": orphans[0].ID, "project_id": project})
		if derr := c.DeleteAPIKey(ctx, orphans[0].ID); derr != nil && !errors.Is(derr, client.ErrNotFound) {
			return nil, fmt.Errorf("%w; the key it created (%s) has an unknown secret and could not be deleted: %w", err, orphans[0].ID, derr)
		}
		return c.CreateAPIKey(ctx, project, req)
	}
	ids := make([]string, 0, len(orphans))
	for _, k := range orphans {
		ids = append(ids, k.ID)
	}
	return nil, fmt.Errorf("%w; keys named %q appeared meanwhile (%v) and none can be identified as ours: delete the unused ones", err, req.Name, ids)
}

// mayHaveActed is true for failures after which the server may have created
// the object: a broken connection or a 5xx (not a 4xx refusal).
func mayHaveActed(err error) bool {
	apiErr, ok := client.AsAPIError(err)
	return !ok || apiErr.Status >= 500
}

// newKeysNamed lists keys named name that are in after but not in before.
func newKeysNamed(before, after []client.APIKey, name string) []client.APIKey {
	return appeared(before, after, func(k client.APIKey) string { return k.ID },
		func(k client.APIKey) bool { return k.Name == name })
}

func (r *apiKeyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state apiKeyResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	k, err := r.data.client.DescribeAPIKey(ctx, id)
	if errors.Is(err, client.ErrNotFound) {
		removedOutsideTerraform(ctx, resp, "API key", id)
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error reading Pinecone API key", fmt.Sprintf("Reading API key %s", id), err)
		return
	}
	out, diags := newAPIKeyModel(ctx, k, &state)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, out)...)
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
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, out)...)
}

func (r *apiKeyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state apiKeyResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	if err := r.data.client.DeleteAPIKey(ctx, id); err != nil && !errors.Is(err, client.ErrNotFound) {
		addError(&resp.Diagnostics, "Error deleting Pinecone API key", fmt.Sprintf("Deleting API key %s", id), err)
	}
}

// ImportState takes the API key ID; the secret cannot be recovered.
func (r *apiKeyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !uuidRegexp.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("The import ID is the API key ID (a UUID), got %q.", req.ID))
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("value"), types.StringNull())...)
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
