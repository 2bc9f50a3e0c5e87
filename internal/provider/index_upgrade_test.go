package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
)

// testAccLegacyEstateConfig holds one index of every legacy kind, with the
// settings that are easiest to lose in translation: a metadata schema, tags,
// dedicated read capacity, integrated inference with parameters, a pod index
// with metadata_config, a BYOC index, and an index restored from a backup.
// tag is a tag value every index carries, so a later step can change them all.
func testAccLegacyEstateConfig(prefix, tag string) string {
	return fmt.Sprintf(`
resource "pinecone_index" "dense" {
  name      = "%[1]s-dense"
  dimension = 8
  metric    = "dotproduct"
  tags      = { estate = %[2]q }
  spec = {
    serverless = {
      cloud         = "aws"
      region        = "us-east-1"
      read_capacity = { dedicated = { node_type = "b1", replicas = 1, shards = 1 } }
      schema        = { fields = { genre = { filterable = true }, year = { filterable = true } } }
    }
  }
}

resource "pinecone_index" "sparse" {
  name        = "%[1]s-sparse"
  vector_type = "sparse"
  tags        = { estate = %[2]q }
  spec        = { serverless = { cloud = "aws", region = "us-east-1" } }
}

resource "pinecone_index" "integrated" {
  name = "%[1]s-integrated"
  tags = { estate = %[2]q }
  spec = { serverless = { cloud = "aws", region = "us-east-1" } }
  embed = {
    model            = "multilingual-e5-large"
    field_map        = { text = "chunk_text" }
    read_parameters  = { input_type = "query" }
    write_parameters = { input_type = "passage" }
  }
}

resource "pinecone_index" "pod" {
  name      = "%[1]s-pod"
  dimension = 8
  tags      = { estate = %[2]q }
  spec = {
    pod = {
      environment     = "us-east-1-aws"
      pod_type        = "p1.x1"
      metadata_config = { indexed = ["genre"] }
    }
  }
}

resource "pinecone_index" "byoc" {
  name      = "%[1]s-byoc"
  dimension = 8
  tags      = { estate = %[2]q }
  spec = {
    byoc = {
      environment   = "aws-us-east-1-b921"
      read_capacity = { dedicated = { node_type = "t1", replicas = 1, shards = 1 } }
    }
  }
}

resource "pinecone_backup" "dense" {
  source_index_name = pinecone_index.dense.name
  name              = "before-upgrade"
}

resource "pinecone_index" "restored" {
  name             = "%[1]s-restored"
  source_backup_id = pinecone_backup.dense.id
  tags             = { estate = %[2]q }
  spec             = { serverless = { cloud = "aws", region = "us-east-1" } }
}
`, prefix, tag)
}

// TestAccIndexResource_upgradeFromLegacyAPI applies a legacy estate with a
// provider that speaks API 2026-04 everywhere, as releases before the
// 2026-07 support did, then plans the same configuration with the current
// provider (2026-07, reading the new index shapes): the plan must be empty.
// A tag change afterwards proves every kind still updates in place.
func TestAccIndexResource_upgradeFromLegacyAPI(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t) // pod and BYOC indexes
	prefix := acctest.RandomName()
	config := env.Config(testAccLegacyEstateConfig(prefix, "v1"))
	var updates []plancheck.PlanCheck
	for _, name := range []string{"dense", "sparse", "integrated", "pod", "byoc", "restored"} {
		updates = append(updates, plancheck.ExpectResourceAction("pinecone_index."+name, plancheck.ResourceActionUpdate))
	}
	resource.ParallelTest(t, resource.TestCase{
		CheckDestroy: testAccCheckIndexDestroy(env),
		Steps: []resource.TestStep{
			{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactoriesAtAPIVersion("2026-04"),
				Config:                   config,
			},
			{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Config:                   config,
				PlanOnly:                 true,
			},
			{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Config:                   env.Config(testAccLegacyEstateConfig(prefix, "v2")),
				ConfigPlanChecks:         resource.ConfigPlanChecks{PreApply: updates},
			},
		},
	})
}
