package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure = (*indexDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*indexesDataSource)(nil)
)

// NewIndexDataSource is the constructor of data source pinecone_index.
func NewIndexDataSource() datasource.DataSource { return &indexDataSource{} }

type indexDataSource struct {
	configuredDataSource
}

func (d *indexDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_index"
}

func (d *indexDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	rs := indexResourceSchema(ctx)
	attrs := computedAttributes(rs.Attributes, "tags_all", "timeouts", "source_backup_id", "restore_job_id")
	attrs["name"] = dschema.StringAttribute{
		MarkdownDescription: "Name of the index to read.",
		Required:            true,
		Validators:          indexNameRule.validators(),
	}
	// What the data source shows differs from the resource here: all tags,
	// and every embed parameter, including those Pinecone adds.
	attrs["tags"] = dschema.MapAttribute{
		Computed: true, ElementType: types.StringType,
		MarkdownDescription: "All tags of the index, including those set by a provider's `default_tags`.",
	}
	allParameters := func(use string) dschema.MapAttribute {
		return dschema.MapAttribute{
			Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Model parameters for " + use + ", as strings, including those Pinecone adds by default.",
		}
	}
	if embed, ok := attrs["embed"].(dschema.SingleNestedAttribute); ok {
		embed.Attributes["read_parameters"] = allParameters("queries")
		embed.Attributes["write_parameters"] = allParameters("upserts")
	}
	attrs["schema"] = schemaViewAttribute()
	attrs["deployment"] = deploymentViewAttribute()
	attrs["read_capacity"] = dschema.SingleNestedAttribute{
		Computed: true, MarkdownDescription: "Read capacity of the index (serverless and BYOC; null for pod indexes).",
		Attributes: computedAttributes(readCapacitySchema().Attributes),
	}
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Reads one Pinecone index by name: its host (for data-plane clients), deployment, " +
			"embedding configuration and status.",
		Attributes: attrs,
	}
}

func (d *indexDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOne(ctx, req, resp, "index", "this project", "name",
		func(c *indexDataSourceModel) string { return c.Name.ValueString() }, d.data.client.DescribeIndex, withCtx(ctx, indexDataSourceFromAPI))
}

// indexDataSourceFromAPI shows everything Pinecone reports, including every
// embed parameter and all tags.
func indexDataSourceFromAPI(ctx context.Context, ix *client.IndexModel) (*indexDataSourceModel, diag.Diagnostics) {
	var m indexResourceModel
	legacy := &indexResourceModel{indexCommonModel: indexCommonModel{Spec: &indexSpecModel{}, Tags: types.MapNull(types.StringType)}}
	diags := applyIndexModel(ctx, &m, ix, legacy, nil) // the legacy view, whatever the index
	m.Tags = m.TagsAll
	if s := m.Spec; s != nil && s.Serverless != nil && s.Serverless.ReadCapacity == nil {
		s.Serverless.ReadCapacity = &readCapacityModel{OnDemand: &onDemandModel{}}
	}
	if s := m.Spec; s != nil && s.BYOC != nil && s.BYOC.ReadCapacity == nil {
		s.BYOC.ReadCapacity = &readCapacityModel{OnDemand: &onDemandModel{}}
	}
	if m.Embed != nil && ix.Embed != nil {
		read, d := types.MapValueFrom(ctx, types.StringType, stringifyParams(ix.Embed.ReadParameters, nil))
		diags.Append(d...)
		write, d := types.MapValueFrom(ctx, types.StringType, stringifyParams(ix.Embed.WriteParameters, nil))
		diags.Append(d...)
		m.Embed.ReadParameters, m.Embed.WriteParameters = read, write
	}
	out := &indexDataSourceModel{
		indexCommonModel: m.indexCommonModel,
		Schema:           schemaViewFromAPI(ctx, ix.Schema, &diags),
		Deployment:       deploymentViewFromAPI(ix.Deployment),
		CmekID:           optionalString(ix.CmekID),
	}
	if ix.Deployment == nil || ix.Deployment.DeploymentType != client.DeploymentPod {
		out.ReadCapacity = readCapacityFromAPI(ix.ReadCapacity, &readCapacityModel{OnDemand: &onDemandModel{}})
	}
	return out, diags
}

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
	Name               types.String         `tfsdk:"name"`
	Host               types.String         `tfsdk:"host"`
	Dimension          types.Int64          `tfsdk:"dimension"`
	Metric             types.String         `tfsdk:"metric"`
	VectorType         types.String         `tfsdk:"vector_type"`
	SpecKind           types.String         `tfsdk:"spec_kind"`
	DeletionProtection types.String         `tfsdk:"deletion_protection"`
	Tags               types.Map            `tfsdk:"tags"`
	Status             indexStatusSummary   `tfsdk:"status"`
	Deployment         *deploymentViewModel `tfsdk:"deployment"`
	Schema             *schemaViewModel     `tfsdk:"schema"`
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
						"deployment": deploymentViewAttribute(),
						"schema":     schemaViewAttribute(),
					},
				},
			},
		},
	}
}

func (d *indexesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, err := d.data.client.ListIndexes(ctx)
	indexes, diags, ok := listData(&resp.Diagnostics, "indexes", "Listing indexes", list, err,
		func(ix *client.IndexModel) string { return ix.Name }, withCtx(ctx, newIndexSummary))
	if ok {
		out := indexesDataSourceModel{ID: types.StringValue(indexesDataSourceID), Indexes: indexes}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}

func newIndexSummary(ctx context.Context, ix *client.IndexModel) (indexSummaryModel, diag.Diagnostics) {
	tags, diags := types.MapValueFrom(ctx, types.StringType, nonNilMap(ix.Tags))
	schema := schemaViewFromAPI(ctx, ix.Schema, &diags)
	return indexSummaryModel{
		Name:               types.StringValue(ix.Name),
		Host:               types.StringValue(ix.Host),
		Dimension:          int64Value(ix.Dimension),
		Metric:             optionalString(ix.Metric),
		VectorType:         legacyVectorType(ix),
		SpecKind:           types.StringValue(specKind(ix.Spec)),
		DeletionProtection: types.StringValue(defaultString(ix.DeletionProtection, "disabled")),
		Tags:               tags,
		Status:             indexStatusSummary{Ready: types.BoolValue(ix.Status.Ready), State: types.StringValue(ix.Status.State)},
		Deployment:         deploymentViewFromAPI(ix.Deployment),
		Schema:             schema,
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
