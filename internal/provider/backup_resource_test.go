package provider_test

import (
	"fmt"
	"regexp"
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

const backupAddr = "pinecone_backup.test"

// testAccCheckBackupDestroy asks the control plane that every backup and
// every index in state is gone.
func testAccCheckBackupDestroy(env *acctest.Env) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(
		acctest.CheckDestroyed("pinecone_backup", env.Client.DescribeBackup),
		testAccCheckIndexDestroy(env),
	)
}

func testAccBackupConfig(index, description string) string {
	return testAccIndexResourceConfig_serverless(index, 8, `tags = { env = "dev" }`) + fmt.Sprintf(`
resource "pinecone_backup" "test" {
  source_index_name = pinecone_index.test.name
  name              = "nightly"
  description       = %[1]q
}
`, description)
}

func TestAccBackupResource_basic(t *testing.T) {
	env := acctest.New(t)
	index := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckBackupDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccBackupConfig(index, "first")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
				statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("cloud"), knownvalue.StringExact("aws")),
				statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("region"), knownvalue.StringExact("us-east-1")),
				statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("dimension"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("metric"), knownvalue.StringExact("cosine")),
				statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("dev")})),
				statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
				statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("name"), knownvalue.StringExact("nightly")),
			},
		},
		acctest.ImportStep(backupAddr, ""),
		{
			// A backup cannot change: a new description is a new backup.
			Config:           env.Config(testAccBackupConfig(index, "second")),
			ConfigPlanChecks: acctest.PlanAction(backupAddr, plancheck.ResourceActionDestroyBeforeCreate),
		},
	})
}

func TestAccBackupResource_disappears(t *testing.T) {
	env := acctest.New(t)
	index := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckBackupDestroy(env), acctest.DisappearsSteps(env.Config(testAccBackupConfig(index, "d")), backupAddr, func(s *terraform.State) error {
		id := s.RootModule().Resources[backupAddr].Primary.ID
		if err := env.Client.DeleteBackup(acctest.Ctx(), id); err != nil {
			return err
		}
		return env.Client.WaitForBackupDeleted(acctest.Ctx(), id)
	}))
}

func TestAccBackupResource_failed(t *testing.T) {
	env := acctest.New(t, emulator.Options{Faults: emulator.Faults{FailBackups: []string{"*"}}})
	env.RequireEmulator(t)
	index := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckBackupDestroy(env), []resource.TestStep{
		{
			Config:      env.Config(testAccBackupConfig(index, "f")),
			ExpectError: regexp.MustCompile(`(?s)Error waiting for Pinecone backup.*Failed`),
		},
		acctest.TaintedStep(backupAddr),
	})
}

// testAccRestoredIndexConfig restores pinecone_backup.test into a new index.
func testAccRestoredIndexConfig(name, extra string) string {
	return fmt.Sprintf(`
resource "pinecone_index" "restored" {
  name             = %[1]q
  source_backup_id = pinecone_backup.test.id
  spec = {
    serverless = { cloud = "aws", region = "us-east-1" }
  }
  %[2]s
}
`, name, extra)
}

func TestAccIndexResource_fromBackup(t *testing.T) {
	env := acctest.New(t)
	index, restored := acctest.RandomName(), acctest.RandomName()
	base := testAccBackupConfig(index, "for restore")
	restoredAddr := "pinecone_index.restored"
	acctest.ParallelTest(t, testAccCheckBackupDestroy(env), []resource.TestStep{
		{Config: env.Config(base)},
		{
			// The backup exists, so the plan already shows what the index gets from it.
			Config: env.Config(base + testAccRestoredIndexConfig(restored, `tags = { restored = "yes" }`) + `
data "pinecone_restore_job" "job" {
  id = pinecone_index.restored.restore_job_id
}
data "pinecone_restore_jobs" "all" {
  depends_on = [pinecone_index.restored]
}
data "pinecone_backups" "of_index" {
  index_name = pinecone_index.test.name
  depends_on = [pinecone_backup.test]
}
data "pinecone_backups" "all" {
  depends_on = [pinecone_backup.test]
}
data "pinecone_backup" "one" {
  id = pinecone_backup.test.id
}
`),
			ConfigPlanChecks: acctest.PlanAction(restoredAddr, plancheck.ResourceActionCreate,
				plancheck.ExpectKnownValue(restoredAddr, tfjsonpath.New("dimension"), knownvalue.Int64Exact(8)),
				plancheck.ExpectKnownValue(restoredAddr, tfjsonpath.New("metric"), knownvalue.StringExact("cosine")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(restoredAddr, tfjsonpath.New("restore_job_id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(restoredAddr, tfjsonpath.New("status").AtMapKey("state"), knownvalue.StringExact("Ready")),
				statecheck.ExpectKnownValue(restoredAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"restored": knownvalue.StringExact("yes")})),
				statecheck.ExpectKnownValue("data.pinecone_restore_job.job", tfjsonpath.New("status"), knownvalue.StringExact("Completed")),
				statecheck.ExpectKnownValue("data.pinecone_restore_job.job", tfjsonpath.New("target_index_name"), knownvalue.StringExact(restored)),
				statecheck.ExpectKnownValue("data.pinecone_restore_job.job", tfjsonpath.New("percent_complete"), knownvalue.Float64Exact(100)),
				statecheck.ExpectKnownValue("data.pinecone_restore_jobs.all", tfjsonpath.New("restore_jobs"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.pinecone_backups.of_index", tfjsonpath.New("backups"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.pinecone_backups.of_index", tfjsonpath.New("backups").AtSliceIndex(0).AtMapKey("description"), knownvalue.StringExact("for restore")),
				statecheck.ExpectKnownValue("data.pinecone_backups.all", tfjsonpath.New("id"), knownvalue.StringExact("pinecone_backups")),
				statecheck.ExpectKnownValue("data.pinecone_backups.all", tfjsonpath.New("backups"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.pinecone_backup.one", tfjsonpath.New("status"), knownvalue.StringExact("Ready")),
				statecheck.ExpectKnownValue("data.pinecone_backup.one", tfjsonpath.New("source_index_name"), knownvalue.StringExact(index)),
				statecheck.CompareValuePairs("data.pinecone_backup.one", tfjsonpath.New("id"), backupAddr, tfjsonpath.New("id"), compare.ValuesSame()),
			},
		},
		{Config: env.Config(base + testAccRestoredIndexConfig(restored, `tags = { restored = "yes" }`))},
		// Pinecone does not report where an index came from.
		acctest.ImportStep(restoredAddr, restored, "source_backup_id", "restore_job_id"),
		{
			// Configuration that contradicts the backup fails at plan time.
			Config:      env.Config(base + testAccRestoredIndexConfig(acctest.RandomName(), "dimension = 16")),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)contradicts the backup.*dimension\s+is\s+8`),
		},
	})
}

// Deleting a backup while an index is still being restored from it gets
// Pinecone's 412 explained.
func TestAccBackupResource_pendingRestoreBlocksDelete(t *testing.T) {
	clock := acctest.NewClock()
	env := acctest.New(t, emulator.Options{ReadyDelay: acctest.ClockStep, Now: clock.Now})
	env.RequireEmulator(t)
	index, restored := acctest.RandomName(), acctest.RandomName()
	keepIndex := env.Config(testAccIndexResourceConfig_serverless(index, 8, ""))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckBackupDestroy(env),
		Steps: []resource.TestStep{
			{Config: env.Config(testAccBackupConfig(index, "pending"))},
			{
				PreConfig: func() {
					clock.Freeze()
					backups, err := env.Client.ListIndexBackups(acctest.Ctx(), index)
					if err != nil || len(backups) != 1 {
						t.Fatalf("listing backups: %v (%d)", err, len(backups))
					}
					if _, err := env.Client.CreateIndexFromBackup(acctest.Ctx(), backups[0].BackupID, client.CreateIndexFromBackupRequest{Name: restored}); err != nil {
						t.Fatalf("starting a restore: %v", err)
					}
				},
				Config:      keepIndex,
				ExpectError: regexp.MustCompile(`(?s)backup cannot be deleted yet.*restore job`),
			},
			{
				PreConfig: func() {
					clock.Resume()
					if _, err := env.Client.WaitForIndexReady(acctest.Ctx(), restored); err != nil {
						t.Fatalf("waiting for the restore: %v", err)
					}
					if err := env.Client.DeleteIndex(acctest.Ctx(), restored); err != nil {
						t.Fatalf("deleting the restored index: %v", err)
					}
				},
				Config: keepIndex,
			},
		},
	})
}
