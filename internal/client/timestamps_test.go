package client

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Backup and restore job timestamps come with whole seconds (older spec
// examples), milliseconds (the 2026-07 reference) or microseconds (answers
// captured in Pinecone's docs). The client keeps each string as sent, and
// every form is RFC 3339; completed_at may be null until the job ends.
func TestTimestampForms(t *testing.T) {
	for _, ts := range []string{"2025-02-04T13:00:00Z", "2025-03-15T10:30:00.000Z", "2025-05-15T00:52:10.809354Z"} {
		if _, err := time.Parse(time.RFC3339, ts); err != nil {
			t.Fatalf("%s is not RFC 3339: %v", ts, err)
		}
		backup := strings.Replace(backupExample, `"created_at":"2024-03-15T10:30:00Z"`, `"created_at":"`+ts+`"`, 1)
		if backup == backupExample {
			t.Fatal("backupExample no longer has the expected created_at")
		}
		job := `{"restore_job_id":"j","backup_id":"b","target_index_name":"r","target_index_id":"i","status":"Completed",` +
			`"created_at":"` + ts + `","completed_at":"` + ts + `","percent_complete":100}`
		pending := `{"restore_job_id":"j","backup_id":"b","target_index_name":"r","target_index_id":"i","status":"Pending",` +
			`"created_at":"` + ts + `","completed_at":null}`
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
			switch {
			case strings.HasPrefix(r.URL.Path, "/backups"):
				reply(w, 200, `{"data":[`+backup+`],"pagination":null}`)
			case r.URL.Path == "/restore-jobs/pending":
				reply(w, 200, pending)
			default:
				reply(w, 200, job)
			}
		})
		c := newTestClient(t, api.URL())
		backups, err := c.ListBackups(t.Context())
		if err != nil || len(backups) != 1 || backups[0].CreatedAt != ts {
			t.Errorf("%s: ListBackups = %+v, %v", ts, backups, err)
		}
		j, err := c.DescribeRestoreJob(t.Context(), "j")
		if err != nil || j.CreatedAt != ts || j.CompletedAt != ts {
			t.Errorf("%s: DescribeRestoreJob = %+v, %v", ts, j, err)
		}
		p, err := c.DescribeRestoreJob(t.Context(), "pending")
		if err != nil || p.CreatedAt != ts || p.CompletedAt != "" {
			t.Errorf("%s: pending job = %+v, %v", ts, p, err)
		}
	}
}
