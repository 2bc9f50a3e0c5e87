package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// Assistant states.
const (
	AssistantStateInitializing         = "Initializing"
	AssistantStateReady                = "Ready"
	AssistantStateFailed               = "Failed"
	AssistantStateInitializationFailed = "InitializationFailed"
	AssistantStateTerminating          = "Terminating"
)

// Assistant is Pinecone's description of an assistant. Metadata is kept as
// raw JSON: it is an arbitrary object and its key order is not meaningful.
type Assistant struct {
	Name         string          `json:"name"`
	Status       string          `json:"status"`
	Instructions *string         `json:"instructions"`
	Metadata     json.RawMessage `json:"metadata,omitempty"`
	Host         string          `json:"host,omitempty"`
	Region       string          `json:"region,omitempty"`
	CreatedAt    string          `json:"created_at,omitempty"`
	UpdatedAt    string          `json:"updated_at,omitempty"`
}

// CreateAssistantRequest is the body of POST /assistant/assistants.
type CreateAssistantRequest struct {
	Name         string          `json:"name"`
	Instructions *string         `json:"instructions,omitempty"`
	Metadata     json.RawMessage `json:"metadata,omitempty"`
	Region       string          `json:"region,omitempty"`
}

// UpdateAssistantRequest is the body of PATCH /assistant/assistants/{name}.
// Both fields are always sent: the values are absolute and null clears.
type UpdateAssistantRequest struct {
	Instructions *string         `json:"instructions"`
	Metadata     json.RawMessage `json:"metadata"`
}

// UpdateAssistantResponse is what PATCH answers (not a full Assistant).
type UpdateAssistantResponse struct {
	AssistantName string          `json:"assistant_name"`
	Instructions  *string         `json:"instructions"`
	Metadata      json.RawMessage `json:"metadata"`
}

type assistantPage struct {
	Assistants []Assistant `json:"assistants"`
	Pagination *pagination `json:"pagination"`
}

const assistantsPath = "/assistant/assistants"

func assistantPath(name string) string { return assistantsPath + "/" + pathEscape(name) }

// CreateAssistant creates an assistant. Names are unique, so the create is
// retry-safe: a 409 with AfterUncertainRetry may be our own assistant.
func (c *Client) CreateAssistant(ctx context.Context, req CreateAssistantRequest) (*Assistant, error) {
	defer c.assistants.marks(http.MethodPost)()
	return doJSON[Assistant](ctx, c, call{method: http.MethodPost, path: assistantsPath, body: req, retrySafe: true})
}

// DescribeAssistant returns one assistant; ErrNotFound if it does not exist.
func (c *Client) DescribeAssistant(ctx context.Context, name string) (*Assistant, error) {
	defer c.assistants.marks(http.MethodGet)()
	return doJSON[Assistant](ctx, c, call{method: http.MethodGet, path: assistantPath(name)})
}

// ReadAssistant is DescribeAssistant answered from a list shared by every
// reader of this client, like ReadIndex.
func (c *Client) ReadAssistant(ctx context.Context, name string) (*Assistant, error) {
	return c.assistants.read(ctx, name)
}

// UpdateAssistant sets instructions and metadata.
func (c *Client) UpdateAssistant(ctx context.Context, name string, req UpdateAssistantRequest) (*UpdateAssistantResponse, error) {
	defer c.assistants.marks(http.MethodPatch)()
	return doJSON[UpdateAssistantResponse](ctx, c, call{method: http.MethodPatch, path: assistantPath(name), body: req})
}

// DeleteAssistant starts deleting an assistant and its files.
func (c *Client) DeleteAssistant(ctx context.Context, name string) error {
	defer c.assistants.marks(http.MethodDelete)()
	return c.do(ctx, call{method: http.MethodDelete, path: assistantPath(name)})
}

// ListAssistants returns every assistant, following 2026-04 pagination
// (pagination_token); older versions answer in one page.
func (c *Client) ListAssistants(ctx context.Context) ([]Assistant, error) {
	return c.listAssistantsUpTo(ctx, maxPages)
}

// listAssistantsForBoard is the assistants board's list: every assistant if
// they fit in boardPages pages, else errListTooLong.
func (c *Client) listAssistantsForBoard(ctx context.Context) ([]Assistant, error) {
	return c.listAssistantsUpTo(ctx, boardPages)
}

func (c *Client) listAssistantsUpTo(ctx context.Context, pages int) ([]Assistant, error) {
	return paginateUpTo(ctx, c, call{method: http.MethodGet, path: assistantsPath}, tokenParamAssistant, func(p *assistantPage) ([]Assistant, *pagination) {
		return p.Assistants, p.Pagination
	}, pages)
}

// AssistantFailedError reports an assistant that ended in a failed state.
type AssistantFailedError struct {
	Name  string
	State string
}

func (e *AssistantFailedError) Error() string {
	return fmt.Sprintf("assistant %q is in state %s", e.Name, e.State)
}

// WaitForAssistantReady polls until the assistant is Ready; Failed and
// InitializationFailed are an *AssistantFailedError. An early 404 is
// tolerated (notFoundEarly).
func (c *Client) WaitForAssistantReady(ctx context.Context, name string) (*Assistant, error) {
	return waitOn(ctx, c.assistants, fmt.Sprintf("assistant %q to become Ready", name), name, waitCreated, notFoundEarly, func(a *Assistant) (bool, string, error) {
		switch a.Status {
		case AssistantStateFailed, AssistantStateInitializationFailed:
			return false, a.Status, &AssistantFailedError{Name: name, State: a.Status}
		}
		return a.Status == AssistantStateReady, a.Status, nil
	})
}

// WaitForAssistantDeleted polls until describe answers 404.
func (c *Client) WaitForAssistantDeleted(ctx context.Context, name string) error {
	_, err := waitOn(ctx, c.assistants, fmt.Sprintf("assistant %q to be deleted", name), name, waitDeleted, notFoundDone, func(a *Assistant) (bool, string, error) {
		return false, a.Status, nil
	})
	return err
}
