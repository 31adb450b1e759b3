package model

import (
	"slices"
	"strings"
	"time"
)

// Every default of a scenario is in this file, and no other code fills one
// (sim.Compile takes a checked scenario as it is). A scenario gets its
// defaults in two steps:
//
//   - The Defaults methods (of [Scenario], [ProfileQueue], [AgentGroup],
//     [Callback], [Slots] and [AgentCallbacks]) set the defaults of the
//     fields a scenario file leaves out. The scenarios package calls them
//     on each struct before decoding into it, so that a value the file
//     gives is kept, even a zero that [Scenario.Validate] then rejects
//     (count: 0 is an error, not one agent). [NewCallback] uses them too.
//   - [Scenario.Normalize] fills, in a built scenario, the fields whose
//     zero value means "the default" and the defaults that come from
//     other fields (a callback's queue from its contact type's, a shift's
//     end from the horizon). It runs in [Scenario.Check].
//
// Both take their values from the constants below. Where a platform
// documents a value its source is named; the others are ccsim's choices,
// which docs/model.md lists with the behaviours they feed.

// DefaultStart is the start of a scenario that gives none: Monday
// 2024-06-03 00:00 UTC. ccsim's choice: a Monday, so that weekly shifts,
// hours and plans read naturally from the first day.
var DefaultStart = time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC)

const (
	// defaultSeed seeds every random stream. ccsim's choice.
	defaultSeed = 1
	// defaultServiceLevel is the threshold X of the service level SL(X):
	// the "80 % in 20 s" target contact centres commonly plan for.
	// ccsim's choice.
	defaultServiceLevel = 20 * Second
	// defaultServiceLevelDefinition counts contacts removed from the
	// queue within X, whether answered, abandoned or turned into a
	// callback, over those that left the queue: Amazon Connect's
	// "Service level X" metric (docs/model.md).
	defaultServiceLevelDefinition = SLConnect
	// defaultShortAbandon is where a "short abandon" ends. ccsim's choice.
	defaultShortAbandon = 5 * Second
	// defaultInterval is the reporting interval and the row length of
	// forecasts and staffing plans. ccsim's choice among the 15m, 30m and
	// 1h that Validate allows.
	defaultInterval = 30 * Minute
	// defaultReplications is one run. ccsim's choice.
	defaultReplications = 1

	// defaultPriority is a routing profile's priority for a queue: 1, the
	// first served (Amazon Connect routing profiles).
	defaultPriority = 1
	// defaultAgents is the size of an agent group. ccsim's choice.
	defaultAgents = 1
	// defaultMissedLockout is how long an agent who missed or rejected a
	// contact stays unavailable: Amazon Connect puts the agent in
	// "Missed" until they set themselves Available again; how long that
	// takes is ccsim's choice.
	defaultMissedLockout = 30 * Second

	// defaultCallbackMode: agent-first is Amazon Connect's default
	// callback mode (Administrator Guide, "Use customer first callback
	// mode").
	defaultCallbackMode = AgentFirst
	// defaultInitialDelay is the smallest "Initial delay" Amazon Connect
	// accepts (CreateCallbackContact InitialCallDelaySeconds, larger than
	// 0, whole seconds).
	defaultInitialDelay = MinInitialDelay
	// defaultRetryInterval is the "Minimum time between attempts". ccsim's
	// choice, within Amazon Connect's 1s to 3d (RetryDelaySeconds).
	defaultRetryInterval = 10 * Minute
	// defaultExpiry: Amazon Connect removes a callback still waiting 7
	// days after its creation.
	defaultExpiry = 7 * Day
	// defaultRingTimeout: Amazon Connect ends an unanswered callback dial
	// after 60 s.
	defaultRingTimeout = 60 * Second
	// defaultBusyAfter is how long a dial to a busy line takes to fail.
	// ccsim's choice.
	defaultBusyAfter = 5 * Second
	// defaultCustomerFirstVoicemail: a customer-first dial that reaches
	// voicemail is not put through to an agent. Genesys Cloud ("Customer
	// first callbacks overview"): "Voicemail and customer first callbacks
	// are unsupported"; Amazon Connect's customer-first callbacks offer
	// the call to an agent only "if the customer answers". Counting it as
	// a no-answer for retries is ccsim's choice (docs/model.md).
	defaultCustomerFirstVoicemail = VoicemailFail
	// defaultVoicemailTime is the agent time spent leaving a message.
	// ccsim's choice.
	defaultVoicemailTime = 30 * Second
	// defaultPacing is the middle of Genesys Cloud's 1 to 10 pacing
	// modifier for customer-first callbacks; Genesys publishes no formula
	// for it, so its effect is ccsim's model.
	defaultPacing = 5
	// defaultPacingBasis: the pacing modifier scales the queue's idle
	// agents not yet claimed by an answered customer, so that no more
	// customers are dialled than agents free to take them. ccsim's
	// choice: Genesys Cloud says only that the modifier "controls the
	// rate at which Customer First callbacks are dialed based on online
	// agent count" (its Callbacks page, seeds/003); the literal reading,
	// every logged-in agent, is pacing_basis: logged_in (docs/model.md).
	defaultPacingBasis = PacingIdle
	// defaultConnectedPatienceMean is the mean (exponential) of how long a
	// customer who answered a customer-first callback waits for an agent.
	// ccsim's choice.
	defaultConnectedPatienceMean = 20 * Second
	// A caller takes every callback offer, every dial is answered at
	// once, and every slot is confirmed, unless the scenario says
	// otherwise: ccsim's choices, the neutral ones without data.
	defaultAcceptProbability = 1.0
	// defaultRedialMean is the mean (exponential) time before a caller who
	// gave up calls again. ccsim's choice: minutes, as studies of redials
	// report most within a quarter of an hour.
	defaultRedialMean         = 10 * Minute
	defaultConfirmProbability = 1.0

	// defaultSlotsPerHour is a caller-scheduled hourly slot's capacity.
	// ccsim's choice.
	defaultSlotsPerHour = 10
	// defaultDaysInAdvance is how far ahead a slot may be booked. ccsim's
	// choice.
	defaultDaysInAdvance = 7
	// defaultHoldRelease: the AWS caller-scheduled callback design
	// releases a slot held for a caller who does not confirm after 60 s.
	defaultHoldRelease = 60 * Second

	// defaultOnExpiry sends an agent-owned callback whose owner did not
	// take it in time to the queue: Genesys Cloud's "assign to queue on
	// expiry", its default.
	defaultOnExpiry = "queue"
)

// defaultDial is how dials end by default: always answered.
func defaultDial() *DialOutcomes { return &DialOutcomes{Answer: 1} }

// defaultRetryOn lists the failed dial outcomes that are redialled: a
// ring with no answer only. Amazon Connect, "Set up queued callback": "A
// retry only happens if it rings but there's no answer."
func defaultRetryOn() []DialOutcome { return []DialOutcome{NoAnswer} }

// defaultConnectedPatience is the patience of a customer who answered a
// customer-first callback.
func defaultConnectedPatience() Dist {
	return Dist{Kind: Exponential, Mean: defaultConnectedPatienceMean}
}

func ptr(v float64) *float64 { return &v }

// Defaults sets the scenario-level defaults of the fields a file leaves
// out.
func (s *Scenario) Defaults() {
	s.Seed = defaultSeed
	s.ServiceLevel = defaultServiceLevel
	s.ServiceLevelDefinition = defaultServiceLevelDefinition
	s.ShortAbandon = defaultShortAbandon
	s.Interval = defaultInterval
	s.Replications = defaultReplications
	s.Start = DefaultStart
}

// Defaults sets the profile queue defaults.
func (p *ProfileQueue) Defaults() { p.Priority = defaultPriority }

// Defaults sets the agent group defaults.
func (g *AgentGroup) Defaults() {
	g.Count = defaultAgents
	g.MissedLockout = defaultMissedLockout
}

// Defaults sets the callback defaults documented on [Callback].
func (c *Callback) Defaults() {
	c.Mode = defaultCallbackMode
	c.InitialDelay = defaultInitialDelay
	c.RetryInterval = defaultRetryInterval
	c.RetryOn = defaultRetryOn()
	c.CustomerFirstVoicemail = defaultCustomerFirstVoicemail
	c.Expiry = defaultExpiry
	c.RingTimeout = defaultRingTimeout
	c.BusyAfter = defaultBusyAfter
	c.VoicemailTime = Fixed(defaultVoicemailTime)
	c.Pacing = defaultPacing
	c.PacingBasis = defaultPacingBasis
	c.ConnectedPatience = defaultConnectedPatience()
}

// Defaults sets the slot defaults.
func (s *Slots) Defaults() {
	s.PerHour = defaultSlotsPerHour
	s.DaysInAdvance = defaultDaysInAdvance
	s.HoldRelease = defaultHoldRelease
}

// Defaults sets the agent-booked callback defaults.
func (a *AgentCallbacks) Defaults() { a.OnExpiry = defaultOnExpiry }

// NewCallback returns a Callback with its defaults set.
func NewCallback() *Callback {
	c := new(Callback)
	c.Defaults()
	return c
}

// Normalize fills the defaults that depend on other fields: a callback's
// working queue, talk and ACW inherit from its contact type, shifts default
// to the whole horizon, ACW to zero; and the fields whose zero value means
// the default (start, interval, a callback's mode and pacing...). It is
// idempotent. [Scenario.Check] runs it before validating.
func (s *Scenario) Normalize() {
	if s.Start.IsZero() {
		s.Start = DefaultStart
	}
	// A start at offset zero is UTC, however it was written; another
	// fixed offset (without time_zone) is kept: its zone is the scenario's.
	if _, off := s.Start.Zone(); off == 0 && s.TimeZone == "" {
		s.Start = s.Start.UTC()
	}
	// A scenario built in code with its start in a named zone
	// (time.LoadLocation) is in that zone: named, so that results read
	// back from JSON, which keeps only offsets, find it again.
	if name := s.Start.Location().String(); s.TimeZone == "" && strings.Contains(name, "/") {
		s.TimeZone = name
	}
	if s.Interval == 0 {
		s.Interval = defaultInterval
	}
	if s.ServiceLevelDefinition == "" {
		s.ServiceLevelDefinition = defaultServiceLevelDefinition
	}
	if s.Replications == 0 {
		s.Replications = defaultReplications
	}
	for i := range s.Agents {
		if p := s.Agents[i].StaffingPlan; p != nil {
			// A staffing plan given after the scenario was read (ccsim
			// run --staffing, the staffing search) replaces a roster.
			s.Agents[i].Roster, s.Agents[i].RosterShifts, s.Agents[i].RosterAgents = "", nil, nil
			// The group is as large as the plan's busiest interval.
			n := 0
			for _, r := range p.Rows {
				n = max(n, r.Agents)
			}
			s.Agents[i].Count = max(n, 1)
			continue
		}
		if rs := s.Agents[i].RosterShifts; len(rs) > 0 {
			// One agent per roster row, or per agent the roster names.
			s.Agents[i].Count = len(rs)
			if ra := s.Agents[i].RosterAgents; len(ra) > 0 {
				s.Agents[i].Count = slices.Max(ra) + 1
			}
			s.Agents[i].Shifts = nil
			continue
		}
		if len(s.Agents[i].Shifts) == 0 {
			s.Agents[i].Shifts = []Shift{{Start: At{Set: true}}}
		}
		for j := range s.Agents[i].Shifts {
			sh := &s.Agents[i].Shifts[j]
			if !sh.End.Set {
				sh.End = At{Set: true, Value: s.Horizon}
			}
		}
	}
	for i := range s.ContactTypes {
		ct := &s.ContactTypes[i]
		if !ct.ACW.IsSet() {
			ct.ACW = Fixed(0)
		}
		if cb := ct.Callback; cb != nil {
			cb.normalize(ct)
		}
	}
	for i := range s.ContactTypes {
		if ac := s.ContactTypes[i].AgentCallbacks; ac != nil {
			if ac.Queue == "" {
				ac.Queue = s.ContactTypes[i].Queue
			}
			if ac.OnExpiry == "" {
				ac.OnExpiry = defaultOnExpiry
			}
		}
	}
	for i := range s.Script {
		if s.Script[i].Type == "" && len(s.ContactTypes) > 0 {
			s.Script[i].Type = s.ContactTypes[0].Name
		}
	}
}

// normalize fills the callback's unset fields, some from its contact type.
func (cb *Callback) normalize(ct *ContactType) {
	if cb.Queue == "" {
		cb.Queue = ct.Queue
	}
	if cb.AcceptProbability == nil && cb.Accept == nil {
		cb.AcceptProbability = ptr(defaultAcceptProbability)
	}
	if cb.Dial == nil {
		cb.Dial = defaultDial()
	}
	if !cb.RingTime.IsSet() {
		cb.RingTime = Fixed(0)
	}
	if !cb.VoicemailTime.IsSet() {
		cb.VoicemailTime = Fixed(defaultVoicemailTime)
	}
	if !cb.Talk.IsSet() {
		cb.Talk = ct.Talk
	}
	if cb.Mode == "" {
		cb.Mode = defaultCallbackMode
	}
	if cb.RetryOn == nil {
		cb.RetryOn = defaultRetryOn()
	}
	if cb.CustomerFirstVoicemail == "" {
		cb.CustomerFirstVoicemail = defaultCustomerFirstVoicemail
	}
	if cb.Pacing == 0 {
		cb.Pacing = defaultPacing
	}
	if cb.PacingBasis == "" {
		cb.PacingBasis = defaultPacingBasis
	}
	if !cb.ConnectedPatience.IsSet() {
		cb.ConnectedPatience = defaultConnectedPatience()
	}
	if sl := cb.Slots; sl != nil && sl.ConfirmProbability == nil {
		sl.ConfirmProbability = ptr(defaultConfirmProbability)
	}
	if !cb.ACW.IsSet() {
		cb.ACW = ct.ACW
	}
}

// BookedCallback returns how the callbacks agents book for contact type
// ct (its AgentCallbacks) are dialled: agent-first, with the contact
// type's callback settings when it offers an agent-first callback, and
// otherwise with a callback's defaults, working the agent_callbacks queue
// with the contact type's talk and ACW. ct must be normalized and have
// AgentCallbacks. The result may be ct's own callback: do not change it.
func (ct *ContactType) BookedCallback() *Callback {
	if cb := ct.Callback; cb != nil && cb.Mode != CustomerFirst {
		return cb
	}
	cb := NewCallback()
	cb.Queue = ct.AgentCallbacks.Queue
	cb.normalize(ct)
	return cb
}

// defaultRedialDelay is a redial's delay unless the scenario gives one.
func defaultRedialDelay() Dist { return Dist{Kind: Exponential, Mean: defaultRedialMean} }
