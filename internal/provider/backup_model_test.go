package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

func TestNewBackupModel(t *testing.T) {
	ctx := t.Context()
	dim, records, namespaces, size := int32(1024), int64(98_000), int64(3), int64(4_200_000)
	b := &client.BackupModel{
		BackupID: "670e8400-e29b-41d4-a716-446655440001", SourceIndexName: "docs", SourceIndexID: "idx-1",
		Status: "Ready", Cloud: "aws", Region: "us-east-1", Name: "nightly", Description: "before the migration",
		Dimension: &dim, Metric: "dotproduct", RecordCount: &records, NamespaceCount: &namespaces, SizeBytes: &size,
		Tags: map[string]string{"env": "prod"}, CreatedAt: "2025-10-01T02:00:00Z",
	}
	got, diags := newBackupModel(ctx, b, &backupResourceModel{Timeouts: someTimeouts()})
	if diags.HasError() {
		t.Fatal(diags)
	}
	expectModel(t, "ready backup", got, &backupResourceModel{
		backupDataModel: backupDataModel{
			ID:              types.StringValue("670e8400-e29b-41d4-a716-446655440001"),
			SourceIndexName: types.StringValue("docs"),
			Name:            types.StringValue("nightly"),
			Description:     types.StringValue("before the migration"),
			Status:          types.StringValue("Ready"),
			Cloud:           types.StringValue("aws"),
			Region:          types.StringValue("us-east-1"),
			Dimension:       types.Int64Value(1024),
			Metric:          types.StringValue("dotproduct"),
			RecordCount:     types.Int64Value(98_000),
			NamespaceCount:  types.Int64Value(3),
			SizeBytes:       types.Int64Value(4_200_000),
			Tags:            types.MapValueMust(types.StringType, map[string]attr.Value{"env": types.StringValue("prod")}),
			CreatedAt:       types.StringValue("2025-10-01T02:00:00Z"),
		},
		Timeouts: someTimeouts(),
	})

	// A backup still being taken, without name, description or tags: the
	// optional strings and counts are null, tags an empty map (never null,
	// so adding a tag outside Terraform shows as a change from {}).
	got, diags = newBackupModel(ctx, &client.BackupModel{
		BackupID: "b2", SourceIndexName: "docs", Status: "Pending", Cloud: "gcp", Region: "us-central1",
		CreatedAt: "2025-10-02T02:00:00Z",
	}, &backupResourceModel{})
	if diags.HasError() {
		t.Fatal(diags)
	}
	expectModel(t, "pending backup", got, &backupResourceModel{
		backupDataModel: backupDataModel{
			ID:              types.StringValue("b2"),
			SourceIndexName: types.StringValue("docs"),
			Name:            types.StringNull(),
			Description:     types.StringNull(),
			Status:          types.StringValue("Pending"),
			Cloud:           types.StringValue("gcp"),
			Region:          types.StringValue("us-central1"),
			Dimension:       types.Int64Null(),
			Metric:          types.StringNull(),
			RecordCount:     types.Int64Null(),
			NamespaceCount:  types.Int64Null(),
			SizeBytes:       types.Int64Null(),
			Tags:            types.MapValueMust(types.StringType, map[string]attr.Value{}),
			CreatedAt:       types.StringValue("2025-10-02T02:00:00Z"),
		},
	})
}

func TestNewBackupData(t *testing.T) {
	dim := int32(8)
	b := &client.BackupModel{
		BackupID: "b1", SourceIndexName: "docs", Status: "Ready", Cloud: "aws", Region: "us-east-1",
		Description: "for restore", Dimension: &dim, Metric: "cosine", CreatedAt: "2025-10-01T02:00:00Z",
	}
	got, diags := newBackupData(t.Context(), b)
	if diags.HasError() {
		t.Fatal(diags)
	}
	expectModel(t, "backup data source", got, backupDataModel{
		ID: types.StringValue("b1"), SourceIndexName: types.StringValue("docs"),
		Name: types.StringNull(), Description: types.StringValue("for restore"),
		Status: types.StringValue("Ready"), Cloud: types.StringValue("aws"), Region: types.StringValue("us-east-1"),
		Dimension: types.Int64Value(8), Metric: types.StringValue("cosine"),
		RecordCount: types.Int64Null(), NamespaceCount: types.Int64Null(), SizeBytes: types.Int64Null(),
		Tags:      types.MapValueMust(types.StringType, map[string]attr.Value{}),
		CreatedAt: types.StringValue("2025-10-01T02:00:00Z"),
	})
}
