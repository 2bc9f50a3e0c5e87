// Package acctest runs the provider's acceptance tests against an in-process
// emulator, or against real Pinecone when PINECONE_ACC_REAL=1 (with
// PINECONE_API_KEY and optionally PINECONE_CONTROLLER_HOST). By default no
// test touches the network.
//
// Besides the environment (New, Env) it holds the checks every resource's
// tests share: CheckDestroyed (a CheckDestroy that asks the API), DisappearsSteps,
// CheckTainted, CheckResourceCount, the emulator-against-state inventory
// (Env.CheckInventoryMatchesState, Env.CheckInventoryEmpty) and the plan
// check ExpectOnlyChanges.
package acctest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/provider"
)

// EnvReal switches acceptance tests to real Pinecone.
const EnvReal = "PINECONE_ACC_REAL"

// NamePrefix starts every object name a test creates, so leftovers in a real
// project are easy to find and delete.
const NamePrefix = "tf-acc-"

// ProtoV6ProviderFactories serves the provider in-process.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"pinecone": providerserver.NewProtocol6WithError(provider.New("acctest")()),
}

// ProtoV6ProviderFactoriesWithSecond also serves the provider under more
// local names, for tests that need several configurations at once (the
// harness reattaches all configurations of one provider to one server, so
// aliases of one local name would share a configuration).
func ProtoV6ProviderFactoriesWithSecond(names ...string) map[string]func() (tfprotov6.ProviderServer, error) {
	out := map[string]func() (tfprotov6.ProviderServer, error){
		"pinecone": providerserver.NewProtocol6WithError(provider.New("acctest")()),
	}
	for _, name := range names {
		out[name] = providerserver.NewProtocol6WithError(provider.New("acctest")())
	}
	return out
}

// ProtoV6ProviderFactoriesAtAPIVersion serves a provider whose client sends
// apiVersion on every call with that version's shapes, as releases before
// API 2026-07 support did (2026-04): tests apply with it, then plan with the
// current provider to prove an upgrade shows no diff.
func ProtoV6ProviderFactoriesAtAPIVersion(apiVersion string) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"pinecone": providerserver.NewProtocol6WithError(provider.NewAtAPIVersion("acctest", apiVersion)()),
	}
}

// IsReal reports whether tests run against real Pinecone.
func IsReal() bool { return os.Getenv(EnvReal) == "1" }

// Env is what one acceptance test talks to.
type Env struct {
	// Emulator is nil against real Pinecone; tests that need faults or
	// counters skip themselves then (see RequireEmulator).
	Emulator *emulator.Server
	URL      string
	APIKey   string
	// Client talks to the same control plane as the provider, for
	// CheckDestroy and for changes made "outside Terraform". It also holds
	// the admin credentials.
	Client *client.Client

	// Admin API (service account) credentials and token endpoint.
	ClientID, ClientSecret, TokenURL string
}

// PreCheck fails early when real mode lacks a key.
func PreCheck(t *testing.T) {
	t.Helper()
	if IsReal() && os.Getenv(provider.EnvAPIKey) == "" {
		t.Fatalf("%s=1 needs %s", EnvReal, provider.EnvAPIKey)
	}
}

// New starts an emulator for one test (unless real mode is on). opts tune
// the emulator: delays, faults.
func New(t *testing.T, opts ...emulator.Options) *Env {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run with TF_ACC=1 (make testacc)")
	}
	PreCheck(t)
	if IsReal() {
		env := &Env{
			APIKey: os.Getenv(provider.EnvAPIKey), ClientID: os.Getenv(provider.EnvClientID),
			ClientSecret: os.Getenv(provider.EnvClientSecret), TokenURL: os.Getenv(provider.EnvOAuthTokenURL),
		}
		c, err := client.New(client.Options{
			APIKey: env.APIKey, BaseURL: os.Getenv(provider.EnvControllerHost),
			ClientID: env.ClientID, ClientSecret: env.ClientSecret, TokenURL: env.TokenURL,
		})
		if err != nil {
			t.Fatal(err)
		}
		env.Client, env.URL = c, c.BaseURL()
		return env
	}
	var o emulator.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	key := "acc-" + randomHex(8)
	o.APIKeys = []string{key}
	emu := emulator.New(o)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	tokenURL := srv.URL + "/oauth/token"
	c, err := client.New(client.Options{
		APIKey:       key,
		BaseURL:      srv.URL,
		ClientID:     emulator.DefaultClientID,
		ClientSecret: emulator.DefaultClientSecret,
		TokenURL:     tokenURL,
		DataPlaneURL: srv.URL,
		Retry:        client.RetryPolicy{MaxRetries: 5, MinBackoff: time.Millisecond, MaxBackoff: 50 * time.Millisecond, AttemptTimeout: 30 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &Env{
		Emulator: emu, URL: srv.URL, APIKey: key, Client: c,
		ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret, TokenURL: tokenURL,
	}
}

// AdminProviderConfig is a provider block with service-account credentials
// and no API key (plus extra arguments, e.g. an alias).
func (e *Env) AdminProviderConfig(extra string) string {
	if e.Emulator == nil {
		return fmt.Sprintf("\nprovider \"pinecone\" {\n  api_key = \"\"\n%s\n}\n", extra)
	}
	return fmt.Sprintf(`
provider "pinecone" {
  api_key         = ""
  controller_host = %q
  client_id       = %q
  client_secret   = %q
  oauth_token_url = %q
%s
}
`, e.URL, e.ClientID, e.ClientSecret, e.TokenURL, extra)
}

// RequireEmulator skips tests that need the emulator's faults or counters
// when running against real Pinecone.
func (e *Env) RequireEmulator(t *testing.T) {
	t.Helper()
	if e.Emulator == nil {
		t.Skip("needs the emulator (fault injection or request counters)")
	}
}

// ProviderConfig is the provider block for this Env. Against the emulator it
// sets controller_host and data_plane_url, the settings users would use;
// against real Pinecone it is empty and the provider reads the environment.
func (e *Env) ProviderConfig() string {
	if e.Emulator == nil {
		return ""
	}
	return fmt.Sprintf(`
provider "pinecone" {
  api_key         = %q
  controller_host = %q
  data_plane_url  = %q
}
`, e.APIKey, e.URL, e.URL)
}

// ProviderConfigWith adds provider arguments (e.g. default_tags) to the block.
func (e *Env) ProviderConfigWith(extra string) string {
	if e.Emulator == nil {
		return fmt.Sprintf("\nprovider \"pinecone\" {\n%s\n}\n", extra)
	}
	return fmt.Sprintf(`
provider "pinecone" {
  api_key         = %q
  controller_host = %q
  data_plane_url  = %q
%s
}
`, e.APIKey, e.URL, e.URL, extra)
}

// Config joins the provider block and the test's configuration.
func (e *Env) Config(body string) string { return e.ProviderConfig() + body }

// RandomName returns a valid, unique index or collection name.
func RandomName() string { return NamePrefix + randomHex(6) }

// Ctx is a background context for helper calls in checks.
func Ctx() context.Context { return context.Background() }

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// ProviderConfigWithKey is the provider block with apiKey instead of the
// test's key (a wrong one, say); an empty apiKey leaves api_key out, so the
// provider looks for PINECONE_API_KEY.
func (e *Env) ProviderConfigWithKey(apiKey string) string {
	block := "\nprovider \"pinecone\" {\n"
	if apiKey != "" {
		block += fmt.Sprintf("  api_key         = %q\n", apiKey)
	}
	if e.Emulator != nil {
		block += fmt.Sprintf("  controller_host = %q\n", e.URL)
	}
	return block + "}\n"
}
