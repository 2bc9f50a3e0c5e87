package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// modelCatalogue looks models up once per provider instance: a plan with many
// integrated indexes asks Pinecone about each model only once.
type modelCatalogue struct {
	mu     sync.Mutex
	models map[string]*client.ModelInfo // nil entry: Pinecone said 404
	embed  []string                     // names of embedding models, once listed
}

// lookup returns the model, (nil, nil) for an unknown model, or an error
// when the catalogue could not be asked (then callers skip their checks).
func (m *modelCatalogue) lookup(ctx context.Context, c *client.Client, name string) (*client.ModelInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if info, ok := m.models[name]; ok {
		return info, nil
	}
	info, err := c.DescribeModel(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		info, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	if m.models == nil {
		m.models = map[string]*client.ModelInfo{}
	}
	m.models[name] = info
	return info, nil
}

// embeddingModelNames lists the catalogue's embedding models (for messages).
func (m *modelCatalogue) embeddingModelNames(ctx context.Context, c *client.Client) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.embed != nil {
		return m.embed
	}
	list, err := c.ListModels(ctx, client.ModelTypeEmbed, "")
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(list))
	for _, info := range list {
		names = append(names, info.Model)
	}
	sort.Strings(names)
	m.embed = names
	return names
}

// defaultMetric is the metric Pinecone picks when none is given: cosine for
// dense models (when supported) and dotproduct for sparse ones (the metric
// field of CreateIndexRequest, operationId create_index, in
// github.com/pinecone-io/pinecone-api 2025-10/db_control_2025-10.oas.yaml).
func defaultMetric(info *client.ModelInfo) string {
	want := "cosine"
	if info.VectorType == "sparse" {
		want = "dotproduct"
	}
	if slices.Contains(info.SupportedMetrics, want) {
		return want
	}
	if len(info.SupportedMetrics) == 1 {
		return info.SupportedMetrics[0]
	}
	return ""
}

// paramProblems checks user parameters against the model's supported ones.
// input_type is filled by Pinecone per side (query/passage), so it is never
// reported missing.
func paramProblems(info *client.ModelInfo, params map[string]string) []string {
	var problems []string
	byName := map[string]client.ModelParameter{}
	var names []string
	for _, p := range info.SupportedParameters {
		byName[p.Parameter] = p
		names = append(names, p.Parameter)
	}
	sort.Strings(names)
	for _, k := range slices.Sorted(maps.Keys(params)) {
		p, ok := byName[k]
		if !ok {
			problems = append(problems, fmt.Sprintf("model %s has no parameter %q (supported: %s)", info.Model, k, strings.Join(names, ", ")))
			continue
		}
		if msg := checkParamValue(p, params[k]); msg != "" {
			problems = append(problems, fmt.Sprintf("parameter %q of model %s: %s", k, info.Model, msg))
		}
	}
	for _, name := range names {
		p := byName[name]
		if _, given := params[name]; p.Required && !given && p.Default == nil && name != "input_type" {
			problems = append(problems, fmt.Sprintf("model %s requires parameter %q", info.Model, name))
		}
	}
	return problems
}

func checkParamValue(p client.ModelParameter, v string) string {
	if msg := paramTypeMismatch(p.ValueType, v); msg != "" {
		return msg
	}
	switch p.Type {
	case "one_of":
		allowed := make([]string, 0, len(p.AllowedValues))
		for _, a := range p.AllowedValues {
			allowed = append(allowed, paramValueFromAPI(a))
		}
		if len(allowed) > 0 && !slices.Contains(allowed, v) {
			return fmt.Sprintf("%q is not allowed (allowed values: %s)", v, strings.Join(allowed, ", "))
		}
	case "numeric_range":
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Sprintf("%q is not a number", v)
		}
		if (p.Min != nil && n < *p.Min) || (p.Max != nil && n > *p.Max) {
			return fmt.Sprintf("%s is outside %s..%s", v, fmtBound(p.Min), fmtBound(p.Max))
		}
	}
	return ""
}

func fmtBound(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func intsToStrings(ns []int32) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(int(n))
	}
	return strings.Join(s, ", ")
}

// paramTypeMismatch says when the JSON type a value is sent as (see
// paramValueToAPI) is not the type the catalogue gives the parameter
// (ModelParameter.value_type), so the plan fails instead of the API; "" when
// they agree or the catalogue does not say.
func paramTypeMismatch(valueType, v string) string {
	sent := paramValueToAPI(v)
	var ok bool
	switch valueType {
	case "string":
		_, ok = sent.(string)
	case "integer":
		_, ok = sent.(int64)
	case "float":
		switch sent.(type) {
		case int64, float64:
			ok = true
		}
	case "boolean":
		_, ok = sent.(bool)
	default:
		return ""
	}
	if ok {
		return ""
	}
	return fmt.Sprintf("%q would be sent as %s, but the model expects a %s", v, jsonKind(sent), valueType)
}

func jsonKind(v any) string {
	switch v.(type) {
	case bool:
		return "a JSON boolean"
	case int64, float64:
		return "a JSON number"
	}
	return "a string"
}
