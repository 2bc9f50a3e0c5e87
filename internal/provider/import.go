package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// One helper per shape of import ID. Each checks the ID before any API call,
// words its error for the resource at hand (kind, e.g. "collection") and sets
// the attributes Read needs. It reports whether the ID was valid, so
// ImportState can then set what an import cannot recover (e.g. metadata null).

// importName imports an object whose name is its ID (index, collection,
// assistant): name and id are set to the import ID.
func importName(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, kind string, rule nameRule) bool {
	if !rule.valid(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("The import ID is the %s name (%s), got %q.", kind, rule, req.ID))
		return false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	return !resp.Diagnostics.HasError()
}

// importID imports an object by the ID Pinecone gave it (project, API key,
// backup): id is set to the import ID. shape says what a valid ID looks like
// ("a UUID") and valid checks it.
func importID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, kind, shape string, valid func(string) bool) bool {
	if !valid(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("The import ID is the %s ID (%s), got %q.", kind, shape, req.ID))
		return false
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
	return !resp.Diagnostics.HasError()
}

// importAssistantScoped imports an object that lives in an assistant (an
// assistant file), by "<assistant_name>/<id>": assistant_name, id and idAttr
// (e.g. file_id) are set.
func importAssistantScoped(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, kind, idAttr string) bool {
	assistant, id, ok := splitAssistantScopedID(req.ID)
	if !ok {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("The import ID of an %s is \"<assistant_name>/<%s>\", e.g. \"support-bot/handbook-1a2b3c4d5e6f\"; got %q.", kind, idAttr, req.ID))
		return false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("assistant_name"), assistant)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(idAttr), id)...)
	return !resp.Diagnostics.HasError()
}

// splitAssistantScopedID splits "<assistant_name>/<id>": the assistant part
// must be a valid assistant name, the id part non-empty and without "/".
func splitAssistantScopedID(raw string) (assistant, id string, ok bool) {
	assistant, id, ok = strings.Cut(raw, "/")
	if !ok || id == "" || strings.Contains(id, "/") || !assistantNameRule.valid(assistant) {
		return "", "", false
	}
	return assistant, id, true
}

// parseAssistantFileID is splitAssistantScopedID for an assistant file's
// import ID, with an error that says what the ID looks like.
func parseAssistantFileID(raw string) (string, string, error) {
	assistant, id, ok := splitAssistantScopedID(raw)
	if !ok {
		return "", "", fmt.Errorf("the import ID of an assistant file is \"<assistant_name>/<file_id>\", got %q", raw)
	}
	return assistant, id, nil
}
