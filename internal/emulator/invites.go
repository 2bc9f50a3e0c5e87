package emulator

import (
	"errors"
	"net/http"
	"net/mail"
	"strings"
	"time"
)

// Route templates of the invite endpoints (spec admin_2026-07.oas.yaml:
// list_invites, create_invite, fetch_invite, delete_invite, resend_invite).
const (
	routeInvites      = "/admin/invites"
	routeInvite       = "/admin/invites/{invite_id}"
	routeInviteResend = "/admin/invites/{invite_id}/resend"
)

// inviteTTL is how long an invite can be accepted, from its creation or
// its last resend (spec Invite.expires_at: "Default TTL is 7 days. Resending
// the invite extends this to now plus 7 days").
const inviteTTL = 7 * 24 * time.Hour

// maxEmailLen bounds invite and filter emails (spec CreateInviteRequest.email
// and list_users email, maxLength 254).
const maxEmailLen = 254

// Invite statuses (spec Invite.status x-enum).
const (
	invitePending   = "pending"
	inviteExpired   = "expired"
	inviteProcessed = "processed"
)

// Errors of Server.AcceptInvite.
var (
	// ErrInviteNotFound: no invite has that id (or it was deleted).
	ErrInviteNotFound = errors.New("invite not found")
	// ErrInviteNotPending: the invite was accepted already, or has expired
	// (resend it first).
	ErrInviteNotPending = errors.New("invite is not pending")
)

// invite is an invitation of an email address to the organization. Its
// role bindings are ordinary bindings with principal type "invite" until it
// is accepted. Guarded by Server.mu.
type invite struct {
	id          string // UUID
	email       string
	createdAt   time.Time
	expiresAt   time.Time
	processedAt *time.Time // set when accepted
	seq         int64
}

// status derives the lifecycle state on the emulator's clock.
func (inv *invite) status(t time.Time) string {
	switch {
	case inv.processedAt != nil:
		return inviteProcessed
	case !t.Before(inv.expiresAt):
		return inviteExpired
	}
	return invitePending
}

// inviteJSON is the Invite schema. processed_at is null until the invite is
// accepted (the spec's examples write "processed_at: null").
type inviteJSON struct {
	ID          string  `json:"id"`
	Email       string  `json:"email"`
	Status      string  `json:"status"`
	ExpiresAt   string  `json:"expires_at"`
	ProcessedAt *string `json:"processed_at"`
	CreatedAt   string  `json:"created_at"`
}

func (inv *invite) view(t time.Time) inviteJSON {
	out := inviteJSON{ID: inv.id, Email: inv.email, Status: inv.status(t),
		ExpiresAt: timestamp(inv.expiresAt), CreatedAt: timestamp(inv.createdAt)}
	if inv.processedAt != nil {
		p := timestamp(*inv.processedAt)
		out.ProcessedAt = &p
	}
	return out
}

func inviteNotFound(id string) *apiError { return notFound("Invite %s not found.", id) }

// validateEmail accepts a plain address of at most 254 characters
// (spec: format email, maxLength 254); display names and angle brackets
// are 400.
func validateEmail(field, email string) *apiError {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" || len(email) > maxEmailLen || !strings.Contains(email[strings.LastIndex(email, "@"):], ".") {
		return invalidArgument("Invalid %s %q: must be an email address of at most %d characters.", field, email, maxEmailLen)
	}
	return nil
}

func (s *Server) registerInviteRoutes() {
	s.handle(http.MethodGet, routeInvites, s.handleListInvites)
	s.handle(http.MethodPost, routeInvites, s.handleCreateInvite)
	s.handle(http.MethodGet, routeInvite, s.handleDescribeInvite)
	s.handle(http.MethodDelete, routeInvite, s.handleDeleteInvite)
	s.handle(http.MethodPost, routeInviteResend, s.handleResendInvite)
}

type createInviteBody struct {
	Email        *string            `json:"email"`
	RoleBindings []roleBindingInput `json:"role_bindings"`
}

func (b *createInviteBody) missingField() string {
	switch {
	case b.Email == nil:
		return "email"
	case b.RoleBindings == nil:
		return "role_bindings"
	}
	return missingInInputs(b.RoleBindings)
}

// hasMembership reports whether the bindings include an organization role
// (spec CreateInviteRequest.role_bindings: "Must include at least one
// organization-scoped binding that grants organization membership").
func hasMembership(bindings []*roleBinding) bool {
	for _, rb := range bindings {
		if rb.resourceType == resourceOrganization {
			return true
		}
	}
	return false
}

// handleCreateInvite answers 200 Invite (the spec's status), pending,
// expiring in 7 days. Order: the body (422), email, the number of bindings
// and each binding (400, 404), the caller's right to grant them (403), an
// organization role among them (400), then the email (409 when a user has
// it, or a pending or expired invite: docs reference/api/2026-04/admin/
// create_invite).
func (s *Server) handleCreateInvite(q *request) {
	var b createInviteBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	if err := validateEmail("email", *b.Email); err != nil {
		q.fail(err)
		return
	}
	if n := len(b.RoleBindings); n < 1 || n > maxInitialBindings {
		q.fail(invalidArgument("role_bindings must hold between 1 and %d bindings; got %d.", maxInitialBindings, n))
		return
	}
	t := s.now()
	s.mu.Lock()
	inv := &invite{id: newUUID(), email: *b.Email, createdAt: t, expiresAt: t.Add(inviteTTL)}
	bindings, err := s.resolveInputs(q.who, principalInvite, inv.id, b.RoleBindings, t)
	if err == nil && !hasMembership(bindings) {
		err = invalidArgument("role_bindings must include an organization-scoped binding with one of %s.", strings.Join(orgRoles, ", "))
	}
	if err == nil {
		err = s.checkInviteEmail(inv.email, t)
	}
	if err != nil {
		s.mu.Unlock()
		q.fail(err)
		return
	}
	s.seq++
	inv.seq = s.seq
	s.invites[inv.id] = inv
	for _, rb := range bindings {
		s.addBinding(rb)
	}
	out := inv.view(t)
	s.mu.Unlock()
	s.answerCreate(q, http.StatusOK, out)
}

// checkInviteEmail answers the spec's 409s for an email that a member of
// the organization has, or that an unaccepted invite was sent to (emails
// compared case-insensitively, [unverified]). Callers hold s.mu.
func (s *Server) checkInviteEmail(email string, t time.Time) *apiError {
	if s.userByEmail(email) != nil {
		return conflict(codeAlreadyExists, "This email already belongs to a member of the organization.")
	}
	for _, other := range s.invites {
		if strings.EqualFold(other.email, email) && other.status(t) != inviteProcessed {
			return conflict(codeAlreadyExists, "A pending invite already exists for this email; its ID is "+other.id+".")
		}
	}
	return nil
}

// handleListInvites answers one page of the pending and expired invites
// (spec: "processed and deleted invites are excluded"), in creation order.
func (s *Server) handleListInvites(q *request) {
	p, err := adminPage(q.r, "invites")
	if err != nil {
		q.fail(err)
		return
	}
	t := s.now()
	s.mu.Lock()
	var open []*invite
	for _, inv := range s.invites {
		if inv.status(t) != inviteProcessed {
			open = append(open, inv)
		}
	}
	out := pageOf(q, "invites", open, func(inv *invite) cursor { return seqCursor(inv.seq, inv.id) }, p,
		func(inv *invite) inviteJSON { return inv.view(t) })
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

// lookupInvite reads {invite_id} and finds the invite. Callers hold s.mu.
func (s *Server) lookupInvite(q *request) (*invite, *apiError) {
	id, err := uuidParam(q, "invite_id")
	if err != nil {
		return nil, err
	}
	inv, ok := s.invites[id]
	if !ok {
		return nil, inviteNotFound(id)
	}
	return inv, nil
}

// handleDescribeInvite answers any invite, processed ones included (spec
// Invite.status: "processed is returned only when fetching a single invite
// by ID").
func (s *Server) handleDescribeInvite(q *request) {
	s.read(q, func(t time.Time) (any, *apiError) {
		inv, err := s.lookupInvite(q)
		if err != nil {
			return nil, err
		}
		return inv.view(t), nil
	})
}

// handleDeleteInvite answers 202 and removes a pending or expired invite
// with its bindings. An accepted invite is 409 and stays, with its user
// (docs reference/api/2026-04/admin/delete_invite: "Deleting an
// already-accepted (processed) invite returns 409; the underlying user is
// unaffected"; the code and message are [unverified], after the spec's
// "invite-not-pending" example).
func (s *Server) handleDeleteInvite(q *request) {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	inv, err := s.lookupInvite(q)
	if err != nil {
		q.fail(err)
		return
	}
	if inv.status(t) == inviteProcessed {
		q.fail(conflict(codeAlreadyExists, "Invite has already been accepted and cannot be deleted; delete the user instead."))
		return
	}
	s.dropBindingsOf(principalInvite, inv.id)
	delete(s.invites, inv.id)
	q.w.WriteHeader(http.StatusAccepted)
}

// handleResendInvite answers 200 Invite, pending again and expiring 7 days
// from now (spec resend_invite: "The invite returns to a pending status").
// An accepted invite is 409 with the spec's "invite-not-pending" example.
// The 100 emails per hour limit is not emulated.
func (s *Server) handleResendInvite(q *request) {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	inv, err := s.lookupInvite(q)
	if err != nil {
		q.fail(err)
		return
	}
	if inv.status(t) == inviteProcessed {
		q.fail(conflict(codeAlreadyExists, "Invite has already been accepted and cannot be resent."))
		return
	}
	inv.expiresAt = t.Add(inviteTTL)
	writeJSON(q.w, http.StatusOK, inv.view(t))
}

// AcceptInvite plays the invitee following the link in the email, which
// Pinecone's API cannot do: the invite becomes processed (processed_at now;
// it leaves the invite list) and a user with its email joins the
// organization (an existing user with that email is reused). Every role
// binding of the invite keeps its id and created_at and now names the user
// (principal_type "user"), as production re-points them (the official
// Terraform provider's role binding resource, pinecone-io/
// terraform-provider-pinecone PR #90). It returns the user's id, or
// ErrInviteNotFound, or ErrInviteNotPending for an accepted or expired
// invite. POST /_emulator/invites/{invite_id}/accept does the same.
func (s *Server) AcceptInvite(inviteID string) (string, error) {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	inv, ok := s.invites[strings.ToLower(inviteID)]
	if !ok {
		return "", ErrInviteNotFound
	}
	if inv.status(t) != invitePending {
		return "", ErrInviteNotPending
	}
	u := s.userByEmail(inv.email)
	if u == nil {
		u = &user{id: newUUID(), email: inv.email}
		s.addUser(u)
	}
	inv.processedAt = &t
	s.repointBindings(inv.id, u.id)
	return u.id, nil
}

// repointBindings hands an accepted invite's bindings to its user, keeping
// their ids. A binding the user already holds is dropped instead of being
// doubled ([unverified]). Callers hold s.mu.
func (s *Server) repointBindings(inviteID, userID string) {
	for id, rb := range s.bindings {
		if rb.principalType != principalInvite || rb.principalID != inviteID {
			continue
		}
		moved := *rb
		moved.principalType, moved.principalID = principalUser, userID
		if s.findGrant(&moved) != nil {
			delete(s.bindings, id)
			continue
		}
		rb.principalType, rb.principalID = principalUser, userID
	}
}
