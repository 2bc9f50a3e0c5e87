package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// A create whose answer is lost leaves open whether Pinecone acted. This file
// holds the two ways the resources recover, one per kind of object:
//
//   - Objects whose name is their ID (indexes, collections, assistants): the
//     client retries the create, and a 409 that answers such a retry
//     (client.IsOwnRetriedCreate) may be our own first attempt.
//     adoptOwnRetriedCreate adopts the object only if it matches the plan.
//   - Objects without a unique name (backups, projects, API keys): the client
//     does not retry the create, since a blind retry could make two.
//     createOrRecover lists before the create and, after a failure that may
//     have acted, lists again; an object that appeared and matches is ours
//     (adopt it, or for API keys replace it), none means the create did not
//     land (create once more, up to createAttempts in all).

// adoptOwnRetriedCreate resolves the outcome of a create of an object whose
// name is its ID. Unless err answers our own retried create, created and err
// are returned as they are. Otherwise the object is described and adopted if
// mismatch finds nothing ("" = it matches what the plan asked for); if it
// does not match, or cannot be read, the 409 is returned (with the reason),
// so the caller reports it with the import advice (addCreateError).
func adoptOwnRetriedCreate[T any](ctx context.Context, kind, name string, created *T, err error,
	describe func(context.Context, string) (*T, error), mismatch func(context.Context, *T) string,
) (*T, error) {
	if !client.IsOwnRetriedCreate(err) {
		return created, err
	}
	tflog.Info(ctx, "Create answered 409 after a retried attempt; checking whether the "+kind+" is ours",
		map[string]any{"kind": kind, "name": name})
	existing, descErr := describe(ctx, name)
	if descErr != nil {
		return nil, err
	}
	if m := mismatch(ctx, existing); m != "" {
		return nil, fmt.Errorf("%w (the existing %s does not match the configuration: %s)", err, kind, m)
	}
	return existing, nil
}

// recoverableCreate is the create of an object without a unique name: L is
// what the list returns, C what the create returns.
type recoverableCreate[L, C any] struct {
	kind   string // for messages: "matching backups", "keys named \"ci\""
	list   func(context.Context) ([]L, error)
	create func(context.Context) (*C, error)
	id     func(L) string
	// match tells whether an object that appeared is what we asked for.
	match func(L) bool
	// recover takes the one matching object that appeared after the create
	// failed with err: adopt it, or (API keys) replace it.
	recover func(ctx context.Context, item L, err error) (*C, error)
	// advice says what to do when several matching objects appeared.
	advice string
}

// createAttempts bounds the creates of createOrRecover: each one after the
// first is sent only once a list has shown that the one before did not land.
// One more is not enough against a server failing a tenth of requests at
// random (a create and its retry then both fail once in a hundred).
const createAttempts = 3

// createOrRecover runs rc.create and recovers from a failure after which
// Pinecone may have created the object anyway.
func createOrRecover[L, C any](ctx context.Context, rc recoverableCreate[L, C]) (*C, error) {
	before, listErr := rc.list(ctx)
	created, err := rc.create(ctx)
	var ours []L
	for attempt := 1; ; attempt++ {
		if err == nil || listErr != nil || !mayHaveActed(err) {
			return created, err
		}
		after, lerr := rc.list(ctx)
		if lerr != nil {
			return nil, err
		}
		if ours = appeared(before, after, rc.id, rc.match); len(ours) > 0 || attempt == createAttempts {
			break
		}
		created, err = rc.create(ctx) // the attempt before did not land
	}
	switch len(ours) {
	case 0:
		return nil, err
	case 1:
		return rc.recover(ctx, ours[0], err)
	}
	ids := make([]string, 0, len(ours))
	for _, item := range ours {
		ids = append(ids, rc.id(item))
	}
	return nil, fmt.Errorf("%w; %d %s appeared meanwhile (%s) and none can be identified as ours: %s",
		err, len(ours), rc.kind, strings.Join(ids, ", "), rc.advice)
}

// adoptAppeared is the recover of objects whose list item is what the create
// returns: the one that appeared is ours.
func adoptAppeared[T any](_ context.Context, item T, _ error) (*T, error) {
	return &item, nil
}

// mayHaveActed is true for failures after which the server may have created
// the object: a broken connection or a 5xx (not a 4xx refusal).
func mayHaveActed(err error) bool {
	apiErr, ok := client.AsAPIError(err)
	return !ok || apiErr.Status >= 500
}

// appeared returns the items of after that are not in before and match.
func appeared[T any](before, after []T, id func(T) string, match func(T) bool) []T {
	known := make(map[string]bool, len(before))
	for _, item := range before {
		known[id(item)] = true
	}
	var out []T
	for _, item := range after {
		if !known[id(item)] && match(item) {
			out = append(out, item)
		}
	}
	return out
}

// replaceOrphan is the recover of objects whose secret only the create's
// answer carries (API keys, service accounts): the object that appeared
// after a lost answer is useless to Terraform, so it is deleted (del) and
// the create made once more. kind names it in messages ("API key").
func replaceOrphan[L, C any](kind string, id func(L) string, del func(context.Context, string) error,
	create func(context.Context) (*C, error),
) func(context.Context, L, error) (*C, error) {
	return func(ctx context.Context, orphan L, err error) (*C, error) {
		tflog.Warn(ctx, "The answer to a create was lost; deleting the object it made, whose secret is unknown, and creating it again",
			map[string]any{"kind": kind, "id": id(orphan)})
		if derr := del(ctx, id(orphan)); derr != nil && !errors.Is(derr, client.ErrNotFound) {
			return nil, fmt.Errorf("%w; the %s it created (%s) has an unknown secret and could not be deleted: %w", err, kind, id(orphan), derr)
		}
		return create(ctx)
	}
}
