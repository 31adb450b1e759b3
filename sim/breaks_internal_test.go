package sim

import (
	"fmt"
	"testing"

	"github.com/ccsim/ccsim/model"
)

// windowScenario is a group of n agents on 08:00-16:00 with one break of
// length l in a window [from, to) (offsets from the shift start).
func windowScenario(n int, from, to, l model.Duration) *model.Scenario {
	return &model.Scenario{
		Name: "w", Horizon: model.Day, Seed: 1,
		Queues:          []model.Queue{{Name: "Q"}},
		RoutingProfiles: []model.RoutingProfile{{Name: "P", Queues: []model.ProfileQueue{{Queue: "Q", Priority: 1}}}},
		Agents: []model.AgentGroup{{Name: "a", Count: n, Profile: "P", MissedLockout: model.Second,
			Shifts: []model.Shift{{
				Start: model.At{Set: true, Value: 8 * model.Hour}, End: model.At{Set: true, Value: 16 * model.Hour},
				Breaks: []model.Break{{Window: &model.BreakWindow{From: model.At{Set: true, Value: from}, To: model.At{Set: true, Value: to}}, Duration: l}},
			}}}},
		ContactTypes: []model.ContactType{{Name: "c", Queue: "Q", PerHour: 10, Talk: model.Fixed(model.Minute)}},
	}
}

// TestStagger_coverage: with a window, a group's breaks are spread so that
// at most ceil(n / floor(window / length)) agents are away at once, every
// break lies inside its window and lasts its full length, and each agent
// is away exactly once.
func TestStagger_coverage(t *testing.T) {
	for _, tc := range []struct {
		n        int
		from, to model.Duration
		l        model.Duration
	}{
		{10, 2 * model.Hour, 4 * model.Hour, 30 * model.Minute},
		{10, 2 * model.Hour, 3 * model.Hour, 30 * model.Minute},
		{7, 2 * model.Hour, 3*model.Hour + 10*model.Minute, 30 * model.Minute},
		{25, 3 * model.Hour, 5 * model.Hour, 15 * model.Minute},
		{3, 3 * model.Hour, 5 * model.Hour, 15 * model.Minute},
		{1, 3 * model.Hour, 5 * model.Hour, 15 * model.Minute},
		{12, 1 * model.Hour, 2 * model.Hour, 60 * model.Minute},
	} {
		t.Run(fmt.Sprintf("n=%d,window=%s-%s,l=%s", tc.n, tc.from, tc.to, tc.l), func(t *testing.T) {
			p, err := Compile(windowScenario(tc.n, tc.from, tc.to, tc.l))
			if err != nil {
				t.Fatal(err)
			}
			g := p.groups[0]
			if len(g.scheds) != tc.n {
				t.Fatalf("%d schedules, want one per agent (%d)", len(g.scheds), tc.n)
			}
			lanes := max(1, min(tc.n, int((tc.to-tc.from)/tc.l)))
			bound := (tc.n + lanes - 1) / lanes
			shiftStart := int64(8 * model.Hour)
			away := map[int64]int{}
			for k, sc := range g.scheds {
				if len(sc.pieces) != 2 {
					t.Fatalf("agent %d: pieces %v, want two (the break between)", k, sc.pieces)
				}
				a, b := sc.pieces[0][1], sc.pieces[1][0]
				if b-a != int64(tc.l) || sc.gapAfter(0).length != int64(tc.l) {
					t.Errorf("agent %d: break %d-%d, want %s long", k, a, b, tc.l)
				}
				if a < shiftStart+int64(tc.from) || b > shiftStart+int64(tc.to) {
					t.Errorf("agent %d: break %d-%d outside the window", k, a, b)
				}
				for m := a; m < b; m += int64(model.Minute) {
					away[m]++
				}
			}
			worst := 0
			for _, v := range away {
				worst = max(worst, v)
			}
			if worst > bound {
				t.Errorf("%d agents away at once, want at most ceil(%d/%d) = %d", worst, tc.n, lanes, bound)
			}
		})
	}
}

// TestStagger_sharedWithoutWindow: fixed breaks keep one shared schedule.
func TestStagger_sharedWithoutWindow(t *testing.T) {
	s := windowScenario(5, 0, 0, 15*model.Minute)
	s.Agents[0].Shifts[0].Breaks[0] = model.Break{Start: model.At{Set: true, Value: 2 * model.Hour}, Duration: 15 * model.Minute}
	p, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(p.groups[0].scheds); n != 1 {
		t.Errorf("%d schedules, want 1 shared", n)
	}
}

// TestKeepRows: shrinkage on a roster keeps round(m x keep) of each day's
// m rows, spread through them.
func TestKeepRows(t *testing.T) {
	var rows []model.Shift
	for i := range 10 {
		rows = append(rows, model.Shift{Days: []string{"mon"}, Start: model.At{Set: true, Clock: true, Value: model.Duration(i) * model.Hour}})
	}
	for i := range 4 {
		rows = append(rows, model.Shift{Days: []string{"tue"}, Start: model.At{Set: true, Clock: true, Value: model.Duration(i) * model.Hour}})
	}
	var got []model.Shift
	for _, j := range keepRows(rows, 0.7) {
		got = append(got, rows[j])
	}
	mon, tue := 0, 0
	for _, r := range got {
		if r.Days[0] == "mon" {
			mon++
		} else {
			tue++
		}
	}
	if mon != 7 || tue != 3 {
		t.Errorf("kept %d of 10 Monday rows and %d of 4 Tuesday rows, want 7 and 3", mon, tue)
	}
	// Not the last ones: the dropped Monday rows are spread (1, 5 and 8).
	var kept []int64
	for _, r := range got[:mon] {
		kept = append(kept, int64(r.Start.Value/model.Hour))
	}
	if fmt.Sprint(kept) != "[0 2 3 4 6 7 9]" {
		t.Errorf("Monday rows kept %v, want [0 2 3 4 6 7 9]", kept)
	}
	if n := len(keepRows(rows, 1)); n != 14 {
		t.Errorf("no shrinkage kept %d of 14", n)
	}
}
