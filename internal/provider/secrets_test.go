package provider_test

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

// bearerRegexp finds an Authorization value that was not masked.
var bearerRegexp = regexp.MustCompile(`Bearer [A-Za-z0-9_\-.]{8,}`)

// accessTokenRegexp finds an OAuth access token in a logged JSON body or a
// field that was not masked (the mask "***" does not match).
var accessTokenRegexp = regexp.MustCompile(`access_token\\?"?\s*[:=]\s*\\?"?[A-Za-z0-9_\-.]{8,}`)

func secretHex(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// secretsEnv starts an emulator that accepts a service account with random
// credentials (besides the default one env.Client uses), exports the
// credentials and the API key through the environment only, and turns on
// trace logging into a file. It returns the provider block, which holds no
// secret, and the log path.
func secretsEnv(t *testing.T, clientID, clientSecret string) (*acctest.Env, string, string) {
	t.Helper()
	env := acctest.New(t, emulator.Options{ServiceAccounts: map[string]string{
		emulator.DefaultClientID: emulator.DefaultClientSecret,
		clientID:                 clientSecret,
	}})
	env.RequireEmulator(t)
	logPath := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PROVIDER_PINECONE_HTTP", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	// The harness writes the configuration text into the log, so secrets
	// are given the way users should give them: in the environment.
	t.Setenv("PINECONE_API_KEY", env.APIKey)
	t.Setenv("PINECONE_CLIENT_ID", clientID)
	t.Setenv("PINECONE_CLIENT_SECRET", clientSecret)
	t.Setenv("PINECONE_ACCESS_TOKEN", "")
	providerBlock := fmt.Sprintf(`
provider "pinecone" {
  controller_host = %q
  oauth_token_url = %q
}
`, env.URL, env.TokenURL)
	return env, providerBlock, logPath
}

// secretLeaks counts each secret, Bearer values and unmasked access tokens
// in text, and reports every non-zero count as an error with some context.
func secretLeaks(t *testing.T, where, text string, secrets map[string]string) {
	t.Helper()
	for _, what := range slices.Sorted(maps.Keys(secrets)) {
		secret := secrets[what]
		if secret == "" {
			t.Errorf("%s is unknown to the test", what)
			continue
		}
		n := strings.Count(text, secret)
		t.Logf("%s: occurrences of the %s: %d", where, what, n)
		if n > 0 {
			i := strings.Index(text, secret)
			context := text[max(0, i-160):min(len(text), i+len(secret)+80)]
			t.Errorf("%s holds the %s %d times, first in: %q", where, what, n, strings.ReplaceAll(context, secret, "<"+what+">"))
		}
	}
	for _, p := range []struct {
		what string
		re   *regexp.Regexp
	}{{"Bearer tokens", bearerRegexp}, {"access tokens", accessTokenRegexp}} {
		what, found := p.what, p.re.FindAllStringIndex(text, -1)
		t.Logf("%s: unmasked %s: %d", where, what, len(found))
		if len(found) > 0 {
			i := found[0][0]
			t.Errorf("%s holds %d unmasked %s, the first after: %q", where, len(found), what, text[max(0, i-200):i])
		}
	}
}

func secretsEstateConfig(names map[string]string, file string) string {
	return fmt.Sprintf(`
resource "pinecone_index" "dense" {
  name      = %[1]q
  dimension = 8
  spec      = { serverless = { cloud = "aws", region = "us-east-1" } }
  tags      = { purpose = "secrets-test" }
}

resource "pinecone_index" "pod" {
  name      = %[2]q
  dimension = 8
  spec      = { pod = { environment = "us-east-1-aws" } }
}

resource "pinecone_collection" "copy" {
  name   = %[3]q
  source = pinecone_index.pod.name
}

resource "pinecone_backup" "nightly" {
  source_index_name = pinecone_index.dense.name
  name              = "nightly"
  description       = "secrets test"
}

resource "pinecone_index" "restored" {
  name             = %[4]q
  source_backup_id = pinecone_backup.nightly.id
  spec             = { serverless = { cloud = "aws", region = "us-east-1" } }
}

resource "pinecone_assistant" "bot" {
  name         = %[5]q
  instructions = "Answer briefly."
  metadata     = { team = "search" }
}

resource "pinecone_assistant_file" "doc" {
  assistant_name = pinecone_assistant.bot.name
  source         = %[6]q
  metadata       = { topic = "faq" }
}

resource "pinecone_project" "team" {
  name = %[7]q
}

resource "pinecone_api_key" "ci" {
  project_id = pinecone_project.team.id
  name       = "ci"
}

resource "pinecone_api_key" "reader" {
  project_id = pinecone_project.team.id
  name       = "reader"
  roles      = ["DataPlaneViewer"]
}

data "pinecone_api_keys" "team" {
  project_id = pinecone_project.team.id
  depends_on = [pinecone_api_key.ci, pinecone_api_key.reader]
}
`, names["dense"], names["pod"], names["collection"], names["restored"], names["assistant"], file, names["project"])
}

// TestAccSecretsNeverLogged applies, refreshes and destroys one of every
// resource type with trace logging on, then searches the whole log for the
// API key, the service account's ID and secret, every API key value the
// apply created, and any Bearer or access token.
func TestAccSecretsNeverLogged(t *testing.T) {
	clientID, clientSecret := "sa-"+secretHex(t, 12), "sec-"+secretHex(t, 24)
	env, providerBlock, logPath := secretsEnv(t, clientID, clientSecret)
	file := acctest.WriteFile(t, t.TempDir(), "faq.md", "# FAQ\n\nQ: Where is the API key?\nA: In the environment.\n")
	names := map[string]string{"project": acctest.RandomName()}
	for _, k := range []string{"dense", "pod", "collection", "restored", "assistant"} {
		names[k] = acctest.RandomName()
	}
	config := providerBlock + secretsEstateConfig(names, file)

	keyValues := map[string]string{}
	rememberKeys := func(s *terraform.State) error {
		for _, addr := range []string{"pinecone_api_key.ci", "pinecone_api_key.reader"} {
			rs, ok := s.RootModule().Resources[addr]
			if !ok {
				return fmt.Errorf("%s is not in state", addr)
			}
			v := rs.Primary.Attributes["value"]
			if v == "" {
				return fmt.Errorf("%s has no value in state", addr)
			}
			keyValues[addr] = v
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             env.CheckInventoryEmpty(),
		Steps: []resource.TestStep{
			{Config: config, Check: rememberKeys},
			{RefreshState: true},
		},
	})

	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	logs := string(raw)
	// Guard against a vacuous pass: the log must hold the provider's
	// requests for indexes and for the admin API.
	for _, want := range []string{
		"/indexes", "/admin/projects", "/collections", "/backups", "/assistant", "/oauth/token",
		"Sending Pinecone API request", "http_method=DELETE", // the destroy was logged too
	} {
		if !strings.Contains(logs, want) {
			t.Fatalf("the trace log (%d bytes) never mentions %q: logging was not captured", len(logs), want)
		}
	}
	t.Logf("trace log: %d bytes, %d provider requests logged", len(logs), strings.Count(logs, "Sending Pinecone API request"))
	secrets := map[string]string{
		"API key (PINECONE_API_KEY)":             env.APIKey,
		"client ID (PINECONE_CLIENT_ID)":         clientID,
		"client secret (PINECONE_CLIENT_SECRET)": clientSecret,
		"value of pinecone_api_key.ci":           keyValues["pinecone_api_key.ci"],
		"value of pinecone_api_key.reader":       keyValues["pinecone_api_key.reader"],
	}
	secretLeaks(t, "trace log", logs, secrets)
}

// TestAccSecretsNeverLogged_failedStep: a wrong client secret from the
// environment fails the apply; neither the diagnostics nor the trace log
// show it.
func TestAccSecretsNeverLogged_failedStep(t *testing.T) {
	clientID, rightSecret := "sa-"+secretHex(t, 12), "sec-"+secretHex(t, 24)
	env, providerBlock, logPath := secretsEnv(t, clientID, rightSecret)
	wrongSecret := "wrong-" + secretHex(t, 24)
	t.Setenv("PINECONE_CLIENT_SECRET", wrongSecret)

	var diagnostics string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             env.CheckInventoryEmpty(),
		// ErrorCheck sees the whole error text of the failing step (an
		// ExpectError regexp could only say what it contains).
		ErrorCheck: func(err error) error {
			diagnostics = err.Error()
			if !regexp.MustCompile(`(?s)access token.*access_denied`).MatchString(diagnostics) {
				return fmt.Errorf("the step failed for another reason than the wrong secret: %w", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: providerBlock + testAccSecretsProject(acctest.RandomName())},
		},
	})
	if diagnostics == "" {
		t.Fatal("the apply with a wrong client secret did not fail")
	}
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	if !strings.Contains(string(raw), "/oauth/token") {
		t.Fatalf("the trace log (%d bytes) holds no token request: logging was not captured", len(raw))
	}
	secrets := map[string]string{
		"wrong client secret": wrongSecret,
		"API key":             env.APIKey,
	}
	secretLeaks(t, "diagnostics of the failed step", diagnostics, secrets)
	secretLeaks(t, "trace log", string(raw), secrets)
}

// adminTraceEnv starts an emulator for a test of the admin API at
// TF_LOG=trace: it returns the Env, a provider block without secrets and
// the directory of the trace log (acc.log). The service account's secret
// comes from the environment, as users should give it: the test harness
// logs the configuration text itself.
func adminTraceEnv(t *testing.T) (*acctest.Env, string, string) {
	t.Helper()
	env := acctest.New(t)
	env.RequireEmulator(t)
	logDir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PROVIDER_PINECONE_HTTP", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", filepath.Join(logDir, "acc.log"))
	t.Setenv("PINECONE_CLIENT_ID", env.ClientID)
	t.Setenv("PINECONE_CLIENT_SECRET", env.ClientSecret)
	providerBlock := fmt.Sprintf(`
provider "pinecone" {
  api_key         = ""
  controller_host = %q
  oauth_token_url = %q
}
`, env.URL, env.TokenURL)
	return env, providerBlock, logDir
}

// With TF_LOG=trace, an apply, refresh and destroy of a project and a key
// never write the client secret, a Bearer token or the key's value.
func TestAccAdmin_secretsNotLogged(t *testing.T) {
	env, providerBlock, logDir := adminTraceEnv(t)
	var value string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckAPIKeyDestroy(env),
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

func testAccSecretsProject(name string) string {
	return fmt.Sprintf("\nresource \"pinecone_project\" \"p\" {\n  name = %q\n}\n", name)
}

// With TF_LOG=trace, creating a service account and rotating its secret
// never writes either client secret to the log: both only ever travel in
// response bodies, which the client redacts, and in sensitive state.
func TestAccServiceAccount_secretsNotLogged(t *testing.T) {
	env, providerBlock, logDir := adminTraceEnv(t)
	var seen []string
	remember := func(s *terraform.State) error {
		seen = append(seen, s.RootModule().Resources[serviceAccountAddr].Primary.Attributes["client_secret"])
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckServiceAccountDestroy(env),
		Steps: []resource.TestStep{
			{Config: providerBlock + testAccServiceAccountResource("logged", `rotate_trigger = "a"`), Check: remember},
			{Config: providerBlock + testAccServiceAccountResource("logged", `rotate_trigger = "b"`), Check: remember},
			{RefreshState: true},
		},
	})
	logs, err := os.ReadFile(filepath.Join(logDir, "acc.log"))
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	if !strings.Contains(string(logs), "rotate-secret") {
		t.Fatalf("the trace log holds no rotation request (%d bytes): logging was not captured", len(logs))
	}
	if len(seen) != 2 || seen[0] == "" || seen[1] == "" || seen[0] == seen[1] {
		t.Fatalf("expected two different secrets, got %d", len(seen))
	}
	secrets := map[string]string{"client secret of the new account": seen[0], "rotated client secret": seen[1], "provider's client secret": env.ClientSecret}
	secretLeaks(t, "trace log", string(logs), secrets)
}
