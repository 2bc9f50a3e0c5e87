package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

func testAccIndexResourceConfig_dedicated(name string, replicas int) string {
	return testAccIndexResourceConfig_serverlessReadCapacity(name,
		fmt.Sprintf(`read_capacity = { dedicated = { node_type = "b1", replicas = %d, shards = 1 } }`, replicas))
}

// Dedicated read capacity with zero replicas pauses the index: Pinecone
// reports it Disabled. The apply waits for Disabled, the next plan is empty
// (the test framework checks it after every step), and one replica brings
// the index back to Ready, in place both ways.
func TestAccIndexResource_readCapacityPaused(t *testing.T) {
	env := acctest.New(t, emulator.Options{ScalingDelay: time.Second})
	env.RequireEmulator(t) // dedicated read nodes cost money on real Pinecone
	name := acctest.RandomName()
	status := tfjsonpath.New("status")
	rc := tfjsonpath.New("spec").AtMapKey("serverless").AtMapKey("read_capacity").AtMapKey("dedicated")
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccIndexResourceConfig_dedicated(name, 1)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, status.AtMapKey("state"), knownvalue.StringExact("Ready")),
			},
		},
		{
			Config: env.Config(testAccIndexResourceConfig_dedicated(name, 0)),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectUnknownValue(indexAddr, status), // Ready -> Disabled
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, rc.AtMapKey("replicas"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(indexAddr, status.AtMapKey("state"), knownvalue.StringExact("Disabled")),
				statecheck.ExpectKnownValue(indexAddr, status.AtMapKey("ready"), knownvalue.Bool(false)),
			},
			Check: testAccCheckIndexState(env, name, "Disabled"),
		},
		// A refresh of the paused index changes nothing.
		{RefreshState: true},
		acctest.ImportStep(indexAddr, name),
		{
			Config: env.Config(testAccIndexResourceConfig_dedicated(name, 1)),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectUnknownValue(indexAddr, status),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, rc.AtMapKey("replicas"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(indexAddr, status.AtMapKey("state"), knownvalue.StringExact("Ready")),
				statecheck.ExpectKnownValue(indexAddr, status.AtMapKey("ready"), knownvalue.Bool(true)),
			},
			Check: testAccCheckIndexState(env, name, "Ready"),
		},
	})
}

// testAccCheckIndexState proves the apply waited for the index to settle:
// the index is in state, with its read capacity Ready.
func testAccCheckIndexState(env *acctest.Env, name, state string) resource.TestCheckFunc {
	return testAccCheckIndexSettled(env, name, state, "")
}

// A read capacity change that ends in Error fails the apply with Pinecone's
// error_message; once Pinecone behaves, the next change applies.
func TestAccIndexResource_readCapacityError(t *testing.T) {
	env := acctest.New(t, emulator.Options{ScalingDelay: time.Second})
	env.RequireEmulator(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccIndexResourceConfig_serverlessReadCapacity(name, "")),
		},
		{
			PreConfig:   func() { env.Emulator.SetFaults(emulator.Faults{FailReadCapacity: []string{name}}) },
			Config:      env.Config(testAccIndexResourceConfig_dedicated(name, 2)),
			ExpectError: regexp.MustCompile(`(?s)` + name + `.*read\s+capacity.*Error.*` + words("Failed to provision 2 replicas x 1 shards of node type b1")),
		},
		{
			PreConfig: func() { env.Emulator.SetFaults(emulator.Faults{}) },
			Config:    env.Config(testAccIndexResourceConfig_dedicated(name, 3)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("status").AtMapKey("state"), knownvalue.StringExact("Ready")),
			},
			Check: testAccCheckReadCapacityReady(env, name, "Dedicated"),
		},
	})
}

// The project's pod quota (max_pods; 50 in the emulator's default project)
// stops a scale-up with Pinecone's QUOTA_EXCEEDED message.
func TestAccIndexResource_podQuota(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t) // pod indexes cost money on real Pinecone
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{Config: env.Config(testAccIndexResourceConfig_pod(name, "p1.x1", 2))},
		{
			Config:      env.Config(testAccIndexResourceConfig_pod(name, "p1.x1", 60)),
			ExpectError: regexp.MustCompile(words("The index exceeds the project quota of 50 pods by 10 pods.")),
		},
	})
}

// words matches text whatever line breaks Terraform puts between its words.
func words(text string) string {
	return strings.Join(strings.Fields(regexp.QuoteMeta(text)), `\s+`)
}
