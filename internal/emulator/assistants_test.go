package emulator

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// Version header values for the two API versions.
const (
	v2025 = "2025-10"
	v2026 = "2026-04"
)

var rfc3339Seconds = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)

// keysOf returns the sorted keys of a decoded JSON object.
func keysOf(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func wantKeys(t *testing.T, what string, m map[string]any, want ...string) {
	t.Helper()
	slices.Sort(want)
	if got := keysOf(m); !slices.Equal(got, want) {
		t.Errorf("%s keys = %v, want %v", what, got, want)
	}
}

// createAssistant creates an assistant with the given body and checks the
// 200.
func (e *testEnv) createAssistant(body string, headers ...string) map[string]any {
	e.t.Helper()
	return e.do("POST", "/assistant/assistants", body, headers...).must(e.t, http.StatusOK)
}

func assistantNames(t *testing.T, body map[string]any) []string {
	t.Helper()
	list, ok := body["assistants"].([]any)
	if !ok {
		t.Fatalf("assistants is not a list: %v", body)
	}
	names := []string{}
	for _, a := range list {
		names = append(names, a.(map[string]any)["name"].(string))
	}
	return names
}

func TestAssistantCreateAndDescribeShape(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: time.Second})
	created := e.clock.Now()
	body := `{"name":"helper","instructions":"Be brief.","metadata":{"team":"search","n":12345678901234567890,"nested":{"a":[1,"<b>",true]}},"region":"eu"}`

	// 2025-10 (the default): no region in the Assistant.
	b := e.createAssistant(body)
	wantKeys(t, "create answer", b, "name", "status", "instructions", "metadata", "host", "created_at", "updated_at")
	wantField(t, b, "helper", "name")
	wantField(t, b, "Initializing", "status")
	wantField(t, b, "Be brief.", "instructions")
	wantField(t, b, map[string]any{"team": "search", "n": 12345678901234567890.0, "nested": map[string]any{"a": []any{1, "<b>", true}}}, "metadata")
	wantField(t, b, e.ts.URL, "host")
	wantField(t, b, created.Format(time.RFC3339), "created_at")
	wantField(t, b, created.Format(time.RFC3339), "updated_at")
	if !strings.HasPrefix(e.ts.URL, "http://") {
		t.Fatalf("test server URL %s", e.ts.URL)
	}

	// The metadata comes back exactly: the big integer is not rounded.
	r := e.do("GET", "/assistant/assistants/helper", "", "X-Pinecone-Api-Version", v2025)
	wantField(t, r.must(t, http.StatusOK), b["metadata"], "metadata")
	if !strings.Contains(r.raw, `"n":12345678901234567890,`) {
		t.Errorf("describe %s does not carry the integer as sent", r.raw)
	}
	if has(r.body, "region") {
		t.Errorf("2025-10 describe has region: %s", r.raw)
	}

	// 2026-04 adds region, in create, describe and list.
	e.clock.Advance(time.Second)
	d := e.do("GET", "/assistant/assistants/helper", "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
	wantKeys(t, "2026-04 describe", d, "name", "status", "instructions", "metadata", "host", "created_at", "updated_at", "region")
	wantField(t, d, "eu", "region")
	wantField(t, d, "Ready", "status")
	b = e.createAssistant(`{"name":"plain"}`, "X-Pinecone-Api-Version", v2026)
	wantField(t, b, "us", "region")
	// Unset instructions and metadata are null, not absent.
	if !has(b, "instructions") || b["instructions"] != nil || !has(b, "metadata") || b["metadata"] != nil {
		t.Errorf("unset instructions/metadata should be null: %v", b)
	}
	l := e.do("GET", "/assistant/assistants", "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
	for _, a := range l["assistants"].([]any) {
		if !has(a, "region") {
			t.Errorf("2026-04 list item without region: %v", a)
		}
	}
	l = e.do("GET", "/assistant/assistants", "").must(t, http.StatusOK)
	for _, a := range l["assistants"].([]any) {
		if has(a, "region") {
			t.Errorf("2025-10 list item with region: %v", a)
		}
		for _, k := range []string{"created_at", "updated_at"} {
			if s, _ := dig(a, k).(string); !rfc3339Seconds.MatchString(s) {
				t.Errorf("%s = %q, want RFC 3339 UTC with whole seconds", k, s)
			}
		}
	}
	// An empty metadata object is kept as {}.
	wantField(t, e.createAssistant(`{"name":"empty-meta","metadata":{},"instructions":""}`), map[string]any{}, "metadata")
	wantField(t, e.do("GET", "/assistant/assistants/empty-meta", "").must(t, http.StatusOK), "", "instructions")
}

func TestAssistantHostOverTLS(t *testing.T) {
	ts := httptestTLS(t, New(Options{}))
	req, _ := http.NewRequest("POST", ts.URL+"/assistant/assistants", strings.NewReader(`{"name":"a"}`))
	req.Header.Set("Api-Key", DefaultAPIKey)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b := decodeBody(t, resp)
	if !strings.HasPrefix(ts.URL, "https://") || b["host"] != ts.URL {
		t.Errorf("host = %v, want %s", b["host"], ts.URL)
	}
}

func TestAssistantCreateValidation(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: time.Minute})
	big := strings.Repeat("x", maxAssistantText)
	// {"k":"<s>"} is 8 bytes plus s.
	bigMeta := `{"k":"` + strings.Repeat("m", maxAssistantText-8) + `"}`
	cases := []struct {
		name, body string
		status     int
		code, msg  string
	}{
		{"not json", `{nope`, 422, "UNPROCESSABLE_ENTITY", "Failed to deserialize the JSON body"},
		{"empty body", ``, 422, "UNPROCESSABLE_ENTITY", "EOF"},
		{"missing name", `{"instructions":"x"}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"null name", `{"name":null}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"name number", `{"name":7}`, 422, "UNPROCESSABLE_ENTITY", "name: invalid type: number, expected a string"},
		{"instructions number", `{"name":"a","instructions":1}`, 422, "UNPROCESSABLE_ENTITY", "instructions: invalid type"},
		{"metadata array", `{"name":"a","metadata":[1,2]}`, 422, "UNPROCESSABLE_ENTITY", "metadata: invalid type: array, expected an object"},
		{"metadata string", `{"name":"a","metadata":"x"}`, 422, "UNPROCESSABLE_ENTITY", "metadata: invalid type: string"},
		{"metadata number", `{"name":"a","metadata":3}`, 422, "UNPROCESSABLE_ENTITY", "metadata"},
		{"name empty", `{"name":""}`, 400, "INVALID_ARGUMENT", "between 1 and 63"},
		{"name 64", `{"name":"` + strings.Repeat("a", 64) + `"}`, 400, "INVALID_ARGUMENT", "between 1 and 63"},
		{"name uppercase", `{"name":"Helper"}`, 400, "INVALID_ARGUMENT", "Assistant" + nameRule},
		{"name underscore", `{"name":"a_b"}`, 400, "INVALID_ARGUMENT", "Assistant" + nameRule},
		{"name leading hyphen", `{"name":"-ab"}`, 400, "INVALID_ARGUMENT", "must not begin or end with a hyphen"},
		{"name trailing hyphen", `{"name":"ab-"}`, 400, "INVALID_ARGUMENT", "must not begin or end with a hyphen"},
		{"region other", `{"name":"a","region":"ap"}`, 400, "INVALID_ARGUMENT", "Invalid region: Valid options are us, eu"},
		{"region upper", `{"name":"a","region":"EU"}`, 400, "INVALID_ARGUMENT", "Invalid region: Valid options are us, eu"},
		{"region empty", `{"name":"a","region":""}`, 400, "INVALID_ARGUMENT", "Invalid region"},
		{"instructions 16 KB + 1", `{"name":"a","instructions":"` + big + `x"}`, 400, "INVALID_ARGUMENT", "Instructions must be at most 16 KB"},
		{"metadata 16 KB + 1", `{"name":"a","metadata":` + strings.Replace(bigMeta, `"k"`, `"kk"`, 1) + `}`, 400, "INVALID_ARGUMENT", "Metadata must be at most 16 KB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do("POST", "/assistant/assistants", c.body).wantError(t, c.status, c.code, c.msg)
		})
	}
	if got := strings.TrimSpace(e.do("GET", "/assistant/assistants", "").raw); got != `{"assistants":[]}` {
		t.Fatalf("rejected creates left assistants: %s", got)
	}

	// The limits themselves are allowed: 63-character name, 16 KB each.
	e.createAssistant(`{"name":"` + strings.Repeat("a", 63) + `"}`)
	e.createAssistant(`{"name":"b","instructions":"` + big + `","metadata":` + bigMeta + `,"region":"us"}`)
	// Whitespace in the sent metadata does not count against the limit.
	e.createAssistant(`{"name":"c","metadata":{ "k" :   "` + strings.Repeat("m", maxAssistantText-8) + `"   }}`)
	e.createAssistant(`{"name":"7c9e6679-7425-40de-944b-e07fc1f90ae7"}`)
	// Characters that Go would HTML-escape count once.
	e.createAssistant(`{"name":"d","metadata":{"k":"` + strings.Repeat("<", maxAssistantText-8) + `"}}`)

	// A taken name is 409, also while the assistant is Terminating.
	e.do("POST", "/assistant/assistants", `{"name":"b"}`).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Resource already exists.")
	e.do("DELETE", "/assistant/assistants/b", "").must(t, http.StatusOK)
	e.do("POST", "/assistant/assistants", `{"name":"b","region":"eu"}`).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Resource already exists.")
	// Rule violations come before the name check.
	e.do("POST", "/assistant/assistants", `{"name":"b","region":"mars"}`).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid region")
	// Assistants have a namespace of their own.
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.createAssistant(`{"name":"s"}`)
}

func TestAssistantLifecycle(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second, DeleteDelay: 20 * time.Second})
	created := e.clock.Now()
	wantField(t, e.createAssistant(`{"name":"a"}`), "Initializing", "status")
	e.clock.Advance(9 * time.Second)
	wantField(t, e.do("GET", "/assistant/assistants/a", "").must(t, http.StatusOK), "Initializing", "status")
	e.clock.Advance(time.Second)
	b := e.do("GET", "/assistant/assistants/a", "").must(t, http.StatusOK)
	wantField(t, b, "Ready", "status")
	// Becoming Ready is not an update.
	wantField(t, b, created.Format(time.RFC3339), "updated_at")

	// DELETE: 200 with no body, Terminating for DeleteDelay, then 404.
	r := e.do("DELETE", "/assistant/assistants/a", "")
	r.must(t, http.StatusOK)
	if r.raw != "" {
		t.Errorf("DELETE body = %q, want empty", r.raw)
	}
	wantField(t, e.do("GET", "/assistant/assistants/a", "").must(t, http.StatusOK), "Terminating", "status")
	l := e.do("GET", "/assistant/assistants", "").must(t, http.StatusOK)
	if len(l["assistants"].([]any)) != 1 {
		t.Fatalf("list while Terminating = %v", l)
	}
	wantField(t, l["assistants"].([]any)[0].(map[string]any), "Terminating", "status")
	// A second DELETE is 200 and does not restart the clock.
	e.clock.Advance(10 * time.Second)
	e.do("DELETE", "/assistant/assistants/a", "").must(t, http.StatusOK)
	e.clock.Advance(9 * time.Second)
	wantField(t, e.do("GET", "/assistant/assistants/a", "").must(t, http.StatusOK), "Terminating", "status")
	e.clock.Advance(time.Second)
	r = e.do("GET", "/assistant/assistants/a", "")
	r.wantError(t, http.StatusNotFound, "NOT_FOUND", `Assistant "a" not found.`)
	if msg := dig(r.body, "error", "message"); msg != `Assistant "a" not found.` {
		t.Errorf("message = %q", msg)
	}
	e.do("DELETE", "/assistant/assistants/a", "").wantError(t, http.StatusNotFound, "NOT_FOUND", `Assistant "a" not found.`)
	e.do("PATCH", "/assistant/assistants/a", `{}`).wantError(t, http.StatusNotFound, "NOT_FOUND", `Assistant "a" not found.`)
	if got := strings.TrimSpace(e.do("GET", "/assistant/assistants", "").raw); got != `{"assistants":[]}` {
		t.Errorf("list after purge = %s", got)
	}
	// The name is free again.
	wantField(t, e.createAssistant(`{"name":"a"}`), "Initializing", "status")
}

func TestAssistantZeroDelays(t *testing.T) {
	e := newEnv(t, Options{})
	// The create answer says Initializing; the next request (same instant)
	// sees Ready. A delete is gone on the next request.
	wantField(t, e.createAssistant(`{"name":"a"}`), "Initializing", "status")
	wantField(t, e.do("GET", "/assistant/assistants/a", "").must(t, http.StatusOK), "Ready", "status")
	e.do("DELETE", "/assistant/assistants/a", "").must(t, http.StatusOK)
	e.do("GET", "/assistant/assistants/a", "").wantError(t, http.StatusNotFound, "NOT_FOUND", `Assistant "a" not found.`)
}

func TestAssistantFailed(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 5 * time.Second, Faults: Faults{FailAssistants: []string{"bad"}}})
	wantField(t, e.createAssistant(`{"name":"bad"}`), "Initializing", "status")
	e.createAssistant(`{"name":"good"}`)
	e.clock.Advance(4 * time.Second)
	wantField(t, e.do("GET", "/assistant/assistants/bad", "").must(t, http.StatusOK), "Initializing", "status")
	e.clock.Advance(time.Second)
	wantField(t, e.do("GET", "/assistant/assistants/bad", "").must(t, http.StatusOK), "Failed", "status")
	wantField(t, e.do("GET", "/assistant/assistants/good", "").must(t, http.StatusOK), "Ready", "status")
	// A Failed assistant can be updated and deleted like any other.
	e.do("PATCH", "/assistant/assistants/bad", `{"instructions":"retry"}`).must(t, http.StatusOK)
	wantField(t, e.do("GET", "/assistant/assistants/bad", "").must(t, http.StatusOK), "Failed", "status")
	e.do("DELETE", "/assistant/assistants/bad", "").must(t, http.StatusOK)
	e.do("GET", "/assistant/assistants/bad", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")

	// "*" fails every assistant created from then on; earlier ones keep
	// their fate.
	e.srv.SetFaults(Faults{FailAssistants: []string{"*"}})
	e.createAssistant(`{"name":"later"}`)
	e.clock.Advance(5 * time.Second)
	wantField(t, e.do("GET", "/assistant/assistants/later", "").must(t, http.StatusOK), "Failed", "status")
	wantField(t, e.do("GET", "/assistant/assistants/good", "").must(t, http.StatusOK), "Ready", "status")
}

func TestAssistantUpdate(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: time.Minute})
	created := e.clock.Now()
	e.createAssistant(`{"name":"a","instructions":"one","metadata":{"k":"v"},"region":"eu"}`)
	e.clock.Advance(3 * time.Second)

	// Only instructions: metadata is kept. The answer is not an Assistant.
	b := e.do("PATCH", "/assistant/assistants/a", `{"instructions":"two"}`).must(t, http.StatusOK)
	if !jsonEqual(b, map[string]any{"assistant_name": "a", "instructions": "two", "metadata": map[string]any{"k": "v"}}) {
		t.Errorf("PATCH answered %v", b)
	}
	d := e.do("GET", "/assistant/assistants/a", "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
	wantField(t, d, "two", "instructions")
	wantField(t, d, created.Add(3*time.Second).Format(time.RFC3339), "updated_at")
	wantField(t, d, created.Format(time.RFC3339), "created_at")

	// Only metadata (replaced as a whole); other fields are ignored.
	e.clock.Advance(time.Second)
	b = e.do("PATCH", "/assistant/assistants/a", `{"metadata":{"x":[1,2],"y":null},"name":"zz","region":"us","status":"Failed"}`).must(t, http.StatusOK)
	if !jsonEqual(b, map[string]any{"assistant_name": "a", "instructions": "two", "metadata": map[string]any{"x": []any{1, 2}, "y": nil}}) {
		t.Errorf("PATCH answered %v", b)
	}
	d = e.do("GET", "/assistant/assistants/a", "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
	wantField(t, d, "a", "name")
	wantField(t, d, "eu", "region")
	wantField(t, d, "Ready", "status")
	wantField(t, d, created.Add(4*time.Second).Format(time.RFC3339), "updated_at")
	e.do("GET", "/assistant/assistants/zz", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")

	// null clears; {} changes nothing but is still an update.
	b = e.do("PATCH", "/assistant/assistants/a", `{"instructions":null}`).must(t, http.StatusOK)
	if !jsonEqual(b, map[string]any{"assistant_name": "a", "instructions": nil, "metadata": map[string]any{"x": []any{1, 2}, "y": nil}}) {
		t.Errorf("PATCH answered %v", b)
	}
	b = e.do("PATCH", "/assistant/assistants/a", `{"metadata":null}`).must(t, http.StatusOK)
	wantKeys(t, "PATCH answer", b, "assistant_name", "instructions", "metadata")
	if b["instructions"] != nil || b["metadata"] != nil {
		t.Errorf("after clearing both: %v", b)
	}
	e.clock.Advance(time.Second)
	e.do("PATCH", "/assistant/assistants/a", `{}`).must(t, http.StatusOK)
	d = e.do("GET", "/assistant/assistants/a", "").must(t, http.StatusOK)
	if d["instructions"] != nil || d["metadata"] != nil {
		t.Errorf("describe after clearing: %v", d)
	}
	wantField(t, d, created.Add(5*time.Second).Format(time.RFC3339), "updated_at")
	b = e.do("PATCH", "/assistant/assistants/a", `{"instructions":"three","metadata":{"k":2}}`).must(t, http.StatusOK)
	if !jsonEqual(b, map[string]any{"assistant_name": "a", "instructions": "three", "metadata": map[string]any{"k": 2}}) {
		t.Errorf("PATCH answered %v", b)
	}

	// Validation as on create; a rejected PATCH changes nothing.
	big := strings.Repeat("x", maxAssistantText)
	e.do("PATCH", "/assistant/assistants/a", `{"instructions":"`+big+`"}`).must(t, http.StatusOK)
	for _, c := range []struct {
		body      string
		status    int
		code, msg string
	}{
		{`{"instructions":"` + big + `x"}`, 400, "INVALID_ARGUMENT", "Instructions must be at most 16 KB"},
		{`{"metadata":{"k":"` + strings.Repeat("m", maxAssistantText) + `"}}`, 400, "INVALID_ARGUMENT", "Metadata must be at most 16 KB"},
		{`{"metadata":[1]}`, 422, "UNPROCESSABLE_ENTITY", "metadata: invalid type: array, expected an object"},
		{`{"metadata":"s"}`, 422, "UNPROCESSABLE_ENTITY", "metadata: invalid type"},
		{`{"instructions":5}`, 422, "UNPROCESSABLE_ENTITY", "instructions: invalid type: number, expected a string"},
		{`nope`, 422, "UNPROCESSABLE_ENTITY", "Failed to deserialize the JSON body"},
	} {
		e.do("PATCH", "/assistant/assistants/a", c.body).wantError(t, c.status, c.code, c.msg)
	}
	d = e.do("GET", "/assistant/assistants/a", "").must(t, http.StatusOK)
	wantField(t, d, big, "instructions")
	wantField(t, d, map[string]any{"k": 2}, "metadata")

	e.do("PATCH", "/assistant/assistants/nope", `{"instructions":"x"}`).wantError(t, http.StatusNotFound, "NOT_FOUND", `Assistant "nope" not found.`)
	e.do("DELETE", "/assistant/assistants/a", "").must(t, http.StatusOK)
	e.do("PATCH", "/assistant/assistants/a", `{"instructions":"x"}`).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "being deleted")
}

func TestAssistantList(t *testing.T) {
	e := newEnv(t, Options{})
	if got := strings.TrimSpace(e.do("GET", "/assistant/assistants", "").raw); got != `{"assistants":[]}` {
		t.Errorf("empty 2025-10 list = %s", got)
	}
	if got := strings.TrimSpace(e.do("GET", "/assistant/assistants", "", "X-Pinecone-Api-Version", v2026).raw); got != `{"assistants":[]}` {
		t.Errorf("empty 2026-04 list = %s", got)
	}
	// Same creation time: ordered by name. Later ones follow.
	e.createAssistant(`{"name":"b"}`)
	e.createAssistant(`{"name":"a"}`)
	e.clock.Advance(time.Second)
	e.createAssistant(`{"name":"0"}`)
	e.clock.Advance(time.Second)
	e.createAssistant(`{"name":"c"}`)
	want := []string{"a", "b", "0", "c"}

	// 2025-10: everything, no pagination, limit and pagination_token ignored.
	for _, q := range []string{"", "?limit=1", "?limit=0&pagination_token=junk"} {
		b := e.do("GET", "/assistant/assistants"+q, "", "X-Pinecone-Api-Version", v2025).must(t, http.StatusOK)
		wantKeys(t, "2025-10 list", b, "assistants")
		if got := assistantNames(t, b); !slices.Equal(got, want) {
			t.Errorf("2025-10 list%s = %v, want %v", q, got, want)
		}
	}

	// 2026-04: pages of limit, pagination only while more follow.
	b := e.do("GET", "/assistant/assistants?limit=3", "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
	if got := assistantNames(t, b); !slices.Equal(got, want[:3]) {
		t.Errorf("page 1 = %v", got)
	}
	next, _ := dig(b, "pagination", "next").(string)
	if next == "" {
		t.Fatalf("page 1 has no pagination.next: %v", b)
	}
	// Deleting an item that was already listed does not shift the rest.
	e.do("DELETE", "/assistant/assistants/a", "").must(t, http.StatusOK)
	b = e.do("GET", "/assistant/assistants?limit=3&pagination_token="+next, "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
	if got := assistantNames(t, b); !slices.Equal(got, want[3:]) {
		t.Errorf("page 2 = %v", got)
	}
	if has(b, "pagination") {
		t.Errorf("last page has pagination: %v", b)
	}
	// A page that holds exactly the rest is the last one.
	b = e.do("GET", "/assistant/assistants?limit=3", "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
	if got := assistantNames(t, b); !slices.Equal(got, []string{"b", "0", "c"}) || has(b, "pagination") {
		t.Errorf("exact page = %v", b)
	}
	// The db_control name of the token parameter is not the assistant one.
	b = e.do("GET", "/assistant/assistants?limit=1&paginationToken="+next, "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
	if got := assistantNames(t, b); !slices.Equal(got, []string{"b"}) {
		t.Errorf("paginationToken was honoured: %v", got)
	}

	// Bad limits and tokens are 400 in 2026-04.
	bk := e.do("POST", "/indexes", bodyServerless)
	bk.must(t, http.StatusCreated)
	e.do("POST", "/indexes/s/backups", `{}`).must(t, http.StatusOK)
	e.do("POST", "/indexes/s/backups", `{}`).must(t, http.StatusOK)
	backupToken, _ := dig(e.do("GET", "/backups?limit=1", "").must(t, http.StatusOK), "pagination", "next").(string)
	for _, q := range []string{"limit=0", "limit=101", "limit=abc", "limit=", "pagination_token=junk", "pagination_token=" + backupToken} {
		e.do("GET", "/assistant/assistants?"+q, "", "X-Pinecone-Api-Version", v2026).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "")
	}
	e.do("GET", "/assistant/assistants?limit=100", "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
	e.do("GET", "/assistant/assistants?limit=1", "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
}

func TestAssistantListDefaultLimit(t *testing.T) {
	e := newEnv(t, Options{})
	for i := range 51 {
		e.clock.Advance(time.Second)
		e.createAssistant(`{"name":"a` + strings.Repeat("x", i) + `"}`)
	}
	b := e.do("GET", "/assistant/assistants", "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
	if n := len(assistantNames(t, b)); n != 50 {
		t.Errorf("default page = %d assistants, want 50", n)
	}
	next, _ := dig(b, "pagination", "next").(string)
	b = e.do("GET", "/assistant/assistants?pagination_token="+next, "", "X-Pinecone-Api-Version", v2026).must(t, http.StatusOK)
	if got := assistantNames(t, b); !slices.Equal(got, []string{"a" + strings.Repeat("x", 50)}) || has(b, "pagination") {
		t.Errorf("second page = %v", b)
	}
	if n := len(assistantNames(t, e.do("GET", "/assistant/assistants", "").must(t, http.StatusOK))); n != 51 {
		t.Errorf("2025-10 list = %d assistants, want all 51", n)
	}
}

func TestAssistantAuthVersionRouting(t *testing.T) {
	e := newEnv(t, Options{})
	e.createAssistant(`{"name":"a"}`)
	for _, p := range []struct{ method, path string }{
		{"GET", "/assistant/assistants"},
		{"POST", "/assistant/assistants"},
		{"GET", "/assistant/assistants/a"},
		{"PATCH", "/assistant/assistants/a"},
		{"DELETE", "/assistant/assistants/a"},
		{"GET", "/assistant/files/a"},
		{"POST", "/assistant/files/a"},
		{"GET", "/assistant/files/a/f"},
		{"DELETE", "/assistant/files/a/f"},
	} {
		e.do(p.method, p.path, "", "Api-Key", "wrong").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
		e.do(p.method, p.path, "", "X-Pinecone-Api-Version", "2024-07").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "2024-07")
	}
	// Nothing was deleted by the refused requests.
	e.do("GET", "/assistant/assistants/a", "").must(t, http.StatusOK)
	r := e.do("PUT", "/assistant/assistants/a", "{}")
	r.wantError(t, http.StatusMethodNotAllowed, "UNIMPLEMENTED", "")
	if allow := r.header.Get("Allow"); allow != "GET, PATCH, DELETE" {
		t.Errorf("Allow = %q", allow)
	}
	if allow := e.do("PATCH", "/assistant/files/a", "{}").header.Get("Allow"); allow != "GET, POST" {
		t.Errorf("Allow on files = %q", allow)
	}
	e.do("GET", "/assistant/files/a/f/x", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Route")
	e.do("GET", "/assistants", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Route")
}
