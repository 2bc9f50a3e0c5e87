package emulator

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Namespaces of a serverless or BYOC index, served on the index's host
// (data_plane.go). Sources: spec db_data_2025-10.oas.yaml and
// db_data_2026-04.oas.yaml (identical here), db_data_2026-07.oas.yaml
// (operations listNamespacesOperation, createNamespace, describeNamespace,
// deleteNamespace; schemas CreateNamespaceRequest, NamespaceDescription,
// ListNamespacesResponse), the TS client 9.0.0's generated db_data models
// (CreateNamespaceRequest*, NamespaceDescription, ListNamespacesResponse)
// and docs guides/manage-data/manage-namespaces. Every success status is
// the specs' 200 in every version; doc.go ("Namespaces") lists the choices.

// Route templates of the namespace endpoints; they are also the Stats keys
// ("POST /namespaces", "GET /namespaces/{namespace}").
const (
	routeNamespaces = "/namespaces"
	routeNamespace  = "/namespaces/{namespace}"
)

const (
	// defaultNamespace is the namespace requests address when they name
	// none; it "always exists and cannot be created explicitly" (spec
	// db_data_2026-07.oas.yaml, CreateNamespaceRequest.name).
	defaultNamespace = "__default__"
	// maxNamespaceNameLen bounds namespace names and list prefixes (spec
	// 2026-07: "1-512 characters", prefix maxLength 512).
	maxNamespaceNameLen = 512
	// maxNamespaceFields bounds schema.fields (spec 2026-07,
	// CreateNamespaceRequestSchema.fields: "At most 50 fields").
	maxNamespaceFields = 50
	// namespacePageLimit is the default and largest page of the list (spec
	// 2026-07 listNamespacesOperation limit: default 100, 1-100).
	namespacePageLimit = 100
)

// dataOps is apiOps for the data plane of an index (permissions.go): the
// namespace endpoints are data-plane operations, so DataPlaneEditor and
// DataPlaneViewer may use them and the ControlPlane roles may not.
var dataOps = map[string]apiOp{
	"GET " + routeNamespaces:   {"namespaces:list", dataPlane},
	"POST " + routeNamespaces:  {"namespaces:create", dataPlane},
	"GET " + routeNamespace:    {"namespaces:describe", dataPlane},
	"DELETE " + routeNamespace: {"namespaces:delete", dataPlane},
}

func (s *Server) registerNamespaceRoutes() {
	s.dataRoutes = addRoute(s.dataRoutes, http.MethodGet, routeNamespaces, s.handleListNamespaces)
	s.dataRoutes = addRoute(s.dataRoutes, http.MethodPost, routeNamespaces, s.handleCreateNamespace)
	s.dataRoutes = addRoute(s.dataRoutes, http.MethodGet, routeNamespace, s.handleDescribeNamespace)
	s.dataRoutes = addRoute(s.dataRoutes, http.MethodDelete, routeNamespace, s.handleDeleteNamespace)
}

// namespace is one namespace an index holds.
type namespace struct {
	name    string
	fields  []string // the schema's field names, sorted; nil: created without a schema
	records int64    // record_count; only Server.SetNamespaceRecordCount changes it
}

// nsStore is the namespaces of one index. __default__ is not stored: it
// always exists, with defaultRecords records.
type nsStore struct {
	byName         map[string]*namespace
	defaultRecords int64
}

// occupied counts the namespaces that hold the index's one namespace
// under dedicated read capacity: the created ones, and __default__ once it
// holds records.
func (st *nsStore) occupied() []string {
	var names []string
	if st.defaultRecords > 0 {
		names = append(names, defaultNamespace)
	}
	for name := range st.byName {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// lookup returns the namespace called name; __default__ always exists.
func (st *nsStore) lookup(name string) (*namespace, bool) {
	if name == defaultNamespace {
		return &namespace{name: defaultNamespace, records: st.defaultRecords}, true
	}
	ns, ok := st.byName[name]
	return ns, ok
}

// listed returns the namespaces a list shows, sorted bytewise (the spec's
// "bitwise C collation"): the created ones, and __default__ once it holds
// records.
func (st *nsStore) listed() []*namespace {
	out := make([]*namespace, 0, len(st.byName)+1)
	if st.defaultRecords > 0 {
		out = append(out, &namespace{name: defaultNamespace, records: st.defaultRecords})
	}
	for _, ns := range st.byName {
		out = append(out, ns)
	}
	slices.SortFunc(out, func(a, b *namespace) int { return strings.Compare(a.name, b.name) })
	return out
}

// nsStoreOf returns the namespaces of ix, making the store on first use.
// Callers hold s.mu.
func (s *Server) nsStoreOf(ix *index) *nsStore {
	st, ok := s.namespaces[ix.id]
	if !ok {
		st = &nsStore{byName: make(map[string]*namespace)}
		s.namespaces[ix.id] = st
	}
	return st
}

// dropNamespaces forgets the namespaces of ix; deleting an index deletes
// its namespaces with it. Callers hold s.mu.
func (s *Server) dropNamespaces(ix *index) {
	delete(s.namespaces, ix.id)
}

// badPrecondition is FAILED_PRECONDITION with HTTP 400, the status gRPC
// gateways give that code (the db_data specs declare 400 and 4XX only).
func badPrecondition(format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeFailedPrecondition, message: fmt.Sprintf(format, args...)}
}

// targetIndex returns the index q addresses when it can serve namespace
// requests. An index that is gone or being deleted is 404 (its host goes
// with it), a pod-based index 400 (spec: "This operation is not supported
// for pod-based indexes"; the status is [unverified]), and one that is not
// Ready 400 FAILED_PRECONDITION ([unverified]). Callers hold s.mu.
func (s *Server) targetIndex(q *request, t time.Time) (*index, *apiError) {
	p, ok := s.projects[q.target.projectID]
	if !ok {
		return nil, keyRevoked() // the project went, with its keys
	}
	p.purgeExpired(t)
	ix, ok := p.indexes[q.target.indexName]
	if !ok || ix.id != q.target.indexID || ix.terminating {
		return nil, indexNotFound(q.target.indexName)
	}
	if ix.kind == specPod {
		return nil, invalidArgument("Namespace operations are not supported for pod-based indexes; index %s is pod-based.", ix.name)
	}
	if state, ready := ix.status(t, 0); !ready {
		return nil, badPrecondition("Index %s is not ready (state %s); namespace operations need a Ready index.", ix.name, state)
	}
	return ix, nil
}

// validateNamespaceName applies the name rule of spec 2026-07
// (CreateNamespaceRequest.name and the {namespace} path parameter): ASCII,
// no NUL, 1-512 characters.
func validateNamespaceName(name string) *apiError {
	if name == "" {
		return invalidArgument("Namespace name must not be empty.")
	}
	if len(name) > maxNamespaceNameLen {
		return invalidArgument("Namespace name must be at most %d characters long, got %d.", maxNamespaceNameLen, len(name))
	}
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == 0:
			return invalidArgument("Namespace name must not contain the NUL character.")
		case c > 0x7f:
			return invalidArgument("Namespace name must be ASCII.")
		}
	}
	return nil
}

// createNamespaceBody is CreateNamespaceRequest. Pointers tell absent and
// null (both nil) from false.
type createNamespaceBody struct {
	Name   *string `json:"name"`
	Schema *struct {
		Fields map[string]*nsFieldBody `json:"fields"`
	} `json:"schema"`
}

// nsFieldBody is CreateNamespaceRequestSchemaFieldsValue.
type nsFieldBody struct {
	Filterable *bool `json:"filterable"`
}

// readNamespaceBody decodes a create body. A body that is not the
// request's JSON is 400 INVALID_ARGUMENT, as a gRPC gateway answers one it
// cannot unmarshal ([unverified]; the control plane's 422 is a different,
// Rust service).
func readNamespaceBody(r *http.Request) (*createNamespaceBody, *apiError) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil || len(raw) > maxBodyBytes {
		return nil, invalidArgument("Could not read the request body.")
	}
	var b createNamespaceBody
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, invalidArgument("Invalid request body: %v.", err)
	}
	return &b, nil
}

// newNamespace validates a create body and returns the namespace it asks
// for: the name rule, the reserved __default__, then the schema.
func newNamespace(b *createNamespaceBody) (*namespace, *apiError) {
	if b.Name == nil {
		return nil, invalidArgument("Namespace name is required.")
	}
	name := *b.Name
	if err := validateNamespaceName(name); err != nil {
		return nil, err
	}
	if name == defaultNamespace {
		return nil, invalidArgument("Namespace name %s is reserved: it names the default namespace, which always exists and cannot be created.", defaultNamespace)
	}
	ns := &namespace{name: name}
	if b.Schema == nil {
		return ns, nil
	}
	if b.Schema.Fields == nil {
		return nil, invalidArgument("schema.fields is required when schema is given.")
	}
	fields, err := schemaFieldNames(b.Schema.Fields)
	if err != nil {
		return nil, err
	}
	ns.fields = fields
	return ns, nil
}

// schemaFieldNames checks schema.fields and returns the names, sorted
// (spec 2026-07 CreateNamespaceRequestSchema and
// CreateNamespaceRequestSchemaFieldsValue): at most 50 fields, no name
// beginning with "$", and filterable present and true; omitting it or
// sending false or null is rejected with the spec's own words, "Field
// '<name>' is set to filterable: false. Only filterable: true is
// supported.". Fields are checked in name order.
func schemaFieldNames(fields map[string]*nsFieldBody) ([]string, *apiError) {
	if len(fields) > maxNamespaceFields {
		return nil, invalidArgument("A namespace schema may declare at most %d fields; got %d.", maxNamespaceFields, len(fields))
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if strings.HasPrefix(name, "$") {
			return nil, invalidArgument("Invalid field name '%s' in schema.fields: metadata field names may not begin with '$'.", name)
		}
		if f := fields[name]; f == nil || f.Filterable == nil || !*f.Filterable {
			return nil, invalidArgument("Field '%s' is set to filterable: false. Only filterable: true is supported.", name)
		}
	}
	return names, nil
}

// addNamespace stores ns in ix: a taken name is 409 ALREADY_EXISTS (spec
// createNamespace 409), and an index with dedicated read capacity takes one
// namespace only (docs guides/index-data/dedicated-read-nodes/migrate:
// "Dedicated read nodes support only a single namespace"; the 400
// FAILED_PRECONDITION is [unverified]). Callers hold s.mu.
func (s *Server) addNamespace(ix *index, ns *namespace) *apiError {
	st := s.nsStoreOf(ix)
	if _, taken := st.byName[ns.name]; taken {
		return &apiError{status: http.StatusConflict, code: codeAlreadyExists,
			message: fmt.Sprintf("Namespace %s already exists in index %s.", ns.name, ix.name)}
	}
	if held := st.occupied(); ix.rc.mode == modeDedicated && len(held) > 0 {
		return badPrecondition("Index %s uses dedicated read nodes, which support only a single namespace; it already has namespace %s.",
			ix.name, held[0])
	}
	st.byName[ns.name] = ns
	return nil
}

func (s *Server) handleCreateNamespace(q *request) {
	ns, bodyErr := parseCreateNamespace(q.r)
	t := s.now()
	s.mu.Lock()
	ix, err := s.targetIndex(q, t)
	if err == nil {
		err = bodyErr
	}
	if err == nil {
		err = s.addNamespace(ix, ns)
	}
	var view namespaceJSON
	if err == nil {
		view = renderNamespace(ns, q.version)
	}
	s.mu.Unlock()
	if err != nil {
		q.fail(err)
		return
	}
	s.answerCreate(q, http.StatusOK, view)
}

// parseCreateNamespace reads and validates a create body.
func parseCreateNamespace(r *http.Request) (*namespace, *apiError) {
	b, err := readNamespaceBody(r)
	if err != nil {
		return nil, err
	}
	return newNamespace(b)
}

func namespaceNotFound(name string) *apiError {
	return notFound("Namespace %s not found.", name)
}

func (s *Server) handleDescribeNamespace(q *request) {
	name := q.param("namespace")
	s.read(q, func(t time.Time) (any, *apiError) {
		ix, err := s.targetIndex(q, t)
		if err != nil {
			return nil, err
		}
		if err := validateNamespaceName(name); err != nil {
			return nil, err
		}
		ns, ok := s.nsStoreOf(ix).lookup(name)
		if !ok {
			return nil, namespaceNotFound(name)
		}
		return renderNamespace(ns, q.version), nil
	})
}

// handleDeleteNamespace answers 200 {} (spec deleteNamespace: 200
// DeleteResponse, an empty object) and forgets the namespace at once.
// __default__ cannot be deleted ([unverified]: it always exists).
func (s *Server) handleDeleteNamespace(q *request) {
	name := q.param("namespace")
	s.read(q, func(t time.Time) (any, *apiError) {
		ix, err := s.targetIndex(q, t)
		if err != nil {
			return nil, err
		}
		if err := validateNamespaceName(name); err != nil {
			return nil, err
		}
		if name == defaultNamespace {
			return nil, invalidArgument("Namespace %s always exists and cannot be deleted.", defaultNamespace)
		}
		st := s.nsStoreOf(ix)
		if _, ok := st.byName[name]; !ok {
			return nil, namespaceNotFound(name)
		}
		delete(st.byName, name)
		return struct{}{}, nil
	})
}

// Rendering.

// namespaceJSON is NamespaceDescription. record_count (and size_bytes) are
// int64 written as decimal strings, the protobuf JSON form production
// answers in every version (docs: the 2025-10 createnamespace and 2025-04
// listnamespaces examples show "record_count": "0" / "20000"; spec 2026-07
// says so outright, while the 2025-10 and 2026-04 specs type it integer).
type namespaceJSON struct {
	Name          string             `json:"name"`
	RecordCount   string             `json:"record_count"`
	Schema        *nsSchemaJSON      `json:"schema,omitempty"`
	IndexedFields *indexedFieldsJSON `json:"indexed_fields,omitempty"`
	SizeBytes     *string            `json:"size_bytes,omitempty"`
}

type nsSchemaJSON struct {
	Fields map[string]nsFieldJSON `json:"fields"`
}

type nsFieldJSON struct {
	Filterable bool `json:"filterable"`
}

type indexedFieldsJSON struct {
	Fields []string `json:"fields"`
}

// renderNamespace writes ns in version's NamespaceDescription. schema is
// shown when the namespace was created with one; indexed_fields, the
// schema's fields, only once the namespace holds records (the docs' 2025-10
// create example, an empty namespace, has none); size_bytes "0" at 2026-07
// only (the earlier specs lack it; the emulator keeps no data to size).
func renderNamespace(ns *namespace, version string) namespaceJSON {
	out := namespaceJSON{Name: ns.name, RecordCount: strconv.FormatInt(ns.records, 10)}
	if ns.fields != nil {
		out.Schema = &nsSchemaJSON{Fields: make(map[string]nsFieldJSON, len(ns.fields))}
		for _, f := range ns.fields {
			out.Schema.Fields[f] = nsFieldJSON{Filterable: true}
		}
	}
	if ns.records > 0 && len(ns.fields) > 0 {
		out.IndexedFields = &indexedFieldsJSON{Fields: slices.Clone(ns.fields)}
	}
	if version == apiVersion2026_07 {
		zero := "0"
		out.SizeBytes = &zero
	}
	return out
}

// Listing.

// namespaceListJSON is ListNamespacesResponse: pagination only while
// another page follows (spec 2026-07: "When the response has no
// pagination, there are no more namespaces"), total_count the namespaces
// matching the prefix on every page, an int32 written as a number.
type namespaceListJSON struct {
	Namespaces []namespaceJSON `json:"namespaces"`
	Pagination *paginationJSON `json:"pagination,omitempty"`
	TotalCount int             `json:"total_count"`
}

// nsPageToken is what a list's paginationToken carries: the index and
// prefix it was issued for and the last name it showed.
type nsPageToken struct {
	Index  string `json:"i"`
	Prefix string `json:"p"`
	After  string `json:"a"`
}

// nsListQuery is a parsed list request.
type nsListQuery struct {
	limit  int
	prefix string
	after  *string
}

func (s *Server) handleListNamespaces(q *request) {
	s.read(q, func(t time.Time) (any, *apiError) {
		ix, err := s.targetIndex(q, t)
		if err != nil {
			return nil, err
		}
		lq, err := parseNamespaceList(q.r, ix.id)
		if err != nil {
			return nil, err
		}
		return listNamespaces(s.nsStoreOf(ix).listed(), lq, ix.id, q.version), nil
	})
}

// parseNamespaceList reads limit (1-100, default 100), prefix (ASCII, no
// NUL, at most 512 characters; "" matches all) and paginationToken (only
// one this index's list issued for the same prefix). Anything else is 400.
func parseNamespaceList(r *http.Request, indexID string) (nsListQuery, *apiError) {
	query := r.URL.Query()
	lq := nsListQuery{limit: namespacePageLimit, prefix: query.Get("prefix")}
	if query.Has(queryLimit) {
		raw := query.Get(queryLimit)
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > namespacePageLimit {
			return lq, invalidArgument("Invalid limit %q: must be an integer between 1 and %d.", raw, namespacePageLimit)
		}
		lq.limit = n
	}
	if lq.prefix != "" {
		if err := validateNamespaceName(lq.prefix); err != nil {
			return lq, invalidArgument("Invalid prefix: %s", err.message)
		}
	}
	if tok := query.Get(queryToken); tok != "" {
		after, ok := decodeNamespaceToken(tok, indexID, lq.prefix)
		if !ok {
			return lq, invalidArgument("Invalid pagination token %q.", tok)
		}
		lq.after = &after
	}
	return lq, nil
}

func encodeNamespaceToken(t nsPageToken) string {
	raw, _ := json.Marshal(t) // three strings always marshal
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeNamespaceToken(tok, indexID, prefix string) (string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return "", false
	}
	var t nsPageToken
	if err := json.Unmarshal(raw, &t); err != nil || t.Index != indexID || t.Prefix != prefix || t.After == "" {
		return "", false
	}
	return t.After, true
}

// listNamespaces cuts the page lq asks for out of all (sorted by name).
// A page continues after the last name of the previous one, so deletions
// between calls neither repeat nor skip names.
func listNamespaces(all []*namespace, lq nsListQuery, indexID, version string) namespaceListJSON {
	var matching []*namespace
	for _, ns := range all {
		if strings.HasPrefix(ns.name, lq.prefix) {
			matching = append(matching, ns)
		}
	}
	out := namespaceListJSON{Namespaces: []namespaceJSON{}, TotalCount: len(matching)}
	rest := matching
	if lq.after != nil {
		start, _ := slices.BinarySearchFunc(matching, *lq.after, func(ns *namespace, after string) int {
			if ns.name <= after {
				return -1
			}
			return 1
		})
		rest = matching[start:]
	}
	page := rest[:min(lq.limit, len(rest))]
	for _, ns := range page {
		out.Namespaces = append(out.Namespaces, renderNamespace(ns, version))
	}
	if len(rest) > len(page) {
		last := page[len(page)-1].name
		out.Pagination = &paginationJSON{Next: encodeNamespaceToken(nsPageToken{Index: indexID, Prefix: lq.prefix, After: last})}
	}
	return out
}

// Test hooks.

var (
	// ErrIndexNotFound: the default project holds no index of that name
	// (or it is being deleted).
	ErrIndexNotFound = errors.New("index not found")
	// ErrNamespaceNotFound: the index has no namespace of that name.
	ErrNamespaceNotFound = errors.New("namespace not found")
)

// SetNamespaceRecordCount sets the record_count of a namespace of an index
// of the default project, as if records had been upserted or deleted: the
// emulator stores no vectors, so this is how a test makes a namespace
// non-empty. namespace may be __default__, which always exists; a
// __default__ holding records is listed, and takes the one namespace of an
// index with dedicated read capacity. It returns ErrIndexNotFound,
// ErrNamespaceNotFound, or an error for n < 0.
func (s *Server) SetNamespaceRecordCount(indexName, namespace string, n int64) error {
	if n < 0 {
		return fmt.Errorf("record count must be 0 or more, got %d", n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.projects[s.defaultProjectID]
	if !ok {
		return ErrIndexNotFound
	}
	p.purgeExpired(s.now())
	ix, ok := p.indexes[indexName]
	if !ok || ix.terminating {
		return ErrIndexNotFound
	}
	st := s.nsStoreOf(ix)
	if namespace == defaultNamespace {
		st.defaultRecords = n
		return nil
	}
	ns, ok := st.byName[namespace]
	if !ok {
		return ErrNamespaceNotFound
	}
	ns.records = n
	return nil
}
