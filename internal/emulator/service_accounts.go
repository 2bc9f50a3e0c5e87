package emulator

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// Route templates of the service account endpoints (spec
// admin_2026-07.oas.yaml: list_service_accounts, create_service_account,
// fetch_service_account, update_service_account, delete_service_account,
// rotate_service_account_secret).
const (
	routeServiceAccounts = "/admin/service-accounts"
	routeServiceAccount  = "/admin/service-accounts/{service_account_id}"
	routeRotateSecret    = "/admin/service-accounts/{service_account_id}/rotate-secret"
)

// BootstrapServiceAccountName names the service accounts New makes from
// Options.ServiceAccounts (or DefaultClientID / DefaultClientSecret). They
// hold OrgOwner, so they may do everything, as before role enforcement.
// With several accounts the names are "emulator-bootstrap",
// "emulator-bootstrap-2", ... in client_id order.
const BootstrapServiceAccountName = "emulator-bootstrap"

// maxServiceAccountNameLen bounds service account names (spec
// CreateServiceAccountRequest.name, maxLength 80).
const maxServiceAccountNameLen = 80

// maxInitialBindings bounds role_bindings in a create (spec
// CreateServiceAccountRequest and CreateInviteRequest, maxItems 100).
const maxInitialBindings = 100

// Alphabets of the generated credentials, after the spec's examples: a
// client_id of 32 letters and digits ("l3Ow0CmFyc4jOONcwiKUCRqQKN0tiCAn")
// and a client_secret of 64 URL-safe base64 characters.
const (
	alnum          = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	urlSafeBase64  = alnum + "-_"
	clientIDLen    = 32
	clientSecretLn = 64
)

// serviceAccount is an OAuth client of the organization. Its secret is
// shown only by the create and the rotation. Guarded by Server.mu.
type serviceAccount struct {
	id        string // UUID
	name      string
	clientID  string
	secret    string
	createdAt time.Time
	updatedAt time.Time
	seq       int64
}

// serviceAccountJSON is the ServiceAccount schema; it never carries the
// secret.
type serviceAccountJSON struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	ClientID  string `json:"client_id"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

// serviceAccountWithSecretJSON is ServiceAccountWithSecret.
type serviceAccountWithSecretJSON struct {
	ServiceAccount serviceAccountJSON `json:"service_account"`
	ClientSecret   string             `json:"client_secret"`
}

func (a *serviceAccount) view() serviceAccountJSON {
	return serviceAccountJSON{ID: a.id, Name: a.name, ClientID: a.clientID,
		CreatedAt: timestamp(a.createdAt), UpdatedAt: timestamp(a.updatedAt)}
}

func (a *serviceAccount) withSecret() serviceAccountWithSecretJSON {
	return serviceAccountWithSecretJSON{ServiceAccount: a.view(), ClientSecret: a.secret}
}

func serviceAccountNotFound(id string) *apiError {
	return notFound("Service account %s not found.", id)
}

// cryptoString draws n characters of alphabet from crypto/rand: these are
// credentials, unlike the names randomString makes.
func cryptoString(n int, alphabet string) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// addServiceAccount stores a with its creation order. Callers hold s.mu or
// are in New.
func (s *Server) addServiceAccount(a *serviceAccount) {
	s.seq++
	a.seq = s.seq
	s.serviceAccounts[a.id] = a
	s.clients[a.clientID] = a
}

// seedServiceAccounts turns the configured credentials into service
// accounts named after BootstrapServiceAccountName, each holding OrgOwner,
// so existing tokens keep their full power under role enforcement.
func (s *Server) seedServiceAccounts(creds map[string]string, t time.Time) {
	ids := make([]string, 0, len(creds))
	for id, secret := range creds {
		if id != "" && secret != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		creds = map[string]string{DefaultClientID: DefaultClientSecret}
		ids = []string{DefaultClientID}
	}
	slices.Sort(ids)
	for i, id := range ids {
		name := BootstrapServiceAccountName
		if i > 0 {
			name = fmt.Sprintf("%s-%d", BootstrapServiceAccountName, i+1)
		}
		a := &serviceAccount{id: newUUID(), name: name, clientID: id, secret: creds[id], createdAt: t, updatedAt: t}
		s.addServiceAccount(a)
		s.addBinding(&roleBinding{id: newUUID(), principalType: principalServiceAccount, principalID: a.id,
			resourceType: resourceOrganization, resourceID: s.org.id, role: roleOrgOwner, createdAt: t})
	}
}

// revokeTokens ends every access token the service account holds. Callers
// hold s.mu.
func (s *Server) revokeTokens(accountID string) {
	for tok, owner := range s.tokenOwners {
		if owner == accountID {
			delete(s.tokenOwners, tok)
			delete(s.tokens, tok)
		}
	}
}

func (s *Server) registerServiceAccountRoutes() {
	s.handle(http.MethodGet, routeServiceAccounts, s.handleListServiceAccounts)
	s.handle(http.MethodPost, routeServiceAccounts, s.handleCreateServiceAccount)
	s.handle(http.MethodGet, routeServiceAccount, s.handleDescribeServiceAccount)
	s.handle(http.MethodPatch, routeServiceAccount, s.handleUpdateServiceAccount)
	s.handle(http.MethodDelete, routeServiceAccount, s.handleDeleteServiceAccount)
	s.handle(http.MethodPost, routeRotateSecret, s.handleRotateSecret)
}

type createServiceAccountBody struct {
	Name         *string            `json:"name"`
	RoleBindings []roleBindingInput `json:"role_bindings"`
}

func (b *createServiceAccountBody) missingField() string {
	if f := requiredName(b.Name); f != "" {
		return f
	}
	return missingInInputs(b.RoleBindings)
}

// handleCreateServiceAccount answers 201 ServiceAccountWithSecret (the
// spec's status) with a new client_id and secret that POST /oauth/token
// accepts at once. Names need not be unique (spec: "Repeating this request
// may create duplicate service accounts"). Order: the body (422), name and
// role_bindings (400), their projects (404), the caller's right to grant
// each binding (403).
func (s *Server) handleCreateServiceAccount(q *request) {
	var b createServiceAccountBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	if err := validateAdminName("Service account", *b.Name, maxServiceAccountNameLen); err != nil {
		q.fail(err)
		return
	}
	if len(b.RoleBindings) > maxInitialBindings {
		q.fail(invalidArgument("role_bindings may hold at most %d bindings; got %d.", maxInitialBindings, len(b.RoleBindings)))
		return
	}
	t := s.now()
	s.mu.Lock()
	a := &serviceAccount{id: newUUID(), name: *b.Name, clientID: cryptoString(clientIDLen, alnum),
		secret: cryptoString(clientSecretLn, urlSafeBase64), createdAt: t, updatedAt: t}
	bindings, err := s.resolveInputs(q.who, principalServiceAccount, a.id, b.RoleBindings, t)
	if err != nil {
		s.mu.Unlock()
		q.fail(err)
		return
	}
	s.addServiceAccount(a)
	for _, rb := range bindings {
		s.addBinding(rb)
	}
	out := a.withSecret()
	s.mu.Unlock()
	s.answerCreate(q, http.StatusCreated, out)
}

// handleListServiceAccounts answers one page of the organization's service
// accounts, in creation order (the bootstrap accounts first).
func (s *Server) handleListServiceAccounts(q *request) {
	p, err := adminPage(q.r, "service-accounts")
	if err != nil {
		q.fail(err)
		return
	}
	s.mu.Lock()
	all := make([]*serviceAccount, 0, len(s.serviceAccounts))
	for _, a := range s.serviceAccounts {
		all = append(all, a)
	}
	out := pageOf(q, "service-accounts", all, func(a *serviceAccount) cursor { return seqCursor(a.seq, a.id) }, p,
		(*serviceAccount).view)
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

func serviceAccountParam(q *request) (string, *apiError) { return uuidParam(q, "service_account_id") }

// lookupServiceAccount reads {service_account_id} and finds the account.
// Callers hold s.mu.
func (s *Server) lookupServiceAccount(q *request) (*serviceAccount, *apiError) {
	id, err := serviceAccountParam(q)
	if err != nil {
		return nil, err
	}
	a, ok := s.serviceAccounts[id]
	if !ok {
		return nil, serviceAccountNotFound(id)
	}
	return a, nil
}

func (s *Server) handleDescribeServiceAccount(q *request) {
	s.read(q, func(time.Time) (any, *apiError) {
		a, err := s.lookupServiceAccount(q)
		if err != nil {
			return nil, err
		}
		return a.view(), nil
	})
}

type updateServiceAccountBody struct {
	Name *string `json:"name"`
}

// handleUpdateServiceAccount renames the account (absent or null:
// unchanged) and answers 200 ServiceAccount with updated_at set to now.
func (s *Server) handleUpdateServiceAccount(q *request) {
	if _, err := serviceAccountParam(q); err != nil {
		q.fail(err)
		return
	}
	var b updateServiceAccountBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	if b.Name != nil {
		if err := validateAdminName("Service account", *b.Name, maxServiceAccountNameLen); err != nil {
			q.fail(err)
			return
		}
	}
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.lookupServiceAccount(q)
	if err != nil {
		q.fail(err)
		return
	}
	if b.Name != nil {
		a.name = *b.Name
	}
	a.updatedAt = t
	writeJSON(q.w, http.StatusOK, a.view())
}

// handleDeleteServiceAccount answers 202 and removes the account with its
// role bindings and tokens at once (spec: "removed immediately"; tokens
// "revoked within a few seconds", which the emulator makes immediate).
func (s *Server) handleDeleteServiceAccount(q *request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.lookupServiceAccount(q)
	if err != nil {
		q.fail(err)
		return
	}
	s.revokeTokens(a.id)
	s.dropBindingsOf(principalServiceAccount, a.id)
	delete(s.clients, a.clientID)
	delete(s.serviceAccounts, a.id)
	q.w.WriteHeader(http.StatusAccepted)
}

// handleRotateSecret answers 200 ServiceAccountWithSecret with a new
// secret. The old secret stops working at POST /oauth/token and the tokens
// it minted stop working at once (spec: "revoked within seconds"; the
// emulator does not wait). updated_at is left alone: it tracks metadata
// ([unverified]).
func (s *Server) handleRotateSecret(q *request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.lookupServiceAccount(q)
	if err != nil {
		q.fail(err)
		return
	}
	a.secret = cryptoString(clientSecretLn, urlSafeBase64)
	s.revokeTokens(a.id)
	writeJSON(q.w, http.StatusOK, a.withSecret())
}
