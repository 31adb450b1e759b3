package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRun_wideCSVAndXLSX: ccsim run --csv-wide writes one row per interval
// and queue (and one for all queues) with a column per metric; --xlsx
// writes a workbook that opens with the library that wrote it, a sheet per
// table, its numbers numbers, the same figures as the CSV; both are part
// of the run's all-or-nothing outputs and refuse a shared path.
func TestRun_wideCSVAndXLSX(t *testing.T) {
	dir := t.TempDir()
	wide, book, tables := filepath.Join(dir, "intervals.csv"), filepath.Join(dir, "week.xlsx"), filepath.Join(dir, "tables")
	code, _, errOut := runCLI(t, "run", "planning-week", "--reps", "2", "--csv-wide", wide, "--xlsx", book, "--csv", tables)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, w := range []string{"wrote the per-interval table to " + wide, "wrote a workbook of 7 sheets to " + book} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr %q does not say %q", errOut, w)
		}
	}
	rows := readCSV(t, wide)
	// planning-week: 30-minute intervals, open 07:00-21:00 Monday to
	// Friday and 08:00-18:00 on Saturday (closed intervals are left out),
	// queues Inbound and Callbacks, then all.
	const open = 5*28 + 20
	if got := len(rows) - 1; got != open*3 {
		t.Errorf("%d rows, want %d (%d open intervals x Inbound, Callbacks, all)", got, open*3, open)
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		key := r[0] + " " + r[1]
		if seen[key] {
			t.Errorf("two rows for %s", key)
		}
		seen[key] = true
	}
	header := rows[0]
	for _, c := range []string{"queue", "start", "label", "offered", "service_level_pct", "asa_s", "occupancy_pct", "agents_logged_in"} {
		if !slices.Contains(header, c) {
			t.Errorf("no column %s in %q", c, header)
		}
	}
	// Monday 10:00 of Inbound: the long table's offered mean.
	col := slices.Index(header, "offered")
	var wideOffered string
	for _, r := range rows[1:] {
		if r[0] == "Inbound" && r[2] == "Mon 10:00" {
			wideOffered = r[col]
		}
	}
	long, err := os.ReadFile(filepath.Join(tables, "queue_intervals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Inbound,2024-06-03T10:00:00Z,Mon 10:00,offered,contacts," + wideOffered + ","; wideOffered == "" || !strings.Contains(string(long), want) {
		t.Errorf("wide offered at Mon 10:00 %q is not the long table's", wideOffered)
	}

	x, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer x.Close()
	if got, want := x.GetSheetList(), []string{"Summary", "Queues", "Intervals", "Queue intervals", "Intervals wide", "Agents", "Callbacks"}; !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	xr, err := x.GetRows("Intervals wide")
	if err != nil {
		t.Fatal(err)
	}
	if len(xr) != len(rows) || !slices.Equal(xr[0], header) {
		t.Errorf("sheet Intervals wide: %d rows, want the CSV's %d", len(xr), len(rows))
	}
	// The summary's offered mean, a number equal to the CSV's.
	sum, err := os.ReadFile(filepath.Join(tables, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	first := strings.Split(strings.Split(string(sum), "\n")[1], ",")
	typ, _ := x.GetCellType("Summary", "D2")
	raw, _ := x.GetCellValue("Summary", "D2", excelize.Options{RawCellValue: true})
	v, err1 := strconv.ParseFloat(raw, 64)
	w, err2 := strconv.ParseFloat(first[3], 64)
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || err1 != nil || err2 != nil || v != w {
		t.Errorf("Summary!D2 is %q of type %v, want the number %s", raw, typ, first[3])
	}

	// One path for two outputs, and empty names: refused, nothing written.
	for _, args := range [][]string{
		{"--xlsx", wide, "--csv-wide", wide},
		{"--connect-csv", book, "--xlsx", book},
		{"--xlsx", ""},
		{"--csv-wide="},
	} {
		empty := t.TempDir()
		args = append(args, "--html", filepath.Join(empty, "r.html"))
		code, out, errOut := runCLI(t, append([]string{"run", "mmc", "--reps", "2"}, args...)...)
		if code != exitUsage || out != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2", args, code, out, errOut)
		}
		if names := dirNames(t, empty); len(names) != 0 {
			t.Errorf("%q: wrote %q", args, names)
		}
	}
	// A workbook that cannot be written: the run fails and leaves
	// nothing, not even the wide CSV it had finished.
	again := filepath.Join(dir, "again.csv")
	code, out, errOut := runCLI(t, "run", "mmc", "--reps", "2", "--csv-wide", again, "--xlsx", filepath.Join(dir, "missing", "w.xlsx"))
	if code != exitError || out != "" || !strings.Contains(errOut, "missing") {
		t.Errorf("unwritable workbook: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(again); !os.IsNotExist(err) {
		t.Errorf("a failed run left %s (%v)", again, err)
	}
}
