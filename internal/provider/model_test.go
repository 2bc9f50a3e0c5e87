package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
)

func TestAccInferenceModelDataSources(t *testing.T) {
	env := acctest.New(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			Config: env.Config(`
data "pinecone_inference_model" "e5" {
  name = "multilingual-e5-large"
}
data "pinecone_inference_models" "sparse" {
  type        = "embed"
  vector_type = "sparse"
}
data "pinecone_inference_models" "rerank" {
  type = "rerank"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pinecone_inference_model.e5", tfjsonpath.New("type"), knownvalue.StringExact("embed")),
				statecheck.ExpectKnownValue("data.pinecone_inference_model.e5", tfjsonpath.New("vector_type"), knownvalue.StringExact("dense")),
				statecheck.ExpectKnownValue("data.pinecone_inference_model.e5", tfjsonpath.New("default_dimension"), knownvalue.Int64Exact(1024)),
				statecheck.ExpectKnownValue("data.pinecone_inference_model.e5", tfjsonpath.New("supported_dimensions"), knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(1024)})),
				statecheck.ExpectKnownValue("data.pinecone_inference_model.e5", tfjsonpath.New("supported_metrics"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.pinecone_inference_model.e5", tfjsonpath.New("supported_parameters"), knownvalue.ListPartial(map[int]knownvalue.Check{
					0: knownvalue.ObjectPartial(map[string]knownvalue.Check{"parameter": knownvalue.StringExact("input_type"), "required": knownvalue.Bool(true)}),
				})),
				statecheck.ExpectKnownValue("data.pinecone_inference_models.sparse", tfjsonpath.New("models"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("pinecone-sparse-english-v0")}),
				})),
				statecheck.ExpectKnownValue("data.pinecone_inference_models.rerank", tfjsonpath.New("models"), knownvalue.ListSizeExact(3)),
			},
		},
	})
}

func testAccIntegratedIndexConfig(name, top, embed string) string {
	return fmt.Sprintf(`
resource "pinecone_index" "test" {
  name = %[1]q
  %[2]s
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
  embed = {
    field_map = { text = "chunk_text" }
    %[3]s
  }
}
`, name, top, embed)
}

// The plan of an integrated index shows what the model decides before apply.
func TestAccIndexResource_planShowsModelDefaults(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccIntegratedIndexConfig(name, "", `model = "llama-text-embed-v2"`)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("embed").AtMapKey("dimension"), knownvalue.Int64Exact(1024)),
					plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("embed").AtMapKey("metric"), knownvalue.StringExact("cosine")),
					plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("embed").AtMapKey("vector_type"), knownvalue.StringExact("dense")),
					plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("dimension"), knownvalue.Int64Exact(1024)),
					plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("vector_type"), knownvalue.StringExact("dense")),
				},
			},
		},
		{
			// A chosen dimension is honoured the same way.
			Config: env.Config(testAccIntegratedIndexConfig(acctest.RandomName(), "", "model = \"llama-text-embed-v2\"\n dimension = 512")),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("dimension"), knownvalue.Int64Exact(512)),
				},
			},
		},
		{
			Config: env.Config(testAccIntegratedIndexConfig(acctest.RandomName(), "", `model = "pinecone-sparse-english-v0"`)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("vector_type"), knownvalue.StringExact("sparse")),
					plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("metric"), knownvalue.StringExact("dotproduct")),
					plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("dimension"), knownvalue.Null()),
				},
			},
		},
	})
}

// Every embed setting the model rejects fails at plan time, and the
// emulator sees no create call.
func TestAccIndexResource_modelRejectionsAtPlan(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	cases := []struct{ top, embed, want string }{
		{"", `model = "no-such-model"`, `Unknown embedding model.*multilingual-e5-large`},
		{"", `model = "bge-reranker-v2-m3"`, `not an embedding model`},
		{"", "model = \"multilingual-e5-large\"\n dimension = 768", `does not support dimension 768.*Supported dimensions: 1024`},
		{"", "model = \"multilingual-e5-large\"\n metric = \"dotproduct\"", `does not support metric "dotproduct".*cosine, euclidean`},
		{`vector_type = "sparse"`, `model = "multilingual-e5-large"`, `produces dense vectors`},
		{"", "model = \"multilingual-e5-large\"\n read_parameters = { truncate = \"BOTH\" }", `"BOTH" is not allowed.*END, NONE`},
		{"", "model = \"multilingual-e5-large\"\n write_parameters = { colour = \"blue\" }", `no parameter "colour".*input_type`},
		{"", "model = \"llama-text-embed-v2\"\n read_parameters = { input_type = \"document\" }", `"document" is not allowed.*passage`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      env.Config(testAccIntegratedIndexConfig(acctest.RandomName(), tc.top, tc.embed)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)` + strings.ReplaceAll(tc.want, " ", `\s+`)),
		})
	}
	acctest.ParallelTest(t, nil, steps)
	stats := env.Emulator.Stats()
	for _, create := range []string{"POST /indexes", "POST /indexes/create-for-model"} {
		if stats[create] != 0 {
			t.Errorf("%s called %d times for configurations rejected at plan time", create, stats[create])
		}
	}
	if stats["GET /models/{model_name}"] == 0 {
		t.Error("the catalogue was never consulted")
	}
	if got := stats["GET /models/{model_name}"]; got > int64(len(cases)) {
		t.Errorf("%d model lookups for %d plans: the catalogue is not cached", got, len(cases))
	}
}
