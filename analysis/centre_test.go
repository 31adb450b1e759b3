package analysis_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

// centreScenario loads testdata/centre.yaml: two queues open 09-17, three
// groups with lunch breaks, callbacks after 60 s.
func centreScenario(t *testing.T) *model.Scenario {
	t.Helper()
	src, err := os.ReadFile("testdata/centre.yaml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := scenarios.ParseWith("centre.yaml", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	return l.Scenario
}

func both(sl float64) []analysis.QueueTarget {
	return []analysis.QueueTarget{{ServiceLevel: sl}, {ServiceLevel: sl}}
}

// TestSplitLoad: a queue's formula agents go in equal shares to the
// staffed groups serving it at the best priority among them; groups that
// only overflow to it get none unless no better one is staffed.
func TestSplitLoad(t *testing.T) {
	s := centreScenario(t) // groups: sales {Sales}, support {Support}, blended {Sales 1, Support 2}
	onlySupport := []analysis.QueueTarget{{}, {ServiceLevel: 0.8}}
	for _, tc := range []struct {
		name    string
		groups  []int
		targets []analysis.QueueTarget
		// want: staffed groups and Shares[q] per queue
		wantGroups []int
		want       [][]float64
		err        string
	}{
		{name: "every group", targets: both(0.8), wantGroups: []int{0, 1, 2},
			want: [][]float64{{0.5, 0, 0.5}, {0, 1, 0}}},
		{name: "blended only overflows to Support", groups: []int{1, 2}, targets: both(0.8), wantGroups: []int{1, 2},
			want: [][]float64{{0, 1}, {1, 0}}},
		{name: "overflow group alone takes the queue", groups: []int{0, 2}, targets: both(0.8), wantGroups: []int{0, 2},
			want: [][]float64{{0.5, 0.5}, {0, 1}}},
		{name: "only Support has a target: sales not staffed", targets: onlySupport, wantGroups: []int{1, 2},
			want: [][]float64{{0, 0}, {1, 0}}},
		{name: "named group serves no queue with a target", groups: []int{0}, targets: onlySupport,
			err: "agent group sales serves no queue with a target (its profile sales serves Sales)"},
		{name: "queue with a target served by no staffed group", groups: []int{0}, targets: both(0.8),
			err: "queue Support has a target but none of the groups staffed (sales) serves it"},
		{name: "no targets", targets: []analysis.QueueTarget{{}, {}}, err: "no agent group serves a queue with a target"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp, err := analysis.SplitLoad(s, tc.groups, tc.targets)
			if tc.err != "" {
				if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want ErrInvalid with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(sp.Groups, tc.wantGroups) {
				t.Errorf("groups %v, want %v", sp.Groups, tc.wantGroups)
			}
			for q := range tc.want {
				if !slices.Equal(sp.Shares[q], tc.want[q]) {
					t.Errorf("queue %d shares %v, want %v", q, sp.Shares[q], tc.want[q])
				}
			}
		})
	}
}

// TestSearchCentre_startSums: a group serving two queues at their best
// priority starts with the sum of its shares of both queues' formula
// agents; the hours before 09:00 and after 17:00, when both queues are
// closed, need nobody.
func TestSearchCentre_startSums(t *testing.T) {
	s := centreScenario(t)
	s.RoutingProfiles[2].Queues[1].Priority = 1 // blended: Sales and Support alike
	res, err := analysis.SearchCentre(context.Background(), s, analysis.CentreOptions{Targets: both(0.8), Reps: 2, MaxEvaluations: 1})
	if !errors.Is(err, analysis.ErrBudget) || res == nil {
		t.Fatalf("err = %v, res %v; want ErrBudget and a result", err, res)
	}
	for i := range res.Queues[0].Intervals {
		sales, support := res.Queues[0].Intervals[i], res.Queues[1].Intervals[i]
		want := func(x float64) int { return int(math.Ceil(x - 1e-9)) }
		got := []int{res.Groups[0].Result.Intervals[i].ErlangA, res.Groups[1].Result.Intervals[i].ErlangA, res.Groups[2].Result.Intervals[i].ErlangA}
		exp := []int{want(float64(sales.ErlangA) / 2), want(float64(support.ErlangA) / 2), want(float64(sales.ErlangA)/2 + float64(support.ErlangA)/2)}
		if sales.Offered == 0 {
			exp = []int{0, 0, 0}
		}
		if !slices.Equal(got, exp) {
			t.Errorf("interval %d: starts %v, want %v (Sales %d, Support %d agents)", i, got, exp, sales.ErlangA, support.ErlangA)
		}
		closed := i == 0 || i == 9 // 08:00 and 17:00
		if closed != (sales.Offered == 0) || closed != (support.Offered == 0) {
			t.Errorf("interval %d: offered %.1f and %.1f; want none exactly when closed (%v)", i, sales.Offered, support.Offered, closed)
		}
	}
}

// TestSearchCentre_meetsEveryQueue is the test: on the two-queue,
// three-group centre with lunch breaks and callbacks after 60 s, the
// search settles and every queue meets its target in every open interval
// on the confidence interval's lower bound.
func TestSearchCentre_meetsEveryQueue(t *testing.T) {
	s := centreScenario(t)
	targets := []analysis.QueueTarget{{ServiceLevel: 0.8, MaxAbandon: 0.05}, {ServiceLevel: 0.8, MaxASA: 30}}
	res, err := analysis.SearchCentre(context.Background(), s, analysis.CentreOptions{Targets: targets, Reps: 8})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Settled || len(res.Misses) != 0 {
		t.Fatalf("settled %v, misses %v", res.Settled, res.Misses)
	}
	t.Logf("%d evaluations; %.0f agent-hours, Erlang A split %.0f", res.Evaluations, res.Hours, res.ErlangAHours)
	for _, q := range res.Queues {
		for _, qi := range q.Intervals {
			if qi.Offered == 0 {
				continue
			}
			if lo := qi.ServiceLevel.Lo(); !(lo >= 80) {
				t.Errorf("%s %s: service level %.1f, CI low %.1f < 80", q.Name, qi.Start, qi.ServiceLevel.Mean, lo)
			}
			if q.Name == "Sales" && qi.Abandon.Mean+qi.Abandon.HalfWidth > 5 {
				t.Errorf("Sales %s: abandonment %.1f +/- %.1f above 5 %%", qi.Start, qi.Abandon.Mean, qi.Abandon.HalfWidth)
			}
			if q.Name == "Support" && qi.ASA.Mean+qi.ASA.HalfWidth > 30 {
				t.Errorf("Support %s: ASA %.1f +/- %.1f above 30 s", qi.Start, qi.ASA.Mean, qi.ASA.HalfWidth)
			}
		}
	}
}

// TestSearchCentre_budget: when the budget runs out the search returns
// the best plan it simulated, with the queue intervals it still misses
// listed, and ErrBudget. Agents who decline half the contacts offered and
// are then locked out for a minute are fewer than the formulas believe,
// so the first plans miss: after three evaluations (14, 11 and 2 queue
// intervals short) the best is the last; after ten, whose last evaluation
// (a cut) missed 2, it is the cheapest that met everything.
func TestSearchCentre_budget(t *testing.T) {
	for _, tc := range []struct {
		budget, misses int
	}{{3, 2}, {10, 0}} {
		t.Run(fmt.Sprint(tc.budget), func(t *testing.T) {
			s := centreScenario(t)
			for g := range s.Agents {
				s.Agents[g].DeclineProbability, s.Agents[g].MissedLockout = 0.5, model.Minute
			}
			var short []int
			opt := analysis.CentreOptions{Targets: both(0.8), Reps: 4, MaxEvaluations: tc.budget,
				Progress: func(_ int, note string) {
					var n int
					note = note[strings.LastIndex(note, ":")+1:]
					if _, err := fmt.Sscanf(strings.TrimSpace(note), "%d intervals short", &n); err == nil {
						short = append(short, n)
					}
				}}
			res, err := analysis.SearchCentre(context.Background(), s, opt)
			if !errors.Is(err, analysis.ErrBudget) || !strings.Contains(err.Error(), fmt.Sprintf("did not settle in %d evaluations", tc.budget)) {
				t.Fatalf("err = %v, want ErrBudget", err)
			}
			if res == nil || res.Settled || res.Evaluations != tc.budget || len(short) != tc.budget {
				t.Fatalf("settled %v, %d evaluations, shorts %v; want an unsettled result after %d", res != nil && res.Settled, res.Evaluations, short, tc.budget)
			}
			t.Logf("intervals short per evaluation: %v; misses listed: %d", short, len(res.Misses))
			if len(res.Misses) != slices.Min(short) || len(res.Misses) != tc.misses {
				t.Errorf("%d misses listed; the evaluations missed %v: want the fewest, %d", len(res.Misses), short, tc.misses)
			}
			if tc.misses == 0 && short[len(short)-1] == 0 {
				t.Errorf("the last evaluation met every target: the test no longer shows the best plan is not just the last")
			}
			for _, m := range res.Misses {
				if m.Queue == "" || m.At == "" || !strings.Contains(m.Reason, "service level") {
					t.Errorf("miss %+v: want queue, interval and reason", m)
				}
			}
		})
	}
}

// capAll is an occupancy cap for every group of the test centre.
func capAll(c float64) []analysis.GroupTarget {
	return []analysis.GroupTarget{{MaxOccupancy: c}, {MaxOccupancy: c}, {MaxOccupancy: c}}
}

// TestSearchCentre_occupancyCap: a cap below the occupancy the queue
// targets alone leave binds: the plan keeps more agents, every group
// interval with load is under the cap on its confidence interval's upper
// end, and the queues still meet their targets. A cap above that
// occupancy changes nothing: the same plan, evaluation for evaluation.
func TestSearchCentre_occupancyCap(t *testing.T) {
	s := centreScenario(t)
	search := func(caps []analysis.GroupTarget) *analysis.CentreResult {
		t.Helper()
		res, err := analysis.SearchCentre(context.Background(), s, analysis.CentreOptions{Targets: both(0.8), Reps: 8, GroupTargets: caps})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Settled || len(res.Misses) != 0 {
			t.Fatalf("settled %v, misses %v", res.Settled, res.Misses)
		}
		return res
	}
	plain := search(nil)
	highest := 0.0
	for _, g := range plain.Groups {
		for i, gi := range g.Intervals {
			if g.Result.Intervals[i].Offered > 0 {
				_, hi := gi.Occupancy.Bounds()
				highest = max(highest, hi)
			}
		}
	}
	t.Logf("without a cap: %.0f agent-hours, highest occupancy CI high %.1f %%", plain.Hours, highest)
	if highest < 60 {
		t.Fatalf("the queue targets alone leave at most %.1f %% occupancy: a 55 %% cap would not bind", highest)
	}

	capped := search(capAll(0.55))
	t.Logf("55 %% cap: %.0f agent-hours in %d evaluations", capped.Hours, capped.Evaluations)
	if capped.Hours <= plain.Hours {
		t.Errorf("capped plan %.0f agent-hours, not above the uncapped %.0f", capped.Hours, plain.Hours)
	}
	for _, g := range capped.Groups {
		if g.Target.MaxOccupancy != 0.55 {
			t.Errorf("group %s target %v", g.Name, g.Target)
		}
		for i, gi := range g.Intervals {
			if g.Result.Intervals[i].Offered == 0 {
				continue
			}
			if _, hi := gi.Occupancy.Bounds(); !(hi <= 55) || gi.Miss != "" {
				t.Errorf("group %s interval %d: occupancy %.1f, CI high %.1f > 55 (miss %q)", g.Name, i, gi.Occupancy.Mean, hi, gi.Miss)
			}
		}
	}
	for _, q := range capped.Queues {
		for _, qi := range q.Intervals {
			if qi.Offered > 0 && !(qi.ServiceLevel.Lo() >= 80) {
				t.Errorf("%s %s: service level CI low %.1f < 80", q.Name, qi.Start, qi.ServiceLevel.Lo())
			}
		}
	}

	loose := search(capAll(0.95))
	if loose.Hours != plain.Hours || loose.Evaluations != plain.Evaluations {
		t.Errorf("a 95 %% cap: %.0f agent-hours in %d evaluations, want the uncapped %.0f in %d",
			loose.Hours, loose.Evaluations, plain.Hours, plain.Evaluations)
	}
	for k := range plain.Groups {
		if a, b := plain.Groups[k].Result.Plan.Rows, loose.Groups[k].Result.Plan.Rows; !slices.Equal(a, b) {
			t.Errorf("group %s: plan %v with a 95 %% cap, %v without", plain.Groups[k].Name, b, a)
		}
	}
}

// TestSearchCentre_occupancyCapBadInput: a cap on a group the search does
// not staff, or outside (0, 1), is refused before any simulation.
func TestSearchCentre_occupancyCapBadInput(t *testing.T) {
	s := centreScenario(t)
	for _, tc := range []struct {
		name   string
		groups []int
		caps   []analysis.GroupTarget
		err    string
	}{
		{name: "unstaffed group", groups: []int{1, 2}, caps: []analysis.GroupTarget{{MaxOccupancy: 0.8}, {}, {}},
			err: "agent group sales has an occupancy cap but is not staffed"},
		{name: "100 %", caps: capAll(1), err: "an occupancy cap lies between 0 and 100 %, both excluded, got 1"},
		{name: "negative", caps: capAll(-0.1), err: "both excluded, got -0.1"},
		{name: "wrong length", caps: []analysis.GroupTarget{{MaxOccupancy: 0.8}}, err: "1 group targets for 3 agent groups"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := analysis.SearchCentre(context.Background(), s, analysis.CentreOptions{Groups: tc.groups,
				Targets: both(0.8), Reps: 2, GroupTargets: tc.caps})
			if err == nil || res != nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("res %v, err %v; want %q", res != nil, err, tc.err)
			}
		})
	}
}

// TestSearchCentre_occupancyCapBudget: a budget that runs out while the
// cap still binds lists the group intervals over their cap among the
// misses, and the error counts them.
func TestSearchCentre_occupancyCapBudget(t *testing.T) {
	s := centreScenario(t)
	// The start already covers the load over the cap (as Erlang
	// calculators do); a 30 % cap is still missed after one evaluation
	// in some group intervals, since the formulas' start is a floor.
	res, err := analysis.SearchCentre(context.Background(), s, analysis.CentreOptions{Targets: both(0.8), Reps: 4,
		MaxEvaluations: 1, GroupTargets: capAll(0.3)})
	if !errors.Is(err, analysis.ErrBudget) || res == nil {
		t.Fatalf("res %v, err %v; want a result and ErrBudget", res != nil, err)
	}
	groupMisses := 0
	for _, m := range res.Misses {
		if m.Group != "" {
			groupMisses++
			if m.Queue != "" || m.At == "" || !strings.Contains(m.Reason, "occupancy") || !strings.Contains(m.Reason, "> 30 %") {
				t.Errorf("miss %+v: want group, interval and an occupancy reason", m)
			}
		}
	}
	t.Logf("%d misses, %d of them group intervals: %v", len(res.Misses), groupMisses, err)
	if groupMisses == 0 {
		t.Fatalf("no group interval listed over its cap: %+v", res.Misses)
	}
	if !strings.Contains(err.Error(), "queue or group interval(s)") {
		t.Errorf("err = %v", err)
	}
}
