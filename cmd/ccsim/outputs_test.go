package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"github.com/ccsim/ccsim/analysis"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/reports"
)

func TestRun_htmlCSVAndRecords(t *testing.T) {
	dir := t.TempDir()
	html := filepath.Join(dir, "report.html")
	tables := filepath.Join(dir, "new", "tables") // created
	records := filepath.Join(dir, "records.jsonl")
	code, out, errOut := runCLI(t, "run", "mmc-abandon", "--reps", "2", "--html", html, "--csv", tables, "--records", records)
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	if !strings.Contains(out, "Summary: queue Main") {
		t.Errorf("stdout lacks the tables:\n%s", out)
	}
	for _, want := range []string{"contact records to " + records, "wrote the HTML report to " + html, "wrote 6 CSV tables to " + tables} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr = %q, want it to mention %q", errOut, want)
		}
	}
	page, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<title>ccsim report: mmc-abandon</title>", `id="service_level"`, "<h2>Summary: queue Main</h2>", "Apache ECharts"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report lacks %q", want)
		}
	}
	if got := dirNames(t, tables); !slices.Equal(got, []string{"agents.csv", "callbacks.csv", "intervals.csv",
		"queue_intervals.csv", "queues.csv", "summary.csv"}) {
		t.Errorf("CSV directory holds %q", got)
	}
	rows := readCSV(t, filepath.Join(tables, "summary.csv"))
	if len(rows) < 20 || rows[1][0] != "offered" || rows[1][6] != "2" {
		t.Errorf("summary.csv starts %q, want a row per metric over 2 replications", rows[:2])
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"new", "records.jsonl", "report.html"}) {
		t.Errorf("directory holds %q, want the outputs only (no temporary files)", got)
	}

	// --quiet: the same files, no notes.
	code, _, errOut = runCLI(t, "run", "mmc-abandon", "--reps", "2", "--html", html, "--csv", tables, "--quiet")
	if code != exitOK || errOut != "" {
		t.Errorf("--quiet: exit status %d, stderr %q; want 0 and nothing", code, errOut)
	}
}

func TestRun_outputsAllOrNothing(t *testing.T) {
	// An injected failure while writing the outputs, after the records
	// and the report are complete: a directory stands where
	// callbacks.csv goes. The run fails and leaves none of its files,
	// not even the ones that were written in full, and the report it
	// would have replaced is as it was.
	dir := t.TempDir()
	html := filepath.Join(dir, "report.html")
	if err := os.WriteFile(html, []byte("last week's report"), 0o644); err != nil {
		t.Fatal(err)
	}
	tables := filepath.Join(dir, "tables")
	if err := os.MkdirAll(filepath.Join(tables, "callbacks.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	records := filepath.Join(dir, "records.jsonl")
	code, out, errOut := runCLI(t, "run", "mmc-abandon", "--reps", "3", "--workers", "2",
		"--html", html, "--csv", tables, "--records", records)
	if code != exitError {
		t.Errorf("exit status %d, want %d", code, exitError)
	}
	if !strings.Contains(errOut, "callbacks.csv: not a regular file") || strings.Count(errOut, "ccsim: ") != 1 {
		t.Errorf("stderr = %q, want the write error, once", errOut)
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"report.html", "tables"}) {
		t.Errorf("directory holds %q, want the old report and the tables directory only", got)
	}
	if got := dirNames(t, tables); !slices.Equal(got, []string{"callbacks.csv"}) {
		t.Errorf("tables directory holds %q, want nothing new", got)
	}
	if got, _ := os.ReadFile(html); string(got) != "last week's report" {
		t.Errorf("report.html holds %q, want last week's report", got)
	}
}

func TestRun_interruptedWritesNoOutputs(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"run", "mmc", "--reps", "2", "--html", filepath.Join(dir, "r.html"),
		"--csv", filepath.Join(dir, "tables"), "--records", filepath.Join(dir, "r.jsonl")}, &out, &errOut)
	if code != exitError || errOut.String() != "ccsim: interrupted\n" {
		t.Errorf("exit status %d, stderr %q; want 1 and \"ccsim: interrupted\"", code, errOut.String())
	}
	if got := dirNames(t, dir); len(got) != 0 {
		t.Errorf("directory holds %q after an interrupted run, want nothing", got)
	}
}

func TestRun_jsonHasEveryMetric(t *testing.T) {
	// The JSON document has every metric sim computes, overall, per
	// queue, per agent group and per interval, in sim's order.
	code, out, errOut := runCLI(t, "run", "planning-week", "--reps", "2", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	var doc reports.SummaryDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Replicate(t.Context(), compile(t, "planning-week"), analysis.ReplicateOptions{Reps: 2})
	if err != nil {
		t.Fatal(err)
	}
	sum := analysis.Summarize(res)
	keys := func(ms []analysis.Metric) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Key)
		}
		return out
	}
	docKeys := func(ms reports.MetricsDoc) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Key)
		}
		return out
	}
	if got, want := docKeys(doc.Overall), keys(sum.Overall); !slices.Equal(got, want) {
		t.Errorf("overall keys %q, want %q", got, want)
	}
	for _, k := range []string{"closed", "contacts_handled", "cb_no_answer", "cb_busy", "cb_invalid", "cb_reached",
		"cb_request_to_reach", "cb_abandoned_after_connect", "cb_agent_scheduled", "cb_agent_owned",
		"cb_owned_to_queue", "cb_owned_disconnected", "slot_pushed", "slot_declined", "slot_unavailable", "slot_unconfirmed"} {
		if _, ok := doc.Overall.Find(k); !ok {
			t.Errorf("overall lacks %s", k)
		}
	}
	if len(doc.Queues) != len(sum.Queues) {
		t.Fatalf("%d queues, want %d", len(doc.Queues), len(sum.Queues))
	}
	for i, q := range doc.Queues {
		if got, want := docKeys(q.Metrics), keys(sum.Queues[i].Metrics); !slices.Equal(got, want) {
			t.Errorf("queue %s keys %q, want %q", q.Name, got, want)
		}
		// The open half hours of the week: 07:00-21:00 on weekdays,
		// 08:00-18:00 on Saturday (Monday 07:00 is interval 14).
		if len(q.Intervals) != 160 || !slices.Equal(docKeys(q.Intervals[0].Metrics), keys(sum.Queues[i].Intervals[14].Metrics)) {
			t.Errorf("queue %s: %d intervals, want the week's 160 open ones with sim's metrics", q.Name, len(q.Intervals))
		}
	}
	if len(doc.Agents) != 1 || doc.Agents[0].Name != "agent" ||
		!slices.Equal(docKeys(doc.Agents[0].Metrics), keys(sum.Agents[0].Metrics)) {
		t.Errorf("agents = %+v, want the agent group with sim's metrics", doc.Agents)
	}
	if doc.Waits.Answered != sum.Waits.N() || len(doc.Waits.Buckets) != 8 {
		t.Errorf("waits = %+v, want %d answered in 8 buckets", doc.Waits, sum.Waits.N())
	}
	if doc.Targets == nil || doc.Slots == nil || len(doc.Targets) != 0 || len(doc.Slots) != 0 {
		t.Errorf("targets %v, slots %v: want empty arrays for planning-week", doc.Targets, doc.Slots)
	}
	if !strings.Contains(out, `"waits": {`) || strings.Index(out, `"targets"`) > strings.Index(out, `"queues"`) {
		t.Errorf("keys out of the documented order")
	}
}

// TestRun_outputsOnOnePath: two outputs on one path are refused before
// anything runs (the HTML report used to overwrite the records and exit
// 0), however the path is spelt; nothing is written.
func TestRun_outputsOnOnePath(t *testing.T) {
	dir := t.TempDir()
	same := filepath.Join(dir, "out")
	for _, args := range [][]string{
		{"--html", same, "--records", same},
		{"--records", same, "--csv", filepath.Join(dir, ".", "sub", "..", "out")},
		{"--html", same, "--csv", same},
	} {
		code, out, errOut := runCLI(t, append([]string{"run", "mmc", "--reps", "2"}, args...)...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, "give each output its own path") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 naming the clash", args, code, out, errOut)
		}
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("%q: left %q behind", args, names)
		}
	}
}

// readCSV reads a whole CSV file the test wrote, failing the test if it
// cannot.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// writeFile writes data to dir/name for a test and returns the path.
func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
