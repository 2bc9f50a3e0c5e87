package provider_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

func testAccIndexResourceConfig_pod(name, podType string, replicas int) string {
	return fmt.Sprintf(`
resource "pinecone_index" "test" {
  name      = %[1]q
  dimension = 8
  metric    = "euclidean"
  spec = {
    pod = {
      environment = "us-east-1-aws"
      pod_type    = %[2]q
      replicas    = %[3]d
      metadata_config = {
        indexed = ["genre", "year"]
      }
    }
  }
}
`, name, podType, replicas)
}

func TestAccIndexResource_pod(t *testing.T) {
	env := acctest.New(t, emulator.Options{ScalingDelay: time.Second})
	env.RequireEmulator(t) // pod indexes cost money on real Pinecone
	name := acctest.RandomName()
	podPath := tfjsonpath.New("spec").AtMapKey("pod")
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccIndexResourceConfig_pod(name, "p1.x1", 1)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, podPath.AtMapKey("pod_type"), knownvalue.StringExact("p1.x1")),
				statecheck.ExpectKnownValue(indexAddr, podPath.AtMapKey("shards"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(indexAddr, podPath.AtMapKey("pods"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(indexAddr, podPath.AtMapKey("metadata_config").AtMapKey("indexed"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("genre"), knownvalue.StringExact("year")})),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("metric"), knownvalue.StringExact("euclidean")),
			},
		},
		acctest.ImportStep(indexAddr, name),
		{
			// More replicas and a bigger pod size: both in place; pods follows in the plan.
			Config: env.Config(testAccIndexResourceConfig_pod(name, "p1.x2", 3)),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(indexAddr, podPath.AtMapKey("pods"), knownvalue.Int64Exact(3)),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, podPath.AtMapKey("replicas"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(indexAddr, podPath.AtMapKey("pod_type"), knownvalue.StringExact("p1.x2")),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("status").AtMapKey("state"), knownvalue.StringExact("Ready")),
			},
		},
		{
			// Pinecone cannot scale a pod size down: the plan says replace.
			Config:           env.Config(testAccIndexResourceConfig_pod(name, "p1.x1", 3)),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionDestroyBeforeCreate),
		},
	})
}

func testAccIndexResourceConfig_byoc(name, readCapacity string) string {
	return fmt.Sprintf(`
resource "pinecone_index" "test" {
  name      = %[1]q
  dimension = 8
  spec = {
    byoc = {
      environment = "aws-us-east-1-b921"
      %[2]s
    }
  }
}
`, name, readCapacity)
}

func TestAccIndexResource_byoc(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t) // needs a BYOC environment
	name := acctest.RandomName()
	rc := tfjsonpath.New("spec").AtMapKey("byoc").AtMapKey("read_capacity")
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccIndexResourceConfig_byoc(name, `read_capacity = { dedicated = { node_type = "b1", replicas = 1, shards = 1 } }`)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("spec").AtMapKey("byoc").AtMapKey("environment"), knownvalue.StringExact("aws-us-east-1-b921")),
				statecheck.ExpectKnownValue(indexAddr, rc.AtMapKey("dedicated").AtMapKey("node_type"), knownvalue.StringExact("b1")),
			},
		},
		acctest.ImportStep(indexAddr, name),
		{
			Config:           env.Config(testAccIndexResourceConfig_byoc(name, `read_capacity = { dedicated = { node_type = "t1", replicas = 2, shards = 1 } }`)),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, rc.AtMapKey("dedicated").AtMapKey("replicas"), knownvalue.Int64Exact(2)),
			},
		},
	})
}

func testAccIndexResourceConfig_serverlessReadCapacity(name, readCapacity string) string {
	return fmt.Sprintf(`
resource "pinecone_index" "test" {
  name      = %[1]q
  dimension = 8
  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
      %[2]s
      schema = { fields = { genre = { filterable = true } } }
    }
  }
}
`, name, readCapacity)
}

// Dedicated read capacity: switch on, scale, and back to on-demand, in place,
// with the emulator taking time to scale so the waiter has to wait.
func TestAccIndexResource_readCapacity(t *testing.T) {
	env := acctest.New(t, emulator.Options{ScalingDelay: time.Second})
	env.RequireEmulator(t) // dedicated read nodes cost money on real Pinecone
	name := acctest.RandomName()
	rc := tfjsonpath.New("spec").AtMapKey("serverless").AtMapKey("read_capacity")
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccIndexResourceConfig_serverlessReadCapacity(name, `read_capacity = { on_demand = {} }`)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, rc.AtMapKey("on_demand"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("spec").AtMapKey("serverless").AtMapKey("schema").AtMapKey("fields").AtMapKey("genre").AtMapKey("filterable"), knownvalue.Bool(true)),
			},
		},
		{
			Config:           env.Config(testAccIndexResourceConfig_serverlessReadCapacity(name, `read_capacity = { dedicated = { node_type = "b1", replicas = 1, shards = 1 } }`)),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
			Check:            testAccCheckReadCapacityReady(env, name, "Dedicated"),
		},
		{
			Config:           env.Config(testAccIndexResourceConfig_serverlessReadCapacity(name, "")),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, rc, knownvalue.Null()),
			},
			Check: testAccCheckReadCapacityReady(env, name, "OnDemand"),
		},
	})
}

// testAccCheckReadCapacityReady proves the apply waited: when Terraform
// returns, the capacity change has finished.
func testAccCheckReadCapacityReady(env *acctest.Env, name, mode string) resource.TestCheckFunc {
	return testAccCheckIndexSettled(env, name, "", mode)
}

// testAccCheckIndexSettled checks that Pinecone reports the index's read
// capacity Ready, in mode, and the index in state (an empty state or mode
// is not checked).
func testAccCheckIndexSettled(env *acctest.Env, name, state, mode string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ix, err := env.Client.DescribeIndex(acctest.Ctx(), name)
		if err != nil {
			return err
		}
		got := ix.Spec.Serverless.ReadCapacity
		if (state != "" && ix.Status.State != state) || got == nil || (mode != "" && got.Mode != mode) || got.Status == nil || got.Status.State != "Ready" {
			return fmt.Errorf("index state %s, read capacity %+v; want state %q, read capacity mode %q and Ready", ix.Status.State, got, state, mode)
		}
		return nil
	}
}

func TestAccIndexResource_integrated(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	embed := tfjsonpath.New("embed")
	config := func(text, readParameters string) string {
		return env.Config(fmt.Sprintf(`
resource "pinecone_index" "test" {
  name = %[1]q
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
  embed = {
    model            = "multilingual-e5-large"
    field_map        = { text = %[2]q }
    read_parameters  = { %[3]s }
    write_parameters = { input_type = "passage" }
  }
}
`, name, text, readParameters))
	}
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: config("chunk_text", `input_type = "query"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("dimension"), knownvalue.Int64Exact(1024)),
				statecheck.ExpectKnownValue(indexAddr, embed.AtMapKey("dimension"), knownvalue.Int64Exact(1024)),
				statecheck.ExpectKnownValue(indexAddr, embed.AtMapKey("metric"), knownvalue.StringExact("cosine")),
				statecheck.ExpectKnownValue(indexAddr, embed.AtMapKey("vector_type"), knownvalue.StringExact("dense")),
				// Pinecone adds defaults (truncate) that the user did not write: not shown, no diff.
				statecheck.ExpectKnownValue(indexAddr, embed.AtMapKey("read_parameters"), knownvalue.MapExact(map[string]knownvalue.Check{
					"input_type": knownvalue.StringExact("query"),
				})),
			},
		},
		// Import cannot tell the user's parameters from Pinecone's defaults.
		acctest.ImportStep(indexAddr, name, "embed.read_parameters", "embed.write_parameters"),
		{
			// field_map and parameters update in place.
			Config:           config("body", `input_type = "query", truncate = "NONE"`),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, embed.AtMapKey("field_map").AtMapKey("text"), knownvalue.StringExact("body")),
				statecheck.ExpectKnownValue(indexAddr, embed.AtMapKey("read_parameters").AtMapKey("truncate"), knownvalue.StringExact("NONE")),
			},
		},
	})
}

// An existing dense index gains integrated inference in place; changing the
// model afterwards replaces the index.
func TestAccIndexResource_embedUpgrade(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	withEmbed := func(model string) string {
		return fmt.Sprintf(`
resource "pinecone_index" "test" {
  name      = %[1]q
  dimension = 1024
  metric    = "cosine"
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
  embed = {
    model     = %[2]q
    field_map = { text = "chunk_text" }
  }
}
`, name, model)
	}
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(fmt.Sprintf(`
resource "pinecone_index" "test" {
  name      = %[1]q
  dimension = 1024
  metric    = "cosine"
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
}
`, name)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("embed"), knownvalue.Null()),
			},
		},
		{
			Config:           env.Config(withEmbed("multilingual-e5-large")),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("embed").AtMapKey("model"), knownvalue.StringExact("multilingual-e5-large")),
			},
		},
		{
			Config:           env.Config(withEmbed("llama-text-embed-v2")),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionDestroyBeforeCreate),
		},
	})
}
