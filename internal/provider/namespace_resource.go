package provider

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ resource.Resource                = (*namespaceResource)(nil)
	_ resource.ResourceWithConfigure   = (*namespaceResource)(nil)
	_ resource.ResourceWithImportState = (*namespaceResource)(nil)
)

// NewNamespaceResource is the constructor of pinecone_namespace.
func NewNamespaceResource() resource.Resource { return &namespaceResource{} }

type namespaceResource struct {
	configuredResource
}

func (r *namespaceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_namespace"
}

// dataPlane finds the data plane of the namespace's index: by the host in
// the model, else by describing the index named in it.
func (r *namespaceResource) dataPlane(ctx context.Context, m *namespaceResourceModel) (*client.DataPlane, error) {
	return indexDataPlane(ctx, r.data.client, knownString(m.IndexName), knownString(m.IndexHost))
}

// indexDataPlane is the data plane at host, or at the host of the index
// named indexName when host is empty.
func indexDataPlane(ctx context.Context, c *client.Client, indexName, host string) (*client.DataPlane, error) {
	if host == "" {
		ix, err := c.DescribeIndex(ctx, indexName)
		if err != nil {
			return nil, fmt.Errorf("finding the host of index %q: %w", indexName, err)
		}
		if ix.Host == "" {
			return nil, fmt.Errorf("index %q reports no host yet; is it ready?", indexName)
		}
		host = ix.Host
	}
	return c.IndexDataPlane(host)
}

func (r *namespaceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan namespaceResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	dp, err := r.dataPlane(ctx, &plan)
	if err != nil {
		addError(&resp.Diagnostics, "Error creating Pinecone namespace", fmt.Sprintf("Creating namespace %q", name), err)
		return
	}
	want := client.CreateNamespaceRequest{Name: name, Schema: namespaceSchemaRequest(plan.Schema)}
	ns, err := dp.CreateNamespace(ctx, want)
	ns, err = adoptOwnRetriedCreate(ctx, "namespace", name, ns, err, dp.DescribeNamespace,
		func(_ context.Context, got *client.Namespace) string { return namespaceMismatch(want, got) })
	if errors.Is(err, client.ErrAlreadyExists) {
		id := namespaceID(knownString(plan.IndexName), dp.Host(), name)
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Pinecone namespace already exists",
			alreadyExistsDetail("namespace", "pinecone_namespace", id, err))
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error creating Pinecone namespace", fmt.Sprintf("Creating namespace %q on %s", name, dp.Host()), err)
		return
	}
	out, diags := newNamespaceModel(ctx, ns, dp.Host(), &plan)
	setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
}

// namespaceMismatch says how an existing namespace differs from the create
// that found it, or "" if it is what was asked for.
func namespaceMismatch(want client.CreateNamespaceRequest, got *client.Namespace) string {
	var w, g map[string]client.NamespaceField
	if want.Schema != nil {
		w = want.Schema.Fields
	}
	if got.Schema != nil {
		g = got.Schema.Fields
	}
	if len(w) == 0 && len(g) == 0 || reflect.DeepEqual(w, g) {
		return ""
	}
	return "its metadata schema differs"
}

func (r *namespaceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state namespaceResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, name := state.ID.ValueString(), state.Name.ValueString()
	dp, err := r.dataPlane(ctx, &state)
	if errors.Is(err, client.ErrNotFound) {
		// The index is gone, and its namespaces with it.
		removedOutsideTerraform(ctx, resp, "namespace", id)
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error reading Pinecone namespace", "Reading namespace "+id, err)
		return
	}
	ns, err := dp.DescribeNamespace(ctx, name)
	if err != nil && !errors.Is(err, client.ErrNotFound) && r.indexGone(ctx, &state) {
		// A host that no longer answers (its index was deleted, so its name
		// may not even resolve) is not a failure of the refresh.
		err = fmt.Errorf("the index of host %s no longer exists: %w", dp.Host(), client.ErrNotFound)
	}
	if readOrRemove(ctx, resp, "namespace", id, "namespace "+id, ns, err, nil) {
		out, diags := newNamespaceModel(ctx, ns, dp.Host(), &state)
		setState(ctx, &resp.State, &resp.Diagnostics, out, diags)
	}
}

// indexGone reports whether the namespace's index, named in the state, no
// longer exists or now has another host (it was replaced).
func (r *namespaceResource) indexGone(ctx context.Context, state *namespaceResourceModel) bool {
	name := knownString(state.IndexName)
	if name == "" {
		return false
	}
	ix, err := r.data.client.DescribeIndex(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		return true
	}
	return err == nil && ix.Host != "" && ix.Host != knownString(state.IndexHost)
}

// Update changes only what lives in Terraform (force_destroy): everything
// Pinecone holds replaces the namespace.
func (r *namespaceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state namespaceResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.ForceDestroy = plan.ForceDestroy
	setState(ctx, &resp.State, &resp.Diagnostics, &state, nil)
}

// Delete deletes the namespace, and its records: only an empty one unless
// force_destroy is set. Deleting is accepted at once and finishes in the
// background, so it waits until the namespace is gone.
func (r *namespaceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state namespaceResourceModel
	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.State.Get, &state,
		func() timeoutFunc { return state.Timeouts.Delete }, defaultDeleteTimeout)
	if !ok {
		return
	}
	defer cancel()
	id, name := state.ID.ValueString(), state.Name.ValueString()
	dp, err := r.dataPlane(ctx, &state)
	if errors.Is(err, client.ErrNotFound) {
		return // the index is gone, and the namespace with it
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error deleting Pinecone namespace", "Deleting namespace "+id, err)
		return
	}
	if !state.ForceDestroy.ValueBool() && !r.checkEmpty(ctx, &resp.Diagnostics, dp, id, name) {
		return
	}
	deleteAndWait(ctx, &resp.Diagnostics, "namespace", "namespace "+id,
		func(ctx context.Context) error { return dp.DeleteNamespace(ctx, name) },
		func(ctx context.Context) error { return dp.WaitNamespaceGone(ctx, name) })
}

// checkEmpty refuses to delete a namespace that holds records. It reports
// whether the delete may go ahead (an already deleted namespace may).
func (r *namespaceResource) checkEmpty(ctx context.Context, diags *diag.Diagnostics, dp *client.DataPlane, id, name string) bool {
	ns, err := dp.DescribeNamespace(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		return true
	}
	if err != nil {
		addError(diags, "Error deleting Pinecone namespace", "Checking that namespace "+id+" is empty", err)
		return false
	}
	if ns.RecordCount > 0 {
		diags.AddError("Pinecone namespace holds records",
			fmt.Sprintf("Namespace %s holds %d records, and deleting it (for a destroy, or to replace it after a change "+
				"of its index, name or schema) would delete them. Nothing was deleted.\n\nTo delete them, set "+
				"`force_destroy = true` on the resource, apply, and run the operation again. To keep them, revert the change "+
				"that replaces the namespace, or remove it from state with `terraform state rm` (its records stay).",
				id, int64(ns.RecordCount)))
		return false
	}
	tflog.Debug(ctx, "namespace is empty; deleting it", map[string]any{"namespace": id})
	return true
}

// ImportState takes "<index name>/<namespace>".
func (r *namespaceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	index, name, ok := splitNamespaceID(req.ID)
	if !ok {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("The import ID of a namespace is \"<index_name>/<namespace>\", e.g. \"docs/prod\"; got %q.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("index_name"), index)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("force_destroy"), types.BoolValue(false))...)
}
