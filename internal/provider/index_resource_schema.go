package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Allowed values, each used for both the validator and the description.
var (
	metricValidator, metricValues         = oneOf("cosine", "euclidean", "dotproduct")
	vectorTypeValidator, vectorTypeValues = oneOf("dense", "sparse")
	protectionValidator, protectionValues = oneOf("enabled", "disabled")
	cloudValidator, cloudValues           = oneOf("aws", "gcp", "azure")
	nodeTypeValidator, nodeTypeValues     = oneOf("b1", "t1")
)

// maxCount bounds replica and shard counts: Pinecone takes them as int32.
const maxCount = 1<<31 - 1

func (r *indexResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = indexResourceSchema(ctx)
}

// indexResourceSchema is pinecone_index's schema; the pinecone_index data
// source derives its schema from it.
func indexResourceSchema(ctx context.Context) schema.Schema {
	s := legacyIndexResourceSchema(ctx)
	for name, a := range indexSchemaModeAttributes() {
		s.Attributes[name] = a
	}
	return s
}

// legacyIndexResourceSchema holds the attributes of the legacy mode and
// those both modes share.
func legacyIndexResourceSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A Pinecone index, described in one of two modes. The schema mode (`schema` + " +
			"`deployment`, API 2026-07) creates document indexes with full-text search and vector indexes. The legacy " +
			"mode (`spec` with `dimension`, `metric`, `vector_type` and `embed`) creates serverless (dense or sparse), " +
			"pod-based, BYOC and integrated indexes. Creation, in-place updates and deletion wait until Pinecone reports " +
			"the index ready (or gone).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The index name.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Index name: 1–45 lowercase letters, digits or hyphens, starting and ending with a " +
					"letter or digit. Changing it replaces the index.",
				Required:      true,
				Validators:    indexNameRule.validators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"dimension": schema.Int64Attribute{
				MarkdownDescription: "Legacy mode: vector dimension, 1–20000 (null with `schema`). Required for dense indexes, not allowed for sparse ones; " +
					"filled from the model for integrated indexes. Changing it replaces the index.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.Int64{int64validator.Between(1, 20000)},
				PlanModifiers: []planmodifier.Int64{
					int64planmodifier.UseStateForUnknown(),
					int64planmodifier.RequiresReplaceIfConfigured(),
				},
			},
			"metric": schema.StringAttribute{
				MarkdownDescription: "Legacy mode: similarity metric, one of " + metricValues + " (null with `schema`). Pinecone's default is `cosine` for " +
					"dense and `dotproduct` for sparse indexes (the only metric sparse allows). Changing it replaces the index.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{metricValidator},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplaceIfConfigured(),
				},
			},
			"vector_type": schema.StringAttribute{
				MarkdownDescription: "Legacy mode: vector type, one of " + vectorTypeValues + " (null with `schema`; default `dense`; taken from the model " +
					"for integrated indexes). Changing it replaces the index.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{vectorTypeValidator},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplaceIfConfigured(),
				},
			},
			"deletion_protection": schema.StringAttribute{
				MarkdownDescription: "One of " + protectionValues + ". While `enabled`, Pinecone refuses to delete the " +
					"index: set it to `disabled` and apply before destroying. Updated in place.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString("disabled"),
				Validators: []validator.String{protectionValidator},
			},
			"tags": schema.MapAttribute{
				MarkdownDescription: "Tags of the index (keys up to 80 characters of letters, digits, `_` and `-`; values " +
					"up to 120 characters). Merged over the provider's `default_tags`. Updated in place; removing a key " +
					"or the whole argument removes the tags from the index.",
				Optional:    true,
				ElementType: types.StringType,
				Validators: []validator.Map{
					mapvalidator.KeysAre(tagKeyValidators()...),
					mapvalidator.ValueStringsAre(tagValueValidators()...),
				},
			},
			"tags_all": schema.MapAttribute{
				MarkdownDescription: "All tags of the index: the provider's `default_tags` merged with `tags`.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"spec":  specSchema(),
			"embed": embedSchema(),
			"host": schema.StringAttribute{
				MarkdownDescription: "Data-plane host of the index (no scheme), used by Pinecone clients to upsert and query.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"private_host": schema.StringAttribute{
				MarkdownDescription: "Private endpoint host of the index, when Pinecone reports one.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.SingleNestedAttribute{
				MarkdownDescription: "Readiness as last reported by Pinecone.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"ready": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the index serves requests."},
					"state": schema.StringAttribute{Computed: true, MarkdownDescription: "State, e.g. `Ready` or `Initializing`."},
				},
			},
			"source_backup_id": schema.StringAttribute{
				MarkdownDescription: "ID of a backup to restore into this new index. Cloud, region, dimension and metric " +
					"come from the backup (the plan shows them when the backup already exists; configuration that " +
					"contradicts the backup is an error). Serverless only. Changing or removing it replaces the index.",
				Optional:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{requiresReplaceWhenChangedFromKnown()},
			},
			"restore_job_id": schema.StringAttribute{
				MarkdownDescription: "ID of the restore job that created the index from `source_backup_id`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"timeouts": timeoutsAttribute(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

func specSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "The legacy mode: where and how the index is deployed, exactly one of `serverless`, `pod` " +
			"or `byoc`. Required unless `schema` is set. Switching kind replaces the index.",
		Optional: true,
		Attributes: map[string]schema.Attribute{
			"serverless": schema.SingleNestedAttribute{
				MarkdownDescription: "A serverless index.",
				Optional:            true,
				Validators: []validator.Object{
					objectvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("pod"), path.MatchRelative().AtParent().AtName("byoc")),
				},
				PlanModifiers: []planmodifier.Object{requiresReplaceWhenAddedOrRemoved()},
				Attributes: map[string]schema.Attribute{
					"cloud": schema.StringAttribute{
						MarkdownDescription: "Cloud: one of " + cloudValues + ". Changing it replaces the index.",
						Required:            true,
						Validators:          []validator.String{cloudValidator},
						PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
					},
					"region": schema.StringAttribute{
						MarkdownDescription: "Region, e.g. `us-east-1`. Changing it replaces the index.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
						PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
					},
					"read_capacity":     readCapacitySchema(),
					"schema":            metadataSchemaSchema(),
					"source_collection": sourceCollectionSchema(),
				},
			},
			"pod": schema.SingleNestedAttribute{
				MarkdownDescription: "A pod-based index.",
				Optional:            true,
				Validators: []validator.Object{
					objectvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("byoc")),
				},
				PlanModifiers: []planmodifier.Object{requiresReplaceWhenAddedOrRemoved()},
				Attributes: map[string]schema.Attribute{
					"environment": schema.StringAttribute{
						MarkdownDescription: "Pod environment, e.g. `us-east-1-aws`. Changing it replaces the index.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
						PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
					},
					"pod_type": schema.StringAttribute{
						MarkdownDescription: "Pod type and size, `s1`, `p1` or `p2` followed by `.x1`, `.x2`, `.x4` or `.x8` " +
							"(default `p1.x1`). A larger size of the same type scales in place; a smaller size or another " +
							"type replaces the index (Pinecone cannot scale pods down).",
						Optional:      true,
						Computed:      true,
						Default:       stringdefault.StaticString("p1.x1"),
						Validators:    []validator.String{stringvalidator.RegexMatches(podTypeRegexp, "must be s1, p1 or p2 followed by .x1, .x2, .x4 or .x8")},
						PlanModifiers: []planmodifier.String{podTypeReplaceUnlessScaleUp()},
					},
					"replicas": schema.Int64Attribute{
						MarkdownDescription: "Replicas (default 1). Updated in place.",
						Optional:            true,
						Computed:            true,
						Default:             int64default.StaticInt64(1),
						Validators:          []validator.Int64{int64validator.Between(1, maxCount)},
					},
					"shards": schema.Int64Attribute{
						MarkdownDescription: "Shards (default 1). Changing it replaces the index.",
						Optional:            true,
						Computed:            true,
						Default:             int64default.StaticInt64(1),
						Validators:          []validator.Int64{int64validator.Between(1, maxCount)},
						PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
					},
					"pods": schema.Int64Attribute{
						MarkdownDescription: "Total pods, `replicas × shards`.",
						Computed:            true,
					},
					"metadata_config": schema.SingleNestedAttribute{
						MarkdownDescription: "Selective metadata indexing: only the listed fields are indexed. Changing it replaces the index.",
						Optional:            true,
						PlanModifiers:       []planmodifier.Object{objectplanmodifier.RequiresReplace()},
						Attributes: map[string]schema.Attribute{
							"indexed": schema.SetAttribute{
								MarkdownDescription: "Metadata fields to index.",
								Required:            true,
								ElementType:         types.StringType,
								PlanModifiers:       []planmodifier.Set{setplanmodifier.RequiresReplace()},
							},
						},
					},
					"source_collection": sourceCollectionSchema(),
				},
			},
			"byoc": schema.SingleNestedAttribute{
				MarkdownDescription: "A bring-your-own-cloud index.",
				Optional:            true,
				PlanModifiers:       []planmodifier.Object{requiresReplaceWhenAddedOrRemoved()},
				Attributes: map[string]schema.Attribute{
					"environment": schema.StringAttribute{
						MarkdownDescription: "BYOC environment, e.g. `aws-us-east-1-b921`. Changing it replaces the index.",
						Required:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
						PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
					},
					"read_capacity": byocReadCapacitySchema(),
					"schema":        metadataSchemaSchema(),
				},
			},
		},
	}
}

func sourceCollectionSchema() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Name of a collection to create the index from. Changing it replaces the index.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.LengthBetween(1, indexNameMaxLength)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

// byocReadCapacitySchema is read_capacity of a BYOC index, which must be
// dedicated: Pinecone's BYOC guide says BYOC indexes support dedicated read
// capacity, not on-demand (checked at plan time).
func byocReadCapacitySchema() schema.SingleNestedAttribute {
	rc := readCapacitySchema()
	rc.MarkdownDescription = "Read capacity of the BYOC index: `dedicated = {...}`, required, since BYOC indexes do not " +
		"support on-demand read capacity. Updated in place; the apply waits until the new capacity is ready."
	return rc
}

func readCapacitySchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "Read capacity: exactly one of `on_demand = {}` or `dedicated = {...}`. Leaving it out means " +
			"on-demand. Updated in place; the apply waits until the new capacity is ready.",
		Optional: true,
		Attributes: map[string]schema.Attribute{
			"on_demand": schema.SingleNestedAttribute{
				MarkdownDescription: "On-demand read capacity (Pinecone's default).",
				Optional:            true,
				Attributes:          map[string]schema.Attribute{},
				Validators: []validator.Object{
					objectvalidator.ExactlyOneOf(path.MatchRelative().AtParent().AtName("dedicated")),
				},
			},
			"dedicated": schema.SingleNestedAttribute{
				MarkdownDescription: "Dedicated read nodes, scaled manually.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"node_type": schema.StringAttribute{
						MarkdownDescription: "Node type: one of " + nodeTypeValues + " (`t1` has more compute and memory).",
						Required:            true,
						Validators:          []validator.String{nodeTypeValidator},
					},
					"replicas": schema.Int64Attribute{
						MarkdownDescription: "Replicas; 0 disables the index (its status becomes `Disabled` and it serves no reads) until replicas are set again.",
						Required:            true,
						Validators:          []validator.Int64{int64validator.Between(0, maxCount)},
					},
					"shards": schema.Int64Attribute{
						MarkdownDescription: "Shards (each holds up to 250 GB).",
						Required:            true,
						Validators:          []validator.Int64{int64validator.Between(1, maxCount)},
					},
				},
			},
		},
	}
}

func metadataSchemaSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "Metadata schema: when set, only the listed fields are indexed for filtering. " +
			"Changing it replaces the index.",
		Optional:      true,
		PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplace()},
		Attributes: map[string]schema.Attribute{
			"fields": schema.MapNestedAttribute{
				MarkdownDescription: "Fields by name.",
				Required:            true,
				Validators:          []validator.Map{mapvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"filterable": schema.BoolAttribute{
							MarkdownDescription: "Must be `true`: Pinecone supports only filterable fields here.",
							Required:            true,
							Validators:          []validator.Bool{mustBeTrue{}},
						},
					},
				},
			},
		},
	}
}

func embedSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "Legacy mode: integrated inference, Pinecone embeds text with a hosted model. Serverless only. Set at " +
			"creation, the index is created for the model; added later, the existing index is upgraded in place (its " +
			"dimension, metric and vector type must match the model). The model cannot change afterwards (that replaces the index).",
		Optional: true,
		Attributes: map[string]schema.Attribute{
			"model": schema.StringAttribute{
				MarkdownDescription: "Embedding model, e.g. `multilingual-e5-large` or `llama-text-embed-v2`.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{requiresReplaceWhenChangedFromKnown()},
			},
			"field_map": schema.MapAttribute{
				MarkdownDescription: "Which document field holds the text to embed, e.g. `{ text = \"chunk_text\" }`. Updated in place.",
				Required:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Map{mapvalidator.SizeAtLeast(1)},
			},
			"read_parameters": schema.MapAttribute{
				MarkdownDescription: "Model parameters for queries, e.g. `{ input_type = \"query\", truncate = \"END\" }`. " +
					"Values are strings; `true`/`false` are sent as JSON booleans and numbers written in their shortest form " +
					"(`512`, `0.5`) as JSON numbers; anything else (`\"0.50\"`, `\"007\"`) stays a string. Parameters " +
					"Pinecone adds by default are not shown. Updated in place.",
				Optional:    true,
				ElementType: types.StringType,
			},
			"write_parameters": schema.MapAttribute{
				MarkdownDescription: "Model parameters for upserts, e.g. `{ input_type = \"passage\" }`. Same value rules " +
					"as `read_parameters`. Updated in place.",
				Optional:    true,
				ElementType: types.StringType,
			},
			"metric": schema.StringAttribute{
				MarkdownDescription: "Metric for the model: one of " + metricValues + "; the model's default if unset.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{metricValidator},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseNonNullStateForUnknown(),
					stringplanmodifier.RequiresReplaceIfConfigured(),
				},
			},
			"dimension": schema.Int64Attribute{
				MarkdownDescription: "Dimension for models that offer several; the model's default if unset.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 20000)},
				PlanModifiers: []planmodifier.Int64{
					int64planmodifier.UseNonNullStateForUnknown(),
					int64planmodifier.RequiresReplaceIfConfigured(),
				},
			},
			"vector_type": schema.StringAttribute{
				MarkdownDescription: "Vector type the model produces.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()},
			},
		},
	}
}
