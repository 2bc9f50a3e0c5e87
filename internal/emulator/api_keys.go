package emulator

import (
	"cmp"
	"crypto/rand"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Route templates of the admin API key endpoints (spec admin_2025-10.oas.yaml:
// list_project_api_keys, create_api_key, fetch_api_key, update_api_key,
// delete_api_key).
const (
	routeProjectAPIKeys = "/admin/projects/{project_id}/api-keys"
	routeAPIKey         = "/admin/api-keys/{api_key_id}"
)

// maxAPIKeyNameLen bounds API key names (characters).
const maxAPIKeyNameLen = 80

// API key roles (spec admin_2025-10.oas.yaml, CreateAPIKeyRequest.roles).
// They limit what the key may do in its project (permissions.go), together
// with any role bindings for the key (role_bindings.go).
var apiKeyRoles = []string{
	roleProjectEditor, roleProjectViewer,
	roleControlPlaneEditor, roleControlPlaneViewer,
	roleDataPlaneEditor, roleDataPlaneViewer,
}

// apiKey is one API key. Its value is the secret sent in the Api-Key header;
// it is shown only in the answer to the create. Guarded by Server.mu.
type apiKey struct {
	id        string // UUID
	name      string
	projectID string
	roles     []string
	value     string
	createdAt time.Time
	seq       int64 // creation order, for listing
}

// apiKeyJSON is the admin APIKey schema; it never carries the value.
type apiKeyJSON struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	ProjectID string   `json:"project_id"`
	Roles     []string `json:"roles"`
}

// apiKeyWithSecretJSON is APIKeyWithSecret, the answer to the create.
type apiKeyWithSecretJSON struct {
	Key   apiKeyJSON `json:"key"`
	Value string     `json:"value"`
}

type apiKeyListJSON struct {
	Data []apiKeyJSON `json:"data"`
}

func (k *apiKey) view() apiKeyJSON {
	return apiKeyJSON{ID: k.id, Name: k.name, ProjectID: k.projectID, Roles: slices.Clone(k.roles)}
}

func apiKeyNotFound(id string) *apiError { return notFound("API Key %s not found.", id) }

// newKeyValue makes a secret in the documented shape
// pckey_<public-label>_<unique-key>, from crypto/rand.
func newKeyValue() string {
	label := strings.ToLower(rand.Text()[:8])
	return "pckey_" + label + "_" + rand.Text() + rand.Text()
}

// addKey stores k (with its creation order). Callers hold s.mu or are in New.
func (s *Server) addKey(k *apiKey) {
	s.seq++
	k.seq = s.seq
	s.apiKeys[k.id] = k
	s.keyValues[k.value] = k
}

// seedKeys gives project p the Api-Key values of Options.APIKeys (empty and
// repeated values skipped), or DefaultAPIKey when none is left. They are
// ordinary API keys of that project, named "default", "default-2", ...,
// with the role ProjectEditor: the admin API lists them (without values) and
// can rename or delete them.
func (s *Server) seedKeys(p *project, values []string, t time.Time) {
	var keep []string
	for _, v := range values {
		if v != "" && !slices.Contains(keep, v) { // an empty key would let requests without Api-Key in
			keep = append(keep, v)
		}
	}
	if len(keep) == 0 {
		keep = []string{DefaultAPIKey}
	}
	for i, v := range keep {
		name := "default"
		if i > 0 {
			name = fmt.Sprintf("default-%d", i+1)
		}
		s.addKey(&apiKey{id: newUUID(), name: name, projectID: p.id, roles: []string{roleProjectEditor}, value: v, createdAt: t})
	}
}

// parseRoles validates a roles array: absent (nil) means the default
// ["ProjectEditor"]; an empty array or an unknown role is 400. Repeated roles
// are kept once, in the order first given.
func parseRoles(roles []string) ([]string, *apiError) {
	if roles == nil {
		return []string{roleProjectEditor}, nil
	}
	if len(roles) == 0 {
		return nil, invalidArgument("roles must contain at least one role. Valid roles: %s.", strings.Join(apiKeyRoles, ", "))
	}
	out := make([]string, 0, len(roles))
	for _, r := range roles {
		if !slices.Contains(apiKeyRoles, r) {
			return nil, invalidArgument("Invalid role %q. Valid roles: %s.", r, strings.Join(apiKeyRoles, ", "))
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

type apiKeyBody struct {
	Name  *string  `json:"name"`
	Roles []string `json:"roles"` // nil when absent or null; empty (not nil) for []
}

// validate checks the fields that are present and returns the parsed roles
// (nil when roles is absent and defaultRoles is false).
func (b *apiKeyBody) validate(defaultRoles bool) ([]string, *apiError) {
	if b.Name != nil {
		if err := validateAdminName("API key", *b.Name, maxAPIKeyNameLen); err != nil {
			return nil, err
		}
	}
	if b.Roles == nil && !defaultRoles {
		return nil, nil
	}
	return parseRoles(b.Roles)
}

// handleCreateAPIKey answers 200 APIKeyWithSecret (the spec says 201; the Go
// SDK and, by its integration tests, production use 200: go-pinecone
// pinecone/admin_client.go, APIKeyClient Create, and admin_client_test.go).
// The value works as an Api-Key of that project at once. Order: the
// project id (400), the body (422, then 400), then the project (404).
func (s *Server) handleCreateAPIKey(q *request) {
	projectID, err := projectParam(q)
	if err != nil {
		q.fail(err)
		return
	}
	var b apiKeyBody
	body, ok := q.decode(&b)
	if !ok {
		return
	}
	if b.Name == nil {
		q.fail(body.missing("name"))
		return
	}
	roles, err := b.validate(true)
	if err != nil {
		q.fail(err)
		return
	}

	t := s.now()
	s.mu.Lock()
	if _, ok := s.projects[projectID]; !ok {
		s.mu.Unlock()
		q.fail(projectNotFound(projectID))
		return
	}
	k := &apiKey{id: newUUID(), name: *b.Name, projectID: projectID, roles: roles, value: newKeyValue(), createdAt: t}
	s.addKey(k)
	out := apiKeyWithSecretJSON{Key: k.view(), Value: k.value}
	s.mu.Unlock()
	s.answerCreate(q, http.StatusOK, out)
}

// handleListAPIKeys answers {"data":[APIKey...]} of one project, in creation
// order, without values.
func (s *Server) handleListAPIKeys(q *request) {
	projectID, err := projectParam(q)
	if err != nil {
		q.fail(err)
		return
	}
	s.mu.Lock()
	if _, ok := s.projects[projectID]; !ok {
		s.mu.Unlock()
		q.fail(projectNotFound(projectID))
		return
	}
	var keys []*apiKey
	for _, k := range s.apiKeys {
		if k.projectID == projectID {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b *apiKey) int { return cmp.Compare(a.seq, b.seq) })
	out := apiKeyListJSON{Data: make([]apiKeyJSON, 0, len(keys))}
	for _, k := range keys {
		out.Data = append(out.Data, k.view())
	}
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

func apiKeyParam(q *request) (string, *apiError) { return uuidParam(q, "api_key_id") }

func (s *Server) handleDescribeAPIKey(q *request) {
	id, err := apiKeyParam(q)
	if err != nil {
		q.fail(err)
		return
	}
	s.read(q, func(time.Time) (any, *apiError) {
		k, ok := s.apiKeys[id]
		if !ok {
			return nil, apiKeyNotFound(id)
		}
		return k.view(), nil
	})
}

// handleUpdateAPIKey changes the name and/or the roles (which replace the
// whole set) and answers 200 APIKey. Absent or null fields are unchanged.
func (s *Server) handleUpdateAPIKey(q *request) {
	id, err := apiKeyParam(q)
	if err != nil {
		q.fail(err)
		return
	}
	var b apiKeyBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	roles, err := b.validate(false)
	if err != nil {
		q.fail(err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.apiKeys[id]
	if !ok {
		q.fail(apiKeyNotFound(id))
		return
	}
	if b.Name != nil {
		k.name = *b.Name
	}
	if roles != nil {
		k.roles = roles
	}
	writeJSON(q.w, http.StatusOK, k.view())
}

// handleDeleteAPIKey answers 202; the key stops working at once and its
// role bindings go with it.
func (s *Server) handleDeleteAPIKey(q *request) {
	id, err := apiKeyParam(q)
	if err != nil {
		q.fail(err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.apiKeys[id]
	if !ok {
		q.fail(apiKeyNotFound(id))
		return
	}
	delete(s.apiKeys, id)
	delete(s.keyValues, k.value)
	s.dropBindingsOf(principalAPIKey, id)
	q.w.WriteHeader(http.StatusAccepted)
}
