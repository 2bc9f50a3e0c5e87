package emulator

import (
	"net/http"
	"strings"
	"time"
)

// Route templates of the user endpoints (spec admin_2026-07.oas.yaml:
// list_users, fetch_user, delete_user). Users join only by accepting an
// invite (Server.AcceptInvite); the API cannot create them.
const (
	routeUsers = "/admin/users"
	routeUser  = "/admin/users/{user_id}"
)

// The user New puts in the organization, holding OrgOwner, as the person
// who signed up would. Its id is Server.DefaultOwnerUserID.
const (
	DefaultOwnerEmail = "owner@emulator.local"
	DefaultOwnerName  = "Emulator Owner"
)

// user is a member of the organization. Guarded by Server.mu.
type user struct {
	id    string // UUID
	email string
	name  string // "" when not set
	seq   int64
}

// userJSON is the User schema; name is omitted when not set (spec: "Omitted
// from the response if the user has not set one").
type userJSON struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
}

func (u *user) view() userJSON { return userJSON{ID: u.id, Email: u.email, Name: u.name} }

func userNotFound(id string) *apiError { return notFound("User %s not found.", id) }

// addUser stores u with its creation order. Callers hold s.mu or are in New.
func (s *Server) addUser(u *user) {
	s.seq++
	u.seq = s.seq
	s.users[u.id] = u
}

// userByEmail finds a member by email, case-insensitively (spec list_users:
// "Case-insensitive filter on the user's email address"). Callers hold s.mu.
func (s *Server) userByEmail(email string) *user {
	for _, u := range s.users {
		if strings.EqualFold(u.email, email) {
			return u
		}
	}
	return nil
}

// seedOwner adds the default owner user with its OrgOwner binding. Only in
// New.
func (s *Server) seedOwner(t time.Time) {
	u := &user{id: newUUID(), email: DefaultOwnerEmail, name: DefaultOwnerName}
	s.addUser(u)
	s.ownerUserID = u.id
	s.addBinding(&roleBinding{id: newUUID(), principalType: principalUser, principalID: u.id,
		resourceType: resourceOrganization, resourceID: s.org.id, role: roleOrgOwner, createdAt: t})
}

// DefaultOwnerUserID returns the id of the user New created
// (DefaultOwnerEmail, holding OrgOwner). The id stays the same even if the
// user is deleted through the admin API.
func (s *Server) DefaultOwnerUserID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ownerUserID
}

func (s *Server) registerUserRoutes() {
	s.handle(http.MethodGet, routeUsers, s.handleListUsers)
	s.handle(http.MethodGet, routeUser, s.handleDescribeUser)
	s.handle(http.MethodDelete, routeUser, s.handleDeleteUser)
}

// handleListUsers answers one page of the members, in the order they
// joined, optionally only the one whose email matches the email parameter
// case-insensitively (a malformed email is 400, as the spec says).
func (s *Server) handleListUsers(q *request) {
	email := q.r.URL.Query().Get("email")
	if email != "" {
		if err := validateEmail("email", email); err != nil {
			q.fail(err)
			return
		}
	}
	p, err := adminPage(q.r, "users")
	if err != nil {
		q.fail(err)
		return
	}
	s.mu.Lock()
	var all []*user
	for _, u := range s.users {
		if email == "" || strings.EqualFold(u.email, email) {
			all = append(all, u)
		}
	}
	out := pageOf(q, "users", all, func(u *user) cursor { return seqCursor(u.seq, u.id) }, p, (*user).view)
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

// lookupUser reads {user_id} and finds the user. Callers hold s.mu.
func (s *Server) lookupUser(q *request) (*user, *apiError) {
	id, err := uuidParam(q, "user_id")
	if err != nil {
		return nil, err
	}
	u, ok := s.users[id]
	if !ok {
		return nil, userNotFound(id)
	}
	return u, nil
}

func (s *Server) handleDescribeUser(q *request) {
	s.read(q, func(time.Time) (any, *apiError) {
		u, err := s.lookupUser(q)
		if err != nil {
			return nil, err
		}
		return u.view(), nil
	})
}

// handleDeleteUser answers 202 and removes the user with its role bindings
// at once, unless it is the last user holding OrgOwner (409 ABORTED, the
// spec's "last-org-owner" example). Invites it accepted stay processed.
func (s *Server) handleDeleteUser(q *request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.lookupUser(q)
	if err != nil {
		q.fail(err)
		return
	}
	owner := s.countOrgBindings(principalUser, u.id, roleOrgOwner) > 0
	if owner && s.countOrgBindings(principalUser, "", roleOrgOwner) == s.countOrgBindings(principalUser, u.id, roleOrgOwner) {
		q.fail(conflict(codeAborted, "Cannot delete the last OrgOwner role binding for this organization."))
		return
	}
	s.dropBindingsOf(principalUser, u.id)
	delete(s.users, u.id)
	q.w.WriteHeader(http.StatusAccepted)
}
