package analysis_test

import (
	"bytes"
	"context"
	"testing"
	"time"
	// Zones load on any machine, as in the binary.
	_ "time/tzdata"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// TestPartial_TimeZone: a result of a scenario in Berlin, written to a
// partial file and read back, is in Berlin again (JSON keeps only the
// offset), so the merged summary labels its intervals as the run's own,
// the hour clocks repeat with its zone; a fixed offset comes back as that
// offset.
func TestPartial_TimeZone(t *testing.T) {
	for _, tc := range []struct{ zone, start string }{
		{"time_zone: Europe/Berlin\n", "2024-10-26T00:00:00+02:00"},
		{"", "2024-10-26T00:00:00+02:00"},
	} {
		s, err := scenarios.Parse("z.yaml", []byte(tc.zone+`name: z
start: `+tc.start+`
horizon: 2d
interval: 30m
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 2, profile: P}]
contact_types: [{name: c, queue: Q, per_hour: 10, talk: 1m}]
`))
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(context.Background(), s, sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := &analysis.Partial{Format: analysis.PartialFormat, Scenario: "z", Fingerprint: "f", Seed: 1,
			Reps: 1, Variants: []string{"base"}, Shard: 0, Shards: 1,
			Items: []analysis.PartialItem{{Variant: 0, Rep: 0, Result: res}}}
		var buf bytes.Buffer
		if err := p.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := analysis.ReadPartial(&buf)
		if err != nil {
			t.Fatal(err)
		}
		_, merged, err := analysis.MergePartials([]*analysis.Partial{back})
		if err != nil {
			t.Fatal(err)
		}
		got := merged[0][0]
		if got.Start.Location().String() != res.Start.Location().String() || !got.Start.Equal(res.Start) {
			t.Errorf("%s: read back in %v at %v, want %v at %v", tc.zone, got.Start.Location(), got.Start, res.Start.Location(), res.Start)
		}
		want, have := analysis.Summarize([]*sim.Result{res}), analysis.Summarize([]*sim.Result{got})
		for i := range want.Intervals {
			w, h := want.Intervals[i], have.Intervals[i]
			if !w.At.Equal(h.At) || w.At.Format(time.Kitchen+" MST") != h.At.Format(time.Kitchen+" MST") || w.Zone != h.Zone {
				t.Fatalf("%s: interval %d labelled %v %q after the round trip, %v %q before", tc.zone, i, h.At, h.Zone, w.At, w.Zone)
			}
		}
		if tc.zone != "" && want.Intervals[52].Zone != "CEST" {
			t.Errorf("interval 52 (Sunday 02:00) zone %q, want CEST", want.Intervals[52].Zone)
		}
	}
}
