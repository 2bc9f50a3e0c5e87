package emulator

import (
	"math"
	"net/http"
	"slices"
	"time"
)

// Route templates of restore (spec db_control_2025-10.oas.yaml:
// create_index_from_backup_operation, list_restore_jobs, describe_restore_job).
const (
	routeCreateFromBackup = "/backups/{backup_id}/create-index"
	routeRestoreJobs      = "/restore-jobs"
	routeRestoreJob       = "/restore-jobs/{job_id}"
)

// Restore job states. The 2025-10 / 2026-04 spec documents only Completed
// (RestoreJobModel.status: a plain string whose example is "Completed");
// Pending and InProgress are the emulator's choice for the states before.
// The 2026-07 spec lists Pending, Completed, Failed and Cancelled, so 2026-07
// answers show Pending until the job completes (restoreJob.render).
const (
	restorePending    = "Pending"
	restoreInProgress = "InProgress"
	restoreCompleted  = "Completed"
)

func (s *Server) registerRestoreRoutes() {
	s.handle(http.MethodPost, routeCreateFromBackup, s.handleCreateIndexFromBackup)
	s.handle(http.MethodGet, routeRestoreJobs, s.handleListRestoreJobs)
	s.handle(http.MethodGet, routeRestoreJob, s.handleDescribeRestoreJob)
}

// restoreJob is the restore of a backup into a new index. It runs from
// createdAt to doneAt (createdAt + ReadyDelay): Pending for the first tenth of
// that time, then InProgress with percent_complete rising linearly from 0,
// then Completed. The target index becomes Ready at doneAt.
type restoreJob struct {
	id              string
	backupID        string
	targetIndexName string
	targetIndexID   string
	createdAt       time.Time
	doneAt          time.Time
}

func (j *restoreJob) pos() cursor { return cursor{at: j.createdAt, id: j.id} }

// progress returns the job's status and percent_complete at t.
func (j *restoreJob) progress(t time.Time) (string, float64) {
	if !t.Before(j.doneAt) {
		return restoreCompleted, 100
	}
	total := j.doneAt.Sub(j.createdAt)
	started := j.createdAt.Add(total / 10)
	if t.Before(started) {
		return restorePending, 0
	}
	pct := 100 * float64(t.Sub(started)) / float64(j.doneAt.Sub(started))
	return restoreInProgress, math.Floor(pct*10) / 10 // one decimal, never 100 before the end
}

// restoreJobJSON is RestoreJobModel (spec db_control_2025-10.oas.yaml).
type restoreJobJSON struct {
	RestoreJobID    string  `json:"restore_job_id"`
	BackupID        string  `json:"backup_id"`
	TargetIndexName string  `json:"target_index_name"`
	TargetIndexID   string  `json:"target_index_id"`
	Status          string  `json:"status"`
	CreatedAt       string  `json:"created_at"`
	CompletedAt     *string `json:"completed_at,omitempty"`
	PercentComplete float64 `json:"percent_complete"`
}

// restoreJobListJSON is RestoreJobList; pagination is null on the last page
// (the spec's non-paginated and empty examples).
type restoreJobListJSON struct {
	Data       []any           `json:"data"` // RestoreJobModel of the request's API version
	Pagination *paginationJSON `json:"pagination"`
}

func (j *restoreJob) view(t time.Time) restoreJobJSON {
	status, pct := j.progress(t)
	out := restoreJobJSON{
		RestoreJobID:    j.id,
		BackupID:        j.backupID,
		TargetIndexName: j.targetIndexName,
		TargetIndexID:   j.targetIndexID,
		Status:          status,
		CreatedAt:       timestampMillis(j.createdAt),
		PercentComplete: pct,
	}
	if status == restoreCompleted {
		done := timestampMillis(j.doneAt)
		out.CompletedAt = &done
	}
	return out
}

type createIndexFromBackupBody struct {
	Name               *string            `json:"name"`
	Tags               map[string]*string `json:"tags"`
	DeletionProtection *string            `json:"deletion_protection"`
}

func (b *createIndexFromBackupBody) missingField() string { return requiredName(b.Name) }

// createIndexFromBackup07Body adds read_capacity, which 2026-07 takes
// (CreateIndexFromBackupRequest); earlier versions decode without it, so
// the key stays ignored there.
type createIndexFromBackup07Body struct {
	createIndexFromBackupBody
	ReadCapacity *readCapacityBody `json:"read_capacity"`
}

func (b *createIndexFromBackup07Body) missingField() string {
	return firstNonEmpty(b.createIndexFromBackupBody.missingField(), rcMissing(b.ReadCapacity))
}

type createIndexFromBackupJSON struct {
	RestoreJobID string `json:"restore_job_id"`
	IndexID      string `json:"index_id"`
}

// handleCreateIndexFromBackup answers 202 {restore_job_id, index_id}. The new
// index exists at once (Initializing) and becomes Ready when the job
// completes.
func (s *Server) handleCreateIndexFromBackup(q *request) {
	var b createIndexFromBackup07Body
	var target requiredFields = &b.createIndexFromBackupBody
	if q.version == apiVersion2026_07 {
		target = &b
	}
	if _, ok := q.decode(target); !ok {
		return
	}
	ix := &index{kind: specServerless}
	err := commonFields(ix, *b.Name, b.DeletionProtection, b.Tags)
	if err == nil {
		err = setRestoreReadCapacity(ix, b.ReadCapacity)
	}
	if err != nil {
		q.fail(err)
		return
	}
	out, err := s.restoreBackup(q.proj, q.param("backup_id"), ix, q.version)
	if err != nil {
		q.fail(err)
		return
	}
	s.answerCreate(q, http.StatusAccepted, out)
}

// restoreBackup fills ix from the backup, stores it and starts the restore
// job. Order: unknown backup (404), backup not Ready (400; 412 at 2026-07),
// name taken (409).
func (s *Server) restoreBackup(p *project, backupID string, ix *index, version string) (createIndexFromBackupJSON, *apiError) {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.deleted {
		return createIndexFromBackupJSON{}, keyRevoked()
	}
	p.purgeExpired(t)
	bk, ok := p.backups[backupID]
	if !ok {
		return createIndexFromBackupJSON{}, backupNotFound(backupID)
	}
	if st := bk.status(t, false); st != backupReady {
		return createIndexFromBackupJSON{}, backupNotReady(version, backupID, st)
	}
	if _, taken := p.indexes[ix.name]; taken {
		return createIndexFromBackupJSON{}, alreadyExists()
	}
	ix.cloud, ix.region = bk.cloud, bk.region
	// The restored index inherits the backup's schema, its full-text fields
	// and integrated embedding included (spec db_control_2026-07.oas.yaml,
	// create_index_from_backup_operation).
	ix.vectorSchema = copyVectorSchema(bk.vectorSchema)
	ix.sourceBackupID = bk.id
	s.storeIndex(p, ix, t) // readyAt = t + ReadyDelay = the job's doneAt

	job := &restoreJob{
		id:              newUUID(),
		backupID:        bk.id,
		targetIndexName: ix.name,
		targetIndexID:   ix.id,
		createdAt:       t,
		doneAt:          ix.readyAt,
	}
	p.restoreJobs[job.id] = job
	return createIndexFromBackupJSON{RestoreJobID: job.id, IndexID: ix.id}, nil
}

func (s *Server) handleListRestoreJobs(q *request) {
	p, err := parseVersionedPage(q.r, pageKindRestoreJobs, q.version)
	if err != nil {
		q.fail(err)
		return
	}
	proj := q.proj
	t := s.now()
	s.mu.Lock()
	all := make([]*restoreJob, 0, len(proj.restoreJobs))
	for _, j := range proj.restoreJobs {
		all = append(all, j)
	}
	page, next := paginate(all, (*restoreJob).pos, p, pageKindRestoreJobs)
	out := restoreJobListJSON{Data: make([]any, 0, len(page)), Pagination: nextPage(next)}
	for _, j := range page {
		out.Data = append(out.Data, j.render(q.version, t))
	}
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

func (s *Server) handleDescribeRestoreJob(q *request) {
	id := q.param("job_id")
	s.read(q, func(t time.Time) (any, *apiError) {
		j, ok := q.proj.restoreJobs[id]
		if !ok {
			return nil, notFound("Restore job %s not found.", id)
		}
		return j.render(q.version, t), nil
	})
}

// pendingRestoreJobs returns the ids of unfinished restore jobs from the
// backup, oldest first. Callers hold s.mu.
func (p *project) pendingRestoreJobs(backupID string, t time.Time) []string {
	var jobs []*restoreJob
	for _, j := range p.restoreJobs {
		if st, _ := j.progress(t); j.backupID == backupID && st != restoreCompleted {
			jobs = append(jobs, j)
		}
	}
	slices.SortFunc(jobs, func(a, b *restoreJob) int { return a.pos().compare(b.pos()) })
	ids := make([]string, len(jobs))
	for i, j := range jobs {
		ids[i] = j.id
	}
	return ids
}
