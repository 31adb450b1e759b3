package sim_test

import (
	"context"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// mmcScenario is the benchmark's plain M/M/c: 100 agents, exponential
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

// BenchmarkMMC reports contacts/s and events/s of the engine on the
// issue's reference M/M/c (compare with ../shared/tools/eventlimit run in
// the same session: the bare typed-heap loop for the same model).
func BenchmarkMMC(b *testing.B) {
	// 1000 hours at 1080 contacts/h: about 1.08 million contacts a run.
	p, err := sim.Compile(mmcScenario(1000 * model.Hour))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var contacts, events int64
	for b.Loop() {
		res, err := p.Run(context.Background(), sim.Options{})
		if err != nil {
			b.Fatal(err)
		}
		contacts += res.Contacts()
		events += int64(res.Events)
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(contacts)/sec, "contacts/s")
	b.ReportMetric(float64(events)/sec, "events/s")
}
