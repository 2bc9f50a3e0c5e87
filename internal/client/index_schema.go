package client

// Shapes of API 2026-07, where an index is described by a deployment and a
// typed schema instead of dimension/metric/vector_type/spec/embed. Source:
// the db_control models of Pinecone's TypeScript client 9.0.0
// (@pinecone-database/pinecone on npm, pinecone-generated-ts-fetch/db_control:
// IndexModel, IndexDeployment, IndexSchema, CreateIndexRequest).

// Deployment types (IndexDeployment.deployment_type).
const (
	DeploymentManaged = "managed"
	DeploymentBYOC    = "byoc"
	DeploymentPod     = "pod"
)

// Schema field types. A field without a type is a legacy metadata field
// that only says whether it is filterable.
const (
	FieldDenseVector  = "dense_vector"
	FieldSparseVector = "sparse_vector"
	FieldString       = "string"
	FieldSemanticText = "semantic_text"
)

// Reserved field names: a schema made only of these creates a classic
// vector index (served by the vectors API), the same index earlier API
// versions created from dimension, metric and vector_type.
const (
	ReservedDenseField  = "_values"
	ReservedSparseField = "_sparse_values"
)

// IndexDeployment says where an index runs. Which fields are set depends on
// DeploymentType: managed {cloud, region, environment (read-only)}, byoc
// {environment}, pod {environment, pod_type, replicas, shards} (pod only in
// responses; 2026-07 cannot create pod indexes).
type IndexDeployment struct {
	DeploymentType string `json:"deployment_type"`
	Cloud          string `json:"cloud,omitempty"`
	Region         string `json:"region,omitempty"`
	Environment    string `json:"environment,omitempty"`
	PodType        string `json:"pod_type,omitempty"`
	Replicas       *int32 `json:"replicas,omitempty"`
	Shards         *int32 `json:"shards,omitempty"`
}

// IndexSchema maps field names to their configuration.
type IndexSchema struct {
	Fields map[string]SchemaField `json:"fields"`
}

// SchemaField is one field of an IndexSchema. Type selects which of the
// other fields apply; Type "" is a legacy metadata field ({filterable}).
type SchemaField struct {
	Type        string  `json:"type,omitempty"`
	Description *string `json:"description,omitempty"`
	// dense_vector, semantic_text
	Dimension *int32 `json:"dimension,omitempty"`
	Metric    string `json:"metric,omitempty"`
	// string
	FullTextSearch *FullTextSearch `json:"full_text_search,omitempty"`
	// legacy metadata fields and typed metadata fields
	Filterable *bool `json:"filterable,omitempty"`
	// semantic_text
	Model           string         `json:"model,omitempty"`
	ReadParameters  map[string]any `json:"read_parameters,omitempty"`
	WriteParameters map[string]any `json:"write_parameters,omitempty"`
}

// FullTextSearch configures text analysis of a string field. In requests nil
// pointers are left to the server's defaults (language "en", no stemming, no
// stop words, prefix_only false); responses carry every value.
type FullTextSearch struct {
	Language  string `json:"language,omitempty"`
	Stemming  *bool  `json:"stemming,omitempty"`
	StopWords *bool  `json:"stop_words,omitempty"`
	Ngram     *Ngram `json:"ngram,omitempty"`
}

// Ngram splits text into character n-grams of MinGram..MaxGram characters.
type Ngram struct {
	MinGram    int32 `json:"min_gram"`
	MaxGram    int32 `json:"max_gram"`
	PrefixOnly *bool `json:"prefix_only,omitempty"`
}

// CreateSchemaIndexRequest is the 2026-07 body of POST /indexes. Deployment
// nil means managed on aws/us-east-1.
type CreateSchemaIndexRequest struct {
	Name               string            `json:"name"`
	Deployment         *IndexDeployment  `json:"deployment,omitempty"`
	Schema             IndexSchema       `json:"schema"`
	CmekID             string            `json:"cmek_id,omitempty"`
	ReadCapacity       *ReadCapacity     `json:"read_capacity,omitempty"`
	Tags               map[string]string `json:"tags,omitempty"`
	DeletionProtection string            `json:"deletion_protection,omitempty"`
}
