// Package kernel is the virtual clock of a discrete-event simulation: a
// current time, a heap of pending events, and the loop that hands them out
// in order. It knows nothing of what the events mean.
//
// It is modelled on SimPy's core (Environment.schedule, step and run) and on
// the Go runtime's timer heap: events are small values in one flat 4-ary
// heap, so scheduling and stepping never allocate once the heap has grown
// to a run's high-water mark; equal times are broken by scheduling order, so
// a run is deterministic whatever the heap's layout. Sifting down picks the
// earliest of four children without branches (a branch there is a coin
// toss the predictor loses half the time): the hold model's pop and push
// went from 14.5 to 23.5 million a second.
//
// Cancellation is lazy. An event may carry a generation (Gen != 0): the
// owner of the thing it refers to bumps its own generation to cancel every
// event it set, in O(1), and tells the kernel how many it killed with
// [Kernel.Kill]. The kernel asks the owner's liveness test only about
// events with a generation, skips dead ones, and, when dead events come to
// dominate the heap (a quarter of it, as the Go runtime's timers do),
// rebuilds the heap without them, so a long run under heavy load does not
// carry thousands of expiry and patience timers that will never fire.
//
// A recurring source that always has exactly one event pending (a stream
// of arrivals) may keep it in a slot beside the heap instead ([Kernel.Slots],
// [Kernel.SetSlot]): in a plain queue half the events are arrivals, and a
// slot saves each of them a push and a pop, in the same order.
package kernel

import (
	"math"
	"math/bits"
)

// Time is simulated time in milliseconds since the start of the run.
type Time = int64

// Event is one scheduled happening. Kind, Ref, Arg and Gen are the owner's:
// typically Kind says what happens, Ref to what, Arg carries a detail, and
// Gen the generation of Ref when the event was set (0 for events that are
// never cancelled).
type Event struct {
	At   Time
	seq  uint64
	Ref  int32
	Arg  int32
	Gen  uint32
	Kind uint8
}

// before orders events by time, then by the order they were scheduled.
func (e *Event) before(o *Event) bool {
	return e.At < o.At || (e.At == o.At && e.seq < o.seq)
}

// earlier is 1 if e is before o, else 0, computed without a branch:
// (At, seq) compared as one 128-bit unsigned number (At is never
// negative) by subtracting with borrow. Which of two children is earlier
// is a coin toss the branch predictor cannot learn; arithmetic costs less
// than its misses.
func earlier(e, o *Event) int {
	_, b := bits.Sub64(e.seq, o.seq, 0)
	_, b = bits.Sub64(uint64(e.At), uint64(o.At), b)
	return int(b)
}

// minOf4 returns the index of the earliest of four sibling events, as a
// knock-out (0 against 1 and 2 against 3, then the winners), without
// branches.
func minOf4(c *[4]Event) int {
	m01 := earlier(&c[1], &c[0])     // 0 or 1
	m23 := 2 + earlier(&c[3], &c[2]) // 2 or 3
	return m01 + ((m23 - m01) & -earlier(&c[m23], &c[m01]))
}

// Kernel is the clock and the event heap of one simulation run. The zero
// value is not usable: call [New].
type Kernel struct {
	now  Time
	ev   []Event // 4-ary min-heap on (At, seq)
	seq  uint64
	dead int // events in ev known to be cancelled
	live func(Event) bool
	// slots hold the one pending event of each recurring source (see
	// SetSlot), outside the heap; first is the slot with the earliest,
	// or -1 when every slot is empty.
	slots []Event
	first int

	// Dropped counts the cancelled events skipped or compacted away;
	// Compactions the heap rebuilds. (The owner counts the events it
	// handles, in a register.)
	Dropped, Compactions uint64
}

// New returns a kernel at time 0. live reports whether an event with a
// generation is still wanted; it is called only for events with Gen != 0.
func New(live func(Event) bool) *Kernel {
	k := new(Kernel)
	k.Init(live)
	return k
}

// Init readies a kernel embedded in its owner's struct (which saves a
// pointer hop on every step): time 0, no events.
func (k *Kernel) Init(live func(Event) bool) {
	*k = Kernel{live: live, first: -1}
}

// noSlot marks an empty slot.
const noSlot = Time(math.MaxInt64)

// Slots gives the kernel n slots for recurring event sources, such as a
// stream of arrivals, each of which always has exactly one event pending
// (its next). Such an event waits in its slot instead of the heap, which
// saves a push and a pop per event: in a plain queue, half the events are
// arrivals. Order is unchanged: a slot's event is numbered in the same
// sequence as every other event, and the earliest of the heap's top and
// the slots goes first.
func (k *Kernel) Slots(n int) {
	k.slots = make([]Event, n)
	for i := range k.slots {
		k.slots[i].At = noSlot
	}
	k.first = -1
}

// SetSlot schedules the next event of source i at absolute time at. The
// slot must be empty: its previous event has been handed out.
func (k *Kernel) SetSlot(i int, at Time, kind uint8, ref int32) {
	k.seq++
	k.slots[i] = Event{At: at, seq: k.seq, Kind: kind, Ref: ref}
	if k.first < 0 || k.slots[i].before(&k.slots[k.first]) {
		k.first = i
	}
}

// nextSlot finds the slot with the earliest event.
func (k *Kernel) nextSlot() {
	k.first = -1
	for i := range k.slots {
		if k.slots[i].At != noSlot && (k.first < 0 || k.slots[i].before(&k.slots[k.first])) {
			k.first = i
		}
	}
}

// Now is the current simulated time: the time of the last event handed out.
func (k *Kernel) Now() Time { return k.now }

// Len is the number of pending events in the heap, dead ones included
// (slots not counted).
func (k *Kernel) Len() int { return len(k.ev) }

// Dead is the number of pending events known to be cancelled.
func (k *Kernel) Dead() int { return k.dead }

// At schedules an event at absolute time at, which must not be before Now.
func (k *Kernel) At(at Time, kind uint8, ref, arg int32, gen uint32) {
	k.push(Event{At: at, Kind: kind, Ref: ref, Arg: arg, Gen: gen})
}

// After schedules an event d milliseconds from now.
func (k *Kernel) After(d Time, kind uint8, ref, arg int32, gen uint32) {
	k.push(Event{At: k.now + d, Kind: kind, Ref: ref, Arg: arg, Gen: gen})
}

// Kill tells the kernel that n pending events have just been cancelled by
// their owner. It compacts the heap when dead events reach a quarter of it.
func (k *Kernel) Kill(n int) {
	if n <= 0 {
		return
	}
	k.dead += n
	if k.dead >= compactMin && 4*k.dead >= len(k.ev) {
		k.compact()
	}
}

// compactMin keeps small heaps from being rebuilt over and over: below it,
// skipping a few dead events is cheaper than a rebuild.
const compactMin = 256

// Next removes the earliest live event before until, advances the clock to
// it and returns it. It returns false, leaving the clock where it was, when
// no live event falls before until.
func (k *Kernel) Next(until Time) (Event, bool) {
	if f := k.first; f >= 0 && (len(k.ev) == 0 || k.slots[f].before(&k.ev[0])) {
		ev := k.slots[f]
		if ev.At >= until {
			return Event{}, false
		}
		k.slots[f].At = noSlot
		k.nextSlot()
		k.now = ev.At
		return ev, true
	}
	for len(k.ev) > 0 && k.ev[0].At < until {
		// Pop, with the sift-down inlined (this is the simulation's
		// innermost loop) and done with a hole: the smallest child moves
		// up into it, and the last event is written once, where it
		// belongs.
		a := k.ev
		ev := a[0]
		n := len(a) - 1
		last := a[n]
		a = a[:n]
		k.ev = a
		if n > 0 {
			i := 0
			for {
				c := 4*i + 1
				if c >= n {
					break
				}
				m := c
				if c+3 < n {
					// minOf4, written out: it is too big for the
					// compiler to inline, and a call per level of
					// the innermost loop shows.
					ch := (*[4]Event)(a[c : c+4])
					m01 := earlier(&ch[1], &ch[0])
					m23 := 2 + earlier(&ch[3], &ch[2])
					m += m01 + ((m23 - m01) & -earlier(&ch[m23], &ch[m01]))
				} else {
					for j := c + 1; j < n; j++ {
						if a[j].before(&a[m]) {
							m = j
						}
					}
				}
				if !a[m].before(&last) {
					break
				}
				a[i] = a[m]
				i = m
			}
			a[i] = last
		}
		if ev.Gen != 0 && !k.live(ev) {
			if k.dead > 0 {
				k.dead--
			}
			k.Dropped++
			// A slot's event may now be the earliest.
			if f := k.first; f >= 0 && (len(k.ev) == 0 || k.slots[f].before(&k.ev[0])) {
				return k.Next(until)
			}
			continue
		}
		k.now = ev.At
		return ev, true
	}
	return Event{}, false
}

// compact drops every dead event and restores the heap order. Pop order of
// the live events is unchanged: (At, seq) is a total order.
func (k *Kernel) compact() {
	a := k.ev[:0]
	for _, ev := range k.ev {
		if ev.Gen == 0 || k.live(ev) {
			a = append(a, ev)
		}
	}
	k.Dropped += uint64(len(k.ev) - len(a))
	clear(k.ev[len(a):])
	k.ev = a
	k.dead = 0
	k.Compactions++
	if len(a) > 1 {
		for i := (len(a) - 2) / 4; i >= 0; i-- {
			k.down(i)
		}
	}
}

func (k *Kernel) push(e Event) {
	k.seq++
	e.seq = k.seq
	k.ev = append(k.ev, e)
	a := k.ev
	// Sift up with a hole: parents move down into it, and e is written
	// once, where it belongs (half the writes of swapping).
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !e.before(&a[p]) {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = e
}

// down sifts the event at i toward the leaves.
func (k *Kernel) down(i int) {
	a := k.ev
	n := len(a)
	e := a[i]
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		if c+3 < n {
			m += minOf4((*[4]Event)(a[c : c+4]))
		} else {
			for j := c + 1; j < n; j++ {
				if a[j].before(&a[m]) {
					m = j
				}
			}
		}
		if !a[m].before(&e) {
			break
		}
		a[i] = a[m]
		i = m
	}
	a[i] = e
}

// Cap is the capacity of the heap's backing array: what a run's memory
// for events amounts to.
func (k *Kernel) Cap() int { return cap(k.ev) }

// AdvanceTo moves the clock forward to t without handing out an event, as
// when a run ends at its horizon. It never moves the clock back.
func (k *Kernel) AdvanceTo(t Time) {
	if t > k.now {
		k.now = t
	}
}
