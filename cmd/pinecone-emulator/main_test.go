package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

// syncBuffer is a goroutine-safe bytes.Buffer for stderr.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listenLineRe = regexp.MustCompile(`^pinecone-emulator listening on (http://127\.0\.0\.1:[0-9]+)\n$`)

// start runs the command with args and returns its URL, its stderr and a
// function that stops it and returns run's error.
func start(t *testing.T, args ...string) (string, *syncBuffer, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		err := run(ctx, args, pw, stderr)
		pw.Close()
		done <- err
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("reading the listening line: %v (stderr: %s, run: %v)", err, stderr.String(), <-done)
	}
	m := listenLineRe.FindStringSubmatch(line)
	if m == nil {
		cancel()
		t.Fatalf("stdout line = %q, want %q", line, "pinecone-emulator listening on http://127.0.0.1:PORT")
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("run did not return after cancel")
			}
		})
		return runErr
	}
	t.Cleanup(func() { _ = stop() })
	return m[1], stderr, stop
}

func get(t *testing.T, url, key string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if key != "" {
		req.Header.Set("Api-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestRunServesAndShutsDown(t *testing.T) {
	t.Setenv("PINECONE_API_KEY", "")
	url, stderr, stop := start(t, "-addr", "127.0.0.1:0")
	status, body := get(t, url+"/indexes", emulator.DefaultAPIKey)
	if status != http.StatusOK || strings.TrimSpace(body) != `{"indexes":[]}` {
		t.Fatalf("GET /indexes = %d %s", status, body)
	}
	if status, _ := get(t, url+"/indexes", "wrong"); status != http.StatusUnauthorized {
		t.Errorf("wrong key answered %d", status)
	}
	if err := stop(); err != nil {
		t.Fatalf("run returned %v after cancel, want nil", err)
	}
	logs := stderr.String()
	if !strings.Contains(logs, "GET /indexes 200 ") || !strings.Contains(logs, "GET /indexes 401 ") {
		t.Errorf("request log missing lines:\n%s", logs)
	}
	if strings.Contains(logs, emulator.DefaultAPIKey) || strings.Contains(logs, "wrong") {
		t.Errorf("the log contains an Api-Key:\n%s", logs)
	}
	if _, err := http.Get(url + "/indexes"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

func TestRunFlags(t *testing.T) {
	t.Setenv("PINECONE_API_KEY", "from-env")
	url, stderr, _ := start(t, "-addr", "127.0.0.1:0", "-quiet",
		"-api-key", "k1,k2", "-api-key", "k3",
		"-ready-delay", "1h", "-fail-initialization", "a, b", "-fail-backups", "s", "-fail-backups", "x,*",
		"-fail-assistants", "helper,*", "-fail-files", "bad.pdf", "-fail-files", "worse.txt",
		"-rate-limit", "50", "-rate-burst", "10", "-latency", "1ms", "-drop-create-responses", "1", "-error-rate", "0")
	for _, k := range []string{"k1", "k2", "k3"} {
		if status, _ := get(t, url+"/indexes", k); status != http.StatusOK {
			t.Errorf("key %s answered %d", k, status)
		}
	}
	for _, k := range []string{"from-env", emulator.DefaultAPIKey} {
		if status, _ := get(t, url+"/indexes", k); status != http.StatusUnauthorized {
			t.Errorf("key %s answered %d, want 401", k, status)
		}
	}
	_, body := get(t, url+"/_emulator/faults", "")
	var f map[string]any
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("faults: %s", body)
	}
	want := map[string]any{"rate_limit": 50.0, "rate_burst": 10.0, "latency": "1ms", "drop_create_responses": 1.0, "error_rate": 0.0}
	for k, v := range want {
		if f[k] != v {
			t.Errorf("faults[%s] = %v, want %v", k, f[k], v)
		}
	}
	if fi, _ := json.Marshal(f["fail_initialization"]); string(fi) != `["a","b"]` {
		t.Errorf("fail_initialization = %s", fi)
	}
	if fb, _ := json.Marshal(f["fail_backups"]); string(fb) != `["s","x","*"]` {
		t.Errorf("fail_backups = %s", fb)
	}
	if fa, _ := json.Marshal(f["fail_assistants"]); string(fa) != `["helper","*"]` {
		t.Errorf("fail_assistants = %s", fa)
	}
	if ff, _ := json.Marshal(f["fail_files"]); string(ff) != `["bad.pdf","worse.txt"]` {
		t.Errorf("fail_files = %s", ff)
	}
	if s := stderr.String(); s != "" {
		t.Errorf("-quiet still logged: %s", s)
	}
}

// send makes a request with the default key and decodes a JSON object answer.
func send(t *testing.T, method, url, contentType, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Api-Key", emulator.DefaultAPIKey)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

// TestRunAssistantHost checks that an assistant's host is the process's own
// address and that the file endpoints answer there; -fail-files applies.
func TestRunAssistantHost(t *testing.T) {
	t.Setenv("PINECONE_API_KEY", "")
	url, _, _ := start(t, "-addr", "127.0.0.1:0", "-quiet", "-fail-files", "bad.txt", "-fail-assistants", "broken")
	status, a := send(t, "POST", url+"/assistant/assistants", "application/json", `{"name":"helper"}`)
	if status != http.StatusOK || a["host"] != url {
		t.Fatalf("create assistant = %d %v, want 200 with host %s", status, a, url)
	}
	host := a["host"].(string)

	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", "bad.txt")
	_, _ = fw.Write([]byte("content"))
	_ = w.Close()
	status, f := send(t, "POST", host+"/assistant/files/helper", w.FormDataContentType(), buf.String())
	if status != http.StatusOK || f["status"] != "Processing" {
		t.Fatalf("upload via host = %d %v", status, f)
	}
	status, f = send(t, "GET", host+"/assistant/files/helper/"+f["id"].(string), "", "")
	if status != http.StatusOK || f["status"] != "ProcessingFailed" {
		t.Errorf("describe via host = %d %v, want ProcessingFailed (-fail-files)", status, f)
	}
	send(t, "POST", url+"/assistant/assistants", "application/json", `{"name":"broken"}`)
	if status, b := send(t, "GET", url+"/assistant/assistants/broken", "", ""); status != http.StatusOK || b["status"] != "Failed" {
		t.Errorf("describe broken = %d %v, want Failed (-fail-assistants)", status, b)
	}
}

func TestRunAPIKeyFromEnv(t *testing.T) {
	t.Setenv("PINECONE_API_KEY", "env-key")
	url, _, _ := start(t, "-addr", "127.0.0.1:0", "-quiet")
	if status, _ := get(t, url+"/indexes", "env-key"); status != http.StatusOK {
		t.Errorf("env key answered %d", status)
	}
	if status, _ := get(t, url+"/indexes", emulator.DefaultAPIKey); status != http.StatusUnauthorized {
		t.Errorf("default key answered %d with PINECONE_API_KEY set", status)
	}
}

func TestRunLogsDroppedCreate(t *testing.T) {
	t.Setenv("PINECONE_API_KEY", "")
	url, stderr, stop := start(t, "-addr", "127.0.0.1:0", "-drop-create-responses", "1")
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	req, _ := http.NewRequest("POST", url+"/indexes", strings.NewReader(`{"dimension":3,"name":"s","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}},"vector_type":"dense"}`))
	req.Header.Set("Api-Key", emulator.DefaultAPIKey)
	if resp, err := client.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("create answered %d, want a dropped connection", resp.StatusCode)
	}
	if status, _ := get(t, url+"/indexes/s", emulator.DefaultAPIKey); status != http.StatusOK {
		t.Errorf("dropped create did not create the index: %d", status)
	}
	// net/http does not track hijacked connections, so the log line may be
	// written just after the client saw the connection close.
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(stderr.String(), "POST /indexes dropped ") {
		if time.Now().After(deadline) {
			t.Fatalf("log does not show the dropped create:\n%s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

func TestRunBadFlags(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"-ready-delay", "soon"}, &out, &errOut); err == nil {
		t.Error("bad duration accepted")
	}
	if err := run(context.Background(), []string{"extra"}, &out, &errOut); err == nil {
		t.Error("positional argument accepted")
	}
	if err := run(context.Background(), []string{"-addr", "256.0.0.1:99999"}, &out, &errOut); err == nil {
		t.Error("bad address accepted")
	}
	if out.Len() != 0 {
		t.Errorf("stdout written on failure: %q", out.String())
	}
}
