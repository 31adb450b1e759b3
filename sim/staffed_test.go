package sim_test

import (
	"context"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// TestResult_staffedTime: each queue's StaffedTime is the agents its
// staffing plan schedules, times the interval, exactly: an agent
// finishing a call after its shift is logged in but not scheduled, and
// does not count.
func TestResult_staffedTime(t *testing.T) {
	s, err := scenarios.Load("planning-week")
	if err != nil {
		t.Fatal(err)
	}
	p, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.Run(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows := s.Agents[0].StaffingPlan.Rows
	for _, q := range r.Queues { // the one profile serves both queues
		var total int64
		for i, iv := range q.Intervals {
			want := int64(rows[i].Agents) * int64(30*model.Minute)
			if iv.StaffedTime != want {
				t.Fatalf("queue %s interval %d: staffed %d agent-ms, want %d (%d agents planned)",
					q.Name, i, iv.StaffedTime, want, rows[i].Agents)
			}
			total += want
		}
		if q.StaffedTime != total {
			t.Errorf("queue %s: total %d, want the intervals' %d", q.Name, q.StaffedTime, total)
		}
	}
	// Agents do log in after closing time: the after-closing interval has
	// agent time but no staffing.
	if got := r.Agents[0].Intervals[42].LoggedIn(); got == 0 || r.Queues[0].Intervals[42].StaffedTime != 0 {
		t.Errorf("Mon 21:00: logged in %d ms, staffed %d: want agents finishing calls and nobody scheduled",
			got, r.Queues[0].Intervals[42].StaffedTime)
	}
}
