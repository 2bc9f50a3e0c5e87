package acctest

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// ParallelTest runs steps against the in-process provider
// (ProtoV6ProviderFactories) in parallel with other tests; checkDestroy is
// the test case's CheckDestroy (nil when the steps create nothing to check).
func ParallelTest(t *testing.T, checkDestroy resource.TestCheckFunc, steps []resource.TestStep) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroy,
		Steps:                    steps,
	})
}

// PlanAction is a step's ConfigPlanChecks that expect action on addr
// before the apply, followed by the other pre-apply checks given.
func PlanAction(addr string, action plancheck.ResourceActionType, more ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply: append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)}, more...),
	}
}

// ImportStep imports addr by id (the resource's ID in state when id is
// empty) and verifies the imported state against the applied one,
// ignoring the attributes named in ignore.
func ImportStep(addr, id string, ignore ...string) resource.TestStep {
	return resource.TestStep{
		ResourceName:            addr,
		ImportState:             true,
		ImportStateId:           id,
		ImportStateVerify:       true,
		ImportStateVerifyIgnore: ignore,
	}
}

// TaintedStep follows a failed create: a refresh must find addr in state,
// tainted (CheckTainted), with a plan to replace it, and pass checks.
func TaintedStep(addr string, checks ...resource.TestCheckFunc) resource.TestStep {
	return resource.TestStep{
		RefreshState:       true,
		ExpectNonEmptyPlan: true,
		Check:              resource.ComposeTestCheckFunc(append([]resource.TestCheckFunc{CheckTainted(addr)}, checks...)...),
	}
}

// PlanOnlyAction is PlanAction for a PlanOnly step, whose plan checks run
// as PostApplyPreRefresh (the harness refuses PreApply checks there).
func PlanOnlyAction(addr string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PostApplyPreRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)},
	}
}
