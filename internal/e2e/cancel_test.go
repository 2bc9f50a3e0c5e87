package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	// maxExitAfterInterrupt is how soon after SIGINT Terraform must have
	// exited while the provider is waiting for an index that will not be
	// ready for an hour. The provider's waits are context-aware, so the
	// expected figure is around a second.
	maxExitAfterInterrupt = 5 * time.Second
	// interruptGrace is how long the test waits for an exit at all before it
	// kills Terraform, so that a hang is reported with a measured time.
	interruptGrace = 30 * time.Second
	// createSeen bounds the time from starting `terraform apply` to the
	// emulator having seen the create and the first describe.
	createSeen = 2 * time.Minute

	cancelIndexName = "e2e-cancel"
	cancelAddress   = "pinecone_index.test"
)

const cancelConfig = `terraform {
  required_providers {
    pinecone = {
      source = "vectorcraft/pinecone"
    }
  }
}

provider "pinecone" {}

resource "pinecone_index" "test" {
  name      = "` + cancelIndexName + `"
  dimension = 8
  metric    = "cosine"
  spec = {
    serverless = {
      cloud  = "aws"
      region = "us-east-1"
    }
  }
}
`

// TestCancellationDuringWait interrupts `terraform apply` while the provider
// waits for a new index to become Ready, and checks that Terraform stops
// promptly, that the index it created is in state rather than orphaned, and
// that the emulator holds exactly that one index. It then destroys it.
func TestCancellationDuringWait(t *testing.T) {
	tfBin := requireAcceptance(t)
	testStart := time.Now()
	root := repoRoot(t)
	tmp := t.TempDir()

	binDir := filepath.Join(tmp, "bin")
	goBuild(t, root, filepath.Join(binDir, providerBinary), ".")
	goBuild(t, root, filepath.Join(binDir, emulatorBinary), "./cmd/pinecone-emulator")
	t.Logf("built the provider and the emulator in %s", time.Since(testStart).Round(time.Millisecond))

	// The index stays Initializing for an hour, so the apply can only end
	// by being interrupted (or by the test's own kill).
	key := randomKey(t)
	emu := startEmulator(t, filepath.Join(binDir, emulatorBinary), key, filepath.Join(tmp, "emulator.log"),
		"-ready-delay", "1h", "-quiet")
	ws := newWorkspace(t, tfBin, binDir, tmp,
		"PINECONE_API_KEY="+key,
		"PINECONE_CONTROLLER_HOST="+emu.URL,
	)
	ws.writeConfig(t, cancelConfig)

	// --- apply, in the background ---------------------------------------------------
	applyLog := filepath.Join(tmp, "apply.log")
	logFile, err := os.Create(applyLog)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	applyOutput := func() string {
		data, err := os.ReadFile(applyLog)
		if err != nil {
			return "(cannot read the apply log: " + err.Error() + ")"
		}
		return string(data)
	}

	applyCtx, killApply := context.WithTimeout(t.Context(), createSeen+interruptGrace+time.Minute)
	defer killApply()
	apply := ws.command(applyCtx, "apply", "-auto-approve", "-input=false", "-no-color")
	// Files rather than buffers: Wait then returns when Terraform exits, not
	// when the last process holding a copy of its output does.
	apply.Stdout = logFile
	apply.Stderr = logFile
	if err := apply.Start(); err != nil {
		t.Fatalf("starting terraform apply: %v", err)
	}
	var (
		applyErr  error
		applyExit time.Time
		exited    = make(chan struct{})
	)
	go func() {
		applyErr = apply.Wait()
		applyExit = time.Now()
		close(exited)
	}()
	// Registered after the emulator's cleanup, so it runs first: a still
	// running Terraform is killed before its emulator goes away.
	t.Cleanup(func() {
		killApply()
		<-exited
	})

	// --- wait until the provider is in its readiness wait ---------------------------
	deadline := time.Now().Add(createSeen)
	var counts map[string]int64
	for {
		select {
		case <-exited:
			t.Fatalf("terraform apply exited (%v) before the emulator saw the create and a describe; requests: %v\noutput:\n%s",
				applyErr, counts, applyOutput())
		default:
		}
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		counts, err = emu.requestCounts(ctx)
		cancel()
		if err != nil {
			t.Fatalf("reading the emulator's stats: %v", err)
		}
		if counts["POST /indexes"] >= 1 && counts["GET /indexes/{index_name}"] >= 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("within %s of starting terraform apply the emulator did not see a create and a describe; requests: %v\noutput so far:\n%s",
				createSeen, counts, applyOutput())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n := counts["POST /indexes"]; n != 1 {
		t.Errorf("the emulator saw %d creates, want 1 (requests: %v)", n, counts)
	}
	t.Logf("emulator requests before the interrupt: %v", counts)

	// --- interrupt and time the exit ------------------------------------------------
	sent := time.Now()
	if err := apply.Process.Signal(os.Interrupt); err != nil {
		t.Fatalf("sending SIGINT to terraform (pid %d): %v", apply.Process.Pid, err)
	}
	select {
	case <-exited:
	case <-time.After(interruptGrace):
		t.Fatalf("terraform apply had not exited %s after SIGINT (limit %s); killing it. Output so far:\n%s",
			interruptGrace, maxExitAfterInterrupt, applyOutput())
	}
	took := applyExit.Sub(sent)
	t.Logf("terraform apply exited %s after SIGINT (limit %s)", took.Round(time.Millisecond), maxExitAfterInterrupt)
	if took > maxExitAfterInterrupt {
		t.Errorf("terraform apply took %s to exit after SIGINT, more than %s", took.Round(time.Millisecond), maxExitAfterInterrupt)
	}
	var exitErr *exec.ExitError
	switch {
	case applyErr == nil:
		t.Errorf("interrupted terraform apply exited 0, want a failure")
	case applyCtx.Err() != nil:
		t.Fatalf("terraform apply was killed by the test's timeout, not ended by SIGINT: %v\noutput:\n%s", applyErr, applyOutput())
	case !errors.As(applyErr, &exitErr) || !exitErr.Exited():
		t.Errorf("terraform apply ended without an exit status (%v), want a non-zero exit", applyErr)
	default:
		t.Logf("terraform apply exit status: %d", exitErr.ExitCode())
	}
	// Terraform's own message for a graceful stop: the exit came from the
	// interrupt, not from a crash or an unrelated error.
	if !strings.Contains(applyOutput(), "Interrupt received") {
		t.Errorf("terraform apply's output does not say \"Interrupt received\"")
	}
	if t.Failed() {
		t.Logf("terraform apply output:\n%s", applyOutput())
	} else if testing.Verbose() {
		t.Logf("apply output (tail):\n%s", tailLines(applyOutput(), 15))
	}

	// --- the created index is in state, not orphaned --------------------------------
	list := ws.mustRun(t, time.Minute, "state", "list")
	if !slices.Contains(strings.Fields(list), cancelAddress) {
		t.Errorf("terraform state list = %q, want it to contain %s: the created index is orphaned", strings.TrimSpace(list), cancelAddress)
	}
	showJSON := ws.mustRun(t, time.Minute, "show", "-json", "-no-color")
	res, err := findResource(showJSON, cancelAddress)
	switch {
	case err != nil:
		t.Errorf("terraform show -json: %v\n%s", err, showJSON)
	case res == nil:
		t.Errorf("terraform show -json has no %s in state", cancelAddress)
	default:
		if name, _ := res.Values["name"].(string); name != cancelIndexName {
			t.Errorf("%s in state has name %q, want %q", cancelAddress, name, cancelIndexName)
		}
		if res.Tainted {
			t.Logf("state: %s is recorded and marked tainted (status %v)", cancelAddress, res.Values["status"])
		} else {
			t.Logf("state: %s is recorded, not tainted (status %v)", cancelAddress, res.Values["status"])
		}
	}

	// --- the emulator holds exactly that one index ----------------------------------
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	indexes, err := emu.indexes(ctx)
	cancel()
	if err != nil {
		t.Fatalf("listing the emulator's indexes: %v", err)
	}
	if len(indexes) != 1 || indexes[0].Name != cancelIndexName {
		t.Errorf("the emulator holds %+v, want exactly one index named %q", indexes, cancelIndexName)
	} else {
		t.Logf("emulator: one index %q, state %s", indexes[0].Name, indexes[0].Status.State)
	}

	// --- clean up: delete works while the index is still Initializing ---------------
	ws.mustRun(t, 2*time.Minute, "destroy", "-auto-approve", "-input=false", "-no-color")
	ctx, cancel = context.WithTimeout(t.Context(), 10*time.Second)
	indexes, err = emu.indexes(ctx)
	cancel()
	if err != nil {
		t.Fatalf("listing the emulator's indexes after destroy: %v", err)
	}
	if len(indexes) != 0 {
		t.Errorf("after terraform destroy the emulator still holds %+v", indexes)
	}
	if list := ws.mustRun(t, time.Minute, "state", "list"); strings.TrimSpace(list) != "" {
		t.Errorf("after terraform destroy the state still lists %q", strings.TrimSpace(list))
	}
	t.Logf("test took %s", time.Since(testStart).Round(time.Millisecond))
}

// stateResource is one resource instance of `terraform show -json`.
type stateResource struct {
	Address string         `json:"address"`
	Tainted bool           `json:"tainted"`
	Values  map[string]any `json:"values"`
}

// findResource looks for address among the root module's resources of a
// `terraform show -json` document; nil when the state does not hold it.
func findResource(showJSON, address string) (*stateResource, error) {
	var doc struct {
		Values *struct {
			RootModule struct {
				Resources []stateResource `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(showJSON), &doc); err != nil {
		return nil, err
	}
	if doc.Values == nil {
		return nil, nil
	}
	for i := range doc.Values.RootModule.Resources {
		if r := &doc.Values.RootModule.Resources[i]; r.Address == address {
			return r, nil
		}
	}
	return nil, nil
}

// tailLines returns the last n lines of text.
func tailLines(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
