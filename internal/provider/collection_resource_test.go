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
	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

const collectionAddr = "pinecone_collection.test"

// testAccCheckCollectionDestroy asks the control plane that every collection
// and every index in state is gone.
func testAccCheckCollectionDestroy(env *acctest.Env) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(
		acctest.CheckDestroyed("pinecone_collection", env.Client.DescribeCollection),
		testAccCheckIndexDestroy(env),
	)
}

// testAccPodIndexConfig is a pod index named name (resource pinecone_index.source).
func testAccPodIndexConfig(name string) string {
	return fmt.Sprintf(`
resource "pinecone_index" "source" {
  name      = %[1]q
  dimension = 8
  spec = {
    pod = { environment = "us-east-1-aws" }
  }
}
`, name)
}

func testAccCollectionConfig(index, name string) string {
	return testAccPodIndexConfig(index) + fmt.Sprintf(`
resource "pinecone_collection" "test" {
  name   = %[1]q
  source = pinecone_index.source.name
}
`, name)
}

func TestAccCollectionResource_basic(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t) // pod indexes cost money on real Pinecone
	index, name, renamed := acctest.RandomName(), acctest.RandomName(), acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckCollectionDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccCollectionConfig(index, name)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(collectionAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(collectionAddr, tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
				statecheck.ExpectKnownValue(collectionAddr, tfjsonpath.New("dimension"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownValue(collectionAddr, tfjsonpath.New("environment"), knownvalue.StringExact("us-east-1-aws")),
				statecheck.ExpectKnownValue(collectionAddr, tfjsonpath.New("vector_count"), knownvalue.NotNull()),
			},
		},
		// Pinecone does not report a collection's source: import cannot recover it.
		acctest.ImportStep(collectionAddr, name, "source"),
		{
			Config:           env.Config(testAccCollectionConfig(index, renamed)),
			ConfigPlanChecks: acctest.PlanAction(collectionAddr, plancheck.ResourceActionDestroyBeforeCreate),
		},
	})
}

func TestAccCollectionResource_disappears(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	index, name := acctest.RandomName(), acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckCollectionDestroy(env), acctest.DisappearsSteps(env.Config(testAccCollectionConfig(index, name)), collectionAddr, func(*terraform.State) error {
		if err := env.Client.DeleteCollection(acctest.Ctx(), name); err != nil {
			return err
		}
		return env.Client.WaitForCollectionDeleted(acctest.Ctx(), name)
	}))
}

func TestAccCollectionResource_conflictAndServerlessSource(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	index, name, serverless := acctest.RandomName(), acctest.RandomName(), acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckCollectionDestroy(env), []resource.TestStep{
		{
			// A collection of that name already exists: the error says how to import it.
			Config: env.Config(testAccCollectionConfig(index, name) + fmt.Sprintf(`
resource "pinecone_collection" "dup" {
  name       = %[1]q
  source     = pinecone_index.source.name
  depends_on = [pinecone_collection.test]
}
`, name)),
			ExpectError: regexp.MustCompile(`(?s)already exists.*to = pinecone_collection`),
		},
		{
			// Collections need a pod index: Pinecone's refusal is shown.
			Config: env.Config(testAccCollectionConfig(index, name) + testAccIndexResourceConfig_serverless(serverless, 8, "") + fmt.Sprintf(`
resource "pinecone_collection" "bad" {
  name   = %[1]q
  source = pinecone_index.test.name
}
`, acctest.RandomName())),
			ExpectError: regexp.MustCompile(`(?s)Error creating Pinecone collection.*INVALID_ARGUMENT.*serverless`),
		},
	})
}

// An index created from a collection, and the 412 Pinecone answers when the
// source index is deleted while a collection is still being made from it.
func TestAccCollectionResource_sourceCollectionAndPendingDelete(t *testing.T) {
	clock := acctest.NewClock()
	env := acctest.New(t, emulator.Options{ReadyDelay: acctest.ClockStep, Now: clock.Now})
	env.RequireEmulator(t)
	index, name, restored, pending := acctest.RandomName(), acctest.RandomName(), acctest.RandomName(), acctest.RandomName()
	withRestored := testAccCollectionConfig(index, name) + fmt.Sprintf(`
resource "pinecone_index" "from_collection" {
  name      = %[1]q
  dimension = 8
  spec = {
    pod = {
      environment       = "us-east-1-aws"
      source_collection = pinecone_collection.test.name
    }
  }
}
`, restored)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckCollectionDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(withRestored),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("pinecone_index.from_collection", tfjsonpath.New("spec").AtMapKey("pod").AtMapKey("source_collection"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue("pinecone_index.from_collection", tfjsonpath.New("status").AtMapKey("ready"), knownvalue.Bool(true)),
				},
			},
			{
				// Someone starts another collection from the source index; while it
				// is still Initializing, Terraform cannot delete that index.
				PreConfig: func() {
					clock.Freeze()
					if _, err := env.Client.CreateCollection(acctest.Ctx(), client.CreateCollectionRequest{Name: pending, Source: index}); err != nil {
						t.Fatalf("creating the pending collection: %v", err)
					}
				},
				Config:      env.Config(`resource "terraform_data" "nothing" {}`),
				ExpectError: regexp.MustCompile(`(?s)cannot be deleted yet.*` + pending),
			},
			{
				PreConfig: func() {
					clock.Resume()
					if err := env.Client.DeleteCollection(acctest.Ctx(), pending); err != nil {
						t.Fatalf("deleting the pending collection: %v", err)
					}
				},
				Config: env.Config(`resource "terraform_data" "nothing" {}`),
			},
		},
	})
}

func TestAccCollectionDataSources(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	index, name := acctest.RandomName(), acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckCollectionDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccCollectionConfig(index, name) + `
data "pinecone_collection" "one" {
  name = pinecone_collection.test.name
}
data "pinecone_collections" "all" {
  depends_on = [pinecone_collection.test]
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pinecone_collection.one", tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
				statecheck.ExpectKnownValue("data.pinecone_collection.one", tfjsonpath.New("dimension"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownValue("data.pinecone_collections.all", tfjsonpath.New("collections"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.pinecone_collections.all", tfjsonpath.New("collections").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact(name)),
			},
		},
	})
}
