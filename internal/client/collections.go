package client

import (
	"context"
	"fmt"
	"net/http"
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
	out, err := doJSON[collectionList](ctx, c, call{method: http.MethodGet, path: "/collections"})
	if err != nil {
		return nil, err
	}
	return out.Collections, nil
}

// CreateCollection creates a collection from a pod index. Retry-safe like
// index creation: a 409 with AfterUncertainRetry may be our own collection.
func (c *Client) CreateCollection(ctx context.Context, req CreateCollectionRequest) (*CollectionModel, error) {
	defer c.collections.marks(http.MethodPost)()
	return doJSON[CollectionModel](ctx, c, call{method: http.MethodPost, path: "/collections", body: req, retrySafe: true})
}

// DescribeCollection returns one collection; ErrNotFound if it does not exist.
func (c *Client) DescribeCollection(ctx context.Context, name string) (*CollectionModel, error) {
	defer c.collections.marks(http.MethodGet)()
	return doJSON[CollectionModel](ctx, c, call{method: http.MethodGet, path: collectionPath(name)})
}

// ReadCollection is DescribeCollection answered from a list shared by
// every reader of this client, like ReadIndex.
func (c *Client) ReadCollection(ctx context.Context, name string) (*CollectionModel, error) {
	return c.collections.read(ctx, name)
}

// DeleteCollection starts deleting a collection.
func (c *Client) DeleteCollection(ctx context.Context, name string) error {
	defer c.collections.marks(http.MethodDelete)()
	return c.do(ctx, call{method: http.MethodDelete, path: collectionPath(name)})
}

// WaitForCollectionReady polls until the collection is Ready. An early 404
// is tolerated (notFoundEarly).
func (c *Client) WaitForCollectionReady(ctx context.Context, name string) (*CollectionModel, error) {
	return waitOn(ctx, c.collections, fmt.Sprintf("collection %q to become Ready", name), name, waitCreated, notFoundEarly, func(col *CollectionModel) (bool, string, error) {
		return col.Status == CollectionStateReady, col.Status, nil
	})
}

// WaitForCollectionDeleted polls until describe answers 404.
func (c *Client) WaitForCollectionDeleted(ctx context.Context, name string) error {
	_, err := waitOn(ctx, c.collections, fmt.Sprintf("collection %q to be deleted", name), name, waitDeleted, notFoundDone, func(col *CollectionModel) (bool, string, error) {
		return false, col.Status, nil
	})
	return err
}
