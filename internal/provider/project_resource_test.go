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
)

const projectAddr = "pinecone_project.test"

// testAccCheckProjectDestroy asks the admin API that every project in state is gone.
func testAccCheckProjectDestroy(env *acctest.Env) resource.TestCheckFunc {
	return acctest.CheckDestroyed("pinecone_project", env.Client.DescribeProject)
}

func testAccProjectConfig(name, extra string) string {
	return fmt.Sprintf(`
resource "pinecone_project" "test" {
  name = %[1]q
  %[2]s
}
`, name, extra)
}

func TestAccProjectResource_basic(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckProjectDestroy(env), []resource.TestStep{
		{
			Config: env.AdminProviderConfig("") + testAccProjectConfig(name, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
				statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("max_pods"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("force_encryption_with_cmek"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("organization_id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
			},
		},
		acctest.ImportStep(projectAddr, ""),
		{
			Config:           env.AdminProviderConfig("") + testAccProjectConfig(name+"-renamed", "max_pods = 10\nforce_encryption_with_cmek = true"),
			ConfigPlanChecks: acctest.PlanAction(projectAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("name"), knownvalue.StringExact(name+"-renamed")),
				statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("effective_max_pods"), knownvalue.Int64Exact(10)),
				statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("force_encryption_with_cmek"), knownvalue.Bool(true)),
			},
		},
		{
			// CMEK enforcement cannot be turned off: a plan-time error, not a replacement.
			Config:      env.AdminProviderConfig("") + testAccProjectConfig(name+"-renamed", "max_pods = 10\nforce_encryption_with_cmek = false"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`CMEK enforcement cannot be disabled`),
		},
	})
}

// Pinecone may grant more pods than asked: the plan stays empty.
func TestAccProjectResource_maxPodsGrantedAbove(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	acctest.ParallelTest(t, testAccCheckProjectDestroy(env), []resource.TestStep{
		{
			Config: env.AdminProviderConfig("") + testAccProjectConfig(acctest.RandomName(), "max_pods = 2"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("max_pods"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("effective_max_pods"), knownvalue.Int64Exact(5)),
			},
		},
	})
}

func TestAccProjectResource_disappears(t *testing.T) {
	env := acctest.New(t)
	config := env.AdminProviderConfig("") + testAccProjectConfig(acctest.RandomName(), "")
	acctest.ParallelTest(t, testAccCheckProjectDestroy(env), acctest.DisappearsSteps(config, projectAddr, func(s *terraform.State) error {
		return env.Client.DeleteProject(acctest.Ctx(), s.RootModule().Resources[projectAddr].Primary.ID)
	}))
}
