package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
)

// testAccDocumentIndexConfig is a document index: full-text fields (one
// with Pinecone's defaults, one stemmed, one with n-grams) beside a dense
// vector field. extraFields and extra go into the schema and the resource.
func testAccDocumentIndexConfig(name, extraFields, extra string) string {
	return fmt.Sprintf(`
resource "pinecone_index" "test" {
  name = %[1]q
  deployment = {
    managed = { cloud = "aws", region = "us-east-1" }
  }
  schema = {
    fields = {
      title = { string = { full_text_search = {} } }
      body = {
        string = {
          description      = "Article text"
          full_text_search = { language = "en", stemming = true, stop_words = true }
        }
      }
      sku = { string = { full_text_search = { ngram = { min_gram = 2, max_gram = 4 } } } }
      embedding = {
        dense_vector = { dimension = 8, metric = "cosine", description = "e5 embedding" }
      }
      %[2]s
    }
  }
  tags = { team = "search" }
  %[3]s
}
`, name, extraFields, extra)
}

func TestAccIndexResource_documentIndex(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	// Fresh paths each time: tfjsonpath.Path.AtMapKey may share its
	// backing array between paths derived from one prefix.
	field := func(steps ...string) tfjsonpath.Path {
		p := tfjsonpath.New("schema").AtMapKey("fields")
		for _, s := range steps {
			p = p.AtMapKey(s)
		}
		return p
	}
	fields := field()
	titleFTS := func(key string) tfjsonpath.Path { return field("title", "string", "full_text_search", key) }
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccDocumentIndexConfig(name, "", "")),
			// Pinecone's full-text defaults are in the plan, not a surprise after apply.
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionCreate,
				plancheck.ExpectKnownValue(indexAddr, titleFTS("language"), knownvalue.StringExact("en")),
				plancheck.ExpectKnownValue(indexAddr, titleFTS("stemming"), knownvalue.Bool(false)),
				plancheck.ExpectKnownValue(indexAddr, field("sku", "string", "full_text_search", "ngram", "prefix_only"), knownvalue.Bool(false)),
				plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("dimension"), knownvalue.Null()),
				plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("metric"), knownvalue.Null()),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, field("title", "string", "full_text_search"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"language": knownvalue.StringExact("en"), "stemming": knownvalue.Bool(false),
					"stop_words": knownvalue.Bool(false), "ngram": knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(indexAddr, field("body", "string", "full_text_search", "stop_words"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(indexAddr, field("embedding", "dense_vector"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"dimension": knownvalue.Int64Exact(8), "metric": knownvalue.StringExact("cosine"), "description": knownvalue.StringExact("e5 embedding"),
				})),
				statecheck.ExpectKnownValue(indexAddr, fields, knownvalue.MapSizeExact(4)),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("deployment").AtMapKey("managed").AtMapKey("environment"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("spec"), knownvalue.Null()),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("vector_type"), knownvalue.Null()),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("read_capacity"), knownvalue.Null()),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("status").AtMapKey("ready"), knownvalue.Bool(true)),
			},
		},
		acctest.ImportStep(indexAddr, name),
		{
			// Tags, deletion protection and read capacity change in place.
			Config: env.Config(testAccDocumentIndexConfig(name, "",
				`deletion_protection = "enabled"
  read_capacity = { dedicated = { node_type = "t1", replicas = 1, shards = 1 } }`)),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("read_capacity").AtMapKey("dedicated").AtMapKey("node_type"), knownvalue.StringExact("t1")),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("deletion_protection"), knownvalue.StringExact("enabled")),
			},
		},
		{
			Config: env.Config(testAccDocumentIndexConfig(name, "", "")),
		},
		{
			// The schema is immutable: a new field is a planned replacement.
			Config:             env.Config(testAccDocumentIndexConfig(name, `summary = { string = { full_text_search = {} } }`, "")),
			ConfigPlanChecks:   acctest.PlanOnlyAction(indexAddr, plancheck.ResourceActionDestroyBeforeCreate),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		},
	})
}

func testAccSchemaVectorIndexConfig(name, fields, deployment string) string {
	return fmt.Sprintf(`
resource "pinecone_index" "test" {
  name       = %[1]q
  deployment = %[3]s
  schema     = { fields = { %[2]s } }
}
`, name, fields, deployment)
}

const managedUSEast1 = `{ managed = { cloud = "aws", region = "us-east-1" } }`

// TestAccIndexResource_schemaModeVectorIndexes creates classic vector
// indexes in the schema mode: a sparse one, and a dense one whose
// _sparse_values (which Pinecone reports for every dense vector index) stays
// out of state because the configuration does not declare it.
func TestAccIndexResource_schemaModeVectorIndexes(t *testing.T) {
	env := acctest.New(t)
	sparse, dense := acctest.RandomName(), acctest.RandomName()
	fields := tfjsonpath.New("schema").AtMapKey("fields")
	t.Run("sparse", func(t *testing.T) {
		acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
			{
				Config: env.Config(testAccSchemaVectorIndexConfig(sparse, `_sparse_values = { sparse_vector = {} }`, managedUSEast1)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(indexAddr, fields, knownvalue.MapExact(map[string]knownvalue.Check{
						"_sparse_values": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"dense_vector": knownvalue.Null(), "string": knownvalue.Null(),
							"sparse_vector": knownvalue.ObjectExact(map[string]knownvalue.Check{"description": knownvalue.Null()}),
						}),
					})),
				},
			},
			{
				// A vector index imports in the legacy mode (the way most
				// existing configurations describe one); a configuration in
				// the schema mode takes it over without replacing it (see
				// TestAccIndexResource_schemaModeTakesOverLegacy).
				ResourceName:  indexAddr,
				ImportState:   true,
				ImportStateId: sparse,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("imported %d objects, want 1", len(states))
					}
					a := states[0].Attributes
					if a["vector_type"] != "sparse" || a["spec.serverless.cloud"] != "aws" || a["schema.%"] != "" {
						return fmt.Errorf("imported attributes %v, want the legacy mode", a)
					}
					return nil
				},
			},
		})
	})
	t.Run("dense", func(t *testing.T) {
		acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
			{
				Config: env.Config(testAccSchemaVectorIndexConfig(dense, `_values = { dense_vector = { dimension = 16, metric = "dotproduct" } }`, managedUSEast1)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(indexAddr, fields, knownvalue.MapSizeExact(1)),
					statecheck.ExpectKnownValue(indexAddr, fields.AtMapKey("_values").AtMapKey("dense_vector").AtMapKey("dimension"), knownvalue.Int64Exact(16)),
					statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("host"), knownvalue.NotNull()),
				},
			},
			{
				// Declaring _sparse_values too describes the same index: in place.
				Config: env.Config(testAccSchemaVectorIndexConfig(dense,
					`_values = { dense_vector = { dimension = 16, metric = "dotproduct" } }
      _sparse_values = { sparse_vector = {} }`, managedUSEast1)),
				ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(indexAddr, fields, knownvalue.MapSizeExact(2)),
				},
			},
			{
				// A different dimension is a different index.
				Config:             env.Config(testAccSchemaVectorIndexConfig(dense, `_values = { dense_vector = { dimension = 32, metric = "dotproduct" } }`, managedUSEast1)),
				ConfigPlanChecks:   acctest.PlanOnlyAction(indexAddr, plancheck.ResourceActionDestroyBeforeCreate),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		})
	})
}

// TestAccIndexResource_schemaModeTakesOverLegacy rewrites a legacy
// configuration of a serverless dense index in the schema mode: the same
// index, so the plan updates state in place instead of replacing it; a
// different dimension would replace it.
func TestAccIndexResource_schemaModeTakesOverLegacy(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	legacy := fmt.Sprintf(`
resource "pinecone_index" "test" {
  name      = %q
  dimension = 8
  metric    = "euclidean"
  spec      = { serverless = { cloud = "aws", region = "us-east-1" } }
}
`, name)
	schemaMode := func(dimension int) string {
		return testAccSchemaVectorIndexConfig(name, fmt.Sprintf(`_values = { dense_vector = { dimension = %d, metric = "euclidean" } }`, dimension), managedUSEast1)
	}
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{Config: env.Config(legacy)},
		{
			Config:             env.Config(schemaMode(9)),
			ConfigPlanChecks:   acctest.PlanOnlyAction(indexAddr, plancheck.ResourceActionDestroyBeforeCreate),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		},
		{
			Config:           env.Config(schemaMode(8)),
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("dimension"), knownvalue.Null()),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("spec"), knownvalue.Null()),
				statecheck.ExpectKnownValue(indexAddr, tfjsonpath.New("schema").AtMapKey("fields").AtMapKey("_values").AtMapKey("dense_vector").AtMapKey("dimension"), knownvalue.Int64Exact(8)),
			},
		},
	})
}

func TestAccIndexResource_schemaModeDisappears(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env),
		acctest.DisappearsSteps(env.Config(testAccDocumentIndexConfig(name, "", "")), indexAddr, testAccDeleteIndexOutOfBand(env, name)))
}
