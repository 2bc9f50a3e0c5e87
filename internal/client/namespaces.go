package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Namespaces of an index, on the index's own host (the data plane), not on
// the control plane. Paths: /namespaces and /namespaces/{namespace} of
// Pinecone's db_data API (specs db_data_2025-10.oas.yaml and 2026-04:
// operations createNamespace, describeNamespace, listNamespacesOperation,
// deleteNamespace; 2026-07 shapes from the TypeScript client 9.0.0,
// pinecone-generated-ts-fetch/db_data).

// DefaultNamespace names the namespace requests address when they name none.
// It always exists and cannot be created or deleted by name.
const DefaultNamespace = "__default__"

// Namespace describes a namespace of an index.
type Namespace struct {
	Name string `json:"name"`
	// RecordCount is a JSON number before 2026-07 and a decimal string
	// from 2026-07 on; both decode.
	RecordCount   Int64String      `json:"record_count"`
	Schema        *NamespaceSchema `json:"schema,omitempty"`
	IndexedFields *IndexedFields   `json:"indexed_fields,omitempty"`
}

// NamespaceSchema lists the metadata fields that are filterable in a
// namespace.
type NamespaceSchema struct {
	Fields map[string]NamespaceField `json:"fields,omitempty"`
}

// NamespaceField configures one metadata field; Pinecone accepts only
// filterable = true.
type NamespaceField struct {
	Filterable bool `json:"filterable"`
}

// IndexedFields are the metadata fields a namespace indexes.
type IndexedFields struct {
	Fields []string `json:"fields"`
}

// CreateNamespaceRequest is the body of POST /namespaces.
type CreateNamespaceRequest struct {
	Name   string           `json:"name"`
	Schema *NamespaceSchema `json:"schema,omitempty"`
}

type namespacePage struct {
	Namespaces []Namespace  `json:"namespaces"`
	Pagination *pagination  `json:"pagination"`
	TotalCount *Int64String `json:"total_count,omitempty"`
}

// Int64String is a 64-bit integer that Pinecone sends either as a JSON
// number or, from API 2026-07 on, as a decimal string.
type Int64String int64

// UnmarshalJSON accepts 12, "12" and null (zero).
func (n *Int64String) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*n = 0
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return fmt.Errorf("not a 64-bit integer: %s", b)
	}
	*n = Int64String(v)
	return nil
}

// DataPlane calls the data plane of one index, at https://{host} (or at
// Options.DataPlaneURL with the host in the Host header). It shares its
// client's API key, retries, logging and redaction.
type DataPlane struct {
	c          *Client
	base       *url.URL
	hostHeader string
	host       string
}

// IndexDataPlane returns the data plane of the index whose host (as
// describe_index reports it, without scheme) is host. One DataPlane is made
// per host, on first use, and shared.
func (c *Client) IndexDataPlane(host string) (*DataPlane, error) {
	host = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(host), "https://"), "/")
	if host == "" || strings.ContainsAny(host, "/?#@ ") {
		return nil, fmt.Errorf("%w: %q is not an index host", ErrInvalidRequest, host)
	}
	if dp, ok := c.dataPlanes.Load(host); ok {
		return dp.(*DataPlane), nil //nolint:forcetypeassert // only *DataPlane is stored
	}
	dp := &DataPlane{c: c, host: host}
	if c.dataPlaneURL != nil {
		dp.base, dp.hostHeader = c.dataPlaneURL, host
	} else {
		u, err := ParseBaseURL("https://" + host)
		if err != nil {
			return nil, err
		}
		dp.base = u
	}
	actual, _ := c.dataPlanes.LoadOrStore(host, dp)
	return actual.(*DataPlane), nil //nolint:forcetypeassert // only *DataPlane is stored
}

// Host is the index host this data plane talks to.
func (d *DataPlane) Host() string { return d.host }

func namespacePath(name string) string { return "/namespaces/" + pathEscape(name) }

func (d *DataPlane) call(method, path string, body any) call {
	return call{method: method, base: d.base, hostHeader: d.hostHeader, path: path, body: body}
}

// CreateNamespace creates a namespace. Names are unique in an index, so a
// create retried after an uncertain failure may answer 409 for our own
// namespace (IsOwnRetriedCreate).
func (d *DataPlane) CreateNamespace(ctx context.Context, req CreateNamespaceRequest) (*Namespace, error) {
	cl := d.call(http.MethodPost, "/namespaces", req)
	cl.retrySafe = true
	return doJSON[Namespace](ctx, d.c, cl)
}

// DescribeNamespace returns one namespace; ErrNotFound if it does not exist.
func (d *DataPlane) DescribeNamespace(ctx context.Context, name string) (*Namespace, error) {
	return doJSON[Namespace](ctx, d.c, d.call(http.MethodGet, namespacePath(name), nil))
}

// DeleteNamespace deletes a namespace and every record in it.
func (d *DataPlane) DeleteNamespace(ctx context.Context, name string) error {
	return d.c.do(ctx, d.call(http.MethodDelete, namespacePath(name), nil))
}

// ListNamespaces returns every namespace of the index whose name starts
// with prefix ("" = all), following pagination.
func (d *DataPlane) ListNamespaces(ctx context.Context, prefix string) ([]Namespace, error) {
	cl := d.call(http.MethodGet, "/namespaces", nil)
	if prefix != "" {
		cl.query = url.Values{"prefix": {prefix}}
	}
	return paginate(ctx, d.c, cl, tokenParamControl, func(p *namespacePage) ([]Namespace, *pagination) {
		return p.Namespaces, p.Pagination
	})
}

// WaitNamespaceGone waits until a deleted namespace no longer answers a
// describe (the delete is accepted with 202 and finishes in the background).
func (d *DataPlane) WaitNamespaceGone(ctx context.Context, name string) error {
	return waitGone(ctx, d.c, fmt.Sprintf("namespace %q of index host %s to be deleted", name, d.host),
		bind(d.DescribeNamespace, name), func(*Namespace) string { return "deleting" })
}
