package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

func TestRunShapingFlags(t *testing.T) {
	t.Setenv("PINECONE_API_KEY", "")
	url, _, _ := start(t, "-addr", "127.0.0.1:0", "-quiet",
		"-rate-limited-rate", "0.25", "-latency", "1ms", "-latency-rate", "0.5",
		"-force-status", "402", "-force-status-paths", "POST /indexes", "-force-status-paths", "DELETE /indexes/{index_name}, POST /collections")
	_, body := get(t, url+"/_emulator/faults", "")
	var f map[string]any
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("faults: %s", body)
	}
	for k, v := range map[string]any{"rate_limited_rate": 0.25, "latency": "1ms", "latency_rate": 0.5, "force_status": 402.0} {
		if f[k] != v {
			t.Errorf("faults[%s] = %v, want %v", k, f[k], v)
		}
	}
	if p, _ := json.Marshal(f["force_status_paths"]); string(p) != `["POST /indexes","DELETE /indexes/{index_name}","POST /collections"]` {
		t.Errorf("force_status_paths = %s", p)
	}
	req, _ := http.NewRequest("POST", url+"/indexes", strings.NewReader(`{"name":"x","dimension":2,"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`))
	req.Header.Set("Api-Key", emulator.DefaultAPIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// The random 429 may come first; anything else than 402 or 429 is wrong.
	if resp.StatusCode != http.StatusPaymentRequired && resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("POST /indexes answered %d, want the forced 402", resp.StatusCode)
	}
}

func TestRunShapingFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-rate-limited-rate", "1.5"},
		{"-latency-rate", "-0.5"},
		{"-force-status", "200"},
		{"-force-status", "402", "-force-status-paths", "indexes"},
	} {
		var out, errOut bytes.Buffer
		if err := run(t.Context(), append([]string{"-addr", "127.0.0.1:0"}, args...), &out, &errOut); err == nil {
			t.Errorf("%v accepted", args)
		}
		if out.Len() != 0 {
			t.Errorf("%v: started serving (%q)", args, out.String())
		}
	}
}
