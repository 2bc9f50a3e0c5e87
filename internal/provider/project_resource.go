package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                = (*projectResource)(nil)
	_ resource.ResourceWithConfigure   = (*projectResource)(nil)
	_ resource.ResourceWithImportState = (*projectResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*projectResource)(nil)
)

// NewProjectResource is the constructor of pinecone_project.
func NewProjectResource() resource.Resource { return &projectResource{} }

type projectResource struct {
	configuredResource
}

func (r *projectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

// ModifyPlan refuses to turn CMEK enforcement off: Pinecone cannot, and a
// silent replacement would delete the project.
func (r *projectResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var before, after types.Bool
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("force_encryption_with_cmek"), &before)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("force_encryption_with_cmek"), &after)...)
	if before.ValueBool() && !after.IsUnknown() && !after.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("force_encryption_with_cmek"), "CMEK enforcement cannot be disabled",
			"This project enforces customer-managed encryption keys, which Pinecone cannot turn off. Keep "+
				"`force_encryption_with_cmek = true`, or create a new project.")
	}
	var maxPods types.Int64
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("max_pods"), &maxPods)...)
	var stateMax types.Int64
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("max_pods"), &stateMax)...)
	if !maxPods.Equal(stateMax) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("effective_max_pods"), types.Int64Unknown())...)
	}
}

func (r *projectResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan projectResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	p, err := r.createProject(ctx, client.CreateProjectRequest{
		Name: name, MaxPods: int64Ptr(plan.MaxPods), ForceEncryptionWithCMEK: boolPtr(plan.ForceEncryptionWithCMEK),
	})
	if err != nil {
		addError(&resp.Diagnostics, "Error creating Pinecone project", fmt.Sprintf("Creating project %q", name), err)
		return
	}
	setState(ctx, &resp.State, &resp.Diagnostics, newProjectModel(p, &plan), nil)
}

// createProject creates a project; after a failure that may have created one
// anyway it adopts the project of that name that appeared, or creates once
// more if none did (see recovery.go).
func (r *projectResource) createProject(ctx context.Context, req client.CreateProjectRequest) (*client.Project, error) {
	c := r.data.client
	return createOrRecover(ctx, recoverableCreate[client.Project, client.Project]{
		kind:    fmt.Sprintf("projects named %q", req.Name),
		list:    c.ListProjects,
		create:  func(ctx context.Context) (*client.Project, error) { return c.CreateProject(ctx, req) },
		id:      func(p client.Project) string { return p.ID },
		match:   func(p client.Project) bool { return p.Name == req.Name },
		recover: adoptAppeared[client.Project],
		advice:  "import the right one",
	})
}

func (r *projectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state projectResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	p, err := r.data.client.DescribeProject(ctx, id)
	if readOrRemove(ctx, resp, "project", id, "project "+id, p, err, nil) {
		setState(ctx, &resp.State, &resp.Diagnostics, newProjectModel(p, &state), nil)
	}
}

func (r *projectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state projectResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	var patch client.UpdateProjectRequest
	if !plan.Name.Equal(state.Name) {
		patch.Name = stringPtr(plan.Name)
	}
	if !plan.MaxPods.Equal(state.MaxPods) {
		patch.MaxPods = int64Ptr(plan.MaxPods)
	}
	if !plan.ForceEncryptionWithCMEK.Equal(state.ForceEncryptionWithCMEK) {
		patch.ForceEncryptionWithCMEK = boolPtr(plan.ForceEncryptionWithCMEK)
	}
	p, err := r.data.client.UpdateProject(ctx, id, patch)
	if err != nil {
		addError(&resp.Diagnostics, "Error updating Pinecone project", fmt.Sprintf("Updating project %s", id), err)
		return
	}
	setState(ctx, &resp.State, &resp.Diagnostics, newProjectModel(p, &plan), nil)
}

func (r *projectResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state projectResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	deleteAndWait(ctx, &resp.Diagnostics, "project", "project "+id,
		func(ctx context.Context) error { return r.data.client.DeleteProject(ctx, id) }, nil,
		deleteRefusal{client.ErrFailedPrecondition, "Pinecone project is not empty", func(err error) string {
			return fmt.Sprintf("Pinecone refused to delete project %s (%q) because it still holds objects: %s\n\n"+
				"Delete its indexes, collections, backups and assistants first (with Terraform: make the resources "+
				"that live in the project depend on it, so they are destroyed before it).", id, state.Name.ValueString(), err)
		}})
}

// ImportState takes the project ID.
func (r *projectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID(ctx, req, resp, "project", "a UUID", uuidRegexp.MatchString)
}
