package sim_test

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// mixedScenario exercises every mechanism at once: two inbound queues and a
// callback queue, routing priorities and a routing delay, shifts with gaps,
// agents who decline, impatient callers, a capped queue, callback offers on
// an expected-wait threshold, every dial outcome, retries and a short
// expiry. It is overloaded at times on purpose.
const mixedScenario = `
name: mixed
horizon: 10h
seed: 42
queues:
  - {name: Sales, max_size: 6}
  - {name: Support}
  - {name: Callbacks}
  - {name: Retention}
routing_profiles:
  - name: generalist
    queues:
      - {queue: Sales, priority: 1}
      - {queue: Support, priority: 1}
      - {queue: Callbacks, priority: 2}
  - name: overflow
    queues:
      - {queue: Support, priority: 1, delay: 45s}
      - {queue: Callbacks, priority: 1}
      - {queue: Retention, priority: 2}
agents:
  - name: gen
    count: 12
    profile: generalist
    decline_probability: 0.03
    missed_lockout: 20s
    shifts: [{start: 0s, end: 4h}, {start: 5h30m, end: 10h}]
  - name: ovf
    count: 4
    profile: overflow
    shifts: [{start: 1h, end: 9h}]
contact_types:
  - name: sales
    queue: Sales
    per_hour: 90
    talk: {dist: lognormal, mean: 5m, sd: 3m}
    acw: {dist: gamma, mean: 40s, sd: 20s}
    patience: {dist: exponential, mean: 4m}
    agent_callbacks: {share: 0.08, delay: {dist: uniform, min: 30m, max: 3h}, ownership: 1h, on_expiry: disconnect}
  - name: support
    queue: Support
    per_hour: 60
    talk: {dist: weibull, mean: 7m, shape: 1.5}
    acw: {dist: uniform, min: 10s, max: 50s}
    patience: {dist: lognormal, mean: 6m, sd: 4m}
    agent_callbacks: {share: 0.05, delay: 20m, route_to_me: true}
    callback:
      queue: Callbacks
      offer_after: 60s
      offer_min_expected_wait: 90s
      accept_probability: 0.5
      initial_delay: 30s
      max_retries: 2
      retry_interval: 5m
      expiry: 45m
      keep_position: true
      agent_whisper: 5s
      outbound_whisper: 8s
      ring_timeout: 30s
      dial: {answer: 0.6, no_answer: 0.2, busy: 0.1, voicemail: 0.07, invalid: 0.03}
      ring_time: {dist: uniform, min: 2s, max: 40s}
      voicemail_time: {dist: empirical, samples: [20s, 30s, 45s]}
  - name: billing
    queue: Support
    per_hour: 20
    talk: {dist: exponential, mean: 4m}
    patience: {dist: exponential, mean: 5m}
    callback:
      queue: Callbacks
      offer_after: 45s
      accept_probability: 0.7
      slots: {per_hour: 2, days_in_advance: 1, ahead: {dist: uniform, min: 10m, max: 4h}, decline_probability: 0.3, confirm_probability: 0.9}
  - name: retention
    queue: Retention
    per_hour: 25
    talk: {dist: exponential, mean: 6m}
    patience: {dist: exponential, mean: 3m}
    callback:
      mode: customer_first
      pacing: 8
      offer_after: 30s
      accept_probability: 0.6
      initial_delay: 20s
      max_retries: 3
      retry_interval: 2m
      expiry: 1h
      keep_position: true
      connected_patience: {dist: exponential, mean: 40s}
      dial: {answer: 0.7, no_answer: 0.2, busy: 0.05, voicemail: 0.05}
      ring_time: {dist: uniform, min: 2s, max: 30s}
`

func runMixed(t *testing.T, src string, records bool) (*sim.Result, []sim.Record) {
	t.Helper()
	s, err := scenarios.Parse("mixed.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var recs []sim.Record
	opt := sim.Options{}
	if records {
		opt.Records = func(r *sim.Record) { recs = append(recs, *r) }
	}
	res, err := sim.Run(context.Background(), s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res, recs
}

// TestEngine_Conservation: every inbound contact and every callback ends in
// exactly one outcome or is still in the system at the horizon, and every
// finished contact has exactly one record whose timestamps are in order.
func TestEngine_Conservation(t *testing.T) {
	res, recs := runMixed(t, mixedScenario, true)
	in, cb := res.TotalInbound(), res.TotalCallback()
	t.Logf("inbound %+v", in)
	t.Logf("callback %+v", cb)
	for _, q := range res.Queues {
		if !q.Inbound.Conserved() {
			t.Errorf("%s inbound not conserved: %+v", q.Name, q.Inbound)
		}
		if !q.Callback.Conserved() {
			t.Errorf("%s callbacks not conserved: %+v", q.Name, q.Callback)
		}
	}
	// The scenario must reach every branch, or the test proves little.
	for name, n := range map[string]int64{
		"handled": in.Handled, "abandoned": in.Abandoned, "blocked": in.Blocked,
		"callback requested": in.CallbackTransferred, "callback declined by caller": in.CallbackDeclined,
		"callback handled": cb.Handled, "voicemail": cb.Voicemail, "expired": cb.Expired,
		"unreached": cb.Unreached, "no answer": cb.NoAnswer, "busy": cb.Busy, "invalid": cb.Invalid,
		"customer-first voicemail not put through": cb.VoicemailFailed,
		"declined by agent":                        in.AgentAttempts - in.Handled,
		"abandoned after connect":                  cb.AbandonedAfterConnect,
		"agent scheduled":                          cb.AgentScheduled, "agent owned": cb.AgentOwned,
		"owned disconnected": cb.OwnedDisconnected,
		"slot pushed":        in.SlotPushed, "slot declined": in.SlotDeclined, "slot unconfirmed": in.SlotUnconfirmed,
	} {
		if n == 0 {
			t.Errorf("no %s in the mixed scenario: it no longer exercises that branch", name)
		}
	}
	if in.CallbackTransferred != cb.Requested-cb.AgentScheduled-cb.AgentOwned {
		t.Errorf("callback transfers %d != callbacks requested %d less those agents booked", in.CallbackTransferred, cb.Requested)
	}
	if cb.FailedAttempts != cb.NoAnswer+cb.Busy+cb.Invalid+cb.VoicemailFailed {
		t.Errorf("failed attempts %d != no answer + busy + invalid + voicemail not put through", cb.FailedAttempts)
	}
	if cb.DialAttempts-cb.FailedAttempts-cb.Reached > int64(len(res.Agents)*16) || cb.DialAttempts < cb.FailedAttempts+cb.Reached {
		t.Errorf("dial attempts %d != reached %d + failed %d (dials under way at the horizon excepted)",
			cb.DialAttempts, cb.Reached, cb.FailedAttempts)
	}

	// Records: one per finished contact, and for a callback one per leg.
	// Handled contacts still in service at the horizon have no record yet.
	finishedIn := in.Arrived - in.InSystem
	finishedCb := cb.Requested - cb.InSystem
	var nIn, nCb, nLegs int64
	for i := range recs {
		r := &recs[i]
		switch r.InitiationMethod {
		case sim.MethodInbound:
			nIn++
		case sim.MethodCallback:
			// One per attempt; the last leg ends the callback.
			nLegs++
			if r.NextContactID() == "" {
				nCb++
			}
		case sim.MethodCFQueued:
			// The queued leg ends a customer-first callback, which
			// also has a dialled leg per dial.
			nLegs++
			nCb++
		case sim.MethodCFDialed:
			nLegs++
		}
		if err := recordInOrder(r); err != nil {
			t.Errorf("record %d (%s %s): %v", i, r.InitiationMethod, r.Outcome, err)
		}
	}
	if nLegs > cb.Legs || cb.Legs-nLegs > cb.InSystem+int64(len(res.Agents)*16) {
		t.Errorf("%d callback leg records for %d legs (%d callbacks in system)", nLegs, cb.Legs, cb.InSystem)
	}
	checkChains(t, recs, cb.InSystem+int64(len(res.Agents)*16))
	if nIn > finishedIn || finishedIn-nIn > int64(len(res.Agents)*16) {
		t.Errorf("%d inbound records for %d finished inbound contacts", nIn, finishedIn)
	}
	if nCb > finishedCb || finishedCb-nCb > int64(len(res.Agents)*16) {
		t.Errorf("%d callback records for %d finished callbacks", nCb, finishedCb)
	}
	for _, a := range res.Agents {
		if occ := a.Occupancy(); occ <= 0 || occ > 1 {
			t.Errorf("agent group %s occupancy %v out of (0, 1]", a.Name, occ)
		}
	}
}

// checkChains follows every callback's records from its inbound contact:
// each callback record's PreviousContactId is a record (written before it,
// except that a customer-first dial points to its queued leg, which ends
// later and may still be open at the horizon), every leg names the inbound
// contact as InitialContactId, and each chain ends in a record with no
// NextContactId, except for at most open chains whose next leg was still
// in the system (or in service) at the horizon.
func checkChains(t *testing.T, recs []sim.Record, open int64) {
	t.Helper()
	byID := map[string]int{}
	for i := range recs {
		byID[recs[i].ContactID()] = i
	}
	var openQueued int64
	for i := range recs {
		r := &recs[i]
		if r.InitiationMethod == sim.MethodInbound {
			continue
		}
		j, ok := byID[r.PreviousContactID()]
		switch {
		case r.InitiationMethod == sim.MethodCFDialed:
			if !ok {
				openQueued++
			}
		case !ok || j >= i:
			t.Errorf("record %d (%s %s): previous contact %q not written before it", i, r.InitiationMethod, r.Outcome, r.PreviousContactID())
		}
	}
	if openQueued > 4*open {
		t.Errorf("%d customer-first dials point to a queued leg with no record", openQueued)
	}
	var openChains, chains, legs int64
	for i := range recs {
		in := &recs[i]
		if in.InitiationMethod != sim.MethodInbound || in.NextContactID() == "" {
			continue
		}
		chains++
		r := in
		for r.NextContactID() != "" {
			j, ok := byID[r.NextContactID()]
			if !ok {
				openChains++
				break
			}
			next := &recs[j]
			if next.PreviousContactID() != r.ContactID() || next.InitialContactID() != in.ContactID() {
				t.Errorf("record %s after %s: previous %q, initial %q; want %s, %s", next.ContactID(), r.ContactID(),
					next.PreviousContactID(), next.InitialContactID(), r.ContactID(), in.ContactID())
			}
			if next.InitiationMethod == sim.MethodCallback {
				legs++
			}
			r = next
		}
	}
	if openChains > open {
		t.Errorf("%d of %d callback chains end in a contact without a record; at most %d may be open at the horizon", openChains, chains, open)
	}
	if chains == 0 || legs <= chains/2 {
		t.Errorf("%d chains with %d agent-first legs: the scenario no longer exercises retried legs", chains, legs)
	}
}

// recordInOrder checks that a record's timestamps follow the contact's
// lifecycle.
func recordInOrder(r *sim.Record) error {
	type stamp struct {
		name string
		ok   bool
		ns   int64
	}
	var stamps []stamp
	add := func(name string, ts interface {
		IsZero() bool
		UnixNano() int64
	}) {
		stamps = append(stamps, stamp{name, !ts.IsZero(), ts.UnixNano()})
	}
	add("Initiation", r.Initiation)
	add("Enqueue", r.Enqueue)
	add("Dequeue", r.Dequeue)
	add("ConnectedToSystem", r.ConnectedToSystem)
	add("ConnectedToAgent", r.ConnectedToAgent)
	add("Disconnect", r.Disconnect)
	if r.InitiationMethod == sim.MethodInbound || r.InitiationMethod == sim.MethodCFDialed {
		// Inbound, and a customer-first dial: connected to the system
		// (the call answered) before queuing.
		stamps[1], stamps[2], stamps[3] = stamps[3], stamps[1], stamps[2]
	}
	last := stamps[0]
	for _, s := range stamps[1:] {
		if !s.ok {
			continue
		}
		if s.ns < last.ns {
			return fmt.Errorf("%s before %s", s.name, last.name)
		}
		last = s
	}
	if !stamps[len(stamps)-1].ok {
		return fmt.Errorf("no disconnect time")
	}
	if r.QueueDuration < 0 || r.InQueueDuration < 0 || r.ScheduledDuration < 0 || r.InQueueDuration > r.QueueDuration && r.InitiationMethod == sim.MethodCallback && !r.Dequeue.IsZero() {
		return fmt.Errorf("durations out of order: queue %s, in queue %s, scheduled %s", r.QueueDuration, r.InQueueDuration, r.ScheduledDuration)
	}
	return nil
}

// TestEngine_Deterministic: the same scenario and seed give the same result
// and records, bit for bit; another seed gives another run; turning records
// on does not change the result.
func TestEngine_Deterministic(t *testing.T) {
	r1, rec1 := runMixed(t, mixedScenario, true)
	r2, rec2 := runMixed(t, mixedScenario, true)
	r3, _ := runMixed(t, mixedScenario, false)
	if !reflect.DeepEqual(r1, r2) || !reflect.DeepEqual(rec1, rec2) {
		t.Fatal("same seed, different output")
	}
	if !reflect.DeepEqual(r1, r3) {
		t.Fatal("result depends on whether records are written")
	}
	r4, _ := runMixed(t, strings.Replace(mixedScenario, "seed: 42", "seed: 43", 1), false)
	if reflect.DeepEqual(r1.Queues, r4.Queues) {
		t.Fatal("seeds 42 and 43 gave identical results")
	}
}

// TestEngine_CommonRandomNumbers: variants that differ only in callback
// settings see the same arrivals, so the callers' arrival times, in order,
// are identical, even though who waits and who calls back differs.
func TestEngine_CommonRandomNumbers(t *testing.T) {
	arrivals := func(src string) []int64 {
		_, recs := runMixed(t, src, true)
		var out []int64
		for _, r := range recs {
			if r.InitiationMethod == sim.MethodInbound {
				out = append(out, r.Initiation.UnixMilli())
			}
		}
		return out
	}
	base := arrivals(mixedScenario)
	variant := strings.Replace(strings.Replace(mixedScenario, "max_retries: 2", "max_retries: 0", 1),
		"accept_probability: 0.5", "accept_probability: 0.9", 1)
	other := arrivals(variant)
	if len(base) == 0 {
		t.Fatal("no inbound records")
	}
	slices.Sort(base)
	slices.Sort(other)
	n := min(len(base), len(other))
	// Records are emitted when contacts finish, so compare the sorted
	// arrival instants of the contacts that finished in both runs.
	same := 0
	j := 0
	for _, v := range base[:n] {
		for j < len(other) && other[j] < v {
			j++
		}
		if j < len(other) && other[j] == v {
			same++
		}
	}
	if float64(same) < 0.99*float64(n) {
		t.Errorf("only %d of %d arrival instants shared between variants", same, n)
	}
}

// TestEngine_MemoryFlat: without records, the engine's memory depends on
// how many contacts are in the system at once, not on the horizon: a year
// of the planning scenario needs no more contact slots or event capacity
// than four weeks of it (within the slack of slice growth).
func TestEngine_MemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("a simulated year runs without -short")
	}
	month, err := planningWeeks(t, 4).Run(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	year, err := planningWeeks(t, 52).Run(context.Background(), sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("4 weeks: %d contacts, %d slots, event capacity %d; 52 weeks: %d contacts, %d slots, event capacity %d",
		month.Contacts(), month.ContactSlots, month.EventCapacity, year.Contacts(), year.ContactSlots, year.EventCapacity)
	if year.Contacts() < 12*month.Contacts() {
		t.Fatalf("the year has %d contacts, four weeks %d: the horizon was not stretched", year.Contacts(), month.Contacts())
	}
	if year.ContactSlots > 2*month.ContactSlots || year.EventCapacity > 2*month.EventCapacity {
		t.Errorf("memory grows with the horizon: slots %d -> %d, event capacity %d -> %d",
			month.ContactSlots, year.ContactSlots, month.EventCapacity, year.EventCapacity)
	}
	if len(year.Queues[0].Intervals) != len(month.Queues[0].Intervals) {
		t.Errorf("per-interval statistics grow with the horizon: %d -> %d intervals",
			len(month.Queues[0].Intervals), len(year.Queues[0].Intervals))
	}
}

func TestWaitHistogram_Quantile(t *testing.T) {
	var h sim.WaitHistogram
	if q := h.Quantile(0.5); !math.IsNaN(q) {
		t.Errorf("empty histogram median = %v, want NaN", q)
	}
	for range 6 {
		h.Add(0) // answered at once
	}
	for _, ms := range []int64{1500, 2500, 3500, 4500} { // one in each of bins 1 s..4 s
		h.Add(ms)
	}
	h.Add(700_000) // 11m40s: a 10 s bin
	for _, tc := range []struct{ p, want float64 }{
		{0.5, 0},   // 6 of 11 waited zero
		{0.6, 1.6}, // target 6.6: 0.6 of the way through the [1 s, 2 s) bin
		{0.9, 4.9}, // target 9.9: 0.9 through [4 s, 5 s)
		{1.0, 710}, // the top of the [700 s, 710 s) bin
	} {
		if got := h.Quantile(tc.p); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Quantile(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
}

// TestEngine_DeadTimersCompacted: under heavy load (120 % offered, callers
// abandoning and taking callbacks whose 7-day expiry timers die when they
// are handled), the kernel drops dead timers and compacts the heap when
// they pile up: its capacity stays near the live timers (852 entries for
// a week with 335 contact slots), where before it grew to 8192.
func TestEngine_DeadTimersCompacted(t *testing.T) {
	s, err := scenarios.Parse("heavy.yaml", []byte(`
name: heavy
horizon: 7d
warmup: 1h
queues: [{name: Q}, {name: CB}]
routing_profiles: [{name: P, queues: [{queue: Q, priority: 1}, {queue: CB, priority: 2}]}]
agents: [{name: a, count: 50, profile: P}]
contact_types:
  - name: c
    queue: Q
    per_hour: 720
    talk: {dist: exponential, mean: 5m}
    patience: {dist: exponential, mean: 3m}
    callback: {queue: CB, offer_after: 60s, accept_probability: 0.5, max_retries: 2, dial: {answer: 0.8, no_answer: 0.2}}
`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(context.Background(), s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.EventCapacity > 4*res.ContactSlots {
		t.Errorf("event heap capacity %d for %d contact slots: dead timers are piling up", res.EventCapacity, res.ContactSlots)
	}
}
