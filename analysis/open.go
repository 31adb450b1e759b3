package analysis

import (
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// Open and closed intervals.
//
// A queue's interval of the reporting cycle is open when, in some
// replication, an agent whose routing profile serves the queue was
// scheduled for part of it (on shift, or in the staffing plan), or
// inbound calls came to the queue while it was open (not turned away by
// its hours of operation). The interval of all queues together is open
// when it is open for some queue. Every other interval is closed: nobody
// was scheduled and no caller could reach an agent. A callback whose
// retry falls after closing time waits in the queue for the morning: it
// counts in the queue's totals and its In queue time, but does not open
// the interval (Amazon Connect's hours of operation do not apply to
// contacts already queued either).
//
// Being scheduled is what counts, not being logged in: an agent whose
// shift ends during a contact stays logged in until it finishes, so the
// interval after closing time has a few minutes of talk and after-contact
// work and no idle time (an occupancy of 100 % that says nothing about
// staffing). Reports leave closed intervals out of their tables and CSV
// files and draw nothing for them in charts, and the time average of the
// agents logged in is taken over the open intervals only (see
// docs/metrics.md).
//
// The set is the union over the replications given, so that every
// replication of a scenario is averaged over the same hours.

// openQueue reports whether queue interval iv of one replication is open.
func openQueue(iv *sim.QueueInterval) bool {
	return iv.StaffedTime > 0 || iv.Inbound.Arrived-iv.Inbound.Closed > 0
}

// repDigest is what a summary without intervals reads of one
// replication's buckets: per queue, which intervals of the cycle are open
// and the longest a contact waited in line; per agent group, the agent
// time logged in in each interval. A sweep keeps it in place of the
// buckets (about a megabyte a replication for a week of quarter hours),
// which go back to the engine as soon as the replication is done.
type repDigest struct {
	open     [][]bool  // [queue][interval]
	oldest   []int64   // [queue] ms
	loggedIn [][]int64 // [group][interval] agent-ms
}

// digestOf reads r's buckets into a digest.
func digestOf(r *sim.Result) *repDigest {
	d := &repDigest{open: make([][]bool, len(r.Queues)), oldest: make([]int64, len(r.Queues)),
		loggedIn: make([][]int64, len(r.Agents))}
	for q := range r.Queues {
		ivs := r.Queues[q].Intervals
		d.open[q] = make([]bool, len(ivs))
		for i := range ivs {
			d.open[q][i] = openQueue(&ivs[i])
			d.oldest[q] = max(d.oldest[q], ivs[i].OldestAge)
		}
	}
	for g := range r.Agents {
		ivs := r.Agents[g].Intervals
		d.loggedIn[g] = make([]int64, len(ivs))
		for i := range ivs {
			d.loggedIn[g][i] = ivs[i].LoggedIn()
		}
	}
	return d
}

// digestsOf returns the digest of each of results.
func digestsOf(results []*sim.Result) []*repDigest {
	ds := make([]*repDigest, len(results))
	for i, r := range results {
		ds[i] = digestOf(r)
	}
	return ds
}

// openSets returns, per queue and interval of the cycle, whether the
// interval is open in some replication (given by their digests), and per
// interval whether it is open for some queue.
func openSets(r0 *sim.Result, digests []*repDigest) (queues [][]bool, all []bool) {
	n := int(r0.Cycle / r0.Interval)
	all = make([]bool, n)
	queues = make([][]bool, len(r0.Queues))
	for q := range queues {
		queues[q] = make([]bool, n)
		for _, d := range digests {
			for i, o := range d.open[q] {
				if o {
					queues[q][i], all[i] = true, true
				}
			}
		}
	}
	return queues, all
}

// coverOf returns how much time (ms) each interval of the cycle covers in
// a run of r's horizon after its warm-up: a horizon of two cycles covers
// each twice. Intervals are the cycle's wall-clock slots (model.Grid), as
// the engine files its counts.
func coverOf(r *sim.Result) []int64 {
	grid := model.NewGrid(r.Start, r.Horizon, r.Interval, r.Cycle)
	n := int(r.Cycle / r.Interval)
	cover := make([]int64, n)
	iv := int64(r.Interval)
	for t := int64(0); t < int64(r.Horizon); t += iv {
		from := max(t, int64(r.Warmup))
		if end := min(t+iv, int64(r.Horizon)); end > from {
			cover[grid.Bucket(t/iv)] += end - from
		}
	}
	return cover
}

// openHours is the open intervals of a set of replications and the time
// they cover, over which agents logged in are averaged.
type openHours struct {
	open []bool
	span int64 // ms covered by the open intervals
}

func newOpenHours(all []bool, cover []int64) openHours {
	h := openHours{open: all}
	for i, o := range all {
		if o {
			h.span += cover[i]
		}
	}
	return h
}

// loggedIn is the agent time logged in during the open intervals, of one
// group's time logged in per interval.
func (h openHours) loggedIn(perInterval []int64) int64 {
	var t int64
	for i, x := range perInterval {
		if i < len(h.open) && h.open[i] {
			t += x
		}
	}
	return t
}
