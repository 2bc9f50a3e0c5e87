package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// describeOne is the API call of a data source that reads one object by its
// argument attr ("name" or "id"): Pinecone's 404 is an error on that
// argument, any other failure the usual error. kind is e.g. "collection",
// scope where it was looked for ("this project"). It reports false when it
// added an error.
func describeOne[T any](ctx context.Context, diags *diag.Diagnostics, kind, scope, attr, key string,
	describe func(context.Context, string) (*T, error),
) (*T, bool) {
	obj, err := describe(ctx, key)
	if errors.Is(err, client.ErrNotFound) {
		by := "named"
		if attr == "id" {
			by = "with ID"
		}
		diags.AddAttributeError(path.Root(attr), fmt.Sprintf("Pinecone %s not found", kind),
			fmt.Sprintf("No %s %s %q exists in %s.", kind, by, key, scope))
		return nil, false
	}
	if err != nil {
		addError(diags, "Error reading Pinecone "+kind, fmt.Sprintf("Reading %s %q", kind, key), err)
		return nil, false
	}
	return obj, true
}
