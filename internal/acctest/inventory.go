package acctest

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

// Inventory maps a kind of object ("index", "API key", see ResourceKinds) to
// the identifiers of those objects, one entry per object, so duplicates
// show. The identifier is what Terraform keeps as the resource's id, except
// for assistant files: "<assistant name>/<file id>".
type Inventory map[string][]string

// Add records one object.
func (inv Inventory) Add(kind, id string) { inv[kind] = append(inv[kind], id) }

// Count is the number of objects of every kind together.
func (inv Inventory) Count() int {
	n := 0
	for _, ids := range inv {
		n += len(ids)
	}
	return n
}

// String summarises the inventory as "kind=count" pairs, sorted by kind.
func (inv Inventory) String() string {
	parts := make([]string, 0, len(inv))
	for _, k := range slices.Sorted(maps.Keys(inv)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, len(inv[k])))
	}
	return strings.Join(parts, " ")
}

// ResourceKinds are the resource types an inventory compares, with the kind
// each one's objects are listed under.
var ResourceKinds = map[string]string{
	"pinecone_index":           "index",
	"pinecone_collection":      "collection",
	"pinecone_backup":          "backup",
	"pinecone_assistant":       "assistant",
	"pinecone_assistant_file":  "assistant file",
	"pinecone_project":         "project",
	"pinecone_api_key":         "API key",
	"pinecone_service_account": "service account",
}

// StateInventory lists the managed objects in state (tainted ones too; data
// sources are not objects).
func StateInventory(s *terraform.State) Inventory {
	inv := Inventory{}
	if s == nil || s.RootModule() == nil {
		return inv
	}
	for key, rs := range s.RootModule().Resources {
		kind, ok := ResourceKinds[rs.Type]
		if !ok || strings.HasPrefix(key, "data.") || rs.Primary == nil {
			continue
		}
		id := rs.Primary.ID
		if rs.Type == "pinecone_assistant_file" {
			id = rs.Primary.Attributes["assistant_name"] + "/" + id
		}
		inv.Add(kind, id)
	}
	return inv
}

// Inventory lists every object the emulator holds, through the same API the
// provider uses: the default project's indexes, collections, backups,
// assistants and their files, every other project with its API keys (the
// default project's own keys are the test's, not Terraform's), and the
// service accounts but the emulator's own. It
// needs the emulator, which knows the default project.
func (e *Env) Inventory() (Inventory, error) {
	if e.Emulator == nil {
		return nil, errors.New("the inventory needs the emulator (it leaves out the default project's keys)")
	}
	ctx := Ctx()
	c := e.Client
	inv := Inventory{}
	indexes, err := c.ListIndexes(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing indexes: %w", err)
	}
	for _, ix := range indexes {
		inv.Add("index", ix.Name)
	}
	collections, err := c.ListCollections(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing collections: %w", err)
	}
	for _, col := range collections {
		inv.Add("collection", col.Name)
	}
	backups, err := c.ListBackups(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing backups: %w", err)
	}
	for _, b := range backups {
		inv.Add("backup", b.BackupID)
	}
	assistants, err := c.ListAssistants(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing assistants: %w", err)
	}
	for i := range assistants {
		a := &assistants[i]
		inv.Add("assistant", a.Name)
		host, err := client.AssistantHost(a)
		if err != nil {
			return nil, err
		}
		files, err := c.ListAssistantFiles(ctx, host, a.Name, "")
		if err != nil {
			return nil, fmt.Errorf("listing the files of assistant %s: %w", a.Name, err)
		}
		for _, f := range files {
			inv.Add("assistant file", a.Name+"/"+f.ID)
		}
	}
	projects, err := c.ListProjects(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing projects: %w", err)
	}
	for _, p := range projects {
		if p.ID == e.Emulator.DefaultProjectID() {
			continue
		}
		inv.Add("project", p.ID)
		keys, err := c.ListAPIKeys(ctx, p.ID)
		if err != nil {
			return nil, fmt.Errorf("listing the API keys of project %s: %w", p.ID, err)
		}
		for _, k := range keys {
			inv.Add("API key", k.ID)
		}
	}
	accounts, err := c.ListServiceAccounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing service accounts: %w", err)
	}
	for _, sa := range accounts {
		// The emulator's own accounts (the test's credentials) are not Terraform's.
		if !strings.HasPrefix(sa.Name, emulator.BootstrapServiceAccountName) {
			inv.Add("service account", sa.ID)
		}
	}
	return inv, nil
}

// CompareInventory reports every kind whose objects differ between what the
// emulator holds (got) and what the state says (want), with the identifiers
// only one side has; a duplicate on either side is a difference too.
func CompareInventory(got, want Inventory) error {
	var problems []string
	kinds := map[string]bool{}
	for k := range got {
		kinds[k] = true
	}
	for k := range want {
		kinds[k] = true
	}
	for _, kind := range slices.Sorted(maps.Keys(kinds)) {
		g, w := slices.Clone(got[kind]), slices.Clone(want[kind])
		sort.Strings(g)
		sort.Strings(w)
		if slices.Equal(g, w) {
			continue
		}
		var onlyGot, onlyWant []string
		for _, id := range g {
			if !slices.Contains(w, id) {
				onlyGot = append(onlyGot, id)
			}
		}
		for _, id := range w {
			if !slices.Contains(g, id) {
				onlyWant = append(onlyWant, id)
			}
		}
		problems = append(problems, fmt.Sprintf("%s: emulator holds %q, state has %q; only in the emulator %q, only in state %q",
			kind, g, w, onlyGot, onlyWant))
	}
	if len(problems) > 0 {
		return fmt.Errorf("the emulator's inventory differs from the state (orphans or duplicates):\n  %s", strings.Join(problems, "\n  "))
	}
	return nil
}

// CheckInventoryMatchesState proves the emulator holds exactly the objects
// in state: no orphan left by a retried or failed call, no duplicate. It
// looks with the emulator's faults paused (see WithoutFaults).
func (e *Env) CheckInventoryMatchesState() resource.TestCheckFunc {
	return func(s *terraform.State) error {
		return e.WithoutFaults(func() error {
			got, err := e.Inventory()
			if err != nil {
				return err
			}
			return CompareInventory(got, StateInventory(s))
		})
	}
}

// CheckInventoryEmpty is a CheckDestroy for a whole configuration: after the
// destroy the emulator holds nothing at all of any kind Terraform manages
// (it receives the state from before the destroy, whose objects must all be
// gone). It looks with the emulator's faults paused.
func (e *Env) CheckInventoryEmpty() resource.TestCheckFunc {
	return func(*terraform.State) error {
		return e.WithoutFaults(func() error {
			got, err := e.Inventory()
			if err != nil {
				return err
			}
			if err := CompareInventory(got, Inventory{}); err != nil {
				return fmt.Errorf("after destroy: %w", err)
			}
			return nil
		})
	}
}

// WithoutFaults runs a test's own look at the emulator with its faults
// paused, so the observer neither fails nor skews the counters a test is
// about; the faults are put back afterwards (with a full rate-limit bucket
// and the drops still to come). Against real Pinecone it just runs fn.
func (e *Env) WithoutFaults(fn func() error) error {
	if e.Emulator == nil {
		return fn()
	}
	saved := e.Emulator.Faults()
	e.Emulator.SetFaults(emulator.Faults{})
	defer e.Emulator.SetFaults(saved)
	return fn()
}

// RequestSummary summarises the emulator's request counters: the total and
// each route's count, sorted by route.
func (e *Env) RequestSummary() string {
	if e.Emulator == nil {
		return "no request counters (real Pinecone)"
	}
	stats := e.Emulator.Stats()
	var total int64
	keys := make([]string, 0, len(stats))
	for k, n := range stats {
		total += n
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, stats[k]))
	}
	return fmt.Sprintf("%d requests (%s)", total, strings.Join(parts, ", "))
}
