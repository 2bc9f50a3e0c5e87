package acctest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

func TestPlanAction(t *testing.T) {
	more := plancheck.ExpectEmptyPlan()
	got := PlanAction("pinecone_index.test", plancheck.ResourceActionUpdate, more)
	if len(got.PreApply) != 2 || got.PreApply[1] != more || len(got.PostApplyPreRefresh) != 0 || len(got.PostApplyPostRefresh) != 0 {
		t.Fatalf("PlanAction = %+v, want the action check then the extra one, before the apply only", got)
	}
	// The first check is the action: a plan that creates the resource fails it.
	resp := &plancheck.CheckPlanResponse{}
	got.PreApply[0].CheckPlan(t.Context(), plancheck.CheckPlanRequest{Plan: planCreating("pinecone_index.test")}, resp)
	if resp.Error == nil || !strings.Contains(resp.Error.Error(), "pinecone_index.test") {
		t.Errorf("a create passed an update check: %v", resp.Error)
	}
}

func TestImportStep(t *testing.T) {
	s := ImportStep("pinecone_index.test", "name", "a", "b")
	if s.ResourceName != "pinecone_index.test" || !s.ImportState || s.ImportStateId != "name" || !s.ImportStateVerify ||
		!slices.Equal(s.ImportStateVerifyIgnore, []string{"a", "b"}) || s.Config != "" {
		t.Errorf("ImportStep = %+v", s)
	}
	if s := ImportStep("pinecone_project.test", ""); s.ImportStateId != "" || len(s.ImportStateVerifyIgnore) != 0 || !s.ImportStateVerify {
		t.Errorf("ImportStep without an id = %+v", s)
	}
}

func TestTaintedStep(t *testing.T) {
	tainted := resourceState("pinecone_index", "a", nil)
	tainted.Primary.Tainted = true
	s := stateOf(map[string]*terraform.ResourceState{
		"pinecone_index.tainted": tainted,
		"pinecone_index.fine":    resourceState("pinecone_index", "b", nil),
	})
	step := TaintedStep("pinecone_index.tainted")
	if !step.RefreshState || !step.ExpectNonEmptyPlan || step.Config != "" {
		t.Errorf("TaintedStep must refresh and expect a non-empty plan: %+v", step)
	}
	if err := step.Check(s); err != nil {
		t.Errorf("a tainted resource: %v", err)
	}
	if err := TaintedStep("pinecone_index.fine").Check(s); err == nil || !strings.Contains(err.Error(), "not tainted") {
		t.Errorf("an untainted resource: %v", err)
	}
	extra := errors.New("extra")
	if err := TaintedStep("pinecone_index.tainted", func(*terraform.State) error { return extra }).Check(s); !errors.Is(err, extra) {
		t.Errorf("the extra check did not run: %v", err)
	}
}

// planCreating is a plan that creates addr.
func planCreating(addr string) *tfjson.Plan {
	return &tfjson.Plan{ResourceChanges: []*tfjson.ResourceChange{{
		Address: addr,
		Change:  &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionCreate}},
	}}}
}

func TestProviderConfigWithKey(t *testing.T) {
	emu := &Env{Emulator: emulator.New(emulator.Options{}), URL: "http://127.0.0.1:1", APIKey: "right"}
	if got, want := emu.ProviderConfigWithKey("wrong-key"), "\nprovider \"pinecone\" {\n  api_key         = \"wrong-key\"\n  controller_host = \"http://127.0.0.1:1\"\n}\n"; got != want {
		t.Errorf("with a key:\n%s\nwant:\n%s", got, want)
	}
	if got := emu.ProviderConfigWithKey(""); strings.Contains(got, "api_key") || !strings.Contains(got, `controller_host = "http://127.0.0.1:1"`) {
		t.Errorf("without a key:\n%s", got)
	}
	if got := (&Env{}).ProviderConfigWithKey("k"); strings.Contains(got, "controller_host") || !strings.Contains(got, `api_key         = "k"`) {
		t.Errorf("against real Pinecone:\n%s", got)
	}
}
