package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"

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
	configuredResource
}

func (r *backupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_backup"
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
	out, diags := newBackupModel(ctx, created, &plan)
	setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
	ready, err := c.WaitForBackupReady(ctx, created.BackupID)
	if ready != nil {
		out, diags := newBackupModel(ctx, ready, &plan)
		setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
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
	return createOrRecover(ctx, recoverableCreate[client.BackupModel, client.BackupModel]{
		kind: "matching backups",
		list: func(ctx context.Context) ([]client.BackupModel, error) { return c.ListIndexBackups(ctx, index) },
		create: func(ctx context.Context) (*client.BackupModel, error) {
			return c.CreateBackup(ctx, index, req)
		},
		id:      func(b client.BackupModel) string { return b.BackupID },
		match:   func(b client.BackupModel) bool { return b.Name == req.Name && b.Description == req.Description },
		recover: adoptAppeared[client.BackupModel],
		advice:  "import the right one",
	})
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
	out, diags := newBackupModel(ctx, b, &state)
	setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
}

// Update is reached only for timeouts changes: every argument replaces.
func (r *backupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan backupResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setState(ctx, &resp.State, &resp.Diagnostics, &plan, nil)
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
	importID(ctx, req, resp, "backup", "its `backup_id`", func(id string) bool { return id != "" })
}
