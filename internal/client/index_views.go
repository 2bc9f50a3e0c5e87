package client

import "sort"

// The two renderings of an index. API 2026-07 describes it by a deployment
// and a typed schema (IndexModel.deployment, .schema, top-level
// .read_capacity and .source_collection); 2025-10 and 2026-04 by spec,
// dimension, metric, vector_type and embed. The mapping between them is
// Pinecone's own: the 2026-07 IndexSchema description (TypeScript client
// 9.0.0, pinecone-generated-ts-fetch/db_control/models/IndexSchema.d.ts) says
// that indexes served by the vectors API "report their vector fields under
// the reserved names _values (dense) and _sparse_values (sparse), and any
// metadata fields configured for filtering as legacy fields carrying only
// filterable", and that dense ones "always report both". Integrated
// (create-for-model) indexes show their embedding as one semantic_text field.

// Vector types and the metric sparse indexes use.
const (
	VectorTypeDense  = "dense"
	VectorTypeSparse = "sparse"
	MetricCosine     = "cosine"
	MetricDotProduct = "dotproduct"
)

// embedTextKey is the field_map key that names the embedded field
// (CreateIndexForModelRequestEmbed.field_map, e.g. {"text": "chunk_text"}).
const embedTextKey = "text"

// schemaKind says how a 2026-07 schema maps onto the legacy fields.
type schemaKind int

const (
	kindDocument   schemaKind = iota // named typed fields: no legacy equivalent
	kindDense                        // _values (and _sparse_values)
	kindSparse                       // _sparse_values only
	kindIntegrated                   // exactly one semantic_text field
)

// normalize fills in the view of the index the server did not send, so that
// callers may read either view whatever version answered. An answer that
// carries both views, or neither, is left as it is.
func (ix *IndexModel) normalize() {
	switch {
	case ix.Deployment != nil && ix.Spec.isEmpty():
		ix.fillLegacyView()
	case ix.Deployment == nil && !ix.Spec.isEmpty():
		ix.fillSchemaView()
	}
}

func (s IndexSpec) isEmpty() bool { return s.Serverless == nil && s.Pod == nil && s.BYOC == nil }

// fillLegacyView derives spec, dimension, metric, vector_type and embed from
// a 2026-07 answer, the way 2026-04 renders the same index.
func (ix *IndexModel) fillLegacyView() {
	ix.Spec = legacySpec(ix)
	if ix.Schema == nil {
		return
	}
	kind, name := classifySchema(ix.Schema)
	f := ix.Schema.Fields[name]
	switch kind {
	case kindDense:
		ix.Dimension, ix.Metric, ix.VectorType = f.Dimension, f.Metric, VectorTypeDense
	case kindSparse:
		ix.Dimension, ix.Metric, ix.VectorType = nil, MetricDotProduct, VectorTypeSparse
	case kindIntegrated:
		// 2026-04 repeats the model's dimension, metric and vector type at
		// the top level of an integrated index.
		ix.Embed = embedOf(name, f)
		ix.Dimension, ix.Metric, ix.VectorType = ix.Embed.Dimension, ix.Embed.Metric, ix.Embed.VectorType
	}
}

// legacySpec maps the deployment (and the top-level read capacity, source
// collection and legacy metadata fields) onto spec.serverless/byoc/pod.
func legacySpec(ix *IndexModel) IndexSpec {
	d := ix.Deployment
	switch d.DeploymentType {
	case DeploymentManaged:
		return IndexSpec{Serverless: &ServerlessSpec{
			Cloud: d.Cloud, Region: d.Region, ReadCapacity: ix.ReadCapacity,
			SourceCollection: ix.SourceCollection, Schema: legacyMetadataSchema(ix.Schema),
		}}
	case DeploymentBYOC:
		return IndexSpec{BYOC: &BYOCSpec{
			Environment: d.Environment, ReadCapacity: ix.ReadCapacity, Schema: legacyMetadataSchema(ix.Schema),
		}}
	case DeploymentPod:
		return IndexSpec{Pod: legacyPodSpec(d, ix.Schema, ix.SourceCollection)}
	}
	return IndexSpec{}
}

// legacyPodSpec is spec.pod: pods is replicas × shards (each defaults to 1),
// and metadata_config lists the filterable fields when there are any.
func legacyPodSpec(d *IndexDeployment, s *IndexSchema, sourceCollection string) *PodSpec {
	pods := int32OrOne(d.Replicas) * int32OrOne(d.Shards)
	pod := &PodSpec{
		Environment: d.Environment, PodType: d.PodType, Replicas: d.Replicas, Shards: d.Shards,
		Pods: &pods, SourceCollection: sourceCollection,
	}
	if ms := legacyMetadataSchema(s); ms != nil {
		var indexed []string
		for _, name := range sortedKeys(ms.Fields) {
			if ms.Fields[name].Filterable {
				indexed = append(indexed, name)
			}
		}
		if len(indexed) > 0 {
			pod.MetadataConfig = &PodMetadataConfig{Indexed: indexed}
		}
	}
	return pod
}

func int32OrOne(p *int32) int32 {
	if p == nil {
		return 1
	}
	return *p
}

// legacyMetadataSchema collects the legacy metadata fields (no type, only
// filterable); nil when there are none.
func legacyMetadataSchema(s *IndexSchema) *MetadataSchema {
	if s == nil {
		return nil
	}
	var out *MetadataSchema
	for name, f := range s.Fields {
		if f.Type != "" || f.Filterable == nil {
			continue
		}
		if out == nil {
			out = &MetadataSchema{Fields: map[string]MetadataField{}}
		}
		out.Fields[name] = MetadataField{Filterable: *f.Filterable}
	}
	return out
}

// classifySchema tells a vectors-API index (reserved fields), an integrated
// one (a single semantic_text field) and a document index (anything else)
// apart, and names the field the legacy view comes from. Legacy metadata
// fields never change the kind.
func classifySchema(s *IndexSchema) (schemaKind, string) {
	var semantic []string
	named := false
	for name, f := range s.Fields {
		switch {
		case f.Type == "" || isReservedField(name):
		case f.Type == FieldSemanticText:
			semantic = append(semantic, name)
		default:
			named = true
		}
	}
	switch {
	case len(semantic) == 1 && !named:
		return kindIntegrated, semantic[0]
	case len(semantic) > 0 || named:
		return kindDocument, ""
	case s.Fields[ReservedDenseField].Type == FieldDenseVector:
		return kindDense, ReservedDenseField
	case s.Fields[ReservedSparseField].Type == FieldSparseVector:
		return kindSparse, ReservedSparseField
	}
	return kindDocument, ""
}

func isReservedField(name string) bool {
	return name == ReservedDenseField || name == ReservedSparseField
}

// embedOf is the legacy embed of an integrated index whose semantic_text
// field is name. The field's dimension is null for models that produce
// sparse vectors (SemanticTextField.dimension), and sparse vectors are
// always compared by dotproduct.
func embedOf(name string, f SchemaField) *IndexEmbed {
	e := &IndexEmbed{
		Model: f.Model, Metric: f.Metric, Dimension: f.Dimension, VectorType: VectorTypeDense,
		FieldMap:       map[string]any{embedTextKey: name},
		ReadParameters: f.ReadParameters, WriteParameters: f.WriteParameters,
	}
	if f.Dimension == nil {
		e.VectorType = VectorTypeSparse
		if e.Metric == "" {
			e.Metric = MetricDotProduct
		}
	}
	return e
}

// fillSchemaView derives deployment, schema, read capacity and source
// collection from a 2025-10/2026-04 answer, the way 2026-07 renders it.
func (ix *IndexModel) fillSchemaView() {
	ix.Deployment = deploymentOf(ix.Spec)
	if ix.ReadCapacity == nil {
		ix.ReadCapacity = ix.specReadCapacity()
	}
	if ix.SourceCollection == "" {
		ix.SourceCollection = specSourceCollection(ix.Spec)
	}
	if ix.Schema == nil {
		ix.Schema = schemaOf(ix)
	}
}

func deploymentOf(s IndexSpec) *IndexDeployment {
	switch {
	case s.Serverless != nil:
		return &IndexDeployment{DeploymentType: DeploymentManaged, Cloud: s.Serverless.Cloud, Region: s.Serverless.Region}
	case s.BYOC != nil:
		return &IndexDeployment{DeploymentType: DeploymentBYOC, Environment: s.BYOC.Environment}
	default:
		p := s.Pod
		return &IndexDeployment{
			DeploymentType: DeploymentPod, Environment: p.Environment, PodType: p.PodType,
			Replicas: p.Replicas, Shards: p.Shards,
		}
	}
}

func specSourceCollection(s IndexSpec) string {
	switch {
	case s.Serverless != nil:
		return s.Serverless.SourceCollection
	case s.Pod != nil:
		return s.Pod.SourceCollection
	}
	return ""
}

// schemaOf renders the vectors (or the embedding) and the metadata
// configuration of a legacy answer as 2026-07 schema fields.
func schemaOf(ix *IndexModel) *IndexSchema {
	fields := map[string]SchemaField{}
	switch {
	case ix.Embed != nil:
		if name, ok := ix.Embed.FieldMap[embedTextKey].(string); ok && name != "" {
			fields[name] = SchemaField{
				Type: FieldSemanticText, Model: ix.Embed.Model, Dimension: ix.Embed.Dimension, Metric: ix.Embed.Metric,
				ReadParameters: ix.Embed.ReadParameters, WriteParameters: ix.Embed.WriteParameters,
			}
		}
	case ix.VectorType == VectorTypeSparse:
		fields[ReservedSparseField] = SchemaField{Type: FieldSparseVector}
	default:
		fields[ReservedDenseField] = SchemaField{Type: FieldDenseVector, Dimension: ix.Dimension, Metric: ix.Metric}
		fields[ReservedSparseField] = SchemaField{Type: FieldSparseVector}
	}
	for name, filterable := range specMetadataFields(ix.Spec) {
		fields[name] = SchemaField{Filterable: &filterable}
	}
	return &IndexSchema{Fields: fields}
}

// specMetadataFields lists the metadata fields a legacy spec indexes:
// serverless/byoc schema.fields, or pod metadata_config.indexed.
func specMetadataFields(s IndexSpec) map[string]bool {
	out := map[string]bool{}
	var ms *MetadataSchema
	switch {
	case s.Serverless != nil:
		ms = s.Serverless.Schema
	case s.BYOC != nil:
		ms = s.BYOC.Schema
	case s.Pod != nil && s.Pod.MetadataConfig != nil:
		for _, name := range s.Pod.MetadataConfig.Indexed {
			out[name] = true
		}
	}
	if ms != nil {
		for name, f := range ms.Fields {
			out[name] = f.Filterable
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
