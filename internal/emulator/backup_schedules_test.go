package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// Backup schedules (API 2026-07). The clock of newEnv starts at
// 2026-03-01T12:00:00Z, so a new schedule's first run is
// 2026-03-02T06:00:00Z.

const scheduleNightly = `{"name":"nightly","schedule":{"type":"time-based","frequency":"daily"},"retention":{"expire_after_days":7}}`

func scheduleBody(name, frequency string, days int) string {
	return fmt.Sprintf(`{"name":%q,"schedule":{"type":"time-based","frequency":%q},"retention":{"expire_after_days":%d}}`,
		name, frequency, days)
}

// v7 sends a request with X-Pinecone-Api-Version: 2026-07.
func (e *testEnv) v7(method, path, body string) response {
	e.t.Helper()
	return e.at(apiVersion2026_07, method, path, body)
}

// newSchedule creates a schedule on index and returns its id.
func (e *testEnv) newSchedule(index, body string) string {
	e.t.Helper()
	b := e.v7("POST", "/indexes/"+index+"/backup-schedules", body).must(e.t, http.StatusOK)
	id, _ := b["schedule_id"].(string)
	if !uuidRe.MatchString(id) {
		e.t.Fatalf("schedule_id = %q, want a UUID", id)
	}
	return id
}

// backupNames lists the names in a 2026-07 backup list (one page of 100).
func (e *testEnv) backupNames(path string) []string {
	e.t.Helper()
	names := ids(e.t, e.v7("GET", path, "").must(e.t, http.StatusOK), "name")
	slices.Sort(names)
	return names
}

// history returns the rows of a schedule's history (one page).
func (e *testEnv) history(id, query string) map[string]any {
	e.t.Helper()
	return e.v7("GET", "/backup-schedules/"+id+"/history"+query, "").must(e.t, http.StatusOK)
}

func historyRows(t *testing.T, body map[string]any) []map[string]any {
	t.Helper()
	data, ok := body["data"].([]any)
	if !ok {
		t.Fatalf("no data array in %v", body)
	}
	out := make([]map[string]any, 0, len(data))
	for _, d := range data {
		out = append(out, d.(map[string]any))
	}
	return out
}

// indexID reads the id of a serverless index from a manual backup of it.
func (e *testEnv) indexID(index string) string {
	e.t.Helper()
	b := e.do("POST", "/indexes/"+index+"/backups", `{}`).must(e.t, http.StatusOK)
	e.do("DELETE", "/backups/"+b["backup_id"].(string), "").must(e.t, http.StatusAccepted)
	return b["source_index_id"].(string)
}

func TestBackupScheduleCRUD(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	indexID := e.indexID("s")

	r := e.v7("POST", "/indexes/s/backup-schedules", scheduleNightly)
	created := r.must(t, http.StatusOK)
	id := created["schedule_id"].(string)
	want := map[string]any{
		"schedule_id":                 id,
		"name":                        "nightly",
		"index_id":                    indexID,
		"project_id":                  e.srv.DefaultProjectID(),
		"schedule_type":               "time-based",
		"frequency":                   "daily",
		"retention_expire_after_days": 7,
		"enabled":                     true,
		"next_scheduled_run":          "2026-03-02T06:00:00Z",
		"created_at":                  "2026-03-01T12:00:00.000Z",
	}
	if !jsonEqual(created, want) {
		t.Errorf("create = %s\nwant %v", r.raw, want)
	}
	wantOrder := []string{"schedule_id", "name", "index_id", "project_id", "schedule_type", "frequency",
		"retention_expire_after_days", "enabled", "next_scheduled_run", "created_at"}
	if got := keyOrder(t, r.raw); !slices.Equal(got, wantOrder) {
		t.Errorf("key order = %v, want %v", got, wantOrder)
	}

	if got := e.v7("GET", "/backup-schedules/"+id, "").must(t, http.StatusOK); !jsonEqual(got, want) {
		t.Errorf("describe = %v, want %v", got, want)
	}
	list := e.v7("GET", "/indexes/s/backup-schedules", "").must(t, http.StatusOK)
	if !jsonEqual(list, map[string]any{"data": []any{want}, "pagination": nil}) {
		t.Errorf("list = %v", list)
	}

	del := e.v7("DELETE", "/backup-schedules/"+id, "")
	del.must(t, http.StatusNoContent)
	if del.raw != "" {
		t.Errorf("DELETE body = %q, want none", del.raw)
	}
	e.v7("GET", "/backup-schedules/"+id, "").wantError(t, http.StatusNotFound, codeNotFound, "Backup schedule not found.")
	e.v7("DELETE", "/backup-schedules/"+id, "").wantError(t, http.StatusNotFound, codeNotFound, "Backup schedule not found.")
	e.v7("PATCH", "/backup-schedules/"+id, `{}`).wantError(t, http.StatusNotFound, codeNotFound, "Backup schedule not found.")
	e.v7("GET", "/backup-schedules/"+id+"/history", "").wantError(t, http.StatusNotFound, codeNotFound, "Backup schedule not found.")
	if got := strings.TrimSpace(e.v7("GET", "/indexes/s/backup-schedules", "").raw); got != `{"data":[],"pagination":null}` {
		t.Errorf("empty list = %s", got)
	}
}

func TestBackupScheduleCreateValidation(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	cases := []struct {
		index, body string
		status      int
		code, msg   string
	}{
		{"s", `{`, 422, codeUnprocessable, "Failed to deserialize the JSON body"},
		{"s", `{"schedule":{"type":"time-based","frequency":"daily"},"retention":{"expire_after_days":7}}`, 422, codeUnprocessable, "missing field `name`"},
		{"s", `{"name":"n","retention":{"expire_after_days":7}}`, 422, codeUnprocessable, "missing field `schedule`"},
		{"s", `{"name":"n","schedule":{"type":"time-based","frequency":"daily"}}`, 422, codeUnprocessable, "missing field `retention`"},
		{"s", `{"name":"n","schedule":{"frequency":"daily"},"retention":{"expire_after_days":7}}`, 422, codeUnprocessable, "missing field `type`"},
		{"s", `{"name":"n","schedule":{"type":"time-based"},"retention":{"expire_after_days":7}}`, 422, codeUnprocessable, "missing field `frequency`"},
		{"s", `{"name":"n","schedule":{"type":"time-based","frequency":"daily"},"retention":{}}`, 422, codeUnprocessable, "missing field `expire_after_days`"},
		{"s", `{"name":"n","schedule":{"type":"time-based","frequency":"daily"},"retention":{"expire_after_days":"7"}}`, 422, codeUnprocessable, "expected an integer"},
		{"s", `{"name":"n","schedule":{"type":"time-based","frequency":"daily"},"retention":{"expire_after_days":1.5}}`, 422, codeUnprocessable, "expected an integer"},
		{"s", `{"name":7,"schedule":{"type":"time-based","frequency":"daily"},"retention":{"expire_after_days":7}}`, 422, codeUnprocessable, "expected a string"},
		{"s", scheduleBody("", "daily", 7), 400, codeInvalidArgument, "Backup schedule name must be between 1 and 45 characters long."},
		{"s", scheduleBody("Nightly_Backup", "daily", 7), 400, codeInvalidArgument, "Backup schedule name must contain only lowercase alphanumeric characters or hyphens"},
		{"s", `{"name":"n","schedule":{"type":"cron","frequency":"daily"},"retention":{"expire_after_days":7}}`, 400, codeInvalidArgument, `Invalid schedule.type "cron". Only "time-based" schedules are supported.`},
		{"s", scheduleBody("n", "hourly", 7), 400, codeInvalidArgument, `Invalid schedule.frequency "hourly". Must be one of: daily, weekly, monthly.`},
		{"s", scheduleBody("n", "Daily", 7), 400, codeInvalidArgument, `Invalid schedule.frequency "Daily"`},
		{"s", scheduleBody("n", "daily", 0), 400, codeInvalidArgument, "Invalid retention.expire_after_days 0: must be between 1 and 365."},
		{"s", scheduleBody("n", "daily", -3), 400, codeInvalidArgument, "Invalid retention.expire_after_days -3"},
		{"s", scheduleBody("n", "daily", 366), 400, codeInvalidArgument, "Invalid retention.expire_after_days 366: must be between 1 and 365."},
		{"nope", scheduleNightly, 404, codeNotFound, "Index nope not found."},
		{"p", scheduleNightly, 400, codeInvalidArgument, "Backup schedules are supported for serverless and BYOC indexes only. Index p is a pod-based index."},
	}
	for _, c := range cases {
		e.v7("POST", "/indexes/"+c.index+"/backup-schedules", c.body).wantError(t, c.status, c.code, c.msg)
	}
	// A bad body is reported before an unknown index.
	e.v7("POST", "/indexes/nope/backup-schedules", scheduleBody("n", "daily", 0)).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, "expire_after_days")
	// The bounds themselves are accepted (two indexes: one enabled schedule each).
	e.newSchedule("s", scheduleBody("n", "monthly", 365))
	e.do("POST", "/indexes", `{"dimension":3,"name":"s2","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	e.newSchedule("s2", scheduleBody("n", "weekly", 1))
	// A Terminating index takes no new schedule.
	e.do("DELETE", "/indexes/s2", "").must(t, http.StatusAccepted)
	e.v7("POST", "/indexes/s2/backup-schedules", scheduleNightly).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, "Index s2 is being deleted")
}

func TestBackupScheduleUpdateValidation(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.newSchedule("s", scheduleNightly)
	path := "/backup-schedules/" + id
	cases := []struct {
		body      string
		status    int
		code, msg string
	}{
		{`[`, 422, codeUnprocessable, "Failed to deserialize the JSON body"},
		{`{"retention":{}}`, 422, codeUnprocessable, "missing field `expire_after_days`"},
		{`{"enabled":"yes"}`, 422, codeUnprocessable, "expected a boolean"},
		{`{"frequency":"yearly"}`, 400, codeInvalidArgument, `Invalid frequency "yearly". Must be one of: daily, weekly, monthly.`},
		{`{"retention":{"expire_after_days":0}}`, 400, codeInvalidArgument, "Invalid retention.expire_after_days 0: must be between 1 and 365."},
		{`{"retention":{"expire_after_days":1000}}`, 400, codeInvalidArgument, "must be between 1 and 365"},
	}
	for _, c := range cases {
		e.v7("PATCH", path, c.body).wantError(t, c.status, c.code, c.msg)
	}
	e.v7("PATCH", "/backup-schedules/nope", `{"enabled":false}`).wantError(t, http.StatusNotFound, codeNotFound, "Backup schedule not found.")
	// Nothing changed; null and absent fields leave the schedule as it is.
	got := e.v7("PATCH", path, `{"frequency":null,"retention":null,"enabled":null}`).must(t, http.StatusOK)
	wantField(t, got, "daily", "frequency")
	wantField(t, got, 7, "retention_expire_after_days")
	wantField(t, got, true, "enabled")
	wantField(t, got, "2026-03-02T06:00:00Z", "next_scheduled_run")
	got = e.v7("PATCH", path, `{"frequency":"weekly","retention":{"expire_after_days":30}}`).must(t, http.StatusOK)
	wantField(t, got, "weekly", "frequency")
	wantField(t, got, 30, "retention_expire_after_days")
	wantField(t, got, "2026-03-02T06:00:00Z", "next_scheduled_run") // the planned run keeps its time
}

// Each index has at most one enabled schedule (docs create_backup_schedule:
// "Each index supports one active schedule at a time"; the spec's 409).
func TestBackupScheduleOneEnabledPerIndex(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	first := e.newSchedule("s", scheduleNightly)
	e.v7("POST", "/indexes/s/backup-schedules", scheduleBody("other", "weekly", 3)).
		wantError(t, http.StatusConflict, codeAlreadyExists, "This index already has an enabled backup schedule. Disable or delete it first.")

	e.v7("PATCH", "/backup-schedules/"+first, `{"enabled":false}`).must(t, http.StatusOK)
	e.clock.Advance(time.Second) // the list is ordered by creation time
	second := e.newSchedule("s", scheduleBody("other", "weekly", 3))
	e.v7("PATCH", "/backup-schedules/"+first, `{"enabled":true}`).
		wantError(t, http.StatusConflict, codeAlreadyExists, "This index already has an enabled backup schedule.")
	e.v7("PATCH", "/backup-schedules/"+second, `{"enabled":true}`).must(t, http.StatusOK) // already enabled: no conflict with itself

	if got := ids(t, e.v7("GET", "/indexes/s/backup-schedules", "").must(t, http.StatusOK), "schedule_id"); !slices.Equal(got, []string{first, second}) {
		t.Errorf("list = %v, want oldest first %v", got, []string{first, second})
	}
	e.v7("DELETE", "/backup-schedules/"+second, "").must(t, http.StatusNoContent)
	e.v7("PATCH", "/backup-schedules/"+first, `{"enabled":true}`).must(t, http.StatusOK)
}

// A daily schedule takes a backup at each due time the clock passes.
func TestBackupScheduleRunsAtDueTimes(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: time.Hour})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.newSchedule("s", scheduleNightly)

	e.clock.Advance(18*time.Hour - time.Second) // 05:59:59, nothing due yet
	if got := e.backupNames("/backups"); len(got) != 0 {
		t.Fatalf("backups before the first due time = %v", got)
	}
	e.clock.Advance(24*time.Hour + time.Second + 30*time.Minute) // 2026-03-03T06:30: two runs due
	want := []string{"nightly-20260302T060000Z", "nightly-20260303T060000Z"}
	if got := e.backupNames("/backups"); !slices.Equal(got, want) {
		t.Fatalf("backups = %v, want %v", got, want)
	}
	if got := e.backupNames("/indexes/s/backups"); !slices.Equal(got, want) {
		t.Errorf("index backups = %v, want %v", got, want)
	}
	wantField(t, e.v7("GET", "/backup-schedules/"+id, "").must(t, http.StatusOK), "2026-03-04T06:00:00Z", "next_scheduled_run")

	rows := historyRows(t, e.history(id, ""))
	if len(rows) != 3 {
		t.Fatalf("history has %d rows, want 3: %v", len(rows), rows)
	}
	wantRow := func(row map[string]any, name, status, createdAt string) {
		t.Helper()
		wantField(t, row, name, "name")
		wantField(t, row, status, "status")
		wantField(t, row, createdAt, "created_at")
	}
	wantRow(rows[0], "nightly-20260304T060000Z", "Scheduled", "2026-03-03T06:00:00.000Z")
	wantField(t, rows[0], "2026-03-04T06:00:00Z", "scheduled_execution_at")
	wantRow(rows[1], "nightly-20260303T060000Z", "Initializing", "2026-03-03T06:00:00.000Z")
	wantRow(rows[2], "nightly-20260302T060000Z", "Ready", "2026-03-02T06:00:00.000Z")
	for _, row := range rows[:2] {
		for _, k := range []string{"record_count", "namespace_count", "size_bytes", "description", "tags"} {
			if !has(row, k) || row[k] != nil {
				t.Errorf("%s row: %s = %v, want null", row["status"], k, row[k])
			}
		}
	}
	wantField(t, rows[2], 0, "record_count")
	if has(rows[1], "scheduled_execution_at") || has(rows[2], "scheduled_execution_at") {
		t.Errorf("scheduled_execution_at on a taken backup: %v", rows[1:])
	}

	// A taken backup is an ordinary backup: describe, then delete.
	backupID := rows[1]["backup_id"].(string)
	b := e.v7("GET", "/backups/"+backupID, "").must(t, http.StatusOK)
	wantField(t, b, "nightly-20260303T060000Z", "name")
	wantField(t, b, "2026-03-03T06:00:00.000Z", "created_at")
	e.clock.Advance(30 * time.Minute) // the second backup's ReadyDelay is over
	wantField(t, e.v7("GET", "/backups/"+backupID, "").must(t, http.StatusOK), "Ready", "status")
	e.v7("DELETE", "/backups/"+backupID, "").must(t, http.StatusAccepted)
	if n := len(historyRows(t, e.history(id, ""))); n != 2 {
		t.Errorf("history after a delete has %d rows, want 2", n)
	}
}

// The Scheduled row announces the id its backup will get.
func TestBackupScheduleScheduledRowBecomesBackup(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.newSchedule("s", scheduleNightly)
	rows := historyRows(t, e.history(id, ""))
	if len(rows) != 1 {
		t.Fatalf("history of a new schedule = %v, want one Scheduled row", rows)
	}
	wantField(t, rows[0], "Scheduled", "status")
	wantField(t, rows[0], "2026-03-01T12:00:00.000Z", "created_at")
	wantField(t, rows[0], "nightly-20260302T060000Z", "name")
	wantField(t, rows[0], "s", "source_index_name")
	wantField(t, rows[0], "dense_vector", "schema", "fields", "_values", "type")
	if got := e.v7("GET", "/backups/"+rows[0]["backup_id"].(string), ""); got.status != http.StatusNotFound {
		t.Errorf("describe of a Scheduled row = %d, want 404 (it is not a backup yet)", got.status)
	}
	e.clock.Advance(18 * time.Hour)
	b := e.v7("GET", "/backups/"+rows[0]["backup_id"].(string), "").must(t, http.StatusOK)
	wantField(t, b, "nightly-20260302T060000Z", "name")
}

func TestBackupScheduleWeeklyAndMonthly(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.newSchedule("s", scheduleBody("weekly", "weekly", 30))
	e.clock.Advance(16 * 24 * time.Hour) // 2026-03-17T12:00: runs on 03-02, 03-09, 03-16
	want := []string{"weekly-20260302T060000Z", "weekly-20260309T060000Z", "weekly-20260316T060000Z"}
	if got := e.backupNames("/backups"); !slices.Equal(got, want) {
		t.Errorf("weekly backups = %v, want %v", got, want)
	}
	wantField(t, e.v7("GET", "/backup-schedules/"+id, "").must(t, http.StatusOK), "2026-03-23T06:00:00Z", "next_scheduled_run")

	// Switching to monthly keeps the planned run, then goes by calendar month.
	got := e.v7("PATCH", "/backup-schedules/"+id, `{"frequency":"monthly","retention":{"expire_after_days":365}}`).must(t, http.StatusOK)
	wantField(t, got, "2026-03-23T06:00:00Z", "next_scheduled_run")
	e.clock.Advance(40 * 24 * time.Hour) // 2026-04-26
	wantField(t, e.v7("GET", "/backup-schedules/"+id, "").must(t, http.StatusOK), "2026-05-23T06:00:00Z", "next_scheduled_run")
	if got := e.backupNames("/backups"); !slices.Contains(got, "weekly-20260323T060000Z") || !slices.Contains(got, "weekly-20260423T060000Z") || len(got) != 5 {
		t.Errorf("backups after the switch = %v", got)
	}
}

func TestBackupScheduleCalendar(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for created, first := range map[string]string{
		"2026-04-02T18:22:56Z": "2026-04-03T06:00:00Z", // the spec's example
		"2026-04-23T16:36:51Z": "2026-04-24T06:00:00Z", // the docs' example
		"2026-04-23T05:59:59Z": "2026-04-23T06:00:00Z",
		"2026-04-23T06:00:00Z": "2026-04-24T06:00:00Z",
		"2026-12-31T23:00:00Z": "2027-01-01T06:00:00Z",
	} {
		if got := firstRunAfter(at(created)); !got.Equal(at(first)) {
			t.Errorf("firstRunAfter(%s) = %s, want %s", created, got, first)
		}
	}
	sc := &backupSchedule{frequency: frequencyMonthly, anchor: at("2026-01-31T06:00:00Z")}
	for k, want := range []string{"2026-01-31T06:00:00Z", "2026-02-28T06:00:00Z", "2026-03-31T06:00:00Z", "2026-04-30T06:00:00Z"} {
		if got := sc.runAt(k); !got.Equal(at(want)) {
			t.Errorf("monthly run %d = %s, want %s", k, got, want)
		}
	}
	for now, want := range map[string]int{
		"2026-01-31T05:00:00Z": -1, "2026-01-31T06:00:00Z": 0, "2026-02-28T05:59:59Z": 0,
		"2026-02-28T06:00:00Z": 1, "2026-03-30T00:00:00Z": 1, "2126-01-31T06:00:00Z": 1200,
	} {
		if got := sc.lastDue(at(now)); got != want {
			t.Errorf("monthly lastDue(%s) = %d, want %d", now, got, want)
		}
	}
	daily := &backupSchedule{frequency: frequencyDaily, anchor: at("2026-01-01T06:00:00Z")}
	if got := daily.lastDue(at("2526-01-01T06:00:00Z")); !daily.runAt(got).Equal(at("2526-01-01T06:00:00Z")) {
		t.Errorf("daily lastDue 500 years on = run %d at %s", got, daily.runAt(got))
	}
}

// A disabled schedule does not run; enabling it again takes one backup at
// once and plans the next run from then.
func TestBackupScheduleDisableAndReenable(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.newSchedule("s", scheduleNightly)
	got := e.v7("PATCH", "/backup-schedules/"+id, `{"enabled":false}`).must(t, http.StatusOK)
	wantField(t, got, false, "enabled")
	if !has(got, "next_scheduled_run") || got["next_scheduled_run"] != nil {
		t.Errorf("next_scheduled_run of a disabled schedule = %v, want null", got["next_scheduled_run"])
	}
	e.clock.Advance(3 * 24 * time.Hour) // 2026-03-04T12:00
	if names := e.backupNames("/backups"); len(names) != 0 {
		t.Errorf("a disabled schedule ran: %v", names)
	}
	if rows := historyRows(t, e.history(id, "")); len(rows) != 0 {
		t.Errorf("history of a disabled schedule = %v, want empty", rows)
	}
	e.v7("PATCH", "/backup-schedules/"+id, `{"enabled":false}`).must(t, http.StatusOK) // still disabled, nothing taken

	e.clock.Advance(34*time.Minute + 56*time.Second)
	got = e.v7("PATCH", "/backup-schedules/"+id, `{"enabled":true}`).must(t, http.StatusOK)
	wantField(t, got, "2026-03-05T06:00:00Z", "next_scheduled_run")
	if names := e.backupNames("/backups"); !slices.Equal(names, []string{"nightly-20260304T123456Z"}) {
		t.Errorf("backups after re-enabling = %v, want one taken at once", names)
	}
	e.v7("PATCH", "/backup-schedules/"+id, `{"enabled":true}`).must(t, http.StatusOK) // already enabled: no second backup
	rows := historyRows(t, e.history(id, ""))
	if len(rows) != 2 || rows[0]["status"] != "Scheduled" || rows[1]["name"] != "nightly-20260304T123456Z" {
		t.Errorf("history after re-enabling = %v", rows)
	}
	wantField(t, rows[0], "2026-03-04T12:34:56.000Z", "created_at")
}

// Backups a schedule made expire retention days after they were taken.
func TestBackupScheduleRetention(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.newSchedule("s", scheduleBody("keep2", "daily", 2))
	manual := e.createBackup("s", `{"name":"manual"}`)
	e.clock.Advance(18 * time.Hour) // 03-02T06:00: first run
	first := historyRows(t, e.history(id, ""))[1]["backup_id"].(string)
	e.clock.Advance(2*24*time.Hour - time.Second) // 03-04T05:59:59: first still there
	want := []string{"keep2-20260302T060000Z", "keep2-20260303T060000Z", "manual"}
	if got := e.backupNames("/backups"); !slices.Equal(got, want) {
		t.Fatalf("backups = %v, want %v", got, want)
	}
	e.clock.Advance(time.Second) // 03-04T06:00: the first expires as the third is taken
	want = []string{"keep2-20260303T060000Z", "keep2-20260304T060000Z", "manual"}
	if got := e.backupNames("/backups"); !slices.Equal(got, want) {
		t.Errorf("backups = %v, want %v", got, want)
	}
	e.v7("GET", "/backups/"+first, "").wantError(t, http.StatusNotFound, codeNotFound, "Backup "+first+" not found.")
	if got := e.backupNames("/indexes/s/backups"); slices.Contains(got, "keep2-20260302T060000Z") {
		t.Errorf("an expired backup is listed: %v", got)
	}
	if rows := historyRows(t, e.history(id, "")); len(rows) != 3 {
		t.Errorf("history = %d rows, want Scheduled + 2", len(rows))
	}

	// A shorter retention applies to the backups already made.
	e.v7("PATCH", "/backup-schedules/"+id, `{"retention":{"expire_after_days":1}}`).must(t, http.StatusOK)
	if got := e.backupNames("/backups"); !slices.Equal(got, []string{"keep2-20260304T060000Z", "manual"}) {
		t.Errorf("backups after retention 1 = %v", got)
	}
	// Manual backups never expire.
	e.clock.Advance(400 * 24 * time.Hour)
	e.v7("GET", "/backups/"+manual, "").must(t, http.StatusOK)
}

// A clock that jumps far ahead takes every run whose backup would still
// exist, and no more.
func TestBackupScheduleCatchUp(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", `{"dimension":3,"name":"t","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	short := e.newSchedule("s", scheduleBody("short", "daily", 3))
	long := e.newSchedule("t", scheduleBody("long", "daily", 365))
	e.clock.Advance(10 * 365 * 24 * time.Hour) // 2036-02-27T12:00
	projectID := e.srv.DefaultProjectID()
	count := func(id string) int {
		n := 0
		e.srv.mu.Lock()
		defer e.srv.mu.Unlock()
		for _, b := range e.srv.projects[projectID].backups {
			if b.scheduleID == id {
				n++
			}
		}
		return n
	}
	e.v7("GET", "/backups", "").must(t, http.StatusOK)
	if n := count(short); n != 3 {
		t.Errorf("short schedule holds %d backups, want 3 (2036-02-25, -26, -27)", n)
	}
	if n := count(long); n != 365 {
		t.Errorf("long schedule holds %d backups, want 365", n)
	}
	wantField(t, e.v7("GET", "/backup-schedules/"+short, "").must(t, http.StatusOK), "2036-02-28T06:00:00Z", "next_scheduled_run")
	if got := e.backupNames("/indexes/s/backups"); !slices.Equal(got, []string{
		"short-20360225T060000Z", "short-20360226T060000Z", "short-20360227T060000Z",
	}) {
		t.Errorf("short backups = %v", got)
	}
}

func TestBackupScheduleHistoryPagination(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.newSchedule("s", scheduleNightly)
	e.clock.Advance(3 * 24 * time.Hour) // runs on 03-02, 03-03, 03-04; 03-05 Scheduled
	var names []string
	query := "?limit=3"
	for pages := 0; ; pages++ {
		if pages > 3 {
			t.Fatal("history does not end")
		}
		page := e.history(id, query)
		for _, row := range historyRows(t, page) {
			names = append(names, row["name"].(string))
		}
		if lastPage(t, page) {
			break
		}
		query = "?limit=3&paginationToken=" + dig(page, "pagination", "next").(string)
		e.clock.Advance(24 * time.Hour) // the Scheduled row turns into a backup between pages
	}
	want := []string{"nightly-20260305T060000Z", "nightly-20260304T060000Z", "nightly-20260303T060000Z", "nightly-20260302T060000Z"}
	if !slices.Equal(names, want) {
		t.Errorf("history pages = %v, want newest first %v", names, want)
	}
	path := "/backup-schedules/" + id + "/history"
	e.v7("GET", path+"?limit=0", "").wantError(t, http.StatusBadRequest, codeInvalidArgument, "Invalid limit 0")
	list := e.v7("GET", "/backups?limit=1", "").must(t, http.StatusOK)
	foreign := dig(list, "pagination", "next").(string)
	e.v7("GET", path+"?paginationToken="+foreign, "").wantError(t, http.StatusBadRequest, codeInvalidArgument, "Invalid pagination token")

	// The schedule list pages the same way.
	e.v7("PATCH", "/backup-schedules/"+id, `{"enabled":false}`).must(t, http.StatusOK)
	second := e.newSchedule("s", scheduleNightly)
	p1 := e.v7("GET", "/indexes/s/backup-schedules?limit=1", "").must(t, http.StatusOK)
	p2 := e.v7("GET", "/indexes/s/backup-schedules?limit=1&paginationToken="+dig(p1, "pagination", "next").(string), "").must(t, http.StatusOK)
	if got := append(ids(t, p1, "schedule_id"), ids(t, p2, "schedule_id")...); !slices.Equal(got, []string{id, second}) || !lastPage(t, p2) {
		t.Errorf("schedule pages = %v / %v", p1, p2)
	}
}

// Deleting an index deletes its schedules; the backups they made stay
// until they expire.
func TestBackupScheduleIndexDeletion(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: time.Hour})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.newSchedule("s", scheduleBody("nightly", "daily", 2))
	e.clock.Advance(18 * time.Hour) // one run
	e.do("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	e.v7("GET", "/backup-schedules/"+id, "").wantError(t, http.StatusNotFound, codeNotFound, "Backup schedule not found.")
	if got := strings.TrimSpace(e.v7("GET", "/indexes/s/backup-schedules", "").raw); got != `{"data":[],"pagination":null}` {
		t.Errorf("schedules of a Terminating index = %s", got)
	}
	e.clock.Advance(24 * time.Hour) // no more runs
	if got := e.backupNames("/backups"); !slices.Equal(got, []string{"nightly-20260302T060000Z"}) {
		t.Errorf("backups after the index was deleted = %v", got)
	}
	e.clock.Advance(24 * time.Hour) // retention is over
	if got := e.backupNames("/backups"); len(got) != 0 {
		t.Errorf("backups after their retention = %v", got)
	}
	// A new index of the same name starts without schedules.
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	if got := strings.TrimSpace(e.v7("GET", "/indexes/s/backup-schedules", "").raw); got != `{"data":[],"pagination":null}` {
		t.Errorf("schedules of the new index = %s", got)
	}
	e.newSchedule("s", scheduleNightly)

	// Deleting a schedule keeps its backups.
	e.do("POST", "/indexes", `{"dimension":3,"name":"t","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	tid := e.newSchedule("t", scheduleBody("t", "daily", 2))
	e.clock.Advance(24 * time.Hour)
	e.v7("DELETE", "/backup-schedules/"+tid, "").must(t, http.StatusNoContent)
	if got := e.backupNames("/indexes/t/backups"); len(got) != 1 {
		t.Errorf("backups of a deleted schedule = %v, want the one it made", got)
	}
}

func TestBackupScheduleOnBYOCIndex(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyByoc).must(t, http.StatusCreated)
	id := e.newSchedule("b", scheduleNightly)
	e.clock.Advance(18 * time.Hour)
	rows := historyRows(t, e.history(id, ""))
	if len(rows) != 2 || rows[1]["source_index_name"] != "b" || rows[1]["status"] != "Ready" {
		t.Errorf("history of a BYOC schedule = %v", rows)
	}
}

// Below API 2026-07 the paths do not exist: 404 as for an unknown route.
func TestBackupSchedulesNeed202607(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.newSchedule("s", scheduleNightly)
	for _, version := range []string{apiVersion2025_10, apiVersion2026_04} {
		for _, c := range []struct{ method, path, body string }{
			{"GET", "/indexes/s/backup-schedules", ""},
			{"POST", "/indexes/s/backup-schedules", scheduleNightly},
			{"GET", "/backup-schedules/" + id, ""},
			{"PATCH", "/backup-schedules/" + id, `{"enabled":false}`},
			{"DELETE", "/backup-schedules/" + id, ""},
			{"GET", "/backup-schedules/" + id + "/history", ""},
		} {
			e.at(version, c.method, c.path, c.body).wantError(t, http.StatusNotFound, codeNotFound,
				"Route "+c.method+" "+c.path+" not found in API version "+version+"; backup schedules exist from 2026-07 on.")
		}
	}
	e.do("GET", "/backup-schedules/"+id, "").wantError(t, http.StatusNotFound, codeNotFound, "not found in API version 2025-10")
	// Nothing was changed or deleted by those requests.
	wantField(t, e.v7("GET", "/backup-schedules/"+id, "").must(t, http.StatusOK), true, "enabled")
	// Backups a schedule made show in every version.
	e.clock.Advance(18 * time.Hour)
	if got := ids(t, e.at(apiVersion2026_04, "GET", "/backups", "").must(t, http.StatusOK), "name"); !slices.Equal(got, []string{"nightly-20260302T060000Z"}) {
		t.Errorf("2026-04 backups = %v", got)
	}
}

// The routes are counted and take forced statuses and dropped responses
// like the others.
func TestBackupScheduleStatsAndFaults(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.newSchedule("s", scheduleNightly)
	e.v7("GET", "/backup-schedules/"+id, "").must(t, http.StatusOK)
	e.v7("GET", "/backup-schedules/"+id+"/history", "").must(t, http.StatusOK)
	e.v7("GET", "/indexes/s/backup-schedules", "").must(t, http.StatusOK)
	stats := e.srv.Stats()
	for _, key := range []string{
		"POST /indexes/{index_name}/backup-schedules", "GET /indexes/{index_name}/backup-schedules",
		"GET /backup-schedules/{schedule_id}", "GET /backup-schedules/{schedule_id}/history",
	} {
		if stats[key] != 1 {
			t.Errorf("Stats[%q] = %d, want 1 (all: %v)", key, stats[key], stats)
		}
	}

	e.srv.SetFaults(Faults{ForceStatus: http.StatusServiceUnavailable, ForceStatusPaths: []string{"PATCH /backup-schedules/{schedule_id}"}})
	e.v7("PATCH", "/backup-schedules/"+id, `{"enabled":false}`).wantError(t, http.StatusServiceUnavailable, codeUnavailable, "")
	wantField(t, e.v7("GET", "/backup-schedules/"+id, "").must(t, http.StatusOK), true, "enabled")

	// A dropped create stores the schedule; the retry meets it (409).
	e.v7("DELETE", "/backup-schedules/"+id, "").must(t, http.StatusNoContent)
	e.srv.SetFaults(Faults{DropCreateResponses: 1})
	if err := e.doDropped("POST", "/indexes/s/backup-schedules", scheduleNightly, headerAPIVersion, apiVersion2026_07, "Api-Key", DefaultAPIKey); err == nil {
		t.Fatal("schedule create was answered")
	}
	e.v7("POST", "/indexes/s/backup-schedules", scheduleNightly).wantError(t, http.StatusConflict, codeAlreadyExists, "")
}
