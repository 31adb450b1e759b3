package fit

import (
	"math"
	"slices"
	"time"

	"github.com/ccsim/ccsim/sim"
)

// Backtest metrics, per queue and interval, measured the same way on the
// history's records and on the simulated ones.
const (
	MOffered   = "offered"
	MHandled   = "handled"
	MAbandoned = "abandoned"
	MCallbacks = "callbacks"
	MSL        = "service_level"
	MASA       = "asa"
)

// BacktestMetrics lists the metrics in report order.
var BacktestMetrics = []string{MOffered, MHandled, MAbandoned, MCallbacks, MSL, MASA}

// tally is one queue's counts in one interval.
type tally struct {
	offered, handled, abandoned, takers int64
	// left counts the contacts that left the queue (answered, abandoned
	// or took a callback), within those that did so within the
	// service-level threshold: Amazon Connect's service level.
	left, within int64
	waitSum      float64
}

// Tallies counts inbound contacts per queue and dated interval, by the
// interval they arrived in: what a backtest sets side by side.
type Tallies struct {
	queues   []string
	qIndex   map[string]int
	ivMS     int64
	from, to int64
	slSec    int64
	cells    [][]tally
}

// NewTallies counts the intervals of [from, to) for the queues named.
func NewTallies(queues []string, from, to time.Time, interval time.Duration, slThreshold time.Duration) *Tallies {
	t := &Tallies{queues: queues, qIndex: map[string]int{}, ivMS: interval.Milliseconds(), slSec: int64(slThreshold / time.Second)}
	t.from, t.to = from.UnixMilli()/t.ivMS, to.UnixMilli()/t.ivMS
	for i, q := range queues {
		t.qIndex[q] = i
		t.cells = append(t.cells, make([]tally, t.to-t.from))
	}
	return t
}

// Contact outcomes a tally tells apart.
const (
	cHandled = iota
	cAbandoned
	cTaker
	cNotQueued
)

func (t *Tallies) add(queue string, initiation int64, class int, wait int64) {
	q, ok := t.qIndex[queue]
	if !ok {
		return
	}
	iv := floorDiv(initiation, t.ivMS)
	if iv < t.from || iv >= t.to {
		return
	}
	t.cells[q][iv-t.from].count(class, wait, t.slSec)
}

func (c *tally) count(class int, wait, slSec int64) {
	c.offered++
	if class == cNotQueued {
		return
	}
	c.left++
	if wait >= 0 && wait <= slSec {
		c.within++
	}
	switch class {
	case cHandled:
		c.handled++
		c.waitSum += float64(max(wait, 0))
	case cAbandoned:
		c.abandoned++
	case cTaker:
		c.takers++
	}
}

// classify tells what became of an inbound contact record, and its wait.
func classify(r *Record) (class int, wait int64) {
	class = cAbandoned
	switch {
	case r.Enqueue == NoTime:
		class = cNotQueued
	case r.ConnectedToAgent != NoTime:
		class = cHandled
	case r.Next != 0:
		class = cTaker
	}
	wait = r.QueueDuration
	if wait < 0 {
		end := r.Dequeue
		if end == NoTime {
			end = r.Disconnect
		}
		wait = secs(r.Enqueue, end)
	}
	return class, wait
}

// History counts a history's inbound contact records per queue and
// interval before its period is known (records come in any order):
// memory grows with queues and intervals, not records.
type History struct {
	rd       *Reader
	ivMS     int64
	slSec    int64
	min, max int64
	n        int64
	cells    map[[2]int64]*tally
}

// NewHistory counts the records rd reads, by intervals of iv, with the
// service level's threshold sl.
func NewHistory(rd *Reader, iv, sl time.Duration) *History {
	return &History{rd: rd, ivMS: iv.Milliseconds(), slSec: int64(sl / time.Second), min: math.MaxInt64, max: math.MinInt64, cells: map[[2]int64]*tally{}}
}

// Add counts one record (a Reader callback); records other than inbound
// ones are ignored.
func (h *History) Add(r *Record) error {
	if r.Method != MethodInbound || r.Queue < 0 || r.Initiation == NoTime {
		return nil
	}
	class, wait := classify(r)
	h.min, h.max = min(h.min, r.Initiation), max(h.max, r.Initiation)
	h.n++
	k := [2]int64{int64(r.Queue), floorDiv(r.Initiation, h.ivMS)}
	c := h.cells[k]
	if c == nil {
		c = &tally{}
		h.cells[k] = c
	}
	c.count(class, wait, h.slSec)
	return nil
}

// Period is the history's span in whole intervals, from the first inbound
// contact's interval to the last one's; ok is false when it holds none.
func (h *History) Period() (from, to time.Time, ok bool) {
	if h.n == 0 {
		return time.Time{}, time.Time{}, false
	}
	return time.UnixMilli(floorDiv(h.min, h.ivMS) * h.ivMS).UTC(), time.UnixMilli((floorDiv(h.max, h.ivMS) + 1) * h.ivMS).UTC(), true
}

// Queues are the queues inbound contacts of the history entered.
func (h *History) Queues() []string {
	seen := map[int64]bool{}
	for k := range h.cells {
		seen[k[0]] = true
	}
	var out []string
	for i, q := range h.rd.Queues {
		if seen[int64(i)] {
			out = append(out, q)
		}
	}
	return out
}

// Tallies returns the history's counts over t's queues and period.
func (h *History) Tallies(queues []string, from, to time.Time) *Tallies {
	t := NewTallies(queues, from, to, time.Duration(h.ivMS)*time.Millisecond, time.Duration(h.slSec)*time.Second)
	for k, c := range h.cells {
		q, ok := t.qIndex[h.rd.Queues[k[0]]]
		if !ok || k[1] < t.from || k[1] >= t.to {
			continue
		}
		t.cells[q][k[1]-t.from] = *c
	}
	return t
}

// AddSim counts one simulated record, as its contact record would read.
func (t *Tallies) AddSim(r *sim.Record) {
	if r.InitiationMethod != sim.MethodInbound || r.Queue == "" {
		return
	}
	class := cAbandoned
	switch {
	case r.Enqueue.IsZero():
		class = cNotQueued
	case !r.ConnectedToAgent.IsZero():
		class = cHandled
	case r.NextID != 0:
		class = cTaker
	}
	wait := int64(-1)
	if !r.Enqueue.IsZero() {
		wait = (int64(r.QueueDuration) + 500) / 1000
		if r.Dequeue.IsZero() && !r.Disconnect.IsZero() {
			wait = (r.Disconnect.Sub(r.Enqueue).Milliseconds() + 500) / 1000
		}
	}
	t.add(r.Queue, r.Initiation.UnixMilli(), class, wait)
}

// value is a metric of a tally, NaN when its denominator is 0.
func (c *tally) value(metric string) float64 {
	switch metric {
	case MOffered:
		return float64(c.offered)
	case MHandled:
		return float64(c.handled)
	case MAbandoned:
		return float64(c.abandoned)
	case MCallbacks:
		return float64(c.takers)
	case MSL:
		if c.left == 0 {
			return math.NaN()
		}
		return 100 * float64(c.within) / float64(c.left)
	case MASA:
		if c.handled == 0 {
			return math.NaN()
		}
		return c.waitSum / float64(c.handled)
	}
	return math.NaN()
}

// BacktestRow is one queue, interval and metric: what happened, and the
// simulation's mean and prediction interval.
type BacktestRow struct {
	Queue   string
	Start   time.Time
	Metric  string
	Actual  float64
	Mean    float64
	Lo, Hi  float64
	Outside bool
	// Reps is how many replications had a value (a rate needs contacts).
	Reps int
}

// PIRank is the rank k of the order statistics [x(k), x(n+1-k)] of n
// replications that make a distribution-free prediction interval of at
// least the level asked for: one more value from the same distribution
// falls between them with probability (n+1-2k)/(n+1) (Wilks, 1941),
// whatever the distribution. k is at least 1 (the range), whose
// coverage (n-1)/(n+1) may fall short of the level when n is small:
// Coverage says what it is.
func PIRank(n int, level float64) int {
	return max(1, int(math.Floor(float64(n+1)*(1-level)/2)))
}

// Coverage is the prediction interval's coverage for n values and rank k.
func Coverage(n, k int) float64 { return float64(n+1-2*k) / float64(n+1) }

// Backtest sets the history's tallies beside the replications': for each
// queue, interval and metric, the prediction interval is the spread of
// the replications' values, between the order statistics PIRank gives.
// That is where one more run of the period would fall, not where the
// mean is: the interval a single history is judged against. (Quantiles
// interpolated between the values would be narrower than their level
// says for a few replications: with 20, the 5 % to 95 % quantiles hold a
// new value only 81 % of the time.) An interval whose actual value lies
// outside is flagged; with a coverage of 0.9, about one in ten intervals
// is flagged by chance alone.
func Backtest(actual *Tallies, reps []*Tallies, level float64) []BacktestRow {
	var rows []BacktestRow
	vals := make([]float64, 0, len(reps))
	for q, name := range actual.queues {
		for i := range actual.cells[q] {
			start := time.UnixMilli((actual.from + int64(i)) * actual.ivMS).UTC()
			for _, m := range BacktestMetrics {
				a := actual.cells[q][i].value(m)
				vals = vals[:0]
				for _, r := range reps {
					if v := r.cells[q][i].value(m); !math.IsNaN(v) {
						vals = append(vals, v)
					}
				}
				if math.IsNaN(a) || len(vals) == 0 {
					continue
				}
				slices.Sort(vals)
				if a == 0 && vals[0] == 0 && vals[len(vals)-1] == 0 {
					// Nothing happened and nothing was predicted (a
					// closed interval): not a test of the scenario.
					continue
				}
				mean := 0.0
				for _, v := range vals {
					mean += v
				}
				mean /= float64(len(vals))
				k := PIRank(len(vals), level)
				lo, hi := vals[k-1], vals[len(vals)-k]
				rows = append(rows, BacktestRow{Queue: name, Start: start, Metric: m, Actual: a, Mean: mean, Lo: lo, Hi: hi,
					Outside: a < lo || a > hi, Reps: len(vals)})
			}
		}
	}
	return rows
}
