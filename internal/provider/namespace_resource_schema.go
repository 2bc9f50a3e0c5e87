package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// Namespace rules (db_data CreateNamespaceRequest, TypeScript client 9.0.0):
// a name is ASCII without NUL, 1–512 characters, and not the reserved
// __default__; a schema declares at most 50 fields, none starting with "$".
const (
	namespaceNameMaxLength = 512
	namespaceMaxFields     = 50
)

var (
	namespaceNameRegexp      = regexp.MustCompile(`^[\x01-\x7f]+$`)
	namespaceFieldNameRegexp = regexp.MustCompile(`^[^$]`)
)

func (r *namespaceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = namespaceResourceSchema(ctx)
}

// namespaceResourceSchema is pinecone_namespace's schema; the
// pinecone_namespaces data source derives its items from it.
func namespaceResourceSchema(ctx context.Context) schema.Schema {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		MarkdownDescription: "A namespace of a serverless index, created ahead of any upsert, with the metadata fields " +
			"that are filterable in it. Managed through the index's own host (the data plane), with the provider's " +
			"API key. **Destroying a namespace deletes every record in it**, and so does any change that replaces it " +
			"(a namespace cannot be altered): the provider refuses to delete a namespace that holds records unless " +
			"`force_destroy` is `true`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<index>/<namespace>`, where `<index>` is `index_name` or, if the namespace was " +
					"given by host, `index_host`.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"index_name": schema.StringAttribute{
				MarkdownDescription: "Name of the index. Give `index_name` or `index_host`. Changing it replaces the namespace.",
				Optional:            true, PlanModifiers: replace,
				Validators: append(indexNameRule.validators(),
					stringvalidator.ExactlyOneOf(path.MatchRoot("index_name"), path.MatchRoot("index_host"))),
			},
			"index_host": schema.StringAttribute{
				MarkdownDescription: "Host of the index, as `pinecone_index.<name>.host` reports it. Found from " +
					"`index_name` when that is given. Changing it replaces the namespace.",
				Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[A-Za-z0-9.-]+(:[0-9]+)?$`),
					"must be a host name such as docs-abc1234.svc.aped-4627-b74a.pinecone.io, without https://")},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Namespace name: 1–%d ASCII characters, not `%s` (the namespace of "+
					"records written without one, which always exists). Changing it replaces the namespace.",
					namespaceNameMaxLength, client.DefaultNamespace),
				Required: true, PlanModifiers: replace,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, namespaceNameMaxLength),
					stringvalidator.RegexMatches(namespaceNameRegexp, "must be ASCII characters other than NUL"),
					stringvalidator.NoneOf(client.DefaultNamespace),
				},
			},
			"schema": schema.SingleNestedAttribute{
				MarkdownDescription: "Metadata schema: when set, only the listed fields are indexed for filtering " +
					"in this namespace; without it, every field is. Changing it replaces the namespace.",
				Optional:      true,
				PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplace()},
				Attributes: map[string]schema.Attribute{
					"fields": schema.MapNestedAttribute{
						MarkdownDescription: fmt.Sprintf("Fields by name (1–%d; names must not start with `$`).", namespaceMaxFields),
						Required:            true,
						Validators: []validator.Map{
							mapvalidator.SizeBetween(1, namespaceMaxFields),
							mapvalidator.KeysAre(stringvalidator.RegexMatches(namespaceFieldNameRegexp, "must not start with $ (it introduces a filter operator)")),
						},
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"filterable": schema.BoolAttribute{
								MarkdownDescription: "Must be `true`: Pinecone supports only filterable fields here. " +
									"Leave a field out to keep it unindexed.",
								Required:   true,
								Validators: []validator.Bool{mustBeTrue{}},
							},
						}},
					},
				},
			},
			"force_destroy": schema.BoolAttribute{
				MarkdownDescription: "Allow deleting the namespace (on destroy or replacement) while it holds records, " +
					"which deletes them. Default `false`: such a delete fails and names the record count.",
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			},
			"record_count": schema.Int64Attribute{
				MarkdownDescription: "Records in the namespace, as of the last refresh.", Computed: true,
			},
			"indexed_fields": schema.ListAttribute{
				MarkdownDescription: "Metadata fields the namespace indexes for filtering, as of the last refresh " +
					"(Pinecone lists them once the namespace holds records).",
				Computed: true, ElementType: types.StringType,
			},
			// A create answers at once; a delete is accepted and finishes in
			// the background, so only the delete waits.
			"timeouts": timeoutsAttribute(ctx, timeouts.Opts{Delete: true}),
		},
	}
}
