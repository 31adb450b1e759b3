package reports

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
	"github.com/olekukonko/tablewriter/tw"
)

// hoursPerWeek is the length of [sim.QueueResult.Slots].
const hoursPerWeek = 168

// SlotQueue is the caller-scheduled callback slots of one working queue
// over a set of replications: per hour of the week that had slots, the
// capacity offered and the slots booked, as means per replication.
type SlotQueue struct {
	Queue string
	Reps  int
	Hours []SlotHour
}

// SlotHour is one hour of the week of a [SlotQueue]. Hour counts clock
// hours from the one containing the scenario start (0 to 167); Capacity
// and Booked are means per replication.
type SlotHour struct {
	Hour     int
	Capacity float64
	Booked   float64
}

// Utilisation is the percentage of the capacity booked, NaN when there
// was none.
func (h SlotHour) Utilisation() float64 {
	if h.Capacity == 0 {
		return math.NaN()
	}
	return 100 * h.Booked / h.Capacity
}

// Label names the hour as the interval tables do, "Mon 09:00", from the
// scenario start.
func (h SlotHour) Label(start time.Time) string {
	return IntervalLabel(start.Truncate(time.Hour), model.Duration(h.Hour)*model.Hour, 7*model.Day)
}

// Total sums the capacity and bookings of every hour.
func (q SlotQueue) Total() SlotHour {
	var t SlotHour
	for _, h := range q.Hours {
		t.Capacity += h.Capacity
		t.Booked += h.Booked
	}
	return t
}

// SumSlots sums the slots of the replications of one scenario over the
// replications, per working queue in scenario order and per hour of the
// week that had capacity. Queues without caller-scheduled callbacks are
// left out; so is everything when there are none.
func SumSlots(results []*sim.Result) []SlotQueue {
	if len(results) == 0 {
		return nil
	}
	var out []SlotQueue
	for qi, q := range results[0].Queues {
		if q.Slots == nil {
			continue
		}
		var capacity, booked [hoursPerWeek]int64
		for _, r := range results {
			for h, s := range r.Queues[qi].Slots {
				if h < hoursPerWeek {
					capacity[h] += s.Capacity
					booked[h] += s.Booked
				}
			}
		}
		sq := SlotQueue{Queue: q.Name, Reps: len(results)}
		n := float64(len(results))
		for h := range hoursPerWeek {
			if capacity[h] > 0 {
				sq.Hours = append(sq.Hours, SlotHour{Hour: h, Capacity: float64(capacity[h]) / n, Booked: float64(booked[h]) / n})
			}
		}
		out = append(out, sq)
	}
	return out
}

// SlotTables writes one table per working queue with caller-scheduled
// callbacks: for each hour of the week with slots (labelled from start,
// the scenario's start), the slots offered and booked per replication and
// the share booked.
func SlotTables(w io.Writer, f Format, slots []SlotQueue, start time.Time) error {
	if err := f.check(); err != nil {
		return err
	}
	t := &text{w: w, f: f}
	for i, q := range slots {
		if i > 0 {
			t.blank()
		}
		t.title("Callback slots: working queue " + q.Queue)
		if t.err != nil {
			return t.err
		}
		align := []tw.Align{tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight}
		tb := newTable(w, f, align)
		tb.Header("hour", "capacity", "booked", "utilisation %")
		total := q.Total()
		total.Hour = -1
		rows := append(q.Hours[:len(q.Hours):len(q.Hours)], total)
		for _, h := range rows {
			label := "all hours"
			if h.Hour >= 0 {
				label = h.Label(start)
			}
			u := noValue
			if h.Capacity > 0 {
				u = formatFixed(h.Utilisation(), 1)
			}
			if err := tb.Append(label, formatFixed(h.Capacity, 1), formatFixed(h.Booked, 1), u); err != nil {
				return err
			}
		}
		if t.err = render(tb, w, f); t.err != nil {
			return t.err
		}
	}
	if len(slots) > 0 {
		per := "means per replication over " + strconv.Itoa(slots[0].Reps) + " replications"
		if slots[0].Reps == 1 {
			per = "one replication"
		}
		t.para(fmt.Sprintf("Hours of the week with slots in the working queue's hours of operation (%s). "+
			"Capacity: slots offered, per_hour for each time the hour came round in the horizon; "+
			"booked: slots callers confirmed; utilisation: booked / capacity.", per))
	}
	return t.err
}
