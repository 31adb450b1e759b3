package sim

import (
	"testing"

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
