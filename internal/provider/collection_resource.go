package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                = (*collectionResource)(nil)
	_ resource.ResourceWithConfigure   = (*collectionResource)(nil)
	_ resource.ResourceWithImportState = (*collectionResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*collectionResource)(nil)
)

// ModifyPlan requires source when a collection is to be created; an
// imported collection may leave it out, since Pinecone does not report it.
func (r *collectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	requireOnCreate(ctx, req, resp, path.Root("source"), "Missing source",
		"Set `source` to the pod-based index the collection copies.")
}

// NewCollectionResource is the constructor of pinecone_collection.
func NewCollectionResource() resource.Resource { return &collectionResource{} }

type collectionResource struct {
	data *providerData
}

type collectionResourceModel struct {
	ID          types.String   `tfsdk:"id"`
	Name        types.String   `tfsdk:"name"`
	Source      types.String   `tfsdk:"source"`
	Environment types.String   `tfsdk:"environment"`
	Dimension   types.Int64    `tfsdk:"dimension"`
	Size        types.Int64    `tfsdk:"size"`
	VectorCount types.Int64    `tfsdk:"vector_count"`
	Status      types.String   `tfsdk:"status"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

func (r *collectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collection"
}

func (r *collectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	stableInt := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Pinecone collection: a static copy of a pod-based index, from which new pod indexes " +
			"can be created (`spec.pod.source_collection`). Serverless indexes do not support collections. Creation " +
			"waits until the collection is `Ready`; deletion waits until it is gone.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The collection name.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Collection name: 1–45 lowercase letters, digits or hyphens, starting and ending with " +
					"a letter or digit. Changing it replaces the collection.",
				Required:      true,
				Validators:    indexNameValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"source": schema.StringAttribute{
				MarkdownDescription: "Name of the pod-based index to copy; required to create a collection. Changing it " +
					"replaces the collection. Pinecone does not report it back, so it may be left out for an imported " +
					"collection (as `terraform plan -generate-config-out` writes it).",
				Optional:      true,
				Validators:    indexNameValidators(),
				PlanModifiers: []planmodifier.String{requiresReplaceWhenChangedBetweenValues()},
			},
			"environment": schema.StringAttribute{
				MarkdownDescription: "Pod environment of the collection.", Computed: true, PlanModifiers: stable,
			},
			"dimension": schema.Int64Attribute{
				MarkdownDescription: "Dimension of the vectors.", Computed: true, PlanModifiers: stableInt,
			},
			"size": schema.Int64Attribute{
				MarkdownDescription: "Size in bytes.", Computed: true, PlanModifiers: stableInt,
			},
			"vector_count": schema.Int64Attribute{
				MarkdownDescription: "Number of vectors.", Computed: true, PlanModifiers: stableInt,
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Status, e.g. `Ready`.", Computed: true, PlanModifiers: stable,
			},
			"timeouts": timeoutsAttribute(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

func (r *collectionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = resourceProviderData(req.ProviderData, &resp.Diagnostics)
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
	if client.IsOwnRetriedCreate(err) {
		// Our first create went through but its answer was lost: adopt it.
		created, err = c.DescribeCollection(ctx, name)
	}
	if err != nil {
		if errors.Is(err, client.ErrAlreadyExists) {
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Pinecone collection already exists",
				alreadyExistsDetail("collection", "pinecone_collection", name, err))
			return
		}
		addError(&resp.Diagnostics, "Error creating Pinecone collection",
			fmt.Sprintf("Creating collection %q from index %q", name, source), err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, newCollectionModel(created, &plan))...)
	ready, err := c.WaitForCollectionReady(ctx, name)
	if ready != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, newCollectionModel(ready, &plan))...)
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
	resp.Diagnostics.Append(resp.State.Set(ctx, newCollectionModel(col, &state))...)
}

// Update only records a source learned from the configuration after an
// import (Pinecone does not report it); every real change replaces.
func (r *collectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan collectionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
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
	if err := validateImportName(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// newCollectionModel maps a collection; prior supplies what the API does not
// return (source, timeouts).
func newCollectionModel(c *client.CollectionModel, prior *collectionResourceModel) *collectionResourceModel {
	out := *prior
	out.ID = types.StringValue(c.Name)
	out.Name = types.StringValue(c.Name)
	out.Environment = types.StringValue(c.Environment)
	out.Dimension = int64Value(c.Dimension)
	out.Size = int64PtrValue(c.Size)
	out.VectorCount = int64PtrValue(c.VectorCount)
	out.Status = types.StringValue(c.Status)
	return &out
}

func int64PtrValue(p *int64) types.Int64 {
	if p == nil {
		return types.Int64Null()
	}
	return types.Int64Value(*p)
}
