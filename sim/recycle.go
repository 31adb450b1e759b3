package sim

import "sync"

// A run's result outlives the run: its per-interval buckets (about a
// megabyte for two queues over a week of quarter hours) and wait
// histograms are the caller's. A sweep of thousands of replications that summarises each
// variant and drops its results would otherwise allocate, zero and fault
// in that memory afresh for every run, and two workers doing so side by
// side share one memory bus. Recycle lets such a caller hand the memory
// back; the next run of any plan takes it from a pool, still warm in the
// cache.

// storage is the memory of a Result that a run allocates for its
// caller, handed back by Recycle: each queue's and each agent group's
// buckets (with the warm-up's discard bucket after the reported ones), and
// histogram counts, histBins long. The two come back apart (a caller may
// keep a result's totals and histograms and hand its buckets back first),
// so they are pooled apart.
type storage struct {
	qiv    [][]QueueInterval
	ait    [][]AgentTime
	counts [][]int64
}

var (
	bucketPool sync.Pool // of *storage holding qiv and ait
	countPool  sync.Pool // of *storage holding counts
)

// takeStorage returns recycled storage, or empty storage when the pools
// have none.
func takeStorage() *storage {
	st := new(storage)
	if b, ok := bucketPool.Get().(*storage); ok {
		st.qiv, st.ait = b.qiv, b.ait
	}
	if c, ok := countPool.Get().(*storage); ok {
		st.counts = c.counts
	}
	return st
}

// buckets returns the i-th zeroed slice of n buckets, reusing the i-th of
// recycled when it is large enough.
func buckets[T any](recycled [][]T, i, n int) []T {
	if i < len(recycled) && cap(recycled[i]) >= n {
		s := recycled[i][:n]
		clear(s)
		return s
	}
	return make([]T, n)
}

// spareCounts returns zeroed histogram counts from the run's storage, or
// new ones: the first wait a histogram counts calls it (see addWait).
func (e *engine) spareCounts() []int64 {
	st := e.store
	if n := len(st.counts); n > 0 {
		c := st.counts[n-1]
		st.counts = st.counts[:n-1]
		clear(c)
		return c
	}
	return make([]int64, histBins)
}

// addWait counts a wait of ms in h, giving h recycled counts if it has
// none yet.
func (e *engine) addWait(h *WaitHistogram, ms int64) {
	if h.Counts == nil && ms != 0 {
		h.Counts = e.spareCounts()
	}
	h.Add(ms)
}

// Recycle hands back the memory of a result the caller has finished with,
// for a later run (of any plan, in any goroutine) to reuse instead of
// allocating its own. It is optional: a result that is simply dropped is
// collected as usual.
//
// r must not be used afterwards, nor anything taken from it: its
// per-interval buckets and wait histograms are emptied, and their memory
// will hold another run's counts.
func Recycle(r *Result) {
	b, c := new(storage), new(storage)
	for i := range r.Queues {
		q := &r.Queues[i]
		for _, h := range []*WaitHistogram{&q.Waits, &q.CallbackScheduled, &q.CallbackInQueue} {
			if len(h.Counts) == histBins {
				c.counts = append(c.counts, h.Counts)
			}
			*h = WaitHistogram{}
		}
		// A run's buckets end with its discard bucket, past the
		// reported ones (see finish).
		if cap(q.Intervals) > 0 {
			b.qiv = append(b.qiv, q.Intervals[:cap(q.Intervals)])
		}
		q.Intervals = nil
	}
	for i := range r.Agents {
		a := &r.Agents[i]
		if cap(a.Intervals) > 0 {
			b.ait = append(b.ait, a.Intervals[:cap(a.Intervals)])
		}
		a.Intervals = nil
	}
	if len(b.qiv)+len(b.ait) > 0 {
		bucketPool.Put(b)
	}
	if len(c.counts) > 0 {
		countPool.Put(c)
	}
}

// scratch is memory of an engine's own that does not outlive its run: the
// contact pool and its free list, which grow to the most contacts in the
// system at once. Runs hand it on through scratchPool, so that a sweep's
// replications do not each grow their own afresh.
type scratch struct {
	contacts []contact
	free     []int32
}

var scratchPool sync.Pool // of *scratch

// takeScratch gives e an earlier run's contact pool and free list, empty,
// when there is one. (Contacts are appended whole, so nothing needs
// zeroing.)
func (e *engine) takeScratch() {
	if sc, ok := scratchPool.Get().(*scratch); ok {
		e.contacts, e.free = sc.contacts[:0], sc.free[:0]
	}
}

// putScratch hands e's contact pool and free list on to a later run; e
// must not run again.
func (e *engine) putScratch() {
	scratchPool.Put(&scratch{contacts: e.contacts, free: e.free})
	e.contacts, e.free = nil, nil
	if len(e.store.counts) > 0 {
		// Histogram counts this run did not need.
		countPool.Put(&storage{counts: e.store.counts})
		e.store.counts = nil
	}
}
