package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                = (*backupScheduleResource)(nil)
	_ resource.ResourceWithConfigure   = (*backupScheduleResource)(nil)
	_ resource.ResourceWithImportState = (*backupScheduleResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*backupScheduleResource)(nil)
)

// NewBackupScheduleResource is the constructor of pinecone_backup_schedule.
func NewBackupScheduleResource() resource.Resource { return &backupScheduleResource{} }

type backupScheduleResource struct {
	configuredResource
}

func (r *backupScheduleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_backup_schedule"
}

func (r *backupScheduleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan backupScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	index := plan.IndexName.ValueString()
	created, err := r.createSchedule(ctx, index, newCreateBackupScheduleRequest(&plan))
	if err == nil && !plan.Enabled.ValueBool() {
		// Pinecone creates schedules enabled; a schedule meant to be disabled
		// is disabled right after.
		disabled := false
		created, err = r.data.client.UpdateBackupSchedule(ctx, created.ScheduleID, client.UpdateBackupScheduleRequest{Enabled: &disabled})
	}
	switch {
	case errors.Is(err, client.ErrAlreadyExists):
		addActiveScheduleConflict(&resp.Diagnostics, path.Root("index_name"), index, err)
		return
	case err != nil:
		addError(&resp.Diagnostics, "Error creating Pinecone backup schedule", fmt.Sprintf("Scheduling backups of index %q", index), err)
		return
	}
	setState(ctx, &resp.State, &resp.Diagnostics, newBackupScheduleModel(created, plan.IndexName), nil)
}

// createSchedule creates a schedule; after a failure that may have created
// one anyway (lost answer, 5xx) it adopts the schedule that appeared, or
// creates once more if none did (see recovery.go).
func (r *backupScheduleResource) createSchedule(ctx context.Context, index string, req client.CreateBackupScheduleRequest) (*client.BackupSchedule, error) {
	c := r.data.client
	return createOrRecover(ctx, recoverableCreate[client.BackupSchedule, client.BackupSchedule]{
		kind: fmt.Sprintf("schedules named %q", req.Name),
		list: func(ctx context.Context) ([]client.BackupSchedule, error) { return c.ListBackupSchedules(ctx, index) },
		create: func(ctx context.Context) (*client.BackupSchedule, error) {
			return c.CreateBackupSchedule(ctx, index, req)
		},
		id:      func(s client.BackupSchedule) string { return s.ScheduleID },
		match:   func(s client.BackupSchedule) bool { return s.Name == req.Name },
		recover: adoptAppeared[client.BackupSchedule],
		advice:  "import the right one",
	})
}

func (r *backupScheduleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state backupScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	s, err := r.data.client.DescribeBackupSchedule(ctx, id)
	if readOrRemove(ctx, resp, "backup schedule", id, "backup schedule "+id, s, err, nil) {
		setState(ctx, &resp.State, &resp.Diagnostics, newBackupScheduleModel(s, r.indexName(ctx, state.IndexName, s)), nil)
	}
}

// indexName is the name of the schedule's index: the one in state, or after
// an import (no name yet) the index whose schedules include this one.
// Pinecone reports only the index's ID, and an index description carries no
// ID, so the lookup asks each index for its schedules (once, at import).
func (r *backupScheduleResource) indexName(ctx context.Context, known types.String, s *client.BackupSchedule) types.String {
	if !known.IsNull() && !known.IsUnknown() && known.ValueString() != "" {
		return known
	}
	c := r.data.client
	indexes, err := c.ListIndexes(ctx)
	if err != nil {
		return types.StringNull()
	}
	for _, ix := range indexes {
		schedules, err := c.ListBackupSchedules(ctx, ix.Name)
		if err != nil {
			continue // pod indexes have no schedules
		}
		for _, other := range schedules {
			if other.ScheduleID == s.ScheduleID {
				return types.StringValue(ix.Name)
			}
		}
	}
	return types.StringNull()
}

func (r *backupScheduleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state backupScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	c := r.data.client
	var s *client.BackupSchedule
	var err error
	if patch, changed := newUpdateBackupScheduleRequest(&state, &plan); changed {
		s, err = c.UpdateBackupSchedule(ctx, id, patch)
	} else {
		s, err = c.DescribeBackupSchedule(ctx, id)
	}
	if errors.Is(err, client.ErrAlreadyExists) {
		addActiveScheduleConflict(&resp.Diagnostics, path.Root("enabled"), state.IndexName.ValueString(), err)
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error updating Pinecone backup schedule", "Updating backup schedule "+id, err)
		return
	}
	setState(ctx, &resp.State, &resp.Diagnostics, newBackupScheduleModel(s, plan.IndexName), nil)
}

func (r *backupScheduleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state backupScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	c := r.data.client
	deleteAndWait(ctx, &resp.Diagnostics, "backup schedule", "backup schedule "+id,
		func(ctx context.Context) error { return c.DeleteBackupSchedule(ctx, id) }, nil)
}

// ModifyPlan shows what the plan can know: a schedule planned disabled has
// no next run.
func (r *backupScheduleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var enabled types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("enabled"), &enabled)...)
	if !enabled.IsUnknown() && !enabled.IsNull() && !enabled.ValueBool() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("next_scheduled_run"), types.StringNull())...)
	}
}

// ImportState takes the schedule ID; the index name is looked up by the
// index ID the schedule reports.
func (r *backupScheduleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID(ctx, req, resp, "backup schedule", "its `schedule_id`", func(id string) bool { return id != "" })
}

// addActiveScheduleConflict explains Pinecone's 409 for a second enabled
// schedule on one index, on create and on re-enabling alike.
func addActiveScheduleConflict(diags *diag.Diagnostics, at path.Path, index string, err error) {
	diags.AddAttributeError(at, "Index already has an active backup schedule",
		fmt.Sprintf("Pinecone allows one active backup schedule per index, and index %q has another one (%s).\n\n"+
			"Disable that schedule first, or manage it here with `terraform import pinecone_backup_schedule.<name> <schedule_id>` "+
			"(data source `pinecone_backup_schedules` lists them).", index, err))
}
