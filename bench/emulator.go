package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"time"
)

// emulatorProcess is a pinecone-emulator started for one scenario.
type emulatorProcess struct {
	URL    string
	APIKey string

	cmd     *exec.Cmd
	cancel  context.CancelFunc
	done    chan struct{} // closed once the process has exited and been waited for
	waitErr error
	logPath string
	http    *http.Client
}

var listeningLine = regexp.MustCompile(`^pinecone-emulator listening on (https?://\S+)$`)

// startEmulator starts bin with args (plus -addr 127.0.0.1:0 and a fresh
// random API key), logs its stderr to logPath and waits for the one line
// on stdout that names its URL. The process outlives ctx's cancellation
// only until stop is called; stop must always be called.
func startEmulator(bin, logPath string, args []string) (*emulatorProcess, error) {
	key := make([]byte, 16)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	e := &emulatorProcess{
		APIKey:  "pcbench-" + hex.EncodeToString(key),
		done:    make(chan struct{}),
		logPath: logPath,
		http:    &http.Client{Timeout: 10 * time.Second},
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer func() { _ = logFile.Close() }() // the child has its own copy of the descriptor

	// Its own context: the emulator is stopped by stop (interrupt, then kill
	// after 5 s), not by whoever cancels the benchmark's context.
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	all := append([]string{"-addr", "127.0.0.1:0", "-api-key", e.APIKey}, args...)
	e.cmd = exec.CommandContext(ctx, bin, all...)
	e.cmd.Env = append(os.Environ(), "PINECONE_API_KEY=", "PINECONE_CLIENT_ID=", "PINECONE_CLIENT_SECRET=")
	e.cmd.Stderr = logFile
	e.cmd.Cancel = func() error { return interrupt(e.cmd.Process) }
	e.cmd.WaitDelay = 5 * time.Second
	stdout, err := e.cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := e.cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("starting the emulator: %w", err)
	}

	first := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		first <- strings.TrimSpace(line)
		_, _ = io.Copy(io.Discard, r) // until the process exits
		e.waitErr = e.cmd.Wait()
		close(e.done)
	}()

	timer := time.NewTimer(10 * time.Second)
	defer timer.Stop()
	select {
	case line := <-first:
		m := listeningLine.FindStringSubmatch(line)
		if m == nil {
			e.stop()
			return nil, fmt.Errorf("the emulator's first line is %q, not \"pinecone-emulator listening on <url>\"%s", line, e.logTail())
		}
		e.URL = m[1]
	case <-timer.C:
		e.stop()
		return nil, fmt.Errorf("the emulator printed no address within 10 s%s", e.logTail())
	}
	return e, nil
}

// stop ends the emulator (interrupt, then kill) and waits for it.
func (e *emulatorProcess) stop() {
	e.cancel()
	<-e.done
}

func (e *emulatorProcess) logTail() string {
	data, err := os.ReadFile(e.logPath)
	if err != nil || len(strings.TrimSpace(string(data))) == 0 {
		return ""
	}
	return "; its log ends:\n" + tail(string(data), 15)
}

// emulatorStats is the body of GET /_emulator/stats.
type emulatorStats struct {
	Requests map[string]int64 `json:"requests"`
	Faulted  map[string]int64 `json:"faulted"`
	Total    int64            `json:"total"`
}

// resetStats zeroes the emulator's counters.
func (e *emulatorProcess) resetStats(ctx context.Context) error {
	resp, err := e.call(ctx, http.MethodPost, "/_emulator/reset-stats")
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusOK {
		return fmt.Errorf("POST /_emulator/reset-stats: %s", resp.Status)
	}
	return nil
}

// stats reads the emulator's counters.
func (e *emulatorProcess) stats(ctx context.Context) (emulatorStats, error) {
	var st emulatorStats
	resp, err := e.call(ctx, http.MethodGet, "/_emulator/stats")
	if err != nil {
		return st, err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return st, fmt.Errorf("GET /_emulator/stats: %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		return st, fmt.Errorf("GET /_emulator/stats: %w", err)
	}
	if st.Requests == nil {
		return st, errors.New("GET /_emulator/stats: no \"requests\" in the answer")
	}
	return st, nil
}

func (e *emulatorProcess) call(ctx context.Context, method, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, e.URL+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Api-Key", e.APIKey)
	resp, err := e.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	return resp, nil
}
