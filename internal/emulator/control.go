package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// controlPrefix is where the emulator's own endpoints live. They are not
// part of Pinecone's API, need no Api-Key, ignore faults and are not counted
// in Stats.
const controlPrefix = "/_emulator"

// faultsWire is the JSON form of Faults used by /_emulator/faults.
type faultsWire struct {
	RateLimit           float64  `json:"rate_limit"`
	RateBurst           int      `json:"rate_burst"`
	RateLimitedRate     float64  `json:"rate_limited_rate"`
	ErrorRate           float64  `json:"error_rate"`
	ErrorMethods        []string `json:"error_methods"`
	Latency             string   `json:"latency"`
	LatencyRate         float64  `json:"latency_rate"`
	ForceStatus         int      `json:"force_status"`
	ForceStatusPaths    []string `json:"force_status_paths"`
	DropCreateResponses int      `json:"drop_create_responses"`
	FailInitialization  []string `json:"fail_initialization"`
	FailBackups         []string `json:"fail_backups"`
	FailReadCapacity    []string `json:"fail_read_capacity"`
	FailAssistants      []string `json:"fail_assistants"`
	FailFiles           []string `json:"fail_files"`
}

func (w faultsWire) faults() (Faults, error) {
	f := Faults{
		RateLimit:           w.RateLimit,
		RateBurst:           w.RateBurst,
		RateLimitedRate:     w.RateLimitedRate,
		ErrorRate:           w.ErrorRate,
		ErrorMethods:        w.ErrorMethods,
		LatencyRate:         w.LatencyRate,
		ForceStatus:         w.ForceStatus,
		ForceStatusPaths:    w.ForceStatusPaths,
		DropCreateResponses: w.DropCreateResponses,
		FailInitialization:  w.FailInitialization,
		FailBackups:         w.FailBackups,
		FailReadCapacity:    w.FailReadCapacity,
		FailAssistants:      w.FailAssistants,
		FailFiles:           w.FailFiles,
	}
	if w.Latency != "" {
		d, err := time.ParseDuration(w.Latency)
		if err != nil {
			return Faults{}, fmt.Errorf("latency: %w", err)
		}
		f.Latency = d
	}
	switch {
	case f.RateLimit < 0:
		return Faults{}, fmt.Errorf("rate_limit must be >= 0")
	case f.RateBurst < 0:
		return Faults{}, fmt.Errorf("rate_burst must be >= 0")
	case f.RateLimitedRate < 0 || f.RateLimitedRate > 1:
		return Faults{}, fmt.Errorf("rate_limited_rate must be between 0 and 1")
	case f.ErrorRate < 0 || f.ErrorRate > 1:
		return Faults{}, fmt.Errorf("error_rate must be between 0 and 1")
	case f.Latency < 0:
		return Faults{}, fmt.Errorf("latency must be >= 0")
	case f.LatencyRate < 0 || f.LatencyRate > 1:
		return Faults{}, fmt.Errorf("latency_rate must be between 0 and 1")
	case f.DropCreateResponses < 0:
		return Faults{}, fmt.Errorf("drop_create_responses must be >= 0")
	}
	if err := ValidateForceStatus(f.ForceStatus, f.ForceStatusPaths); err != nil {
		return Faults{}, err
	}
	return f, nil
}

// ValidateForceStatus checks Faults.ForceStatus (0, or 400 to 599) and the
// form of Faults.ForceStatusPaths ("METHOD /template"). Templates are not
// checked against the routes: one that matches nothing forces nothing.
func ValidateForceStatus(status int, paths []string) error {
	if status != 0 && (status < 400 || status > 599) {
		return fmt.Errorf("force_status must be 0 or between 400 and 599, not %d", status)
	}
	for _, p := range paths {
		method, template, ok := strings.Cut(strings.TrimSpace(p), " ")
		template = strings.TrimSpace(template)
		if !ok || method == "" || strings.ContainsAny(method, "/ ") || !strings.HasPrefix(template, "/") || strings.Contains(template, " ") {
			return fmt.Errorf(`force_status_paths: %q is not of the form "METHOD /route/{param}"`, p)
		}
	}
	return nil
}

func wireFaults(f Faults) faultsWire {
	w := faultsWire{
		RateLimit:           f.RateLimit,
		RateBurst:           f.RateBurst,
		RateLimitedRate:     f.RateLimitedRate,
		ErrorRate:           f.ErrorRate,
		ErrorMethods:        f.ErrorMethods,
		LatencyRate:         f.LatencyRate,
		ForceStatus:         f.ForceStatus,
		ForceStatusPaths:    f.ForceStatusPaths,
		DropCreateResponses: f.DropCreateResponses,
		FailInitialization:  f.FailInitialization,
		FailBackups:         f.FailBackups,
		FailReadCapacity:    f.FailReadCapacity,
		FailAssistants:      f.FailAssistants,
		FailFiles:           f.FailFiles,
		Latency:             f.Latency.String(),
	}
	if w.ErrorMethods == nil {
		w.ErrorMethods = []string{}
	}
	if w.ForceStatusPaths == nil {
		w.ForceStatusPaths = []string{}
	}
	if w.FailInitialization == nil {
		w.FailInitialization = []string{}
	}
	if w.FailBackups == nil {
		w.FailBackups = []string{}
	}
	if w.FailReadCapacity == nil {
		w.FailReadCapacity = []string{}
	}
	if w.FailAssistants == nil {
		w.FailAssistants = []string{}
	}
	if w.FailFiles == nil {
		w.FailFiles = []string{}
	}
	return w
}

// serveControl answers:
//
//	GET  /_emulator/stats        {"requests":{...},"faulted":{...},"total":N}
//	GET  /_emulator/faults       the active faults (drop_create_responses = drops still to come)
//	PUT  /_emulator/faults       replace the faults; JSON body in faultsWire's shape -> 204
//	POST /_emulator/reset-stats  -> 204
//	GET  /_emulator/hosts        {"hosts":[{"project_id","index","host","private_host"}...]} (data_plane.go)
//	POST /_emulator/invites/{invite_id}/accept  -> 200 {"user_id":...} (Server.AcceptInvite)
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	if id, ok := acceptPath(r.URL.Path); ok {
		s.serveAccept(w, r, id)
		return
	}
	type endpoint struct{ method, path string }
	switch (endpoint{r.Method, r.URL.Path}) {
	case endpoint{http.MethodGet, controlPrefix + "/stats"}:
		req, faulted, total := s.stats.snapshot()
		writeJSON(w, http.StatusOK, map[string]any{"requests": req, "faulted": faulted, "total": total})
	case endpoint{http.MethodGet, controlPrefix + "/faults"}:
		writeJSON(w, http.StatusOK, wireFaults(s.faults.snapshot()))
	case endpoint{http.MethodPut, controlPrefix + "/faults"}:
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err != nil {
			writeError(w, http.StatusBadRequest, codeInvalidArgument, "reading body: "+err.Error())
			return
		}
		var fw faultsWire
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&fw); err != nil {
			writeError(w, http.StatusBadRequest, codeInvalidArgument, "invalid faults body: "+err.Error())
			return
		}
		f, err := fw.faults()
		if err != nil {
			writeError(w, http.StatusBadRequest, codeInvalidArgument, "invalid faults body: "+err.Error())
			return
		}
		s.SetFaults(f)
		w.WriteHeader(http.StatusNoContent)
	case endpoint{http.MethodPost, controlPrefix + "/reset-stats"}:
		s.ResetStats()
		w.WriteHeader(http.StatusNoContent)
	case endpoint{http.MethodGet, controlPrefix + "/hosts"}:
		writeJSON(w, http.StatusOK, map[string][]hostJSON{"hosts": s.hosts()})
	default:
		switch r.URL.Path {
		case controlPrefix + "/stats", controlPrefix + "/faults", controlPrefix + "/reset-stats", controlPrefix + "/hosts":
			writeError(w, http.StatusMethodNotAllowed, codeUnimplemented,
				fmt.Sprintf("Method %s is not allowed on %s.", r.Method, r.URL.Path))
		default:
			writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("Route %s %s not found.", r.Method, r.URL.Path))
		}
	}
}

// acceptPath matches /_emulator/invites/{invite_id}/accept.
func acceptPath(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, controlPrefix+"/invites/")
	if !ok {
		return "", false
	}
	id, ok := strings.CutSuffix(rest, "/accept")
	if !ok || id == "" || strings.Contains(id, "/") {
		return "", false
	}
	return id, true
}

// serveAccept accepts an invite as its invitee would: 200 {"user_id":...},
// 404 NOT_FOUND for an unknown invite, 409 FAILED_PRECONDITION for one that
// was accepted already or has expired.
func (s *Server) serveAccept(w http.ResponseWriter, r *http.Request, id string) {
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, codeUnimplemented,
			fmt.Sprintf("Method %s is not allowed on %s.", r.Method, r.URL.Path))
		return
	}
	userID, err := s.AcceptInvite(id)
	switch {
	case errors.Is(err, ErrInviteNotFound):
		writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("Invite %s not found.", id))
	case errors.Is(err, ErrInviteNotPending):
		writeError(w, http.StatusConflict, codeFailedPrecondition,
			fmt.Sprintf("Invite %s is not pending: it was accepted already or has expired (resend it first).", id))
	default:
		writeJSON(w, http.StatusOK, map[string]string{"user_id": userID})
	}
}
