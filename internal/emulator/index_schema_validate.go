package emulator

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Index schemas of API 2026-07 (spec db_control_2026-07.oas.yaml,
// CreateIndexSchema, CreateIndexSchemaField, DenseVectorField,
// SparseVectorField, StringField; TS client 9.0.0, the same models).
// A schema of named fields makes a "document index"; a schema of only the
// reserved _values / _sparse_values fields makes the classic vector index
// that earlier versions create from dimension, metric and vector_type.

// Field types. Only the first three can be declared at create; the others
// appear in responses (semantic_text for integrated indexes) or are
// metadata types that the spec says are rejected at create.
const (
	fieldDenseVector  = "dense_vector"
	fieldSparseVector = "sparse_vector"
	fieldString       = "string"
	fieldSemanticText = "semantic_text"

	reservedDense  = "_values"
	reservedSparse = "_sparse_values"
)

// Limits stated by CreateIndexSchema (fields) and the field models.
const (
	maxFieldNameBytes   = 64
	maxDescriptionBytes = 256
	maxFullTextFields   = 100
	maxNgramLength      = 10
	defaultFTSLanguage  = "en"
)

// emptySchemaMessage is the spec's own wording for a schema without fields
// (CreateIndexSchema.fields: "a schema with no fields is rejected with ...").
const emptySchemaMessage = "Schema must contain at least one of the following field types: dense_vector, sparse_vector, string with full_text_search"

// metadataFieldTypes are the types the spec names as metadata types that a
// create request may not declare ("float (also spelled number), boolean,
// string_list"); integer is the legacy spelling of float in responses.
var metadataFieldTypes = []string{"float", "number", "integer", "boolean", "string_list"}

// ftsLanguage is one row of the "Supported languages" table of docs
// guides/search/full-text-search/text-processing: a field's language may be
// given by code or full name, and only some languages have a stop word list.
type ftsLanguage struct {
	code, name string
	stopWords  bool
}

var ftsLanguages = []ftsLanguage{
	{"ar", "arabic", false}, {"da", "danish", true}, {"de", "german", true},
	{"el", "greek", false}, {"en", "english", true}, {"es", "spanish", true},
	{"fi", "finnish", true}, {"fr", "french", true}, {"hu", "hungarian", true},
	{"it", "italian", true}, {"nl", "dutch", true}, {"no", "norwegian", true},
	{"pt", "portuguese", true}, {"ro", "romanian", false}, {"ru", "russian", true},
	{"sv", "swedish", true}, {"ta", "tamil", false}, {"tr", "turkish", false},
}

func findLanguage(s string) (ftsLanguage, bool) {
	for _, l := range ftsLanguages {
		if s == l.code || s == l.name {
			return l, true
		}
	}
	return ftsLanguage{}, false
}

func languageList() string {
	parts := make([]string, len(ftsLanguages))
	for i, l := range ftsLanguages {
		parts[i] = fmt.Sprintf("%s (%s)", l.code, l.name)
	}
	return strings.Join(parts, ", ")
}

// docField is one stored field of a document index, with the server's
// defaults filled in. It is never changed after the create.
type docField struct {
	name        string
	kind        string  // fieldDenseVector | fieldSparseVector | fieldString
	description *string // nil: none was set (rendered as null)
	dimension   int     // dense_vector
	metric      string  // dense_vector
	fts         fullText
}

// fullText is a string field's full_text_search configuration.
type fullText struct {
	language  string // as sent ("fr" or "french"); "en" by default
	stemming  bool
	stopWords bool
	ngram     *ngram // nil: word tokens
}

type ngram struct {
	minGram, maxGram int
	prefixOnly       bool
}

// Request bodies of a 2026-07 schema. Pointers make absent and null alike.

type schemaFieldsBody struct {
	Fields map[string]*schemaFieldBody `json:"fields"`
}

type schemaFieldBody struct {
	Type           *string       `json:"type"`
	Description    *string       `json:"description"`
	Dimension      *int64        `json:"dimension"`
	Metric         *string       `json:"metric"`
	FullTextSearch *fullTextBody `json:"full_text_search"`
}

type fullTextBody struct {
	Language  *string    `json:"language"`
	Stemming  *bool      `json:"stemming"`
	StopWords *bool      `json:"stop_words"`
	Ngram     *ngramBody `json:"ngram"`
}

type ngramBody struct {
	MinGram    *int64 `json:"min_gram"`
	MaxGram    *int64 `json:"max_gram"`
	PrefixOnly *bool  `json:"prefix_only"`
}

// missingField names the first required key that is absent, which serde
// reports as a 422 before any rule is checked: the field type (the tag of
// the oneOf), dense_vector's dimension and metric (the spec's 422 example
// for create_index is "missing field `metric`") and ngram's min_gram and
// max_gram.
func (b *schemaFieldsBody) missingField() string {
	if b == nil {
		return "schema"
	}
	if b.Fields == nil {
		return "fields"
	}
	for _, name := range slices.Sorted(maps.Keys(b.Fields)) {
		if f := b.Fields[name].missingField(); f != "" {
			return f
		}
	}
	return ""
}

func (f *schemaFieldBody) missingField() string {
	switch {
	case f == nil || f.Type == nil:
		return "type"
	case *f.Type == fieldDenseVector && f.Dimension == nil:
		return "dimension"
	case *f.Type == fieldDenseVector && f.Metric == nil:
		return "metric"
	case *f.Type == fieldString && f.FullTextSearch != nil && f.FullTextSearch.Ngram != nil:
		n := f.FullTextSearch.Ngram
		if n.MinGram == nil {
			return "min_gram"
		}
		if n.MaxGram == nil {
			return "max_gram"
		}
	}
	return ""
}

// parseSchemaFields validates a 2026-07 create schema whose required keys
// are present (missingField) and returns its fields sorted by name. The
// checks run in this order: an empty schema, each field by name (its name,
// type, description, then its type's settings), the reserved names, then
// the per-type counts.
func parseSchemaFields(fields map[string]*schemaFieldBody) ([]docField, *apiError) {
	if len(fields) == 0 {
		return nil, invalidArgument("%s", emptySchemaMessage)
	}
	out := make([]docField, 0, len(fields))
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		f, err := parseDocField(name, fields[name])
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	if err := checkReservedFields(out); err != nil {
		return nil, err
	}
	return out, checkFieldCounts(out)
}

// parseDocField validates one field and fills in the server's defaults.
func parseDocField(name string, b *schemaFieldBody) (docField, *apiError) {
	if err := validateFieldName(name); err != nil {
		return docField{}, err
	}
	f := docField{name: name, kind: *b.Type}
	if err := checkFieldType(name, f.kind); err != nil {
		return docField{}, err
	}
	if err := checkDescription(name, b.Description); err != nil {
		return docField{}, err
	}
	f.description = b.Description
	switch f.kind {
	case fieldDenseVector:
		return f, parseDenseField(&f, b)
	case fieldString:
		fts, err := parseFullText(name, b.FullTextSearch)
		f.fts = fts
		return f, err
	}
	return f, nil // sparse_vector has nothing more
}

// validateFieldName applies CreateIndexSchema.fields: non-empty, at most 64
// bytes, not starting with "$" (a filter operator); names starting with "_"
// are reserved, except the two reserved vector fields.
func validateFieldName(name string) *apiError {
	switch {
	case name == "":
		return invalidArgument("Schema field names must not be empty.")
	case len(name) > maxFieldNameBytes:
		return invalidArgument("Schema field name %q is %d bytes long; field names may be at most %d bytes.", name, len(name), maxFieldNameBytes)
	case strings.HasPrefix(name, "$"):
		return invalidArgument("Schema field name %q must not start with '$', which introduces a filter operator.", name)
	case strings.HasPrefix(name, "_") && name != reservedDense && name != reservedSparse:
		return invalidArgument("Schema field name %q is reserved: names starting with '_' are reserved. Only %s (dense_vector) and %s (sparse_vector) may be declared, and only as the whole schema.", name, reservedDense, reservedSparse)
	}
	return nil
}

// checkFieldType accepts the three types a create may declare and says
// what to do instead for the others (CreateIndexSchemaField).
func checkFieldType(name, kind string) *apiError {
	switch {
	case kind == fieldDenseVector || kind == fieldSparseVector || kind == fieldString:
	case kind == fieldSemanticText:
		return invalidArgument("Field %q: type semantic_text cannot be declared in a schema. Create an index with an integrated embedding model through POST /indexes/create-for-model instead.", name)
	case slices.Contains(metadataFieldTypes, kind):
		return invalidArgument("Field %q: type %s is a metadata type and cannot be declared in the schema. Include the values as document metadata; they are indexed for filtering automatically.", name, kind)
	default:
		return invalidArgument("Field %q: unknown type %q. Must be one of: dense_vector, sparse_vector, string.", name, kind)
	}
	switch {
	case name == reservedDense && kind != fieldDenseVector:
		return invalidArgument("Reserved field %s must be of type dense_vector, got %s.", name, kind)
	case name == reservedSparse && kind != fieldSparseVector:
		return invalidArgument("Reserved field %s must be of type sparse_vector, got %s.", name, kind)
	}
	return nil
}

// checkDescription: at most 256 bytes, and none at all on a reserved field
// (CreateIndexSchema.fields: "Reserved fields do not accept a
// description"; an empty string counts as one).
func checkDescription(name string, d *string) *apiError {
	switch {
	case d == nil:
		return nil
	case isReservedField(name):
		return invalidArgument("Reserved field %s does not accept a description.", name)
	case len(*d) > maxDescriptionBytes:
		return invalidArgument("Field %q: description is %d bytes long; descriptions may be at most %d bytes.", name, len(*d), maxDescriptionBytes)
	}
	return nil
}

func isReservedField(name string) bool { return name == reservedDense || name == reservedSparse }

func parseDenseField(f *docField, b *schemaFieldBody) *apiError {
	if d := *b.Dimension; d < 1 || d > maxDimension {
		return invalidArgument("Field %q: dimension %d is out of range. Must be between 1 and %d.", f.name, d, maxDimension)
	}
	if err := validateMetric(*b.Metric); err != nil {
		return invalidArgument("Field %q: %s", f.name, err.message)
	}
	f.dimension, f.metric = int(*b.Dimension), *b.Metric
	return nil
}

// parseFullText applies StringField.full_text_search: required (an empty
// object means all defaults), a language from the docs' table, stop_words
// only with stemming (and only for a language with a stop word list), and
// ngram bounds, never together with stemming or stop_words.
func parseFullText(name string, b *fullTextBody) (fullText, *apiError) {
	if b == nil {
		return fullText{}, invalidArgument("Field %q: a string field needs a full_text_search object ({} for the defaults). String fields used only for filtering are not declared in the schema: metadata is indexed automatically.", name)
	}
	out := fullText{language: defaultFTSLanguage}
	if b.Language != nil {
		out.language = *b.Language
	}
	lang, ok := findLanguage(out.language)
	if !ok {
		return fullText{}, invalidArgument("Field %q: unsupported full_text_search.language %q. Supported languages (code or name): %s.", name, out.language, languageList())
	}
	out.stemming = b.Stemming != nil && *b.Stemming
	out.stopWords = b.StopWords != nil && *b.StopWords
	if b.Ngram != nil {
		n, err := parseNgram(name, b.Ngram, out)
		if err != nil {
			return fullText{}, err
		}
		out.ngram = n
	}
	switch {
	case out.stopWords && !out.stemming:
		return fullText{}, invalidArgument("Field %q: full_text_search.stop_words requires stemming: true.", name)
	case out.stopWords && !lang.stopWords:
		return fullText{}, invalidArgument("Field %q: language %q has no stop word list, so full_text_search.stop_words cannot be true.", name, out.language)
	}
	return out, nil
}

func parseNgram(name string, b *ngramBody, fts fullText) (*ngram, *apiError) {
	minG, maxG := *b.MinGram, *b.MaxGram
	switch {
	case fts.stemming || fts.stopWords:
		return nil, invalidArgument("Field %q: full_text_search.ngram cannot be combined with stemming or stop_words.", name)
	case minG < 1:
		return nil, invalidArgument("Field %q: full_text_search.ngram.min_gram must be at least 1, got %d.", name, minG)
	case minG > maxG:
		return nil, invalidArgument("Field %q: full_text_search.ngram.min_gram (%d) must not be greater than max_gram (%d).", name, minG, maxG)
	case maxG > maxNgramLength:
		return nil, invalidArgument("Field %q: full_text_search.ngram.max_gram must be at most %d, got %d.", name, maxNgramLength, maxG)
	}
	return &ngram{minGram: int(minG), maxGram: int(maxG), prefixOnly: b.PrefixOnly != nil && *b.PrefixOnly}, nil
}

// checkReservedFields: _values and _sparse_values are accepted "only as the
// whole schema" (CreateIndexSchema.fields).
func checkReservedFields(fields []docField) *apiError {
	var reserved, named []string
	for _, f := range fields {
		if isReservedField(f.name) {
			reserved = append(reserved, f.name)
		} else {
			named = append(named, f.name)
		}
	}
	if len(reserved) > 0 && len(named) > 0 {
		return invalidArgument("Reserved fields %s can only make up the whole schema; they cannot be combined with other fields (%s).",
			strings.Join(reserved, " and "), strings.Join(named, ", "))
	}
	return nil
}

// checkFieldCounts: at most one dense_vector, one sparse_vector and 100
// full-text string fields (CreateIndexSchema).
func checkFieldCounts(fields []docField) *apiError {
	byKind := map[string][]string{}
	for _, f := range fields {
		byKind[f.kind] = append(byKind[f.kind], f.name)
	}
	for _, kind := range []string{fieldDenseVector, fieldSparseVector} {
		if names := byKind[kind]; len(names) > 1 {
			return invalidArgument("Schema declares %d %s fields (%s); at most one %s field is allowed.", len(names), kind, strings.Join(names, ", "), kind)
		}
	}
	if n := len(byKind[fieldString]); n > maxFullTextFields {
		return invalidArgument("Schema declares %d full_text_search string fields; at most %d are allowed.", n, maxFullTextFields)
	}
	return nil
}

// hasFullText reports whether any field is a full-text string field.
func hasFullText(fields []docField) bool {
	return slices.ContainsFunc(fields, func(f docField) bool { return f.kind == fieldString })
}

// applySchema stores validated fields on v. A schema of only the reserved
// fields is the classic vector index earlier versions create from
// dimension, metric and vector_type (dense when _values is present, which
// also carries _sparse_values; sparse otherwise), so it is stored exactly
// like one. Named fields make a document index, whose legacy vector
// settings (what 2025-10 and 2026-04 render) come from its dense_vector
// field, or are sparse / dotproduct without one (see doc.go).
func (v *vectorSchema) applySchema(fields []docField) {
	dense := slices.IndexFunc(fields, func(f docField) bool { return f.kind == fieldDenseVector })
	v.vectorType, v.metric, v.dimension = vectorSparse, metricDotproduct, 0
	if dense >= 0 {
		v.vectorType, v.metric, v.dimension = vectorDense, fields[dense].metric, fields[dense].dimension
	}
	if !isReservedField(fields[0].name) {
		v.docFields = fields
	}
}
