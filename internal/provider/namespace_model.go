package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

type namespaceResourceModel struct {
	ID            types.String         `tfsdk:"id"`
	IndexName     types.String         `tfsdk:"index_name"`
	IndexHost     types.String         `tfsdk:"index_host"`
	Name          types.String         `tfsdk:"name"`
	Schema        *metadataSchemaModel `tfsdk:"schema"`
	ForceDestroy  types.Bool           `tfsdk:"force_destroy"`
	RecordCount   types.Int64          `tfsdk:"record_count"`
	IndexedFields types.List           `tfsdk:"indexed_fields"`
	Timeouts      timeouts.Value       `tfsdk:"timeouts"`
}

// namespaceID is "<index>/<namespace>": the index by name when known, else
// by host. Namespace names may hold "/", index names and hosts cannot, so
// the first "/" splits it.
func namespaceID(indexName, indexHost, name string) string {
	if indexName != "" {
		return indexName + "/" + name
	}
	return indexHost + "/" + name
}

// splitNamespaceID splits an import ID "<index name>/<namespace>".
func splitNamespaceID(id string) (index, name string, ok bool) {
	index, name, ok = strings.Cut(id, "/")
	if !ok || name == "" || !indexNameRule.valid(index) {
		return "", "", false
	}
	return index, name, true
}

func namespaceSchemaRequest(m *metadataSchemaModel) *client.NamespaceSchema {
	if m == nil {
		return nil
	}
	out := &client.NamespaceSchema{Fields: map[string]client.NamespaceField{}}
	for name, f := range m.Fields {
		out.Fields[name] = client.NamespaceField{Filterable: f.Filterable.ValueBool()}
	}
	return out
}

func namespaceSchemaFromAPI(s *client.NamespaceSchema) *metadataSchemaModel {
	if s == nil || len(s.Fields) == 0 {
		return nil
	}
	out := &metadataSchemaModel{Fields: map[string]metadataFieldModel{}}
	for name, f := range s.Fields {
		out.Fields[name] = metadataFieldModel{Filterable: types.BoolValue(f.Filterable)}
	}
	return out
}

// indexedFields is the sorted list of indexed fields (never null).
func indexedFields(ctx context.Context, ns *client.Namespace) (types.List, diag.Diagnostics) {
	fields := []string{}
	if ns.IndexedFields != nil {
		fields = append(fields, ns.IndexedFields.Fields...)
	}
	slices.Sort(fields)
	return types.ListValueFrom(ctx, types.StringType, fields)
}

// newNamespaceModel maps a namespace; prior carries the index reference and
// force_destroy, which the API does not return.
func newNamespaceModel(ctx context.Context, ns *client.Namespace, host string, prior *namespaceResourceModel) (*namespaceResourceModel, diag.Diagnostics) {
	out := *prior
	fields, diags := indexedFields(ctx, ns)
	out.Name = types.StringValue(ns.Name)
	out.IndexHost = sameSpelling(prior.IndexHost, host)
	out.ID = types.StringValue(namespaceID(knownString(prior.IndexName), host, ns.Name))
	out.Schema = namespaceSchemaFromAPI(ns.Schema)
	out.RecordCount = types.Int64Value(int64(ns.RecordCount))
	out.IndexedFields = fields
	if out.ForceDestroy.IsNull() || out.ForceDestroy.IsUnknown() {
		out.ForceDestroy = types.BoolValue(false)
	}
	return &out, diags
}
