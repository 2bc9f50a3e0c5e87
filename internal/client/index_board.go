package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// A board is one client's shared view of one kind of object (indexes,
// collections, assistants, backups), kept by its list request (GET /indexes
// answers every index in one response). For indexes:
//
//   - Waiters: every WaitForIndexReady and WaitForIndexDeleted of the client
//     is served by one loop that lists at the cadence the most urgent waiter
//     needs and hands each waiter the list. Twenty indexes becoming ready
//     cost one request per tick instead of twenty. A waiter whose index the
//     list cannot answer for (not listed yet, right after its create, or a
//     list that failed) asks with its own describe, as before.
//   - Reads: ReadIndex answers from a list fetched once for many callers
//     (single flight) and kept for listTTL, so a refresh of many indexes
//     costs one request.
//
// Freshness: a list may be used only if no index write of this client (and
// no describe that saw newer state) happened since the list was started.
// Every such event bumps gen; a list is tagged with the gen at its start
// and is served only while gen is unchanged. A read therefore never returns
// state older than the last write this process made or saw.

// listTTL is how long a list may answer reads. It only needs to cover one
// burst of reads (a refresh); waiters always ask for a newer list.
const listTTL = 2 * time.Second

// batchWindow lets waiters that arrive together (a -parallelism burst of
// creates) share their first list.
const batchWindow = 20 * time.Millisecond

// rateLimitMemory is how long after a 429 the loop keeps its slower pace.
const rateLimitMemory = 10 * time.Second

// tooLongMemory is how long a board that found its list too long (more
// than boardPages pages) leaves listing to describes.
const tooLongMemory = time.Minute

type board[T any] struct {
	c        *Client
	listAll  func(context.Context) ([]T, error)
	key      func(*T) string
	describe func(context.Context, string) (*T, error)
	gen      atomic.Uint64

	mu       sync.Mutex
	snap     *snapshot[T]
	inflight *listFlight[T]
	waiters  map[*boardWaiter[T]]struct{}
	running  bool
	wake     chan struct{}
	// lastList is when the loop last started a list for its waiters.
	lastList time.Time
	// expect is, per kind of wait, how long the waits that already ended on
	// this board took; see expectation.
	expect map[waitKind]expectation
	// tooLongUntil: the list spanned more pages than a shared list may use
	// (errListTooLong); until then readers and waiters describe instead.
	tooLongUntil time.Time
}

// snapshot is one answer of a list.
type snapshot[T any] struct {
	gen     uint64    // gen when the request was started
	started time.Time // when it was started
	byKey   map[string]T
}

type listFlight[T any] struct {
	gen     uint64
	started time.Time
	done    chan struct{}
	snap    *snapshot[T]
	err     error
}

// boardWaiter is one wait on a board.
type boardWaiter[T any] struct {
	key   string
	added time.Time // a list started earlier says nothing about this wait
	due   time.Time // when it wants its next list
	ch    chan boardObservation[T]
}

// boardObservation is what the loop hands a waiter: a list started at or
// after the waiter's due time, or the error that list met.
type boardObservation[T any] struct {
	snap *snapshot[T]
	err  error
	// alone: the waiter is the only one on the board, so it describes its
	// index itself, as a lone waiter always did (a list would cost the same
	// request and carry every other index).
	alone bool
}

func newBoard[T any](c *Client, listAll func(context.Context) ([]T, error), key func(*T) string,
	describe func(context.Context, string) (*T, error),
) *board[T] {
	return &board[T]{c: c, listAll: listAll, key: key, describe: describe,
		waiters: map[*boardWaiter[T]]struct{}{}, wake: make(chan struct{}, 1), expect: map[waitKind]expectation{}}
}

// touched records an index write, or a describe that saw the index: lists
// started before it no longer answer reads.
func (b *board[T]) touched() { b.gen.Add(1) }

// marks records a request of this kind that sends method: a write marks
// the board before it is sent (a list started earlier must not answer reads
// started after it), and every request, a describe included, after its
// answer (nor may a list that was in flight while it ran). Use:
// defer b.marks(method)().
func (b *board[T]) marks(method string) func() {
	if method != http.MethodGet {
		b.touched()
	}
	return b.touched
}

// list returns a list started no earlier than notBefore and after the last
// touch: the cached one, the one in flight, or a new one. The request runs
// detached from ctx (other callers may share it); ctx only bounds the wait.
func (b *board[T]) list(ctx context.Context, notBefore time.Time) (*snapshot[T], error) {
	b.mu.Lock()
	g := b.gen.Load()
	now := time.Now()
	if now.Before(b.tooLongUntil) {
		b.mu.Unlock()
		return nil, errListTooLong
	}
	if s := b.snap; s != nil && s.gen == g && !s.started.Before(notBefore) && now.Sub(s.started) < listTTL {
		b.mu.Unlock()
		return s, nil
	}
	f := b.inflight
	if f == nil || f.gen != g || f.started.Before(notBefore) {
		f = &listFlight[T]{gen: g, started: now, done: make(chan struct{})}
		b.inflight = f
		go b.fetch(context.WithoutCancel(ctx), f)
	}
	b.mu.Unlock()
	select {
	case <-f.done:
		return f.snap, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (b *board[T]) fetch(ctx context.Context, f *listFlight[T]) {
	list, err := b.listAll(ctx)
	if err == nil {
		snap := &snapshot[T]{gen: f.gen, started: f.started, byKey: make(map[string]T, len(list))}
		for i := range list {
			snap.byKey[b.key(&list[i])] = list[i]
		}
		f.snap = snap
	}
	f.err = err
	b.mu.Lock()
	if b.inflight == f {
		b.inflight = nil
	}
	if err == nil && (b.snap == nil || b.snap.started.Before(f.started)) {
		b.snap = f.snap
	}
	if errors.Is(err, errListTooLong) {
		b.tooLongUntil = time.Now().Add(tooLongMemory)
	}
	b.mu.Unlock()
	close(f.done)
}

// lookup returns a copy of the object with key from snap.
func (s *snapshot[T]) lookup(key string) (*T, bool) {
	obj, ok := s.byKey[key]
	if !ok {
		return nil, false
	}
	return &obj, true
}

// ReadIndex returns one index like DescribeIndex, but from a list shared by
// every reader of this client (one request for a whole refresh). An index
// the list does not show (just created, or gone) is described directly, so
// a 404 still means the index does not exist.
func (c *Client) ReadIndex(ctx context.Context, name string) (*IndexModel, error) {
	return c.indexes.read(ctx, name)
}

// read answers from a shared list, else with a describe.
func (b *board[T]) read(ctx context.Context, key string) (*T, error) {
	snap, err := b.list(ctx, time.Time{})
	if err == nil {
		if obj, ok := snap.lookup(key); ok {
			return obj, nil
		}
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return b.describe(ctx, key)
}

// add registers a waiter and makes sure the loop runs. Without an
// expectation (see firstLook), a waiter that joins while the loop is busy
// takes its first look poll.Initial after the loop's last list rather than
// calling for a list of its own: waiters that arrive one by one (creates
// finishing at different times) then do not each add a request. With one,
// its first look is already placed where the earlier waits say it is worth
// taking; an object that is done at once (no delay) is then not held back
// to the next tick. Lists stay apart all the same: a list serves every
// waiter registered before it started, and none of them looks again sooner
// than expectationMinStep (doubled after a 429) after it.
func (b *board[T]) add(ctx context.Context, w *boardWaiter[T], expected bool) {
	b.mu.Lock()
	if next := b.lastList.Add(b.c.poll.Initial); !expected && len(b.waiters) > 0 && next.After(w.due) {
		w.due = next
	}
	b.waiters[w] = struct{}{}
	start := !b.running
	b.running = true
	b.mu.Unlock()
	if start {
		go b.loop(context.WithoutCancel(ctx))
	}
	b.nudge()
}

func (b *board[T]) remove(w *boardWaiter[T]) {
	b.mu.Lock()
	delete(b.waiters, w)
	b.mu.Unlock()
	b.nudge()
}

// reschedule sets when a waiter wants its next list.
func (b *board[T]) reschedule(w *boardWaiter[T], due time.Time) {
	b.mu.Lock()
	w.due = due
	b.mu.Unlock()
	b.nudge()
}

func (b *board[T]) nudge() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// earliestDue is the soonest due time of the waiters; ok is false when
// none is left (the loop then ends).
func (b *board[T]) earliestDue() (time.Time, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.waiters) == 0 {
		b.running = false
		return time.Time{}, false
	}
	var first time.Time
	for w := range b.waiters {
		if first.IsZero() || w.due.Before(first) {
			first = w.due
		}
	}
	return first, true
}

// loop lists whenever a waiter is due and hands the list to every due
// waiter. It ends when no waiter is left; add starts it again.
func (b *board[T]) loop(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		due, ok := b.earliestDue()
		if !ok {
			return
		}
		if d := time.Until(due); d > 0 {
			timer.Reset(d)
			select {
			case <-timer.C:
			case <-b.wake:
				timer.Stop() // Go 1.23+ timers: no stale value to drain
			}
			continue // the waiters may have changed: look again
		}
		started := time.Now()
		b.mu.Lock()
		b.lastList = started
		b.mu.Unlock()
		if b.count() == 1 {
			b.deliver(started, boardObservation[T]{alone: true})
			continue
		}
		snap, err := b.list(ctx, due)
		b.deliver(started, boardObservation[T]{snap: snap, err: err})
	}
}

func (b *board[T]) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.waiters)
}

// deliver hands obs to every waiter registered before the list started,
// due or not: a list costs the same for one waiter or all, and waiters that
// take every list fall into one cadence (the most urgent one's) instead of
// each calling for lists of their own at staggered times. A lone waiter's
// observation (alone) goes only to waiters that are due.
func (b *board[T]) deliver(started time.Time, obs boardObservation[T]) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for w := range b.waiters {
		if w.added.After(started) || (obs.alone && w.due.After(started)) {
			continue
		}
		w.due = started.Add(time.Hour) // until the waiter reschedules
		select {
		case w.ch <- obs:
		default: // it has not taken the last one yet; it will ask again
		}
	}
}

// pace stretches a waiter's poll interval while Pinecone has recently asked
// this client to slow down (a 429): the loop then lists half as often, and
// goes back to its pace once the 429s are rateLimitMemory behind.
func (c *Client) pace(d time.Duration) time.Duration {
	if c.rt != nil && time.Since(c.rt.gate.lastHeld()) < rateLimitMemory {
		return 2 * d
	}
	return d
}

// waitOn is waitFor on a board: it returns the last state seen and the
// outcome, with the same rules (on404, check) as waitFor.
func waitOn[T any](ctx context.Context, b *board[T], what, key string, kind waitKind, on404 notFoundRule,
	check func(*T) (done bool, state string, err error),
) (*T, error) {
	now := time.Now()
	due, expected := b.firstLook(kind, now)
	w := &boardWaiter[T]{key: key, added: now, due: due, ch: make(chan boardObservation[T], 1)}
	b.add(ctx, w, expected)
	defer b.remove(w)
	start, last, lastState := time.Now(), (*T)(nil), ""
	// notDoneAt is how long into the wait the object was last seen not done
	// yet: with the look that finds it done, it brackets how long it took.
	var notDoneAt time.Duration
	for {
		var obs boardObservation[T]
		select {
		case obs = <-w.ch:
		case <-ctx.Done():
			return last, &WaitError{What: what, LastState: lastState, Elapsed: time.Since(start), Err: ctx.Err()}
		}
		obj, found, seenAt, err := b.observe(ctx, obs, key, on404, start)
		if errors.Is(err, ErrNotFound) && on404 == notFoundDone {
			b.learn(kind, notDoneAt, seenAt.Sub(start))
			return last, nil
		}
		if err != nil {
			if ctx.Err() != nil {
				return last, &WaitError{What: what, LastState: lastState, Elapsed: time.Since(start), Err: ctx.Err()}
			}
			return last, err
		}
		if found {
			last = obj
			done, state, cerr := check(obj)
			if state != "" {
				lastState = state
			}
			if cerr != nil {
				return last, cerr
			}
			if done {
				b.learn(kind, notDoneAt, seenAt.Sub(start))
				return last, nil
			}
		} else {
			lastState = "not visible yet"
		}
		notDoneAt = seenAt.Sub(start)
		b.reschedule(w, b.nextLook(kind, start, time.Now()))
	}
}

// observe finds the object in a list. When the list failed, or does not
// show the object and that may be eventual consistency (a create moments
// ago), or the waiter is alone, it describes the object itself. It returns
// ErrNotFound for an object that is gone; found is false while it is "not
// visible yet". seenAt is when the state it answers with was read: the
// start of the list, or of the describe.
func (b *board[T]) observe(ctx context.Context, obs boardObservation[T], key string, on404 notFoundRule, start time.Time) (obj *T, found bool, seenAt time.Time, err error) {
	if !obs.alone && obs.err == nil {
		seenAt = obs.snap.started
		if obj, ok := obs.snap.lookup(key); ok {
			return obj, true, seenAt, nil
		}
		switch {
		case on404 == notFoundDone:
			return nil, false, seenAt, ErrNotFound
		case on404 == notFoundEarly && time.Since(start) < notFoundGrace:
			return nil, false, seenAt, nil
		}
	}
	seenAt = time.Now()
	obj, err = b.describe(ctx, key)
	if errors.Is(err, ErrNotFound) && on404 == notFoundEarly && time.Since(start) < notFoundGrace {
		return nil, false, seenAt, nil
	}
	if err != nil {
		if obs.err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(obs.err, errListTooLong) {
			return nil, false, seenAt, fmt.Errorf("%w (the shared list failed too: %w)", err, obs.err)
		}
		return nil, false, seenAt, err
	}
	return obj, true, seenAt, nil
}

// An expectation is what the waits that already ended on a board say about
// the next one of the same kind: objects created (or deleted) together by
// one Terraform run tend to take about as long as each other, and with
// -parallelism the later ones start when the earlier ones end. Each ended
// wait brackets its duration between the last look that found the object
// not done and the look that found it done; the expectation keeps the
// overlap of those brackets (or the latest, when they disagree).
//
// A waiter with an expectation looks half as often before the bracket,
// expectationLooks times within it (the last look at its end, where the
// earlier objects were already done), and at the usual pace after it. An
// object that takes as long as the ones before is then seen within a
// fraction of the bracket rather than one poll interval, for fewer
// requests; one that is faster is seen at most one doubled interval late.
type expectation struct {
	lo, hi time.Duration
}

// expectationLooks is how many looks cover an expectation's bracket, at
// least expectationMinStep apart.
const (
	expectationLooks   = 4
	expectationMinStep = 50 * time.Millisecond
)

// learn records that a wait of this kind ended, its object seen not done
// at lo and done at hi into the wait.
func (b *board[T]) learn(kind waitKind, lo, hi time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.expect[kind] = b.expect[kind].merge(lo, hi)
}

// merge narrows e to its overlap with the bracket [lo, hi], or replaces it
// when they do not overlap (or e is empty).
func (e expectation) merge(lo, hi time.Duration) expectation {
	lo = min(lo, hi)
	if e.hi > 0 && lo <= e.hi && hi >= e.lo {
		return expectation{lo: max(e.lo, lo), hi: min(e.hi, hi)}
	}
	return expectation{lo: lo, hi: hi}
}

// step is the spacing of the looks inside the bracket.
func (e expectation) step() time.Duration {
	return max(expectationMinStep, (e.hi-e.lo)/expectationLooks)
}

// shape adjusts d, the usual interval at elapsed into a wait, to the
// expectation.
func (e expectation) shape(elapsed, d time.Duration) time.Duration {
	if e.hi <= 0 {
		return d // nothing learned (or every wait ended at its first look)
	}
	switch firstInside := e.lo + e.step(); {
	case elapsed < firstInside-e.step():
		// before the bracket: half as often, but be there when it opens
		return max(min(2*d, firstInside-elapsed), minPollInterval)
	case elapsed < e.hi:
		return min(d, e.step())
	}
	return d
}

// nextLook is when a waiter of this kind that started at start wants its
// next look, seen from now: the poll interval for the time spent, shaped by
// the board's expectation, doubled after a 429 (see pace).
func (b *board[T]) nextLook(kind waitKind, start, now time.Time) time.Time {
	elapsed := now.Sub(start)
	b.mu.Lock()
	e := b.expect[kind]
	b.mu.Unlock()
	return now.Add(b.c.pace(e.shape(elapsed, b.c.poll.interval(elapsed))))
}

// firstLook is when a new waiter of this kind takes its first look: after
// batchWindow, so waiters that arrive together share it, or where the
// expectation puts it (doubled after a 429, like every later look).
func (b *board[T]) firstLook(kind waitKind, now time.Time) (due time.Time, expected bool) {
	b.mu.Lock()
	e := b.expect[kind]
	b.mu.Unlock()
	if e.hi <= 0 {
		return now.Add(batchWindow), false
	}
	return now.Add(max(batchWindow, b.c.pace(e.shape(0, b.c.poll.interval(0))))), true
}

// A waitKind names what a wait waits for, so that the board's expectations
// do not mix a create's readiness with that of a configuration change.
type waitKind string

const (
	waitCreated waitKind = "created" // ready after a create
	waitChanged waitKind = "changed" // ready again after a change or a restore
	waitDeleted waitKind = "deleted" // gone after a delete
)
