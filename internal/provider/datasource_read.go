package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
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

// readOne is the whole Read of a data source of one object: it reads the
// configuration into a C, looks up the argument attr (key returns its value)
// with describeOne and stores the object converted with conv.
//
//	readOne(ctx, req, resp, "backup", "this project", "id",
//		func(c *backupDataModel) string { return c.ID.ValueString() }, d.data.client.DescribeBackup, withCtx(ctx, newBackupData))
func readOne[C, T, D any](ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse, kind, scope, attr string,
	key func(*C) string, describe func(context.Context, string) (*T, error), conv func(*T) (D, diag.Diagnostics),
) {
	cfg, ok := readConfig[C](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	obj, ok := describeOne(ctx, &resp.Diagnostics, kind, scope, attr, key(cfg), describe)
	if !ok {
		return
	}
	out, diags := conv(obj)
	setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
}

// readConfig reads the configuration of a data source into a C; it reports
// false when it added an error.
func readConfig[C any](ctx context.Context, req datasource.ReadRequest, diags *diag.Diagnostics) (*C, bool) {
	var cfg C
	diags.Append(req.Config.Get(ctx, &cfg)...)
	return &cfg, !diags.HasError()
}

// listData is the API part of the Read of a data source that lists objects:
// list and err are what the list call returned; a failure is the error
// "Error listing Pinecone <plural>" on what and reports false. The objects,
// sorted by key (nil keeps the API's order), are converted with conv into a
// list that is never nil, with the converters' diagnostics for setState.
func listData[T, D any](diags *diag.Diagnostics, plural, what string, list []T, err error,
	key func(*T) string, conv func(*T) (D, diag.Diagnostics),
) ([]D, diag.Diagnostics, bool) {
	if err != nil {
		addError(diags, "Error listing Pinecone "+plural, what, err)
		return nil, nil, false
	}
	if key != nil {
		sort.Slice(list, func(i, j int) bool { return key(&list[i]) < key(&list[j]) })
	}
	out := []D{}
	var convDiags diag.Diagnostics
	for i := range list {
		item, d := conv(&list[i])
		convDiags.Append(d...)
		out = append(out, item)
	}
	return out, convDiags, true
}

// noDiags adapts a converter that cannot fail to readOne and listData.
func noDiags[T, D any](conv func(*T) D) func(*T) (D, diag.Diagnostics) {
	return func(obj *T) (D, diag.Diagnostics) { return conv(obj), nil }
}

// withCtx adapts a converter that takes a context to readOne and listData.
func withCtx[T, D any](ctx context.Context, conv func(context.Context, *T) (D, diag.Diagnostics)) func(*T) (D, diag.Diagnostics) {
	return func(obj *T) (D, diag.Diagnostics) { return conv(ctx, obj) }
}
