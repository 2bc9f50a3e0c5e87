package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                = (*collectionResource)(nil)
	_ resource.ResourceWithConfigure   = (*collectionResource)(nil)
	_ resource.ResourceWithImportState = (*collectionResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*collectionResource)(nil)
)

// NewCollectionResource is the constructor of pinecone_collection.
func NewCollectionResource() resource.Resource { return &collectionResource{} }

type collectionResource struct {
	configuredResource
}

func (r *collectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collection"
}

// ModifyPlan requires source when a collection is to be created; an
// imported collection may leave it out, since Pinecone does not report it.
func (r *collectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	requireOnCreate(ctx, req, resp, path.Root("source"), "Missing source",
		"Set `source` to the pod-based index the collection copies.")
}

func (r *collectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan collectionResourceModel
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

	c := r.data.client
	name, source := plan.Name.ValueString(), plan.Source.ValueString()
	created, err := c.CreateCollection(ctx, client.CreateCollectionRequest{Name: name, Source: source})
	created, err = adoptOwnRetriedCreate(ctx, "collection", name, created, err, c.DescribeCollection,
		func(ctx context.Context, col *client.CollectionModel) string {
			ix, err := c.DescribeIndex(ctx, source)
			if err != nil {
				return fmt.Sprintf("its source index %q cannot be read to compare (%v)", source, err)
			}
			return collectionMismatch(ix, col)
		})
	if err != nil {
		addCreateError(&resp.Diagnostics, "collection", "pinecone_collection", name,
			fmt.Sprintf("Creating collection %q from index %q", name, source), err)
		return
	}
	setState(ctx, &resp.State, &resp.Diagnostics, newCollectionModel(created, &plan), nil)
	ready, err := c.WaitForCollectionReady(ctx, name)
	if ready != nil {
		setState(ctx, &resp.State, &resp.Diagnostics, newCollectionModel(ready, &plan), nil)
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error waiting for Pinecone collection", fmt.Sprintf("Collection %q", name), err)
	}
}

func (r *collectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state collectionResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.Name.ValueString()
	col, err := r.data.client.DescribeCollection(ctx, name)
	if errors.Is(err, client.ErrNotFound) || (err == nil && col.Status == client.CollectionStateTerminating) {
		removedOutsideTerraform(ctx, resp, "collection", name)
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error reading Pinecone collection", fmt.Sprintf("Reading collection %q", name), err)
		return
	}
	setState(ctx, &resp.State, &resp.Diagnostics, newCollectionModel(col, &state), nil)
}

// Update only records a source learned from the configuration after an
// import (Pinecone does not report it); every real change replaces.
func (r *collectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan collectionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setState(ctx, &resp.State, &resp.Diagnostics, &plan, nil)
}

func (r *collectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state collectionResourceModel
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
	err := r.data.client.DeleteCollection(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error deleting Pinecone collection", fmt.Sprintf("Deleting collection %q", name), err)
		return
	}
	if err := r.data.client.WaitForCollectionDeleted(ctx, name); err != nil {
		addError(&resp.Diagnostics, "Error waiting for Pinecone collection deletion", fmt.Sprintf("Collection %q", name), err)
	}
}

// ImportState takes the collection name. source cannot be recovered.
func (r *collectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importName(ctx, req, resp, "collection", indexNameRule)
}
