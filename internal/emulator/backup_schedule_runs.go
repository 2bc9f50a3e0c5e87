package emulator

import (
	"maps"
	"time"
)

// How backup schedules run. Nothing runs in the background: before a
// request is answered, every schedule is brought up to the clock
// (Options.Now), so tests drive schedules with a fake clock.
//
//   - The first run of a plan is the next 06:00 UTC strictly after the
//     moment the schedule was created or re-enabled. The spec's examples
//     show exactly that (created 2026-04-02T18:22:56Z, next run
//     2026-04-03T06:00:00Z; docs list_backup_schedules: created
//     2026-04-23T16:36:51Z, next run 2026-04-24T06:00:00Z); nothing public
//     says whether weekly and monthly schedules wait for a particular
//     weekday or date, so they start at the same slot.
//   - Later runs follow every day, every 7 days, or on the same day of every
//     following month (the last day of a shorter month).
//   - Each due run takes a backup at its due time, named
//     "{schedule name}-{YYYYMMDDTHHMMSSZ}" (docs create_backup_schedule:
//     "{name}-{ISO8601_timestamp}"; the spec's example
//     "daily-compliance-backup-20260403T060000Z"). It is an ordinary
//     backup (Initializing for ReadyDelay from the due time, listed,
//     restorable, deletable) that expires retention days after it was
//     taken: from then on it is gone from every list and describe.
//   - When the clock has jumped past many due times, every run whose backup
//     would still exist is taken; older runs are skipped, since their
//     backups would already have expired. With at most 365 days of
//     retention and at least a day between runs, one catch-up takes at most
//     366 backups per schedule (catchUpWindow), however far the clock
//     jumped.

// secondsPerDay is a UTC day; the runs are in UTC, which has no DST.
const secondsPerDay = 24 * 60 * 60

// firstRunHour is the UTC hour of a plan's first run (see above).
const firstRunHour = 6

// catchUpWindow bounds the runs one catch-up considers: a run more than
// maxRetentionDays periods before the last due one is older than any
// retention allows.
const catchUpWindow = maxRetentionDays + 1

// scheduledBackupName names the backup of a run due at at.
func scheduledBackupName(schedule string, at time.Time) string {
	return schedule + "-" + at.UTC().Format("20060102T150405Z")
}

// firstRunAfter returns the first 06:00:00 UTC strictly after t.
func firstRunAfter(t time.Time) time.Time {
	u := t.UTC()
	slot := time.Date(u.Year(), u.Month(), u.Day(), firstRunHour, 0, 0, 0, time.UTC)
	if !slot.After(u) {
		slot = slot.AddDate(0, 0, 1)
	}
	return slot
}

// addPeriods returns anchor moved on by k periods of frequency.
func addPeriods(anchor time.Time, frequency string, k int) time.Time {
	switch frequency {
	case frequencyWeekly:
		return anchor.AddDate(0, 0, 7*k)
	case frequencyMonthly:
		return addMonthsClamped(anchor, k)
	}
	return anchor.AddDate(0, 0, k)
}

// addMonthsClamped moves t by k calendar months, keeping its day of the
// month or, when the target month is shorter, using its last day (AddDate
// would roll January 31 over into March).
func addMonthsClamped(t time.Time, k int) time.Time {
	first := time.Date(t.Year(), t.Month()+time.Month(k), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	day := min(t.Day(), first.AddDate(0, 1, -1).Day())
	return first.AddDate(0, 0, day-1)
}

// periodsBetween estimates how many whole periods lie between from and to,
// in whole seconds and calendar months so that no time.Duration overflows
// when the clock jumps centuries.
func periodsBetween(from, to time.Time, frequency string) int {
	switch frequency {
	case frequencyMonthly:
		return (to.Year()-from.Year())*12 + int(to.Month()) - int(from.Month())
	case frequencyWeekly:
		return int((to.Unix() - from.Unix()) / (7 * secondsPerDay))
	}
	return int((to.Unix() - from.Unix()) / secondsPerDay)
}

func (sc *backupSchedule) runAt(k int) time.Time { return addPeriods(sc.anchor, sc.frequency, k) }

func (sc *backupSchedule) nextRunAt() time.Time { return sc.runAt(sc.nextRun) }

// lastDue returns the index of the latest run due at or before t, or -1
// when not even run 0 is.
func (sc *backupSchedule) lastDue(t time.Time) int {
	if t.Before(sc.anchor) {
		return -1
	}
	k := max(periodsBetween(sc.anchor, t, sc.frequency), 0)
	for k > 0 && sc.runAt(k).After(t) {
		k--
	}
	for !sc.runAt(k + 1).After(t) {
		k++
	}
	return k
}

// plan starts a new run plan at t: the next run is the first 06:00 UTC
// after t, and it was enqueued at t.
func (sc *backupSchedule) plan(t time.Time) {
	sc.anchor = firstRunAfter(t)
	sc.nextRun = 0
	sc.pendingID = newUUID()
	sc.pendingSince = t
}

// setFrequency changes how often sc runs. The run already planned keeps
// its time; the ones after it follow the new frequency (chosen: the docs'
// 2026-04 update_backup_schedule example keeps next_scheduled_run when
// moving daily to weekly).
func (sc *backupSchedule) setFrequency(frequency string) {
	if sc.enabled {
		sc.anchor, sc.nextRun = sc.nextRunAt(), 0
	}
	sc.frequency = frequency
}

// setRetention changes sc's retention; it applies to the backups sc has
// already made as well (BackupScheduleRetentionInput: "Backups older than
// the retention window may be removed").
func (p *project) setRetention(sc *backupSchedule, days int) {
	sc.retentionDays = days
	for _, b := range p.backups {
		if b.scheduleID == sc.id {
			b.expireAt = b.createdAt.AddDate(0, 0, days)
		}
	}
}

// disable stops sc: no runs, next_scheduled_run null, no Scheduled row.
func (sc *backupSchedule) disable() {
	sc.enabled = false
	sc.pendingID = ""
}

// reenable turns sc back on at t: a backup is taken at once
// (UpdateBackupScheduleRequest.enabled: "Setting to true after a disable
// re-enqueues backup processing") and a new plan starts from t.
func (s *Server) reenable(p *project, sc *backupSchedule, t time.Time) {
	sc.enabled = true
	if ix := p.scheduledIndex(sc); ix != nil {
		s.takeScheduledBackup(p, sc, ix, newUUID(), t)
	}
	sc.plan(t)
}

// runSchedules brings the schedules of every project up to the clock. It
// runs before every request is handled, so no answer shows a schedule
// behind its due times or a backup past its expiry.
func (s *Server) runSchedules() {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.projects {
		s.advanceSchedules(p, t)
	}
}

// advanceSchedules takes the runs of p's schedules that are due at t and
// removes the backups that have expired by t. A schedule whose index is
// gone or being deleted is removed with it (docs guides backups-overview:
// "If you delete an index, all associated schedules are automatically
// deleted"); the backups it made stay until they expire.
func (s *Server) advanceSchedules(p *project, t time.Time) {
	for id, sc := range p.schedules {
		ix := p.scheduledIndex(sc)
		if ix == nil {
			delete(p.schedules, id)
			continue
		}
		s.runDue(p, sc, ix, t)
	}
	for id, b := range p.backups {
		if !b.expireAt.IsZero() && !t.Before(b.expireAt) {
			delete(p.backups, id)
		}
	}
}

// scheduledIndex returns the live index sc backs up, or nil once it is
// Terminating, purged or replaced by a new index of the same name.
func (p *project) scheduledIndex(sc *backupSchedule) *index {
	ix, ok := p.indexes[sc.indexName]
	if !ok || ix.id != sc.indexID || ix.terminating {
		return nil
	}
	return ix
}

// runDue takes the runs of sc due at or before t, within catchUpWindow,
// skipping those whose backups would already have expired, and moves the
// plan on to the first run after t.
func (s *Server) runDue(p *project, sc *backupSchedule, ix *index, t time.Time) {
	if !sc.enabled {
		return
	}
	last := sc.lastDue(t)
	if last < sc.nextRun {
		return
	}
	for k := max(sc.nextRun, last-catchUpWindow+1); k <= last; k++ {
		at := sc.runAt(k)
		if !t.Before(at.AddDate(0, 0, sc.retentionDays)) {
			continue
		}
		id := newUUID()
		if k == sc.nextRun {
			id = sc.pendingID // the Scheduled row becomes this backup
		}
		s.takeScheduledBackup(p, sc, ix, id, at)
	}
	sc.pendingSince = sc.runAt(last)
	sc.nextRun = last + 1
	sc.pendingID = newUUID()
}

// takeScheduledBackup stores the backup of sc's run at at, with id.
func (s *Server) takeScheduledBackup(p *project, sc *backupSchedule, ix *index, id string, at time.Time) {
	bk := &backup{id: id, name: scheduledBackupName(sc.name, at), scheduleID: sc.id}
	s.snapshot(bk, ix, at)
	bk.expireAt = at.AddDate(0, 0, sc.retentionDays)
	p.backups[id] = bk
}

// scheduleHistoryItemJSON is BackupScheduleHistoryItem, in the spec's
// property order. tags, description and schema are always present (null
// when empty); the counts are null until the backup is Ready
// ("`null` until the backup reaches status `Ready`"), 0 afterwards (the
// emulator holds no records); scheduled_execution_at only on the Scheduled
// row.
type scheduleHistoryItemJSON struct {
	BackupID             string            `json:"backup_id"`
	SourceIndexID        string            `json:"source_index_id"`
	SourceIndexName      string            `json:"source_index_name"`
	Tags                 map[string]string `json:"tags"`
	Name                 string            `json:"name"`
	Description          *string           `json:"description"`
	Status               string            `json:"status"`
	Cloud                string            `json:"cloud"`
	Region               string            `json:"region"`
	Schema               *indexSchemaJSON  `json:"schema"`
	RecordCount          *int64            `json:"record_count"`
	NamespaceCount       *int64            `json:"namespace_count"`
	SizeBytes            *int64            `json:"size_bytes"`
	CreatedAt            string            `json:"created_at"`
	ScheduledExecutionAt string            `json:"scheduled_execution_at,omitempty"`
}

// scheduledStatus is the history status of a run not yet taken
// (BackupScheduleHistoryItem.status x-enum).
const scheduledStatus = "Scheduled"

// historyItem renders one backup a schedule made.
func (b *backup) historyItem(t time.Time) scheduleHistoryItemJSON {
	status := b.status(t, false)
	if status == backupFailed {
		status = backupInitializationFailed
	}
	schema := b.schemaView07(nil)
	out := scheduleHistoryItemJSON{
		BackupID:        b.id,
		SourceIndexID:   b.sourceIndexID,
		SourceIndexName: b.sourceIndexName,
		Tags:            maps.Clone(b.tags),
		Name:            b.name,
		Status:          status,
		Cloud:           b.cloud,
		Region:          b.region,
		Schema:          &schema,
		CreatedAt:       timestampMillis(b.createdAt),
	}
	if b.description != "" {
		out.Description = &b.description
	}
	if status == backupReady {
		out.RecordCount, out.NamespaceCount, out.SizeBytes = new(int64), new(int64), new(int64)
	}
	return out
}

// scheduledItem renders the run sc will take next, as the spec's
// "scheduled-row" example shows it: the id and name the backup will have,
// the index as it is now, no counts yet, created_at when the run was
// enqueued and scheduled_execution_at when it is due. The row is not a
// backup: GET /backups and describe do not show it (BackupModel.status has
// no Scheduled), which is why it lives on the schedule, not in p.backups.
func (sc *backupSchedule) scheduledItem(ix *index) scheduleHistoryItemJSON {
	next := sc.nextRunAt()
	schema := ix.schemaView07(nil)
	return scheduleHistoryItemJSON{
		BackupID:             sc.pendingID,
		SourceIndexID:        ix.id,
		SourceIndexName:      ix.name,
		Tags:                 maps.Clone(ix.tags),
		Name:                 scheduledBackupName(sc.name, next),
		Status:               scheduledStatus,
		Cloud:                ix.cloud,
		Region:               ix.region,
		Schema:               &schema,
		CreatedAt:            timestampMillis(sc.pendingSince),
		ScheduledExecutionAt: timestamp(next),
	}
}

// historyEntry is one row of a schedule's history with its place in the
// list: backups by the time they were taken, the Scheduled row by its due
// time (which keeps it first, and keeps a page token valid once the run
// has become a backup with the same id and time).
type historyEntry struct {
	at   cursor
	item func(t time.Time) scheduleHistoryItemJSON
}

func (h historyEntry) pos() cursor { return h.at }

// handleBackupScheduleHistory answers one page of what the schedule made,
// newest first (the spec's example puts the Scheduled row on the first
// page), with limit (default 100) and paginationToken. Expired and deleted
// backups are not listed.
func (s *Server) handleBackupScheduleHistory(q *request) {
	if !q.schedulesServed() {
		return
	}
	page, err := parseVersionedPage(q.r, pageKindScheduleHistory, q.version)
	if err != nil {
		q.fail(err)
		return
	}
	id := q.param("schedule_id")
	s.readSchedules(q, func(p *project, t time.Time) (any, *apiError) {
		sc, ok := p.schedules[id]
		if !ok {
			return nil, scheduleNotFound()
		}
		items, next := paginateNewestFirst(p.historyOf(sc), historyEntry.pos, page, pageKindScheduleHistory)
		out := struct {
			Data       []scheduleHistoryItemJSON `json:"data"`
			Pagination *paginationJSON           `json:"pagination"`
		}{Data: make([]scheduleHistoryItemJSON, 0, len(items)), Pagination: nextPage(next)}
		for _, h := range items {
			out.Data = append(out.Data, h.item(t))
		}
		return out, nil
	})
}

// historyOf collects sc's history: the backups it made that still exist
// and, while it is enabled, the run it will take next.
func (p *project) historyOf(sc *backupSchedule) []historyEntry {
	var out []historyEntry
	for _, b := range p.backups {
		if b.scheduleID == sc.id {
			out = append(out, historyEntry{at: b.pos(), item: b.historyItem})
		}
	}
	if ix := p.scheduledIndex(sc); sc.enabled && ix != nil {
		out = append(out, historyEntry{
			at:   cursor{at: sc.nextRunAt(), id: sc.pendingID},
			item: func(time.Time) scheduleHistoryItemJSON { return sc.scheduledItem(ix) },
		})
	}
	return out
}
