package client

import (
	"context"
	"fmt"
	"net/http"
)

// Index states reported in IndexModel.Status.State.
const (
	IndexStateInitializing         = "Initializing"
	IndexStateInitializationFailed = "InitializationFailed"
	IndexStateFailed               = "Failed" // new in 2026-07 (IndexModelStatus.state)
	IndexStateReady                = "Ready"
	IndexStateTerminating          = "Terminating"
	IndexStateDisabled             = "Disabled"
)

// Read capacity modes and states.
const (
	ReadCapacityOnDemand  = "OnDemand"
	ReadCapacityDedicated = "Dedicated"
	ReadCapacityReady     = "Ready"
	ReadCapacityError     = "Error"
)

// IndexModel is Pinecone's description of an index. One struct decodes both
// renderings: API 2026-07 (Deployment, Schema, top-level ReadCapacity, ...)
// and earlier versions (Dimension, Metric, VectorType, Spec, Embed). After
// every call the client fills in the side the server did not send (see
// normalize), so callers may read either view whatever version answered.
type IndexModel struct {
	// 2026-07 view.
	Deployment       *IndexDeployment `json:"deployment,omitempty"`
	Schema           *IndexSchema     `json:"schema,omitempty"`
	ReadCapacity     *ReadCapacity    `json:"read_capacity,omitempty"`
	SourceCollection string           `json:"source_collection,omitempty"`
	SourceBackupID   string           `json:"source_backup_id,omitempty"`
	CmekID           string           `json:"cmek_id,omitempty"`

	// Legacy view (2025-10/2026-04) and fields common to both.
	Name               string            `json:"name"`
	Dimension          *int32            `json:"dimension,omitempty"`
	Metric             string            `json:"metric"`
	Host               string            `json:"host"`
	PrivateHost        string            `json:"private_host,omitempty"`
	DeletionProtection string            `json:"deletion_protection,omitempty"`
	Tags               map[string]string `json:"tags,omitempty"`
	Embed              *IndexEmbed       `json:"embed,omitempty"`
	Spec               IndexSpec         `json:"spec"`
	Status             IndexStatus       `json:"status"`
	VectorType         string            `json:"vector_type"`
}

// IndexStatus is the readiness of an index.
type IndexStatus struct {
	Ready bool   `json:"ready"`
	State string `json:"state"`
}

// IndexSpec holds exactly one deployment kind.
type IndexSpec struct {
	Serverless *ServerlessSpec `json:"serverless,omitempty"`
	Pod        *PodSpec        `json:"pod,omitempty"`
	BYOC       *BYOCSpec       `json:"byoc,omitempty"`
}

// ServerlessSpec is a serverless deployment (request and response).
type ServerlessSpec struct {
	Cloud            string          `json:"cloud"`
	Region           string          `json:"region"`
	ReadCapacity     *ReadCapacity   `json:"read_capacity,omitempty"`
	SourceCollection string          `json:"source_collection,omitempty"`
	Schema           *MetadataSchema `json:"schema,omitempty"`
}

// PodSpec is a pod-based deployment (request and response).
type PodSpec struct {
	Environment      string             `json:"environment"`
	PodType          string             `json:"pod_type"`
	Replicas         *int32             `json:"replicas,omitempty"`
	Shards           *int32             `json:"shards,omitempty"`
	Pods             *int32             `json:"pods,omitempty"`
	MetadataConfig   *PodMetadataConfig `json:"metadata_config,omitempty"`
	SourceCollection string             `json:"source_collection,omitempty"`
}

// PodMetadataConfig selects the metadata fields a pod index indexes.
type PodMetadataConfig struct {
	Indexed []string `json:"indexed,omitempty"`
}

// BYOCSpec is a bring-your-own-cloud deployment.
type BYOCSpec struct {
	Environment  string          `json:"environment"`
	ReadCapacity *ReadCapacity   `json:"read_capacity,omitempty"`
	Schema       *MetadataSchema `json:"schema,omitempty"`
}

// ReadCapacity is OnDemand or Dedicated read capacity.
type ReadCapacity struct {
	Mode      string                 `json:"mode"`
	Dedicated *DedicatedReadCapacity `json:"dedicated,omitempty"`
	Status    *ReadCapacityStatus    `json:"status,omitempty"`
}

// DedicatedReadCapacity configures dedicated read nodes.
type DedicatedReadCapacity struct {
	NodeType string         `json:"node_type"`
	Scaling  string         `json:"scaling"`
	Manual   *ManualScaling `json:"manual,omitempty"`
}

// ManualScaling sets replicas (0 pauses the index) and shards.
type ManualScaling struct {
	Replicas int32 `json:"replicas"`
	Shards   int32 `json:"shards"`
}

// ReadCapacityStatus reports progress of a read capacity change.
type ReadCapacityStatus struct {
	State           string `json:"state"`
	CurrentReplicas *int32 `json:"current_replicas,omitempty"`
	CurrentShards   *int32 `json:"current_shards,omitempty"`
	ErrorMessage    string `json:"error_message,omitempty"`
}

// MetadataSchema lists the metadata fields that are indexed.
type MetadataSchema struct {
	Fields map[string]MetadataField `json:"fields"`
}

// MetadataField says how one metadata field is indexed.
type MetadataField struct {
	Filterable bool `json:"filterable"`
}

// IndexEmbed is the integrated-inference configuration of an index.
type IndexEmbed struct {
	Model           string         `json:"model"`
	Metric          string         `json:"metric,omitempty"`
	Dimension       *int32         `json:"dimension,omitempty"`
	VectorType      string         `json:"vector_type,omitempty"`
	FieldMap        map[string]any `json:"field_map,omitempty"`
	ReadParameters  map[string]any `json:"read_parameters,omitempty"`
	WriteParameters map[string]any `json:"write_parameters,omitempty"`
}

// CreateIndexRequest is the body of POST /indexes.
type CreateIndexRequest struct {
	Name               string            `json:"name"`
	Dimension          *int32            `json:"dimension,omitempty"`
	Metric             string            `json:"metric,omitempty"`
	VectorType         string            `json:"vector_type,omitempty"`
	DeletionProtection string            `json:"deletion_protection,omitempty"`
	Tags               map[string]string `json:"tags,omitempty"`
	Spec               IndexSpec         `json:"spec"`
}

// CreateIndexForModelRequest is the body of POST /indexes/create-for-model.
type CreateIndexForModelRequest struct {
	Name               string            `json:"name"`
	Cloud              string            `json:"cloud"`
	Region             string            `json:"region"`
	Embed              CreateIndexEmbed  `json:"embed"`
	DeletionProtection string            `json:"deletion_protection,omitempty"`
	Tags               map[string]string `json:"tags,omitempty"`
	Schema             *MetadataSchema   `json:"schema,omitempty"`
	ReadCapacity       *ReadCapacity     `json:"read_capacity,omitempty"`
}

// CreateIndexEmbed is the embed part of create-for-model.
type CreateIndexEmbed struct {
	Model           string         `json:"model"`
	FieldMap        map[string]any `json:"field_map"`
	Metric          string         `json:"metric,omitempty"`
	Dimension       *int32         `json:"dimension,omitempty"`
	ReadParameters  map[string]any `json:"read_parameters,omitempty"`
	WriteParameters map[string]any `json:"write_parameters,omitempty"`
}

// ConfigureIndexRequest is a change of PATCH /indexes/{name}; every field is
// optional and only what changes is sent. A tag value of "" removes the key.
// It marshals to the legacy (2025-10/2026-04) body; ConfigureIndex builds
// the 2026-07 body from it when it can (see configureBody).
type ConfigureIndexRequest struct {
	Spec               *ConfigureIndexSpec  `json:"spec,omitempty"`
	DeletionProtection string               `json:"deletion_protection,omitempty"`
	Tags               map[string]string    `json:"tags,omitempty"`
	Embed              *ConfigureIndexEmbed `json:"embed,omitempty"`

	// ReadCapacity is the new read capacity of a serverless or BYOC index.
	// It takes precedence over Spec.Serverless/BYOC.ReadCapacity. The legacy
	// body puts it under Spec.BYOC when that is set, else Spec.Serverless;
	// one of them must be set when the legacy body is sent.
	ReadCapacity *ReadCapacity `json:"-"`
	// SemanticTextField names the semantic_text field of an integrated index
	// whose read/write parameters Embed changes (its field_map["text"]).
	// 2026-07 patches parameters per field, so without it the change is sent
	// in the legacy shape.
	SemanticTextField string `json:"-"`
}

// ConfigureIndexSpec holds the deployment settings that can change.
type ConfigureIndexSpec struct {
	Serverless *ConfigureReadCapacity `json:"serverless,omitempty"`
	Pod        *ConfigurePod          `json:"pod,omitempty"`
	BYOC       *ConfigureReadCapacity `json:"byoc,omitempty"`
}

// ConfigureReadCapacity changes read capacity of serverless and BYOC indexes.
type ConfigureReadCapacity struct {
	ReadCapacity *ReadCapacity `json:"read_capacity,omitempty"`
}

// ConfigurePod scales a pod index.
type ConfigurePod struct {
	Replicas *int32 `json:"replicas,omitempty"`
	PodType  string `json:"pod_type,omitempty"`
}

// ConfigureIndexEmbed adds or updates integrated inference.
type ConfigureIndexEmbed struct {
	Model           string         `json:"model,omitempty"`
	FieldMap        map[string]any `json:"field_map,omitempty"`
	ReadParameters  map[string]any `json:"read_parameters,omitempty"`
	WriteParameters map[string]any `json:"write_parameters,omitempty"`
}

type indexList struct {
	Indexes []IndexModel `json:"indexes"`
}

func indexPath(name string) string { return "/indexes/" + pathEscape(name) }

// indexCall sends cl and decodes an IndexModel, filling in the view the
// server did not send.
// Every write, and every answer, marks the shared list of indexes as older
// than what this client has now done or seen (board.marks).
func (c *Client) indexCall(ctx context.Context, cl call) (*IndexModel, error) {
	defer c.indexes.marks(cl.method)()
	ix, err := doJSON[IndexModel](ctx, c, cl)
	if err != nil {
		return nil, err
	}
	ix.normalize()
	return ix, nil
}

// ListIndexes returns every index of the project.
func (c *Client) ListIndexes(ctx context.Context) ([]IndexModel, error) {
	out, err := doJSON[indexList](ctx, c, call{method: http.MethodGet, path: "/indexes"})
	if err != nil {
		return nil, err
	}
	for i := range out.Indexes {
		out.Indexes[i].normalize()
	}
	return out.Indexes, nil
}

// CreateIndex creates a serverless, pod or BYOC index from the legacy
// request. A client that speaks 2026-07 sends it in the 2026-07 shape when
// that can say the same (see schemaIndexRequest); otherwise it sends the
// legacy body with LegacyAPIVersion. It may be retried after an uncertain
// failure, so a 409 carrying AfterUncertainRetry may mean the index is ours
// (see APIError).
func (c *Client) CreateIndex(ctx context.Context, req CreateIndexRequest) (*IndexModel, error) {
	if c.speaks202607() {
		if body, ok := schemaIndexRequest(req); ok {
			return c.createIndex(ctx, body, schemaAPIVersion)
		}
	}
	return c.createIndex(ctx, req, c.legacyVersion())
}

// CreateSchemaIndex creates an index from a 2026-07 request (deployment and
// typed schema), always with API 2026-07. A client configured for an older
// version returns an *APIVersionError without sending anything. Retry-safe
// like CreateIndex.
func (c *Client) CreateSchemaIndex(ctx context.Context, req CreateSchemaIndexRequest) (*IndexModel, error) {
	if !c.speaks202607() {
		return nil, &APIVersionError{
			Operation: fmt.Sprintf("creating the schema-defined index %q", req.Name),
			Required:  schemaAPIVersion, Configured: c.apiVersion,
		}
	}
	return c.createIndex(ctx, req, schemaAPIVersion)
}

func (c *Client) createIndex(ctx context.Context, body any, version string) (*IndexModel, error) {
	return c.indexCall(ctx, call{method: http.MethodPost, path: "/indexes", body: body, retrySafe: true, version: version})
}

// CreateIndexForModel creates an integrated-inference serverless index. The
// request is the same in every version (CreateIndexForModelRequest of
// 2026-07, TypeScript client 9.0.0), so it goes with the client's version.
func (c *Client) CreateIndexForModel(ctx context.Context, req CreateIndexForModelRequest) (*IndexModel, error) {
	return c.indexCall(ctx, call{method: http.MethodPost, path: "/indexes/create-for-model", body: req, retrySafe: true})
}

// DescribeIndex returns one index; ErrNotFound if it does not exist.
func (c *Client) DescribeIndex(ctx context.Context, name string) (*IndexModel, error) {
	return c.indexCall(ctx, call{method: http.MethodGet, path: indexPath(name)})
}

// ConfigureIndex changes an index in place. A client that speaks 2026-07
// sends the 2026-07 body when it can say the same, else the legacy body
// with LegacyAPIVersion (see configureBody).
func (c *Client) ConfigureIndex(ctx context.Context, name string, req ConfigureIndexRequest) (*IndexModel, error) {
	path := indexPath(name)
	body, version, err := c.configureBody(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", http.MethodPatch, path, err)
	}
	return c.indexCall(ctx, call{method: http.MethodPatch, path: path, body: body, version: version})
}

// DeleteIndex starts deleting an index. A 404 is returned as ErrNotFound; the
// caller decides whether that is success.
func (c *Client) DeleteIndex(ctx context.Context, name string) error {
	defer c.indexes.marks(http.MethodDelete)()
	return c.do(ctx, call{method: http.MethodDelete, path: indexPath(name)})
}

// IndexFailedError reports that an index reached a state it cannot leave on
// its own (InitializationFailed, or Failed in 2026-07).
type IndexFailedError struct {
	Name   string
	State  string
	Detail string
}

func (e *IndexFailedError) Error() string {
	msg := fmt.Sprintf("index %q is in state %s", e.Name, e.State)
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

// IsReady reports whether the index has settled in the state it is meant to
// be in and no read capacity change is in progress. That state is Ready
// (status.ready true), except for dedicated read capacity with zero replicas,
// which disables the index on purpose: then it is Disabled. A Disabled index
// that should serve (replicas back at 1 or more) is still on its way to
// Ready, and a paused one that still reports Ready has not finished pausing.
func IsReady(ix *IndexModel) bool {
	var settled bool
	if WantsDisabled(ix) {
		settled = ix.Status.State == IndexStateDisabled
	} else {
		settled = ix.Status.Ready && ix.Status.State == IndexStateReady
	}
	if !settled {
		return false
	}
	rc := ix.readCapacity()
	return rc == nil || rc.Status == nil || rc.Status.State == "" || rc.Status.State == ReadCapacityReady
}

// WantsDisabled reports whether the index is configured to be Disabled:
// Dedicated read capacity with zero replicas ("Setting replicas to 0
// disables the index").
func WantsDisabled(ix *IndexModel) bool {
	rc := ix.readCapacity()
	return rc != nil && rc.Mode == ReadCapacityDedicated && rc.Dedicated != nil &&
		rc.Dedicated.Manual != nil && rc.Dedicated.Manual.Replicas == 0
}

// ReadCapacityFailedError reports that Pinecone could not apply a read capacity
// configuration: read_capacity.status.state is Error. Message is Pinecone's
// error_message.
type ReadCapacityFailedError struct {
	Name    string
	Message string
}

func (e *ReadCapacityFailedError) Error() string {
	msg := fmt.Sprintf("the read capacity of index %q is in state Error", e.Name)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// readCapacity is the top-level read capacity (2026-07, or filled in by
// normalize), else the one in the spec (an IndexModel built by hand).
func (ix *IndexModel) readCapacity() *ReadCapacity {
	if ix.ReadCapacity != nil {
		return ix.ReadCapacity
	}
	return ix.specReadCapacity()
}

// specReadCapacity is spec.serverless/byoc.read_capacity.
func (ix *IndexModel) specReadCapacity() *ReadCapacity {
	switch {
	case ix.Spec.Serverless != nil:
		return ix.Spec.Serverless.ReadCapacity
	case ix.Spec.BYOC != nil:
		return ix.Spec.BYOC.ReadCapacity
	}
	return nil
}

func describeState(ix *IndexModel) string {
	s := ix.Status.State
	if rc := ix.readCapacity(); rc != nil && rc.Status != nil && rc.Status.State != "" && rc.Status.State != ReadCapacityReady {
		s += ", read capacity " + rc.Status.State
	}
	return s
}

// WaitForIndexReady polls until the index has settled (see IsReady: Ready,
// or Disabled when its dedicated read capacity has zero replicas, with the
// read capacity Ready). It returns the last description, an
// *IndexFailedError for InitializationFailed or Failed and a *ReadCapacityFailedError when
// the read capacity reports Error. An early 404 is tolerated (notFoundEarly).
func (c *Client) WaitForIndexReady(ctx context.Context, name string) (*IndexModel, error) {
	return c.waitIndexSettled(ctx, name, waitCreated)
}

// WaitForIndexUpdated is WaitForIndexReady after a configuration change or
// a restore; the board learns its duration apart from creates'.
func (c *Client) WaitForIndexUpdated(ctx context.Context, name string) (*IndexModel, error) {
	return c.waitIndexSettled(ctx, name, waitChanged)
}

func (c *Client) waitIndexSettled(ctx context.Context, name string, kind waitKind) (*IndexModel, error) {
	return waitOn(ctx, c.indexes, fmt.Sprintf("index %q to become Ready", name), name, kind, notFoundEarly, func(ix *IndexModel) (bool, string, error) {
		if ix.Status.State == IndexStateInitializationFailed || ix.Status.State == IndexStateFailed {
			return false, ix.Status.State, &IndexFailedError{Name: name, State: ix.Status.State}
		}
		if rc := ix.readCapacity(); rc != nil && rc.Status != nil && rc.Status.State == ReadCapacityError {
			return false, "read capacity Error", &ReadCapacityFailedError{Name: name, Message: rc.Status.ErrorMessage}
		}
		return IsReady(ix), describeState(ix), nil
	})
}

// WaitForIndexDeleted polls until the index is gone (the shared list no
// longer shows it, or describe answers 404).
func (c *Client) WaitForIndexDeleted(ctx context.Context, name string) error {
	_, err := waitOn(ctx, c.indexes, fmt.Sprintf("index %q to be deleted", name), name, waitDeleted, notFoundDone, func(ix *IndexModel) (bool, string, error) {
		return false, ix.Status.State, nil
	})
	return err
}
