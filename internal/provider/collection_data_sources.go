package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"

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

type collectionDataSource struct{ data *providerData }

type collectionsDataSource struct{ data *providerData }

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

func collectionDataAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"id":           dschema.StringAttribute{Computed: true, MarkdownDescription: "The collection name."},
		"name":         dschema.StringAttribute{Computed: true, MarkdownDescription: "Collection name."},
		"environment":  dschema.StringAttribute{Computed: true, MarkdownDescription: "Pod environment."},
		"dimension":    dschema.Int64Attribute{Computed: true, MarkdownDescription: "Dimension of the vectors."},
		"size":         dschema.Int64Attribute{Computed: true, MarkdownDescription: "Size in bytes."},
		"vector_count": dschema.Int64Attribute{Computed: true, MarkdownDescription: "Number of vectors."},
		"status":       dschema.StringAttribute{Computed: true, MarkdownDescription: "Status, e.g. `Ready`."},
	}
}

func newCollectionData(c *client.CollectionModel) collectionDataModel {
	return collectionDataModel{
		ID: types.StringValue(c.Name), Name: types.StringValue(c.Name), Environment: types.StringValue(c.Environment),
		Dimension: int64Value(c.Dimension), Size: int64PtrValue(c.Size), VectorCount: int64PtrValue(c.VectorCount),
		Status: types.StringValue(c.Status),
	}
}

func (d *collectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collection"
}

func (d *collectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := collectionDataAttributes()
	attrs["name"] = dschema.StringAttribute{Required: true, Validators: indexNameValidators(), MarkdownDescription: "Name of the collection to read."}
	resp.Schema = dschema.Schema{MarkdownDescription: "Reads one Pinecone collection by name.", Attributes: attrs}
}

func (d *collectionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = dataSourceProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *collectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg collectionDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := cfg.Name.ValueString()
	c, err := d.data.client.DescribeCollection(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(pathRoot("name"), "Pinecone collection not found", fmt.Sprintf("No collection named %q exists in this project.", name))
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error reading Pinecone collection", fmt.Sprintf("Reading collection %q", name), err)
		return
	}
	out := newCollectionData(c)
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}

func (d *collectionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_collections"
}

func (d *collectionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Lists every collection of the project, sorted by name.",
		Attributes: map[string]dschema.Attribute{
			"id": dschema.StringAttribute{Computed: true, MarkdownDescription: "Constant identifier of this listing (`pinecone_collections`)."},
			"collections": dschema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The collections.",
				NestedObject: dschema.NestedAttributeObject{Attributes: collectionDataAttributes()},
			},
		},
	}
}

func (d *collectionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = dataSourceProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *collectionsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, err := d.data.client.ListCollections(ctx)
	if err != nil {
		addError(&resp.Diagnostics, "Error listing Pinecone collections", "Listing collections", err)
		return
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	out := collectionsDataModel{ID: types.StringValue("pinecone_collections"), Collections: []collectionDataModel{}}
	for i := range list {
		out.Collections = append(out.Collections, newCollectionData(&list[i]))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
