package acctest

import (
	"sync"
	"time"
)

// Clock drives the emulator's lifecycle in tests that need an object to stay
// in a transitional state (a collection still Initializing, a restore still
// running) at a precise moment. While running, every reading jumps an hour
// ahead, so with an emulator ReadyDelay of one hour anything becomes ready on
// the next request and Terraform's waits end at once; Freeze stops time, so
// whatever is created next stays Initializing until Resume.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	frozen bool
}

// ClockStep is how far each reading moves a running Clock; use it as the
// emulator's ReadyDelay.
const ClockStep = time.Hour

// NewClock starts a running clock at the current time.
func NewClock() *Clock { return &Clock{now: time.Now()} }

// Now is the emulator's time source (emulator.Options.Now).
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.frozen {
		c.now = c.now.Add(ClockStep)
	}
	return c.now
}

// Freeze stops the clock.
func (c *Clock) Freeze() { c.set(true) }

// Resume lets the clock run again.
func (c *Clock) Resume() { c.set(false) }

func (c *Clock) set(frozen bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen = frozen
}

// Advance moves the clock forward by d (frozen or not), e.g. past the due
// times of a backup schedule.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
