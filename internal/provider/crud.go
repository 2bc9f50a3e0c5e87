package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// readOrRemove handles the describe call of a resource's Read: an object
// that is gone (404, or one gone reports as being deleted) is removed from
// state with a warning, any other failure is an error on what ("collection
// \"x\""). It reports whether obj is to be stored.
//
//	col, err := c.DescribeCollection(ctx, name)
//	if readOrRemove(ctx, resp, "collection", name, fmt.Sprintf("collection %q", name), col, err, isTerminating) { ... }
func readOrRemove[T any](ctx context.Context, resp *resource.ReadResponse, kind, id, what string, obj *T, err error, gone func(*T) bool) bool {
	if errors.Is(err, client.ErrNotFound) || (err == nil && gone != nil && gone(obj)) {
		removedOutsideTerraform(ctx, resp, kind, id)
		return false
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error reading Pinecone "+kind, "Reading "+what, err)
		return false
	}
	return true
}

// deleteRefusal is an error Pinecone may answer a delete with that gets its
// own diagnostic, with advice, instead of the generic one.
type deleteRefusal struct {
	err     error
	summary string
	detail  func(err error) string
}

// deleteAndWait is the Delete of a resource: del makes the API call, and a
// 404 (already gone, the goal of a delete) ends it; a refusal gets its own
// diagnostic, any other failure the usual error on what ("index \"x\"").
// After a successful call wait, if not nil, waits until the object is gone.
func deleteAndWait(ctx context.Context, diags *diag.Diagnostics, kind, what string,
	del func(context.Context) error, wait func(context.Context) error, refusals ...deleteRefusal,
) {
	err := del(ctx)
	if errors.Is(err, client.ErrNotFound) {
		return
	}
	for _, r := range refusals {
		if errors.Is(err, r.err) {
			diags.AddError(r.summary, r.detail(err))
			return
		}
	}
	if err != nil {
		addError(diags, "Error deleting Pinecone "+kind, "Deleting "+what, err)
		return
	}
	if wait == nil {
		return
	}
	if err := wait(ctx); err != nil {
		addError(diags, fmt.Sprintf("Error waiting for Pinecone %s deletion", kind), capitalize(what), err)
	}
}

// waitAndStore waits for an object (to become ready, after a create or an
// update) and stores the last answer the wait had, if any; a failed wait is
// an error with summary on what.
func waitAndStore[T any](ctx context.Context, diags *diag.Diagnostics, wait func(context.Context) (*T, error), store func(*T), summary, what string) {
	obj, err := wait(ctx)
	if obj != nil {
		store(obj)
	}
	if err != nil {
		addError(diags, summary, capitalize(what), err)
	}
}

// getWithTimeout reads the plan or state (get) into model and applies the
// operation's timeout, which timeout returns once model is read. It reports
// false when it added an error; otherwise the caller defers cancel.
//
//	var state collectionResourceModel
//	ctx, cancel, ok := getWithTimeout(ctx, &resp.Diagnostics, req.State.Get, &state,
//		func() timeoutFunc { return state.Timeouts.Delete }, defaultDeleteTimeout)
func getWithTimeout(ctx context.Context, diags *diag.Diagnostics, get func(context.Context, any) diag.Diagnostics, model any,
	timeout func() timeoutFunc, def string,
) (context.Context, context.CancelFunc, bool) {
	diags.Append(get(ctx, model)...)
	if diags.HasError() {
		return ctx, func() {}, false
	}
	ctx, cancel, d := withTimeout(ctx, timeout(), def)
	diags.Append(d...)
	if diags.HasError() {
		cancel()
		return ctx, func() {}, false
	}
	return ctx, cancel, true
}

// capitalize upper-cases the first letter of s ("index \"x\"" → "Index \"x\"").
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// storePlan is the Update of a resource that has nothing to send: the plan,
// a model M, is stored as it is (e.g. only timeouts changed).
func storePlan[M any](ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setState(ctx, &resp.State, &resp.Diagnostics, &plan, nil)
}
