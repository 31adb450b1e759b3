package fit

import (
	"math"
	"testing"
)

func TestPIRank(t *testing.T) {
	for _, tc := range []struct {
		n     int
		level float64
		k     int
		cov   float64
	}{
		{20, 0.9, 1, 19.0 / 21},
		{100, 0.9, 5, 91.0 / 101},
		{39, 0.95, 1, 38.0 / 40},
		{5, 0.9, 1, 4.0 / 6}, // too few for the level: the range, and its coverage says so
	} {
		k := PIRank(tc.n, tc.level)
		if k != tc.k || math.Abs(Coverage(tc.n, k)-tc.cov) > 1e-12 {
			t.Errorf("n=%d level %v: k=%d coverage %v, want %d and %v", tc.n, tc.level, k, Coverage(tc.n, k), tc.k, tc.cov)
		}
	}
}

// TestTallies_ConnectServiceLevel counts one interval by hand: the
// service level is Connect's, removed from queue within the threshold
// over removed (answered, abandoned, callback taken); blocked calls are
// offered but never queued.
func TestTallies_ConnectServiceLevel(t *testing.T) {
	rd := NewReader(ReadOptions{})
	q := rd.queueIndex([]byte("Q"))
	h := NewHistory(rd, 30*60e9, 20e9)
	base := int64(1717405200000) // 2024-06-03 09:00Z
	for i, c := range []struct {
		agent, next, queued bool
		wait                int64
	}{
		{agent: true, queued: true, wait: 5},
		{agent: true, queued: true, wait: 25},
		{queued: true, wait: 10},             // abandoned within 20 s
		{next: true, queued: true, wait: 60}, // took a callback
		{},                                   // blocked
	} {
		r := &Record{}
		r.reset()
		r.Method, r.Queue, r.Initiation = MethodInbound, q, base+int64(i)*1000
		if c.queued {
			r.Enqueue, r.QueueDuration = r.Initiation, c.wait
		}
		if c.agent {
			r.ConnectedToAgent = r.Initiation + c.wait*1000
		}
		if c.next {
			r.Next = 7
		}
		h.Add(r)
	}
	from, to, ok := h.Period()
	if !ok {
		t.Fatal("no period")
	}
	c := h.Tallies([]string{"Q"}, from, to).cells[0][0]
	want := map[string]float64{MOffered: 5, MHandled: 2, MAbandoned: 1, MCallbacks: 1, MSL: 50, MASA: 15}
	for m, w := range want {
		if got := c.value(m); got != w {
			t.Errorf("%s = %v, want %v", m, got, w)
		}
	}
}

// TestFitter_LegsWithoutInitialContactID: records without
// InitialContactId still tell retry legs from first ones, and count the
// dials of one callback, by following PreviousContactId.
func TestFitter_LegsWithoutInitialContactID(t *testing.T) {
	rd := NewReader(ReadOptions{})
	f := NewFitter(rd, Options{})
	q := rd.queueIndex([]byte("CB"))
	leg := func(id, prev uint64, init int64) {
		r := &Record{}
		r.reset()
		r.present = fContactID | fMethod | fInitiation | fQueueName
		r.ID, r.Previous, r.Method, r.Queue, r.Initiation, r.Enqueue = id, prev, MethodCallback, q, init, init+99_000
		f.Add(r)
	}
	leg(10, 1, 0)        // first leg of inbound call 1
	leg(11, 10, 200_000) // its retry, 600 s
	leg(12, 11, 900_000) // and another
	leg(20, 2, 0)        // first leg of inbound call 2
	a := f.qs[q]
	if a.firstLegs != 2 || a.retryLegs != 2 || a.maxDials != 3 {
		t.Errorf("first %d, retries %d, most dials %d; want 2, 2, 3", a.firstLegs, a.retryLegs, a.maxDials)
	}
}
