package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.Plan.Get, &plan,
		func() timeoutFunc { return plan.Timeouts.Create }, defaultCreateTimeout)
	if !ok {
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
	store := backupStorer(ctx, &resp.State, &resp.Diagnostics, &plan)
	store(created)
	waitAndStore(ctx, &resp.Diagnostics, func(ctx context.Context) (*client.BackupModel, error) {
		return c.WaitForBackupReady(ctx, created.BackupID)
	}, store, "Error waiting for Pinecone backup", fmt.Sprintf("backup %s of index %q", created.BackupID, index))
}

// backupStorer returns a function that stores a backup, converted against prior.
func backupStorer(ctx context.Context, st stateSetter, diags *diag.Diagnostics, prior *backupResourceModel) func(*client.BackupModel) {
	return func(b *client.BackupModel) {
		out, convDiags := newBackupModel(ctx, b, prior)
		setState(ctx, st, diags, out, convDiags)
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
	// From the list shared by every backup of this refresh.
	b, err := r.data.client.ReadBackup(ctx, id)
	if readOrRemove(ctx, resp, "backup", id, "backup "+id, b, err, nil) {
		backupStorer(ctx, &resp.State, &resp.Diagnostics, &state)(b)
	}
}

// Update is reached only for timeouts changes: every argument replaces.
func (r *backupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	storePlan[backupResourceModel](ctx, req, resp)
}

func (r *backupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state backupResourceModel
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.State.Get, &state,
		func() timeoutFunc { return state.Timeouts.Delete }, defaultDeleteTimeout)
	if !ok {
		return
	}
	defer cancel()
	id := state.ID.ValueString()
	c := r.data.client
	deleteAndWait(ctx, &resp.Diagnostics, "backup", "backup "+id,
		func(ctx context.Context) error { return c.DeleteBackup(ctx, id) },
		func(ctx context.Context) error { return c.WaitForBackupDeleted(ctx, id) },
		deleteRefusal{client.ErrFailedPrecondition, "Pinecone backup cannot be deleted yet", func(err error) string {
			return fmt.Sprintf("Pinecone refused to delete backup %s while an index is still being restored from it: %s\n\n"+
				"Wait for the restore job to complete (data source `pinecone_restore_job` shows its progress), then destroy again.", id, err)
		}})
}

// ImportState takes the backup ID; every attribute is recovered from Pinecone.
func (r *backupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID(ctx, req, resp, "backup", "its `backup_id`", func(id string) bool { return id != "" })
}
