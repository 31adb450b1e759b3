package fit

import (
	"fmt"
	"github.com/ccsim/ccsim/model"
	"math"
	"strings"
	"time"
)

// Options are the fit's choices.
type Options struct {
	// Interval is the forecast's and staffing plan's row length
	// (default 30 minutes).
	Interval time.Duration
	// Dated keeps the arrivals as dated rows over the whole history
	// instead of averaging them over the weeks into one week.
	Dated bool
	// MinObs is the fewest observations a distribution is fitted to
	// (default 30); fewer is an error unless Fallback.
	MinObs int64
	// Fallback accepts a sample smaller than MinObs: a distribution is
	// then the exponential with the sample's mean (censored when
	// patience), and a patience without a single abandonment is left
	// out (callers never abandon).
	Fallback bool
	// Smooth, when above 1, replaces each interval's arrivals by the mean
	// of the Smooth intervals centred on it (an odd number; cyclic over
	// the week, cut at the ends of a dated history). A mean over a few
	// weeks of Poisson counts is noisy (its standard error is
	// sqrt(rate/weeks)), and a noisy forecast simulated as Poisson rates
	// is burstier than the centre it came from; smoothing trades that
	// noise for flattened peaks.
	Smooth int
	// Staffing, when set, is the agents logged in per dated interval, as
	// a staffing file gives them; otherwise staffing is the agents seen
	// working in each interval (a lower bound).
	Staffing []StaffingRow
	// Location, when set, folds the week by the wall-clock slot of the
	// week in that zone (model.Grid, as the engine files a run longer
	// than its cycle) instead of by UTC, and labels the scenario's rows
	// in local time: a centre whose clocks change for daylight saving
	// keeps its 09:00 peak at 09:00 all year. Nil: the week is folded in
	// UTC, as the records are stamped.
	Location *time.Location
}

// StaffingRow is one interval of a dated staffing plan.
type StaffingRow struct {
	Start  time.Time
	Agents int
	Line   int
}

const week = 7 * 24 * time.Hour

// queueAcc is everything accumulated for one queue: as the queue inbound
// contacts enter (a contact type) and as a callback working queue.
type queueAcc struct {
	inbound                                 int64
	handled, abandoned, takers, notQueued   int64
	talk, acw, abandonWaits, answeredWaits  Hist
	takerWaits                              Hist
	arrivals                                map[int64]int64
	legs, firstLegs, retryLegs, dialled     int64
	firstDelay, retryWait                   Hist
	outcomes                                [numOutcomes]int64
	retried                                 [numOutcomes]int64
	ringWhisper, outWhisper, noAnswer, busy Hist
	invalid                                 Hist
	cbTalk, cbACW                           Hist
	dialsPer                                genMap[int32]
	maxDials                                int32
	otherLegs                               int64
	missingWait                             int64
}

// Dial outcomes of a callback leg, as the records tell them.
const (
	OutAnswered = iota
	OutVoicemail
	OutNoAnswer
	OutBusy
	OutInvalid
	OutOther
	numOutcomes
)

// OutcomeNames names the dial outcomes as a scenario's dial: block does.
var OutcomeNames = [numOutcomes]string{"answer", "voicemail", "no_answer", "busy", "invalid", "other"}

// Fitter accumulates records. Feed it with Add (a Reader's callback) and
// call Finish.
type Fitter struct {
	opt     Options
	rd      *Reader
	ivMS    int64
	qs      []*queueAcc
	minT    int64
	maxT    int64
	missing [numFields]int64
	needed  [numFields]int64
	others  int64
	// takerOf holds callback takers' inbound ids -> their queue until
	// their first leg comes, legQueue first legs' previous ids -> their
	// working queue until their taker comes; links counts the pairs
	// matched. Both keep two generations (genMap): flat memory.
	takerOf, legQueue genMap[int32]
	// chainOf maps a callback leg's id to its callback's (the inbound
	// call's id): it tells a retry leg from a first one when a record
	// has no InitialContactId.
	chainOf genMap[uint64]
	links   map[[2]int32]int64
	busy    map[int64][]uint64
	// agentQueues is, per agent, the bit set of the queues (the first 64)
	// it was seen working: agents seen on the same queues make a group.
	agentQueues []uint64
	// dropMissing turns missing fields into notes (DropMissing).
	dropMissing bool
}

// DropMissing makes records lacking fields a note of the result rather
// than an error: they are left out of what needs the field.
func (f *Fitter) DropMissing() { f.dropMissing = true }

// NewFitter returns a fitter reading names from rd.
func NewFitter(rd *Reader, opt Options) *Fitter {
	if opt.Interval <= 0 {
		opt.Interval = 30 * time.Minute
	}
	if opt.MinObs <= 0 {
		opt.MinObs = 30
	}
	return &Fitter{opt: opt, rd: rd, ivMS: opt.Interval.Milliseconds(), minT: math.MaxInt64, maxT: math.MinInt64,
		links: map[[2]int32]int64{}, busy: map[int64][]uint64{}}
}

func (f *Fitter) queue(i int) *queueAcc {
	for len(f.qs) <= i {
		f.qs = append(f.qs, &queueAcc{arrivals: map[int64]int64{}})
	}
	return f.qs[i]
}

// need counts a field a record of this kind must have, and whether it
// is missing; it reports whether it is present.
func (f *Fitter) need(r *Record, bit uint32, idx int) bool {
	f.needed[idx]++
	if r.present&bit == 0 {
		f.missing[idx]++
		return false
	}
	return true
}

func secs(from, to int64) int64 {
	if from == NoTime || to == NoTime || to < from {
		return -1
	}
	return (to - from + 500) / 1000
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Add accumulates one record.
func (f *Fitter) Add(r *Record) error {
	ok := f.need(r, fContactID, 0) && f.need(r, fMethod, 1) && f.need(r, fInitiation, 2)
	if !ok {
		return nil
	}
	switch r.Method {
	case MethodInbound:
		f.inbound(r)
	case MethodCallback:
		f.callback(r)
	default:
		f.others++
	}
	return nil
}

func (f *Fitter) inbound(r *Record) {
	if !f.need(r, fQueueName, 4) {
		return
	}
	q := f.queue(r.Queue)
	q.inbound++
	f.minT = min(f.minT, r.Initiation)
	f.maxT = max(f.maxT, r.Initiation)
	q.arrivals[floorDiv(r.Initiation, f.ivMS)]++
	if r.Enqueue == NoTime {
		q.notQueued++
		return
	}
	wait := r.QueueDuration
	if wait < 0 {
		end := r.Dequeue
		if end == NoTime {
			end = r.Disconnect
		}
		wait = secs(r.Enqueue, end)
	}
	switch {
	case r.ConnectedToAgent != NoTime:
		q.handled++
		q.answeredWaits.Add(wait)
		if f.need(r, fAgentInteraction, 7) {
			q.talk.Add(r.AgentInteraction + max(r.CustomerHold, 0))
		}
		if f.need(r, fACW, 8) {
			q.acw.Add(r.AfterContactWk)
		}
		f.markBusy(r)
	case r.Next != 0:
		q.takers++
		q.takerWaits.Add(wait)
		if wq, ok := f.legQueue.get(r.ID); ok {
			f.links[[2]int32{int32(r.Queue), wq}]++
		} else {
			f.takerOf.set(r.ID, int32(r.Queue))
		}
	default:
		if !f.need(r, fDisconnect, 3) {
			return
		}
		q.abandoned++
		q.abandonWaits.Add(wait)
	}
	if wait < 0 {
		q.missingWait++
	}
}

// markBusy marks the agent busy over the intervals of the contact: from
// the dequeue (the agent accepted it) to the end of its after-contact
// work.
func (f *Fitter) markBusy(r *Record) {
	if r.Agent < 0 || f.opt.Staffing != nil {
		return
	}
	from := r.Dequeue
	if from == NoTime {
		from = r.ConnectedToAgent
	}
	to := r.Disconnect
	if from == NoTime || to == NoTime || to < from {
		return
	}
	if r.AfterContactWk > 0 {
		to += r.AfterContactWk * 1000
	}
	for len(f.agentQueues) <= r.Agent {
		f.agentQueues = append(f.agentQueues, 0)
	}
	if r.Queue >= 0 && r.Queue < 64 {
		f.agentQueues[r.Agent] |= 1 << r.Queue
	}
	word, bit := r.Agent/64, uint64(1)<<(r.Agent%64)
	for iv := floorDiv(from, f.ivMS); iv <= floorDiv(to, f.ivMS) && iv-floorDiv(from, f.ivMS) < 1000; iv++ {
		set := f.busy[iv]
		for len(set) <= word {
			set = append(set, 0)
		}
		set[word] |= bit
		f.busy[iv] = set
	}
}

func (f *Fitter) callback(r *Record) {
	if !f.need(r, fQueueName, 4) {
		return
	}
	q := f.queue(r.Queue)
	q.legs++
	// A first leg follows the inbound call (its InitialContactId); a
	// retry leg follows a leg. Without InitialContactId, a leg whose
	// previous contact is a leg seen is a retry (legs come in the order
	// they end, a failed one before the retry it schedules).
	chain, prevIsLeg := f.chainOf.get(r.Previous)
	first := (r.Initial != 0 && r.Previous == r.Initial) || (r.Initial == 0 && !prevIsLeg)
	switch {
	case r.Initial != 0:
		chain = r.Initial
	case !prevIsLeg:
		chain = r.Previous
	}
	if r.ID != 0 && chain != 0 {
		f.chainOf.set(r.ID, chain)
	}
	delay := secs(r.Initiation, r.Enqueue)
	if first {
		q.firstLegs++
		q.firstDelay.Add(delay)
		if r.Previous != 0 {
			if tq, ok := f.takerOf.get(r.Previous); ok {
				f.links[[2]int32{tq, int32(r.Queue)}]++
			} else {
				f.legQueue.set(r.Previous, int32(r.Queue))
			}
		}
	} else {
		q.retryLegs++
		q.retryWait.Add(delay)
	}
	if chain != 0 {
		n, _ := q.dialsPer.get(chain)
		q.dialsPer.set(chain, n+1)
		q.maxDials = max(q.maxDials, n+1)
	}
	if r.Agent < 0 || r.Dequeue == NoTime {
		q.otherLegs++
		return
	}
	q.dialled++
	f.markBusy(r)
	out := OutOther
	switch {
	case r.ConnectedToAgent != NoTime:
		out = OutAnswered
		if r.Outcome == "voicemail" {
			out = OutVoicemail
		}
		q.ringWhisper.Add(secs(r.Dequeue, r.ConnectedToSystem))
		q.outWhisper.Add(secs(r.ConnectedToSystem, r.ConnectedToAgent))
		if out == OutAnswered {
			q.cbTalk.Add(r.AgentInteraction + max(r.CustomerHold, 0))
			q.cbACW.Add(r.AfterContactWk)
		}
	case r.Reason == "TELECOM_TIMEOUT" || r.Reason == "TELECOM_UNANSWERED":
		out = OutNoAnswer
		q.noAnswer.Add(secs(r.Dequeue, r.Disconnect))
	case r.Reason == "TELECOM_BUSY":
		out = OutBusy
		q.busy.Add(secs(r.Dequeue, r.Disconnect))
	case r.Reason == "TELECOM_NUMBER_INVALID" || r.Reason == "TELECOM_PROBLEM":
		out = OutInvalid
		q.invalid.Add(secs(r.Dequeue, r.Disconnect))
	}
	q.outcomes[out]++
	if r.Next != 0 && out != OutAnswered && out != OutVoicemail {
		q.retried[out]++
	}
}

// MissingError lists the fields records lacked.
type MissingError struct {
	Fields []MissingField
}

// MissingField is a field records needed and how many lacked it.
type MissingField struct {
	Field           string
	Missing, Needed int64
}

func (e *MissingError) Error() string {
	var b strings.Builder
	b.WriteString("records without the fields a fit needs: ")
	for i, m := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%d of %d lack %s", m.Missing, m.Needed, m.Field)
	}
	b.WriteString(" (--skip-bad leaves them out)")
	return b.String()
}

// Missing returns the fields records lacked, nil when none did.
func (f *Fitter) Missing() []MissingField {
	var out []MissingField
	for i, n := range f.missing {
		if n > 0 {
			out = append(out, MissingField{fieldNames[i], n, f.needed[i]})
		}
	}
	return out
}

// FewError is a sample too small to fit.
type FewError struct {
	Queue, Field string
	N, Min       int64
}

func (e *FewError) Error() string {
	return fmt.Sprintf("queue %s: %s: %d observations, fewer than the %d a fit needs (--fallback uses an exponential with the sample's mean; --min-obs lowers the threshold)", e.Queue, e.Field, e.N, e.Min)
}

// ShortError is a history shorter than one interval.
type ShortError struct {
	From, To time.Time
	Interval time.Duration
}

func (e *ShortError) Error() string {
	if e.From.IsZero() {
		return "no inbound contact records: nothing to fit arrivals to"
	}
	return fmt.Sprintf("the history (inbound contacts from %s to %s) is shorter than one %s interval", e.From.Format(time.RFC3339), e.To.Format(time.RFC3339), model.Duration(e.Interval.Milliseconds()))
}

// genWindow is how many entries one generation of a genMap holds.
const genWindow = 1 << 16

// genMap maps ids to small values in two generations of at most
// genWindow entries: when the current one fills it becomes the old one
// and the old one is dropped, so memory stays flat. A callback leg is
// linked to its inbound call when fewer than 65,536 callbacks come
// between them (callbacks expire after 7 days).
type genMap[V any] struct {
	cur, old map[uint64]V
}

func (g *genMap[V]) get(k uint64) (V, bool) {
	if v, ok := g.cur[k]; ok {
		return v, true
	}
	v, ok := g.old[k]
	return v, ok
}

func (g *genMap[V]) set(k uint64, v V) {
	if g.cur == nil {
		g.cur = map[uint64]V{}
	}
	g.cur[k] = v
	if len(g.cur) >= genWindow {
		g.old, g.cur = g.cur, map[uint64]V{}
	}
}
