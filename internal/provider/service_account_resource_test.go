package provider_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

const serviceAccountAddr = "pinecone_service_account.test"

func testAccCheckServiceAccountDestroy(env *acctest.Env) resource.TestCheckFunc {
	return acctest.CheckDestroyed("pinecone_service_account", env.Client.DescribeServiceAccount)
}

// testAccServiceAccountResource is the resource alone (as _disappears
// tests need: a data source would fail to read the deleted account).
func testAccServiceAccountResource(name, extra string) string {
	return fmt.Sprintf(`
resource "pinecone_service_account" "test" {
  name = %[1]q
  %[2]s
}
`, name, extra)
}

func testAccServiceAccountConfig(name, extra string) string {
	return testAccServiceAccountResource(name, extra) + `
data "pinecone_service_account" "test" {
  id = pinecone_service_account.test.id
}

data "pinecone_service_accounts" "all" {
  depends_on = [pinecone_service_account.test]
}
`
}

// tokenStatus asks the OAuth endpoint for a token with the given
// credentials and returns the HTTP status (200 when they work).
func tokenStatus(env *acctest.Env, clientID, clientSecret string) (int, error) {
	body, _ := json.Marshal(map[string]string{
		"client_id": clientID, "client_secret": clientSecret,
		"grant_type": "client_credentials", "audience": "https://api.pinecone.io/",
	})
	resp, err := http.Post(env.TokenURL, "application/json", bytes.NewReader(body)) //nolint:noctx // test helper
	if err != nil {
		return 0, err
	}
	_ = resp.Body.Close()
	return resp.StatusCode, nil
}

// secretTracker follows a service account's secret across steps: every
// secret it has seen, and whether each still works at the token endpoint.
type secretTracker struct {
	env     *acctest.Env
	addr    string
	secrets []string
}

func (s *secretTracker) current(st *terraform.State) (string, string, error) {
	rs, ok := st.RootModule().Resources[s.addr]
	if !ok {
		return "", "", fmt.Errorf("%s not in state", s.addr)
	}
	return rs.Primary.Attributes["client_id"], rs.Primary.Attributes["client_secret"], nil
}

// check asserts that the secret in state is the one seen last (rotated =
// false) or a new one (rotated = true), that it works, and that every older
// secret no longer does.
func (s *secretTracker) check(rotated bool) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		id, secret, err := s.current(st)
		if err != nil {
			return err
		}
		if secret == "" {
			return errors.New("client_secret is empty")
		}
		if len(s.secrets) > 0 {
			last := s.secrets[len(s.secrets)-1]
			switch {
			case rotated && secret == last:
				return errors.New("the secret was expected to rotate but did not")
			case !rotated && secret != last:
				return errors.New("the secret changed although no rotation was asked for")
			}
		}
		if rotated || len(s.secrets) == 0 {
			s.secrets = append(s.secrets, secret)
		}
		if s.env.Emulator == nil {
			return nil
		}
		if code, err := tokenStatus(s.env, id, secret); err != nil || code != http.StatusOK {
			return fmt.Errorf("the secret in state does not work: HTTP %d, %w", code, err)
		}
		for _, old := range s.secrets[:len(s.secrets)-1] {
			if code, err := tokenStatus(s.env, id, old); err != nil || code != http.StatusUnauthorized {
				return fmt.Errorf("a rotated-away secret still answers HTTP %d (%w), want 401", code, err)
			}
		}
		return nil
	}
}

// rotations counts the rotate-secret calls the emulator has seen.
func rotations(env *acctest.Env) int {
	return countRequests(env, http.MethodPost, "/rotate-secret")
}

// countRequests sums the emulator's request counters of method on routes
// ending with suffix.
func countRequests(env *acctest.Env, method, suffix string) int {
	n := 0
	for key, c := range env.Emulator.Stats() {
		if strings.HasPrefix(key, method+" ") && strings.HasSuffix(key, suffix) {
			n += int(c)
		}
	}
	return n
}

func testAccCheckRotations(env *acctest.Env, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if env.Emulator == nil {
			return nil
		}
		if got := rotations(env); got != want {
			return fmt.Errorf("%d secret rotations, want %d", got, want)
		}
		return nil
	}
}

// The secret is kept across a rename, a first trigger value and a removed
// trigger, and rotated exactly when the trigger changes value.
func TestAccServiceAccountResource_basic(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	secrets := &secretTracker{env: env, addr: serviceAccountAddr}
	cfg := func(name, extra string) string {
		return env.AdminProviderConfig("") + testAccServiceAccountConfig(name, extra)
	}
	acctest.ParallelTest(t, testAccCheckServiceAccountDestroy(env), []resource.TestStep{
		{
			Config: cfg("ci", ""),
			Check: resource.ComposeTestCheckFunc(secrets.check(false), testAccCheckRotations(env, 0),
				resource.TestCheckTypeSetElemNestedAttrs("data.pinecone_service_accounts.all", "service_accounts.*", map[string]string{"name": "ci"})),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(serviceAccountAddr, tfjsonpath.New("client_id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(serviceAccountAddr, tfjsonpath.New("client_secret"), knownvalue.NotNull()),
				statecheck.CompareValuePairs(serviceAccountAddr, tfjsonpath.New("client_id"),
					"data.pinecone_service_account.test", tfjsonpath.New("client_id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.pinecone_service_account.test", tfjsonpath.New("name"), knownvalue.StringExact("ci")),
			},
		},
		acctest.ImportStep(serviceAccountAddr, "", "client_secret"),
		{
			Config:           cfg("ci-renamed", ""),
			ConfigPlanChecks: acctest.PlanAction(serviceAccountAddr, plancheck.ResourceActionUpdate),
			Check:            resource.ComposeTestCheckFunc(secrets.check(false), testAccCheckRotations(env, 0)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(serviceAccountAddr, tfjsonpath.New("name"), knownvalue.StringExact("ci-renamed")),
			},
		},
		{
			// The first value only records a baseline.
			Config: cfg("ci-renamed", `rotate_trigger = "2026-11"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(serviceAccountAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(serviceAccountAddr, tfjsonpath.New("client_secret"), knownvalue.NotNull()),
			}},
			Check: resource.ComposeTestCheckFunc(secrets.check(false), testAccCheckRotations(env, 0)),
		},
		{
			// A new value rotates: the plan says the secret will change.
			Config: cfg("ci-renamed", `rotate_trigger = "2026-12"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(serviceAccountAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(serviceAccountAddr, tfjsonpath.New("client_secret")),
			}},
			Check: resource.ComposeTestCheckFunc(secrets.check(true), testAccCheckRotations(env, 1)),
		},
		{
			// Removing the trigger does nothing to the secret.
			Config: cfg("ci-renamed", ""),
			Check:  resource.ComposeTestCheckFunc(secrets.check(false), testAccCheckRotations(env, 1)),
		},
	})
}

// An import never rotates, even with a trigger in the configuration: the
// secret stays null in state and the one issued outside Terraform works on.
func TestAccServiceAccountResource_importNeverRotates(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	created, err := env.Client.CreateServiceAccount(acctest.Ctx(), client.CreateServiceAccountRequest{Name: "made-outside"})
	if err != nil {
		t.Fatal(err)
	}
	id, clientID, secret := created.ServiceAccount.ID, created.ServiceAccount.ClientID, created.ClientSecret
	config := env.AdminProviderConfig("") + `
resource "pinecone_service_account" "test" {
  name           = "made-outside"
  rotate_trigger = "v1"
}
`
	stillWorks := func(*terraform.State) error {
		if code, err := tokenStatus(env, clientID, secret); err != nil || code != http.StatusOK {
			return fmt.Errorf("the original secret stopped working: HTTP %d, %w", code, err)
		}
		return nil
	}
	acctest.ParallelTest(t, testAccCheckServiceAccountDestroy(env), []resource.TestStep{
		{
			Config: config, ImportState: true, ImportStateId: id, ResourceName: serviceAccountAddr, ImportStatePersist: true,
			ImportStateCheck: func(states []*terraform.InstanceState) error {
				if v := states[0].Attributes["client_secret"]; v != "" {
					return errors.New("an import recovered a secret it cannot know")
				}
				return nil
			},
		},
		{
			Config: config,
			Check:  resource.ComposeTestCheckFunc(stillWorks, testAccCheckRotations(env, 0)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(serviceAccountAddr, tfjsonpath.New("client_secret"), knownvalue.Null()),
				statecheck.ExpectKnownValue(serviceAccountAddr, tfjsonpath.New("rotate_trigger"), knownvalue.StringExact("v1")),
			},
		},
		{
			// Changing the trigger after the import is a request: now it rotates.
			Config: strings.Replace(config, `"v1"`, `"v2"`, 1),
			Check:  testAccCheckRotations(env, 1),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(serviceAccountAddr, tfjsonpath.New("client_secret"), knownvalue.NotNull()),
			},
		},
	})
}

func TestAccServiceAccountResource_disappears(t *testing.T) {
	env := acctest.New(t)
	config := env.AdminProviderConfig("") + testAccServiceAccountResource("gone", "")
	acctest.ParallelTest(t, testAccCheckServiceAccountDestroy(env), acctest.DisappearsSteps(config, serviceAccountAddr, func(s *terraform.State) error {
		return env.Client.DeleteServiceAccount(acctest.Ctx(), s.RootModule().Resources[serviceAccountAddr].Primary.ID)
	}))
}
