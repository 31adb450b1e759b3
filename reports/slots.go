package reports

import (
	"fmt"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/olekukonko/tablewriter/tw"
)

// slotPercent is the percentage of a slot hour's capacity booked, NaN when
// there was none. It divides 100 x booked by the capacity, as ccsim always
// has, rather than scaling [analysis.SlotHour.Utilisation], so that the
// printed digits stay those of earlier versions.
func slotPercent(h analysis.SlotHour) float64 {
	if h.Capacity == 0 {
		return math.NaN()
	}
	return 100 * h.Booked / h.Capacity
}

// SlotTables writes one table per working queue with caller-scheduled
// callbacks: for each hour of the week with slots (labelled from start,
// the scenario's start), the slots offered and booked per replication and
// the share booked.
func SlotTables(w io.Writer, f Format, slots []analysis.SlotQueue, start time.Time) error {
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
				label = slotLabel(h, start)
			}
			u := noValue
			if h.Capacity > 0 {
				u = formatFixed(slotPercent(h), 1)
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
