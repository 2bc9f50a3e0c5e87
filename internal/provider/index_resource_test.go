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

const indexAddr = "pinecone_index.test"

// testAccCheckIndexDestroy asks the control plane that every index in state is gone.
func testAccCheckIndexDestroy(env *acctest.Env) resource.TestCheckFunc {
	return acctest.CheckDestroyed("pinecone_index", env.Client.DescribeIndex)
}

func testAccIndexResourceConfig_serverless(name string, dimension int, tags string) string {
	return fmt.Sprintf(`
resource "pinecone_index" "test" {
  name      = %[1]q
  dimension = %[2]d
  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }
  %[3]s
}
`, name, dimension, tags)
}

func TestAccIndexResource_basic(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccIndexResourceConfig_serverless(name, 8, "")),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionCreate,
				plancheck.ExpectUnknownValue(indexAddr, tfjsonpath.New("host")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("dimension"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("metric"), knownvalue.StringExact("cosine")),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("vector_type"), knownvalue.StringExact("dense")),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("deletion_protection"), knownvalue.StringExact("disabled")),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("host"), knownvalue.StringRegexp(regexp.MustCompile(`^`+name+`-[a-z0-9]+\.svc\..+\.pinecone\.io$`))),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("status").AtMapKey("ready"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("status").AtMapKey("state"), knownvalue.StringExact("Ready")),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("spec").AtMapKey("serverless").AtMapKey("cloud"), knownvalue.StringExact("aws")),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags"), knownvalue.Null()),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{})),
			},
		},
		acctest.ImportStep(indexAddr, name),
		{
			// Dimension cannot change in place.
			Config:           env.Config(testAccIndexResourceConfig_serverless(name, 16, "")),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("dimension"), knownvalue.Int64Exact(16)),
			},
		},
	})
}

func TestAccIndexResource_tags(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccIndexResourceConfig_serverless(name, 4, `tags = { env = "dev", team = "search" }`)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"env": knownvalue.StringExact("dev"), "team": knownvalue.StringExact("search"),
				})),
			},
		},
		{
			// Change one value, drop one key, add one key: all in place.
			Config:           env.Config(testAccIndexResourceConfig_serverless(name, 4, `tags = { env = "prod", owner = "ml" }`)),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{
					"env": knownvalue.StringExact("prod"), "owner": knownvalue.StringExact("ml"),
				})),
			},
			Check: testAccCheckIndexTags(env, name, map[string]string{"env": "prod", "owner": "ml"}),
		},
		{
			// Removing the whole argument removes every tag from the index.
			Config:           env.Config(testAccIndexResourceConfig_serverless(name, 4, "")),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags"), knownvalue.Null()),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{})),
			},
			Check: testAccCheckIndexTags(env, name, map[string]string{}),
		},
	})
}

// testAccCheckIndexTags compares the tags Pinecone reports with want.
func testAccCheckIndexTags(env *acctest.Env, name string, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ix, err := env.Client.DescribeIndex(acctest.Ctx(), name)
		if err != nil {
			return err
		}
		if len(ix.Tags) != len(want) {
			return fmt.Errorf("index tags = %v, want %v", ix.Tags, want)
		}
		for k, v := range want {
			if ix.Tags[k] != v {
				return fmt.Errorf("index tags = %v, want %v", ix.Tags, want)
			}
		}
		return nil
	}
}

func TestAccIndexResource_defaultTags(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	cfg := func(defaultTeam, own string) string {
		return env.ProviderConfigWith(fmt.Sprintf(`  default_tags = { team = %q, managed_by = "terraform" }`, defaultTeam)) +
			testAccIndexResourceConfig_serverless(name, 4, own)
	}
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			// The resource's own tag wins over the default of the same key.
			Config: cfg("search", `tags = { team = "ranking", env = "dev" }`),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{
						"team": knownvalue.StringExact("ranking"), "env": knownvalue.StringExact("dev"), "managed_by": knownvalue.StringExact("terraform"),
					})),
				},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"team": knownvalue.StringExact("ranking"), "env": knownvalue.StringExact("dev"),
				})),
			},
			Check: testAccCheckIndexTags(env, name, map[string]string{"team": "ranking", "env": "dev", "managed_by": "terraform"}),
		},
		{
			// Without own tags, the defaults alone apply; changing a default updates in place.
			Config:           cfg("platform", ""),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags"), knownvalue.Null()),
			},
			Check: testAccCheckIndexTags(env, name, map[string]string{"team": "platform", "managed_by": "terraform"}),
		},
	})
}

func TestAccIndexResource_sparse(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(fmt.Sprintf(`
resource "pinecone_index" "test" {
  name        = %[1]q
  vector_type = "sparse"
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
}
`, name)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("vector_type"), knownvalue.StringExact("sparse")),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("metric"), knownvalue.StringExact("dotproduct")),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("dimension"), knownvalue.Null()),
			},
		},
		acctest.ImportStep(indexAddr, name),
	})
}

func TestAccIndexResource_deletionProtection(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	protected := testAccIndexResourceConfig_serverless(name, 4, `deletion_protection = "enabled"`)
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(protected),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("deletion_protection"), knownvalue.StringExact("enabled")),
			},
		},
		{
			// Removing the resource tries to delete it: Pinecone refuses, and
			// the error says what to do.
			Config:      env.Config(""),
			ExpectError: regexp.MustCompile(`deletion_protection = "disabled"`),
		},
		{
			Config:           env.Config(testAccIndexResourceConfig_serverless(name, 4, `deletion_protection = "disabled"`)),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("deletion_protection"), knownvalue.StringExact("disabled")),
			},
		},
	})
}

func TestAccIndexResource_disappears(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	// After the index is deleted outside Terraform, the next apply re-creates it.
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), acctest.DisappearsSteps(env.Config(testAccIndexResourceConfig_serverless(name, 4, "")), indexAddr,
		testAccDeleteIndexOutOfBand(env, name)))
}

// testAccDeleteIndexOutOfBand deletes an index behind Terraform's back.
func testAccDeleteIndexOutOfBand(env *acctest.Env, name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if err := env.Client.DeleteIndex(acctest.Ctx(), name); err != nil {
			return err
		}
		return env.Client.WaitForIndexDeleted(acctest.Ctx(), name)
	}
}

func TestAccIndexResource_conflict(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			PreConfig: func() {
				dim := int32(4)
				_, err := env.Client.CreateIndex(acctest.Ctx(), client.CreateIndexRequest{
					Name: name, Dimension: &dim,
					Spec: client.IndexSpec{Serverless: &client.ServerlessSpec{Cloud: "aws", Region: "us-east-1"}},
				})
				if err != nil {
					t.Fatalf("creating the pre-existing index: %v", err)
				}
				t.Cleanup(func() { _ = env.Client.DeleteIndex(acctest.Ctx(), name) })
			},
			Config:      env.Config(testAccIndexResourceConfig_serverless(name, 4, "")),
			ExpectError: regexp.MustCompile(`(?s)already exists.*import \{.*to = pinecone_index`),
		},
	})
}

// A create whose response is lost is retried; the 409 that answers the retry
// is recognised as our own index and adopted: one index, in state.
func TestAccIndexResource_adoptAfterDroppedCreateResponse(t *testing.T) {
	env := acctest.New(t, emulator.Options{Faults: emulator.Faults{DropCreateResponses: 1}})
	env.RequireEmulator(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccIndexResourceConfig_serverless(name, 4, "")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("host"), knownvalue.NotNull()),
			},
			Check: func(*terraform.State) error {
				if got := env.Emulator.Faulted()["dropped"]; got != 1 {
					return fmt.Errorf("emulator dropped %d create responses, want 1 (the fault never fired)", got)
				}
				if got := env.Emulator.Stats()["POST /indexes"]; got != 2 {
					return fmt.Errorf("POST /indexes was called %d times, want 2 (original + retry)", got)
				}
				list, err := env.Client.ListIndexes(acctest.Ctx())
				if err != nil {
					return err
				}
				if len(list) != 1 {
					return fmt.Errorf("emulator holds %d indexes, want exactly 1", len(list))
				}
				return nil
			},
		},
	})
}
