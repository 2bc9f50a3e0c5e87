package emulator

import (
	"maps"
	"sync"
)

// faultKeys are the keys of Faulted, always present.
var faultKeys = []string{"429", "500", "503", "dropped"}

type statsCounter struct {
	mu       sync.Mutex
	requests map[string]int64
	faulted  map[string]int64
}

func newStatsCounter() *statsCounter {
	c := &statsCounter{}
	c.reset()
	return c
}

func (c *statsCounter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests = make(map[string]int64)
	c.faulted = make(map[string]int64, len(faultKeys))
	for _, k := range faultKeys {
		c.faulted[k] = 0
	}
}

func (c *statsCounter) countRequest(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests[key]++
}

func (c *statsCounter) countFault(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.faulted[key]++
}

func (c *statsCounter) snapshot() (requests, faulted map[string]int64, total int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, n := range c.requests {
		total += n
	}
	return maps.Clone(c.requests), maps.Clone(c.faulted), total
}

// Stats returns how many requests reached each endpoint, keyed
// "METHOD /route" with the spec's path templates (e.g. "GET
// /indexes/{index_name}"). Every request is counted, including those answered
// with injected faults or auth failures; requests to unknown paths are counted
// under "METHOD <unmatched>". Requests to /_emulator/ are not counted.
func (s *Server) Stats() map[string]int64 {
	r, _, _ := s.stats.snapshot()
	return r
}

// Faulted returns how many responses were injected, keyed "429", "500",
// "503" and "dropped" (these keys always present), plus "delayed" (requests
// that got Faults.Latency) and the status of Faults.ForceStatus answers
// (e.g. "402") once there has been one.
func (s *Server) Faulted() map[string]int64 {
	_, f, _ := s.stats.snapshot()
	return f
}

// ResetStats sets every counter of Stats and Faulted back to zero.
func (s *Server) ResetStats() {
	s.stats.reset()
}
