package client

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"
)

// scheduleJSON is a BackupScheduleResponse as the 2026-07 reference shows it.
const scheduleJSON = `{"schedule_id":"e88f7273-42aa-47e9-af73-593827136867","name":"nightly",` +
	`"index_id":"8cbf7ba6-4135-438e-a3c3-4a89a3298905","project_id":"71ce31ea-75f7-45d6-a147-ef67f661a1b0",` +
	`"schedule_type":"time-based","frequency":"daily","retention_expire_after_days":7,"enabled":true,` +
	`"next_scheduled_run":"2026-04-03T06:00:00Z","created_at":"2026-04-02T18:22:56Z"}`

func TestBackupScheduleCallsSendPathsBodiesAndVersion(t *testing.T) {
	enabled := false
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		answer                   string
		call                     func(c *Client) error
	}{
		{"create", http.MethodPost, "/indexes/docs/backup-schedules",
			`{"name":"nightly","schedule":{"type":"time-based","frequency":"daily"},"retention":{"expire_after_days":7}}`, 201, scheduleJSON,
			func(c *Client) error {
				_, err := c.CreateBackupSchedule(t.Context(), "docs", CreateBackupScheduleRequest{Name: "nightly",
					Schedule: BackupScheduleSpec{Type: ScheduleTypeTimeBased, Frequency: FrequencyDaily}, Retention: BackupRetention{ExpireAfterDays: 7}})
				return err
			}},
		{"describe", http.MethodGet, "/backup-schedules/s-1", "", 200, scheduleJSON,
			func(c *Client) error { _, err := c.DescribeBackupSchedule(t.Context(), "s-1"); return err }},
		{"update", http.MethodPatch, "/backup-schedules/s-1", `{"enabled":false}`, 200, scheduleJSON,
			func(c *Client) error {
				_, err := c.UpdateBackupSchedule(t.Context(), "s-1", UpdateBackupScheduleRequest{Enabled: &enabled})
				return err
			}},
		{"delete", http.MethodDelete, "/backup-schedules/s-1", "", 202, "",
			func(c *Client) error { return c.DeleteBackupSchedule(t.Context(), "s-1") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, tc.status, tc.answer) })
			if err := tc.call(newTestClient(t, api.URL())); err != nil {
				t.Fatal(err)
			}
			r := api.only(t)
			if r.Method != tc.method || r.Path != tc.path || string(r.Body) != tc.body {
				t.Errorf("sent %s %s %s, want %s %s %s", r.Method, r.Path, r.Body, tc.method, tc.path, tc.body)
			}
			if v := r.Header.Get(headerAPIVersion); v != "2026-07" {
				t.Errorf("version %q, want 2026-07", v)
			}
		})
	}
}

func TestDescribeBackupScheduleDecodes(t *testing.T) {
	disabled := `{"schedule_id":"s-1","name":"n","index_id":"i","project_id":"p","schedule_type":"time-based",` +
		`"frequency":"weekly","retention_expire_after_days":30,"enabled":false,"next_scheduled_run":null,"created_at":"2026-04-02T18:22:56Z"}`
	api := newFakeAPI(t, sequence(scheduleJSON, disabled))
	c := newTestClient(t, api.URL())
	s, err := c.DescribeBackupSchedule(t.Context(), "s-1")
	if err != nil {
		t.Fatal(err)
	}
	if s.Frequency != FrequencyDaily || s.RetentionExpireAfterDays != 7 || !s.Enabled || s.NextScheduledRun == nil ||
		*s.NextScheduledRun != "2026-04-03T06:00:00Z" || s.IndexID != "8cbf7ba6-4135-438e-a3c3-4a89a3298905" {
		t.Errorf("schedule = %+v", s)
	}
	s, err = c.DescribeBackupSchedule(t.Context(), "s-1")
	if err != nil {
		t.Fatal(err)
	}
	if s.Enabled || s.NextScheduledRun != nil {
		t.Errorf("disabled schedule = %+v, want next_scheduled_run nil", s)
	}
}

func TestBackupScheduleListsFollowPagination(t *testing.T) {
	page1 := `{"data":[` + scheduleJSON + `],"pagination":{"next":"t2"}}`
	page2 := `{"data":[` + scheduleJSON + `],"pagination":null}`
	api := newFakeAPI(t, sequence(page1, page2))
	list, err := newTestClient(t, api.URL()).ListBackupSchedules(t.Context(), "docs")
	if err != nil || len(list) != 2 {
		t.Fatalf("list = %v, %v; want 2 schedules", list, err)
	}
	reqs := api.requests()
	if reqs[0].Path != "/indexes/docs/backup-schedules" || reqs[1].RawQuery == "" {
		t.Errorf("requests %+v", reqs)
	}

	item := map[string]any{"backup_id": "b1", "source_index_id": "i", "source_index_name": "docs", "name": "nightly-20260403T060000Z",
		"status": "Ready", "cloud": "aws", "region": "us-east-1", "created_at": "2026-04-03T06:00:00Z", "description": nil}
	scheduled := map[string]any{"backup_id": "b2", "source_index_id": "i", "source_index_name": "docs", "name": "nightly-20260404T060000Z",
		"status": "Scheduled", "cloud": "aws", "region": "us-east-1", "created_at": "2026-04-03T06:00:00Z", "scheduled_execution_at": "2026-04-04T06:00:00Z"}
	body, _ := json.Marshal(map[string]any{"data": []any{scheduled, item}, "pagination": nil})
	hist := newFakeAPI(t, sequence(string(body)))
	history, err := newTestClient(t, hist.URL()).ListBackupScheduleHistory(t.Context(), "s-1")
	if err != nil || len(history) != 2 {
		t.Fatalf("history = %v, %v", history, err)
	}
	if history[0].Status != BackupScheduleStateScheduled || history[0].ScheduledExecutionAt != "2026-04-04T06:00:00Z" ||
		history[1].Name != "nightly-20260403T060000Z" || history[1].Description != nil {
		t.Errorf("history = %+v", history)
	}
	if p := hist.only(t).Path; p != "/backup-schedules/s-1/history" {
		t.Errorf("history path %s", p)
	}
}

func TestBackupScheduleErrorsAreTyped(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		reply(w, 409, pineconeError(409, "ALREADY_EXISTS", "Index docs already has an active backup schedule."))
	})
	_, err := newTestClient(t, api.URL()).CreateBackupSchedule(t.Context(), "docs", CreateBackupScheduleRequest{Name: "n"})
	var apiErr *APIError
	if !errors.Is(err, ErrAlreadyExists) || !errors.As(err, &apiErr) || apiErr.Status != 409 {
		t.Errorf("err = %v, want a 409 APIError", err)
	}
	if api.count() != 1 {
		t.Errorf("create sent %d times; a schedule create is not retry-safe", api.count())
	}
}

// A client pinned to 2026-04 for everything else still reaches schedules,
// which exist only in 2026-07.
func TestBackupSchedulesSendTheirVersionFromAnOlderClient(t *testing.T) {
	api := newFakeAPI(t, sequence(scheduleJSON))
	c := newTestClient(t, api.URL(), func(o *Options) { o.APIVersion = "2026-04" })
	if _, err := c.DescribeBackupSchedule(t.Context(), "s-1"); err != nil {
		t.Fatal(err)
	}
	if v := api.only(t).Header.Get(headerAPIVersion); v != "2026-07" {
		t.Errorf("version %q, want 2026-07", v)
	}
}
