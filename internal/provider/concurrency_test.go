package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

// testAccCheckEstateMatchesState: state holds wantTotal managed objects, and
// what the API lists is exactly what state holds, kind by kind.
func testAccCheckEstateMatchesState(env *acctest.Env, wantTotal int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		inState := acctest.StateInventory(s)
		if got := inState.Count(); got != wantTotal {
			return fmt.Errorf("state holds %d resources (%s), want %d", got, inState, wantTotal)
		}
		return env.CheckInventoryMatchesState()(s)
	}
}

// concurrentEstateConfig: 30 resources of every type, most of them
// independent of each other so that Terraform runs them side by side.
func concurrentEstateConfig(prefix, file string) string {
	return fmt.Sprintf(`
locals {
  prefix = %[1]q
}

resource "pinecone_index" "dense" {
  count     = 12
  name      = "${local.prefix}-d${count.index}"
  dimension = 8 + count.index
  spec      = { serverless = { cloud = "aws", region = "us-east-1" } }
  tags      = { slot = tostring(count.index) }
}

resource "pinecone_index" "pod" {
  name      = "${local.prefix}-pod"
  dimension = 16
  spec      = { pod = { environment = "us-east-1-aws" } }
}

resource "pinecone_collection" "copy" {
  name   = "${local.prefix}-col"
  source = pinecone_index.pod.name
}

resource "pinecone_backup" "snap" {
  count             = 4
  source_index_name = pinecone_index.dense[count.index].name
  name              = "snap-${count.index}"
}

resource "pinecone_assistant" "bot" {
  count  = 8
  name   = "${local.prefix}-a${count.index}"
  region = count.index %% 2 == 0 ? "us" : "eu"
}

resource "pinecone_assistant_file" "doc" {
  assistant_name = pinecone_assistant.bot[0].name
  source         = %[2]q
}

resource "pinecone_project" "team" {
  name = "${local.prefix}-project"
}

resource "pinecone_api_key" "key" {
  count      = 2
  project_id = pinecone_project.team.id
  name       = "key-${count.index}"
}
`, prefix, file)
}

// The number of resources concurrentEstateConfig declares.
const concurrentEstateSize = 12 + 1 + 1 + 4 + 8 + 1 + 1 + 2

// TestAccConcurrentMixedEstate applies 30 mixed resources ten at a time
// against an emulator that rate-limits every request and fails one GET,
// PATCH or DELETE in ten with a 500 or 503, then compares what the API holds
// with state, and destroys everything.
//
// Server errors hit every method, creates included: creates with a unique
// name (and file upserts, whose ID is chosen by the provider) are retried by
// the client, and those without one (backups, projects, API keys) are
// recovered by the resources (recovery.go).
func TestAccConcurrentMixedEstate(t *testing.T) {
	env := acctest.New(t, emulator.Options{Faults: emulator.Faults{
		RateLimit: 20, RateBurst: 10, ErrorRate: 0.1,
	}})
	env.RequireEmulator(t)
	t.Setenv("TF_CLI_ARGS_apply", "-parallelism=10")
	t.Setenv("TF_CLI_ARGS_destroy", "-parallelism=10")
	t.Setenv("PINECONE_CLIENT_ID", env.ClientID)
	t.Setenv("PINECONE_CLIENT_SECRET", env.ClientSecret)
	t.Setenv("PINECONE_ACCESS_TOKEN", "")

	file := acctest.WriteFile(t, t.TempDir(), "handbook.txt", "Everything a new team member needs to know.\n")
	config := env.ProviderConfigWith(fmt.Sprintf("  oauth_token_url = %q", env.TokenURL)) +
		concurrentEstateConfig(acctest.RandomName(), file)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             env.CheckInventoryEmpty(),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					testAccCheckEstateMatchesState(env, concurrentEstateSize),
					func(s *terraform.State) error {
						t.Logf("after apply: %s", acctest.StateInventory(s))
						return nil
					},
				),
			},
		},
	})

	faulted := env.Emulator.Faulted()
	var requests int64
	for _, n := range env.Emulator.Stats() {
		requests += n
	}
	t.Logf("%d resources; the emulator served %d requests and injected faults %v", concurrentEstateSize, requests, faulted)
	if faulted["429"] == 0 || faulted["500"]+faulted["503"] == 0 {
		t.Errorf("rate limits or server errors were never injected, so the test proved nothing about retries: %v", faulted)
	}
}
