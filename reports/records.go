package reports

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// TimestampLayout is the layout of every timestamp in a contact record:
// UTC, whole seconds, as in Amazon Connect's contact records
// ("2024-06-03T11:38:39Z"). Sub-second parts are truncated.
const TimestampLayout = "2006-01-02T15:04:05Z"

// Channel is the channel of every simulated contact.
const Channel = "VOICE"

// Attribute keys ccsim adds to each record's Attributes, Amazon Connect's
// map of user-defined string attributes. Values are strings, durations in
// whole seconds.
const (
	// AttrReplication is the replication the record comes from ("0").
	AttrReplication = "ccsim_replication"
	// AttrScriptID is the id of the script contact the record descends
	// from; absent for stochastic arrivals.
	AttrScriptID = "ccsim_script_id"
	// AttrOutcome is ccsim's outcome of the contact: handled, voicemail,
	// abandoned, blocked, closed, callback_requested, expired, unreached,
	// invalid_number, reached, abandoned_after_connect, owner_expired or
	// slot_unconfirmed.
	AttrOutcome = "ccsim_outcome"
	// AttrDialAttempts is how many times a callback had dialled the
	// customer when the record ended: a leg's attempt number ("0" for
	// inbound contacts).
	AttrDialAttempts = "ccsim_dial_attempts"
	// AttrInQueueDuration is the time the contact actually waited in queue
	// (for a callback leg: after its initial delay or retry wait); absent
	// when the contact never entered a queue.
	AttrInQueueDuration = "ccsim_in_queue_duration"
	// AttrScheduledDuration is the time a callback leg spent Scheduled
	// (its initial delay, or the wait after the failed attempt before it);
	// callbacks only.
	AttrScheduledDuration = "ccsim_scheduled_duration"
	// AttrBookedDuration is the time an agent-booked callback waited for
	// the time it was booked for (neither Scheduled nor In queue); absent
	// for other contacts.
	AttrBookedDuration = "ccsim_booked_duration"
	// AttrCallbackType is the kind of callback a callback record is:
	// queued (agent first), customer_first, agent_scheduled, agent_owned
	// or caller_scheduled; absent for inbound contacts.
	AttrCallbackType = "ccsim_callback_type"
)

// ContactRecord is one contact in the JSON shape of an Amazon Connect
// contact record, with the field names AWS publishes.
//
// Every key is always written, in the order of the struct fields. A field
// that is not set (an id, a timestamp, a reason, a queue duration) is JSON
// null, as Connect writes it; Queue is null when the contact never reached
// a queue and Agent when no agent was connected. Durations are whole
// seconds, rounded to the nearest second.
type ContactRecord struct {
	ContactID                  string            `json:"ContactId"`
	InitialContactID           *string           `json:"InitialContactId"`
	PreviousContactID          *string           `json:"PreviousContactId"`
	NextContactID              *string           `json:"NextContactId"`
	Channel                    string            `json:"Channel"`
	InitiationMethod           string            `json:"InitiationMethod"`
	InitiationTimestamp        *string           `json:"InitiationTimestamp"`
	ConnectedToSystemTimestamp *string           `json:"ConnectedToSystemTimestamp"`
	DisconnectTimestamp        *string           `json:"DisconnectTimestamp"`
	DisconnectReason           *string           `json:"DisconnectReason"`
	AgentConnectionAttempts    int               `json:"AgentConnectionAttempts"`
	Queue                      *QueueRecord      `json:"Queue"`
	Agent                      *AgentRecord      `json:"Agent"`
	Attributes                 map[string]string `json:"Attributes"`
}

// QueueRecord is the Queue object of a contact record.
type QueueRecord struct {
	Name             string  `json:"Name"`
	EnqueueTimestamp *string `json:"EnqueueTimestamp"`
	DequeueTimestamp *string `json:"DequeueTimestamp"`
	// Duration is [sim.Record.QueueDuration]: for a callback, from its
	// creation to its dequeue, initial delay included, as in Amazon
	// Connect's documented queued-callback example (the time after the
	// delay is the ccsim_in_queue_duration attribute). Null when the
	// contact was never dequeued.
	Duration *int64 `json:"Duration"`
}

// AgentRecord is the Agent object of a contact record.
type AgentRecord struct {
	Username                  string  `json:"Username"`
	ConnectedToAgentTimestamp *string `json:"ConnectedToAgentTimestamp"`
	AgentInteractionDuration  int64   `json:"AgentInteractionDuration"`
	AfterContactWorkDuration  int64   `json:"AfterContactWorkDuration"`
}

// NewContactRecord converts a simulated record to the contact record shape.
func NewContactRecord(r *sim.Record) ContactRecord {
	c := ContactRecord{
		ContactID:                  r.ContactID(),
		InitialContactID:           optString(r.InitialContactID()),
		PreviousContactID:          optString(r.PreviousContactID()),
		NextContactID:              optString(r.NextContactID()),
		Channel:                    Channel,
		InitiationMethod:           r.InitiationMethod,
		InitiationTimestamp:        optTime(r.Initiation),
		ConnectedToSystemTimestamp: optTime(r.ConnectedToSystem),
		DisconnectTimestamp:        optTime(r.Disconnect),
		DisconnectReason:           optString(r.DisconnectReason),
		AgentConnectionAttempts:    r.AgentConnectionAttempts,
		Attributes: map[string]string{
			AttrReplication:  strconv.Itoa(r.Rep),
			AttrOutcome:      r.Outcome,
			AttrDialAttempts: strconv.Itoa(r.DialAttempts),
		},
	}
	if r.ScriptID != "" {
		c.Attributes[AttrScriptID] = r.ScriptID
	}
	if !r.Enqueue.IsZero() {
		c.Attributes[AttrInQueueDuration] = strconv.FormatInt(wholeSeconds(r.InQueueDuration), 10)
	}
	if r.CallbackType != "" {
		c.Attributes[AttrCallbackType] = r.CallbackType
	}
	if r.InitiationMethod == sim.MethodCallback {
		c.Attributes[AttrScheduledDuration] = strconv.FormatInt(wholeSeconds(r.ScheduledDuration), 10)
	}
	if r.BookedDuration > 0 {
		c.Attributes[AttrBookedDuration] = strconv.FormatInt(wholeSeconds(r.BookedDuration), 10)
	}
	if r.Queue != "" {
		q := &QueueRecord{
			Name:             r.Queue,
			EnqueueTimestamp: optTime(r.Enqueue),
			DequeueTimestamp: optTime(r.Dequeue),
		}
		if !r.Dequeue.IsZero() {
			d := wholeSeconds(r.QueueDuration)
			q.Duration = &d
		}
		c.Queue = q
	}
	if r.Agent != "" {
		c.Agent = &AgentRecord{
			Username:                  r.Agent,
			ConnectedToAgentTimestamp: optTime(r.ConnectedToAgent),
			AgentInteractionDuration:  wholeSeconds(r.AgentInteractionDuration),
			AfterContactWorkDuration:  wholeSeconds(r.AfterContactWorkDuration),
		}
	}
	return c
}

// RecordWriter writes contact records as JSON lines: one [ContactRecord]
// object per line, in the order written. It buffers its output; call
// [RecordWriter.Flush] when done.
type RecordWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
	n   int
}

// NewRecordWriter returns a RecordWriter writing to w.
func NewRecordWriter(w io.Writer) *RecordWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &RecordWriter{bw: bw, enc: enc}
}

// Write writes one record. r is not retained.
func (w *RecordWriter) Write(r *sim.Record) error {
	if err := w.enc.Encode(NewContactRecord(r)); err != nil {
		return err
	}
	w.n++
	return nil
}

// Flush writes any buffered data to the underlying writer.
func (w *RecordWriter) Flush() error { return w.bw.Flush() }

// Count returns the number of records written so far.
func (w *RecordWriter) Count() int { return w.n }

// wholeSeconds rounds d to the nearest second (halves away from zero).
func wholeSeconds(d model.Duration) int64 {
	if d < 0 {
		return -wholeSeconds(-d)
	}
	return int64((d + model.Second/2) / model.Second)
}

// FormatTimestamp formats t in [TimestampLayout], in UTC.
func FormatTimestamp(t time.Time) string { return t.UTC().Format(TimestampLayout) }

func optTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := FormatTimestamp(t)
	return &s
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
