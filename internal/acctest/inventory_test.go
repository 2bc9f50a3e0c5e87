package acctest

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// stateOf builds a state whose root module holds the given resources.
func stateOf(resources map[string]*terraform.ResourceState) *terraform.State {
	return &terraform.State{Modules: []*terraform.ModuleState{{Path: []string{"root"}, Resources: resources}}}
}

func resourceState(typ, id string, attrs map[string]string) *terraform.ResourceState {
	return &terraform.ResourceState{Type: typ, Primary: &terraform.InstanceState{ID: id, Attributes: attrs}}
}

func TestCompareInventory(t *testing.T) {
	state := Inventory{"index": {"a", "b"}, "API key": {"k1"}}
	if err := CompareInventory(Inventory{"index": {"b", "a"}, "API key": {"k1"}}, state); err != nil {
		t.Errorf("equal inventories differ: %v", err)
	}
	for name, tc := range map[string]struct {
		emu  Inventory
		want string
	}{
		"orphan":    {Inventory{"index": {"a", "b", "c"}, "API key": {"k1"}}, `only in the emulator ["c"]`},
		"duplicate": {Inventory{"index": {"a", "b"}, "API key": {"k1", "k1"}}, `API key: emulator holds ["k1" "k1"], state has ["k1"]`},
		"missing":   {Inventory{"index": {"a"}, "API key": {"k1"}}, `only in state ["b"]`},
		"other":     {Inventory{"index": {"a", "b"}, "API key": {"k1"}, "backup": {"x"}}, `backup: emulator holds ["x"], state has []`},
	} {
		err := CompareInventory(tc.emu, state)
		if err == nil {
			t.Errorf("%s: not reported", name)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want it to say %s", name, err, tc.want)
		}
	}
	// The comparison must not sort the caller's slices.
	emu := Inventory{"index": {"b", "a"}}
	_ = CompareInventory(emu, Inventory{"index": {"a", "b"}})
	if emu["index"][0] != "b" {
		t.Error("CompareInventory sorted its argument")
	}
}

func TestStateInventory(t *testing.T) {
	s := stateOf(map[string]*terraform.ResourceState{
		"pinecone_index.a":           resourceState("pinecone_index", "a", nil),
		"pinecone_index.b":           resourceState("pinecone_index", "b", nil),
		"data.pinecone_index.a":      resourceState("pinecone_index", "a", nil),
		"pinecone_assistant_file.f":  resourceState("pinecone_assistant_file", "faq", map[string]string{"assistant_name": "bot"}),
		"pinecone_api_key.k":         resourceState("pinecone_api_key", "k1", nil),
		"terraform_data.x":           resourceState("terraform_data", "x", nil),
		"pinecone_collection.broken": {Type: "pinecone_collection"},
	})
	inv := StateInventory(s)
	want := Inventory{"index": {"a", "b"}, "assistant file": {"bot/faq"}, "API key": {"k1"}}
	if err := CompareInventory(inv, want); err != nil {
		t.Errorf("StateInventory: %v", err)
	}
	if inv.Count() != 4 {
		t.Errorf("Count = %d, want 4", inv.Count())
	}
	if got := inv.String(); got != "API key=1 assistant file=1 index=2" {
		t.Errorf("String = %q", got)
	}
	if got := StateInventory(nil); got.Count() != 0 {
		t.Errorf("StateInventory(nil) = %v", got)
	}
}

func TestWithoutFaultsAndInventoryNeedTheEmulator(t *testing.T) {
	remote := &Env{} // real Pinecone: no emulator
	ran := false
	if err := remote.WithoutFaults(func() error { ran = true; return nil }); err != nil || !ran {
		t.Errorf("WithoutFaults without an emulator: ran %v, err %v", ran, err)
	}
	if _, err := remote.Inventory(); err == nil {
		t.Error("an inventory without the emulator cannot leave out the default project's keys; want an error")
	}
}
