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
	RateLimit          float64  `json:"rate_limit"`
	RateBurst          int      `json:"rate_burst"`
	Scenarios          []string `json:"scenarios"`
}

type scenarioResult struct {
	Name          string        `json:"name"`
	Objects       int           `json:"objects"`
	Estate        estate        `json:"estate"`
	EmulatorFlags []string      `json:"emulator_flags"`
	Phases        []phaseResult `json:"phases"`
}

// phaseResult is one row of the table.
type phaseResult struct {
	Phase       string  `json:"phase"`
	WallSeconds float64 `json:"wall_s"`
	// FloorSeconds = FloorWaits × (ready or delete delay) + TerraformOverheadSeconds.
	FloorSeconds             float64          `json:"floor_s"`
	FloorWaits               int              `json:"floor_waits"`
	TerraformOverheadSeconds float64          `json:"terraform_overhead_s"`
	OvershootPct             float64          `json:"overshoot_pct"`
	RequestsTotal            int64            `json:"requests_total"`
	RequestsByEndpoint       map[string]int64 `json:"requests_by_endpoint"`
	Faulted                  map[string]int64 `json:"faulted"`
	IndexDescribes           int64            `json:"index_describes"`      // GET /indexes/{index_name}
	PollsPerIndex            float64          `json:"polls_per_index"`      // IndexDescribes / indexes
	Describes                int64            `json:"describes"`            // GETs of any single object
	DescribesPerObject       float64          `json:"describes_per_object"` // Describes / objects
	RateLimited              int64            `json:"rate_limited_429"`
	ExitCode                 int              `json:"exit_code"`
	Error                    string           `json:"error,omitempty"`
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

// printReport writes the settings, the baselines and the results table in Markdown.
func printReport(out io.Writer, res *results) error {
	var w strings.Builder
	s := res.Settings
	fmt.Fprintf(&w, "\n### Benchmark: n=%d, parallelism=%d, ready delay %gs, delete delay %gs, limiter %g req/s (burst %d)\n\n",
		s.N, s.Parallelism, s.ReadyDelaySeconds, s.DeleteDelaySeconds, s.RateLimit, s.RateBurst)
	fmt.Fprintf(&w, "Terraform %s, %s, %s/%s, %d CPUs, %s.\n", res.Terraform.Version, res.Host.GoVersion,
		res.Host.OS, res.Host.Arch, res.Host.CPUs, res.GeneratedAt)
	if len(res.Baselines) > 0 {
		var parts []string
		for _, bl := range res.Baselines {
			parts = append(parts, fmt.Sprintf("%d resources: apply %.2f s, plan %.2f s, destroy %.2f s",
				bl.Resources, bl.ApplySeconds, bl.PlanSeconds, bl.DestroySeconds))
		}
		fmt.Fprintf(&w, "Terraform overhead (terraform_data): %s.\n", strings.Join(parts, "; "))
	}
	fmt.Fprintln(&w)
	fmt.Fprintln(&w, "| scenario | phase | wall s | floor s | overshoot % | requests | requests by endpoint | polls/index | 429s |")
	fmt.Fprintln(&w, "|---|---|---:|---:|---:|---:|---|---:|---:|")
	for _, sr := range res.Scenarios {
		for _, ph := range sr.Phases {
			name := fmt.Sprintf("%s (%d)", sr.Name, sr.Objects)
			if ph.Error != "" {
				fmt.Fprintf(&w, "| %s | %s | %.2f | – | – | %d | FAILED: %s | – | %d |\n",
					name, ph.Phase, ph.WallSeconds, ph.RequestsTotal, markdownCell(ph.Error), ph.RateLimited)
				continue
			}
			polls := "–"
			if sr.Estate.indexes() > 0 {
				polls = fmt.Sprintf("%.1f", ph.PollsPerIndex)
			}
			fmt.Fprintf(&w, "| %s | %s | %.2f | %.2f | %+.0f | %d | %s | %s | %d |\n",
				name, ph.Phase, ph.WallSeconds, ph.FloorSeconds, ph.OvershootPct, ph.RequestsTotal,
				compactEndpoints(ph.RequestsByEndpoint), polls, ph.RateLimited)
		}
	}
	fmt.Fprintln(&w)
	fmt.Fprintln(&w, "floor = waits × delay + Terraform's time for as many terraform_data resources;"+
		" waits = max(ceil(objects that wait / parallelism), longest dependency chain)."+
		" Requests include those answered 429; polls/index = GET /indexes/{name} ÷ indexes.")
	_, err := io.WriteString(out, w.String())
	return err
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
