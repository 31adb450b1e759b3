package reports_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/scenarios"
	"github.com/ccsim/ccsim/sim"
)

// encodeJSON is the record writer as it was before it was written by
// hand: encoding/json's Encoder, HTML escaping off, on NewContactRecord.
// RecordWriter must write the same bytes.
func encodeJSON(t testing.TB, recs []sim.Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range recs {
		if err := enc.Encode(reports.NewContactRecord(&recs[i])); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func writeRecords(t testing.TB, recs []sim.Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := reports.NewRecordWriter(&buf)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if w.Count() != len(recs) {
		t.Fatalf("Count() = %d, want %d", w.Count(), len(recs))
	}
	return buf.Bytes()
}

// sameAsJSON fails unless RecordWriter writes recs as encoding/json does,
// showing the first line that differs.
func sameAsJSON(t testing.TB, recs []sim.Record) {
	t.Helper()
	got, want := writeRecords(t, recs), encodeJSON(t, recs)
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := range min(len(gl), len(wl)) {
		if !bytes.Equal(gl[i], wl[i]) {
			t.Fatalf("record %d differs from encoding/json:\n got %s\nwant %s", i, gl[i], wl[i])
		}
	}
	t.Fatalf("%d lines written, encoding/json writes %d", len(gl), len(wl))
}

// TestRecordWriterMatchesJSON compares the writer with encoding/json on
// every record of every built-in scenario (two replications, so that the
// replication is not always 0).
func TestRecordWriterMatchesJSON(t *testing.T) {
	for _, name := range scenarios.Names() {
		t.Run(name, func(t *testing.T) {
			s, err := scenarios.Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if testing.Short() && s.Horizon > model.Day {
				s.Horizon = model.Day
			}
			p, err := sim.Compile(s)
			if err != nil {
				t.Fatal(err)
			}
			var recs []sim.Record
			for rep := range 2 {
				if _, err := p.Run(context.Background(), sim.Options{Rep: rep, Records: func(r *sim.Record) {
					recs = append(recs, *r)
				}}); err != nil {
					t.Fatal(err)
				}
			}
			if len(recs) == 0 {
				t.Fatal("no records")
			}
			sameAsJSON(t, recs)
		})
	}
}

// trickyStrings are names a scenario may hold that JSON must escape, or
// must not: HTML characters (encoding/json's HTML escaping is off),
// U+2028 and U+2029 (escaped always), control characters, quotes,
// backslashes, invalid UTF-8, and multi-byte characters.
var trickyStrings = []string{
	"", "Main", "<script>&amp;</script>", "a\u2028b\u2029c", "\u2028", "tab\there",
	"\x00\x01\x07\b\f\n\r\t\x1b\x1f\x7f", `quote " and \ backslash`, "caf\xc3", "\xff\xfe",
	"\xe2\x80", "\xe2\x80\xa8\xe2\x80", "日本語 ± € 😀", "\u00e9\u0301", "\ufffd", "\xed\xa0\x80",
}

// trickyTimes are instants at the edges of the timestamp format: the zero
// time (null), before 1970, sub-second parts, years outside 0 to 9999,
// another time zone, leap days.
var trickyTimes = []time.Time{
	{},
	time.Date(2024, 6, 3, 11, 38, 39, 999_999_999, time.UTC),
	time.Date(2024, 2, 29, 23, 59, 59, 0, time.UTC),
	time.Date(1969, 12, 31, 23, 59, 59, 500_000_000, time.UTC),
	time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC),
	time.Date(0, 3, 1, 0, 0, 0, 0, time.UTC),
	time.Date(-1, 12, 31, 23, 0, 0, 0, time.UTC),
	time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
	time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
	time.Date(2100, 3, 1, 0, 0, 0, 0, time.FixedZone("X", -5*3600-1800)),
	time.Date(2000, 2, 29, 12, 0, 0, 0, time.FixedZone("Y", 14*3600)),
}

var trickyDurations = []model.Duration{0, 499, 500, 1500, -500, -1499, -1500, 7 * model.Day, math.MaxInt64 / 2, math.MinInt64 / 2}

// TestRecordWriterTricky compares the writer with encoding/json on
// hand-built records with tricky names, instants and durations, and with
// every optional part set or not.
func TestRecordWriterTricky(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(ss []string) string { return ss[rng.IntN(len(ss))] }
	tm := func() time.Time { return trickyTimes[rng.IntN(len(trickyTimes))] }
	dur := func() model.Duration { return trickyDurations[rng.IntN(len(trickyDurations))] }
	ids := []int64{0, 1, 2, 0xfff, 1<<48 - 1, 1 << 48, math.MaxInt64}
	reps := []int{0, 1, 255, 1<<32 - 1, 1 << 32, math.MaxInt32}
	methods := []string{"", sim.MethodInbound, sim.MethodCallback, sim.MethodCFQueued, sim.MethodCFDialed, pick(trickyStrings)}
	var recs []sim.Record
	for range 5000 {
		recs = append(recs, sim.Record{
			Rep: reps[rng.IntN(len(reps))], ID: ids[rng.IntN(len(ids))], InitialID: ids[rng.IntN(len(ids))],
			PreviousID: ids[rng.IntN(len(ids))], NextID: ids[rng.IntN(len(ids))],
			InitiationMethod: methods[rng.IntN(len(methods))], ScriptID: pick(trickyStrings),
			Initiation: tm(), ConnectedToSystem: tm(), Disconnect: tm(), DisconnectReason: pick(trickyStrings),
			Queue: pick(trickyStrings), Enqueue: tm(), Dequeue: tm(),
			QueueDuration: dur(), InQueueDuration: dur(), ScheduledDuration: dur(), BookedDuration: dur(),
			Agent: pick(trickyStrings), ConnectedToAgent: tm(),
			AgentInteractionDuration: dur(), AfterContactWorkDuration: dur(),
			AgentConnectionAttempts: rng.IntN(5) - 1, Outcome: pick(trickyStrings),
			CallbackType: pick(trickyStrings), DialAttempts: rng.IntN(30),
			Customer: ids[rng.IntN(len(ids))], Attempt: rng.IntN(4),
		})
	}
	sameAsJSON(t, recs)
}

// TestAppendTimestamp compares AppendTimestamp with FormatTimestamp on
// random instants from year -3000 to 12000.
func TestAppendTimestamp(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	lo := time.Date(-3000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	times := trickyTimes[1:]
	for range 200_000 {
		times = append(times, time.Unix(lo+rng.Int64N(hi-lo), rng.Int64N(1e9)))
	}
	var b []byte
	for _, tm := range times {
		b = reports.AppendTimestamp(b[:0], tm)
		if want := reports.FormatTimestamp(tm); string(b) != want {
			t.Fatalf("AppendTimestamp(%v) = %s, want %s", tm, b, want)
		}
	}
}

// TestRecordWriterAllocs checks that writing a record allocates nothing.
func TestRecordWriterAllocs(t *testing.T) {
	recs := johnRecords()
	w := reports.NewRecordWriter(discard{})
	allocs := testing.AllocsPerRun(1000, func() {
		for i := range recs {
			if err := w.Write(&recs[i]); err != nil {
				t.Fatal(err)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per %d records, want none", allocs, len(recs))
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// FuzzRecordWriter compares the writer with encoding/json on records
// whose strings, instants, durations and numbers the fuzzer chooses.
func FuzzRecordWriter(f *testing.F) {
	for i, s := range trickyStrings {
		f.Add(s, s, s, s, i, int64(i), int64(i)*86400*365, int64(i)*123456789, int64(i)*1000-5000, i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, queue, agent, script, outcome string, rep int, id, secs, nsec, dur int64, callback bool) {
		at := time.Unix(secs%(1<<40), nsec%1e9)
		r := sim.Record{
			Rep: rep, ID: id, NextID: id / 2, InitiationMethod: sim.MethodInbound, ScriptID: script,
			Initiation: at, ConnectedToSystem: at, Disconnect: at.Add(time.Duration(dur)),
			DisconnectReason: outcome, Queue: queue, Enqueue: at, Dequeue: at.Add(time.Duration(dur) / 2),
			QueueDuration: model.Duration(dur), InQueueDuration: model.Duration(dur / 3),
			Agent: agent, ConnectedToAgent: at, AgentInteractionDuration: model.Duration(-dur),
			AfterContactWorkDuration: model.Duration(dur / 7), AgentConnectionAttempts: rep, Outcome: outcome,
		}
		if callback {
			r.InitiationMethod, r.CallbackType, r.InitialID, r.PreviousID = sim.MethodCallback, agent, id/3, id/5
			r.ScheduledDuration, r.BookedDuration, r.DialAttempts = model.Duration(dur/11), model.Duration(dur), rep
		}
		sameAsJSON(t, []sim.Record{r})
	})
}

// TestRecordWriterRedials: with redials on, records carry the customer
// and attempt attributes, written as encoding/json writes them.
func TestRecordWriterRedials(t *testing.T) {
	l, err := scenarios.ResolveWith("planning-week", []scenarios.Set{{Path: "contact_types[sales].redial",
		Value: "{after_abandon: 0.8, after_unreached_callback: 0.8, delay: 5m}"}})
	if err != nil {
		t.Fatal(err)
	}
	l.Scenario.Horizon = model.Day
	p, err := sim.Compile(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	var recs []sim.Record
	redials := 0
	if _, err := p.Run(context.Background(), sim.Options{Rep: 1, Records: func(r *sim.Record) {
		recs = append(recs, *r)
		if r.Attempt > 1 {
			redials++
		}
	}}); err != nil {
		t.Fatal(err)
	}
	if redials == 0 {
		t.Fatal("no redial records")
	}
	sameAsJSON(t, recs)
}
