package sim

import (
	"time"

	"github.com/ccsim/ccsim/model"
)

// Result is what one replication of a scenario produced: counts and time
// totals per queue and per agent group. It is plain data; rates and
// averages are derived by its methods so that totals stay additive across
// queues and replications.
type Result struct {
	Scenario string
	Seed     uint64
	Rep      int
	// Start is in the scenario's zone; TimeZone names it when the
	// scenario gives time_zone (a result read back from JSON has only
	// the offset, and is put back in the zone by name).
	Start    time.Time
	TimeZone string `json:",omitempty"`
	Horizon  model.Duration
	// ServiceLevel is the threshold X of SL(X); ShortAbandon the
	// short-abandon threshold; SLDefinition the definition reported first.
	ServiceLevel model.Duration
	ShortAbandon model.Duration
	SLDefinition model.SLDefinition
	// Interval is the reporting interval; Cycle the period the intervals
	// are folded onto (Cycle / Interval intervals); Warmup the discarded
	// start of the run.
	Interval model.Duration
	Cycle    model.Duration
	Warmup   model.Duration
	// Targets are the scenario's service goals, if any.
	Targets *model.Targets
	// Events is how many events the engine handled. Cancelled timers,
	// which the kernel drops unseen (or compacts away), are not counted.
	Events uint64
	// ContactSlots and EventCapacity are the engine's high-water marks:
	// contact pool slots allocated and event heap capacity. They depend
	// on how many contacts are in the system at once, not on the horizon.
	ContactSlots  int
	EventCapacity int
	Queues        []QueueResult
	Agents        []AgentResult
}

// QueueResult holds the counts for one queue: inbound contacts that queued
// there, and callbacks whose working queue it is.
type QueueResult struct {
	Name     string
	Inbound  InboundStats
	Callback CallbackStats
	// InQueueTime and ScheduledTime integrate the number of contacts In
	// queue and Scheduled over time (contact-ms); divided by a duration
	// they give the average count. BookedTime integrates the callbacks
	// booked for a time and waiting for it (caller-scheduled slots before
	// the slot time, agent-booked callbacks before theirs), which are
	// neither: no Connect contact exists for them yet.
	InQueueTime   int64
	ScheduledTime int64
	BookedTime    int64
	// RedialTime integrates the callers of this queue who gave up and
	// will call again, before they do (the retrial queue's orbit).
	RedialTime int64
	// StaffedTime integrates the agents on shift (scheduled by their
	// shifts or the staffing plan) whose routing profile serves this
	// queue (agent-ms): an agent finishing a contact after its shift has
	// ended is logged in, but no longer scheduled. An interval with none
	// and no contact offered while the queue was open is closed.
	StaffedTime int64
	// Waits is the distribution of answered inbound contacts' waits.
	Waits WaitHistogram
	// CallbackScheduled and CallbackInQueue are the distributions of the
	// total time each finished callback of this working queue spent
	// Scheduled and In queue (over all its attempts).
	CallbackScheduled WaitHistogram
	CallbackInQueue   WaitHistogram
	// Queued counts the contacts that entered this queue's agent line,
	// inbound contacts and callback legs alike (Amazon Connect's "contacts
	// queued"), and what became of them.
	Queued QueuedStats
	// Slots is, for a working queue of caller-scheduled callbacks, the
	// slots offered and booked per hour of the week from the start (168
	// entries); nil otherwise.
	Slots []SlotHour
	// Intervals holds the same counts per reporting interval.
	Intervals []QueueInterval
}

// QueueInterval is one reporting interval of a queue.
type QueueInterval struct {
	Inbound       InboundStats
	Callback      CallbackStats
	Queued        QueuedStats
	InQueueTime   int64
	ScheduledTime int64
	BookedTime    int64
	RedialTime    int64
	StaffedTime   int64
	// OldestAge is the highest age (ms) the oldest contact in queue
	// reached during the interval: Amazon Connect's real-time "Oldest",
	// watched throughout the interval and its peak kept.
	OldestAge int64
}

// QueuedStats counts contacts placed in a queue's agent line: All covers
// inbound contacts and callback legs, Callback the callback legs alone
// (one each time a callback is put in the line: its first attempt, each
// retry, a customer-first customer who answered). Counts are filed under
// the interval in which the contact entered the line; handle times under
// that interval too, when the agent finishes.
type QueuedStats struct {
	All, Callback LegStats
}

// Add adds the counts of s to t.
func (t *QueuedStats) Add(s QueuedStats) {
	t.All.Add(s.All)
	t.Callback.Add(s.Callback)
}

// LegStats counts contacts placed in a queue's agent line. Every one
// that entered either left it (Left: answered by an agent, abandoned, or
// removed otherwise: callback requested, expired, slot unconfirmed) or is
// InSystem at the horizon.
type LegStats struct {
	Queued   int64
	Left     int64
	InSystem int64
	// Answered contacts were taken from the line by an agent; Abandoned
	// customers hung up in it (inbound callers; customer-first customers
	// who answered).
	Answered  int64
	Abandoned int64
	// Connected contacts were connected to an agent (Connect's "contacts
	// handled"): an inbound contact when answered, a callback leg when
	// the customer joined the agent (a failed attempt is answered, not
	// connected).
	Connected int64
	// AnsweredWithin and RemovedWithin count contacts answered, and
	// answered, abandoned or removed for a callback request, within the
	// service-level threshold of entering the line.
	AnsweredWithin int64
	RemovedWithin  int64
	// WaitAnswered and WaitAbandoned are total times in the line (ms) of
	// answered and abandoned contacts; MaxWait the longest time any of
	// them spent in it, those still waiting at the horizon included.
	WaitAnswered  int64
	WaitAbandoned int64
	MaxWait       int64
	// Finished contacts were connected and their agent finished after
	// contact work: HandleTime totals connection to the end of ACW, ACW
	// the after-contact work (ms).
	Finished   int64
	HandleTime int64
	ACW        int64
}

// Conserved reports whether every contact that entered the line is
// accounted for.
func (s LegStats) Conserved() bool { return s.Queued == s.Left+s.InSystem }

// Add adds the counts of s to t; MaxWait is the larger of the two.
func (t *LegStats) Add(s LegStats) {
	t.Queued += s.Queued
	t.Left += s.Left
	t.InSystem += s.InSystem
	t.Answered += s.Answered
	t.Abandoned += s.Abandoned
	t.Connected += s.Connected
	t.AnsweredWithin += s.AnsweredWithin
	t.RemovedWithin += s.RemovedWithin
	t.WaitAnswered += s.WaitAnswered
	t.WaitAbandoned += s.WaitAbandoned
	t.MaxWait = max(t.MaxWait, s.MaxWait)
	t.Finished += s.Finished
	t.HandleTime += s.HandleTime
	t.ACW += s.ACW
}

// ServiceLevel is Amazon Connect's service level over these contacts:
// removed within the threshold over those that left the line.
func (s LegStats) ServiceLevel() float64 { return ratio(float64(s.RemovedWithin), s.Left) }

// ASA is the average queue answer time in seconds.
func (s LegStats) ASA() float64 { return ratio(float64(s.WaitAnswered)/1000, s.Answered) }

// InboundStats counts inbound contacts of one queue. Every arrival ends in
// exactly one of Handled, Abandoned, Blocked, CallbackTransferred or
// InSystem (see [InboundStats.Conserved]).
type InboundStats struct {
	Arrived int64
	// Handled contacts were connected to an agent.
	Handled int64
	// Abandoned callers hung up while in queue; AbandonedShort is the part
	// that hung up within the short-abandon threshold.
	Abandoned      int64
	AbandonedShort int64
	// Blocked callers found the queue full; Closed ones called while the
	// queue was closed (the flow's closed branch).
	Blocked int64
	Closed  int64
	// CallbackTransferred callers accepted a callback and were
	// disconnected by the flow. Amazon Connect does not count them as
	// abandoned.
	CallbackTransferred int64
	// InSystem were still waiting in queue at the horizon. Contacts being
	// served then are counted as handled (they were connected).
	InSystem int64

	// CallbackOffered and CallbackDeclined count offers made to callers
	// and offers they turned down; CallbackQueueFull counts acceptances
	// that failed because the working queue was full (the caller stays in
	// queue).
	CallbackOffered   int64
	CallbackDeclined  int64
	CallbackQueueFull int64
	// Caller-scheduled slots: SlotPushed callers found their hour full or
	// closed and were offered a later one; SlotDeclined turned it down and
	// SlotUnavailable found none in the booking horizon (both keep
	// waiting); SlotUnconfirmed hung up without confirming.
	SlotPushed      int64
	SlotDeclined    int64
	SlotUnavailable int64
	SlotUnconfirmed int64

	// AnsweredWithin counts handled contacts answered within the service
	// level threshold; RemovedWithin counts contacts removed from queue
	// within it (answered, abandoned or callback requested), the numerator
	// of Amazon Connect's service level.
	AnsweredWithin int64
	RemovedWithin  int64
	// WaitAnswered is the total queue time of handled contacts (ms), for
	// the average speed of answer.
	WaitAnswered int64
	// WaitAbandoned is the total queue time of abandoned contacts (ms).
	WaitAbandoned int64
	// WaitTransferred is the total queue time of callers who took a
	// callback, and WaitInSystem that of callers still queued at the
	// horizon (ms). With WaitAnswered and WaitAbandoned they account for
	// every moment a caller spent in queue (Little's law).
	WaitTransferred int64
	WaitInSystem    int64
	// WaitUnconfirmed is the queue time of callers who hung up without
	// confirming a slot.
	WaitUnconfirmed int64
	// AnsweredAtOnce counts contacts answered with no wait at all.
	AnsweredAtOnce int64
	// AgentAttempts counts offers to agents, declined ones included.
	AgentAttempts int64

	// Redials counts arrivals that were a customer calling again (the
	// rest of Arrived are first attempts). RedialScheduled counts callers
	// who gave up (abandoned, blocked, callback unreached) and will call
	// again, filed under their contact type's queue and the interval they
	// gave up in; RedialPending those of them still waiting to call again
	// at the horizon. Without a warm-up, over a run, RedialScheduled =
	// Redials + RedialPending.
	Redials         int64
	RedialScheduled int64
	RedialPending   int64
	// ServedByCallback counts customers connected to an agent by a
	// callback the queue flow offered them, filed under the callback's
	// working queue and request interval; with Handled, the customers
	// served (see [InboundStats.CustomersServed]). GaveUp counts customers
	// lost for good: they abandoned, were blocked or their offered
	// callback ended unreached, and did not call again.
	ServedByCallback int64
	GaveUp           int64
}

// Conserved reports whether every arrival is accounted for, and redials
// are among the arrivals.
func (s InboundStats) Conserved() bool {
	return s.Arrived == s.Handled+s.Abandoned+s.Blocked+s.Closed+s.CallbackTransferred+s.SlotUnconfirmed+s.InSystem &&
		s.Redials <= s.Arrived
}

// CustomersServed is the customers connected to an agent: inbound
// contacts handled, and callbacks the queue flow offered handled.
func (s InboundStats) CustomersServed() int64 { return s.Handled + s.ServedByCallback }

// FirstAttempts is the arrivals of customers calling for the first time.
func (s InboundStats) FirstAttempts() int64 { return s.Arrived - s.Redials }

// Queued is the number of contacts that entered the queue.
func (s InboundStats) Queued() int64 { return s.Arrived - s.Blocked - s.Closed }

// ASA is the average speed of answer in seconds: mean queue time of
// handled contacts.
func (s InboundStats) ASA() float64 { return ratio(float64(s.WaitAnswered)/1000, s.Handled) }

// ServiceLevel is Amazon Connect's service level: contacts removed from
// queue within the threshold (answered, abandoned or callback requested)
// over contacts that left the queue.
func (s InboundStats) ServiceLevel() float64 {
	return ratio(float64(s.RemovedWithin), s.Handled+s.Abandoned+s.CallbackTransferred)
}

// ServiceLevelAnswered is answered within the threshold over answered plus
// abandoned.
func (s InboundStats) ServiceLevelAnswered() float64 {
	return ratio(float64(s.AnsweredWithin), s.Handled+s.Abandoned)
}

// ServiceLevelExclShort is answered within the threshold over answered
// plus abandoned, leaving out short abandons.
func (s InboundStats) ServiceLevelExclShort() float64 {
	return ratio(float64(s.AnsweredWithin), s.Handled+s.Abandoned-s.AbandonedShort)
}

// ServiceLevelBy returns the service level under definition d.
func (s InboundStats) ServiceLevelBy(d model.SLDefinition) float64 {
	switch d {
	case model.SLAnswered:
		return s.ServiceLevelAnswered()
	case model.SLAnsweredExclShort:
		return s.ServiceLevelExclShort()
	}
	return s.ServiceLevel()
}

// PWait is the fraction of contacts that left the queue and had to wait
// (were not answered at once).
func (s InboundStats) PWait() float64 {
	return ratio(float64(s.Handled+s.Abandoned+s.CallbackTransferred-s.AnsweredAtOnce), s.Handled+s.Abandoned+s.CallbackTransferred)
}

// AbandonRate is abandoned over queued contacts that left the queue.
func (s InboundStats) AbandonRate() float64 {
	return ratio(float64(s.Abandoned), s.Handled+s.Abandoned+s.CallbackTransferred)
}

// CallbackStats counts callbacks of one working queue. Every requested
// callback ends in exactly one of Handled, AbandonedAfterConnect, Expired,
// Unreached or InSystem.
type CallbackStats struct {
	Requested int64
	// Legs counts the callbacks' contact records ("callback legs"), begun
	// or finished: an agent-first callback has one leg per attempt (the
	// first at the request, one more per retry), a customer-first
	// callback its queued leg and one dialled leg per dial.
	Legs int64
	// Handled callbacks connected customer (or voicemail) and agent: for
	// agent-first callbacks when the customer answers, for customer-first
	// ones when an agent takes the answered call.
	Handled int64
	// Reached counts dials answered by the customer or voicemail, and
	// RequestToReach the total time from request to that answer (ms).
	Reached        int64
	RequestToReach int64
	// AbandonedAfterConnect counts customers who answered a
	// customer-first callback and hung up before an agent took it.
	AbandonedAfterConnect int64
	// AgentScheduled and AgentOwned count the Requested callbacks that
	// agents booked; OwnedToQueue and OwnedDisconnected the owned ones
	// whose owner did not take them in time, by where they went.
	AgentScheduled    int64
	AgentOwned        int64
	OwnedToQueue      int64
	OwnedDisconnected int64
	// Voicemail is the part of Handled that reached voicemail.
	Voicemail int64
	// Expired were still waiting when their expiry came.
	Expired int64
	// Unreached ran out of attempts (or dialled an invalid number).
	Unreached int64
	InSystem  int64

	// DialAttempts counts every dial; FailedAttempts those where the
	// customer was not joined (no answer, busy, invalid, or a
	// customer-first voicemail not put through). NoAnswer, Busy, Invalid
	// and VoicemailFailed split FailedAttempts.
	DialAttempts    int64
	FailedAttempts  int64
	NoAnswer        int64
	Busy            int64
	Invalid         int64
	VoicemailFailed int64
	// AgentTimeLost is agent whisper plus ringing time spent on failed
	// attempts (ms).
	AgentTimeLost int64
	// Connected counts callbacks connected to an agent (after the
	// outbound whisper), and RequestToConnect the total time from their
	// creation to that connection (ms), both counted at the connection.
	Connected        int64
	RequestToConnect int64
	// Closed counts the callbacks that ended (handled, expired,
	// unreached, abandoned after connect, dropped), and ClosedScheduled
	// and ClosedInQueue their total time Scheduled and In queue (ms).
	Closed          int64
	ClosedScheduled int64
	ClosedInQueue   int64
	// Scheduled and InQueue are the total times callbacks spent in those
	// states (ms), for the time-average counts.
	Scheduled int64
	InQueue   int64
	// Booked is the total time callbacks spent booked, waiting for the
	// time they were booked for (ms): caller-scheduled slots and
	// agent-booked callbacks.
	Booked int64
	// AgentAttempts counts offers to agents, declined ones included.
	AgentAttempts int64
}

// Conserved reports whether every callback is accounted for.
func (s CallbackStats) Conserved() bool {
	return s.Requested == s.Handled+s.AbandonedAfterConnect+s.OwnedDisconnected+s.Expired+s.Unreached+s.InSystem
}

// AttemptsPerHandled is dial attempts per handled callback.
func (s CallbackStats) AttemptsPerHandled() float64 {
	return ratio(float64(s.DialAttempts), s.Handled)
}

// AgentTime is time (ms) in each agent state, summed over agents.
// Reserved is the agent whisper and dialling of a callback; Missed is the
// lockout after a declined offer; Offline is time outside shifts and
// breaks.
type AgentTime struct {
	Idle, Reserved, Talk, ACW, Missed, Offline int64
	// Break and Lunch are the time on scheduled breaks of each kind:
	// neither logged in nor Offline.
	Break, Lunch int64
}

// Occupancy is time on contact (reserved, talk, ACW) over that plus idle.
func (a AgentTime) Occupancy() float64 {
	busy := a.Reserved + a.Talk + a.ACW
	return ratioF(float64(busy), float64(busy+a.Idle))
}

// LoggedIn is the time agents were logged in.
func (a AgentTime) LoggedIn() int64 { return a.Idle + a.Reserved + a.Talk + a.ACW + a.Missed }

// Add adds the times of o to a.
func (a *AgentTime) Add(o AgentTime) {
	a.Idle += o.Idle
	a.Reserved += o.Reserved
	a.Talk += o.Talk
	a.ACW += o.ACW
	a.Missed += o.Missed
	a.Offline += o.Offline
	a.Break += o.Break
	a.Lunch += o.Lunch
}

// AgentResult holds time totals for one agent group.
type AgentResult struct {
	Name string
	// Agents is the group's size (after shrinkage).
	Agents int
	AgentTime
	// Contacts is how many contacts the group handled (callbacks reached
	// included, failed attempts not).
	Contacts int64
	// Intervals holds the time per reporting interval.
	Intervals []AgentTime
}

// TotalAgentTime sums the agent time of every group.
func (r *Result) TotalAgentTime() AgentTime {
	var t AgentTime
	for _, a := range r.Agents {
		t.Add(a.AgentTime)
	}
	return t
}

// TotalInbound sums the inbound counts of every queue.
func (r *Result) TotalInbound() InboundStats {
	var t InboundStats
	for _, q := range r.Queues {
		t.Add(q.Inbound)
	}
	return t
}

// TotalCallback sums the callback counts of every queue.
func (r *Result) TotalCallback() CallbackStats {
	var t CallbackStats
	for _, q := range r.Queues {
		t.Add(q.Callback)
	}
	return t
}

// Contacts is the number of inbound arrivals, the unit of throughput.
func (r *Result) Contacts() int64 { return r.TotalInbound().Arrived }

// Add adds the counts of s to t, as when queues or intervals are summed.
func (t *InboundStats) Add(s InboundStats) {
	t.Arrived += s.Arrived
	t.Handled += s.Handled
	t.Abandoned += s.Abandoned
	t.AbandonedShort += s.AbandonedShort
	t.AnsweredAtOnce += s.AnsweredAtOnce
	t.WaitTransferred += s.WaitTransferred
	t.WaitInSystem += s.WaitInSystem
	t.WaitUnconfirmed += s.WaitUnconfirmed
	t.Blocked += s.Blocked
	t.Closed += s.Closed
	t.CallbackTransferred += s.CallbackTransferred
	t.InSystem += s.InSystem
	t.CallbackOffered += s.CallbackOffered
	t.CallbackDeclined += s.CallbackDeclined
	t.CallbackQueueFull += s.CallbackQueueFull
	t.SlotPushed += s.SlotPushed
	t.SlotDeclined += s.SlotDeclined
	t.SlotUnavailable += s.SlotUnavailable
	t.SlotUnconfirmed += s.SlotUnconfirmed
	t.AnsweredWithin += s.AnsweredWithin
	t.RemovedWithin += s.RemovedWithin
	t.WaitAnswered += s.WaitAnswered
	t.WaitAbandoned += s.WaitAbandoned
	t.AgentAttempts += s.AgentAttempts
	t.Redials += s.Redials
	t.RedialScheduled += s.RedialScheduled
	t.RedialPending += s.RedialPending
	t.ServedByCallback += s.ServedByCallback
	t.GaveUp += s.GaveUp
}

// Add adds the counts of s to t.
func (t *CallbackStats) Add(s CallbackStats) {
	t.Requested += s.Requested
	t.Legs += s.Legs
	t.Handled += s.Handled
	t.Reached += s.Reached
	t.RequestToReach += s.RequestToReach
	t.AbandonedAfterConnect += s.AbandonedAfterConnect
	t.AgentScheduled += s.AgentScheduled
	t.AgentOwned += s.AgentOwned
	t.OwnedToQueue += s.OwnedToQueue
	t.OwnedDisconnected += s.OwnedDisconnected
	t.Voicemail += s.Voicemail
	t.Expired += s.Expired
	t.Unreached += s.Unreached
	t.InSystem += s.InSystem
	t.DialAttempts += s.DialAttempts
	t.FailedAttempts += s.FailedAttempts
	t.NoAnswer += s.NoAnswer
	t.Busy += s.Busy
	t.Invalid += s.Invalid
	t.VoicemailFailed += s.VoicemailFailed
	t.AgentTimeLost += s.AgentTimeLost
	t.Connected += s.Connected
	t.RequestToConnect += s.RequestToConnect
	t.Closed += s.Closed
	t.ClosedScheduled += s.ClosedScheduled
	t.ClosedInQueue += s.ClosedInQueue
	t.Scheduled += s.Scheduled
	t.InQueue += s.InQueue
	t.Booked += s.Booked
	t.AgentAttempts += s.AgentAttempts
}

func ratio(num float64, den int64) float64 {
	if den == 0 {
		return 0
	}
	return num / float64(den)
}

func ratioF(num, den float64) float64 {
	if den == 0 {
		return 0
	}
	return num / den
}
