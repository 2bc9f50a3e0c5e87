package emulator

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// embedModel is one entry of the inference model catalogue. Its fields follow
// the ModelInfo schema (pinecone-api.md §11) so that a later GET /models can
// render the table directly. Only facts from the document are filled in;
// descriptive numbers that the document does not give (max sequence length,
// batch size, provider) are left zero/empty on purpose.
type embedModel struct {
	Name                string
	ShortDescription    string
	Type                string // "embed"
	VectorType          string // "dense" | "sparse"
	DefaultDimension    int    // 0 for sparse models
	SupportedDimensions []int
	SupportedMetrics    []string
	DefaultMetric       string
	Modality            string
	Parameters          []modelParameter
}

// modelParameter is one of a model's supported_parameters.
type modelParameter struct {
	Name          string
	Type          string // "one_of" | "numeric_range" | "any"
	ValueType     string // "string" | "integer" | "float" | "boolean"
	Required      bool
	AllowedValues []any // strings or ints, for one_of
	Default       any   // nil when there is none
}

// Values the integrated index uses for input_type on each side. The user may
// override them; they are filled in when absent. [unverified] production
// echoes input_type on both sides; this follows Pinecone's public examples.
const (
	readSideInputType  = "query"
	writeSideInputType = "passage"
)

var embedModels = []embedModel{
	{
		Name:                "multilingual-e5-large",
		ShortDescription:    "Multilingual dense text embedding model.",
		Type:                "embed",
		VectorType:          vectorDense,
		DefaultDimension:    1024,
		SupportedDimensions: []int{1024},
		SupportedMetrics:    []string{metricCosine, metricEuclidean},
		DefaultMetric:       metricCosine,
		Modality:            "text",
		Parameters: []modelParameter{
			{Name: "input_type", Type: "one_of", ValueType: "string", Required: true, AllowedValues: []any{"query", "passage"}},
			{Name: "truncate", Type: "one_of", ValueType: "string", AllowedValues: []any{"END", "NONE"}, Default: "END"},
		},
	},
	{
		Name:                "llama-text-embed-v2",
		ShortDescription:    "Dense text embedding model with a choice of dimensions.",
		Type:                "embed",
		VectorType:          vectorDense,
		DefaultDimension:    1024,
		SupportedDimensions: []int{384, 512, 768, 1024, 2048},
		SupportedMetrics:    []string{metricCosine, metricDotproduct},
		DefaultMetric:       metricCosine,
		Modality:            "text",
		Parameters: []modelParameter{
			{Name: "input_type", Type: "one_of", ValueType: "string", Required: true, AllowedValues: []any{"query", "passage"}},
			{Name: "truncate", Type: "one_of", ValueType: "string", AllowedValues: []any{"END", "NONE", "START"}, Default: "END"},
			{Name: "dimension", Type: "one_of", ValueType: "integer", AllowedValues: []any{384, 512, 768, 1024, 2048}, Default: 1024},
		},
	},
	{
		Name:             "pinecone-sparse-english-v0",
		ShortDescription: "Sparse English text embedding model.",
		Type:             "embed",
		VectorType:       vectorSparse,
		SupportedMetrics: []string{metricDotproduct},
		DefaultMetric:    metricDotproduct,
		Modality:         "text",
		Parameters: []modelParameter{
			{Name: "input_type", Type: "one_of", ValueType: "string", Required: true, AllowedValues: []any{"query", "passage"}},
			{Name: "truncate", Type: "one_of", ValueType: "string", AllowedValues: []any{"END", "NONE"}, Default: "END"},
			{Name: "return_tokens", Type: "any", ValueType: "boolean"},
		},
	},
}

func lookupEmbedModel(name string) (*embedModel, bool) {
	for i := range embedModels {
		if embedModels[i].Name == name {
			return &embedModels[i], true
		}
	}
	return nil, false
}

func embedModelNames() string {
	names := make([]string, len(embedModels))
	for i, m := range embedModels {
		names[i] = m.Name
	}
	return strings.Join(names, ", ")
}

func (m *embedModel) supportsDimension(d int) bool { return slices.Contains(m.SupportedDimensions, d) }

func (m *embedModel) supportsMetric(metric string) bool {
	return slices.Contains(m.SupportedMetrics, metric)
}

func (m *embedModel) parameter(name string) (*modelParameter, bool) {
	for i := range m.Parameters {
		if m.Parameters[i].Name == name {
			return &m.Parameters[i], true
		}
	}
	return nil, false
}

// completeParameters validates the read or write parameters sent by the user
// and returns them with the server's defaults added: input_type for the side
// (query for reads, passage for writes), every parameter default the user did
// not send (e.g. truncate: END), and for a model with a dimension parameter
// the index's dimension. This models production's echo (§8.11): responses
// carry more than was sent. field names the side for messages.
func (m *embedModel) completeParameters(field string, params map[string]any, inputType string, dimension int) (map[string]any, *apiError) {
	out := maps.Clone(params)
	if out == nil {
		out = make(map[string]any)
	}
	for _, k := range slices.Sorted(maps.Keys(out)) {
		p, ok := m.parameter(k)
		if !ok {
			return nil, invalidArgument("Parameter %q in embed.%s is not supported by model %s.", k, field, m.Name)
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
		}
	}
	return out, nil
}

// check validates one value as decoded by encoding/json (string, float64,
// bool, ...).
func (p *modelParameter) check(field, model string, v any) *apiError {
	bad := func() *apiError {
		if len(p.AllowedValues) > 0 {
			return invalidArgument("Invalid value %v for parameter %q in embed.%s of model %s. Allowed values: %s.",
				jsonish(v), p.Name, field, model, joinValues(p.AllowedValues))
		}
		return invalidArgument("Invalid value %v for parameter %q in embed.%s of model %s: expected a %s.",
			jsonish(v), p.Name, field, model, p.ValueType)
	}
	switch p.ValueType {
	case "string":
		if _, ok := v.(string); !ok {
			return bad()
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return bad()
		}
	case "integer":
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) {
			return bad()
		}
	case "float":
		if _, ok := v.(float64); !ok {
			return bad()
		}
	}
	if p.Type == "one_of" && len(p.AllowedValues) > 0 {
		for _, a := range p.AllowedValues {
			if fmt.Sprint(a) == fmt.Sprint(v) {
				return nil
			}
		}
		return bad()
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
