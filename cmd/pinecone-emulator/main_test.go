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
	ctx, cancel := context.WithCancel(t.Context())
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
		"-fail-read-capacity", "dedicated-1,dedicated-2",
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
	if fr, _ := json.Marshal(f["fail_read_capacity"]); string(fr) != `["dedicated-1","dedicated-2"]` {
		t.Errorf("fail_read_capacity = %s", fr)
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
	if err := run(t.Context(), []string{"-ready-delay", "soon"}, &out, &errOut); err == nil {
		t.Error("bad duration accepted")
	}
	if err := run(t.Context(), []string{"extra"}, &out, &errOut); err == nil {
		t.Error("positional argument accepted")
	}
	if err := run(t.Context(), []string{"-addr", "256.0.0.1:99999"}, &out, &errOut); err == nil {
		t.Error("bad address accepted")
	}
	if out.Len() != 0 {
		t.Errorf("stdout written on failure: %q", out.String())
	}
}

// startCapturing runs the command like start, but keeps everything written
// to stdout, so a test can check that the listening line is the only line.
func startCapturing(t *testing.T, args ...string) (string, *syncBuffer, *syncBuffer, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, stdout, stderr) }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stdout.String(), "\n") {
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no listening line (stderr: %s)", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	m := listenLineRe.FindStringSubmatch(stdout.String())
	if m == nil {
		cancel()
		t.Fatalf("stdout = %q", stdout.String())
	}
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
	return m[1], stdout, stderr, stop
}

// call sends a request with the given headers and decodes a JSON object
// answer.
func call(t *testing.T, method, url, body string, headers ...string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
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

func tokenBody(id, secret string) string {
	return `{"client_id":"` + id + `","client_secret":"` + secret + `","grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`
}

func TestRunAdminFlags(t *testing.T) {
	t.Setenv("PINECONE_API_KEY", "")
	t.Setenv("PINECONE_CLIENT_ID", "env-id")
	t.Setenv("PINECONE_CLIENT_SECRET", "env-secret-value")
	url, stdout, stderr, stop := startCapturing(t, "-addr", "127.0.0.1:0",
		"-client-id", "ci-bot", "-client-secret", "flag-secret-value", "-token-ttl", "90s")

	// The flags win over the environment and the defaults.
	for _, creds := range [][2]string{{"env-id", "env-secret-value"}, {emulator.DefaultClientID, emulator.DefaultClientSecret}} {
		if status, b := call(t, "POST", url+"/oauth/token", tokenBody(creds[0], creds[1]), "Content-Type", "application/json"); status != http.StatusUnauthorized {
			t.Errorf("credentials %s answered %d %v, want 401", creds[0], status, b)
		}
	}
	status, tok := call(t, "POST", url+"/oauth/token", tokenBody("ci-bot", "flag-secret-value"), "Content-Type", "application/json")
	if status != http.StatusOK || tok["expires_in"] != 90.0 {
		t.Fatalf("token = %d %v, want 200 with expires_in 90 (-token-ttl)", status, tok)
	}
	bearer := "Bearer " + tok["access_token"].(string)

	// The admin API works with the token; a created key works on the control plane.
	status, p := call(t, "POST", url+"/admin/projects", `{"name":"cmd"}`, "Authorization", bearer, "Content-Type", "application/json")
	if status != http.StatusOK {
		t.Fatalf("create project = %d %v", status, p)
	}
	status, k := call(t, "POST", url+"/admin/projects/"+p["id"].(string)+"/api-keys", `{"name":"k"}`, "Authorization", bearer, "Content-Type", "application/json")
	if status != http.StatusOK {
		t.Fatalf("create key = %d %v", status, k)
	}
	value := k["value"].(string)
	if status, _ := get(t, url+"/indexes", value); status != http.StatusOK {
		t.Errorf("created key answered %d", status)
	}
	if status, _ := call(t, "GET", url+"/admin/projects", "", "Api-Key", emulator.DefaultAPIKey); status != http.StatusUnauthorized {
		t.Errorf("admin with an Api-Key answered %d, want 401", status)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	if out := stdout.String(); strings.Count(out, "\n") != 1 {
		t.Errorf("stdout has more than the listening line: %q", out)
	}
	logs := stderr.String()
	for _, line := range []string{"POST /oauth/token 401 ", "POST /oauth/token 200 ", "POST /admin/projects 200 ", "/api-keys 200 ", "GET /admin/projects 401 "} {
		if !strings.Contains(logs, line) {
			t.Errorf("request log lacks %q:\n%s", line, logs)
		}
	}
	for _, secret := range []string{"flag-secret-value", "env-secret-value", emulator.DefaultClientSecret, tok["access_token"].(string), value, emulator.DefaultAPIKey} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log contains a secret (%.12s...):\n%s", secret, logs)
		}
	}
}

func TestRunAdminCredentialsFromEnv(t *testing.T) {
	t.Setenv("PINECONE_API_KEY", "")
	t.Setenv("PINECONE_CLIENT_ID", "env-id")
	t.Setenv("PINECONE_CLIENT_SECRET", "env-secret")
	url, _, _ := start(t, "-addr", "127.0.0.1:0", "-quiet")
	status, tok := call(t, "POST", url+"/oauth/token", tokenBody("env-id", "env-secret"), "Content-Type", "application/json")
	if status != http.StatusOK || tok["expires_in"] != 1800.0 {
		t.Errorf("env credentials = %d %v, want 200 with the default expires_in 1800", status, tok)
	}
	if status, _ := call(t, "POST", url+"/oauth/token", tokenBody(emulator.DefaultClientID, emulator.DefaultClientSecret)); status != http.StatusUnauthorized {
		t.Errorf("default credentials answered %d with the env set, want 401", status)
	}
	// One flag alone overrides only its half.
	url, _, _ = start(t, "-addr", "127.0.0.1:0", "-quiet", "-client-secret", "flag-only")
	if status, _ := call(t, "POST", url+"/oauth/token", tokenBody("env-id", "flag-only")); status != http.StatusOK {
		t.Errorf("env id with flag secret answered %d", status)
	}
}

func TestRunAdminDefaultCredentials(t *testing.T) {
	t.Setenv("PINECONE_API_KEY", "")
	t.Setenv("PINECONE_CLIENT_ID", "")
	t.Setenv("PINECONE_CLIENT_SECRET", "")
	url, _, _ := start(t, "-addr", "127.0.0.1:0", "-quiet")
	if status, b := call(t, "POST", url+"/oauth/token", tokenBody(emulator.DefaultClientID, emulator.DefaultClientSecret)); status != http.StatusOK {
		t.Errorf("default credentials = %d %v", status, b)
	}
}

func TestRunAdminFlagErrors(t *testing.T) {
	t.Setenv("PINECONE_CLIENT_SECRET", "secret-from-env")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"-token-ttl", "-1s"}, &out, &errOut); err == nil {
		t.Error("negative -token-ttl accepted")
	}
	if err := run(t.Context(), []string{"-token-ttl", "soon"}, &out, &errOut); err == nil {
		t.Error("bad -token-ttl accepted")
	}
	errOut.Reset()
	if err := run(t.Context(), []string{"-h"}, &out, &errOut); err == nil {
		t.Error("-h did not return flag.ErrHelp")
	}
	help := errOut.String()
	if !strings.Contains(help, "-client-secret") || !strings.Contains(help, "-token-ttl") {
		t.Errorf("help lacks the admin flags:\n%s", help)
	}
	if strings.Contains(help, "secret-from-env") {
		t.Errorf("help prints the secret from the environment:\n%s", help)
	}
	if out.Len() != 0 {
		t.Errorf("stdout written: %q", out.String())
	}
}
