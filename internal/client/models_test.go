package client

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestListModelsSendsFiltersAndDecodes(t *testing.T) {
	var gotQuery, gotPath string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotQuery = r.URL.Path, r.URL.RawQuery
		_, _ = w.Write([]byte(`{"models":[{"model":"multilingual-e5-large","short_description":"d","type":"embed",
			"vector_type":"dense","default_dimension":1024,"supported_dimensions":[1024],"supported_metrics":["cosine","euclidean"],
			"supported_parameters":[{"parameter":"truncate","type":"one_of","value_type":"string","required":false,
			"allowed_values":["END","NONE"],"default":"END"},{"parameter":"k","type":"numeric_range","value_type":"integer",
			"required":true,"min":1,"max":10}]}]}`))
	}))
	defer srv.Close()
	c, err := New(Options{APIKey: "k", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	models, err := c.ListModels(t.Context(), "embed", "dense")
	if err != nil {
		t.Fatal(err)
	}
	if gotPath != "/models" || gotQuery != "type=embed&vector_type=dense" {
		t.Errorf("request = %s?%s", gotPath, gotQuery)
	}
	if len(models) != 1 || models[0].Model != "multilingual-e5-large" || *models[0].DefaultDimension != 1024 {
		t.Fatalf("models = %+v", models)
	}
	p := models[0].SupportedParameters
	if len(p) != 2 || p[0].Default != "END" || len(p[0].AllowedValues) != 2 || *p[1].Min != 1 || *p[1].Max != 10 || !p[1].Required {
		t.Errorf("parameters = %+v", p)
	}
	if _, err := c.ListModels(t.Context(), "", ""); err != nil || gotQuery != "" {
		t.Errorf("no filters must send no query, got %q (%v)", gotQuery, err)
	}
}

func TestDescribeModelNotFound(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.EscapedPath() != "/models/no%20such" {
			t.Errorf("path = %s", r.URL.Path)
		}
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error":{"code":"NOT_FOUND","message":"Model no such not found."},"status":404}`))
	}))
	defer srv.Close()
	c, _ := New(Options{APIKey: "k", BaseURL: srv.URL})
	if _, err := c.DescribeModel(t.Context(), "no such"); !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}
