package emulator

import (
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Access management of the admin API 2026-07 (spec admin_2026-07.oas.yaml,
// tags Service Accounts, Role Bindings, Invites and Users; the TS client
// 9.0.0's generated admin models). The four object kinds share the list
// rules below and live in Server under s.mu: service_accounts.go,
// role_bindings.go, invites.go, users.go. Who may call what is in
// permissions.go.

// Principal and resource types (spec RoleBinding.principal_type and
// resource_type x-enums).
const (
	principalUser           = "user"
	principalServiceAccount = "service_account"
	principalAPIKey         = "api_key"
	principalInvite         = "invite"

	resourceOrganization = "organization"
	resourceProject      = "project"
)

var (
	principalTypes = []string{principalUser, principalServiceAccount, principalAPIKey, principalInvite}
	resourceTypes  = []string{resourceOrganization, resourceProject}
)

// Error codes the access endpoints use beyond the db_control ones (spec
// admin_2026-07.oas.yaml, ErrorResponse.error.code x-enum): OUT_OF_RANGE
// for a list limit outside 1-100 (the limit parameter's description),
// ABORTED for the 409s that would break an invariant (the "last-org-owner"
// and "last-org-membership-binding" examples), PERMISSION_DENIED for a
// principal whose roles do not allow the call (chosen; see permissions.go).
const (
	codeOutOfRange       = "OUT_OF_RANGE"
	codeAborted          = "ABORTED"
	codePermissionDenied = "PERMISSION_DENIED"
)

// accessVersion is the only API version that has the access endpoints:
// the 2025-10 and 2026-04 admin specs have none of them.
const accessVersion = apiVersion2026_07

// conflict is a 409 with the given code; the spec's 409 examples use
// ALREADY_EXISTS for duplicates and lifecycle mismatches and ABORTED for
// invariants.
func conflict(code, message string) *apiError {
	return &apiError{status: http.StatusConflict, code: code, message: message}
}

// Admin list pages (spec admin_2026-07.oas.yaml: list_service_accounts,
// list_role_bindings, list_invites, list_users): limit 1-100, default 100,
// "Out-of-range values return 400 OUT_OF_RANGE"; paginationToken "Must be
// reused with the same query context (path parameters, filters, and
// limit)", so the emulator writes that context into the token and refuses
// a token used with another one (400 INVALID_ARGUMENT, as for any token it
// did not issue).
const adminPageLimit = 100

// adminPage reads limit and paginationToken for the list kind. The token
// kind is kind plus the other query parameters, so a token only works with
// the filters and limit it was issued for.
func adminPage(r *http.Request, kind string) (pageRequest, *apiError) {
	query := r.URL.Query()
	p := pageRequest{limit: adminPageLimit}
	if query.Has(queryLimit) {
		raw := query.Get(queryLimit)
		n, err := strconv.Atoi(raw)
		if err != nil {
			return p, invalidArgument("Invalid limit %q: must be an integer between 1 and %d.", raw, adminPageLimit)
		}
		if n < 1 || n > adminPageLimit {
			return p, &apiError{status: http.StatusBadRequest, code: codeOutOfRange,
				message: "Invalid limit " + raw + ": must be between 1 and 100."}
		}
		p.limit = n
	}
	if tok := query.Get(queryToken); tok != "" {
		c, ok := decodePageToken(tok, pageContext(kind, query))
		if !ok {
			return p, invalidArgument("Invalid pagination token %q.", tok)
		}
		p.after = &c
	}
	return p, nil
}

// pageContext names a list and its query context, without the token.
func pageContext(kind string, query url.Values) string {
	rest := url.Values{}
	for k, v := range query {
		if k != queryToken {
			rest[k] = v
		}
	}
	return kind + "?" + rest.Encode()
}

// seqCursor places an object in creation order: the admin lists are in the
// order objects were made, and the store's creation counter (not the clock,
// which a test may hold still) decides it.
func seqCursor(seq int64, id string) cursor { return cursor{at: time.Unix(0, seq), id: id} }

// pageOf cuts one page out of items (any order) and renders it as the
// admin list {"data":[...],"pagination":{"next":...} or null}.
func pageOf[T any, J any](q *request, kind string, items []T, pos func(T) cursor, p pageRequest, view func(T) J) adminListJSON[J] {
	page, next := paginate(items, pos, p, pageContext(kind, q.r.URL.Query()))
	out := adminListJSON[J]{Data: make([]J, 0, len(page))}
	for _, it := range page {
		out.Data = append(out.Data, view(it))
	}
	if next != "" {
		out.Pagination = &paginationJSON{Next: next}
	}
	return out
}

// adminListJSON is ServiceAccountList, RoleBindingList, InviteList and
// UserList: pagination is null on the last page (spec: "null (or absent) on
// the final page of results"; list_users' examples show null).
type adminListJSON[J any] struct {
	Data       []J             `json:"data"`
	Pagination *paginationJSON `json:"pagination"`
}

// accessServed answers 404 for the access endpoints below API 2026-07,
// with the wording of an unknown route plus the reason, as backup
// schedules do.
func accessServed(method, path, version string) *apiError {
	if version == accessVersion {
		return nil
	}
	return notFound("Route %s %s not found in API version %s; service accounts, role bindings, invites and users exist from %s on.",
		method, path, version, accessVersion)
}
