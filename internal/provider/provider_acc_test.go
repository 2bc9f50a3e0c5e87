package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
)

// Without a key, validate and plan of a new index work (no call is needed);
// the apply fails with a message that says how to give the key.
func TestAccProvider_missingAPIKey(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	t.Setenv("PINECONE_API_KEY", "")
	config := env.ProviderConfigWithKey("") + testAccIndexResourceConfig_serverless(acctest.RandomName(), 4, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, PlanOnly: true, ExpectNonEmptyPlan: true},
			{Config: config, ExpectError: regexp.MustCompile(`(?s)no API key configured.*PINECONE_API_KEY`)},
		},
	})
	if n := env.Emulator.Stats()["POST /indexes"]; n != 0 {
		t.Errorf("POST /indexes called %d times without a key", n)
	}
}

// A wrong key gives one clear diagnostic and no retry storm.
func TestAccProvider_wrongAPIKey(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	config := env.ProviderConfigWithKey("wrong-key") + testAccIndexResourceConfig_serverless(acctest.RandomName(), 4, "")
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{Config: config, ExpectError: regexp.MustCompile(`(?s)UNAUTHENTICATED.*Check .api_key.`)},
	})
	if n := env.Emulator.Stats()["POST /indexes"]; n != 1 {
		t.Errorf("POST /indexes called %d times with a wrong key, want exactly 1 (401 is not retried)", n)
	}
}

func TestAccProvider_adminCredentialErrors(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	wrongSecret := fmt.Sprintf(`
provider "pinecone" {
  controller_host = %q
  client_id       = %q
  client_secret   = "definitely-wrong"
  oauth_token_url = %q
}
`, env.URL, env.ClientID, env.TokenURL)
	acctest.ParallelTest(t, nil, []resource.TestStep{
		{
			// API key only: admin resources say which settings are missing.
			Config:      env.Config(testAccProjectConfig(acctest.RandomName(), "")),
			ExpectError: regexp.MustCompile(`(?s)admin\s+API\s+needs\s+service-account\s+credentials.*client_id`),
		},
		{
			// Admin only: index resources say the API key is missing.
			Config:      env.AdminProviderConfig("") + testAccIndexResourceConfig_serverless(acctest.RandomName(), 4, ""),
			ExpectError: regexp.MustCompile(`(?s)no API key configured.*PINECONE_API_KEY`),
		},
		{
			// A wrong secret fails clearly, without showing it.
			Config:      wrongSecret + testAccProjectConfig(acctest.RandomName(), ""),
			ExpectError: regexp.MustCompile(`(?s)access token.*access_denied`),
		},
	})
}

// A data_plane_url that is not an http(s) URL fails the plan with an error
// on that setting, before any request.
func TestAccProvider_badDataPlaneURL(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "pinecone" {
  api_key         = %q
  controller_host = %q
  data_plane_url  = "ftp://emulator:8080"
}

data "pinecone_namespaces" "x" {
  index_name = "docs"
}
`, env.APIKey, env.URL),
			ExpectError: regexp.MustCompile(`(?s)Invalid data-plane URL.*invalid data-plane URL.*scheme must be http\s+or https`),
		}},
	})
	if n := len(env.Emulator.Stats()); n != 0 {
		t.Errorf("the emulator saw requests: %v", env.Emulator.Stats())
	}
}
