package model_test

import (
	"flag"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/model"
)

var updateBounds = flag.Bool("update", false, "rewrite docs/bounds.md from model.Bounds")

// TestBoundsDoc: docs/bounds.md is the table the validator checks
// against, word for word.
func TestBoundsDoc(t *testing.T) {
	const doc = "../docs/bounds.md"
	want := model.BoundsMarkdown()
	if *updateBounds {
		if err := os.WriteFile(doc, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s differs from model.Bounds: run go test ./model -run TestBoundsDoc -update", doc)
	}
}

// TestBounds_wraps: the integers that once wrapped in the engine's 32-bit
// fields, or printed negative, are refused with their range.
func TestBounds_wraps(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(s *model.Scenario)
		path   string
		phrase string
	}{
		{"max_retries", func(s *model.Scenario) { s.ContactTypes[0].Callback.MaxRetries = math.MaxInt32 }, "contact_types[0].callback.max_retries",
			"2147483647 is out of range (allowed: 0 to 100 redials)"},
		{"slots per hour", func(s *model.Scenario) {
			s.ContactTypes[0].Callback.Slots = &model.Slots{PerHour: 1 << 32, DaysInAdvance: 7, Ahead: model.Fixed(model.Hour), HoldRelease: model.Minute}
		}, "contact_types[0].callback.slots.per_hour", "4294967296 is out of range (allowed: 1 to 10000 callbacks per hour)"},
		{"priority", func(s *model.Scenario) { s.RoutingProfiles[0].Queues[0].Priority = 1<<32 + 1 }, "routing_profiles[0].queues[0].priority",
			"4294967297 is out of range (allowed: 1 to 1000)"},
		{"count", func(s *model.Scenario) { s.Agents[0].Count = math.MaxInt64 }, "agents[0].count",
			"9223372036854775807 is out of range (allowed: 1 to 100000 agents)"},
		{"per_hour", func(s *model.Scenario) { s.ContactTypes[0].PerHour = 1e12 }, "contact_types[0].per_hour",
			"1000000000000 is out of range (allowed: 0 to 1000000 contacts per hour)"},
		{"per_hour NaN", func(s *model.Scenario) { s.ContactTypes[0].PerHour = math.NaN() }, "contact_types[0].per_hour", "NaN is out of range"},
		{"shrinkage 1", func(s *model.Scenario) { s.Agents[0].Shrinkage = 1 }, "agents[0].shrinkage", "allowed: 0 up to (not including) 1"},
		{"pacing", func(s *model.Scenario) {
			s.ContactTypes[0].Callback.Mode = model.CustomerFirst
			s.ContactTypes[0].Callback.Pacing = 11
		}, "contact_types[0].callback.pacing", "11 is out of range (allowed: 1 to 10; Genesys Cloud's pacing modifier; set ignore_platform_limits"},
		{"pacing lifted", func(s *model.Scenario) {
			s.IgnorePlatformLimits = true
			s.ContactTypes[0].Callback.Mode = model.CustomerFirst
			s.ContactTypes[0].Callback.Pacing = 5000
		}, "contact_types[0].callback.pacing", "5000 is out of range (allowed, with ignore_platform_limits: 1 to 1000)"},
	} {
		s := minimal()
		tc.mutate(s)
		err := s.Validate()
		found := false
		if es, ok := err.(model.Errors); ok {
			for _, e := range es {
				found = found || (e.Path == tc.path && strings.Contains(e.Msg, tc.phrase))
			}
		}
		if !found {
			t.Errorf("%s: no error at %s saying %q; got:\n%v", tc.name, tc.path, tc.phrase, err)
		}
	}
	// Lifted, a platform's limit gives way to the engine's own bound.
	s := minimal()
	s.IgnorePlatformLimits = true
	s.ContactTypes[0].Callback.Mode = model.CustomerFirst
	s.ContactTypes[0].Callback.Pacing = 20
	if err := s.Validate(); err != nil {
		t.Errorf("pacing 20 with ignore_platform_limits: %v", err)
	}
}
