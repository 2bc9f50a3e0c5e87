package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// someTimeouts is a timeouts block a user wrote; converters must carry it
// over from the prior model untouched.
func someTimeouts() timeouts.Value {
	return timeouts.Value{Object: types.ObjectValueMust(
		map[string]attr.Type{"create": types.StringType},
		map[string]attr.Value{"create": types.StringValue("30m")},
	)}
}

func TestNewCollectionModel(t *testing.T) {
	dim, size, count := int32(8), int64(3_400_000), int64(1200)
	prior := &collectionResourceModel{Source: types.StringValue("products"), Timeouts: someTimeouts()}
	got := newCollectionModel(&client.CollectionModel{
		Name: "products-2024", Status: "Ready", Environment: "us-east-1-aws",
		Size: &size, Dimension: &dim, VectorCount: &count,
	}, prior)
	expectModel(t, "ready collection", got, &collectionResourceModel{
		ID:          types.StringValue("products-2024"),
		Name:        types.StringValue("products-2024"),
		Source:      types.StringValue("products"), // not reported by Pinecone: kept from prior
		Environment: types.StringValue("us-east-1-aws"),
		Dimension:   types.Int64Value(8),
		Size:        types.Int64Value(3_400_000),
		VectorCount: types.Int64Value(1200),
		Status:      types.StringValue("Ready"),
		Timeouts:    someTimeouts(),
	})
	if !prior.ID.IsNull() || !prior.Status.IsNull() {
		t.Errorf("the converter changed its prior: %+v", prior)
	}

	// A collection still being made reports no size, dimension or count;
	// after an import the source is unknown to Terraform.
	got = newCollectionModel(&client.CollectionModel{Name: "c", Status: "Initializing", Environment: "us-east-1-aws"},
		&collectionResourceModel{Source: types.StringNull()})
	expectModel(t, "initializing collection", got, &collectionResourceModel{
		ID: types.StringValue("c"), Name: types.StringValue("c"), Source: types.StringNull(),
		Environment: types.StringValue("us-east-1-aws"),
		Dimension:   types.Int64Null(), Size: types.Int64Null(), VectorCount: types.Int64Null(),
		Status: types.StringValue("Initializing"),
	})
}

func TestNewCollectionData(t *testing.T) {
	dim, zero := int32(1536), int64(0)
	got := newCollectionData(&client.CollectionModel{Name: "empty", Status: "Ready", Environment: "gcp-starter", Dimension: &dim, VectorCount: &zero})
	expectModel(t, "collection data source", got, collectionDataModel{
		ID: types.StringValue("empty"), Name: types.StringValue("empty"), Environment: types.StringValue("gcp-starter"),
		Dimension: types.Int64Value(1536), Size: types.Int64Null(),
		VectorCount: types.Int64Value(0), // zero vectors is a value, not an absence
		Status:      types.StringValue("Ready"),
	})
}
