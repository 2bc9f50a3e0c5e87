package provider

import (
	"context"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// The index data sources show every index's 2026-07 description (deployment
// and schema) next to the legacy attributes, whatever mode created it. Being
// read-only, they use one flat object per field and per deployment, with a
// `type`, so pod deployments, integrated (semantic_text) fields and
// filterable metadata fields show too.

// indexDataSourceModel is the pinecone_index data source's model.
type indexDataSourceModel struct {
	indexCommonModel
	Schema       *schemaViewModel     `tfsdk:"schema"`
	Deployment   *deploymentViewModel `tfsdk:"deployment"`
	ReadCapacity *readCapacityModel   `tfsdk:"read_capacity"`
	CmekID       types.String         `tfsdk:"cmek_id"`
}

type schemaViewModel struct {
	Fields map[string]fieldViewModel `tfsdk:"fields"`
}

type fieldViewModel struct {
	Type            types.String         `tfsdk:"type"`
	Description     types.String         `tfsdk:"description"`
	Dimension       types.Int64          `tfsdk:"dimension"`
	Metric          types.String         `tfsdk:"metric"`
	Filterable      types.Bool           `tfsdk:"filterable"`
	Model           types.String         `tfsdk:"model"`
	FullTextSearch  *fullTextSearchModel `tfsdk:"full_text_search"`
	ReadParameters  types.Map            `tfsdk:"read_parameters"`
	WriteParameters types.Map            `tfsdk:"write_parameters"`
}

type deploymentViewModel struct {
	DeploymentType types.String `tfsdk:"deployment_type"`
	Cloud          types.String `tfsdk:"cloud"`
	Region         types.String `tfsdk:"region"`
	Environment    types.String `tfsdk:"environment"`
	PodType        types.String `tfsdk:"pod_type"`
	Replicas       types.Int64  `tfsdk:"replicas"`
	Shards         types.Int64  `tfsdk:"shards"`
}

func schemaViewFromAPI(ctx context.Context, s *client.IndexSchema, diags *diag.Diagnostics) *schemaViewModel {
	if s == nil {
		return nil
	}
	out := &schemaViewModel{Fields: make(map[string]fieldViewModel, len(s.Fields))}
	for name, f := range s.Fields {
		out.Fields[name] = fieldViewFromAPI(ctx, f, diags)
	}
	return out
}

func fieldViewFromAPI(ctx context.Context, f client.SchemaField, diags *diag.Diagnostics) fieldViewModel {
	out := fieldViewModel{
		Type:        optionalString(f.Type),
		Description: optionalStringPtr(f.Description),
		Dimension:   int64Value(f.Dimension),
		Metric:      optionalString(f.Metric),
		Filterable:  types.BoolNull(),
		Model:       optionalString(f.Model),
	}
	if f.Filterable != nil {
		out.Filterable = types.BoolValue(*f.Filterable)
	}
	if f.FullTextSearch != nil {
		out.FullTextSearch = fullTextSearchFromAPI(f.FullTextSearch)
	}
	out.ReadParameters = allParamsFromAPI(ctx, f.ReadParameters, diags)
	out.WriteParameters = allParamsFromAPI(ctx, f.WriteParameters, diags)
	return out
}

// allParamsFromAPI shows every model parameter as a string; null without any.
func allParamsFromAPI(ctx context.Context, api map[string]any, diags *diag.Diagnostics) types.Map {
	if len(api) == 0 {
		return types.MapNull(types.StringType)
	}
	v, d := types.MapValueFrom(ctx, types.StringType, stringifyParams(api, nil))
	diags.Append(d...)
	return v
}

func deploymentViewFromAPI(d *client.IndexDeployment) *deploymentViewModel {
	if d == nil {
		return nil
	}
	return &deploymentViewModel{
		DeploymentType: types.StringValue(d.DeploymentType),
		Cloud:          optionalString(d.Cloud),
		Region:         optionalString(d.Region),
		Environment:    optionalString(d.Environment),
		PodType:        optionalString(d.PodType),
		Replicas:       int64Value(d.Replicas),
		Shards:         int64Value(d.Shards),
	}
}

// schemaViewAttribute and deploymentViewAttribute are the data sources'
// read-only schema and deployment.
func schemaViewAttribute() dschema.SingleNestedAttribute {
	str := func(desc string) dschema.StringAttribute {
		return dschema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	boolean := func(desc string) dschema.BoolAttribute {
		return dschema.BoolAttribute{Computed: true, MarkdownDescription: desc}
	}
	params := func(use string) dschema.MapAttribute {
		return dschema.MapAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "`semantic_text` fields: model parameters for " + use + ", as strings."}
	}
	return dschema.SingleNestedAttribute{
		Computed: true,
		MarkdownDescription: "The index's schema as API 2026-07 reports it, for every index: vector indexes show the " +
			"reserved fields `_values` (dense; dense indexes also show `_sparse_values`) and `_sparse_values` (sparse), " +
			"integrated indexes a `semantic_text` field, and filterable metadata fields show with only `filterable`.",
		Attributes: map[string]dschema.Attribute{
			"fields": dschema.MapNestedAttribute{
				Computed:            true,
				MarkdownDescription: "Fields by name.",
				NestedObject: dschema.NestedAttributeObject{Attributes: map[string]dschema.Attribute{
					"type": str("Field type: `dense_vector`, `sparse_vector`, `string`, `semantic_text`, or a metadata " +
						"type; null for legacy metadata fields, which only say `filterable`."),
					"description": str("The field's description."),
					"dimension":   dschema.Int64Attribute{Computed: true, MarkdownDescription: "Vector dimension (dense fields)."},
					"metric":      str("Similarity metric (vector and `semantic_text` fields)."),
					"filterable":  boolean("Whether the field can be used in metadata filters."),
					"model":       str("`semantic_text` fields: the embedding model."),
					"full_text_search": dschema.SingleNestedAttribute{
						Computed:            true,
						MarkdownDescription: "`string` fields: the full-text analysis settings.",
						Attributes: map[string]dschema.Attribute{
							"language":   str("Language of the text."),
							"stemming":   boolean("Whether words are reduced to their root form."),
							"stop_words": boolean("Whether common words are dropped."),
							"ngram": dschema.SingleNestedAttribute{
								Computed:            true,
								MarkdownDescription: "N-gram settings, when the field uses them.",
								Attributes: map[string]dschema.Attribute{
									"min_gram":    dschema.Int64Attribute{Computed: true, MarkdownDescription: "Shortest n-gram."},
									"max_gram":    dschema.Int64Attribute{Computed: true, MarkdownDescription: "Longest n-gram."},
									"prefix_only": boolean("Whether only prefix n-grams are indexed."),
								},
							},
						},
					},
					"read_parameters":  params("queries"),
					"write_parameters": params("upserts"),
				}},
			},
		},
	}
}

func deploymentViewAttribute() dschema.SingleNestedAttribute {
	str := func(desc string) dschema.StringAttribute {
		return dschema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return dschema.SingleNestedAttribute{
		Computed:            true,
		MarkdownDescription: "Where the index runs, as API 2026-07 reports it, for every index.",
		Attributes: map[string]dschema.Attribute{
			"deployment_type": str("`managed` (serverless), `byoc` or `pod`."),
			"cloud":           str("Cloud of a managed index."),
			"region":          str("Region of a managed index."),
			"environment":     str("Pinecone environment hosting the index."),
			"pod_type":        str("Pod type of a pod index."),
			"replicas":        dschema.Int64Attribute{Computed: true, MarkdownDescription: "Replicas of a pod index."},
			"shards":          dschema.Int64Attribute{Computed: true, MarkdownDescription: "Shards of a pod index."},
		},
	}
}
