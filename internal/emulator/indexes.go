package emulator

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"time"
)

// Route templates of the index endpoints (spec db_control_2025-10.oas.yaml:
// list_indexes, create_index, create_index_for_model, describe_index,
// configure_index, delete_index).
const (
	routeIndexes        = "/indexes"
	routeCreateForModel = "/indexes/create-for-model"
	routeIndex          = "/indexes/{index_name}"
)

func (s *Server) registerIndexRoutes() {
	s.handle(http.MethodGet, routeIndexes, s.handleListIndexes)
	s.handle(http.MethodPost, routeIndexes, s.handleCreateIndex)
	s.handle(http.MethodPost, routeCreateForModel, s.handleCreateIndexForModel)
	s.handle(http.MethodGet, routeIndex, s.handleDescribeIndex)
	s.handle(http.MethodPatch, routeIndex, s.handleConfigureIndex)
	s.handle(http.MethodDelete, routeIndex, s.handleDeleteIndex)
}

// Request bodies. Every field is a pointer or a map so that "absent" and
// JSON null look the same (nil), as the Go SDK sends "spec": null on PATCH.

type serverlessSpecBody struct {
	Cloud            *string           `json:"cloud"`
	Region           *string           `json:"region"`
	ReadCapacity     *readCapacityBody `json:"read_capacity"`
	SourceCollection *string           `json:"source_collection"`
	Schema           *schemaBody       `json:"schema"`
}

type podSpecBody struct {
	Environment    *string `json:"environment"`
	PodType        *string `json:"pod_type"`
	Replicas       *int64  `json:"replicas"`
	Shards         *int64  `json:"shards"`
	Pods           *int64  `json:"pods"`
	MetadataConfig *struct {
		Indexed []string `json:"indexed"`
	} `json:"metadata_config"`
	SourceCollection *string `json:"source_collection"`
}

type byocSpecBody struct {
	Environment  *string           `json:"environment"`
	ReadCapacity *readCapacityBody `json:"read_capacity"`
	Schema       *schemaBody       `json:"schema"`
}

type createIndexBody struct {
	Name               *string            `json:"name"`
	Dimension          *int64             `json:"dimension"`
	Metric             *string            `json:"metric"`
	VectorType         *string            `json:"vector_type"`
	DeletionProtection *string            `json:"deletion_protection"`
	Tags               map[string]*string `json:"tags"`
	Spec               *struct {
		Serverless *serverlessSpecBody `json:"serverless"`
		Pod        *podSpecBody        `json:"pod"`
		Byoc       *byocSpecBody       `json:"byoc"`
	} `json:"spec"`
}

type createForModelBody struct {
	Name   *string `json:"name"`
	Cloud  *string `json:"cloud"`
	Region *string `json:"region"`
	Embed  *struct {
		Model           *string           `json:"model"`
		Metric          *string           `json:"metric"`
		Dimension       *int64            `json:"dimension"`
		FieldMap        map[string]string `json:"field_map"`
		ReadParameters  map[string]any    `json:"read_parameters"`
		WriteParameters map[string]any    `json:"write_parameters"`
	} `json:"embed"`
	DeletionProtection *string            `json:"deletion_protection"`
	Tags               map[string]*string `json:"tags"`
	Schema             *schemaBody        `json:"schema"`
	ReadCapacity       *readCapacityBody  `json:"read_capacity"`
}

type configureIndexBody struct {
	Spec *struct {
		Serverless *struct {
			ReadCapacity *readCapacityBody `json:"read_capacity"`
		} `json:"serverless"`
		Pod *struct {
			Replicas *int64  `json:"replicas"`
			PodType  *string `json:"pod_type"`
		} `json:"pod"`
		Byoc *struct {
			ReadCapacity *readCapacityBody `json:"read_capacity"`
		} `json:"byoc"`
	} `json:"spec"`
	DeletionProtection *string            `json:"deletion_protection"`
	Tags               map[string]*string `json:"tags"`
	Embed              *struct {
		Model           *string           `json:"model"`
		FieldMap        map[string]string `json:"field_map"`
		ReadParameters  map[string]any    `json:"read_parameters"`
		WriteParameters map[string]any    `json:"write_parameters"`
	} `json:"embed"`
}

// Required fields whose absence is a deserialization error (422), checked
// before any validation (400), as serde would.

func rcMissing(rc *readCapacityBody) string {
	if rc != nil && rc.Mode == nil {
		return "mode"
	}
	return ""
}

func schemaMissing(sc *schemaBody) string {
	if sc != nil && sc.Fields == nil {
		return "fields"
	}
	return ""
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func (b *createIndexBody) missingField() string {
	if b.Name == nil {
		return "name"
	}
	if b.Spec == nil {
		return "spec"
	}
	if sl := b.Spec.Serverless; sl != nil {
		switch {
		case sl.Cloud == nil:
			return "cloud"
		case sl.Region == nil:
			return "region"
		}
		if f := firstNonEmpty(rcMissing(sl.ReadCapacity), schemaMissing(sl.Schema)); f != "" {
			return f
		}
	}
	if p := b.Spec.Pod; p != nil {
		switch {
		case p.Environment == nil:
			return "environment"
		case p.PodType == nil:
			return "pod_type"
		}
	}
	if bc := b.Spec.Byoc; bc != nil {
		if bc.Environment == nil {
			return "environment"
		}
		if f := firstNonEmpty(rcMissing(bc.ReadCapacity), schemaMissing(bc.Schema)); f != "" {
			return f
		}
	}
	return ""
}

func (b *createForModelBody) missingField() string {
	switch {
	case b.Name == nil:
		return "name"
	case b.Cloud == nil:
		return "cloud"
	case b.Region == nil:
		return "region"
	case b.Embed == nil:
		return "embed"
	case b.Embed.Model == nil:
		return "model"
	case b.Embed.FieldMap == nil:
		return "field_map"
	}
	return firstNonEmpty(rcMissing(b.ReadCapacity), schemaMissing(b.Schema))
}

func (b *configureIndexBody) missingField() string {
	if b.Spec == nil {
		return ""
	}
	if sl := b.Spec.Serverless; sl != nil {
		if f := rcMissing(sl.ReadCapacity); f != "" {
			return f
		}
	}
	if bc := b.Spec.Byoc; bc != nil {
		return rcMissing(bc.ReadCapacity)
	}
	return ""
}

// commonFields validates what create and create-for-model share and sets it
// on ix.
func commonFields(ix *index, name string, protection *string, tags map[string]*string) *apiError {
	if err := validateIndexName(name); err != nil {
		return err
	}
	ix.name = name
	ix.deletionProtection = protectionDisabled
	if protection != nil {
		if err := validateDeletionProtection(*protection); err != nil {
			return err
		}
		ix.deletionProtection = *protection
	}
	if err := validateTags(tags); err != nil {
		return err
	}
	ix.tags = mergeTags(nil, tags)
	return nil
}

// serverlessPlacement validates read capacity and schema for a serverless or
// BYOC index and sets them on ix.
func serverlessPlacement(ix *index, field string, rc *readCapacityBody, sc *schemaBody) *apiError {
	ix.rc = readCapacity{mode: modeOnDemand}
	if rc != nil {
		parsed, err := parseReadCapacity(fieldPath(field, "read_capacity"), rc, nil)
		if err != nil {
			return err
		}
		ix.rc = parsed
	}
	if sc != nil {
		fields, err := parseSchema(fieldPath(field, "schema"), sc)
		if err != nil {
			return err
		}
		ix.schema = fields
	}
	return nil
}

func (s *Server) handleCreateIndex(q *request) {
	if q.version == apiVersion2026_07 {
		s.handleCreateIndex07(q)
		return
	}
	var b createIndexBody
	body, ok := q.decode(&b)
	if !ok {
		return
	}
	ix, err := newIndexFromCreate(body, &b)
	if err != nil {
		q.fail(err)
		return
	}
	s.commitCreate(q, ix)
}

func newIndexFromCreate(body jsonBody, b *createIndexBody) (*index, *apiError) {
	ix := &index{}
	if err := commonFields(ix, *b.Name, b.DeletionProtection, b.Tags); err != nil {
		return nil, err
	}

	ix.vectorType = vectorDense
	if b.VectorType != nil {
		if err := validateVectorType(*b.VectorType); err != nil {
			return nil, err
		}
		ix.vectorType = *b.VectorType
	}
	sparse := ix.vectorType == vectorSparse
	switch {
	case b.Metric == nil && sparse:
		ix.metric = metricDotproduct
	case b.Metric == nil:
		ix.metric = metricCosine
	default:
		if err := validateMetric(*b.Metric); err != nil {
			return nil, err
		}
		if sparse && *b.Metric != metricDotproduct {
			return nil, invalidArgument("Sparse vector indexes must use the dotproduct metric, got %q.", *b.Metric)
		}
		ix.metric = *b.Metric
	}
	switch {
	case sparse && b.Dimension != nil:
		return nil, invalidArgument("Sparse vector indexes must not have a dimension.")
	case !sparse && b.Dimension == nil:
		return nil, invalidArgument("Dimension is required for dense vector indexes.")
	case !sparse:
		if err := validateDimension(*b.Dimension); err != nil {
			return nil, err
		}
		ix.dimension = int(*b.Dimension)
	}

	keys := objectKeys(body.raw, "spec")
	if len(keys) != 1 {
		return nil, invalidArgument("spec must contain exactly one of serverless, pod or byoc; got %s.", describeSpecKeys(keys))
	}
	var notFoundErr *apiError // 404s come after every 400
	switch keys[0] {
	case specServerless:
		sl := b.Spec.Serverless
		ix.kind = specServerless
		ix.cloud, ix.region = *sl.Cloud, *sl.Region
		if err := serverlessPlacement(ix, "spec.serverless", sl.ReadCapacity, sl.Schema); err != nil {
			return nil, err
		}
		notFoundErr = checkRegion(ix.cloud, ix.region)
		if notFoundErr == nil {
			notFoundErr = setSourceCollection(ix, sl.SourceCollection)
		}
	case specPod:
		p := b.Spec.Pod
		ix.kind = specPod
		if !slices.Contains(podEnvironments, *p.Environment) {
			return nil, invalidArgument("Invalid environment %q for a pod-based index.", *p.Environment)
		}
		ix.environment = *p.Environment
		if _, err := parsePodType(*p.PodType); err != nil {
			return nil, err
		}
		ix.podType = *p.PodType
		ix.replicas, ix.shards = 1, 1
		for _, c := range []struct {
			name string
			v    *int64
			dst  *int
		}{{"replicas", p.Replicas, &ix.replicas}, {"shards", p.Shards, &ix.shards}, {"pods", p.Pods, nil}} {
			if c.v == nil {
				continue
			}
			if *c.v < 1 {
				return nil, invalidArgument("spec.pod.%s must be 1 or greater, got %d.", c.name, *c.v)
			}
			if c.dst != nil {
				*c.dst = int(*c.v)
			}
		}
		if p.MetadataConfig != nil {
			ix.metadataConfig = &metadataConfig{indexed: slices.Clone(p.MetadataConfig.Indexed)}
		}
		notFoundErr = setSourceCollection(ix, p.SourceCollection)
	case specByoc:
		bc := b.Spec.Byoc
		ix.kind = specByoc
		if *bc.Environment == "" {
			return nil, invalidArgument("spec.byoc.environment must not be empty.")
		}
		ix.environment = *bc.Environment
		if err := serverlessPlacement(ix, "spec.byoc", bc.ReadCapacity, bc.Schema); err != nil {
			return nil, err
		}
	default:
		return nil, invalidArgument("Unknown spec type %q. spec must contain exactly one of serverless, pod or byoc.", keys[0])
	}
	if notFoundErr != nil {
		return nil, notFoundErr
	}
	return ix, nil
}

// setSourceCollection records the collection an index is created from. The
// collection itself is checked when the index is committed
// (checkSourceCollection); an empty name can never exist.
func setSourceCollection(ix *index, name *string) *apiError {
	switch {
	case name == nil:
		return nil
	case *name == "":
		return collectionNotFound(*name)
	}
	ix.sourceCollection = *name
	return nil
}

func (s *Server) handleCreateIndexForModel(q *request) {
	var b createForModelBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	ix, err := newIndexForModel(s.models, &b)
	if err != nil {
		q.fail(err)
		return
	}
	s.commitCreate(q, ix)
}

func newIndexForModel(models modelCatalogue, b *createForModelBody) (*index, *apiError) {
	ix := &index{kind: specServerless}
	if err := commonFields(ix, *b.Name, b.DeletionProtection, b.Tags); err != nil {
		return nil, err
	}
	ix.cloud, ix.region = *b.Cloud, *b.Region

	e := b.Embed
	m, err := models.embedModel("embed.model", *e.Model)
	if err != nil {
		return nil, err
	}
	emb := &indexEmbed{model: m.Name, vectorType: m.VectorType, metric: m.DefaultMetric, dimension: m.DefaultDimension}
	if e.Metric != nil {
		if err := validateMetric(*e.Metric); err != nil {
			return nil, err
		}
		if !m.supportsMetric(*e.Metric) {
			return nil, invalidArgument("Metric %q in embed.metric is not supported by model %s. Supported metrics: %s.", *e.Metric, m.Name, joinStrings(m.SupportedMetrics))
		}
		emb.metric = *e.Metric
	}
	if e.Dimension != nil {
		if m.VectorType == vectorSparse {
			return nil, invalidArgument("Model %s produces sparse vectors and does not take a dimension (embed.dimension).", m.Name)
		}
		if !m.supportsDimension(int(*e.Dimension)) {
			return nil, invalidArgument("Dimension %d in embed.dimension is not supported by model %s. Supported dimensions: %s.", *e.Dimension, m.Name, joinInts(m.SupportedDimensions))
		}
		emb.dimension = int(*e.Dimension)
	}
	if err := setEmbedMappings(emb, m, e.FieldMap, e.ReadParameters, e.WriteParameters); err != nil {
		return nil, err
	}
	ix.embed = emb
	ix.vectorType, ix.metric, ix.dimension = emb.vectorType, emb.metric, emb.dimension

	if err := serverlessPlacement(ix, "", b.ReadCapacity, b.Schema); err != nil {
		return nil, err
	}
	if err := checkRegion(ix.cloud, ix.region); err != nil {
		return nil, err
	}
	return ix, nil
}

// setEmbedMappings validates and stores field_map and the read/write
// parameters (with server defaults added). A nil map leaves the current
// value.
func setEmbedMappings(emb *indexEmbed, m *hostedModel, fieldMap map[string]string, read, write map[string]any) *apiError {
	if fieldMap != nil {
		if len(fieldMap) == 0 {
			return invalidArgument("embed.field_map must map the embedded field, e.g. {\"text\": \"chunk_text\"}.")
		}
		for k, v := range fieldMap {
			if v == "" {
				return invalidArgument("embed.field_map.%s must name a document field.", k)
			}
		}
		emb.fieldMap = maps.Clone(fieldMap)
	}
	if read != nil || emb.readParams == nil {
		p, err := m.completeParameters("read_parameters", read, readSideInputType, emb.dimension)
		if err != nil {
			return err
		}
		emb.readParams = p
	}
	if write != nil || emb.writeParams == nil {
		p, err := m.completeParameters("write_parameters", write, writeSideInputType, emb.dimension)
		if err != nil {
			return err
		}
		emb.writeParams = p
	}
	return nil
}

// commitCreate stores a validated new index and answers 201 in the request's
// API version, unless its source collection is missing (404), not Ready or
// of another dimension (400), it has full-text fields in a project that
// enforces CMEK (412), the name is taken (409, also while the old index is
// Terminating) or the response is to be dropped.
func (s *Server) commitCreate(q *request, ix *index) {
	p := q.proj
	t := s.now()
	s.mu.Lock()
	if p.deleted {
		s.mu.Unlock()
		q.fail(keyRevoked())
		return
	}
	p.purgeExpired(t)
	if ix.sourceCollection != "" {
		if err := p.checkSourceCollection(ix, t); err != nil {
			s.mu.Unlock()
			q.fail(err)
			return
		}
	}
	if err := p.checkProjectCMEK(ix); err != nil {
		s.mu.Unlock()
		q.fail(err)
		return
	}
	if _, taken := p.indexes[ix.name]; taken {
		s.mu.Unlock()
		q.fail(alreadyExists())
		return
	}
	if err := p.checkPodQuota(nil, ix.pods()); err != nil {
		s.mu.Unlock()
		q.fail(err)
		return
	}
	ix.failInit = s.faults.failsInitialization(ix.name)
	s.storeIndex(p, ix, t)
	view := ix.render(q.version, t, freshInit)
	s.mu.Unlock()
	s.answerCreate(q, http.StatusCreated, view)
}

// storeIndex gives a new index its id, timestamps and hosts and stores it in
// p. The caller has checked that the name is free and holds s.mu.
func (s *Server) storeIndex(p *project, ix *index, t time.Time) {
	ix.id = newUUID()
	ix.createdAt = t
	ix.readyAt = t.Add(s.opts.ReadyDelay)
	if ix.kind == specServerless {
		ix.cell = s.cellFor(ix.cloud, ix.region)
	}
	ix.host, ix.privateHost = s.newHosts(ix)
	p.indexes[ix.name] = ix
}

func (s *Server) handleListIndexes(q *request) {
	p := q.proj
	t := s.now()
	s.mu.Lock()
	p.purgeExpired(t)
	names := slices.Sorted(maps.Keys(p.indexes))
	out := indexListJSON{Indexes: make([]any, 0, len(names))}
	for _, n := range names {
		out.Indexes = append(out.Indexes, p.indexes[n].render(q.version, t, 0))
	}
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

func indexNotFound(name string) *apiError { return notFound("Index %s not found.", name) }

func (s *Server) handleDescribeIndex(q *request) {
	name := q.param("index_name")
	s.read(q, func(t time.Time) (any, *apiError) {
		q.proj.purgeExpired(t)
		ix, ok := q.proj.indexes[name]
		if !ok {
			return nil, indexNotFound(name)
		}
		return ix.render(q.version, t, 0), nil
	})
}

func (s *Server) handleDeleteIndex(q *request) {
	name := q.param("index_name")
	p := q.proj
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	p.purgeExpired(t)
	ix, ok := p.indexes[name]
	switch {
	case !ok:
		q.fail(indexNotFound(name))
		return
	case ix.terminating:
		// A repeated DELETE while the index is still Terminating is
		// undocumented. The index still shows in describe/list, so answering
		// 202 again keeps DELETE idempotent, and a client that retries after a
		// lost response does not get a confusing error.
	case ix.deletionProtection == protectionEnabled:
		q.fail(&apiError{status: http.StatusForbidden, code: codeForbidden,
			message: "Deletion protection is enabled for this index. Disable deletion protection before retrying."})
		return
	default:
		if pending := p.pendingCollections(ix, t); len(pending) > 0 {
			q.fail(&apiError{status: http.StatusPreconditionFailed, code: codeFailedPrecondition,
				message: "Unable to delete an index. There are pending collections for this index: " + pythonList(pending)})
			return
		}
		ix.terminating = true
		ix.goneAt = t.Add(s.opts.DeleteDelay)
		s.dropNamespaces(ix) // its host stops serving them at once (namespaces.go)
	}
	q.w.WriteHeader(http.StatusAccepted)
}

func (s *Server) handleConfigureIndex(q *request) {
	if q.version == apiVersion2026_07 {
		s.handleConfigureIndex07(q)
		return
	}
	name := q.param("index_name")
	var b configureIndexBody
	body, ok := q.decode(&b)
	if !ok {
		return
	}
	if b.DeletionProtection != nil {
		if err := validateDeletionProtection(*b.DeletionProtection); err != nil {
			q.fail(err)
			return
		}
	}
	if err := validateTags(b.Tags); err != nil {
		q.fail(err)
		return
	}
	specKind := ""
	if b.Spec != nil {
		keys := objectKeys(body.raw, "spec")
		if len(keys) != 1 {
			q.fail(invalidArgument("spec must contain exactly one of serverless, pod or byoc; got %s.", describeSpecKeys(keys)))
			return
		}
		specKind = keys[0]
		if specKind != specServerless && specKind != specPod && specKind != specByoc {
			q.fail(invalidArgument("Unknown spec type %q. spec must contain exactly one of serverless, pod or byoc.", specKind))
			return
		}
	}

	s.configure(q, name, b.DeletionProtection, b.Tags, func(p *project, ix, nx *index, t time.Time) (fresh, *apiError) {
		return s.configureStep04(&b, specKind, p, ix, nx, t)
	})
}

// configureStep04 applies the spec and embed of a 2025-10 / 2026-04 PATCH
// to nx.
func (s *Server) configureStep04(b *configureIndexBody, specKind string, p *project, ix, nx *index, t time.Time) (fresh, *apiError) {
	var f fresh
	if specKind != "" {
		if specKind != ix.kind {
			return 0, invalidArgument("Cannot configure %s settings on a %s index %s.", specKind, kindLabel(ix.kind), ix.name)
		}
		var rc *readCapacityBody
		switch specKind {
		case specServerless:
			rc = b.Spec.Serverless.ReadCapacity
		case specByoc:
			rc = b.Spec.Byoc.ReadCapacity
		case specPod:
			started, err := s.configurePodQuota(p, ix, nx, "spec.pod", b.Spec.Pod.Replicas, b.Spec.Pod.PodType, t)
			if err != nil {
				return 0, err
			}
			if started {
				f |= freshPod
			}
		}
		if rc != nil {
			parsed, err := parseReadCapacity(fieldPath("spec", specKind, "read_capacity"), rc, &ix.rc)
			if err != nil {
				return 0, err
			}
			f |= s.applyReadCapacity(nx, parsed, t)
		}
	}
	if e := b.Embed; e != nil {
		if err := configureEmbed(s.models, nx, e.Model, e.FieldMap, e.ReadParameters, e.WriteParameters); err != nil {
			return 0, err
		}
	}
	return f, nil
}

// configureStep applies the version-specific part of a PATCH to nx, a copy
// of ix, and reports the transitions it started.
type configureStep func(p *project, ix, nx *index, t time.Time) (fresh, *apiError)

// configure runs a PATCH whose body has passed its checks: it finds the
// index (404; 412 while Terminating), applies step to a copy so that a
// rejected request changes nothing, then deletion_protection and the tags
// patch, stores the result and answers 200 with the index in the request's
// API version.
func (s *Server) configure(q *request, name string, protection *string, tags map[string]*string, step configureStep) {
	p := q.proj
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	p.purgeExpired(t)
	ix, ok := p.indexes[name]
	if !ok {
		q.fail(indexNotFound(name))
		return
	}
	if ix.terminating {
		// [unverified] production's answer to configuring an index that is
		// being deleted is undocumented.
		q.fail(&apiError{status: http.StatusPreconditionFailed, code: codeFailedPrecondition,
			message: fmt.Sprintf("Index %s is being deleted and cannot be configured.", name)})
		return
	}
	nx := *ix
	f, err := step(p, ix, &nx, t)
	if err != nil {
		q.fail(err)
		return
	}
	if protection != nil {
		nx.deletionProtection = *protection
	}
	if tags != nil {
		nx.tags = mergeTags(ix.tags, tags)
	}
	*ix = nx
	writeJSON(q.w, http.StatusOK, ix.render(q.version, t, f))
}

// configurePodQuota applies a pod replicas / pod_type change to nx (field
// names the request's object in messages) and refuses a scale-up over the
// project's pod quota.
func (s *Server) configurePodQuota(p *project, ix, nx *index, field string, replicas *int64, podType *string, t time.Time) (bool, *apiError) {
	started, err := s.configurePod(nx, field, replicas, podType, t)
	if err == nil && nx.pods() > ix.pods() {
		err = p.checkPodQuota(ix, nx.pods())
	}
	return started, err
}

// applyReadCapacity switches nx to rc and reports freshRC when that starts
// a Scaling or Migrating period.
func (s *Server) applyReadCapacity(nx *index, rc readCapacity, t time.Time) fresh {
	if nx.changeReadCapacity(rc, t, s.opts.ScalingDelay, s.readCapacityFailure(nx, rc)) {
		return freshRC
	}
	return 0
}

func kindLabel(kind string) string {
	if kind == specPod {
		return "pod-based"
	}
	return kind
}

// configurePod applies a pod replicas / pod_type change to ix. The pod size
// may only grow ("Cannot scale down": go-pinecone pinecone/client_test.go,
// TestConfigureIndexIllegalScaleDown) and the family
// (s1, p1, p2) cannot change.
func (s *Server) configurePod(ix *index, field string, replicas *int64, podTypeStr *string, t time.Time) (bool, *apiError) {
	newReplicas := ix.replicas
	if replicas != nil {
		if *replicas < 1 {
			return false, invalidArgument("%s.replicas must be 1 or greater, got %d.", field, *replicas)
		}
		newReplicas = int(*replicas)
	}
	newType, sizeUp := ix.podType, false
	if podTypeStr != nil {
		want, err := parsePodType(*podTypeStr)
		if err != nil {
			return false, err
		}
		cur, _ := parsePodType(ix.podType)
		switch {
		case want.family != cur.family:
			// [unverified] production's message; changing the family is not
			// something the API offers.
			return false, invalidArgument("Cannot change the pod type family of index %s from %s to %s.", ix.name, ix.podType, *podTypeStr)
		case want.size < cur.size:
			return false, invalidArgument("Cannot scale down the pod size of index %s from %s to %s. Pod sizes can only be increased.", ix.name, ix.podType, *podTypeStr)
		case want.size > cur.size:
			newType, sizeUp = *podTypeStr, true
		}
	}
	return ix.changePods(newReplicas, newType, sizeUp, t, s.opts.ScalingDelay), nil
}

// configureEmbed upgrades a serverless index to integrated inference, or
// updates field_map / read and write parameters of an integrated one. The
// model of an integrated index cannot change.
func configureEmbed(models modelCatalogue, ix *index, model *string, fieldMap map[string]string, read, write map[string]any) *apiError {
	if ix.kind != specServerless {
		return invalidArgument("Integrated inference (embed) is only supported on serverless indexes; %s is a %s index.", ix.name, kindLabel(ix.kind))
	}
	if ix.isDocument() {
		// A document index's schema cannot change after the create, and
		// semantic_text fields cannot be added to one (spec
		// db_control_2026-07.oas.yaml, create_index and
		// CreateIndexSchemaField).
		return invalidArgument("Index %s has a document schema (created with API version 2026-07); integrated inference (embed) cannot be added to it.", ix.name)
	}
	if cur := ix.embed; cur != nil {
		if model != nil && *model != cur.model {
			return invalidArgument("Cannot change the embedding model of index %s from %s to %s.", ix.name, cur.model, *model)
		}
		m, ok := models.find(cur.model)
		if !ok {
			// Only a test catalogue can lack the model of an existing index.
			return invalidArgument("Model %s of index %s is no longer available.", cur.model, ix.name)
		}
		emb := *cur
		if err := setEmbedMappings(&emb, m, fieldMap, read, write); err != nil {
			return err
		}
		ix.embed = &emb
		return nil
	}

	if model == nil {
		return invalidArgument("embed.model is required to configure integrated inference on index %s.", ix.name)
	}
	m, err := models.embedModel("embed.model", *model)
	if err != nil {
		return err
	}
	switch {
	case m.VectorType != ix.vectorType:
		return invalidArgument("Model %s produces %s vectors but index %s is %s.", m.Name, m.VectorType, ix.name, ix.vectorType)
	case m.VectorType == vectorDense && !m.supportsDimension(ix.dimension):
		return invalidArgument("Model %s does not support dimension %d of index %s. Supported dimensions: %s.", m.Name, ix.dimension, ix.name, joinInts(m.SupportedDimensions))
	case !m.supportsMetric(ix.metric):
		return invalidArgument("Model %s does not support metric %s of index %s. Supported metrics: %s.", m.Name, ix.metric, ix.name, joinStrings(m.SupportedMetrics))
	case fieldMap == nil:
		return invalidArgument("embed.field_map is required to configure integrated inference on index %s.", ix.name)
	}
	emb := &indexEmbed{model: m.Name, vectorType: m.VectorType, metric: ix.metric, dimension: ix.dimension}
	if err := setEmbedMappings(emb, m, fieldMap, read, write); err != nil {
		return err
	}
	ix.embed = emb
	return nil
}

// Hosts.

const lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"

func randomString(n int, alphabet string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

// cellFor returns the serverless cell id of a cloud/region, e.g.
// "aped-4627-b74a", made up once per Server. Callers hold s.mu.
func (s *Server) cellFor(cloud, region string) string {
	key := cloud + "/" + region
	if c, ok := s.cells[key]; ok {
		return c
	}
	c := randomString(4, "abcdefghijklmnopqrstuvwxyz") + "-" + randomString(4, "0123456789") + "-" + randomString(4, "0123456789abcdef")
	s.cells[key] = c
	return c
}

// newHosts makes host and private_host: "<name>-<7 lowercase alnum>.svc.<cell
// or environment>.pinecone.io" and the same with ".svc.private.". A
// serverless index's cell is set before (storeIndex).
func (s *Server) newHosts(ix *index) (string, string) {
	place := ix.environment
	if ix.kind == specServerless {
		place = ix.cell
	}
	id := randomString(7, lowerAlnum)
	return fmt.Sprintf("%s-%s.svc.%s.pinecone.io", ix.name, id, place),
		fmt.Sprintf("%s-%s.svc.private.%s.pinecone.io", ix.name, id, place)
}

func joinInts(vs []int) string {
	parts := make([]any, len(vs))
	for i, v := range vs {
		parts[i] = v
	}
	return joinValues(parts)
}

func joinStrings(vs []string) string {
	parts := make([]any, len(vs))
	for i, v := range vs {
		parts[i] = v
	}
	return joinValues(parts)
}
