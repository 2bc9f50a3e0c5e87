package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
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
	New("test")().Schema(t.Context(), provider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(t.Context()); diags.HasError() {
		t.Fatal(diags)
	}
	attr, ok := resp.Schema.Attributes["api_key"]
	if !ok || !attr.IsSensitive() {
		t.Error("api_key must exist and be sensitive")
	}
}

// Every resource and data source schema passes the framework's own checks
// (the same ones Terraform triggers when it loads the provider).
func TestAllSchemasValid(t *testing.T) {
	ctx := t.Context()
	p := New("test")()
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "pinecone"}, &meta)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("resource %s: %v", meta.TypeName, diags)
		}
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var meta datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "pinecone"}, &meta)
		var resp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("data source %s: %v", meta.TypeName, diags)
		}
	}
}
