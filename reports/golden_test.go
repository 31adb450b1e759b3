package reports_test

import (
	"bytes"
	"flag"
	"github.com/ccsim/ccsim/analysis"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/sim"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

var update = flag.Bool("update", false, "update golden files")

func TestMain(m *testing.M) {
	// "±" is an East Asian ambiguous-width character: tablewriter counts
	// it as two columns under a CJK locale, as such terminals show it.
	// The golden files are for every other locale.
	twwidth.SetEastAsian(false)
	os.Exit(m.Run())
}

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./reports -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// checkWidth fails if a line of a text report is wider than MaxWidth.
func checkWidth(t *testing.T, out []byte) {
	t.Helper()
	for i, line := range strings.Split(string(out), "\n") {
		// Columns on a terminal, as tablewriter counts them, not bytes:
		// "±" and a queue named "Café" take one column a character.
		if w := twwidth.Width(line); w > reports.MaxWidth {
			t.Errorf("line %d is %d columns wide (max %d): %q", i+1, w, reports.MaxWidth, line)
		}
	}
}

var day = time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC)

// at returns hh:mm:ss on the test day.
func at(h, m, s int) time.Time { return day.Add(time.Duration(h*3600+m*60+s) * time.Second) }

// johnRecords are the two records of Amazon Connect's queued-callback
// example (the documented values, docs/domain.md section 2), built by hand.
func johnRecords() []sim.Record {
	return []sim.Record{
		{
			ID:                1,
			NextID:            2,
			InitiationMethod:  sim.MethodInbound,
			ScriptID:          "john",
			Initiation:        at(11, 35, 0),
			ConnectedToSystem: at(11, 35, 0),
			Disconnect:        at(11, 37, 0),
			DisconnectReason:  sim.ReasonFlow,
			Queue:             "InboundQueue",
			Enqueue:           at(11, 35, 0),
			Dequeue:           at(11, 37, 0),
			QueueDuration:     120 * model.Second,
			InQueueDuration:   120 * model.Second,
			Outcome:           "callback_requested",
		},
		{
			ID:                       2,
			InitialID:                1,
			PreviousID:               1,
			InitiationMethod:         sim.MethodCallback,
			ScriptID:                 "john",
			Initiation:               at(11, 37, 0),
			ConnectedToSystem:        at(11, 39, 10),
			Disconnect:               at(11, 45, 0),
			DisconnectReason:         sim.ReasonCustomer,
			Queue:                    "CallbackQueue",
			Enqueue:                  at(11, 38, 39),
			Dequeue:                  at(11, 39, 0),
			QueueDuration:            120 * model.Second,
			InQueueDuration:          21 * model.Second,
			ScheduledDuration:        99 * model.Second,
			Agent:                    "agent",
			ConnectedToAgent:         at(11, 39, 25),
			AgentInteractionDuration: 335 * model.Second,
			AgentConnectionAttempts:  1,
			Outcome:                  "handled",
			CallbackType:             "queued",
			DialAttempts:             1,
		},
	}
}

// oddRecords exercise the edge cases: a contact blocked by a full queue
// (no enqueue), an abandon the next day with milliseconds, and an
// unreached callback of a stochastic contact (no script id, no agent).
func oddRecords() []sim.Record {
	return []sim.Record{
		{
			Rep:               3,
			ID:                7,
			InitiationMethod:  sim.MethodInbound,
			ScriptID:          "full",
			Initiation:        at(9, 0, 0),
			ConnectedToSystem: at(9, 0, 0),
			Disconnect:        at(9, 0, 0),
			DisconnectReason:  sim.ReasonQueueFull,
			Queue:             "Sales",
			Outcome:           "blocked",
		},
		{
			Rep:               3,
			ID:                8,
			InitiationMethod:  sim.MethodInbound,
			Initiation:        at(23, 59, 30),
			ConnectedToSystem: at(23, 59, 30),
			Disconnect:        at(24, 0, 41).Add(500 * time.Millisecond),
			DisconnectReason:  sim.ReasonCustomer,
			Queue:             "Sales",
			Enqueue:           at(23, 59, 30),
			Dequeue:           at(24, 0, 41).Add(500 * time.Millisecond),
			QueueDuration:     71500 * model.Millisecond,
			InQueueDuration:   71500 * model.Millisecond,
			Outcome:           "abandoned",
		},
		{
			Rep:                     3,
			ID:                      9,
			InitialID:               5,
			PreviousID:              5,
			InitiationMethod:        sim.MethodCallback,
			Initiation:              at(10, 0, 0),
			Disconnect:              at(10, 40, 5),
			DisconnectReason:        sim.ReasonTimeout,
			Queue:                   "Sales",
			Enqueue:                 at(10, 39, 0),
			Dequeue:                 at(10, 39, 0),
			QueueDuration:           39 * model.Minute,
			InQueueDuration:         3 * model.Minute,
			ScheduledDuration:       36 * model.Minute,
			AgentConnectionAttempts: 3,
			Outcome:                 "unreached",
			CallbackType:            "customer_first",
			DialAttempts:            3,
		},
	}
}

// johnDoc is the documented example, abridged.
func johnDoc() *model.Documented {
	return &model.Documented{
		Source: "Amazon Connect Administrator Guide, \"Real-time metrics example for a queued callback flow\" " +
			"(docs.aws.amazon.com/connect/latest/adminguide/queued-callback-example.html)",
		Note: "An older version of the page has the agent accept at 11:40:00 yet keeps the 120 s queue " +
			"duration (99 + 21 s); 11:38:39 to 11:40:00 is 81 s, so that version contradicts itself and " +
			"cannot be reproduced. ccsim reproduces the current version.",
		Checks: []model.Check{
			{Contact: "john", Record: "INBOUND", Field: "InitiationTimestamp", Want: "11:35"},
			{Contact: "john", Record: "INBOUND", Field: "DisconnectTimestamp", Want: "11:37:00"},
			{Contact: "john", Record: "INBOUND", Field: "ConnectedToAgentTimestamp", Want: "N/A"},
			{Contact: "john", Record: "INBOUND", Field: "NextContactId", Want: "->CALLBACK"},
			{Contact: "john", Record: "INBOUND", Field: "DisconnectReason", Want: "CONTACT_FLOW_DISCONNECT"},
			{Contact: "john", Record: "CALLBACK", Field: "NextContactId", Want: sim.ContactID(0, 3)},
			{Contact: "john", Record: "CALLBACK", Field: "PreviousContactId", Want: "->INBOUND"},
			{Contact: "john", Record: "CALLBACK", Field: "EnqueueTimestamp", Want: "11:38:39"},
			{Contact: "john", Record: "CALLBACK", Field: "DequeueTimestamp", Want: "11:40:00"},
			{Contact: "john", Record: "CALLBACK", Field: "QueueDuration", Want: "120s"},
			{Contact: "john", Record: "CALLBACK", Field: "AgentInteractionDuration", Want: "5m35s"},
			{Contact: "john", Record: "CALLBACK", Field: "DisconnectReason", Want: "CUSTOMER_DISCONNECT"},
			{Contact: "jane", Record: "INBOUND", Field: "Queue", Want: "InboundQueue"},
		},
	}
}

// twoQueues is a hand-built result with two queues, callbacks in one of
// them, two agent groups and a queue where nothing was answered.
func twoQueues() *sim.Result {
	return &sim.Result{
		Scenario:     "two-queues",
		Seed:         42,
		Rep:          0,
		Start:        day.Add(8 * time.Hour),
		Horizon:      8 * model.Hour,
		ServiceLevel: 30 * model.Second,
		Events:       123456,
		Queues: []sim.QueueResult{
			{
				Name: "Sales",
				Inbound: sim.InboundStats{
					Arrived: 1000, Handled: 850, Abandoned: 60, Blocked: 10, CallbackTransferred: 75, InSystem: 5,
					CallbackOffered: 200, CallbackDeclined: 125,
					AnsweredWithin: 700, RemovedWithin: 760,
					WaitAnswered: 850 * 12345, WaitAbandoned: 60 * 90000, AgentAttempts: 870,
				},
				Callback: sim.CallbackStats{
					Requested: 75, Handled: 68, Voicemail: 6, Expired: 1, Unreached: 4, InSystem: 2,
					DialAttempts: 85, FailedAttempts: 17, NoAnswer: 12, Busy: 4, Invalid: 1,
					AgentTimeLost: 17*10000 + 12*60000 + 4*5000, Connected: 68, RequestToConnect: 68 * 900000,
					Scheduled: 75 * 600000, InQueue: 75 * 240000, AgentAttempts: 86,
				},
				// The 990 inbound contacts that queued and 87 callback legs.
				Queued: sim.QueuedStats{
					All: sim.LegStats{Queued: 1077, Left: 1070, InSystem: 7, Answered: 935, Abandoned: 60, Connected: 918,
						AnsweredWithin: 780, RemovedWithin: 840, WaitAnswered: 850*12345 + 85*30000, WaitAbandoned: 60 * 90000,
						MaxWait: 600000, Finished: 900, HandleTime: 900 * 300000, ACW: 900 * 30000},
					Callback: sim.LegStats{Queued: 87, Left: 85, InSystem: 2, Answered: 85, Connected: 68,
						AnsweredWithin: 80, RemovedWithin: 80, WaitAnswered: 85 * 30000,
						MaxWait: 300000, Finished: 66, HandleTime: 66 * 360000, ACW: 66 * 30000},
				},
			},
			{
				Name:    "Support",
				Inbound: sim.InboundStats{Arrived: 3, Abandoned: 1, InSystem: 2, WaitAbandoned: 45000, AgentAttempts: 0},
			},
		},
		Agents: []sim.AgentResult{
			{Name: "sales", Agents: 12, Contacts: 918,
				AgentTime: sim.AgentTime{Idle: 3_600_000, Reserved: 1_200_000, Talk: 20_000_000, ACW: 4_000_000, Offline: 100_000}},
			{Name: "night", Agents: 2, AgentTime: sim.AgentTime{Offline: 2 * 8 * 3_600_000}},
		},
	}
}

func TestRecordsTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		recs []sim.Record
	}{
		{"john", johnRecords()},
		{"odd", oddRecords()},
	} {
		for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
			t.Run(tc.name+"/"+string(f), func(t *testing.T) {
				var b bytes.Buffer
				if err := reports.RecordsTable(&b, f, tc.recs); err != nil {
					t.Fatal(err)
				}
				checkWidth(t, b.Bytes())
				golden(t, "records_"+tc.name+"."+string(f)+".golden", b.Bytes())
			})
		}
	}
}

func TestRecordsTable_splitsWideTables(t *testing.T) {
	recs := append(johnRecords(), oddRecords()...)
	var b bytes.Buffer
	if err := reports.RecordsTable(&b, reports.FormatTable, recs); err != nil {
		t.Fatal(err)
	}
	checkWidth(t, b.Bytes())
	out := b.String()
	for i, h := range []string{"1 INBOUND", "2 CALLBACK", "3 INBOUND", "4 CALLBACK", "5 INBOUND"} {
		if !strings.Contains(out, "| "+h+" ") {
			t.Errorf("column %d %q missing", i+1, h)
		}
	}
	if got := strings.Count(out, "| field "); got < 2 {
		t.Errorf("got %d tables, want the 5 records split over at least 2:\n%s", got, out)
	}
}

func TestCheckTable(t *testing.T) {
	doc := johnDoc()
	rows := analysis.Check(johnRecords(), doc, day.Add(11*time.Hour+30*time.Minute))
	for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
		t.Run(string(f), func(t *testing.T) {
			var b bytes.Buffer
			if err := reports.CheckTable(&b, f, rows, doc); err != nil {
				t.Fatal(err)
			}
			if f == reports.FormatTable {
				// Markdown cells cannot be wrapped; a renderer reflows them.
				checkWidth(t, b.Bytes())
			}
			golden(t, "check."+string(f)+".golden", b.Bytes())
		})
	}
}

func TestSummaryTable(t *testing.T) {
	results := map[string]*sim.Result{"two_queues": twoQueues(), "empty": {
		Scenario: "empty", Seed: 1, Start: day, Horizon: model.Hour, ServiceLevel: 20 * model.Second,
		Queues: []sim.QueueResult{{Name: "Q"}}, Agents: []sim.AgentResult{{Name: "a", Agents: 1, AgentTime: sim.AgentTime{Idle: 3_600_000}}},
	}}
	exclShort := twoQueues()
	exclShort.SLDefinition, exclShort.ShortAbandon = model.SLAnsweredExclShort, 5*model.Second
	exclShort.Queues[0].Inbound.AbandonedShort = 20
	results["excl_short"] = exclShort
	for name, res := range results {
		for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
			t.Run(name+"/"+string(f), func(t *testing.T) {
				var b bytes.Buffer
				if err := reports.SummaryTable(&b, f, res); err != nil {
					t.Fatal(err)
				}
				checkWidth(t, b.Bytes())
				golden(t, "summary_"+name+"."+string(f)+".golden", b.Bytes())
			})
		}
	}
}

func TestTables_badFormat(t *testing.T) {
	var b bytes.Buffer
	for name, err := range map[string]error{
		"RecordsTable": reports.RecordsTable(&b, "html", johnRecords()),
		"CheckTable":   reports.CheckTable(&b, "html", nil, nil),
		"SummaryTable": reports.SummaryTable(&b, "html", twoQueues()),
	} {
		if err == nil {
			t.Errorf("%s(format html) = nil error, want one", name)
		}
	}
	if b.Len() != 0 {
		t.Errorf("wrote %q for a bad format, want nothing", b.String())
	}
}

func TestWriteJSON(t *testing.T) {
	rows := analysis.Check(johnRecords(), johnDoc(), day)
	var b bytes.Buffer
	if err := reports.WriteJSON(&b, twoQueues(), rows); err != nil {
		t.Fatal(err)
	}
	golden(t, "run.json.golden", b.Bytes())

	b.Reset()
	if err := reports.WriteJSON(&b, &sim.Result{Scenario: "empty", Start: day}, nil); err != nil {
		t.Fatal(err)
	}
	golden(t, "run_empty.json.golden", b.Bytes())
}

func TestRecordWriter(t *testing.T) {
	var b bytes.Buffer
	w := reports.NewRecordWriter(&b)
	recs := append(johnRecords(), oddRecords()...)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if b.Len() != 0 {
		t.Errorf("wrote %d bytes before Flush, want them buffered", b.Len())
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := w.Count(), len(recs); got != want {
		t.Errorf("Count() = %d, want %d", got, want)
	}
	if got, want := strings.Count(b.String(), "\n"), len(recs); got != want {
		t.Errorf("wrote %d lines, want %d", got, want)
	}
	golden(t, "records.jsonl.golden", b.Bytes())
}

func TestList(t *testing.T) {
	rows := [][]string{
		{"john", "Reproduces the Amazon Connect queued-callback walk-through \"John calls at 11:35\", timestamp for timestamp."},
		{"mmc", "Plain M/M/c queue (100 agents, 90 % utilisation) for validation against Erlang C."},
	}
	for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
		t.Run(string(f), func(t *testing.T) {
			var b bytes.Buffer
			if err := reports.List(&b, f, []string{"name", "description"}, rows); err != nil {
				t.Fatal(err)
			}
			if err := reports.Header(&b, f, twoQueues()); err != nil {
				t.Fatal(err)
			}
			if err := reports.Title(&b, f, "A title"); err != nil {
				t.Fatal(err)
			}
			if f == reports.FormatTable {
				checkWidth(t, b.Bytes())
			}
			golden(t, "list."+string(f)+".golden", b.Bytes())
		})
	}
}
