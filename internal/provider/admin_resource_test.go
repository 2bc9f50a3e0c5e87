package provider_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

const (
	projectAddr = "pinecone_project.test"
	apiKeyAddr  = "pinecone_api_key.test"
)

func testAccCheckAdminDestroy(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			var err error
			switch rs.Type {
			case "pinecone_project":
				_, err = env.Client.DescribeProject(acctest.Ctx(), rs.Primary.ID)
			case "pinecone_api_key":
				_, err = env.Client.DescribeAPIKey(acctest.Ctx(), rs.Primary.ID)
			default:
				continue
			}
			if err == nil {
				return fmt.Errorf("%s %s still exists", rs.Type, rs.Primary.ID)
			}
			if !errors.Is(err, client.ErrNotFound) {
				return err
			}
		}
		return nil
	}
}

func testAccProjectConfig(name, extra string) string {
	return fmt.Sprintf(`
resource "pinecone_project" "test" {
  name = %[1]q
  %[2]s
}
`, name, extra)
}

func TestAccProjectResource_basic(t *testing.T) {
	env := acctest.New(t)
	name := acctest.RandomName()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckAdminDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: env.AdminProviderConfig("") + testAccProjectConfig(name, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("max_pods"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("force_encryption_with_cmek"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("organization_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
				},
			},
			{ResourceName: projectAddr, ImportState: true, ImportStateVerify: true},
			{
				Config: env.AdminProviderConfig("") + testAccProjectConfig(name+"-renamed", "max_pods = 10\nforce_encryption_with_cmek = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("name"), knownvalue.StringExact(name+"-renamed")),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("effective_max_pods"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("force_encryption_with_cmek"), knownvalue.Bool(true)),
				},
			},
			{
				// CMEK enforcement cannot be turned off: a plan-time error, not a replacement.
				Config:      env.AdminProviderConfig("") + testAccProjectConfig(name+"-renamed", "max_pods = 10\nforce_encryption_with_cmek = false"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`CMEK enforcement cannot be disabled`),
			},
		},
	})
}

// Pinecone may grant more pods than asked: the plan stays empty.
func TestAccProjectResource_maxPodsGrantedAbove(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckAdminDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: env.AdminProviderConfig("") + testAccProjectConfig(acctest.RandomName(), "max_pods = 2"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("max_pods"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("effective_max_pods"), knownvalue.Int64Exact(5)),
				},
			},
		},
	})
}

func TestAccProjectResource_disappears(t *testing.T) {
	env := acctest.New(t)
	config := env.AdminProviderConfig("") + testAccProjectConfig(acctest.RandomName(), "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckAdminDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					return env.Client.DeleteProject(acctest.Ctx(), s.RootModule().Resources[projectAddr].Primary.ID)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func testAccAPIKeyConfig(project, name, roles string) string {
	return testAccProjectConfig(project, "") + fmt.Sprintf(`
resource "pinecone_api_key" "test" {
  project_id = pinecone_project.test.id
  name       = %[1]q
  %[2]s
}

data "pinecone_api_keys" "test" {
  project_id = pinecone_project.test.id
  depends_on = [pinecone_api_key.test]
}
`, name, roles)
}

// testAccCheckKeyValueStable remembers the secret and fails if it changes.
func testAccCheckKeyValueStable(remembered *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		v := s.RootModule().Resources[apiKeyAddr].Primary.Attributes["value"]
		if !strings.HasPrefix(v, "pckey_") {
			return fmt.Errorf("value %q does not look like a Pinecone key", "<redacted>")
		}
		if *remembered == "" {
			*remembered = v
			return nil
		}
		if v != *remembered {
			return errors.New("the key's value changed across an in-place update")
		}
		return nil
	}
}

func TestAccAPIKeyResource_basic(t *testing.T) {
	env := acctest.New(t)
	project := acctest.RandomName()
	var value string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckAdminDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: env.AdminProviderConfig("") + testAccAPIKeyConfig(project, "ci", ""),
				Check:  resource.ComposeTestCheckFunc(testAccCheckKeyValueStable(&value), testAccCheckOneToken(env)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("roles"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ProjectEditor")})),
					statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("value"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.pinecone_api_keys.test", tfjsonpath.New("api_keys"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.pinecone_api_keys.test", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("ci")),
				},
			},
			{
				// The secret cannot be read back: import leaves value null.
				ResourceName: apiKeyAddr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"value"},
			},
			{
				// Rename and new roles: in place, same secret.
				Config: env.AdminProviderConfig("") + testAccAPIKeyConfig(project, "ci-renamed", `roles = ["ControlPlaneViewer", "DataPlaneEditor"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(apiKeyAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(apiKeyAddr, tfjsonpath.New("roles"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("ControlPlaneViewer"), knownvalue.StringExact("DataPlaneEditor"),
					})),
				},
				Check: testAccCheckKeyValueStable(&value),
			},
			{
				Config:      env.AdminProviderConfig("") + testAccAPIKeyConfig(project, "ci-renamed", `roles = ["Owner"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`must be one\s+of`),
			},
			{
				// Back to a valid configuration so the final destroy can run.
				Config: env.AdminProviderConfig("") + testAccAPIKeyConfig(project, "ci-renamed", `roles = ["ControlPlaneViewer", "DataPlaneEditor"]`),
			},
		},
	})
}

func TestAccAPIKeyResource_disappears(t *testing.T) {
	env := acctest.New(t)
	config := env.AdminProviderConfig("") + testAccAPIKeyConfig(acctest.RandomName(), "k", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckAdminDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					return env.Client.DeleteAPIKey(acctest.Ctx(), s.RootModule().Resources[apiKeyAddr].Primary.ID)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(apiKeyAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// A project, a key and an index in that project in one apply, through a
// second provider configured with the new key.
func TestAccAPIKeyResource_providerAliasForNewProject(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	index := acctest.RandomName()
	config := env.AdminProviderConfig("") + testAccAPIKeyConfig(acctest.RandomName(), "terraform", "") + fmt.Sprintf(`
# Users write a second configuration of the same provider with an alias:
#   provider "pinecone" { alias = "project"  api_key = pinecone_api_key.test.value }
# Terraform runs one provider process per configuration; the in-process test
# harness reattaches every configuration of one provider to a single server,
# so the test serves the same provider under a second local name instead.
terraform {
  required_providers {
    pineconeproject = { source = "hashicorp/pineconeproject" }
  }
}

provider "pineconeproject" {
  api_key         = pinecone_api_key.test.value
  controller_host = %[1]q
}

resource "pinecone_index" "in_project" {
  provider  = pineconeproject
  name      = %[2]q
  dimension = 4
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
}
`, env.URL, index)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactoriesWithSecond("pineconeproject"),
		CheckDestroy:             testAccCheckAdminDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("pinecone_index.in_project", tfjsonpath.New("status").AtMapKey("ready"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					// The index lives in the new project, not in the default one.
					if _, err := env.Client.DescribeIndex(acctest.Ctx(), index); !errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("index %s is visible in the default project (err=%w)", index, err)
					}
					return nil
				},
			},
		},
	})
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
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
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
		},
	})
}

// With TF_LOG=trace, an apply, refresh and destroy of a project and a key
// never write the client secret, a Bearer token or the key's value.
func TestAccAdmin_secretsNotLogged(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	logDir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PROVIDER_PINECONE_HTTP", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", filepath.Join(logDir, "acc.log"))
	// The secret comes from the environment, as users should give it: the
	// test harness logs the configuration text itself.
	t.Setenv("PINECONE_CLIENT_ID", env.ClientID)
	t.Setenv("PINECONE_CLIENT_SECRET", env.ClientSecret)
	providerBlock := fmt.Sprintf(`
provider "pinecone" {
  api_key         = ""
  controller_host = %q
  oauth_token_url = %q
}
`, env.URL, env.TokenURL)
	var value string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckAdminDestroy(env),
		Steps: []resource.TestStep{
			{
				Config: providerBlock + testAccAPIKeyConfig(acctest.RandomName(), "logged", ""),
				Check:  testAccCheckKeyValueStable(&value),
			},
			{RefreshState: true},
		},
	})
	logs, err := os.ReadFile(filepath.Join(logDir, "acc.log"))
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	if !strings.Contains(string(logs), "/admin/projects") {
		t.Fatalf("the trace log holds no admin request (%d bytes): logging was not captured", len(logs))
	}
	for what, secret := range map[string]string{"client secret": env.ClientSecret, "API key value": value} {
		if secret == "" {
			t.Fatalf("%s unknown to the test", what)
		}
		if n := strings.Count(string(logs), secret); n > 0 {
			i := strings.Index(string(logs), secret)
			t.Errorf("the %s appears %d times in the trace log, first in: %q", what, n, string(logs)[max(0, i-300):i])
		}
	}
	if m := regexp.MustCompile(`Bearer [A-Za-z0-9_\-.]{8,}`).FindString(string(logs)); m != "" {
		t.Errorf("a Bearer token appears in the trace log")
	}
}

// testAccCheckOneToken: the project, the key and the data source of a run
// share one OAuth token instead of fetching one each.
func testAccCheckOneToken(env *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if env.Emulator == nil {
			return nil
		}
		if n := env.Emulator.Stats()["POST /oauth/token"]; n != 1 {
			return fmt.Errorf("%d OAuth token requests, want 1 shared by every admin call", n)
		}
		return nil
	}
}
