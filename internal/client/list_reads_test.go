package client

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// kindAPI is a fake control plane for one kind of object with one object,
// "obj", whose status field reads "v<n>" where n counts the writes so far;
// it answers the kind's list and describe and accepts any write.
type kindAPI struct {
	listPath, onePath string
	render            func(status string) string // the object as JSON
	listKey           string                     // the list's array field
	mu                sync.Mutex
	version           int
	lists, describes  atomic.Int64
}

func (a *kindAPI) handler(w http.ResponseWriter, r *http.Request, _ int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	obj := a.render(fmt.Sprintf("v%d", a.version))
	switch {
	case r.Method == http.MethodGet && r.URL.Path == a.listPath:
		a.lists.Add(1)
		reply(w, 200, fmt.Sprintf(`{%q:[%s]}`, a.listKey, obj))
	case r.Method == http.MethodGet && r.URL.Path == a.onePath:
		a.describes.Add(1)
		reply(w, 200, obj)
	case r.Method != http.MethodGet:
		a.version++
		if r.Method == http.MethodDelete {
			reply(w, 202, "")
			return
		}
		reply(w, 200, a.render(fmt.Sprintf("v%d", a.version)))
	default:
		reply(w, 404, pineconeError(404, "NOT_FOUND", "not found"))
	}
}

// Collections, assistants and backups are read from a shared list like
// indexes: two reads cost one list, and a read after this client's own
// write never gets the list from before it.
func TestListBackedReadsOfEveryKind(t *testing.T) {
	cases := []struct {
		kind  string
		api   *kindAPI
		read  func(*Client, context.Context) (status string, err error)
		write func(*Client, context.Context) error
	}{
		{
			kind: "collection",
			api: &kindAPI{listPath: "/collections", onePath: "/collections/obj", listKey: "collections",
				render: func(s string) string {
					return fmt.Sprintf(`{"name":"obj","status":%q,"environment":"us-east-1-aws"}`, s)
				}},
			read: func(c *Client, ctx context.Context) (string, error) {
				col, err := c.ReadCollection(ctx, "obj")
				if err != nil {
					return "", err
				}
				return col.Status, nil
			},
			write: func(c *Client, ctx context.Context) error { return c.DeleteCollection(ctx, "obj") },
		},
		{
			kind: "assistant",
			api: &kindAPI{listPath: assistantsPath, onePath: assistantsPath + "/obj", listKey: "assistants",
				render: func(s string) string { return fmt.Sprintf(`{"name":"obj","status":%q,"instructions":null}`, s) }},
			read: func(c *Client, ctx context.Context) (string, error) {
				a, err := c.ReadAssistant(ctx, "obj")
				if err != nil {
					return "", err
				}
				return a.Status, nil
			},
			write: func(c *Client, ctx context.Context) error {
				_, err := c.UpdateAssistant(ctx, "obj", UpdateAssistantRequest{})
				return err
			},
		},
		{
			kind: "backup",
			api: &kindAPI{listPath: "/backups", onePath: "/backups/obj", listKey: "data",
				render: func(s string) string {
					return fmt.Sprintf(`{"backup_id":"obj","source_index_name":"ix","source_index_id":"i1","status":%q,"cloud":"aws","region":"us-east-1"}`, s)
				}},
			read: func(c *Client, ctx context.Context) (string, error) {
				b, err := c.ReadBackup(ctx, "obj")
				if err != nil {
					return "", err
				}
				return b.Status, nil
			},
			write: func(c *Client, ctx context.Context) error { return c.DeleteBackup(ctx, "obj") },
		},
	}
	for _, tc := range cases {
		t.Run(tc.kind, func(t *testing.T) {
			fake := newFakeAPI(t, tc.api.handler)
			c := newTestClient(t, fake.URL())
			ctx := t.Context()
			for range 2 {
				if s, err := tc.read(c, ctx); err != nil || s != "v0" {
					t.Fatalf("read before the write: %q, %v", s, err)
				}
			}
			if l, d := tc.api.lists.Load(), tc.api.describes.Load(); l != 1 || d != 0 {
				t.Errorf("two reads cost %d lists and %d describes, want one list", l, d)
			}
			if err := tc.write(c, ctx); err != nil {
				t.Fatal(err)
			}
			s, err := tc.read(c, ctx)
			if err != nil || !strings.HasPrefix(s, "v1") {
				t.Errorf("read after this client's write: %q, %v; want v1 (the list from before the write was served)", s, err)
			}
		})
	}
}

// A project with more backups than one page leaves reads to describes (one
// request each) rather than paging through every backup for each refresh,
// and does not ask for the long list again soon after.
func TestTooLongListFallsBackToDescribes(t *testing.T) {
	var lists, describes atomic.Int64
	fake := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Path {
		case "/backups":
			lists.Add(1)
			reply(w, 200, `{"data":[{"backup_id":"b0","source_index_name":"ix","source_index_id":"i1","status":"Ready","cloud":"aws","region":"us-east-1"}],"pagination":{"next":"page-2"}}`)
		default:
			describes.Add(1)
			id := strings.TrimPrefix(r.URL.Path, "/backups/")
			reply(w, 200, fmt.Sprintf(`{"backup_id":%q,"source_index_name":"ix","source_index_id":"i1","status":"Ready","cloud":"aws","region":"us-east-1"}`, id))
		}
	})
	c := newTestClient(t, fake.URL())
	for _, id := range []string{"b0", "b1", "b2"} {
		if b, err := c.ReadBackup(t.Context(), id); err != nil || b.BackupID != id {
			t.Fatalf("ReadBackup(%s) = %v, %v", id, b, err)
		}
	}
	if l, d := lists.Load(), describes.Load(); l != 1 || d != 3 {
		t.Errorf("%d lists and %d describes for 3 reads with a list longer than a page; want 1 list (its first page) and 3 describes", l, d)
	}
}
