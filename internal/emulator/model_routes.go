package emulator

import (
	"net/http"
	"net/url"
)

// Route templates of the inference model catalogue (spec
// inference_2025-10.oas.yaml: list_models, get_model).
// They take an Api-Key like db_control but are the same for every project.
const (
	routeModels = "/models"
	routeModel  = "/models/{model_name}"
)

func (s *Server) registerModelRoutes() {
	s.handle(http.MethodGet, routeModels, s.handleListModels)
	s.handle(http.MethodGet, routeModel, s.handleDescribeModel)
}

// modelInfoJSON is ModelInfo. Optional keys are left out when the model has
// no value for them: vector_type, dimensions and metrics for rerank models,
// dimensions for sparse ones.
type modelInfoJSON struct {
	Model               string               `json:"model"`
	ShortDescription    string               `json:"short_description"`
	Type                string               `json:"type"`
	VectorType          string               `json:"vector_type,omitempty"`
	DefaultDimension    int                  `json:"default_dimension,omitempty"`
	SupportedDimensions []int                `json:"supported_dimensions,omitempty"`
	SupportedMetrics    []string             `json:"supported_metrics,omitempty"`
	Modality            string               `json:"modality,omitempty"`
	MaxSequenceLength   int                  `json:"max_sequence_length,omitempty"`
	MaxBatchSize        int                  `json:"max_batch_size,omitempty"`
	ProviderName        string               `json:"provider_name,omitempty"`
	SupportedParameters []modelParameterJSON `json:"supported_parameters"`
}

// modelParameterJSON is ModelInfoSupportedParameter: parameter, type,
// value_type and required always; allowed_values, min, max and default only
// when set (a default of false or 0 is still shown).
type modelParameterJSON struct {
	Parameter     string   `json:"parameter"`
	Type          string   `json:"type"`
	ValueType     string   `json:"value_type"`
	Required      bool     `json:"required"`
	AllowedValues []any    `json:"allowed_values,omitempty"`
	Min           *float64 `json:"min,omitempty"`
	Max           *float64 `json:"max,omitempty"`
	Default       any      `json:"default,omitempty"`
}

type modelListJSON struct {
	Models []modelInfoJSON `json:"models"`
}

func (m *hostedModel) view() modelInfoJSON {
	out := modelInfoJSON{
		Model:               m.Name,
		ShortDescription:    m.ShortDescription,
		Type:                m.Type,
		VectorType:          m.VectorType,
		DefaultDimension:    m.DefaultDimension,
		SupportedDimensions: m.SupportedDimensions,
		SupportedMetrics:    m.SupportedMetrics,
		Modality:            m.Modality,
		MaxSequenceLength:   m.MaxSequenceLength,
		MaxBatchSize:        m.MaxBatchSize,
		ProviderName:        m.ProviderName,
		SupportedParameters: make([]modelParameterJSON, len(m.Parameters)),
	}
	for i, p := range m.Parameters {
		out.SupportedParameters[i] = modelParameterJSON{
			Parameter:     p.Name,
			Type:          p.Type,
			ValueType:     p.ValueType,
			Required:      p.Required,
			AllowedValues: p.AllowedValues,
			Min:           p.Min,
			Max:           p.Max,
			Default:       p.Default,
		}
	}
	return out
}

// modelFilter holds the optional type and vector_type query parameters of
// GET /models; "" means no filter.
type modelFilter struct {
	modelType, vectorType string
}

// parseModelFilter reads type (embed | rerank) and vector_type (dense |
// sparse). A parameter that is present must hold one of its values exactly
// (case-sensitive; an empty value is 400 too).
func parseModelFilter(v url.Values) (modelFilter, *apiError) {
	var f modelFilter
	if v.Has("type") {
		f.modelType = v.Get("type")
		if f.modelType != modelTypeEmbed && f.modelType != modelTypeRerank {
			return f, invalidArgument("Invalid value for query parameter `type`: %q. Allowed values: %s, %s.", f.modelType, modelTypeEmbed, modelTypeRerank)
		}
	}
	if v.Has("vector_type") {
		f.vectorType = v.Get("vector_type")
		if f.vectorType != vectorDense && f.vectorType != vectorSparse {
			return f, invalidArgument("Invalid value for query parameter `vector_type`: %q. Allowed values: %s, %s.", f.vectorType, vectorDense, vectorSparse)
		}
	}
	return f, nil
}

// matches reports whether m passes the filter. vector_type keeps only
// models of that vector type, so it leaves out rerank models, which have
// none.
func (f modelFilter) matches(m *hostedModel) bool {
	return (f.modelType == "" || m.Type == f.modelType) && (f.vectorType == "" || m.VectorType == f.vectorType)
}

func (s *Server) handleListModels(q *request) {
	f, err := parseModelFilter(q.r.URL.Query())
	if err != nil {
		q.fail(err)
		return
	}
	out := modelListJSON{Models: []modelInfoJSON{}}
	for i := range s.models {
		if m := &s.models[i]; f.matches(m) {
			out.Models = append(out.Models, m.view())
		}
	}
	writeJSON(q.w, http.StatusOK, out)
}

func (s *Server) handleDescribeModel(q *request) {
	name := q.param("model_name")
	m, ok := s.models.find(name)
	if !ok {
		q.fail(notFound("Model %s not found.", name))
		return
	}
	writeJSON(q.w, http.StatusOK, m.view())
}
