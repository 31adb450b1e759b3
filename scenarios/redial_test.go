package scenarios_test

import (
	"strings"
	"testing"

	"github.com/ccsim/ccsim/scenarios"
)

const redialBase = `name: redials
horizon: 1h
queues:
  - name: Q
%QUEUE%
routing_profiles:
  - name: P
    queues: [{queue: Q}]
agents:
  - {name: a, count: 2, profile: P}
contact_types:
  - name: call
    queue: Q
    per_hour: 10
    talk: 3m
    patience: 1m
%TYPE%
`

func redialScenario(queue, typ string) []byte {
	return []byte(strings.NewReplacer("%QUEUE%", queue, "%TYPE%", typ).Replace(redialBase))
}

// TestRedial_BadInput: out-of-range redial and acceptance settings are
// refused with file, line, field and what is allowed.
func TestRedial_BadInput(t *testing.T) {
	for _, tc := range []struct {
		name, queue, typ string
		want             []string
	}{
		{"probabilities", "", `    redial: {after_abandon: 1.5, after_blocked: -0.1, after_unreached_callback: 2}`, []string{
			"w.yaml:17: contact_types[0].redial.after_abandon: 1.5 is out of range (allowed: 0 to 1, a fraction",
			"w.yaml:17: contact_types[0].redial.after_blocked: -0.1 is out of range (allowed: 0 to 1",
			"w.yaml:17: contact_types[0].redial.after_unreached_callback: 2 is out of range",
		}},
		{"zero delay", "", "    redial:\n      after_abandon: 0.5\n      delay: 0s", []string{
			"w.yaml:19: contact_types[0].redial.delay: must be positive",
		}},
		{"zero mean", "", "    redial:\n      after_abandon: 0.5\n      delay: {dist: exponential, mean: 0s}", []string{
			"w.yaml:19: contact_types[0].redial.delay: must be positive",
		}},
		{"max", "", "    redial:\n      after_abandon: 0.5\n      max: -1", []string{
			"w.yaml:19: contact_types[0].redial.max: -1 is out of range (allowed: 0 to 1000000 redials)",
		}},
		{"logistic", "", "    callback:\n      accept: {curve: logistic, midpoint: 5m, scale: 0s, low: -1, high: 1.5}", []string{
			"contact_types[0].callback.accept.scale: must be positive",
			"contact_types[0].callback.accept.low: -1 is out of range (allowed: 0 to 1",
			"contact_types[0].callback.accept.high: 1.5 is out of range (allowed: 0 to 1",
		}},
		{"table", "", "    callback:\n      accept:\n        curve: table\n        points: [{wait: 5m, p: 0.2}, {wait: 1m, p: 1.1}]", []string{
			"contact_types[0].callback.accept.points[1].p: 1.1 is out of range (allowed: 0 to 1",
			"contact_types[0].callback.accept.points[1].wait: must be later than the point before (5m)",
		}},
		{"curve", "", "    callback:\n      accept: {curve: sigmoid}", []string{
			`contact_types[0].callback.accept.curve: unknown curve "sigmoid" (allowed: logistic, table)`,
		}},
		{"both", "", "    callback:\n      accept_probability: 0.5\n      accept: {curve: logistic, scale: 1m}", []string{
			"contact_types[0].callback.accept: give either accept_probability or an accept curve, not both",
		}},
		{"retry delay", "", "    callback:\n      retry_delay: 0s", []string{
			"w.yaml:18: contact_types[0].callback.retry_delay: must be positive",
		}},
		{"waiting places", "    waiting_places: -1", "", []string{
			"w.yaml:5: queues[0].waiting_places: -1 is out of range (allowed: 0 to 1000000 contacts)",
		}},
		{"waiting places and max size", "    max_size: 5\n    waiting_places: 0", "", []string{
			"queues[0].waiting_places: give either max_size or waiting_places, not both",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scenarios.Parse("w.yaml", redialScenario(tc.queue, tc.typ))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestRedial_Good: valid settings load, with the documented defaults.
func TestRedial_Good(t *testing.T) {
	s, err := scenarios.Parse("w.yaml", redialScenario("    waiting_places: 0",
		"    callback:\n      accept: {curve: table, points: [{wait: 0s, p: 0.1}, {wait: 10m, p: 0.9}]}\n    redial: {after_abandon: 0.6}"))
	if err != nil {
		t.Fatal(err)
	}
	r := s.ContactTypes[0].Redial
	if r.AfterAbandon != 0.6 || r.Delay.Kind != "exponential" || r.Delay.Mean.String() != "10m" || r.Max != nil {
		t.Errorf("redial %+v: want after_abandon 0.6, delay exponential 10m, no max", r)
	}
	if a := s.ContactTypes[0].Callback.Accept; a.At(5*60*1000) != 0.5 {
		t.Errorf("table at 5m = %v, want 0.5 (halfway)", a.At(5*60*1000))
	}
	if s.ContactTypes[0].Callback.AcceptProbability != nil {
		t.Error("an accept curve leaves accept_probability unset")
	}
}
