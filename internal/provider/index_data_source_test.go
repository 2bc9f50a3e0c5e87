package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
)

func TestAccIndexDataSources_exposeHost(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	config := env.Config(testAccIndexResourceConfig_serverless(name, 4, `tags = { env = "dev" }`) + `
data "pinecone_index" "test" {
  name = pinecone_index.test.name
}

data "pinecone_indexes" "all" {
  depends_on = [pinecone_index.test]
}

output "host_matches" {
  value = data.pinecone_index.test.host == pinecone_index.test.host
}

output "listed" {
  value = [for ix in data.pinecone_indexes.all.indexes : ix.host if ix.name == pinecone_index.test.name]
}
`)
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("host_matches", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("listed", knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.pinecone_index.test", tfjsonpath.New("host"), knownvalue.StringRegexp(regexp.MustCompile(`^`+name+`-`))),
				statecheck.ExpectKnownValue("data.pinecone_index.test", tfjsonpath.New("private_host"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("data.pinecone_index.test", tfjsonpath.New("dimension"), knownvalue.Int64Exact(4)),
				statecheck.ExpectKnownValue("data.pinecone_index.test", tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("dev")})),
				statecheck.ExpectKnownValue("data.pinecone_index.test", tfjsonpath.New("spec").AtMapKey("serverless").AtMapKey("read_capacity").AtMapKey("on_demand"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("data.pinecone_indexes.all", tfjsonpath.New("id"), knownvalue.StringExact("pinecone_indexes")),
				statecheck.ExpectKnownValue("data.pinecone_indexes.all", tfjsonpath.New("indexes").AtSliceIndex(0).AtMapKey("spec_kind"), knownvalue.StringExact("serverless")),
				statecheck.ExpectKnownValue("data.pinecone_indexes.all", tfjsonpath.New("indexes").AtSliceIndex(0).AtMapKey("status").AtMapKey("ready"), knownvalue.Bool(true)),
			},
		},
	})
}

func TestAccIndexDataSource_notFound(t *testing.T) {
	env := acctest.New(t)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			Config:      env.Config(fmt.Sprintf(`data "pinecone_index" "x" { name = %q }`, acctest.RandomName())),
			ExpectError: regexp.MustCompile(`No index named`),
		},
	})
}

// TestAccIndexDataSources_deploymentAndSchema reads a document index and a
// legacy index: both show the 2026-07 deployment and schema, the legacy one
// as its reserved vector fields.
func TestAccIndexDataSources_deploymentAndSchema(t *testing.T) {
	env := acctest.New(t)
	docs, legacy := acctest.RandomName(), acctest.RandomName()
	config := env.Config(testAccDocumentIndexConfig(docs, "", "") + fmt.Sprintf(`
resource "pinecone_index" "legacy" {
  name      = %q
  dimension = 4
  spec      = { serverless = { cloud = "aws", region = "us-east-1" } }
}

data "pinecone_index" "docs" {
  name = pinecone_index.test.name
}

data "pinecone_index" "legacy" {
  name = pinecone_index.legacy.name
}

data "pinecone_indexes" "all" {
  depends_on = [pinecone_index.test, pinecone_index.legacy]
}

output "listed_types" {
  value = { for ix in data.pinecone_indexes.all.indexes : ix.name => ix.deployment.deployment_type }
}
`, legacy))
	docFields := tfjsonpath.New("schema").AtMapKey("fields")
	acctest.ParallelTest(t, testAccCheckIndexDestroy(env), []resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pinecone_index.docs", tfjsonpath.New("deployment").AtMapKey("deployment_type"), knownvalue.StringExact("managed")),
				statecheck.ExpectKnownValue("data.pinecone_index.docs", tfjsonpath.New("deployment").AtMapKey("region"), knownvalue.StringExact("us-east-1")),
				statecheck.ExpectKnownValue("data.pinecone_index.docs", docFields.AtMapKey("title").AtMapKey("type"), knownvalue.StringExact("string")),
				statecheck.ExpectKnownValue("data.pinecone_index.docs", docFields.AtMapKey("title").AtMapKey("full_text_search").AtMapKey("language"), knownvalue.StringExact("en")),
				statecheck.ExpectKnownValue("data.pinecone_index.docs", docFields.AtMapKey("embedding").AtMapKey("dimension"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownValue("data.pinecone_index.docs", tfjsonpath.New("dimension"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.pinecone_index.docs", tfjsonpath.New("read_capacity").AtMapKey("on_demand"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("data.pinecone_index.legacy", docFields.AtMapKey("_values").AtMapKey("type"), knownvalue.StringExact("dense_vector")),
				statecheck.ExpectKnownValue("data.pinecone_index.legacy", docFields.AtMapKey("_values").AtMapKey("dimension"), knownvalue.Int64Exact(4)),
				statecheck.ExpectKnownValue("data.pinecone_index.legacy", docFields.AtMapKey("_sparse_values").AtMapKey("type"), knownvalue.StringExact("sparse_vector")),
				statecheck.ExpectKnownValue("data.pinecone_index.legacy", tfjsonpath.New("dimension"), knownvalue.Int64Exact(4)),
				statecheck.ExpectKnownOutputValue("listed_types", knownvalue.MapExact(map[string]knownvalue.Check{
					docs: knownvalue.StringExact("managed"), legacy: knownvalue.StringExact("managed"),
				})),
			},
		},
	})
}
