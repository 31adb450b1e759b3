package sim_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/sim"
)

// bookedCRNScenario: plenty of agents, no abandonment, so every inbound
// contact is answered and its record shows its talk time; agents book
// callbacks after SHARE of the contacts they handle.
const bookedCRNScenario = `
name: booked-crn
horizon: 4h
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 40, profile: P}]
contact_types:
  - name: call
    queue: Q
    per_hour: 200
    talk: {dist: TALK, mean: 4m, sd: 3m}
    acw: {dist: gamma, mean: 30s, sd: 20s}
    agent_callbacks:
      share: SHARE
      delay: {dist: exponential, mean: 30m}
`

// TestEngine_CommonRandomNumbers_bookedCallbacks: a variant that changes
// only how often agents book callbacks must leave every inbound contact's
// talk and after-contact work unchanged, whatever the handle-time family:
// booked callbacks draw their handle times from their own stream. (Before
// samplers were bound to their stream, a lognormal or gamma sampler drew
// from the inbound talk stream whatever stream it was handed.)
func TestEngine_CommonRandomNumbers_bookedCallbacks(t *testing.T) {
	type handle struct {
		at        time.Time
		talk, acw int64
	}
	inbound := func(src string) []handle {
		_, recs := runMixed(t, src, true)
		var out []handle
		for _, r := range recs {
			if r.InitiationMethod == sim.MethodInbound && r.Agent != "" {
				out = append(out, handle{r.Initiation, int64(r.AgentInteractionDuration), int64(r.AfterContactWorkDuration)})
			}
		}
		slices.SortFunc(out, func(a, b handle) int { return a.at.Compare(b.at) })
		return out
	}
	for _, dist := range []string{"exponential", "lognormal", "gamma", "weibull"} {
		t.Run(dist, func(t *testing.T) {
			src := strings.Replace(bookedCRNScenario, "TALK", dist, 1)
			if dist == "exponential" || dist == "weibull" {
				src = strings.Replace(src, ", sd: 3m", "", 1)
			}
			if dist == "weibull" {
				src = strings.Replace(src, "mean: 4m}", "mean: 4m, shape: 1.5}", 1)
			}
			none := inbound(strings.Replace(src, "SHARE", "0", 1))
			some := inbound(strings.Replace(src, "SHARE", "0.5", 1))
			if len(none) < 500 {
				t.Fatalf("only %d answered inbound contacts", len(none))
			}
			// Callbacks occupy agents, so a few late contacts may still be
			// in the system at the horizon in one variant: compare the
			// contacts both runs finished, matched by arrival instant.
			n, differ := 0, 0
			j := 0
			for _, h := range none {
				for j < len(some) && some[j].at.Before(h.at) {
					j++
				}
				if j < len(some) && some[j].at.Equal(h.at) {
					n++
					if some[j].talk != h.talk || some[j].acw != h.acw {
						differ++
					}
				}
			}
			if n < len(none)*9/10 {
				t.Fatalf("only %d of %d inbound contacts matched by arrival", n, len(none))
			}
			if differ != 0 {
				t.Errorf("%d of %d inbound contacts got other handle times when agents booked callbacks", differ, n)
			}
		})
	}
}
