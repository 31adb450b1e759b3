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
// leg", Amazon Connect's CALLBACK contact), chained by PreviousID and
// NextID from the inbound call; a customer-first callback gives its queued
// leg and one record per dial. DialAttempts says how many dials the
// callback had made when the record ended (a leg's attempt number).
//
// Contacts are named by their sequence number within the replication,
// from 1 (0: no contact), so that building a record formats nothing; the
// ContactID methods give the ids Amazon Connect's records show.
type Record struct {
	Rep int
	// ID is the contact's sequence number; InitialID, PreviousID and
	// NextID those of the contacts it is chained to, 0 when none.
	ID, InitialID, PreviousID, NextID int64
	InitiationMethod                  string
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
	// Customer numbers the customer the contact belongs to, and Attempt
	// is its call number (1: first call, 2: first redial ...), for
	// contact types with redials; both 0 otherwise.
	Customer int64
	Attempt  int
}

// ContactID formats a contact's sequence number within a replication as a
// UUID-shaped id, deterministic across runs: the first group is the
// replication, the last the sequence number.
func ContactID(rep int, n int64) string {
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", rep, n)
}

// AppendContactID appends [ContactID](rep, n) to dst.
func AppendContactID(dst []byte, rep int, n int64) []byte {
	if rep < 0 || n < 0 {
		return append(dst, ContactID(rep, n)...) // never in a run
	}
	dst = appendHex(dst, uint64(rep), 8)
	dst = append(dst, "-0000-4000-8000-"...)
	return appendHex(dst, uint64(n), 12)
}

// appendHex appends v in lower-case hex, zero-padded to at least width
// digits, as fmt's %0*x does for a non-negative value.
func appendHex(dst []byte, v uint64, width int) []byte {
	var b [16]byte
	i := len(b)
	for v != 0 || i > len(b)-width {
		i--
		b[i] = "0123456789abcdef"[v&0xf]
		v >>= 4
	}
	return append(dst, b[i:]...)
}

// contactID is the id of contact n of r's replication, "" for none.
func (r *Record) contactID(n int64) string {
	if n == 0 {
		return ""
	}
	return ContactID(r.Rep, n)
}

// ContactID is the record's contact id.
func (r *Record) ContactID() string { return r.contactID(r.ID) }

// InitialContactID is the id of the first contact of the chain the record
// belongs to (a callback's inbound call), "" for none.
func (r *Record) InitialContactID() string { return r.contactID(r.InitialID) }

// PreviousContactID is the id of the contact before this one in its
// chain, "" for none.
func (r *Record) PreviousContactID() string { return r.contactID(r.PreviousID) }

// NextContactID is the id of the contact after this one in its chain, ""
// for none.
func (r *Record) NextContactID() string { return r.contactID(r.NextID) }
