package sim

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
)

// TestRun_badDraw: a distribution that draws NaN (a Weibull shape past
// float64's Gamma, which validation refuses, forced in here) stops the
// replication with an error naming the distribution, instead of running
// on with negative durations (5 agents were once reported as 9.1 logged
// in).
func TestRun_badDraw(t *testing.T) {
	s := &model.Scenario{
		Name: "w", Horizon: 2 * model.Hour, Seed: 1,
		Queues:          []model.Queue{{Name: "Q"}},
		RoutingProfiles: []model.RoutingProfile{{Name: "P", Queues: []model.ProfileQueue{{Queue: "Q", Priority: 1}}}},
		Agents:          []model.AgentGroup{{Name: "a", Count: 5, Profile: "P", MissedLockout: model.Second}},
		ContactTypes: []model.ContactType{{Name: "c", Queue: "Q", PerHour: 100,
			Talk: model.Dist{Kind: model.Weibull, Mean: 5 * model.Minute, Shape: 1.5}}},
	}
	p, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	p.types[0].talk = model.Dist{Kind: model.Weibull, Mean: 5 * model.Minute, Shape: 0.001}
	res, err := p.Run(context.Background(), Options{Rep: 3})
	var b badDraw
	if res != nil || !errors.As(err, &b) || !strings.Contains(err.Error(), "replication 3: a weibull distribution") ||
		!strings.Contains(err.Error(), "drew NaN ms") {
		t.Fatalf("Run = %v, %v; want no result and the bad draw named", res, err)
	}
}

// TestSampler_drawsInRange: every family draws within the clock for
// parameters validation accepts at their edges.
func TestSampler_drawsInRange(t *testing.T) {
	r := newStream(1, 0, streamTalk, 0)
	for _, d := range []model.Dist{
		{Kind: model.Weibull, Mean: 5 * model.Minute, Shape: 0.5},
		{Kind: model.LogNormal, Mean: 5 * model.Minute, SD: 20 * model.Minute},
		{Kind: model.Gamma, Mean: 5 * model.Minute, SD: 30 * model.Minute},
		{Kind: model.Exponential, Mean: model.MaxDuration / 100},
	} {
		s := newSampler(d, r)
		for range 100000 {
			if v := s.draw(); v < 0 || v > int64(model.MaxDuration) {
				t.Fatalf("%v drew %d", d, v)
			}
		}
	}
}
