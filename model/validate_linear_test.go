package model_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
)

// wide returns a valid scenario of n queues, each with its contact type,
// all served by one routing profile, with n agent groups named g-1 ... g-n
// (names that look like another group's agents).
func wide(n int) *model.Scenario {
	s := &model.Scenario{Horizon: model.Hour}
	rp := model.RoutingProfile{Name: "P"}
	for i := range n {
		q := fmt.Sprintf("q%d", i)
		s.Queues = append(s.Queues, model.Queue{Name: q})
		rp.Queues = append(rp.Queues, model.ProfileQueue{Queue: q, Priority: 1})
		s.ContactTypes = append(s.ContactTypes, model.ContactType{Name: fmt.Sprintf("t%d", i), Queue: q, Talk: model.Fixed(model.Minute)})
		s.Agents = append(s.Agents, model.AgentGroup{Name: fmt.Sprintf("g-%d", i+1), Count: 1, Profile: "P", MissedLockout: model.Second})
	}
	s.RoutingProfiles = []model.RoutingProfile{rp}
	s.Normalize()
	return s
}

// Validation is linear in the scenario's size: 100,000 queues took 273 s
// when every reference scanned the list of queues.
func TestValidate_linear(t *testing.T) {
	n := 100000
	if testing.Short() {
		n = 30000
	}
	s := wide(n)
	start := time.Now()
	if err := s.Validate(); err != nil {
		t.Fatalf("%d queues: %v", n, err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("validating %d queues took %v: validation must be linear in the scenario's size", n, d)
	}
}

// 20,000 references to unknown queues among 20,000 queues: the problems
// are capped, found quickly, and do not list every queue.
func TestValidate_manyUnknownQueues(t *testing.T) {
	s := wide(20000)
	for i := range s.RoutingProfiles[0].Queues {
		s.RoutingProfiles[0].Queues[i].Queue = fmt.Sprintf("x%d", i)
	}
	start := time.Now()
	err := s.Validate()
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v", d)
	}
	var es model.Errors
	if !errors.As(err, &es) || len(es) != model.MaxErrors+1 {
		t.Fatalf("want %d problems and a note, got %v", model.MaxErrors, err)
	}
	if msg := es[0].Msg; len(msg) > 200 || !strings.Contains(msg, "(20000 in all)") {
		t.Errorf("the list of defined queues should be cut short: %q", msg)
	}
}
