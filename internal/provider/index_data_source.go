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
	_ datasource.DataSource              = (*indexDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*indexDataSource)(nil)
)

// NewIndexDataSource is the constructor of data source pinecone_index.
func NewIndexDataSource() datasource.DataSource { return &indexDataSource{} }

type indexDataSource struct {
	configuredDataSource
}

// indexDataSourceModel mirrors the resource model without the
// Terraform-only attributes (tags_all, timeouts).
type indexDataSourceModel struct {
	ID                 types.String    `tfsdk:"id"`
	Name               types.String    `tfsdk:"name"`
	Dimension          types.Int64     `tfsdk:"dimension"`
	Metric             types.String    `tfsdk:"metric"`
	VectorType         types.String    `tfsdk:"vector_type"`
	DeletionProtection types.String    `tfsdk:"deletion_protection"`
	Tags               types.Map       `tfsdk:"tags"`
	Spec               *indexSpecModel `tfsdk:"spec"`
	Embed              *embedModel     `tfsdk:"embed"`
	Host               types.String    `tfsdk:"host"`
	PrivateHost        types.String    `tfsdk:"private_host"`
	Status             types.Object    `tfsdk:"status"`
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
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Reads one Pinecone index by name: its host (for data-plane clients), deployment, " +
			"embedding configuration and status.",
		Attributes: attrs,
	}
}

func (d *indexDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg indexDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := cfg.Name.ValueString()
	ix, ok := describeOne(ctx, &resp.Diagnostics, "index", "this project", "name", name, d.data.client.DescribeIndex)
	if !ok {
		return
	}
	out, diags := indexDataSourceFromAPI(ctx, ix)
	setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
}

// indexDataSourceFromAPI shows everything Pinecone reports, including every
// embed parameter and all tags.
func indexDataSourceFromAPI(ctx context.Context, ix *client.IndexModel) (*indexDataSourceModel, diag.Diagnostics) {
	var m indexResourceModel
	diags := applyIndexModel(ctx, &m, ix, nil, nil)
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
	return &indexDataSourceModel{
		ID: m.ID, Name: m.Name, Dimension: m.Dimension, Metric: m.Metric, VectorType: m.VectorType,
		DeletionProtection: m.DeletionProtection, Tags: m.Tags, Spec: m.Spec, Embed: m.Embed,
		Host: m.Host, PrivateHost: m.PrivateHost, Status: m.Status,
	}, diags
}
