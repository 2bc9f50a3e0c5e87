package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// estate is what a scenario's configuration creates.
type estate struct {
	Serverless  int `json:"serverless_indexes"`
	Pods        int `json:"pod_indexes"`
	Collections int `json:"collections"` // one per pod index
	Backups     int `json:"backups"`     // one each of the first Backups serverless indexes
	Assistants  int `json:"assistants"`
}

func (e estate) objects() int {
	return e.Serverless + e.Pods + e.Collections + e.Backups + e.Assistants
}

func (e estate) indexes() int { return e.Serverless + e.Pods }

// mixedEstate splits about n objects into serverless indexes, pod indexes
// with a collection each, backups of serverless indexes and assistants
// (with n = 20: 6 + 3 + 3 + 4 + 4). Small n still get one of each kind.
func mixedEstate(n int) estate {
	part := func(f float64) int { return max(1, int(math.Round(float64(n)*f))) }
	e := estate{Pods: part(0.15), Backups: part(0.2), Assistants: part(0.2)}
	e.Collections = e.Pods
	e.Serverless = max(e.Backups, n-e.Pods-e.Collections-e.Backups-e.Assistants)
	return e
}

// waits is how many ReadyDelay (create) or DeleteDelay (delete) periods an
// ideal provider needs at the given parallelism: every object that has to
// be waited for takes one period in one of the parallelism slots, and an
// object that depends on another starts only after it. So the count is at
// least ceil(objects that wait / parallelism) and at least the longest chain.
func (e estate) waits(parallelism int, destroy bool) int {
	waiting, chain := e.objects(), 1
	if e.Collections+e.Backups > 0 {
		chain = 2 // index, then its collection or backup
	}
	if destroy {
		// A backup is deleted at once (it has no Terminating state); a
		// collection is deleted, and gone, before its pod index is deleted.
		waiting -= e.Backups
		chain = 1
		if e.Collections > 0 {
			chain = 2
		}
	}
	if waiting == 0 {
		return 0
	}
	return max(chain, (waiting+parallelism-1)/parallelism)
}

// rounds is how many request round trips an ideal provider makes one after
// another in a phase: every object needs at least one request (a create, a
// read or a delete), -p at a time, and an object that waits for readiness
// or deletion holds its slot for at least one request, so never fewer
// rounds than waits. Each round costs the emulator's latency.
func (e estate) rounds(parallelism int, phase string) int {
	r := (e.objects() + parallelism - 1) / parallelism
	if phase != "plan" {
		r = max(r, e.waits(parallelism, phase == "destroy"))
	}
	return r
}

// scenarioPlan is a scenario before it runs.
type scenarioPlan struct {
	name        string
	estate      estate
	readyDelay  time.Duration
	deleteDelay time.Duration
	latency     time.Duration // added by the emulator to every request
	rateLimit   float64       // 0: no rate limit
	rateBurst   int
}

func newScenarioPlan(name string, cfg settings) scenarioPlan {
	sp := scenarioPlan{name: name, readyDelay: cfg.ReadyDelay, deleteDelay: cfg.DeleteDelay, latency: cfg.Latency}
	switch name {
	case "indexes":
		sp.estate = estate{Serverless: cfg.N}
	case "limited":
		sp.estate = estate{Serverless: cfg.N}
		sp.rateLimit, sp.rateBurst = cfg.RateLimit, cfg.RateBurst
	case "mixed":
		sp.estate = mixedEstate(cfg.N)
	case "plan200":
		// Nothing to wait for, so the time goes to requests and to
		// Terraform itself, the cost that grows with a large estate.
		sp.estate = estate{Serverless: cfg.PlanN}
		sp.readyDelay, sp.deleteDelay, sp.latency = 0, 0, cfg.PlanLatency
	default:
		panic("unknown scenario " + name)
	}
	return sp
}

// emulatorArgs are the emulator flags of the scenario (the address and the
// API key are added by startEmulator).
func (sp scenarioPlan) emulatorArgs() []string {
	args := []string{"-quiet",
		"-ready-delay", sp.readyDelay.String(),
		"-delete-delay", sp.deleteDelay.String(),
	}
	// Only when set, so the flags recorded for an unchanged scenario stay
	// those of runs made before there was a latency flag.
	if sp.latency > 0 {
		args = append(args, "-latency", sp.latency.String())
	}
	if sp.rateLimit > 0 {
		args = append(args, "-rate-limit", fmt.Sprint(sp.rateLimit), "-rate-burst", fmt.Sprint(sp.rateBurst))
	}
	return args
}

// config is the scenario's Terraform configuration.
func (sp scenarioPlan) config() string {
	if sp.name == "mixed" {
		return mixedConfig(sp.estate)
	}
	return indexesConfig(sp.estate.Serverless)
}

// floor fills in the phase's floor: the waits and request rounds an ideal
// provider needs at this parallelism, their cost in delays and latency,
// and Terraform's own time, which is already in TerraformOverheadSeconds.
func (sp scenarioPlan) floor(ph *phaseResult, parallelism int) {
	var delay time.Duration
	switch ph.Phase {
	case "apply":
		delay, ph.FloorWaits = sp.readyDelay, sp.estate.waits(parallelism, false)
	case "destroy":
		delay, ph.FloorWaits = sp.deleteDelay, sp.estate.waits(parallelism, true)
	}
	if sp.latency > 0 {
		ph.FloorRounds = sp.estate.rounds(parallelism, ph.Phase)
	}
	waiting := float64(ph.FloorWaits)*delay.Seconds() + float64(ph.FloorRounds)*sp.latency.Seconds()
	ph.FloorSeconds = waiting + ph.TerraformOverheadSeconds
	if ph.FloorSeconds > 0 {
		ph.OvershootPct = (ph.WallSeconds - ph.FloorSeconds) / ph.FloorSeconds * 100
	}
	if ph.PluginOverheadSeconds > 0 {
		ph.PluginFloorSeconds = waiting + ph.PluginOverheadSeconds
		ph.PluginOvershootPct = (ph.WallSeconds - ph.PluginFloorSeconds) / ph.PluginFloorSeconds * 100
	}
}

const configHeader = `# Written by the benchmark (go run ./bench).
terraform {
  required_providers {
    pinecone = {
      source = "vectorcraft/pinecone"
    }
  }
}

# The API key and the emulator's URL come from PINECONE_API_KEY and PINECONE_CONTROLLER_HOST.
provider "pinecone" {}
`

// indexesConfig is n independent serverless indexes, one resource with for_each.
func indexesConfig(n int) string {
	return configHeader + fmt.Sprintf(`
resource "pinecone_index" "bench" {
  for_each = toset([for i in range(%d) : format("bench-%%03d", i)])

  name      = each.key
  dimension = 8
  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }
}
`, n)
}

// mixedConfig writes every object as a resource block of its own, so that a
// backup or collection depends only on its own index. (A reference into a
// count or for_each resource would make it wait for all of that resource's
// instances.)
func mixedConfig(e estate) string {
	var b strings.Builder
	b.WriteString(configHeader)
	for i := range e.Serverless {
		fmt.Fprintf(&b, `
resource "pinecone_index" "sl_%[1]d" {
  name      = "bench-sl-%03[1]d"
  dimension = 8
  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }
}
`, i)
	}
	for i := range e.Backups {
		fmt.Fprintf(&b, `
resource "pinecone_backup" "bk_%[1]d" {
  source_index_name = pinecone_index.sl_%[1]d.name
  name              = "bench-bk-%03[1]d"
  description       = "benchmark backup"
}
`, i)
	}
	for i := range e.Pods {
		fmt.Fprintf(&b, `
resource "pinecone_index" "pod_%[1]d" {
  name      = "bench-pod-%03[1]d"
  dimension = 8
  spec = {
    pod = {
      environment = "us-east-1-aws"
      pod_type    = "p1.x1"
    }
  }
}
`, i)
	}
	for i := range e.Collections {
		fmt.Fprintf(&b, `
resource "pinecone_collection" "col_%[1]d" {
  name   = "bench-col-%03[1]d"
  source = pinecone_index.pod_%[1]d.name
}
`, i)
	}
	for i := range e.Assistants {
		fmt.Fprintf(&b, `
resource "pinecone_assistant" "as_%[1]d" {
  name         = "bench-as-%03[1]d"
  instructions = "Benchmark assistant."
}
`, i)
	}
	return b.String()
}

// baselineConfig is n terraform_data resources: Terraform's own cost for n
// resources, with no provider process and nothing to wait for.
func baselineConfig(n int) string {
	return fmt.Sprintf(`# Written by the benchmark (go run ./bench): Terraform's own overhead for %[1]d resources.
resource "terraform_data" "bench" {
  count = %[1]d
  input = count.index
}
`, n)
}

// emptyConfig is n resources of the empty provider: what any plugin
// provider costs for n resources when it has nothing to do.
func emptyConfig(n int) string {
	return fmt.Sprintf(`# Written by the benchmark (go run ./bench): a plugin provider's own overhead for %[1]d resources.
terraform {
  required_providers {
    empty = {
      source = "bench/empty"
    }
  }
}

resource "empty_item" "bench" {
  count = %[1]d
  name  = "item-${count.index}"
}
`, n)
}

// baseline is Terraform's own time for apply, plan and destroy of a number
// of terraform_data resources, and of as many resources of the empty
// provider (the plugin floor).
type baseline struct {
	Resources            int     `json:"resources"`
	ApplySeconds         float64 `json:"apply_s"`
	PlanSeconds          float64 `json:"plan_s"`
	DestroySeconds       float64 `json:"destroy_s"`
	PluginApplySeconds   float64 `json:"plugin_apply_s"`
	PluginPlanSeconds    float64 `json:"plugin_plan_s"`
	PluginDestroySeconds float64 `json:"plugin_destroy_s"`
}

func (bl baseline) seconds(phase string) float64 {
	return byPhase(phase, bl.ApplySeconds, bl.PlanSeconds, bl.DestroySeconds)
}

func (bl baseline) pluginSeconds(phase string) float64 {
	return byPhase(phase, bl.PluginApplySeconds, bl.PluginPlanSeconds, bl.PluginDestroySeconds)
}

// byPhase picks the figure of phase ("apply", "plan", else destroy).
func byPhase(phase string, apply, plan, destroy float64) float64 {
	switch phase {
	case "apply":
		return apply
	case "plan":
		return plan
	}
	return destroy
}

var phases = []string{"apply", "plan", "destroy"}

// measureBaseline times the three phases on count terraform_data resources
// and on count resources of the empty provider.
func (b *bench) measureBaseline(ctx context.Context, count int) (baseline, error) {
	bl := baseline{Resources: count}
	b.say("baseline: Terraform's own time for %d terraform_data resources", count)
	wall, err := b.timePhases(ctx, fmt.Sprintf("baseline-%d", count), baselineConfig(count))
	if err != nil {
		return bl, err
	}
	bl.ApplySeconds, bl.PlanSeconds, bl.DestroySeconds = wall[0], wall[1], wall[2]
	b.say("baseline: apply %.2f s, plan %.2f s, destroy %.2f s", bl.ApplySeconds, bl.PlanSeconds, bl.DestroySeconds)
	b.say("plugin floor: the same for %d resources of a provider with nothing to do", count)
	if wall, err = b.timePhases(ctx, fmt.Sprintf("plugin-floor-%d", count), emptyConfig(count)); err != nil {
		return bl, err
	}
	bl.PluginApplySeconds, bl.PluginPlanSeconds, bl.PluginDestroySeconds = wall[0], wall[1], wall[2]
	b.say("plugin floor: apply %.2f s, plan %.2f s, destroy %.2f s", bl.PluginApplySeconds, bl.PluginPlanSeconds, bl.PluginDestroySeconds)
	return bl, nil
}

// timePhases writes config into a run directory of that name and returns
// the wall time of apply, plan and destroy there.
func (b *bench) timePhases(ctx context.Context, name, config string) ([3]float64, error) {
	var wall [3]float64
	dir := filepath.Join(b.runsDir, name)
	if err := writeConfig(dir, config); err != nil {
		return wall, err
	}
	for i, phase := range phases {
		r, err := b.tf.run(ctx, dir, phase)
		if err != nil {
			return wall, fmt.Errorf("%s %s: %w", name, phase, err)
		}
		if r.ExitCode != 0 {
			return wall, fmt.Errorf("%s: terraform %s exited with %d:\n%s", name, phase, r.ExitCode, tail(r.Log, 30))
		}
		wall[i] = r.Wall.Seconds()
	}
	return wall, nil
}

func writeConfig(dir, body string) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(body), 0o600)
}

// runScenario starts an emulator, then applies, re-plans and destroys the
// scenario's configuration. Failed commands are recorded in the phases; the
// error is for things that stop the scenario itself.
func (b *bench) runScenario(ctx context.Context, sp scenarioPlan, bl baseline) (*scenarioResult, error) {
	sr := &scenarioResult{
		Name: sp.name, Estate: sp.estate, Objects: sp.estate.objects(),
		ReadyDelaySeconds: sp.readyDelay.Seconds(), DeleteDelaySeconds: sp.deleteDelay.Seconds(),
		LatencySeconds: sp.latency.Seconds(),
	}
	dir := filepath.Join(b.runsDir, sp.name)
	if err := writeConfig(dir, sp.config()); err != nil {
		return sr, err
	}

	args := sp.emulatorArgs()
	sr.EmulatorFlags = args
	em, err := startEmulator(b.emulator, filepath.Join(dir, "emulator.log"), args)
	if err != nil {
		return sr, err
	}
	defer em.stop()
	b.say("%s: %d objects (%s), emulator %s %s", sp.name, sr.Objects, describeEstate(sp.estate), em.URL, strings.Join(args, " "))

	env := []string{"PINECONE_API_KEY=" + em.APIKey, "PINECONE_CONTROLLER_HOST=" + em.URL}
	for _, phase := range phases {
		if ctx.Err() != nil {
			return sr, ctx.Err()
		}
		ph, err := b.runPhase(ctx, em, dir, phase, env, sp, bl)
		if err != nil && ph.Error == "" {
			ph.Error = err.Error()
		}
		sr.Phases = append(sr.Phases, ph)
		if err != nil {
			return sr, err
		}
		status := "ok"
		if ph.Error != "" {
			status = "FAILED"
		}
		b.say("%s %s: %.1f s (floor %.1f s), %d requests, %d × 429: %s",
			sp.name, phase, ph.WallSeconds, ph.FloorSeconds, ph.RequestsTotal, ph.RateLimited, status)
		if phase == "apply" && ph.Error != "" {
			// Nothing sensible to plan or destroy; the emulator and its state go away with it.
			break
		}
	}
	return sr, nil
}

// runPhase runs one Terraform command between a reset and a read of the
// emulator's counters.
func (b *bench) runPhase(ctx context.Context, em *emulatorProcess, dir, phase string, env []string, sp scenarioPlan, bl baseline) (phaseResult, error) {
	ph := phaseResult{Phase: phase, TerraformOverheadSeconds: bl.seconds(phase), PluginOverheadSeconds: bl.pluginSeconds(phase)}
	if err := em.resetStats(ctx); err != nil {
		return ph, err
	}
	r, err := b.tf.run(ctx, dir, phase, env...)
	ph.WallSeconds = r.Wall.Seconds()
	ph.ExitCode = r.ExitCode
	if ctx.Err() != nil {
		ph.Error = "interrupted"
		return ph, ctx.Err()
	}
	if err != nil {
		ph.Error = err.Error()
		warnf(b.stderr, "bench: %s in %s:\n%s\n", err, dir, tail(r.Log, 30))
		return ph, nil
	}

	sp.floor(&ph, b.cfg.Parallelism)
	e := sp.estate

	st, err := em.stats(ctx)
	if err != nil {
		return ph, err
	}
	ph.RequestsTotal = st.Total
	ph.RequestsByEndpoint = st.Requests
	ph.Faulted = st.Faulted
	ph.RateLimited = st.Faulted["429"]
	ph.IndexDescribes = st.Requests["GET /indexes/{index_name}"]
	if n := e.indexes(); n > 0 {
		ph.PollsPerIndex = float64(ph.IndexDescribes) / float64(n)
	}
	for endpoint, count := range st.Requests {
		if strings.HasPrefix(endpoint, "GET ") && strings.HasSuffix(endpoint, "}") {
			ph.Describes += count
		}
	}
	ph.DescribesPerObject = float64(ph.Describes) / float64(e.objects())

	switch {
	case phase == "plan" && r.ExitCode == 2:
		changes := planChanges(r.Log)
		ph.Error = "the plan after apply is not empty: " + strings.Join(changes, "; ")
		warnf(b.stderr, "bench: %s: the plan right after apply wants changes (full output in %s):\n%s\n",
			dir, filepath.Join(dir, "plan.log"), tail(r.Log, 60))
	case r.ExitCode != 0:
		ph.Error = fmt.Sprintf("terraform %s exited with status %d", phase, r.ExitCode)
		warnf(b.stderr, "bench: terraform %s failed in %s (exit %d); its output ends:\n%s\n",
			phase, dir, r.ExitCode, tail(r.Log, 40))
	}
	return ph, nil
}

func describeEstate(e estate) string {
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(e.Serverless, "serverless indexes")
	add(e.Pods, "pod indexes")
	add(e.Collections, "collections")
	add(e.Backups, "backups")
	add(e.Assistants, "assistants")
	return strings.Join(parts, ", ")
}
