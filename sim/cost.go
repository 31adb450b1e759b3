package sim

import (
	"math"
	"unsafe"
)

// Bytes a running replication holds per agent, per contact type (its
// random streams and samplers) and per contact in the system at once,
// measured on the engine (total allocation per item, which is above what
// stays live): 100,000 agents allocate 80 MB, 100,000 queues with their
// contact types 1.9 GB, 400,000 contacts offered within an hour to 10
// agents 543 MB.
const (
	agentBytes   = 1000
	typeBytes    = 20000
	contactBytes = 1500
)

// Footprint is what one replication of a plan is expected to cost before
// it runs: the contacts it offers and the memory it needs. It is an
// estimate for refusing runs that could not finish, not a prediction.
type Footprint struct {
	// Contacts is the expected number of contacts the replication
	// offers over the horizon (arrivals and scripted contacts; redials
	// and booked callbacks, which follow from them, are not counted).
	Contacts float64
	// InSystem is an upper estimate of the contacts in the system at
	// once: each contact type's busiest arrival rate times how long one
	// of its contacts may stay (handle time, and patience or, for
	// callers who never hang up, the horizon; a callback's expiry),
	// at most all its contacts.
	InSystem float64
	// Agents is the number of agents of every group.
	Agents int
	// Intervals is the number of reporting intervals in the cycle, each
	// with counters per queue and per agent group.
	Intervals int
	// Engine is the memory (bytes) a running replication holds.
	Engine float64
	// Result is the memory (bytes) the Result of a finished replication
	// holds until the replications are summarized.
	Result float64
	// Totals is the part of Result that is not per-interval buckets: the
	// totals per queue and group and the wait histograms (at most three
	// per queue), what a result holds once its buckets are recycled
	// (see Recycle).
	Totals float64
	// Queues and Groups are the plan's queues and agent groups.
	Queues, Groups int
}

// Footprint estimates the cost of one replication of p.
func (p *Plan) Footprint() Footprint {
	f := Footprint{Intervals: p.nIntervals}
	h := float64(p.horizon)
	iv := float64(p.interval)
	for _, t := range p.types {
		var n, peak float64 // contacts over the horizon; arrivals per ms at the busiest
		if t.rates != nil {
			// The cycle repeats over the horizon.
			var cycle float64
			for _, r := range t.rates {
				cycle += r * iv
				peak = max(peak, r)
			}
			cycles := h / float64(p.cycle)
			whole := math.Floor(cycles)
			n = whole * cycle
			rest := (cycles - whole) * float64(len(t.rates))
			for i := 0; float64(i) < rest && i < len(t.rates); i++ {
				n += t.rates[i] * iv * min(1, rest-float64(i))
			}
		} else {
			peak = t.perHour / 3.6e6
			n = peak * h
		}
		stay := t.meanHandle
		if t.patience.IsSet() {
			stay += 4 * float64(t.patience.MeanValue())
		} else {
			stay += h
		}
		if t.cb != nil {
			stay += float64(t.cb.initialDelay) + min(float64(t.cb.expiry), h)
		}
		f.Contacts += n
		f.InSystem += min(n, peak*min(stay, h))
	}
	f.Contacts += float64(len(p.script))
	f.InSystem += float64(len(p.script))
	for _, g := range p.groups {
		f.Agents += g.count
	}
	f.Queues, f.Groups = len(p.queues), len(p.groups)
	perInterval := float64(len(p.queues))*float64(unsafe.Sizeof(QueueInterval{})+unsafe.Sizeof(WaitHistogram{})) +
		float64(len(p.groups))*float64(unsafe.Sizeof(AgentTime{}))
	// Wait histograms are made on a queue's first wait: count them for
	// the queues contacts come to, three for a callback working queue.
	hists := map[int32]int{}
	for _, t := range p.types {
		hists[t.queue] = max(hists[t.queue], 1)
		for _, cb := range []*callbackPlan{t.cb, t.bookedCB} {
			if cb != nil {
				hists[cb.queue] = 3
			}
		}
	}
	var nh int
	for _, h := range hists {
		nh += h
	}
	f.Totals = float64(len(p.queues))*float64(unsafe.Sizeof(QueueResult{})) + float64(nh*histBins*8) +
		float64(len(p.groups))*float64(unsafe.Sizeof(AgentResult{}))
	f.Result = perInterval*float64(p.nIntervals+1) + f.Totals
	f.Engine = f.Result + float64(f.Agents)*agentBytes + float64(len(p.types))*typeBytes + f.InSystem*contactBytes
	return f
}
