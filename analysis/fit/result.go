package fit

import (
	"fmt"
	"math"
	mathbits "math/bits"
	"slices"
	"strings"
	"time"

	"github.com/ccsim/ccsim/model"
)

// Result is a fitted centre: what a scenario file needs, each estimate
// with its interval and the observations behind it.
type Result struct {
	// From and To bound the history, whole intervals from the first
	// inbound contact's to the last one's.
	From, To time.Time
	Interval time.Duration
	Dated    bool
	// Start and Horizon are the fitted scenario's: the Monday 00:00 UTC
	// the history's first week starts on and a week, or (Dated) the
	// history itself.
	Start   time.Time
	Horizon time.Duration
	// TimeZone is the zone the week was folded and the rows labelled in
	// (Options.Location), "" for UTC as the records are stamped.
	TimeZone string
	// Queues are every queue the records name, in order of appearance.
	Queues    []string
	Types     []*TypeFit
	Callbacks []*CallbackFit
	// Staffing is the agents per interval of the scenario; LowerBound
	// says it counts the agents seen working (an agent logged in but
	// idle all interval is not seen), not a staffing file.
	Staffing   []PlanRow
	LowerBound bool
	// Groups, when the agents seen working fall into more than one set
	// of queues (a lower bound only), are those sets: each a routing
	// profile and agent group of its own, with its agents seen per
	// interval. Nil: one group serving every queue.
	Groups []StaffGroup
	// OtherRecords counts records of other initiation methods (transfers,
	// outbound, customer-first callbacks), read but not fitted.
	OtherRecords int64
	// Notes are the fallbacks used and the choices made for this history.
	Notes []string
}

// PlanRow is one interval of a forecast or staffing plan, with how many
// weeks of history it rests on (1 for a dated row).
type PlanRow struct {
	Start time.Time
	Value float64
	// Weeks is how many times the interval occurred in the history: the
	// weeks that cover it, and with a time zone one more for a
	// wall-clock slot the clocks repeated, one fewer for one they
	// skipped.
	Weeks int
	// Offset says the row's local time happens twice (a dated row in the
	// hour the clocks repeat), so that its label must carry its offset.
	Offset bool
}

// Spec is the distribution a scenario file gets: Family "" means not set.
type Spec struct {
	Family       string
	Mean, Second float64
}

// TypeFit is one contact type: the inbound contacts of one queue.
type TypeFit struct {
	Queue                                       string
	Inbound, Handled, Abandoned, Takers, Closed int64
	Arrivals                                    []PlanRow
	// ArrivalRelSE is the relative standard error of an average
	// interval's forecast: 1/sqrt(the Poisson count it rests on).
	ArrivalRelSE                    float64
	Talk, ACW, Patience             *DistFit
	TalkSpec, ACWSpec, PatienceSpec Spec
	// Callback is the working queue the type's callbacks go to, nil when
	// no caller took one.
	Callback *CallbackFit
	// OfferAfter is the shortest wait of a caller who took a callback:
	// the flow's offer time. Offered counts the callers still in queue
	// then; Accept is Takers / Offered.
	OfferAfter float64
	Offered    int64
	Accept     Estimate
}

// StaffGroup is the agents seen working the same set of queues.
type StaffGroup struct {
	Queues   []string
	Agents   int
	Staffing []PlanRow
}

// Summary describes an observed duration: median, mean, range, count.
type Summary struct {
	Median, Mean, Min, Max float64
	N                      int64
}

func summarize(h *Hist) Summary {
	if h.N == 0 {
		return Summary{Median: math.NaN(), Mean: math.NaN(), Min: math.NaN(), Max: math.NaN()}
	}
	return Summary{h.Quantile(0.5), h.Mean(), h.Quantile(0), h.Quantile(1), h.N}
}

// CallbackFit is one callback working queue.
type CallbackFit struct {
	Queue                               string
	Legs, FirstLegs, RetryLegs, Dialled int64
	InitialDelay, RetryWait             Summary
	MaxDials                            int
	Outcomes                            [numOutcomes]Estimate
	OutcomeN                            [numOutcomes]int64
	RetryOn                             []string
	AgentWhisper, OutboundWhisper       Summary
	AgentWhisperFrom                    string
	Ring, Talk, ACW                     *DistFit
	RingSpec, TalkSpec, ACWSpec         Spec
}

// Finish fits everything accumulated.
func (f *Fitter) Finish() (*Result, error) {
	var notes []string
	if m := f.Missing(); m != nil {
		if !f.dropMissing {
			return nil, &MissingError{m}
		}
		for _, x := range m {
			notes = append(notes, fmt.Sprintf("%d of %d records lack %s: left out of what needs it (--skip-bad)", x.Missing, x.Needed, x.Field))
		}
	}
	iv := f.opt.Interval
	if f.minT == math.MaxInt64 {
		return nil, &ShortError{Interval: iv}
	}
	if f.maxT-f.minT < f.ivMS {
		return nil, &ShortError{time.UnixMilli(f.minT).UTC(), time.UnixMilli(f.maxT).UTC(), iv}
	}
	res := &Result{
		From:     time.UnixMilli(floorDiv(f.minT, f.ivMS) * f.ivMS).UTC(),
		To:       time.UnixMilli((floorDiv(f.maxT, f.ivMS) + 1) * f.ivMS).UTC(),
		Interval: iv, Dated: f.opt.Dated, Queues: slices.Clone(f.rd.Queues), OtherRecords: f.others, Notes: notes,
	}
	if f.opt.Location != nil {
		res.TimeZone = f.opt.Location.String()
	}
	switch {
	case res.Dated:
		res.Start, res.Horizon = res.From, res.To.Sub(res.From)
		if f.opt.Location != nil {
			res.Start = res.From.In(f.opt.Location)
		}
	case f.opt.Location != nil:
		if err := f.localWeek(res); err != nil {
			return nil, err
		}
	default:
		d := res.From.Truncate(24 * time.Hour)
		res.Start = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
		res.Horizon = week
	}
	if f.opt.Location != nil {
		if err := f.zoneNotes(res); err != nil {
			return nil, err
		}
	}
	links := f.links
	cbs := map[int]*CallbackFit{}
	for i, q := range f.qs {
		if q.legs == 0 {
			continue
		}
		cb, err := f.fitCallback(f.rd.Queues[i], q)
		if err != nil {
			return nil, err
		}
		cbs[i] = cb
		res.Callbacks = append(res.Callbacks, cb)
	}
	for i, q := range f.qs {
		if q.inbound == 0 {
			continue
		}
		t, err := f.fitType(res, f.rd.Queues[i], q)
		if err != nil {
			return nil, err
		}
		if q.takers > 0 {
			best, bestN := -1, int64(0)
			for k, n := range links {
				if int(k[0]) == i && (n > bestN || (n == bestN && int(k[1]) < best)) {
					best, bestN = int(k[1]), n
				}
			}
			if best < 0 && cbs[i] != nil {
				best = i
			}
			if best >= 0 {
				t.Callback = cbs[best]
			} else {
				res.Notes = append(res.Notes, fmt.Sprintf("queue %s: %d callers took a callback, but no callback leg in the records follows them: no callback fitted", t.Queue, q.takers))
			}
		}
		res.Types = append(res.Types, t)
	}
	if !res.Dated {
		empty := 0
		for _, r := range res.Types[0].Arrivals {
			if r.Weeks == 0 {
				empty++
			}
		}
		if empty > 0 {
			res.Notes = append(res.Notes, fmt.Sprintf("the history is shorter than a week: %d of the week's %d intervals rest on no history and forecast no arrivals (--dated keeps the history's own dates instead)", empty, len(res.Types[0].Arrivals)))
		}
	}
	if err := f.staffing(res); err != nil {
		return nil, err
	}
	return res, nil
}

// arrivalRelSE is the forecast's sampling error: each interval's mean
// rests on a Poisson count, its relative standard error 1/sqrt(count); an
// average open interval's (one with arrivals) is reported, over the
// median number of occurrences of the open intervals, so that a slot the
// clocks repeated (one more) or a partial week at the history's ends (one
// fewer) does not set it. Smoothing over n intervals multiplies the count
// by n. 0 when no interval had arrivals.
func arrivalRelSE(rows []PlanRow, smooth int) float64 {
	var total float64
	var occ []int
	for _, r := range rows {
		if r.Value > 0 {
			total += r.Value
			occ = append(occ, r.Weeks)
		}
	}
	if len(occ) == 0 {
		return 0
	}
	slices.Sort(occ)
	weeks := occ[len(occ)/2]
	if weeks == 0 {
		return 0
	}
	mean := total / float64(len(occ))
	return 1 / math.Sqrt(mean*float64(weeks)*float64(max(smooth, 1)))
}

// spec picks the distribution for the scenario, or falls back.
func (f *Fitter) spec(queue, field string, d *DistFit, events, censored *Hist) (Spec, error) {
	if d.N >= f.opt.MinObs {
		if d.Best >= 0 {
			c := d.Chosen()
			if c.Family == Deterministic {
				return Spec{Deterministic, c.Mean.Value, 0}, nil
			}
			return Spec{c.Family, c.Mean.Value, c.Second.Value}, nil
		}
	}
	if !f.opt.Fallback {
		return Spec{}, &FewError{queue, field, d.N, f.opt.MinObs}
	}
	if events.N == 0 {
		return Spec{}, nil
	}
	total := events.sum
	if censored != nil {
		total += censored.sum
	}
	return Spec{Exponential, total / float64(events.N), 0}, nil
}

func (f *Fitter) fitType(res *Result, name string, q *queueAcc) (*TypeFit, error) {
	t := &TypeFit{Queue: name, Inbound: q.inbound, Handled: q.handled, Abandoned: q.abandoned, Takers: q.takers, Closed: q.notQueued}
	t.Arrivals = f.plan(res, func(iv int64) (float64, bool) { v, ok := q.arrivals[iv]; return float64(v), ok }, true)
	t.Arrivals = smooth(t.Arrivals, f.opt.Smooth, !res.Dated)
	t.ArrivalRelSE = arrivalRelSE(t.Arrivals, f.opt.Smooth)
	var err error
	t.Talk = FitDist(&q.talk, nil)
	if t.TalkSpec, err = f.spec(name, "talk (Agent.AgentInteractionDuration)", t.Talk, &q.talk, nil); err != nil {
		return nil, err
	}
	if t.TalkSpec.Family == "" {
		// A scenario's talk is required, and nothing says what it is.
		return nil, fmt.Errorf("queue %s: no handled contact: talk (Agent.AgentInteractionDuration) cannot be fitted, and a contact type needs it", name)
	}
	t.ACW = FitDist(&q.acw, nil)
	if t.ACWSpec, err = f.spec(name, "ACW (Agent.AfterContactWorkDuration)", t.ACW, &q.acw, nil); err != nil {
		return nil, err
	}
	censored := &Hist{}
	censored.Merge(&q.answeredWaits)
	censored.Merge(&q.takerWaits)
	t.Patience = FitDist(&q.abandonWaits, censored)
	if t.PatienceSpec, err = f.spec(name, "patience (waits of abandoned callers)", t.Patience, &q.abandonWaits, censored); err != nil {
		return nil, err
	}
	if t.PatienceSpec.Family == "" {
		res.Notes = append(res.Notes, fmt.Sprintf("queue %s: no caller abandoned: patience left unset (callers never abandon)", name))
	}
	if q.takers > 0 {
		ps := q.takerWaits.Pairs()
		t.OfferAfter = ps[0].V
		var later, at int64
		for _, h := range []*Hist{&q.answeredWaits, &q.abandonWaits} {
			for _, p := range h.Pairs() {
				switch {
				case p.V > t.OfferAfter:
					later += p.C
				case p.V == t.OfferAfter:
					at += p.C
				}
			}
		}
		// Waits are rounded to the second: of the callers whose wait
		// rounds to the offer time, about half were still waiting then.
		t.Offered = q.takers + later + at/2
		t.Accept = Proportion(q.takers, t.Offered)
	}
	return t, nil
}

func (f *Fitter) fitCallback(name string, q *queueAcc) (*CallbackFit, error) {
	c := &CallbackFit{Queue: name, Legs: q.legs, FirstLegs: q.firstLegs, RetryLegs: q.retryLegs, Dialled: q.dialled,
		InitialDelay: summarize(&q.firstDelay), RetryWait: summarize(&q.retryWait)}
	c.MaxDials = int(q.maxDials)
	var dialled int64
	for o := range OutOther {
		dialled += q.outcomes[o]
	}
	for o := range numOutcomes {
		c.OutcomeN[o] = q.outcomes[o]
		c.Outcomes[o] = Proportion(q.outcomes[o], dialled)
		if q.retried[o] > 0 && o != OutOther {
			c.RetryOn = append(c.RetryOn, OutcomeNames[o])
		}
	}
	// The agent whisper plays before the dial: an invalid number fails
	// at once, so its leg's dial time is the whisper alone; a no-answer
	// leg's is the whisper plus the 60 s ring timeout, a busy one's the
	// whisper plus the time a busy signal takes (5 s assumed).
	var whisper int64
	switch {
	case q.invalid.N > 0:
		c.AgentWhisper, c.AgentWhisperFrom = summarize(&q.invalid), "invalid-number legs (dequeue to disconnect)"
	case q.noAnswer.N > 0:
		c.AgentWhisper, c.AgentWhisperFrom = summarize(q.noAnswer.Shift(60)), "no-answer legs less the 60 s ring timeout"
	case q.busy.N > 0:
		c.AgentWhisper, c.AgentWhisperFrom = summarize(q.busy.Shift(5)), "busy legs less 5 s to the busy signal"
	default:
		c.AgentWhisper, c.AgentWhisperFrom = Summary{Median: 0}, "no failed dial to tell it from the ring: 0 assumed"
	}
	if !math.IsNaN(c.AgentWhisper.Median) {
		whisper = int64(c.AgentWhisper.Median)
	}
	c.OutboundWhisper = summarize(&q.outWhisper)
	ring := q.ringWhisper.Shift(whisper)
	c.Ring = FitDist(ring, nil)
	var err error
	if q.ringWhisper.N > 0 {
		if c.RingSpec, err = f.spec(name, "callback ring time", c.Ring, ring, nil); err != nil {
			return nil, err
		}
	}
	c.Talk = FitDist(&q.cbTalk, nil)
	c.ACW = FitDist(&q.cbACW, nil)
	if q.cbTalk.N > 0 {
		if c.TalkSpec, err = f.spec(name, "callback talk (Agent.AgentInteractionDuration)", c.Talk, &q.cbTalk, nil); err != nil {
			return nil, err
		}
		if c.ACWSpec, err = f.spec(name, "callback ACW (Agent.AfterContactWorkDuration)", c.ACW, &q.cbACW, nil); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// plan turns dated values per interval index into the scenario's rows:
// dated, or averaged over the weeks of the history into one week, each
// row saying how many times it occurred in the history. Missing
// intervals are 0 when zeroOK (no arrivals), else they are counted as
// not covered.
//
// Without a time zone, interval iv of the history is row (iv - start)
// mod the week's length: the week is folded in UTC. With one, it is the
// row of its wall-clock slot of the week, as model.Grid files a run
// longer than its cycle: after clocks go forward an interval is filed
// an hour further into the week than its UTC place, the repeated
// hour's two intervals both go to their slot (which then occurred once
// more), the skipped hour's slot gets none that day (once fewer).
func (f *Fitter) plan(res *Result, at func(iv int64) (float64, bool), zeroOK bool) []PlanRow {
	from, to := res.From.UnixMilli()/f.ivMS, res.To.UnixMilli()/f.ivMS
	loc := time.UTC
	if f.opt.Location != nil {
		loc = f.opt.Location
	}
	if res.Dated {
		rows := make([]PlanRow, 0, to-from)
		var clock *model.Clock
		if f.opt.Location != nil {
			clock = model.NewClock(res.Start, model.Duration(res.Horizon.Milliseconds())+model.Day)
		}
		for iv := from; iv < to; iv++ {
			v, _ := at(iv)
			r := PlanRow{Start: time.UnixMilli(iv * f.ivMS).In(loc), Value: v, Weeks: 1}
			if clock != nil {
				r.Offset = clock.Repeated((iv - from) * f.ivMS)
			}
			rows = append(rows, r)
		}
		return rows
	}
	per := week.Milliseconds() / f.ivMS
	base := res.Start.UnixMilli() / f.ivMS
	slot := func(iv int64) int64 { return (iv - base) % per }
	if f.opt.Location != nil {
		g := model.NewGrid(res.Start, model.Duration((to-base)*f.ivMS), model.Duration(f.ivMS), model.Duration(week.Milliseconds()))
		slot = func(iv int64) int64 { return int64(g.Bucket(iv - base)) }
	}
	rows := make([]PlanRow, per)
	sums := make([]float64, per)
	for s := range per {
		rows[s].Start = time.UnixMilli((base + s) * f.ivMS).In(loc)
	}
	for iv := max(from, base); iv < to; iv++ {
		v, ok := at(iv)
		if !ok && !zeroOK {
			continue
		}
		s := slot(iv)
		sums[s] += v
		rows[s].Weeks++
	}
	for s := range rows {
		if rows[s].Weeks > 0 {
			rows[s].Value = sums[s] / float64(rows[s].Weeks)
		}
	}
	return rows
}

// localWeek sets the scenario's start to a local Monday 00:00 in the
// fit's zone on or before the history's first interval, and its horizon
// to a week. The week the scenario's rows are labelled in must hold no
// change of offset: its forecast repeats when run longer, and a
// repeating plan with a 23- or 25-hour day has no one place for each
// row (model refuses one). So the start is the Monday of the first
// record's local week, or, when that week holds a change, the Monday a
// week before (then two, ...), the first whose week holds none.
func (f *Fitter) localWeek(res *Result) error {
	loc := f.opt.Location
	y, m, d := res.From.In(loc).Date()
	d -= (int(time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Weekday()) + 6) % 7
	for back := 0; back < 53; back++ {
		start := time.Date(y, m, d-7*back, 0, 0, 0, 0, loc)
		if h, mi, _ := start.Clock(); h != 0 || mi != 0 {
			continue // midnight skipped by a change that night
		}
		if len(model.NewClock(start, model.Duration(week.Milliseconds())).Changes()) > 0 {
			continue
		}
		res.Start, res.Horizon = start, week
		if back > 0 {
			res.Notes = append(res.Notes, fmt.Sprintf("the week of the first record holds a change of offset in %s: the scenario starts on %s, the first Monday before it whose week holds none (a repeating forecast must hold no change), and its forecast and staffing are labelled in that week",
				loc, start.Format("Mon 2006-01-02")))
		}
		return nil
	}
	return fmt.Errorf("time zone %s: no week within a year before %s is free of changes of offset, and the fitted week must hold none", loc, res.From.In(loc).Format("2006-01-02"))
}

// zoneNotes checks that every UTC offset the zone uses over the
// scenario's start to the history's end is a whole number of intervals
// (else local intervals do not line up with the records' UTC ones), and
// notes the changes of offset the history crosses.
func (f *Fitter) zoneNotes(res *Result) error {
	loc := f.opt.Location
	clock := model.NewClock(res.Start, model.Duration(res.To.Sub(res.Start).Milliseconds()))
	_, off := res.Start.Zone()
	check := func(off int64, at time.Time) error {
		if off%f.ivMS != 0 {
			var fits []string
			for _, iv := range []time.Duration{time.Hour, 30 * time.Minute, 15 * time.Minute} {
				if off%iv.Milliseconds() == 0 {
					fits = append(fits, model.Duration(iv.Milliseconds()).String())
				}
			}
			allowed := "an interval of " + strings.Join(fits, " or ")
			if len(fits) == 0 {
				allowed = "none of 15m, 30m and 1h divides it: fit without a time zone"
			}
			return fmt.Errorf("time zone %s: its UTC offset on %s, %s, is not a whole number of %s intervals, so its local intervals do not line up with the records' (allowed: %s)",
				loc, at.Format("2006-01-02"), at.Format("-07:00"), model.Duration(f.ivMS), allowed)
		}
		return nil
	}
	if err := check(int64(off)*1000, res.Start); err != nil {
		return err
	}
	var changes []string
	for _, ch := range clock.Changes() {
		at := clock.Time(ch.At)
		if err := check(int64(off)*1000+ch.Shift, at); err != nil {
			return err
		}
		was := at.In(time.FixedZone(at.Add(-time.Millisecond).Zone()))
		what := "the skipped hour's slots occurred once fewer"
		if ch.Step < 0 {
			what = "the repeated hour's slots occurred twice that day"
		}
		changes = append(changes, fmt.Sprintf("%s, %s to %s: %s", at.Format("2006-01-02"), was.Format("15:04 MST"), at.Format("15:04 MST"), what))
	}
	if len(changes) == 0 || res.Dated {
		return nil
	}
	res.Notes = append(res.Notes, fmt.Sprintf("the history crosses changes of offset in %s (%s); every interval is folded by its local wall-clock slot of the week, each slot the mean of its occurrences (the occurrences column)",
		loc, strings.Join(changes, "; ")))
	return nil
}

func (f *Fitter) staffing(res *Result) error {
	if f.opt.Staffing == nil {
		res.LowerBound = true
		res.Staffing = f.plan(res, func(iv int64) (float64, bool) {
			n := 0
			for _, w := range f.busy[iv] {
				n += mathbits.OnesCount64(w)
			}
			return float64(n), true
		}, true)
		for i := range res.Staffing {
			res.Staffing[i].Value = math.Ceil(res.Staffing[i].Value)
		}
		f.groups(res)
		return nil
	}
	byIv := map[int64]float64{}
	for _, r := range f.opt.Staffing {
		byIv[floorDiv(r.Start.UnixMilli(), f.ivMS)] = float64(r.Agents)
	}
	for iv := res.From.UnixMilli() / f.ivMS; iv < res.To.UnixMilli()/f.ivMS; iv++ {
		if _, ok := byIv[iv]; !ok {
			loc := time.UTC
			if f.opt.Location != nil {
				loc = f.opt.Location
			}
			return fmt.Errorf("the staffing file does not cover the history: no row for the interval starting %s (the history runs from %s to %s)",
				time.UnixMilli(iv*f.ivMS).In(loc).Format("2006-01-02 15:04"), res.From.In(loc).Format("2006-01-02 15:04"), res.To.In(loc).Format("2006-01-02 15:04"))
		}
	}
	res.Staffing = f.plan(res, func(iv int64) (float64, bool) { v, ok := byIv[iv]; return v, ok }, false)
	for i := range res.Staffing {
		res.Staffing[i].Value = math.Round(res.Staffing[i].Value)
	}
	return nil
}

// smooth replaces each row's value by the mean of the n rows centred on
// it (n odd; cyclic, or cut at the ends).
func smooth(rows []PlanRow, n int, cyclic bool) []PlanRow {
	if n <= 1 || len(rows) == 0 {
		return rows
	}
	h := n / 2
	out := slices.Clone(rows)
	for i := range rows {
		sum, cnt := 0.0, 0
		for j := i - h; j <= i+h; j++ {
			k := j
			if cyclic {
				k = ((j % len(rows)) + len(rows)) % len(rows)
			} else if j < 0 || j >= len(rows) {
				continue
			}
			sum += rows[k].Value
			cnt++
		}
		out[i].Value = sum / float64(cnt)
	}
	return out
}

// groups splits the agents seen by the set of queues each was seen
// working, when there is more than one such set and every queue has a
// bit (the first 64).
func (f *Fitter) groups(res *Result) {
	if len(f.rd.Queues) > 64 {
		return
	}
	count := map[uint64]int{}
	for _, m := range f.agentQueues {
		if m != 0 {
			count[m]++
		}
	}
	if len(count) < 2 {
		return
	}
	masks := make([]uint64, 0, len(count))
	for m := range count {
		masks = append(masks, m)
	}
	slices.Sort(masks)
	for _, m := range masks {
		g := StaffGroup{Agents: count[m]}
		for q, name := range f.rd.Queues {
			if m&(1<<q) != 0 {
				g.Queues = append(g.Queues, name)
			}
		}
		g.Staffing = f.plan(res, func(iv int64) (float64, bool) {
			n := 0
			for w, bits := range f.busy[iv] {
				for bits != 0 {
					a := w*64 + mathbits.TrailingZeros64(bits)
					bits &= bits - 1
					if a < len(f.agentQueues) && f.agentQueues[a] == m {
						n++
					}
				}
			}
			return float64(n), true
		}, true)
		for i := range g.Staffing {
			g.Staffing[i].Value = math.Ceil(g.Staffing[i].Value)
		}
		res.Groups = append(res.Groups, g)
	}
}
