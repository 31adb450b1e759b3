package scenarios_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/scenarios"
)

// FuzzParse checks that no input crashes the parser, that every failure is
// a well-formed [*scenarios.Error], and that whatever Parse accepts is
// valid and already normalized.
func FuzzParse(f *testing.F) {
	for _, name := range scenarios.Names() {
		src, err := scenarios.Source(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		base,
		"",
		"---\n",
		"name: [\n",
		"horizon: -5s\n",
		"horizon: 8h\nhorizon: 9h\n",
		"a: &a [*a, *a]\nb: *a\n",
		"queues: &q [{name: Q}]\nrouting_profiles: [{name: P, queues: *q}]\n",
		"<<: {horizon: 8h}\n",
		"contact_types: [{talk: {dist: weibull, mean: 5m, shape: .inf}}]\n",
		"start: 2024-06-03T11:30:00+02:00\nhorizon: 1h\n",
		"time_zone: Europe/Berlin\nstart: 2024-03-31T01:00:00+01:00\nhorizon: 3h\nagents: [{name: a, shifts: [{start: \"02:30\", end: 2h}]}]\n",
		"time_zone: Nowhere/Never\nhorizon: 1h\n",
		"script: [{id: x, at: \"23:59:59\", callback_after: 1ms}]\n",
		"agents: [{name: a, shifts: [{start: \"11:39\", end: 7d}]}]\n",
		"agents: [{name: a, count: 5, shifts: [{days: [mon], start: \"22:00\", end: \"06:00\", breaks: [{window: {from: \"23:00\", to: \"02:00\"}, duration: 30m, kind: lunch}, {start: 7h, duration: 15m}]}]}]\n",
		"agents: [{name: a, roster: r.csv, shifts: [{start: 0s}]}]\n",
		"\xff\xfeh\x00",
		// Plans, read relative to the package directory.
		"horizon: 7d\nqueues: [{name: Q}]\nrouting_profiles: [{name: P, queues: [{queue: Q}]}]\n" +
			"agents: [{name: a, count: 26, profile: P, staffing: builtin/planning-week-staffing.csv}]\n" +
			"contact_types: [{name: c, queue: Q, forecast: builtin/planning-week-forecast.csv, talk: 5m}]\n",
		"horizon: 1h\ninterval: 15m\nagents: [{staffing: builtin/nope.csv}]\ncontact_types: [{forecast: builtin}]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := scenarios.Parse("fuzz.yaml", data)
		if err != nil {
			checkError(t, data, err)
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("Parse accepted a scenario that Validate rejects: %v", err)
		}
		// Normalize must be idempotent on what Parse returns, and
		// parsing must be deterministic.
		s2, err := scenarios.Parse("fuzz.yaml", data)
		if err != nil {
			t.Fatalf("second Parse failed: %v", err)
		}
		s2.Normalize()
		if !reflect.DeepEqual(s, s2) {
			t.Fatalf("Normalize changed a parsed scenario:\n%+v\n%+v", s, s2)
		}
		if err := s2.Validate(); err != nil {
			t.Fatalf("Validate after a second Normalize: %v", err)
		}
	})
}

func checkError(t *testing.T, data []byte, err error) {
	t.Helper()
	if !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("error does not match model.ErrInvalid: %v", err)
	}
	var perr *scenarios.Error
	if !errors.As(err, &perr) {
		t.Fatalf("error is %T, want *scenarios.Error: %v", err, err)
	}
	if len(perr.Problems) == 0 {
		t.Fatal("*scenarios.Error with no problems")
	}
	// An upper bound on the lines of data: go-yaml breaks lines at \n,
	// \r\n, a lone \r, NEL, LS and PS.
	// UTF-16 input (with a byte order mark) is decoded first.
	text := data
	if bytes.HasPrefix(data, []byte("\xfe\xff")) || bytes.HasPrefix(data, []byte("\xff\xfe")) {
		order := binary.ByteOrder(binary.BigEndian)
		if data[0] == 0xff {
			order = binary.LittleEndian
		}
		var u []uint16
		for i := 2; i+1 < len(data); i += 2 {
			u = append(u, order.Uint16(data[i:]))
		}
		text = []byte(string(utf16.Decode(u)))
	}
	lines := 1
	for _, brk := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029"} {
		lines += bytes.Count(text, []byte(brk))
	}
	for _, p := range perr.Problems {
		if p.Msg == "" {
			t.Errorf("problem with no message: %+v", p)
		}
		if p.File != "" {
			// A problem in a plan file the scenario names: its
			// line is that file's.
			if p.Line < 0 {
				t.Errorf("problem line %d in %s: %v", p.Line, p.File, p)
			}
			continue
		}
		if p.Line < 0 || p.Line > lines {
			t.Errorf("problem line %d outside the input's %d lines: %v", p.Line, lines, p)
		}
	}
	if perr.Error() == "" {
		t.Error("empty error message")
	}
}

// FuzzPlanCSV checks that no input crashes the forecast and staffing-plan
// readers, that every failure is a well-formed [*scenarios.Error] about
// the CSV file, and that every plan they accept holds values the
// simulator can use, rows in file order, the first at the start.
func FuzzPlanCSV(f *testing.F) {
	for _, s := range []string{
		goodForecast,
		goodStaffing,
		"interval_start,offered\n2024-06-03T00:00:00Z,1e2\n",
		"\xef\xbb\xbfAHT,Offered,Interval_Start\r\n300,1,2024-06-03 00:00\r\n,,\r\n",
		"# c\ninterval_start,agents\n\"2024-06-03 00:00\",\"3\"\n2024-06-03 00:30,4.0\n",
		"interval_start,offered,aht\n2024-06-03 00:00,1\"0,300\n",
		// Local times in Berlin the night clocks go back.
		"interval_start,offered\n2024-10-27 01:30,1\n2024-10-27T02:00:00+02:00,1\n2024-10-27 02:30,1\n",
		"interval_start,offered\n2024-10-27 02:00+01:00,1\n2024-03-31 02:30,1\n",
	} {
		f.Add([]byte(s))
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		f.Fatal(err)
	}
	const interval = 30 * model.Minute
	f.Fuzz(func(t *testing.T, data []byte) {
		// Lines end at LF, CRLF or a lone CR (old Mac files), as the
		// reader reads them.
		lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
		for i, read := range []func(string, []byte, time.Time, model.Duration) (*model.Plan, error){
			scenarios.ReadForecast, scenarios.ReadStaffing, scenarios.ReadForecast,
		} {
			start := model.DefaultStart
			if i == 2 {
				start = time.Date(2024, 10, 27, 1, 30, 0, 0, berlin)
			}
			p, err := read("fuzz.csv", data, start, interval)
			if err != nil {
				if p != nil {
					t.Errorf("a plan and an error: %+v, %v", p, err)
				}
				var perr *scenarios.Error
				if !errors.As(err, &perr) || !errors.Is(err, model.ErrInvalid) {
					t.Fatalf("error is %T, want *scenarios.Error wrapping ErrInvalid: %v", err, err)
				}
				if perr.File != "fuzz.csv" || len(perr.Problems) == 0 || len(perr.Problems) > 11 {
					t.Fatalf("*Error for %q with %d problems: %v", perr.File, len(perr.Problems), err)
				}
				for _, pr := range perr.Problems {
					if pr.Msg == "" || pr.File != "" || pr.Line < 0 || pr.Line > lines {
						t.Errorf("bad problem (input has %d lines): %+v", lines, pr)
					}
				}
				continue
			}
			if p.File != "fuzz.csv" || p.Interval != interval || len(p.Rows) == 0 {
				t.Fatalf("plan = %q, %v, %d rows", p.File, p.Interval, len(p.Rows))
			}
			prev := 0
			for _, r := range p.Rows {
				if r.Line <= prev || r.Line > lines {
					t.Errorf("row line %d after %d (input has %d lines)", r.Line, prev, lines)
				}
				prev = r.Line
				if !(r.Offered >= 0 && r.Offered <= scenarios.MaxOffered) || r.AHT < 0 || r.AHT > scenarios.MaxAHT ||
					r.Agents < 0 || r.Agents > scenarios.MaxPlanAgents {
					t.Errorf("row out of range: %+v", r)
				}
			}
			again, err := read("fuzz.csv", data, start, interval)
			if err != nil || !reflect.DeepEqual(p, again) {
				t.Fatalf("a second read differs: %+v, %v", again, err)
			}
		}
	})
}

// FuzzRosterCSV: a roster file gives shifts a scenario accepts, or an
// *Error naming the file with problems on lines of the input; never a
// panic.
func FuzzRosterCSV(f *testing.F) {
	for _, s := range []string{
		"group,template,day,start,end,breaks\na,early,mon,08:00,16:00,10:00-10:15;12:00-12:30 lunch\n",
		"Group,Day,Start,End\r\nb,2024-06-03,22:00,06:00\r\n",
		"group,day,start,end,breaks\na,sun,23:30,07:30,23:45-00:15;03:00-03:30 lunch\n",
		"group,day,start,end,breaks\na,2024-03-31,01:00,05:00,02:30-03:00\n",
		"group,day,start,end\na,mon,08:00,08:00\n",
		"group,day,start,end,breaks\na,mon,08:00,16:00,\"12:00-12:30;;\"\n",
		"group,agent,day,start,end\na,x-01,mon,08:00,16:00\na,x-01,tue,08:00,16:00\na,,tue,08:00,16:00\nb,x-01,mon,09:00,17:00\n",
		"group,agent,day,start,end\na,x,sun,22:00,06:00\na,x,mon,05:00,09:00\n",
		"group,agent,day,start,end\na,x,2024-06-03,08:00,16:00\na,x,mon,15:00,20:00\n",
	} {
		f.Add([]byte(s))
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
		for _, start := range []time.Time{model.DefaultStart, time.Date(2024, 3, 30, 0, 0, 0, 0, berlin)} {
			r, err := scenarios.ReadRoster("fuzz.csv", data, start, []string{"a", "b"})
			if err != nil {
				var perr *scenarios.Error
				if !errors.As(err, &perr) || !errors.Is(err, model.ErrInvalid) || perr.File != "fuzz.csv" || len(perr.Problems) == 0 {
					t.Fatalf("error is %T, want *scenarios.Error for fuzz.csv wrapping ErrInvalid: %v", err, err)
				}
				for _, pr := range perr.Problems {
					if pr.Msg == "" || pr.Line < 0 || pr.Line > lines {
						t.Errorf("bad problem (input has %d lines): %+v", lines, pr)
					}
				}
				continue
			}
			// What the reader accepts, the model accepts.
			s := &model.Scenario{Name: "f", Start: start, Horizon: 2 * model.Day,
				Queues:          []model.Queue{{Name: "Q"}},
				RoutingProfiles: []model.RoutingProfile{{Name: "P", Queues: []model.ProfileQueue{{Queue: "Q", Priority: 1}}}},
				ContactTypes:    []model.ContactType{{Name: "c", Queue: "Q", PerHour: 1, Talk: model.Fixed(model.Minute)}}}
			for name, gr := range r {
				if gr.Agents != nil && (len(gr.Agents) != len(gr.Shifts) || slices.Max(gr.Agents) >= len(gr.Names)) {
					t.Fatalf("group %s: %d agents for %d shifts, %d names", name, len(gr.Agents), len(gr.Shifts), len(gr.Names))
				}
				s.Agents = append(s.Agents, model.AgentGroup{Name: name, Profile: "P", Roster: "fuzz.csv", RosterShifts: gr.Shifts, RosterAgents: gr.Agents, MissedLockout: model.Second})
			}
			if len(s.Agents) == 0 {
				t.Fatal("no error and no shifts")
			}
			if err := s.Check(); err != nil {
				t.Fatalf("the model refuses the roster read from %q: %v", data, err)
			}
		}
	})
}
