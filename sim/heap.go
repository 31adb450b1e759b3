package sim

// event is one scheduled happening. It is a small value type so that the
// heap is a flat slice: pushing and popping never allocate once the slice
// has grown to the run's high-water mark.
//
// Events are never removed from the heap. A timer that is no longer wanted
// (an abandonment timer when the caller is answered, an expiry timer when a
// callback is handled) is cancelled lazily: it carries the generation of its
// contact at the time it was set, and is ignored on pop if the contact has
// moved on since. That makes cancellation O(1) with no search of the heap.
type event struct {
	at   int64  // simulated time, ms since the scenario start
	seq  uint64 // insertion order: breaks ties so equal times run FIFO
	ref  int32  // contact, agent, queue or stream index, by kind
	gen  uint32 // contact generation for lazily cancelled timers
	kind evKind
}

// before orders events by time, then by insertion sequence, which makes
// every run deterministic whatever the heap's internal layout.
func (e *event) before(o *event) bool {
	return e.at < o.at || (e.at == o.at && e.seq < o.seq)
}

// eventHeap is a 4-ary min-heap of events, keyed by (at, seq).
//
// A 4-ary heap is shallower than a binary one and its children share cache
// lines, which is why the Go runtime's timer heap uses the same shape
// (runtime/time.go). The API follows container/heap's names without its
// interface, whose boxing costs two allocations per push and pop.
type eventHeap struct {
	ev  []event
	seq uint64
}

// Len returns the number of pending events.
func (h *eventHeap) Len() int { return len(h.ev) }

// Push schedules e, stamping it with the next sequence number.
func (h *eventHeap) Push(e event) {
	h.seq++
	e.seq = h.seq
	h.ev = append(h.ev, e)
	a := h.ev
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !a[i].before(&a[p]) {
			break
		}
		a[i], a[p] = a[p], a[i]
		i = p
	}
}

// Peek returns the earliest event without removing it. The heap must not
// be empty.
func (h *eventHeap) Peek() *event { return &h.ev[0] }

// Pop removes and returns the earliest event. The heap must not be empty.
func (h *eventHeap) Pop() event {
	a := h.ev
	top := a[0]
	n := len(a) - 1
	a[0] = a[n]
	a = a[:n]
	h.ev = a
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		end := min(c+4, n)
		for j := c + 1; j < end; j++ {
			if a[j].before(&a[m]) {
				m = j
			}
		}
		if !a[m].before(&a[i]) {
			break
		}
		a[i], a[m] = a[m], a[i]
		i = m
	}
	return top
}
