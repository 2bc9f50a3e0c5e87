package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ datasource.DataSource              = (*indexesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*indexesDataSource)(nil)
)

// NewIndexesDataSource is the constructor of data source pinecone_indexes.
func NewIndexesDataSource() datasource.DataSource { return &indexesDataSource{} }

type indexesDataSource struct {
	configuredDataSource
}

type indexesDataSourceModel struct {
	ID      types.String        `tfsdk:"id"`
	Indexes []indexSummaryModel `tfsdk:"indexes"`
}

type indexSummaryModel struct {
	Name               types.String       `tfsdk:"name"`
	Host               types.String       `tfsdk:"host"`
	Dimension          types.Int64        `tfsdk:"dimension"`
	Metric             types.String       `tfsdk:"metric"`
	VectorType         types.String       `tfsdk:"vector_type"`
	SpecKind           types.String       `tfsdk:"spec_kind"`
	DeletionProtection types.String       `tfsdk:"deletion_protection"`
	Tags               types.Map          `tfsdk:"tags"`
	Status             indexStatusSummary `tfsdk:"status"`
}

type indexStatusSummary struct {
	Ready types.Bool   `tfsdk:"ready"`
	State types.String `tfsdk:"state"`
}

const indexesDataSourceID = "pinecone_indexes"

func (d *indexesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_indexes"
}

func (d *indexesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Lists every index of the project, sorted by name.",
		Attributes: map[string]dschema.Attribute{
			"id": dschema.StringAttribute{
				MarkdownDescription: "Constant identifier of this listing (`" + indexesDataSourceID + "`).",
				Computed:            true,
			},
			"indexes": dschema.ListNestedAttribute{
				MarkdownDescription: "The indexes.",
				Computed:            true,
				NestedObject: dschema.NestedAttributeObject{
					Attributes: map[string]dschema.Attribute{
						"name":                dschema.StringAttribute{Computed: true, MarkdownDescription: "Index name."},
						"host":                dschema.StringAttribute{Computed: true, MarkdownDescription: "Data-plane host."},
						"dimension":           dschema.Int64Attribute{Computed: true, MarkdownDescription: "Dimension (null for sparse indexes)."},
						"metric":              dschema.StringAttribute{Computed: true, MarkdownDescription: "Similarity metric."},
						"vector_type":         dschema.StringAttribute{Computed: true, MarkdownDescription: "`dense` or `sparse`."},
						"spec_kind":           dschema.StringAttribute{Computed: true, MarkdownDescription: "`serverless`, `pod` or `byoc`."},
						"deletion_protection": dschema.StringAttribute{Computed: true, MarkdownDescription: "`enabled` or `disabled`."},
						"tags":                dschema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Tags."},
						"status": dschema.SingleNestedAttribute{
							Computed:            true,
							MarkdownDescription: "Readiness.",
							Attributes: map[string]dschema.Attribute{
								"ready": dschema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the index serves requests."},
								"state": dschema.StringAttribute{Computed: true, MarkdownDescription: "State, e.g. `Ready`."},
							},
						},
					},
				},
			},
		},
	}
}

func (d *indexesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, err := d.data.client.ListIndexes(ctx)
	if err != nil {
		addError(&resp.Diagnostics, "Error listing Pinecone indexes", "Listing indexes", err)
		return
	}
	out := indexesDataSourceModel{ID: types.StringValue(indexesDataSourceID), Indexes: []indexSummaryModel{}}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	var diags diag.Diagnostics
	for i := range list {
		summary, d := newIndexSummary(ctx, &list[i])
		diags.Append(d...)
		out.Indexes = append(out.Indexes, summary)
	}
	setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
}

func newIndexSummary(ctx context.Context, ix *client.IndexModel) (indexSummaryModel, diag.Diagnostics) {
	tags, diags := types.MapValueFrom(ctx, types.StringType, nonNilMap(ix.Tags))
	return indexSummaryModel{
		Name:               types.StringValue(ix.Name),
		Host:               types.StringValue(ix.Host),
		Dimension:          int64Value(ix.Dimension),
		Metric:             types.StringValue(ix.Metric),
		VectorType:         types.StringValue(defaultString(ix.VectorType, "dense")),
		SpecKind:           types.StringValue(specKind(ix.Spec)),
		DeletionProtection: types.StringValue(defaultString(ix.DeletionProtection, "disabled")),
		Tags:               tags,
		Status:             indexStatusSummary{Ready: types.BoolValue(ix.Status.Ready), State: types.StringValue(ix.Status.State)},
	}, diags
}

func specKind(s client.IndexSpec) string {
	switch {
	case s.Serverless != nil:
		return "serverless"
	case s.Pod != nil:
		return "pod"
	case s.BYOC != nil:
		return "byoc"
	}
	return ""
}
