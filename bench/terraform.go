package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

const (
	providerBinary  = "terraform-provider-pinecone"
	providerAddress = "registry.terraform.io/vectorcraft/pinecone"
	// The empty provider (./bench/emptyprovider) of the plugin floor.
	emptyBinary   = "terraform-provider-empty"
	emptyAddress  = "registry.terraform.io/bench/empty"
	cliConfigName = "terraformrc"
)

// ensureTerraform asks scripts/ensure-terraform.sh for a Terraform binary
// (it may build one the first time; its progress goes to stderr).
func ensureTerraform(ctx context.Context, root string, stderr io.Writer) (string, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(root, "scripts", "ensure-terraform.sh"))
	cmd.Dir = root
	cmd.Stderr = stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("scripts/ensure-terraform.sh: %w", err)
	}
	bin := strings.TrimSpace(string(out))
	if bin == "" {
		return "", errors.New("scripts/ensure-terraform.sh printed no path")
	}
	return bin, nil
}

// goBuild runs `go build -o out args...` in the repository root.
func goBuild(ctx context.Context, root, out string, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", append([]string{"build", "-o", out}, args...)...)
	cmd.Dir = root
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = &buf
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build -o %s %s: %w\n%s", filepath.Base(out), strings.Join(args, " "), err, buf.String())
	}
	return nil
}

// terraform runs one Terraform binary with a clean environment: none of the
// caller's TF_*, PINECONE_* or CHECKPOINT_* variables, checkpoint calls off,
// and a CLI configuration whose dev_overrides point at the provider build
// (and at the empty provider of the plugin floor, built next to it).
type terraform struct {
	bin         string
	version     string
	env         []string
	parallelism int
	timeout     time.Duration
}

func newTerraform(ctx context.Context, bin, work, providerDir string, parallelism int, timeout time.Duration) (*terraform, error) {
	cliConfig := filepath.Join(work, cliConfigName)
	body := fmt.Sprintf(`# Written by the benchmark (go run ./bench): use the provider built for this run.
provider_installation {
  dev_overrides {
    %q = %q
    %q = %[2]q
  }
  direct {}
}
`, providerAddress, providerDir, emptyAddress)
	if err := os.WriteFile(cliConfig, []byte(body), 0o600); err != nil {
		return nil, err
	}
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "PINECONE_") || strings.HasPrefix(name, "CHECKPOINT_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_CLI_CONFIG_FILE="+cliConfig)
	tf := &terraform{bin: bin, env: env, parallelism: parallelism, timeout: timeout}

	cmd := exec.CommandContext(ctx, bin, "version", "-json")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s version -json: %w", bin, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil || v.Version == "" {
		return nil, fmt.Errorf("%s version -json: unexpected output %q", bin, out)
	}
	tf.version = v.Version
	return tf, nil
}

// phaseArgs are the Terraform arguments of a benchmark phase.
func (tf *terraform) phaseArgs(phase string) []string {
	p := fmt.Sprintf("-parallelism=%d", tf.parallelism)
	switch phase {
	case "apply":
		return []string{"apply", "-auto-approve", "-input=false", "-no-color", p}
	case "plan":
		return []string{"plan", "-detailed-exitcode", "-input=false", "-no-color", p}
	case "destroy":
		return []string{"destroy", "-auto-approve", "-input=false", "-no-color", p}
	}
	panic("unknown phase " + phase)
}

// tfRun is the outcome of one Terraform command.
type tfRun struct {
	Wall     time.Duration
	ExitCode int    // -1 when it did not run to an exit status
	Log      string // combined stdout and stderr
}

// run runs `terraform -chdir=dir <phase args>` with extra environment,
// timing it from start to exit, and keeps its output in dir/<phase>.log.
// The error is only about starting or waiting for it; a non-zero exit is
// in ExitCode. On cancellation Terraform gets an interrupt, so it can stop
// cleanly, and is killed if it has not exited 30 s later.
func (tf *terraform) run(ctx context.Context, dir, phase string, extraEnv ...string) (tfRun, error) {
	res := tfRun{ExitCode: -1}
	ctx, cancel := context.WithTimeout(ctx, tf.timeout)
	defer cancel()
	logPath := filepath.Join(dir, phase+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return res, err
	}
	defer func() { _ = logFile.Close() }()

	args := append([]string{"-chdir=" + dir}, tf.phaseArgs(phase)...)
	cmd := exec.CommandContext(ctx, tf.bin, args...)
	cmd.Env = append(slices.Clone(tf.env), extraEnv...)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.Cancel = func() error { return interrupt(cmd.Process) }
	cmd.WaitDelay = 30 * time.Second

	start := time.Now()
	err = cmd.Run()
	res.Wall = time.Since(start)
	if data, rerr := os.ReadFile(logPath); rerr == nil {
		res.Log = string(data)
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return res, fmt.Errorf("terraform %s did not finish within %s (-cmd-timeout)", phase, tf.timeout)
	}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		res.ExitCode = 0
	case errors.As(err, &exitErr) && exitErr.Exited():
		res.ExitCode = exitErr.ExitCode()
	default:
		return res, fmt.Errorf("terraform %s: %w", phase, err)
	}
	return res, nil
}

// interrupt asks a process to stop (kill where interrupts do not exist).
func interrupt(p *os.Process) error {
	if p == nil {
		return nil
	}
	if err := p.Signal(os.Interrupt); err != nil {
		return p.Kill()
	}
	return nil
}

// tail returns the last n lines of text, indented for an error message.
func tail(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "    " + strings.Join(lines, "\n    ")
}

// planChanges picks the lines of a plan's output that say what would change.
func planChanges(text string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "# ") && (strings.Contains(line, " will be ") || strings.Contains(line, " must be ")),
			strings.HasPrefix(line, "Plan: "):
			out = append(out, line)
		}
	}
	return out
}
