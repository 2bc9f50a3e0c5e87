package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// assistantJSON is a describe answer for assistant "a1" in the given state.
func assistantJSON(status string) string {
	return `{"name":"a1","status":"` + status + `","instructions":null,"metadata":null,` +
		`"host":"https://prod-1-data.ke.pinecone.io","created_at":"2026-04-01T12:00:00Z","updated_at":"2026-04-01T12:00:00Z"}`
}

// assistantNamed is a list item.
func assistantNamed(name string) string {
	return `{"name":"` + name + `","status":"Ready","host":"https://prod-1-data.ke.pinecone.io"}`
}

func TestCreateAssistantRequestAndAnswer(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		// The spec answers 200 (not 201) to a create.
		reply(w, 200, `{"name":"a1","status":"Initializing","instructions":null,"metadata":{"z":1,"a":{"n":1.50}},`+
			`"host":"","region":"eu","created_at":"2026-04-01T12:00:00Z","updated_at":"2026-04-01T12:00:01Z"}`)
	})
	c := newTestClient(t, api.URL())
	// Key order, the trailing zero of 1.50 and a number beyond float64's
	// precision only survive if the raw bytes are passed through untouched.
	meta := `{"z":1,"a":{"n":1.50,"big":12345678901234567890},"list":[true,null,"x"]}`
	a, err := c.CreateAssistant(t.Context(), CreateAssistantRequest{
		Name:     "a1",
		Metadata: []byte(meta),
		Region:   "eu",
	})
	if err != nil {
		t.Fatalf("CreateAssistant: %v", err)
	}
	r := api.only(t)
	if r.Method != "POST" || r.RequestURI != "/assistant/assistants" {
		t.Errorf("request = %s %s, want POST /assistant/assistants", r.Method, r.RequestURI)
	}
	if r.Header.Get("Api-Key") != testAPIKey || r.Header.Get("X-Pinecone-Api-Version") != DefaultAPIVersion {
		t.Errorf("headers = %v", r.Header)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	// Instructions were nil: the key is absent, not null.
	want := `{"name":"a1","metadata":` + meta + `,"region":"eu"}`
	if string(r.Body) != want {
		t.Errorf("body\n got: %s\nwant: %s", r.Body, want)
	}
	if a.Name != "a1" || a.Status != AssistantStateInitializing || a.Region != "eu" || a.Host != "" ||
		a.CreatedAt != "2026-04-01T12:00:00Z" || a.UpdatedAt != "2026-04-01T12:00:01Z" || a.Instructions != nil {
		t.Errorf("decoded assistant = %+v", a)
	}
	if string(a.Metadata) != `{"z":1,"a":{"n":1.50}}` {
		t.Errorf("Metadata = %s, want the raw answer", a.Metadata)
	}
}

func TestCreateAssistantBodies(t *testing.T) {
	cases := []struct {
		name string
		req  CreateAssistantRequest
		want string
	}{
		{"name only", CreateAssistantRequest{Name: "a1"}, `{"name":"a1"}`},
		{"instructions", CreateAssistantRequest{Name: "a1", Instructions: ptr("Answer briefly."), Region: "us"},
			`{"name":"a1","instructions":"Answer briefly.","region":"us"}`},
		// An empty string is a value the user chose, not "unset".
		{"empty instructions", CreateAssistantRequest{Name: "a1", Instructions: ptr("")}, `{"name":"a1","instructions":""}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, assistantJSON("Initializing")) })
			c := newTestClient(t, api.URL())
			if _, err := c.CreateAssistant(t.Context(), tc.req); err != nil {
				t.Fatalf("CreateAssistant: %v", err)
			}
			if got := string(api.only(t).Body); got != tc.want {
				t.Errorf("body = %s, want %s", got, tc.want)
			}
		})
	}
}

// The assistant API lives under the control-plane base URL, including any
// path prefix it has (a proxy or the emulator mounted on a sub-path).
func TestAssistantPathsJoinControlPlaneBase(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodGet {
			reply(w, 200, assistantJSON("Ready"))
			return
		}
		reply(w, 200, "")
	})
	c := newTestClient(t, api.URL()+"/proxy/")
	ctx := t.Context()
	if _, err := c.DescribeAssistant(ctx, "a1"); err != nil {
		t.Fatalf("DescribeAssistant: %v", err)
	}
	if err := c.DeleteAssistant(ctx, "a1"); err != nil {
		t.Fatalf("DeleteAssistant: %v", err)
	}
	reqs := api.requests()
	if len(reqs) != 2 || reqs[0].RequestURI != "/proxy/assistant/assistants/a1" || reqs[1].RequestURI != "/proxy/assistant/assistants/a1" {
		t.Errorf("requests = %+v", reqs)
	}
}

func TestAssistantWire(t *testing.T) {
	runWireCases(t, []wireCall{
		{
			name:     "DescribeAssistant",
			call:     func(ctx context.Context, c *Client) error { _, err := c.DescribeAssistant(ctx, "a1"); return err },
			status:   200,
			respBody: assistantJSON("Ready"),
			method:   "GET",
			uri:      "/assistant/assistants/a1",
		},
		{
			name:     "DeleteAssistant answered 200 without a body",
			call:     func(ctx context.Context, c *Client) error { return c.DeleteAssistant(ctx, "a1") },
			status:   200,
			respBody: "",
			method:   "DELETE",
			uri:      "/assistant/assistants/a1",
		},
		{
			name: "UpdateAssistant with values",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.UpdateAssistant(ctx, "a1", UpdateAssistantRequest{Instructions: ptr("Be brief."), Metadata: []byte(`{"team":"docs"}`)})
				return err
			},
			status:   200,
			respBody: `{"assistant_name":"a1","instructions":"Be brief.","metadata":{"team":"docs"}}`,
			method:   "PATCH",
			uri:      "/assistant/assistants/a1",
			body:     `{"instructions":"Be brief.","metadata":{"team":"docs"}}`,
		},
		{
			// Both keys are sent as null: this is how a user clears them.
			name: "UpdateAssistant clearing both",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.UpdateAssistant(ctx, "a1", UpdateAssistantRequest{})
				return err
			},
			status:   200,
			respBody: `{"assistant_name":"a1","instructions":null,"metadata":null}`,
			method:   "PATCH",
			uri:      "/assistant/assistants/a1",
			body:     `{"instructions":null,"metadata":null}`,
		},
		{
			name: "UpdateAssistant clearing metadata only",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.UpdateAssistant(ctx, "a1", UpdateAssistantRequest{Instructions: ptr("x")})
				return err
			},
			status:   200,
			respBody: `{"assistant_name":"a1","instructions":"x","metadata":null}`,
			method:   "PATCH",
			uri:      "/assistant/assistants/a1",
			body:     `{"instructions":"x","metadata":null}`,
		},
	})
}

func TestDescribeAssistantDecodes(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, `{"name":"a1","status":"Ready","instructions":"Be brief.","metadata":{"k":"v"},`+
			`"host":"https://prod-eu-data.ke.pinecone.io","region":"eu","created_at":"2026-04-01T12:00:00Z","updated_at":"2026-04-02T12:00:00Z"}`)
	})
	c := newTestClient(t, api.URL())
	a, err := c.DescribeAssistant(t.Context(), "a1")
	if err != nil {
		t.Fatalf("DescribeAssistant: %v", err)
	}
	if a.Name != "a1" || a.Status != "Ready" || a.Instructions == nil || *a.Instructions != "Be brief." ||
		string(a.Metadata) != `{"k":"v"}` || a.Host != "https://prod-eu-data.ke.pinecone.io" || a.Region != "eu" ||
		a.CreatedAt != "2026-04-01T12:00:00Z" || a.UpdatedAt != "2026-04-02T12:00:00Z" {
		t.Errorf("decoded = %+v", a)
	}
}

func TestDescribeAssistantNotFound(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 404, pineconeError(404, "NOT_FOUND", `Assistant "a1" not found.`))
	})
	c := newTestClient(t, api.URL())
	_, err := c.DescribeAssistant(t.Context(), "a1")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `Assistant "a1" not found.`) {
		t.Errorf("err = %v, want ErrNotFound with the server's message", err)
	}
}

func TestUpdateAssistantDecodesAnswer(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, `{"assistant_name":"a1","instructions":"Be brief.","metadata":{"team":"docs","n":2}}`)
	})
	c := newTestClient(t, api.URL())
	got, err := c.UpdateAssistant(t.Context(), "a1", UpdateAssistantRequest{Instructions: ptr("Be brief."), Metadata: []byte(`{"team":"docs","n":2}`)})
	if err != nil {
		t.Fatalf("UpdateAssistant: %v", err)
	}
	if got.AssistantName != "a1" || got.Instructions == nil || *got.Instructions != "Be brief." || string(got.Metadata) != `{"team":"docs","n":2}` {
		t.Errorf("decoded = %+v (metadata %s)", got, got.Metadata)
	}
}

func TestUpdateAssistantDecodesClearedAnswer(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, `{"assistant_name":"a1","instructions":null,"metadata":null}`)
	})
	c := newTestClient(t, api.URL())
	got, err := c.UpdateAssistant(t.Context(), "a1", UpdateAssistantRequest{})
	if err != nil {
		t.Fatalf("UpdateAssistant: %v", err)
	}
	if got.AssistantName != "a1" || got.Instructions != nil {
		t.Errorf("decoded = %+v", got)
	}
	// encoding/json hands a RawMessage the literal null; callers treat both
	// an empty RawMessage and "null" as "no metadata".
	if m := string(got.Metadata); m != "" && m != "null" {
		t.Errorf("Metadata = %q, want empty or null", m)
	}
}

// 2025-10 answers with one page and no pagination object.
func TestListAssistantsSinglePage(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, `{"assistants":[`+assistantNamed("a1")+`,`+assistantNamed("a2")+`]}`)
	})
	c := newTestClient(t, api.URL())
	got, err := c.ListAssistants(t.Context())
	if err != nil {
		t.Fatalf("ListAssistants: %v", err)
	}
	if len(got) != 2 || got[0].Name != "a1" || got[1].Name != "a2" || got[0].Status != "Ready" {
		t.Errorf("assistants = %+v", got)
	}
	r := api.only(t)
	if r.Method != "GET" || r.Path != "/assistant/assistants" {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
	q, _ := url.ParseQuery(r.RawQuery)
	if q.Has("pagination_token") || q.Has("paginationToken") {
		t.Errorf("first page carries a token: %q", r.RawQuery)
	}
}

// 2026-04 paginates with limit and the snake_case pagination_token.
func TestListAssistantsFollowsPages(t *testing.T) {
	const tok1, tok2 = "tok+1/a=", "tok 2&x"
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Query().Get("pagination_token") {
		case "":
			reply(w, 200, `{"assistants":[`+assistantNamed("a1")+`,`+assistantNamed("a2")+`],"pagination":{"next":"`+tok1+`"}}`)
		case tok1:
			reply(w, 200, `{"assistants":[`+assistantNamed("a3")+`],"pagination":{"next":"`+tok2+`"}}`)
		case tok2:
			reply(w, 200, `{"assistants":[`+assistantNamed("a4")+`],"pagination":null}`)
		default:
			reply(w, 400, pineconeError(400, "INVALID_ARGUMENT", "bad token"))
		}
	})
	c := newTestClient(t, api.URL())
	got, err := c.ListAssistants(t.Context())
	if err != nil {
		t.Fatalf("ListAssistants: %v", err)
	}
	var names []string
	for _, a := range got {
		names = append(names, a.Name)
	}
	if strings.Join(names, ",") != "a1,a2,a3,a4" {
		t.Errorf("names = %v, want a1..a4 in page order", names)
	}
	reqs := api.requests()
	if len(reqs) != 3 {
		t.Fatalf("requests = %d, want 3", len(reqs))
	}
	wantTokens := []string{"", tok1, tok2}
	for i, r := range reqs {
		if r.Method != "GET" || r.Path != "/assistant/assistants" {
			t.Errorf("request %d = %s %s", i, r.Method, r.Path)
		}
		q, err := url.ParseQuery(r.RawQuery)
		if err != nil {
			t.Fatalf("query %q: %v", r.RawQuery, err)
		}
		if q.Get("limit") != "100" {
			t.Errorf("request %d: limit = %q, want 100", i, q.Get("limit"))
		}
		if q.Has("paginationToken") {
			t.Errorf("request %d uses the db_control spelling paginationToken: %q", i, r.RawQuery)
		}
		if got := q.Get("pagination_token"); got != wantTokens[i] || (i == 0 && q.Has("pagination_token")) {
			t.Errorf("request %d: pagination_token = %q, want %q (query %q)", i, got, wantTokens[i], r.RawQuery)
		}
	}
}

func TestListAssistantsEmpty(t *testing.T) {
	for _, body := range []string{`{"assistants":[]}`, `{}`, `{"assistants":[],"pagination":{"next":""}}`} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, body) })
		c := newTestClient(t, api.URL())
		got, err := c.ListAssistants(t.Context())
		if err != nil {
			t.Fatalf("%s: ListAssistants: %v", body, err)
		}
		if got == nil || len(got) != 0 {
			t.Errorf("%s: assistants = %#v, want a non-nil empty slice", body, got)
		}
		if api.count() != 1 {
			t.Errorf("%s: requests = %d, want 1", body, api.count())
		}
	}
}

// Assistant names are unique, so a create whose answer was lost is sent
// again; the 409 that follows may be our own assistant and says so.
func TestCreateAssistantAfterDroppedConnectionThen409(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			dropConnection(t, w)
			return
		}
		reply(w, 409, pineconeError(409, "ALREADY_EXISTS", "Resource already exists."))
	})
	c := newTestClient(t, api.URL())
	_, err := c.CreateAssistant(t.Context(), CreateAssistantRequest{Name: "a1", Region: "us"})
	apiErr, ok := AsAPIError(err)
	if !ok || !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("err = %v, want a 409 APIError", err)
	}
	if !apiErr.AfterUncertainRetry {
		t.Error("AfterUncertainRetry = false after a dropped connection")
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("requests = %d, want 2 (one retry)", len(reqs))
	}
	for i, r := range reqs {
		if r.Method != "POST" || r.Path != "/assistant/assistants" || string(r.Body) != `{"name":"a1","region":"us"}` {
			t.Errorf("request %d = %s %s %s", i, r.Method, r.Path, r.Body)
		}
	}
}

func TestCreateAssistantFirst409IsNotUncertain(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 409, pineconeError(409, "ALREADY_EXISTS", "Resource already exists."))
	})
	c := newTestClient(t, api.URL())
	_, err := c.CreateAssistant(t.Context(), CreateAssistantRequest{Name: "a1"})
	apiErr, ok := AsAPIError(err)
	if !ok || !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("err = %v, want a 409 APIError", err)
	}
	if apiErr.AfterUncertainRetry {
		t.Error("AfterUncertainRetry = true on a first-attempt 409")
	}
	if api.count() != 1 {
		t.Errorf("requests = %d, want 1", api.count())
	}
}

func TestCreateAssistantRetriedAfterServerError(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			reply(w, 500, pineconeError(500, "UNKNOWN", "Internal server error"))
			return
		}
		reply(w, 200, assistantJSON("Initializing"))
	})
	c := newTestClient(t, api.URL())
	a, err := c.CreateAssistant(t.Context(), CreateAssistantRequest{Name: "a1"})
	if err != nil {
		t.Fatalf("CreateAssistant: %v", err)
	}
	if a.Name != "a1" || api.count() != 2 {
		t.Errorf("assistant = %+v after %d requests, want a1 after 2", a, api.count())
	}
}

func TestWaitForAssistantReady(t *testing.T) {
	// Only Ready ends the wait: a state the client does not know (here a
	// made-up "Updating") is waited out like Initializing.
	api := newFakeAPI(t, sequence(assistantJSON("Initializing"), assistantJSON("Updating"), assistantJSON("Ready")))
	c := newTestClient(t, api.URL())
	a, err := c.WaitForAssistantReady(boundedCtx(t), "a1")
	if err != nil {
		t.Fatalf("WaitForAssistantReady: %v", err)
	}
	if a == nil || a.Status != AssistantStateReady || a.Host == "" {
		t.Errorf("returned %+v, want the last (Ready) description", a)
	}
	if api.count() != 3 {
		t.Errorf("describes = %d, want 3", api.count())
	}
	for _, r := range api.requests() {
		if r.Method != "GET" || r.Path != "/assistant/assistants/a1" {
			t.Errorf("waiter sent %s %s", r.Method, r.Path)
		}
	}
}

func TestWaitForAssistantReadyFailedStates(t *testing.T) {
	for _, state := range []string{AssistantStateFailed, AssistantStateInitializationFailed} {
		t.Run(state, func(t *testing.T) {
			api := newFakeAPI(t, sequence(assistantJSON("Initializing"), assistantJSON(state), assistantJSON("Ready")))
			c := newTestClient(t, api.URL())
			a, err := c.WaitForAssistantReady(boundedCtx(t), "a1")
			var fe *AssistantFailedError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v (%T), want *AssistantFailedError", err, err)
			}
			if fe.Name != "a1" || fe.State != state {
				t.Errorf("AssistantFailedError = %+v", fe)
			}
			if got, want := err.Error(), `assistant "a1" is in state `+state; got != want {
				t.Errorf("Error() = %q, want %q", got, want)
			}
			if a == nil || a.Status != state {
				t.Errorf("last description = %+v, want the failed one", a)
			}
			if api.count() != 2 {
				t.Errorf("describes = %d, want 2 (stop at the failure)", api.count())
			}
		})
	}
}

func TestWaitForAssistantReadyHonoursContext(t *testing.T) {
	api := newFakeAPI(t, sequence(assistantJSON("Initializing")))
	c := newTestClient(t, api.URL())
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	a, err := c.WaitForAssistantReady(ctx, "a1")
	if time.Since(start) > 2*time.Second {
		t.Errorf("waited %v past a 50ms deadline", time.Since(start))
	}
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v (%T), want a WaitError for DeadlineExceeded", err, err)
	}
	if we.LastState != AssistantStateInitializing || !strings.Contains(we.What, `assistant "a1"`) {
		t.Errorf("WaitError = %+v", we)
	}
	if a == nil || a.Status != AssistantStateInitializing {
		t.Errorf("last description = %+v", a)
	}
	if api.count() < 2 {
		t.Errorf("describes = %d, want several", api.count())
	}
}

func TestWaitForAssistantReadyReturnsDescribeErrors(t *testing.T) {
	api := newFakeAPI(t, sequence(assistantJSON("Initializing"), "401"))
	c := newTestClient(t, api.URL())
	if _, err := c.WaitForAssistantReady(boundedCtx(t), "a1"); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("err = %v, want ErrUnauthenticated", err)
	}
}

func TestWaitForAssistantDeleted(t *testing.T) {
	// Only a 404 ends the wait, whatever state describe reports before it.
	api := newFakeAPI(t, sequence(assistantJSON("Terminating"), assistantJSON("Purging"), "404"))
	c := newTestClient(t, api.URL())
	if err := c.WaitForAssistantDeleted(boundedCtx(t), "a1"); err != nil {
		t.Fatalf("WaitForAssistantDeleted: %v", err)
	}
	if api.count() != 3 {
		t.Errorf("describes = %d, want 3", api.count())
	}
	for _, r := range api.requests() {
		if r.Method != "GET" || r.Path != "/assistant/assistants/a1" {
			t.Errorf("waiter sent %s %s", r.Method, r.Path)
		}
	}
}

func TestWaitForAssistantDeletedHonoursContext(t *testing.T) {
	api := newFakeAPI(t, sequence(assistantJSON("Terminating")))
	c := newTestClient(t, api.URL())
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	err := c.WaitForAssistantDeleted(ctx, "a1")
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v (%T), want a WaitError for DeadlineExceeded", err, err)
	}
	if we.LastState != AssistantStateTerminating {
		t.Errorf("LastState = %q, want Terminating", we.LastState)
	}
}

func TestWaitForAssistantDeletedReturnsOtherErrors(t *testing.T) {
	api := newFakeAPI(t, sequence(assistantJSON("Terminating"), "401"))
	c := newTestClient(t, api.URL())
	if err := c.WaitForAssistantDeleted(boundedCtx(t), "a1"); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("err = %v, want ErrUnauthenticated", err)
	}
	if api.count() != 2 {
		t.Errorf("describes = %d, want 2", api.count())
	}
}
