package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// berlinDays writes a scenario in Europe/Berlin over the night its clocks
// go forward (Saturday 30 March 2024 to Monday 1 April, 71 hours) with a
// forecast of 10 calls in each local 09:00 interval, and returns its path.
func berlinDays(t *testing.T, zone string) string {
	t.Helper()
	dir := t.TempDir()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2024, 3, 30, 0, 0, 0, 0, loc)
	var f strings.Builder
	f.WriteString("interval_start,offered\n")
	for at := from; at.Before(from.AddDate(0, 0, 3)); at = at.Add(30 * time.Minute) {
		n := 0
		if at.Hour() == 9 && at.Minute() == 0 {
			n = 10
		}
		fmt.Fprintf(&f, "%s,%d\n", at.Format("2006-01-02 15:04"), n)
	}
	yaml := fmt.Sprintf(`name: berlin
time_zone: %s
start: 2024-03-30T00:00:00+01:00
horizon: 71h
interval: 30m
queues: [{name: Q}]
routing_profiles: [{name: P, queues: [{queue: Q}]}]
agents: [{name: a, count: 2, profile: P}]
contact_types: [{name: c, queue: Q, forecast: f.csv, talk: 1m}]
`, zone)
	for name, data := range map[string]string{"s.yaml": yaml, "f.csv": f.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "s.yaml")
}

// TestRun_timeZone runs a forecast over the spring-forward night: tables
// in local time with no 02:00 row on the 23-hour Sunday, calls at 09:00
// local on each day, records in UTC.
func TestRun_timeZone(t *testing.T) {
	path := berlinDays(t, "Europe/Berlin")
	recs := filepath.Join(t.TempDir(), "r.jsonl")
	code, out, errOut := runCLI(t, "run", path, "--records", recs)
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"from 2024-03-29T23:00:00Z (2024-03-30 00:00 CET, Europe/Berlin)",
		"Per 30m interval (local time, Europe/Berlin)",
		"| Sun 01:30 |", "| Sun 03:00 |", "| Sun 09:00 |", "| Mon 09:00 |",
	} {
		if !strings.Contains(strings.ReplaceAll(out, "\n", " "), want) {
			t.Errorf("no %q in the report:\n%s", want, out)
		}
	}
	if strings.Contains(out, "| Sun 02:") {
		t.Errorf("a row for Sunday 02:00, an hour that does not exist:\n%s", out)
	}
	data, err := os.ReadFile(recs)
	if err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	days := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var r struct{ InitiationTimestamp string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(r.InitiationTimestamp, "Z") {
			t.Fatalf("record timestamp %q, want UTC", r.InitiationTimestamp)
		}
		at, _ := time.Parse(time.RFC3339, r.InitiationTimestamp)
		local := at.In(berlin)
		if local.Hour() != 9 || local.Minute() >= 30 {
			t.Errorf("call at %s local, outside the forecast's 09:00 interval", local.Format(time.RFC3339))
		}
		days[local.Format("Mon")]++
	}
	if days["Sat"] == 0 || days["Sun"] == 0 || days["Mon"] == 0 {
		t.Errorf("calls per local day %v, want some on each", days)
	}
}

func TestRun_unknownTimeZone(t *testing.T) {
	path := berlinDays(t, "Europe/Berln")
	code, _, errOut := runCLI(t, "run", path)
	want := path + `:2: time_zone: unknown time zone "Europe/Berln" (allowed: an IANA tz database name such as Europe/Berlin, America/New_York or UTC)`
	if code != exitUsage || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant 2 and %q", code, errOut, want)
	}
}

// TestBinaryEmbedsTZData: the binary links time/tzdata, so that time_zone
// loads on a machine without a tz database of its own.
func TestBinaryEmbedsTZData(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(gobin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains("\n"+string(out), "\ntime/tzdata\n") {
		t.Error("cmd/ccsim does not import time/tzdata")
	}
}

// TestRun_serviceDeskExample runs the README's example of local time, so
// that it keeps running as the README shows it.
func TestRun_serviceDeskExample(t *testing.T) {
	code, out, errOut := runCLI(t, "run", filepath.Join("..", "..", "docs", "examples", "service-desk.yaml"), "--reps", "2")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr:\n%s", code, errOut)
	}
	for _, want := range []string{"| Sun 2024-10-27 02:00 CEST |", "| Sun 2024-10-27 02:30 CET  |", "| Sun 2024-10-27 03:00      |"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the report", want)
		}
	}
}
