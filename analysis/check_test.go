package analysis_test

import (
	"testing"
	"time"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// The fixtures below are those of package reports' tests: the documented
// queued-callback example, built by hand.

var day = time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC)

// at returns hh:mm:ss on the test day.
func at(h, m, s int) time.Time { return day.Add(time.Duration(h*3600+m*60+s) * time.Second) }

// johnRecords are the two records of Amazon Connect's queued-callback
// example (the documented values, docs/domain.md section 2), built by hand.
func johnRecords() []sim.Record {
	return []sim.Record{
		{
			ID:                1,
			NextID:            2,
			InitiationMethod:  sim.MethodInbound,
			ScriptID:          "john",
			Initiation:        at(11, 35, 0),
			ConnectedToSystem: at(11, 35, 0),
			Disconnect:        at(11, 37, 0),
			DisconnectReason:  sim.ReasonFlow,
			Queue:             "InboundQueue",
			Enqueue:           at(11, 35, 0),
			Dequeue:           at(11, 37, 0),
			QueueDuration:     120 * model.Second,
			InQueueDuration:   120 * model.Second,
			Outcome:           "callback_requested",
		},
		{
			ID:                       2,
			InitialID:                1,
			PreviousID:               1,
			InitiationMethod:         sim.MethodCallback,
			ScriptID:                 "john",
			Initiation:               at(11, 37, 0),
			ConnectedToSystem:        at(11, 39, 10),
			Disconnect:               at(11, 45, 0),
			DisconnectReason:         sim.ReasonCustomer,
			Queue:                    "CallbackQueue",
			Enqueue:                  at(11, 38, 39),
			Dequeue:                  at(11, 39, 0),
			QueueDuration:            120 * model.Second,
			InQueueDuration:          21 * model.Second,
			ScheduledDuration:        99 * model.Second,
			Agent:                    "agent",
			ConnectedToAgent:         at(11, 39, 25),
			AgentInteractionDuration: 335 * model.Second,
			AgentConnectionAttempts:  1,
			Outcome:                  "handled",
			CallbackType:             "queued",
			DialAttempts:             1,
		},
	}
}

// johnDoc is the documented example, abridged.
func johnDoc() *model.Documented {
	return &model.Documented{
		Source: "Amazon Connect Administrator Guide, \"Real-time metrics example for a queued callback flow\" " +
			"(docs.aws.amazon.com/connect/latest/adminguide/queued-callback-example.html)",
		Note: "An older version of the page has the agent accept at 11:40:00 yet keeps the 120 s queue " +
			"duration (99 + 21 s); 11:38:39 to 11:40:00 is 81 s, so that version contradicts itself and " +
			"cannot be reproduced. ccsim reproduces the current version.",
		Checks: []model.Check{
			{Contact: "john", Record: "INBOUND", Field: "InitiationTimestamp", Want: "11:35"},
			{Contact: "john", Record: "INBOUND", Field: "DisconnectTimestamp", Want: "11:37:00"},
			{Contact: "john", Record: "INBOUND", Field: "ConnectedToAgentTimestamp", Want: "N/A"},
			{Contact: "john", Record: "INBOUND", Field: "NextContactId", Want: "->CALLBACK"},
			{Contact: "john", Record: "INBOUND", Field: "DisconnectReason", Want: "CONTACT_FLOW_DISCONNECT"},
			{Contact: "john", Record: "CALLBACK", Field: "NextContactId", Want: sim.ContactID(0, 3)},
			{Contact: "john", Record: "CALLBACK", Field: "PreviousContactId", Want: "->INBOUND"},
			{Contact: "john", Record: "CALLBACK", Field: "EnqueueTimestamp", Want: "11:38:39"},
			{Contact: "john", Record: "CALLBACK", Field: "DequeueTimestamp", Want: "11:40:00"},
			{Contact: "john", Record: "CALLBACK", Field: "QueueDuration", Want: "120s"},
			{Contact: "john", Record: "CALLBACK", Field: "AgentInteractionDuration", Want: "5m35s"},
			{Contact: "john", Record: "CALLBACK", Field: "DisconnectReason", Want: "CUSTOMER_DISCONNECT"},
			{Contact: "jane", Record: "INBOUND", Field: "Queue", Want: "InboundQueue"},
		},
	}
}

func TestCheck(t *testing.T) {
	start := day.Add(11*time.Hour + 30*time.Minute)
	johnOnly := johnRecords()[:1]
	for _, tc := range []struct {
		name      string
		recs      []sim.Record
		check     model.Check
		wantGot   string
		wantMatch bool
	}{
		{"time matches", nil, model.Check{Record: "CALLBACK", Field: "EnqueueTimestamp", Want: "11:38:39"}, "11:38:39", true},
		{"time mismatches", nil, model.Check{Record: "CALLBACK", Field: "DequeueTimestamp", Want: "11:40:00"}, "11:39:00", false},
		{"short time matches", nil, model.Check{Record: "INBOUND", Field: "InitiationTimestamp", Want: "11:35"}, "11:35", true},
		{"short time mismatches", nil, model.Check{Record: "CALLBACK", Field: "ConnectedToSystemTimestamp", Want: "11:39"}, "11:39:10", false},
		{"time unset", nil, model.Check{Record: "INBOUND", Field: "ConnectedToAgentTimestamp", Want: "11:39"}, "N/A", false},
		{"time N/A matches", nil, model.Check{Record: "INBOUND", Field: "ConnectedToAgentTimestamp", Want: "N/A"}, "N/A", true},
		{"time N/A mismatches", nil, model.Check{Record: "CALLBACK", Field: "ConnectedToAgentTimestamp", Want: "N/A"}, "11:39:25", false},
		{"time not a time of day", nil, model.Check{Record: "CALLBACK", Field: "EnqueueTimestamp", Want: "99s"}, "11:38:39", false},
		{"seconds match", nil, model.Check{Record: "CALLBACK", Field: "QueueDuration", Want: "120s"}, "120s", true},
		{"seconds mismatch", nil, model.Check{Record: "CALLBACK", Field: "InQueueDuration", Want: "81s"}, "21s", false},
		{"mixed units match", nil, model.Check{Record: "CALLBACK", Field: "AgentInteractionDuration", Want: "5m35s"}, "5m35s", true},
		{"mixed units mismatch", nil, model.Check{Record: "CALLBACK", Field: "ScheduledDuration", Want: "2m"}, "1m39s", false},
		{"duration N/A matches", nil, model.Check{Record: "INBOUND", Field: "AfterContactWorkDuration", Want: "N/A"}, "N/A", true},
		{"duration N/A mismatches", nil, model.Check{Record: "CALLBACK", Field: "AfterContactWorkDuration", Want: "N/A"}, "0s", false},
		{"scheduled N/A for inbound", nil, model.Check{Record: "INBOUND", Field: "ScheduledDuration", Want: "N/A"}, "N/A", true},
		{"->CALLBACK matches", nil, model.Check{Record: "INBOUND", Field: "NextContactId", Want: "->CALLBACK"}, "->CALLBACK", true},
		{"->INBOUND matches", nil, model.Check{Record: "CALLBACK", Field: "PreviousContactId", Want: "->INBOUND"}, "->INBOUND", true},
		{"->CALLBACK on unset field", nil, model.Check{Record: "CALLBACK", Field: "NextContactId", Want: "->CALLBACK"}, "N/A", false},
		{"->CALLBACK points elsewhere", nil, model.Check{Record: "CALLBACK", Field: "PreviousContactId", Want: "->CALLBACK"}, "->INBOUND", false},
		{"->CALLBACK without the callback record", johnOnly, model.Check{Record: "INBOUND", Field: "NextContactId", Want: "->CALLBACK"},
			sim.ContactID(0, 2), false},
		{"id N/A matches", nil, model.Check{Record: "INBOUND", Field: "PreviousContactId", Want: "N/A"}, "N/A", true},
		{"string matches", nil, model.Check{Record: "INBOUND", Field: "DisconnectReason", Want: "CONTACT_FLOW_DISCONNECT"}, "CONTACT_FLOW_DISCONNECT", true},
		{"string mismatches", nil, model.Check{Record: "CALLBACK", Field: "Queue", Want: "InboundQueue"}, "CallbackQueue", false},
		{"method", nil, model.Check{Record: "CALLBACK", Field: "InitiationMethod", Want: "CALLBACK"}, "CALLBACK", true},
		{"int as string", nil, model.Check{Record: "CALLBACK", Field: "AgentConnectionAttempts", Want: "1"}, "1", true},
		{"int zero is set", nil, model.Check{Record: "INBOUND", Field: "AgentConnectionAttempts", Want: "N/A"}, "0", false},
		{"missing record", johnOnly, model.Check{Record: "CALLBACK", Field: "EnqueueTimestamp", Want: "11:38:39"}, "missing", false},
		{"missing contact", nil, model.Check{Contact: "jane", Record: "INBOUND", Field: "Queue", Want: "InboundQueue"}, "missing", false},
		{"unknown field", nil, model.Check{Record: "INBOUND", Field: "Colour", Want: "blue"}, "unknown field", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := tc.recs
			if recs == nil {
				recs = johnRecords()
			}
			c := tc.check
			if c.Contact == "" {
				c.Contact = "john"
			}
			rows := analysis.Check(recs, &model.Documented{Checks: []model.Check{c}}, start)
			if len(rows) != 1 {
				t.Fatalf("Check() returned %d rows, want 1", len(rows))
			}
			r := rows[0]
			if r.Contact != c.Contact || r.Record != c.Record || r.Field != c.Field || r.Want != c.Want {
				t.Errorf("row = %v, want it to repeat the check %+v", r, c)
			}
			if got, want := r.Got, tc.wantGot; got != want {
				t.Errorf("Got = %q, want %q", got, want)
			}
			if got, want := r.Match, tc.wantMatch; got != want {
				t.Errorf("Match = %v, want %v (row %v)", got, want, r)
			}
		})
	}
}

func TestCheck_otherDay(t *testing.T) {
	// The records happen on the day after the scenario starts: a time of
	// day alone does not match, and Got shows the date.
	recs := johnRecords()
	for i := range recs {
		recs[i].Enqueue = recs[i].Enqueue.Add(24 * time.Hour)
	}
	rows := analysis.Check(recs, &model.Documented{Checks: []model.Check{
		{Contact: "john", Record: "CALLBACK", Field: "EnqueueTimestamp", Want: "11:38:39"},
	}}, day)
	if got, want := rows[0].Got, "2024-06-04 11:38:39"; got != want {
		t.Errorf("Got = %q, want %q", got, want)
	}
	if rows[0].Match {
		t.Errorf("Match = true for a record on another day")
	}
}

func TestCheck_nilDoc(t *testing.T) {
	if rows := analysis.Check(johnRecords(), nil, day); rows != nil {
		t.Errorf("Check(nil doc) = %v, want nil", rows)
	}
}

func TestFailed(t *testing.T) {
	rows := analysis.Check(johnRecords(), johnDoc(), day)
	// johnDoc has three wrong values on purpose: the old page's 11:40:00
	// dequeue, a next contact the callback does not have, and a contact
	// "jane" that does not exist.
	if got, want := analysis.Failed(rows), 3; got != want {
		for _, r := range rows {
			t.Log(r)
		}
		t.Errorf("Failed() = %d, want %d", got, want)
	}
}
