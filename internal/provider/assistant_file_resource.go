package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/dynamicplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/float64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                   = (*assistantFileResource)(nil)
	_ resource.ResourceWithConfigure      = (*assistantFileResource)(nil)
	_ resource.ResourceWithImportState    = (*assistantFileResource)(nil)
	_ resource.ResourceWithValidateConfig = (*assistantFileResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*assistantFileResource)(nil)
)

// File types Pinecone Assistant accepts, by extension.
var supportedFileExtensions = []string{".pdf", ".txt", ".md", ".json", ".docx"}

// NewAssistantFileResource is the constructor of pinecone_assistant_file.
func NewAssistantFileResource() resource.Resource { return &assistantFileResource{} }

type assistantFileResource struct {
	data *providerData
}

type assistantFileResourceModel struct {
	ID            types.String   `tfsdk:"id"`
	AssistantName types.String   `tfsdk:"assistant_name"`
	Source        types.String   `tfsdk:"source"`
	ContentHash   types.String   `tfsdk:"content_hash"`
	Metadata      types.Dynamic  `tfsdk:"metadata"`
	Multimodal    types.Bool     `tfsdk:"multimodal"`
	Name          types.String   `tfsdk:"name"`
	Status        types.String   `tfsdk:"status"`
	PercentDone   types.Float64  `tfsdk:"percent_done"`
	CreatedOn     types.String   `tfsdk:"created_on"`
	UpdatedOn     types.String   `tfsdk:"updated_on"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

func (r *assistantFileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_assistant_file"
}

func (r *assistantFileResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A file uploaded to a Pinecone Assistant from a local path. Files cannot be changed in " +
			"place: new content (detected by a SHA-256 of the file, computed at plan time), new metadata or a new " +
			"`multimodal` setting replace the file. Creation waits until Pinecone has processed the file (`Available`).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "The file ID.", Computed: true, PlanModifiers: stable},
			"assistant_name": schema.StringAttribute{
				MarkdownDescription: "Name of the assistant. Changing it replaces the file.",
				Required:            true, Validators: assistantNameValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"source": schema.StringAttribute{
				MarkdownDescription: "Path of the local file to upload (" + strings.Join(supportedFileExtensions, ", ") +
					"); required to upload a file. Changing it replaces the file. Pinecone does not report it back, so " +
					"it may be left out for an imported file (as `terraform plan -generate-config-out` writes it).",
				Optional:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{requiresReplaceWhenChangedBetweenValues()},
			},
			"content_hash": schema.StringAttribute{
				MarkdownDescription: "SHA-256 of the file's content, read at plan time; a change replaces the file.",
				Computed:            true,
			},
			"metadata": schema.DynamicAttribute{
				MarkdownDescription: "Metadata of the file, an HCL object or `jsonencode(...)`; usable in assistant " +
					"filters. Changing it replaces the file.",
				Optional:      true,
				PlanModifiers: []planmodifier.Dynamic{dynamicplanmodifier.RequiresReplace()},
			},
			"multimodal": schema.BoolAttribute{
				MarkdownDescription: "Process images and charts as well as text (PDFs only). Changing it replaces the file.",
				Optional:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"name":   schema.StringAttribute{MarkdownDescription: "File name as stored by Pinecone.", Computed: true, PlanModifiers: stable},
			"status": schema.StringAttribute{MarkdownDescription: "Status, e.g. `Available`.", Computed: true, PlanModifiers: stable},
			"percent_done": schema.Float64Attribute{
				MarkdownDescription: "Processing progress, 0 to 1.", Computed: true,
				PlanModifiers: []planmodifier.Float64{float64planmodifier.UseStateForUnknown()},
			},
			"created_on": schema.StringAttribute{MarkdownDescription: "Upload time (RFC 3339).", Computed: true, PlanModifiers: stable},
			"updated_on": schema.StringAttribute{MarkdownDescription: "Last change (RFC 3339).", Computed: true, PlanModifiers: stable},
			"timeouts":   timeoutsAttribute(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

func (r *assistantFileResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = resourceProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig rejects file types and settings Pinecone would refuse.
func (r *assistantFileResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg assistantFileResourceModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		return
	}
	validateMetadata(cfg.Metadata, path.Root("metadata"), &resp.Diagnostics)
	if cfg.Source.IsNull() || cfg.Source.IsUnknown() {
		return
	}
	ext := strings.ToLower(filepath.Ext(cfg.Source.ValueString()))
	if !isSupportedFileExtension(ext) {
		resp.Diagnostics.AddAttributeError(path.Root("source"), "Unsupported file type",
			fmt.Sprintf("Pinecone Assistant accepts %s files; %q has extension %q.",
				strings.Join(supportedFileExtensions, ", "), cfg.Source.ValueString(), ext))
	}
	if cfg.Multimodal.ValueBool() && ext != ".pdf" {
		resp.Diagnostics.AddAttributeError(path.Root("multimodal"), "Multimodal needs a PDF",
			"`multimodal = true` is only supported for PDF files.")
	}
}

func isSupportedFileExtension(ext string) bool {
	for _, e := range supportedFileExtensions {
		if e == ext {
			return true
		}
	}
	return false
}

// ModifyPlan hashes the local file so a content change shows up in the plan
// as a replacement, and a missing file fails the plan instead of the apply.
func (r *assistantFileResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	requireOnCreate(ctx, req, resp, path.Root("source"), "Missing source",
		"Set `source` to the path of the local file to upload.")
	var source types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("source"), &source)...)
	if source.IsNull() || source.IsUnknown() {
		return
	}
	hash, err := fileSHA256(source.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("source"), "Cannot read the file to upload", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("content_hash"), hash)...)
	if req.State.Raw.IsNull() {
		return
	}
	var prior types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("content_hash"), &prior)...)
	if !prior.IsNull() && prior.ValueString() != hash {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("content_hash"))
	}
}

// fileSHA256 hashes a file by streaming it.
func fileSHA256(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }()
	info, err := f.Stat()
	if err != nil {
		return "", err
	}
	if info.IsDir() {
		return "", fmt.Errorf("%s is a directory, not a file", p)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// assistantHost finds the data-plane URL of an assistant.
func (r *assistantFileResource) assistantHost(ctx context.Context, name string) (*url.URL, error) {
	a, err := r.data.client.DescribeAssistant(ctx, name)
	if err != nil {
		return nil, err
	}
	return client.AssistantHost(a)
}

func (r *assistantFileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan assistantFileResourceModel
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
	assistant, source := plan.AssistantName.ValueString(), plan.Source.ValueString()
	metadata, err := metadataToJSON(plan.Metadata)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("metadata"), "Invalid metadata", err.Error())
		return
	}
	host, err := r.assistantHost(ctx, assistant)
	if err != nil {
		addError(&resp.Diagnostics, "Error uploading file to Pinecone assistant", fmt.Sprintf("Looking up assistant %q", assistant), err)
		return
	}
	var multimodal *bool
	if !plan.Multimodal.IsNull() {
		v := plan.Multimodal.ValueBool()
		multimodal = &v
	}
	c := r.data.client
	uploaded, err := r.upload(ctx, host, assistant, client.UploadFileRequest{Path: source, Metadata: metadata, Multimodal: multimodal})
	if err != nil {
		addError(&resp.Diagnostics, "Error uploading file to Pinecone assistant", fmt.Sprintf("Uploading %s to assistant %q", source, assistant), err)
		return
	}
	resp.Diagnostics.Append(setAssistantFileState(ctx, &resp.State, uploaded, &plan)...)
	ready, err := c.WaitForAssistantFileAvailable(ctx, host, assistant, uploaded.ID)
	if ready != nil {
		resp.Diagnostics.Append(setAssistantFileState(ctx, &resp.State, ready, &plan)...)
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error processing file in Pinecone assistant",
			fmt.Sprintf("File %s (%s) of assistant %q", source, uploaded.ID, assistant), err)
	}
}

// upload sends the file; after a failure that may have stored it anyway it
// adopts the file of that name that appeared, or uploads once more if none
// did (see recovery.go).
func (r *assistantFileResource) upload(ctx context.Context, host *url.URL, assistant string, req client.UploadFileRequest) (*client.AssistantFile, error) {
	c := r.data.client
	before, listErr := c.ListAssistantFiles(ctx, host, assistant, "")
	uploaded, err := c.UploadAssistantFile(ctx, host, assistant, req)
	if err == nil || listErr != nil || !mayHaveActed(err) {
		return uploaded, err
	}
	after, lerr := c.ListAssistantFiles(ctx, host, assistant, "")
	if lerr != nil {
		return nil, err
	}
	name := filepath.Base(req.Path)
	ours := appeared(before, after, func(f client.AssistantFile) string { return f.ID },
		func(f client.AssistantFile) bool { return f.Name == name })
	switch len(ours) {
	case 0:
		return c.UploadAssistantFile(ctx, host, assistant, req)
	case 1:
		return &ours[0], nil
	}
	return nil, fmt.Errorf("%w; %d files named %q appeared meanwhile: import the right one", err, len(ours), name)
}

func (r *assistantFileResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state assistantFileResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	assistant, id := state.AssistantName.ValueString(), state.ID.ValueString()
	host, err := r.assistantHost(ctx, assistant)
	var f *client.AssistantFile
	if err == nil {
		f, err = r.data.client.DescribeAssistantFile(ctx, host, assistant, id)
	}
	if errors.Is(err, client.ErrNotFound) || (err == nil && f.Status == client.FileStateDeleting) {
		removedOutsideTerraform(ctx, resp, "assistant file", assistant+"/"+id)
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error reading Pinecone assistant file", fmt.Sprintf("Reading file %s of assistant %q", id, assistant), err)
		return
	}
	resp.Diagnostics.Append(setAssistantFileState(ctx, &resp.State, f, &state)...)
}

// Update only records values learnt from the configuration after an import
// (source, content_hash); every real change replaces the file.
func (r *assistantFileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan assistantFileResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.ContentHash.IsUnknown() {
		plan.ContentHash = types.StringNull() // no local file to hash
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *assistantFileResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state assistantFileResourceModel
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
	assistant, id := state.AssistantName.ValueString(), state.ID.ValueString()
	host, err := r.assistantHost(ctx, assistant)
	if errors.Is(err, client.ErrNotFound) {
		return // the assistant, and with it the file, is gone
	}
	if err == nil {
		err = r.data.client.DeleteAssistantFile(ctx, host, assistant, id)
	}
	if errors.Is(err, client.ErrNotFound) {
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error deleting Pinecone assistant file", fmt.Sprintf("Deleting file %s of assistant %q", id, assistant), err)
		return
	}
	if err := r.data.client.WaitForAssistantFileDeleted(ctx, host, assistant, id); err != nil {
		addError(&resp.Diagnostics, "Error waiting for Pinecone assistant file deletion", fmt.Sprintf("File %s of assistant %q", id, assistant), err)
	}
}

// ImportState takes "<assistant_name>/<file_id>".
func (r *assistantFileResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	assistant, id, err := parseAssistantFileID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("assistant_name"), assistant)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("metadata"), types.DynamicNull())...)
}

// parseAssistantFileID splits an import ID of the form <assistant>/<file id>.
func parseAssistantFileID(raw string) (string, string, error) {
	assistant, id, ok := strings.Cut(raw, "/")
	if !ok || id == "" || strings.Contains(id, "/") || !assistantNameRegexp.MatchString(assistant) || len(assistant) > assistantNameMaxLength {
		return "", "", fmt.Errorf("the import ID of an assistant file is \"<assistant_name>/<file_id>\", e.g. \"support-bot/3c90c3cc-0d44-4b50-8888-8dd25736052a\"; got %q", raw)
	}
	return assistant, id, nil
}

func setAssistantFileState(ctx context.Context, st stateSetter, f *client.AssistantFile, prior *assistantFileResourceModel) diag.Diagnostics {
	out, diags := newAssistantFileModel(f, prior)
	if diags.HasError() {
		return diags
	}
	diags.Append(st.Set(ctx, out)...)
	return diags
}

// newAssistantFileModel maps a file; prior supplies source, content_hash and
// the user's spelling of metadata.
func newAssistantFileModel(f *client.AssistantFile, prior *assistantFileResourceModel) (*assistantFileResourceModel, diag.Diagnostics) {
	out := *prior
	out.ID = types.StringValue(f.ID)
	out.Name = types.StringValue(f.Name)
	out.Status = types.StringValue(f.Status)
	out.PercentDone = types.Float64Null()
	if f.PercentDone != nil {
		out.PercentDone = types.Float64Value(*f.PercentDone)
	}
	out.CreatedOn = types.StringValue(f.CreatedOn)
	out.UpdatedOn = types.StringValue(f.UpdatedOn)
	if f.Multimodal != nil && (*f.Multimodal || !out.Multimodal.IsNull()) {
		out.Multimodal = types.BoolValue(*f.Multimodal)
	}
	if out.ContentHash.IsUnknown() {
		out.ContentHash = types.StringNull()
	}
	metadata, diags := metadataFromAPI(f.Metadata, prior.Metadata)
	out.Metadata = metadata
	return &out, diags
}
