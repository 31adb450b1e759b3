package sim_test

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// mmcScenario is the benchmark's plain M/M/c: 100 agents, exponential
// 300 s handle time, Poisson arrivals at 90 % utilisation (1080 per hour),
// no abandonment, no callbacks, records off.
func mmcScenario(horizon model.Duration) *model.Scenario { return mmcAgents(100, horizon) }

// mmcAgents is the same M/M/c with n agents, at 90 % utilisation.
func mmcAgents(n int, horizon model.Duration) *model.Scenario {
	return &model.Scenario{
		Name: "mmc", Horizon: horizon, Seed: 1, ServiceLevel: 20 * model.Second,
		Queues:          []model.Queue{{Name: "Q"}},
		RoutingProfiles: []model.RoutingProfile{{Name: "P", Queues: []model.ProfileQueue{{Queue: "Q", Priority: 1}}}},
		Agents:          []model.AgentGroup{{Name: "a", Count: n, Profile: "P", MissedLockout: model.Second}},
		ContactTypes: []model.ContactType{{Name: "call", Queue: "Q", PerHour: 0.9 * float64(n) * 3600 / 300,
			Talk: model.Dist{Kind: model.Exponential, Mean: 300 * model.Second}}},
	}
}

// BenchmarkMMCAgents reports the engine's cost per event as the centre
// grows, about a million contacts a run at each size: per-event cost at
// 20,000 agents should stay within twice that at 100 (the contact and
// agent records then no longer fit in cache).
func BenchmarkMMCAgents(b *testing.B) {
	for _, n := range []int{100, 1000, 20000} {
		b.Run(fmt.Sprintf("agents=%d", n), func(b *testing.B) {
			contacts := 1.08e6
			horizon := model.Duration(contacts / (0.9 * float64(n) * 3600 / 300) * float64(model.Hour))
			p, err := sim.Compile(mmcAgents(n, horizon))
			if err != nil {
				b.Fatal(err)
			}
			var events int64
			for b.Loop() {
				res, err := p.Run(context.Background(), sim.Options{})
				if err != nil {
					b.Fatal(err)
				}
				events += int64(res.Events)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
		})
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

// planningWeeks loads the built-in planning week with the horizon stretched
// to n weeks (the forecast and staffing plan repeat every week).
func planningWeeks(tb testing.TB, weeks int) *sim.Plan {
	tb.Helper()
	s, err := scenarios.Load("planning-week")
	if err != nil {
		tb.Fatal(err)
	}
	s.Horizon = model.Duration(weeks) * 7 * model.Day
	p, err := sim.Compile(s)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkPlanningYear runs one replication of the planning scenario over
// a year (52 weeks of its forecast and staffing plan), records off, and
// reports contacts/s and the peak heap in use during the run, sampled.
func BenchmarkPlanningYear(b *testing.B) {
	p := planningWeeks(b, 52)
	b.ReportAllocs()
	var contacts int64
	var peak uint64
	for b.Loop() {
		stop := sampleHeap(&peak)
		res, err := p.Run(context.Background(), sim.Options{})
		stop()
		if err != nil {
			b.Fatal(err)
		}
		contacts += res.Contacts()
	}
	b.ReportMetric(float64(contacts)/b.Elapsed().Seconds(), "contacts/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// sampleHeap records the largest heap (bytes of live and not yet swept
// objects) seen every millisecond until the returned stop is called. It
// reads runtime/metrics, which unlike ReadMemStats does not stop the world.
func sampleHeap(peak *uint64) (stop func()) {
	runtime.GC()
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			*peak = max(*peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}
