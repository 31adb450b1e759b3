package sim

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/ccsim/ccsim/model"
)

// maxIntervals bounds the intervals of a result's cycle: a year of
// 15-minute intervals has 35,040.
const maxIntervals = 1 << 20

// Check reports whether r could have come from the engine: the shape its
// fields must have (one entry per interval of the cycle in every queue and
// agent group, a full wait histogram), no negative count or time anywhere,
// totals that are the sum of their intervals, and every contact accounted
// for. The engine's own results always pass; Check is for results read
// back from a file, such as the partial results of a sharded sweep, which
// are input like any other and must be refused, not trusted, when they
// have been edited or damaged.
func (r *Result) Check() error {
	switch {
	case r.Interval <= 0 || r.Cycle <= 0 || r.Cycle%r.Interval != 0 || r.Cycle/r.Interval > maxIntervals:
		return fmt.Errorf("interval %d ms and cycle %d ms are not a reporting cycle", r.Interval, r.Cycle)
	case r.Horizon <= 0 || r.Horizon > model.MaxDuration:
		return fmt.Errorf("horizon %d ms is outside 1 ms to %s", r.Horizon, model.MaxDuration)
	case r.Warmup < 0 || r.Warmup >= r.Horizon:
		return fmt.Errorf("warm-up %d ms is not shorter than the horizon", r.Warmup)
	case len(r.Queues) == 0:
		return errors.New("no queues")
	}
	if path, ok := negative(reflect.ValueOf(r).Elem(), "result"); ok {
		return fmt.Errorf("%s is negative", path)
	}
	n := int(r.Cycle / r.Interval)
	for i := range r.Queues {
		q := &r.Queues[i]
		if len(q.Intervals) != n {
			return fmt.Errorf("queue %q has %d intervals, want %d (cycle / interval)", q.Name, len(q.Intervals), n)
		}
		if q.Slots != nil && len(q.Slots) != 168 {
			return fmt.Errorf("queue %q has %d slot hours, want 168 (a week)", q.Name, len(q.Slots))
		}
		if q.Waits.Counts != nil && len(q.Waits.Counts) != histBins {
			return fmt.Errorf("queue %q has a wait histogram of %d bins, want %d", q.Name, len(q.Waits.Counts), histBins)
		}
		var in InboundStats
		var cb CallbackStats
		var inQueue, scheduled, redial, staffed int64
		for k := range q.Intervals {
			iv := &q.Intervals[k]
			if !iv.Inbound.Conserved() || !iv.Callback.Conserved() {
				return fmt.Errorf("queue %q interval %d does not account for every contact", q.Name, k)
			}
			in.Add(iv.Inbound)
			cb.Add(iv.Callback)
			inQueue += iv.InQueueTime
			scheduled += iv.ScheduledTime
			redial += iv.RedialTime
			staffed += iv.StaffedTime
		}
		if in != q.Inbound || cb != q.Callback || inQueue != q.InQueueTime || scheduled != q.ScheduledTime || redial != q.RedialTime || staffed != q.StaffedTime {
			return fmt.Errorf("queue %q: its totals are not the sum of its intervals", q.Name)
		}
		if r.Warmup == 0 && in.RedialScheduled != in.Redials+in.RedialPending {
			return fmt.Errorf("queue %q: %d redials scheduled, but %d made and %d pending", q.Name, in.RedialScheduled, in.Redials, in.RedialPending)
		}
	}
	for i := range r.Agents {
		g := &r.Agents[i]
		if len(g.Intervals) != n {
			return fmt.Errorf("agent group %q has %d intervals, want %d", g.Name, len(g.Intervals), n)
		}
		var t AgentTime
		for _, iv := range g.Intervals {
			t.Add(iv)
		}
		if t != g.AgentTime {
			return fmt.Errorf("agent group %q: its times are not the sum of its intervals", g.Name)
		}
	}
	return nil
}

// negative finds a negative integer anywhere in v, and returns its path.
func negative(v reflect.Value, path string) (string, bool) {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return path, v.Int() < 0
	case reflect.Pointer:
		if v.IsNil() {
			return "", false
		}
		return negative(v.Elem(), path)
	case reflect.Struct:
		if v.Type().PkgPath() != "" && v.Type().PkgPath() != reflect.TypeFor[Result]().PkgPath() {
			return "", false // time.Time, model types: not counts
		}
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				if p, ok := negative(v.Field(i), path+"."+f.Name); ok {
					return p, true
				}
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if p, ok := negative(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); ok {
				return p, true
			}
		}
	}
	return "", false
}
