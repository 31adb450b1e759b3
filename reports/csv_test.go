package reports_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"github.com/ccsim/ccsim/analysis"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ccsim/ccsim/reports"
	"github.com/ccsim/ccsim/sim"
)

func TestCSVTables(t *testing.T) {
	sum, slots := htmlSummary()
	sum.Intervals = sum.Intervals[7:10] // keep the golden file short
	for i := range sum.Queues {
		sum.Queues[i].Intervals = sum.Queues[i].Intervals[8:9]
	}
	tables := reports.CSVTables(sum, day, slots)
	var names []string
	var all bytes.Buffer
	for _, tb := range tables {
		names = append(names, tb.Name)
		var b bytes.Buffer
		if err := tb.Write(&b); err != nil {
			t.Fatal(err)
		}
		// Well-formed: every row has the header's columns.
		rows, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", tb.Name, err)
		}
		if len(rows) != len(tb.Rows)+1 || !slices.Equal(rows[0], tb.Header) {
			t.Errorf("%s: %d rows read back, want the header and %d", tb.Name, len(rows), len(tb.Rows))
		}
		all.WriteString("== " + tb.Name + "\n")
		all.Write(b.Bytes())
	}
	want := []string{"summary.csv", "queues.csv", "intervals.csv", "queue_intervals.csv", "agents.csv", "callbacks.csv", "slots.csv"}
	if !slices.Equal(names, want) {
		t.Errorf("tables %q, want %q", names, want)
	}
	golden(t, "tables.csv.golden", all.Bytes())

	// Without slots, no slots.csv.
	if got := reports.CSVTables(oneRepSummary(), day, nil); len(got) != 6 {
		t.Errorf("%d tables without slots, want 6", len(got))
	}
}

func TestCSVTables_content(t *testing.T) {
	sum, _ := htmlSummary()
	find := func(name string) reports.CSVTable {
		for _, tb := range reports.CSVTables(sum, day, nil) {
			if tb.Name == name {
				return tb
			}
		}
		t.Fatalf("no %s", name)
		return reports.CSVTable{}
	}
	row := func(tb reports.CSVTable, cells ...string) []string {
		for _, r := range tb.Rows {
			if slices.Equal(r[:len(cells)], cells) {
				return r
			}
		}
		t.Fatalf("%s: no row starting %q", tb.Name, cells)
		return nil
	}
	s := find("summary.csv")
	if got, want := strings.Join(s.Header, ","), "metric,name,unit,mean,ci_low,ci_high,n,target,target_status"; got != want {
		t.Errorf("summary.csv header %s, want %s", got, want)
	}
	for _, tc := range []struct {
		got  []string
		want string
	}{
		{row(s, "service_level"), "service_level,service level,%,80.040,78.780,81.300,10,75.000,met"},
		{row(s, "abandon_rate"), "abandon_rate,abandon rate,%,5.300,4.700,5.900,10,4.000,missed"},
		{row(s, "offered"), "offered,offered,contacts,1203.400,1181.850,1224.950,10,,"},
		{row(s, "cb_no_answer"), "cb_no_answer,failed: no answer,,17.100,14.200,20.000,10,,"},
		// Undefined in every replication: empty, n 0.
		{row(find("queues.csv"), "Support", "service_level"), "Support,service_level,service level,%,,,,0"},
		{row(find("intervals.csv"), "2024-06-03T10:00:00Z", "Mon 10:00", "service_level"),
			"2024-06-03T10:00:00Z,Mon 10:00,service_level,%,87.000,84.900,89.100,10"},
		{row(find("queue_intervals.csv"), "Callbacks", "2024-06-03T09:00:00Z"),
			"Callbacks,2024-06-03T09:00:00Z,Mon 09:00,in_queue,,0.847,0.747,0.947,10"},
		{row(find("agents.csv"), "sales", "9", "occupancy"), "sales,9,occupancy,occupancy,%,89.120,88.310,89.930,10"},
		{row(find("callbacks.csv"), "all", "cb_requested"), "all,cb_requested,callbacks requested,contacts,105.300,97.180,113.420,10"},
	} {
		if got := strings.Join(tc.got, ","); got != tc.want {
			t.Errorf("row %s, want %s", got, tc.want)
		}
	}
	// Only queues with callbacks are in callbacks.csv.
	for _, r := range find("callbacks.csv").Rows {
		if r[0] == "Support" {
			t.Fatalf("Support, without callbacks, is in callbacks.csv")
		}
	}

	// One replication: no bounds.
	one := reports.CSVTables(oneRepSummary(), day, nil)[0]
	for _, r := range one.Rows {
		if r[0] == "offered" && strings.Join(r[3:7], ",") != "12.000,,,1" {
			t.Errorf("offered of one replication %q, want a mean and no bounds", r)
		}
	}
}

func TestWriteCSVTables(t *testing.T) {
	sum, slots := htmlSummary()
	dir := filepath.Join(t.TempDir(), "new", "tables")
	var set reports.FileSet
	defer set.Abort()
	if err := reports.WriteCSVTables(&set, dir, sum, day, slots); err != nil {
		t.Fatal(err)
	}
	// Nothing in place before the commit.
	if entries, _ := os.ReadDir(dir); len(entries) != 7 {
		t.Fatalf("%d temporary files before the commit, want 7", len(entries))
	}
	if _, err := os.Stat(filepath.Join(dir, "summary.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("summary.csv exists before the commit")
	}
	if err := set.Commit(); err != nil {
		t.Fatal(err)
	}
	assertOnlyFiles(t, dir, "agents.csv", "callbacks.csv", "intervals.csv", "queue_intervals.csv", "queues.csv",
		"slots.csv", "summary.csv")
	f, err := os.Open(filepath.Join(dir, "slots.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(rows[1], ","), "Callbacks,9,Mon 09:00,10.000,7.500,75.000,10"; got != want {
		t.Errorf("slots.csv row 1 %s, want %s", got, want)
	}
}

func TestWriteCSVTables_failureLeavesNothing(t *testing.T) {
	// The directory is created, then a table cannot be written (a
	// directory stands where callbacks.csv goes): no table is left, nor
	// the directories the run created.
	sum, _ := htmlSummary()
	parent := filepath.Join(t.TempDir(), "out")
	dir := filepath.Join(parent, "tables")
	if err := os.MkdirAll(filepath.Join(dir, "callbacks.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	var set reports.FileSet
	err := reports.WriteCSVTables(&set, dir, sum, day, nil)
	if err == nil || !strings.Contains(err.Error(), "callbacks.csv: not a regular file") {
		t.Fatalf("WriteCSVTables() = %v, want the callbacks.csv error", err)
	}
	set.Abort()
	assertOnlyFiles(t, dir, "callbacks.csv")

	// A directory the set created is removed again.
	fresh := filepath.Join(t.TempDir(), "a", "b")
	set = reports.FileSet{}
	if err := reports.WriteCSVTables(&set, fresh, sum, day, nil); err != nil {
		t.Fatal(err)
	}
	set.Abort()
	if _, err := os.Stat(filepath.Dir(fresh)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the directories the aborted set created are left (Stat: %v)", err)
	}
}

func TestFileSet_allOrNothing(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "report.html")
	if err := os.WriteFile(old, []byte("old report"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	var set reports.FileSet
	if err := set.Write(filepath.Join(dir, "records.jsonl"), func(w io.Writer) error {
		_, err := io.WriteString(w, "{}\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// The second file fails half-way (an injected failure).
	err := set.Write(old, func(w io.Writer) error {
		io.WriteString(w, "<html>half a rep")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write() = %v, want the writer's error", err)
	}
	set.Abort()
	assertOnlyFiles(t, dir, "report.html")
	if got, _ := os.ReadFile(old); string(got) != "old report" {
		t.Errorf("report.html holds %q after a failed run, want the old report", got)
	}

	// All written: committed together; the old file keeps its mode.
	set = reports.FileSet{}
	for _, name := range []string{"records.jsonl", "report.html"} {
		if err := set.Write(filepath.Join(dir, name), func(w io.Writer) error {
			_, err := io.WriteString(w, name)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := set.Commit(); err != nil {
		t.Fatal(err)
	}
	set.Abort() // nothing to do after a commit
	assertOnlyFiles(t, dir, "records.jsonl", "report.html")
	if got, _ := os.ReadFile(old); string(got) != "report.html" {
		t.Errorf("report.html holds %q, want the new report", got)
	}
	if fi, _ := os.Stat(old); fi.Mode().Perm() != 0o600 {
		t.Errorf("report.html mode %v, want 0600 kept", fi.Mode().Perm())
	}
	if _, err := set.Create(filepath.Join(dir, "late")); err == nil {
		t.Errorf("Create after Commit = nil error, want one")
	}
}

func TestSlotTables(t *testing.T) {
	slotsOf := func(booked ...int64) []sim.SlotHour {
		s := make([]sim.SlotHour, 168)
		for i, b := range booked {
			s[9+i] = sim.SlotHour{Capacity: 10, Booked: b}
		}
		return s
	}
	results := []*sim.Result{
		{Queues: []sim.QueueResult{{Name: "Inbound"}, {Name: "Callbacks", Slots: slotsOf(10, 4, 0)}}},
		{Queues: []sim.QueueResult{{Name: "Inbound"}, {Name: "Callbacks", Slots: slotsOf(5, 4, 1)}}},
	}
	got := analysis.SumSlots(results)
	if len(got) != 1 || len(got[0].Hours) != 3 {
		t.Fatalf("SumSlots() = %+v, want Callbacks with 3 hours", got)
	}
	h := got[0].Hours[0]
	if p, l := reports.SlotPercent(h), reports.SlotLabel(h, day); p != 75 || l != "Mon 09:00" {
		t.Errorf("hour 9 = %+v: %v %%, %s; want 75 %%, Mon 09:00", h, p, l)
	}
	if !math.IsNaN(reports.SlotPercent(analysis.SlotHour{})) {
		t.Errorf("percent booked without capacity is not NaN")
	}

	for _, f := range []reports.Format{reports.FormatTable, reports.FormatMarkdown} {
		var b bytes.Buffer
		if err := reports.SlotTables(&b, f, got, day); err != nil {
			t.Fatal(err)
		}
		if f == reports.FormatTable {
			checkWidth(t, b.Bytes())
		}
		golden(t, "slots."+string(f)+".golden", b.Bytes())
	}
}

func TestWaitBuckets(t *testing.T) {
	var h sim.WaitHistogram
	for _, ms := range []int64{0, 0, 0, 0, 1, 9999, 10000, 19999, 20000, 59999, 60000, 119999, 120000, 299999, 300000,
		599999, 600000, 7200000, 99000000, 0} {
		h.Add(ms)
	}
	var got []string
	for _, b := range reports.WaitBuckets(h) {
		got = append(got, b.Label+"="+strconvI(b.Count)+"/"+strconvF(b.Percent))
	}
	want := "no wait=5/25 0-10 s=2/10 10-20 s=2/10 20-60 s=2/10 1-2 min=2/10 2-5 min=2/10 5-10 min=2/10 10+ min=3/15"
	if strings.Join(got, " ") != want {
		t.Errorf("WaitBuckets() = %s, want %s", strings.Join(got, " "), want)
	}
	for _, b := range reports.WaitBuckets(sim.WaitHistogram{}) {
		if b.Count != 0 || !math.IsNaN(b.Percent) {
			t.Errorf("empty histogram: bucket %+v, want 0 and NaN", b)
		}
	}
}

func strconvI(n int64) string { return strconv.FormatInt(n, 10) }

func strconvF(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
