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
// (scripted and drawn), routing delays, priorities, abandonment and
// shifts. It fails if the shortcut skips a count, a draw or an event.
func TestAnswerAtOnce_isTheOrdinaryWay(t *testing.T) {
	load := func(name string) *model.Scenario {
		t.Helper()
		var s *model.Scenario
		var err error
		if scenarios.IsBuiltin(name) {
			s, err = scenarios.Load(name)
		} else {
			s, err = scenarios.LoadFile(name)
		}
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, tc := range []struct {
		name    string
		horizon model.Duration
	}{
		{"john", 0},
		{"mmc-abandon", 0},
		{"callback-types", 2 * model.Day},
		{"planning-week", 2 * model.Day},
		{"../docs/examples/two-queue-centre.yaml", 2 * model.Day},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := load(tc.name)
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
