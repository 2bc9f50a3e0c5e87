package client

import (
	"context"
	"net/http"
	"net/url"
)

// Model types and vector types of the inference catalogue.
const (
	ModelTypeEmbed  = "embed"
	ModelTypeRerank = "rerank"
)

// ModelInfo describes a hosted inference model: schema ModelInfo of the
// inference OpenAPI spec (github.com/pinecone-io/pinecone-api,
// 2026-04/inference_2026-04.oas.yaml; operationIds list_models, get_model).
type ModelInfo struct {
	Model               string           `json:"model"`
	ShortDescription    string           `json:"short_description"`
	Type                string           `json:"type"`
	VectorType          string           `json:"vector_type,omitempty"`
	DefaultDimension    *int32           `json:"default_dimension,omitempty"`
	SupportedDimensions []int32          `json:"supported_dimensions,omitempty"`
	SupportedMetrics    []string         `json:"supported_metrics,omitempty"`
	Modality            string           `json:"modality,omitempty"`
	MaxSequenceLength   *int64           `json:"max_sequence_length,omitempty"`
	MaxBatchSize        *int64           `json:"max_batch_size,omitempty"`
	ProviderName        string           `json:"provider_name,omitempty"`
	SupportedParameters []ModelParameter `json:"supported_parameters"`
}

// ModelParameter is one parameter a model accepts.
type ModelParameter struct {
	Parameter     string   `json:"parameter"`
	Type          string   `json:"type"`       // one_of | numeric_range | any
	ValueType     string   `json:"value_type"` // string | integer | float | boolean
	Required      bool     `json:"required"`
	AllowedValues []any    `json:"allowed_values,omitempty"`
	Min           *float64 `json:"min,omitempty"`
	Max           *float64 `json:"max,omitempty"`
	Default       any      `json:"default,omitempty"`
}

type modelList struct {
	Models []ModelInfo `json:"models"`
}

// ListModels lists the catalogue; modelType and vectorType filter it when set.
func (c *Client) ListModels(ctx context.Context, modelType, vectorType string) ([]ModelInfo, error) {
	q := url.Values{}
	if modelType != "" {
		q.Set("type", modelType)
	}
	if vectorType != "" {
		q.Set("vector_type", vectorType)
	}
	out, err := doJSON[modelList](ctx, c, call{method: http.MethodGet, path: "/models", query: q})
	if err != nil {
		return nil, err
	}
	if out.Models == nil {
		out.Models = []ModelInfo{}
	}
	return out.Models, nil
}

// DescribeModel returns one model; ErrNotFound for an unknown name.
func (c *Client) DescribeModel(ctx context.Context, name string) (*ModelInfo, error) {
	return doJSON[ModelInfo](ctx, c, call{method: http.MethodGet, path: "/models/" + pathEscape(name)})
}
