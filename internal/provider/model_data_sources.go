package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure = (*inferenceModelDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*inferenceModelsDataSource)(nil)
)

var modelTypeValidator, modelTypeValues = oneOf(client.ModelTypeEmbed, client.ModelTypeRerank)

// NewInferenceModelDataSource is the constructor of data source pinecone_inference_model.
func NewInferenceModelDataSource() datasource.DataSource { return &inferenceModelDataSource{} }

// NewInferenceModelsDataSource is the constructor of data source pinecone_inference_models.
func NewInferenceModelsDataSource() datasource.DataSource { return &inferenceModelsDataSource{} }

type inferenceModelDataSource struct{ configuredDataSource }
type inferenceModelsDataSource struct{ configuredDataSource }

type modelDataModel struct {
	ID                  types.String          `tfsdk:"id"`
	Name                types.String          `tfsdk:"name"`
	ShortDescription    types.String          `tfsdk:"short_description"`
	Type                types.String          `tfsdk:"type"`
	VectorType          types.String          `tfsdk:"vector_type"`
	DefaultDimension    types.Int64           `tfsdk:"default_dimension"`
	SupportedDimensions types.List            `tfsdk:"supported_dimensions"`
	SupportedMetrics    types.List            `tfsdk:"supported_metrics"`
	Modality            types.String          `tfsdk:"modality"`
	MaxSequenceLength   types.Int64           `tfsdk:"max_sequence_length"`
	MaxBatchSize        types.Int64           `tfsdk:"max_batch_size"`
	ProviderName        types.String          `tfsdk:"provider_name"`
	SupportedParameters []modelParameterModel `tfsdk:"supported_parameters"`
}

type modelParameterModel struct {
	Parameter     types.String  `tfsdk:"parameter"`
	Type          types.String  `tfsdk:"type"`
	ValueType     types.String  `tfsdk:"value_type"`
	Required      types.Bool    `tfsdk:"required"`
	AllowedValues types.List    `tfsdk:"allowed_values"`
	Min           types.Float64 `tfsdk:"min"`
	Max           types.Float64 `tfsdk:"max"`
	Default       types.String  `tfsdk:"default"`
}

func modelAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"id":                   dschema.StringAttribute{Computed: true, MarkdownDescription: "The model name."},
		"name":                 dschema.StringAttribute{Computed: true, MarkdownDescription: "Model name, e.g. `multilingual-e5-large`."},
		"short_description":    dschema.StringAttribute{Computed: true, MarkdownDescription: "What the model is for."},
		"type":                 dschema.StringAttribute{Computed: true, MarkdownDescription: "`embed` or `rerank`."},
		"vector_type":          dschema.StringAttribute{Computed: true, MarkdownDescription: "`dense` or `sparse` (embedding models)."},
		"default_dimension":    dschema.Int64Attribute{Computed: true, MarkdownDescription: "Dimension used when none is chosen."},
		"supported_dimensions": dschema.ListAttribute{Computed: true, ElementType: types.Int64Type, MarkdownDescription: "Dimensions the model can produce."},
		"supported_metrics":    dschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Metrics an index of this model may use."},
		"modality":             dschema.StringAttribute{Computed: true, MarkdownDescription: "Input modality, e.g. `text`."},
		"max_sequence_length":  dschema.Int64Attribute{Computed: true, MarkdownDescription: "Longest input, in tokens."},
		"max_batch_size":       dschema.Int64Attribute{Computed: true, MarkdownDescription: "Most inputs per request."},
		"provider_name":        dschema.StringAttribute{Computed: true, MarkdownDescription: "Who made the model."},
		"supported_parameters": dschema.ListNestedAttribute{
			Computed: true, MarkdownDescription: "Parameters the model accepts (usable in an index's `embed.read_parameters`/`write_parameters`).",
			NestedObject: dschema.NestedAttributeObject{Attributes: map[string]dschema.Attribute{
				"parameter":      dschema.StringAttribute{Computed: true, MarkdownDescription: "Parameter name."},
				"type":           dschema.StringAttribute{Computed: true, MarkdownDescription: "`one_of`, `numeric_range` or `any`."},
				"value_type":     dschema.StringAttribute{Computed: true, MarkdownDescription: "`string`, `integer`, `float` or `boolean`."},
				"required":       dschema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the parameter must be given."},
				"allowed_values": dschema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Allowed values (for `one_of`), as strings."},
				"min":            dschema.Float64Attribute{Computed: true, MarkdownDescription: "Lowest value (for `numeric_range`)."},
				"max":            dschema.Float64Attribute{Computed: true, MarkdownDescription: "Highest value (for `numeric_range`)."},
				"default":        dschema.StringAttribute{Computed: true, MarkdownDescription: "Default value, as a string."},
			}},
		},
	}
}

func newModelData(ctx context.Context, m *client.ModelInfo) (modelDataModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	dims := make([]int64, 0, len(m.SupportedDimensions))
	for _, d := range m.SupportedDimensions {
		dims = append(dims, int64(d))
	}
	dimList, d := types.ListValueFrom(ctx, types.Int64Type, dims)
	diags.Append(d...)
	metrics, d := types.ListValueFrom(ctx, types.StringType, nonNilStrings(m.SupportedMetrics))
	diags.Append(d...)
	out := modelDataModel{
		ID: types.StringValue(m.Model), Name: types.StringValue(m.Model), ShortDescription: types.StringValue(m.ShortDescription),
		Type: types.StringValue(m.Type), VectorType: optionalString(m.VectorType), DefaultDimension: int64Value(m.DefaultDimension),
		SupportedDimensions: dimList, SupportedMetrics: metrics, Modality: optionalString(m.Modality),
		MaxSequenceLength: types.Int64PointerValue(m.MaxSequenceLength), MaxBatchSize: types.Int64PointerValue(m.MaxBatchSize),
		ProviderName: optionalString(m.ProviderName), SupportedParameters: []modelParameterModel{},
	}
	for _, p := range m.SupportedParameters {
		allowed := make([]string, 0, len(p.AllowedValues))
		for _, a := range p.AllowedValues {
			allowed = append(allowed, paramValueFromAPI(a))
		}
		allowedList, d := types.ListValueFrom(ctx, types.StringType, allowed)
		diags.Append(d...)
		def := types.StringNull()
		if p.Default != nil {
			def = types.StringValue(paramValueFromAPI(p.Default))
		}
		out.SupportedParameters = append(out.SupportedParameters, modelParameterModel{
			Parameter: types.StringValue(p.Parameter), Type: types.StringValue(p.Type), ValueType: types.StringValue(p.ValueType),
			Required: types.BoolValue(p.Required), AllowedValues: allowedList,
			Min: types.Float64PointerValue(p.Min), Max: types.Float64PointerValue(p.Max), Default: def,
		})
	}
	return out, diags
}

func (d *inferenceModelDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_inference_model"
}

func (d *inferenceModelDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := modelAttributes()
	attrs["name"] = dschema.StringAttribute{Required: true, MarkdownDescription: "Name of the model to read."}
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Reads one hosted inference model (embedding or reranking) from Pinecone's catalogue: " +
			"dimensions, metrics and parameters, to configure `pinecone_index.embed` with.",
		Attributes: attrs,
	}
}

func (d *inferenceModelDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOne(ctx, req, resp, "model", "Pinecone's model catalogue", "name",
		func(c *modelDataModel) string { return c.Name.ValueString() }, d.data.client.DescribeModel, withCtx(ctx, newModelData))
}

type modelsDataModel struct {
	ID         types.String     `tfsdk:"id"`
	Type       types.String     `tfsdk:"type"`
	VectorType types.String     `tfsdk:"vector_type"`
	Models     []modelDataModel `tfsdk:"models"`
}

func (d *inferenceModelsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_inference_models"
}

func (d *inferenceModelsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema("Lists Pinecone's hosted inference models, optionally only embedding or reranking models, "+
		"or only dense or sparse ones; sorted by name.",
		"Identifier of this listing, built from the filters.",
		map[string]dschema.Attribute{
			"type": dschema.StringAttribute{
				Optional: true, MarkdownDescription: "Only models of this type: one of " + modelTypeValues + ".",
				Validators: []validator.String{modelTypeValidator},
			},
			"vector_type": dschema.StringAttribute{
				Optional: true, MarkdownDescription: "Only embedding models producing this vector type: one of " + vectorTypeValues + ".",
				Validators: []validator.String{vectorTypeValidator},
			},
		}, "models", "The models.", modelAttributes())
}

func (d *inferenceModelsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[modelsDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	list, err := d.data.client.ListModels(ctx, knownString(cfg.Type), knownString(cfg.VectorType))
	models, diags, ok := listData(&resp.Diagnostics, "models", "Listing models", list, err,
		func(m *client.ModelInfo) string { return m.Model }, withCtx(ctx, newModelData))
	if ok {
		id := "pinecone_inference_models/" + defaultString(knownString(cfg.Type), "any") + "/" + defaultString(knownString(cfg.VectorType), "any")
		out := modelsDataModel{ID: types.StringValue(id), Type: cfg.Type, VectorType: cfg.VectorType, Models: models}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}
