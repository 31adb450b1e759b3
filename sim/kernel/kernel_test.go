package kernel

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestNext_timeThenSchedulingOrder(t *testing.T) {
	k := New(func(Event) bool { return true })
	// Equal times run in the order they were scheduled, whatever the
	// heap's layout.
	k.At(5, 1, 0, 0, 0)
	k.At(3, 2, 0, 0, 0)
	k.At(5, 3, 0, 0, 0)
	k.At(3, 4, 0, 0, 0)
	k.At(9, 5, 0, 0, 0)
	var got []uint8
	for {
		ev, ok := k.Next(9)
		if !ok {
			break
		}
		got = append(got, ev.Kind)
		if k.Now() != ev.At {
			t.Errorf("Now() = %d after an event at %d", k.Now(), ev.At)
		}
	}
	if want := []uint8{2, 4, 1, 3}; !slices.Equal(got, want) {
		t.Errorf("kinds in order %v, want %v (the event at 9 is not before the horizon 9)", got, want)
	}
	if k.Now() != 5 || k.Len() != 1 {
		t.Errorf("after the horizon: Now() = %d, Len() = %d; want 5 and the event at 9 still pending", k.Now(), k.Len())
	}
	k.After(1, 6, 0, 0, 0)
	if ev, _ := k.Next(100); ev.At != 6 || ev.Kind != 6 {
		t.Errorf("After(1) from 5 fired as %+v, want kind 6 at 6", ev)
	}
	k.AdvanceTo(3)
	if k.Now() != 6 {
		t.Errorf("AdvanceTo moved the clock back to %d", k.Now())
	}
	k.AdvanceTo(50)
	if k.Now() != 50 {
		t.Errorf("AdvanceTo(50): Now() = %d", k.Now())
	}
}

// TestCancelAndCompact drives the kernel with random timers on a few
// owners, cancelling them as a simulation does (bump the owner's
// generation, Kill the count), and checks against a plain sorted list that
// exactly the live events come out, in order, whether or not the heap was
// compacted on the way.
func TestCancelAndCompact(t *testing.T) {
	for _, owners := range []int{1, 3, 50} {
		gen := make([]uint32, owners)
		pending := make([]int, owners)
		for i := range gen {
			gen[i] = 1
		}
		k := New(func(ev Event) bool { return gen[ev.Ref] == ev.Gen })
		r := rand.New(rand.NewPCG(1, uint64(owners)))
		type want struct {
			at  Time
			seq int
		}
		var live []want
		seq := 0
		for range 20000 {
			o := r.IntN(owners)
			if r.IntN(4) == 0 {
				// Cancel everything owner o has pending.
				gen[o]++
				k.Kill(pending[o])
				pending[o] = 0
				continue
			}
			at := k.Now() + Time(r.IntN(1000))
			seq++
			k.At(at, 0, int32(o), int32(seq), gen[o])
			pending[o]++
		}
		// What is still wanted: each owner's events under its current
		// generation, in (time, scheduling) order.
		for _, ev := range k.ev {
			if ev.Gen == gen[ev.Ref] {
				live = append(live, want{ev.At, int(ev.Arg)})
			}
		}
		slices.SortFunc(live, func(a, b want) int {
			if a.at != b.at {
				return int(a.at - b.at)
			}
			return a.seq - b.seq
		})
		if owners > 1 && k.Compactions == 0 {
			t.Errorf("%d owners: a quarter of the heap dead never compacted it (dead %d of %d)", owners, k.Dead(), k.Len())
		}
		var got []want
		for {
			ev, ok := k.Next(1 << 40)
			if !ok {
				break
			}
			got = append(got, want{ev.At, int(ev.Arg)})
		}
		if !slices.Equal(got, live) {
			t.Fatalf("%d owners: %d events came out, want the %d live ones in order", owners, len(got), len(live))
		}
		if k.Len() != 0 || k.Dead() != 0 {
			t.Errorf("%d owners: drained heap has Len %d, Dead %d", owners, k.Len(), k.Dead())
		}
	}
}

func BenchmarkHoldModel(b *testing.B) {
	// The classic hold model: a heap of n events, each step pops the
	// earliest and schedules one a random time later. One op is a
	// million steps, so that make bench's -benchtime 3x measures.
	const n, steps = 1000, 1 << 20
	k := New(func(Event) bool { return true })
	r := rand.New(rand.NewPCG(1, 2))
	for range n {
		k.After(Time(r.IntN(1000)), 0, 0, 0, 0)
	}
	for b.Loop() {
		for range steps {
			k.Next(1 << 62)
			k.After(Time(r.IntN(1000)), 0, 0, 0, 0)
		}
	}
	b.ReportMetric(float64(b.N)*steps/b.Elapsed().Seconds(), "events/s")
}

// TestSlots: events in slots and in the heap come out in one (time,
// scheduling) order, exactly as if every event were in the heap,
// whatever the mix; dead heap events in front of a slot's event are
// skipped; until holds for slots too.
func TestSlots(t *testing.T) {
	gen := []uint32{1, 1}
	type out struct {
		at   Time
		kind uint8
	}
	run := func(useSlots bool) []out {
		k := New(func(ev Event) bool { return gen[ev.Ref] == ev.Gen })
		gen[0], gen[1] = 1, 1
		if useSlots {
			k.Slots(3)
		}
		r := rand.New(rand.NewPCG(3, 4))
		// Three recurring sources (kinds 0, 1, 2) and timers (kind 9)
		// on two owners, some cancelled.
		sched := func(src int, at Time) {
			if useSlots {
				k.SetSlot(src, at, uint8(src), int32(src))
			} else {
				k.At(at, uint8(src), int32(src), 0, 0)
			}
		}
		for src := range 3 {
			sched(src, Time(r.IntN(50)))
		}
		var got []out
		for len(got) < 5000 {
			ev, ok := k.Next(1 << 40)
			if !ok {
				break
			}
			got = append(got, out{ev.At, ev.Kind})
			if ev.Kind < 3 {
				sched(int(ev.Kind), k.Now()+Time(r.IntN(20))) // ties on purpose
				o := r.IntN(2)
				k.After(Time(r.IntN(30)), 9, int32(o), 0, gen[o])
				if r.IntN(5) == 0 {
					gen[o]++
				}
			}
		}
		if _, ok := k.Next(k.Now()); ok {
			t.Error("Next(until = now) handed out an event")
		}
		return got
	}
	with, without := run(true), run(false)
	if !slices.Equal(with, without) {
		for i := range min(len(with), len(without)) {
			if with[i] != without[i] {
				t.Fatalf("event %d: %+v with slots, %+v in the heap", i, with[i], without[i])
			}
		}
		t.Fatalf("%d events with slots, %d in the heap", len(with), len(without))
	}
}

// TestMinOf4: the branch-free knock-out picks the same child as comparing
// one by one, on random siblings with many equal times (ties go to the
// earlier scheduled), and on siblings that differ only in At's high bits
// or only in seq.
func TestMinOf4(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	check := func(c *[4]Event) {
		t.Helper()
		want := 0
		for j := 1; j < 4; j++ {
			if c[j].before(&c[want]) {
				want = j
			}
		}
		if got := minOf4(c); got != want {
			t.Fatalf("minOf4(%+v) = %d, want %d", *c, got, want)
		}
	}
	for range 100000 {
		var c [4]Event
		for j := range c {
			c[j] = Event{At: Time(r.IntN(3)), seq: uint64(r.IntN(1 << 20))}
		}
		// seq is unique among pending events.
		if c[0].seq == c[1].seq || c[0].seq == c[2].seq || c[0].seq == c[3].seq ||
			c[1].seq == c[2].seq || c[1].seq == c[3].seq || c[2].seq == c[3].seq {
			continue
		}
		check(&c)
	}
	check(&[4]Event{{At: 1 << 62, seq: 1}, {At: 1 << 40, seq: 2}, {At: 1 << 62, seq: 0}, {At: 1<<40 + 1, seq: 3}})
	check(&[4]Event{{At: 7, seq: math.MaxUint64}, {At: 7, seq: 1}, {At: 7, seq: math.MaxUint64 - 1}, {At: 7, seq: 2}})
}
