package sim

import (
	"context"
	"reflect"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

// TestAnswerAtOnce_isTheOrdinaryWay: answering a call that finds its
// queue empty without the waiting line's heap (answerAtOnce) gives the
// same result and the same contact records, field for field, as enqueue
// then dispatch, on centres with callbacks of every kind, declines
// (scripted and drawn), routing delays, priorities, abandonment,
// redials, a capped queue and shifts. It fails if the shortcut skips a count, a draw or an event.
func TestAnswerAtOnce_isTheOrdinaryWay(t *testing.T) {
	load := func(name string, sets []scenarios.Set) *model.Scenario {
		t.Helper()
		if !scenarios.IsBuiltin(name) {
			s, err := scenarios.LoadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		l, err := scenarios.ResolveWith(name, sets)
		if err != nil {
			t.Fatal(err)
		}
		return l.Scenario
	}
	// Callers who redial after abandoning, being turned away or an
	// unreached callback: their second calls arrive by the same way.
	redial := scenarios.Set{Path: "contact_types[sales].redial",
		Value: "{after_abandon: 0.6, after_blocked: 0.8, after_unreached_callback: 0.5, delay: {dist: exponential, mean: 10m}}"}
	for _, tc := range []struct {
		name    string
		sets    []scenarios.Set
		horizon model.Duration
	}{
		{"john", nil, 0},
		{"mmc-abandon", nil, 0},
		{"callback-types", nil, 2 * model.Day},
		{"planning-week", nil, 2 * model.Day},
		{"planning-week", []scenarios.Set{redial, {Path: "queues[Inbound].max_size", Value: "5"}}, 2 * model.Day},
		{"../docs/examples/two-queue-centre.yaml", nil, 2 * model.Day},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := load(tc.name, tc.sets)
			if tc.horizon > 0 {
				s.Horizon = tc.horizon
			}
			p, err := Compile(s)
			if err != nil {
				t.Fatal(err)
			}
			run := func(ordinary bool, rep int) (*Result, []Record) {
				ordinaryWayOnly = ordinary
				defer func() { ordinaryWayOnly = false }()
				var recs []Record
				res, err := p.Run(context.Background(), Options{Rep: rep, Records: func(r *Record) { recs = append(recs, *r) }})
				if err != nil {
					t.Fatal(err)
				}
				return res, recs
			}
			for rep := range 2 {
				want, wantRecs := run(true, rep)
				got, gotRecs := run(false, rep)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("replication %d: the result differs from the ordinary way's", rep)
				}
				if len(gotRecs) != len(wantRecs) || len(gotRecs) == 0 {
					t.Fatalf("replication %d: %d records, the ordinary way %d", rep, len(gotRecs), len(wantRecs))
				}
				for i := range gotRecs {
					if !reflect.DeepEqual(gotRecs[i], wantRecs[i]) {
						t.Fatalf("replication %d: record %d differs:\n%+v\nthe ordinary way:\n%+v", rep, i, gotRecs[i], wantRecs[i])
					}
				}
			}
		})
	}
}
