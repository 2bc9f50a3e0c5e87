package provider

import (
	"maps"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

func documentPlan() *indexResourceModel {
	m := &indexResourceModel{}
	m.Name = types.StringValue("docs")
	m.DeletionProtection = types.StringValue("disabled")
	m.CmekID = types.StringNull()
	m.Deployment = &indexDeploymentModel{Managed: &managedDeploymentModel{
		Cloud: types.StringValue("aws"), Region: types.StringValue("us-east-1"), Environment: types.StringUnknown()}}
	m.Schema = &indexSchemaModel{Fields: map[string]indexFieldModel{
		"body": {String: &stringFieldModel{Description: types.StringValue("text"), FullTextSearch: &fullTextSearchModel{
			Language: types.StringValue("en"), Stemming: types.BoolValue(true), StopWords: types.BoolValue(false)}}},
		"sku": {String: &stringFieldModel{Description: types.StringNull(), FullTextSearch: &fullTextSearchModel{
			Language: types.StringValue("en"), Stemming: types.BoolValue(false), StopWords: types.BoolValue(false),
			Ngram: &ngramModel{MinGram: types.Int64Value(2), MaxGram: types.Int64Value(4), PrefixOnly: types.BoolValue(true)}}}},
		"v": {DenseVector: &denseVectorFieldModel{Dimension: types.Int64Value(8), Metric: types.StringValue("cosine"), Description: types.StringNull()}},
	}}
	return m
}

func TestNewCreateSchemaIndexRequest(t *testing.T) {
	got := jsonOf(t, newCreateSchemaIndexRequest(documentPlan(), map[string]string{"team": "a"}))
	want := `{"name":"docs","deployment":{"deployment_type":"managed","cloud":"aws","region":"us-east-1"},"schema":{"fields":{` +
		`"body":{"type":"string","description":"text","full_text_search":{"language":"en","stemming":true,"stop_words":false}},` +
		`"sku":{"type":"string","full_text_search":{"language":"en","stemming":false,"stop_words":false,"ngram":{"min_gram":2,"max_gram":4,"prefix_only":true}}},` +
		`"v":{"type":"dense_vector","dimension":8,"metric":"cosine"}}},"tags":{"team":"a"},"deletion_protection":"disabled"}`
	if got != want {
		t.Errorf("request\n got %s\nwant %s", got, want)
	}
}

func TestSchemaFromAPI_keepsManagedFieldsOnly(t *testing.T) {
	yes, dim, desc := true, int32(8), "text"
	api := &client.IndexSchema{Fields: map[string]client.SchemaField{
		"body":   {Type: client.FieldString, Description: &desc, FullTextSearch: &client.FullTextSearch{Language: "de", Stemming: &yes, StopWords: &yes}},
		"v":      {Type: client.FieldDenseVector, Dimension: &dim, Metric: "cosine"},
		"genre":  {Type: client.FieldString, Filterable: &yes}, // metadata added by upserts
		"year":   {Filterable: &yes},                           // legacy metadata field
		"rating": {Type: "float", Filterable: &yes},
	}}
	got := schemaFromAPI(api, nil)
	if len(got.Fields) != 2 {
		t.Fatalf("fields %v, want body and v only", slices.Sorted(maps.Keys(got.Fields)))
	}
	body := got.Fields["body"].String
	if body.Description.ValueString() != "text" || body.FullTextSearch.Language.ValueString() != "de" ||
		!body.FullTextSearch.StopWords.ValueBool() || body.FullTextSearch.Ngram != nil {
		t.Errorf("body = %+v", body)
	}
	if v := got.Fields["v"].DenseVector; v.Dimension.ValueInt64() != 8 || !v.Description.IsNull() {
		t.Errorf("v = %+v", v)
	}
}

func TestSchemaFromAPI_sparseValuesOfDenseIndexOnlyWhenDeclared(t *testing.T) {
	dim := int32(4)
	api := &client.IndexSchema{Fields: map[string]client.SchemaField{
		client.ReservedDenseField:  {Type: client.FieldDenseVector, Dimension: &dim, Metric: "dotproduct"},
		client.ReservedSparseField: {Type: client.FieldSparseVector},
	}}
	if got := schemaFromAPI(api, nil); len(got.Fields) != 1 {
		t.Errorf("undeclared: fields %v, want _values only", slices.Sorted(maps.Keys(got.Fields)))
	}
	prior := &indexSchemaModel{Fields: map[string]indexFieldModel{client.ReservedSparseField: {}}}
	if got := schemaFromAPI(api, prior); len(got.Fields) != 2 {
		t.Errorf("declared: fields %v, want both", slices.Sorted(maps.Keys(got.Fields)))
	}
	sparseOnly := &client.IndexSchema{Fields: map[string]client.SchemaField{client.ReservedSparseField: {Type: client.FieldSparseVector}}}
	if got := schemaFromAPI(sparseOnly, nil); len(got.Fields) != 1 {
		t.Errorf("sparse index: fields %v, want _sparse_values", slices.Sorted(maps.Keys(got.Fields)))
	}
}

func TestInSchemaMode(t *testing.T) {
	doc := &client.IndexModel{Schema: &client.IndexSchema{Fields: map[string]client.SchemaField{
		"t": {Type: client.FieldString, FullTextSearch: &client.FullTextSearch{}}}}}
	vector := &client.IndexModel{Schema: &client.IndexSchema{Fields: map[string]client.SchemaField{
		client.ReservedDenseField: {Type: client.FieldDenseVector}}}}
	legacy := &indexResourceModel{indexCommonModel: indexCommonModel{Spec: &indexSpecModel{}}}
	schema := &indexResourceModel{indexSchemaModeModel: indexSchemaModeModel{Schema: &indexSchemaModel{}}}
	imported := &indexResourceModel{}
	for _, tc := range []struct {
		name  string
		prior *indexResourceModel
		ix    *client.IndexModel
		want  bool
	}{
		{"legacy state stays legacy", legacy, doc, false},
		{"schema state stays schema", schema, vector, true},
		{"imported document index", imported, doc, true},
		{"imported vector index", imported, vector, false},
		{"no prior vector index", nil, vector, false},
	} {
		if got := inSchemaMode(tc.prior, tc.ix); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestVectorIndexIdentity(t *testing.T) {
	legacy := serverlessPlan(t)
	legacy.Metric = types.StringValue("euclidean")
	legacy.VectorType = types.StringValue("dense")
	legacy.SourceBackupID = types.StringNull()

	schemaMode := func(fields map[string]indexFieldModel) *indexResourceModel {
		m := documentPlan()
		m.Schema.Fields = fields
		return m
	}
	dense := func(d int64, metric string) indexFieldModel {
		return indexFieldModel{DenseVector: &denseVectorFieldModel{Dimension: types.Int64Value(d), Metric: types.StringValue(metric)}}
	}
	same := schemaMode(map[string]indexFieldModel{client.ReservedDenseField: dense(3, "euclidean")})
	withSparse := schemaMode(map[string]indexFieldModel{client.ReservedDenseField: dense(3, "euclidean"), client.ReservedSparseField: {SparseVector: &sparseVectorFieldModel{}}})
	otherMetric := schemaMode(map[string]indexFieldModel{client.ReservedDenseField: dense(3, "cosine")})
	otherRegion := schemaMode(map[string]indexFieldModel{client.ReservedDenseField: dense(3, "euclidean")})
	otherRegion.Deployment.Managed.Region = types.StringValue("eu-west-1")

	want := vectorIndexIdentity(legacy)
	if want != "dense:3:euclidean@managed:aws:us-east-1" {
		t.Fatalf("legacy identity %q", want)
	}
	for name, m := range map[string]*indexResourceModel{"same": same, "with _sparse_values": withSparse} {
		if got := vectorIndexIdentity(m); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	for name, m := range map[string]*indexResourceModel{"other metric": otherMetric, "other region": otherRegion} {
		if got := vectorIndexIdentity(m); got == want {
			t.Errorf("%s: same identity %q", name, got)
		}
	}
	if got := vectorIndexIdentity(documentPlan()); got != "" {
		t.Errorf("document index identity %q, want none", got)
	}
	legacy.Spec.Serverless.SourceCollection = types.StringValue("c")
	if got := vectorIndexIdentity(legacy); got != "" {
		t.Errorf("index from a collection: identity %q, want none", got)
	}
}
