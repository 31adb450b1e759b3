package scenarios_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

func TestResolveWith_Sets(t *testing.T) {
	tests := []struct {
		name  string
		sets  []scenarios.Set
		check func(t *testing.T, s *model.Scenario)
	}{
		{"shorthand under every contact type", []scenarios.Set{{"callback.max_retries", "5"}},
			func(t *testing.T, s *model.Scenario) {
				if got := s.ContactTypes[0].Callback.MaxRetries; got != 5 {
					t.Errorf("max_retries = %d, want 5", got)
				}
			}},
		{"full path with a name selector", []scenarios.Set{{"contact_types[sales].callback.retry_interval", "30m"}},
			func(t *testing.T, s *model.Scenario) {
				if got := s.ContactTypes[0].Callback.RetryInterval; got != 30*model.Minute {
					t.Errorf("retry_interval = %s, want 30m", got)
				}
			}},
		{"top-level field", []scenarios.Set{{"seed", "99"}, {"horizon", "2d"}},
			func(t *testing.T, s *model.Scenario) {
				if s.Seed != 99 || s.Horizon != 2*model.Day {
					t.Errorf("seed %d, horizon %s", s.Seed, s.Horizon)
				}
			}},
		{"a field the file leaves out, as a mapping", []scenarios.Set{{"callback.keep_position", "true"}, {"contact_types[0].patience", "{dist: exponential, mean: 2m}"}},
			func(t *testing.T, s *model.Scenario) {
				if !s.ContactTypes[0].Callback.KeepPosition || s.ContactTypes[0].Patience.Mean != 2*model.Minute {
					t.Errorf("keep_position %v, patience %+v", s.ContactTypes[0].Callback.KeepPosition, s.ContactTypes[0].Patience)
				}
			}},
		{"a list element by index", []scenarios.Set{{"agents[0].shrinkage", "0.2"}},
			func(t *testing.T, s *model.Scenario) {
				if s.Agents[0].Shrinkage != 0.2 {
					t.Errorf("shrinkage %v", s.Agents[0].Shrinkage)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := scenarios.ResolveWith("planning-week", tc.sets)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, l.Scenario)
		})
	}
}

func TestResolveWith_SetErrors(t *testing.T) {
	tests := []struct {
		name   string
		set    scenarios.Set
		phrase string
	}{
		{"no such field", scenarios.Set{"callback.max_retry", "2"}, `--set callback.max_retry=2: contact_types[0].callback: unknown field "max_retry"`},
		{"no such top-level path", scenarios.Set{"routing.delay", "2"}, `--set routing.delay=2: `},
		{"wrong type", scenarios.Set{"callback.max_retries", "two"}, `--set callback.max_retries=two: contact_types[0].callback.max_retries: expected a whole number`},
		{"out of range", scenarios.Set{"callback.initial_delay", "4d"}, `--set callback.initial_delay=4d: contact_types[0].callback.initial_delay: 4d is out of range (allowed: 1s to 3d`},
		{"no such element", scenarios.Set{"contact_types[support].talk", "5m"}, `contact_types has no element "support"`},
		{"not a list", scenarios.Set{"horizon[0].x", "1"}, `horizon is not a list`},
		{"bad path", scenarios.Set{"callback..x", "1"}, `empty step`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scenarios.ResolveWith("planning-week", []scenarios.Set{tc.set})
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, model.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tc.phrase) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tc.phrase)
			}
		})
	}
}

func TestParseSets(t *testing.T) {
	path, values, err := scenarios.ParseSets("ring_time={dist: uniform, min: 1s, max: 5s}, 10s")
	if err != nil || path != "ring_time" || len(values) != 2 || values[0] != "{dist: uniform, min: 1s, max: 5s}" || values[1] != "10s" {
		t.Errorf("ParseSets = %q, %q, %v", path, values, err)
	}
	if _, _, err := scenarios.ParseSets("no-equals"); err == nil {
		t.Error("ParseSets(no-equals): no error")
	}
}
