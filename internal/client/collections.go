package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Collection states.
const (
	CollectionStateInitializing = "Initializing"
	CollectionStateReady        = "Ready"
	CollectionStateTerminating  = "Terminating"
)

// CollectionModel is Pinecone's description of a collection (a static copy of
// a pod index).
type CollectionModel struct {
	Name        string `json:"name"`
	Status      string `json:"status"`
	Environment string `json:"environment"`
	Size        *int64 `json:"size,omitempty"`
	Dimension   *int32 `json:"dimension,omitempty"`
	VectorCount *int64 `json:"vector_count,omitempty"` // int32 in the spec; wider so large collections still decode
}

// CreateCollectionRequest is the body of POST /collections.
type CreateCollectionRequest struct {
	Name   string `json:"name"`
	Source string `json:"source"`
}

type collectionList struct {
	Collections []CollectionModel `json:"collections"`
}

func collectionPath(name string) string { return "/collections/" + pathEscape(name) }

// ListCollections returns every collection of the project.
func (c *Client) ListCollections(ctx context.Context) ([]CollectionModel, error) {
	var out collectionList
	if err := c.do(ctx, call{method: http.MethodGet, path: "/collections", out: &out}); err != nil {
		return nil, err
	}
	return out.Collections, nil
}

// CreateCollection creates a collection from a pod index. Retry-safe like
// index creation: a 409 with AfterUncertainRetry may be our own collection.
func (c *Client) CreateCollection(ctx context.Context, req CreateCollectionRequest) (*CollectionModel, error) {
	var out CollectionModel
	if err := c.do(ctx, call{method: http.MethodPost, path: "/collections", body: req, out: &out, retrySafe: true}); err != nil {
		return nil, err
	}
	return &out, nil
}

// DescribeCollection returns one collection; ErrNotFound if it does not exist.
func (c *Client) DescribeCollection(ctx context.Context, name string) (*CollectionModel, error) {
	var out CollectionModel
	if err := c.do(ctx, call{method: http.MethodGet, path: collectionPath(name), out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteCollection starts deleting a collection.
func (c *Client) DeleteCollection(ctx context.Context, name string) error {
	return c.do(ctx, call{method: http.MethodDelete, path: collectionPath(name)})
}

// WaitForCollectionReady polls until the collection is Ready.
func (c *Client) WaitForCollectionReady(ctx context.Context, name string) (*CollectionModel, error) {
	var last *CollectionModel
	start := time.Now()
	err := Poll(ctx, c.poll, fmt.Sprintf("collection %q to become Ready", name), func(ctx context.Context) (bool, string, error) {
		col, err := c.DescribeCollection(ctx, name)
		if errors.Is(err, ErrNotFound) && time.Since(start) < notFoundGrace {
			return false, "not visible yet", nil // eventual consistency right after create
		}
		if err != nil {
			return false, "", err
		}
		last = col
		return col.Status == CollectionStateReady, col.Status, nil
	})
	return last, err
}

// WaitForCollectionDeleted polls until describe answers 404.
func (c *Client) WaitForCollectionDeleted(ctx context.Context, name string) error {
	return Poll(ctx, c.poll, fmt.Sprintf("collection %q to be deleted", name), func(ctx context.Context) (bool, string, error) {
		col, err := c.DescribeCollection(ctx, name)
		if errors.Is(err, ErrNotFound) {
			return true, "", nil
		}
		if err != nil {
			return false, "", err
		}
		return false, col.Status, nil
	})
}
