package reports

import (
	"bufio"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

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
	// AttrCustomer numbers the customer a contact belongs to, and
	// AttrAttempt is its call number ("1" a first call, "2" the first
	// redial ...), so that repeat calls can be told apart; present only
	// for contact types with redials.
	AttrCustomer = "ccsim_customer"
	AttrAttempt  = "ccsim_attempt"
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
	if r.Customer != 0 {
		c.Attributes[AttrCustomer] = strconv.FormatInt(r.Customer, 10)
		c.Attributes[AttrAttempt] = strconv.Itoa(r.Attempt)
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
//
// The JSON is written by hand, with no allocation per record, and is the
// same, byte for byte, as encoding/json's encoding of [NewContactRecord]
// by an Encoder with SetEscapeHTML(false): the fields in the struct's
// order, the attributes in sorted key order, strings escaped as
// encoding/json escapes them (records_test.go checks it, and fuzzes it).
type RecordWriter struct {
	bw  *bufio.Writer
	buf []byte
	n   int
}

// NewRecordWriter returns a RecordWriter writing to w.
func NewRecordWriter(w io.Writer) *RecordWriter {
	return &RecordWriter{bw: bufio.NewWriterSize(w, 64<<10), buf: make([]byte, 0, 2048)}
}

// Write writes one record. r is not retained.
func (w *RecordWriter) Write(r *sim.Record) error {
	w.buf = appendRecord(w.buf[:0], r)
	if _, err := w.bw.Write(w.buf); err != nil {
		return err
	}
	w.n++
	return nil
}

// Flush writes any buffered data to the underlying writer.
func (w *RecordWriter) Flush() error { return w.bw.Flush() }

// Count returns the number of records written so far.
func (w *RecordWriter) Count() int { return w.n }

// appendRecord appends r as one JSON line, as encoding/json writes
// NewContactRecord(r) followed by a newline.
func appendRecord(b []byte, r *sim.Record) []byte {
	b = append(b, `{"ContactId":`...)
	b = appendID(b, r.Rep, r.ID, false)
	b = append(b, `,"InitialContactId":`...)
	b = appendID(b, r.Rep, r.InitialID, true)
	b = append(b, `,"PreviousContactId":`...)
	b = appendID(b, r.Rep, r.PreviousID, true)
	b = append(b, `,"NextContactId":`...)
	b = appendID(b, r.Rep, r.NextID, true)
	b = append(b, `,"Channel":"`+Channel+`","InitiationMethod":`...)
	b = appendString(b, r.InitiationMethod)
	b = append(b, `,"InitiationTimestamp":`...)
	b = appendOptTime(b, r.Initiation)
	b = append(b, `,"ConnectedToSystemTimestamp":`...)
	b = appendOptTime(b, r.ConnectedToSystem)
	b = append(b, `,"DisconnectTimestamp":`...)
	b = appendOptTime(b, r.Disconnect)
	b = append(b, `,"DisconnectReason":`...)
	b = appendOptString(b, r.DisconnectReason)
	b = append(b, `,"AgentConnectionAttempts":`...)
	b = strconv.AppendInt(b, int64(r.AgentConnectionAttempts), 10)
	b = append(b, `,"Queue":`...)
	if r.Queue == "" {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"Name":`...)
		b = appendString(b, r.Queue)
		b = append(b, `,"EnqueueTimestamp":`...)
		b = appendOptTime(b, r.Enqueue)
		b = append(b, `,"DequeueTimestamp":`...)
		b = appendOptTime(b, r.Dequeue)
		b = append(b, `,"Duration":`...)
		if r.Dequeue.IsZero() {
			b = append(b, "null"...)
		} else {
			b = strconv.AppendInt(b, wholeSeconds(r.QueueDuration), 10)
		}
		b = append(b, '}')
	}
	b = append(b, `,"Agent":`...)
	if r.Agent == "" {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"Username":`...)
		b = appendString(b, r.Agent)
		b = append(b, `,"ConnectedToAgentTimestamp":`...)
		b = appendOptTime(b, r.ConnectedToAgent)
		b = append(b, `,"AgentInteractionDuration":`...)
		b = strconv.AppendInt(b, wholeSeconds(r.AgentInteractionDuration), 10)
		b = append(b, `,"AfterContactWorkDuration":`...)
		b = strconv.AppendInt(b, wholeSeconds(r.AfterContactWorkDuration), 10)
		b = append(b, '}')
	}
	// The attributes in sorted key order, as encoding/json writes a map.
	b = append(b, `,"Attributes":{`...)
	if r.Customer != 0 {
		b = append(b, `"`+AttrAttempt+`":"`...)
		b = strconv.AppendInt(b, int64(r.Attempt), 10)
		b = append(b, `",`...)
	}
	if r.BookedDuration > 0 {
		b = append(b, `"`+AttrBookedDuration+`":"`...)
		b = strconv.AppendInt(b, wholeSeconds(r.BookedDuration), 10)
		b = append(b, `",`...)
	}
	if r.CallbackType != "" {
		b = append(b, `"`+AttrCallbackType+`":`...)
		b = appendString(b, r.CallbackType)
		b = append(b, ',')
	}
	if r.Customer != 0 {
		b = append(b, `"`+AttrCustomer+`":"`...)
		b = strconv.AppendInt(b, r.Customer, 10)
		b = append(b, `",`...)
	}
	b = append(b, `"`+AttrDialAttempts+`":"`...)
	b = strconv.AppendInt(b, int64(r.DialAttempts), 10)
	b = append(b, '"')
	if !r.Enqueue.IsZero() {
		b = append(b, `,"`+AttrInQueueDuration+`":"`...)
		b = strconv.AppendInt(b, wholeSeconds(r.InQueueDuration), 10)
		b = append(b, '"')
	}
	b = append(b, `,"`+AttrOutcome+`":`...)
	b = appendString(b, r.Outcome)
	b = append(b, `,"`+AttrReplication+`":"`...)
	b = strconv.AppendInt(b, int64(r.Rep), 10)
	b = append(b, '"')
	if r.InitiationMethod == sim.MethodCallback {
		b = append(b, `,"`+AttrScheduledDuration+`":"`...)
		b = strconv.AppendInt(b, wholeSeconds(r.ScheduledDuration), 10)
		b = append(b, '"')
	}
	if r.ScriptID != "" {
		b = append(b, `,"`+AttrScriptID+`":`...)
		b = appendString(b, r.ScriptID)
	}
	return append(b, "}}\n"...)
}

// appendID appends contact n of replication rep as a JSON string; for
// n == 0 (none), null if nullable, else "".
func appendID(b []byte, rep int, n int64, nullable bool) []byte {
	if n == 0 {
		if nullable {
			return append(b, "null"...)
		}
		return append(b, `""`...)
	}
	b = append(b, '"')
	b = sim.AppendContactID(b, rep, n)
	return append(b, '"')
}

// appendOptString appends s as a JSON string, or null when it is empty.
func appendOptString(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendString(b, s)
}

// appendOptTime appends t in [TimestampLayout] as a JSON string, or null
// when it is zero.
func appendOptTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = AppendTimestamp(b, t)
	return append(b, '"')
}

// AppendTimestamp appends t in [TimestampLayout], in UTC, as
// [FormatTimestamp] formats it, with no allocation.
func AppendTimestamp(b []byte, t time.Time) []byte {
	secs := t.Unix() // whole seconds, rounded down, as Format truncates
	days, sod := secs/86400, secs%86400
	if sod < 0 {
		days, sod = days-1, sod+86400
	}
	y, m, d := civil(days)
	if y < 0 || y > 9999 {
		return t.UTC().AppendFormat(b, TimestampLayout)
	}
	b = append4(b, y)
	b = append(b, '-')
	b = append2(b, m)
	b = append(b, '-')
	b = append2(b, d)
	b = append(b, 'T')
	b = append2(b, sod/3600)
	b = append(b, ':')
	b = append2(b, sod/60%60)
	b = append(b, ':')
	b = append2(b, sod%60)
	return append(b, 'Z')
}

// civil returns the proleptic Gregorian date of the day days after
// 1970-01-01 (Howard Hinnant's civil_from_days).
func civil(days int64) (y, m, d int64) {
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // [0, 365]
	mp := (5*doy + 2) / 153                                // [0, 11], from March
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func append2(b []byte, v int64) []byte {
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

func append4(b []byte, v int64) []byte {
	return append(b, byte('0'+v/1000), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}

// appendString appends s as a JSON string escaped exactly as encoding/json
// escapes it with SetEscapeHTML(false): quotes, backslashes and control
// characters (\b, \f, \n, \r, \t short, the others as \u00XX), invalid
// UTF-8 as \ufffd, and U+2028 and U+2029, which it escapes always.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

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
