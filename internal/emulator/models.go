package emulator

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Model types and parameter kinds of the inference catalogue (spec
// inference_2025-10.oas.yaml, ModelInfo and ModelInfoSupportedParameter).
const (
	modelTypeEmbed  = "embed"
	modelTypeRerank = "rerank"

	paramOneOf        = "one_of"        // allowed_values set
	paramNumericRange = "numeric_range" // min and max set, inclusive
	paramAny          = "any"           // any value of value_type

	valueString  = "string"
	valueInteger = "integer"
	valueFloat   = "float"
	valueBoolean = "boolean"
)

// hostedModel is one entry of the inference model catalogue. Its fields follow
// the ModelInfo schema (spec inference_2025-10.oas.yaml), so GET /models
// renders the table as it is, and create-for-model and PATCH embed validate
// against the same entries. DefaultMetric is the emulator's own: the metric an
// integrated index gets when embed.metric is absent.
type hostedModel struct {
	Name                string
	ShortDescription    string
	Type                string // modelTypeEmbed | modelTypeRerank
	VectorType          string // "dense" | "sparse"; embed models only
	DefaultDimension    int    // dense embed models only; 0 otherwise
	SupportedDimensions []int  // dense embed models only
	SupportedMetrics    []string
	DefaultMetric       string
	Modality            string
	MaxSequenceLength   int
	MaxBatchSize        int
	ProviderName        string
	Parameters          []modelParameter
}

// modelParameter is one of a model's supported_parameters.
type modelParameter struct {
	Name          string
	Type          string // paramOneOf | paramNumericRange | paramAny
	ValueType     string // valueString | valueInteger | valueFloat | valueBoolean
	Required      bool
	AllowedValues []any    // strings or ints, for one_of
	Min, Max      *float64 // for numeric_range
	Default       any      // nil when there is none
}

// modelCatalogue is an ordered list of hosted models. The Server keeps one
// (defaultModels) so tests can serve another.
type modelCatalogue []hostedModel

// Values the integrated index uses for input_type on each side. The user may
// override them; they are filled in when absent. [unverified] production
// echoes input_type on both sides; this follows Pinecone's public examples.
const (
	readSideInputType  = "query"
	writeSideInputType = "passage"
)

func bound(v float64) *float64 { return &v }

var (
	inputTypeParam  = modelParameter{Name: "input_type", Type: paramOneOf, ValueType: valueString, Required: true, AllowedValues: []any{"query", "passage"}}
	truncateEndNone = modelParameter{Name: "truncate", Type: paramOneOf, ValueType: valueString, AllowedValues: []any{"END", "NONE"}, Default: "END"}
)

// defaultModels is the catalogue production lists (docs.pinecone.io
// reference/api/2025-10/inference/list_models; doc.go, "Inference models"):
// the embed models first, then the rerank models, each group by name, which
// is the order of Pinecone's published list_models example.
//
// The facts give the names, types, vector types, dimensions, metrics and the
// multilingual-e5-large parameters. Everything else is [unverified]: it was
// taken from the example response of Pinecone's public list_models reference
// page (API 2025-10), namely max_sequence_length, max_batch_size,
// provider_name, the parameters of llama-text-embed-v2,
// pinecone-sparse-english-v0 and the three rerank models (with their
// defaults and ranges), and the dotproduct metric of llama-text-embed-v2.
// The short descriptions are the emulator's own summaries. That page writes
// metrics capitalized ("Cosine", "DotProduct"); the ModelInfoMetric enum and
// the facts use lowercase, which is what the emulator serves.
var defaultModels = modelCatalogue{
	{
		Name:                "llama-text-embed-v2",
		ShortDescription:    "Dense multilingual text embedding model for question-answering retrieval over long documents, with a choice of output dimensions.",
		Type:                modelTypeEmbed,
		VectorType:          vectorDense,
		DefaultDimension:    1024,
		SupportedDimensions: []int{384, 512, 768, 1024, 2048},
		SupportedMetrics:    []string{metricCosine, metricDotproduct},
		DefaultMetric:       metricCosine,
		Modality:            "text",
		MaxSequenceLength:   2048,     // [unverified]
		MaxBatchSize:        96,       // [unverified]
		ProviderName:        "NVIDIA", // [unverified]
		Parameters: []modelParameter{
			inputTypeParam,
			// [unverified] START in addition to END and NONE.
			{Name: "truncate", Type: paramOneOf, ValueType: valueString, AllowedValues: []any{"END", "NONE", "START"}, Default: "END"},
			// [unverified] the dimension parameter mirrors supported_dimensions.
			{Name: "dimension", Type: paramOneOf, ValueType: valueInteger, AllowedValues: []any{384, 512, 768, 1024, 2048}, Default: 1024},
		},
	},
	{
		Name:                "multilingual-e5-large",
		ShortDescription:    "Dense multilingual text embedding model that copes well with messy data and short queries over passages of one or two paragraphs.",
		Type:                modelTypeEmbed,
		VectorType:          vectorDense,
		DefaultDimension:    1024,
		SupportedDimensions: []int{1024},
		SupportedMetrics:    []string{metricCosine, metricEuclidean},
		DefaultMetric:       metricCosine,
		Modality:            "text",
		MaxSequenceLength:   507,         // [unverified]
		MaxBatchSize:        96,          // [unverified]
		ProviderName:        "Microsoft", // [unverified]
		Parameters:          []modelParameter{inputTypeParam, truncateEndNone},
	},
	{
		Name:              "pinecone-sparse-english-v0",
		ShortDescription:  "Sparse English text embedding model for keyword and hybrid search.",
		Type:              modelTypeEmbed,
		VectorType:        vectorSparse,
		SupportedMetrics:  []string{metricDotproduct},
		DefaultMetric:     metricDotproduct,
		Modality:          "text",
		MaxSequenceLength: 512,        // [unverified]
		MaxBatchSize:      96,         // [unverified]
		ProviderName:      "Pinecone", // [unverified]
		Parameters: []modelParameter{
			inputTypeParam,
			truncateEndNone, // [unverified]
			// [unverified] a boolean, default false.
			{Name: "return_tokens", Type: paramAny, ValueType: valueBoolean, Default: false},
		},
	},
	{
		Name:              "bge-reranker-v2-m3",
		ShortDescription:  "Multilingual reranking model for short queries over passages of one or two paragraphs.",
		Type:              modelTypeRerank,
		Modality:          "text",
		MaxSequenceLength: 1024,   // [unverified]
		MaxBatchSize:      100,    // [unverified]
		ProviderName:      "BAAI", // [unverified]
		Parameters: []modelParameter{
			// [unverified] END or NONE, default NONE.
			{Name: "truncate", Type: paramOneOf, ValueType: valueString, AllowedValues: []any{"END", "NONE"}, Default: "NONE"},
		},
	},
	{
		Name:              "cohere-rerank-3.5",
		ShortDescription:  "Cohere's reranking model for enterprise search, balancing quality and latency.",
		Type:              modelTypeRerank,
		Modality:          "text",
		MaxSequenceLength: 40000,    // [unverified]
		MaxBatchSize:      200,      // [unverified]
		ProviderName:      "Cohere", // [unverified]
		Parameters: []modelParameter{
			// [unverified] an integer from 1 to 3072, default 3072.
			{Name: "max_chunks_per_doc", Type: paramNumericRange, ValueType: valueInteger, Min: bound(1), Max: bound(3072), Default: 3072},
		},
	},
	{
		Name:              "pinecone-rerank-v0",
		ShortDescription:  "Pinecone's reranking model for chunks of up to 512 tokens.",
		Type:              modelTypeRerank,
		Modality:          "text",
		MaxSequenceLength: 512,                               // [unverified]
		MaxBatchSize:      100,                               // [unverified]
		ProviderName:      "Pinecone",                        // [unverified]
		Parameters:        []modelParameter{truncateEndNone}, // [unverified]
	},
}

// find returns the model called name, of any type.
func (c modelCatalogue) find(name string) (*hostedModel, bool) {
	for i := range c {
		if c[i].Name == name {
			return &c[i], true
		}
	}
	return nil, false
}

// embedModelNames lists the embedding models, comma-separated, for messages.
func (c modelCatalogue) embedModelNames() string {
	var names []string
	for _, m := range c {
		if m.Type == modelTypeEmbed {
			names = append(names, m.Name)
		}
	}
	return strings.Join(names, ", ")
}

// embedModel returns the embedding model that embed.model (field, for
// messages) names. An unknown name and a model of another type (a reranker)
// are 400.
func (c modelCatalogue) embedModel(field, name string) (*hostedModel, *apiError) {
	m, ok := c.find(name)
	if !ok {
		return nil, invalidArgument("Model %q in %s is not supported for integrated indexes. Supported models: %s.", name, field, c.embedModelNames())
	}
	if m.Type != modelTypeEmbed {
		return nil, invalidArgument("Model %q in %s is a %s model, not an embedding model, and cannot back an integrated index. Supported models: %s.",
			name, field, m.Type, c.embedModelNames())
	}
	return m, nil
}

func (m *hostedModel) supportsDimension(d int) bool { return slices.Contains(m.SupportedDimensions, d) }

func (m *hostedModel) supportsMetric(metric string) bool {
	return slices.Contains(m.SupportedMetrics, metric)
}

func (m *hostedModel) parameter(name string) (*modelParameter, bool) {
	for i := range m.Parameters {
		if m.Parameters[i].Name == name {
			return &m.Parameters[i], true
		}
	}
	return nil, false
}

func (m *hostedModel) parameterNames() string {
	names := make([]string, len(m.Parameters))
	for i, p := range m.Parameters {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// completeParameters validates the read or write parameters sent by the user
// and returns them with what the server fills in: input_type for the side
// (query for reads, passage for writes), for a model with a dimension
// parameter the index's dimension, and every other parameter default the
// user did not send (e.g. truncate: END). This models production's echo
// (doc.go, "Integrated inference"): responses carry more than was sent. A required parameter that is
// still missing afterwards is 400. field names the side for messages.
func (m *hostedModel) completeParameters(field string, params map[string]any, inputType string, dimension int) (map[string]any, *apiError) {
	out := maps.Clone(params)
	if out == nil {
		out = make(map[string]any)
	}
	for _, k := range slices.Sorted(maps.Keys(out)) {
		p, ok := m.parameter(k)
		if !ok {
			return nil, invalidArgument("Parameter %q in embed.%s is not supported by model %s. Supported parameters: %s.",
				k, field, m.Name, m.parameterNames())
		}
		if err := p.check(field, m.Name, out[k]); err != nil {
			return nil, err
		}
		if k == "dimension" && dimension != 0 {
			if v, _ := out[k].(float64); int(v) != dimension {
				return nil, invalidArgument("embed.%s.dimension (%v) must equal the index dimension (%d).", field, out[k], dimension)
			}
		}
	}
	for _, p := range m.Parameters {
		if _, ok := out[p.Name]; ok {
			continue
		}
		switch {
		case p.Name == "input_type":
			out[p.Name] = inputType
		case p.Name == "dimension" && dimension != 0:
			out[p.Name] = dimension
		case p.Default != nil:
			out[p.Name] = p.Default
		case p.Required:
			return nil, invalidArgument("Parameter %q in embed.%s is required by model %s.%s", p.Name, field, m.Name, p.allowedText())
		}
	}
	return out, nil
}

// allowedText describes the values p accepts, for messages: " Allowed
// values: a, b." for one_of, " Allowed range: 1 to 10." for numeric_range,
// and "" otherwise.
func (p *modelParameter) allowedText() string {
	switch {
	case p.Type == paramOneOf && len(p.AllowedValues) > 0:
		return " Allowed values: " + joinValues(p.AllowedValues) + "."
	case p.Type == paramNumericRange && p.Min != nil && p.Max != nil:
		return fmt.Sprintf(" Allowed range: %v to %v.", *p.Min, *p.Max)
	}
	return ""
}

// check validates one value as decoded by encoding/json (string, float64,
// bool, ...): its JSON type against value_type, then allowed_values or the
// [min, max] range.
func (p *modelParameter) check(field, model string, v any) *apiError {
	bad := func(reason string) *apiError {
		return invalidArgument("Invalid value %v for parameter %q in embed.%s of model %s%s.%s",
			jsonish(v), p.Name, field, model, reason, p.allowedText())
	}
	var num float64
	switch p.ValueType {
	case valueString:
		if _, ok := v.(string); !ok {
			return bad(": expected a string")
		}
	case valueBoolean:
		if _, ok := v.(bool); !ok {
			return bad(": expected a boolean")
		}
	case valueInteger:
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) {
			return bad(": expected an integer")
		}
		num = f
	case valueFloat:
		f, ok := v.(float64)
		if !ok {
			return bad(": expected a number")
		}
		num = f
	}
	switch p.Type {
	case paramOneOf:
		if len(p.AllowedValues) > 0 && !slices.ContainsFunc(p.AllowedValues, func(a any) bool { return fmt.Sprint(a) == fmt.Sprint(v) }) {
			return bad("")
		}
	case paramNumericRange:
		if (p.Min != nil && num < *p.Min) || (p.Max != nil && num > *p.Max) {
			return bad(": out of range")
		}
	}
	return nil
}

func jsonish(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

func joinValues(vs []any) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, ", ")
}
