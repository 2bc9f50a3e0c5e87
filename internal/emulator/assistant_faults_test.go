package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestDropCreateResponsesAssistants(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{DropCreateResponses: 1}})

	// A rejected create does not use up the drop.
	if resp, err := rawPost(t, e.ts.URL+"/assistant/assistants", `{"name":"Bad"}`); err != nil || resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("invalid create: resp=%v err=%v, want a 400", resp, err)
	}
	// The assistant is created, but the client gets no answer.
	if resp, err := rawPost(t, e.ts.URL+"/assistant/assistants", `{"name":"a"}`); err == nil {
		t.Fatalf("create answered %d, want a dropped connection", resp.StatusCode)
	}
	wantField(t, e.do("GET", "/assistant/assistants/a", "").must(t, http.StatusOK), "a", "name")
	if got := e.srv.Faulted()["dropped"]; got != 1 {
		t.Errorf("Faulted[dropped] = %d, want 1", got)
	}
	// A retry finds the name taken, answered normally.
	if resp, err := rawPost(t, e.ts.URL+"/assistant/assistants", `{"name":"a"}`); err != nil || resp.StatusCode != http.StatusConflict {
		t.Fatalf("retried create: resp=%v err=%v, want 409", resp, err)
	}

	// File uploads are never dropped, even with drops to spare.
	e.srv.SetFaults(Faults{DropCreateResponses: 5})
	e.upload("a", "", "n.txt", "x").must(t, http.StatusOK)
	if got := e.srv.faults.snapshot().DropCreateResponses; got != 5 {
		t.Errorf("an upload used up a drop: %d left", got)
	}
	// ... while an assistant create still is.
	if resp, err := rawPost(t, e.ts.URL+"/assistant/assistants", `{"name":"b"}`); err == nil {
		t.Fatalf("create answered %d, want a dropped connection", resp.StatusCode)
	}
	if got := e.srv.faults.snapshot().DropCreateResponses; got != 4 {
		t.Errorf("drops left = %d, want 4", got)
	}
}

func TestStatsKeysAssistants(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("GET", "/assistant/assistants", "")
	e.do("GET", "/assistant/assistants", "", "X-Pinecone-Api-Version", v2026)
	e.do("POST", "/assistant/assistants", `{"name":"a"}`)
	e.do("POST", "/assistant/assistants", `{"name":"a"}`) // 409
	e.do("GET", "/assistant/assistants/a", "")
	e.do("GET", "/assistant/assistants/nope", "") // 404 on a known route
	e.do("PATCH", "/assistant/assistants/a", `{}`)
	id := e.upload("a", "", "n.txt", "x").body["id"].(string)
	e.upload("a", "", "n.csv", "x") // 400
	e.do("GET", "/assistant/files/a", "")
	e.do("GET", "/assistant/files/a/"+id, "")
	e.do("GET", "/assistant/files/a/"+id, "", "Api-Key", "bad") // 401, counted
	e.do("DELETE", "/assistant/files/a/"+id, "")
	e.do("DELETE", "/assistant/assistants/a", "")
	e.do("PUT", "/assistant/files/a", "") // 405

	want := map[string]int64{
		"GET /assistant/assistants":                                    2,
		"POST /assistant/assistants":                                   2,
		"GET /assistant/assistants/{assistant_name}":                   2,
		"PATCH /assistant/assistants/{assistant_name}":                 1,
		"DELETE /assistant/assistants/{assistant_name}":                1,
		"GET /assistant/files/{assistant_name}":                        1,
		"POST /assistant/files/{assistant_name}":                       2,
		"GET /assistant/files/{assistant_name}/{assistant_file_id}":    2,
		"DELETE /assistant/files/{assistant_name}/{assistant_file_id}": 1,
		"PUT /assistant/files/{assistant_name}":                        1,
	}
	if got := e.srv.Stats(); !jsonEqual(got, want) {
		t.Errorf("Stats() = %v, want %v", got, want)
	}
}

func TestControlFailAssistantsAndFiles(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: time.Second})
	b := e.do("GET", "/_emulator/faults", "").must(t, http.StatusOK)
	wantField(t, b, []any{}, "fail_assistants")
	wantField(t, b, []any{}, "fail_files")

	e.do("PUT", "/_emulator/faults", `{"fail_assistants":["x","*"],"fail_files":["bad.pdf"]}`, "Api-Key", "").must(t, http.StatusNoContent)
	got := e.srv.faults.snapshot()
	if !jsonEqual(got.FailAssistants, []string{"x", "*"}) || !jsonEqual(got.FailFiles, []string{"bad.pdf"}) {
		t.Errorf("faults = %+v", got)
	}
	b = e.do("GET", "/_emulator/faults", "").must(t, http.StatusOK)
	wantField(t, b, []any{"x", "*"}, "fail_assistants")
	wantField(t, b, []any{"bad.pdf"}, "fail_files")

	e.createAssistant(`{"name":"a"}`)
	e.clock.Advance(time.Second)
	wantField(t, e.do("GET", "/assistant/assistants/a", "").must(t, http.StatusOK), "Failed", "status")

	e.do("PUT", "/_emulator/faults", `{"fail_files":["bad.pdf"]}`).must(t, http.StatusNoContent)
	e.readyAssistant("b", time.Second)
	id := e.upload("b", "", "bad.pdf", "x").must(t, http.StatusOK)["id"].(string)
	e.clock.Advance(time.Second)
	wantField(t, e.do("GET", "/assistant/files/b/"+id, "").must(t, http.StatusOK), "ProcessingFailed", "status")

	for _, bad := range []string{`{"fail_assistants":"x"}`, `{"fail_files":[1]}`} {
		e.do("PUT", "/_emulator/faults", bad).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "")
	}
}

// TestSetFaultsCopiesAssistantLists checks that the fault lists are copied
// in and out, so callers cannot change them behind the server's back.
func TestSetFaultsCopiesAssistantLists(t *testing.T) {
	e := newEnv(t, Options{})
	fa, ff := []string{"a"}, []string{"f.txt"}
	e.srv.SetFaults(Faults{FailAssistants: fa, FailFiles: ff})
	fa[0], ff[0] = "changed", "changed"
	snap := e.srv.faults.snapshot()
	if !jsonEqual(snap.FailAssistants, []string{"a"}) || !jsonEqual(snap.FailFiles, []string{"f.txt"}) {
		t.Errorf("SetFaults kept the caller's slices: %+v", snap)
	}
	snap.FailAssistants[0] = "x"
	if e.srv.faults.failsAssistant("x") || !e.srv.faults.failsAssistant("a") || !e.srv.faults.failsFile("f.txt") || e.srv.faults.failsFile("g.txt") {
		t.Error("snapshot shares its slices with the server")
	}
	if !strings.Contains(e.do("GET", "/_emulator/faults", "").raw, `"fail_files":["f.txt"]`) {
		t.Error("fail_files not shown")
	}
}
