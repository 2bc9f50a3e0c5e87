package main

import (
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
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
	if s.Latency != 0 || s.PlanN != 200 || s.PlanLatency != 100*time.Millisecond || s.Baseline != "" {
		t.Errorf("defaults: latency %s, plan-n %d, plan-latency %s, baseline %q", s.Latency, s.PlanN, s.PlanLatency, s.Baseline)
	}
	s, err = parseFlags([]string{"-latency", "50ms", "-plan-n", "10", "-plan-latency", "20ms",
		"-baseline", "old.json", "-scenarios", "plan200"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if s.Latency != 50*time.Millisecond || s.PlanN != 10 || s.PlanLatency != 20*time.Millisecond ||
		s.Baseline != "old.json" || strings.Join(s.Scenarios, ",") != "plan200" {
		t.Errorf("got %+v", s)
	}
	for _, bad := range [][]string{
		{"-scenarios", "nope"}, {"-scenarios", ","}, {"-n", "0"}, {"-p", "0"}, {"-rate-limit", "0"}, {"extra"},
		{"-latency", "-1s"}, {"-plan-latency", "-1ms"}, {"-plan-n", "0"}, {"-latency", "soon"},
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

func TestScenarioPlans(t *testing.T) {
	cfg, err := parseFlags([]string{"-scenarios", "indexes,limited,mixed,plan200", "-latency", "30ms", "-plan-n", "7"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		estate estate
		args   string
	}{
		{"indexes", estate{Serverless: 20}, "-quiet -ready-delay 10s -delete-delay 5s -latency 30ms"},
		{"limited", estate{Serverless: 20}, "-quiet -ready-delay 10s -delete-delay 5s -latency 30ms -rate-limit 10 -rate-burst 10"},
		{"mixed", mixedEstate(20), "-quiet -ready-delay 10s -delete-delay 5s -latency 30ms"},
		// Its own size and latency, and nothing to wait for, whatever the other flags say.
		{"plan200", estate{Serverless: 7}, "-quiet -ready-delay 0s -delete-delay 0s -latency 100ms"},
	} {
		sp := newScenarioPlan(tc.name, cfg)
		if sp.estate != tc.estate {
			t.Errorf("%s: estate %+v, want %+v", tc.name, sp.estate, tc.estate)
		}
		if got := strings.Join(sp.emulatorArgs(), " "); got != tc.args {
			t.Errorf("%s: emulator args %q, want %q", tc.name, got, tc.args)
		}
	}
	if got := newScenarioPlan("plan200", cfg).config(); !strings.Contains(got, `range(7) : format("bench-%03d", i)`) {
		t.Errorf("plan200 config:\n%s", got)
	}
	// Without -latency the flags stay those of earlier runs, so they still compare.
	cfg.Latency = 0
	if got := strings.Join(newScenarioPlan("indexes", cfg).emulatorArgs(), " "); got != "-quiet -ready-delay 10s -delete-delay 5s" {
		t.Errorf("indexes without latency: %q", got)
	}
	if s, _ := parseFlags(nil, io.Discard); slices.Contains(s.Scenarios, "plan200") {
		t.Errorf("plan200 runs by default: %q", s.Scenarios)
	}
}

func TestFloor(t *testing.T) {
	for _, tc := range []struct {
		name          string
		sp            scenarioPlan
		phase         string
		overhead      float64
		waits, rounds int
		seconds       float64
	}{
		{"apply, no latency", scenarioPlan{estate: estate{Serverless: 20}, readyDelay: 10 * time.Second}, "apply", 1, 2, 0, 21},
		{"plan, no latency", scenarioPlan{estate: estate{Serverless: 20}, readyDelay: 10 * time.Second}, "plan", 0.5, 0, 0, 0.5},
		{"plan200 plan", scenarioPlan{estate: estate{Serverless: 200}, latency: 100 * time.Millisecond}, "plan", 2, 0, 20, 4},
		{"plan200 apply", scenarioPlan{estate: estate{Serverless: 200}, latency: 100 * time.Millisecond}, "apply", 3, 20, 20, 5},
		{"destroy: backups wait for nothing but still take a request",
			scenarioPlan{estate: estate{Serverless: 10, Backups: 30}, deleteDelay: time.Second, latency: 100 * time.Millisecond},
			"destroy", 0, 1, 4, 1.4},
	} {
		ph := phaseResult{Phase: tc.phase, TerraformOverheadSeconds: tc.overhead, WallSeconds: 2 * tc.seconds}
		tc.sp.floor(&ph, 10)
		if ph.FloorWaits != tc.waits || ph.FloorRounds != tc.rounds || math.Abs(ph.FloorSeconds-tc.seconds) > 1e-9 ||
			math.Abs(ph.OvershootPct-100) > 1e-9 {
			t.Errorf("%s: waits %d, rounds %d, floor %g s, overshoot %g%%; want %d, %d, %g s, 100%%",
				tc.name, ph.FloorWaits, ph.FloorRounds, ph.FloorSeconds, ph.OvershootPct, tc.waits, tc.rounds, tc.seconds)
		}
	}
}

// The plugin floor is the same waiting with the empty provider's time in
// place of terraform_data's, and is left out (zero) when that was not
// measured.
func TestPluginFloor(t *testing.T) {
	sp := scenarioPlan{estate: estate{Serverless: 20}, deleteDelay: 5 * time.Second}
	ph := phaseResult{Phase: "destroy", TerraformOverheadSeconds: 0.2, PluginOverheadSeconds: 0.5, WallSeconds: 11}
	sp.floor(&ph, 10)
	if math.Abs(ph.FloorSeconds-10.2) > 1e-9 || math.Abs(ph.PluginFloorSeconds-10.5) > 1e-9 ||
		math.Abs(ph.PluginOvershootPct-(0.5/10.5*100)) > 1e-9 {
		t.Errorf("floor %g s, plugin floor %g s (%+.2f%%); want 10.2, 10.5 (+4.76%%)", ph.FloorSeconds, ph.PluginFloorSeconds, ph.PluginOvershootPct)
	}
	var out strings.Builder
	res := sampleResults(20, 1, 1, "")
	res.Scenarios[0].Phases = []phaseResult{ph}
	if err := printReport(&out, res, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "| 11.00 | 10.20 | +8 | 10.50 | +5 |") {
		t.Errorf("report lacks the plugin floor columns:\n%s", out.String())
	}

	old := phaseResult{Phase: "destroy", TerraformOverheadSeconds: 0.2, WallSeconds: 11}
	sp.floor(&old, 10)
	if old.PluginFloorSeconds != 0 || old.PluginOvershootPct != 0 {
		t.Errorf("without a plugin measurement: plugin floor %g s, %g%%; want none", old.PluginFloorSeconds, old.PluginOvershootPct)
	}
}

func TestEmptyConfig(t *testing.T) {
	got := emptyConfig(7)
	for _, want := range []string{`source = "bench/empty"`, `resource "empty_item" "bench"`, "count = 7"} {
		if !strings.Contains(got, want) {
			t.Errorf("empty provider configuration lacks %q:\n%s", want, got)
		}
	}
	if !strings.HasSuffix(emptyAddress, "/bench/empty") {
		t.Errorf("emptyAddress %q does not match the configuration's source", emptyAddress)
	}
}

func TestRatio(t *testing.T) {
	for _, tc := range []struct {
		now, before float64
		want        string
	}{
		{1, 2, "0.50×"}, {3, 1.5, "2.00×"}, {0, 20, "0.00×"}, {5, 0, "–"}, {0, 0, "–"}, {-1, 2, "–"},
	} {
		if got := ratio(tc.now, tc.before); got != tc.want {
			t.Errorf("ratio(%g, %g) = %q, want %q", tc.now, tc.before, got, tc.want)
		}
	}
}

// sampleResults is a run with one plan200 scenario.
func sampleResults(objects int, planWall float64, planRequests int64, planError string) *results {
	return &results{
		GeneratedAt: "2026-01-02T03:04:05Z",
		Terraform:   terraformInfo{Version: "1.11.4"},
		Settings:    settingsJSON{N: 20, Parallelism: 10, PlanN: objects, PlanLatencySeconds: 0.1, BaselineFile: "before.json"},
		Scenarios: []scenarioResult{{
			Name: "plan200", Objects: objects, Estate: estate{Serverless: objects}, LatencySeconds: 0.1,
			EmulatorFlags: []string{"-quiet", "-latency", "100ms"},
			Phases: []phaseResult{
				{Phase: "apply", WallSeconds: 10, RequestsTotal: 400, RequestsByEndpoint: map[string]int64{"POST /indexes": 200}},
				{Phase: "plan", WallSeconds: planWall, RequestsTotal: planRequests, Error: planError,
					RequestsByEndpoint: map[string]int64{"GET /indexes/{index_name}": planRequests}},
			},
		}},
	}
}

func TestReportRatios(t *testing.T) {
	now := sampleResults(200, 2, 1, "")
	var out strings.Builder
	if err := printReport(&out, now, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "baseline") {
		t.Errorf("ratio columns without a baseline:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "Scenario plan200: ready delay 0s, delete delay 0s, API latency 0.1s.") {
		t.Errorf("no line about plan200's own timing:\n%s", out.String())
	}

	out.Reset()
	if err := printReport(&out, now, sampleResults(200, 8, 200, "")); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| time ÷ baseline | requests ÷ baseline |",
		"| plan200 (200) | apply | 10.00 |",
		"| 0 | 1.00× | 1.00× |",
		"| plan200 (200) | plan | 2.00 |",
		"| 0 | 0.25× | 0.01× |",
		"Ratios are this run ÷ before.json (2026-01-02T03:04:05Z, Terraform 1.11.4).",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "differs") {
		t.Errorf("a like-for-like baseline is reported as different:\n%s", out.String())
	}

	// A failed phase there, or another estate size, gives no ratios.
	for name, base := range map[string]*results{
		"failed there": sampleResults(200, 8, 200, "boom"),
		"other size":   sampleResults(10, 8, 200, ""),
	} {
		out.Reset()
		if err := printReport(&out, now, base); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "| 0 | – | – |") {
			t.Errorf("%s: no empty ratio cells:\n%s", name, out.String())
		}
		if name == "other size" && !strings.Contains(out.String(), "plan200 has 10 objects there, 200 here: no ratios") {
			t.Errorf("%s: no note:\n%s", name, out.String())
		}
	}
}

func TestLoadResults(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	if err := writeJSON(good, sampleResults(200, 2, 200, "")); err != nil {
		t.Fatal(err)
	}
	res, err := loadResults(good)
	if err != nil {
		t.Fatal(err)
	}
	if bp, ok := basePhase(res, res.Scenarios[0], "plan"); !ok || bp.RequestsTotal != 200 {
		t.Errorf("basePhase after a round trip = %+v, %v", bp, ok)
	}
	for name, body := range map[string]string{"empty.json": "{}", "broken.json": "{", "list.json": "[]"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := loadResults(path); err == nil {
			t.Errorf("%s loaded", name)
		}
	}
	if _, err := loadResults(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing file loaded")
	}
	// run refuses a bad -baseline before building anything.
	var stderr strings.Builder
	if code := run([]string{"-baseline", filepath.Join(dir, "missing.json")}, io.Discard, &stderr); code != 2 {
		t.Errorf("run with a missing baseline = %d, want 2 (%s)", code, stderr.String())
	}
}
