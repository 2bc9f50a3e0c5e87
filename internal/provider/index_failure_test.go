package provider_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

func TestAccIndexResource_initializationFailed(t *testing.T) {
	env := acctest.New(t, emulator.Options{Faults: emulator.Faults{FailInitialization: []string{"*"}}})
	env.RequireEmulator(t)
	name := acctest.RandomName()
	config := env.Config(testAccIndexResourceConfig_serverless(name, 4, ""))
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)` + name + `.*InitializationFailed`),
		},
		acctest.TaintedStep(indexAddr),
		{
			// Once Pinecone behaves, the next apply replaces the tainted index.
			PreConfig:        func() { env.Emulator.SetFaults(emulator.Faults{}) },
			Config:           config,
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionDestroyBeforeCreate),
		},
	})
}

func TestAccIndexResource_createTimeout(t *testing.T) {
	env := acctest.New(t, emulator.Options{ReadyDelay: time.Hour})
	env.RequireEmulator(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config:      env.Config(testAccIndexResourceConfig_serverless(name, 4, `timeouts = { create = "2s" }`)),
			ExpectError: regexp.MustCompile(`(?s)gave up waiting for index.*Initializing.*timeouts`),
		},
		acctest.TaintedStep(indexAddr),
	})
}
