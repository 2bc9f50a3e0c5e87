package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// The schema mode's plan-time rules: every rule POST /indexes enforces at API
// 2026-07, from the field descriptions of CreateIndexRequest,
// CreateIndexSchema, DenseVectorField, StringFieldFullTextSearch and
// StringFieldFullTextSearchNgram in Pinecone's TypeScript client 9.0.0, and
// Pinecone's guides on BYOC (dedicated read capacity only) and full-text
// search (n-grams replace word analysis). The emulator enforces the same
// rules with 400s (internal/emulator/CONFORMANCE.md).

func usesSchemaMode(cfg *indexResourceModel) bool {
	return cfg.Schema != nil || cfg.Deployment != nil
}

// validateModeChoice checks that a configuration picks one mode, and reports
// the arguments of the other mode it sets.
func validateModeChoice(cfg *indexResourceModel, report reportFunc) {
	if usesSchemaMode(cfg) {
		if cfg.Deployment == nil {
			report(path.Root("deployment"), "Missing deployment",
				"An index described by `schema` also needs `deployment`, e.g. `deployment = { managed = { cloud = \"aws\", region = \"us-east-1\" } }`.")
		}
		if cfg.Schema == nil {
			report(path.Root("schema"), "Missing schema", "`deployment` describes an index together with `schema`.")
		}
		for name, set := range map[string]bool{
			"dimension":        !cfg.Dimension.IsNull(),
			"metric":           !cfg.Metric.IsNull(),
			"vector_type":      !cfg.VectorType.IsNull(),
			"spec":             cfg.Spec != nil,
			"embed":            cfg.Embed != nil,
			"source_backup_id": !cfg.SourceBackupID.IsNull(),
		} {
			if set {
				report(path.Root(name), "Two index modes mixed",
					fmt.Sprintf("`%s` belongs to the legacy mode and cannot be used with `schema` and `deployment`. In the schema "+
						"mode a vector index is the schema of the reserved fields `%s` (dense) and/or `%s` (sparse); "+
						"integrated, pod-based and restored indexes need the legacy mode.", name, client.ReservedDenseField, client.ReservedSparseField))
			}
		}
		return
	}
	if cfg.Spec == nil {
		report(path.Root("spec"), "Missing index description",
			"Describe the index with `schema` and `deployment` (schema mode), or with `spec` (legacy mode), e.g. "+
				"`spec = { serverless = { cloud = \"aws\", region = \"us-east-1\" } }`.")
	}
	if cfg.ReadCapacity != nil {
		report(path.Root("read_capacity"), "read_capacity belongs to the schema mode",
			"With `spec`, set read capacity under `spec.serverless.read_capacity` or `spec.byoc.read_capacity`.")
	}
	if !cfg.CmekID.IsNull() {
		report(path.Root("cmek_id"), "cmek_id needs the schema mode",
			"Customer-managed encryption keys can only be set on an index described by `schema` and `deployment`.")
	}
}

// validateSchemaModeConfig applies the 2026-07 create rules to a schema-mode
// configuration; unknown values are skipped.
func validateSchemaModeConfig(cfg *indexResourceModel, report reportFunc) {
	if cfg.Schema == nil {
		return
	}
	fieldsPath := path.Root("schema").AtName("fields")
	fields := cfg.Schema.Fields
	if len(fields) == 0 {
		report(fieldsPath, "Empty schema",
			"Schema must contain at least one of the following field types: dense_vector, sparse_vector, string with full_text_search.")
		return
	}
	counts := map[string]int{}
	reserved, fullText := 0, false
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		kind := validateField(name, fields[name], fieldsPath.AtMapKey(name), report)
		counts[kind]++
		if isReservedField(name) {
			reserved++
		}
		fullText = fullText || kind == client.FieldString
	}
	if reserved > 0 && reserved < len(fields) {
		report(fieldsPath, "Reserved fields mixed with named fields",
			fmt.Sprintf("`%s` and `%s` can only make up the whole schema (a vector index). A schema with named fields is a "+
				"document index: give its vector fields names of your own.", client.ReservedDenseField, client.ReservedSparseField))
	}
	for kind, limit := range map[string]int{client.FieldDenseVector: 1, client.FieldSparseVector: 1, client.FieldString: maxFullTextFields} {
		if counts[kind] > limit {
			report(fieldsPath, "Too many "+kind+" fields",
				fmt.Sprintf("An index can have at most %d %s field(s); this schema has %d.", limit, kind, counts[kind]))
		}
	}
	validateDeploymentRules(cfg, fullText, report)
}

func isReservedField(name string) bool {
	return name == client.ReservedDenseField || name == client.ReservedSparseField
}

// validateField checks one field and returns its kind ("" if not exactly one).
func validateField(name string, f indexFieldModel, p path.Path, report reportFunc) string {
	switch {
	case name == "":
		report(p, "Invalid field name", "Field names cannot be empty.")
	case len(name) > maxFieldNameBytes:
		report(p, "Invalid field name", fmt.Sprintf("Field names are at most %d bytes; %q has %d.", maxFieldNameBytes, name, len(name)))
	case strings.HasPrefix(name, "$"):
		report(p, "Invalid field name", fmt.Sprintf("%q: field names cannot start with `$`, which introduces a filter operator.", name))
	case strings.HasPrefix(name, "_") && !isReservedField(name):
		report(p, "Reserved field name", fmt.Sprintf("%q: names starting with `_` are reserved. The only ones a schema can use are "+
			"`%s` (dense_vector) and `%s` (sparse_vector).", name, client.ReservedDenseField, client.ReservedSparseField))
	}
	kind, set := "", 0
	for k, on := range map[string]bool{client.FieldDenseVector: f.DenseVector != nil, client.FieldSparseVector: f.SparseVector != nil, client.FieldString: f.String != nil} {
		if on {
			kind, set = k, set+1
		}
	}
	if set != 1 {
		report(p, "Invalid schema field", fmt.Sprintf("Set exactly one of `dense_vector`, `sparse_vector` or `string` on field %q.", name))
		return ""
	}
	switch name {
	case client.ReservedDenseField:
		if kind != client.FieldDenseVector {
			report(p, "Invalid reserved field", fmt.Sprintf("`%s` must be a `dense_vector` field.", name))
		}
	case client.ReservedSparseField:
		if kind != client.FieldSparseVector {
			report(p, "Invalid reserved field", fmt.Sprintf("`%s` must be a `sparse_vector` field.", name))
		}
	}
	if isReservedField(name) && fieldHasDescription(f) {
		report(p, "Reserved fields take no description", fmt.Sprintf("Remove `description` from `%s`.", name))
	}
	if f.String != nil {
		validateFullTextSearch(f.String.FullTextSearch, p.AtName("string").AtName("full_text_search"), report)
	}
	return kind
}

func fieldHasDescription(f indexFieldModel) bool {
	switch {
	case f.DenseVector != nil:
		return !f.DenseVector.Description.IsNull()
	case f.SparseVector != nil:
		return !f.SparseVector.Description.IsNull()
	}
	return false
}

func validateFullTextSearch(f *fullTextSearchModel, p path.Path, report reportFunc) {
	if f == nil {
		return
	}
	stemming := f.Stemming.ValueBool() && !f.Stemming.IsUnknown()
	stopWords := f.StopWords.ValueBool() && !f.StopWords.IsUnknown()
	if stopWords && !f.Stemming.IsUnknown() && !stemming {
		report(p.AtName("stop_words"), "stop_words needs stemming", "Set `stemming = true` to drop stop words, or remove `stop_words`.")
	}
	if lang := f.Language; stopWords && !lang.IsUnknown() && languagesWithoutStopWords[lang.ValueString()] {
		report(p.AtName("stop_words"), "No stop word list for this language",
			fmt.Sprintf("Pinecone has no stop word list for language %q: remove `stop_words`.", lang.ValueString()))
	}
	n := f.Ngram
	if n == nil {
		return
	}
	if stemming || stopWords {
		report(p.AtName("ngram"), "ngram cannot be combined with stemming or stop_words",
			"N-grams replace word analysis: remove `stemming` and `stop_words`, or remove `ngram`.")
	}
	if !n.MinGram.IsUnknown() && !n.MaxGram.IsUnknown() && n.MinGram.ValueInt64() > n.MaxGram.ValueInt64() {
		report(p.AtName("ngram"), "Invalid n-gram range",
			fmt.Sprintf("`min_gram` (%d) cannot be greater than `max_gram` (%d).", n.MinGram.ValueInt64(), n.MaxGram.ValueInt64()))
	}
}

// validateDeploymentRules checks what depends on the deployment: one kind,
// BYOC only with dedicated read capacity, and encryption keys only on
// managed indexes without full-text fields. (Document indexes may run on
// BYOC: the 2026-07 create_index reference has an example of one.)
func validateDeploymentRules(cfg *indexResourceModel, fullText bool, report reportFunc) {
	d := cfg.Deployment
	if d == nil {
		return
	}
	dp := path.Root("deployment")
	switch {
	case d.Managed == nil && d.BYOC == nil:
		report(dp, "Missing deployment kind", "Set one of `deployment.managed` or `deployment.byoc`.")
		return
	case d.Managed != nil && d.BYOC != nil:
		report(dp, "Two deployment kinds", "Set only one of `deployment.managed` or `deployment.byoc`.")
		return
	}
	cmek := !cfg.CmekID.IsNull()
	if d.BYOC != nil {
		if rc := cfg.ReadCapacity; rc == nil || rc.Dedicated == nil {
			report(path.Root("read_capacity"), "BYOC indexes need dedicated read capacity",
				"BYOC indexes support dedicated read capacity only, not on-demand: set `read_capacity = { dedicated = { ... } }`.")
		}
		if cmek {
			report(path.Root("cmek_id"), "cmek_id is not supported on BYOC", "Customer-managed encryption keys apply to managed deployments only.")
		}
	}
	if cmek && fullText {
		report(path.Root("cmek_id"), "Encrypted indexes cannot have full-text fields",
			"Pinecone rejects a `cmek_id` together with `string` fields that use `full_text_search`.")
	}
}
