package analysis_test

import (
	"math"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/sim"
)

func TestSumSlots(t *testing.T) {
	slotsOf := func(booked ...int64) []sim.SlotHour {
		s := make([]sim.SlotHour, 168)
		for i, b := range booked {
			s[9+i] = sim.SlotHour{Capacity: 10, Booked: b}
		}
		return s
	}
	results := []*sim.Result{
		{Queues: []sim.QueueResult{{Name: "Inbound"}, {Name: "Callbacks", Slots: slotsOf(10, 4, 0)}}},
		{Queues: []sim.QueueResult{{Name: "Inbound"}, {Name: "Callbacks", Slots: slotsOf(5, 4, 1)}}},
	}
	got := analysis.SumSlots(results)
	if len(got) != 1 || got[0].Queue != "Callbacks" || got[0].Reps != 2 || len(got[0].Hours) != 3 {
		t.Fatalf("SumSlots() = %+v, want Callbacks with 3 hours over 2 replications", got)
	}
	// Utilisation is a ratio, as sim.SlotHour's is.
	h := got[0].Hours[0]
	if h.Hour != 9 || h.Capacity != 10 || h.Booked != 7.5 || h.Utilisation() != 0.75 {
		t.Errorf("hour 9 = %+v (utilisation %v), want capacity 10, booked 7.5, 0.75", h, h.Utilisation())
	}
	if tot := got[0].Total(); tot.Capacity != 30 || tot.Booked != 12 {
		t.Errorf("Total() = %+v, want 30 and 12", tot)
	}
	if !math.IsNaN((analysis.SlotHour{}).Utilisation()) {
		t.Errorf("utilisation without capacity is not NaN")
	}
	if got := analysis.SumSlots([]*sim.Result{{Queues: []sim.QueueResult{{Name: "Q"}}}}); got != nil {
		t.Errorf("SumSlots() without slots = %+v, want nil", got)
	}
}
