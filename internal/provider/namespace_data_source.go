package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*namespacesDataSource)(nil)

// NewNamespacesDataSource is the constructor of data source pinecone_namespaces.
func NewNamespacesDataSource() datasource.DataSource { return &namespacesDataSource{} }

type namespacesDataSource struct{ configuredDataSource }

type namespaceDataModel struct {
	Name          types.String         `tfsdk:"name"`
	Schema        *metadataSchemaModel `tfsdk:"schema"`
	RecordCount   types.Int64          `tfsdk:"record_count"`
	IndexedFields types.List           `tfsdk:"indexed_fields"`
}

type namespacesDataModel struct {
	ID         types.String         `tfsdk:"id"`
	IndexName  types.String         `tfsdk:"index_name"`
	IndexHost  types.String         `tfsdk:"index_host"`
	Prefix     types.String         `tfsdk:"prefix"`
	Namespaces []namespaceDataModel `tfsdk:"namespaces"`
}

func newNamespaceData(ctx context.Context, ns *client.Namespace) (namespaceDataModel, diag.Diagnostics) {
	fields, diags := indexedFields(ctx, ns)
	return namespaceDataModel{
		Name: types.StringValue(ns.Name), Schema: namespaceSchemaFromAPI(ns.Schema),
		RecordCount: types.Int64Value(int64(ns.RecordCount)), IndexedFields: fields,
	}, diags
}

func (d *namespacesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_namespaces"
}

func (d *namespacesDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := computedAttributes(namespaceResourceSchema(ctx).Attributes, "id", "index_name", "index_host", "force_destroy", "timeouts")
	item["name"] = dschema.StringAttribute{Computed: true, MarkdownDescription: "Namespace name."}
	resp.Schema = listSchema("Lists the namespaces of a serverless index, sorted by name, through the index's host "+
		"(data plane). Namespaces that Pinecone made for upserts are listed too.",
		"`<index>/<prefix>`.",
		map[string]dschema.Attribute{
			"index_name": dschema.StringAttribute{Optional: true,
				Validators: append(indexNameRule.validators(),
					stringvalidator.ExactlyOneOf(path.MatchRoot("index_name"), path.MatchRoot("index_host"))),
				MarkdownDescription: "Name of the index. Give `index_name` or `index_host`."},
			"index_host": dschema.StringAttribute{Optional: true, Computed: true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Host of the index (found from `index_name` when that is given)."},
			"prefix": dschema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "Only namespaces whose name starts with this."},
		}, "namespaces", "The namespaces.", item)
}

func (d *namespacesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[namespacesDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	index := knownString(cfg.IndexName)
	dp, err := indexDataPlane(ctx, d.data.client, index, knownString(cfg.IndexHost))
	if err != nil {
		addError(&resp.Diagnostics, "Error listing Pinecone namespaces", "Finding the index", err)
		return
	}
	prefix := knownString(cfg.Prefix)
	list, err := dp.ListNamespaces(ctx, prefix)
	items, diags, ok := listData(&resp.Diagnostics, "namespaces", fmt.Sprintf("Listing the namespaces on %s", dp.Host()), list, err,
		func(ns *client.Namespace) string { return ns.Name }, withCtx(ctx, newNamespaceData))
	if ok {
		cfg.IndexHost = types.StringValue(dp.Host())
		cfg.ID = types.StringValue(namespaceID(index, dp.Host(), prefix))
		cfg.Namespaces = items
		setState(ctx, &resp.State, &resp.Diagnostics, cfg, diags)
	}
}
