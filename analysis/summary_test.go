package analysis_test

import (
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// TestSummary_TargetStatus: a goal is met only when the whole interval is
// on the good side of it, missed when the whole interval is on the bad
// side, and unsure otherwise.
func TestSummary_TargetStatus(t *testing.T) {
	s := &analysis.Summary{Targets: &model.Targets{ServiceLevel: 0.8, AbandonRate: 0.05}}
	for _, tc := range []struct {
		key        string
		mean, half float64
		want       string
	}{
		{"service_level", 85, 2, analysis.TargetMet},
		{"service_level", 81, 2, analysis.TargetUnsure},
		{"service_level", 75, 2, analysis.TargetMissed},
		{"abandon_rate", 3, 1, analysis.TargetMet},
		{"abandon_rate", 5.5, 1, analysis.TargetUnsure},
		{"abandon_rate", 7, 1, analysis.TargetMissed},
		{"asa", 10, 1, analysis.TargetNone}, // no ASA goal set
		{"offered", 100, 1, analysis.TargetNone},
	} {
		m := analysis.Metric{Key: tc.key, Estimate: analysis.Estimate{Mean: tc.mean, HalfWidth: tc.half, N: 10}}
		if _, got := s.TargetStatus(m); got != tc.want {
			t.Errorf("%s %v +/- %v: %q, want %q", tc.key, tc.mean, tc.half, got, tc.want)
		}
	}
}

// TestSummarize_BookedWaiting: the booked series is a time average like
// In queue and Scheduled: one callback booked for the first half hour of a
// one-hour run and two for the second average 1.5 over the run, 1 and 2
// per interval, and 1.5 again over every queue.
func TestSummarize_BookedWaiting(t *testing.T) {
	half := int64(30 * model.Minute)
	r := &sim.Result{Horizon: model.Hour, Interval: 30 * model.Minute, Cycle: model.Hour,
		Queues: []sim.QueueResult{{Name: "Q", BookedTime: 3 * half,
			Intervals: []sim.QueueInterval{{BookedTime: half}, {BookedTime: 2 * half}}}}}
	s := analysis.Summarize([]*sim.Result{r})
	get := func(ms []analysis.Metric) float64 {
		m, ok := analysis.Find(ms, "booked_waiting")
		if !ok {
			t.Fatal("no booked_waiting metric")
		}
		return m.Mean
	}
	if got := get(s.Queues[0].Metrics); got != 1.5 {
		t.Errorf("queue: %v, want 1.5", got)
	}
	if got := get(s.Overall); got != 1.5 {
		t.Errorf("overall: %v, want 1.5", got)
	}
	for i, want := range []float64{1, 2} {
		if got := get(s.Queues[0].Intervals[i].Metrics); got != want {
			t.Errorf("interval %d: %v, want %v", i, got, want)
		}
	}
}
