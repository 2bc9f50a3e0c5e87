package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// pageSize is the largest page the paginated lists allow; fewer pages, fewer
// calls.
const pageSize = 100

// maxPages stops a server that keeps returning tokens from looping forever.
const maxPages = 1000

// Query parameters of the page token: db_control lists (backups, restore
// jobs) spell it in camelCase, the assistant APIs in snake_case.
const (
	tokenParamControl   = "paginationToken"
	tokenParamAssistant = "pagination_token"
)

// pagination is the pagination object of a list answer; it is omitted or
// null on the last page.
type pagination struct {
	Next string `json:"next"`
}

func nextToken(p *pagination) string {
	if p == nil {
		return ""
	}
	return p.Next
}

// dataPage is a list answer that holds its items under "data" (db_control's
// backup and restore job lists, and the admin lists, which have no
// pagination).
type dataPage[T any] struct {
	Data       []T         `json:"data"`
	Pagination *pagination `json:"pagination"`
}

func (p *dataPage[T]) page() ([]T, *pagination) { return p.Data, p.Pagination }

// errListTooLong: a list for a shared board would take more than
// boardPages requests (a project with hundreds of backups, say). The board
// then leaves reads and waits to describes for a while (tooLongMemory):
// one describe per object costs less than many pages per tick.
var errListTooLong = errors.New("the list spans more pages than a shared list may use")

// boardPages is how many pages a board's list may take.
const boardPages = 1

// paginate GETs every page of the list call cl and returns all items (never
// nil on success). Each request carries cl's query plus limit=pageSize and,
// after the first page, the token under tokenParam. page returns the items
// and the pagination of one decoded answer P.
func paginate[T, P any](ctx context.Context, c *Client, cl call, tokenParam string, page func(*P) ([]T, *pagination)) ([]T, error) {
	return paginateUpTo(ctx, c, cl, tokenParam, page, maxPages)
}

// paginateUpTo is paginate that stops after limit pages: with an error for
// maxPages, with errListTooLong for a smaller limit.
func paginateUpTo[T, P any](ctx context.Context, c *Client, cl call, tokenParam string, page func(*P) ([]T, *pagination), limit int) ([]T, error) {
	all := []T{}
	token := ""
	seen := map[string]bool{}
	for i := 0; i < limit; i++ {
		q := url.Values{"limit": {strconv.Itoa(pageSize)}}
		for k, v := range cl.query {
			q[k] = v
		}
		if token != "" {
			q.Set(tokenParam, token)
		}
		var answer P
		req := cl
		req.query, req.out = q, &answer
		if err := c.do(ctx, req); err != nil {
			return nil, err
		}
		items, p := page(&answer)
		all = append(all, items...)
		next := nextToken(p)
		if next == "" {
			return all, nil
		}
		if seen[next] {
			return nil, fmt.Errorf("GET %s: pagination token %q repeated", cl.path, next)
		}
		seen[next] = true
		token = next
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	if limit < maxPages {
		return nil, errListTooLong
	}
	return nil, fmt.Errorf("GET %s: more than %d pages", cl.path, maxPages)
}

// listData GETs every page of a db_control list whose items are under "data".
func listData[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	return paginate(ctx, c, call{method: http.MethodGet, path: path}, tokenParamControl, (*dataPage[T]).page)
}
