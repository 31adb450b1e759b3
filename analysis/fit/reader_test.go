package fit

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

const recA = `{"ContactId":"a","InitialContactId":null,"PreviousContactId":null,"NextContactId":"b","Channel":"VOICE","InitiationMethod":"INBOUND","InitiationTimestamp":"2024-06-03T11:35:00Z","ConnectedToSystemTimestamp":"2024-06-03T11:35:00Z","DisconnectTimestamp":"2024-06-03T11:37:00Z","DisconnectReason":"CONTACT_FLOW_DISCONNECT","AgentConnectionAttempts":0,"Queue":{"Name":"Inbound\u0051","EnqueueTimestamp":"2024-06-03T11:35:00Z","DequeueTimestamp":"2024-06-03T11:37:00Z","Duration":120},"Agent":null,"Attributes":{"x":"{\"}"}}`
const recB = `{"ContactId":"b","PreviousContactId":"a","InitiationMethod":"CALLBACK","InitiationTimestamp":"2024-06-03T11:37:00.000Z","DisconnectTimestamp":"2024-06-03T11:45:00Z","Queue":{"Name":"CallbackQueue","EnqueueTimestamp":"2024-06-03T11:38:39Z","DequeueTimestamp":"2024-06-03T11:39:00Z","Duration":120},"Agent":{"Username":"agent","ConnectedToAgentTimestamp":"2024-06-03T11:39:25Z","AgentInteractionDuration":335.4,"AfterContactWorkDuration":0,"Hierarchy":[1,2,{"a":[]}]},"Attributes":{"ccsim_outcome":"handled"}}`

type seen struct {
	id, next  uint64
	method    uint8
	queue     string
	agent     string
	init, enq int64
	talk, acw int64
	queueDur  int64
	outcome   string
}

func readAll(t *testing.T, data []byte, opt ReadOptions) ([]seen, *Reader, error) {
	t.Helper()
	rd := NewReader(opt)
	var out []seen
	err := rd.Read("in.json", bytes.NewReader(data), func(r *Record) error {
		s := seen{id: r.ID, next: r.Next, method: r.Method, init: r.Initiation, enq: r.Enqueue,
			talk: r.AgentInteraction, acw: r.AfterContactWk, queueDur: r.QueueDuration, outcome: r.Outcome}
		if r.Queue >= 0 {
			s.queue = rd.Queues[r.Queue]
		}
		if r.Agent >= 0 {
			s.agent = rd.Agents[r.Agent]
		}
		out = append(out, s)
		return nil
	})
	return out, rd, err
}

func ms(s string) int64 {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UnixMilli()
}

func TestReader_Framings(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"json lines", []byte(recA + "\n" + recB + "\n")},
		{"concatenated", []byte(recA + recB)},
		{"pretty", []byte(strings.ReplaceAll(recA, ",", ",\n  ") + "\r\n\n" + recB)},
		{"gzip", gz(recA + "\n" + recB)},
		{"duplicate", []byte(recA + "\n" + recB + "\n" + recA + "\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, rd, err := readAll(t, tc.data, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 {
				t.Fatalf("got %d records, want 2", len(got))
			}
			a, b := got[0], got[1]
			if a.method != MethodInbound || a.queue != "InboundQ" || a.queueDur != 120 || a.next != hashID([]byte("b")) || a.agent != "" {
				t.Errorf("record a: %+v", a)
			}
			if b.method != MethodCallback || b.init != ms("2024-06-03T11:37:00Z") || b.enq != ms("2024-06-03T11:38:39Z") || b.talk != 335 || b.acw != 0 || b.agent != "agent" || b.outcome != "handled" {
				t.Errorf("record b: %+v", b)
			}
			if wantDup := int64(strings.Count(tc.name, "duplicate")); rd.Stats.Duplicates != wantDup {
				t.Errorf("duplicates %d, want %d", rd.Stats.Duplicates, wantDup)
			}
		})
	}
}

func TestReader_Malformed(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
	}{
		{"bad timestamp", recA + "\n" + strings.Replace(recB, "11:45:00Z", "11:45Z", 1) + "\n", `in.json:2: malformed contact record: DisconnectTimestamp: "2024-06-03T11:45Z" is not a UTC timestamp`},
		{"not an object", recA + "\n[1,2]\n", `in.json:2: expected a JSON object ({...}), found "[1,2]\n"`},
		{"cut off", recA + "\n" + recB[:100], `in.json:2: the last object is cut off`},
		{"missing colon", recA + "\n\n" + strings.Replace(recB, `"Duration":120`, `"Duration" 120`, 1), `in.json:3: malformed contact record: expected ':'`},
		{"trailing garbage", `{"ContactId":"x"}` + "\nhello\n", `in.json:2: expected a JSON object`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := readAll(t, []byte(tc.data), ReadOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			got, rd, err := readAll(t, []byte(tc.data), ReadOptions{SkipBad: true})
			if err != nil {
				t.Fatalf("with SkipBad: %v", err)
			}
			if rd.Stats.Bad != 1 || len(got) != 1 {
				t.Fatalf("with SkipBad: %d bad, %d read; want 1 and 1", rd.Stats.Bad, len(got))
			}
		})
	}
}

// TestParseTime holds the fast path equal to time.Parse.
func TestParseTime(t *testing.T) {
	for _, s := range []string{"2024-06-03T11:35:00Z", "2024-02-29T23:59:59Z", "1969-12-31T23:59:59Z", "2100-03-01T00:00:00Z", "2024-06-03T11:35:00.250Z", "2024-06-03T13:35:00+02:00"} {
		got, ok := parseTime([]byte(s))
		if !ok || got != ms(s) {
			t.Errorf("%s: got %d %v, want %d", s, got, ok, ms(s))
		}
	}
	for _, s := range []string{"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-06-03 11:35:00", "yesterday"} {
		if _, ok := parseTime([]byte(s)); ok {
			t.Errorf("%s accepted", s)
		}
	}
}

// FuzzParse holds the hand parser to encoding/json: whatever it accepts,
// encoding/json accepts, with the same queue name and talk time.
func FuzzParse(f *testing.F) {
	f.Add([]byte(recA))
	f.Add([]byte(recB))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd := NewReader(ReadOptions{})
		rd.p.b, rd.p.i = data, 0
		if rd.p.record() != nil {
			return
		}
		var v struct {
			Queue *struct{ Name *string }
		}
		if err := json.Unmarshal(data, &v); err != nil {
			// The hand parser is lenient about what it skips (numbers
			// such as 01, invalid UTF-8); it must still not panic.
			return
		}
		if rd.rec.Queue >= 0 && (v.Queue == nil || v.Queue.Name == nil || *v.Queue.Name != rd.Queues[rd.rec.Queue]) {
			t.Errorf("queue %q, encoding/json %+v", rd.Queues[rd.rec.Queue], v.Queue)
		}
	})
}

// TestIDSet_Window: a duplicate within the window is dropped, one more
// than two windows later is not (the memory stays flat instead).
func TestIDSet_Window(t *testing.T) {
	s := idSet{window: 4}
	for i := uint64(1); i <= 4; i++ {
		if !s.add(i) {
			t.Fatalf("%d: new id reported a duplicate", i)
		}
	}
	if s.add(2) || s.add(4) {
		t.Error("duplicates within the window not recognised")
	}
	for i := uint64(5); i <= 12; i++ {
		s.add(i)
	}
	if !s.add(1) {
		t.Error("an id two windows back should be forgotten")
	}
	if s.add(11) {
		t.Error("a recent id was forgotten")
	}
}

// FuzzRead feeds arbitrary bytes through the framing, with and without
// SkipBad: an error or records, never a panic or a hang.
func FuzzRead(f *testing.F) {
	f.Add([]byte(recA + "\n" + recB))
	f.Add([]byte(recA + recB[:50]))
	f.Add([]byte("{\n}\n[]{{}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, skip := range []bool{false, true} {
			rd := NewReader(ReadOptions{SkipBad: skip})
			n := 0
			_ = rd.Read("fuzz", bytes.NewReader(data), func(*Record) error { n++; return nil })
			if int64(n) > rd.Stats.Records {
				t.Fatalf("%d records passed on, %d read", n, rd.Stats.Records)
			}
		}
	})
}
