package sim

import (
	"context"
	"testing"

	"github.com/ccsim/ccsim/scenarios"

	"github.com/ccsim/ccsim/model"
)

// TestExpectedWait_ContactsAhead: the expected wait offered to a caller
// counts the contacts ahead of it and itself, not those behind it, as a
// platform's estimated wait for that caller does (the setting's comment
// said so; the code used to count the whole queue).
func TestExpectedWait_ContactsAhead(t *testing.T) {
	s := &model.Scenario{
		Name: "ewt", Horizon: model.Hour, Seed: 1,
		Queues:          []model.Queue{{Name: "Q"}},
		RoutingProfiles: []model.RoutingProfile{{Name: "P", Queues: []model.ProfileQueue{{Queue: "Q", Priority: 1}}}},
		Agents:          []model.AgentGroup{{Name: "a", Count: 2, Profile: "P", MissedLockout: model.Second}},
		ContactTypes:    []model.ContactType{{Name: "c", Queue: "Q", PerHour: 1, Talk: model.Fixed(300 * model.Second)}},
	}
	p, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(p, Options{})
	e.queues[0].staffed = 2
	var cs []int32
	for i := range 4 {
		ci := e.newContact(0, -1, 0)
		e.enqueue(ci, int64(i))
		cs = append(cs, ci)
	}
	mh := p.types[0].meanHandle
	for i, ci := range cs {
		if got, want := e.expectedWait(ci), int64(float64(i+1)*mh/2); got != want {
			t.Errorf("caller %d of 4: expected wait %d ms, want %d (%d ahead + itself, x %v ms / 2 agents)", i+1, got, want, i, mh)
		}
	}
}

// TestArrive_NoTimersForCallsAnsweredAtOnce: a call an agent takes on
// arrival never has its patience or callback-offer timer set, so it
// leaves nothing dead in the event heap. Here every call is answered at
// once (each agent's call ends before the next arrives); before the
// timers moved after the dispatch, each left two dead timers behind.
func TestArrive_NoTimersForCallsAnsweredAtOnce(t *testing.T) {
	s, err := scenarios.Parse("idle.yaml", []byte(`
name: idle
horizon: 10h
queues: [{name: Q}, {name: CB}]
routing_profiles: [{name: P, queues: [{queue: Q, priority: 1}, {queue: CB, priority: 2}]}]
agents: [{name: a, count: 5, profile: P}]
contact_types:
  - name: c
    queue: Q
    per_hour: 60
    talk: {dist: deterministic, mean: 10s}
    patience: {dist: exponential, mean: 3m}
    callback: {queue: CB, offer_after: 60s, accept_probability: 0.5}
`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(p, Options{})
	if err := e.loop(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.finish()
	if res := e.res; res.Contacts() < 400 || res.Queues[0].Inbound.AnsweredWithin != res.Queues[0].Inbound.Arrived {
		t.Fatalf("%d contacts in 10 h at 60 an hour, not all answered at once: the scenario is not what the test means", res.Contacts())
	}
	if e.k.Dropped != 0 || e.k.Dead() != 0 {
		t.Errorf("%d cancelled timers popped and %d still pending, for calls all answered on arrival: want none", e.k.Dropped, e.k.Dead())
	}
}
