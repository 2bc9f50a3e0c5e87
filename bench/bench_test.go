package main

import (
	"io"
	"strings"
	"testing"
	"time"
)

func TestMixedEstate(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want estate
	}{
		{20, estate{Serverless: 6, Pods: 3, Collections: 3, Backups: 4, Assistants: 4}},
		{4, estate{Serverless: 1, Pods: 1, Collections: 1, Backups: 1, Assistants: 1}},
		{1, estate{Serverless: 1, Pods: 1, Collections: 1, Backups: 1, Assistants: 1}},
	} {
		if got := mixedEstate(tc.n); got != tc.want {
			t.Errorf("mixedEstate(%d) = %+v, want %+v", tc.n, got, tc.want)
		}
	}
}

func TestWaits(t *testing.T) {
	for _, tc := range []struct {
		name    string
		e       estate
		p       int
		destroy bool
		want    int
	}{
		{"20 indexes at 10", estate{Serverless: 20}, 10, false, 2},
		{"21 indexes at 10", estate{Serverless: 21}, 10, false, 3},
		{"4 indexes at 10", estate{Serverless: 4}, 10, false, 1},
		{"mixed 20 at 10", mixedEstate(20), 10, false, 2},
		{"mixed 20 at 50: chain", mixedEstate(20), 50, false, 2},
		{"mixed 5 at 2", mixedEstate(4), 2, false, 3},
		{"destroy mixed 20 at 10: backups are instant", mixedEstate(20), 10, true, 2},
		{"destroy mixed 5 at 2", mixedEstate(4), 2, true, 2},
		{"destroy backups only", estate{Backups: 3}, 2, true, 0},
		{"destroy indexes at 10", estate{Serverless: 20}, 10, true, 2},
	} {
		if got := tc.e.waits(tc.p, tc.destroy); got != tc.want {
			t.Errorf("%s: waits = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestMixedConfigDependsPerObject(t *testing.T) {
	cfg := mixedConfig(estate{Serverless: 2, Backups: 1, Pods: 1, Collections: 1, Assistants: 1})
	for _, want := range []string{
		`resource "pinecone_index" "sl_1"`,
		`name      = "bench-sl-001"`,
		`source_index_name = pinecone_index.sl_0.name`,
		`source = pinecone_index.pod_0.name`,
		`name         = "bench-as-000"`,
		`pod_type    = "p1.x1"`,
	} {
		if !strings.Contains(cfg, want) {
			t.Errorf("mixedConfig lacks %q:\n%s", want, cfg)
		}
	}
	if strings.Contains(cfg, "%!") {
		t.Errorf("formatting error in:\n%s", cfg)
	}
	if got := indexesConfig(3); !strings.Contains(got, `range(3) : format("bench-%03d", i)`) {
		t.Errorf("indexesConfig(3):\n%s", got)
	}
}

func TestCompactEndpoints(t *testing.T) {
	got := compactEndpoints(map[string]int64{
		"POST /indexes":                   20,
		"GET /indexes/{index_name}":       85,
		"DELETE /indexes/{index_name}":    20,
		"GET /assistant/assistants/{x}":   0,
		"GET /backups/{backup_id}/create": 20,
	})
	want := "GET /indexes/{} 85, DELETE /indexes/{} 20, GET /backups/{}/create 20, POST /indexes 20"
	if got != want {
		t.Errorf("compactEndpoints = %q, want %q", got, want)
	}
	if got := compactEndpoints(nil); got != "–" {
		t.Errorf("compactEndpoints(nil) = %q", got)
	}
}

func TestParseFlags(t *testing.T) {
	s, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if s.N != 20 || s.Parallelism != 10 || s.ReadyDelay != 10*time.Second || s.DeleteDelay != 5*time.Second ||
		s.RateLimit != 10 || s.RateBurst != 10 || strings.Join(s.Scenarios, ",") != "indexes,limited,mixed" ||
		s.JSONPath != "bench-results.json" || s.Keep {
		t.Errorf("defaults = %+v", s)
	}
	s, err = parseFlags([]string{"-rate-limit", "2.5", "-scenarios", "mixed, limited,mixed"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if s.RateBurst != 3 || strings.Join(s.Scenarios, ",") != "mixed,limited" {
		t.Errorf("got burst %d, scenarios %q", s.RateBurst, s.Scenarios)
	}
	for _, bad := range [][]string{
		{"-scenarios", "nope"}, {"-scenarios", ","}, {"-n", "0"}, {"-p", "0"}, {"-rate-limit", "0"}, {"extra"},
	} {
		if _, err := parseFlags(bad, io.Discard); err == nil {
			t.Errorf("parseFlags(%q) accepted", bad)
		}
	}
}

func TestPlanChanges(t *testing.T) {
	out := `
  # pinecone_index.bench["bench-000"] will be updated in-place
  ~ resource "pinecone_index" "bench" {
  # pinecone_collection.col_0 must be replaced
Plan: 1 to add, 1 to change, 1 to destroy.
`
	got := strings.Join(planChanges(out), "|")
	want := `# pinecone_index.bench["bench-000"] will be updated in-place|# pinecone_collection.col_0 must be replaced|Plan: 1 to add, 1 to change, 1 to destroy.`
	if got != want {
		t.Errorf("planChanges = %q", got)
	}
}
