// Package procdefaults sets defaults for a provider process that Terraform
// starts: no SDK logs nobody will see, and a garbage collector tuned for a
// short-lived process. The provider's main and the benchmark's empty
// provider both apply them, so the benchmark's plugin floor pays what this
// provider pays.
package procdefaults

import (
	"os"
	"runtime/debug"
)

// Terraform (and OpenTofu) show a provider's log lines only when TF_LOG or
// TF_LOG_PROVIDER is set; otherwise they read every line the provider
// writes to stderr, decode it and drop it
// (https://github.com/hashicorp/terraform/blob/main/internal/logging/logging.go,
// providerLogLevel). The plugin SDK's own loggers, meanwhile, default to
// TRACE when their variables are unset
// (https://github.com/hashicorp/terraform-plugin-log, tfsdklog.NewRootSDKLogger),
// so an ordinary plan spends a quarter of the provider's CPU writing trace
// lines nobody will see, and Terraform more reading them.

// logLevelVariables are the variables that ask for provider logs: the two
// Terraform reads, the four the plugin libraries read in this process and
// the one of this provider's HTTP log (internal/client/logging.go).
var logLevelVariables = []string{
	"TF_LOG", "TF_LOG_PROVIDER",
	"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_PINECONE",
	"TF_LOG_PROVIDER_PINECONE_HTTP",
}

// sdkLogLevelVariables are the plugin libraries' level variables, which
// quietLogsNobodyAskedFor turns off.
var sdkLogLevelVariables = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_PINECONE"}

// quietLogsNobodyAskedFor turns the plugin libraries' logs off when none of
// the log variables is set, that is when Terraform would discard every line.
// Any of them set (TF_LOG=trace, or only TF_LOG_SDK_FRAMEWORK=debug) leaves
// logging exactly as the libraries configure it.
func quietLogsNobodyAskedFor(lookup func(string) (string, bool), set func(string, string) error) error {
	for _, name := range logLevelVariables {
		if v, ok := lookup(name); ok && v != "" {
			return nil
		}
	}
	for _, name := range sdkLogLevelVariables {
		if err := set(name, "off"); err != nil {
			return err
		}
	}
	return nil
}

// providerGCPercent is the garbage collector's target for this process.
// A provider process lives for one Terraform command and keeps little live
// data, but converts every resource's state and plan through several
// representations, so at Go's default (100) a plan of many resources spends
// about a fifth of its CPU collecting garbage. 400 trades memory for most
// of that time (a plan of 200 indexes peaked at about 130 MB instead of
// 60 MB); providerMemoryLimit keeps that trade bounded, the collector
// working harder again as the heap nears it. GOGC and GOMEMLIMIT, when
// set, win.
const (
	providerGCPercent   = 400
	providerMemoryLimit = 512 << 20
)

func relaxGarbageCollector(lookup func(string) (string, bool)) {
	if _, ok := lookup("GOGC"); ok {
		return
	}
	if _, ok := lookup("GOMEMLIMIT"); !ok {
		debug.SetMemoryLimit(providerMemoryLimit)
	}
	debug.SetGCPercent(providerGCPercent)
}

// Apply sets both defaults for this process. Call it before serving, and
// not for a provider started with -debug, whose logs go to the developer's
// terminal.
func Apply() error {
	relaxGarbageCollector(os.LookupEnv)
	return quietLogsNobodyAskedFor(os.LookupEnv, os.Setenv)
}
