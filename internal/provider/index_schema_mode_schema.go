package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Limits of the 2026-07 schema (CreateIndexSchema, DenseVectorField and
// StringFieldFullTextSearchNgram in Pinecone's TypeScript client 9.0.0).
const (
	maxFieldNameBytes   = 64
	maxDescriptionBytes = 256
	maxFullTextFields   = 100
	maxNgramLength      = 10
	maxDimension        = 20000
	defaultLanguage     = "en"
)

// Languages of full-text search fields: the codes of the "Supported
// languages" table of Pinecone's guide guides/search/full-text-search/
// text-processing (the API also takes the English names; the provider takes
// the codes only, so state always matches what was written). Not every
// language has a stop word list.
var (
	languageValidator, languageValues = oneOf("ar", "da", "de", "el", "en", "es", "fi", "fr", "hu", "it", "nl", "no",
		"pt", "ro", "ru", "sv", "ta", "tr")
	languagesWithoutStopWords = map[string]bool{"ar": true, "el": true, "ro": true, "ta": true, "tr": true}
)

// indexSchemaModeAttributes are pinecone_index's schema-mode arguments:
// schema, deployment, read_capacity and cmek_id.
func indexSchemaModeAttributes() map[string]schema.Attribute {
	rc := readCapacitySchema()
	rc.MarkdownDescription = "Read capacity of an index in the schema mode (with `spec`, set it under " +
		"`spec.serverless` or `spec.byoc` instead): exactly one of `on_demand = {}` or `dedicated = {...}`. Leaving it " +
		"out means on-demand, which BYOC indexes do not support. Updated in place; the apply waits until the new " +
		"capacity is ready."
	return map[string]schema.Attribute{
		"schema":        indexFieldsSchema(),
		"deployment":    indexDeploymentSchema(),
		"read_capacity": rc,
		"cmek_id": schema.StringAttribute{
			MarkdownDescription: "ID of a customer-managed encryption key to encrypt the index with (schema mode, managed " +
				"deployments only; your organization must have CMEK enabled). Encrypted indexes cannot have full-text " +
				"fields. Changing it replaces the index.",
			Optional:      true,
			Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
	}
}

func fieldDescriptionAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "A description of the field, at most 256 bytes. Not allowed on the reserved fields.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.LengthBetween(1, maxDescriptionBytes)},
	}
}

func indexFieldsSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "The schema mode (API 2026-07): the typed fields of the index's records. Use it with " +
			"`deployment` instead of `dimension`, `metric`, `vector_type`, `spec` and `embed`. Named fields make a " +
			"document index (full-text search and vector search through the documents API); a schema of only the " +
			"reserved fields `_values` (dense) and/or `_sparse_values` (sparse) makes a classic vector index, the same " +
			"index the legacy mode creates. Metadata fields need not be declared. The schema cannot change after " +
			"creation: changing it replaces the index.",
		Optional:      true,
		PlanModifiers: []planmodifier.Object{schemaRequiresReplace()},
		Attributes: map[string]schema.Attribute{
			"fields": schema.MapNestedAttribute{
				MarkdownDescription: "Fields by name; each sets exactly one of `dense_vector`, `sparse_vector` or `string`. " +
					"Names are at most 64 bytes and cannot start with `$` or `_`, except the reserved `_values` and " +
					"`_sparse_values`, which can only make up the whole schema.",
				Required: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"dense_vector":  denseVectorFieldSchema(),
						"sparse_vector": sparseVectorFieldSchema(),
						"string":        stringFieldSchema(),
					},
				},
			},
		},
	}
}

func denseVectorFieldSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "A dense vector field; an index has at most one.",
		Optional:            true,
		Attributes: map[string]schema.Attribute{
			"dimension": schema.Int64Attribute{
				MarkdownDescription: "Dimension of the vectors, 1–20000.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.Between(1, maxDimension)},
			},
			"metric": schema.StringAttribute{
				MarkdownDescription: "Similarity metric: one of " + metricValues + ".",
				Required:            true,
				Validators:          []validator.String{metricValidator},
			},
			"description": fieldDescriptionAttribute(),
		},
	}
}

func sparseVectorFieldSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "A sparse vector field (no dimension or metric); an index has at most one.",
		Optional:            true,
		Attributes:          map[string]schema.Attribute{"description": fieldDescriptionAttribute()},
	}
}

func stringFieldSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "A string field searchable by full-text search; an index has at most 100.",
		Optional:            true,
		Attributes: map[string]schema.Attribute{
			"description": fieldDescriptionAttribute(),
			"full_text_search": schema.SingleNestedAttribute{
				MarkdownDescription: "How the text is analyzed; `{}` takes Pinecone's defaults, which the plan shows.",
				Required:            true,
				Attributes: map[string]schema.Attribute{
					"language": schema.StringAttribute{
						MarkdownDescription: "Language of the text (selects the stemmer and stop words): one of " +
							languageValues + ". Default `en`.",
						Optional:   true,
						Computed:   true,
						Default:    stringdefault.StaticString(defaultLanguage),
						Validators: []validator.String{languageValidator},
					},
					"stemming": schema.BoolAttribute{
						MarkdownDescription: "Reduce words to their root form (\"running\" matches \"run\"). Default `false`.",
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
					"stop_words": schema.BoolAttribute{
						MarkdownDescription: "Drop common words such as \"the\". Needs `stemming = true`. Default `false`.",
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
					"ngram": schema.SingleNestedAttribute{
						MarkdownDescription: "Index character n-grams for substring or prefix matching. Cannot be combined " +
							"with `stemming` or `stop_words`.",
						Optional: true,
						Attributes: map[string]schema.Attribute{
							"min_gram": schema.Int64Attribute{
								MarkdownDescription: "Shortest n-gram, at least 1 and at most `max_gram`.",
								Required:            true,
								Validators:          []validator.Int64{int64validator.Between(1, maxNgramLength)},
							},
							"max_gram": schema.Int64Attribute{
								MarkdownDescription: "Longest n-gram, at most 10.",
								Required:            true,
								Validators:          []validator.Int64{int64validator.Between(1, maxNgramLength)},
							},
							"prefix_only": schema.BoolAttribute{
								MarkdownDescription: "Only n-grams anchored at the start of each word (autocomplete). Default `false`.",
								Optional:            true,
								Computed:            true,
								Default:             booldefault.StaticBool(false),
							},
						},
					},
				},
			},
		},
	}
}

func indexDeploymentSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "Where an index in the schema mode runs: exactly one of `managed` or `byoc`. Required with " +
			"`schema`. Changing it replaces the index.",
		Optional:      true,
		PlanModifiers: []planmodifier.Object{schemaRequiresReplace()},
		Attributes: map[string]schema.Attribute{
			"managed": schema.SingleNestedAttribute{
				MarkdownDescription: "A serverless index managed by Pinecone.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"cloud": schema.StringAttribute{
						MarkdownDescription: "Cloud: one of " + cloudValues + ".",
						Required:            true,
						Validators:          []validator.String{cloudValidator},
					},
					"region": schema.StringAttribute{
						MarkdownDescription: "Region, e.g. `us-east-1`.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"environment": schema.StringAttribute{
						MarkdownDescription: "The Pinecone environment hosting the index.",
						Computed:            true,
						// Not UseStateForUnknown: when deployment is new in the
						// configuration (an index taken over from the legacy
						// mode), its null state would be planned.
						PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()},
					},
				},
			},
			"byoc": schema.SingleNestedAttribute{
				MarkdownDescription: "A bring-your-own-cloud index. BYOC indexes support dedicated read capacity only: " +
					"they need `read_capacity.dedicated`.",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"environment": schema.StringAttribute{
						MarkdownDescription: "BYOC environment, e.g. `aws-us-east-1-b921`.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				},
			},
		},
	}
}

// schemaRequiresReplace replaces the index when schema or deployment change
// on an index already in the schema mode. Taking an index over from the
// legacy mode (null in state) is decided in ModifyPlan: no replacement when
// both describe the same vector index (see vectorIndexIdentity).
//
// On an index in the schema mode a change replaces the index, unless the old
// and new configurations describe the same vector index (e.g. declaring the
// _sparse_values that every dense vector index has anyway).
func schemaRequiresReplace() planmodifier.Object {
	const desc = "Changing it on an index in the schema mode replaces the index."
	return objectplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
		if req.StateValue.IsNull() {
			return
		}
		var state, plan indexResourceModel
		if req.State.Get(ctx, &state).HasError() || req.Plan.Get(ctx, &plan).HasError() {
			resp.RequiresReplace = true
			return
		}
		id := vectorIndexIdentity(&state)
		resp.RequiresReplace = id == "" || id != vectorIndexIdentity(&plan)
	}, desc, desc)
}
