package model

import (
	"sort"
	"time"
)

// Clock maps simulated time onto the wall clock of the scenario's time
// zone (the location of [Scenario.Start]: time_zone, or the start's own
// fixed offset, or UTC).
//
// The simulation clock stays a plain count of milliseconds since the
// start, with no days and no time zone in it: a daylight-saving change is
// no event to the engine. Everything a planner writes in local time
// (forecast and staffing-plan rows, hours of operation, weekly shifts,
// times of day) is turned into that count here, once, and reports turn
// counts back into local time here too. Wall-clock time is counted as
// milliseconds since local midnight of the start's date with every day 24
// hours long ("naive" wall time), so that a weekday and a time of day are
// simple arithmetic on it; [Clock.Elapsed] and [Clock.Wall] convert.
//
// In a zone without changes (UTC, a fixed offset) the two counts differ
// by the start's time of day only, and every mapping is the one ccsim
// used before time zones existed.
type Clock struct {
	start time.Time // in the zone
	// date is the start's local date at midnight, as a UTC time: weekdays
	// and dates of naive wall times are read from it.
	date time.Time
	tod  int64 // the start's local time of day (ms)
	// changes are the offset changes after the start, in time order.
	changes []ClockChange
}

// ClockChange is one change of the zone's UTC offset: from At (ms after
// the start) on, the wall clock reads Shift ms more than it did at the
// start (+1h after spring forward, -1h after falling back).
type ClockChange struct {
	At    int64
	Shift int64
	// Step is the change itself (the new offset minus the previous one).
	Step int64
}

// NewClock returns the clock of start's location over the first span ms
// after it (changes later than that are not looked up).
func NewClock(start time.Time, span Duration) *Clock {
	y, m, d := start.Date()
	c := &Clock{
		start: start,
		date:  time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
	}
	h, mi, s := start.Clock()
	c.tod = int64(h)*int64(Hour) + int64(mi)*int64(Minute) + int64(s)*int64(Second) + int64(start.Nanosecond()/1e6)
	_, off0 := start.Zone()
	prev := off0
	end := start.Add(time.Duration(span) * time.Millisecond)
	for t := start; ; {
		_, next := t.ZoneBounds()
		if next.IsZero() || !next.Before(end) || !next.After(t) {
			break
		}
		if _, off := next.Zone(); off != prev {
			c.changes = append(c.changes, ClockChange{
				At:    next.Sub(start).Milliseconds(),
				Shift: int64(off-off0) * 1000,
				Step:  int64(off-prev) * 1000,
			})
			prev = off
		}
		t = next
	}
	return c
}

// Start is the instant of simulated time zero, in the zone.
func (c *Clock) Start() time.Time { return c.start }

// Location is the clock's time zone.
func (c *Clock) Location() *time.Location { return c.start.Location() }

// Changes lists the offset changes within the clock's span.
func (c *Clock) Changes() []ClockChange { return c.changes }

// StartOfDay is the start's local time of day (ms since local midnight).
func (c *Clock) StartOfDay() int64 { return c.tod }

// shift is how much further the wall clock has moved than simulated time
// at offset off (ms).
func (c *Clock) shift(off int64) int64 {
	n := len(c.changes)
	if n == 0 || off < c.changes[0].At {
		return 0
	}
	i := sort.Search(n, func(i int) bool { return c.changes[i].At > off })
	return c.changes[i-1].Shift
}

// Wall returns the naive wall time (ms since local midnight of the
// start's date, every day 24 hours) at offset off from the start.
func (c *Clock) Wall(off int64) int64 { return off + c.tod + c.shift(off) }

// Elapsed returns the offset from the start at which the wall clock reads
// the naive wall time w (see [Clock.Wall]). A wall time that happens twice
// (the hour repeated when clocks go back) gives its first occurrence; one
// that never happens (the hour skipped when clocks go forward) gives the
// instant the clock jumps over it, which is when, say, a shift "starting
// at 02:30" on that night begins.
func (c *Clock) Elapsed(w int64) int64 {
	lo, shift := int64(minInt64), int64(0)
	for i := 0; i <= len(c.changes); i++ {
		hi := int64(maxInt64)
		if i < len(c.changes) {
			hi = c.changes[i].At
		}
		if e := w - c.tod - shift; e >= lo && e < hi {
			return e
		}
		if i < len(c.changes) {
			lo, shift = hi, c.changes[i].Shift
		}
	}
	// In no period: in a gap a change forward opens.
	for i, ch := range c.changes {
		before := ch.Shift - ch.Step
		if ch.Step > 0 && w >= ch.At+c.tod+before && w < ch.At+c.tod+ch.Shift {
			return c.changes[i].At
		}
	}
	return w - c.tod - shift // not reached: every wall time is in a period or a gap
}

const (
	minInt64 = -1 << 63
	maxInt64 = 1<<63 - 1
)

// SplitDay returns the local day of the naive wall time w, counted from
// the start's date (0), and the time of day within it.
func SplitDay(w int64) (day, tod int64) {
	day = w / int64(Day)
	if w < 0 && w%int64(Day) != 0 {
		day--
	}
	return day, w - day*int64(Day)
}

// Weekday returns the weekday of local day d, counted from the start's
// date.
func (c *Clock) Weekday(d int64) time.Weekday { return c.date.AddDate(0, 0, int(d)).Weekday() }

// Time returns the instant at offset off, in the zone.
func (c *Clock) Time(off int64) time.Time {
	return c.start.Add(time.Duration(off) * time.Millisecond)
}

// WallTime returns the naive wall time w as a UTC time whose date and
// clock fields are the wall clock's: for labels of wall-clock slots, which
// need not exist as instants (the skipped hour's slot in a weekly table).
func (c *Clock) WallTime(w int64) time.Time {
	return c.date.Add(time.Duration(w) * time.Millisecond)
}

// Repeated reports whether the wall time at offset off happens twice
// (it lies in the hour repeated when clocks go back), so that a label
// needs the zone's abbreviation to say which.
func (c *Clock) Repeated(off int64) bool {
	w := c.Wall(off)
	for _, ch := range c.changes {
		if ch.Step >= 0 {
			continue
		}
		// After the change the wall clock reads [Wall(At), Wall(At) -
		// Step) a second time.
		from := c.Wall(ch.At)
		if w >= from && w < from-ch.Step {
			return true
		}
	}
	return false
}

// Grid files the intervals of a run under the intervals of its reporting
// cycle (the forecast's period, or a week), as per-interval statistics and
// a repeating forecast need.
//
// Without a change of offset in the run, the k-th interval of the run is
// interval k mod n of the cycle, as it always was. With one (a time zone
// with daylight saving), two cases:
//
//   - The run fits in one cycle (no folding): interval k of the run is
//     interval k of the cycle. Every interval is its own, labelled with
//     its local time: the day clocks go forward has 23 hours of
//     intervals, the day they go back 25, its repeated hour's intervals
//     labelled with the zone's abbreviation to tell them apart.
//   - The run is longer than its cycle (folded): intervals are keyed by
//     their wall-clock place in the cycle, "Mon 09:00", whatever the
//     offset. The repeated hour's two intervals both fall on their
//     wall-clock slot; the skipped hour's slot gets none that day.
type Grid struct {
	clock *Clock
	iv, n int64
	wall  bool
}

// NewGrid returns the grid of a run starting at start (in its zone) and
// lasting horizon, with intervals of interval folded onto cycle (a whole
// number of intervals).
func NewGrid(start time.Time, horizon, interval, cycle Duration) *Grid {
	// The clock looks a day past the horizon, so that an interval just
	// before it, in an hour the clocks repeat after it, is still known to
	// be repeated (Label).
	c := NewClock(start, horizon+Day)
	return &Grid{clock: c, iv: int64(interval), n: int64(cycle / interval),
		wall: horizon > cycle && len(c.changes) > 0 && c.changes[0].At < int64(horizon)}
}

// Clock is the grid's clock.
func (g *Grid) Clock() *Clock { return g.clock }

// Len is the number of intervals of the cycle.
func (g *Grid) Len() int { return int(g.n) }

// WallSlots reports whether the cycle's intervals are wall-clock slots (a
// folded run through a change of offset).
func (g *Grid) WallSlots() bool { return g.wall }

// Bucket returns the interval of the cycle that the k-th interval of the
// run (from k x interval to (k+1) x interval after the start) is filed
// under.
func (g *Grid) Bucket(k int64) int {
	if !g.wall {
		return int(k % g.n)
	}
	s := (k + g.clock.shift(k*g.iv)/g.iv) % g.n
	if s < 0 {
		s += g.n
	}
	return int(s)
}

// Label returns when interval i of the cycle starts on the wall clock: a
// time whose date and clock fields are local, in the zone (or, for a
// wall-clock slot, a UTC time carrying the wall fields), and the zone's
// abbreviation when that wall time happens twice and a label must say
// which (else "").
func (g *Grid) Label(i int) (time.Time, string) {
	off := int64(i) * g.iv
	if g.wall {
		return g.clock.WallTime(g.clock.tod + off), ""
	}
	t := g.clock.Time(off)
	if g.clock.Repeated(off) {
		abbr, _ := t.Zone()
		return t, abbr
	}
	return t, ""
}
