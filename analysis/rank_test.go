package analysis_test

import (
	"context"
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
	var results [][]*sim.Result
	for _, agents := range []int{100, 102} {
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
	c, err := analysis.Compare([]string{"baseline", "two more agents"}, results)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRank(t *testing.T) {
	c := comparison(t)
	// Two more agents lower ASA; the baseline is busier than 89 %.
	rows := analysis.Rank(c, analysis.Objective{Key: "asa", Constraints: []analysis.Constraint{{Key: "occupancy", Op: "<=", Value: 89}}})
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
