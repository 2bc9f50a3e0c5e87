package provider_test

import (
	"errors"
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
	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

const (
	namespaceAddr       = "pinecone_namespace.prod"
	namespaceByHostAddr = "pinecone_namespace.staging"
)

// testAccCheckNamespaceDestroy: every namespace in state is gone (or its
// index is), and so is every index.
func testAccCheckNamespaceDestroy(env *acctest.Env) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(
		func(s *terraform.State) error {
			for _, rs := range s.RootModule().Resources {
				if rs.Type != "pinecone_namespace" {
					continue
				}
				dp, err := env.Client.IndexDataPlane(rs.Primary.Attributes["index_host"])
				if err != nil {
					return err
				}
				_, err = dp.DescribeNamespace(acctest.Ctx(), rs.Primary.Attributes["name"])
				if !errors.Is(err, client.ErrNotFound) {
					return fmt.Errorf("namespace %s still exists (err=%w)", rs.Primary.ID, err)
				}
			}
			return nil
		},
		testAccCheckIndexDestroy(env),
	)
}

// testAccNamespaceConfig: an index with two namespaces, one by index name
// with filterable fields, one by host without a schema, and the list.
func testAccNamespaceConfig(index, schema, extra string) string {
	return testAccIndexResourceConfig_serverless(index, 4, "") + fmt.Sprintf(`
resource "pinecone_namespace" "prod" {
  index_name = pinecone_index.test.name
  name       = "prod"
  %[1]s
  %[2]s
}

resource "pinecone_namespace" "staging" {
  index_host = pinecone_index.test.host
  name       = "staging"
}

data "pinecone_namespaces" "all" {
  index_name = pinecone_index.test.name
  depends_on = [pinecone_namespace.prod, pinecone_namespace.staging]
}
`, schema, extra)
}

const twoFields = `schema = { fields = { genre = { filterable = true }, year = { filterable = true } } }`

func TestAccNamespaceResource_basic(t *testing.T) {
	env := acctest.New(t)
	index := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckNamespaceDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccNamespaceConfig(index, twoFields, "")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(namespaceAddr, tfjsonpath.New("id"), knownvalue.StringExact(index+"/prod")),
				statecheck.ExpectKnownValue(namespaceAddr, tfjsonpath.New("record_count"), knownvalue.Int64Exact(0)),
				// Pinecone lists indexed fields once records arrive.
				statecheck.ExpectKnownValue(namespaceAddr, tfjsonpath.New("indexed_fields"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(namespaceAddr, tfjsonpath.New("schema").AtMapKey("fields").AtMapKey("year").AtMapKey("filterable"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(namespaceAddr, tfjsonpath.New("index_host"), knownvalue.StringRegexp(regexp.MustCompile(`\.pinecone\.io$`))),
				statecheck.ExpectKnownValue(namespaceByHostAddr, tfjsonpath.New("schema"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.pinecone_namespaces.all", tfjsonpath.New("namespaces").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("prod")),
				statecheck.ExpectKnownValue("data.pinecone_namespaces.all", tfjsonpath.New("namespaces").AtSliceIndex(1).AtMapKey("name"), knownvalue.StringExact("staging")),
			},
			Check: func(*terraform.State) error {
				if env.Emulator == nil {
					return nil
				}
				// Every namespace request went to the index's host.
				if n := env.Emulator.Stats()["POST /namespaces"]; n != 2 {
					return fmt.Errorf("%d namespace creates reached the emulator's data plane, want 2", n)
				}
				return nil
			},
		},
		acctest.ImportStep(namespaceAddr, index+"/prod"),
		{
			// A namespace cannot be altered: another schema replaces it.
			Config:           env.Config(testAccNamespaceConfig(index, `schema = { fields = { genre = { filterable = true } } }`, "")),
			ConfigPlanChecks: acctest.PlanAction(namespaceAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(namespaceAddr, tfjsonpath.New("schema").AtMapKey("fields"), knownvalue.MapSizeExact(1)),
			},
		},
		{
			// force_destroy lives in Terraform only: an in-place update.
			Config:           env.Config(testAccNamespaceConfig(index, `schema = { fields = { genre = { filterable = true } } }`, "force_destroy = true")),
			ConfigPlanChecks: acctest.PlanAction(namespaceAddr, plancheck.ResourceActionUpdate),
		},
	})
}

// A namespace that holds records is not deleted unless force_destroy says
// so; the error names the record count, and the records survive.
func TestAccNamespaceResource_forceDestroy(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	index := acctest.RandomName()
	withNamespace := env.Config(testAccNamespaceConfig(index, "", ""))
	acctest.ParallelTest(t, testAccCheckNamespaceDestroy(env), []resource.TestStep{
		{
			Config: withNamespace,
			Check: func(*terraform.State) error {
				return env.Emulator.SetNamespaceRecordCount(index, "prod", 5)
			},
		},
		{
			// Replacing it (a new schema) would delete the records.
			Config:      env.Config(testAccNamespaceConfig(index, twoFields, "")),
			ExpectError: looseRegexp(`(?s)Pinecone namespace holds records.*holds 5 records.*force_destroy = true`),
		},
		{
			Config: env.Config(testAccNamespaceConfig(index, "", "force_destroy = true")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(namespaceAddr, tfjsonpath.New("record_count"), knownvalue.Int64Exact(5)),
			},
		},
		{
			Config:           env.Config(testAccNamespaceConfig(index, twoFields, "force_destroy = true")),
			ConfigPlanChecks: acctest.PlanAction(namespaceAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(namespaceAddr, tfjsonpath.New("record_count"), knownvalue.Int64Exact(0)),
			},
		},
	})
}

func TestAccNamespaceResource_disappears(t *testing.T) {
	env := acctest.New(t)
	index := acctest.RandomName()
	config := env.Config(testAccIndexResourceConfig_serverless(index, 4, "") + `
resource "pinecone_namespace" "prod" {
  index_name = pinecone_index.test.name
  name       = "prod"
}
`)
	acctest.ParallelTest(t, testAccCheckNamespaceDestroy(env), acctest.DisappearsSteps(config, namespaceAddr, func(s *terraform.State) error {
		rs := s.RootModule().Resources[namespaceAddr].Primary
		dp, err := env.Client.IndexDataPlane(rs.Attributes["index_host"])
		if err != nil {
			return err
		}
		if err := dp.DeleteNamespace(acctest.Ctx(), "prod"); err != nil {
			return err
		}
		return dp.WaitNamespaceGone(acctest.Ctx(), "prod")
	}))
}

// When the index is deleted outside Terraform, its namespaces go with it:
// the refresh removes them from state instead of failing on a host that no
// longer answers.
func TestAccNamespaceResource_indexDeletedOutside(t *testing.T) {
	env := acctest.New(t)
	index := acctest.RandomName()
	config := env.Config(testAccIndexResourceConfig_serverless(index, 4, "") + `
resource "pinecone_namespace" "prod" {
  index_name = pinecone_index.test.name
  name       = "prod"
}
`)
	acctest.ParallelTest(t, testAccCheckNamespaceDestroy(env), []resource.TestStep{
		{
			Config: config,
			Check: func(*terraform.State) error {
				if err := env.Client.DeleteIndex(acctest.Ctx(), index); err != nil {
					return err
				}
				return env.Client.WaitForIndexDeleted(acctest.Ctx(), index)
			},
			ExpectNonEmptyPlan: true,
		},
		{
			Config:           config,
			ConfigPlanChecks: acctest.PlanAction(namespaceAddr, plancheck.ResourceActionCreate),
		},
	})
}
