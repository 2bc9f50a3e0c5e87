// Package emulator is an in-memory Pinecone control plane, plus the
// namespace endpoints of each index's data plane (no vectors: see
// "Namespaces"), for tests and local runs. It answers the db_control API
// (indexes, collections, backups and
// restore jobs; API versions 2025-10 and 2026-04, which are identical for
// db_control, and 2026-07, which describes indexes by schema and deployment
// and adds backup schedules: see "API version 2026-07" and "Backup
// schedules" below), the assistant_control API (assistants), the file endpoints
// of the assistant data plane, the inference model catalogue (GET /models),
// the admin API (projects, API keys, organizations, and at 2026-07 service
// accounts, role bindings, invites and users, with role enforcement: see
// "Access management and roles") and its OAuth token endpoint the way
// production does, as
// Pinecone's public sources describe it: the OpenAPI files of
// github.com/pinecone-io/pinecone-api (cited as "spec <file>", e.g. spec
// db_control_2025-10.oas.yaml, with an operationId or schema name), the
// official clients (pinecone-io/go-pinecone, the TypeScript client) and
// docs.pinecone.io (cited as "docs <page>"). Where the spec and production
// differ it follows production. CONFORMANCE.md in this directory lists
// every endpoint with the API versions served, the source each rests on and
// the known differences from production.
//
// Use it in-process,
//
//	srv := httptest.NewServer(emulator.New(emulator.Options{ReadyDelay: time.Second}))
//	defer srv.Close()
//	// point the client at srv.URL, send Api-Key: emulator.DefaultAPIKey;
//	// for the admin API, get a token at srv.URL+"/oauth/token" with
//	// emulator.DefaultClientID / emulator.DefaultClientSecret
//
// or as a process with cmd/pinecone-emulator.
//
// # Organization, projects and keys
//
// The emulator holds one organization (Options.OrganizationName, default
// "Emulator Organization"; id "org-<random>") and, from the start, one
// project, "Default Project" (Server.DefaultProjectID; max_pods 50, the
// organization default production reports). Every index, collection,
// backup, restore job and assistant (with its files) belongs to one project,
// and each API key belongs to exactly one project: the Api-Key of a request
// selects the project whose objects it sees and creates, so the same names
// may exist in two projects and a backup or restore job id of another
// project is 404. The keys of Options.APIKeys (DefaultAPIKey when empty) are
// API keys of the default project named "default", "default-2", ... with
// role ProjectEditor; the admin API lists, renames and deletes them like any
// other key. A key created through the admin API works at once, and a
// deleted key (or the keys of a deleted project) stops working at once.
// A key may do what its roles allow (see "Access management and roles");
// ProjectEditor, which the seeded keys hold, allows everything in its
// project. Stats, faults and the model catalogue are global.
//
// # Endpoints
//
//	GET    /indexes                     200 {"indexes":[...]}, sorted by name
//	POST   /indexes                     201 IndexModel
//	POST   /indexes/create-for-model    201 IndexModel (serverless, integrated inference)
//	GET    /indexes/{index_name}        200 IndexModel
//	PATCH  /indexes/{index_name}        200 IndexModel (the spec says 202; production and the Go SDK use 200)
//	DELETE /indexes/{index_name}        202, empty body (412 while a collection from it is Initializing)
//
//	GET    /models                      200 {"models":[ModelInfo...]} (key always present; query type, vector_type)
//	GET    /models/{model_name}         200 ModelInfo (404 "Model <name> not found.")
//
//	GET    /collections                      200 {"collections":[...]} (key always present), sorted by name
//	POST   /collections                      201 CollectionModel
//	GET    /collections/{collection_name}    200 CollectionModel
//	DELETE /collections/{collection_name}    202, empty body
//
//	GET    /indexes/{index_name}/backups     200 {"data":[...],"pagination":{"next":...} or null} (that index's backups)
//	POST   /indexes/{index_name}/backups     200 BackupModel (the spec says 201; the Go SDK accepts only 200)
//	GET    /backups                          200 {"data":[...],"pagination":{"next":...} or null} (all backups of the project)
//	GET    /backups/{backup_id}              200 BackupModel
//	DELETE /backups/{backup_id}              202, empty body (412 while a restore from it is unfinished)
//	POST   /backups/{backup_id}/create-index 202 {"restore_job_id":...,"index_id":...}
//	GET    /restore-jobs                     200 {"data":[...],"pagination":{"next":...} or null}
//	GET    /restore-jobs/{job_id}            200 RestoreJobModel
//
//	GET    /indexes/{index_name}/backup-schedules  2026-07: 200 {"data":[BackupScheduleResponse...],"pagination":...} (oldest first)
//	POST   /indexes/{index_name}/backup-schedules  2026-07: 200 BackupScheduleResponse (the spec's status)
//	GET    /backup-schedules/{schedule_id}         2026-07: 200 BackupScheduleResponse
//	PATCH  /backup-schedules/{schedule_id}         2026-07: 200 BackupScheduleResponse
//	DELETE /backup-schedules/{schedule_id}         2026-07: 204, empty body
//	GET    /backup-schedules/{schedule_id}/history 2026-07: 200 {"data":[BackupScheduleHistoryItem...],"pagination":...} (newest first)
//
//	GET    /assistant/assistants                   200 {"assistants":[...]} (2026-04: one page, plus pagination)
//	POST   /assistant/assistants                   200 Assistant (not 201)
//	GET    /assistant/assistants/{assistant_name}  200 Assistant
//	PATCH  /assistant/assistants/{assistant_name}  200 {"assistant_name":...,"instructions":...,"metadata":...}
//	DELETE /assistant/assistants/{assistant_name}  200, empty body
//
//	GET    /assistant/files/{assistant_name}                      200 {"files":[...]} (query filter; 2026-04+: limit, pagination_token, plus pagination)
//	POST   /assistant/files/{assistant_name}                      2025-10: 200 AssistantFileModel (part file; query metadata, multimodal)
//	                                                              2026-04+: 202 OperationModel + Location (parts file, metadata; query multimodal)
//	PUT    /assistant/files/{assistant_name}/{assistant_file_id}  2026-04+: 202 OperationModel + Location (upsert with the caller's id)
//	GET    /assistant/files/{assistant_name}/{assistant_file_id}  200 AssistantFileModel (query include_url)
//	DELETE /assistant/files/{assistant_name}/{assistant_file_id}  2025-10: 200, empty body; 2026-04+: 202 OperationModel, 204 for a ProcessingFailed file
//	GET    /assistant/operations/{assistant_name}                 2026-04+: 200 {"operations":[...],"pagination":...} (query operation_type, status, limit, pagination_token)
//	GET    /assistant/operations/{assistant_name}/{operation_id}  2026-04+: 200 OperationModel
//
//	POST   /oauth/token                              200 {"access_token":...,"token_type":"Bearer","expires_in":N}
//
//	GET    /admin/projects                           200 {"data":[Project...]} (creation order)
//	POST   /admin/projects                           200 Project
//	GET    /admin/projects/{project_id}              200 Project
//	PATCH  /admin/projects/{project_id}              200 Project
//	DELETE /admin/projects/{project_id}              202, empty body (412 while it holds objects)
//	GET    /admin/projects/{project_id}/api-keys     200 {"data":[APIKey...]} (never values)
//	POST   /admin/projects/{project_id}/api-keys     200 {"key":APIKey,"value":"pckey_..."} (the spec says 201; the Go SDK accepts only 200)
//	GET    /admin/api-keys/{api_key_id}              200 APIKey
//	PATCH  /admin/api-keys/{api_key_id}              200 APIKey
//	DELETE /admin/api-keys/{api_key_id}              202, empty body
//	GET    /admin/organizations                      200 {"data":[Organization]} (one; none once deleted)
//	GET    /admin/organizations/{organization_id}    200 Organization
//	PATCH  /admin/organizations/{organization_id}    200 Organization
//	DELETE /admin/organizations/{organization_id}    200, empty body (the spec says 202; the Go SDK accepts only 200; 412 while it has projects)
//
//	GET    /admin/service-accounts                          2026-07: 200 {"data":[ServiceAccount...],"pagination":...}
//	POST   /admin/service-accounts                          2026-07: 201 {"service_account":ServiceAccount,"client_secret":...}
//	GET    /admin/service-accounts/{service_account_id}     2026-07: 200 ServiceAccount (never the secret)
//	PATCH  /admin/service-accounts/{service_account_id}     2026-07: 200 ServiceAccount
//	DELETE /admin/service-accounts/{service_account_id}     2026-07: 202, empty body (bindings and tokens go with it)
//	POST   /admin/service-accounts/{id}/rotate-secret       2026-07: 200 {"service_account":...,"client_secret":<new>}
//	GET    /admin/role-bindings                             2026-07: 200 {"data":[RoleBinding...],"pagination":...} (filters principal_type, principal_id, resource_type, resource_id, role)
//	POST   /admin/role-bindings                             2026-07: 200 RoleBinding
//	GET    /admin/role-bindings/{role_binding_id}           2026-07: 200 RoleBinding
//	DELETE /admin/role-bindings/{role_binding_id}           2026-07: 202, empty body (409 ABORTED for the last owner or membership)
//	GET    /admin/invites                                   2026-07: 200 {"data":[Invite...],"pagination":...} (pending and expired only)
//	POST   /admin/invites                                   2026-07: 200 Invite (pending, expires in 7 days)
//	GET    /admin/invites/{invite_id}                       2026-07: 200 Invite (any status)
//	DELETE /admin/invites/{invite_id}                       2026-07: 202, empty body (409 once accepted)
//	POST   /admin/invites/{invite_id}/resend                2026-07: 200 Invite (pending again, expires in 7 days; 409 once accepted)
//	GET    /admin/users                                     2026-07: 200 {"data":[User...],"pagination":...} (filter email)
//	GET    /admin/users/{user_id}                           2026-07: 200 User
//	DELETE /admin/users/{user_id}                           2026-07: 202, empty body (409 ABORTED for the last owner)
//
//	POST   /_emulator/invites/{invite_id}/accept            200 {"user_id":...} (test hook, Server.AcceptInvite; 404 unknown, 409 not pending)
//	GET    /_emulator/hosts                                 200 {"hosts":[{"project_id","index","host","private_host"}...]} (every index host served)
//
// On an index's host (the Host header names it; see "Namespaces"):
//
//	GET    /namespaces                  200 {"namespaces":[...],"pagination":{"next":...} (only while more follow),"total_count":N}
//	POST   /namespaces                  200 NamespaceDescription (the specs' status; not 201)
//	GET    /namespaces/{namespace}      200 NamespaceDescription
//	DELETE /namespaces/{namespace}      200 {} (the specs' DeleteResponse; not 202)
//
// Production serves assistant_control at https://api.pinecone.io/assistant
// and the files at the assistant's host + /assistant; the emulator serves
// both itself, so the assistant_control base URL is the emulator's URL +
// "/assistant". An Assistant's host is the scheme and Host the request came
// in on ("http://127.0.0.1:PORT", https behind TLS), worked out anew for each
// answer, so the file endpoints work through it both in-process (httptest)
// and against cmd/pinecone-emulator. The 2026-04 header adds region to
// Assistant and paginates the list (limit 1-100, default 50, and the
// snake_case pagination_token); 2025-10 lists everything and ignores both
// parameters (spec assistant_control_2026-04.oas.yaml, list_assistants and
// Assistant, against assistant_control_2025-10.oas.yaml).
//
// The paginated db_control lists (backups, an index's backups, restore jobs,
// and at 2026-07 an index's backup schedules and a schedule's history) take
// limit (1-100, default 10, 100 at 2026-07; anything else is 400) and
// paginationToken (an opaque token from pagination.next of the previous
// page; 400 when it does not come from that kind of list). They are ordered
// by creation time, then id (a schedule's history newest first);
// pagination is null on the last page, an empty list included.
// A page continues after the last item of the previous one, so deletions
// between calls do not make items repeat or go missing.
//
// Every request passes, on the control plane and on an index's data plane
// alike, in this order: counting (Server.Stats), Faults.Latency,
// the rate limiter and random 429s, error injection, authentication (401
// UNAUTHENTICATED; see below), the X-Pinecone-Api-Version check (missing
// means 2025-10; 2025-10, 2026-04 and 2026-07 are served; anything else
// is 400), routing
// (unknown path 404, wrong method 405), a forced status (Faults.ForceStatus)
// and the handler. Authentication depends on the path prefix: /admin/ needs
// Authorization: Bearer <access token> (an Api-Key alone is 401; missing,
// unknown and expired tokens are 401), /oauth/ needs nothing, and
// everything else needs an Api-Key. Errors use Pinecone's body
// {"error":{"code":...,"message":...},"status":N}. Bodies that do not decode
// (bad JSON, wrong types, missing required fields) get 422
// UNPROCESSABLE_ENTITY with serde-style messages ("Failed to deserialize the
// JSON body into the target type: missing field `name` at line 1 column
// 16"); JSON null counts as an absent field everywhere. Rule violations get
// 400 INVALID_ARGUMENT, an unknown serverless cloud or region 404 NOT_FOUND
// ("Resource cloud: aws region: us-west1 not found."), a taken name 409
// ALREADY_EXISTS, a pod index over the project's max_pods 403 QUOTA_EXCEEDED,
// DELETE of a protected index 403 FORBIDDEN, and a DELETE that pending work
// depends on 412 FAILED_PRECONDITION ("Unable to delete an index. There are
// pending collections for this index: ['c1', 'c2']", "Unable to delete
// backup. There are pending restore jobs for this backup: ['<job id>']").
//
// # API version 2026-07
//
// With X-Pinecone-Api-Version: 2026-07 (spec db_control_2026-07.oas.yaml;
// the TS client 9.0.0's generated models) every path is served. The
// assistant, admin and inference APIs answer as at 2026-04 (the 2026-07
// ModelInfo has the fields of the 2026-04 one). db_control keeps one store
// and renders it in the version each request asks for, so an index made in
// one version shows in every other:
//
//   - IndexModel has, in this order, name, host, private_host (when set),
//     status, deployment, read_capacity (managed and byoc only; the
//     ReadCapacityResponse of 2026-04), source_collection, source_backup_id
//     and cmek_id (each when set), schema, tags (null when there are none)
//     and deletion_protection, and no dimension, metric, vector_type, spec or
//     embed. deployment is {"deployment_type":"managed","cloud","region",
//     "environment"} (environment: the serverless cell that is also in the
//     host), {"deployment_type":"byoc","environment"} or
//     {"deployment_type":"pod","environment","pod_type","replicas","shards"}.
//   - schema.fields of an index made with the old shapes: a dense index
//     reports "_values" {"type":"dense_vector","description":null,
//     "dimension","metric"} and "_sparse_values" {"type":"sparse_vector",
//     "description":null}, a sparse one only "_sparse_values", an integrated
//     one a single "semantic_text" field named after field_map's text entry
//     {"type","description":null,"model","dimension" (null for sparse
//     models),"metric","read_parameters","write_parameters"}; filterable
//     metadata (spec.serverless/byoc.schema, pod metadata_config.indexed)
//     shows as {"<name>":{"filterable":true}}. A document index shows its
//     fields as created, with the defaults filled in: description null
//     when not set, full_text_search {"language" ("en"), "stemming" (false),
//     "stop_words" (false), "ngram" {"min_gram","max_gram","prefix_only"
//     (false)} only when given}.
//   - POST /indexes takes {name, deployment, schema, cmek_id, read_capacity,
//     tags, deletion_protection}; only schema is required. Without
//     deployment the index is managed on aws us-east-1, without name it is
//     named "index-<8 lowercase alnum>". A schema of only _values and/or
//     _sparse_values makes exactly the index the old dense (_values) or
//     sparse create makes; named fields make a document index. Checks, in
//     order: the body decodes (422); no top-level dimension, metric,
//     vector_type, spec, embed or source_collection (400, naming the key,
//     saying that 2026-07 describes indexes by schema and deployment and
//     that pod indexes and indexes from a collection need an earlier
//     version); required keys (422: schema, fields, a field's type,
//     dense_vector's dimension and metric, ngram's min_gram and max_gram,
//     deployment_type, cloud and region of managed, environment of byoc,
//     read_capacity.mode); name, deletion_protection, tags (400, as at
//     2026-04); the deployment (400: pod cannot be created at 2026-07 and
//     the message says to send an earlier X-Pinecone-Api-Version; unknown
//     types; environment on managed, which is read-only; an empty byoc
//     environment); the schema (400, index_schema_validate.go: not empty,
//     with the spec's message; each field by name: name non-empty, at most
//     64 bytes, not starting with "$", "_" only for _values / _sparse_values;
//     type dense_vector, sparse_vector or string (semantic_text and the
//     metadata types say what to do instead); _values dense_vector and
//     _sparse_values sparse_vector; no description on a reserved field,
//     at most 256 bytes elsewhere; dimension 1-20000 and metric cosine,
//     dotproduct or euclidean; string needs full_text_search, whose
//     language is one of the 18 codes or names of the docs' table, ngram
//     1 <= min_gram <= max_gram <= 10 and not with stemming or stop_words,
//     stop_words only with stemming and a language that has a stop word
//     list; then reserved fields only as the whole schema; then at most one
//     dense_vector, one sparse_vector and 100 string fields); a document
//     index on byoc, cmek_id with a full-text field (400); read_capacity
//     (400), which a byoc index must set to Dedicated; an unknown cloud or
//     region (404); a full-text field in a project that enforces CMEK (412);
//     the name (409); 201.
//   - An index that is only in 2026-07's shapes (a document index) shows at
//     2025-10 and 2026-04 as a serverless index: dimension and metric of
//     its dense_vector field and vector_type dense, or vector_type sparse,
//     metric dotproduct and no dimension without one; spec.serverless
//     {cloud, region, read_capacity} without schema; no embed. Embed cannot
//     be added to it by a 2026-04 PATCH (400).
//   - PATCH takes {deployment {replicas, pod_type}, schema {fields: {<the
//     semantic_text field>: {type: semantic_text, model, read_parameters,
//     write_parameters}}}, read_capacity, tags, deletion_protection} and
//     answers 200 with the 2026-07 IndexModel; transitions are those of the
//     earlier PATCH. spec and embed are 400, like deployment_type in
//     deployment, deployment on a non-pod index and read_capacity on a pod
//     index. read_capacity is a ReadCapacityPatch: OnDemand (not for byoc),
//     or Dedicated with any of node_type, scaling and manual, omitted ones
//     keeping their value; scaling and manual come as a pair, and a move
//     from OnDemand needs node_type, scaling and manual. schema names
//     exactly one field, which must be the index's semantic_text field;
//     model may only repeat the current one; the parameters are checked and
//     completed like embed's.
//   - POST /indexes/create-for-model and POST /backups/{backup_id}/create-index
//     take the 2026-04 requests (create-index also read_capacity) and answer
//     the 2026-07 IndexModel and {restore_job_id, index_id}. Restoring a
//     backup that is not Ready is 412 FAILED_PRECONDITION "Backup <id> is
//     not completed". Collections are served as at 2026-04 (pod indexes
//     made with an earlier version); an index from a collection needs an
//     earlier version (source_collection is one of the refused keys).
//   - BackupModel has no dimension or metric; its schema is the source
//     index's schema.fields as above, tags is null when there are none, a
//     failed backup is InitializationFailed, and a name must follow the
//     index name rule (400). RestoreJobModel is Pending until the job
//     completes, then Completed with percent_complete 100 (an integer,
//     absent before) and completed_at (null before). The backup and restore
//     job lists hold 100 items a page unless limit says otherwise.
//   - Backup schedules are served at 2026-07 only; see "Backup schedules".
//
// # Backup schedules
//
// At API 2026-07 (spec db_control_2026-07.oas.yaml: create_backup_schedule,
// list_backup_schedules, describe_backup_schedule, update_backup_schedule,
// delete_backup_schedule, list_backup_schedule_history; the TS client 9.0.0
// models; docs reference/api/2026-07/control-plane/*_backup_schedule* and
// guides backups-overview) an index may carry backup schedules. With
// 2025-10 or 2026-04 the six paths answer 404 NOT_FOUND "Route <METHOD>
// <path> not found in API version <v>; backup schedules exist from 2026-07
// on." (the earlier specs have no such paths) and change nothing.
//
//   - POST /indexes/{index_name}/backup-schedules takes {name, schedule
//     {type, frequency}, retention {expire_after_days}}, all required.
//     Checks, in order: the body decodes (422, "missing field `type`" and
//     so on); name follows the index name rule (1-45 lowercase
//     alphanumerics or "-", 400); schedule.type is "time-based" (400
//     `Invalid schedule.type "cron". Only "time-based" schedules are
//     supported.`); schedule.frequency is daily, weekly or monthly (400
//     `Invalid schedule.frequency "hourly". Must be one of: daily, weekly,
//     monthly.`); retention.expire_after_days is 1-365 (400 "Invalid
//     retention.expire_after_days 0: must be between 1 and 365."); the
//     index exists (404 "Index x not found."), is serverless or BYOC (a pod
//     index is 400 "Backup schedules are supported for serverless and BYOC
//     indexes only. Index p is a pod-based index.") and is not Terminating
//     (400); no other enabled schedule is on the index (409 ALREADY_EXISTS
//     "This index already has an enabled backup schedule. Disable or delete
//     it first."). A new schedule is enabled. Its answer may be dropped by
//     Faults.DropCreateResponses like other creates; a retry then meets the
//     409.
//   - BackupScheduleResponse is {schedule_id (UUID), name, index_id,
//     project_id, schedule_type "time-based", frequency,
//     retention_expire_after_days, enabled, next_scheduled_run, created_at},
//     in this order. created_at has milliseconds ("2026-03-01T12:00:00.000Z",
//     as backups), next_scheduled_run is a whole-second slot
//     ("2026-03-02T06:00:00Z") and null while the schedule is disabled.
//   - PATCH /backup-schedules/{schedule_id} takes {frequency, retention
//     {expire_after_days}, enabled}, each optional (absent or null: kept;
//     retention without expire_after_days is 422); the same 400 rules, then
//     404 "Backup schedule not found.", then the 409 when it re-enables a
//     schedule while another one on the index is enabled. A new frequency
//     keeps the run already planned and applies from the one after it. A new
//     retention applies to the backups the schedule has already made too.
//     enabled false stops the runs (next_scheduled_run null, no Scheduled
//     row); enabled true on a disabled schedule takes one backup at once and
//     plans the next run as a new schedule does; true on an enabled one
//     changes nothing.
//   - GET /indexes/{index_name}/backup-schedules lists the schedules of the
//     index that has the name now (404 when there is none), oldest first;
//     DELETE /backup-schedules/{schedule_id} answers 204 and keeps the
//     backups the schedule made; an unknown id is 404 "Backup schedule not
//     found." on every schedule path.
//   - Schedules run on the Now clock: before any request is handled, every
//     run that has come due is taken (backup_schedule_runs.go). The first
//     run is the next 06:00:00 UTC strictly after the create (or the
//     re-enable); later runs follow every day, every 7 days, or on the same
//     day of each following month (the last day of a shorter month). A run
//     takes an ordinary backup of the index as it is then, with created_at
//     the due time, named "<schedule name>-<YYYYMMDDTHHMMSSZ of the due
//     time>" ("nightly-20260302T060000Z"), no description, Initializing for
//     ReadyDelay from the due time, then Ready (or InitializationFailed /
//     Failed for an index in Faults.FailBackups); it shows in GET /backups
//     and GET /indexes/{index_name}/backups in every API version, can be
//     described, restored and deleted, and expires retention days after its
//     created_at: from then on it is gone (404, absent from every list and
//     from the history). When the clock has passed many due times at once,
//     every run whose backup would not yet have expired is taken and the
//     older ones are skipped (their backups would be gone already), so one
//     catch-up makes at most 366 backups per schedule (365 days of
//     retention, a day apart), however far the clock jumps.
//   - GET /backup-schedules/{schedule_id}/history lists, newest first, the
//     backups the schedule made that still exist and, while it is enabled,
//     a row for the next run: status "Scheduled", the backup_id and name
//     the run's backup will have, the index's current source_index_id,
//     source_index_name, tags, cloud, region and schema, created_at the
//     moment the run was planned (the create, the re-enable or the previous
//     run) and scheduled_execution_at the due time. Every row has tags,
//     description and schema (null when empty) and record_count,
//     namespace_count and size_bytes (null until the backup is Ready, 0
//     once it is); scheduled_execution_at only on the Scheduled row, which
//     is not a backup (GET /backups/{id} of its id is 404 until the run).
//     The row sorts by its due time, so a page token stays valid when it
//     turns into the backup.
//   - Deleting an index deletes its schedules at once (404 afterwards; the
//     Terminating index lists none and a new index of the same name starts
//     without any); the backups they made stay until they expire.
//
// # OAuth and admin
//
// POST /oauth/token takes a JSON object (Content-Type application/json, or
// none) or a form (application/x-www-form-urlencoded) with client_id,
// client_secret, grant_type=client_credentials and
// audience=https://api.pinecone.io/. Real clients send neither an Api-Key
// nor a version header, and none is needed. Every answer under /oauth/ uses
// the OAuth error shape {"error":...,"error_description":...}: a missing,
// empty or wrong parameter, a body that does not parse and an unsupported
// content type are 400 invalid_request (one code for all of them, where
// RFC 6749 would use unsupported_grant_type for a wrong grant_type), credentials
// that do not match a service account (Options.ServiceAccounts, or
// DefaultClientID / DefaultClientSecret, or one made through the admin API,
// with its current secret) are 401 access_denied "Unauthorized", injected
// faults are 429 too_many_requests, 500 server_error and 503
// temporarily_unavailable, an unknown path 404 not_found, a wrong method
// or version header 405/400 invalid_request. A token is 52 random
// characters (crypto/rand), works until Options.TokenTTL (default 30
// minutes) has passed on the Now clock, and expires_in is that TTL in whole
// seconds, at least 1. Tokens are answered with Cache-Control: no-store.
//
// Admin answers use Pinecone's error shape, 422 for bodies that do not
// decode (missing name included) and 400 for rule violations, like
// db_control. Path ids of projects and API keys must be UUIDs (400
// otherwise; they are matched case-insensitively); organization ids are
// plain strings. Checks run in the order: path id (400), body (422, 400),
// object (404), then conflicts (400, 409, 412).
//
//   - Projects: name 1-512 characters (Unicode code points), required;
//     max_pods 0 (default) to 2^31-1; force_encryption_with_cmek default
//     false. max_pods is answered as the effective allotment, which
//     production says may exceed the request (go-pinecone v6.1.0
//     pinecone/admin_client_test.go, CreateProject): the
//     emulator keeps 0 and values from 5 up and raises 1-4 to 5. Pod
//     indexes count against it (the pod quota below). PATCH
//     changes name, max_pods and force_encryption_with_cmek (absent or null:
//     unchanged); turning force_encryption_with_cmek off once on is 400
//     (confirmed: spec UpdateProjectRequest, once true it cannot be turned
//     off). Project names are unique in the organization (409
//     ALREADY_EXISTS on create and rename) (chosen: create_project and
//     update_project list no 409, and the docs say nothing of uniqueness).
//     Unknown project: 404 "Project <id> not found.". DELETE answers 202
//     and removes the project with its API keys and restore jobs; while it
//     still holds an index, collection, backup or assistant (Terminating
//     ones too, until they are gone) it is 412 FAILED_PRECONDITION, e.g.
//     "Project p still has 2 indexes and 1 assistant; delete them first."
//     (confirmed that they must go first: admin spec delete_project; the
//     412 is chosen, db_control's code for a DELETE that other objects
//     depend on). The default project can be deleted like any other.
//   - API keys: name 1-80 characters, required, not unique; roles from
//     ProjectEditor, ProjectViewer, ControlPlaneEditor, ControlPlaneViewer,
//     DataPlaneEditor, DataPlaneViewer (default ["ProjectEditor"]; an
//     unknown role or an empty array is 400; repeats are kept once). The
//     value, "pckey_<8 lowercase chars>_<52 chars>" from crypto/rand, is
//     shown only in the create answer. PATCH replaces the name and/or the
//     whole role set. Unknown key: 404 "API Key <id> not found.".
//   - Organization: plan Standard, payment_status Active, support_tier
//     Developer (chosen: placeholders taken from the spec's enums). PATCH
//     renames it (1-512 characters). Unknown id: 404 "Organization <id> not
//     found.". DELETE is 412 while any project is left (confirmed that
//     projects must go first: admin spec delete_organization; the 412 is
//     chosen, mirroring projects);
//     afterwards the organization is gone with its service accounts: every
//     token stops working and the token endpoint answers 401.
//   - Requests that passed authentication just before their project (or
//     organization) was deleted do not create anything in it: they get 401
//     as if they had arrived a moment later.
//
// # Access management and roles
//
// At API 2026-07 the admin API also manages who may do what (spec
// admin_2026-07.oas.yaml; the TS client 9.0.0's admin models). Below
// 2026-07 these paths are 404, as backup schedules are. The lists take
// limit (1-100, default 100; out of range is 400 OUT_OF_RANGE, not an
// integer 400 INVALID_ARGUMENT) and paginationToken, which only works with
// the filters and limit it was issued for (400 otherwise); they are in
// creation order and answer "pagination": null on the last page. Ids in
// paths and bodies are UUIDs (400 otherwise), matched case-insensitively.
//
//   - Service accounts: name 1-80 characters, not unique; role_bindings
//     (0-100 of {resource_type, resource_id, role}) are made with the
//     account and not returned. client_id is 32 letters and digits, the
//     secret 64 URL-safe characters, both from crypto/rand; the secret is
//     shown by the create and by rotate-secret only. POST /oauth/token
//     takes the new credentials at once; after a rotation the old secret is
//     401 access_denied and its tokens 401 at once, and deleting the account
//     ends its tokens and bindings at once. Every access token remembers
//     its service account. The credentials of Options.ServiceAccounts (or
//     DefaultClientID / DefaultClientSecret) are service accounts named
//     BootstrapServiceAccountName ("emulator-bootstrap", "-2", ... in
//     client_id order), each holding OrgOwner, so they may do everything;
//     they are listed, and can be renamed, rotated and deleted like others.
//   - Users: the organization starts with one, DefaultOwnerEmail (name
//     DefaultOwnerName, id Server.DefaultOwnerUserID) holding OrgOwner.
//     Users join only by accepting an invite. GET /admin/users?email= matches
//     case-insensitively (a malformed email is 400). DELETE removes the user
//     and its bindings; the last user holding OrgOwner is 409 ABORTED
//     "Cannot delete the last OrgOwner role binding for this organization.".
//   - Invites: email (an address of at most 254 characters) and 1-100
//     role_bindings, at least one organization-scoped (an Org* role; 400
//     otherwise). The invite is pending, expires_at created_at + 7 days,
//     processed_at null; its bindings are role bindings with principal_type
//     "invite" and the invite's id. It is expired from expires_at on the
//     Now clock. An email that a user has is 409 ALREADY_EXISTS "This email
//     already belongs to a member of the organization."; one with a pending
//     or expired invite is 409 "A pending invite already exists for this
//     email; its ID is <id>.". The list holds pending and expired invites;
//     GET by id also shows processed ones. Resend makes a pending or expired
//     invite pending until now + 7 days; DELETE removes it with its
//     bindings; both are 409 ALREADY_EXISTS once it is accepted.
//   - Accepting (Server.AcceptInvite, or POST /_emulator/invites/{id}/accept
//     answering 200 {"user_id":...}): only a pending invite (404 unknown,
//     409 FAILED_PRECONDITION accepted or expired; ErrInviteNotFound and
//     ErrInviteNotPending from the method). The invite becomes processed
//     (processed_at now) and leaves the list; a user with its email joins
//     (or the existing one is reused); each of its bindings keeps its id
//     and created_at and becomes principal_type "user" with the user's id.
//   - Role bindings: principal_type user, service_account, api_key or
//     invite; resource_type organization (resource_id left out; the
//     binding shows the organization's id) or project (resource_id a
//     project's UUID); role one of the 13. OrgOwner, OrgManager,
//     OrgBillingAdmin and OrgMember bind only at the organization, the
//     others only to a project (400). API keys hold only the six API key
//     roles, and only in their own project (400). Checks: the body (422),
//     enums, scope and resource_id (400), the project (404), the caller's
//     right to grant there (403), the principal (400 malformed, 404
//     unknown, 409 an accepted invite), the API key rules (400), an
//     identical binding (409 ALREADY_EXISTS "A role binding with these
//     attributes already exists."). Deleting a binding is 409 ABORTED when
//     it is the last OrgOwner binding of a user in the organization, or the
//     last organization role of a user or unaccepted invite. Deleting a
//     user, service account, API key, invite or project deletes the
//     bindings of (or on) it.
//
// Enforcement (permissions.go). A request's caller is the API key of its
// Api-Key header or the service account of its Bearer token. A call its
// roles do not allow is 403 PERMISSION_DENIED, before the body is read:
// "Permission denied: API key <id> (roles: ProjectViewer) does not have the
// 'indexes:create' permission on project <project id>." or "Permission
// denied: service account <id> does not have the 'projects:create'
// permission on organization <org id>.". Permission names are
// "<resource>:<verb>" (indexes:create, backups:list, assistant_files:upload,
// projects:describe, api_keys:create, role_bindings:create, ...).
//
//   - An API key's roles are its roles plus the roles of bindings naming it.
//     ProjectEditor may do everything in its project; ProjectViewer may
//     read (GET) everything; ControlPlaneEditor / ControlPlaneViewer may
//     write / read indexes, collections, backups, restore jobs, backup
//     schedules and assistants; DataPlaneEditor / DataPlaneViewer may write
//     / read assistant files and file operations and an index's namespaces,
//     and nothing on the control plane (403 even for GET /indexes);
//     ProjectViewer reads namespaces, the ControlPlane roles have none of
//     them. GET /models is open to every key.
//   - A service account's roles are its bindings. OrgOwner may do
//     everything. OrgManager may create projects and do everything in every
//     project (the project, its API keys, its role bindings), manage
//     service accounts, and list users, invites and every binding, but not
//     invite, grant organization roles, or change or delete the
//     organization. OrgMember may create projects and list users;
//     OrgBillingAdmin may list users. In project P, ProjectOwner may
//     describe, update and delete P and manage its API keys and role
//     bindings; ProjectManager and ProjectMember may describe P and list its
//     keys and bindings; the access roles may describe P. Nothing reaches
//     other projects. A service account that creates a project its roles
//     would not let it see becomes its ProjectOwner.
//   - GET /admin/projects and GET /admin/role-bindings show what the caller
//     may describe and refuse nothing; GET /admin/organizations and the
//     organization's describe are open to every caller.
//
// # Inference models
//
// GET /models and GET /models/{model_name} serve the one catalogue that
// create-for-model and PATCH embed validate against (spec
// inference_2025-10.oas.yaml: list_models, get_model, ModelInfo):
// the embed models llama-text-embed-v2, multilingual-e5-large (dense) and
// pinecone-sparse-english-v0 (sparse), then the rerank models
// bge-reranker-v2-m3, cohere-rerank-3.5 and pinecone-rerank-v0, in that
// order. They take an Api-Key and the version header like db_control but
// show the same models to every project. ModelInfo leaves out keys a model
// has no value for: rerank models have no vector_type, dimensions or
// metrics, the sparse model no dimensions; in supported_parameters,
// parameter, type, value_type and required are always present and
// allowed_values, min, max and default only when set. Metrics are
// lowercase, as in the ModelInfoMetric enum.
//
// The filters type (embed | rerank) and vector_type (dense | sparse) are
// optional and combine; a present parameter with any other value (including
// "" and other capitalizations) is 400 INVALID_ARGUMENT naming it and its
// allowed values. vector_type keeps only models of that vector type, so it
// leaves out rerank models (type=rerank&vector_type=dense lists none).
// Other query parameters are ignored.
//
// What the facts do not give comes from the example answer on Pinecone's
// public list_models reference page (API 2025-10) (confirmed for
// llama-text-embed-v2's provider and sequence length: docs
// models/llama-text-embed-v2, "NVIDIA", 2048 input tokens; the other
// values are chosen: copied from that example, which no spec repeats):
// max_sequence_length / max_batch_size / provider_name of 2048 / 96 /
// NVIDIA (llama-text-embed-v2), 507 / 96 / Microsoft
// (multilingual-e5-large), 512 / 96 / Pinecone
// (pinecone-sparse-english-v0), 1024 / 100 / BAAI (bge-reranker-v2-m3),
// 40000 / 200 / Cohere (cohere-rerank-3.5) and 512 / 100 / Pinecone
// (pinecone-rerank-v0); the parameters truncate (END, NONE, START; default
// END) and dimension (the supported dimensions; default 1024) of
// llama-text-embed-v2; truncate (END, NONE; default END) and return_tokens
// (boolean, default false) of the sparse model; truncate (END, NONE)
// with default NONE for bge-reranker-v2-m3 and END for
// pinecone-rerank-v0; max_chunks_per_doc (integer 1-3072, default 3072) of
// cohere-rerank-3.5. Short descriptions are the emulator's own.
//
// The emulator's own endpoints live under /_emulator/ (no auth, no faults,
// not counted): GET /_emulator/stats, GET and PUT /_emulator/faults (JSON with
// snake_case keys; durations as Go duration strings), POST
// /_emulator/reset-stats and GET /_emulator/hosts (the host and
// private_host of every index, by project). They answer on the emulator's
// own address, not on an index host.
//
// # Namespaces
//
// Production serves an index's data plane at the index's host, not at
// api.pinecone.io (spec db_data_2025-10.oas.yaml servers
// "https://{index_host}"). The emulator serves both on one address and
// tells them apart by the Host header: a request whose Host, without its
// port and case-insensitively, has the form of an index host
// ("<name>-<id>.svc.<cell>.pinecone.io", which every host and private_host
// it makes has) goes to that index's data plane whatever its path; any
// other Host (127.0.0.1:PORT, localhost) keeps the control plane exactly
// as before. A client reaches an index through the emulator by sending to
// the emulator's address with the index host in Host (Server.IndexHosts
// gives the hosts of the default project's indexes, GET /_emulator/hosts
// every host). Only the four namespace endpoints exist there (specs
// db_data 2025-10, 2026-04 and 2026-07: listNamespacesOperation,
// createNamespace, describeNamespace, deleteNamespace); anything else on an
// index host is 404, and there are no vectors.
//
// Data-plane errors have the shape the db_data specs give these operations,
// rpcStatus {"code":<gRPC code>,"message":...,"details":[]}: 400 is code 3
// (INVALID_ARGUMENT) or 9 (FAILED_PRECONDITION), 401 16, 403 7, 404 5,
// 409 6, 429 8, 500 2, 503 14, 405 12. The steps are those of the control
// plane: faults (ForceStatusPaths name "POST /namespaces", "GET
// /namespaces", "GET /namespaces/{namespace}", "DELETE
// /namespaces/{namespace}", which are also the Stats keys;
// DropCreateResponses drops namespace creates too), then the Api-Key (none
// or unknown 401 "Invalid API key."), the host (404 "Index not found: no
// index is served at host <host>." when no index has it any more), the key's
// project (401 when it is not the index's), the version header (2025-10,
// 2026-04, 2026-07; missing means 2025-10), the route, a forced status, the
// roles (namespaces:create and namespaces:delete need data-plane write,
// i.e. ProjectEditor or DataPlaneEditor; namespaces:list and
// namespaces:describe data-plane read, also ProjectViewer or
// DataPlaneViewer; the ControlPlane roles get 403 PERMISSION_DENIED), then
// the index: gone or Terminating 404 "Index <name> not found.", pod-based
// 400 code 3, not Ready (Initializing, InitializationFailed, Disabled) 400
// code 9.
//
//   - POST /namespaces {"name", "schema": {"fields": {<name>:
//     {"filterable": true}}}} answers 200 NamespaceDescription. Names are
//     ASCII without NUL, 1-512 characters; __default__ is reserved (400);
//     schema.fields has at most 50 fields, none beginning with "$", each
//     with filterable present and true, else 400 "Field '<name>' is set to
//     filterable: false. Only filterable: true is supported."; a schema
//     without fields is 400; a body that is not the request's JSON 400. A
//     taken name is 409 "Namespace <name> already exists in index <index>.".
//     An index with Dedicated read capacity holds one namespace: a second
//     (a created one, or __default__ once it holds records, counts as the
//     first) is 400 FAILED_PRECONDITION "Index <index> uses dedicated read
//     nodes, which support only a single namespace; it already has
//     namespace <name>.".
//   - NamespaceDescription is {"name", "record_count", "schema" (when the
//     namespace was created with one), "indexed_fields" {"fields"} (the
//     schema's fields, sorted, once record_count is above 0), "size_bytes"
//     (2026-07 only, "0")}; record_count and size_bytes are decimal strings
//     in every version. record_count is 0 until a test sets it
//     (Server.SetNamespaceRecordCount).
//   - GET /namespaces/{namespace} (the name may hold "/" sent as %2F): 404
//     "Namespace <name> not found."; __default__ always answers, with its
//     record count. DELETE answers 200 {} and the namespace is gone at
//     once (404 afterwards); __default__ cannot be deleted (400).
//   - GET /namespaces lists in bytewise name order (the spec's "bitwise C
//     collation"), limit 1-100 (default 100), prefix (ASCII, no NUL, at most
//     512; "" matches all), paginationToken (opaque; only from this index's
//     list with the same prefix; 400 otherwise). total_count counts every
//     namespace matching the prefix; pagination is left out on the last
//     page; namespaces is always present. __default__ is listed only while
//     it holds records.
//   - Deleting an index deletes its namespaces at once: its host answers
//     404 from the DELETE on, and an index made again with the name has a
//     new host and no namespaces. Backups and restores carry no namespaces.
//   - Server.SetNamespaceRecordCount(index, namespace, n) sets record_count
//     of a namespace of the default project (ErrIndexNotFound,
//     ErrNamespaceNotFound), so tests can make one non-empty.
//
// # Options and lifecycle
//
// Index status is not stored but computed from the clock (Options.Now, or
// time.Now) each time an index is shown, so tests drive it with a fake clock:
//
//   - Create answers Initializing/ready=false with host and private_host
//     already set. From createdAt+ReadyDelay on it is Ready/true, or
//     InitializationFailed/false for names listed in
//     Faults.FailInitialization. With ReadyDelay 0 the create response still
//     says Initializing and the next request sees Ready.
//   - DELETE answers 202; describe and list then show Terminating/false until
//     DeleteDelay has passed, after which the index is purged (404). The name
//     stays taken (409) while Terminating. A second DELETE while Terminating
//     answers 202 again.
//   - Pod PATCH: more replicas gives ScalingUp, fewer ScalingDown, a bigger
//     pod size ScalingUpPodSize (which wins when both change), for
//     ScalingDelay, then Ready. Smaller pod sizes are rejected ("Cannot scale
//     down").
//   - Read capacity PATCH (serverless/BYOC): read_capacity.status.state is
//     Scaling (replicas/shards changed) or Migrating (mode or node type
//     changed) for ScalingDelay, then Ready. Until then the previous
//     capacity serves: current_replicas/current_shards show the previous
//     Dedicated values (and are absent when the index was OnDemand), the
//     new ones afterwards. The index state follows the capacity that
//     serves: Ready, or Disabled/false when it is Dedicated with 0 replicas
//     (an index created so goes Initializing, then Disabled; one paused
//     this way stays Ready until the change is over, and one brought back
//     to 1 or more replicas stays Disabled until then). For an index in
//     Faults.FailReadCapacity the change ends in state Error with an
//     error_message instead, and the previous capacity keeps serving.
//   - As with create, the response to the PATCH that started a transition
//     always shows it, even with a zero delay.
//   - Collections (pod indexes only) follow the index rules: Initializing
//     for ReadyDelay (always in the create answer), then Ready; DELETE gives
//     Terminating for DeleteDelay, then 404, and the name stays taken (409)
//     until then. Collection names are a namespace of their own, apart from
//     index names. An index created with source_collection needs the
//     collection to exist (404) and be Ready with the same dimension (400);
//     the spec echoes source_collection.
//   - Backups (serverless indexes only) are Initializing for ReadyDelay
//     (always in the create answer), then Ready, or Failed when the source
//     index name is in Faults.FailBackups (InitializationFailed at
//     2026-07). They copy cloud, region, dimension, metric, vector type,
//     integrated embedding, metadata schema, document fields and tags from
//     the index at that moment, keep its id as source_index_id, and outlive
//     it. DELETE removes a backup at
//     once (BackupModel has no Terminating status). Backups a schedule
//     takes follow the same rule from their due time and expire after the
//     schedule's retention (see "Backup schedules").
//   - Restoring a Ready backup creates the index at once (Initializing,
//     serverless; cloud, region, vectors, embedding, metadata schema and
//     document fields from the backup; name, tags and deletion_protection
//     from the request, and read capacity too at 2026-07, OnDemand
//     otherwise; source_backup_id, shown at 2026-07) and starts a restore
//     job that runs for ReadyDelay: at 2025-10 and 2026-04 Pending for the
//     first tenth, then InProgress with percent_complete rising linearly
//     from 0 (one decimal); at 2026-07 Pending throughout, without
//     percent_complete and with completed_at null; then Completed with
//     percent_complete 100 and completed_at. The index becomes Ready at
//     that same moment. Restore jobs are kept for the life of their project.
//   - Assistants follow the index rules: Initializing for ReadyDelay (always
//     in the create answer), then Ready, or Failed when the name is in
//     Faults.FailAssistants. DELETE answers 200, then Terminating for
//     DeleteDelay, then 404 (Assistant "x" not found.); the name stays taken
//     (409) until then, and a repeated DELETE is 200 without restarting the
//     clock. DELETE removes the assistant's files at once. PATCH sets
//     updated_at; becoming Ready does not.
//   - Assistant files are Processing from the upload for ReadyDelay (always
//     in the upload answer, with percent_done 0), with percent_done rising
//     linearly in steps of 0.01, then Available with percent_done 1, or
//     ProcessingFailed with percent_done 0 and an error_message when the file
//     name is in Faults.FailFiles. DELETE answers 200, then Deleting for
//     DeleteDelay (still listed), then 404. updated_on is the upload time
//     while Processing, the end of processing afterwards and the DELETE time
//     once Deleting. Files can only be uploaded to a Ready assistant.
//   - File operations (2026-04 and later, spec
//     assistant_data_2026-04.oas.yaml, OperationModel): an upload
//     or upsert starts an upload_file / upsert_file operation that is
//     Processing for ReadyDelay (always in the 202 answer, percent_complete
//     0, rising as an integer), then Completed (percent_complete 100,
//     completed_on, ingestion_units); for a name in Faults.FailFiles,
//     processing stops halfway: after ReadyDelay/2 the operation is Failed
//     with percent_complete 50, completed_on and an error_message. The
//     file's status follows (Processing, Available, ProcessingFailed; a
//     2025-10 upload still fails after the whole ReadyDelay). An upsert of
//     an existing id replaces its name, content, metadata (an absent
//     metadata part leaves none) and multimodal setting and processes it
//     again; created_on stays. DELETE starts a delete_file operation that
//     completes when the file is gone (DeleteDelay); a repeated DELETE
//     answers the same operation; a ProcessingFailed file is removed at once
//     with 204. Finished operations are retained for 30 days after
//     completed_on, then they are gone (404 on describe, absent from the
//     list); they are listed newest first. The 2025-10 and 2026-04+ views of
//     a file differ (percent_done and error_message, or size), whatever
//     protocol stored it.
//
// # Faults
//
// Faults (set in Options, with Server.SetFaults, or PUT /_emulator/faults)
// add latency to every request or to a random share of them (LatencyRate;
// a delayed request is abandoned without an answer, and without being acted
// on, when its context ends first), a token-bucket rate limit answered 429
// RESOURCE_EXHAUSTED (TOO_MANY_REQUESTS on /assistant/ paths at 2026-04 and
// later; see the choices below) with Retry-After, random 429s with Retry-After: 1
// whatever the bucket holds (RateLimitedRate), random 500 UNKNOWN / 503
// UNAVAILABLE answers before acting, a forced status on chosen routes
// (ForceStatus and ForceStatusPaths, e.g. 402 PAYMENT_REQUIRED or a 403
// FORBIDDEN index quota on "POST /indexes", with Pinecone's messages;
// after authentication, before acting), dropped
// responses to successful creates (of indexes, collections, backups, backup schedules, namespaces,
// restores, assistants, file upserts, admin projects and admin API keys: the
// object is created, then the connection is closed with nothing written; a
// client retry of an assistant create or a project create then gets 409, a
// retried upsert replaces the same file, and the value of a dropped API key
// is lost; POST file uploads and token requests are never dropped; a dropped
// namespace create leaves the namespace, so the retry is 409), indexes that never become Ready
// (FailInitialization; not applied to restored indexes), backups that end
// Failed (FailBackups), read capacity changes that end in the read capacity
// state Error while the previous capacity keeps serving (FailReadCapacity),
// assistants that end Failed (FailAssistants) and assistant files that end
// ProcessingFailed (FailFiles; with 2026-04 and later the operation fails
// halfway, at percent_complete 50).
// Server.Faulted counts what was injected: "429" (limiter and random 429s),
// "500", "503", "dropped", "delayed" and, for forced answers, their status.
//
// Random choices (ErrorRate, RateLimitedRate, LatencyRate) draw from one
// source per Server, seeded by Options.Seed when it is non-zero, so a run
// meets the same sequence of faults every time.
//
// In PUT /_emulator/faults, RateLimitedRate, LatencyRate, ForceStatus and
// ForceStatusPaths are rate_limited_rate, latency_rate (0..1 each),
// force_status (0, or 400-599) and force_status_paths (["POST /indexes",
// ...], route templates as Server.Stats keys them); cmd/pinecone-emulator
// takes them as -rate-limited-rate, -latency-rate, -force-status and
// -force-status-paths. The Fail lists follow the same pattern, e.g.
// FailReadCapacity is fail_read_capacity and -fail-read-capacity.
//
// # Choices where the facts are silent, and their sources
//
// Each entry below was checked again against the public sources and carries
// one mark per claim: (confirmed: source) when a spec, a docs page or an
// official client states it; (chosen: reason) when nothing public decides
// it; (contradicted: source) when a source says otherwise, followed by what
// became of it. "Spec" is pinecone-io/pinecone-api at 2026-04 (db_control
// and admin are identical at 2025-10); "TS client" is the official
// @pinecone-database/pinecone 9.0.0, generated for API 2026-07; "docs" are
// pages of docs.pinecone.io. CONFORMANCE.md has the same marks per endpoint.
//
//   - A 429 uses RESOURCE_EXHAUSTED (chosen: the db_control, inference and
//     admin enums have no TOO_MANY_REQUESTS, and their 429 example is a pod
//     quota, not a rate limit), except on /assistant/ paths with API version
//     2026-04 or 2026-07, where it is TOO_MANY_REQUESTS (contradicted
//     before: assistant_control and assistant_data 2026-04 ErrorResponse
//     example, 429 TOO_MANY_REQUESTS; fixed). 405 uses UNIMPLEMENTED and an
//     unknown route gets a 404 NOT_FOUND body in Pinecone's shape (chosen:
//     no spec describes either).
//   - status.ready stays true while a pod index scales (confirmed: spec
//     IndexModel.status example {ready: true, state: ScalingUpPodSize}).
//   - Serverless regions per cloud are the ones Pinecone documents: aws
//     us-east-1, us-west-2, eu-west-1; gcp us-central1, europe-west4; azure
//     eastus2 (confirmed: docs guides/indexes/understanding-indexes, "Cloud
//     regions", and the official Python SDK's AwsRegion, GcpRegion and
//     AzureRegion enums; the TS client's 2026-07 models have no region enum,
//     ManagedDeployment.region being a plain string). gcp us-east1, which
//     only the spec's request example uses, is not accepted (chosen: neither
//     the docs' table nor the Python SDK lists it).
//   - An unknown cloud is 404 NOT_FOUND, like an unknown region of a known
//     cloud, with the same message "Resource cloud: <cloud> region: <region>
//     not found." (confirmed: the 404 of spec create_index and
//     create_index_for_model, "Unknown cloud or region when creating a
//     serverless index", example "Resource cloud: aws region: us-west1 not
//     found."; contradicted before, when an unknown cloud was 400; fixed).
//     The text for an unknown cloud is chosen (the example has a known
//     cloud). The 404 still comes after every 400 (chosen). The provider
//     keeps its plan-time cloud validator (gcp, aws, azure: the spec's
//     x-enum) and has no region list, so nothing there disagrees.
//   - Pod environments are checked against the Python SDK's list (unknown:
//     400) (chosen: the spec has no environment enum); any non-empty BYOC
//     environment is accepted (chosen: likewise).
//   - pod_type is echoed as sent (a bare "p1" stays "p1"; it means p1.x1 for
//     size comparisons) (chosen: nothing says the server normalizes it). The
//     pod family cannot change on PATCH (confirmed: docs
//     guides/indexes/pods/understanding-pod-based-indexes, "Once a
//     pod-based index is created, you cannot change its pod type"). pods in
//     the response is always replicas x shards (confirmed: spec PodSpec.pods,
//     "should be equal to shards x replicas"); pods sent on create is only
//     checked to be >= 1 (confirmed: spec minimum 1; not comparing it with
//     replicas x shards is chosen).
//   - Pod quota: a pod index create (POST /indexes with spec.pod, from a
//     collection too) and a pod scale-up (PATCH changing replicas; pods =
//     replicas x shards) are refused when the project's pods would exceed
//     its max_pods, with 403 QUOTA_EXCEEDED "The index exceeds the project
//     quota of N pods by M pods. Upgrade your account or change the project
//     settings to increase the quota." (confirmed: the 403 that spec
//     create_index and configure_index list for this case, "You've exceed
//     your pod quota.", and docs reference/quotas-and-limits, "403 -
//     QUOTA_EXCEEDED" for every quota; code and message from the spec's
//     ErrorResponse example). That example carries status 429, which
//     contradicts the operations' 403 (chosen: 403, because the operations
//     name it for a pod quota and clients would retry a 429 as a rate
//     limit). The quota comes after the 400s, the region and collection
//     404s and the name 409, so a retried create whose first attempt went
//     through still gets its 409 (chosen). Every pod index of the project
//     counts, Terminating ones included until they are purged (they still
//     exist and answer describe); a pod_type change keeps the pod count and
//     is never refused; scaling down is always allowed, even above the
//     quota (chosen, all three). max_pods 0 means serverless only: any pod
//     index is over the quota ("by 1 pods" for a single pod) (confirmed:
//     admin spec CreateProjectRequest.max_pods, "Default is `0` (serverless
//     only)", and the docs quotas table, "Pods per project: 0" on the
//     Starter plan). The default project keeps 50.
//   - A Dedicated read capacity without manual gets replicas 1 and shards 1
//     (or keeps the current values when the index is already Dedicated)
//     (chosen: the spec requires only node_type and scaling and gives manual
//     no default).
//   - Dedicated read capacity with manual.replicas 0 disables the index:
//     once the change has finished, status is {"ready": false, "state":
//     "Disabled"} and read_capacity.status is {"state": "Ready",
//     "current_replicas": 0, "current_shards": N} (confirmed: spec
//     ScalingConfigManual.replicas, "Setting replicas to 0 disables the
//     index but can be used to reduce costs while usage is paused", and the
//     Disabled value of IndexModel.status.state; contradicted before, when
//     the index stayed Ready; fixed; ready false is chosen: a Disabled index
//     serves no queries). While the change runs (Scaling or Migrating) the
//     previous capacity serves, so the index stays Ready until then; an
//     index created with 0 replicas goes Initializing, then Disabled; back
//     at 1 or more replicas it stays Disabled for the Scaling delay, then is
//     Ready (chosen: the state follows the capacity that serves). The
//     client's WaitForIndexReady waits for Disabled (read capacity Ready)
//     when the index's dedicated replicas are 0 and for Ready otherwise
//     (client.IsReady, client.WantsDisabled), so a Disabled index no longer
//     counts as settled when it should serve; the provider plans status as
//     unknown on an update that pauses or resumes an index.
//   - A read capacity change started by PATCH on an index listed in
//     Faults.FailReadCapacity ends, after ScalingDelay, with
//     read_capacity.status.state "Error" and an error_message; the capacity
//     that served before keeps serving (so the index state follows it), and
//     the next change made while the index is not listed succeeds
//     (confirmed for the field names: spec and TS client ReadCapacityStatus,
//     state "Error ... see `error_message`", errorMessage in the TS model;
//     the message's wording is chosen: production's is not public). The
//     client answers *client.ReadCapacityFailedError{Name, Message} (not an
//     IndexFailedError); the provider's diagnostic quotes Pinecone's message
//     and says the previous capacity keeps serving.
//   - The 2026-07 IndexModel.status adds a Failed state; no index shows it
//     (chosen: nothing public says when an index is Failed rather than
//     InitializationFailed).
//   - PATCH of a Terminating index is 412 FAILED_PRECONDITION. PATCH is
//     otherwise accepted in every state, including Initializing (chosen: the
//     spec lists no status for either; clients wait for Ready first).
//   - Integrated inference: read_parameters and write_parameters gain
//     input_type (query / passage), for models with a dimension parameter
//     the index dimension, and every other parameter default of the model
//     (truncate: END; return_tokens: false for the sparse model) (chosen: the
//     spec and clients only show that the server adds defaults such as
//     truncate, not which). PATCH replaces field_map / read_parameters /
//     write_parameters when sent (chosen). embed on a pod or BYOC index is
//     400 (chosen: create-for-model only makes serverless indexes).
//   - create-for-model and PATCH embed check embed against the model
//     catalogue, each with a 400 INVALID_ARGUMENT that names the field or
//     parameter and lists what is allowed: embed.model not in the
//     catalogue, or a rerank model (only embed models back an index);
//     embed.dimension and embed.metric not among the model's supported
//     ones (for an upgrade by PATCH, the index's dimension, metric and
//     vector type must fit the model) (confirmed: spec
//     ConfigureIndexRequest.embed.model, "The index dimension and model
//     dimension must match, and the index similarity metric must be
//     supported by the model"); in each side's parameters, a name
//     the model does not have (the message lists its parameters), a value
//     of the wrong JSON type, outside allowed_values (one_of) or outside
//     [min, max] (numeric_range, inclusive); and a required parameter that
//     is still missing after the server has filled in what it can (chosen:
//     built on inference ModelInfo.supported_parameters; the messages are
//     the emulator's). input_type is required by every embed model, yet the
//     server fills it (query for reads, passage for writes), because an
//     integrated index knows which side each call is on: a user who leaves
//     it out is therefore not rejected (chosen). A required parameter
//     without a default that the server cannot derive would be 400
//     ("Parameter "x" in embed.read_parameters is required by model m.
//     Allowed values: ..."); no model in today's catalogue has one, nor a
//     numeric_range parameter on an embed model, so those two rules are
//     exercised with a test-only catalogue. Parameters are checked one side
//     after the other (read, then write), names in sorted order. A PATCH
//     that sends one side replaces it, so a required parameter must be sent
//     again (chosen).
//   - The emulator holds no vectors: collections report size 0 and
//     vector_count 0; backups report record_count, namespace_count and
//     size_bytes 0 (chosen: there is no data plane). A collection's dimension
//     and environment are those of its source index (chosen).
//   - A collection from a serverless index is 400 (confirmed: spec
//     create_collection, "Serverless indexes do not support collections";
//     TS client: "Collections are supported only for pod-based indexes"); so
//     is one from a BYOC or Terminating index (chosen). A backup of a pod or
//     Terminating index is 400 (chosen; the TS client rejects pod indexes
//     with 400 for backup schedules); a backup of a BYOC index is 400
//     (contradicted: TS client create_backup_schedule, "supported for
//     serverless and BYOC indexes", and create_index_from_backup, which
//     speaks of "serverless backups" as one kind; not fixed yet for manual
//     backups, see CONFORMANCE.md; the runs of a backup schedule on a BYOC
//     index do take backups). Collections and backups may be made from an index
//     that is still Initializing (chosen). The source index (404) is checked
//     before the collection name (409) (chosen).
//   - DELETE of an index checks deletion protection (403) before pending
//     collections (412) (chosen). Deleting a collection that is still
//     Initializing is allowed, and it then no longer blocks its index's DELETE
//     (chosen).
//   - An index created from a collection checks the collection after every
//     other 400 and the region 404, and before the name (409). A
//     source_collection of "" is 404. The collection's pod environment is not
//     compared with the new index's (chosen, all three).
//   - GET /indexes/{index_name}/backups lists the backups of the index that
//     currently has that name (by its id); backups of an earlier index of the
//     same name are only in GET /backups (confirmed: TS client
//     list_index_backups, where without include_deleted the name "must
//     resolve to an active index"; include_deleted itself is not served).
//   - Backup name and description are echoed when sent and absent otherwise;
//     the backup's dimension and tags are absent when the index has none
//     (chosen: the fields are optional in the spec).
//   - Backup schedules, what is confirmed (spec db_control_2026-07.oas.yaml
//     and the TS client 9.0.0, which agree, and the docs pages named): the
//     six paths and that they exist from 2026-07 on (docs: "This endpoint
//     requires X-Pinecone-Api-Version: 2026-07"); create answers 200 and
//     delete 204 (create_backup_schedule, delete_backup_schedule); the
//     BackupScheduleResponse and BackupScheduleHistoryItem shapes and
//     property order, next_scheduled_run "Always present ... null when
//     enabled is false", the Scheduled history status with
//     scheduled_execution_at and counts null until Ready; only time-based
//     schedules, daily / weekly / monthly, expire_after_days at least 1 and
//     at most a service maximum, else 400 (BackupScheduleRetentionInput);
//     serverless and BYOC indexes, a pod index 400 (create_backup_schedule);
//     one enabled schedule per index, 409 ALREADY_EXISTS "This index already
//     has an enabled backup schedule. Disable or delete it first." on create
//     and on a re-enable (both operations' 409 examples); 404 "Backup
//     schedule not found." (their 404 examples); re-enabling enqueues a
//     backup (UpdateBackupScheduleRequest.enabled); backups named
//     "{name}-{ISO8601_timestamp}" (docs create_backup_schedule; the spec's
//     "daily-compliance-backup-20260403T060000Z"); deleting a schedule keeps
//     its backups (docs delete_backup_schedule) and deleting an index
//     deletes its schedules (docs guides/indexes/backups-overview, "If you
//     delete an index, all associated schedules are automatically
//     deleted"); lists default to 100 (limit "default: 100").
//   - Backup schedules, what is chosen: the retention maximum of 365 days
//     (the spec names no number); the first run at the next 06:00 UTC after
//     the create or re-enable for every frequency (the spec's and the docs'
//     examples, both daily, fit that rule; nothing shows weekly or monthly
//     first runs); monthly runs on the same day of the month, clamped to the
//     month's last day; a new frequency keeps the planned run; a new
//     retention applies to existing backups, and the backups of a deleted
//     schedule keep the expiry they had; expiry removes a backup even while
//     a restore from it is unfinished (the restored index does not need it
//     in the emulator); the schedule name follows the index name rule (the
//     spec says only "User-defined name"; every public example fits the
//     rule); a Terminating index takes no schedule (400, as for a manual
//     backup); the order of the checks and every message but the 409 and
//     404 ones; the history newest first with the Scheduled row on top (the
//     spec's examples show the Scheduled row on a page of its own), its
//     backup_id reused by the run's backup, its created_at the moment the
//     run was planned (the spec's example: 06:00:01, just after the
//     previous run) and its schema the index's (the 2026-07 example carries
//     one; the 2026-04 docs example has null); missed runs whose backups
//     would already have expired are skipped, which caps one catch-up at
//     366 backups; created_at with milliseconds and next_scheduled_run /
//     scheduled_execution_at in whole seconds ("Z", where the examples write
//     "+00:00"); scheduled runs on a BYOC index take backups although a
//     manual backup of one is still refused (see below); below 2026-07 the
//     paths are 404 with the unknown-route wording, while a wrong method
//     there is 405 as for any known route. The docs' 2026-04
//     update_backup_schedule example shows a next_scheduled_run on a
//     disabled schedule (contradicted: it predates 2026-07, whose spec says
//     null; the spec is followed).
//   - Restore: 422 and 400 rules on the body come first, then an unknown
//     backup (404), a backup that is not Ready (400: Initializing or Failed),
//     then a taken index name (409) (chosen; at 2026-07 a backup that is
//     not Ready is 412, confirmed: spec create_index_from_backup_operation).
//     A restore job is pending (blocks the backup's DELETE) until it
//     completes. At 2026-07 it shows Pending, then Completed with
//     percent_complete 100 (confirmed: spec and TS client 2026-07
//     RestoreJobModel, Pending, Completed, Failed and Cancelled, "100 once
//     Completed, absent while pending ... Intermediate progress is not
//     reported"; contradicted before, when 2026-07 was not served; fixed).
//     At 2025-10 and 2026-04 it still goes through InProgress with rising
//     percent_complete (chosen: their spec's status is a plain string with
//     the example Completed, and percent_complete a float). Deleting the
//     target index does not affect the job (chosen).
//   - API 2026-07, what is confirmed (spec db_control_2026-07.oas.yaml and
//     the TS client 9.0.0, which agree): the IndexModel, deployment,
//     IndexSchema, BackupModel and RestoreJobModel shapes and their
//     property order above; "Dense vectors-API indexes always report both
//     _values and _sparse_values" and filterable metadata as legacy
//     {filterable} fields (IndexSchema.fields); an integrated index's
//     semantic_text field named after field_map's text entry
//     (create_index_for_model); description null when not set (the field
//     models: "null in responses when none was set"; the spec's examples
//     leave the key out); the full_text_search defaults (language en,
//     stemming and stop_words false, prefix_only false) and that responses
//     echo them (docs reference/api/2026-07/control-plane/create_index: "the
//     resolved analyzer config"); tags null when empty (IndexTags); the
//     managed environment is a cell id (ManagedDeployment.environment
//     example "aped-4627-b74a"; the emulator uses the cell of the index's
//     host); deployment omitted means managed aws us-east-1 and a missing
//     name is generated (CreateIndexRequest); the schema rules and the
//     empty-schema message (CreateIndexSchema, CreateIndexSchemaField, the
//     field models); the 18 languages, which of them have stop words, and
//     the ngram rules (docs guides/search/full-text-search/
//     text-processing); cmek_id with full-text fields rejected and 412 in a
//     project that enforces CMEK (CreateIndexRequest.cmek_id and the 412
//     example); BYOC needs Dedicated read capacity (ReadCapacity; docs
//     guides/production/bring-your-own-cloud); pod indexes cannot be
//     created and indexes from a collection need an earlier version (docs
//     guides/legacy/pod-based-indexes; IndexDeploymentRequest); the PATCH
//     rules (ConfigureIndexRequest, PatchIndexDeploymentRequest,
//     PatchIndexSchema, ReadCapacityPatch, ReadCapacityDedicatedPatchConfig);
//     the restored index inherits the backup's schema, full-text fields and
//     integrated embedding, and create-index takes read_capacity
//     (create_index_from_backup_operation); 412 "Backup <id> is not
//     completed"; backup names follow the name rule (CreateBackupRequest);
//     InitializationFailed (BackupModel.status x-enum); restore jobs without
//     intermediate progress (RestoreJobModel); lists default to 100
//     (list_project_backups, list_index_backups, list_restore_jobs: limit
//     "default: 100").
//   - API 2026-07, what is chosen: the rendering of a document index at
//     2025-10 / 2026-04 (above; nothing public says how older versions see
//     one); that an integrated index reports only its semantic_text field,
//     not _values (IndexSchema says vectors-API indexes report _values, and
//     an integrated index is read through the records API); that vector and
//     semantic fields win a name clash with a metadata field; the
//     semantic_text name for a field_map without a text key (the value of
//     its first key); the generated name's form; the language echoed as
//     sent ("french" stays "french") and matched case-sensitively;
//     stop_words on a language without a stop word list is 400 (the docs
//     only say such lists do not exist); an empty description on a
//     reserved field counts as one; the missing keys that are 422, after
//     serde (the spec's only example is "missing field `metric`"); an
//     unknown deployment_type and environment on a managed create are 400
//     (serde would say 422 for the first; the spec only says "do not set
//     it" for the second); other unknown keys are ignored as everywhere;
//     the order of the checks; every message but the empty-schema and the
//     412 ones; cmek_id is not checked against anything, and is accepted on
//     a vectors-only schema; a semantic_text PATCH must name the index's
//     own field; a PATCH with deployment and read_capacity applies
//     deployment first; a failed backup is InitializationFailed only at
//     2026-07 (earlier versions keep Failed); a backup's tags are null when
//     empty (IndexTags is the tags type of BackupModel too); limit stays
//     1-100 at 2026-07 (its spec gives no bounds); no restore job is ever
//     Failed or Cancelled (no restore fails in the emulator); BYOC's
//     Dedicated-only rule, the backup name rule, the 412 for a backup that
//     is not Ready and read_capacity on create-index apply at 2026-07 only
//     (the earlier specs have none of them), so earlier requests behave as
//     before.
//   - A document index may use a byoc deployment (confirmed: docs
//     reference/api/2026-07/control-plane/create_index, example request 5,
//     creates a BYOC index whose schema is a named dense_vector field
//     "embedding"; contradicted before, when it was 400; fixed).
//   - Restoring a backup now restores the integrated embedding and the
//     document fields of the index it was taken from, in every API version
//     (contradicted before: spec 2026-07 create_index_from_backup_operation,
//     "inherits the schema ... including its full-text search fields and
//     its integrated embedding configuration"; earlier restores dropped
//     embed; fixed).
//   - At 2026-07, ReadCapacityStatus.current_replicas and current_shards are
//     absent for OnDemand, as at 2026-04 (contradicted: spec 2026-07,
//     "null for OnDemand indexes"; not fixed: clients read absent and null
//     alike). The 2026-07 ErrorResponse enum has no QUOTA_EXCEEDED,
//     UNAVAILABLE or UNIMPLEMENTED, and its 401 is a plain-text "Invalid API
//     key" (UnauthorizedMessage); the emulator keeps the codes and the JSON
//     401 of 2026-04 for every version (contradicted; not fixed, see
//     CONFORMANCE.md). The 2026-07 create_index page lists two more aws
//     regions (eu-central-1, ap-southeast-1) than the region list below
//     (contradicted; not fixed). Not enforced: at most 20 tags (IndexTags),
//     the MetadataSchema limits of 2026-07 (50 fields, no "_" or "$"
//     names), the 403 for a configure while read capacity is not Ready, and
//     include_deleted on the index backup list.
//   - Backup created_at and restore job created_at / completed_at are RFC
//     3339 in UTC with exactly three fractional digits
//     ("2025-03-15T10:30:00.000Z") (confirmed: the 2026-07 reference
//     examples, docs reference/api/2026-07/control-plane/describe_backup,
//     list_index_backups, list_restore_jobs and describe_restore_job;
//     contradicted before, when they had whole seconds; fixed). Answers
//     captured in Pinecone's docs show microseconds
//     ("2025-05-15T00:52:10.809354Z", reference/api/2026-04
//     list_restore_jobs and the latest list_project_backups); both parse as
//     RFC 3339. Project, organization and assistant timestamps stay whole
//     seconds (chosen: no public example has fractions). The client keeps
//     these timestamps as strings, so whole seconds, milliseconds,
//     microseconds and completed_at null all pass through unchanged (client
//     test TestTimestampForms).
//   - GET /backups, GET /indexes/{index_name}/backups and GET /restore-jobs
//     answer "pagination": {"next": "..."} while another page follows and
//     "pagination": null on the last page, an empty list included
//     (confirmed: the spec's RestoreJobList examples
//     "non-paginated-restore-jobs" and "no-restore-jobs", the answers of
//     list_project_backups and 2026-04 list_restore_jobs captured in the
//     docs, and the TS client's BackupListPagination, "null (or absent) on
//     the final page"; contradicted before, when pagination was absent
//     there; fixed). The client accepts an absent, null or {"next":""}
//     pagination (client tests TestListSinglePage, TestListEmptyIsNonNil).
//   - IDs (backup_id, restore_job_id, index ids) are random UUIDs
//     (confirmed: the spec's BackupModel and RestoreJobModel examples are
//     UUIDs).
//   - Unknown JSON fields are ignored (serde's default). Go's decoder matches
//     field names case-insensitively, which serde does not (chosen: no
//     source says; the additionalProperties: false of the spec variants is
//     not known to be enforced).
//   - Tags with an empty value on create are dropped, as on PATCH (chosen:
//     the spec gives "" its removing meaning only for PATCH).
//   - Hosts: "<name>-<7 lowercase alnum>.svc.<cell>.pinecone.io" with a random
//     serverless cell per cloud/region ("aped-4627-b74a" style) or the pod /
//     BYOC environment, and private_host with ".svc.private." (confirmed:
//     the spec's host and private_host examples, and production hosts such
//     as "articles-jweaq8m.svc.aped-4627-b74a.pinecone.io" in docs
//     reference/api/202601-alpha/control-plane/describe_index).
//
// Assistants and their files:
//
//   - A taken assistant name is 409 ALREADY_EXISTS "Resource already
//     exists." (contradicted: assistant_control 2025-10 and 2026-04
//     create_assistant list only a 429, "Assistant of given name already
//     exists", without a body; kept, because third-party code matches
//     ALREADY_EXISTS in production errors and a 429 would make clients,
//     this provider's included, retry a create that cannot succeed).
//   - Error bodies use the db_control codes, including 422
//     UNPROCESSABLE_ENTITY for a body that does not decode (bad JSON, wrong
//     types, missing name, metadata that is not an object), although the
//     assistant_control enum lacks that code (chosen: the spec names no
//     status for such a body). A 429 is TOO_MANY_REQUESTS at 2026-04 and
//     later and RESOURCE_EXHAUSTED at 2025-10 (contradicted before: the
//     2026-04 ErrorResponse example; fixed, test
//     TestRateLimitCodeFollowsAssistantVersion).
//   - Create checks, in order: the body (422), the name (1-63 characters,
//     the index charset rule; 400) (confirmed: spec CreateAssistantRequest
//     name), region (exactly "us" or "eu"; "" is 400 "Invalid region: Valid
//     options are us, eu") (confirmed: spec region x-enum and its
//     ErrorResponse example), case sensitive (chosen: the TS client
//     lowercases before sending, so nothing shows what the server does),
//     instructions, metadata (400), then the name (409) (the order is
//     chosen). 16 KB is 16384 bytes: of UTF-8 for instructions, of the
//     compact JSON serialization (no insignificant whitespace, no HTML
//     escaping) for metadata (chosen: the spec says only "Maximum 16 KB").
//     The instructions "" and the metadata {} are kept as such (chosen).
//   - Metadata is echoed as the same JSON object: values exactly as sent
//     (numbers are not rounded), keys sorted; like every answer it is
//     written with Go's HTML-safe escaping (< as \u003c), which decodes to
//     the same strings (chosen).
//   - PATCH: a field that is absent keeps its value and JSON null clears it
//     (unlike everywhere else, where null counts as absent) (chosen: the spec
//     makes both fields nullable without saying what null does); metadata is
//     replaced as a whole, not merged. Other fields are ignored. Any accepted
//     PATCH (even {}) sets updated_at. PATCH is allowed while Initializing or
//     Failed; while Terminating it is 400 (chosen, all of these: update_assistant
//     lists 400 and 404 without bodies).
//   - The assistant list is ordered by creation time, then name, in both
//     versions. Its pagination tokens work only on that list (chosen).
//   - 2026-04+ file rules: metadata is a multipart part (a query parameter
//     metadata is 400, as the Python client reports) (confirmed: spec
//     FileData.metadata; upload_file has no metadata query parameter); it
//     must be a flat JSON object (strings, numbers, booleans and lists of
//     them; no null, no nested object, no key starting with "$") of at most
//     16 KB (400 otherwise) (confirmed: docs
//     guides/assistant/files-overview and spec FileData, "Maximum size is
//     16KB"). Files may be at most 100 MiB (PDF) or 10 MiB (other types)
//     (confirmed for the numbers: docs; reading "MB" as MiB is chosen). The
//     metadata part may come before or after the file part (chosen). Upsert
//     ids are 1-128 characters of [A-Za-z0-9_-] (400 otherwise) (confirmed:
//     spec upsert_file assistant_file_id); PUT with 2025-10 is 404
//     (confirmed: the 2025-10 assistant_data spec has no PUT). An upsert of a
//     file that is Deleting is 400 (chosen: the spec lists no conflict
//     code). The file list pages with limit (1-100, default 100) and
//     pagination_token; pagination is absent on the last page (chosen: the
//     spec gives the parameters, an example limit of 100 and no default).
//     Location is "/operations/{assistant}/{id}", relative to the assistant
//     API's base (confirmed: spec Location example
//     "/operations/test-assistant/op-1234-abcd"). Operation ids look like
//     the spec's "op-1234-abcd-5678" (confirmed: spec OperationModel.id
//     example); ingestion_units is one per started MiB (chosen: a
//     placeholder; the spec only says it is a number present on Completed
//     ingestions). A file operation that fails (Faults.FailFiles) stops
//     halfway: the file is ProcessingFailed after ReadyDelay/2 and the
//     Failed operation reports percent_complete 50, the progress reached
//     (confirmed that a Failed operation keeps a partial value: spec
//     list_operations and describe_operation examples, a Failed upload_file
//     with percent_complete 15; contradicted before, when it reported 0;
//     fixed; stopping at 50 is chosen). A dropped response
//     (Faults.DropCreateResponses) applies to upserts, whose id the caller
//     knows, but never to a POST upload (chosen).
//   - Finished operations (Completed or Failed) are retained for 30 days
//     after completion (completed_on) on the Now clock; from then on they are
//     gone from describe (404 "Operation <id> not found.") and from the list,
//     while the file itself stays (confirmed: spec 2026-04 assistant_data
//     list_operations and TS client list_operations, "Both successful and
//     failed operations are retained for 30 days after completion";
//     contradicted before, when they were kept for the life of the
//     assistant; fixed). Operations still Processing are kept. The list is
//     newest first (chosen).
//   - Files are identified by extension, case-insensitively: .pdf .txt .md
//     .json .docx (confirmed: docs guides/assistant/files-overview,
//     "Supported file types"); anything else (or no extension) is 400. name
//     is the base name of the part's filename; a file part without a
//     filename is 400. The first part named file is used; other parts before
//     it are skipped and the body after it is not read. A body that is not
//     multipart/form-data is 400 (chosen). With 2025-10 there is no size
//     limit: the content is streamed through SHA-256 and only the size and
//     the hash are kept (neither is shown) (chosen).
//   - Upload checks, in order: the query (metadata must be a JSON object, ""
//     and null meaning none; multimodal and include_url take only true or
//     false; 400) (confirmed for multimodal: spec x-enum 'true' | 'false'),
//     the assistant (404; 400 unless Ready), the multipart body, the file
//     type and multimodal=true on a non-PDF (400); then the content is read.
//     An assistant deleted or replaced meanwhile gives 404 (400 while it is
//     Terminating), and nothing is stored (chosen: the order and the 400s).
//   - Listing, describing and deleting files works in every assistant state;
//     a Terminating assistant has no files. The file list holds Deleting
//     files too and is ordered by upload time, then id (chosen).
//   - signed_url (include_url=true, in any file state) is a URL on the
//     emulator's address under /_emulator/files/ that nothing serves: the
//     content is not kept (chosen; in production it is a signed Cloud
//     Storage URL that expires after an hour, docs files-overview).
//   - filter (list files) is a JSON object: {"k":v} (equality), operators
//     $eq $ne $in $nin $gt $gte $lt $lte $exists, and $and / $or over
//     non-empty arrays of filters (confirmed in part: the TS client's
//     listFiles names $eq, $ne, $gt, $lt and $in and points to docs
//     guides/data/filter-with-metadata; the other operators are chosen from
//     that page's list for record metadata). Keys in one object, and operators on one
//     field, must all hold. A list value matches $eq/$in when one element
//     does ($ne/$nin when none does); a missing field matches only $ne, $nin
//     and $exists:false; files without metadata have every field missing.
//     Operands must be strings, numbers or booleans ($gt... numbers only).
//     Anything else, including unknown operators, is 400; an empty filter
//     parameter means none (chosen: the matching details and the 400s).
//
// Access management and roles (admin 2026-07):
//
//   - Status codes: service account create 201, rotate 200, role binding
//     and invite create 200, resend 200, every DELETE 202 (confirmed: spec
//     admin_2026-07.oas.yaml, each operation's success response). The 409s
//     and their codes and messages are the spec's examples (confirmed:
//     "last-org-owner", "invite-not-pending", "invite-already-pending",
//     "already-member", "duplicate-role-binding",
//     "binding-to-processed-invite", "last-org-membership-binding",
//     "invite-membership-binding"); an expired invite blocks a new one for
//     its email and an accepted one cannot be deleted (confirmed: docs
//     reference/api/2026-04/admin/create_invite and delete_invite); the
//     message of the latter is chosen. List limit default 100, 400
//     OUT_OF_RANGE, tokens tied to their query context (confirmed: spec
//     limit and paginationToken descriptions); the order is chosen.
//   - Only 2026-07 serves these paths (chosen, as for backup schedules:
//     the earlier admin specs lack them).
//   - 403 PERMISSION_DENIED and its message (chosen: the spec declares a
//     bare "403: Forbidden" and no wording; PERMISSION_DENIED is in its code
//     enum, while FORBIDDEN is what quotas and deletion protection use).
//     The permission names are the emulator's.
//   - Which roles allow what: OrgOwner everything (confirmed: docs
//     understanding-organizations); the API key roles by plane (confirmed:
//     docs guides/production/security-overview); API keys cannot hold
//     ProjectOwner, ProjectManager or ProjectMember and only bind in their
//     own project (confirmed: docs understanding-projects and
//     understanding-security); only org owners invite (confirmed: docs
//     manage-project-members); Org* roles are organization-scoped and the
//     rest project-scoped (confirmed: the official provider's role
//     attribute). The tables for OrgManager, OrgBillingAdmin, OrgMember,
//     ProjectManager and ProjectMember, the model catalogue being open to
//     every key, the access roles letting a service account describe its
//     project, a creator becoming ProjectOwner, and lists that filter
//     rather than refuse are chosen: no public table was found.
//   - Only users count for "the last OrgOwner" (chosen: service accounts
//     may lose OrgOwner, so the bootstrap account's binding can be deleted).
//   - Rotation and deletion revoke tokens at once, where production says
//     "within seconds" (chosen: tests need a clear moment). updated_at
//     changes on PATCH (also an empty one), not on rotation (chosen).
//   - An organization-scoped binding may carry the organization's own id
//     as resource_id; any other value is 400 (chosen: the spec says "omit").
//     Repeated inputs in a create's role_bindings are kept once; accepting
//     an invite drops a binding the user already holds instead of doubling
//     it; emails compare case-insensitively for invites and members
//     (chosen).
//   - API key roles stay separate from role bindings: a binding for a key
//     adds to what it may do but does not show in its roles, and PATCH
//     roles leaves bindings alone (chosen: the facts do not say whether
//     production keeps them as one set).
//   - The invite email rate limit (100 per hour, 429) is not emulated;
//     the credential formats follow the spec's examples (chosen lengths).
//
// Namespaces (an index's data plane):
//
//   - Routing by Host, and an index host reached only that way (confirmed:
//     spec db_data_2025-10.oas.yaml servers "https://{index_host}"). Any
//     Host of the index-host form is the data plane, so a host that names
//     no index is 404 NOT_FOUND rather than the control plane (chosen
//     [unverified]: production's answer for a deleted index's host is not
//     public; its DNS may also stop resolving).
//   - The error body is rpcStatus with gRPC codes (confirmed: every
//     namespace operation's 4XX/5XX in the db_data 2025-10, 2026-04 and
//     2026-07 specs; the docs' reference pages show {"code":..,"message":..,
//     "details":[..]}); details is always [] and the messages are the
//     emulator's (chosen). FAILED_PRECONDITION and the other gRPC codes
//     travel with HTTP 400 as a gRPC gateway maps them (chosen). At 2026-07
//     the authentication and rate-limiting layer answers 401 (and its own
//     400, 403, 429) in plain text ("Unauthorized") (contradicted: spec
//     2026-07 UnauthorizedMessage and rpcStatus description; not fixed, as
//     on the control plane: the emulator answers JSON in every version).
//   - Create answers 200 and delete 200 {} (confirmed: the specs' only
//     success responses; not the control plane's 201/202).
//   - record_count is a decimal string in every version (confirmed for
//     production: docs reference/api/2025-10/data-plane/createnamespace
//     shows "record_count": "0" and reference/api/2025-04/listnamespaces
//     "20000", and spec 2026-07 says "serialized as a decimal string";
//     contradicted by the 2025-10 and 2026-04 specs, which type it as an
//     integer; production is followed). Clients should accept a number too.
//     size_bytes only at 2026-07, "0" (chosen: the earlier specs lack it).
//     total_count is a JSON number (confirmed: int32; the 2026-07 docs
//     example shows 25).
//   - indexed_fields is left out of an empty namespace (confirmed: the
//     2025-10 createnamespace example, an empty namespace with a schema,
//     has none) and lists the schema's fields once record_count is above 0
//     (chosen: the spec's example lists fields the schema lacks, so what
//     production derives it from is not public).
//   - Name rules (ASCII, no NUL, 1-512), the reserved __default__, 50
//     fields, no "$" names and filterable present-and-true with its exact
//     message (confirmed: spec 2026-07 CreateNamespaceRequest and the TS
//     client 9.0.0's CreateNamespaceRequest* models) apply in every version
//     (chosen: one service answers all versions; the 2025-10 spec already
//     says "Only true values are allowed"). Names beginning with "_" are
//     accepted (confirmed: the "_" rule is for index creation only). A body
//     that does not decode is 400 code 3, not 422 (chosen [unverified]).
//     Every other message is the emulator's (chosen).
//   - __default__: describe always answers (confirmed: spec 2026-07 "it
//     always exists"; describeNamespace "Use __default__ to describe the
//     namespace that requests address when they omit a namespace"); the
//     list shows it only while it holds records, DELETE of it is 400, and
//     it counts against dedicated read capacity only while it holds records
//     (chosen [unverified]).
//   - One namespace under dedicated read capacity (confirmed: docs
//     guides/index-data/dedicated-read-nodes/migrate, "Dedicated read nodes
//     support only a single namespace"); the 400 FAILED_PRECONDITION and
//     its message are chosen [unverified]. A PATCH to Dedicated of an index
//     that holds more namespaces is not refused (not enforced).
//   - Pod-based indexes are refused (confirmed: every operation's "not
//     supported for pod-based indexes"); the 400 INVALID_ARGUMENT is chosen
//     [unverified]. BYOC indexes serve namespaces (chosen: BYOC runs the
//     serverless architecture, and spec 2026-07 speaks of BYOC indexes on the
//     data plane, e.g. upsertRecordsNamespace "not available on BYOC
//     indexes", which it would not need to for indexes without one). An index that is not Ready is 400
//     FAILED_PRECONDITION and a Terminating one 404 (chosen [unverified]).
//   - A key of another project is 401 UNAUTHENTICATED, not 403 (chosen
//     [unverified]: the spec's 401 is the authentication layer's "invalid
//     API key", and such a key sees none of the project's indexes on the
//     control plane either).
//   - The list order, limit, default and pagination.next left out on the
//     last page (confirmed: spec 2026-07 listNamespacesOperation); tokens
//     bound to their index and prefix, 400 otherwise (chosen, after the
//     namespace alias list's LIST_INVALID_TOKEN_WITH_PREFIX); limit bounds
//     applied at 2025-10 / 2026-04 too (chosen: their spec has none).
//     Namespace aliases (2026-07) are not served.
package emulator
