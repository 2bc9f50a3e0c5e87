package provider

import (
	"context"
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
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.Plan.Get, &plan,
		func() timeoutFunc { return plan.Timeouts.Create }, defaultCreateTimeout)
	if !ok {
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
	store := func(col *client.CollectionModel) {
		setState(ctx, &resp.State, &resp.Diagnostics, newCollectionModel(col, &plan), nil)
	}
	store(created)
	waitAndStore(ctx, &resp.Diagnostics, func(ctx context.Context) (*client.CollectionModel, error) {
		return c.WaitForCollectionReady(ctx, name)
	}, store, "Error waiting for Pinecone collection", fmt.Sprintf("collection %q", name))
}

func (r *collectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state collectionResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.Name.ValueString()
	// From the list shared by every collection of this refresh.
	col, err := r.data.client.ReadCollection(ctx, name)
	if readOrRemove(ctx, resp, "collection", name, fmt.Sprintf("collection %q", name), col, err,
		func(col *client.CollectionModel) bool { return col.Status == client.CollectionStateTerminating }) {
		setState(ctx, &resp.State, &resp.Diagnostics, newCollectionModel(col, &state), nil)
	}
}

// Update only records a source learned from the configuration after an
// import (Pinecone does not report it); every real change replaces.
func (r *collectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	storePlan[collectionResourceModel](ctx, req, resp)
}

func (r *collectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state collectionResourceModel
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.State.Get, &state,
		func() timeoutFunc { return state.Timeouts.Delete }, defaultDeleteTimeout)
	if !ok {
		return
	}
	defer cancel()
	name := state.Name.ValueString()
	c := r.data.client
	deleteAndWait(ctx, &resp.Diagnostics, "collection", fmt.Sprintf("collection %q", name),
		func(ctx context.Context) error { return c.DeleteCollection(ctx, name) },
		func(ctx context.Context) error { return c.WaitForCollectionDeleted(ctx, name) })
}

// ImportState takes the collection name. source cannot be recovered.
func (r *collectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importName(ctx, req, resp, "collection", indexNameRule)
}
