package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// File types Pinecone Assistant accepts, by extension.
var supportedFileExtensions = []string{".pdf", ".txt", ".md", ".json", ".docx"}

// Size limits of a file (Pinecone's file guide, guides/assistant/files-overview:
// PDFs up to 100 MB, other types up to 10 MB; read as MiB).
const (
	maxPDFFileBytes   = 100 << 20
	maxOtherFileBytes = 10 << 20
)

func (r *assistantFileResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = assistantFileResourceSchema(ctx)
}

// assistantFileResourceSchema is pinecone_assistant_file's schema; the
// pinecone_assistant_files data source derives its list items from it.
func assistantFileResourceSchema(ctx context.Context) schema.Schema {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "A file of a Pinecone Assistant, uploaded from a local path under a file ID of your choice " +
			"(Pinecone's upsert). New content (detected by a SHA-256 of the file, computed at plan time), new metadata " +
			"or a new `multimodal` setting upload the file again under the same ID, in place. Create and update wait " +
			"until Pinecone has processed the file (`Available`).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "The file ID (the same as `file_id`).", Computed: true, PlanModifiers: stable},
			"file_id": schema.StringAttribute{
				MarkdownDescription: "The file's ID in the assistant: 1 to 128 letters, digits, hyphens and underscores. " +
					"Defaults to the source file's base name plus a hash of the assistant name and `source` as written " +
					"(e.g. `handbook-1a2b3c4d5e6f`), so the same configuration always upserts the same file and a retried " +
					"create can never make a second one. Set it when two resources upload the same path to one " +
					"assistant. Changing it replaces the file.",
				Optional: true, Computed: true,
				Validators: []validator.String{stringvalidator.RegexMatches(fileIDRegexp,
					"must be 1 to 128 letters, digits, hyphens (-) or underscores (_)")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()},
			},
			"assistant_name": schema.StringAttribute{
				MarkdownDescription: "Name of the assistant. Changing it replaces the file.",
				Required:            true, Validators: assistantNameRule.validators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"source": schema.StringAttribute{
				MarkdownDescription: "Path of the local file to upload (" + strings.Join(supportedFileExtensions, ", ") +
					"; PDFs up to 100 MB, other types up to 10 MB); required to upload a file. Pointing it at another " +
					"file uploads that file under the same ID. Pinecone does not report it back, so it may be left out " +
					"for an imported file (as `terraform plan -generate-config-out` writes it).",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"content_hash": schema.StringAttribute{
				MarkdownDescription: "SHA-256 of the file's content, read at plan time; a change uploads the file again.",
				Computed:            true,
			},
			"metadata": schema.DynamicAttribute{
				MarkdownDescription: "Metadata of the file, an HCL object or `jsonencode(...)`: a flat object (strings, " +
					"numbers, booleans and lists of them; no nulls, no keys starting with `$`) of at most 16 KB, usable " +
					"in assistant filters. Changing it uploads the file again under the same ID.",
				Optional: true,
			},
			"multimodal": schema.BoolAttribute{
				MarkdownDescription: "Whether images and charts are processed as well as text (PDFs only). Changing it uploads the file again.",
				Optional:            true,
			},
			"name":   schema.StringAttribute{MarkdownDescription: "File name as stored by Pinecone.", Computed: true, PlanModifiers: stable},
			"status": schema.StringAttribute{MarkdownDescription: "Status, e.g. `Available`.", Computed: true, PlanModifiers: stable},
			"size": schema.Int64Attribute{
				MarkdownDescription: "Size of the file in bytes.", Computed: true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"created_on": schema.StringAttribute{MarkdownDescription: "Upload time (RFC 3339).", Computed: true, PlanModifiers: stable},
			"updated_on": schema.StringAttribute{MarkdownDescription: "Last change (RFC 3339).", Computed: true, PlanModifiers: stable},
			"timeouts":   timeoutsAttribute(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}
