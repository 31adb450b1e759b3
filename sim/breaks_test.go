package sim_test

import (
	"testing"

	"github.com/ccsim/ccsim/model"
)

// TestEngine_BreakAfterContact: an agent on a contact when its break is
// due finishes the contact and its after-contact work, then takes the
// whole break: a call arriving during the break waits for its end.
func TestEngine_BreakAfterContact(t *testing.T) {
	for _, tc := range []struct {
		name    string
		breaks  string
		answer2 string // when the agent answers the second call
		brk     model.Duration
		lunch   model.Duration
	}{
		// Busy until 12:11 (20 min talk + 1 min ACW from 11:50): the
		// 15-minute break runs 12:11-12:26, not 12:00-12:15.
		{"fixed", `[{start: "12:00", duration: 15m}]`, "12:26:00", 15 * model.Minute, 0},
		{"offset", `[{start: 30m, duration: 15m, kind: lunch}]`, "12:26:00", 0, 15 * model.Minute},
		// A window with one agent places the break at its start.
		{"window", `[{window: {from: "12:00", to: "13:00"}, duration: 15m}]`, "12:26:00", 15 * model.Minute, 0},
		// No break: the second call is answered on arrival.
		{"none", `[]`, "12:20:00", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := `
name: brk
start: 2024-06-03T11:30:00Z
horizon: 2h
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents:
  - {name: agent, profile: P, shifts: [{start: "11:30", end: "13:30", breaks: ` + tc.breaks + `}]}
contact_types:
  - {name: call, queue: Q, talk: 5m}
script:
  - {id: first, at: "11:50:00", talk: 20m, acw: 1m}
  - {id: second, at: "12:20:00", talk: 1m, acw: 0s}
`
			res, recs := runYAML(t, src)
			var second bool
			for i := range recs {
				if recs[i].ScriptID == "second" {
					checkRecord(t, &recs[i], "Dequeue="+tc.answer2)
					second = true
				}
			}
			if !second {
				t.Fatal("no record of the second call")
			}
			a := res.Agents[0]
			if a.Break != int64(tc.brk) || a.Lunch != int64(tc.lunch) {
				t.Errorf("break %s, lunch %s; want %s and %s", model.Duration(a.Break), model.Duration(a.Lunch), tc.brk, tc.lunch)
			}
			if got, want := a.LoggedIn()+a.Break+a.Lunch, int64(2*model.Hour); got != want {
				t.Errorf("logged in %s + breaks: %s, want the 2h shift", model.Duration(a.LoggedIn()), model.Duration(got))
			}
		})
	}
}
