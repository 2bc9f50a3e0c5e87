package emulator

import (
	"maps"
	"net/http"
	"slices"
	"time"
)

// Route templates of the collection endpoints (spec
// db_control_2025-10.oas.yaml: list_collections, create_collection,
// describe_collection, delete_collection).
const (
	routeCollections = "/collections"
	routeCollection  = "/collections/{collection_name}"
)

func (s *Server) registerCollectionRoutes() {
	s.handle(http.MethodGet, routeCollections, s.handleListCollections)
	s.handle(http.MethodPost, routeCollections, s.handleCreateCollection)
	s.handle(http.MethodGet, routeCollection, s.handleDescribeCollection)
	s.handle(http.MethodDelete, routeCollection, s.handleDeleteCollection)
}

// collection is one stored collection: a static copy of a pod index. Like an
// index, its status is computed from the clock each time it is shown.
//
// The emulator holds no vectors, so vector_count and size are always 0.
type collection struct {
	name          string
	sourceIndexID string // the index incarnation it was made from (for the 412 on index delete)
	environment   string
	dimension     int

	createdAt   time.Time
	readyAt     time.Time
	terminating bool
	goneAt      time.Time
}

// status returns CollectionModel.status at t; fresh marks the answer to the
// create, which always shows Initializing.
func (c *collection) status(t time.Time, fresh bool) string {
	switch {
	case c.terminating:
		return stateTerminating
	case during(t, c.readyAt, fresh):
		return stateInitializing
	}
	return stateReady
}

// collectionModelJSON is CollectionModel (spec db_control_2025-10.oas.yaml).
type collectionModelJSON struct {
	Name        string `json:"name"`
	Status      string `json:"status"`
	Environment string `json:"environment"`
	Size        int64  `json:"size"`
	Dimension   int    `json:"dimension,omitempty"` // absent only for a sparse source index
	VectorCount int    `json:"vector_count"`
}

// collectionListJSON always carries the collections key: the Go SDK panics
// without it (go-pinecone pinecone/client.go, Client.ListCollections
// dereferences the list unchecked).
type collectionListJSON struct {
	Collections []collectionModelJSON `json:"collections"`
}

func (c *collection) view(t time.Time, fresh bool) collectionModelJSON {
	return collectionModelJSON{
		Name:        c.name,
		Status:      c.status(t, fresh),
		Environment: c.environment,
		Dimension:   c.dimension,
	}
}

func collectionNotFound(name string) *apiError { return notFound("Collection %s not found.", name) }

type createCollectionBody struct {
	Name   *string `json:"name"`
	Source *string `json:"source"`
}

func (b *createCollectionBody) missingField() string {
	if b.Name != nil && b.Source == nil {
		return "source"
	}
	return requiredName(b.Name)
}

func (s *Server) handleCreateCollection(q *request) {
	var b createCollectionBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	if err := validateName("Collection", *b.Name); err != nil {
		q.fail(err)
		return
	}
	view, err := s.createCollection(q.proj, *b.Name, *b.Source)
	if err != nil {
		q.fail(err)
		return
	}
	s.answerCreate(q, http.StatusCreated, view)
}

// createCollection checks the source index and the name and stores the new
// collection. Order: unknown source index (404), a source that cannot hold
// collections (400), then a taken name (409).
func (s *Server) createCollection(p *project, name, source string) (collectionModelJSON, *apiError) {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.deleted {
		return collectionModelJSON{}, keyRevoked()
	}
	p.purgeExpired(t)
	ix, ok := p.indexes[source]
	if !ok {
		return collectionModelJSON{}, indexNotFound(source)
	}
	switch {
	case ix.kind == specServerless:
		return collectionModelJSON{}, invalidArgument(
			"Serverless indexes do not support collections. Index %s is a serverless index; collections can only be created from pod-based indexes.", source)
	case ix.kind != specPod:
		// [unverified] BYOC indexes are serverless underneath; collections are a pod feature.
		return collectionModelJSON{}, invalidArgument(
			"BYOC indexes do not support collections. Index %s is a BYOC index; collections can only be created from pod-based indexes.", source)
	case ix.terminating:
		// [unverified] production's answer for a source that is being deleted.
		return collectionModelJSON{}, invalidArgument("Index %s is being deleted; a collection cannot be created from it.", source)
	}
	if _, taken := p.collections[name]; taken {
		return collectionModelJSON{}, alreadyExists()
	}
	c := &collection{
		name:          name,
		sourceIndexID: ix.id,
		environment:   ix.environment,
		dimension:     ix.dimension,
		createdAt:     t,
		readyAt:       t.Add(s.opts.ReadyDelay),
	}
	p.collections[name] = c
	return c.view(t, true), nil
}

func (s *Server) handleListCollections(q *request) {
	p := q.proj
	t := s.now()
	s.mu.Lock()
	p.purgeExpired(t)
	names := slices.Sorted(maps.Keys(p.collections))
	out := collectionListJSON{Collections: make([]collectionModelJSON, 0, len(names))}
	for _, n := range names {
		out.Collections = append(out.Collections, p.collections[n].view(t, false))
	}
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

func (s *Server) handleDescribeCollection(q *request) {
	name := q.param("collection_name")
	s.read(q, func(t time.Time) (any, *apiError) {
		q.proj.purgeExpired(t)
		c, ok := q.proj.collections[name]
		if !ok {
			return nil, collectionNotFound(name)
		}
		return c.view(t, false), nil
	})
}

// handleDeleteCollection answers 202; the collection is Terminating for
// DeleteDelay, then gone. A repeated DELETE while Terminating is 202 again
// and does not restart the clock, as for indexes.
func (s *Server) handleDeleteCollection(q *request) {
	name := q.param("collection_name")
	p := q.proj
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	p.purgeExpired(t)
	c, ok := p.collections[name]
	if !ok {
		q.fail(collectionNotFound(name))
		return
	}
	if !c.terminating {
		c.terminating = true
		c.goneAt = t.Add(s.opts.DeleteDelay)
	}
	q.w.WriteHeader(http.StatusAccepted)
}

// pendingCollections returns the names, sorted, of the collections that are
// still being made from ix. Callers hold s.mu.
func (p *project) pendingCollections(ix *index, t time.Time) []string {
	var names []string
	for _, c := range p.collections {
		if c.sourceIndexID == ix.id && c.status(t, false) == stateInitializing {
			names = append(names, c.name)
		}
	}
	slices.Sort(names)
	return names
}

// checkSourceCollection validates an index create from a collection: the
// collection must exist (404), be Ready and have the index's dimension (400).
// Callers hold s.mu.
func (p *project) checkSourceCollection(ix *index, t time.Time) *apiError {
	c, ok := p.collections[ix.sourceCollection]
	if !ok {
		return collectionNotFound(ix.sourceCollection)
	}
	if st := c.status(t, false); st != stateReady {
		return invalidArgument("Collection %s is not ready (status %s). Wait until it is Ready before creating an index from it.", c.name, st)
	}
	if c.dimension != ix.dimension {
		return invalidArgument("Dimension %d does not match the dimension %d of source collection %s.", ix.dimension, c.dimension, c.name)
	}
	return nil
}
