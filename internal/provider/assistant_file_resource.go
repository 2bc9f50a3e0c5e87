package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
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

// describeAfterFailureTimeout bounds the one describe that records a file
// whose processing did not finish.
const describeAfterFailureTimeout = 30 * time.Second

// NewAssistantFileResource is the constructor of pinecone_assistant_file.
func NewAssistantFileResource() resource.Resource { return &assistantFileResource{} }

type assistantFileResource struct {
	configuredResource
}

func (r *assistantFileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_assistant_file"
}

// ValidateConfig rejects file types and settings Pinecone would refuse.
func (r *assistantFileResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg assistantFileResourceModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		return
	}
	validateMetadata(cfg.Metadata, path.Root("metadata"), &resp.Diagnostics)
	if !cfg.Metadata.IsNull() && !cfg.Metadata.IsUnknown() && !containsUnknown(cfg.Metadata) {
		if raw, err := metadataToJSON(cfg.Metadata); err == nil {
			if err := fileMetadataRules(raw); err != nil {
				resp.Diagnostics.AddAttributeError(path.Root("metadata"), "Invalid file metadata", err.Error())
			}
		}
	}
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

// ModifyPlan hashes the local file, so new content shows up in the plan as an
// in-place update and a missing or oversized file fails the plan instead of
// the apply; it derives the default file_id on create, and marks what an
// upload will change.
func (r *assistantFileResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	requireOnCreate(ctx, req, resp, path.Root("source"), "Missing source",
		"Set `source` to the path of the local file to upload.")
	var plan assistantFileResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.Source.IsUnknown() || plan.AssistantName.IsUnknown() {
		return
	}
	if !plan.Source.IsNull() {
		if !r.planLocalFile(&plan, &resp.Diagnostics) {
			return
		}
	}
	if req.State.Raw.IsNull() {
		if plan.FileID.IsUnknown() && !plan.Source.IsNull() {
			plan.FileID = types.StringValue(defaultFileID(plan.AssistantName.ValueString(), plan.Source.ValueString()))
		}
		plan.ID = plan.FileID
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	var state assistantFileResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	upload, err := needsUpload(&plan, &state)
	if err != nil || !upload {
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
		return
	}
	if plan.Source.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("source"), "Missing source",
			"Changing the metadata or multimodal setting of a file uploads it again; set `source` to its local path.")
		return
	}
	// The upload changes what Pinecone reports about the file. The name is
	// the uploaded file's; the rest is left to Pinecone's answer.
	plan.Name = types.StringValue(filepath.Base(plan.Source.ValueString()))
	plan.Status = types.StringUnknown()
	plan.CreatedOn = types.StringUnknown()
	plan.UpdatedOn = types.StringUnknown()
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// planLocalFile reads the file at source: its hash (content_hash) and, with
// the size limit of its type checked, its size when it is to be uploaded.
func (r *assistantFileResource) planLocalFile(plan *assistantFileResourceModel, diags *diag.Diagnostics) bool {
	source := plan.Source.ValueString()
	hash, size, err := fileSHA256(source)
	if err != nil {
		diags.AddAttributeError(path.Root("source"), "Cannot read the file to upload", err.Error())
		return false
	}
	limit, what := int64(maxOtherFileBytes), "10 MB"
	if strings.EqualFold(filepath.Ext(source), ".pdf") {
		limit, what = maxPDFFileBytes, "100 MB"
	}
	if size > limit {
		diags.AddAttributeError(path.Root("source"), "File too large",
			fmt.Sprintf("%s is %d bytes; Pinecone Assistant accepts %s files of at most %s.", source, size, strings.ToLower(filepath.Ext(source)), what))
		return false
	}
	if plan.ContentHash.ValueString() != hash {
		plan.Size = types.Int64Value(size)
	}
	plan.ContentHash = types.StringValue(hash)
	return true
}

// fileSHA256 hashes a file by streaming it and returns its size.
func fileSHA256(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer func() { _ = f.Close() }()
	info, err := f.Stat()
	if err != nil {
		return "", 0, err
	}
	if info.IsDir() {
		return "", 0, fmt.Errorf("%s is a directory, not a file", p)
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// assistantHost finds the data-plane URL of an assistant.
func (r *assistantFileResource) assistantHost(ctx context.Context, name string) (*url.URL, error) {
	// The host does not change: the list shared by every file of this
	// refresh answers as well as a describe.
	a, err := r.data.client.ReadAssistant(ctx, name)
	if err != nil {
		return nil, err
	}
	return client.AssistantHost(a)
}

func (r *assistantFileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan assistantFileResourceModel
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.Plan.Get, &plan,
		func() timeoutFunc { return plan.Timeouts.Create }, defaultCreateTimeout)
	if !ok {
		return
	}
	defer cancel()
	if plan.FileID.IsUnknown() { // source was not known at plan time
		plan.FileID = types.StringValue(defaultFileID(plan.AssistantName.ValueString(), plan.Source.ValueString()))
	}
	plan.ID = plan.FileID
	r.upsert(ctx, &plan, &resp.State, &resp.Diagnostics, "Error uploading file to Pinecone assistant")
}

// upsert uploads the planned file under its file ID, waits for Pinecone to
// process it and stores the result. Once the upload is accepted the file is
// stored in state even if processing fails or the wait ends early, so it is
// tainted rather than forgotten. PUT with our ID is idempotent: the client
// retries it after any failure, and a retried upsert still makes one file.
func (r *assistantFileResource) upsert(ctx context.Context, plan *assistantFileResourceModel, st stateSetter, diags *diag.Diagnostics, summary string) {
	assistant, source, id := plan.AssistantName.ValueString(), plan.Source.ValueString(), plan.FileID.ValueString()
	body, err := uploadRequest(plan)
	if err != nil {
		diags.AddAttributeError(path.Root("metadata"), "Invalid metadata", err.Error())
		return
	}
	host, err := r.assistantHost(ctx, assistant)
	if err != nil {
		addError(diags, summary, fmt.Sprintf("Looking up assistant %q", assistant), err)
		return
	}
	c := r.data.client
	op, err := c.UpsertAssistantFile(ctx, host, assistant, id, body)
	if err != nil {
		addError(diags, summary, fmt.Sprintf("Uploading %s to assistant %q as file %s", source, assistant, id), err)
		return
	}
	if _, err := c.WaitForFileOperation(ctx, host, assistant, op); err != nil {
		r.storeAfterFailure(ctx, host, plan, st, diags)
		addError(diags, "Error processing file in Pinecone assistant",
			fmt.Sprintf("File %s (%s) of assistant %q", source, id, assistant), err)
		return
	}
	f, err := c.DescribeAssistantFile(ctx, host, assistant, id)
	if err != nil {
		setState(ctx, st, diags, pendingFileModel(plan, id), nil)
		addError(diags, "Error reading Pinecone assistant file", fmt.Sprintf("Reading file %s of assistant %q after the upload", id, assistant), err)
		return
	}
	out, convDiags := newAssistantFileModel(f, plan)
	setState(ctx, st, diags, out, convDiags)
	if !sameJSON(body.Metadata, f.Metadata) {
		addError(diags, "Pinecone did not keep the file's metadata", fmt.Sprintf("File %s of assistant %q", id, assistant),
			metadataKeptError(body.Metadata, f.Metadata))
	}
}

// storeAfterFailure records a file whose processing did not succeed: as
// Pinecone describes it if it can, else as planned.
func (r *assistantFileResource) storeAfterFailure(ctx context.Context, host *url.URL, plan *assistantFileResourceModel, st stateSetter, diags *diag.Diagnostics) {
	id := plan.FileID.ValueString()
	// The wait's context may be spent; a short fresh one still records what
	// Pinecone has.
	describeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), describeAfterFailureTimeout)
	defer cancel()
	if f, err := r.data.client.DescribeAssistantFile(describeCtx, host, plan.AssistantName.ValueString(), id); err == nil {
		out, convDiags := newAssistantFileModel(f, plan)
		setState(ctx, st, diags, out, convDiags)
		return
	}
	setState(ctx, st, diags, pendingFileModel(plan, id), nil)
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
	if !readOrRemove(ctx, resp, "assistant file", assistant+"/"+id, fmt.Sprintf("file %s of assistant %q", id, assistant), f, err,
		func(f *client.AssistantFile) bool { return f.Status == client.FileStateDeleting }) {
		return
	}
	if state.FileID.IsNull() {
		state.FileID = state.ID // state written before file_id existed
	}
	out, diags := newAssistantFileModel(f, &state)
	setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
}

// Update uploads the file again under the same ID when its content,
// metadata or multimodal setting changed; otherwise it only records values
// learnt from the configuration (after an import: source, content_hash).
func (r *assistantFileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state assistantFileResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	upload, err := needsUpload(&plan, &state)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("metadata"), "Invalid metadata", err.Error())
		return
	}
	if !upload {
		if plan.ContentHash.IsUnknown() {
			plan.ContentHash = types.StringNull() // no local file to hash
		}
		plan.UpdatedOn = state.UpdatedOn
		setState(ctx, &resp.State, &resp.Diagnostics, &plan, nil)
		return
	}
	ctx, cancel, diags := withTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()
	r.upsert(ctx, &plan, &resp.State, &resp.Diagnostics, "Error updating Pinecone assistant file")
}

func (r *assistantFileResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state assistantFileResourceModel
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.State.Get, &state,
		func() timeoutFunc { return state.Timeouts.Delete }, defaultDeleteTimeout)
	if !ok {
		return
	}
	defer cancel()
	assistant, id := state.AssistantName.ValueString(), state.ID.ValueString()
	c := r.data.client
	var host *url.URL
	deleteAndWait(ctx, &resp.Diagnostics, "assistant file", fmt.Sprintf("file %s of assistant %q", id, assistant),
		func(ctx context.Context) error {
			var err error
			if host, err = r.assistantHost(ctx, assistant); err != nil {
				return err // a 404: the assistant, and with it the file, is gone
			}
			_, err = c.DeleteAssistantFile(ctx, host, assistant, id)
			return err
		},
		func(ctx context.Context) error { return c.WaitForAssistantFileDeleted(ctx, host, assistant, id) })
}

// ImportState takes "<assistant_name>/<file_id>".
func (r *assistantFileResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importAssistantScoped(ctx, req, resp, "assistant file", "file_id") {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("metadata"), types.DynamicNull())...)
	}
}
