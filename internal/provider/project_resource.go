package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                = (*projectResource)(nil)
	_ resource.ResourceWithConfigure   = (*projectResource)(nil)
	_ resource.ResourceWithImportState = (*projectResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*projectResource)(nil)
)

var uuidRegexp = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func uuidValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(uuidRegexp, "must be a UUID")}
}

// NewProjectResource is the constructor of pinecone_project.
func NewProjectResource() resource.Resource { return &projectResource{} }

type projectResource struct {
	data *providerData
}

type projectResourceModel struct {
	ID                      types.String `tfsdk:"id"`
	Name                    types.String `tfsdk:"name"`
	MaxPods                 types.Int64  `tfsdk:"max_pods"`
	EffectiveMaxPods        types.Int64  `tfsdk:"effective_max_pods"`
	ForceEncryptionWithCMEK types.Bool   `tfsdk:"force_encryption_with_cmek"`
	OrganizationID          types.String `tfsdk:"organization_id"`
	CreatedAt               types.String `tfsdk:"created_at"`
}

func (r *projectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (r *projectResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Pinecone project, managed through the admin API (needs `client_id`/`client_secret` or " +
			"`access_token` on the provider). Indexes and assistants live in a project and are reached with one of its " +
			"API keys (see `pinecone_api_key`). Pinecone refuses to delete a project that still holds indexes, " +
			"collections, backups or assistants.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "Project ID (UUID).", Computed: true, PlanModifiers: stable},
			"name": schema.StringAttribute{
				MarkdownDescription: "Project name (1–512 characters). Updated in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 512)},
			},
			"max_pods": schema.Int64Attribute{
				MarkdownDescription: "Pods the project may use (0 = serverless only, the default). Updated in place. " +
					"Pinecone may grant more than asked; the grant is `effective_max_pods`.",
				Optional: true, Computed: true, Default: int64default.StaticInt64(0),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"effective_max_pods": schema.Int64Attribute{
				MarkdownDescription: "Pods Pinecone actually allots to the project.", Computed: true,
			},
			"force_encryption_with_cmek": schema.BoolAttribute{
				MarkdownDescription: "Force customer-managed encryption keys for the project's indexes. Once enabled it " +
					"cannot be disabled: turning it off is a plan-time error.",
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			},
			"organization_id": schema.StringAttribute{MarkdownDescription: "Organization of the project.", Computed: true, PlanModifiers: stable},
			"created_at":      schema.StringAttribute{MarkdownDescription: "Creation time (RFC 3339).", Computed: true, PlanModifiers: stable},
		},
	}
}

func (r *projectResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = resourceProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan refuses to turn CMEK enforcement off: Pinecone cannot, and a
// silent replacement would delete the project.
func (r *projectResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var before, after types.Bool
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("force_encryption_with_cmek"), &before)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("force_encryption_with_cmek"), &after)...)
	if before.ValueBool() && !after.IsUnknown() && !after.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("force_encryption_with_cmek"), "CMEK enforcement cannot be disabled",
			"This project enforces customer-managed encryption keys, which Pinecone cannot turn off. Keep "+
				"`force_encryption_with_cmek = true`, or create a new project.")
	}
	var maxPods types.Int64
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("max_pods"), &maxPods)...)
	var stateMax types.Int64
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("max_pods"), &stateMax)...)
	if !maxPods.Equal(stateMax) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("effective_max_pods"), types.Int64Unknown())...)
	}
}

func (r *projectResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan projectResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	p, err := r.createProject(ctx, client.CreateProjectRequest{
		Name: name, MaxPods: int64Ptr(plan.MaxPods), ForceEncryptionWithCMEK: boolPtr(plan.ForceEncryptionWithCMEK),
	})
	if err != nil {
		addError(&resp.Diagnostics, "Error creating Pinecone project", fmt.Sprintf("Creating project %q", name), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, newProjectModel(p, &plan))...)
}

// createProject creates a project; after a failure that may have created one
// anyway it adopts the project of that name that appeared, or creates once
// more if none did (see recovery.go).
func (r *projectResource) createProject(ctx context.Context, req client.CreateProjectRequest) (*client.Project, error) {
	c := r.data.client
	before, listErr := c.ListProjects(ctx)
	created, err := c.CreateProject(ctx, req)
	if err == nil || listErr != nil || !mayHaveActed(err) {
		return created, err
	}
	after, lerr := c.ListProjects(ctx)
	if lerr != nil {
		return nil, err
	}
	ours := appeared(before, after, func(p client.Project) string { return p.ID },
		func(p client.Project) bool { return p.Name == req.Name })
	switch len(ours) {
	case 0:
		return c.CreateProject(ctx, req)
	case 1:
		return &ours[0], nil
	}
	return nil, fmt.Errorf("%w; %d projects named %q appeared meanwhile: import the right one", err, len(ours), req.Name)
}

func (r *projectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state projectResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	p, err := r.data.client.DescribeProject(ctx, id)
	if errors.Is(err, client.ErrNotFound) {
		removedOutsideTerraform(ctx, resp, "project", id)
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error reading Pinecone project", fmt.Sprintf("Reading project %s", id), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, newProjectModel(p, &state))...)
}

func (r *projectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state projectResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	var patch client.UpdateProjectRequest
	if !plan.Name.Equal(state.Name) {
		patch.Name = stringPtr(plan.Name)
	}
	if !plan.MaxPods.Equal(state.MaxPods) {
		patch.MaxPods = int64Ptr(plan.MaxPods)
	}
	if !plan.ForceEncryptionWithCMEK.Equal(state.ForceEncryptionWithCMEK) {
		patch.ForceEncryptionWithCMEK = boolPtr(plan.ForceEncryptionWithCMEK)
	}
	p, err := r.data.client.UpdateProject(ctx, id, patch)
	if err != nil {
		addError(&resp.Diagnostics, "Error updating Pinecone project", fmt.Sprintf("Updating project %s", id), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, newProjectModel(p, &plan))...)
}

func (r *projectResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state projectResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	err := r.data.client.DeleteProject(ctx, id)
	switch {
	case err == nil, errors.Is(err, client.ErrNotFound):
		return
	case errors.Is(err, client.ErrFailedPrecondition):
		resp.Diagnostics.AddError("Pinecone project is not empty",
			fmt.Sprintf("Pinecone refused to delete project %s (%q) because it still holds objects: %s\n\n"+
				"Delete its indexes, collections, backups and assistants first (with Terraform: make the resources "+
				"that live in the project depend on it, so they are destroyed before it).", id, state.Name.ValueString(), err))
	default:
		addError(&resp.Diagnostics, "Error deleting Pinecone project", fmt.Sprintf("Deleting project %s", id), err)
	}
}

// ImportState takes the project ID.
func (r *projectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !uuidRegexp.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("The import ID is the project ID (a UUID), got %q.", req.ID))
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// newProjectModel maps a project. max_pods keeps the requested value when
// Pinecone grants at least that much (it may grant more); a smaller grant is
// drift and shows.
func newProjectModel(p *client.Project, prior *projectResourceModel) *projectResourceModel {
	out := *prior
	out.ID = types.StringValue(p.ID)
	out.Name = types.StringValue(p.Name)
	out.EffectiveMaxPods = types.Int64Value(p.MaxPods)
	if prior.MaxPods.IsNull() || prior.MaxPods.IsUnknown() || p.MaxPods < prior.MaxPods.ValueInt64() {
		out.MaxPods = types.Int64Value(p.MaxPods)
	}
	out.ForceEncryptionWithCMEK = types.BoolValue(p.ForceEncryptionWithCMEK)
	out.OrganizationID = types.StringValue(p.OrganizationID)
	out.CreatedAt = types.StringValue(p.CreatedAt)
	return &out
}

func int64Ptr(v types.Int64) *int64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := v.ValueInt64()
	return &n
}

func boolPtr(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	b := v.ValueBool()
	return &b
}
