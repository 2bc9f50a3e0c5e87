package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
)

// cpuProfileVariable names a directory: when it is set, each provider
// process Terraform starts writes a CPU profile of its whole life there
// (cpu-<pid>.pprof), for `go tool pprof <binary> <file>`. Terraform starts
// several processes per command; the largest file is usually the one that
// served the plan or apply. For contributors measuring the provider (see
// CONTRIBUTING.md); nothing else reads it.
const cpuProfileVariable = "PINECONE_PROVIDER_CPU_PROFILE_DIR"

// startCPUProfile starts profiling into dir and returns the function that
// stops it and closes the file; with dir empty it does nothing.
func startCPUProfile(dir string) (stop func(), err error) {
	if dir == "" {
		return func() {}, nil
	}
	// The directory is the one the person running Terraform named, like
	// the output path of any tool.
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", os.Getpid()))) //nolint:gosec // see above
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}, nil
}
