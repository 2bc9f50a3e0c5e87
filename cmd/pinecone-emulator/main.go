// Command pinecone-emulator serves the in-memory Pinecone control plane of
// internal/emulator on a local address.
//
//	pinecone-emulator -addr 127.0.0.1:0 -ready-delay 2s
//
// On start it prints exactly one line to stdout,
//
//	pinecone-emulator listening on http://127.0.0.1:PORT
//
// and logs one line per request to stderr (unless -quiet): method, path,
// status and duration only, so Api-Keys, client secrets, access tokens and
// key values never reach the log. Point clients at it with
// PINECONE_CONTROLLER_HOST=http://127.0.0.1:PORT; the assistant API is served
// at the same address under /assistant (assistant_control base
// http://127.0.0.1:PORT/assistant), and an assistant's host is the address
// the request came in on, so its file endpoints reach this process too.
// The inference model catalogue (GET /models, GET /models/{model_name})
// is served at the same address with the same Api-Key.
//
// The admin API is served under /admin and its token endpoint at
// http://127.0.0.1:PORT/oauth/token (production: login.pinecone.io). The
// accepted service account is -client-id / -client-secret, else
// $PINECONE_CLIENT_ID / $PINECONE_CLIENT_SECRET, else the emulator's
// defaults (emulator.DefaultClientID / DefaultClientSecret).
//
// SIGINT or SIGTERM shut it down gracefully.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "pinecone-emulator:", err)
		os.Exit(1)
	}
}

// listFlag collects values given repeatedly and/or comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

// run parses args, serves until ctx is done, then shuts down gracefully. The
// listening line goes to stdout; request logs and errors go to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("pinecone-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		apiKeys    listFlag
		failIni    listFlag
		failBak    listFlag
		failRC     listFlag
		failAst    listFlag
		failFil    listFlag
		forcePaths listFlag
		opts       emulator.Options

		clientID, clientSecret string
	)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address (127.0.0.1:0 picks a free port)")
	fs.Var(&apiKeys, "api-key", "accepted Api-Key value; repeatable or comma-separated (default: $PINECONE_API_KEY, else "+emulator.DefaultAPIKey+")")
	fs.DurationVar(&opts.ReadyDelay, "ready-delay", 0, "time from create to Ready (indexes, collections, backups, assistants) and from upload to Available (assistant files); also how long a restore job runs")
	fs.DurationVar(&opts.DeleteDelay, "delete-delay", 0, "time an index, collection or assistant stays Terminating (an assistant file Deleting) after DELETE")
	fs.DurationVar(&opts.ScalingDelay, "scaling-delay", 0, "time pod scaling and dedicated read capacity changes take")
	fs.Float64Var(&opts.Faults.RateLimit, "rate-limit", 0, "requests per second before answering 429 (0 = off)")
	fs.IntVar(&opts.Faults.RateBurst, "rate-burst", 0, "rate limiter bucket size (0 = max(1, rate-limit))")
	fs.Float64Var(&opts.Faults.ErrorRate, "error-rate", 0, "probability 0..1 of answering 500/503 before acting")
	fs.Float64Var(&opts.Faults.RateLimitedRate, "rate-limited-rate", 0, "probability 0..1 of answering 429 (Retry-After: 1) before acting, whatever the rate limit")
	fs.DurationVar(&opts.Faults.Latency, "latency", 0, "latency added to every request (or to the share -latency-rate picks)")
	fs.Float64Var(&opts.Faults.LatencyRate, "latency-rate", 0, "probability 0..1 that a request gets -latency (0 = every request)")
	fs.IntVar(&opts.Faults.ForceStatus, "force-status", 0, "answer the requests of -force-status-paths with this status (400-599) and Pinecone's error body, before acting (0 = off)")
	fs.Var(&forcePaths, "force-status-paths", `requests -force-status applies to, as "METHOD /route" templates, e.g. "POST /indexes" (comma-separated or repeated; none = every request)`)
	fs.IntVar(&opts.Faults.DropCreateResponses, "drop-create-responses", 0, "commit the next N creates (indexes, collections, backups, restores, assistants, admin projects and API keys) but close the connection without answering")
	fs.Var(&failIni, "fail-initialization", "index names (comma-separated, * for all) that end in InitializationFailed")
	fs.Var(&failBak, "fail-backups", "source index names (comma-separated, * for all) whose backups end in Failed")
	fs.Var(&failRC, "fail-read-capacity", "index names (comma-separated, * for all) whose read capacity changes end in the read capacity state Error")
	fs.Var(&failAst, "fail-assistants", "assistant names (comma-separated, * for all) that end in Failed")
	fs.Var(&failFil, "fail-files", "assistant file names, e.g. notes.txt (comma-separated, * for all), that end in ProcessingFailed")
	// The defaults are resolved after parsing, so -help never prints a
	// secret taken from the environment.
	fs.StringVar(&clientID, "client-id", "", "service account client_id accepted at /oauth/token (default: $PINECONE_CLIENT_ID, else "+emulator.DefaultClientID+")")
	fs.StringVar(&clientSecret, "client-secret", "", "service account client_secret (default: $PINECONE_CLIENT_SECRET, else the emulator's default secret)")
	fs.DurationVar(&opts.TokenTTL, "token-ttl", 0, "lifetime of admin access tokens (0 = 30m)")
	quiet := fs.Bool("quiet", false, "do not log requests")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	switch {
	case len(apiKeys) > 0:
		opts.APIKeys = apiKeys
	case os.Getenv("PINECONE_API_KEY") != "":
		opts.APIKeys = []string{os.Getenv("PINECONE_API_KEY")}
	}
	if opts.TokenTTL < 0 {
		return fmt.Errorf("-token-ttl must not be negative")
	}
	opts.ServiceAccounts = map[string]string{
		firstSet(clientID, os.Getenv("PINECONE_CLIENT_ID"), emulator.DefaultClientID): firstSet(clientSecret, os.Getenv("PINECONE_CLIENT_SECRET"), emulator.DefaultClientSecret),
	}
	opts.Faults.FailInitialization = failIni
	opts.Faults.FailBackups = failBak
	opts.Faults.FailReadCapacity = failRC
	opts.Faults.FailAssistants = failAst
	opts.Faults.FailFiles = failFil
	opts.Faults.ForceStatusPaths = forcePaths
	for name, rate := range map[string]float64{"-rate-limited-rate": opts.Faults.RateLimitedRate, "-latency-rate": opts.Faults.LatencyRate} {
		if rate < 0 || rate > 1 {
			return fmt.Errorf("%s must be between 0 and 1", name)
		}
	}
	if err := emulator.ValidateForceStatus(opts.Faults.ForceStatus, opts.Faults.ForceStatusPaths); err != nil {
		return fmt.Errorf("-force-status: %w", err)
	}

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", *addr)
	if err != nil {
		return err
	}
	var handler http.Handler = emulator.New(opts)
	if !*quiet {
		handler = logRequests(handler, log.New(stderr, "", log.LstdFlags|log.Lmicroseconds))
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}

	out := bufio.NewWriter(stdout)
	_, _ = fmt.Fprintf(out, "pinecone-emulator listening on http://%s\n", ln.Addr()) // checked by Flush
	if err := out.Flush(); err != nil {
		_ = ln.Close()
		return err
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// firstSet returns the first non-empty value.
func firstSet(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// statusRecorder remembers the status written by the handler. It passes
// Hijack through so that dropped create responses still work.
type statusRecorder struct {
	http.ResponseWriter
	status   int
	hijacked bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := r.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("hijacking not supported")
	}
	r.hijacked = true
	return hj.Hijack()
}

// logRequests logs "METHOD PATH STATUS DURATION" per request. It never logs
// headers, query strings or bodies, so Api-Keys, Bearer tokens, client
// secrets and API key values stay out of the log (paths hold only names and
// ids).
func logRequests(next http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			status := fmt.Sprint(rec.status)
			switch {
			case rec.hijacked:
				status = "dropped"
			case rec.status == 0:
				status = "no-response"
			}
			logger.Printf("%s %s %s %s", r.Method, r.URL.Path, status, time.Since(start).Round(time.Microsecond))
		}()
		next.ServeHTTP(rec, r)
	})
}
