package emulator

import (
	"net/http"
	"time"
)

// Backup schedules, served at API 2026-07 only (spec
// db_control_2026-07.oas.yaml: create_backup_schedule,
// list_backup_schedules, describe_backup_schedule, update_backup_schedule,
// delete_backup_schedule, list_backup_schedule_history and their schemas;
// the TS client 9.0.0 has the same models). How schedules run on the
// emulator's clock is in backup_schedule_runs.go.
const (
	routeIndexBackupSchedules  = "/indexes/{index_name}/backup-schedules"
	routeBackupSchedule        = "/backup-schedules/{schedule_id}"
	routeBackupScheduleHistory = "/backup-schedules/{schedule_id}/history"

	pageKindSchedules       = "backup-schedules"
	pageKindScheduleHistory = "backup-schedule-history"
)

// Schedule types and frequencies (BackupScheduleRequestSchedule: type
// x-enum time-based, frequency x-enum daily, weekly, monthly).
const (
	scheduleTimeBased = "time-based"
	frequencyDaily    = "daily"
	frequencyWeekly   = "weekly"
	frequencyMonthly  = "monthly"
)

// maxRetentionDays is the largest retention.expire_after_days accepted. The
// spec only says "no more than the service-configured maximum; a value
// outside that range is rejected with 400" (BackupScheduleRetentionInput)
// and no public source names the number, so the emulator picks a year.
const maxRetentionDays = 365

// scheduleExistsMessage is the spec's 409 example of create_backup_schedule
// and update_backup_schedule.
const scheduleExistsMessage = "This index already has an enabled backup schedule. Disable or delete it first."

func (s *Server) registerBackupScheduleRoutes() {
	s.handle(http.MethodGet, routeIndexBackupSchedules, s.handleListBackupSchedules)
	s.handle(http.MethodPost, routeIndexBackupSchedules, s.handleCreateBackupSchedule)
	s.handle(http.MethodGet, routeBackupSchedule, s.handleDescribeBackupSchedule)
	s.handle(http.MethodPatch, routeBackupSchedule, s.handleUpdateBackupSchedule)
	s.handle(http.MethodDelete, routeBackupSchedule, s.handleDeleteBackupSchedule)
	s.handle(http.MethodGet, routeBackupScheduleHistory, s.handleBackupScheduleHistory)
}

// backupSchedule is one stored schedule. While it is enabled it holds a run
// plan: run k is due at anchor plus k periods, nextRun is the first run not
// yet taken, and pendingID is the backup_id that run will get (the history
// shows it as the Scheduled row, and the backup keeps the id).
type backupSchedule struct {
	id, name           string
	indexID, indexName string // the index it backs up (names are never reused while it lives)
	frequency          string
	retentionDays      int
	createdAt          time.Time
	enabled            bool

	anchor       time.Time // run 0 of the current plan
	nextRun      int
	pendingID    string
	pendingSince time.Time // when the next run was enqueued: created_at of the Scheduled row
}

func (sc *backupSchedule) pos() cursor { return cursor{at: sc.createdAt, id: sc.id} }

// backupScheduleJSON is BackupScheduleResponse, in the spec's property
// order.
type backupScheduleJSON struct {
	ScheduleID               string  `json:"schedule_id"`
	Name                     string  `json:"name"`
	IndexID                  string  `json:"index_id"`
	ProjectID                string  `json:"project_id"`
	ScheduleType             string  `json:"schedule_type"`
	Frequency                string  `json:"frequency"`
	RetentionExpireAfterDays int     `json:"retention_expire_after_days"`
	Enabled                  bool    `json:"enabled"`
	NextScheduledRun         *string `json:"next_scheduled_run"` // "Always present", null when disabled
	CreatedAt                string  `json:"created_at"`
}

// backupScheduleListJSON is BackupScheduleList; pagination is null on the
// last page, as in the docs' list_backup_schedules example.
type backupScheduleListJSON struct {
	Data       []backupScheduleJSON `json:"data"`
	Pagination *paginationJSON      `json:"pagination"`
}

// view renders the schedule of project p. created_at carries milliseconds
// like the backup timestamps; next_scheduled_run is a whole-second slot, as
// in the spec's examples ("2026-04-03T06:00:00+00:00").
func (sc *backupSchedule) view(p *project) backupScheduleJSON {
	out := backupScheduleJSON{
		ScheduleID:               sc.id,
		Name:                     sc.name,
		IndexID:                  sc.indexID,
		ProjectID:                p.id,
		ScheduleType:             scheduleTimeBased,
		Frequency:                sc.frequency,
		RetentionExpireAfterDays: sc.retentionDays,
		Enabled:                  sc.enabled,
		CreatedAt:                timestampMillis(sc.createdAt),
	}
	if sc.enabled {
		next := timestamp(sc.nextRunAt())
		out.NextScheduledRun = &next
	}
	return out
}

// Request bodies (CreateBackupScheduleRequest, UpdateBackupScheduleRequest).
// Pointers, so that absent and null look alike.

type scheduleSpecBody struct {
	Type      *string `json:"type"`
	Frequency *string `json:"frequency"`
}

type retentionBody struct {
	ExpireAfterDays *int64 `json:"expire_after_days"`
}

type createScheduleBody struct {
	Name      *string           `json:"name"`
	Schedule  *scheduleSpecBody `json:"schedule"`
	Retention *retentionBody    `json:"retention"`
}

// missingField names the first required key that is absent: the three
// top-level keys, then those of schedule and retention (all required in the
// spec).
func (b *createScheduleBody) missingField() string {
	switch {
	case b.Name == nil:
		return "name"
	case b.Schedule == nil:
		return "schedule"
	case b.Retention == nil:
		return "retention"
	case b.Schedule.Type == nil:
		return "type"
	case b.Schedule.Frequency == nil:
		return "frequency"
	}
	return b.Retention.missingField()
}

func (r *retentionBody) missingField() string {
	if r != nil && r.ExpireAfterDays == nil {
		return "expire_after_days"
	}
	return ""
}

type updateScheduleBody struct {
	Frequency *string        `json:"frequency"`
	Retention *retentionBody `json:"retention"`
	Enabled   *bool          `json:"enabled"`
}

func (b *updateScheduleBody) missingField() string { return b.Retention.missingField() }

// check applies the value rules of a create (400).
func (b *createScheduleBody) check() *apiError {
	if err := validateName("Backup schedule", *b.Name); err != nil {
		return err
	}
	if t := *b.Schedule.Type; t != scheduleTimeBased {
		return invalidArgument("Invalid schedule.type %q. Only %q schedules are supported.", t, scheduleTimeBased)
	}
	if err := checkFrequency("schedule.frequency", *b.Schedule.Frequency); err != nil {
		return err
	}
	return checkRetention(*b.Retention.ExpireAfterDays)
}

// check applies the value rules of an update (400).
func (b *updateScheduleBody) check() *apiError {
	if b.Frequency != nil {
		if err := checkFrequency("frequency", *b.Frequency); err != nil {
			return err
		}
	}
	if b.Retention != nil {
		return checkRetention(*b.Retention.ExpireAfterDays)
	}
	return nil
}

func checkFrequency(field, f string) *apiError {
	switch f {
	case frequencyDaily, frequencyWeekly, frequencyMonthly:
		return nil
	}
	return invalidArgument("Invalid %s %q. Must be one of: daily, weekly, monthly.", field, f)
}

// checkRetention enforces "at least 1 and no more than the service-configured
// maximum" (BackupScheduleRetentionInput.expire_after_days).
func checkRetention(days int64) *apiError {
	if days < 1 || days > maxRetentionDays {
		return invalidArgument("Invalid retention.expire_after_days %d: must be between 1 and %d.", days, maxRetentionDays)
	}
	return nil
}

// schedulesServed answers 404 below API 2026-07, where these paths do not
// exist (the 2025-10 and 2026-04 specs have no backup schedules), with the
// code and wording of an unknown route plus the reason.
func (q *request) schedulesServed() bool {
	if q.version == apiVersion2026_07 {
		return true
	}
	q.fail(notFound("Route %s %s not found in API version %s; backup schedules exist from %s on.",
		q.r.Method, q.r.URL.Path, q.version, apiVersion2026_07))
	return false
}

func scheduleNotFound() *apiError { return notFound("Backup schedule not found.") }

// handleCreateBackupSchedule answers 200 (the spec's status for
// create_backup_schedule) with the new, enabled schedule. Checks: the body
// (422, then 400), the index (404; 400 for a pod-based or Terminating
// index), then the one enabled schedule per index (409).
func (s *Server) handleCreateBackupSchedule(q *request) {
	if !q.schedulesServed() {
		return
	}
	var b createScheduleBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	if err := b.check(); err != nil {
		q.fail(err)
		return
	}
	view, err := s.createSchedule(q.proj, q.param("index_name"), &b)
	if err != nil {
		q.fail(err)
		return
	}
	s.answerCreate(q, http.StatusOK, view)
}

// createSchedule stores a schedule on the named index of p, enabled and
// planned from now.
func (s *Server) createSchedule(p *project, indexName string, b *createScheduleBody) (any, *apiError) {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.deleted {
		return nil, keyRevoked()
	}
	s.advanceSchedules(p, t)
	ix, err := scheduleTarget(p, indexName)
	if err != nil {
		return nil, err
	}
	if p.enabledScheduleOn(ix.id, "") != nil {
		return nil, &apiError{status: http.StatusConflict, code: codeAlreadyExists, message: scheduleExistsMessage}
	}
	sc := &backupSchedule{
		id:            newUUID(),
		name:          *b.Name,
		indexID:       ix.id,
		indexName:     ix.name,
		frequency:     *b.Schedule.Frequency,
		retentionDays: int(*b.Retention.ExpireAfterDays),
		createdAt:     t,
		enabled:       true,
	}
	sc.plan(t)
	p.schedules[sc.id] = sc
	return sc.view(p), nil
}

// scheduleTarget returns the index a schedule may be created on: it must
// exist (404) and be serverless or BYOC ("rejected with 400 for a
// pod-based index", create_backup_schedule) and not be Terminating (400,
// as for a manual backup).
func scheduleTarget(p *project, name string) (*index, *apiError) {
	ix, ok := p.indexes[name]
	switch {
	case !ok:
		return nil, indexNotFound(name)
	case ix.kind == specPod:
		return nil, invalidArgument(
			"Backup schedules are supported for serverless and BYOC indexes only. Index %s is a pod-based index.", name)
	case ix.terminating:
		return nil, invalidArgument("Index %s is being deleted; backup schedules cannot be created for it.", name)
	}
	return ix, nil
}

// enabledScheduleOn returns an enabled schedule of the index with id
// indexID other than the one with id except, or nil.
func (p *project) enabledScheduleOn(indexID, except string) *backupSchedule {
	for _, sc := range p.schedules {
		if sc.enabled && sc.indexID == indexID && sc.id != except {
			return sc
		}
	}
	return nil
}

// handleListBackupSchedules answers one page of the schedules of the named
// index (404 when there is no such index), oldest first, with limit
// (default 100, as the spec says) and paginationToken.
func (s *Server) handleListBackupSchedules(q *request) {
	if !q.schedulesServed() {
		return
	}
	page, err := parseVersionedPage(q.r, pageKindSchedules, q.version)
	if err != nil {
		q.fail(err)
		return
	}
	name := q.param("index_name")
	s.readSchedules(q, func(p *project, _ time.Time) (any, *apiError) {
		ix, ok := p.indexes[name]
		if !ok {
			return nil, indexNotFound(name)
		}
		var all []*backupSchedule
		for _, sc := range p.schedules {
			if sc.indexID == ix.id {
				all = append(all, sc)
			}
		}
		items, next := paginate(all, (*backupSchedule).pos, page, pageKindSchedules)
		out := backupScheduleListJSON{Data: make([]backupScheduleJSON, 0, len(items)), Pagination: nextPage(next)}
		for _, sc := range items {
			out.Data = append(out.Data, sc.view(p))
		}
		return out, nil
	})
}

func (s *Server) handleDescribeBackupSchedule(q *request) {
	if !q.schedulesServed() {
		return
	}
	id := q.param("schedule_id")
	s.readSchedules(q, func(p *project, _ time.Time) (any, *apiError) {
		sc, ok := p.schedules[id]
		if !ok {
			return nil, scheduleNotFound()
		}
		return sc.view(p), nil
	})
}

// readSchedules is read for the schedule endpoints: the project's
// schedules are brought up to the request's time first.
func (s *Server) readSchedules(q *request, render func(p *project, t time.Time) (any, *apiError)) {
	s.read(q, func(t time.Time) (any, *apiError) {
		s.advanceSchedules(q.proj, t)
		return render(q.proj, t)
	})
}

// handleUpdateBackupSchedule answers 200 with the schedule after the
// change. Checks: the body (422, then 400), the schedule (404), then, when
// it re-enables the schedule, the one enabled schedule per index (409).
func (s *Server) handleUpdateBackupSchedule(q *request) {
	if !q.schedulesServed() {
		return
	}
	var b updateScheduleBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	if err := b.check(); err != nil {
		q.fail(err)
		return
	}
	id := q.param("schedule_id")
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	p := q.proj
	if p.deleted {
		q.fail(keyRevoked())
		return
	}
	s.advanceSchedules(p, t)
	sc, ok := p.schedules[id]
	if !ok {
		q.fail(scheduleNotFound())
		return
	}
	enable := b.Enabled != nil && *b.Enabled && !sc.enabled
	if enable && p.enabledScheduleOn(sc.indexID, sc.id) != nil {
		q.fail(&apiError{status: http.StatusConflict, code: codeAlreadyExists, message: scheduleExistsMessage})
		return
	}
	s.applyScheduleUpdate(p, sc, &b, t)
	writeJSON(q.w, http.StatusOK, sc.view(p))
}

// applyScheduleUpdate changes sc as b says; omitted fields stay as they
// are (UpdateBackupScheduleRequest: "Omitted fields are left unchanged").
func (s *Server) applyScheduleUpdate(p *project, sc *backupSchedule, b *updateScheduleBody, t time.Time) {
	if b.Frequency != nil && *b.Frequency != sc.frequency {
		sc.setFrequency(*b.Frequency)
	}
	if b.Retention != nil {
		p.setRetention(sc, int(*b.Retention.ExpireAfterDays))
	}
	switch {
	case b.Enabled == nil || *b.Enabled == sc.enabled:
	case *b.Enabled:
		s.reenable(p, sc, t)
	default:
		sc.disable()
	}
}

// handleDeleteBackupSchedule answers 204 without a body (the spec's status
// for delete_backup_schedule). The backups the schedule made stay, each
// until its own expiry (docs delete_backup_schedule: it "does not delete
// any backups that were previously created by the schedule").
func (s *Server) handleDeleteBackupSchedule(q *request) {
	if !q.schedulesServed() {
		return
	}
	id := q.param("schedule_id")
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	p := q.proj
	s.advanceSchedules(p, t)
	if _, ok := p.schedules[id]; !ok {
		q.fail(scheduleNotFound())
		return
	}
	delete(p.schedules, id)
	q.w.WriteHeader(http.StatusNoContent)
}
