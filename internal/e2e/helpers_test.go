// Package e2e holds end-to-end tests that drive a real Terraform CLI against
// the provider binary and a pinecone-emulator process, both built from this
// repository. They run only with TF_ACC=1 and a Terraform binary
// (TF_ACC_TERRAFORM_PATH, else `terraform` on PATH).
package e2e

import (
	"bufio"
	"bytes"
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
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	modulePath     = "github.com/vectorcraft/terraform-provider-pinecone"
	providerSource = "vectorcraft/pinecone" // the configurations' source, without a host
	providerBinary = "terraform-provider-pinecone"
	emulatorBinary = "pinecone-emulator"

	buildTimeout    = 5 * time.Minute
	emulatorStartup = 15 * time.Second
	emulatorStop    = 5 * time.Second
)

// providerAddress is the full address the CLI gives the configurations'
// source "vectorcraft/pinecone", which dev_overrides must name exactly: the
// host is registry.terraform.io for Terraform but registry.opentofu.org for
// OpenTofu. Like terraform-plugin-testing, it takes the host from
// TF_ACC_PROVIDER_HOST (`make testacc-tofu` sets it) and defaults to
// Terraform's.
func providerAddress() string {
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	return host + "/" + providerSource
}

// requireAcceptance skips the test unless TF_ACC is set and a Terraform
// binary can be found; it returns that binary's path. A TF_ACC_TERRAFORM_PATH
// that names no executable is a mistake worth failing on, not a skip.
func requireAcceptance(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("end-to-end test: set TF_ACC=1 to run it (it builds the provider and the emulator and runs Terraform)")
	}
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		if st, err := os.Stat(p); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			t.Fatalf("TF_ACC_TERRAFORM_PATH=%q is not an executable file", p)
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatalf("TF_ACC_TERRAFORM_PATH: %v", err)
		}
		return abs
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("no Terraform binary: set TF_ACC_TERRAFORM_PATH or put `terraform` on PATH (scripts/ensure-terraform.sh can build one)")
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatalf("terraform on PATH: %v", err)
	}
	return abs
}

// repoRoot is the directory of this module's go.mod: asked of `go env GOMOD`
// first, else derived from this source file's location.
func repoRoot(t *testing.T) string {
	t.Helper()
	isRoot := func(dir string) bool {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		return err == nil && bytes.Contains(data, []byte("module "+modulePath+"\n"))
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output(); err == nil {
		if gomod := strings.TrimSpace(string(out)); gomod != "" && gomod != os.DevNull {
			if dir := filepath.Dir(gomod); isRoot(dir) {
				return dir
			}
		}
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		if dir := filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..")); isRoot(dir) {
			return dir
		}
	}
	t.Fatalf("cannot find the root of module %s (neither `go env GOMOD` nor this file's location led to it)", modulePath)
	return ""
}

// goBuild runs `go build -o out pkg` in root, failing the test with go's
// output if it does not succeed.
func goBuild(t *testing.T, root, out, pkg string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), buildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = root
	cmd.WaitDelay = 10 * time.Second
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build -o %s %s (in %s): %v\n%s", out, pkg, root, err, output)
	}
}

// randomKey returns a fresh API key for one test's emulator.
func randomKey(t *testing.T) string {
	t.Helper()
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("random API key: %v", err)
	}
	return "pce2e-" + hex.EncodeToString(b)
}

// cleanEnv is the current environment without anything that could steer
// Terraform, the provider or the emulator from outside the test: TF_* (TF_LOG,
// TF_CLI_CONFIG_FILE, TF_CLI_ARGS, ...), PINECONE_* and CHECKPOINT_*.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "PINECONE_") || strings.HasPrefix(name, "CHECKPOINT_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// emulator is a pinecone-emulator process owned by one test.
type emulator struct {
	URL    string
	APIKey string

	cmd     *exec.Cmd
	logPath string
	exited  chan struct{} // closed once Wait has returned
	http    *http.Client
}

var listeningRE = regexp.MustCompile(`^pinecone-emulator listening on (https?://\S+)$`)

// startEmulator runs bin on a free loopback port with apiKey and args, waits
// for its "listening on" line, and registers its shutdown (interrupt, then
// kill) with t.Cleanup.
func startEmulator(t *testing.T, bin, apiKey, logPath string, args ...string) *emulator {
	t.Helper()
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close() // the child keeps its own descriptor

	e := &emulator{
		APIKey:  apiKey,
		logPath: logPath,
		exited:  make(chan struct{}),
		http:    &http.Client{Timeout: 10 * time.Second},
	}
	all := append([]string{"-addr", "127.0.0.1:0", "-api-key", apiKey}, args...)
	e.cmd = exec.Command(bin, all...)
	e.cmd.Env = cleanEnv()
	e.cmd.Stderr = logFile
	stdout, err := e.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	t.Cleanup(e.stop)

	firstLine := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		firstLine <- strings.TrimSpace(line)
		_, _ = io.Copy(io.Discard, r)
		_ = e.cmd.Wait()
		close(e.exited)
	}()
	timer := time.NewTimer(emulatorStartup)
	defer timer.Stop()
	select {
	case line := <-firstLine:
		m := listeningRE.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("the emulator's first line is %q, not \"pinecone-emulator listening on <url>\"%s", line, e.logTail())
		}
		e.URL = m[1]
	case <-timer.C:
		t.Fatalf("the emulator printed no address within %s%s", emulatorStartup, e.logTail())
	}
	return e
}

// stop interrupts the emulator and kills it if it has not exited soon after.
func (e *emulator) stop() {
	select {
	case <-e.exited:
		return
	default:
	}
	_ = e.cmd.Process.Signal(os.Interrupt)
	select {
	case <-e.exited:
	case <-time.After(emulatorStop):
		_ = e.cmd.Process.Kill()
		<-e.exited
	}
}

func (e *emulator) logTail() string {
	data, err := os.ReadFile(e.logPath)
	if err != nil || len(bytes.TrimSpace(data)) == 0 {
		return ""
	}
	return "; its stderr:\n" + string(data)
}

// getJSON sends an authenticated GET to the emulator and decodes the answer.
func (e *emulator) getJSON(ctx context.Context, path string, into any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.URL+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Api-Key", e.APIKey)
	resp, err := e.http.Do(req)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s: %s", path, resp.Status, body)
	}
	if err := json.Unmarshal(body, into); err != nil {
		return fmt.Errorf("GET %s: %w (body %s)", path, err, body)
	}
	return nil
}

// requestCounts is the emulator's per-endpoint request counters, keyed
// "METHOD /route" (GET /_emulator/stats).
func (e *emulator) requestCounts(ctx context.Context) (map[string]int64, error) {
	var st struct {
		Requests map[string]int64 `json:"requests"`
	}
	if err := e.getJSON(ctx, "/_emulator/stats", &st); err != nil {
		return nil, err
	}
	if st.Requests == nil {
		return nil, errors.New(`GET /_emulator/stats: no "requests" in the answer`)
	}
	return st.Requests, nil
}

// emulatedIndex is the part of an IndexModel these tests look at.
type emulatedIndex struct {
	Name   string `json:"name"`
	Status struct {
		State string `json:"state"`
	} `json:"status"`
}

// indexes lists the indexes the emulator holds for this test's key.
func (e *emulator) indexes(ctx context.Context) ([]emulatedIndex, error) {
	var list struct {
		Indexes []emulatedIndex `json:"indexes"`
	}
	if err := e.getJSON(ctx, "/indexes", &list); err != nil {
		return nil, err
	}
	return list.Indexes, nil
}

// tfWorkspace is a Terraform working directory with a clean environment
// whose CLI configuration points dev_overrides at the provider build, so no
// `terraform init` (and no registry) is needed.
type tfWorkspace struct {
	bin string
	dir string
	env []string
}

func newWorkspace(t *testing.T, tfBin, providerDir, stateDir string, extraEnv ...string) *tfWorkspace {
	t.Helper()
	cliConfig := filepath.Join(stateDir, "terraformrc")
	body := fmt.Sprintf(`# Written by the e2e tests: use the provider built for this test.
provider_installation {
  dev_overrides {
    %q = %q
  }
  direct {}
}
`, providerAddress(), providerDir)
	if err := os.WriteFile(cliConfig, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(stateDir, "work")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	env := cleanEnv(append([]string{
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"TF_CLI_CONFIG_FILE=" + cliConfig,
	}, extraEnv...)...)
	return &tfWorkspace{bin: tfBin, dir: dir, env: env}
}

// writeConfig writes main.tf into the working directory.
func (w *tfWorkspace) writeConfig(t *testing.T, hcl string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(hcl), 0o600); err != nil {
		t.Fatal(err)
	}
}

// command prepares `terraform -chdir=<dir> args...`; ctx's end kills it.
func (w *tfWorkspace) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, w.bin, append([]string{"-chdir=" + w.dir}, args...)...)
	cmd.Env = slices.Clone(w.env)
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// run runs a Terraform command to completion within timeout and returns its
// stdout and stderr separately (stdout may be JSON).
func (w *tfWorkspace) run(timeout time.Duration, args ...string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := w.command(ctx, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &errOut
	err = cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("terraform %s did not finish within %s: %w", strings.Join(args, " "), timeout, ctx.Err())
	}
	return out.String(), errOut.String(), err
}

// mustRun is run that fails the test, with Terraform's output, on any error.
func (w *tfWorkspace) mustRun(t *testing.T, timeout time.Duration, args ...string) string {
	t.Helper()
	stdout, stderr, err := w.run(timeout, args...)
	if err != nil {
		t.Fatalf("terraform %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout, stderr)
	}
	return stdout
}
