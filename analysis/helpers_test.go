package analysis_test

import (
	"testing"

	"github.com/ccsim/ccsim/model"
)

// mmcScenario is a plain M/M/c (as in sim's benchmarks): 100 agents, exponential
// 300 s handle time, Poisson arrivals at 90 % utilisation (1080 per hour),
// no abandonment, no callbacks, records off.
func mmcScenario(horizon model.Duration) *model.Scenario {
	return &model.Scenario{
		Name: "mmc", Horizon: horizon, Seed: 1, ServiceLevel: 20 * model.Second,
		Queues:          []model.Queue{{Name: "Q"}},
		RoutingProfiles: []model.RoutingProfile{{Name: "P", Queues: []model.ProfileQueue{{Queue: "Q", Priority: 1}}}},
		Agents:          []model.AgentGroup{{Name: "a", Count: 100, Profile: "P", MissedLockout: model.Second}},
		ContactTypes: []model.ContactType{{Name: "call", Queue: "Q", PerHour: 1080,
			Talk: model.Dist{Kind: model.Exponential, Mean: 300 * model.Second}}},
	}
}

// skipShort skips the long statistical tests under -short (the race
// detector pass in make test); the plain pass runs them.
func skipShort(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical validation runs without -short")
	}
}
