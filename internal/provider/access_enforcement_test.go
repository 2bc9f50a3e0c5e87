package provider_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// keyProviderConfig is a second configuration of the provider, served under
// the local name "pineconeproject", that uses the API key of
// pinecone_api_key.test.
func keyProviderConfig(env *acctest.Env) string {
	return fmt.Sprintf(`
terraform {
  required_providers {
    pineconeproject = { source = "hashicorp/pineconeproject" }
    pineconeteam    = { source = "hashicorp/pineconeteam" }
  }
}

provider "pineconeproject" {
  api_key         = pinecone_api_key.test.value
  controller_host = %[1]q
}
`, env.URL)
}

func projectIndexConfig(name string, extra ...string) string {
	return fmt.Sprintf(`
resource "pinecone_index" "in_project" {
  provider  = pineconeproject
  %[2]s
  name      = %[1]q
  dimension = 4
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
}
`, name, strings.Join(extra, "\n"))
}

// keyClient talks to the emulator with the API key stored at addr.
func keyClient(env *acctest.Env, s *terraform.State, addr string) (*client.Client, error) {
	return client.New(client.Options{
		APIKey: s.RootModule().Resources[addr].Primary.Attributes["value"], BaseURL: env.URL,
		Retry: client.RetryPolicy{MaxRetries: 1, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond, AttemptTimeout: 10 * time.Second},
	})
}

// A key with only ProjectViewer can describe but cannot create an index:
// the apply fails with a diagnostic that names the missing permission, who
// lacks it and how to grant it, and no index is created.
func TestAccAccess_readOnlyKeyCannotCreateIndex(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	index := acctest.RandomName()
	base := env.AdminProviderConfig("") + testAccAPIKeyConfig(acctest.RandomName(), "viewer", `roles = ["ProjectViewer"]`) + keyProviderConfig(env)
	var viewer *client.Client
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactoriesWithSecond("pineconeproject", "pineconeteam"),
		CheckDestroy:             testAccCheckAPIKeyDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: base,
				Check: func(s *terraform.State) (err error) {
					viewer, err = keyClient(env, s, apiKeyAddr)
					return err
				},
			},
			{
				Config:      base + projectIndexConfig(index),
				ExpectError: looseRegexp(`(?s)PERMISSION_DENIED.*The API key in this provider configuration lacks a permission this call needs.*ProjectEditor`),
			},
			{
				// Back to the key alone: the index was never created, and the
				// key may still read.
				Config: base,
				Check: func(*terraform.State) error {
					if _, err := viewer.DescribeIndex(acctest.Ctx(), index); !errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("describe with the viewer key: %w, want 404 (the index must not exist)", err)
					}
					if _, err := viewer.ListIndexes(acctest.Ctx()); err != nil {
						return fmt.Errorf("a viewer key must list indexes: %w", err)
					}
					return nil
				},
			},
			{
				// A role binding adds to the key's roles: with ControlPlaneEditor
				// bound (its ID written in capitals, which must not cause a
				// diff), the same key creates the index. The index depends on
				// the binding, so the destroy removes it while the key may.
				Config: base + `
resource "pinecone_role_binding" "key_editor" {
  principal_type = "api_key"
  principal_id   = upper(pinecone_api_key.test.id)
  resource_type  = "project"
  resource_id    = pinecone_api_key.test.project_id
  role           = "ControlPlaneEditor"
}
` + projectIndexConfig(index, "depends_on = [pinecone_role_binding.key_editor]"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("pinecone_index.in_project", tfjsonpath.New("status").AtMapKey("ready"), knownvalue.Bool(true)),
				},
			},
		},
	})
}

// The module pattern: an organization-level configuration makes a project,
// a service account and a ProjectOwner binding; a second configuration
// that signs in as that service account makes an API key in the project;
// a third uses the key to create an index there. The service account cannot
// create projects: it holds no organization role that allows it.
func TestAccAccess_serviceAccountCredentialsInSecondProvider(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	project, index := acctest.RandomName(), acctest.RandomName()
	org := env.AdminProviderConfig("") + testAccProjectConfig(project, "") + testAccServiceAccountConfig("team-ci", "") + `
resource "pinecone_role_binding" "owner" {
  principal_type = "service_account"
  principal_id   = pinecone_service_account.test.id
  resource_type  = "project"
  resource_id    = pinecone_project.test.id
  role           = "ProjectOwner"
}
`
	team := fmt.Sprintf(`
provider "pineconeteam" {
  api_key         = ""
  controller_host = %[1]q
  oauth_token_url = %[2]q
  client_id       = pinecone_service_account.test.client_id
  client_secret   = pinecone_service_account.test.client_secret
}

resource "pinecone_api_key" "test" {
  provider   = pineconeteam
  project_id = pinecone_role_binding.owner.resource_id
  name       = "from-the-service-account"
}
`, env.URL, env.TokenURL)
	teamProject := `
resource "pinecone_project" "by_team" {
  provider = pineconeteam
  name     = "not-allowed"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactoriesWithSecond("pineconeproject", "pineconeteam"),
		CheckDestroy: resource.ComposeTestCheckFunc(testAccCheckAPIKeyDestroy(env), testAccCheckServiceAccountDestroy(env),
			acctest.CheckDestroyed("pinecone_role_binding", env.Client.DescribeRoleBinding)),
		Steps: []resource.TestStep{
			{
				Config: org + team + keyProviderConfig(env) + projectIndexConfig(index),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("pinecone_index.in_project", tfjsonpath.New("status").AtMapKey("ready"), knownvalue.Bool(true)),
				},
				Check: func(s *terraform.State) error {
					// The index is in the new project, not the default one.
					if _, err := env.Client.DescribeIndex(acctest.Ctx(), index); !errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("index %s is visible in the default project (err=%w)", index, err)
					}
					return nil
				},
			},
			{
				Config:      org + team + keyProviderConfig(env) + projectIndexConfig(index) + teamProject,
				ExpectError: looseRegexp(`(?s)PERMISSION_DENIED.*Service account ".+" in this provider configuration lacks`),
			},
		},
	})
}
