package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.Plan.Get, &plan,
		func() timeoutFunc { return plan.Timeouts.Create }, defaultCreateTimeout)
	if !ok {
		return
	}
	defer cancel()
	metadata, ok := planMetadata(&plan, &resp.Diagnostics)
	if !ok {
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
	store := r.storer(ctx, &resp.State, &resp.Diagnostics, &plan)
	store(created)
	r.waitReady(ctx, &resp.Diagnostics, name, store)
}

// planMetadata is the planned metadata as JSON; it reports false when it
// added an error.
func planMetadata(plan *assistantResourceModel, diags *diag.Diagnostics) (json.RawMessage, bool) {
	metadata, err := metadataToJSON(plan.Metadata)
	if err != nil {
		diags.AddAttributeError(path.Root("metadata"), "Invalid metadata", err.Error())
		return nil, false
	}
	return metadata, true
}

// storer returns a function that stores an assistant, converted against prior.
func (r *assistantResource) storer(ctx context.Context, st stateSetter, diags *diag.Diagnostics, prior *assistantResourceModel) func(*client.Assistant) {
	return func(a *client.Assistant) {
		out, convDiags := newAssistantModel(a, prior)
		setState(ctx, st, diags, out, convDiags)
	}
}

// waitReady waits for the assistant to be ready and stores what it saw.
func (r *assistantResource) waitReady(ctx context.Context, diags *diag.Diagnostics, name string, store func(*client.Assistant)) {
	waitAndStore(ctx, diags, func(ctx context.Context) (*client.Assistant, error) {
		return r.data.client.WaitForAssistantReady(ctx, name)
	}, store, "Error waiting for Pinecone assistant", fmt.Sprintf("assistant %q", name))
}

func (r *assistantResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state assistantResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.Name.ValueString()
	// From the list shared by every assistant of this refresh.
	a, err := r.data.client.ReadAssistant(ctx, name)
	if readOrRemove(ctx, resp, "assistant", name, fmt.Sprintf("assistant %q", name), a, err,
		func(a *client.Assistant) bool { return a.Status == client.AssistantStateTerminating }) {
		r.storer(ctx, &resp.State, &resp.Diagnostics, &state)(a)
	}
}

func (r *assistantResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan assistantResourceModel
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.Plan.Get, &plan,
		func() timeoutFunc { return plan.Timeouts.Update }, defaultUpdateTimeout)
	if !ok {
		return
	}
	defer cancel()
	metadata, ok := planMetadata(&plan, &resp.Diagnostics)
	if !ok {
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
	r.waitReady(ctx, &resp.Diagnostics, name, r.storer(ctx, &resp.State, &resp.Diagnostics, &plan))
}

func (r *assistantResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state assistantResourceModel
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.State.Get, &state,
		func() timeoutFunc { return state.Timeouts.Delete }, defaultDeleteTimeout)
	if !ok {
		return
	}
	defer cancel()
	name := state.Name.ValueString()
	c := r.data.client
	deleteAndWait(ctx, &resp.Diagnostics, "assistant", fmt.Sprintf("assistant %q", name),
		func(ctx context.Context) error { return c.DeleteAssistant(ctx, name) },
		func(ctx context.Context) error { return c.WaitForAssistantDeleted(ctx, name) })
}

// ImportState takes the assistant name.
func (r *assistantResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importName(ctx, req, resp, "assistant", assistantNameRule) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("metadata"), types.DynamicNull())...)
	}
}
