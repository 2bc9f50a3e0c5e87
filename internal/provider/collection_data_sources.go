package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure = (*collectionDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*collectionsDataSource)(nil)
)

// NewCollectionDataSource is the constructor of data source pinecone_collection.
func NewCollectionDataSource() datasource.DataSource { return &collectionDataSource{} }

// NewCollectionsDataSource is the constructor of data source pinecone_collections.
func NewCollectionsDataSource() datasource.DataSource { return &collectionsDataSource{} }

type collectionDataSource struct{ configuredDataSource }

type collectionsDataSource struct{ configuredDataSource }

// collectionDataModel is pinecone_collection's attributes without source
// and timeouts.
type collectionDataModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Environment types.String `tfsdk:"environment"`
	Dimension   types.Int64  `tfsdk:"dimension"`
	Size        types.Int64  `tfsdk:"size"`
	VectorCount types.Int64  `tfsdk:"vector_count"`
	Status      types.String `tfsdk:"status"`
}

type collectionsDataModel struct {
	ID          types.String          `tfsdk:"id"`
	Collections []collectionDataModel `tfsdk:"collections"`
}

// collectionDataAttributes mirrors the resource schema so the two never drift.
func collectionDataAttributes(ctx context.Context) map[string]dschema.Attribute {
	return computedAttributes(collectionResourceSchema(ctx).Attributes, "source", "timeouts")
}

func newCollectionData(c *client.CollectionModel) collectionDataModel {
	m := newCollectionModel(c, &collectionResourceModel{})
	return collectionDataModel{
		ID: m.ID, Name: m.Name, Environment: m.Environment, Dimension: m.Dimension, Size: m.Size,
		VectorCount: m.VectorCount, Status: m.Status,
	}
}

func (d *collectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collection"
}

func (d *collectionDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := collectionDataAttributes(ctx)
	attrs["name"] = dschema.StringAttribute{Required: true, Validators: indexNameRule.validators(), MarkdownDescription: "Name of the collection to read."}
	resp.Schema = dschema.Schema{MarkdownDescription: "Reads one Pinecone collection by name.", Attributes: attrs}
}

func (d *collectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOne(ctx, req, resp, "collection", "this project", "name",
		func(c *collectionDataModel) string { return c.Name.ValueString() }, d.data.client.DescribeCollection, noDiags(newCollectionData))
}

func (d *collectionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collections"
}

func (d *collectionsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema("Lists every collection of the project, sorted by name.",
		"Constant identifier of this listing (`pinecone_collections`).",
		nil, "collections", "The collections.", collectionDataAttributes(ctx))
}

func (d *collectionsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, err := d.data.client.ListCollections(ctx)
	collections, diags, ok := listData(&resp.Diagnostics, "collections", "Listing collections", list, err,
		func(c *client.CollectionModel) string { return c.Name }, noDiags(newCollectionData))
	if ok {
		out := collectionsDataModel{ID: types.StringValue("pinecone_collections"), Collections: collections}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}
