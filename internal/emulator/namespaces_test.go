package emulator

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Create answers 200 with the NamespaceDescription, describe 200, delete
// 200 {} and then describe 404; a taken name is 409 (spec
// db_data_2025-10.oas.yaml createNamespace, describeNamespace,
// deleteNamespace).
func TestNamespaceLifecycle(t *testing.T) {
	e := newEnv(t, Options{})
	host := e.serverlessIndex("s")
	created := e.onHost(host, "POST", "/namespaces",
		`{"name":"docs","schema":{"fields":{"year":{"filterable":true},"genre":{"filterable":true}}}}`)
	b := created.must(t, http.StatusOK)
	if got := keyOrder(t, created.raw); strings.Join(got, ",") != "name,record_count,schema" {
		t.Errorf("create answer keys = %v, want name, record_count, schema", got)
	}
	wantField(t, b, "docs", "name")
	wantField(t, b, "0", "record_count")
	wantField(t, b, map[string]any{"genre": map[string]any{"filterable": true}, "year": map[string]any{"filterable": true}}, "schema", "fields")

	d := e.onHost(host, "GET", "/namespaces/docs", "").must(t, http.StatusOK)
	if !jsonEqual(d, b) {
		t.Errorf("describe = %v, want the create answer %v", d, b)
	}
	e.onHost(host, "POST", "/namespaces", `{"name":"docs"}`).
		wantRPC(t, http.StatusConflict, 6, "Namespace docs already exists in index s.")
	plain := e.onHost(host, "POST", "/namespaces", `{"name":"plain"}`).must(t, http.StatusOK)
	if has(plain, "schema") || has(plain, "indexed_fields") {
		t.Errorf("a namespace without a schema shows %v", plain)
	}

	del := e.onHost(host, "DELETE", "/namespaces/docs", "")
	if del.status != http.StatusOK || strings.TrimSpace(del.raw) != "{}" {
		t.Errorf("delete = %d %s, want 200 {}", del.status, del.raw)
	}
	e.onHost(host, "GET", "/namespaces/docs", "").wantRPC(t, http.StatusNotFound, 5, "Namespace docs not found.")
	e.onHost(host, "DELETE", "/namespaces/docs", "").wantRPC(t, http.StatusNotFound, 5, "Namespace docs not found.")
	// The name is free again.
	e.onHost(host, "POST", "/namespaces", `{"name":"docs"}`).must(t, http.StatusOK)
}

// record_count is a decimal string in every version (production's
// protobuf JSON, as the docs' examples show); size_bytes is there at
// 2026-07 only; indexed_fields lists the schema's fields once the
// namespace holds records.
func TestNamespaceVersionRendering(t *testing.T) {
	e := newEnv(t, Options{})
	host := e.serverlessIndex("s")
	e.onHost(host, "POST", "/namespaces", `{"name":"a","schema":{"fields":{"b":{"filterable":true},"a":{"filterable":true}}}}`,
		headerAPIVersion, "2026-07").must(t, http.StatusOK)
	if err := e.srv.SetNamespaceRecordCount("s", "a", 9007199254740993); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"", "2025-10", "2026-04", "2026-07"} {
		b := e.onHost(host, "GET", "/namespaces/a", "", headerAPIVersion, v).must(t, http.StatusOK)
		wantField(t, b, "9007199254740993", "record_count")
		wantField(t, b, []any{"a", "b"}, "indexed_fields", "fields")
		if got, want := has(b, "size_bytes"), v == "2026-07"; got != want {
			t.Errorf("version %q: size_bytes present = %v, want %v (%v)", v, got, want, b)
		}
		l := e.onHost(host, "GET", "/namespaces", "", headerAPIVersion, v).must(t, http.StatusOK)
		wantField(t, l, 1, "total_count")
		if list, _ := l["namespaces"].([]any); len(list) != 1 || dig(list[0], "record_count") != "9007199254740993" {
			t.Errorf("version %q: list = %v", v, l)
		}
	}
	e.onHost(host, "GET", "/namespaces/a", "", headerAPIVersion, "2024-10").wantRPC(t, http.StatusBadRequest, 3, "Unsupported API version")
	if err := e.srv.SetNamespaceRecordCount("s", "missing", 1); !errors.Is(err, ErrNamespaceNotFound) {
		t.Errorf("SetNamespaceRecordCount(missing) = %v, want ErrNamespaceNotFound", err)
	}
	if err := e.srv.SetNamespaceRecordCount("nope", "a", 1); !errors.Is(err, ErrIndexNotFound) {
		t.Errorf("SetNamespaceRecordCount(unknown index) = %v, want ErrIndexNotFound", err)
	}
	if err := e.srv.SetNamespaceRecordCount("s", "a", -1); err == nil {
		t.Error("SetNamespaceRecordCount(-1) = nil, want an error")
	}
}

// The rules of CreateNamespaceRequest (spec 2026-07 and the TS client's
// models): names ASCII without NUL, 1-512 characters, __default__
// reserved; at most 50 schema fields, none beginning with "$", each with
// filterable present and true.
func TestNamespaceValidation(t *testing.T) {
	e := newEnv(t, Options{})
	host := e.serverlessIndex("s")
	fields := func(n int) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = fmt.Sprintf(`"f%02d":{"filterable":true}`, i)
		}
		return `{"name":"many","schema":{"fields":{` + strings.Join(parts, ",") + `}}}`
	}
	filterableMsg := "Field 'genre' is set to filterable: false. Only filterable: true is supported."
	cases := []struct{ body, msg string }{
		{`{}`, "Namespace name is required."},
		{`{"name":null}`, "Namespace name is required."},
		{`{"name":""}`, "must not be empty"},
		{`{"name":"` + strings.Repeat("n", 513) + `"}`, "at most 512 characters"},
		{`{"name":"caf\u00e9"}`, "must be ASCII"},
		{`{"name":"a\u0000b"}`, "must not contain the NUL character"},
		{`{"name":"__default__"}`, "is reserved"},
		{`{"name":"x","schema":{}}`, "schema.fields is required"},
		{fields(51), "at most 50 fields; got 51"},
		{`{"name":"x","schema":{"fields":{"$in":{"filterable":true}}}}`, "may not begin with '$'"},
		{`{"name":"x","schema":{"fields":{"genre":{"filterable":false}}}}`, filterableMsg},
		{`{"name":"x","schema":{"fields":{"genre":{}}}}`, filterableMsg},
		{`{"name":"x","schema":{"fields":{"genre":{"filterable":null}}}}`, filterableMsg},
		{`{"name":"x","schema":{"fields":{"genre":null}}}`, filterableMsg},
		{`{"name":1}`, "Invalid request body"},
		{`{"name":"x"`, "Invalid request body"},
		{``, "Invalid request body"},
	}
	for _, c := range cases {
		e.onHost(host, "POST", "/namespaces", c.body).wantRPC(t, http.StatusBadRequest, 3, c.msg)
	}
	e.onHost(host, "POST", "/namespaces", fields(50)).must(t, http.StatusOK)
	e.onHost(host, "POST", "/namespaces", `{"name":"`+strings.Repeat("n", 512)+`"}`).must(t, http.StatusOK)
	e.onHost(host, "POST", "/namespaces", `{"name":"_under","schema":{"fields":{"_x":{"filterable":true}}},"extra":1}`).must(t, http.StatusOK)
	// A path name is held to the same rule.
	e.onHost(host, "GET", "/namespaces/"+url.PathEscape("caf\u00e9"), "").wantRPC(t, http.StatusBadRequest, 3, "must be ASCII")
	// Names may hold "/", sent escaped.
	e.onHost(host, "POST", "/namespaces", `{"name":"a/b"}`).must(t, http.StatusOK)
	wantField(t, e.onHost(host, "GET", "/namespaces/a%2Fb", "").must(t, http.StatusOK), "a/b", "name")
	e.onHost(host, "DELETE", "/namespaces/a%2Fb", "").must(t, http.StatusOK)
}

// __default__ always exists: describe shows it (empty), the list shows it
// once it holds records, and it cannot be created or deleted.
func TestDefaultNamespace(t *testing.T) {
	e := newEnv(t, Options{})
	host := e.serverlessIndex("s")
	b := e.onHost(host, "GET", "/namespaces/__default__", "").must(t, http.StatusOK)
	wantField(t, b, map[string]any{"name": "__default__", "record_count": "0"})
	l := e.onHost(host, "GET", "/namespaces", "").must(t, http.StatusOK)
	wantField(t, l, []any{}, "namespaces")
	wantField(t, l, 0, "total_count")
	if has(l, "pagination") {
		t.Errorf("an empty list has pagination: %v", l)
	}

	if err := e.srv.SetNamespaceRecordCount("s", "__default__", 3); err != nil {
		t.Fatal(err)
	}
	l = e.onHost(host, "GET", "/namespaces", "").must(t, http.StatusOK)
	wantField(t, l, []any{map[string]any{"name": "__default__", "record_count": "3"}}, "namespaces")
	e.onHost(host, "POST", "/namespaces", `{"name":"__default__"}`).wantRPC(t, http.StatusBadRequest, 3, "reserved")
	e.onHost(host, "DELETE", "/namespaces/__default__", "").wantRPC(t, http.StatusBadRequest, 3, "cannot be deleted")
}

// The list is in bytewise name order, 100 a page by default, limit 1-100,
// filtered by prefix, with total_count counting every match and
// pagination.next only while another page follows.
func TestNamespaceListPagination(t *testing.T) {
	e := newEnv(t, Options{})
	host := e.serverlessIndex("s")
	for _, n := range []string{"b2", "a1", "B0", "b10", "b1", "c"} {
		e.onHost(host, "POST", "/namespaces", `{"name":"`+n+`"}`).must(t, http.StatusOK)
	}
	names := func(b map[string]any) []string {
		var out []string
		for _, ns := range b["namespaces"].([]any) {
			out = append(out, dig(ns, "name").(string))
		}
		return out
	}
	all := e.onHost(host, "GET", "/namespaces", "").must(t, http.StatusOK)
	if got := strings.Join(names(all), " "); got != "B0 a1 b1 b10 b2 c" {
		t.Errorf("order = %s", got)
	}

	var seen []string
	path := "/namespaces?prefix=b&limit=2"
	for pages := 0; ; pages++ {
		b := e.onHost(host, "GET", path, "").must(t, http.StatusOK)
		wantField(t, b, 3-pages, "total_count") // b1 is deleted after the first page
		seen = append(seen, names(b)...)
		next, _ := dig(b, "pagination", "next").(string)
		if next == "" {
			if has(b, "pagination") || pages != 1 {
				t.Errorf("last page %d: %v", pages, b)
			}
			break
		}
		path = "/namespaces?prefix=b&limit=2&paginationToken=" + url.QueryEscape(next)
		if pages == 0 {
			// A deletion between pages neither repeats nor skips names.
			e.onHost(host, "DELETE", "/namespaces/b1", "").must(t, http.StatusOK)
		}
	}
	if got := strings.Join(seen, " "); got != "b1 b10 b2" {
		t.Errorf("pages = %s, want b1 b10 b2", got)
	}

	first := e.onHost(host, "GET", "/namespaces?limit=1", "").must(t, http.StatusOK)
	tok := url.QueryEscape(dig(first, "pagination", "next").(string))
	for _, q := range []string{"limit=0", "limit=101", "limit=x", "paginationToken=junk",
		"prefix=a&paginationToken=" + tok, "prefix=caf%C3%A9"} {
		e.onHost(host, "GET", "/namespaces?"+q, "").wantRPC(t, http.StatusBadRequest, 3, "Invalid")
	}
	other := e.serverlessIndex("t")
	e.onHost(other, "GET", "/namespaces?paginationToken="+tok, "").wantRPC(t, http.StatusBadRequest, 3, "Invalid pagination token")
	e.onHost(host, "GET", "/namespaces?limit=100", "").must(t, http.StatusOK)
}

// An index with dedicated read capacity holds one namespace (docs
// dedicated-read-nodes/migrate); __default__ counts once it holds records.
func TestNamespaceDedicatedReadCapacity(t *testing.T) {
	e := newEnv(t, Options{})
	body := `{"dimension":3,"name":"d","spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":` +
		`{"mode":"Dedicated","dedicated":{"node_type":"b1","scaling":"Manual","manual":{"replicas":1,"shards":1}}}}}}`
	host, _ := e.do("POST", "/indexes", body).must(t, http.StatusCreated)["host"].(string)
	e.onHost(host, "POST", "/namespaces", `{"name":"one"}`).must(t, http.StatusOK)
	e.onHost(host, "POST", "/namespaces", `{"name":"two"}`).
		wantRPC(t, http.StatusBadRequest, 9, "Index d uses dedicated read nodes, which support only a single namespace; it already has namespace one.")
	e.onHost(host, "POST", "/namespaces", `{"name":"one"}`).wantRPC(t, http.StatusConflict, 6, "")
	e.onHost(host, "DELETE", "/namespaces/one", "").must(t, http.StatusOK)
	if err := e.srv.SetNamespaceRecordCount("d", "__default__", 1); err != nil {
		t.Fatal(err)
	}
	e.onHost(host, "POST", "/namespaces", `{"name":"two"}`).wantRPC(t, http.StatusBadRequest, 9, "already has namespace __default__")
	_ = e.srv.SetNamespaceRecordCount("d", "__default__", 0)
	e.onHost(host, "POST", "/namespaces", `{"name":"two"}`).must(t, http.StatusOK)
}

// Namespaces need a serverless or BYOC index that is Ready: a pod-based
// index is 400, one still Initializing 400 FAILED_PRECONDITION.
func TestNamespaceIndexKindAndState(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: time.Minute})
	pod, _ := e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)["host"].(string)
	byoc, _ := e.do("POST", "/indexes", bodyByoc).must(t, http.StatusCreated)["host"].(string)
	host := e.serverlessIndex("s")

	e.onHost(host, "POST", "/namespaces", `{"name":"a"}`).
		wantRPC(t, http.StatusBadRequest, 9, "Index s is not ready (state Initializing)")
	e.onHost(host, "GET", "/namespaces", "").wantRPC(t, http.StatusBadRequest, 9, "not ready")
	e.clock.Advance(time.Minute)

	e.onHost(pod, "GET", "/namespaces", "").
		wantRPC(t, http.StatusBadRequest, 3, "Namespace operations are not supported for pod-based indexes; index p is pod-based.")
	e.onHost(pod, "POST", "/namespaces", `{"name":"a"}`).wantRPC(t, http.StatusBadRequest, 3, "pod-based")
	e.onHost(byoc, "POST", "/namespaces", `{"name":"a"}`).must(t, http.StatusOK)
	e.onHost(host, "POST", "/namespaces", `{"name":"a"}`).must(t, http.StatusOK)
}
