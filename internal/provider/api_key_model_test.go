package provider

import (
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

func TestNewKeysNamed(t *testing.T) {
	before := []client.APIKey{{ID: "1", Name: "ci"}, {ID: "2", Name: "other"}}
	after := append(before, client.APIKey{ID: "3", Name: "ci"}, client.APIKey{ID: "4", Name: "else"})
	got := newKeysNamed(before, after, "ci")
	if len(got) != 1 || got[0].ID != "3" {
		t.Errorf("newKeysNamed = %+v, want only key 3 (a pre-existing key of the same name is not ours)", got)
	}
}

func TestMayHaveActed(t *testing.T) {
	if !mayHaveActed(errors.New("connection reset")) {
		t.Error("a broken connection may have created the key")
	}
	if !mayHaveActed(&client.APIError{Status: 503}) {
		t.Error("a 5xx may have created the key")
	}
	if mayHaveActed(&client.APIError{Status: 400}) || mayHaveActed(&client.APIError{Status: 403}) {
		t.Error("a 4xx refusal created nothing")
	}
}

func TestNewAPIKeyModel(t *testing.T) {
	ctx := t.Context()
	k := &client.APIKey{ID: "k1", Name: "ci", ProjectID: "p1", Roles: []string{"DataPlaneEditor", "ControlPlaneViewer"}}
	roles := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("ControlPlaneViewer"), types.StringValue("DataPlaneEditor")})
	cases := []struct {
		name       string
		prior, out types.String
	}{
		// The secret is shown once, at create, and carried in state after.
		{"the secret in state stays", types.StringValue("pckey_secret"), types.StringValue("pckey_secret")},
		// A value the plan did not know (the create answer was lost) is null, not unknown.
		{"an unknown secret becomes null", types.StringUnknown(), types.StringNull()},
		// Import: the secret cannot be read back.
		{"no secret stays null", types.StringNull(), types.StringNull()},
	}
	for _, tc := range cases {
		got, diags := newAPIKeyModel(ctx, k, &apiKeyResourceModel{Value: tc.prior})
		if diags.HasError() {
			t.Fatalf("%s: %v", tc.name, diags)
		}
		expectModel(t, tc.name, got, &apiKeyResourceModel{
			ID: types.StringValue("k1"), ProjectID: types.StringValue("p1"), Name: types.StringValue("ci"),
			Roles: roles, Value: tc.out,
		})
	}
	if k.Roles[0] != "DataPlaneEditor" {
		t.Errorf("the converter sorted the API object's roles in place: %v", k.Roles)
	}
}
