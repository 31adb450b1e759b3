package analysis

import (
	"math"

	"github.com/ccsim/ccsim/sim"
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

// Utilisation is the share of the capacity booked, a ratio as
// [sim.SlotHour.Utilisation] is; NaN when there was no capacity, because
// an hour without slots is neither empty nor full.
func (h SlotHour) Utilisation() float64 {
	if h.Capacity == 0 {
		return math.NaN()
	}
	return h.Booked / h.Capacity
}

// Total sums the capacity and bookings of every hour. Its Hour is 0.
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
