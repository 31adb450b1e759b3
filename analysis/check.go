package analysis

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim"
)

// NotSet is how an unset field is written in checks and tables, as in
// Amazon Connect's documentation.
const NotSet = "N/A"

// missing is the Got value of a check whose record was not produced.
const missing = "missing"

// CheckRow is the outcome of one documented check: the documented value
// (Want) and the simulated one (Got), written the same way.
type CheckRow struct {
	// Contact is the script contact id, Record the record's initiation
	// method (INBOUND or CALLBACK), Field the contact record field.
	Contact string
	Record  string
	Field   string
	Want    string
	Got     string
	Match   bool
}

// Failed returns how many rows do not match.
func Failed(rows []CheckRow) int {
	n := 0
	for _, r := range rows {
		if !r.Match {
			n++
		}
	}
	return n
}

// Check compares simulated records with a documented example, one
// [CheckRow] per [model.Check], in the documented order. A nil doc gives no
// rows.
//
// The record a check names is the first of recs whose ScriptID is the
// check's Contact and whose InitiationMethod is its Record; if there is
// none, Got is "missing". Want is read according to the field:
//
//   - "N/A" matches a field that is not set;
//   - timestamps take a time of day, "11:38:39" or "11:35" (meaning
//     11:35:00), on the UTC date of start, the scenario's start;
//   - durations take a duration as [model.ParseDuration] reads it, "120s"
//     or "5m35s";
//   - contact ids take "->CALLBACK" (or "->INBOUND"): the id of that record
//     of the same contact;
//   - other fields (DisconnectReason, Queue, InitiationMethod,
//     AgentConnectionAttempts) compare as strings.
//
// Got is written the way Want is, so that the two read side by side:
// "11:38:39", "120s" or "2m0s" depending on Want's units, "->CALLBACK".
func Check(recs []sim.Record, doc *model.Documented, start time.Time) []CheckRow {
	if doc == nil {
		return nil
	}
	start = start.UTC()
	rows := make([]CheckRow, 0, len(doc.Checks))
	for _, c := range doc.Checks {
		row := CheckRow{Contact: c.Contact, Record: c.Record, Field: c.Field, Want: c.Want}
		r := findRecord(recs, c.Contact, c.Record)
		if r == nil {
			row.Got = missing
		} else {
			row.Got, row.Match = compare(recs, r, c.Field, c.Want, start)
		}
		rows = append(rows, row)
	}
	return rows
}

func findRecord(recs []sim.Record, contact, method string) *sim.Record {
	for i := range recs {
		if recs[i].ScriptID == contact && recs[i].InitiationMethod == method {
			return &recs[i]
		}
	}
	return nil
}

type fieldKind uint8

const (
	kindUnknown fieldKind = iota
	kindTime
	kindDuration
	kindID
	kindString
)

// fieldValue is one field of a record.
type fieldValue struct {
	kind fieldKind
	set  bool
	t    time.Time
	d    model.Duration
	s    string
}

// field returns the named field of r. Durations are set when the part of
// the contact they measure happened: the queue duration once dequeued, the
// in-queue duration once enqueued, the scheduled duration for callbacks,
// the agent durations when an agent was connected.
func field(r *sim.Record, name string) fieldValue {
	tv := func(t time.Time) fieldValue { return fieldValue{kind: kindTime, set: !t.IsZero(), t: t} }
	dv := func(d model.Duration, set bool) fieldValue { return fieldValue{kind: kindDuration, set: set, d: d} }
	idv := func(s string) fieldValue { return fieldValue{kind: kindID, set: s != "", s: s} }
	sv := func(s string) fieldValue { return fieldValue{kind: kindString, set: s != "", s: s} }
	switch name {
	case "InitiationTimestamp":
		return tv(r.Initiation)
	case "ConnectedToSystemTimestamp":
		return tv(r.ConnectedToSystem)
	case "EnqueueTimestamp":
		return tv(r.Enqueue)
	case "DequeueTimestamp":
		return tv(r.Dequeue)
	case "ConnectedToAgentTimestamp":
		return tv(r.ConnectedToAgent)
	case "DisconnectTimestamp":
		return tv(r.Disconnect)
	case "QueueDuration":
		return dv(r.QueueDuration, !r.Dequeue.IsZero())
	case "InQueueDuration":
		return dv(r.InQueueDuration, !r.Enqueue.IsZero())
	case "ScheduledDuration":
		return dv(r.ScheduledDuration, r.InitiationMethod == sim.MethodCallback)
	case "AgentInteractionDuration":
		return dv(r.AgentInteractionDuration, r.Agent != "")
	case "AfterContactWorkDuration":
		return dv(r.AfterContactWorkDuration, r.Agent != "")
	case "ContactId":
		return idv(r.ContactID())
	case "InitialContactId":
		return idv(r.InitialContactID())
	case "PreviousContactId":
		return idv(r.PreviousContactID())
	case "NextContactId":
		return idv(r.NextContactID())
	case "DisconnectReason":
		return sv(r.DisconnectReason)
	case "Queue":
		return sv(r.Queue)
	case "Agent":
		return sv(r.Agent)
	case "InitiationMethod":
		return sv(r.InitiationMethod)
	case "AgentConnectionAttempts":
		return fieldValue{kind: kindString, set: true, s: strconv.Itoa(r.AgentConnectionAttempts)}
	}
	return fieldValue{}
}

// compare checks field name of r against want and returns the simulated
// value, formatted like want, and whether it matches.
func compare(recs []sim.Record, r *sim.Record, name, want string, start time.Time) (string, bool) {
	v := field(r, name)
	if v.kind == kindUnknown {
		return "unknown field", false
	}
	want = strings.TrimSpace(want)
	if want == NotSet {
		return formatValue(recs, r, v, "", start), !v.set
	}
	got := formatValue(recs, r, v, want, start)
	if !v.set {
		return got, false
	}
	switch v.kind {
	case kindTime:
		wt, ok := parseTimeOfDay(want, start)
		return got, ok && v.t.Equal(wt)
	case kindDuration:
		wd, err := model.ParseDuration(want)
		return got, err == nil && v.d == wd
	case kindID:
		if target, ok := strings.CutPrefix(want, "->"); ok {
			t := findRecord(recs, r.ScriptID, target)
			return got, t != nil && r.ScriptID != "" && v.s == t.ContactID()
		}
		return got, v.s == want
	default:
		return got, v.s == want
	}
}

// parseTimeOfDay reads "hh:mm" or "hh:mm:ss" as that time on start's date.
func parseTimeOfDay(s string, start time.Time) (time.Time, bool) {
	var a model.At
	if err := a.UnmarshalText([]byte(s)); err != nil || !a.Clock {
		return time.Time{}, false
	}
	return start.Add(time.Duration(a.Offset(start)) * time.Millisecond), true
}

// formatValue writes v the way want is written (want "" for the default
// form): N/A when unset; a time of day on start's date, else the full
// date; a duration in seconds if want is, else in mixed units; a contact id
// as "->METHOD" when it is a record of the same contact.
func formatValue(recs []sim.Record, r *sim.Record, v fieldValue, want string, start time.Time) string {
	if !v.set {
		return NotSet
	}
	switch v.kind {
	case kindTime:
		return ClockText(v.t, start, isShortClock(want))
	case kindDuration:
		if isSeconds(want) && v.d%model.Second == 0 {
			return strconv.FormatInt(int64(v.d/model.Second), 10) + "s"
		}
		return v.d.String()
	case kindID:
		if r.ScriptID != "" {
			for i := range recs {
				if recs[i].ScriptID == r.ScriptID && recs[i].ContactID() == v.s {
					return "->" + recs[i].InitiationMethod
				}
			}
		}
		return v.s
	default:
		return v.s
	}
}

// ClockText writes t as the documented checks compare times of day:
// "15:04:05" ("15:04" if short and the seconds are zero), with milliseconds
// if it has any, and with its date if that is not start's. Reports write
// record times the same way, so that a table and its check agree.
func ClockText(t, start time.Time, short bool) string {
	t = t.UTC()
	var s string
	switch {
	case t.Nanosecond() != 0:
		s = t.Format("15:04:05.000")
	case short && t.Second() == 0:
		s = t.Format("15:04")
	default:
		s = t.Format("15:04:05")
	}
	if y, m, d := t.Date(); !start.IsZero() {
		if sy, sm, sd := start.UTC().Date(); y != sy || m != sm || d != sd {
			s = t.Format("2006-01-02 ") + s
		}
	}
	return s
}

// isShortClock reports whether s is a time of day without seconds.
func isShortClock(s string) bool { return strings.Count(s, ":") == 1 }

// isSeconds reports whether s is a whole number of seconds, "120s".
func isSeconds(s string) bool {
	n, ok := strings.CutSuffix(s, "s")
	if !ok || n == "" {
		return false
	}
	for _, c := range n {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// String formats the row for logs and test failures.
func (r CheckRow) String() string {
	m := "ok"
	if !r.Match {
		m = "MISMATCH"
	}
	return fmt.Sprintf("%s %s %s: want %s, got %s (%s)", r.Contact, r.Record, r.Field, r.Want, r.Got, m)
}
