package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

const assistantAddr = "pinecone_assistant.test"

// testAccCheckAssistantDestroy asks the control plane that every assistant in
// state is gone (its files go with it).
func testAccCheckAssistantDestroy(env *acctest.Env) resource.TestCheckFunc {
	return acctest.CheckDestroyed("pinecone_assistant", env.Client.DescribeAssistant)
}

func testAccAssistantConfig(name, region, body string) string {
	return fmt.Sprintf(`
resource "pinecone_assistant" "test" {
  name   = %[1]q
  region = %[2]q
  %[3]s
}
`, name, region, body)
}

func TestAccAssistantResource_basic(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckAssistantDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccAssistantConfig(name, "us", `
  instructions = "Answer briefly."
  metadata     = { team = "support", tier = 2, tags = ["faq", "billing"] }
`)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(assistantAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(assistantAddr, tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
				statecheck.ExpectKnownValue(assistantAddr, tfjsonpath.New("host"), knownvalue.StringRegexp(regexp.MustCompile(`^https?://`))),
				statecheck.ExpectKnownValue(assistantAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-`))),
				statecheck.ExpectKnownValue(assistantAddr, tfjsonpath.New("metadata").AtMapKey("team"), knownvalue.StringExact("support")),
			},
		},
		acctest.ImportStep(assistantAddr, name),
		{
			// Instructions and metadata change in place; metadata now as JSON text.
			Config: env.Config(testAccAssistantConfig(name, "us", `
  instructions = "Answer in detail."
  metadata     = jsonencode({ team = "support", tier = 3 })
`)),
			ConfigPlanChecks: acctest.PlanAction(assistantAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				a, err := env.Client.DescribeAssistant(acctest.Ctx(), name)
				if err != nil {
					return err
				}
				if a.Instructions == nil || *a.Instructions != "Answer in detail." {
					return fmt.Errorf("instructions = %v", a.Instructions)
				}
				return nil
			},
		},
		{
			// Removing both clears them.
			Config:           env.Config(testAccAssistantConfig(name, "us", "")),
			ConfigPlanChecks: acctest.PlanAction(assistantAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(assistantAddr, tfjsonpath.New("instructions"), knownvalue.Null()),
				statecheck.ExpectKnownValue(assistantAddr, tfjsonpath.New("metadata"), knownvalue.Null()),
			},
		},
		{
			Config:           env.Config(testAccAssistantConfig(name, "eu", "")),
			ConfigPlanChecks: acctest.PlanAction(assistantAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(assistantAddr, tfjsonpath.New("region"), knownvalue.StringExact("eu")),
			},
		},
	})
}

// Metadata written as JSON with an order and spacing Pinecone does not keep
// must not drift: the plan after apply (checked by the framework) is empty.
func TestAccAssistantResource_metadataRoundTrip(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckAssistantDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccAssistantConfig(name, "us", `
  metadata = "{ \"z\": 1,   \"a\": {\"y\": [1, 2.0, \"three\"], \"x\": null} }"
`)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(assistantAddr, tfjsonpath.New("metadata"), knownvalue.StringExact(`{ "z": 1,   "a": {"y": [1, 2.0, "three"], "x": null} }`)),
			},
		},
		{
			// A refresh keeps the user's text, since Pinecone's copy means the same.
			RefreshState: true,
		},
	})
}

func TestAccAssistantResource_disappearsAndConflict(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	config := env.Config(testAccAssistantConfig(name, "us", ""))
	acctest.ParallelTest(t, testAccCheckAssistantDestroy(env), append(acctest.DisappearsSteps(config, assistantAddr, func(*terraform.State) error {
		if err := env.Client.DeleteAssistant(acctest.Ctx(), name); err != nil {
			return err
		}
		return env.Client.WaitForAssistantDeleted(acctest.Ctx(), name)
	}), resource.TestStep{
		Config: config + fmt.Sprintf(`
resource "pinecone_assistant" "dup" {
  name       = %q
  depends_on = [pinecone_assistant.test]
}
`, name),
		ExpectError: regexp.MustCompile(`(?s)already exists.*to = pinecone_assistant`),
	}))
}

func TestAccAssistantResource_failed(t *testing.T) {
	env := acctest.New(t, emulator.Options{Faults: emulator.Faults{FailAssistants: []string{"*"}}})
	env.RequireEmulator(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckAssistantDestroy(env), []resource.TestStep{
		{
			Config:      env.Config(testAccAssistantConfig(name, "us", "")),
			ExpectError: regexp.MustCompile(`(?s)` + name + `.*Failed`),
		},
		acctest.TaintedStep(assistantAddr),
	})
}
