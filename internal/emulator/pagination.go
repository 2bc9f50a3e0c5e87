package emulator

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Pagination of GET /backups, GET /indexes/{index_name}/backups and GET
// /restore-jobs (spec db_control_2025-10.oas.yaml: list_project_backups,
// list_index_backups, list_restore_jobs): query parameters limit (1-100,
// default 10; 100 at 2026-07) and paginationToken; the answer carries pagination.next only
// when another page follows. GET /assistant/assistants in 2026-04 works the
// same way with limit (default 50) and pagination_token (see pageSpec).
const (
	defaultPageLimit = 10
	pageLimit2026_07 = 100 // the 2026-07 default
	maxPageLimit     = 100

	queryLimit = "limit"
	queryToken = "paginationToken"

	// Token kinds: a token only works on the kind of list that issued it.
	pageKindBackups     = "backups"
	pageKindRestoreJobs = "restore-jobs"
	pageKindAssistants  = "assistants"
)

type paginationJSON struct {
	Next string `json:"next"`
}

// cursor is a position in a list ordered by creation time, then id. A token
// names the last item of the page it came with; the next page starts after
// it, so items created or deleted between calls neither repeat nor shift the
// rest of the list.
type cursor struct {
	at time.Time
	id string
}

func (c cursor) compare(o cursor) int {
	if n := c.at.Compare(o.at); n != 0 {
		return n
	}
	return strings.Compare(c.id, o.id)
}

type pageRequest struct {
	limit int
	after *cursor // nil: first page
}

// pageSpec names a paginated list's query parameters and default page size.
// db_control lists use limit / paginationToken with a default of 10; the
// 2026-04 assistant list uses limit / pagination_token with a default of 50
// (spec assistant_control_2026-04.oas.yaml, list_assistants).
type pageSpec struct {
	kind         string // token kind
	limitParam   string
	tokenParam   string
	defaultLimit int
}

// parseVersionedPage reads limit and paginationToken of a db_control list.
// A limit that is not an integer in 1..100 or a token that this list did not
// issue is 400. Without limit a page holds 10 items, or 100 at 2026-07
// (spec db_control_2026-07.oas.yaml: limit "default: 100" on
// list_project_backups, list_index_backups and list_restore_jobs).
func parseVersionedPage(r *http.Request, kind, version string) (pageRequest, *apiError) {
	limit := defaultPageLimit
	if version == apiVersion2026_07 {
		limit = pageLimit2026_07
	}
	return parsePage(r, pageSpec{kind: kind, limitParam: queryLimit, tokenParam: queryToken, defaultLimit: limit})
}

// parsePage reads the limit and token parameters named by spec, with the
// same rules as parseVersionedPage.
func parsePage(r *http.Request, spec pageSpec) (pageRequest, *apiError) {
	q := r.URL.Query()
	p := pageRequest{limit: spec.defaultLimit}
	if q.Has(spec.limitParam) {
		raw := q.Get(spec.limitParam)
		n, err := strconv.Atoi(raw)
		if err != nil {
			return p, invalidArgument("Invalid limit %q: must be an integer between 1 and %d.", raw, maxPageLimit)
		}
		if n < 1 || n > maxPageLimit {
			return p, invalidArgument("Invalid limit %d: must be between 1 and %d.", n, maxPageLimit)
		}
		p.limit = n
	}
	if tok := q.Get(spec.tokenParam); tok != "" {
		c, ok := decodePageToken(tok, spec.kind)
		if !ok {
			return p, invalidArgument("Invalid pagination token %q.", tok)
		}
		p.after = &c
	}
	return p, nil
}

// Tokens are base64url("<kind>|<unix nanos>|<id>"). Clients must treat them
// as opaque.

func encodePageToken(kind string, c cursor) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%s|%d|%s", kind, c.at.UnixNano(), c.id))
}

func decodePageToken(tok, kind string) (cursor, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return cursor{}, false
	}
	parts := strings.SplitN(string(raw), "|", 3)
	if len(parts) != 3 || parts[0] != kind || parts[2] == "" {
		return cursor{}, false
	}
	ns, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return cursor{}, false
	}
	return cursor{at: time.Unix(0, ns), id: parts[2]}, true
}

// sortByPos orders items by their cursor: creation time, then id.
func sortByPos[T any](items []T, pos func(T) cursor) {
	slices.SortFunc(items, func(a, b T) int { return pos(a).compare(pos(b)) })
}

// paginate sorts items by their cursor and returns the page p asks for,
// plus the token of the next page ("" on the last page).
func paginate[T any](items []T, pos func(T) cursor, p pageRequest, kind string) ([]T, string) {
	sortByPos(items, pos)
	if p.after != nil {
		start, _ := slices.BinarySearchFunc(items, *p.after, func(it T, c cursor) int {
			if n := pos(it).compare(c); n != 0 {
				return n
			}
			return -1 // the item at the cursor itself was on the previous page
		})
		items = items[start:]
	}
	if len(items) <= p.limit {
		return items, ""
	}
	page := items[:p.limit]
	return page, encodePageToken(kind, pos(page[len(page)-1]))
}

// paginateNewestFirst is paginate for a list shown newest first (assistant
// file operations, a backup schedule's history): items are ordered by their
// cursor from the latest down, and a page continues after the cursor of the
// last item of the previous one.
func paginateNewestFirst[T any](items []T, pos func(T) cursor, p pageRequest, kind string) ([]T, string) {
	slices.SortFunc(items, func(a, b T) int { return pos(b).compare(pos(a)) })
	if p.after != nil {
		start, _ := slices.BinarySearchFunc(items, *p.after, func(it T, c cursor) int {
			if n := c.compare(pos(it)); n != 0 {
				return n
			}
			return -1 // the item at the cursor itself was on the previous page
		})
		items = items[start:]
	}
	if len(items) <= p.limit {
		return items, ""
	}
	page := items[:p.limit]
	return page, encodePageToken(kind, pos(page[len(page)-1]))
}
