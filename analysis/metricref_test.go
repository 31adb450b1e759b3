package analysis_test

import (
	"context"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

func TestParseMetricRef(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    analysis.MetricRef
		wantErr string
	}{
		{in: "service_level", want: analysis.MetricRef{Key: "service_level"}},
		{in: "service_level[Support]", want: analysis.MetricRef{Key: "service_level", Queue: "Support"}},
		{in: " asa [ Sales line ] ", want: analysis.MetricRef{Key: "asa", Queue: "Sales line"}},
		{in: "cb_request_to_reach[Call-backs (EU)]", want: analysis.MetricRef{Key: "cb_request_to_reach", Queue: "Call-backs (EU)"}},
		{in: "service_level[Support", wantErr: "not closed by ']'"},
		{in: "service_level]", wantErr: "']' without '['"},
		{in: "service_level[]", wantErr: "with both"},
		{in: "[Support]", wantErr: "with both"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := analysis.ParseMetricRef(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseMetricRef(%q) = %v, %v; want an error with %q", tc.in, got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseMetricRef(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
			}
			if again, _ := analysis.ParseMetricRef(got.String()); again != got {
				t.Errorf("%q does not read back: %+v", got.String(), again)
			}
		})
	}
}

func TestCheckObjective_perQueue(t *testing.T) {
	for _, tc := range []struct {
		name    string
		o       analysis.Objective
		wantErr string
	}{
		{"queue objective", analysis.Objective{Key: "service_level[Support]"}, ""},
		{"queue constraint", analysis.Objective{Key: "asa", Constraints: []analysis.Constraint{{Key: "cb_request_to_reach[Callbacks]", Op: "<=", Value: 600}}}, ""},
		{"agent metric of a queue", analysis.Objective{Key: "occupancy[Support]"}, "kept per agent group, not per queue"},
		{"unknown metric of a queue", analysis.Objective{Key: "servce_level[Support]"}, `unknown metric "servce_level"`},
		{"bad form in a constraint", analysis.Objective{Key: "asa", Constraints: []analysis.Constraint{{Key: "asa[Support", Op: "<=", Value: 30}}}, "not closed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := analysis.CheckObjective(tc.o)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckObjective = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("CheckObjective = %v, want an error with %q", err, tc.wantErr)
			}
		})
	}
}

// An objective or a constraint naming a queue the scenario lacks is an
// error that names it and lists the queues there are.
func TestCheckQueues(t *testing.T) {
	queues := []string{"Sales", "Support"}
	o := analysis.Objective{Key: "service_level", Constraints: []analysis.Constraint{{Key: "asa[Suport]", Op: "<=", Value: 30}}}
	err := analysis.CheckQueues(o, queues)
	if err == nil {
		t.Fatal("CheckQueues accepted the unknown queue Suport")
	}
	for _, want := range []string{`asa[Suport]: unknown queue "Suport"`, "the scenario's queues: Sales, Support"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	err = analysis.CheckQueues(analysis.Objective{Key: "service_level[support]"}, queues)
	if err == nil || !strings.Contains(err.Error(), "did you mean service_level[Support]?") {
		t.Errorf("CheckQueues(service_level[support]) = %v, want a case hint", err)
	}
	if err := analysis.CheckQueues(analysis.Objective{Key: "service_level[Support]", Constraints: o.Constraints[:0]}, queues); err != nil {
		t.Errorf("CheckQueues(service_level[Support]) = %v", err)
	}
}

// twoQueueSweep compares testdata/two-queues.yaml's variants: sales
// first (the scenario), support first, the oldest contact first.
func twoQueueSweep(t *testing.T) *analysis.Comparison {
	t.Helper()
	src, err := os.ReadFile("testdata/two-queues.yaml")
	if err != nil {
		t.Fatal(err)
	}
	vsrc, err := os.ReadFile("testdata/two-queues-variants.yaml")
	if err != nil {
		t.Fatal(err)
	}
	variants, err := scenarios.ParseVariants("two-queues-variants.yaml", vsrc)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var plans []*sim.Plan
	for _, v := range variants {
		l, err := scenarios.ParseWith("two-queues.yaml", src, v.Sets)
		if err != nil {
			t.Fatal(err)
		}
		p, err := sim.Compile(l.Scenario)
		if err != nil {
			t.Fatal(err)
		}
		names, plans = append(names, v.Name), append(plans, p)
	}
	c, err := analysis.Sweep(context.Background(), names, plans, 10, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func rankOrder(rows []analysis.RankRow) (ranked, broken []string) {
	for _, r := range rows {
		if r.Rank > 0 {
			ranked = append(ranked, r.Variant)
		} else {
			broken = append(broken, r.Variant)
		}
	}
	return ranked, broken
}

// TestRank_perQueue: serving the short sales calls first gives the best
// service level over both queues, serving support first the best on the
// support line; per-queue objectives and constraints rank by the queue's
// own estimate.
func TestRank_perQueue(t *testing.T) {
	c := twoQueueSweep(t)
	for _, tc := range []struct {
		name       string
		o          analysis.Objective
		wantRanked []string
		wantBroken []string
	}{
		{"overall", analysis.Objective{Key: "service_level", Maximize: true},
			[]string{"baseline", "oldest first", "support first"}, nil},
		{"support line", analysis.Objective{Key: "service_level[Support]", Maximize: true},
			[]string{"support first", "oldest first", "baseline"}, nil},
		{"sales line", analysis.Objective{Key: "asa[Sales]"},
			[]string{"baseline", "oldest first", "support first"}, nil},
		// The best overall service level, among settings giving the
		// support line 85 %: only support first.
		{"overall under a support constraint", analysis.Objective{Key: "service_level", Maximize: true,
			Constraints: []analysis.Constraint{{Key: "service_level[Support]", Op: ">=", Value: 85}}},
			[]string{"support first"}, []string{"baseline", "oldest first"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := analysis.CheckObjective(tc.o); err != nil {
				t.Fatal(err)
			}
			rows := analysis.Rank(c, tc.o)
			ranked, broken := rankOrder(rows)
			if !slices.Equal(ranked, tc.wantRanked) || !slices.Equal(broken, tc.wantBroken) {
				t.Errorf("ranked %q, broken %q; want %q, %q", ranked, broken, tc.wantRanked, tc.wantBroken)
			}
			for _, r := range rows {
				want, _ := c.Variants[slices.IndexFunc(c.Variants, func(v analysis.VariantSummary) bool { return v.Name == r.Variant })].Summary.Lookup(tc.o.Key)
				if r.Objective != want.Estimate {
					t.Errorf("%s: objective %+v, want the summary's %+v", r.Variant, r.Objective, want.Estimate)
				}
				if r.Rank == 0 && !slices.Equal(r.Broken, []string{"service_level[Support]>=85"}) {
					t.Errorf("%s breaks %q", r.Variant, r.Broken)
				}
			}
		})
	}
	// Overall and per-queue rankings differ: the point of per-queue views.
	a, _ := rankOrder(analysis.Rank(c, analysis.Objective{Key: "service_level", Maximize: true}))
	b, _ := rankOrder(analysis.Rank(c, analysis.Objective{Key: "service_level[Support]", Maximize: true}))
	if a[0] == b[0] {
		t.Errorf("overall and support rankings both put %s first", a[0])
	}
}

// FuzzParseMetricRef: any text is read or refused, never a panic; what is
// read writes back to itself, and a constraint on it parses to the same
// name.
func FuzzParseMetricRef(f *testing.F) {
	for _, s := range []string{"service_level", "service_level[Support]", "asa[Sales line]", "x[", "]", "[]", "a[b]c]", "cb_request_to_reach[Q<=1]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := analysis.ParseMetricRef(s)
		if err != nil {
			return
		}
		again, err := analysis.ParseMetricRef(r.String())
		if err != nil || again != r {
			t.Fatalf("%q reads as %+v, which writes %q and reads back as %+v, %v", s, r, r.String(), again, err)
		}
		_ = analysis.CheckObjective(analysis.Objective{Key: r.String()})
		_ = analysis.CheckQueues(analysis.Objective{Key: r.String()}, []string{"Sales"})
	})
}

// TestPairedDiff_perQueue: a queue's metric is paired replication by
// replication as the overall ones are, so a ranking by one queue's
// objective marks ties on chance, not on equal means.
func TestPairedDiff_perQueue(t *testing.T) {
	c := twoQueueSweep(t)
	idx := func(name string) int {
		return slices.IndexFunc(c.Variants, func(v analysis.VariantSummary) bool { return v.Name == name })
	}
	sup, base := idx("support first"), idx("baseline")
	const key = "service_level[Support]"
	d, ok := c.PairedDiff(sup, base, key)
	if !ok {
		t.Fatalf("PairedDiff(%s): not ok", key)
	}
	ms, _ := c.Variants[sup].Summary.Lookup(key)
	mb, _ := c.Variants[base].Summary.Lookup(key)
	if math.Abs(d.Paired.Mean-(ms.Mean-mb.Mean)) > 1e-9 || !d.Significant {
		t.Errorf("paired difference %+v: want the difference of the means, %g, and significant", d.Paired, ms.Mean-mb.Mean)
	}
	if d, ok := c.PairedDiff(sup, sup, key); !ok || d.Paired.Mean != 0 || d.Significant {
		t.Errorf("a variant against itself: %+v, %v", d, ok)
	}
	if _, ok := c.PairedDiff(sup, base, "service_level[Nowhere]"); ok {
		t.Error("PairedDiff of an unknown queue: ok")
	}
}
