package provider

import (
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// The schema mode of pinecone_index describes an index the way API 2026-07
// does: a typed schema of fields and a deployment, instead of dimension,
// metric, vector_type, spec and embed (the legacy mode). The attribute
// layout is the one the official Pinecone provider uses for its schema mode,
// so a configuration moves between the two providers unchanged.

// indexSchemaModeModel holds the schema mode's arguments; all are null in
// the legacy mode.
type indexSchemaModeModel struct {
	Schema       *indexSchemaModel     `tfsdk:"schema"`
	Deployment   *indexDeploymentModel `tfsdk:"deployment"`
	ReadCapacity *readCapacityModel    `tfsdk:"read_capacity"`
	CmekID       types.String          `tfsdk:"cmek_id"`
}

type indexSchemaModel struct {
	Fields map[string]indexFieldModel `tfsdk:"fields"`
}

// indexFieldModel sets exactly one of its kinds.
type indexFieldModel struct {
	DenseVector  *denseVectorFieldModel  `tfsdk:"dense_vector"`
	SparseVector *sparseVectorFieldModel `tfsdk:"sparse_vector"`
	String       *stringFieldModel       `tfsdk:"string"`
}

type denseVectorFieldModel struct {
	Dimension   types.Int64  `tfsdk:"dimension"`
	Metric      types.String `tfsdk:"metric"`
	Description types.String `tfsdk:"description"`
}

type sparseVectorFieldModel struct {
	Description types.String `tfsdk:"description"`
}

type stringFieldModel struct {
	Description    types.String         `tfsdk:"description"`
	FullTextSearch *fullTextSearchModel `tfsdk:"full_text_search"`
}

type fullTextSearchModel struct {
	Language  types.String `tfsdk:"language"`
	Stemming  types.Bool   `tfsdk:"stemming"`
	StopWords types.Bool   `tfsdk:"stop_words"`
	Ngram     *ngramModel  `tfsdk:"ngram"`
}

type ngramModel struct {
	MinGram    types.Int64 `tfsdk:"min_gram"`
	MaxGram    types.Int64 `tfsdk:"max_gram"`
	PrefixOnly types.Bool  `tfsdk:"prefix_only"`
}

// indexDeploymentModel sets exactly one of managed or byoc (2026-07 cannot
// create pod indexes; they stay in the legacy mode).
type indexDeploymentModel struct {
	Managed *managedDeploymentModel `tfsdk:"managed"`
	BYOC    *byocDeploymentModel    `tfsdk:"byoc"`
}

type managedDeploymentModel struct {
	Cloud       types.String `tfsdk:"cloud"`
	Region      types.String `tfsdk:"region"`
	Environment types.String `tfsdk:"environment"`
}

type byocDeploymentModel struct {
	Environment types.String `tfsdk:"environment"`
}

// inSchemaMode says whether an index is managed in the schema mode: as
// before when there is a prior state or plan, else (import) when the index is
// a document index, which the legacy attributes cannot describe. A vector
// index imports in the legacy mode, the way most existing configurations
// describe it; a configuration in the schema mode takes it over without a
// replacement (see sameVectorIndex).
func inSchemaMode(prior *indexResourceModel, ix *client.IndexModel) bool {
	if prior != nil && prior.Schema != nil {
		return true
	}
	if prior != nil && prior.Spec != nil {
		return false
	}
	return isDocumentIndex(ix.Schema)
}

// isDocumentIndex reports whether a schema has named (not reserved) vector or
// full-text fields: an index served by the documents API.
func isDocumentIndex(s *client.IndexSchema) bool {
	if s == nil {
		return false
	}
	for name, f := range s.Fields {
		if strings.HasPrefix(name, "_") {
			continue
		}
		switch {
		case f.Type == client.FieldDenseVector, f.Type == client.FieldSparseVector,
			f.Type == client.FieldString && f.FullTextSearch != nil:
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Plan → API (pure).

func newCreateSchemaIndexRequest(plan *indexResourceModel, tags map[string]string) client.CreateSchemaIndexRequest {
	return client.CreateSchemaIndexRequest{
		Name:               plan.Name.ValueString(),
		Deployment:         deploymentRequest(plan.Deployment),
		Schema:             schemaRequest(plan.Schema),
		CmekID:             knownString(plan.CmekID),
		ReadCapacity:       readCapacityRequest(plan.ReadCapacity),
		Tags:               nonEmpty(tags),
		DeletionProtection: knownString(plan.DeletionProtection),
	}
}

func deploymentRequest(m *indexDeploymentModel) *client.IndexDeployment {
	switch {
	case m == nil:
		return nil
	case m.Managed != nil:
		return &client.IndexDeployment{DeploymentType: client.DeploymentManaged,
			Cloud: m.Managed.Cloud.ValueString(), Region: m.Managed.Region.ValueString()}
	case m.BYOC != nil:
		return &client.IndexDeployment{DeploymentType: client.DeploymentBYOC, Environment: m.BYOC.Environment.ValueString()}
	}
	return nil
}

func schemaRequest(m *indexSchemaModel) client.IndexSchema {
	out := client.IndexSchema{Fields: map[string]client.SchemaField{}}
	if m == nil {
		return out
	}
	for name, f := range m.Fields {
		out.Fields[name] = fieldRequest(f)
	}
	return out
}

func fieldRequest(f indexFieldModel) client.SchemaField {
	switch {
	case f.DenseVector != nil:
		return client.SchemaField{Type: client.FieldDenseVector, Description: stringPtr(f.DenseVector.Description),
			Dimension: int32Ptr(f.DenseVector.Dimension), Metric: knownString(f.DenseVector.Metric)}
	case f.SparseVector != nil:
		return client.SchemaField{Type: client.FieldSparseVector, Description: stringPtr(f.SparseVector.Description)}
	case f.String != nil:
		return client.SchemaField{Type: client.FieldString, Description: stringPtr(f.String.Description),
			FullTextSearch: fullTextSearchRequest(f.String.FullTextSearch)}
	}
	return client.SchemaField{}
}

func fullTextSearchRequest(m *fullTextSearchModel) *client.FullTextSearch {
	out := &client.FullTextSearch{}
	if m == nil {
		return out
	}
	out.Language = knownString(m.Language)
	out.Stemming = boolPtr(m.Stemming)
	out.StopWords = boolPtr(m.StopWords)
	if n := m.Ngram; n != nil {
		// Both are validated to 1..maxNgramLength, so they fit an int32.
		out.Ngram = &client.Ngram{MinGram: int32(n.MinGram.ValueInt64()), MaxGram: int32(n.MaxGram.ValueInt64()), //nolint:gosec // bounded by the validators
			PrefixOnly: boolPtr(n.PrefixOnly)}
	}
	return out
}

// ---------------------------------------------------------------------------
// API → state (pure).

// applySchemaMode writes the schema mode's attributes and clears the legacy
// ones, which a schema-mode index leaves null.
func applySchemaMode(m *indexResourceModel, ix *client.IndexModel, prior *indexResourceModel) {
	var priorSchema *indexSchemaModel
	var priorRC *readCapacityModel
	if prior != nil {
		priorSchema, priorRC = prior.Schema, prior.ReadCapacity
	}
	m.Schema = schemaFromAPI(ix.Schema, priorSchema)
	m.Deployment = deploymentFromAPI(ix.Deployment)
	m.ReadCapacity = readCapacityFromAPI(ix.ReadCapacity, priorRC)
	m.CmekID = optionalString(ix.CmekID)
	m.Dimension = types.Int64Null()
	m.Metric = types.StringNull()
	m.VectorType = types.StringNull()
	m.Spec = nil
	m.Embed = nil
}

// clearSchemaMode leaves the schema mode's attributes null (legacy mode).
func clearSchemaMode(m *indexResourceModel) {
	m.indexSchemaModeModel = indexSchemaModeModel{CmekID: types.StringNull()}
}

// schemaFromAPI shows the fields the schema mode manages: vector fields and
// full-text string fields. Fields Pinecone adds as records are upserted
// (filterable metadata) are not configuration and stay out, or every upsert
// would look like drift. A dense vector index always also reports
// _sparse_values (it accepts sparse values too); it is shown only when the
// configuration declares it.
func schemaFromAPI(s *client.IndexSchema, prior *indexSchemaModel) *indexSchemaModel {
	out := &indexSchemaModel{Fields: map[string]indexFieldModel{}}
	if s == nil {
		return out
	}
	for name, f := range s.Fields {
		if field, ok := fieldFromAPI(f); ok {
			out.Fields[name] = field
		}
	}
	if _, dense := out.Fields[client.ReservedDenseField]; dense {
		declared := false
		if prior != nil {
			_, declared = prior.Fields[client.ReservedSparseField]
		}
		if !declared {
			delete(out.Fields, client.ReservedSparseField)
		}
	}
	return out
}

func fieldFromAPI(f client.SchemaField) (indexFieldModel, bool) {
	desc := optionalStringPtr(f.Description)
	switch f.Type {
	case client.FieldDenseVector:
		return indexFieldModel{DenseVector: &denseVectorFieldModel{
			Dimension: int64Value(f.Dimension), Metric: types.StringValue(f.Metric), Description: desc}}, true
	case client.FieldSparseVector:
		return indexFieldModel{SparseVector: &sparseVectorFieldModel{Description: desc}}, true
	case client.FieldString:
		if f.FullTextSearch == nil {
			return indexFieldModel{}, false
		}
		return indexFieldModel{String: &stringFieldModel{Description: desc, FullTextSearch: fullTextSearchFromAPI(f.FullTextSearch)}}, true
	}
	return indexFieldModel{}, false
}

func fullTextSearchFromAPI(f *client.FullTextSearch) *fullTextSearchModel {
	out := &fullTextSearchModel{
		Language:  types.StringValue(defaultString(f.Language, defaultLanguage)),
		Stemming:  types.BoolValue(f.Stemming != nil && *f.Stemming),
		StopWords: types.BoolValue(f.StopWords != nil && *f.StopWords),
	}
	if n := f.Ngram; n != nil {
		out.Ngram = &ngramModel{MinGram: types.Int64Value(int64(n.MinGram)), MaxGram: types.Int64Value(int64(n.MaxGram)),
			PrefixOnly: types.BoolValue(n.PrefixOnly != nil && *n.PrefixOnly)}
	}
	return out
}

func optionalStringPtr(s *string) types.String {
	if s == nil || *s == "" {
		return types.StringNull()
	}
	return types.StringValue(*s)
}

func deploymentFromAPI(d *client.IndexDeployment) *indexDeploymentModel {
	if d == nil {
		return nil
	}
	switch d.DeploymentType {
	case client.DeploymentManaged:
		return &indexDeploymentModel{Managed: &managedDeploymentModel{
			Cloud: types.StringValue(d.Cloud), Region: types.StringValue(d.Region), Environment: optionalString(d.Environment)}}
	case client.DeploymentBYOC:
		return &indexDeploymentModel{BYOC: &byocDeploymentModel{Environment: types.StringValue(d.Environment)}}
	}
	return nil
}

// ---------------------------------------------------------------------------
// Moving between the modes.

// vectorIndexIdentity describes a vector index the same way whichever mode
// a model uses ("dense:1536:cosine@managed:aws:us-east-1"), or "" when the
// model cannot be compared: a document index, an integrated or pod index, a
// restore or collection source, or values not known yet. Two models with the
// same identity describe the same index, so switching modes needs no
// replacement.
func vectorIndexIdentity(m *indexResourceModel) string {
	if m == nil {
		return ""
	}
	if m.Schema != nil {
		return schemaModeIdentity(m)
	}
	return legacyModeIdentity(m)
}

func schemaModeIdentity(m *indexResourceModel) string {
	fields := m.Schema.Fields
	var vectors string
	dense, hasDense := fields[client.ReservedDenseField]
	_, hasSparse := fields[client.ReservedSparseField]
	switch {
	case len(fields) == 0 || len(fields) > 2 || (len(fields) == 2 && (!hasDense || !hasSparse)):
		return ""
	case hasDense && dense.DenseVector != nil:
		d := dense.DenseVector
		if d.Dimension.IsUnknown() || d.Metric.IsUnknown() {
			return ""
		}
		vectors = "dense:" + strconv.FormatInt(d.Dimension.ValueInt64(), 10) + ":" + d.Metric.ValueString()
	case hasSparse && len(fields) == 1:
		vectors = "sparse"
	default:
		return ""
	}
	where := ""
	switch d := m.Deployment; {
	case d == nil:
		return ""
	case d.Managed != nil:
		where = "managed:" + d.Managed.Cloud.ValueString() + ":" + d.Managed.Region.ValueString()
	case d.BYOC != nil:
		where = "byoc:" + d.BYOC.Environment.ValueString()
	}
	return vectors + "@" + where
}

func legacyModeIdentity(m *indexResourceModel) string {
	if m.Embed != nil || m.Spec == nil || !m.SourceBackupID.IsNull() && !m.SourceBackupID.IsUnknown() {
		return ""
	}
	var vectors string
	switch vt := m.VectorType.ValueString(); {
	case m.VectorType.IsUnknown():
		return ""
	case vt == "sparse":
		vectors = "sparse"
	default:
		if m.Dimension.IsUnknown() || m.Dimension.IsNull() || m.Metric.IsUnknown() {
			return ""
		}
		metric := m.Metric.ValueString()
		if m.Metric.IsNull() {
			metric = "cosine" // Pinecone's default for dense indexes
		}
		vectors = "dense:" + strconv.FormatInt(m.Dimension.ValueInt64(), 10) + ":" + metric
	}
	switch s := m.Spec; {
	case s.Serverless != nil && s.Serverless.Schema == nil && (s.Serverless.SourceCollection.IsNull()):
		return vectors + "@managed:" + s.Serverless.Cloud.ValueString() + ":" + s.Serverless.Region.ValueString()
	case s.BYOC != nil && s.BYOC.Schema == nil:
		return vectors + "@byoc:" + s.BYOC.Environment.ValueString()
	}
	return ""
}

// effectiveReadCapacity is the read capacity a model configures: top-level in
// the schema mode, under spec in the legacy mode.
func effectiveReadCapacity(m *indexResourceModel) *readCapacityModel {
	if m.Schema != nil {
		return m.ReadCapacity
	}
	if s := m.Spec; s != nil {
		switch {
		case s.Serverless != nil:
			return s.Serverless.ReadCapacity
		case s.BYOC != nil:
			return s.BYOC.ReadCapacity
		}
	}
	return nil
}
