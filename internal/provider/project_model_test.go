package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

func TestNewProjectModel(t *testing.T) {
	api := func(maxPods int64) *client.Project {
		return &client.Project{
			ID: "2d4f6a8c-1b3d-4e5f-8a9b-0c1d2e3f4a5b", Name: "search", MaxPods: maxPods,
			ForceEncryptionWithCMEK: true, OrganizationID: "org-1", CreatedAt: "2025-10-01T00:00:00Z",
		}
	}
	want := func(maxPods, effective int64) *projectResourceModel {
		return &projectResourceModel{
			ID: types.StringValue("2d4f6a8c-1b3d-4e5f-8a9b-0c1d2e3f4a5b"), Name: types.StringValue("search"),
			MaxPods: types.Int64Value(maxPods), EffectiveMaxPods: types.Int64Value(effective),
			ForceEncryptionWithCMEK: types.BoolValue(true),
			OrganizationID:          types.StringValue("org-1"), CreatedAt: types.StringValue("2025-10-01T00:00:00Z"),
		}
	}
	cases := []struct {
		name          string
		prior         types.Int64
		granted       int64
		wantRequested int64
	}{
		// Import or max_pods not set: Pinecone's number.
		{"no prior value", types.Int64Null(), 5, 5},
		{"unknown in the plan", types.Int64Unknown(), 0, 0},
		// Pinecone may grant more than asked: the request stays, no drift.
		{"granted above the request", types.Int64Value(2), 5, 2},
		{"granted exactly", types.Int64Value(10), 10, 10},
		// Less than asked is drift and shows.
		{"granted below the request", types.Int64Value(10), 4, 4},
	}
	for _, tc := range cases {
		got := newProjectModel(api(tc.granted), &projectResourceModel{MaxPods: tc.prior})
		expectModel(t, tc.name, got, want(tc.wantRequested, tc.granted))
	}
}

func TestNewProjectData(t *testing.T) {
	got := newProjectData(&client.Project{ID: "p1", Name: "default", MaxPods: 0, OrganizationID: "org-1", CreatedAt: "2025-01-01T00:00:00Z"})
	expectModel(t, "project data source", got, projectDataModel{
		ID: types.StringValue("p1"), Name: types.StringValue("default"),
		MaxPods:                 types.Int64Value(0),
		ForceEncryptionWithCMEK: types.BoolValue(false),
		OrganizationID:          types.StringValue("org-1"), CreatedAt: types.StringValue("2025-01-01T00:00:00Z"),
	})
}
