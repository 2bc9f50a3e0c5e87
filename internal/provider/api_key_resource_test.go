package provider_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

const apiKeyAddr = "pinecone_api_key.test"

// testAccCheckAPIKeyDestroy asks the admin API that every API key and every
// project in state is gone (a key lives in a project the test creates).
func testAccCheckAPIKeyDestroy(env *acctest.Env) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(
		acctest.CheckDestroyed("pinecone_api_key", env.Client.DescribeAPIKey),
		testAccCheckProjectDestroy(env),
	)
}

func testAccAPIKeyConfig(project, name, roles string) string {
	return testAccProjectConfig(project, "") + fmt.Sprintf(`
resource "pinecone_api_key" "test" {
  project_id = pinecone_project.test.id
  name       = %[1]q
  %[2]s
}

data "pinecone_api_keys" "test" {
  project_id = pinecone_project.test.id
  depends_on = [pinecone_api_key.test]
}
`, name, roles)
}

// testAccCheckKeyValueStable remembers the secret and fails if it changes.
func testAccCheckKeyValueStable(remembered *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		v := s.RootModule().Resources[apiKeyAddr].Primary.Attributes["value"]
		if !strings.HasPrefix(v, "pckey_") {
			return fmt.Errorf("value %q does not look like a Pinecone key", "<redacted>")
		}
		if *remembered == "" {
			*remembered = v
			return nil
		}
		if v != *remembered {
			return errors.New("the key's value changed across an in-place update")
		}
		return nil
	}
}

func TestAccAPIKeyResource_basic(t *testing.T) {
	env := acctest.New(t)
	project := acctest.RandomName()
	var value string
	acctest.ParallelTest(t, testAccCheckAPIKeyDestroy(env), []resource.TestStep{
		{
			Config: env.AdminProviderConfig("") + testAccAPIKeyConfig(project, "ci", ""),
			Check:  resource.ComposeTestCheckFunc(testAccCheckKeyValueStable(&value), testAccCheckOneToken(env)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("roles"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ProjectEditor")})),
				statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("value"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("data.pinecone_api_keys.test", tfjsonpath.New("api_keys"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.pinecone_api_keys.test", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("ci")),
			},
		},
		// The secret cannot be read back: import leaves value null.
		acctest.ImportStep(apiKeyAddr, "", "value"),
		{
			// Rename and new roles: in place, same secret.
			Config:           env.AdminProviderConfig("") + testAccAPIKeyConfig(project, "ci-renamed", `roles = ["ControlPlaneViewer", "DataPlaneEditor"]`),
			ConfigPlanChecks: acctest.PlanAction(apiKeyAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("roles"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact("ControlPlaneViewer"), knownvalue.StringExact("DataPlaneEditor"),
				})),
			},
			Check: testAccCheckKeyValueStable(&value),
		},
		{
			Config:      env.AdminProviderConfig("") + testAccAPIKeyConfig(project, "ci-renamed", `roles = ["Owner"]`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`must be one\s+of`),
		},
		{
			// Back to a valid configuration so the final destroy can run.
			Config: env.AdminProviderConfig("") + testAccAPIKeyConfig(project, "ci-renamed", `roles = ["ControlPlaneViewer", "DataPlaneEditor"]`),
		},
	})
}

func TestAccAPIKeyResource_disappears(t *testing.T) {
	env := acctest.New(t)
	config := env.AdminProviderConfig("") + testAccAPIKeyConfig(acctest.RandomName(), "k", "")
	acctest.ParallelTest(t, testAccCheckAPIKeyDestroy(env), acctest.DisappearsSteps(config, apiKeyAddr, func(s *terraform.State) error {
		return env.Client.DeleteAPIKey(acctest.Ctx(), s.RootModule().Resources[apiKeyAddr].Primary.ID)
	}))
}

// A project, a key and an index in that project in one apply, through a
// second provider configured with the new key.
func TestAccAPIKeyResource_providerAliasForNewProject(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	index := acctest.RandomName()
	config := env.AdminProviderConfig("") + testAccAPIKeyConfig(acctest.RandomName(), "terraform", "") + fmt.Sprintf(`
# Users write a second configuration of the same provider with an alias:
#   provider "pinecone" { alias = "project"  api_key = pinecone_api_key.test.value }
# Terraform runs one provider process per configuration; the in-process test
# harness reattaches every configuration of one provider to a single server,
# so the test serves the same provider under a second local name instead.
terraform {
  required_providers {
    pineconeproject = { source = "hashicorp/pineconeproject" }
  }
}

provider "pineconeproject" {
  api_key         = pinecone_api_key.test.value
  controller_host = %[1]q
}

resource "pinecone_index" "in_project" {
  provider  = pineconeproject
  name      = %[2]q
  dimension = 4
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
}
`, env.URL, index)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactoriesWithSecond("pineconeproject"),
		CheckDestroy:             testAccCheckAPIKeyDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("pinecone_index.in_project", tfjsonpath.New("status").AtMapKey("ready"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					// The index lives in the new project, not in the default one.
					if _, err := env.Client.DescribeIndex(acctest.Ctx(), index); !errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("index %s is visible in the default project (err=%w)", index, err)
					}
					return nil
				},
			},
		},
	})
}

// testAccCheckOneToken: the project, the key and the data source of a run
// share one OAuth token instead of fetching one each.
func testAccCheckOneToken(env *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if env.Emulator == nil {
			return nil
		}
		if n := env.Emulator.Stats()["POST /oauth/token"]; n != 1 {
			return fmt.Errorf("%d OAuth token requests, want 1 shared by every admin call", n)
		}
		return nil
	}
}
