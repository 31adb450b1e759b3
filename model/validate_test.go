package model_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
)

// minimal returns a small valid scenario with a callback.
func minimal() *model.Scenario {
	cb := model.NewCallback()
	s := &model.Scenario{
		Horizon:         model.Hour,
		Queues:          []model.Queue{{Name: "Q"}, {Name: "CB"}},
		RoutingProfiles: []model.RoutingProfile{{Name: "P", Queues: []model.ProfileQueue{{Queue: "Q", Priority: 1}, {Queue: "CB", Priority: 2}}}},
		Agents:          []model.AgentGroup{{Name: "a", Count: 3, Profile: "P", MissedLockout: model.Second}},
		ContactTypes:    []model.ContactType{{Name: "t", Queue: "Q", PerHour: 10, Talk: model.Fixed(model.Minute), Callback: cb}},
	}
	cb.Queue = "CB"
	s.Normalize()
	return s
}

func TestScenario_Validate(t *testing.T) {
	if err := minimal().Validate(); err != nil {
		t.Fatalf("minimal scenario: %v", err)
	}
	tests := []struct {
		name   string
		mutate func(s *model.Scenario)
		path   string
		phrase string
	}{
		{"no horizon", func(s *model.Scenario) { s.Horizon = 0 }, "horizon", "positive"},
		{"horizon past the clock", func(s *model.Scenario) { s.Horizon = model.MaxDuration + 1 }, "horizon", "too long (at most 10000d"},
		{"initial delay over 3 days", func(s *model.Scenario) { s.ContactTypes[0].Callback.InitialDelay = 4 * model.Day }, "contact_types[0].callback.initial_delay", "allowed: 1s to 3d"},
		{"initial delay zero", func(s *model.Scenario) { s.ContactTypes[0].Callback.InitialDelay = 0 }, "contact_types[0].callback.initial_delay", "out of range"},
		{"unknown queue", func(s *model.Scenario) { s.ContactTypes[0].Queue = "Nope" }, "contact_types[0].queue", `unknown queue "Nope"`},
		{"no profile", func(s *model.Scenario) { s.Agents[0].Profile = "" }, "agents[0].profile", "routing profile"},
		{"callback queue unserved", func(s *model.Scenario) {
			s.Queues = append(s.Queues, model.Queue{Name: "Lonely"})
			s.ContactTypes[0].Callback.Queue = "Lonely"
		}, "contact_types[0].callback.queue", "no agent serves"},
		{"dial probabilities", func(s *model.Scenario) { s.ContactTypes[0].Callback.Dial = &model.DialOutcomes{Answer: 0.5} }, "contact_types[0].callback.dial", "sum to 1"},
		{"sd on exponential", func(s *model.Scenario) {
			s.ContactTypes[0].Talk = model.Dist{Kind: model.Exponential, Mean: model.Minute, SD: model.Second}
		}, "contact_types[0].talk.sd", "does not take sd"},
		{"interval", func(s *model.Scenario) { s.Interval = 20 * model.Minute }, "interval", "allowed: 15m, 30m, 1h"},
		{"weibull shape past float64", func(s *model.Scenario) {
			s.ContactTypes[0].Talk = model.Dist{Kind: model.Weibull, Mean: model.Minute, Shape: 0.001}
		}, "contact_types[0].talk.shape", "0.001 is too small: the distribution's variance is beyond float64 (allowed: 0.0118 or more)"},
		{"shrinkage", func(s *model.Scenario) { s.Agents[0].Shrinkage = 1 }, "agents[0].shrinkage", "fraction"},
		{"weekly shift day", func(s *model.Scenario) {
			s.Agents[0].Shifts = []model.Shift{{Start: model.At{Set: true, Clock: true, Value: 8 * model.Hour},
				End: model.At{Set: true, Clock: true, Value: 16 * model.Hour}, Days: []string{"mon", "funday"}}}
		}, "agents[0].shifts[0].days[1]", `unknown day "funday"`},
		{"retry on an unknown outcome", func(s *model.Scenario) {
			s.ContactTypes[0].Callback.RetryOn = []model.DialOutcome{model.NoAnswer, "engaged"}
		}, "contact_types[0].callback.retry_on[1]", `unknown outcome "engaged" (allowed: no_answer, busy, invalid`},
		{"retry on voicemail", func(s *model.Scenario) {
			s.ContactTypes[0].Callback.RetryOn = []model.DialOutcome{model.Voicemail}
		}, "contact_types[0].callback.retry_on[0]", "voicemail are not failed dials"},
		{"customer-first voicemail rule", func(s *model.Scenario) { s.ContactTypes[0].Callback.CustomerFirstVoicemail = "hangup" },
			"contact_types[0].callback.customer_first_voicemail", `unknown "hangup" (allowed: fail, connect)`},
		{"duplicate queue", func(s *model.Scenario) { s.Queues[1].Name = "Q" }, "queues[1].name", "duplicate"},
		{"duplicate agent group", func(s *model.Scenario) {
			s.Agents = append(s.Agents, model.AgentGroup{Name: "a", Count: 1, Profile: "P", MissedLockout: model.Second})
		}, "agents[1].name", `duplicate name "a" (also agents[0])`},
		{"agent name clash", func(s *model.Scenario) {
			s.Agents = append(s.Agents, model.AgentGroup{Name: "a-3", Count: 1, Profile: "P", MissedLockout: model.Second})
		}, "agents[1].name", `"a-3" is also the name of agent 3 of group "a"`},
		{"control character", func(s *model.Scenario) { s.Queues[0].Name = "Q\x1b[2J" }, "queues[0].name", "control character"},
		{"control character in the scenario name", func(s *model.Scenario) { s.Name = "week\r" }, "name", "control character"},
		{"pacing bases differ on one queue", func(s *model.Scenario) {
			cb := s.ContactTypes[0].Callback
			cb.Mode = model.CustomerFirst
			other := *cb
			other.PacingBasis = model.PacingLoggedIn
			s.ContactTypes = append(s.ContactTypes, model.ContactType{Name: "u", Queue: "Q", Talk: model.Fixed(model.Minute), Callback: &other})
		}, "contact_types[1].callback.pacing_basis", `"logged_in" differs from contact_types[0]'s "idle" on the same working queue "CB"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := minimal()
			tc.mutate(s)
			err := s.Validate()
			if !errors.Is(err, model.ErrInvalid) {
				t.Fatalf("Validate() = %v, want an error wrapping ErrInvalid", err)
			}
			found := false
			for _, e := range err.(model.Errors) {
				if e.Path == tc.path && strings.Contains(e.Msg, tc.phrase) {
					found = true
				}
			}
			if !found {
				t.Errorf("no error at %s containing %q; got:\n%v", tc.path, tc.phrase, err)
			}
		})
	}
}

func TestScenario_Warnings(t *testing.T) {
	s := minimal()
	s.ContactTypes[0].Callback.MaxRetries = 20
	ws := s.Warnings()
	if len(ws) != 1 || ws[0].Path != "contact_types[0].callback.max_retries" || !strings.Contains(ws[0].Msg, "21 calls") {
		t.Errorf("Warnings() = %v, want one about 21 calls", ws)
	}
}

// TestQueue_OpenAt: weekly windows, one of them overnight, read on the
// engine's UTC days.
func TestQueue_OpenAt(t *testing.T) {
	at := func(h model.Duration) model.At { return model.At{Set: true, Clock: true, Value: h} }
	q := model.Queue{Name: "Q", Hours: []model.Hours{
		{Days: []string{"mon"}, Open: at(9 * model.Hour), Close: at(17 * model.Hour)},
		{Days: []string{"tue"}, Open: at(22 * model.Hour), Close: at(2 * model.Hour)},
	}}
	start := model.DefaultStart.Add(6 * 3600e9) // Monday 06:00
	for _, tc := range []struct {
		off  model.Duration
		open bool
	}{
		{3 * model.Hour, true},                              // Mon 09:00
		{11*model.Hour - model.Second, true},                // Mon 16:59:59
		{11 * model.Hour, false},                            // Mon 17:00
		{model.Day + 16*model.Hour, true},                   // Tue 22:00
		{model.Day + 19*model.Hour + 59*model.Minute, true}, // Wed 01:59
		{model.Day + 20*model.Hour, false},                  // Wed 02:00
		{-model.Hour, false},                                // Mon 05:00
	} {
		if got := q.OpenAt(start, tc.off); got != tc.open {
			t.Errorf("OpenAt(+%s) = %v, want %v", tc.off, got, tc.open)
		}
	}
	if !(&model.Queue{}).OpenAt(start, 0) {
		t.Error("a queue with no hours is always open")
	}
}
