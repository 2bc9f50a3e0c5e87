package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                   = (*indexResource)(nil)
	_ resource.ResourceWithConfigure      = (*indexResource)(nil)
	_ resource.ResourceWithImportState    = (*indexResource)(nil)
	_ resource.ResourceWithValidateConfig = (*indexResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*indexResource)(nil)
)

// NewIndexResource is the constructor of pinecone_index.
func NewIndexResource() resource.Resource { return &indexResource{} }

type indexResource struct {
	configuredResource
}

func (r *indexResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_index"
}

func (r *indexResource) defaultTags() (map[string]string, bool) {
	if r.data == nil {
		return nil, true
	}
	return r.data.defaultTags, r.data.defaultTagsKnown
}

func (r *indexResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan indexResourceModel
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.Plan.Get, &plan,
		func() timeoutFunc { return plan.Timeouts.Create }, defaultCreateTimeout)
	if !ok {
		return
	}
	defer cancel()

	if !plan.SourceBackupID.IsNull() {
		r.createFromBackup(ctx, &plan, resp)
		return
	}
	name := plan.Name.ValueString()
	defaults, _ := r.defaultTags()
	tags := mergeTags(defaults, stringMap(plan.Tags))
	created, err := r.createIndex(ctx, &plan, tags)
	if err != nil {
		addCreateError(&resp.Diagnostics, "index", "pinecone_index", name, fmt.Sprintf("Creating index %q", name), err)
		return
	}

	// Record the index before waiting: if the wait fails or times out, the
	// index is in state (tainted) rather than orphaned.
	r.saveState(ctx, &resp.State, &resp.Diagnostics, created, &plan)
	if resp.Diagnostics.HasError() {
		return
	}
	waitAndStore(ctx, &resp.Diagnostics, func(ctx context.Context) (*client.IndexModel, error) {
		return r.data.client.WaitForIndexReady(ctx, name)
	}, func(ix *client.IndexModel) { r.saveState(ctx, &resp.State, &resp.Diagnostics, ix, &plan) },
		"Error waiting for Pinecone index to become ready", fmt.Sprintf("index %q", name))
}

// createFromBackup restores a backup into the new index: start the restore,
// record the index, wait for the restore job and the index, then apply what
// the restore call cannot set (read capacity, embed) with one PATCH.
func (r *indexResource) createFromBackup(ctx context.Context, plan *indexResourceModel, resp *resource.CreateResponse) {
	c := r.data.client
	name, backupID := plan.Name.ValueString(), plan.SourceBackupID.ValueString()
	defaults, _ := r.defaultTags()
	tags := mergeTags(defaults, stringMap(plan.Tags))
	jobID, err := r.startRestore(ctx, backupID, client.CreateIndexFromBackupRequest{
		Name: name, Tags: nonEmpty(tags), DeletionProtection: knownString(plan.DeletionProtection),
	})
	if err != nil {
		addCreateError(&resp.Diagnostics, "index", "pinecone_index", name, fmt.Sprintf("Creating index %q", name), err)
		return
	}
	plan.RestoreJobID = types.StringValue(jobID)
	if ix, err := c.DescribeIndex(ctx, name); err == nil {
		r.saveState(ctx, &resp.State, &resp.Diagnostics, ix, plan)
	}
	if _, err := c.WaitForRestoreJob(ctx, jobID); err != nil {
		r.recordAfterFailure(ctx, resp, name, plan)
		addError(&resp.Diagnostics, "Error restoring Pinecone index from backup", fmt.Sprintf("Restoring backup %s into index %q", backupID, name), err)
		return
	}
	ix, err := c.WaitForIndexUpdated(ctx, name)
	if err == nil {
		ix, err = r.reconcileAfterRestore(ctx, ix, plan, tags)
	}
	if ix != nil {
		r.saveState(ctx, &resp.State, &resp.Diagnostics, ix, plan)
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error waiting for restored Pinecone index", fmt.Sprintf("Index %q", name), err)
		return
	}
	for _, m := range backupMismatchesFromIndex(plan, ix) {
		resp.Diagnostics.AddAttributeError(m.path, "Configuration contradicts the backup", m.detail)
	}
}

// startRestore calls create-index-from-backup. A 409 that answers our own
// retried call is resolved by finding the restore job for this index.
func (r *indexResource) startRestore(ctx context.Context, backupID string, req client.CreateIndexFromBackupRequest) (string, error) {
	c := r.data.client
	out, err := c.CreateIndexFromBackup(ctx, backupID, req)
	if err == nil {
		return out.RestoreJobID, nil
	}
	if !client.IsOwnRetriedCreate(err) {
		return "", err
	}
	jobs, listErr := c.ListRestoreJobs(ctx)
	if listErr != nil {
		return "", err
	}
	for _, j := range jobs {
		if j.TargetIndexName == req.Name && j.BackupID == backupID {
			return j.RestoreJobID, nil
		}
	}
	return "", err
}

// reconcileAfterRestore sends one PATCH for settings the restore call cannot
// carry, then waits for the index again.
func (r *indexResource) reconcileAfterRestore(ctx context.Context, ix *client.IndexModel, plan *indexResourceModel, tags map[string]string) (*client.IndexModel, error) {
	defaults, _ := r.defaultTags()
	var current indexResourceModel
	if diags := applyIndexModel(ctx, &current, ix, plan, defaults); diags.HasError() {
		return ix, fmt.Errorf("reading restored index: %v", diags)
	}
	patch, changed := newConfigureIndexRequest(&current, plan, stringMap(current.TagsAll), tags)
	if !changed {
		return ix, nil
	}
	if _, err := r.data.client.ConfigureIndex(ctx, ix.Name, patch); err != nil {
		return ix, err
	}
	return r.data.client.WaitForIndexUpdated(ctx, ix.Name)
}

// recordAfterFailure makes sure a half-created index is in state (tainted).
func (r *indexResource) recordAfterFailure(ctx context.Context, resp *resource.CreateResponse, name string, plan *indexResourceModel) {
	if ix, err := r.data.client.DescribeIndex(context.WithoutCancel(ctx), name); err == nil {
		r.saveState(ctx, &resp.State, &resp.Diagnostics, ix, plan)
	}
}

// backupMismatchesFromIndex compares configured values with the index the
// restore produced, for backups not readable at plan time.
func backupMismatchesFromIndex(plan *indexResourceModel, ix *client.IndexModel) []mismatch {
	b := &client.BackupModel{BackupID: plan.SourceBackupID.ValueString(), Dimension: ix.Dimension, Metric: ix.Metric}
	if ix.Spec.Serverless != nil {
		b.Cloud, b.Region = ix.Spec.Serverless.Cloud, ix.Spec.Serverless.Region
	}
	return backupMismatches(plan, b)
}

// createIndex sends the create call; a 409 that answers our own retried
// create (the first response was lost) is resolved by adopting the index if
// it matches the plan (see recovery.go).
func (r *indexResource) createIndex(ctx context.Context, plan *indexResourceModel, tags map[string]string) (*client.IndexModel, error) {
	c := r.data.client
	var created *client.IndexModel
	var err error
	switch {
	case plan.Schema != nil:
		created, err = c.CreateSchemaIndex(ctx, newCreateSchemaIndexRequest(plan, tags))
	case plan.Embed != nil:
		created, err = c.CreateIndexForModel(ctx, newCreateIndexForModelRequest(plan, tags))
	default:
		created, err = c.CreateIndex(ctx, newCreateIndexRequest(plan, tags))
	}
	return adoptOwnRetriedCreate(ctx, "index", plan.Name.ValueString(), created, err, c.DescribeIndex,
		func(_ context.Context, ix *client.IndexModel) string { return adoptionMismatch(plan, ix) })
}

func (r *indexResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state indexResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.Name.ValueString()
	if name == "" {
		name = state.ID.ValueString()
	}
	// From the list shared by every index of this refresh (one request for
	// all of them), never older than this provider's own last write.
	ix, err := r.data.client.ReadIndex(ctx, name)
	if readOrRemove(ctx, resp, "index", name, fmt.Sprintf("index %q", name), ix, err,
		func(ix *client.IndexModel) bool { return ix.Status.State == client.IndexStateTerminating }) {
		r.saveState(ctx, &resp.State, &resp.Diagnostics, ix, &state)
	}
}

func (r *indexResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state indexResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	defer cancel()

	name := state.Name.ValueString()
	defaults, _ := r.defaultTags()
	newTags := mergeTags(defaults, stringMap(plan.Tags))
	patch, changed := newConfigureIndexRequest(&state, &plan, stringMap(state.TagsAll), newTags)
	c := r.data.client
	var ix *client.IndexModel
	var err error
	if changed {
		if _, err = c.ConfigureIndex(ctx, name, patch); err != nil {
			addError(&resp.Diagnostics, "Error updating Pinecone index", fmt.Sprintf("Updating index %q", name), err)
			return
		}
		ix, err = c.WaitForIndexUpdated(ctx, name)
	} else {
		ix, err = c.DescribeIndex(ctx, name)
	}
	if ix != nil {
		r.saveState(ctx, &resp.State, &resp.Diagnostics, ix, &plan)
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error waiting for Pinecone index update", fmt.Sprintf("Index %q", name), err)
	}
}

func (r *indexResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state indexResourceModel
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.State.Get, &state,
		func() timeoutFunc { return state.Timeouts.Delete }, defaultDeleteTimeout)
	if !ok {
		return
	}
	defer cancel()

	name := state.Name.ValueString()
	c := r.data.client
	deleteAndWait(ctx, &resp.Diagnostics, "index", fmt.Sprintf("index %q", name),
		func(ctx context.Context) error { return c.DeleteIndex(ctx, name) },
		func(ctx context.Context) error { return c.WaitForIndexDeleted(ctx, name) },
		deleteRefusal{client.ErrForbidden, "Pinecone index is protected from deletion", func(err error) string {
			return fmt.Sprintf("Pinecone refused to delete index %q because deletion protection is enabled (%s).\n\n"+
				"Set `deletion_protection = \"disabled\"` on the resource and run `terraform apply`, then destroy it.", name, err)
		}},
		deleteRefusal{client.ErrFailedPrecondition, "Pinecone index cannot be deleted yet", func(err error) string {
			return fmt.Sprintf("Pinecone refused to delete index %q while something still depends on it: %s\n\n"+
				"Wait for the pending collection to finish (or delete it), then destroy the index again.", name, err)
		}})
}

// ImportState takes the index name.
func (r *indexResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importName(ctx, req, resp, "index", indexNameRule)
}

// saveState maps ix into state, keeping the user's spelling from prior.
func (r *indexResource) saveState(ctx context.Context, st stateSetter, diags *diag.Diagnostics, ix *client.IndexModel, prior *indexResourceModel) {
	defaults, _ := r.defaultTags()
	out := *prior
	if out.RestoreJobID.IsUnknown() {
		out.RestoreJobID = types.StringNull() // not restored from a backup
	}
	convDiags := applyIndexModel(ctx, &out, ix, prior, defaults)
	setState(ctx, st, diags, &out, convDiags)
}
