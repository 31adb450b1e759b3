// Package fit calibrates a scenario from a contact centre's history: it
// reads Amazon Connect contact records (as Connect's contact-record stream
// delivers them, and as ccsim writes them), one pass and flat memory, and
// estimates what a scenario needs: arrivals per queue and interval, talk,
// after-contact work and patience distributions by maximum likelihood,
// callback acceptance, delays, dial outcomes and ring times, and staffing.
//
// Every estimate carries its confidence interval and the number of
// observations behind it, so that a planner can see which numbers the
// history pins down and which it barely touches.
//
// The package reads and estimates; it writes nothing: the scenario file,
// the forecast CSVs and the fit report are written by package reports.
package fit

import "math"

// NoTime marks a timestamp that is null or absent in a record.
const NoTime int64 = math.MinInt64

// Initiation methods the fit distinguishes.
const (
	MethodOther uint8 = iota
	MethodInbound
	MethodCallback
)

// Record is one contact record, reduced to the fields a fit reads. It is
// reused from record to record: nothing in it may be kept.
//
// Timestamps are Unix milliseconds (UTC), NoTime when null or absent.
// Durations are whole seconds, -1 when null or absent. Ids are 64-bit
// hashes of the ContactId strings (0: null), which is all a fit needs to
// link a callback to its inbound call and to drop duplicates.
type Record struct {
	ID, Initial, Previous, Next uint64
	Method                      uint8

	Initiation, ConnectedToSystem, Disconnect int64
	// Reason is the DisconnectReason, "" when null.
	Reason string

	// Queue is the queue's index in the reader's queue names, -1 when the
	// record has no Queue object.
	Queue            int
	Enqueue, Dequeue int64
	QueueDuration    int64

	// Agent is the agent's index in the reader's agent names, -1 when the
	// record has no Agent object.
	Agent                            int
	ConnectedToAgent                 int64
	AgentInteraction, AfterContactWk int64
	// CustomerHold is Agent.CustomerHoldDuration, -1 when absent: Connect
	// counts hold apart from the interaction, a scenario's talk holds both.
	CustomerHold int64

	// Outcome is ccsim's ccsim_outcome attribute when present (it tells
	// a voicemail from a person answering a callback dial, which
	// Connect's own fields do not), "" otherwise.
	Outcome string

	// present is a bit set of the fields seen, for the missing-field
	// counts (see fieldNames).
	present uint32
}

// seenAt marks field bit present when its timestamp t was given.
func (r *Record) seenAt(t int64, bit uint32) {
	if t != NoTime {
		r.present |= bit
	}
}

// Fields a record may carry, as bits of Record.present.
const (
	fContactID = 1 << iota
	fMethod
	fInitiation
	fDisconnect
	fQueueName
	fEnqueue
	fAgentName
	fAgentInteraction
	fACW
	numFields = iota
)

// fieldNames names the fields of the present bits, in the words of the
// contact record data model.
var fieldNames = [numFields]string{
	"ContactId", "InitiationMethod", "InitiationTimestamp", "DisconnectTimestamp",
	"Queue.Name", "Queue.EnqueueTimestamp", "Agent.Username",
	"Agent.AgentInteractionDuration", "Agent.AfterContactWorkDuration",
}

func (r *Record) reset() {
	*r = Record{
		Initiation: NoTime, ConnectedToSystem: NoTime, Disconnect: NoTime,
		Queue: -1, Enqueue: NoTime, Dequeue: NoTime, QueueDuration: -1,
		Agent: -1, ConnectedToAgent: NoTime, AgentInteraction: -1, AfterContactWk: -1, CustomerHold: -1,
	}
}
