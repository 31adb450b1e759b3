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
