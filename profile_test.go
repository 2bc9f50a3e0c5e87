package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStartCPUProfile(t *testing.T) {
	stop, err := startCPUProfile("")
	if err != nil || stop == nil {
		t.Fatalf("without a directory: %v", err)
	}
	stop()

	dir := t.TempDir()
	if stop, err = startCPUProfile(dir); err != nil {
		t.Fatal(err)
	}
	stop()
	files, _ := filepath.Glob(filepath.Join(dir, "cpu-*.pprof"))
	if len(files) != 1 {
		t.Fatalf("profiles written: %v, want one", files)
	}
	if info, err := os.Stat(files[0]); err != nil || info.Size() == 0 {
		t.Errorf("profile %s is empty: %v", files[0], err)
	}

	if _, err := startCPUProfile(filepath.Join(dir, "missing")); err == nil {
		t.Error("a directory that does not exist gave no error")
	}
}
