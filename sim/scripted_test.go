package sim_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// scriptScenario builds a scenario in the shape of the documented example:
// InboundQueue and CallbackQueue served at equal priority, John's callback
// settings, and the given agents, callback overrides and script.
func scriptScenario(agents, callbackExtra, script string) string {
	return `
name: scripted
start: 2024-06-03T11:30:00Z
horizon: 2h
queues:
  - name: InboundQueue
  - name: CallbackQueue
routing_profiles:
  - name: Basic
    queues:
      - {queue: InboundQueue, priority: 1}
      - {queue: CallbackQueue, priority: 1}
agents:
` + agents + `
contact_types:
  - name: general
    queue: InboundQueue
    talk: 5m
    callback:
      queue: CallbackQueue
      initial_delay: 99s
      agent_whisper: 10s
      outbound_whisper: 15s
      max_retries: 2
      retry_interval: 10m
` + callbackExtra + `
script:
` + script
}

const oneAgent = `
  - {name: agent, profile: Basic, shifts: [{start: "11:39:00"}]}`

func johnScript(dials string) string {
	return `
  - id: john
    at: "11:35:00"
    callback_after: 120s
    talk: 5m35s
    acw: 0s
    dials: ` + dials
}

// runYAML parses and runs a scenario, returning the result and records.
func runYAML(t *testing.T, src string) (*sim.Result, []sim.Record) {
	t.Helper()
	s, err := scenarios.Parse(t.Name()+".yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	var recs []sim.Record
	res, err := sim.Run(context.Background(), s, sim.Options{Records: func(r *sim.Record) { recs = append(recs, *r) }})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	for _, q := range res.Queues {
		if !q.Inbound.Conserved() || !q.Callback.Conserved() {
			t.Errorf("queue %s does not conserve contacts: %+v", q.Name, q)
		}
	}
	return res, recs
}

// clock formats a record time as hh:mm:ss (a full date when not on the
// start day), N/A when unset.
func clock(t time.Time) string {
	switch {
	case t.IsZero():
		return "N/A"
	case t.Format("2006-01-02") != "2024-06-03":
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("15:04:05")
}

func recordFields(r *sim.Record) map[string]string {
	return map[string]string{
		"Method":            r.InitiationMethod,
		"Initiation":        clock(r.Initiation),
		"ConnectedToSystem": clock(r.ConnectedToSystem),
		"Enqueue":           clock(r.Enqueue),
		"Dequeue":           clock(r.Dequeue),
		"ConnectedToAgent":  clock(r.ConnectedToAgent),
		"Disconnect":        clock(r.Disconnect),
		"Reason":            r.DisconnectReason,
		"Queue":             r.Queue,
		"Agent":             r.Agent,
		"QueueDuration":     r.QueueDuration.String(),
		"InQueueDuration":   r.InQueueDuration.String(),
		"ScheduledDuration": r.ScheduledDuration.String(),
		"BookedDuration":    r.BookedDuration.String(),
		"Talk":              r.AgentInteractionDuration.String(),
		"AgentAttempts":     fmt.Sprint(r.AgentConnectionAttempts),
		"DialAttempts":      fmt.Sprint(r.DialAttempts),
		"Outcome":           r.Outcome,
	}
}

// checkRecord compares a record against "Field=value" pairs.
func checkRecord(t *testing.T, r *sim.Record, want ...string) {
	t.Helper()
	got := recordFields(r)
	for _, w := range want {
		name, val, _ := strings.Cut(w, "=")
		g, ok := got[name]
		if !ok {
			t.Fatalf("test bug: unknown field %q", name)
		}
		if g != val {
			t.Errorf("record %s %s: %s = %s, want %s", r.ContactID(), r.InitiationMethod, name, g, val)
		}
	}
}

// replaceLine replaces the line of src containing key (keeping its
// indentation) with "key value".
func replaceLine(t *testing.T, src, key, repl string) string {
	t.Helper()
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), key) {
			lines[i] = l[:len(l)-len(strings.TrimLeft(l, " "))] + repl
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("test bug: no line with %q", key)
	return ""
}

func byMethod(t *testing.T, recs []sim.Record, script, method string) *sim.Record {
	t.Helper()
	for i := range recs {
		if recs[i].ScriptID == script && recs[i].InitiationMethod == method {
			return &recs[i]
		}
	}
	t.Fatalf("no %s record for %s among %d records", method, script, len(recs))
	return nil
}

// TestEngine_DocumentedExample checks every value of the two records of the
// Amazon Connect walk-through (domain.md section 2, seed 002).
func TestEngine_DocumentedExample(t *testing.T) {
	res, recs := runYAML(t, scriptScenario(oneAgent, "", johnScript(`[{outcome: answered, ring: 0s}]`)))
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2", len(recs))
	}
	in, cb := &recs[0], &recs[1]
	checkRecord(t, in, "Method=INBOUND", "Initiation=11:35:00", "ConnectedToSystem=11:35:00",
		"Enqueue=11:35:00", "Dequeue=11:37:00", "Disconnect=11:37:00", "ConnectedToAgent=N/A",
		"Reason=CONTACT_FLOW_DISCONNECT", "Queue=InboundQueue", "Outcome=callback_requested")
	checkRecord(t, cb, "Method=CALLBACK", "Initiation=11:37:00", "Enqueue=11:38:39",
		"Dequeue=11:39:00", "QueueDuration=2m", "InQueueDuration=21s", "ScheduledDuration=1m39s",
		"ConnectedToSystem=11:39:10", "ConnectedToAgent=11:39:25", "Disconnect=11:45:00",
		"Queue=CallbackQueue", "Agent=agent", "Reason=CUSTOMER_DISCONNECT", "DialAttempts=1", "Outcome=handled")
	if in.NextContactID() != cb.ContactID() || cb.PreviousContactID() != in.ContactID() {
		t.Errorf("records not linked: inbound next %q, callback %q previous %q", in.NextContactID(), cb.ContactID(), cb.PreviousContactID())
	}
	inb, cbs := res.TotalInbound(), res.TotalCallback()
	if inb.Abandoned != 0 || inb.CallbackTransferred != 1 {
		t.Errorf("inbound stats %+v: a caller who took a callback is not abandoned", inb)
	}
	if cbs.Requested != 1 || cbs.Handled != 1 || cbs.FailedAttempts != 0 {
		t.Errorf("callback stats %+v", cbs)
	}
}

// callbackLegs returns the CALLBACK records (legs) of a script contact's
// agent-first callback, in the order they were written.
func callbackLegs(t *testing.T, recs []sim.Record, script string) []*sim.Record {
	t.Helper()
	var legs []*sim.Record
	for i := range recs {
		if recs[i].ScriptID == script && recs[i].InitiationMethod == sim.MethodCallback {
			legs = append(legs, &recs[i])
		}
	}
	if len(legs) == 0 {
		t.Fatalf("no CALLBACK record for %s among %d records", script, len(recs))
	}
	return legs
}

// checkLegChain checks that the legs follow the inbound contact in a chain:
// each one's PreviousContactId is the record before it, its
// NextContactId the record after it (none for the last), and every leg's
// InitialContactId the inbound contact.
func checkLegChain(t *testing.T, in *sim.Record, legs []*sim.Record) {
	t.Helper()
	prev := in
	for i, l := range legs {
		if prev.NextContactID() != l.ContactID() || l.PreviousContactID() != prev.ContactID() || l.InitialContactID() != in.ContactID() {
			t.Errorf("leg %d (%s) not linked: previous record %s points to %q; leg's previous %q, initial %q (inbound %s)",
				i+1, l.ContactID(), prev.ContactID(), prev.NextContactID(), l.PreviousContactID(), l.InitialContactID(), in.ContactID())
		}
		prev = l
	}
	if last := legs[len(legs)-1]; last.NextContactID() != "" {
		t.Errorf("last leg %s points to a next contact %q", last.ContactID(), last.NextContactID())
	}
}

// TestEngine_CallbackTimelines covers the callback lifecycle branches with
// exact timestamps worked out by hand from domain.md section 2. In every
// case John calls at 11:35, takes a callback at 11:37, which is queued at
// 11:38:39 and accepted at 11:39:00 (agent whisper 10 s, so the first dial
// is at 11:39:10); ring timeout 60 s, busy detected after 5 s, retry wait
// 10 m unless stated. Each dial attempt is its own CALLBACK record (leg);
// want describes the last one, whose initiation is when the attempt before
// it failed.
func TestEngine_CallbackTimelines(t *testing.T) {
	tests := []struct {
		name   string
		extra  string // callback settings replacing John's line for that key
		dials  string
		legs   int
		want   []string
		failed int64
		lost   model.Duration
	}{{
		// No answer: fails at 11:40:10, when the second leg begins; back in
		// queue 11:50:10, accepted at once; dial 11:50:20 rings 5 s:
		// answered 11:50:25, agent joined after the 15 s whisper at
		// 11:50:40; talk 5m35s.
		name:  "no answer then answered",
		dials: `[{outcome: no_answer}, {outcome: answered, ring: 5s}]`,
		legs:  2,
		want: []string{"Initiation=11:40:10", "Enqueue=11:50:10", "Dequeue=11:50:10", "ConnectedToSystem=11:50:25",
			"ConnectedToAgent=11:50:40", "Disconnect=11:56:15", "QueueDuration=10m",
			"InQueueDuration=0s", "ScheduledDuration=10m", "DialAttempts=2", "AgentAttempts=1",
			"Reason=CUSTOMER_DISCONNECT", "Outcome=handled"},
		failed: 1, lost: 70 * model.Second,
	}, {
		// Two attempts allowed: no answer (11:40:10), then busy: accepted
		// 11:50:10, dialled 11:50:20, busy at 11:50:25. No attempts left
		// (and busy is not retried anyway).
		name:  "retries exhausted",
		extra: "max_retries: 1",
		dials: `[{outcome: no_answer}, {outcome: busy}]`,
		legs:  2,
		want: []string{"Initiation=11:40:10", "Dequeue=11:50:10", "Disconnect=11:50:25", "ConnectedToSystem=N/A",
			"ConnectedToAgent=N/A", "Agent=agent", "DialAttempts=2", "Reason=TELECOM_BUSY", "Outcome=unreached"},
		failed: 2, lost: 70*model.Second + 15*model.Second,
	}, {
		// Busy at 11:39:15 ends the callback: Amazon Connect retries only
		// a ring with no answer. One leg, two retries unused.
		name:  "busy first dial ends the callback",
		dials: `[{outcome: busy}, {outcome: answered}]`,
		legs:  1,
		want: []string{"Initiation=11:37:00", "Enqueue=11:38:39", "Dequeue=11:39:00", "QueueDuration=2m",
			"ConnectedToSystem=N/A", "ConnectedToAgent=N/A", "Disconnect=11:39:15", "Agent=agent",
			"DialAttempts=1", "Reason=TELECOM_BUSY", "Outcome=unreached"},
		failed: 1, lost: 15 * model.Second,
	}, {
		// Voicemail picks up after 20 s (11:39:30): connected, no retry;
		// whisper to 11:39:45, then the default 30 s message.
		name:  "voicemail counts as connected",
		dials: `[{outcome: voicemail, ring: 20s}, {outcome: answered}]`,
		legs:  1,
		want: []string{"ConnectedToSystem=11:39:30", "ConnectedToAgent=11:39:45",
			"Disconnect=11:40:15", "DialAttempts=1", "Outcome=voicemail"},
	}, {
		// Busy at 11:39:15, retried because the scenario lists busy (a
		// platform that redials busy lines); the second leg begins then,
		// waits 5 m, is back in queue 11:44:15, dialled 11:44:25 and
		// answered at once.
		name:  "busy retried when listed",
		extra: "retry_interval: 5m\n      retry_on: [no_answer, busy]",
		dials: `[{outcome: busy}, {outcome: answered}]`,
		legs:  2,
		want: []string{"Initiation=11:39:15", "Enqueue=11:44:15", "Dequeue=11:44:15", "ConnectedToSystem=11:44:25",
			"ConnectedToAgent=11:44:40", "QueueDuration=5m", "ScheduledDuration=5m", "DialAttempts=2", "Outcome=handled"},
		failed: 1, lost: 15 * model.Second,
	}, {
		// A ring time at the timeout is a no-answer, however it was
		// scripted, and an invalid number is not redialled.
		name:  "invalid number is not retried",
		dials: `[{outcome: answered, ring: 60s}, {outcome: invalid}]`,
		legs:  2,
		want: []string{"Initiation=11:40:10", "Disconnect=11:50:20", "DialAttempts=2", "Reason=TELECOM_NUMBER_INVALID",
			"Outcome=invalid_number"},
		failed: 2, lost: 70*model.Second + 10*model.Second,
	}, {
		// Listed, an invalid number is redialled too (here: answered).
		name:  "invalid number retried when listed",
		extra: "retry_interval: 1m\n      retry_on: [invalid]",
		dials: `[{outcome: invalid}, {outcome: answered}]`,
		legs:  2,
		want: []string{"Initiation=11:39:10", "Enqueue=11:40:10", "Dequeue=11:40:10", "ConnectedToSystem=11:40:20",
			"DialAttempts=2", "Outcome=handled"},
		failed: 1, lost: 10 * model.Second,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := scriptScenario(oneAgent, "", johnScript(tc.dials))
			if tc.extra != "" {
				key, _, _ := strings.Cut(tc.extra, ":")
				src = replaceLine(t, src, key+":", tc.extra)
			}
			res, recs := runYAML(t, src)
			legs := callbackLegs(t, recs, "john")
			if len(legs) != tc.legs {
				t.Fatalf("%d legs, want %d", len(legs), tc.legs)
			}
			checkLegChain(t, byMethod(t, recs, "john", sim.MethodInbound), legs)
			checkRecord(t, legs[len(legs)-1], tc.want...)
			cb := res.TotalCallback()
			if cb.FailedAttempts != tc.failed || model.Duration(cb.AgentTimeLost) != tc.lost {
				t.Errorf("failed attempts %d, agent time lost %s; want %d, %s",
					cb.FailedAttempts, model.Duration(cb.AgentTimeLost), tc.failed, tc.lost)
			}
			if cb.Requested != 1 || cb.Legs != int64(tc.legs) {
				t.Errorf("%d callbacks requested with %d legs; want 1 with %d", cb.Requested, cb.Legs, tc.legs)
			}
		})
	}
}

// TestEngine_AnsweredOnThirdAttempt: John's callback is answered on its
// third dial, and each attempt is its own CALLBACK record with its own
// initiation, queue times, agent and disconnect reason. Ann and Bob log in
// at 11:39:00; Kim and Lee call at 11:50:00 and 11:50:05 (3 m each).
//
//	11:37:00  leg 1 created; Scheduled 99 s, In queue 11:38:39
//	11:39:00  Ann (listed first) takes it; dial 11:39:10; no answer 11:40:10
//	11:40:10  leg 2 begins, Scheduled 10 m
//	11:50:00  Kim to Bob (idle longest, since 11:39:00); 11:50:05 Lee to Ann
//	11:50:10  leg 2 In queue; both agents busy
//	11:53:00  Bob frees and takes leg 2; dial 11:53:10; no answer 11:54:10
//	11:54:10  leg 3 begins, Scheduled 10 m
//	12:04:10  leg 3 In queue; Ann (idle since 11:53:05) takes it; dial
//	          12:04:20, answered 12:04:25, outbound whisper to 12:04:40,
//	          talk 5m35s to 12:10:15
func TestEngine_AnsweredOnThirdAttempt(t *testing.T) {
	agents := `
  - {name: ann, profile: Basic, shifts: [{start: "11:39:00"}]}
  - {name: bob, profile: Basic, shifts: [{start: "11:39:00"}]}`
	script := johnScript(`[{outcome: no_answer}, {outcome: no_answer}, {outcome: answered, ring: 5s}]`) + `
  - {id: kim, at: "11:50:00", talk: 3m, acw: 0s}
  - {id: lee, at: "11:50:05", talk: 3m, acw: 0s}`
	res, recs := runYAML(t, scriptScenario(agents, "", script))
	legs := callbackLegs(t, recs, "john")
	if len(legs) != 3 {
		t.Fatalf("%d legs, want 3", len(legs))
	}
	checkLegChain(t, byMethod(t, recs, "john", sim.MethodInbound), legs)
	checkRecord(t, legs[0], "Initiation=11:37:00", "Enqueue=11:38:39", "Dequeue=11:39:00", "QueueDuration=2m",
		"InQueueDuration=21s", "ScheduledDuration=1m39s", "Agent=ann", "ConnectedToSystem=N/A", "ConnectedToAgent=N/A",
		"Disconnect=11:40:10", "Reason=TELECOM_TIMEOUT", "Outcome=no_answer", "DialAttempts=1", "AgentAttempts=1")
	checkRecord(t, legs[1], "Initiation=11:40:10", "Enqueue=11:50:10", "Dequeue=11:53:00", "QueueDuration=12m50s",
		"InQueueDuration=2m50s", "ScheduledDuration=10m", "Agent=bob", "ConnectedToSystem=N/A", "ConnectedToAgent=N/A",
		"Disconnect=11:54:10", "Reason=TELECOM_TIMEOUT", "Outcome=no_answer", "DialAttempts=2", "AgentAttempts=1")
	checkRecord(t, legs[2], "Initiation=11:54:10", "Enqueue=12:04:10", "Dequeue=12:04:10", "QueueDuration=10m",
		"InQueueDuration=0s", "ScheduledDuration=10m", "Agent=ann", "ConnectedToSystem=12:04:25", "ConnectedToAgent=12:04:40",
		"Disconnect=12:10:15", "Reason=CUSTOMER_DISCONNECT", "Outcome=handled", "DialAttempts=3", "Talk=5m35s")
	for i, l := range legs {
		if l.Queue != "CallbackQueue" || l.CallbackType != "queued" {
			t.Errorf("leg %d: queue %q, type %q", i+1, l.Queue, l.CallbackType)
		}
	}
	cb := res.TotalCallback()
	if cb.Requested != 1 || cb.Legs != 3 || cb.Handled != 1 || cb.DialAttempts != 3 || cb.FailedAttempts != 2 || cb.NoAnswer != 2 {
		t.Errorf("callback stats %+v: want 1 requested, 3 legs, 1 handled, 3 dials, 2 failed (no answer)", cb)
	}
	// The queue totals still cover the whole callback: 99 s + 10 m + 10 m
	// Scheduled, 21 s + 2m50s In queue.
	if model.Duration(cb.Scheduled) != 21*model.Minute+39*model.Second || model.Duration(cb.InQueue) != 3*model.Minute+11*model.Second {
		t.Errorf("callback Scheduled %s, In queue %s; want 21m39s, 3m11s", model.Duration(cb.Scheduled), model.Duration(cb.InQueue))
	}
}

// TestEngine_Expiry: no agent works until after the 7-day expiry, so the
// callback created at 11:37 is removed at 11:37 a week later.
func TestEngine_Expiry(t *testing.T) {
	src := scriptScenario(`
  - {name: agent, profile: Basic, shifts: [{start: 8d}]}`, "", johnScript(`[]`))
	src = strings.Replace(src, "horizon: 2h", "horizon: 9d", 1)
	res, recs := runYAML(t, src)
	checkRecord(t, byMethod(t, recs, "john", "CALLBACK"), "Enqueue=11:38:39",
		"Dequeue=2024-06-10 11:37:00", "Disconnect=2024-06-10 11:37:00", "QueueDuration=7d", "Reason=EXPIRED", "Outcome=expired", "DialAttempts=0",
		"InQueueDuration=6d23h58m21s", "ScheduledDuration=1m39s")
	if cb := res.TotalCallback(); cb.Expired != 1 || cb.Handled != 0 {
		t.Errorf("callback stats %+v, want one expired", cb)
	}
}

// TestEngine_Abandon: a caller with 90 s of patience and no agent hangs up
// at 11:36:30.
func TestEngine_Abandon(t *testing.T) {
	res, recs := runYAML(t, scriptScenario(oneAgent, "", `
  - {id: ann, at: "11:35:00", abandon_after: 90s}`))
	if len(recs) != 1 {
		t.Fatalf("got %d records, want 1", len(recs))
	}
	checkRecord(t, &recs[0], "Method=INBOUND", "Dequeue=11:36:30", "Disconnect=11:36:30",
		"QueueDuration=1m30s", "Reason=CUSTOMER_DISCONNECT", "Outcome=abandoned", "ConnectedToAgent=N/A")
	if in := res.TotalInbound(); in.Abandoned != 1 || in.AbandonRate() != 1 {
		t.Errorf("inbound stats %+v, want one abandoned", in)
	}
}

// TestEngine_AgentDeclines: an agent who rejects the offered callback is
// not a failed attempt. Alone, the agent is locked out for 30 s and then
// accepts at 11:39:30; with a second agent free, that agent takes it at
// once.
func TestEngine_AgentDeclines(t *testing.T) {
	tests := []struct {
		name   string
		agents string
		want   []string
	}{
		{"alone", `
  - {name: agent, profile: Basic, shifts: [{start: "11:39:00"}], decline: [john]}`,
			[]string{"Dequeue=11:39:30", "ConnectedToSystem=11:39:40", "Agent=agent", "AgentAttempts=2", "DialAttempts=1"}},
		{"another agent takes it", `
  - {name: ann, profile: Basic, shifts: [{start: "11:39:00"}], decline: [john]}
  - {name: bob, profile: Basic, shifts: [{start: "11:39:00"}]}`,
			[]string{"Dequeue=11:39:00", "ConnectedToSystem=11:39:10", "Agent=bob", "AgentAttempts=2", "DialAttempts=1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, recs := runYAML(t, scriptScenario(tc.agents, "", johnScript(`[{outcome: answered}]`)))
			checkRecord(t, byMethod(t, recs, "john", "CALLBACK"), tc.want...)
			if cb := res.TotalCallback(); cb.FailedAttempts != 0 || cb.Handled != 1 {
				t.Errorf("callback stats %+v: a declined offer is not a failed attempt", cb)
			}
		})
	}
}

// TestEngine_KeepPosition: Amy calls at 11:00 and takes a callback at 11:05
// that joins CallbackQueue at 11:06:39; Bob calls at 11:02 and waits in
// InboundQueue. The agent starts at 11:10 and serves queues of equal
// priority oldest first. At the back of the queue the callback is younger
// than Bob; keeping position, it carries Amy's 11:00 start and goes first.
func TestEngine_KeepPosition(t *testing.T) {
	script := `
  - {id: amy, at: "11:00:00", callback_after: 5m, talk: 4m, acw: 0s}
  - {id: bob, at: "11:02:00", talk: 4m, acw: 0s}`
	agents := `
  - {name: agent, profile: Basic, shifts: [{start: "11:10:00"}]}`
	for _, tc := range []struct {
		keep           bool
		amyDeq, bobDeq string
	}{
		// Back of queue: Bob at 11:10:00 (talk 4 m); Amy's callback at
		// 11:14:00.
		{false, "11:14:00", "11:10:00"},
		// Keep position: Amy at 11:10:00; whisper 10 s, whisper 15 s, talk
		// 4 m: the agent is free at 11:14:25 for Bob.
		{true, "11:10:00", "11:14:25"},
	} {
		t.Run(fmt.Sprintf("keep_position=%v", tc.keep), func(t *testing.T) {
			src := strings.Replace(scriptScenario(agents, fmt.Sprintf("      keep_position: %v\n", tc.keep), script),
				"start: 2024-06-03T11:30:00Z", "start: 2024-06-03T10:30:00Z", 1)
			_, recs := runYAML(t, src)
			checkRecord(t, byMethod(t, recs, "amy", "CALLBACK"), "Dequeue="+tc.amyDeq)
			checkRecord(t, byMethod(t, recs, "bob", "INBOUND"), "Dequeue="+tc.bobDeq)
		})
	}
}

// TestEngine_Routing: a free agent serves the lowest priority number first,
// and a full queue blocks new calls.
func TestEngine_Routing(t *testing.T) {
	src := `
start: 2024-06-03T09:00:00Z
horizon: 1h
queues:
  - {name: Gold}
  - {name: Standard, max_size: 1}
routing_profiles:
  - name: P
    queues:
      - {queue: Standard, priority: 2}
      - {queue: Gold, priority: 1}
agents:
  - {name: agent, profile: P, shifts: [{start: "09:10"}]}
contact_types:
  - {name: std, queue: Standard, talk: 1m}
  - {name: gold, queue: Gold, talk: 1m}
script:
  - {id: s1, type: std, at: "09:01"}
  - {id: s2, type: std, at: "09:02"}
  - {id: g1, type: gold, at: "09:05"}
`
	res, recs := runYAML(t, src)
	checkRecord(t, byMethod(t, recs, "g1", "INBOUND"), "Dequeue=09:10:00", "Outcome=handled")
	checkRecord(t, byMethod(t, recs, "s1", "INBOUND"), "Dequeue=09:11:00", "Outcome=handled")
	checkRecord(t, byMethod(t, recs, "s2", "INBOUND"), "Enqueue=N/A", "Outcome=blocked")
	if in := res.TotalInbound(); in.Blocked != 1 || in.Handled != 2 {
		t.Errorf("inbound %+v, want 1 blocked and 2 handled", in)
	}
}

// TestEngine_RoutingDelay: an overflow agent whose profile has a 45 s delay
// on the queue takes a call only once it has waited 45 s, even though the
// agent is idle all along; the other call goes to the regular agent when
// its first call ends.
func TestEngine_RoutingDelay(t *testing.T) {
	src := `
start: 2024-06-03T09:00:00Z
horizon: 1h
queues: [{name: Support}]
routing_profiles:
  - {name: main, queues: [{queue: Support}]}
  - {name: overflow, queues: [{queue: Support, delay: 45s}]}
agents:
  - {name: reg, profile: main}
  - {name: ovf, profile: overflow}
contact_types:
  - {name: call, queue: Support, talk: 2m}
script:
  - {id: c1, at: "09:10:00"}
  - {id: c2, at: "09:10:10"}
`
	_, recs := runYAML(t, src)
	checkRecord(t, byMethod(t, recs, "c1", "INBOUND"), "Dequeue=09:10:00", "Agent=reg")
	checkRecord(t, byMethod(t, recs, "c2", "INBOUND"), "Dequeue=09:10:55", "Agent=ovf", "QueueDuration=45s")
}

// cfRecord returns the n-th (1-based) dialled leg of a script contact's
// customer-first callback.
func cfDialed(t *testing.T, recs []sim.Record, script string, n int) *sim.Record {
	t.Helper()
	k := 0
	for i := range recs {
		if recs[i].ScriptID == script && recs[i].InitiationMethod == sim.MethodCFDialed {
			if k++; k == n {
				return &recs[i]
			}
		}
	}
	t.Fatalf("no dialled leg %d for %s", n, script)
	return nil
}

// TestCustomerFirst_AnsweredOnSecondDial: John's callback in customer-first
// mode. It enters the dial queue at 11:38:39; the agent logs in at 11:39:00
// and, being idle, lets the pacer dial. No answer (60 s timeout, 11:40:00);
// retry after 60 s, dialled at 11:41:00, answered after 10 s (11:41:10),
// outbound whisper 15 s, joins the queue at 11:41:25 and the idle agent
// takes it at once; agent whisper 10 s, connected 11:41:35, talk 5m35s.
func TestCustomerFirst_AnsweredOnSecondDial(t *testing.T) {
	src := scriptScenario(oneAgent, "", johnScript(`[{outcome: no_answer}, {outcome: answered, ring: 10s}]`))
	src = replaceLine(t, src, "retry_interval:", "retry_interval: 60s\n      mode: customer_first\n      pacing: 10")
	res, recs := runYAML(t, src)
	in := byMethod(t, recs, "john", sim.MethodInbound)
	q := byMethod(t, recs, "john", sim.MethodCFQueued)
	d1, d2 := cfDialed(t, recs, "john", 1), cfDialed(t, recs, "john", 2)
	checkRecord(t, q, "Initiation=11:37:00", "Enqueue=11:41:00", "Dequeue=11:41:00", "Disconnect=11:41:10",
		"ScheduledDuration=2m39s", "InQueueDuration=21s", "DialAttempts=2", "Outcome=reached")
	checkRecord(t, d1, "Initiation=11:39:00", "ConnectedToSystem=N/A", "Disconnect=11:40:00",
		"Reason=TELECOM_TIMEOUT", "Outcome=no_answer", "Agent=")
	checkRecord(t, d2, "Initiation=11:41:00", "ConnectedToSystem=11:41:10", "Enqueue=11:41:25",
		"Dequeue=11:41:25", "ConnectedToAgent=11:41:35", "Disconnect=11:47:10", "Agent=agent", "Outcome=handled")
	if in.NextContactID() != q.ContactID() || q.NextContactID() != d2.ContactID() ||
		d1.PreviousContactID() != q.ContactID() || d2.PreviousContactID() != q.ContactID() || d2.InitialContactID() != in.ContactID() {
		t.Errorf("legs not linked: inbound->%s, queued %s->%s, dials %s<-%s, %s<-%s (initial %s)",
			in.NextContactID(), q.ContactID(), q.NextContactID(), d1.ContactID(), d1.PreviousContactID(),
			d2.ContactID(), d2.PreviousContactID(), d2.InitialContactID())
	}
	cb := res.TotalCallback()
	if cb.FailedAttempts != 1 || cb.AgentTimeLost != 0 || cb.Handled != 1 || cb.Reached != 1 {
		t.Errorf("callback stats %+v: one failed attempt, no agent time lost, one handled", cb)
	}
}

// TestCustomerFirst_Voicemail: John's callback in customer-first mode, as
// in TestCustomerFirst_AnsweredOnSecondDial, with a first dial (11:39:00)
// that voicemail answers after 20 s. By default the voicemail is not put
// through to an agent: the flow hangs up at 11:39:20, a failed dial,
// retried as a no-answer is: back in the dial queue at 11:40:20, dialled
// at once, answered 11:40:30, joins the queue after the 15 s whisper at
// 11:40:45, agent whisper to 11:40:55, talk 5m35s. Not retried when
// retry_on leaves out no_answer; put through with
// customer_first_voicemail: connect.
func TestCustomerFirst_Voicemail(t *testing.T) {
	base := scriptScenario(oneAgent, "", johnScript(`[{outcome: voicemail, ring: 20s}, {outcome: answered, ring: 10s}]`))
	cf := "retry_interval: 60s\n      mode: customer_first\n      pacing: 10"
	t.Run("not put through, retried", func(t *testing.T) {
		res, recs := runYAML(t, replaceLine(t, base, "retry_interval:", cf))
		q := byMethod(t, recs, "john", sim.MethodCFQueued)
		d1, d2 := cfDialed(t, recs, "john", 1), cfDialed(t, recs, "john", 2)
		checkRecord(t, d1, "Initiation=11:39:00", "ConnectedToSystem=11:39:20", "Disconnect=11:39:20",
			"ConnectedToAgent=N/A", "Agent=", "Reason=CONTACT_FLOW_DISCONNECT", "Outcome=voicemail_not_connected", "DialAttempts=1")
		checkRecord(t, d2, "Initiation=11:40:20", "ConnectedToSystem=11:40:30", "Enqueue=11:40:45", "Dequeue=11:40:45",
			"ConnectedToAgent=11:40:55", "Disconnect=11:46:30", "Agent=agent", "Outcome=handled", "DialAttempts=2")
		checkRecord(t, q, "Enqueue=11:40:20", "Dequeue=11:40:20", "Disconnect=11:40:30", "Outcome=reached", "DialAttempts=2")
		if d1.PreviousContactID() != q.ContactID() || d2.PreviousContactID() != q.ContactID() || q.NextContactID() != d2.ContactID() {
			t.Errorf("legs not linked: queued %s -> %s; dials' previous %s, %s", q.ContactID(), q.NextContactID(), d1.PreviousContactID(), d2.PreviousContactID())
		}
		cb := res.TotalCallback()
		if cb.VoicemailFailed != 1 || cb.FailedAttempts != 1 || cb.Voicemail != 0 || cb.Handled != 1 || cb.Legs != 3 {
			t.Errorf("callback stats %+v: want one voicemail not put through (a failed dial), one handled, 3 legs", cb)
		}
	})
	t.Run("not retried without no_answer", func(t *testing.T) {
		res, recs := runYAML(t, replaceLine(t, base, "retry_interval:", cf+"\n      retry_on: [busy]"))
		checkRecord(t, cfDialed(t, recs, "john", 1), "Disconnect=11:39:20", "Outcome=voicemail_not_connected")
		checkRecord(t, byMethod(t, recs, "john", sim.MethodCFQueued), "Disconnect=11:39:20",
			"Reason=CONTACT_FLOW_DISCONNECT", "Outcome=unreached", "DialAttempts=1")
		if cb := res.TotalCallback(); cb.Unreached != 1 || cb.DialAttempts != 1 {
			t.Errorf("callback stats %+v: want unreached after one dial", cb)
		}
	})
	t.Run("put through with connect", func(t *testing.T) {
		res, recs := runYAML(t, replaceLine(t, base, "retry_interval:", cf+"\n      customer_first_voicemail: connect"))
		// Joins the queue at 11:39:35, connected 11:39:45, then the 30 s
		// default message.
		checkRecord(t, cfDialed(t, recs, "john", 1), "ConnectedToSystem=11:39:20", "Enqueue=11:39:35",
			"ConnectedToAgent=11:39:45", "Disconnect=11:40:15", "Outcome=voicemail")
		if cb := res.TotalCallback(); cb.Voicemail != 1 || cb.FailedAttempts != 0 || cb.DialAttempts != 1 {
			t.Errorf("callback stats %+v: want the voicemail handled on the first dial", cb)
		}
	})
}

// TestCustomerFirst_PacingLimit: two agents log in at 10:00:01, when four
// customer-first callbacks enter the dial queue; pacing 10. Calls last 10
// minutes, with no whispers. Under both bases a dial starts only while an
// agent is idle and not claimed by a customer who has just answered.
//
// pacing_basis: idle (the default) allows max(1, floor(10/10 x idle
// unclaimed agents)) dials outstanding:
//
//	10:00:01  two agents idle: c1 and c2 dialled
//	10:00:21  c1 answers and claims one agent; one idle unclaimed agent
//	          allows one dial, and c2 is out: c3 waits
//	10:00:31  c2 answers; no agent is idle
//	10:10:21  the first agent frees: c3 is dialled
//	10:10:31  the second frees: two idle, one dial out: c4 is dialled
//	10:10:51  c3 answers and is taken at once
//
// pacing_basis: logged_in allows floor(10/10 x 2 logged in) = 2:
//
//	10:00:21  c1 answers: one dial out, two agents idle, one of them
//	          claimed by c1, so c3 is dialled; c1 is taken by an agent
//	10:00:31  c2 answers: the one idle agent is claimed by c2, so c4 waits
//	10:00:51  c3 answers and waits in queue: no agent is idle, c4 waits
//	10:10:21  the first agent frees and takes c3 from the queue
//	10:10:31  the second agent frees, is idle: c4 is dialled
func TestCustomerFirst_PacingLimit(t *testing.T) {
	for _, tc := range []struct {
		basis          string
		dialled        []string
		c3Sys, c3Deque string
	}{
		{"", []string{"10:00:01", "10:00:01", "10:10:21", "10:10:31"}, "10:10:51", "10:10:51"},
		{"pacing_basis: logged_in, ", []string{"10:00:01", "10:00:01", "10:00:21", "10:10:31"}, "10:00:51", "10:10:21"},
	} {
		src := `
start: 2024-06-03T10:00:00Z
horizon: 1h
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 2, profile: P, shifts: [{start: "10:00:01"}]}]
contact_types:
  - name: t
    queue: Q
    talk: 10m
    callback: {mode: customer_first, pacing: 10, ` + tc.basis + `initial_delay: 1s, retry_interval: 1m, connected_patience: 1h}
script:
  - {id: c1, at: "10:00:00", callback_after: 0s, dials: [{outcome: answered, ring: 20s}]}
  - {id: c2, at: "10:00:00", callback_after: 0s, dials: [{outcome: answered, ring: 30s}]}
  - {id: c3, at: "10:00:00", callback_after: 0s, dials: [{outcome: answered, ring: 30s}]}
  - {id: c4, at: "10:00:00", callback_after: 0s, dials: [{outcome: answered, ring: 30s}]}
`
		_, recs := runYAML(t, src)
		for i, want := range tc.dialled {
			id := fmt.Sprintf("c%d", i+1)
			checkRecord(t, cfDialed(t, recs, id, 1), "Initiation="+want)
		}
		checkRecord(t, cfDialed(t, recs, "c3", 1), "ConnectedToSystem="+tc.c3Sys, "Enqueue="+tc.c3Sys, "Dequeue="+tc.c3Deque)
	}
}

// TestCustomerFirst_PacingFollowsIdleAgents is the case: ten
// agents on the queue, nine of them busy on long calls, one idle, pacing
// 10, ten customer-first callbacks waiting to be dialled. The ten callers
// arrive at 09:59 before anyone is logged in and take a callback at once
// (dial queue from 09:59:01); nine one-hour calls arrive at 09:59:30. At
// 10:00 the ten agents log in: nine take the long calls, one is idle.
// With pacing_basis idle (the default) one customer is dialled, not ten;
// with logged_in, floor(10/10 x 10) = 10 are, and nine of them answer and
// wait for an agent who is not there.
func TestCustomerFirst_PacingFollowsIdleAgents(t *testing.T) {
	var script strings.Builder
	for i := range 10 {
		fmt.Fprintf(&script, "  - {id: cb%d, type: cf, at: \"09:59:00\", callback_after: 0s, dials: [{outcome: answered, ring: 20s}]}\n", i)
	}
	for i := range 9 {
		fmt.Fprintf(&script, "  - {id: long%d, type: long, at: \"09:59:30\"}\n", i)
	}
	for _, tc := range []struct {
		basis string
		dials int64
	}{{"idle", 1}, {"logged_in", 10}} {
		src := `
start: 2024-06-03T09:00:00Z
horizon: 1h30m
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 10, profile: P, shifts: [{start: "10:00:00"}]}]
contact_types:
  - name: long
    queue: Q
    talk: 1h
  - name: cf
    queue: Q
    talk: 40m
    callback: {mode: customer_first, pacing: 10, pacing_basis: ` + tc.basis + `, initial_delay: 1s, connected_patience: 1h}
script:
` + script.String()
		res, recs := runYAML(t, src)
		cb := res.TotalCallback()
		if cb.DialAttempts != tc.dials {
			t.Errorf("%s: %d dials, want %d", tc.basis, cb.DialAttempts, tc.dials)
		}
		// Each dial started at 10:00:00 is answered at 10:00:20, which ends
		// its queued leg; the agents' next chance comes after 10:30.
		var reached []*sim.Record
		for i := range recs {
			if recs[i].InitiationMethod == sim.MethodCFQueued {
				reached = append(reached, &recs[i])
			}
		}
		if int64(len(reached)) != tc.dials {
			t.Errorf("%s: %d customers reached, want %d", tc.basis, len(reached), tc.dials)
		}
		for _, r := range reached {
			checkRecord(t, r, "Enqueue=09:59:01", "Dequeue=10:00:00", "Disconnect=10:00:20", "Outcome=reached")
		}
		// One customer talks to the idle agent; nine callbacks are still
		// waiting: to be dialled (idle), or answered, for an agent
		// (logged_in).
		if cb.InSystem != 9 || cb.Handled != 1 {
			t.Errorf("%s: %d callbacks in system and %d handled, want 9 and 1", tc.basis, cb.InSystem, cb.Handled)
		}
	}
}

// TestHours_CallbackWaitsForOpening: the queue and its agent work Monday to
// Friday 09:00-17:00. Ann calls at 16:58 Monday and takes a callback at
// 16:59; its 5-minute initial delay ends at 17:04, after closing, so with
// hold_until_open it stays Scheduled until Tuesday 09:00, when the agent,
// just logged in, takes it. Bob calls at 17:30: the closed branch.
func TestHours_CallbackWaitsForOpening(t *testing.T) {
	src := `
start: 2024-06-03T00:00:00Z
horizon: 2d
queues:
  - name: Q
    hours: [{days: [mon, tue, wed, thu, fri], open: "09:00", close: "17:00"}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents:
  - name: agent
    profile: P
    shifts: [{days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00"}]
contact_types:
  - name: t
    queue: Q
    talk: 5m
    callback: {initial_delay: 5m, hold_until_open: true}
script:
  - {id: warm, at: "16:55:00", talk: 20m}
  - {id: ann, at: "16:58:00", callback_after: 60s}
  - {id: bob, at: "17:30:00"}
`
	res, recs := runYAML(t, src)
	checkRecord(t, byMethod(t, recs, "ann", sim.MethodCallback), "Initiation=16:59:00",
		"Enqueue=2024-06-04 09:00:00", "Dequeue=2024-06-04 09:00:00", "ScheduledDuration=16h1m", "Outcome=handled")
	checkRecord(t, byMethod(t, recs, "bob", sim.MethodInbound), "Outcome=closed", "Enqueue=N/A", "Disconnect=17:30:00")
	if in := res.TotalInbound(); in.Closed != 1 {
		t.Errorf("closed = %d, want 1", in.Closed)
	}
}

// TestBooked_AgentOwned: Ann handles k1 (09:05-09:10) and d1 (09:10-09:15)
// and books an owned callback for an hour after each (10:10, 10:15), owned
// for an hour. Ann logs off at 10:00, so neither is taken by its owner: at
// 11:10 k1's goes to the queue, where Bob takes it at once; at 11:15 d1's,
// whose type disconnects on expiry, is disconnected.
func TestBooked_AgentOwned(t *testing.T) {
	src := `
start: 2024-06-03T09:00:00Z
horizon: 6h
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents:
  - {name: ann, profile: P, shifts: [{start: "09:00", end: "10:00"}]}
  - {name: bob, profile: P, shifts: [{start: "09:30", end: "15:00"}]}
contact_types:
  - name: kept
    queue: Q
    talk: 5m
    agent_callbacks: {share: 0, delay: 1h, ownership: 1h, on_expiry: queue}
  - name: dropped
    queue: Q
    talk: 5m
    agent_callbacks: {share: 0, delay: 1h, ownership: 1h, on_expiry: disconnect}
script:
  - {id: k1, type: kept, at: "09:05", book_callback: 1h}
  - {id: d1, type: dropped, at: "09:10", book_callback: 1h}
`
	res, recs := runYAML(t, src)
	checkRecord(t, byMethod(t, recs, "k1", sim.MethodCallback), "Initiation=09:10:00", "Enqueue=11:10:00",
		"Dequeue=11:10:00", "ScheduledDuration=0s", "BookedDuration=1h", "InQueueDuration=1h", "QueueDuration=2h",
		"Agent=bob", "Outcome=handled")
	checkRecord(t, byMethod(t, recs, "d1", sim.MethodCallback), "Initiation=09:15:00", "Disconnect=11:15:00",
		"Outcome=owner_expired", "Agent=")
	if r := byMethod(t, recs, "k1", sim.MethodCallback); r.CallbackType != "agent_owned" {
		t.Errorf("callback type %q, want agent_owned", r.CallbackType)
	}
	cb := res.TotalCallback()
	if cb.AgentOwned != 2 || cb.OwnedToQueue != 1 || cb.OwnedDisconnected != 1 || cb.Handled != 1 {
		t.Errorf("callback stats %+v: want 2 owned, 1 to queue, 1 disconnected, 1 handled", cb)
	}
}

// TestBooked_RouteToMe: Ann and Bob log in at 09:00; Ann (listed first)
// takes r1 and books a callback for 30 minutes after it ends (09:35). Then
// Bob has been idle longest, so a plain scheduled callback goes to him;
// with route_to_me it goes to Ann, who is idle too.
func TestBooked_RouteToMe(t *testing.T) {
	for _, tc := range []struct {
		routeToMe bool
		agent     string
	}{{false, "bob"}, {true, "ann"}} {
		src := fmt.Sprintf(`
start: 2024-06-03T09:00:00Z
horizon: 3h
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents:
  - {name: ann, profile: P}
  - {name: bob, profile: P}
contact_types:
  - name: t
    queue: Q
    talk: 5m
    agent_callbacks: {share: 0, delay: 30m, route_to_me: %v}
script:
  - {id: r1, at: "09:00", book_callback: 30m}
`, tc.routeToMe)
		_, recs := runYAML(t, src)
		checkRecord(t, byMethod(t, recs, "r1", sim.MethodInbound), "Agent=ann")
		checkRecord(t, byMethod(t, recs, "r1", sim.MethodCallback), "Dequeue=09:35:00", "Agent="+tc.agent)
	}
}

// TestSlots_PushedToNextFreeSlot: one slot per hour, Monday to Friday
// 09:00-17:00. Callers (all waiting, so each accepts the callback offer
// 10 s after arriving) ask for:
//
//	a 10:00 asks 14:00: booked 14:00
//	b 10:05 asks 14:30: 14:00 is full, pushed to 15:00
//	u 10:06 asks 16:10 and does not confirm: 16:00 is held until 10:07:10
//	c 10:06:30 asks 16:20: 16:00 is held, 17:00 closed: pushed to Tue 09:00
//	d 10:08 asks 16:30: the hold has lapsed, booked 16:30
//	e 10:09 asks 16:40: 16:00 is taken by d, 17:00 closed, Tue 09:00 taken
//	  by c: pushed to Tue 10:00
//
// A callback booked for the time its caller asked for joins the queue at
// that time; one pushed to a later slot at the slot's start.
func TestSlots_PushedToNextFreeSlot(t *testing.T) {
	src := `
start: 2024-06-03T00:00:00Z
horizon: 2d
queues:
  - name: Q
    hours: [{days: [mon, tue, wed, thu, fri], open: "09:00", close: "17:00"}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: agent, profile: P, shifts: [{start: "13:00"}]}]
contact_types:
  - name: t
    queue: Q
    talk: 5m
    callback:
      slots: {per_hour: 1, days_in_advance: 7, ahead: 1h}
script:
  - {id: a, at: "10:00:00", callback_after: 10s, slot_ask: "14:00"}
  - {id: b, at: "10:05:00", callback_after: 10s, slot_ask: "14:30"}
  - {id: u, at: "10:06:00", callback_after: 10s, slot_ask: "16:10", slot_confirm: false}
  - {id: c, at: "10:06:30", callback_after: 10s, slot_ask: "16:20"}
  - {id: d, at: "10:08:00", callback_after: 10s, slot_ask: "16:30"}
  - {id: e, at: "10:09:00", callback_after: 10s, slot_ask: "16:40"}
`
	res, recs := runYAML(t, src)
	for id, want := range map[string]string{
		"a": "14:00:00", "b": "15:00:00", "c": "2024-06-04 09:00:00", "d": "16:30:00", "e": "2024-06-04 10:00:00",
	} {
		r := byMethod(t, recs, id, sim.MethodCallback)
		checkRecord(t, r, "Initiation="+want, "Enqueue="+want, "Dequeue="+want, "QueueDuration=0s", "Outcome=handled")
		if r.CallbackType != "caller_scheduled" {
			t.Errorf("%s: callback type %q", id, r.CallbackType)
		}
	}
	checkRecord(t, byMethod(t, recs, "u", sim.MethodInbound), "Outcome=slot_unconfirmed", "Disconnect=10:06:10")
	in := res.TotalInbound()
	if in.SlotPushed != 3 || in.SlotUnconfirmed != 1 || in.CallbackTransferred != 5 {
		t.Errorf("inbound %+v: want 3 pushed, 1 unconfirmed, 5 booked", in)
	}
	slots := res.Queues[0].Slots
	// Monday 14:00 is hour 14 of the week: one slot, booked.
	if got := slots[14]; got.Capacity != 1 || got.Booked != 1 {
		t.Errorf("Mon 14:00 slot %+v, want capacity 1, booked 1", got)
	}
	if got := slots[24+9]; got.Booked != 1 {
		t.Errorf("Tue 09:00 slot %+v, want booked 1", got)
	}
}

// TestSlots_OnClockHours: slots sit on clock hours even when the scenario
// starts at half past: a caller at 08:10 asking for 10:20 is booked into
// the 10:00 slot and queued at 10:20:00, the time asked for.
func TestSlots_OnClockHours(t *testing.T) {
	src := `
start: 2024-06-03T07:30:00Z
horizon: 6h
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: agent, profile: P, shifts: [{start: "09:00"}]}]
contact_types:
  - name: t
    queue: Q
    talk: 5m
    callback: {slots: {per_hour: 1, ahead: 1h}}
script:
  - {id: a, at: "08:10:00", callback_after: 10s, slot_ask: "10:20"}
`
	res, recs := runYAML(t, src)
	checkRecord(t, byMethod(t, recs, "a", sim.MethodCallback), "Initiation=10:20:00", "Enqueue=10:20:00", "Dequeue=10:20:00")
	// Clock hour 0 is 07:00; 10:00 is hour 3.
	if got := res.Queues[0].Slots[3]; got.Booked != 1 || got.Capacity != 1 {
		t.Errorf("10:00 slot %+v, want 1 booked of 1", got)
	}
}

// TestSlots_BeyondTheHorizon: slots can be booked on days after the end of
// the run, within the booking horizon: a caller at 17:30 on a run that ends
// at 18:00 asking for 17:45 (before the next whole hour, the first
// bookable slot, 18:00, which is closed) gets the next day's 09:00 slot.
func TestSlots_BeyondTheHorizon(t *testing.T) {
	src := `
start: 2024-06-03T09:00:00Z
horizon: 9h
queues:
  - name: Q
    hours: [{days: [mon, tue, wed, thu, fri], open: "09:00", close: "18:00"}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: agent, profile: P, shifts: [{start: "09:00", end: "10:00"}]}]
contact_types:
  - name: t
    queue: Q
    talk: 5m
    callback: {slots: {per_hour: 1, days_in_advance: 2, ahead: 1h}}
script:
  - {id: a, at: "17:30:00", callback_after: 10s, slot_ask: "17:45"}
`
	res, _ := runYAML(t, src)
	in, cb := res.TotalInbound(), res.TotalCallback()
	if in.SlotUnavailable != 0 || in.SlotPushed != 1 || cb.Requested != 1 || cb.InSystem != 1 {
		t.Errorf("inbound %+v, callbacks %+v: want the caller pushed to Tuesday 09:00, still waiting at the horizon", in, cb)
	}
}

// TestSlots_CalledAtTheAskedTime: one slot per hour, 09:00-17:00; the
// agent logs in at 10:00 and takes w, a five-minute call, at 10:27.
//
//	a 09:00 takes a callback at 09:00:10 and asks for 10:30: the 10:00
//	  slot has room, so a is called at 10:30: the Connect callback contact
//	  is created then (Initiation 10:30:00) and queued; the agent frees at
//	  10:32 and takes it (queue duration 2m, counted from 10:30, not from
//	  the booking); agent whisper 10 s, so the customer answers 10:32:10
//	b 09:01 asks for 10:45: the 10:00 slot is full, so b is pushed to 11:00
//	  and called at 11:00:00
//
// Until their times neither is Scheduled or In queue: both are booked.
// The inbound records point to the callbacks created later.
func TestSlots_CalledAtTheAskedTime(t *testing.T) {
	src := `
start: 2024-06-03T09:00:00Z
horizon: 3h
queues:
  - name: Q
    hours: [{days: [mon, tue, wed, thu, fri], open: "09:00", close: "17:00"}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: agent, profile: P, shifts: [{start: "10:00"}]}]
contact_types:
  - name: t
    queue: Q
    talk: 5m
    callback:
      agent_whisper: 10s
      slots: {per_hour: 1, ahead: 1h}
script:
  - {id: a, at: "09:00:00", callback_after: 10s, slot_ask: "10:30"}
  - {id: b, at: "09:01:00", callback_after: 10s, slot_ask: "10:45"}
  - {id: w, at: "10:27:00"}
`
	res, recs := runYAML(t, src)
	a := byMethod(t, recs, "a", sim.MethodCallback)
	checkRecord(t, a, "Initiation=10:30:00", "Enqueue=10:30:00", "Dequeue=10:32:00", "QueueDuration=2m",
		"InQueueDuration=2m", "ScheduledDuration=0s", "BookedDuration=0s", "ConnectedToSystem=10:32:10",
		"ConnectedToAgent=10:32:10", "Disconnect=10:37:10", "Outcome=handled")
	b := byMethod(t, recs, "b", sim.MethodCallback)
	checkRecord(t, b, "Initiation=11:00:00", "Enqueue=11:00:00", "Dequeue=11:00:00", "QueueDuration=0s",
		"ConnectedToSystem=11:00:10", "Outcome=handled")
	for id, cb := range map[string]*sim.Record{"a": a, "b": b} {
		in := byMethod(t, recs, id, sim.MethodInbound)
		if in.NextContactID() != cb.ContactID() || cb.PreviousContactID() != in.ContactID() {
			t.Errorf("%s: inbound next %s, callback %s previous %s: not linked", id, in.NextContactID(), cb.ContactID(), cb.PreviousContactID())
		}
	}
	checkRecord(t, byMethod(t, recs, "a", sim.MethodInbound), "Disconnect=09:00:10", "Outcome=callback_requested")
	if in := res.TotalInbound(); in.SlotPushed != 1 {
		t.Errorf("%d pushed, want 1 (b)", in.SlotPushed)
	}
	q := res.Queues[0]
	// Booked from 09:00:10 to 10:30 and from 09:01:10 to 11:00.
	wantBooked := int64((90*60 - 10 + 119*60 - 10) * 1000)
	if q.BookedTime != wantBooked || q.Callback.Booked != wantBooked {
		t.Errorf("booked time %d (callbacks' %d), want %d", q.BookedTime, q.Callback.Booked, wantBooked)
	}
	if q.ScheduledTime != 0 {
		t.Errorf("scheduled time %d, want 0: a booked slot is not Scheduled", q.ScheduledTime)
	}
	// In the 09:30-10:00 interval both are booked the whole time.
	if got := q.Intervals[1].BookedTime; got != 2*30*60*1000 {
		t.Errorf("09:30 interval booked time %d, want two contacts x 30 min", got)
	}
	// Request to reach counts from the slot time: 130 s for a, 10 s for b.
	if cb := q.Callback; cb.RequestToReach != 140*1000 {
		t.Errorf("request to reach %d ms, want 140 s", cb.RequestToReach)
	}
}

// TestSlots_FailedFirstDialIsRetried: Connect's expiry runs from the
// callback contact's creation, at the slot time, not from the booking. The
// caller books on Monday at 09:00:10 for the next Monday at 08:30; the
// first dial (agent whisper 10 s) is not answered, and the retry comes an
// hour later, at 09:31:10, after the booking's seventh day (09:00:10): the
// callback is retried and answered, not expired.
func TestSlots_FailedFirstDialIsRetried(t *testing.T) {
	src := `
start: 2024-06-03T09:00:00Z
horizon: 7d2h
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: agent, profile: P, shifts: [{start: "6d23h"}]}]
contact_types:
  - name: t
    queue: Q
    talk: 5m
    callback:
      agent_whisper: 10s
      max_retries: 1
      retry_interval: 1h
      slots: {per_hour: 1, days_in_advance: 7, ahead: 1h}
script:
  - {id: a, at: "09:00:00", callback_after: 10s, slot_ask: "6d23h30m", dials: [{outcome: no_answer}, {outcome: answered, ring: 5s}]}
`
	res, recs := runYAML(t, src)
	cb := res.TotalCallback()
	if cb.Expired != 0 || cb.Handled != 1 || cb.DialAttempts != 2 || cb.NoAnswer != 1 {
		t.Errorf("callbacks %+v: want two dials, the second answered, none expired", cb)
	}
	checkRecord(t, byMethod(t, recs, "a", sim.MethodCallback), "Initiation=2024-06-10 08:30:00")
	var handled *sim.Record
	for i := range recs {
		if recs[i].ScriptID == "a" && recs[i].InitiationMethod == sim.MethodCallback && recs[i].Outcome == "handled" {
			handled = &recs[i]
		}
	}
	if handled == nil {
		t.Fatal("no handled callback record")
	}
	// The retry: back in queue at 09:31:10, taken at once, whisper, 5 s ring.
	checkRecord(t, handled, "Dequeue=2024-06-10 09:31:10", "ConnectedToSystem=2024-06-10 09:31:25", "Disconnect=2024-06-10 09:36:25")
}
