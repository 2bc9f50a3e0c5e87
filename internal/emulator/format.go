package emulator

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"
)

// newUUID returns a random (version 4) UUID string. Backups, restore jobs and
// indexes are identified by one.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// timestamp renders t as RFC 3339 in UTC, the only format the Go SDK accepts
// for created_at / completed_at (go-pinecone pinecone/models.go: RestoreJob
// decodes them as time.Time).
func timestamp(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// timestampMillis renders t as RFC 3339 in UTC with exactly three
// fractional digits ("2025-03-15T10:30:00.000Z"), the form of the backup and
// restore job timestamps in the 2026-07 reference (production sends
// sub-second precision there; see the timestamp entry in doc.go).
func timestampMillis(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// pythonList renders names the way production lists them in 412 messages:
// ['a', 'b'].
func pythonList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "'" + n + "'"
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
