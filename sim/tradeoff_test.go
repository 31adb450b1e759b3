package sim_test

import (
	"context"
	"github.com/ccsim/ccsim/analysis"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// tradeoffScenario: 20 agents, a busy inbound queue whose callers are
// offered a callback after 30 s; callbacks work the same queue.
const tradeoffScenario = `
name: tradeoff
horizon: 8h
warmup: 30m
queues: [{name: Sales}]
routing_profiles: [{name: P, queues: [{queue: Sales}]}]
agents: [{name: a, count: 20, profile: P}]
contact_types:
  - name: sales
    queue: Sales
    per_hour: 235
    talk: {dist: exponential, mean: 5m}
    patience: {dist: exponential, mean: 4m}
    callback:
      MODE
      offer_after: 30s
      accept_probability: 0.5
      initial_delay: 10s
      retry_interval: 2m
      max_retries: 2
      connected_patience: {dist: exponential, mean: 30s}
      dial: {answer: 0.8, no_answer: 0.2}
      ring_time: {dist: uniform, min: 3s, max: 20s}
`

// pairedRuns runs two variants of a scenario on the same random streams
// and returns, per replication, f(variant b) - f(variant a).
func pairedRuns(t *testing.T, a, b string, reps int, f func(*sim.Result) float64) analysis.Estimate {
	t.Helper()
	run := func(src string) []*sim.Result {
		s, err := scenarios.Parse("tradeoff.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		p, err := sim.Compile(s)
		if err != nil {
			t.Fatal(err)
		}
		res, err := analysis.Replicate(context.Background(), p, analysis.ReplicateOptions{Reps: reps})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	ra, rb := run(a), run(b)
	d := make([]float64, reps)
	for i := range d {
		d[i] = f(rb[i]) - f(ra[i])
	}
	return analysis.NewEstimate(d)
}

// TestTradeoff_Pacing: with pacing_basis: logged_in (the literal reading
// of Genesys's "online agent count"), the same traffic and staffing, a
// higher pacing modifier reaches customers sooner and makes more of them
// hang up waiting for an agent after answering: pacing 10 keeps up to one
// dial out per logged-in agent, busy or not, so answered customers
// outnumber the agents free to take them. Each claim is a paired
// difference over 20 replications on common random numbers whose 95 %
// interval must exclude zero in the expected direction.
func TestTradeoff_Pacing(t *testing.T) {
	skipShort(t)
	cf := func(pacing string) string {
		return strings.Replace(tradeoffScenario, "MODE", "mode: customer_first\n      pacing_basis: logged_in\n      pacing: "+pacing, 1)
	}
	low, high := cf("2"), cf("10")
	reach := pairedRuns(t, low, high, 20, timeToReach)
	t.Logf("logged_in: time to reach, pacing 10 - pacing 2: %.1f s +/- %.1f", reach.Mean, reach.HalfWidth)
	if reach.Hi() >= 0 {
		t.Errorf("pacing 10 does not reach customers sooner than pacing 2: difference %.1f s +/- %.1f", reach.Mean, reach.HalfWidth)
	}
	aac := pairedRuns(t, low, high, 20, abandonedAfterConnect)
	t.Logf("logged_in: abandoned after connect, pacing 10 - pacing 2: %.2f points +/- %.2f", aac.Mean, aac.HalfWidth)
	if aac.Lo() <= 0 {
		t.Errorf("pacing 10 does not raise abandoned-after-connect: difference %.2f points +/- %.2f", aac.Mean, aac.HalfWidth)
	}
}

// TestTradeoff_PacingIdle: under the default pacing_basis, idle, the
// pacer keeps at most max(1, floor(pacing/10 x idle unclaimed agents))
// dials out, never more than one per idle agent not yet claimed. A higher
// modifier still reaches customers sooner (more of the idle agents get a
// dial at once), but the cost side of the trade-off vanishes: each
// answered customer had an idle agent when dialled, and is stranded only
// when an inbound call takes that agent during the ring, which happens
// alike at pacing 2 and 10. So abandoned-after-connect does not rise with
// the modifier, and at pacing 10 it is lower than under logged_in on the
// same random numbers.
func TestTradeoff_PacingIdle(t *testing.T) {
	skipShort(t)
	cf := func(pacing, basis string) string {
		return strings.Replace(tradeoffScenario, "MODE", "mode: customer_first\n      pacing_basis: "+basis+"\n      pacing: "+pacing, 1)
	}
	low, high := cf("2", "idle"), cf("10", "idle")
	reach := pairedRuns(t, low, high, 20, timeToReach)
	t.Logf("idle: time to reach, pacing 10 - pacing 2: %.1f s +/- %.1f", reach.Mean, reach.HalfWidth)
	if reach.Hi() >= 0 {
		t.Errorf("pacing 10 does not reach customers sooner than pacing 2: difference %.1f s +/- %.1f", reach.Mean, reach.HalfWidth)
	}
	aac := pairedRuns(t, low, high, 20, abandonedAfterConnect)
	t.Logf("idle: abandoned after connect, pacing 10 - pacing 2: %.2f points +/- %.2f", aac.Mean, aac.HalfWidth)
	if aac.Lo() > 0 {
		t.Errorf("under pacing_basis idle, pacing 10 raises abandoned-after-connect: difference %.2f points +/- %.2f", aac.Mean, aac.HalfWidth)
	}
	basis := pairedRuns(t, cf("10", "logged_in"), high, 20, abandonedAfterConnect)
	t.Logf("pacing 10: abandoned after connect, idle - logged_in: %.2f points +/- %.2f", basis.Mean, basis.HalfWidth)
	if basis.Hi() >= 0 {
		t.Errorf("following idle agents does not strand fewer customers than logged_in: difference %.2f points +/- %.2f", basis.Mean, basis.HalfWidth)
	}
}

func timeToReach(r *sim.Result) float64 {
	cb := r.TotalCallback()
	return float64(cb.RequestToReach) / 1000 / float64(cb.Reached)
}

func abandonedAfterConnect(r *sim.Result) float64 {
	cb := r.TotalCallback()
	return 100 * float64(cb.AbandonedAfterConnect) / float64(cb.Reached)
}

// TestTradeoff_KeepPosition: agent-first callbacks that keep the caller's
// place in the queue are connected sooner after the request than callbacks
// that join at the back.
func TestTradeoff_KeepPosition(t *testing.T) {
	skipShort(t)
	back := strings.Replace(tradeoffScenario, "MODE", "keep_position: false", 1)
	keep := strings.Replace(tradeoffScenario, "MODE", "keep_position: true", 1)
	wait := pairedRuns(t, back, keep, 20, func(r *sim.Result) float64 {
		cb := r.TotalCallback()
		return float64(cb.RequestToConnect) / 1000 / float64(cb.Handled)
	})
	t.Logf("request to connect, keep - back: %.1f s +/- %.1f", wait.Mean, wait.HalfWidth)
	if wait.Hi() >= 0 {
		t.Errorf("keeping position does not shorten callback waits: difference %.1f s +/- %.1f", wait.Mean, wait.HalfWidth)
	}
}
