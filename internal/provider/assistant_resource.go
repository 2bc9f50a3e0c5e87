package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                   = (*assistantResource)(nil)
	_ resource.ResourceWithConfigure      = (*assistantResource)(nil)
	_ resource.ResourceWithImportState    = (*assistantResource)(nil)
	_ resource.ResourceWithValidateConfig = (*assistantResource)(nil)
)

// NewAssistantResource is the constructor of pinecone_assistant.
func NewAssistantResource() resource.Resource { return &assistantResource{} }

type assistantResource struct {
	configuredResource
}

func (r *assistantResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_assistant"
}

// ValidateConfig checks metadata's shape and size before any call.
func (r *assistantResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var metadata types.Dynamic
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("metadata"), &metadata)...)
	validateMetadata(metadata, path.Root("metadata"), &resp.Diagnostics)
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
	created, err = adoptOwnRetriedCreate(ctx, "assistant", name, created, err, c.DescribeAssistant,
		func(_ context.Context, a *client.Assistant) string { return assistantMismatch(&plan, a) })
	if err != nil {
		addCreateError(&resp.Diagnostics, "assistant", "pinecone_assistant", name, fmt.Sprintf("Creating assistant %q", name), err)
		return
	}
	out, diags := newAssistantModel(created, &plan)
	setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
	ready, err := c.WaitForAssistantReady(ctx, name)
	if ready != nil {
		out, diags := newAssistantModel(ready, &plan)
		setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
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
	out, diags := newAssistantModel(a, &state)
	setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
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
		out, diags := newAssistantModel(a, &plan)
		setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
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
	if importName(ctx, req, resp, "assistant", assistantNameRule) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("metadata"), types.DynamicNull())...)
	}
}
