package emulator

import (
	"maps"
	"slices"
	"time"
)

// Index states (spec db_control_2025-10.oas.yaml, IndexModel.status.state).
const (
	stateInitializing         = "Initializing"
	stateInitializationFailed = "InitializationFailed"
	stateReady                = "Ready"
	stateScalingUp            = "ScalingUp"
	stateScalingDown          = "ScalingDown"
	stateScalingUpPodSize     = "ScalingUpPodSize"
	stateTerminating          = "Terminating"
	stateDisabled             = "Disabled"

	// read_capacity.status.state values.
	rcStateReady     = "Ready"
	rcStateScaling   = "Scaling"
	rcStateMigrating = "Migrating"
	rcStateError     = "Error"
)

// index is one stored index. Its status is not stored: it is computed from
// the clock and the deadlines below each time it is shown, so a fake clock in
// Options.Now drives every transition.
type index struct {
	vectorSchema              // what the index holds: vectors, embedding, fields
	id                 string // UUID; BackupModel.source_index_id, restore index_id
	name               string
	kind               string // specServerless | specPod | specByoc
	deletionProtection string
	tags               map[string]string // nil when there are none
	host, privateHost  string
	cmekID             string // 2026-07 create only; "" = none
	sourceBackupID     string // set on restore; shown from 2026-07 on

	// serverless / byoc
	cloud, region    string
	cell             string // serverless cell id, the 2026-07 managed deployment's environment
	environment      string // pod and byoc
	sourceCollection string
	rc               readCapacity
	rcPrev           readCapacity // what is really serving while rcState is active
	rcState          string       // Scaling | Migrating during a change
	rcUntil          time.Time
	rcFail           string // error_message the change ends with (Faults.FailReadCapacity); "" = it succeeds

	// pod
	podType        string
	replicas       int
	shards         int
	metadataConfig *metadataConfig
	podState       string // ScalingUp | ScalingDown | ScalingUpPodSize during a change
	podUntil       time.Time

	createdAt time.Time
	readyAt   time.Time
	failInit  bool

	terminating bool
	goneAt      time.Time // when a terminating index disappears
}

// vectorSchema is what an index holds and what a backup records of it: the
// legacy vector settings every API version renders, the integrated
// embedding, the filterable metadata fields and, for indexes created at
// 2026-07 with named fields (document indexes), those fields. One stored
// form serves every version: 2025-10 / 2026-04 render dimension, metric,
// vector_type, embed and spec.*.schema, 2026-07 renders schema.fields
// (index_view_2026_07.go).
type vectorSchema struct {
	dimension  int // 0 when absent (sparse)
	metric     string
	vectorType string
	embed      *indexEmbed
	schema     []string   // filterable fields; nil = no schema
	docFields  []docField // named 2026-07 fields, sorted by name; nil = not a document index
}

// isDocument reports whether the index was created at 2026-07 with named
// schema fields.
func (v *vectorSchema) isDocument() bool { return len(v.docFields) > 0 }

// copyVectorSchema returns a copy that shares nothing mutable with v, so a
// backup does not change when its index is reconfigured, and the other way
// round.
func copyVectorSchema(v vectorSchema) vectorSchema {
	out := v
	out.schema = slices.Clone(v.schema)
	out.docFields = slices.Clone(v.docFields) // fields are never changed after the create
	if v.embed != nil {
		e := *v.embed
		e.fieldMap = maps.Clone(v.embed.fieldMap)
		e.readParams = maps.Clone(v.embed.readParams)
		e.writeParams = maps.Clone(v.embed.writeParams)
		out.embed = &e
	}
	return out
}

type metadataConfig struct {
	indexed []string // nil when the key was absent
}

// indexEmbed is the integrated-inference configuration of an index.
type indexEmbed struct {
	model       string
	metric      string
	dimension   int // 0 for sparse models
	vectorType  string
	fieldMap    map[string]string
	readParams  map[string]any
	writeParams map[string]any
}

// fresh marks transitions started by the request being answered. The answer
// to that request always shows the transitional state, even when its delay is
// zero; later requests see it only while the clock is before its deadline.
// This is what makes "0: Ready from the first request after the create" work
// with a clock that does not move.
type fresh uint8

const (
	freshInit fresh = 1 << iota
	freshPod
	freshRC
)

func during(t, until time.Time, forced bool) bool {
	return t.Before(until) || (forced && !t.After(until))
}

// status returns status.state and status.ready at time t.
func (ix *index) status(t time.Time, f fresh) (string, bool) {
	switch {
	case ix.terminating:
		return stateTerminating, false
	case during(t, ix.readyAt, f&freshInit != 0):
		return stateInitializing, false
	case ix.failInit:
		return stateInitializationFailed, false
	case ix.podState != "" && during(t, ix.podUntil, f&freshPod != 0):
		// [unverified] ready stays true while a pod index scales: the index
		// keeps serving during the change.
		return ix.podState, true
	}
	if serving := ix.servingReadCapacity(t, f); serving.mode == modeDedicated && serving.replicas == 0 {
		// Dedicated read capacity with zero replicas disables the index
		// (ScalingConfigManual.replicas: "Setting replicas to 0 disables the
		// index"). [unverified] ready is false: a Disabled index serves no
		// queries.
		return stateDisabled, false
	}
	return stateReady, true
}

// rcChanging reports whether a read capacity change is still in progress at
// time t.
func (ix *index) rcChanging(t time.Time, f fresh) bool {
	return ix.rcState != "" && during(t, ix.rcUntil, f&freshRC != 0)
}

// servingReadCapacity is the read capacity that really serves at time t: the
// previous one while a change is in progress or after a change failed, the
// configured one otherwise.
func (ix *index) servingReadCapacity(t time.Time, f fresh) readCapacity {
	if ix.rcChanging(t, f) || (ix.rcState != "" && ix.rcFail != "") {
		return ix.rcPrev
	}
	return ix.rc
}

// readCapacityStatus returns the read capacity's state, the error message of
// a failed change and, for Dedicated, the replicas and shards currently
// serving (nil when what serves is not Dedicated).
func (ix *index) readCapacityStatus(t time.Time, f fresh) (state, errMsg string, serving *readCapacity) {
	state = rcStateReady
	switch {
	case ix.rcChanging(t, f):
		state = ix.rcState
	case ix.rcState != "" && ix.rcFail != "":
		state, errMsg = rcStateError, ix.rcFail
	}
	if cur := ix.servingReadCapacity(t, f); cur.mode == modeDedicated {
		return state, errMsg, &cur
	}
	return state, errMsg, nil
}

// changeReadCapacity switches to rc at time t, starting a Scaling (replicas
// or shards changed) or Migrating (mode or node type changed) period. A
// non-empty failMsg makes the change end in the read capacity state Error
// with that error_message; the capacity serving before it keeps serving.
func (ix *index) changeReadCapacity(rc readCapacity, t time.Time, delay time.Duration, failMsg string) (started bool) {
	old := ix.rc
	serving := ix.servingReadCapacity(t, 0)
	kind := ""
	switch {
	case old.mode != rc.mode || old.nodeType != rc.nodeType:
		kind = rcStateMigrating
	case old.replicas != rc.replicas || old.shards != rc.shards:
		kind = rcStateScaling
	}
	ix.rc = rc
	if kind == "" {
		return false
	}
	// What serves now keeps serving until this change finishes: the
	// previous capacity while an earlier change is still in progress or
	// after it failed, the configured one otherwise.
	ix.rcPrev = serving
	ix.rcState = kind
	ix.rcUntil = t.Add(delay)
	ix.rcFail = failMsg
	return true
}

// changePods applies new pod replicas and size at time t. A larger pod size
// gives ScalingUpPodSize (it wins when replicas change too); otherwise more
// replicas give ScalingUp and fewer ScalingDown.
func (ix *index) changePods(replicas int, pt string, sizeUp bool, t time.Time, delay time.Duration) (started bool) {
	state := ""
	switch {
	case sizeUp:
		state = stateScalingUpPodSize
	case replicas > ix.replicas:
		state = stateScalingUp
	case replicas < ix.replicas:
		state = stateScalingDown
	}
	ix.replicas = replicas
	ix.podType = pt
	if state == "" {
		return false
	}
	ix.podState = state
	ix.podUntil = t.Add(delay)
	return true
}

// purgeExpired removes p's terminating indexes and collections whose delete
// delay has passed. Callers hold s.mu.
func (p *project) purgeExpired(t time.Time) {
	for name, ix := range p.indexes {
		if ix.terminating && !t.Before(ix.goneAt) {
			delete(p.indexes, name)
		}
	}
	for name, c := range p.collections {
		if c.terminating && !t.Before(c.goneAt) {
			delete(p.collections, name)
		}
	}
}
