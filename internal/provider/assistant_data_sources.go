package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure = (*assistantDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*assistantsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*assistantFilesDataSource)(nil)
)

// NewAssistantDataSource is the constructor of data source pinecone_assistant.
func NewAssistantDataSource() datasource.DataSource { return &assistantDataSource{} }

// NewAssistantsDataSource is the constructor of data source pinecone_assistants.
func NewAssistantsDataSource() datasource.DataSource { return &assistantsDataSource{} }

// NewAssistantFilesDataSource is the constructor of data source pinecone_assistant_files.
func NewAssistantFilesDataSource() datasource.DataSource { return &assistantFilesDataSource{} }

type assistantDataSource struct{ configuredDataSource }
type assistantsDataSource struct{ configuredDataSource }
type assistantFilesDataSource struct{ configuredDataSource }

func assistantDataAttributes(ctx context.Context) map[string]dschema.Attribute {
	attrs := computedAttributes(assistantResourceSchema(ctx).Attributes, "timeouts")
	attrs["metadata"] = dschema.DynamicAttribute{Computed: true, MarkdownDescription: "Metadata of the assistant, an object."}
	return attrs
}

func newAssistantData(a *client.Assistant) (assistantDataModel, diag.Diagnostics) {
	m, diags := newAssistantModel(a, &assistantResourceModel{assistantDataModel: assistantDataModel{Metadata: types.DynamicNull()}})
	return m.assistantDataModel, diags
}

func (d *assistantDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_assistant"
}

func (d *assistantDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := assistantDataAttributes(ctx)
	attrs["name"] = dschema.StringAttribute{Required: true, Validators: assistantNameRule.validators(), MarkdownDescription: "Name of the assistant to read."}
	resp.Schema = dschema.Schema{MarkdownDescription: "Reads one Pinecone assistant by name, including its data-plane `host`.", Attributes: attrs}
}

func (d *assistantDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOne(ctx, req, resp, "assistant", "this project", "name",
		func(c *assistantDataModel) string { return c.Name.ValueString() }, d.data.client.DescribeAssistant, newAssistantData)
}

type assistantsDataModel struct {
	ID         types.String            `tfsdk:"id"`
	Assistants []assistantSummaryModel `tfsdk:"assistants"`
}

// assistantSummaryModel is an assistant in a list: metadata is JSON text,
// since the framework allows no dynamic values inside lists.
type assistantSummaryModel struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	Region       types.String `tfsdk:"region"`
	Instructions types.String `tfsdk:"instructions"`
	Metadata     types.String `tfsdk:"metadata"`
	Host         types.String `tfsdk:"host"`
	Status       types.String `tfsdk:"status"`
	CreatedAt    types.String `tfsdk:"created_at"`
	UpdatedAt    types.String `tfsdk:"updated_at"`
}

func newAssistantSummary(a *client.Assistant) (assistantSummaryModel, diag.Diagnostics) {
	m, diags := newAssistantData(a)
	return assistantSummaryModel{
		ID: m.ID, Name: m.Name, Region: m.Region, Instructions: m.Instructions, Metadata: jsonText(a.Metadata),
		Host: m.Host, Status: m.Status, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt,
	}, diags
}

func (d *assistantsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_assistants"
}

func (d *assistantsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := assistantDataAttributes(ctx)
	item["metadata"] = dschema.StringAttribute{Computed: true, MarkdownDescription: "Metadata as JSON (use `jsondecode`)."}
	resp.Schema = listSchema("Lists every assistant of the project, sorted by name (all pages are read).",
		"Constant identifier of this listing (`pinecone_assistants`).",
		nil, "assistants", "The assistants.", item)
}

func (d *assistantsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, err := d.data.client.ListAssistants(ctx)
	assistants, diags, ok := listData(&resp.Diagnostics, "assistants", "Listing assistants", list, err,
		func(a *client.Assistant) string { return a.Name }, newAssistantSummary)
	if ok {
		out := assistantsDataModel{ID: types.StringValue("pinecone_assistants"), Assistants: assistants}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}

type assistantFileDataModel struct {
	ID         types.String `tfsdk:"id"`
	Name       types.String `tfsdk:"name"`
	Status     types.String `tfsdk:"status"`
	Size       types.Int64  `tfsdk:"size"`
	Multimodal types.Bool   `tfsdk:"multimodal"`
	Metadata   types.String `tfsdk:"metadata"`
	CreatedOn  types.String `tfsdk:"created_on"`
	UpdatedOn  types.String `tfsdk:"updated_on"`
}

func newAssistantFileData(f *client.AssistantFile) assistantFileDataModel {
	return assistantFileDataModel{
		ID: types.StringValue(f.ID), Name: types.StringValue(f.Name), Status: types.StringValue(f.Status),
		Size: types.Int64PointerValue(f.Size), Multimodal: types.BoolValue(f.Multimodal != nil && *f.Multimodal),
		Metadata: jsonText(f.Metadata), CreatedOn: types.StringValue(f.CreatedOn), UpdatedOn: types.StringValue(f.UpdatedOn),
	}
}

type assistantFilesDataModel struct {
	ID            types.String             `tfsdk:"id"`
	AssistantName types.String             `tfsdk:"assistant_name"`
	Filter        types.String             `tfsdk:"filter"`
	Files         []assistantFileDataModel `tfsdk:"files"`
}

// assistantFileDataAttributes mirrors the file resource's schema for what
// Pinecone reports about a file; metadata is JSON text.
func assistantFileDataAttributes(ctx context.Context) map[string]dschema.Attribute {
	attrs := computedAttributes(assistantFileResourceSchema(ctx).Attributes,
		"file_id", "assistant_name", "source", "content_hash", "metadata", "timeouts")
	attrs["id"] = dschema.StringAttribute{Computed: true, MarkdownDescription: "File ID."}
	attrs["metadata"] = dschema.StringAttribute{Computed: true, MarkdownDescription: "Metadata as JSON (use `jsondecode`)."}
	return attrs
}

func (d *assistantFilesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_assistant_files"
}

func (d *assistantFilesDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema("Lists the files of an assistant, optionally filtered by metadata, sorted by name.",
		"The assistant name.",
		map[string]dschema.Attribute{
			"assistant_name": dschema.StringAttribute{Required: true, Validators: assistantNameRule.validators(), MarkdownDescription: "Name of the assistant."},
			"filter": dschema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Metadata filter as JSON, e.g. `jsonencode({ topic = \"faq\" })` or `jsonencode({ topic = { \"$in\" = [\"faq\", \"howto\"] } })`.",
			},
		}, "files", "The files.", assistantFileDataAttributes(ctx))
}

func (d *assistantFilesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[assistantFilesDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	name := cfg.AssistantName.ValueString()
	c := d.data.client
	a, err := c.DescribeAssistant(ctx, name)
	if err != nil {
		addError(&resp.Diagnostics, "Error listing Pinecone assistant files", fmt.Sprintf("Looking up assistant %q", name), err)
		return
	}
	host, err := client.AssistantHost(a)
	var files []client.AssistantFile
	if err == nil {
		files, err = c.ListAssistantFiles(ctx, host, name, knownString(cfg.Filter))
	}
	list, diags, ok := listData(&resp.Diagnostics, "assistant files", fmt.Sprintf("Listing files of assistant %q", name), files, err,
		func(f *client.AssistantFile) string { return f.Name }, noDiags(newAssistantFileData))
	if ok {
		out := assistantFilesDataModel{ID: types.StringValue(name), AssistantName: cfg.AssistantName, Filter: cfg.Filter, Files: list}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}
