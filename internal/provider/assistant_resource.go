package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                   = (*assistantResource)(nil)
	_ resource.ResourceWithConfigure      = (*assistantResource)(nil)
	_ resource.ResourceWithImportState    = (*assistantResource)(nil)
	_ resource.ResourceWithValidateConfig = (*assistantResource)(nil)
)

// Assistant limits (facts doc §4).
const (
	assistantNameMaxLength = 63
	assistantTextMaxBytes  = 16 * 1024
)

var (
	assistantNameRegexp                    = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)
	assistantRegionValidator, regionValues = oneOf("us", "eu")
)

func assistantNameValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthBetween(1, assistantNameMaxLength),
		stringvalidator.RegexMatches(assistantNameRegexp,
			"must contain only lowercase alphanumeric characters or hyphens, and must not begin or end with a hyphen"),
	}
}

// NewAssistantResource is the constructor of pinecone_assistant.
func NewAssistantResource() resource.Resource { return &assistantResource{} }

type assistantResource struct {
	data *providerData
}

type assistantResourceModel struct {
	ID           types.String   `tfsdk:"id"`
	Name         types.String   `tfsdk:"name"`
	Region       types.String   `tfsdk:"region"`
	Instructions types.String   `tfsdk:"instructions"`
	Metadata     types.Dynamic  `tfsdk:"metadata"`
	Host         types.String   `tfsdk:"host"`
	Status       types.String   `tfsdk:"status"`
	CreatedAt    types.String   `tfsdk:"created_at"`
	UpdatedAt    types.String   `tfsdk:"updated_at"`
	Timeouts     timeouts.Value `tfsdk:"timeouts"`
}

func (r *assistantResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_assistant"
}

func (r *assistantResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Pinecone Assistant: a hosted retrieval-augmented chat assistant over uploaded files " +
			"(see `pinecone_assistant_file`). Creation waits until it is `Ready`; deletion (which also deletes its files) " +
			"waits until it is gone.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "The assistant name.", Computed: true, PlanModifiers: stable},
			"name": schema.StringAttribute{
				MarkdownDescription: "Assistant name: 1–63 lowercase letters, digits or hyphens, starting and ending with a " +
					"letter or digit. Changing it replaces the assistant.",
				Required: true, Validators: assistantNameValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Region where the assistant and its files live: one of " + regionValues +
					" (default `us`). Changing it replaces the assistant.",
				Optional: true, Computed: true, Default: stringdefault.StaticString("us"),
				Validators:    []validator.String{assistantRegionValidator},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"instructions": schema.StringAttribute{
				MarkdownDescription: "Instructions that shape the assistant's answers (at most 16 KB). Updated in place.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, assistantTextMaxBytes)},
			},
			"metadata": schema.DynamicAttribute{
				MarkdownDescription: "Metadata: an object, written either as an HCL object (`{ team = \"search\" }`) or as " +
					"JSON (`jsonencode({...})`), at most 16 KB of JSON. Key order and spacing Pinecone returns do not " +
					"cause changes. Updated in place.",
				Optional: true,
			},
			"host": schema.StringAttribute{
				MarkdownDescription: "Data-plane URL of the assistant (chat, files).", Computed: true, PlanModifiers: stable,
			},
			"status":     schema.StringAttribute{MarkdownDescription: "Status, e.g. `Ready`.", Computed: true, PlanModifiers: stable},
			"created_at": schema.StringAttribute{MarkdownDescription: "Creation time (RFC 3339).", Computed: true, PlanModifiers: stable},
			"updated_at": schema.StringAttribute{MarkdownDescription: "Last update time (RFC 3339).", Computed: true},
			"timeouts":   timeoutsAttribute(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

func (r *assistantResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = resourceProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig checks metadata's shape and size before any call.
func (r *assistantResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var metadata types.Dynamic
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("metadata"), &metadata)...)
	validateMetadata(metadata, path.Root("metadata"), &resp.Diagnostics)
}

// validateMetadata rejects metadata that is not a JSON object or is too big.
func validateMetadata(v types.Dynamic, p path.Path, diags *diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() || v.IsUnderlyingValueUnknown() || containsUnknown(v) {
		return
	}
	raw, err := metadataToJSON(v)
	if err != nil {
		diags.AddAttributeError(p, "Invalid metadata", err.Error())
		return
	}
	if len(raw) > assistantTextMaxBytes {
		diags.AddAttributeError(p, "Metadata too large",
			fmt.Sprintf("Pinecone accepts at most 16 KB of metadata; this is %d bytes of JSON.", len(raw)))
	}
}

// containsUnknown reports whether any part of a dynamic value is unknown.
func containsUnknown(v types.Dynamic) bool {
	var walk func(a attr.Value) bool
	walk = func(a attr.Value) bool {
		if a == nil {
			return false
		}
		if a.IsUnknown() {
			return true
		}
		var children []attr.Value
		switch t := a.(type) {
		case types.Object:
			for _, e := range t.Attributes() {
				children = append(children, e)
			}
		case types.Map:
			for _, e := range t.Elements() {
				children = append(children, e)
			}
		case types.Tuple:
			children = t.Elements()
		case types.List:
			children = t.Elements()
		case types.Set:
			children = t.Elements()
		case types.Dynamic:
			children = []attr.Value{t.UnderlyingValue()}
		}
		for _, c := range children {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(v.UnderlyingValue())
}

func (r *assistantResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan assistantResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	metadata, err := metadataToJSON(plan.Metadata)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("metadata"), "Invalid metadata", err.Error())
		return
	}
	c := r.data.client
	name := plan.Name.ValueString()
	created, err := c.CreateAssistant(ctx, client.CreateAssistantRequest{
		Name: name, Instructions: stringPtr(plan.Instructions), Metadata: metadata, Region: knownString(plan.Region),
	})
	if client.IsOwnRetriedCreate(err) {
		created, err = c.DescribeAssistant(ctx, name) // our create went through; its answer was lost
	}
	if err != nil {
		if errors.Is(err, client.ErrAlreadyExists) {
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Pinecone assistant already exists",
				alreadyExistsDetail("assistant", "pinecone_assistant", name, err))
			return
		}
		addError(&resp.Diagnostics, "Error creating Pinecone assistant", fmt.Sprintf("Creating assistant %q", name), err)
		return
	}
	resp.Diagnostics.Append(setAssistantState(ctx, &resp.State, created, &plan)...)
	ready, err := c.WaitForAssistantReady(ctx, name)
	if ready != nil {
		resp.Diagnostics.Append(setAssistantState(ctx, &resp.State, ready, &plan)...)
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error waiting for Pinecone assistant", fmt.Sprintf("Assistant %q", name), err)
	}
}

func (r *assistantResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state assistantResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.Name.ValueString()
	a, err := r.data.client.DescribeAssistant(ctx, name)
	if errors.Is(err, client.ErrNotFound) || (err == nil && a.Status == client.AssistantStateTerminating) {
		removedOutsideTerraform(ctx, resp, "assistant", name)
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error reading Pinecone assistant", fmt.Sprintf("Reading assistant %q", name), err)
		return
	}
	resp.Diagnostics.Append(setAssistantState(ctx, &resp.State, a, &state)...)
}

func (r *assistantResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan assistantResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	metadata, err := metadataToJSON(plan.Metadata)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("metadata"), "Invalid metadata", err.Error())
		return
	}
	c := r.data.client
	name := plan.Name.ValueString()
	if _, err := c.UpdateAssistant(ctx, name, client.UpdateAssistantRequest{
		Instructions: stringPtr(plan.Instructions), Metadata: metadata,
	}); err != nil {
		addError(&resp.Diagnostics, "Error updating Pinecone assistant", fmt.Sprintf("Updating assistant %q", name), err)
		return
	}
	a, err := c.WaitForAssistantReady(ctx, name)
	if a != nil {
		resp.Diagnostics.Append(setAssistantState(ctx, &resp.State, a, &plan)...)
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error waiting for Pinecone assistant", fmt.Sprintf("Assistant %q", name), err)
	}
}

func (r *assistantResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state assistantResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	name := state.Name.ValueString()
	err := r.data.client.DeleteAssistant(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error deleting Pinecone assistant", fmt.Sprintf("Deleting assistant %q", name), err)
		return
	}
	if err := r.data.client.WaitForAssistantDeleted(ctx, name); err != nil {
		addError(&resp.Diagnostics, "Error waiting for Pinecone assistant deletion", fmt.Sprintf("Assistant %q", name), err)
	}
}

// ImportState takes the assistant name.
func (r *assistantResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" || len(req.ID) > assistantNameMaxLength || !assistantNameRegexp.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("The import ID is the assistant name (1–63 lowercase letters, digits or hyphens), got %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("metadata"), types.DynamicNull())...)
}

func setAssistantState(ctx context.Context, st stateSetter, a *client.Assistant, prior *assistantResourceModel) diag.Diagnostics {
	out, diags := newAssistantModel(a, prior)
	if diags.HasError() {
		return diags
	}
	diags.Append(st.Set(ctx, out)...)
	return diags
}

// newAssistantModel maps an assistant; prior keeps the user's spelling of
// metadata and fills what an older API version leaves out (region).
func newAssistantModel(a *client.Assistant, prior *assistantResourceModel) (*assistantResourceModel, diag.Diagnostics) {
	out := *prior
	out.ID = types.StringValue(a.Name)
	out.Name = types.StringValue(a.Name)
	if a.Region != "" {
		out.Region = types.StringValue(a.Region)
	} else if out.Region.IsNull() || out.Region.IsUnknown() {
		out.Region = types.StringValue("us")
	}
	out.Instructions = types.StringNull()
	if a.Instructions != nil && *a.Instructions != "" {
		out.Instructions = types.StringValue(*a.Instructions)
	}
	metadata, diags := metadataFromAPI(a.Metadata, prior.Metadata)
	out.Metadata = metadata
	out.Host = types.StringValue(a.Host)
	out.Status = types.StringValue(a.Status)
	out.CreatedAt = types.StringValue(a.CreatedAt)
	out.UpdatedAt = types.StringValue(a.UpdatedAt)
	return &out, diags
}

func stringPtr(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}
