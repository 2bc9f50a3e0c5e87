package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
)

func TestUserAgent(t *testing.T) {
	got := userAgent("1.2.3", "1.11.4")
	if !strings.HasPrefix(got, "terraform-provider-pinecone/1.2.3 ") || !strings.HasSuffix(got, " terraform/1.11.4") {
		t.Errorf("userAgent = %q", got)
	}
	if strings.Contains(userAgent("1.2.3", ""), "terraform/") {
		t.Error("no Terraform version known: it must not be claimed")
	}
}

func TestProviderSchemaValid(t *testing.T) {
	var resp provider.SchemaResponse
	New("test")().Schema(context.Background(), provider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatal(diags)
	}
	attr, ok := resp.Schema.Attributes["api_key"]
	if !ok || !attr.IsSensitive() {
		t.Error("api_key must exist and be sensitive")
	}
}
