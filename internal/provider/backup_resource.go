package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                = (*backupResource)(nil)
	_ resource.ResourceWithConfigure   = (*backupResource)(nil)
	_ resource.ResourceWithImportState = (*backupResource)(nil)
)

// NewBackupResource is the constructor of pinecone_backup.
func NewBackupResource() resource.Resource { return &backupResource{} }

type backupResource struct {
	data *providerData
}

type backupResourceModel struct {
	ID              types.String   `tfsdk:"id"`
	SourceIndexName types.String   `tfsdk:"source_index_name"`
	Name            types.String   `tfsdk:"name"`
	Description     types.String   `tfsdk:"description"`
	Status          types.String   `tfsdk:"status"`
	Cloud           types.String   `tfsdk:"cloud"`
	Region          types.String   `tfsdk:"region"`
	Dimension       types.Int64    `tfsdk:"dimension"`
	Metric          types.String   `tfsdk:"metric"`
	RecordCount     types.Int64    `tfsdk:"record_count"`
	NamespaceCount  types.Int64    `tfsdk:"namespace_count"`
	SizeBytes       types.Int64    `tfsdk:"size_bytes"`
	Tags            types.Map      `tfsdk:"tags"`
	CreatedAt       types.String   `tfsdk:"created_at"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}

func (r *backupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_backup"
}

func (r *backupResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	stableInt := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A backup of a serverless Pinecone index. A backup cannot be changed: every argument " +
			"replaces it. Creation waits until the backup is `Ready` (a `Failed` backup is an error and stays in state " +
			"as tainted). Restore it with `pinecone_index.source_backup_id`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The backup ID (`backup_id`).", Computed: true, PlanModifiers: stable,
			},
			"source_index_name": schema.StringAttribute{
				MarkdownDescription: "Name of the serverless index to back up. Changing it replaces the backup.",
				Required:            true, Validators: indexNameValidators(), PlanModifiers: replace,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the backup (need not be unique). Changing it replaces the backup.",
				Optional:            true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description of the backup. Changing it replaces the backup.",
				Optional:            true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
			},
			"status":          schema.StringAttribute{MarkdownDescription: "Status: `Initializing`, `Ready` or `Failed`.", Computed: true, PlanModifiers: stable},
			"cloud":           schema.StringAttribute{MarkdownDescription: "Cloud of the source index.", Computed: true, PlanModifiers: stable},
			"region":          schema.StringAttribute{MarkdownDescription: "Region of the source index.", Computed: true, PlanModifiers: stable},
			"dimension":       schema.Int64Attribute{MarkdownDescription: "Dimension of the source index.", Computed: true, PlanModifiers: stableInt},
			"metric":          schema.StringAttribute{MarkdownDescription: "Metric of the source index.", Computed: true, PlanModifiers: stable},
			"record_count":    schema.Int64Attribute{MarkdownDescription: "Records in the backup.", Computed: true, PlanModifiers: stableInt},
			"namespace_count": schema.Int64Attribute{MarkdownDescription: "Namespaces in the backup.", Computed: true, PlanModifiers: stableInt},
			"size_bytes":      schema.Int64Attribute{MarkdownDescription: "Size of the backup in bytes.", Computed: true, PlanModifiers: stableInt},
			"tags": schema.MapAttribute{
				MarkdownDescription: "Tags of the source index when the backup was taken.",
				Computed:            true, ElementType: types.StringType,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{MarkdownDescription: "When the backup was created (RFC 3339).", Computed: true, PlanModifiers: stable},
			"timeouts":   timeoutsAttribute(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

func (r *backupResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = resourceProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *backupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan backupResourceModel
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

	c := r.data.client
	index := plan.SourceIndexName.ValueString()
	created, err := r.createBackup(ctx, index, client.CreateBackupRequest{
		Name: knownString(plan.Name), Description: knownString(plan.Description),
	})
	if err != nil {
		addError(&resp.Diagnostics, "Error creating Pinecone backup", fmt.Sprintf("Backing up index %q", index), err)
		return
	}
	resp.Diagnostics.Append(setBackupState(ctx, &resp.State, created, &plan)...)
	ready, err := c.WaitForBackupReady(ctx, created.BackupID)
	if ready != nil {
		resp.Diagnostics.Append(setBackupState(ctx, &resp.State, ready, &plan)...)
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error waiting for Pinecone backup", fmt.Sprintf("Backup %s of index %q", created.BackupID, index), err)
	}
}

// createBackup creates a backup; after a failure that may have created one
// anyway (lost answer, 5xx) it adopts the backup that appeared, or creates
// once more if none did (see recovery.go).
func (r *backupResource) createBackup(ctx context.Context, index string, req client.CreateBackupRequest) (*client.BackupModel, error) {
	c := r.data.client
	before, listErr := c.ListIndexBackups(ctx, index)
	created, err := c.CreateBackup(ctx, index, req)
	if err == nil || listErr != nil || !mayHaveActed(err) {
		return created, err
	}
	after, lerr := c.ListIndexBackups(ctx, index)
	if lerr != nil {
		return nil, err
	}
	ours := appeared(before, after, func(b client.BackupModel) string { return b.BackupID },
		func(b client.BackupModel) bool { return b.Name == req.Name && b.Description == req.Description })
	switch len(ours) {
	case 0:
		return c.CreateBackup(ctx, index, req)
	case 1:
		return &ours[0], nil
	}
	return nil, fmt.Errorf("%w; %d matching backups appeared meanwhile and none can be identified as ours: import the right one", err, len(ours))
}

func (r *backupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state backupResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	b, err := r.data.client.DescribeBackup(ctx, id)
	if errors.Is(err, client.ErrNotFound) {
		removedOutsideTerraform(ctx, resp, "backup", id)
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error reading Pinecone backup", fmt.Sprintf("Reading backup %s", id), err)
		return
	}
	resp.Diagnostics.Append(setBackupState(ctx, &resp.State, b, &state)...)
}

// Update is reached only for timeouts changes: every argument replaces.
func (r *backupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan backupResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *backupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state backupResourceModel
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
	id := state.ID.ValueString()
	err := r.data.client.DeleteBackup(ctx, id)
	switch {
	case errors.Is(err, client.ErrNotFound):
		return
	case errors.Is(err, client.ErrFailedPrecondition):
		resp.Diagnostics.AddError("Pinecone backup cannot be deleted yet",
			fmt.Sprintf("Pinecone refused to delete backup %s while an index is still being restored from it: %s\n\n"+
				"Wait for the restore job to complete (data source `pinecone_restore_job` shows its progress), then destroy again.", id, err))
		return
	case err != nil:
		addError(&resp.Diagnostics, "Error deleting Pinecone backup", fmt.Sprintf("Deleting backup %s", id), err)
		return
	}
	if err := r.data.client.WaitForBackupDeleted(ctx, id); err != nil {
		addError(&resp.Diagnostics, "Error waiting for Pinecone backup deletion", fmt.Sprintf("Backup %s", id), err)
	}
}

// ImportState takes the backup ID; every attribute is recovered from Pinecone.
func (r *backupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid import ID", "The import ID is the backup ID (`backup_id`).")
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

func setBackupState(ctx context.Context, st stateSetter, b *client.BackupModel, prior *backupResourceModel) diag.Diagnostics {
	out, diags := newBackupModel(ctx, b, prior)
	if diags.HasError() {
		return diags
	}
	diags.Append(st.Set(ctx, out)...)
	return diags
}

// newBackupModel maps a backup; prior supplies timeouts.
func newBackupModel(ctx context.Context, b *client.BackupModel, prior *backupResourceModel) (*backupResourceModel, diag.Diagnostics) {
	out := *prior
	tags, diags := types.MapValueFrom(ctx, types.StringType, nonNilMap(b.Tags))
	out.ID = types.StringValue(b.BackupID)
	out.SourceIndexName = types.StringValue(b.SourceIndexName)
	out.Name = optionalString(b.Name)
	out.Description = optionalString(b.Description)
	out.Status = types.StringValue(b.Status)
	out.Cloud = types.StringValue(b.Cloud)
	out.Region = types.StringValue(b.Region)
	out.Dimension = int64Value(b.Dimension)
	out.Metric = optionalString(b.Metric)
	out.RecordCount = int64PtrValue(b.RecordCount)
	out.NamespaceCount = int64PtrValue(b.NamespaceCount)
	out.SizeBytes = int64PtrValue(b.SizeBytes)
	out.Tags = tags
	out.CreatedAt = types.StringValue(b.CreatedAt)
	return &out, diags
}
