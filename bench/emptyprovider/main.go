// Command emptyprovider is the smallest provider the benchmark can time:
// one resource, "empty_item", with a name and no API behind it. What
// Terraform takes for n of them is what any plugin provider pays before it
// does anything (a process per command, the plugin protocol, state per
// resource), which the terraform_data baseline, served inside Terraform,
// does not show. The benchmark builds it as terraform-provider-empty and
// reports each phase's overshoot over that "plugin floor" as well.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/procdefaults"
)

// Address is where the benchmark's CLI configuration points dev_overrides.
const Address = "registry.terraform.io/bench/empty"

func main() {
	// The same process defaults as the real provider (no SDK logs nobody
	// sees, a relaxed GC), so that the plugin floor does not count costs
	// the provider avoids.
	if err := procdefaults.Apply(); err != nil {
		log.Fatal(err)
	}
	if err := providerserver.Serve(context.Background(), func() provider.Provider { return emptyProvider{} },
		providerserver.ServeOpts{Address: Address}); err != nil {
		log.Fatal(err)
	}
}

type emptyProvider struct{}

func (emptyProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "empty"
}

func (emptyProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (emptyProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (emptyProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return item{} }}
}

func (emptyProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// item stores its name and nothing else.
type item struct{}

type itemModel struct {
	Name types.String `tfsdk:"name"`
}

func (item) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "empty_item"
}

func (item) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true},
	}}
}

func (item) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m itemModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

// Read, Update and Delete keep what Terraform already has.
func (item) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (item) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m itemModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func (item) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
