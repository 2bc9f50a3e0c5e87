package provider_test

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/acctest"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

// TestAccFaultMatrix drives the provider through one misbehaving control
// plane per row and proves, for each, that the apply converges or fails
// with the right kind of error, that the emulator then holds exactly what
// Terraform's state says (no orphans, no duplicates), and that the next
// plan is empty (the framework plans again after every apply step).
//
// Every row has its own emulator, so rows run in parallel.
func TestAccFaultMatrix(t *testing.T) {
	t.Parallel()
	rows := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"rate_limited_10_indexes", fmRateLimited10Indexes},
		{"server_errors_on_reads_and_creates", fmServerErrors},
		{"dropped_create_response_index", fmDroppedIndex},
		{"dropped_create_response_collection", fmDroppedCollection},
		{"dropped_create_response_assistant", fmDroppedAssistant},
		{"dropped_create_response_api_key", fmDroppedAPIKey},
		{"dropped_create_response_assistant_file", fmDroppedFileUpsert},
		{"failed_states", fmFailedStates},
		{"deleted_out_of_band", fmDeletedOutOfBand},
		{"changed_out_of_band", fmChangedOutOfBand},
		{"slow_api_near_timeout", fmSlowAPI},
		{"auth_and_billing_errors", fmAuthAndBilling},
		{"timeout_while_waiting", fmTimeoutWhileWaiting},
	}
	for _, row := range rows {
		t.Run(row.name, row.run)
	}
}

// ---------------------------------------------------------------------------
// Rows.

// fmSeed seeds the emulator's random faults in the rows that use them. Its
// first draw is below 0.3, so the first request of such a row always meets
// its fault (the row cannot pass without exercising it), and 18 of its first
// 60 draws are, so the rest of the run sees about the stated 30%.
const fmSeed = 85

// 10 indexes behind a 5 req/s limiter that also refuses 30% of requests at
// random: every 429 is absorbed by the client's retries.
func fmRateLimited10Indexes(t *testing.T) {
	env := acctest.New(t, emulator.Options{Seed: fmSeed, Faults: emulator.Faults{RateLimit: 5, RateBurst: 5, RateLimitedRate: 0.3}})
	env.RequireEmulator(t)
	prefix := acctest.RandomName()
	config := env.Config(fmt.Sprintf(`
resource "pinecone_index" "many" {
  count     = 10
  name      = "%[1]s-${count.index}"
  dimension = 4
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
}
`, prefix))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             fmCheckDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error {
						f := env.Emulator.Faulted()
						t.Logf("apply of 10 indexes: %d 429s absorbed; %s", f["429"], fmStats(env))
						if f["429"] == 0 {
							return fmt.Errorf("no 429 was answered: the fault never fired")
						}
						return nil
					},
					fmCheckCount("pinecone_index", 10),
					checkInventoryMatchesState(env),
				),
			},
		},
	})
}

// 30% of all requests fail with 500/503 while two indexes, a collection
// and an assistant are created: each exists exactly once.
func fmServerErrors(t *testing.T) {
	env := acctest.New(t, emulator.Options{Seed: fmSeed, Faults: emulator.Faults{ErrorRate: 0.3}})
	env.RequireEmulator(t)
	pod, serverless, collection, assistant := acctest.RandomName(), acctest.RandomName(), acctest.RandomName(), acctest.RandomName()
	config := env.Config(testAccCollectionConfig(pod, collection) +
		testAccIndexResourceConfig_serverless(serverless, 4, "") +
		testAccAssistantConfig(assistant, "us", ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             fmCheckDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error {
						f := env.Emulator.Faulted()
						t.Logf("apply under 30%% server errors: %d 500s and %d 503s absorbed; %s", f["500"], f["503"], fmStats(env))
						if f["500"]+f["503"] == 0 {
							return fmt.Errorf("no server error was injected: the fault never fired")
						}
						// The seed fails the first request, which is a create.
						stats := env.Emulator.Stats()
						if n := stats["POST /indexes"] + stats["POST /collections"] + stats["POST /assistant/assistants"]; n <= 4 {
							return fmt.Errorf("%d creates sent for 4 objects: no create met a server error and was retried", n)
						}
						return nil
					},
					fmCheckCount("pinecone_index", 2),
					fmCheckCount("pinecone_collection", 1),
					fmCheckCount("pinecone_assistant", 1),
					checkInventoryMatchesState(env),
				),
			},
		},
	})
}

func fmDroppedIndex(t *testing.T) {
	env := acctest.New(t, emulator.Options{Faults: emulator.Faults{DropCreateResponses: 1}})
	env.RequireEmulator(t)
	config := env.Config(testAccIndexResourceConfig_serverless(acctest.RandomName(), 4, ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             fmCheckDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					fmCheckDropped(t, env, "POST /indexes"),
					fmCheckCount("pinecone_index", 1),
					checkInventoryMatchesState(env),
				),
			},
		},
	})
}

// The pod index comes first, without faults; only the collection's create
// loses its answer.
func fmDroppedCollection(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	index, collection := acctest.RandomName(), acctest.RandomName()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             fmCheckDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(testAccPodIndexConfig(index)),
				Check:  checkInventoryMatchesState(env),
			},
			{
				PreConfig: func() {
					env.Emulator.SetFaults(emulator.Faults{DropCreateResponses: 1})
					env.Emulator.ResetStats()
				},
				Config: env.Config(testAccCollectionConfig(index, collection)),
				Check: resource.ComposeTestCheckFunc(
					fmCheckDropped(t, env, "POST /collections"),
					fmCheckCount("pinecone_collection", 1),
					checkInventoryMatchesState(env),
				),
			},
		},
	})
}

func fmDroppedAssistant(t *testing.T) {
	env := acctest.New(t, emulator.Options{Faults: emulator.Faults{DropCreateResponses: 1}})
	env.RequireEmulator(t)
	config := env.Config(testAccAssistantConfig(acctest.RandomName(), "us", ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             fmCheckDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					fmCheckDropped(t, env, "POST /assistant/assistants"),
					fmCheckCount("pinecone_assistant", 1),
					checkInventoryMatchesState(env),
				),
			},
		},
	})
}

// A key whose create answer is lost has a secret nobody knows. The provider
// must delete that key and create one more, so the project ends with one
// key, in state, whose value works.
func fmDroppedAPIKey(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	project, keyName := acctest.RandomName(), "ci-"+acctest.RandomName()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             fmCheckDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.AdminProviderConfig("") + testAccProjectConfig(project, ""),
				Check:  checkInventoryMatchesState(env),
			},
			{
				PreConfig: func() {
					env.Emulator.SetFaults(emulator.Faults{DropCreateResponses: 1})
					env.Emulator.ResetStats()
				},
				Config: env.AdminProviderConfig("") + testAccAPIKeyConfig(project, keyName, ""),
				Check: resource.ComposeTestCheckFunc(
					fmCheckDropped(t, env, "POST /admin/projects/{project_id}/api-keys"),
					fmCheckCount("pinecone_api_key", 1),
					func(s *terraform.State) error {
						return fmObserve(env, func() error { return fmCheckOneWorkingKey(env, s, keyName) })
					},
					checkInventoryMatchesState(env),
				),
			},
		},
	})
}

// The assistant comes first; only the file's upsert loses its answer. The
// client sends the PUT again with the same file ID, so the assistant ends
// with exactly one file, the one in state.
func fmDroppedFileUpsert(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	assistant := acctest.RandomName()
	notes := writeFile(t, t.TempDir(), "notes.txt", "Opening hours: 9 to 5.\n")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             fmCheckDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(testAccAssistantConfig(assistant, "us", "")),
				Check:  checkInventoryMatchesState(env),
			},
			{
				PreConfig: func() {
					env.Emulator.SetFaults(emulator.Faults{DropCreateResponses: 1})
					env.Emulator.ResetStats()
				},
				Config: env.Config(testAccAssistantConfig(assistant, "us", "") + fmt.Sprintf(`
resource "pinecone_assistant_file" "test" {
  assistant_name = pinecone_assistant.test.name
  source         = %q
}
`, notes)),
				Check: resource.ComposeTestCheckFunc(
					fmCheckDropped(t, env, "PUT /assistant/files/{assistant_name}/{assistant_file_id}"),
					func(*terraform.State) error {
						if sent := env.Emulator.Stats()["PUT /assistant/files/{assistant_name}/{assistant_file_id}"]; sent != 2 {
							return fmt.Errorf("upserts sent = %d, want 2 (the dropped one and its retry)", sent)
						}
						return nil
					},
					fmCheckCount("pinecone_assistant_file", 1),
					checkInventoryMatchesState(env),
				),
			},
		},
	})
}

// Objects that end in a failed state: a clear error naming the object and
// the state, the object kept in state as tainted (so nothing is orphaned),
// and once Pinecone behaves the next apply replaces it.
func fmFailedStates(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	index, backupSource, assistant, fileAssistant := acctest.RandomName(), acctest.RandomName(), acctest.RandomName(), acctest.RandomName()
	notes := writeFile(t, dir, "notes.txt", "Opening hours: 9 to 5.\n")
	cases := []struct {
		name   string
		faults emulator.Faults
		config string
		addr   string
		err    *regexp.Regexp
	}{
		{
			name:   "index_initialization_failed",
			faults: emulator.Faults{FailInitialization: []string{index}},
			config: testAccIndexResourceConfig_serverless(index, 4, ""),
			addr:   indexAddr,
			err:    fmErr("Error waiting for Pinecone index", `index "`+index+`" is in state InitializationFailed`),
		},
		{
			name:   "backup_failed",
			faults: emulator.Faults{FailBackups: []string{backupSource}},
			config: testAccBackupConfig(backupSource, "matrix"),
			addr:   backupAddr,
			err:    fmErr("Error waiting for Pinecone backup", `of index "`+backupSource+`"`, "is in state Failed"),
		},
		{
			name:   "assistant_failed",
			faults: emulator.Faults{FailAssistants: []string{assistant}},
			config: testAccAssistantConfig(assistant, "us", ""),
			addr:   assistantAddr,
			err:    fmErr("Error waiting for Pinecone assistant", `assistant "`+assistant+`" is in state Failed`),
		},
		{
			name:   "assistant_file_processing_failed",
			faults: emulator.Faults{FailFiles: []string{"notes.txt"}},
			config: testAccAssistantConfig(fileAssistant, "us", "") + fmt.Sprintf(`
resource "pinecone_assistant_file" "test" {
  assistant_name = pinecone_assistant.test.name
  source         = %q
}
`, notes),
			addr: fileAddr,
			err:  fmErr("Error processing file in Pinecone assistant", "upsert_file operation", "failed: File processing failed: notes.txt"),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.New(t, emulator.Options{Faults: tc.faults})
			env.RequireEmulator(t)
			config := env.Config(tc.config)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             fmCheckDestroyed(t, env),
				Steps: []resource.TestStep{
					{Config: config, ExpectError: tc.err},
					{
						RefreshState:       true,
						ExpectNonEmptyPlan: true,
						Check:              resource.ComposeTestCheckFunc(testAccCheckTainted(tc.addr), checkInventoryMatchesState(env)),
					},
					{
						PreConfig: func() { env.Emulator.SetFaults(emulator.Faults{}) },
						Config:    config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tc.addr, plancheck.ResourceActionDestroyBeforeCreate)},
						},
						Check: checkInventoryMatchesState(env),
					},
				},
			})
		})
	}
}

// An index and an assistant deleted behind Terraform's back are planned
// for creation again, and the apply brings them back.
func fmDeletedOutOfBand(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	index, assistant := acctest.RandomName(), acctest.RandomName()
	config := env.Config(testAccIndexResourceConfig_serverless(index, 4, "") + testAccAssistantConfig(assistant, "us", ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             fmCheckDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					checkInventoryMatchesState(env),
					func(*terraform.State) error {
						ctx := acctest.Ctx()
						if err := env.Client.DeleteIndex(ctx, index); err != nil {
							return err
						}
						if err := env.Client.DeleteAssistant(ctx, assistant); err != nil {
							return err
						}
						if err := env.Client.WaitForIndexDeleted(ctx, index); err != nil {
							return err
						}
						return env.Client.WaitForAssistantDeleted(ctx, assistant)
					},
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(indexAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(assistantAddr, plancheck.ResourceActionCreate),
					},
				},
				Check: checkInventoryMatchesState(env),
			},
		},
	})
}

// Changes made outside Terraform (an index's tags and deletion protection,
// a pod index's replicas, an assistant's instructions) show up in the next
// plan as exactly that drift, planned back to the configuration in place.
func fmChangedOutOfBand(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	index, pod, assistant := acctest.RandomName(), acctest.RandomName(), acctest.RandomName()
	const podAddr = "pinecone_index.pod"
	config := env.Config(testAccIndexResourceConfig_serverless(index, 4, `
  tags                = { env = "dev" }
  deletion_protection = "disabled"`) + fmt.Sprintf(`
resource "pinecone_index" "pod" {
  name      = %[1]q
  dimension = 4
  spec = {
    pod = {
      environment = "us-east-1-aws"
      pod_type    = "p1.x1"
      replicas    = 1
    }
  }
}
`, pod) + testAccAssistantConfig(assistant, "us", `instructions = "Answer briefly."`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             fmCheckDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					checkInventoryMatchesState(env),
					func(*terraform.State) error {
						ctx := acctest.Ctx()
						if _, err := env.Client.ConfigureIndex(ctx, index, client.ConfigureIndexRequest{
							DeletionProtection: "enabled",
							Tags:               map[string]string{"env": "prod", "owner": "ops"},
						}); err != nil {
							return err
						}
						replicas := int32(2)
						if _, err := env.Client.ConfigureIndex(ctx, pod, client.ConfigureIndexRequest{
							Spec: &client.ConfigureIndexSpec{Pod: &client.ConfigurePod{Replicas: &replicas}},
						}); err != nil {
							return err
						}
						if _, err := env.Client.WaitForIndexReady(ctx, pod); err != nil {
							return err
						}
						changed := "Changed outside Terraform."
						_, err := env.Client.UpdateAssistant(ctx, assistant, client.UpdateAssistantRequest{Instructions: &changed})
						return err
					},
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(indexAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("dev")})),
						plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("deletion_protection"), knownvalue.StringExact("disabled")),
						// tags_all is tags merged with the provider's default_tags (none here).
						plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("dev")})),
						fmExpectOnlyChanges(indexAddr, "tags", "tags_all", "deletion_protection"),

						plancheck.ExpectResourceAction(podAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(podAddr, tfjsonpath.New("spec").AtMapKey("pod").AtMapKey("replicas"), knownvalue.Int64Exact(1)),
						// pods is replicas × shards, so it follows.
						plancheck.ExpectKnownValue(podAddr, tfjsonpath.New("spec").AtMapKey("pod").AtMapKey("pods"), knownvalue.Int64Exact(1)),
						fmExpectOnlyChanges(podAddr, "spec.pod.replicas", "spec.pod.pods"),

						plancheck.ExpectResourceAction(assistantAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(assistantAddr, tfjsonpath.New("instructions"), knownvalue.StringExact("Answer briefly.")),
						// Pinecone sets updated_at on every update: unknown until then.
						plancheck.ExpectUnknownValue(assistantAddr, tfjsonpath.New("updated_at")),
						fmExpectOnlyChanges(assistantAddr, "instructions", "updated_at"),
					},
				},
				Check: resource.ComposeTestCheckFunc(
					checkInventoryMatchesState(env),
					func(*terraform.State) error {
						return fmObserve(env, func() error {
							ctx := acctest.Ctx()
							ix, err := env.Client.DescribeIndex(ctx, index)
							if err != nil {
								return err
							}
							if ix.DeletionProtection != "disabled" || !reflect.DeepEqual(ix.Tags, map[string]string{"env": "dev"}) {
								return fmt.Errorf("index after apply: deletion_protection %q, tags %v", ix.DeletionProtection, ix.Tags)
							}
							p, err := env.Client.DescribeIndex(ctx, pod)
							if err != nil {
								return err
							}
							if p.Spec.Pod == nil || p.Spec.Pod.Replicas == nil || *p.Spec.Pod.Replicas != 1 {
								return fmt.Errorf("pod index after apply: spec %+v", p.Spec.Pod)
							}
							a, err := env.Client.DescribeAssistant(ctx, assistant)
							if err != nil {
								return err
							}
							if a.Instructions == nil || *a.Instructions != "Answer briefly." {
								return fmt.Errorf("assistant instructions after apply: %v", a.Instructions)
							}
							return nil
						})
					},
				),
			},
		},
	})
}

// 30% of requests take longer than the provider's per-request timeout: the
// attempts that time out are retried (creates included, since an abandoned
// create may or may not have landed) and each index exists exactly once.
func fmSlowAPI(t *testing.T) {
	const latency, timeout = 600 * time.Millisecond, "500ms"
	env := acctest.New(t, emulator.Options{Seed: fmSeed, Faults: emulator.Faults{Latency: latency, LatencyRate: 0.3}})
	env.RequireEmulator(t)
	prefix := acctest.RandomName()
	config := env.ProviderConfigWith(fmt.Sprintf(`
  request_timeout = %q
  max_retries     = 8`, timeout)) + fmt.Sprintf(`
resource "pinecone_index" "slow" {
  count     = 3
  name      = "%[1]s-${count.index}"
  dimension = 4
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
}
`, prefix)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             fmCheckDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error {
						delayed := env.Emulator.Faulted()["delayed"]
						t.Logf("apply with %v latency on 30%% of requests and request_timeout %s: %d requests delayed (each one a timed-out attempt); %s",
							latency, timeout, delayed, fmStats(env))
						if delayed == 0 {
							return fmt.Errorf("no request was delayed: the fault never fired")
						}
						// The seed delays the first request, which is a create.
						if n := env.Emulator.Stats()["POST /indexes"]; n <= 3 {
							return fmt.Errorf("POST /indexes sent %d times for 3 indexes: no create attempt timed out and was retried", n)
						}
						return nil
					},
					fmCheckCount("pinecone_index", 3),
					checkInventoryMatchesState(env),
				),
			},
		},
	})
}

// 401, 402 and 403 are final: one clear diagnostic each, and the create is
// sent once (no retry storm).
func fmAuthAndBilling(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		faults   emulator.Faults
		wrongKey bool
		err      *regexp.Regexp
	}{
		{
			name:     "unauthorized_401",
			wrongKey: true,
			err:      fmErr("Error creating Pinecone index", "HTTP 401 UNAUTHENTICATED: Invalid API key.", "Pinecone rejected the credentials"),
		},
		{
			name:   "payment_required_402",
			faults: emulator.Faults{ForceStatus: 402, ForceStatusPaths: []string{"POST /indexes"}},
			err: fmErr("Error creating Pinecone index", "HTTP 402 PAYMENT_REQUIRED: Request failed. Pay all past due invoices",
				"Pinecone requires payment"),
		},
		{
			name:   "quota_exceeded_403",
			faults: emulator.Faults{ForceStatus: 403, ForceStatusPaths: []string{"POST /indexes"}},
			err:    fmErr("Error creating Pinecone index", "HTTP 403 FORBIDDEN: Increase your quota or upgrade to create more indexes."),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := acctest.New(t, emulator.Options{Faults: tc.faults})
			env.RequireEmulator(t)
			name := acctest.RandomName()
			provider := env.ProviderConfig()
			if tc.wrongKey {
				provider = fmt.Sprintf("\nprovider \"pinecone\" {\n  api_key         = \"wrong-key\"\n  controller_host = %q\n}\n", env.URL)
			}
			// ExpectError only matches; ErrorCheck sees the whole text, so
			// the diagnostics can be counted. It keeps the error and lets
			// the test go on; the checks after the run make sure it came.
			var mu sync.Mutex
			var got string
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             fmCheckDestroyed(t, env),
				ErrorCheck: func(err error) error {
					mu.Lock()
					defer mu.Unlock()
					if got != "" {
						return err // only the first step may fail
					}
					got = err.Error()
					return nil
				},
				Steps: []resource.TestStep{
					{Config: provider + testAccIndexResourceConfig_serverless(name, 4, "")},
					{RefreshState: true, ExpectNonEmptyPlan: true, Check: checkInventoryMatchesState(env)},
				},
			})
			if t.Failed() {
				return
			}
			if got == "" {
				t.Fatal("the apply succeeded; want it to fail")
			}
			if !tc.err.MatchString(got) {
				t.Errorf("error does not match %s:\n%s", tc.err, got)
			}
			if n := len(regexp.MustCompile(`(?m)^(?:│ )?Error: `).FindAllString(got, -1)); n != 1 {
				t.Errorf("%d error diagnostics, want exactly 1:\n%s", n, got)
			}
			stats := env.Emulator.Stats()
			if n := stats["POST /indexes"]; n != 1 {
				t.Errorf("POST /indexes sent %d times, want exactly 1 (no retries of a final answer)", n)
			}
			t.Logf("%s: POST /indexes sent %d time(s); %s; the diagnostic:\n%s", tc.name, stats["POST /indexes"], fmStats(env), got)
		})
	}
}

// A create whose wait runs out of time: the index is kept in state as
// tainted, and exists exactly once.
func fmTimeoutWhileWaiting(t *testing.T) {
	env := acctest.New(t, emulator.Options{ReadyDelay: time.Hour})
	env.RequireEmulator(t)
	name := acctest.RandomName()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             fmCheckDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config:      env.Config(testAccIndexResourceConfig_serverless(name, 4, `timeouts = { create = "2s" }`)),
				ExpectError: fmErr(`gave up waiting for index "`+name+`"`, "last state: Initializing", "timeouts"),
			},
			{
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeTestCheckFunc(
					testAccCheckTainted(indexAddr),
					fmCheckCount("pinecone_index", 1),
					checkInventoryMatchesState(env),
					func(*terraform.State) error {
						if n := env.Emulator.Stats()["POST /indexes"]; n != 1 {
							return fmt.Errorf("POST /indexes sent %d times, want 1", n)
						}
						return nil
					},
				),
			},
		},
	})
}

// fmErr matches a diagnostic that Terraform may have wrapped: each part is
// literal text whose spaces match any run of white space, and anything may
// come between parts.
func fmErr(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		words := strings.Fields(p)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		quoted[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

// ---------------------------------------------------------------------------
// Inventory: what the emulator holds against what the state says.

// fmInventory maps a kind of object to the identifiers of those objects, one
// entry per object (sorted), so duplicates show.
type fmInventory map[string][]string

func (inv fmInventory) add(kind, id string) { inv[kind] = append(inv[kind], id) }

// fmKinds are the kinds compared, with the resource type of each.
var fmKinds = map[string]string{
	"pinecone_index":          "index",
	"pinecone_collection":     "collection",
	"pinecone_backup":         "backup",
	"pinecone_assistant":      "assistant",
	"pinecone_assistant_file": "assistant file",
	"pinecone_project":        "project",
	"pinecone_api_key":        "API key",
}

// fmStateInventory lists the managed objects in state (tainted ones too; data
// sources are not objects).
func fmStateInventory(s *terraform.State) fmInventory {
	inv := fmInventory{}
	if s == nil || s.RootModule() == nil {
		return inv
	}
	for key, rs := range s.RootModule().Resources {
		kind, ok := fmKinds[rs.Type]
		if !ok || strings.HasPrefix(key, "data.") || rs.Primary == nil {
			continue
		}
		id := rs.Primary.ID
		if rs.Type == "pinecone_assistant_file" {
			id = rs.Primary.Attributes["assistant_name"] + "/" + id
		}
		inv.add(kind, id)
	}
	return inv
}

// fmEmulatorInventory lists every object the emulator holds, through the same
// API the provider uses: the default project's indexes, collections,
// backups, assistants and their files, and every other project with its API
// keys (the default project's own keys are the test's, not Terraform's).
func fmEmulatorInventory(env *acctest.Env) (fmInventory, error) {
	ctx := acctest.Ctx()
	c := env.Client
	inv := fmInventory{}
	indexes, err := c.ListIndexes(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing indexes: %w", err)
	}
	for _, ix := range indexes {
		inv.add("index", ix.Name)
	}
	collections, err := c.ListCollections(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing collections: %w", err)
	}
	for _, col := range collections {
		inv.add("collection", col.Name)
	}
	backups, err := c.ListBackups(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing backups: %w", err)
	}
	for _, b := range backups {
		inv.add("backup", b.BackupID)
	}
	assistants, err := c.ListAssistants(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing assistants: %w", err)
	}
	for i := range assistants {
		a := &assistants[i]
		inv.add("assistant", a.Name)
		host, err := client.AssistantHost(a)
		if err != nil {
			return nil, err
		}
		files, err := c.ListAssistantFiles(ctx, host, a.Name, "")
		if err != nil {
			return nil, fmt.Errorf("listing the files of assistant %s: %w", a.Name, err)
		}
		for _, f := range files {
			inv.add("assistant file", a.Name+"/"+f.ID)
		}
	}
	projects, err := c.ListProjects(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing projects: %w", err)
	}
	for _, p := range projects {
		if p.ID == env.Emulator.DefaultProjectID() {
			continue
		}
		inv.add("project", p.ID)
		keys, err := c.ListAPIKeys(ctx, p.ID)
		if err != nil {
			return nil, fmt.Errorf("listing the API keys of project %s: %w", p.ID, err)
		}
		for _, k := range keys {
			inv.add("API key", k.ID)
		}
	}
	return inv, nil
}

// fmCompareInventory reports every kind whose objects differ.
func fmCompareInventory(got, want fmInventory) error {
	var problems []string
	kinds := map[string]bool{}
	for k := range got {
		kinds[k] = true
	}
	for k := range want {
		kinds[k] = true
	}
	for _, kind := range slices.Sorted(maps.Keys(kinds)) {
		g, w := slices.Clone(got[kind]), slices.Clone(want[kind])
		sort.Strings(g)
		sort.Strings(w)
		if !slices.Equal(g, w) {
			problems = append(problems, fmt.Sprintf("%s: emulator holds %q, state has %q", kind, g, w))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("the emulator's inventory differs from the state (orphans or duplicates):\n  %s", strings.Join(problems, "\n  "))
	}
	return nil
}

// checkInventoryMatchesState proves the emulator holds exactly the objects
// in state: no orphan left by a retried or failed call, no duplicate.
func checkInventoryMatchesState(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		return fmObserve(env, func() error {
			got, err := fmEmulatorInventory(env)
			if err != nil {
				return err
			}
			return fmCompareInventory(got, fmStateInventory(s))
		})
	}
}

// fmCheckDestroyed is the CheckDestroy of every row: after the destroy the
// emulator holds nothing at all (it receives the state from before the
// destroy, whose objects must all be gone). It also logs the row's totals.
func fmCheckDestroyed(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		t.Logf("totals after destroy: %d 429s, %d 500s, %d 503s, %d dropped, %d delayed; %s",
			env.Emulator.Faulted()["429"], env.Emulator.Faulted()["500"], env.Emulator.Faulted()["503"],
			env.Emulator.Faulted()["dropped"], env.Emulator.Faulted()["delayed"], fmStats(env))
		return fmObserve(env, func() error {
			got, err := fmEmulatorInventory(env)
			if err != nil {
				return err
			}
			if err := fmCompareInventory(got, fmInventory{}); err != nil {
				return fmt.Errorf("after destroy: %w", err)
			}
			return nil
		})
	}
}

// fmObserve runs the test's own look at the emulator with the faults paused,
// so the observer neither fails nor skews the counters the row is about;
// the faults are put back afterwards (with a full rate-limit bucket and the
// drops still to come).
func fmObserve(env *acctest.Env, fn func() error) error {
	saved := env.Emulator.Faults()
	env.Emulator.SetFaults(emulator.Faults{})
	defer env.Emulator.SetFaults(saved)
	return fn()
}

// fmCheckCount checks how many objects of a resource type are in state.
func fmCheckCount(resourceType string, want int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		n := 0
		for key, rs := range s.RootModule().Resources {
			if rs.Type == resourceType && !strings.HasPrefix(key, "data.") {
				n++
			}
		}
		if n != want {
			return fmt.Errorf("%d %s in state, want %d", n, resourceType, want)
		}
		return nil
	}
}

// fmCheckDropped checks that exactly one create answer was dropped, so the
// row exercised what it claims to, and logs how many creates were sent.
func fmCheckDropped(t *testing.T, env *acctest.Env, route string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		dropped, sent := env.Emulator.Faulted()["dropped"], env.Emulator.Stats()[route]
		t.Logf("%d create answer dropped; %s sent %d times; %s", dropped, route, sent, fmStats(env))
		if dropped != 1 {
			return fmt.Errorf("%d create answers dropped, want 1: the fault never fired", dropped)
		}
		return nil
	}
}

// fmCheckOneWorkingKey: the project holds one key of that name, it is the
// one in state, and the value in state authenticates.
func fmCheckOneWorkingKey(env *acctest.Env, s *terraform.State, name string) error {
	rs, ok := s.RootModule().Resources[apiKeyAddr]
	if !ok {
		return fmt.Errorf("%s is not in state", apiKeyAddr)
	}
	ctx := acctest.Ctx()
	keys, err := env.Client.ListAPIKeys(ctx, rs.Primary.Attributes["project_id"])
	if err != nil {
		return err
	}
	var named []string
	for _, k := range keys {
		if k.Name == name {
			named = append(named, k.ID)
		}
	}
	if len(named) != 1 || named[0] != rs.Primary.ID {
		return fmt.Errorf("keys named %q in the project: %v; want only the one in state (%s)", name, named, rs.Primary.ID)
	}
	value := rs.Primary.Attributes["value"]
	if value == "" {
		return fmt.Errorf("%s has no value in state", apiKeyAddr)
	}
	keyed, err := client.New(client.Options{APIKey: value, BaseURL: env.URL})
	if err != nil {
		return err
	}
	if _, err := keyed.ListIndexes(ctx); err != nil {
		return fmt.Errorf("the key's value from state does not work: %w", err)
	}
	return nil
}

// fmStats summarises the emulator's request counters.
func fmStats(env *acctest.Env) string {
	stats := env.Emulator.Stats()
	var total int64
	keys := make([]string, 0, len(stats))
	for k, n := range stats {
		total += n
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, stats[k]))
	}
	return fmt.Sprintf("%d requests (%s)", total, strings.Join(parts, ", "))
}

// ---------------------------------------------------------------------------
// Plan check: only the expected attributes change.

// fmExpectOnlyChanges checks a resource's planned change attribute by
// attribute: every leaf that differs between before and after (or becomes
// unknown) must lie under one of paths ("tags", "spec.pod.replicas"), and
// each of paths must change.
func fmExpectOnlyChanges(addr string, paths ...string) plancheck.PlanCheck {
	return fmOnlyChanges{addr: addr, paths: paths}
}

type fmOnlyChanges struct {
	addr  string
	paths []string
}

func (c fmOnlyChanges) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr || rc.Change == nil {
			continue
		}
		changed := fmDiff("", rc.Change.Before, rc.Change.After, rc.Change.AfterUnknown)
		if err := fmCheckChanged(changed, c.paths); err != nil {
			resp.Error = fmt.Errorf("%s: %w", c.addr, err)
		}
		return
	}
	resp.Error = fmt.Errorf("%s: no planned change", c.addr)
}

// fmCheckChanged: every changed path lies under one of want, and each of
// want has a change under it.
func fmCheckChanged(changed, want []string) error {
	covered := make([]bool, len(want))
	var unexpected []string
	for _, p := range changed {
		ok := false
		for i, w := range want {
			if p == w || strings.HasPrefix(p, w+".") {
				covered[i], ok = true, true
			}
		}
		if !ok {
			unexpected = append(unexpected, p)
		}
	}
	var missing []string
	for i, w := range want {
		if !covered[i] {
			missing = append(missing, w)
		}
	}
	if len(unexpected) > 0 || len(missing) > 0 {
		return fmt.Errorf("the plan changes %q; unexpected %q, expected but unchanged %q", changed, unexpected, missing)
	}
	return nil
}

// fmDiff lists the dotted paths of the leaves that differ between before
// and after, or that are unknown after (unknown is the plan's after_unknown,
// true or a structure of bools).
func fmDiff(path string, before, after, unknown any) []string {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	if u, ok := unknown.(bool); ok && u {
		return []string{path}
	}
	switch a := after.(type) {
	case map[string]any:
		b, _ := before.(map[string]any)
		u, _ := unknown.(map[string]any)
		if before != nil && b == nil {
			return []string{path}
		}
		keys := map[string]bool{}
		for k := range a {
			keys[k] = true
		}
		for k := range b {
			keys[k] = true
		}
		for k := range u {
			keys[k] = true
		}
		var out []string
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			out = append(out, fmDiff(join(k), b[k], a[k], u[k])...)
		}
		return out
	case []any:
		b, ok := before.([]any)
		u, _ := unknown.([]any)
		if !ok || len(b) != len(a) {
			return []string{path}
		}
		var out []string
		for i := range a {
			var ui any
			if i < len(u) {
				ui = u[i]
			}
			out = append(out, fmDiff(join(fmt.Sprint(i)), b[i], a[i], ui)...)
		}
		return out
	}
	if !reflect.DeepEqual(before, after) {
		return []string{path}
	}
	return nil
}

// The helpers above judge every row, so they are tested on their own (no
// TF_ACC needed).
func TestFaultMatrixHelpers(t *testing.T) {
	before := map[string]any{
		"name": "a", "host": "h", "tags": map[string]any{"env": "prod", "owner": "ops"},
		"spec":  map[string]any{"pod": map[string]any{"replicas": 2.0, "pods": 2.0, "shards": 1.0}},
		"roles": []any{"x", "y"},
	}
	after := map[string]any{
		"name": "a", "host": nil, "tags": map[string]any{"env": "dev"},
		"spec":  map[string]any{"pod": map[string]any{"replicas": 1.0, "pods": 1.0, "shards": 1.0}},
		"roles": []any{"x", "y"},
	}
	got := fmDiff("", before, after, map[string]any{"host": true})
	want := []string{"host", "spec.pod.pods", "spec.pod.replicas", "tags.env", "tags.owner"}
	if !slices.Equal(got, want) {
		t.Errorf("fmDiff = %q, want %q", got, want)
	}
	if got := fmDiff("", before, before, nil); len(got) != 0 {
		t.Errorf("fmDiff of equal values = %q", got)
	}
	if got := fmDiff("", map[string]any{"l": []any{"x"}}, map[string]any{"l": []any{"x", "y"}}, nil); !slices.Equal(got, []string{"l"}) {
		t.Errorf("fmDiff of a longer list = %q", got)
	}

	if err := fmCheckChanged(want, []string{"host", "spec.pod", "tags"}); err != nil {
		t.Errorf("covered changes rejected: %v", err)
	}
	if err := fmCheckChanged(want, []string{"spec.pod", "tags"}); err == nil || !strings.Contains(err.Error(), `unexpected ["host"]`) {
		t.Errorf("an unexpected change passed: %v", err)
	}
	if err := fmCheckChanged(want, []string{"host", "spec", "tags", "name"}); err == nil || !strings.Contains(err.Error(), `unchanged ["name"]`) {
		t.Errorf("a missing change passed: %v", err)
	}
	// "tags" must not cover "tags_all".
	if err := fmCheckChanged([]string{"tags_all.env"}, []string{"tags"}); err == nil {
		t.Error("tags covered tags_all")
	}

	state := fmInventory{"index": {"a", "b"}, "API key": {"k1"}}
	if err := fmCompareInventory(fmInventory{"index": {"b", "a"}, "API key": {"k1"}}, state); err != nil {
		t.Errorf("equal inventories differ: %v", err)
	}
	for name, emu := range map[string]fmInventory{
		"orphan":    {"index": {"a", "b", "c"}, "API key": {"k1"}},
		"duplicate": {"index": {"a", "b"}, "API key": {"k1", "k1"}},
		"missing":   {"index": {"a"}, "API key": {"k1"}},
		"other":     {"index": {"a", "b"}, "API key": {"k1"}, "backup": {"x"}},
	} {
		if err := fmCompareInventory(emu, state); err == nil {
			t.Errorf("%s: not reported", name)
		}
	}
}
