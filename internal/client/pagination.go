package client

import (
	"context"
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

// paginate GETs every page of the list call cl and returns all items (never
// nil on success). Each request carries cl's query plus limit=pageSize and,
// after the first page, the token under tokenParam. page returns the items
// and the pagination of one decoded answer P.
func paginate[T, P any](ctx context.Context, c *Client, cl call, tokenParam string, page func(*P) ([]T, *pagination)) ([]T, error) {
	all := []T{}
	token := ""
	seen := map[string]bool{}
	for i := 0; i < maxPages; i++ {
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
	return nil, fmt.Errorf("GET %s: more than %d pages", cl.path, maxPages)
}

// listData GETs every page of a db_control list whose items are under "data".
func listData[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	return paginate(ctx, c, call{method: http.MethodGet, path: path}, tokenParamControl, (*dataPage[T]).page)
}
