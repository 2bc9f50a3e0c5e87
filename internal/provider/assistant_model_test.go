package provider

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

func someAssistant() *client.Assistant {
	instructions := "Answer briefly."
	return &client.Assistant{
		Name: "support", Status: "Ready", Instructions: &instructions,
		Metadata: json.RawMessage(`{"tier": 2, "team": "support"}`),
		Host:     "https://prod-1-data.ke.pinecone.io", Region: "eu",
		CreatedAt: "2025-10-01T00:00:00Z", UpdatedAt: "2025-10-02T00:00:00Z",
	}
}

// supportMetadata is someAssistant's metadata as an object, the shape an
// import (no prior value) produces: keys sorted, numbers as numbers.
func supportMetadata() types.Dynamic {
	return types.DynamicValue(types.ObjectValueMust(
		map[string]attr.Type{"team": types.StringType, "tier": types.NumberType},
		map[string]attr.Value{"team": types.StringValue("support"), "tier": types.NumberValue(big.NewFloat(2))},
	))
}

func TestNewAssistantModel(t *testing.T) {
	want := func(m *assistantResourceModel) *assistantResourceModel {
		m.ID, m.Name = types.StringValue("support"), types.StringValue("support")
		m.Host, m.Status = types.StringValue("https://prod-1-data.ke.pinecone.io"), types.StringValue("Ready")
		m.CreatedAt, m.UpdatedAt = types.StringValue("2025-10-01T00:00:00Z"), types.StringValue("2025-10-02T00:00:00Z")
		return m
	}
	asText := types.DynamicValue(types.StringValue(`{ "team": "support", "tier": 2 }`))
	cases := []struct {
		name  string
		edit  func(a *client.Assistant)
		prior assistantResourceModel
		want  *assistantResourceModel
	}{
		{
			name:  "import: metadata as an object",
			prior: assistantResourceModel{assistantDataModel: assistantDataModel{Metadata: types.DynamicNull()}},
			want: want(&assistantResourceModel{
				assistantDataModel: assistantDataModel{
					Region:       types.StringValue("eu"),
					Instructions: types.StringValue("Answer briefly."),
					Metadata:     supportMetadata(),
				},
			}),
		},
		{
			name:  "the user's JSON text means the same: kept as written",
			prior: assistantResourceModel{assistantDataModel: assistantDataModel{Region: types.StringValue("eu"), Metadata: asText}, Timeouts: someTimeouts()},
			want: want(&assistantResourceModel{
				assistantDataModel: assistantDataModel{
					Region:       types.StringValue("eu"),
					Instructions: types.StringValue("Answer briefly."),
					Metadata:     asText,
				},
				Timeouts: someTimeouts(),
			}),
		},
		{
			name: "no instructions and no metadata: null",
			edit: func(a *client.Assistant) { a.Instructions, a.Metadata = nil, nil },
			// The user removed both; the prior still holds the old values.
			prior: assistantResourceModel{assistantDataModel: assistantDataModel{Region: types.StringValue("eu"), Instructions: types.StringValue("old"), Metadata: asText}},
			want:  want(&assistantResourceModel{assistantDataModel: assistantDataModel{Region: types.StringValue("eu"), Instructions: types.StringNull(), Metadata: types.DynamicNull()}}),
		},
		{
			name:  "empty instructions are no instructions",
			edit:  func(a *client.Assistant) { empty := ""; a.Instructions = &empty },
			prior: assistantResourceModel{assistantDataModel: assistantDataModel{Metadata: types.DynamicNull()}},
			want: want(&assistantResourceModel{
				assistantDataModel: assistantDataModel{
					Region:       types.StringValue("eu"),
					Instructions: types.StringNull(),
					Metadata:     supportMetadata(),
				},
			}),
		},
		{
			name:  "an API version without region: the configured region stays",
			edit:  func(a *client.Assistant) { a.Region = "" },
			prior: assistantResourceModel{assistantDataModel: assistantDataModel{Region: types.StringValue("eu"), Metadata: types.DynamicNull()}},
			want: want(&assistantResourceModel{
				assistantDataModel: assistantDataModel{
					Region:       types.StringValue("eu"),
					Instructions: types.StringValue("Answer briefly."),
					Metadata:     supportMetadata(),
				},
			}),
		},
		{
			name:  "an API version without region, none configured: us, Pinecone's default",
			edit:  func(a *client.Assistant) { a.Region = "" },
			prior: assistantResourceModel{assistantDataModel: assistantDataModel{Region: types.StringUnknown(), Metadata: types.DynamicNull()}},
			want: want(&assistantResourceModel{
				assistantDataModel: assistantDataModel{
					Region:       types.StringValue("us"),
					Instructions: types.StringValue("Answer briefly."),
					Metadata:     supportMetadata(),
				},
			}),
		},
	}
	for _, tc := range cases {
		a := someAssistant()
		if tc.edit != nil {
			tc.edit(a)
		}
		got, diags := newAssistantModel(a, &tc.prior)
		if diags.HasError() {
			t.Errorf("%s: %v", tc.name, diags)
			continue
		}
		expectModel(t, tc.name, got, tc.want)
	}

	a := someAssistant()
	a.Metadata = json.RawMessage(`{"team":`)
	if _, diags := newAssistantModel(a, &assistantResourceModel{assistantDataModel: assistantDataModel{Metadata: types.DynamicNull()}}); !diags.HasError() {
		t.Error("unreadable metadata from Pinecone must be an error")
	}
}

func TestNewAssistantData(t *testing.T) {
	got, diags := newAssistantData(someAssistant())
	if diags.HasError() {
		t.Fatal(diags)
	}
	expectModel(t, "assistant data source", got, assistantDataModel{
		ID: types.StringValue("support"), Name: types.StringValue("support"), Region: types.StringValue("eu"),
		Instructions: types.StringValue("Answer briefly."), Metadata: supportMetadata(),
		Host: types.StringValue("https://prod-1-data.ke.pinecone.io"), Status: types.StringValue("Ready"),
		CreatedAt: types.StringValue("2025-10-01T00:00:00Z"), UpdatedAt: types.StringValue("2025-10-02T00:00:00Z"),
	})
}

// In a list, metadata is Pinecone's JSON text as sent (lists hold no
// dynamic values); no metadata, or JSON null, is null.
func TestNewAssistantSummary(t *testing.T) {
	for _, tc := range []struct {
		metadata json.RawMessage
		want     types.String
	}{
		{json.RawMessage(`{"tier": 2, "team": "support"}`), types.StringValue(`{"tier": 2, "team": "support"}`)},
		{nil, types.StringNull()},
		{json.RawMessage(`null`), types.StringNull()},
	} {
		a := someAssistant()
		a.Metadata = tc.metadata
		got, diags := newAssistantSummary(a)
		if diags.HasError() {
			t.Errorf("%s: %v", tc.metadata, diags)
			continue
		}
		expectModel(t, "assistant summary with metadata "+string(tc.metadata), got, assistantSummaryModel{
			ID: types.StringValue("support"), Name: types.StringValue("support"), Region: types.StringValue("eu"),
			Instructions: types.StringValue("Answer briefly."), Metadata: tc.want,
			Host: types.StringValue("https://prod-1-data.ke.pinecone.io"), Status: types.StringValue("Ready"),
			CreatedAt: types.StringValue("2025-10-01T00:00:00Z"), UpdatedAt: types.StringValue("2025-10-02T00:00:00Z"),
		})
	}
}
