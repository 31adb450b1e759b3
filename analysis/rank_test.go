package analysis_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// comparison runs a small real comparison: the M/M/c queue with 100 and
// 102 agents, 4 replications of 2 hours on common random numbers.
func comparison(t *testing.T) *analysis.Comparison {
	t.Helper()
	return comparisonOf(t, []string{"baseline", "two more agents"}, 100, 102)
}

// comparisonOf compares the M/M/c queue with each number of agents.
func comparisonOf(t *testing.T, names []string, agentCounts ...int) *analysis.Comparison {
	t.Helper()
	var results [][]*sim.Result
	for _, agents := range agentCounts {
		cb := 20 * model.Second
		s := &model.Scenario{
			Name: "mmc", Horizon: 2 * model.Hour, Seed: 1, ServiceLevel: cb,
			Queues:          []model.Queue{{Name: "Main"}},
			RoutingProfiles: []model.RoutingProfile{{Name: "P", Queues: []model.ProfileQueue{{Queue: "Main", Priority: 1}}}},
			Agents:          []model.AgentGroup{{Name: "agent", Count: agents, Profile: "P", MissedLockout: model.Second}},
			ContactTypes: []model.ContactType{{Name: "call", Queue: "Main", PerHour: 1080,
				Talk: model.Dist{Kind: model.Exponential, Mean: 300 * model.Second}}},
		}
		p, err := sim.Compile(s)
		if err != nil {
			t.Fatal(err)
		}
		res, err := analysis.Replicate(context.Background(), p, analysis.ReplicateOptions{Reps: 4})
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
	}
	c, err := analysis.Compare(names, results)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRank(t *testing.T) {
	c := comparison(t)
	// Two more agents lower ASA; the baseline may be busier than 91.5 %
	// (the upper bounds of the occupancy at 97.5 %, the level of each of
	// the two variants' constraints, are 90.8 and 92.6).
	rows := analysis.Rank(c, analysis.Objective{Key: "asa", Constraints: []analysis.Constraint{{Key: "occupancy", Op: "<=", Value: 91.5}}})
	if rows[0].Variant != "two more agents" || rows[0].Rank != 1 || rows[1].Rank != 0 || len(rows[1].Broken) != 1 {
		t.Errorf("ranking %+v: want two more agents first, the baseline breaking the occupancy cap", rows)
	}
	for _, bad := range []string{"asa<", "<=5", "asa<=x"} {
		if _, err := analysis.ParseConstraint(bad); err == nil {
			t.Errorf("ParseConstraint(%q): no error", bad)
		}
	}
	if err := analysis.CheckObjective(analysis.Objective{Key: "happiness"}); err == nil || !strings.Contains(err.Error(), "unknown metric") {
		t.Errorf("CheckObjective(happiness) = %v", err)
	}
}

// TestParseConstraint checks that a constraint compares in the unit its
// metric is shown in: a percentage takes 5% or 0.05 (both 5 %), never a
// bare 5; other metrics take plain numbers.
func TestParseConstraint(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want analysis.Constraint
		text string // String(), as reports show it
	}{
		{"abandon_rate<=5%", analysis.Constraint{Key: "abandon_rate", Op: "<=", Value: 5, Percent: true}, "abandon_rate<=5%"},
		{"abandon_rate<=0.05", analysis.Constraint{Key: "abandon_rate", Op: "<=", Value: 5, Percent: true}, "abandon_rate<=5%"},
		{"abandon_rate <= 5 %", analysis.Constraint{Key: "abandon_rate", Op: "<=", Value: 5, Percent: true}, "abandon_rate<=5%"},
		{"occupancy<=0.07", analysis.Constraint{Key: "occupancy", Op: "<=", Value: 7, Percent: true}, "occupancy<=7%"},
		{"service_level>=80%", analysis.Constraint{Key: "service_level", Op: ">=", Value: 80, Percent: true}, "service_level>=80%"},
		{"service_level>=0.8", analysis.Constraint{Key: "service_level", Op: ">=", Value: 80, Percent: true}, "service_level>=80%"},
		{"service_level>=1", analysis.Constraint{Key: "service_level", Op: ">=", Value: 100, Percent: true}, "service_level>=100%"},
		{"service_level[Support]>=80%", analysis.Constraint{Key: "service_level[Support]", Op: ">=", Value: 80, Percent: true}, "service_level[Support]>=80%"},
		{"cb_attempts_per_handled<=1.5", analysis.Constraint{Key: "cb_attempts_per_handled", Op: "<=", Value: 1.5}, "cb_attempts_per_handled<=1.5"},
		{"asa<=20", analysis.Constraint{Key: "asa", Op: "<=", Value: 20}, "asa<=20"},
		{"cb_unreached<=10", analysis.Constraint{Key: "cb_unreached", Op: "<=", Value: 10}, "cb_unreached<=10"},
	} {
		got, err := analysis.ParseConstraint(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseConstraint(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			continue
		}
		if s := got.String(); s != tt.text {
			t.Errorf("ParseConstraint(%q).String() = %q, want %q", tt.in, s, tt.text)
		}
		if again, err := analysis.ParseConstraint(got.String()); err != nil || again != got {
			t.Errorf("ParseConstraint(%q) = %+v, %v; want it to read back as %+v", got.String(), again, err, got)
		}
	}
	for _, tt := range []struct{ in, phrase string }{
		{"abandon_rate<=5", "abandon_rate is a percentage: \"5\" is more than 1: write 5% for 5 percent, or the fraction 0.05"},
		{"service_level>=120%", `"120%" is more than 100%`},
		{"service_level>=-5%", `is negative`},
		{"abandon_rate<=lots", "not a share"},
		{"asa<=20%", "asa is not a percentage: write a number of seconds"},
		{"cb_unreached<=10%", "cb_unreached is not a percentage: write a number of contacts"},
		{"asa<=NaN", "is not a number"},
	} {
		_, err := analysis.ParseConstraint(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.phrase) {
			t.Errorf("ParseConstraint(%q) = %v; want an error with %q", tt.in, err, tt.phrase)
		}
	}
}

// TestRank_PercentConstraint checks that abandon_rate<=5% and <=0.05 rank
// alike, on the metric's percent values.
func TestRank_PercentConstraint(t *testing.T) {
	c := comparison(t)
	var got [2][]analysis.RankRow
	for i, s := range []string{"occupancy<=89%", "occupancy<=0.89"} {
		k, err := analysis.ParseConstraint(s)
		if err != nil {
			t.Fatal(err)
		}
		got[i] = analysis.Rank(c, analysis.Objective{Key: "asa", Constraints: []analysis.Constraint{k}})
	}
	for i := range got[0] {
		a, b := got[0][i], got[1][i]
		if a.Variant != b.Variant || a.Rank != b.Rank || len(a.Broken) != len(b.Broken) {
			t.Errorf("row %d: %+v with 89%%, %+v with 0.89", i, a, b)
		}
	}
	if got[0][0].Variant != "two more agents" || got[0][1].Rank != 0 || got[0][1].Broken[0] != "occupancy<=89%" {
		t.Errorf("ranking %+v: want two more agents first, the baseline breaking occupancy<=89%%", got[0])
	}
}

func FuzzParseConstraint(f *testing.F) {
	for _, s := range []string{"abandon_rate<=5%", "service_level>=0.8", "asa<=20", "x>=1", "<=", "occupancy<=101%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := analysis.ParseConstraint(s)
		if err != nil {
			return
		}
		if c.Percent && !(c.Value >= 0 && c.Value <= 100) {
			t.Fatalf("ParseConstraint(%q) = %+v: a percentage outside 0 to 100", s, c)
		}
	})
}

// TestRank_Ties: variants whose paired difference is not significant
// share a rank, and the next rank skips (1, 2, 2, 4).
func TestRank_Ties(t *testing.T) {
	c := comparisonOf(t, []string{"100", "100 again", "110", "100 once more", "92"}, 100, 100, 110, 100, 92)
	rows := analysis.Rank(c, analysis.Objective{Key: "occupancy"})
	type rt struct {
		variant string
		rank    int
		tied    bool
	}
	var got []rt
	for _, r := range rows {
		got = append(got, rt{r.Variant, r.Rank, r.Tied})
	}
	want := []rt{{"110", 1, false}, {"100", 2, true}, {"100 again", 2, true}, {"100 once more", 2, true}, {"92", 5, false}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ranking %v, want %v", got, want)
	}
	if d, ok := c.PairedDiff(4, 2, "occupancy"); !ok || !d.Significant || d.Paired.Mean <= 0 {
		t.Errorf("PairedDiff(92 agents, 110 agents, occupancy) = %+v, %v: want a significant positive difference", d, ok)
	}
	if _, ok := c.PairedDiff(0, 1, "happiness"); ok {
		t.Error("PairedDiff of an unknown metric: ok")
	}
}
