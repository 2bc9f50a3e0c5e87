package emulator

import (
	"net/http"
	"time"
)

// Steps that many handlers share, written once.

// read answers a request that only reads: render runs with s.mu held at the
// request's time and returns the body of the 200 answer, or the error to
// answer instead (e.g. 404).
func (s *Server) read(q *request, render func(t time.Time) (any, *apiError)) {
	t := s.now()
	s.mu.Lock()
	out, err := render(t)
	s.mu.Unlock()
	if err != nil {
		q.fail(err)
		return
	}
	writeJSON(q.w, http.StatusOK, out)
}

// answerCreate writes the answer to a create whose object is stored, or drops
// it when Faults.DropCreateResponses says so.
func (s *Server) answerCreate(q *request, status int, v any) {
	if s.faults.takeDrop() {
		s.dropResponse(q.w)
		return
	}
	writeJSON(q.w, status, v)
}

// requiredFields is a request body with required fields: missingField names
// the first one that is absent (or null), or returns "".
type requiredFields interface{ missingField() string }

// decode reads q's JSON body into v. A body that does not decode, or that
// lacks a field v's missingField names, is answered with 422 here, and ok is
// false: the handler stops.
func (q *request) decode(v any) (body jsonBody, ok bool) {
	body, err := readJSON(q.r, v)
	if r, isReq := v.(requiredFields); isReq && err == nil {
		if f := r.missingField(); f != "" {
			err = body.missing(f)
		}
	}
	if err != nil {
		q.fail(err)
		return body, false
	}
	return body, true
}

// requiredName is missingField for a body whose only required field is name.
func requiredName(name *string) string {
	if name == nil {
		return "name"
	}
	return ""
}
