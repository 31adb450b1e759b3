package sim

import (
	"fmt"
	"time"

	"github.com/ccsim/ccsim/model"
)

// Initiation methods and disconnect reasons, spelled as in Amazon Connect's
// contact record data model.
const (
	MethodInbound  = "INBOUND"
	MethodCallback = "CALLBACK"
	// The queued leg and the dialled legs of a customer-first callback.
	MethodCFQueued = "CALLBACK_CUSTOMER_FIRST_QUEUED"
	MethodCFDialed = "CALLBACK_CUSTOMER_FIRST_DIALED"

	ReasonCustomer = "CUSTOMER_DISCONNECT"
	ReasonFlow     = "CONTACT_FLOW_DISCONNECT"
	// The reasons of failed dials: a ring with no answer until the
	// timeout, a busy line, a number that does not exist.
	ReasonTimeout     = "TELECOM_TIMEOUT"
	ReasonBusy        = "TELECOM_BUSY"
	ReasonInvalid     = "TELECOM_NUMBER_INVALID"
	ReasonExpired     = "EXPIRED"
	ReasonQueueFull   = "CONTACT_FLOW_DISCONNECT"
	outcomeHandled    = "handled"
	outcomeVoicemail  = "voicemail"
	outcomeAbandoned  = "abandoned"
	outcomeBlocked    = "blocked"
	outcomeClosed     = "closed"
	outcomeCallback   = "callback_requested"
	outcomeExpired    = "expired"
	outcomeUnreached  = "unreached"
	outcomeInvalidNum = "invalid_number"
	// outcomeReached ends a customer-first queued leg whose dial was
	// answered; outcomeAbandonedConnected a dialled leg whose customer
	// hung up waiting for an agent.
	outcomeReached            = "reached"
	outcomeAbandonedConnected = "abandoned_after_connect"
	outcomeOwnerExpired       = "owner_expired"
	// outcomeVoicemailFailed ends a customer-first dialled leg that
	// reached voicemail and was not put through to an agent.
	outcomeVoicemailFailed = "voicemail_not_connected"
	outcomeSlotUnconfirmed = "slot_unconfirmed"
)

// dialOutcomes names the dial outcomes by index.
var dialOutcomes = model.DialOutcomeList

// Record is one finished contact, with the fields of an Amazon Connect
// contact record. Zero times mean "not set" (N/A in Connect's tables).
//
// An agent-first callback gives one record per dial attempt (a "callback
// leg", Amazon Connect's CALLBACK contact), chained by PreviousContactID
// and NextContactID from the inbound call; a customer-first callback gives
// its queued leg and one record per dial. DialAttempts says how many dials
// the callback had made when the record ended (a leg's attempt number).
type Record struct {
	Rep               int
	ContactID         string
	InitialContactID  string
	PreviousContactID string
	NextContactID     string
	InitiationMethod  string
	// ScriptID is the id of the script contact this record descends from.
	ScriptID string

	Initiation        time.Time
	ConnectedToSystem time.Time
	Disconnect        time.Time
	DisconnectReason  string

	Queue   string
	Enqueue time.Time
	Dequeue time.Time
	// QueueDuration is Dequeue - Initiation for callbacks (the documented
	// example's "Queue Duration", initial delay included) and Dequeue -
	// Enqueue for inbound contacts. InQueueDuration is time actually in
	// queue, ScheduledDuration time spent Scheduled (initial delay and
	// waits between attempts).
	QueueDuration     model.Duration
	InQueueDuration   model.Duration
	ScheduledDuration model.Duration
	// BookedDuration is the time an agent-booked callback waited for the
	// time it was booked for (neither Scheduled nor In queue). A
	// caller-scheduled callback's booking comes before its contact is
	// created, so its record has none.
	BookedDuration model.Duration

	Agent                    string
	ConnectedToAgent         time.Time
	AgentInteractionDuration model.Duration
	AfterContactWorkDuration model.Duration
	AgentConnectionAttempts  int

	// Outcome is ccsim's summary: handled, voicemail, abandoned, blocked,
	// closed, callback_requested, expired, unreached, invalid_number,
	// reached, abandoned_after_connect, owner_expired, slot_unconfirmed;
	// a failed dial that is retried ends its leg with the dial outcome
	// (no_answer, busy, invalid, voicemail_not_connected).
	Outcome string
	// CallbackType says what kind of callback a callback record is:
	// queued (agent first), customer_first, agent_scheduled, agent_owned
	// or caller_scheduled; empty for inbound contacts.
	CallbackType string
	DialAttempts int
}

// ContactID formats a contact's sequence number within a replication as a
// UUID-shaped id, deterministic across runs: the first group is the
// replication, the last the sequence number.
func ContactID(rep int, n int64) string {
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", rep, n)
}
