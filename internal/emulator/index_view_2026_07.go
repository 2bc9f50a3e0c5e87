package emulator

import (
	"maps"
	"slices"
	"time"
)

// JSON shapes of IndexModel at API 2026-07 (spec db_control_2026-07.oas.yaml,
// IndexModel, IndexDeployment, IndexSchema; TS client 9.0.0, the same
// models). The index has no top-level dimension, metric, vector_type, spec or
// embed any more: where it runs is the deployment, what it holds is
// schema.fields. Field order follows IndexModel's property order.

type indexModel07JSON struct {
	Name               string            `json:"name"`
	Host               string            `json:"host"`
	PrivateHost        string            `json:"private_host,omitempty"`
	Status             indexStatusJSON   `json:"status"`
	Deployment         deploymentJSON    `json:"deployment"`
	ReadCapacity       *readCapacityJSON `json:"read_capacity,omitempty"` // managed and byoc only
	SourceCollection   string            `json:"source_collection,omitempty"`
	SourceBackupID     string            `json:"source_backup_id,omitempty"`
	CmekID             string            `json:"cmek_id,omitempty"`
	Schema             indexSchemaJSON   `json:"schema"`
	Tags               map[string]string `json:"tags"` // null when there are none (IndexTags: "`null` in responses when the index has no tags")
	DeletionProtection string            `json:"deletion_protection"`
}

// deploymentJSON is IndexDeployment, tagged by deployment_type: managed
// {cloud, region, environment}, byoc {environment}, pod {environment,
// pod_type, replicas, shards}.
type deploymentJSON struct {
	DeploymentType string `json:"deployment_type"`
	Cloud          string `json:"cloud,omitempty"`
	Region         string `json:"region,omitempty"`
	Environment    string `json:"environment"`
	PodType        string `json:"pod_type,omitempty"`
	Replicas       *int   `json:"replicas,omitempty"`
	Shards         *int   `json:"shards,omitempty"`
}

// Deployment types (IndexDeployment's discriminator).
const (
	deploymentManaged = "managed"
	deploymentByoc    = "byoc"
	deploymentPod     = "pod"
)

// indexSchemaJSON is IndexSchema; each value is one of the field shapes
// below (TypedIndexSchemaField or LegacyMetadataField).
type indexSchemaJSON struct {
	Fields map[string]any `json:"fields"`
}

type denseFieldJSON struct {
	Type        string  `json:"type"`
	Description *string `json:"description"`
	Dimension   int     `json:"dimension"`
	Metric      string  `json:"metric"`
}

type sparseFieldJSON struct {
	Type        string  `json:"type"`
	Description *string `json:"description"`
}

type stringFieldJSON struct {
	Type           string       `json:"type"`
	Description    *string      `json:"description"`
	FullTextSearch fullTextJSON `json:"full_text_search"`
}

type fullTextJSON struct {
	Language  string     `json:"language"`
	Stemming  bool       `json:"stemming"`
	StopWords bool       `json:"stop_words"`
	Ngram     *ngramJSON `json:"ngram,omitempty"` // only for n-gram fields
}

type ngramJSON struct {
	MinGram    int  `json:"min_gram"`
	MaxGram    int  `json:"max_gram"`
	PrefixOnly bool `json:"prefix_only"`
}

// semanticFieldJSON is SemanticTextField: dimension is null for sparse
// models, the parameters null when there are none.
type semanticFieldJSON struct {
	Type            string         `json:"type"`
	Description     *string        `json:"description"`
	Model           string         `json:"model"`
	Dimension       *int           `json:"dimension"`
	Metric          string         `json:"metric"`
	ReadParameters  map[string]any `json:"read_parameters"`
	WriteParameters map[string]any `json:"write_parameters"`
}

// legacyFieldJSON is LegacyMetadataField: a filterable metadata field of an
// index created with a MetadataSchema (or pod metadata_config), which
// carries only filterable and no type.
type legacyFieldJSON struct {
	Filterable bool `json:"filterable"`
}

// render returns ix as the API version asks for it.
func (ix *index) render(version string, t time.Time, f fresh) any {
	if version == apiVersion2026_07 {
		return ix.view07(t, f)
	}
	return ix.view(t, f)
}

// view07 renders ix as a 2026-07 IndexModel at time t; f marks transitions
// started by the request being answered, as for view.
func (ix *index) view07(t time.Time, f fresh) indexModel07JSON {
	state, ready := ix.status(t, f)
	out := indexModel07JSON{
		Name:               ix.name,
		Host:               ix.host,
		PrivateHost:        ix.privateHost,
		Status:             indexStatusJSON{Ready: ready, State: state},
		Deployment:         ix.deploymentView(),
		SourceCollection:   ix.sourceCollection,
		SourceBackupID:     ix.sourceBackupID,
		CmekID:             ix.cmekID,
		Schema:             ix.schemaView07(ix.podIndexedFields()),
		Tags:               maps.Clone(ix.tags),
		DeletionProtection: ix.deletionProtection,
	}
	if ix.kind != specPod {
		rc := ix.readCapacityView(t, f)
		out.ReadCapacity = &rc
	}
	return out
}

// deploymentView maps the stored spec kind to a deployment. A serverless
// index's environment is its cell, the id in its host, as in the spec's
// ManagedDeployment.environment example "aped-4627-b74a".
func (ix *index) deploymentView() deploymentJSON {
	switch ix.kind {
	case specPod:
		return deploymentJSON{DeploymentType: deploymentPod, Environment: ix.environment, PodType: ix.podType,
			Replicas: intPtr(ix.replicas), Shards: intPtr(ix.shards)}
	case specByoc:
		return deploymentJSON{DeploymentType: deploymentByoc, Environment: ix.environment}
	}
	return deploymentJSON{DeploymentType: deploymentManaged, Cloud: ix.cloud, Region: ix.region, Environment: ix.cell}
}

// podIndexedFields returns the fields of a pod index's metadata_config,
// which 2026-07 reports as legacy filterable fields like a MetadataSchema.
func (ix *index) podIndexedFields() []string {
	if ix.metadataConfig == nil {
		return nil
	}
	return ix.metadataConfig.indexed
}

// schemaView07 renders the schema.fields of an index or backup. A document
// index shows its fields as created, with defaults. An index made with the
// old shapes shows what IndexSchema.fields describes for it: a semantic_text
// field named after field_map's text entry when it is integrated; otherwise
// _values and _sparse_values when dense ("Dense vectors-API indexes always
// report both") or _sparse_values when sparse; plus its filterable metadata
// fields (and extra, a pod index's metadata_config) as legacy fields. The
// vector and semantic fields win a name clash with a metadata field.
func (v *vectorSchema) schemaView07(extra []string) indexSchemaJSON {
	fields := make(map[string]any)
	for _, name := range slices.Concat(v.schema, extra) {
		fields[name] = legacyFieldJSON{Filterable: true}
	}
	switch {
	case v.isDocument():
		for _, f := range v.docFields {
			fields[f.name] = f.view()
		}
	case v.embed != nil:
		fields[v.embed.textField()] = v.embed.semanticView()
	case v.vectorType == vectorDense:
		fields[reservedDense] = denseFieldJSON{Type: fieldDenseVector, Dimension: v.dimension, Metric: v.metric}
		fields[reservedSparse] = sparseFieldJSON{Type: fieldSparseVector}
	default:
		fields[reservedSparse] = sparseFieldJSON{Type: fieldSparseVector}
	}
	return indexSchemaJSON{Fields: fields}
}

// view renders one field of a document index.
func (f docField) view() any {
	switch f.kind {
	case fieldDenseVector:
		return denseFieldJSON{Type: f.kind, Description: f.description, Dimension: f.dimension, Metric: f.metric}
	case fieldSparseVector:
		return sparseFieldJSON{Type: f.kind, Description: f.description}
	}
	out := stringFieldJSON{Type: f.kind, Description: f.description, FullTextSearch: fullTextJSON{
		Language: f.fts.language, Stemming: f.fts.stemming, StopWords: f.fts.stopWords}}
	if n := f.fts.ngram; n != nil {
		out.FullTextSearch.Ngram = &ngramJSON{MinGram: n.minGram, MaxGram: n.maxGram, PrefixOnly: n.prefixOnly}
	}
	return out
}

// textField is the name the semantic_text field takes: field_map's "text"
// entry (create_index_for_model: "named after the field_map text entry").
// For a field_map without a text key, the value of its first key in sorted
// order stands in (chosen: production's answer is not documented).
func (e *indexEmbed) textField() string {
	if name, ok := e.fieldMap["text"]; ok {
		return name
	}
	if keys := slices.Sorted(maps.Keys(e.fieldMap)); len(keys) > 0 {
		return e.fieldMap[keys[0]]
	}
	return "text"
}

func (e *indexEmbed) semanticView() semanticFieldJSON {
	out := semanticFieldJSON{
		Type:            fieldSemanticText,
		Model:           e.model,
		Metric:          e.metric,
		ReadParameters:  maps.Clone(e.readParams),
		WriteParameters: maps.Clone(e.writeParams),
	}
	if e.dimension != 0 {
		out.Dimension = intPtr(e.dimension)
	}
	return out
}
