package sim

import "math"

// Per-interval statistics.
//
// Contact counts are filed under the interval in which the contact arrived
// (for a callback: in which it was requested), as workforce-management tools
// report them; agent time and the time-weighted Scheduled, In-queue and
// booked counts are filed under the interval in which the time passed, split at
// interval boundaries. Intervals are folded onto the reporting cycle (the
// forecast's period, or a week), so a one-year run reports a typical week
// and memory does not grow with the horizon; through a daylight-saving
// change, by their wall-clock place (model.Grid). Everything before the warm-up
// goes to a discard bucket that is never reported.

// ivalOf returns the statistics bucket of instant t: its interval within
// the cycle, or the discard bucket (index n) before the warm-up.
func (e *engine) ivalOf(t int64) int32 {
	if t < e.p.warmup {
		return int32(e.p.nIntervals)
	}
	return int32(e.p.bucket(t / e.p.interval))
}

// curBucket returns the bucket of the current instant, ivalOf(now), from
// the engine's cache (refreshed by newSeg once per interval).
func (e *engine) curBucket() int32 {
	if e.now() >= e.segTo {
		e.newSeg()
	}
	return e.segB
}

// newSeg fills the cache of curBucket for the current instant: the
// longest span around it filed under one bucket. Before the warm-up that
// is [0, warm-up), the discard bucket; after, the rest of the instant's
// interval (which starts at the warm-up at the latest).
func (e *engine) newSeg() {
	now, iv, w := e.now(), e.p.interval, e.p.warmup
	if now < w {
		e.segFrom, e.segTo, e.segB = 0, w, int32(e.p.nIntervals)
		return
	}
	k := now / iv
	e.segFrom, e.segTo, e.segB = max(w, k*iv), (k+1)*iv, int32(e.p.bucket(k))
}

// within returns the one bucket the span [from, now) lies in, when it lies
// in one (the common case, which then needs no call of spread); ok is false
// for an empty span. A span that ends exactly at a bucket's start is
// reported as not within (spread then files it whole under the bucket
// before).
func (e *engine) within(from int64) (b int32, ok bool) {
	b = e.curBucket()
	if from >= e.segFrom {
		return b, e.now() > from
	}
	return 0, false
}

// spread files the span [from, to) under the buckets it crosses, calling
// add with each bucket and the part of the span in it.
func (e *engine) spread(from, to int64, add func(b int32, dt int64)) {
	iv := e.p.interval
	for from < to {
		var end int64
		if from < e.p.warmup {
			end = min(to, e.p.warmup)
		} else {
			end = min(to, (from/iv+1)*iv)
		}
		add(e.ivalOf(from), end-from)
		from = end
	}
}

func (e *engine) inb(c *contact) *InboundStats  { return &e.qiv[c.queue][c.ival].Inbound }
func (e *engine) cbs(c *contact) *CallbackStats { return &e.qiv[c.queue][c.ival].Callback }
func (e *engine) counted(c *contact) bool       { return int(c.ival) < e.p.nIntervals }

// countChange updates the number of contacts In queue and Scheduled in
// queue q, first charging the time since the last change at the old counts.
func (e *engine) countChange(q int32, dQueued, dScheduled int64) {
	if last, now := e.lastCount[q], e.now(); now > last {
		nq, ns := e.nQueued[q], e.nScheduled[q]
		if nq != 0 || ns != 0 {
			iv := e.qiv[q]
			if b, ok := e.within(last); ok {
				iv[b].InQueueTime += nq * (now - last)
				iv[b].ScheduledTime += ns * (now - last)
			} else {
				e.spread(last, now, func(b int32, dt int64) {
					iv[b].InQueueTime += nq * dt
					iv[b].ScheduledTime += ns * dt
				})
			}
		}
	}
	e.lastCount[q] = e.now()
	e.nQueued[q] += dQueued
	e.nScheduled[q] += dScheduled
}

// level is a count kept over time per queue, beside In queue and
// Scheduled (which countChange keeps together, on the hot path): callbacks
// booked for a time, callers waiting to redial. Its integral over time is
// charged to one field of the queue's interval buckets.
type level struct{ n, last int64 }

// change updates level l of queue q by d, first charging the time since
// its last change at the old count to the field of each bucket it spans.
func (e *engine) change(q int32, l *level, d int64, field func(*QueueInterval) *int64) {
	if now := e.now(); now > l.last && l.n != 0 {
		iv, n := e.qiv[q], l.n
		if b, ok := e.within(l.last); ok {
			*field(&iv[b]) += n * (now - l.last)
		} else {
			e.spread(l.last, now, func(b int32, dt int64) { *field(&iv[b]) += n * dt })
		}
	}
	l.last = e.now()
	l.n += d
}

func bookedTime(iv *QueueInterval) *int64  { return &iv.BookedTime }
func redialTime(iv *QueueInterval) *int64  { return &iv.RedialTime }
func staffedTime(iv *QueueInterval) *int64 { return &iv.StaffedTime }

// bookedChange updates the number of callbacks of queue q booked for a
// time and waiting for it (see cBooked).
func (e *engine) bookedChange(q int32, d int64) { e.change(q, &e.booked[q], d, bookedTime) }

// endBooked: booked callback k's time has come; its wait is added to its
// queue's booked total.
func (e *engine) endBooked(k *contact) {
	e.cbs(k).Booked += e.now() - k.schedSince
	e.bookedChange(k.queue, -1)
}

// WaitHistogram counts waits (answered inbound contacts' queue times) in
// bins of 1 s up to 10 min, 10 s up to 1 h and 1 min up to 24 h; longer
// waits fall in the last bin. Waits of exactly zero (answered at once,
// often most calls) are counted apart, so that a median of zero reads as
// zero. Percentiles are read with linear interpolation inside a bin, so
// they are exact to the bin width.
type WaitHistogram struct {
	Zero   int64
	Counts []int64
}

const (
	histFine   = 600                 // 1 s bins for [0, 600 s)
	histMid    = (3600 - 600) / 10   // 10 s bins for [600 s, 1 h)
	histCoarse = (86400 - 3600) / 60 // 1 min bins for [1 h, 24 h)
	histBins   = histFine + histMid + histCoarse + 1
)

func histBin(ms int64) int {
	s := ms / 1000
	switch {
	case s < 600:
		return int(s)
	case s < 3600:
		return histFine + int((s-600)/10)
	case s < 86400:
		return histFine + histMid + int((s-3600)/60)
	}
	return histBins - 1
}

// binEdges returns the bounds of bin i in seconds.
func binEdges(i int) (lo, hi float64) {
	switch {
	case i < histFine:
		return float64(i), float64(i + 1)
	case i < histFine+histMid:
		lo = 600 + float64(i-histFine)*10
		return lo, lo + 10
	case i < histBins-1:
		lo = 3600 + float64(i-histFine-histMid)*60
		return lo, lo + 60
	}
	return 86400, 86400
}

// Add counts one wait of ms milliseconds.
func (h *WaitHistogram) Add(ms int64) {
	if ms == 0 {
		h.Zero++
		return
	}
	if h.Counts == nil {
		h.Counts = make([]int64, histBins)
	}
	h.Counts[histBin(ms)]++
}

// Reset empties h, keeping its storage for the counts to come.
func (h *WaitHistogram) Reset() {
	h.Zero = 0
	clear(h.Counts)
}

// Merge adds o's counts to h.
func (h *WaitHistogram) Merge(o WaitHistogram) {
	h.Zero += o.Zero
	if o.Counts == nil {
		return
	}
	if h.Counts == nil {
		h.Counts = make([]int64, histBins)
	}
	for i, c := range o.Counts {
		h.Counts[i] += c
	}
}

// N is the number of waits counted.
func (h *WaitHistogram) N() int64 {
	n := h.Zero
	for _, c := range h.Counts {
		n += c
	}
	return n
}

// Quantile returns the p-quantile (0 <= p <= 1) of the waits in seconds,
// or NaN when there are none.
func (h *WaitHistogram) Quantile(p float64) float64 {
	n := h.N()
	if n == 0 {
		return math.NaN()
	}
	target := p * float64(n)
	cum := float64(h.Zero)
	if cum >= target {
		return 0
	}
	for i, c := range h.Counts {
		if c == 0 {
			continue
		}
		if cum+float64(c) >= target {
			lo, hi := binEdges(i)
			return lo + (hi-lo)*(target-cum)/float64(c)
		}
		cum += float64(c)
	}
	_, hi := binEdges(histBins - 1)
	return hi
}

// Contacts queued (Amazon Connect's "contacts queued"): every contact
// placed in a queue's agent line, an inbound contact or a callback leg,
// filed under the interval it entered the line (contact.leg).

// legStats calls f with the counts of contact c's current leg: the
// all-contacts counts, and the callback counts too when c is a callback.
// A contact not in (or not taken from) an agent line counts nowhere.
func (e *engine) legStats(c *contact, f func(l *LegStats)) {
	if c.leg < 0 {
		return
	}
	qs := &e.qiv[c.queue][c.leg].Queued
	f(&qs.All)
	if c.kind != kindInbound {
		f(&qs.Callback)
	}
}

// enterLine counts contact c placed in its queue's line now.
func (e *engine) enterLine(c *contact) {
	if c.line != lineQueue {
		c.leg = -1
		return
	}
	c.leg = e.curBucket()
	e.legStats(c, func(l *LegStats) { l.Queued++ })
}

// leaveLine counts contact c leaving its line now, and charges its age to
// the queue's Oldest.
func (e *engine) leaveLine(c *contact) {
	e.ageOldest(c)
	wait := e.now() - c.enqueued
	if c.line == lineQueue {
		e.legStats(c, func(l *LegStats) {
			l.Left++
			l.MaxWait = max(l.MaxWait, wait)
		})
	}
}

// removedLeg counts contact c, which just left its line, as answered
// (answered true) or abandoned (abandoned true) or removed for a
// callback request (neither): Connect's "removed from queue".
func (e *engine) removedLeg(c *contact, answered, abandoned bool) {
	wait := e.now() - c.enqueued
	e.legStats(c, func(l *LegStats) {
		if wait <= e.p.sl {
			l.RemovedWithin++
		}
		switch {
		case answered:
			l.Answered++
			l.WaitAnswered += wait
			if wait <= e.p.sl {
				l.AnsweredWithin++
			}
		case abandoned:
			l.Abandoned++
			l.WaitAbandoned += wait
		}
	})
}

// stillQueued counts contact c, still in a line at the horizon.
func (e *engine) stillQueued(c *contact) {
	if c.state != cQueued {
		return
	}
	e.ageOldest(c)
	wait := e.now() - c.enqueued
	if c.line == lineQueue {
		e.legStats(c, func(l *LegStats) {
			l.InSystem++
			l.MaxWait = max(l.MaxWait, wait)
		})
	}
}

// ageOldest charges the age of queued contact c, from its entry until
// now, to the peak Oldest of every interval it waited through: in each,
// its age at the interval's end (or now).
func (e *engine) ageOldest(c *contact) {
	from, now := c.enqueued, e.now()
	iv := e.qiv[c.queue]
	if b, ok := e.within(from); ok || from == now {
		if ok {
			iv[b].OldestAge = max(iv[b].OldestAge, now-from)
		}
		return
	}
	t := from
	e.spread(from, now, func(b int32, dt int64) {
		t += dt
		iv[b].OldestAge = max(iv[b].OldestAge, t-from)
	})
}
