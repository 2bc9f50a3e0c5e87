package emulator

import (
	"maps"
	"net/http"
	"time"
)

// Route templates of the backup endpoints (spec db_control_2025-10.oas.yaml:
// list_index_backups, create_backup, list_project_backups, describe_backup,
// delete_backup).
const (
	routeIndexBackups = "/indexes/{index_name}/backups"
	routeBackups      = "/backups"
	routeBackup       = "/backups/{backup_id}"
)

// Backup states (spec db_control_2025-10.oas.yaml, BackupModel.status).
const (
	backupInitializing = "Initializing"
	backupReady        = "Ready"
	backupFailed       = "Failed"
)

func (s *Server) registerBackupRoutes() {
	s.handle(http.MethodGet, routeIndexBackups, s.handleListIndexBackups)
	s.handle(http.MethodPost, routeIndexBackups, s.handleCreateBackup)
	s.handle(http.MethodGet, routeBackups, s.handleListBackups)
	s.handle(http.MethodGet, routeBackup, s.handleDescribeBackup)
	s.handle(http.MethodDelete, routeBackup, s.handleDeleteBackup)
}

// backup is one stored backup of a serverless index: what the index looked
// like when the backup was taken. The emulator holds no records, so
// record_count, namespace_count and size_bytes are always 0.
type backup struct {
	id          string
	name        string
	description string

	sourceIndexName string
	sourceIndexID   string
	cloud, region   string
	vectorSchema    // the index's vectors, embedding and fields when the backup was taken; a restore gets them back
	tags            map[string]string

	createdAt time.Time
	readyAt   time.Time
	fail      bool // Faults.FailBackups matched at create time

	// Backups a schedule made (backup_schedules.go) remember it and expire:
	// they are removed once the clock reaches expireAt (zero: never).
	scheduleID string
	expireAt   time.Time
}

func (b *backup) pos() cursor { return cursor{at: b.createdAt, id: b.id} }

// status returns BackupModel.status at t; fresh marks the answer to the
// create, which always shows Initializing.
func (b *backup) status(t time.Time, fresh bool) string {
	switch {
	case during(t, b.readyAt, fresh):
		return backupInitializing
	case b.fail:
		return backupFailed
	}
	return backupReady
}

// backupModelJSON is BackupModel (spec db_control_2025-10.oas.yaml).
type backupModelJSON struct {
	BackupID        string            `json:"backup_id"`
	SourceIndexName string            `json:"source_index_name"`
	SourceIndexID   string            `json:"source_index_id"`
	Name            string            `json:"name,omitempty"`
	Description     string            `json:"description,omitempty"`
	Status          string            `json:"status"`
	Cloud           string            `json:"cloud"`
	Region          string            `json:"region"`
	Dimension       *int              `json:"dimension,omitempty"`
	Metric          string            `json:"metric,omitempty"`
	RecordCount     int64             `json:"record_count"`
	NamespaceCount  int64             `json:"namespace_count"`
	SizeBytes       int64             `json:"size_bytes"`
	Tags            map[string]string `json:"tags,omitempty"`
	CreatedAt       string            `json:"created_at"`
	Schema          *schemaJSON       `json:"schema,omitempty"`
}

// backupListJSON is BackupList; data is always present, pagination is
// {"next":...} when another page follows and null on the last page, as
// production answers (docs.pinecone.io list_project_backups example).
type backupListJSON struct {
	Data       []any           `json:"data"` // BackupModel of the request's API version
	Pagination *paginationJSON `json:"pagination"`
}

func (b *backup) view(t time.Time, fresh bool) backupModelJSON {
	out := backupModelJSON{
		BackupID:        b.id,
		SourceIndexName: b.sourceIndexName,
		SourceIndexID:   b.sourceIndexID,
		Name:            b.name,
		Description:     b.description,
		Status:          b.status(t, fresh),
		Cloud:           b.cloud,
		Region:          b.region,
		Metric:          b.metric,
		Tags:            maps.Clone(b.tags),
		CreatedAt:       timestampMillis(b.createdAt),
		Schema:          schemaView(b.schema),
	}
	if b.dimension != 0 {
		out.Dimension = intPtr(b.dimension)
	}
	return out
}

func backupNotFound(id string) *apiError { return notFound("Backup %s not found.", id) }

type createBackupBody struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
}

// handleCreateBackup answers 200 (not the spec's 201: the Go SDK accepts only
// 200, go-pinecone pinecone/client.go, Client.CreateBackup) with the new
// backup in Initializing.
func (s *Server) handleCreateBackup(q *request) {
	var b createBackupBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	if err := checkBackupName(q.version, b.Name); err != nil {
		q.fail(err)
		return
	}
	bk := &backup{}
	if b.Name != nil {
		bk.name = *b.Name
	}
	if b.Description != nil {
		bk.description = *b.Description
	}
	view, err := s.createBackup(q.proj, q.param("index_name"), bk, q.version)
	if err != nil {
		q.fail(err)
		return
	}
	s.answerCreate(q, http.StatusOK, view)
}

// createBackup snapshots the named index of p into bk, stores it and
// returns it as version renders it.
func (s *Server) createBackup(p *project, indexName string, bk *backup, version string) (any, *apiError) {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.deleted {
		return nil, keyRevoked()
	}
	p.purgeExpired(t)
	ix, ok := p.indexes[indexName]
	switch {
	case !ok:
		return nil, indexNotFound(indexName)
	case ix.kind != specServerless:
		// [unverified] the spec only says backups are for serverless indexes;
		// production's answer for a pod or BYOC index is undocumented.
		return nil, invalidArgument(
			"Backups are only supported for serverless indexes. Index %s is a %s index.", indexName, kindLabel(ix.kind))
	case ix.terminating:
		// [unverified] production's answer for an index that is being deleted.
		return nil, invalidArgument("Index %s is being deleted and cannot be backed up.", indexName)
	}
	bk.id = newUUID()
	s.snapshot(bk, ix, t)
	p.backups[bk.id] = bk
	return bk.render(version, t, true), nil
}

// snapshot records in bk what ix looks like at t, the moment the backup is
// taken, and starts its Initializing period (ReadyDelay).
func (s *Server) snapshot(bk *backup, ix *index, t time.Time) {
	bk.sourceIndexName, bk.sourceIndexID = ix.name, ix.id
	bk.cloud, bk.region = ix.cloud, ix.region
	bk.vectorSchema = copyVectorSchema(ix.vectorSchema)
	bk.tags = maps.Clone(ix.tags)
	bk.createdAt = t
	bk.readyAt = t.Add(s.opts.ReadyDelay)
	bk.fail = s.faults.failsBackup(ix.name)
}

func (s *Server) handleListBackups(q *request) {
	s.listBackups(q, nil)
}

func (s *Server) handleListIndexBackups(q *request) {
	name := q.param("index_name")
	s.listBackups(q, &name)
}

// listBackups answers a page of all backups, or of the backups of the
// current index named *indexName (404 when there is none). Backups taken from
// an earlier index of the same name are not listed there (they still are in
// GET /backups).
func (s *Server) listBackups(q *request, indexName *string) {
	p, err := parseVersionedPage(q.r, pageKindBackups, q.version)
	if err != nil {
		q.fail(err)
		return
	}
	proj := q.proj
	t := s.now()
	s.mu.Lock()
	proj.purgeExpired(t)
	sourceID := ""
	if indexName != nil {
		ix, ok := proj.indexes[*indexName]
		if !ok {
			s.mu.Unlock()
			q.fail(indexNotFound(*indexName))
			return
		}
		sourceID = ix.id
	}
	var all []*backup
	for _, b := range proj.backups {
		if sourceID == "" || b.sourceIndexID == sourceID {
			all = append(all, b)
		}
	}
	page, next := paginate(all, (*backup).pos, p, pageKindBackups)
	out := backupListJSON{Data: make([]any, 0, len(page)), Pagination: nextPage(next)}
	for _, b := range page {
		out.Data = append(out.Data, b.render(q.version, t, false))
	}
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

func (s *Server) handleDescribeBackup(q *request) {
	id := q.param("backup_id")
	s.read(q, func(t time.Time) (any, *apiError) {
		b, ok := q.proj.backups[id]
		if !ok {
			return nil, backupNotFound(id)
		}
		return b.render(q.version, t, false), nil
	})
}

// handleDeleteBackup answers 202 and removes the backup at once: BackupModel
// has no Terminating status. While a restore from the backup is unfinished
// it answers 412.
func (s *Server) handleDeleteBackup(q *request) {
	id := q.param("backup_id")
	p := q.proj
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := p.backups[id]; !ok {
		q.fail(backupNotFound(id))
		return
	}
	if pending := p.pendingRestoreJobs(id, t); len(pending) > 0 {
		q.fail(&apiError{status: http.StatusPreconditionFailed, code: codeFailedPrecondition,
			message: "Unable to delete backup. There are pending restore jobs for this backup: " + pythonList(pending)})
		return
	}
	delete(p.backups, id)
	q.w.WriteHeader(http.StatusAccepted)
}
