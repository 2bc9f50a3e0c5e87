package provider

import (
	"errors"
	"testing"

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
