package provider_test

import (
	"fmt"
	"testing"
	"time"

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

const scheduleAddr = "pinecone_backup_schedule.test"

func testAccCheckBackupScheduleDestroy(env *acctest.Env) resource.TestCheckFunc {
	return acctest.CheckDestroyed("pinecone_backup_schedule", env.Client.DescribeBackupSchedule)
}

// testAccBackupScheduleConfig is an index with one schedule; extra goes
// into the configuration after them (data sources, outputs).
func testAccBackupScheduleConfig(index, frequency string, retention int, enabled bool, extra string) string {
	return testAccIndexResourceConfig_serverless(index, 8, "") + fmt.Sprintf(`
resource "pinecone_backup_schedule" "test" {
  index_name     = pinecone_index.test.name
  name           = "nightly"
  frequency      = %[1]q
  retention_days = %[2]d
  enabled        = %[3]t
}
%[4]s`, frequency, retention, enabled, extra)
}

// frozenScheduleEnv is an emulator whose clock moves only when a test says
// so: with a running test clock (an hour per reading) schedules would run
// all the time.
func frozenScheduleEnv(t *testing.T) (*acctest.Env, *acctest.Clock) {
	clock := acctest.NewClock()
	clock.Freeze()
	env := acctest.New(t, emulator.Options{Now: clock.Now})
	env.RequireEmulator(t) // the test moves the emulator's clock
	return env, clock
}

func TestAccBackupScheduleResource_basic(t *testing.T) {
	env, _ := frozenScheduleEnv(t)
	index := acctest.RandomName()
	var scheduleID string
	acctest.ParallelTest(t, testAccCheckBackupScheduleDestroy(env), []resource.TestStep{
		{
			Config: env.Config(testAccBackupScheduleConfig(index, "daily", 7, true, "")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("schedule_type"), knownvalue.StringExact("time-based")),
				statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("next_scheduled_run"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("index_id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("index_name"), knownvalue.StringExact(index)),
			},
			Check: func(s *terraform.State) error {
				scheduleID = s.RootModule().Resources[scheduleAddr].Primary.ID
				return nil
			},
		},
		acctest.ImportStep(scheduleAddr, ""),
		{
			Config:           env.Config(testAccBackupScheduleConfig(index, "weekly", 14, true, "")),
			ConfigPlanChecks: acctest.PlanAction(scheduleAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("frequency"), knownvalue.StringExact("weekly")),
				statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("retention_days"), knownvalue.Int64Exact(14)),
			},
		},
		{
			// Disabled: no next run, and the plan already says so.
			Config: env.Config(testAccBackupScheduleConfig(index, "weekly", 14, false, "")),
			ConfigPlanChecks: acctest.PlanAction(scheduleAddr, plancheck.ResourceActionUpdate,
				plancheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("next_scheduled_run"), knownvalue.Null())),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("next_scheduled_run"), knownvalue.Null()),
			},
		},
		{
			// Enabled again: a backup is taken right away, and runs are planned again.
			Config: env.Config(testAccBackupScheduleConfig(index, "weekly", 14, true, "")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("next_scheduled_run"), knownvalue.NotNull()),
			},
			Check: func(*terraform.State) error {
				made, err := scheduleBackups(env, scheduleID)
				if err != nil {
					return err
				}
				if len(made) != 1 {
					return fmt.Errorf("after re-enabling, the schedule made %d backups, want 1", len(made))
				}
				return nil
			},
		},
		{
			// Changed outside Terraform: the plan shows the drift.
			PreConfig: func() {
				retention := client.BackupRetention{ExpireAfterDays: 30}
				if _, err := env.Client.UpdateBackupSchedule(acctest.Ctx(), scheduleID, client.UpdateBackupScheduleRequest{Retention: &retention}); err != nil {
					t.Fatalf("changing the schedule outside Terraform: %v", err)
				}
			},
			Config: env.Config(testAccBackupScheduleConfig(index, "weekly", 14, true, "")),
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(scheduleAddr, plancheck.ResourceActionUpdate),
			}},
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		},
	})
}

// scheduleBackups lists the backups a schedule made (not its Scheduled
// entry for the next run).
func scheduleBackups(env *acctest.Env, scheduleID string) ([]client.BackupScheduleHistoryItem, error) {
	history, err := env.Client.ListBackupScheduleHistory(acctest.Ctx(), scheduleID)
	if err != nil {
		return nil, err
	}
	var made []client.BackupScheduleHistoryItem
	for _, h := range history {
		if h.Status != client.BackupScheduleStateScheduled {
			made = append(made, h)
		}
	}
	return made, nil
}

// TestAccBackupScheduleResource_runsOnTheClock moves the emulator's clock
// past two due times of a daily schedule: the history data source shows two
// backups and the schedule its next run a day after the second; five days
// later the first backups have expired (retention 3 days).
func TestAccBackupScheduleResource_runsOnTheClock(t *testing.T) {
	env, clock := frozenScheduleEnv(t)
	index := acctest.RandomName()
	history := `
data "pinecone_backup_schedule_history" "test" {
  schedule_id = pinecone_backup_schedule.test.id
}

output "made" {
  value = [for b in data.pinecone_backup_schedule_history.test.backups : b.name if b.status != "Scheduled"]
}
`
	config := env.Config(testAccBackupScheduleConfig(index, "daily", 3, true, history))
	var scheduleID string
	var firstRun time.Time
	var firstTwo []string
	acctest.ParallelTest(t, testAccCheckBackupScheduleDestroy(env), []resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("made", knownvalue.ListSizeExact(0)),
			},
			Check: func(s *terraform.State) error {
				attrs := s.RootModule().Resources[scheduleAddr].Primary.Attributes
				scheduleID = attrs["id"]
				var err error
				firstRun, err = time.Parse(time.RFC3339, attrs["next_scheduled_run"])
				return err
			},
		},
		{
			PreConfig: func() { clock.Advance(firstRun.Sub(clock.Now()) + 24*time.Hour + time.Minute) },
			Config:    config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("made", knownvalue.ListSizeExact(2)),
			},
			Check: func(s *terraform.State) error {
				next, err := time.Parse(time.RFC3339, s.RootModule().Resources[scheduleAddr].Primary.Attributes["next_scheduled_run"])
				if err != nil {
					return err
				}
				if want := firstRun.Add(48 * time.Hour); !next.Equal(want) {
					return fmt.Errorf("next_scheduled_run %s, want %s (two runs after %s)", next, want, firstRun)
				}
				made, err := scheduleBackups(env, scheduleID)
				if err != nil {
					return err
				}
				for _, b := range made {
					firstTwo = append(firstTwo, b.BackupID)
				}
				return nil
			},
		},
		{
			PreConfig: func() { clock.Advance(5 * 24 * time.Hour) },
			Config:    config,
			Check: func(*terraform.State) error {
				for _, id := range firstTwo {
					if _, err := env.Client.DescribeBackup(acctest.Ctx(), id); err == nil {
						return fmt.Errorf("backup %s is still there after its 3-day retention", id)
					}
				}
				made, err := scheduleBackups(env, scheduleID)
				if err != nil {
					return err
				}
				if len(made) == 0 || len(made) > 3 {
					return fmt.Errorf("history has %d backups, want 1 to 3 within the 3-day retention", len(made))
				}
				return nil
			},
		},
	})
}

func TestAccBackupScheduleResource_disappears(t *testing.T) {
	env, _ := frozenScheduleEnv(t)
	index := acctest.RandomName()
	acctest.ParallelTest(t, testAccCheckBackupScheduleDestroy(env), acctest.DisappearsSteps(
		env.Config(testAccBackupScheduleConfig(index, "daily", 7, true, "")), scheduleAddr,
		func(s *terraform.State) error {
			return env.Client.DeleteBackupSchedule(acctest.Ctx(), s.RootModule().Resources[scheduleAddr].Primary.ID)
		}))
}

// Data source pinecone_backup_schedules lists an index's schedules.
func TestAccBackupSchedulesDataSource(t *testing.T) {
	env, _ := frozenScheduleEnv(t)
	index := acctest.RandomName()
	config := env.Config(testAccBackupScheduleConfig(index, "monthly", 30, true, `
data "pinecone_backup_schedules" "test" {
  index_name = pinecone_backup_schedule.test.index_name
}
`))
	acctest.ParallelTest(t, testAccCheckBackupScheduleDestroy(env), []resource.TestStep{
		{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pinecone_backup_schedules.test", tfjsonpath.New("schedules"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.pinecone_backup_schedules.test", tfjsonpath.New("schedules").AtSliceIndex(0).AtMapKey("frequency"), knownvalue.StringExact("monthly")),
				statecheck.ExpectKnownValue("data.pinecone_backup_schedules.test", tfjsonpath.New("schedules").AtSliceIndex(0).AtMapKey("retention_days"), knownvalue.Int64Exact(30)),
			},
		},
	})
}

// Deleting an index deletes its schedules (Pinecone's backups overview): the
// schedule reads as gone and is planned again with the index.
func TestAccBackupScheduleResource_indexDeleted(t *testing.T) {
	env, _ := frozenScheduleEnv(t)
	index := acctest.RandomName()
	config := env.Config(testAccBackupScheduleConfig(index, "daily", 7, true, ""))
	acctest.ParallelTest(t, testAccCheckBackupScheduleDestroy(env), []resource.TestStep{
		{Config: config},
		{
			PreConfig: func() {
				if err := testAccDeleteIndexOutOfBand(env, index)(nil); err != nil {
					t.Fatalf("deleting the index outside Terraform: %v", err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(indexAddr, plancheck.ResourceActionCreate),
				plancheck.ExpectResourceAction(scheduleAddr, plancheck.ResourceActionCreate),
			}},
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		},
	})
}
