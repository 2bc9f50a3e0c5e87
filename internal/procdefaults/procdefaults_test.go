package procdefaults

import (
	"runtime/debug"
	"slices"
	"testing"
)

func TestQuietLogsNobodyAskedFor(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		wantOff bool
	}{
		{"no log variable", map[string]string{}, true},
		{"empty TF_LOG counts as unset (Terraform shows nothing)", map[string]string{"TF_LOG": ""}, true},
		{"TF_LOG", map[string]string{"TF_LOG": "trace"}, false},
		{"TF_LOG_PROVIDER", map[string]string{"TF_LOG_PROVIDER": "debug"}, false},
		{"one SDK subsystem", map[string]string{"TF_LOG_SDK_FRAMEWORK": "trace"}, false},
		{"this provider's own variable", map[string]string{"TF_LOG_PROVIDER_PINECONE": "debug"}, false},
		{"its HTTP log", map[string]string{"TF_LOG_PROVIDER_PINECONE_HTTP": "debug"}, false},
	}
	for _, c := range cases {
		set := map[string]string{}
		lookup := func(k string) (string, bool) { v, ok := c.env[k]; return v, ok }
		err := quietLogsNobodyAskedFor(lookup, func(k, v string) error { set[k] = v; return nil })
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !c.wantOff {
			if len(set) != 0 {
				t.Errorf("%s: set %v; want logging left alone", c.name, set)
			}
			continue
		}
		for _, k := range sdkLogLevelVariables {
			if set[k] != "off" {
				t.Errorf("%s: %s = %q, want off", c.name, k, set[k])
			}
		}
		if len(set) != len(sdkLogLevelVariables) {
			t.Errorf("%s: set %v; want only the SDK variables", c.name, set)
		}
	}
	// The variables it turns off are ones it also treats as asking for logs.
	for _, k := range sdkLogLevelVariables {
		if !slices.Contains(logLevelVariables, k) {
			t.Errorf("%s is turned off but not read as a request for logs", k)
		}
	}
}

func TestRelaxGarbageCollector(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	limitBefore := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(limitBefore)

	relaxGarbageCollector(func(string) (string, bool) { return "50", true })
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set the percentage became %d; want it left alone", got)
	}
	relaxGarbageCollector(func(string) (string, bool) { return "", false })
	if got := debug.SetGCPercent(100); got != providerGCPercent {
		t.Errorf("without GOGC the percentage is %d, want %d", got, providerGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != providerMemoryLimit {
		t.Errorf("without GOMEMLIMIT the memory limit is %d, want %d", got, providerMemoryLimit)
	}

	debug.SetMemoryLimit(limitBefore)
	relaxGarbageCollector(func(k string) (string, bool) { return "1GiB", k == "GOMEMLIMIT" })
	if got := debug.SetMemoryLimit(-1); got != limitBefore {
		t.Errorf("with GOMEMLIMIT set the limit became %d; want it left alone", got)
	}
}
