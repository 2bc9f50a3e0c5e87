package client

import "fmt"

// Choosing the body (and with it the API version) of index creates and
// configures. Shapes: the 2026-07 db_control models of Pinecone's TypeScript
// client 9.0.0 (@pinecone-database/pinecone on npm,
// pinecone-generated-ts-fetch/db_control/models: CreateIndexRequest,
// CreateIndexSchema, CreateIndexSchemaField, IndexDeploymentRequest,
// ConfigureIndexRequest, PatchIndexDeploymentRequest, PatchIndexSchema,
// PatchSemanticTextField) and the 2026-04 OpenAPI spec
// (github.com/pinecone-io/pinecone-api, 2026-04/db_control_2026-04.oas.yaml).

// schemaIndexRequest translates a legacy create into the 2026-07 body and
// reports whether 2026-07 can say the same thing. It cannot for:
//   - a pod spec: 2026-07's IndexDeploymentRequest is managed or byoc only,
//     and "SDKs that target API version 2026-07 don't support creating
//     pod-based indexes" (https://docs.pinecone.io/guides/legacy/pod-based-indexes/create-a-pod-based-index);
//   - a source collection: the same page says they "reject creating an index
//     from a collection", and 2026-07's CreateIndexRequest has no
//     source_collection;
//   - a metadata schema (spec.serverless/byoc.schema): 2026-07 create
//     schemas accept only vector fields and full-text string fields, reject
//     metadata types, and accept the reserved fields only as the whole
//     schema (CreateIndexSchema, CreateIndexSchemaField);
//   - a request the legacy API itself rejects (not exactly one spec, dense
//     without dimension, sparse with a dimension or a metric other than
//     dotproduct, an unknown vector type): it goes unchanged so that the
//     user reads Pinecone's own error about it.
func schemaIndexRequest(req CreateIndexRequest) (CreateSchemaIndexRequest, bool) {
	deployment, rc, ok := schemaDeployment(req.Spec)
	if !ok {
		return CreateSchemaIndexRequest{}, false
	}
	fields, ok := reservedFields(req)
	if !ok {
		return CreateSchemaIndexRequest{}, false
	}
	return CreateSchemaIndexRequest{
		Name: req.Name, Deployment: deployment, Schema: IndexSchema{Fields: fields}, ReadCapacity: rc,
		Tags: req.Tags, DeletionProtection: req.DeletionProtection,
	}, true
}

// schemaDeployment maps a serverless or BYOC spec without metadata schema
// or source collection onto a 2026-07 deployment and its read capacity.
func schemaDeployment(s IndexSpec) (*IndexDeployment, *ReadCapacity, bool) {
	switch {
	case s.Pod != nil || (s.Serverless != nil) == (s.BYOC != nil):
		return nil, nil, false
	case s.Serverless != nil:
		sl := s.Serverless
		if sl.SourceCollection != "" || sl.Schema != nil {
			return nil, nil, false
		}
		return &IndexDeployment{DeploymentType: DeploymentManaged, Cloud: sl.Cloud, Region: sl.Region}, sl.ReadCapacity, true
	default:
		if s.BYOC.Schema != nil {
			return nil, nil, false
		}
		return &IndexDeployment{DeploymentType: DeploymentBYOC, Environment: s.BYOC.Environment}, s.BYOC.ReadCapacity, true
	}
}

// reservedFields is the schema of a classic vector index: `_values` for a
// dense one, `_sparse_values` for a sparse one. 2026-07's dense_vector
// requires a metric (DenseVectorField.metric); earlier versions defaulted a
// dense index to cosine (2026-04 CreateIndexRequest.metric: "If the
// vector_type is dense, the metric defaults to 'cosine'"), so that default
// is sent explicitly.
func reservedFields(req CreateIndexRequest) (map[string]SchemaField, bool) {
	switch req.VectorType {
	case VectorTypeSparse:
		if req.Dimension != nil || (req.Metric != "" && req.Metric != MetricDotProduct) {
			return nil, false
		}
		return map[string]SchemaField{ReservedSparseField: {Type: FieldSparseVector}}, true
	case "", VectorTypeDense:
		if req.Dimension == nil {
			return nil, false
		}
		metric := req.Metric
		if metric == "" {
			metric = MetricCosine
		}
		return map[string]SchemaField{ReservedDenseField: {Type: FieldDenseVector, Dimension: req.Dimension, Metric: metric}}, true
	}
	return nil, false
}

// configureIndexBody is the 2026-07 body of PATCH /indexes/{name}. Pod
// scaling moved from spec.pod to deployment, read capacity to the top level,
// and embedding parameters to the index's semantic_text schema field.
type configureIndexBody struct {
	Deployment         *ConfigurePod     `json:"deployment,omitempty"`
	Schema             *IndexSchema      `json:"schema,omitempty"`
	ReadCapacity       *ReadCapacity     `json:"read_capacity,omitempty"`
	Tags               map[string]string `json:"tags,omitempty"`
	DeletionProtection string            `json:"deletion_protection,omitempty"`
}

// configureBody picks the body of a configure and the version it is sent
// with: the 2026-07 body when the client speaks 2026-07 and the change fits
// it, else the legacy body (with LegacyAPIVersion, or the client's own older
// version).
func (c *Client) configureBody(req ConfigureIndexRequest) (any, string, error) {
	if c.speaks202607() {
		if body, ok := schemaConfigureBody(req); ok {
			return body, schemaAPIVersion, nil
		}
	}
	body, err := legacyConfigureBody(req)
	return body, c.legacyVersion(), err
}

// schemaConfigureBody translates a configure into the 2026-07 body. It
// cannot when Embed sets a model or a field map (adding integrated inference
// to an index, or remapping its field): 2026-07's PATCH only changes the
// parameters of an existing semantic_text field, whose model "cannot be
// changed once set" (PatchSemanticTextField). Parameters without the field's
// name (SemanticTextField) cannot be addressed either.
func schemaConfigureBody(req ConfigureIndexRequest) (configureIndexBody, bool) {
	body := configureIndexBody{
		ReadCapacity: req.requestedReadCapacity(),
		Tags:         req.Tags, DeletionProtection: req.DeletionProtection,
	}
	if req.Spec != nil && req.Spec.Pod != nil && (req.Spec.Pod.Replicas != nil || req.Spec.Pod.PodType != "") {
		pod := *req.Spec.Pod
		body.Deployment = &pod
	}
	if e := req.Embed; e != nil {
		if e.Model != "" || len(e.FieldMap) > 0 {
			return configureIndexBody{}, false
		}
		if len(e.ReadParameters) > 0 || len(e.WriteParameters) > 0 {
			if req.SemanticTextField == "" {
				return configureIndexBody{}, false
			}
			body.Schema = &IndexSchema{Fields: map[string]SchemaField{req.SemanticTextField: {
				Type: FieldSemanticText, ReadParameters: e.ReadParameters, WriteParameters: e.WriteParameters,
			}}}
		}
	}
	return body, true
}

// requestedReadCapacity is the read capacity the request changes: the
// top-level one, else the one under the serverless or BYOC spec.
func (req ConfigureIndexRequest) requestedReadCapacity() *ReadCapacity {
	if req.ReadCapacity != nil || req.Spec == nil {
		return req.ReadCapacity
	}
	switch {
	case req.Spec.Serverless != nil:
		return req.Spec.Serverless.ReadCapacity
	case req.Spec.BYOC != nil:
		return req.Spec.BYOC.ReadCapacity
	}
	return nil
}

// legacyConfigureBody is the request itself, with a top-level ReadCapacity
// moved under spec.byoc or spec.serverless (the legacy body names the
// deployment kind, which the request must then give). The caller's request
// is not modified.
func legacyConfigureBody(req ConfigureIndexRequest) (ConfigureIndexRequest, error) {
	if req.ReadCapacity == nil {
		return req, nil
	}
	var spec ConfigureIndexSpec
	if req.Spec != nil {
		spec = *req.Spec
	}
	moved := &ConfigureReadCapacity{ReadCapacity: req.ReadCapacity}
	switch {
	case spec.BYOC != nil:
		spec.BYOC = moved
	case spec.Serverless != nil:
		spec.Serverless = moved
	default:
		return req, errNeedsDeploymentKind
	}
	req.Spec = &spec
	return req, nil
}

// errNeedsDeploymentKind: a legacy PATCH carries read capacity under
// spec.serverless or spec.byoc, so the request must say which.
var errNeedsDeploymentKind = fmt.Errorf("%w: a legacy PATCH body needs Spec.Serverless or Spec.BYOC to carry ReadCapacity", ErrInvalidRequest)
