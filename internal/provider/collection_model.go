package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

type collectionResourceModel struct {
	ID          types.String   `tfsdk:"id"`
	Name        types.String   `tfsdk:"name"`
	Source      types.String   `tfsdk:"source"`
	Environment types.String   `tfsdk:"environment"`
	Dimension   types.Int64    `tfsdk:"dimension"`
	Size        types.Int64    `tfsdk:"size"`
	VectorCount types.Int64    `tfsdk:"vector_count"`
	Status      types.String   `tfsdk:"status"`
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
}

// newCollectionModel maps a collection; prior supplies what the API does not
// return (source, timeouts).
func newCollectionModel(c *client.CollectionModel, prior *collectionResourceModel) *collectionResourceModel {
	out := *prior
	out.ID = types.StringValue(c.Name)
	out.Name = types.StringValue(c.Name)
	out.Environment = types.StringValue(c.Environment)
	out.Dimension = int64Value(c.Dimension)
	out.Size = types.Int64PointerValue(c.Size)
	out.VectorCount = types.Int64PointerValue(c.VectorCount)
	out.Status = types.StringValue(c.Status)
	return &out
}

// collectionMismatch says why an existing collection cannot be the one our
// lost create made from the index source, or "" if it matches. Pinecone does
// not report a collection's source, so the collection is compared with the
// source index: a copy has its pod environment and dimension.
func collectionMismatch(source *client.IndexModel, col *client.CollectionModel) string {
	if source.Spec.Pod == nil || source.Spec.Pod.Environment != col.Environment {
		return "environment " + col.Environment
	}
	if derefInt32(source.Dimension, 0) != derefInt32(col.Dimension, 0) {
		return fmt.Sprintf("dimension %d", derefInt32(col.Dimension, 0))
	}
	return ""
}
