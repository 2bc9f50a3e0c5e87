package emulator

import (
	"cmp"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The data plane of an index. Production serves it at the index's own host
// (spec db_data_2025-10.oas.yaml: servers "https://{index_host}"; IndexModel
// host), not at api.pinecone.io, so the emulator tells the two apart by the
// Host header: a request whose Host (port dropped, case ignored) is the
// host or private_host of an index it holds goes to that index's data
// plane, whatever its path; one whose Host merely looks like an index host
// ("*.svc.*.pinecone.io") reaches a data plane that has no index and is
// 404. Every other Host (127.0.0.1:port, localhost) keeps the control
// plane. Only the namespace endpoints are served (namespaces.go): there are
// no vectors.
//
// Errors on the data plane use the shape the db_data specs give every
// namespace operation, rpcStatus {"code": <gRPC code>, "message": ...,
// "details": []} (spec db_data_2025-10.oas.yaml and db_data_2026-07.oas.yaml,
// components rpcStatus), not the control plane's ErrorResponse.

// nsTarget is the index a data-plane request addresses, as found when the
// request was authenticated. Handlers look the index up again under s.mu,
// by name and id, in case it went away meanwhile.
type nsTarget struct {
	projectID string
	indexName string
	indexID   string
}

// normalizeHost returns the host of a Host header without its port, in
// lower case and without a trailing dot.
func normalizeHost(hostHeader string) string {
	h := hostHeader
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// looksLikeIndexHost reports whether h has the form of an index host:
// "<name>-<id>.svc.<cell or environment>.pinecone.io" (spec IndexModel host
// examples in db_control_2025-10.oas.yaml, github.com/pinecone-io/pinecone-api).
func looksLikeIndexHost(h string) bool {
	return strings.HasSuffix(h, ".pinecone.io") && strings.Contains(h, ".svc.")
}

// dataPlaneHost reports whether r came to an index host, and which. Every
// host and private_host the emulator makes has the form looksLikeIndexHost
// checks (newHosts), so the form alone decides, without the store's lock.
func dataPlaneHost(r *http.Request) (string, bool) {
	h := normalizeHost(r.Host)
	return h, looksLikeIndexHost(h)
}

// indexByHost finds the index whose host or private_host is h, in any
// project, or returns nil. Indexes whose deletion has finished are purged
// first, so their hosts stop answering. Callers hold s.mu.
func (s *Server) indexByHost(h string, t time.Time) (*project, *index) {
	for _, p := range s.projects {
		p.purgeExpired(t)
		for _, ix := range p.indexes {
			if ix.host == h || ix.privateHost == h {
				return p, ix
			}
		}
	}
	return nil, nil
}

// dataSurface is the data plane of the index at host: its routes, matched
// on the escaped path so that a namespace may hold "/" (sent as %2F), the
// rpcStatus error body, and the Api-Key of the index's project.
func (s *Server) dataSurface(w http.ResponseWriter, r *http.Request, host string) surface {
	return surface{
		match: func(method string) (*route, handlerFunc, map[string]string) {
			return matchEscaped(s.dataRoutes, method, r.URL.EscapedPath())
		},
		fail:      func(status int, code, message string) { writeRPCStatus(w, status, code, message) },
		auth:      func() (*project, caller, *nsTarget, *apiError) { return s.authenticateData(r, host) },
		limitCode: codeResourceExhausted,
	}
}

// matchEscaped matches an escaped path and unescapes the parameters; a
// parameter that does not unescape matches nothing.
func matchEscaped(routes []*route, method, escapedPath string) (*route, handlerFunc, map[string]string) {
	rt, h, params := matchRoute(routes, method, splitPath(escapedPath))
	for name, v := range params {
		u, err := url.PathUnescape(v)
		if err != nil {
			return nil, nil, nil
		}
		params[name] = u
	}
	return rt, h, params
}

// authenticateData checks the Api-Key of a request to an index host: an
// unknown key is 401, a host that names no index 404, and a key of another
// project than the index's 401 ([unverified]: production rejects keys in
// its authentication layer, spec db_data_2026-07.oas.yaml 401 "missing or
// invalid API key"; a key that is valid elsewhere is taken to be invalid
// for this index rather than forbidden, as a key of another project sees
// none of its indexes on the control plane either).
func (s *Server) authenticateData(r *http.Request, host string) (*project, caller, *nsTarget, *apiError) {
	k, keyProj := s.keyFor(r.Header.Get("Api-Key"))
	if keyProj == nil {
		return nil, caller{}, nil, keyRevoked()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ix := s.indexByHost(host, s.now())
	switch {
	case ix == nil:
		return nil, caller{}, nil, notFound("Index not found: no index is served at host %s.", host)
	case p.id != keyProj.id:
		return nil, caller{}, nil, &apiError{status: http.StatusUnauthorized, code: codeUnauthenticated,
			message: "Invalid API key: the key does not belong to the project of the index at " + host + "."}
	}
	who := caller{kind: principalAPIKey, id: k.id, projectID: p.id}
	return p, who, &nsTarget{projectID: p.id, indexName: ix.name, indexID: ix.id}, nil
}

// gRPC status codes (google.golang.org/grpc/codes), the numbers rpcStatus
// carries in its code field.
const (
	grpcUnknown            = 2
	grpcInvalidArgument    = 3
	grpcNotFound           = 5
	grpcAlreadyExists      = 6
	grpcPermissionDenied   = 7
	grpcResourceExhausted  = 8
	grpcFailedPrecondition = 9
	grpcAborted            = 10
	grpcOutOfRange         = 11
	grpcUnimplemented      = 12
	grpcUnavailable        = 14
	grpcUnauthenticated    = 16
)

// grpcCodes maps the emulator's error codes to gRPC codes. Codes gRPC
// lacks take the nearest one: FORBIDDEN is PERMISSION_DENIED, a 422 is
// INVALID_ARGUMENT, PAYMENT_REQUIRED is FAILED_PRECONDITION.
var grpcCodes = map[string]int{
	codeInvalidArgument:    grpcInvalidArgument,
	codeUnprocessable:      grpcInvalidArgument,
	codeNotFound:           grpcNotFound,
	codeAlreadyExists:      grpcAlreadyExists,
	codeForbidden:          grpcPermissionDenied,
	codePermissionDenied:   grpcPermissionDenied,
	codeResourceExhausted:  grpcResourceExhausted,
	codeTooManyRequests:    grpcResourceExhausted,
	codeFailedPrecondition: grpcFailedPrecondition,
	codePaymentRequired:    grpcFailedPrecondition,
	codeAborted:            grpcAborted,
	codeOutOfRange:         grpcOutOfRange,
	codeUnimplemented:      grpcUnimplemented,
	codeUnavailable:        grpcUnavailable,
	codeUnauthenticated:    grpcUnauthenticated,
}

// rpcStatusBody is the spec's rpcStatus. details is always an empty list
// (the emulator attaches no protobufAny).
type rpcStatusBody struct {
	Code    int      `json:"code"`
	Message string   `json:"message"`
	Details []string `json:"details"`
}

// writeRPCStatus writes {"code":N,"message":...,"details":[]} with the HTTP
// status, N being the gRPC code for the emulator's code (UNKNOWN when
// there is none).
func writeRPCStatus(w http.ResponseWriter, status int, code, message string) {
	n, ok := grpcCodes[code]
	if !ok {
		n = grpcUnknown
	}
	writeJSON(w, status, rpcStatusBody{Code: n, Message: message, Details: []string{}})
}

// IndexHosts returns the host of every index of the default project, by
// index name, for tests that send data-plane requests to the emulator with
// the index's host in the Host header.
func (s *Server) IndexHosts() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string)
	p, ok := s.projects[s.defaultProjectID]
	if !ok {
		return out
	}
	p.purgeExpired(s.now())
	for name, ix := range p.indexes {
		out[name] = ix.host
	}
	return out
}

// hostJSON is one entry of GET /_emulator/hosts.
type hostJSON struct {
	ProjectID   string `json:"project_id"`
	Index       string `json:"index"`
	Host        string `json:"host"`
	PrivateHost string `json:"private_host"`
}

// hosts lists the hosts of every index the emulator holds, by project id,
// then index name.
func (s *Server) hosts() []hostJSON {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.now()
	out := []hostJSON{}
	for _, p := range s.projects {
		p.purgeExpired(t)
		for _, ix := range p.indexes {
			out = append(out, hostJSON{ProjectID: p.id, Index: ix.name, Host: ix.host, PrivateHost: ix.privateHost})
		}
	}
	slices.SortFunc(out, func(a, b hostJSON) int {
		return cmp.Or(strings.Compare(a.ProjectID, b.ProjectID), strings.Compare(a.Index, b.Index))
	})
	return out
}
