package provider_test

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
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
	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

const fileAddr = "pinecone_assistant_file.test"

// testAccAssistantHost is the data-plane host of an assistant, which its
// files are reached through.
func testAccAssistantHost(env *acctest.Env, assistant string) (*url.URL, error) {
	a, err := env.Client.DescribeAssistant(acctest.Ctx(), assistant)
	if err != nil {
		return nil, err
	}
	return client.AssistantHost(a)
}

// testAccCheckOneFile checks that the assistant holds exactly one file, the
// one in state.
func testAccCheckOneFile(env *acctest.Env, assistant string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		host, err := testAccAssistantHost(env, assistant)
		if err != nil {
			return err
		}
		files, err := env.Client.ListAssistantFiles(acctest.Ctx(), host, assistant, "")
		if err != nil {
			return err
		}
		want := s.RootModule().Resources[fileAddr].Primary.ID
		if len(files) != 1 || files[0].ID != want {
			return fmt.Errorf("assistant %s holds %+v, want exactly the file %s", assistant, files, want)
		}
		return nil
	}
}

func testAccAssistantFileConfig(assistant, source, metadata string) string {
	return testAccAssistantConfig(assistant, "us", "") + fmt.Sprintf(`
resource "pinecone_assistant_file" "test" {
  assistant_name = pinecone_assistant.test.name
  source         = %[1]q
  %[2]s
}

data "pinecone_assistant" "test" {
  name = pinecone_assistant.test.name
}

data "pinecone_assistants" "all" {
  depends_on = [pinecone_assistant.test]
}

data "pinecone_assistant_files" "faq" {
  assistant_name = pinecone_assistant.test.name
  filter         = jsonencode({ topic = "faq" })
  depends_on     = [pinecone_assistant_file.test]
}
`, source, metadata)
}

func TestAccAssistantFileResource_basic(t *testing.T) {
	env := acctest.New(t)
	dir := t.TempDir()
	assistant := acctest.RandomName()
	const faqV1, faqV2 = "Q: How do I reset my password?\nA: Use the link on the login page.\n", "Q: Where are invoices?\nA: Under Billing.\n"
	source := acctest.WriteFile(t, dir, "faq.txt", faqV1)
	// The file keeps its ID and creation time through every in-place update.
	sameFileID, sameCreatedOn := statecheck.CompareValue(compare.ValuesSame()), statecheck.CompareValue(compare.ValuesSame())
	acctest.ParallelTest(t, testAccCheckAssistantDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccAssistantFileConfig(assistant, source, `metadata = { topic = "faq" }`)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("status"), knownvalue.StringExact("Available")),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("name"), knownvalue.StringExact("faq.txt")),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("content_hash"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{64}$`))),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("size"), knownvalue.Int64Exact(int64(len(faqV1)))),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("file_id"), knownvalue.StringRegexp(regexp.MustCompile(`^faq-[0-9a-f]{12}$`))),
				statecheck.CompareValuePairs(fileAddr, tfjsonpath.New("id"), fileAddr, tfjsonpath.New("file_id"), compare.ValuesSame()),
				sameFileID.AddStateValue(fileAddr, tfjsonpath.New("file_id")),
				sameCreatedOn.AddStateValue(fileAddr, tfjsonpath.New("created_on")),
				statecheck.ExpectKnownValue("data.pinecone_assistant_files.faq", tfjsonpath.New("files"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.pinecone_assistant_files.faq", tfjsonpath.New("files").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("faq.txt")),
				statecheck.ExpectKnownValue("data.pinecone_assistant.test", tfjsonpath.New("host"), knownvalue.StringRegexp(regexp.MustCompile(`^https?://`))),
				statecheck.ExpectKnownValue("data.pinecone_assistants.all", tfjsonpath.New("assistants"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.pinecone_assistants.all", tfjsonpath.New("assistants").AtSliceIndex(0).AtMapKey("host"), knownvalue.StringRegexp(regexp.MustCompile(`^https?://`))),
			},
		},
		{
			ResourceName: fileAddr, ImportState: true, ImportStateId: "no-slash-here",
			ExpectError: regexp.MustCompile(`<assistant_name>/<file_id>`),
		},
		{
			ResourceName: fileAddr, ImportState: true, ImportStateVerify: true,
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return assistant + "/" + s.RootModule().Resources[fileAddr].Primary.ID, nil
			},
			// A local path and its hash cannot be read back from Pinecone.
			ImportStateVerifyIgnore: []string{"source", "content_hash"},
		},
		{
			// New content at the same path: uploaded again in place, same ID.
			PreConfig:        func() { acctest.WriteFile(t, dir, "faq.txt", faqV2) },
			Config:           env.Config(testAccAssistantFileConfig(assistant, source, `metadata = { topic = "faq" }`)),
			ConfigPlanChecks: acctest.PlanAction(fileAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("size"), knownvalue.Int64Exact(int64(len(faqV2)))),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("status"), knownvalue.StringExact("Available")),
				sameFileID.AddStateValue(fileAddr, tfjsonpath.New("file_id")),
				sameCreatedOn.AddStateValue(fileAddr, tfjsonpath.New("created_on")),
			},
		},
		{
			// Metadata changes are in place too, and the filter sees them.
			Config:           env.Config(testAccAssistantFileConfig(assistant, source, `metadata = { topic = "howto", tags = ["billing", "faq"] }`)),
			ConfigPlanChecks: acctest.PlanAction(fileAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pinecone_assistant_files.faq", tfjsonpath.New("files"), knownvalue.ListSizeExact(0)),
				sameFileID.AddStateValue(fileAddr, tfjsonpath.New("file_id")),
			},
			Check: testAccCheckOneFile(env, assistant),
		},
		{
			// Another ID is another file: replaced.
			Config:           env.Config(testAccAssistantFileConfig(assistant, source, `file_id = "faq_main"`)),
			ConfigPlanChecks: acctest.PlanAction(fileAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("id"), knownvalue.StringExact("faq_main")),
			},
			Check: testAccCheckOneFile(env, assistant),
		},
	})
}

func TestAccAssistantFileResource_disappears(t *testing.T) {
	env := acctest.New(t)
	assistant := acctest.RandomName()
	source := acctest.WriteFile(t, t.TempDir(), "notes.md", "# Notes\n")
	config := env.Config(testAccAssistantFileConfig(assistant, source, ""))
	acctest.ParallelTest(t, testAccCheckAssistantDestroy(env), acctest.DisappearsSteps(config, fileAddr, func(s *terraform.State) error {
		id := s.RootModule().Resources[fileAddr].Primary.ID
		host, err := testAccAssistantHost(env, assistant)
		if err != nil {
			return err
		}
		if _, err := env.Client.DeleteAssistantFile(acctest.Ctx(), host, assistant, id); err != nil {
			return err
		}
		return env.Client.WaitForAssistantFileDeleted(acctest.Ctx(), host, assistant, id)
	}))
}

func TestAccAssistantFileResource_processingFailedAndBadInput(t *testing.T) {
	env := acctest.New(t, emulator.Options{Faults: emulator.Faults{FailFiles: []string{"*"}}})
	env.RequireEmulator(t)
	dir := t.TempDir()
	assistant := acctest.RandomName()
	source := acctest.WriteFile(t, dir, "broken.pdf", "%PDF-1.4 not really")
	acctest.ParallelTest(t, testAccCheckAssistantDestroy(env), []resource.TestStep{
		{
			// A missing file fails the plan, not the apply.
			Config:      env.Config(testAccAssistantFileConfig(assistant, filepath.Join(dir, "missing.txt"), "")),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Cannot read the file to upload`),
		},
		{
			Config:      env.Config(testAccAssistantFileConfig(assistant, acctest.WriteFile(t, dir, "image.png", "png"), "")),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Unsupported file type`),
		},
		{
			Config:      env.Config(testAccAssistantFileConfig(assistant, acctest.WriteFile(t, dir, "big.txt", strings.Repeat("x", 10<<20+1)), "")),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)File too large.*at most 10 MB`),
		},
		{
			Config:      env.Config(testAccAssistantFileConfig(assistant, source, `metadata = { nested = { a = 1 } }`)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid file metadata.*must be flat`),
		},
		{
			// Pinecone's message from the failed operation reaches the user.
			Config:      env.Config(testAccAssistantFileConfig(assistant, source, "")),
			ExpectError: regexp.MustCompile(`(?s)Error processing file.*upsert_file\s+operation.*failed:\s+File\s+processing\s+failed:\s+broken.pdf`),
		},
		acctest.TaintedStep(fileAddr),
	})
}
