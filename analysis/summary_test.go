package analysis_test

import (
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
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
