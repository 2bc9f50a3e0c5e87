package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// results is everything one run measured; it is also the JSON file.
type results struct {
	GeneratedAt string           `json:"generated_at"`
	Host        hostInfo         `json:"host"`
	Terraform   terraformInfo    `json:"terraform"`
	Settings    settingsJSON     `json:"settings"`
	Baselines   []baseline       `json:"baselines"`
	Scenarios   []scenarioResult `json:"scenarios"`
	OK          bool             `json:"ok"`
	Failures    []string         `json:"failures,omitempty"`
}

type hostInfo struct {
	Name      string `json:"name,omitempty"`
	OS        string `json:"os"`
	Arch      string `json:"arch"`
	CPUs      int    `json:"cpus"`
	GoVersion string `json:"go_version"`
}

type terraformInfo struct {
	Path    string `json:"path"`
	Version string `json:"version"`
}

type settingsJSON struct {
	N                  int      `json:"n"`
	Parallelism        int      `json:"parallelism"`
	ReadyDelaySeconds  float64  `json:"ready_delay_s"`
	DeleteDelaySeconds float64  `json:"delete_delay_s"`
	LatencySeconds     float64  `json:"latency_s"`
	RateLimit          float64  `json:"rate_limit"`
	RateBurst          int      `json:"rate_burst"`
	PlanN              int      `json:"plan_n"`
	PlanLatencySeconds float64  `json:"plan_latency_s"`
	Scenarios          []string `json:"scenarios"`
	BaselineFile       string   `json:"baseline_file,omitempty"`
}

type scenarioResult struct {
	Name    string `json:"name"`
	Objects int    `json:"objects"`
	Estate  estate `json:"estate"`
	// The scenario's own emulator timing, which plan200 does not take from
	// the run's settings.
	ReadyDelaySeconds  float64       `json:"ready_delay_s"`
	DeleteDelaySeconds float64       `json:"delete_delay_s"`
	LatencySeconds     float64       `json:"latency_s"`
	EmulatorFlags      []string      `json:"emulator_flags"`
	Phases             []phaseResult `json:"phases"`
}

// phaseResult is one row of the table.
type phaseResult struct {
	Phase       string  `json:"phase"`
	WallSeconds float64 `json:"wall_s"`
	// FloorSeconds = FloorWaits × (ready or delete delay) + FloorRounds × latency
	// + TerraformOverheadSeconds.
	FloorSeconds             float64 `json:"floor_s"`
	FloorWaits               int     `json:"floor_waits"`
	FloorRounds              int     `json:"floor_request_rounds"` // 0 without latency
	TerraformOverheadSeconds float64 `json:"terraform_overhead_s"`
	OvershootPct             float64 `json:"overshoot_pct"`
	// The plugin floor: the same waiting plus the empty provider's time for
	// as many resources (PluginOverheadSeconds) instead of terraform_data's.
	PluginOverheadSeconds float64          `json:"plugin_overhead_s"`
	PluginFloorSeconds    float64          `json:"plugin_floor_s"`
	PluginOvershootPct    float64          `json:"plugin_overshoot_pct"`
	RequestsTotal         int64            `json:"requests_total"`
	RequestsByEndpoint    map[string]int64 `json:"requests_by_endpoint"`
	Faulted               map[string]int64 `json:"faulted"`
	IndexDescribes        int64            `json:"index_describes"`      // GET /indexes/{index_name}
	PollsPerIndex         float64          `json:"polls_per_index"`      // IndexDescribes / indexes
	Describes             int64            `json:"describes"`            // GETs of any single object
	DescribesPerObject    float64          `json:"describes_per_object"` // Describes / objects
	RateLimited           int64            `json:"rate_limited_429"`
	ExitCode              int              `json:"exit_code"`
	Error                 string           `json:"error,omitempty"`
}

func writeJSON(path string, res *results) error {
	data, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// loadResults reads the JSON file of an earlier run.
func loadResults(path string) (*results, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var res results
	if err := json.Unmarshal(data, &res); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// Any JSON object decodes; one without scenarios is not a benchmark's.
	if len(res.Scenarios) == 0 {
		return nil, fmt.Errorf("%s has no scenario results; is it a file written by this benchmark's -json?", path)
	}
	return &res, nil
}

// basePhase finds the phase of the same scenario in an earlier run. A
// scenario of another size has nothing to compare with, and neither has a
// phase that failed there.
func basePhase(base *results, sr scenarioResult, phase string) (phaseResult, bool) {
	if base == nil {
		return phaseResult{}, false
	}
	for _, bs := range base.Scenarios {
		if bs.Name != sr.Name || bs.Objects != sr.Objects {
			continue
		}
		for _, ph := range bs.Phases {
			if ph.Phase == phase && ph.Error == "" {
				return ph, true
			}
		}
	}
	return phaseResult{}, false
}

// ratio is now ÷ before as "0.52×", or "–" when there is nothing to divide by.
func ratio(now, before float64) string {
	if before <= 0 || now < 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", now/before)
}

// baseNotes says how the earlier run differs from this one, so a ratio is
// read together with what else changed besides the code.
func baseNotes(res, base *results) []string {
	var notes []string
	if base.Settings.Parallelism != res.Settings.Parallelism {
		notes = append(notes, fmt.Sprintf("parallelism %d there, %d here", base.Settings.Parallelism, res.Settings.Parallelism))
	}
	if base.Terraform.Version != res.Terraform.Version {
		notes = append(notes, fmt.Sprintf("Terraform %s there, %s here", base.Terraform.Version, res.Terraform.Version))
	}
	for _, sr := range res.Scenarios {
		i := slices.IndexFunc(base.Scenarios, func(bs scenarioResult) bool { return bs.Name == sr.Name })
		switch {
		case i < 0:
			notes = append(notes, sr.Name+" is not in it")
		case base.Scenarios[i].Objects != sr.Objects:
			notes = append(notes, fmt.Sprintf("%s has %d objects there, %d here: no ratios", sr.Name, base.Scenarios[i].Objects, sr.Objects))
		case !slices.Equal(base.Scenarios[i].EmulatorFlags, sr.EmulatorFlags):
			notes = append(notes, fmt.Sprintf("%s ran the emulator with %q there, %q here", sr.Name,
				strings.Join(base.Scenarios[i].EmulatorFlags, " "), strings.Join(sr.EmulatorFlags, " ")))
		}
	}
	return notes
}

// printReport writes the settings, the baselines and the results table in
// Markdown; base, an earlier run's results, adds ratio columns when not nil.
func printReport(out io.Writer, res, base *results) error {
	var w strings.Builder
	s := res.Settings
	fmt.Fprintf(&w, "\n### Benchmark: n=%d, parallelism=%d, ready delay %gs, delete delay %gs, API latency %gs, limiter %g req/s (burst %d)\n\n",
		s.N, s.Parallelism, s.ReadyDelaySeconds, s.DeleteDelaySeconds, s.LatencySeconds, s.RateLimit, s.RateBurst)
	fmt.Fprintf(&w, "Terraform %s, %s, %s/%s, %d CPUs, %s.\n", res.Terraform.Version, res.Host.GoVersion,
		res.Host.OS, res.Host.Arch, res.Host.CPUs, res.GeneratedAt)
	if len(res.Baselines) > 0 {
		var parts []string
		for _, bl := range res.Baselines {
			parts = append(parts, fmt.Sprintf("%d resources: apply %.2f s, plan %.2f s, destroy %.2f s",
				bl.Resources, bl.ApplySeconds, bl.PlanSeconds, bl.DestroySeconds))
		}
		fmt.Fprintf(&w, "Terraform overhead (terraform_data): %s.\n", strings.Join(parts, "; "))
		parts = parts[:0]
		for _, bl := range res.Baselines {
			if bl.PluginApplySeconds > 0 {
				parts = append(parts, fmt.Sprintf("%d resources: apply %.2f s, plan %.2f s, destroy %.2f s",
					bl.Resources, bl.PluginApplySeconds, bl.PluginPlanSeconds, bl.PluginDestroySeconds))
			}
		}
		if len(parts) > 0 {
			fmt.Fprintf(&w, "Plugin provider overhead (an empty provider): %s.\n", strings.Join(parts, "; "))
		}
	}
	for _, sr := range res.Scenarios {
		if sr.ReadyDelaySeconds != s.ReadyDelaySeconds || sr.DeleteDelaySeconds != s.DeleteDelaySeconds || sr.LatencySeconds != s.LatencySeconds {
			fmt.Fprintf(&w, "Scenario %s: ready delay %gs, delete delay %gs, API latency %gs.\n",
				sr.Name, sr.ReadyDelaySeconds, sr.DeleteDelaySeconds, sr.LatencySeconds)
		}
	}
	if base != nil {
		fmt.Fprintf(&w, "Ratios are this run ÷ %s (%s, Terraform %s).\n", s.BaselineFile, base.GeneratedAt, base.Terraform.Version)
		if notes := baseNotes(res, base); len(notes) > 0 {
			fmt.Fprintf(&w, "That run differs: %s.\n", strings.Join(notes, "; "))
		}
	}
	fmt.Fprintln(&w)
	header := "| scenario | phase | wall s | floor s | overshoot % | plugin floor s | over plugin floor % | requests | requests by endpoint | polls/index | 429s |"
	align := "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"
	if base != nil {
		header += " time ÷ baseline | requests ÷ baseline |"
		align += "---:|---:|"
	}
	fmt.Fprintln(&w, header)
	fmt.Fprintln(&w, align)
	for _, sr := range res.Scenarios {
		for _, ph := range sr.Phases {
			fmt.Fprintf(&w, "| %s |\n", strings.Join(phaseCells(sr, ph, base), " | "))
		}
	}
	fmt.Fprintln(&w)
	fmt.Fprintln(&w, "floor = waits × delay + rounds × latency + Terraform's time for as many terraform_data resources;"+
		" waits = max(ceil(objects that wait / parallelism), longest dependency chain),"+
		" rounds = max(ceil(objects / parallelism), waits) (plan: ceil(objects / parallelism));"+
		" plugin floor = the same with the time of as many resources of an empty plugin provider instead."+
		" Requests include those answered 429; polls/index = GET /indexes/{name} ÷ indexes.")
	_, err := io.WriteString(out, w.String())
	return err
}

// phaseCells are the table cells of one phase.
func phaseCells(sr scenarioResult, ph phaseResult, base *results) []string {
	name := fmt.Sprintf("%s (%d)", sr.Name, sr.Objects)
	var cells []string
	if ph.Error != "" {
		cells = []string{name, ph.Phase, fmt.Sprintf("%.2f", ph.WallSeconds), "–", "–", "–", "–", fmt.Sprint(ph.RequestsTotal),
			"FAILED: " + markdownCell(ph.Error), "–", fmt.Sprint(ph.RateLimited)}
	} else {
		polls := "–"
		if sr.Estate.indexes() > 0 {
			polls = fmt.Sprintf("%.1f", ph.PollsPerIndex)
		}
		pluginFloor, pluginOver := "–", "–" // results written before the plugin floor existed
		if ph.PluginFloorSeconds > 0 {
			pluginFloor, pluginOver = fmt.Sprintf("%.2f", ph.PluginFloorSeconds), fmt.Sprintf("%+.0f", ph.PluginOvershootPct)
		}
		cells = []string{name, ph.Phase, fmt.Sprintf("%.2f", ph.WallSeconds), fmt.Sprintf("%.2f", ph.FloorSeconds),
			fmt.Sprintf("%+.0f", ph.OvershootPct), pluginFloor, pluginOver, fmt.Sprint(ph.RequestsTotal),
			compactEndpoints(ph.RequestsByEndpoint), polls, fmt.Sprint(ph.RateLimited)}
	}
	if base == nil {
		return cells
	}
	// A failed phase stopped early: its time and requests compare with nothing.
	if bp, ok := basePhase(base, sr, ph.Phase); ok && ph.Error == "" {
		return append(cells, ratio(ph.WallSeconds, bp.WallSeconds), ratio(float64(ph.RequestsTotal), float64(bp.RequestsTotal)))
	}
	return append(cells, "–", "–")
}

var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// compactEndpoints lists request counts by endpoint, most frequent first,
// with path parameters shortened to {}: "GET /indexes/{} 85, POST /indexes 20".
func compactEndpoints(counts map[string]int64) string {
	keys := slices.Collect(maps.Keys(counts))
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		if counts[k] == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %d", pathParam.ReplaceAllString(k, "{}"), counts[k]))
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, ", ")
}

// markdownCell keeps text on one table line.
func markdownCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}
