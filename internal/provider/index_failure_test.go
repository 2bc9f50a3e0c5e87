package provider_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

// testAccCheckTainted proves a failed create left the index in state, tainted,
// so it is neither orphaned nor trusted.
func testAccCheckTainted(addr string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[addr]
		if !ok {
			return fmt.Errorf("%s is not in state: the failed create orphaned it", addr)
		}
		if !rs.Primary.Tainted {
			return fmt.Errorf("%s is in state but not tainted", addr)
		}
		return nil
	}
}

func TestAccIndexResource_initializationFailed(t *testing.T) {
	env := acctest.New(t, emulator.Options{Faults: emulator.Faults{FailInitialization: []string{"*"}}})
	env.RequireEmulator(t)
	name := acctest.RandomName()
	config := env.Config(testAccIndexResourceConfig_serverless(name, 4, ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckIndexDestroy(env),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)` + name + `.*InitializationFailed`),
			},
			{
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check:              testAccCheckTainted(indexAddr),
			},
			{
				// Once Pinecone behaves, the next apply replaces the tainted index.
				PreConfig: func() { env.Emulator.SetFaults(emulator.Faults{}) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(indexAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

func TestAccIndexResource_createTimeout(t *testing.T) {
	env := acctest.New(t, emulator.Options{ReadyDelay: time.Hour})
	env.RequireEmulator(t)
	name := acctest.RandomName()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckIndexDestroy(env),
		Steps: []resource.TestStep{
			{
				Config:      env.Config(testAccIndexResourceConfig_serverless(name, 4, `timeouts = { create = "2s" }`)),
				ExpectError: regexp.MustCompile(`(?s)gave up waiting for index.*Initializing.*timeouts`),
			},
			{
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check:              testAccCheckTainted(indexAddr),
			},
		},
	})
}
