package sim_test

import (
	"reflect"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// TestCompile_LeavesItsInputAlone: Compile works on a copy. A built-in
// scenario, checked by the loader, comes out of Compile as it went in, and
// so does an unchecked copy of it (which Compile checks, on a copy of its
// own: the unchecked copy shares everything but its top level with the
// loaded scenario, so a change made through it would show there).
func TestCompile_LeavesItsInputAlone(t *testing.T) {
	for _, name := range scenarios.Names() {
		t.Run(name, func(t *testing.T) {
			s, err := scenarios.Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if !s.Checked() {
				t.Fatal("the loader returned a scenario it did not check")
			}
			before := s.Clone()
			if _, err := sim.Compile(s); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s, before) {
				t.Error("Compile changed a checked scenario")
			}
			c := *s
			if c.Checked() {
				t.Fatal("a copy of a checked scenario is checked")
			}
			top := c
			if _, err := sim.Compile(&c); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s, before) || !reflect.DeepEqual(c, top) {
				t.Error("Compile changed an unchecked scenario")
			}
		})
	}
}

// TestCompile_DefaultsOnACopy: a scenario built by hand without the
// defaults Normalize fills compiles with them, and is left without them.
func TestCompile_DefaultsOnACopy(t *testing.T) {
	cb := model.NewCallback()
	cb.Slots = &model.Slots{PerHour: 10, DaysInAdvance: 7, Ahead: model.Fixed(2 * model.Hour), HoldRelease: model.Minute}
	s := &model.Scenario{
		Horizon:         8 * model.Hour,
		Queues:          []model.Queue{{Name: "Q"}},
		RoutingProfiles: []model.RoutingProfile{{Name: "P", Queues: []model.ProfileQueue{{Queue: "Q", Priority: 1}}}},
		Agents:          []model.AgentGroup{{Name: "a", Count: 5, Profile: "P", MissedLockout: model.Second}},
		ContactTypes: []model.ContactType{{Name: "call", Queue: "Q", PerHour: 30, Talk: model.Fixed(4 * model.Minute),
			Callback:       cb,
			AgentCallbacks: &model.AgentCallbacks{Share: 0.1, Delay: model.Fixed(model.Hour)}}},
		Script: []model.ScriptContact{{ID: "c1", At: model.At{Set: true, Value: model.Minute}}},
	}
	before := s.Clone()
	p, err := sim.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s, before) {
		t.Errorf("Compile changed its input:\n got %+v\nwant %+v", s, before)
	}
	if s.Checked() {
		t.Error("Compile marked its input checked")
	}
	n := p.Scenario()
	if !n.Checked() || n.Interval != 30*model.Minute || !n.Start.Equal(model.DefaultStart) ||
		len(n.Agents[0].Shifts) != 1 || n.ContactTypes[0].Callback.Queue != "Q" ||
		n.ContactTypes[0].AgentCallbacks.OnExpiry != "queue" || n.Script[0].Type != "call" {
		t.Errorf("the plan's scenario lacks the defaults: %+v", n)
	}
}

// TestCompile_RefusesInvalid: a scenario built by hand is validated, and
// so is a copy of a checked scenario changed into an invalid one.
func TestCompile_RefusesInvalid(t *testing.T) {
	s, err := scenarios.Load("mmc")
	if err != nil {
		t.Fatal(err)
	}
	c := *s
	c.Queues = nil
	if _, err := sim.Compile(&c); err == nil {
		t.Error("Compile accepted a copy of a checked scenario with no queues")
	}
	if _, err := sim.Compile(&model.Scenario{}); err == nil {
		t.Error("Compile accepted an empty scenario")
	}
}
