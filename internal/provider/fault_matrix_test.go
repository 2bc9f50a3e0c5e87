package provider_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
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
		{"dropped_create_response_service_account", fmDroppedServiceAccount},
		{"dropped_create_response_invite", fmDroppedInvite},
		{"dropped_create_response_assistant_file", fmDroppedFileUpsert},
		{"data_plane_429_and_5xx", fmDataPlaneFaults},
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
	config := env.Config(fmIndexesConfig("many", prefix, 10))
	acctest.ParallelTest(t, fmCheckDestroyed(t, env), []resource.TestStep{
		{
			Config: config,
			Check: resource.ComposeTestCheckFunc(
				func(*terraform.State) error {
					f := env.Emulator.Faulted()
					t.Logf("apply of 10 indexes: %d 429s absorbed; %s", f["429"], env.RequestSummary())
					if f["429"] == 0 {
						return fmt.Errorf("no 429 was answered: the fault never fired")
					}
					return nil
				},
				acctest.CheckResourceCount("pinecone_index", 10),
				env.CheckInventoryMatchesState(),
			),
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
	acctest.ParallelTest(t, fmCheckDestroyed(t, env), []resource.TestStep{
		{
			Config: config,
			Check: resource.ComposeTestCheckFunc(
				func(*terraform.State) error {
					f := env.Emulator.Faulted()
					t.Logf("apply under 30%% server errors: %d 500s and %d 503s absorbed; %s", f["500"], f["503"], env.RequestSummary())
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
				acctest.CheckResourceCount("pinecone_index", 2),
				acctest.CheckResourceCount("pinecone_collection", 1),
				acctest.CheckResourceCount("pinecone_assistant", 1),
				env.CheckInventoryMatchesState(),
			),
		},
	})
}

// fmDroppedCreate runs a row in which one create loses its answer: parent
// (if any) is applied first without faults, then config with the next
// create answer dropped. The create through route must have reached the
// emulator once and been answered into state: exactly one resourceType in
// state, nothing orphaned, plus the row's own checks.
func fmDroppedCreate(t *testing.T, env *acctest.Env, parent, config, route, resourceType string, checks ...resource.TestCheckFunc) {
	var steps []resource.TestStep
	if parent != "" {
		steps = append(steps, resource.TestStep{Config: parent, Check: env.CheckInventoryMatchesState()})
	}
	checks = append([]resource.TestCheckFunc{fmCheckDropped(t, env, route), acctest.CheckResourceCount(resourceType, 1)}, checks...)
	steps = append(steps, resource.TestStep{
		PreConfig: func() {
			env.Emulator.SetFaults(emulator.Faults{DropCreateResponses: 1})
			env.Emulator.ResetStats()
		},
		Config: config,
		Check:  resource.ComposeTestCheckFunc(append(checks, env.CheckInventoryMatchesState())...),
	})
	acctest.ParallelTest(t, fmCheckDestroyed(t, env), steps)
}

func fmDroppedIndex(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	fmDroppedCreate(t, env, "", env.Config(testAccIndexResourceConfig_serverless(acctest.RandomName(), 4, "")),
		"POST /indexes", "pinecone_index")
}

// The pod index comes first, without faults; only the collection's create
// loses its answer.
func fmDroppedCollection(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	index, collection := acctest.RandomName(), acctest.RandomName()
	fmDroppedCreate(t, env, env.Config(testAccPodIndexConfig(index)), env.Config(testAccCollectionConfig(index, collection)),
		"POST /collections", "pinecone_collection")
}

func fmDroppedAssistant(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	fmDroppedCreate(t, env, "", env.Config(testAccAssistantConfig(acctest.RandomName(), "us", "")),
		"POST /assistant/assistants", "pinecone_assistant")
}

// A key whose create answer is lost has a secret nobody knows. The provider
// must delete that key and create one more, so the project ends with one
// key, in state, whose value works.
func fmDroppedAPIKey(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	project, keyName := acctest.RandomName(), "ci-"+acctest.RandomName()
	fmDroppedCreate(t, env, env.AdminProviderConfig("")+testAccProjectConfig(project, ""),
		env.AdminProviderConfig("")+testAccAPIKeyConfig(project, keyName, ""),
		"POST /admin/projects/{project_id}/api-keys", "pinecone_api_key",
		func(s *terraform.State) error {
			return env.WithoutFaults(func() error { return fmCheckOneWorkingKey(env, s, keyName) })
		})
}

// A service account whose create answer is lost has a secret nobody knows,
// like an API key: the provider deletes it and creates one more, so the
// organization ends with one account, in state, whose secret works.
func fmDroppedServiceAccount(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	fmDroppedCreate(t, env, "", env.AdminProviderConfig("")+testAccServiceAccountResource("dropped-"+acctest.RandomName(), ""),
		"POST /admin/service-accounts", "pinecone_service_account",
		func(s *terraform.State) error {
			return env.WithoutFaults(func() error {
				rs := s.RootModule().Resources[serviceAccountAddr].Primary
				if code, err := tokenStatus(env, rs.Attributes["client_id"], rs.Attributes["client_secret"]); err != nil || code != http.StatusOK {
					return fmt.Errorf("the secret in state does not work: HTTP %d, %w", code, err)
				}
				return nil
			})
		})
}

// An invite whose create answer is lost is found by its address (Pinecone
// keeps one open invite per address) and adopted: one invite, in state.
func fmDroppedInvite(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	project, email := acctest.RandomName(), acctest.RandomName()+"@example.com"
	fmDroppedCreate(t, env, env.AdminProviderConfig("")+testAccProjectConfig(project, ""),
		env.AdminProviderConfig("")+testAccInviteResource(project, email, ""),
		"POST /admin/invites", "pinecone_invite",
		func(s *terraform.State) error {
			return env.WithoutFaults(func() error {
				invites, err := env.Client.ListInvites(acctest.Ctx())
				if err != nil {
					return err
				}
				if len(invites) != 1 || invites[0].ID != inviteID(s) {
					return fmt.Errorf("invites %v, want exactly the one in state (%s)", invites, inviteID(s))
				}
				return nil
			})
		})
}

// Requests to an index's host meet the same faults as the control plane and
// are retried the same way: the index comes first, without faults; then
// both namespace creates (the step's only POSTs) face 30% server errors,
// and the first of them surely meets one (fmSeed's first draw), while a
// 2 req/s limiter with a burst of 1 answers 429 to requests that come
// together. Each namespace exists once.
func fmDataPlaneFaults(t *testing.T) {
	env := acctest.New(t, emulator.Options{Seed: fmSeed})
	env.RequireEmulator(t)
	index := acctest.RandomName()
	acctest.ParallelTest(t, fmCheckDestroyed(t, env), []resource.TestStep{
		{Config: env.Config(testAccIndexResourceConfig_serverless(index, 4, ""))},
		{
			PreConfig: func() {
				env.Emulator.SetFaults(emulator.Faults{ErrorRate: 0.3, ErrorMethods: []string{http.MethodPost}, RateLimit: 2, RateBurst: 1})
				env.Emulator.ResetStats()
			},
			Config: env.Config(testAccNamespaceConfig(index, twoFields, "")),
			Check: func(*terraform.State) error {
				return env.WithoutFaults(func() error {
					f, stats := env.Emulator.Faulted(), env.Emulator.Stats()
					t.Logf("namespaces under faults: %d 5xx and %d 429 absorbed; %s", f["500"]+f["503"], f["429"], env.RequestSummary())
					if f["500"]+f["503"] == 0 || f["429"] == 0 {
						return fmt.Errorf("faults did not fire: %v", f)
					}
					if n := stats["POST /namespaces"]; n < 3 {
						return fmt.Errorf("%d namespace creates sent for 2 namespaces: the server error was not retried", n)
					}
					dp, err := env.Client.IndexDataPlane(env.Emulator.IndexHosts()[index])
					if err != nil {
						return err
					}
					list, err := dp.ListNamespaces(acctest.Ctx(), "")
					if err != nil {
						return err
					}
					if len(list) != 2 {
						return fmt.Errorf("namespaces %v, want prod and staging once each", list)
					}
					return nil
				})
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
	notes := acctest.WriteFile(t, t.TempDir(), "notes.txt", "Opening hours: 9 to 5.\n")
	const upsert = "PUT /assistant/files/{assistant_name}/{assistant_file_id}"
	fmDroppedCreate(t, env, env.Config(testAccAssistantConfig(assistant, "us", "")),
		env.Config(testAccAssistantConfig(assistant, "us", "")+fmt.Sprintf(`
resource "pinecone_assistant_file" "test" {
  assistant_name = pinecone_assistant.test.name
  source         = %q
}
`, notes)),
		upsert, "pinecone_assistant_file",
		func(*terraform.State) error {
			if sent := env.Emulator.Stats()[upsert]; sent != 2 {
				return fmt.Errorf("upserts sent = %d, want 2 (the dropped one and its retry)", sent)
			}
			return nil
		})
}

// Objects that end in a failed state: a clear error naming the object and
// the state, the object kept in state as tainted (so nothing is orphaned),
// and once Pinecone behaves the next apply replaces it.
func fmFailedStates(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	index, backupSource, assistant, fileAssistant := acctest.RandomName(), acctest.RandomName(), acctest.RandomName(), acctest.RandomName()
	notes := acctest.WriteFile(t, dir, "notes.txt", "Opening hours: 9 to 5.\n")
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
			err:    fmErr("Error waiting for Pinecone backup", `of index "`+backupSource+`"`, "is in state InitializationFailed"),
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
			acctest.ParallelTest(t, fmCheckDestroyed(t, env), []resource.TestStep{
				{Config: config, ExpectError: tc.err},
				{
					RefreshState:       true,
					ExpectNonEmptyPlan: true,
					Check:              resource.ComposeTestCheckFunc(acctest.CheckTainted(tc.addr), env.CheckInventoryMatchesState()),
				},
				{
					PreConfig:        func() { env.Emulator.SetFaults(emulator.Faults{}) },
					Config:           config,
					ConfigPlanChecks: acctest.PlanAction(tc.addr, plancheck.ResourceActionDestroyBeforeCreate),
					Check:            env.CheckInventoryMatchesState(),
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
	acctest.ParallelTest(t, fmCheckDestroyed(t, env), []resource.TestStep{
		fmOutOfBandStep(env, config, func(ctx context.Context) error {
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
		}),
		{
			Config: config,
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionCreate,
				plancheck.ExpectResourceAction(assistantAddr, plancheck.ResourceActionCreate),
			),
			Check: env.CheckInventoryMatchesState(),
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
	acctest.ParallelTest(t, fmCheckDestroyed(t, env), []resource.TestStep{
		fmOutOfBandStep(env, config, func(ctx context.Context) error {
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
		}),
		{
			Config: config,
			ConfigPlanChecks: acctest.PlanAction(indexAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("dev")})),
				plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("deletion_protection"), knownvalue.StringExact("disabled")),
				// tags_all is tags merged with the provider's default_tags (none here).
				plancheck.ExpectKnownValue(indexAddr, tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("dev")})),
				acctest.ExpectOnlyChanges(indexAddr, "tags", "tags_all", "deletion_protection"),

				plancheck.ExpectResourceAction(podAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(podAddr, tfjsonpath.New("spec").AtMapKey("pod").AtMapKey("replicas"), knownvalue.Int64Exact(1)),
				// pods is replicas × shards, so it follows.
				plancheck.ExpectKnownValue(podAddr, tfjsonpath.New("spec").AtMapKey("pod").AtMapKey("pods"), knownvalue.Int64Exact(1)),
				acctest.ExpectOnlyChanges(podAddr, "spec.pod.replicas", "spec.pod.pods"),

				plancheck.ExpectResourceAction(assistantAddr, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(assistantAddr, tfjsonpath.New("instructions"), knownvalue.StringExact("Answer briefly.")),
				// Pinecone sets updated_at on every update: unknown until then.
				plancheck.ExpectUnknownValue(assistantAddr, tfjsonpath.New("updated_at")),
				acctest.ExpectOnlyChanges(assistantAddr, "instructions", "updated_at"),
			),
			Check: resource.ComposeTestCheckFunc(
				env.CheckInventoryMatchesState(),
				func(*terraform.State) error {
					return env.WithoutFaults(func() error {
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
  max_retries     = 8`, timeout)) + fmIndexesConfig("slow", prefix, 3)
	acctest.ParallelTest(t, fmCheckDestroyed(t, env), []resource.TestStep{
		{
			Config: config,
			Check: resource.ComposeTestCheckFunc(
				func(*terraform.State) error {
					delayed := env.Emulator.Faulted()["delayed"]
					t.Logf("apply with %v latency on 30%% of requests and request_timeout %s: %d requests delayed (each one a timed-out attempt); %s",
						latency, timeout, delayed, env.RequestSummary())
					if delayed == 0 {
						return fmt.Errorf("no request was delayed: the fault never fired")
					}
					// The seed delays the first request, which is a create.
					if n := env.Emulator.Stats()["POST /indexes"]; n <= 3 {
						return fmt.Errorf("POST /indexes sent %d times for 3 indexes: no create attempt timed out and was retried", n)
					}
					return nil
				},
				acctest.CheckResourceCount("pinecone_index", 3),
				env.CheckInventoryMatchesState(),
			),
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
				provider = env.ProviderConfigWithKey("wrong-key")
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
					{RefreshState: true, ExpectNonEmptyPlan: true, Check: env.CheckInventoryMatchesState()},
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
			t.Logf("%s: POST /indexes sent %d time(s); %s; the diagnostic:\n%s", tc.name, stats["POST /indexes"], env.RequestSummary(), got)
		})
	}
}

// A create whose wait runs out of time: the index is kept in state as
// tainted, and exists exactly once.
func fmTimeoutWhileWaiting(t *testing.T) {
	env := acctest.New(t, emulator.Options{ReadyDelay: time.Hour})
	env.RequireEmulator(t)
	name := acctest.RandomName()
	acctest.ParallelTest(t, fmCheckDestroyed(t, env), []resource.TestStep{
		{
			Config:      env.Config(testAccIndexResourceConfig_serverless(name, 4, `timeouts = { create = "2s" }`)),
			ExpectError: fmErr(`gave up waiting for index "`+name+`"`, "last state: Initializing", "timeouts"),
		},
		{
			RefreshState:       true,
			ExpectNonEmptyPlan: true,
			Check: resource.ComposeTestCheckFunc(
				acctest.CheckTainted(indexAddr),
				acctest.CheckResourceCount("pinecone_index", 1),
				env.CheckInventoryMatchesState(),
				func(*terraform.State) error {
					if n := env.Emulator.Stats()["POST /indexes"]; n != 1 {
						return fmt.Errorf("POST /indexes sent %d times, want 1", n)
					}
					return nil
				},
			),
		},
	})
}

// fmIndexesConfig is count serverless indexes named prefix-0, prefix-1, …
// under one resource block.
func fmIndexesConfig(label, prefix string, count int) string {
	return fmt.Sprintf(`
resource "pinecone_index" %[1]q {
  count     = %[3]d
  name      = "%[2]s-${count.index}"
  dimension = 4
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
}
`, label, prefix, count)
}

// fmOutOfBandStep applies config, checks that the emulator holds what the
// state says, then makes change behind Terraform's back: the plan after it
// is not empty.
func fmOutOfBandStep(env *acctest.Env, config string, change func(ctx context.Context) error) resource.TestStep {
	return resource.TestStep{
		Config: config,
		Check: resource.ComposeTestCheckFunc(
			env.CheckInventoryMatchesState(),
			func(*terraform.State) error { return change(acctest.Ctx()) },
		),
		ExpectNonEmptyPlan: true,
	}
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
// Row checks. What the emulator holds against what the state says is
// compared by acctest (Env.CheckInventoryMatchesState, Env.CheckInventoryEmpty).

// fmCheckDestroyed is the CheckDestroy of every row: after the destroy the
// emulator holds nothing at all (it receives the state from before the
// destroy, whose objects must all be gone). It also logs the row's totals.
func fmCheckDestroyed(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		t.Logf("totals after destroy: %d 429s, %d 500s, %d 503s, %d dropped, %d delayed; %s",
			env.Emulator.Faulted()["429"], env.Emulator.Faulted()["500"], env.Emulator.Faulted()["503"],
			env.Emulator.Faulted()["dropped"], env.Emulator.Faulted()["delayed"], env.RequestSummary())
		return env.CheckInventoryEmpty()(s)
	}
}

// fmCheckDropped checks that exactly one create answer was dropped, so the
// row exercised what it claims to, and logs how many creates were sent.
func fmCheckDropped(t *testing.T, env *acctest.Env, route string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		dropped, sent := env.Emulator.Faulted()["dropped"], env.Emulator.Stats()[route]
		t.Logf("%d create answer dropped; %s sent %d times; %s", dropped, route, sent, env.RequestSummary())
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
