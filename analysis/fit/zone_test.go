package fit

import (
	"math"
	"strings"
	"testing"
	"time"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no tz database: %v", err)
	}
	return loc
}

// zoneResult is a Result over [from, to) with the week placed as Finish
// places it for the fitter's options.
func zoneResult(t *testing.T, f *Fitter, from, to time.Time) *Result {
	t.Helper()
	res := &Result{From: from.UTC(), To: to.UTC(), Interval: f.opt.Interval}
	if f.opt.Location == nil {
		d := res.From.Truncate(24 * time.Hour)
		res.Start, res.Horizon = d.AddDate(0, 0, -((int(d.Weekday())+6)%7)), week
		return res
	}
	if err := f.localWeek(res); err != nil {
		t.Fatal(err)
	}
	if err := f.zoneNotes(res); err != nil {
		t.Fatal(err)
	}
	return res
}

// TestPlan_wallClockSlots folds histories across Berlin's changes of
// offset (the 23-hour 31 March 2024 and the 25-hour 27 October 2024)
// whose value in each interval is its local slot of the week: folded by
// wall clock every row must get exactly its own slot's value, and count
// one occurrence more for the repeated hour and one fewer for the
// skipped one. Folded in UTC (no zone) the rows after the change are an
// hour off, and the same check fails.
func TestPlan_wallClockSlots(t *testing.T) {
	loc := berlin(t)
	const iv = 30 * time.Minute
	// localSlot is the local slot of the week of the interval starting
	// at ms since the epoch: Monday 00:00 is 0.
	localSlot := func(ms int64) float64 {
		lt := time.UnixMilli(ms).In(loc)
		day := (int(lt.Weekday()) + 6) % 7
		return float64(day*48 + lt.Hour()*2 + lt.Minute()/30)
	}
	for _, tc := range []struct {
		name     string
		from, to time.Time
		// start is the scenario's start (rows are labelled from it);
		// extra is the occurrences of the changed hour's slots beyond
		// the weeks.
		start time.Time
		extra int
	}{
		{"spring forward", time.Date(2024, 3, 11, 0, 0, 0, 0, loc), time.Date(2024, 4, 22, 0, 0, 0, 0, loc), time.Date(2024, 3, 11, 0, 0, 0, 0, loc), -1},
		{"fall back", time.Date(2024, 10, 14, 0, 0, 0, 0, loc), time.Date(2024, 11, 25, 0, 0, 0, 0, loc), time.Date(2024, 10, 14, 0, 0, 0, 0, loc), +1},
		// The first record's week holds the change: the rows are
		// labelled in the week before, which holds none.
		{"first week holds the change", time.Date(2024, 10, 22, 0, 0, 0, 0, loc), time.Date(2024, 11, 25, 0, 0, 0, 0, loc), time.Date(2024, 10, 14, 0, 0, 0, 0, loc), +1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := NewFitter(NewReader(ReadOptions{}), Options{Interval: iv, Location: loc})
			res := zoneResult(t, f, tc.from, tc.to)
			if !res.Start.Equal(tc.start) || res.Start.Location() != loc {
				t.Fatalf("start %v, want %v in Europe/Berlin", res.Start, tc.start)
			}
			rows := f.plan(res, func(iv int64) (float64, bool) { return localSlot(iv * f.ivMS), true }, true)
			if len(rows) != 336 {
				t.Fatalf("%d rows, want 336", len(rows))
			}
			weeks := int(tc.to.Sub(tc.start).Hours()/(7*24) + 0.5)
			if tc.name == "first week holds the change" {
				weeks = 5 // from Tuesday 22 October: the week before it is not in the history
			}
			for s, r := range rows {
				if r.Value != float64(s) {
					t.Errorf("row %d (%s): value %v, want its own slot %d", s, r.Start.Format("Mon 15:04"), r.Value, s)
				}
				if r.Start.Location() != loc || r.Start.Sub(tc.start) != time.Duration(s)*iv {
					t.Errorf("row %d labelled %v, want %v", s, r.Start, tc.start.Add(time.Duration(s)*iv))
				}
				w := weeks
				if s == 6*48+4 || s == 6*48+5 { // Sun 02:00, 02:30
					w += tc.extra
				}
				if tc.name == "first week holds the change" && s < 48 {
					w-- // Monday 21 October: before the history
				}
				if r.Weeks != w {
					t.Errorf("row %d (%s): %d occurrences, want %d", s, r.Start.Format("Mon 15:04"), r.Weeks, w)
				}
			}
			if len(res.Notes) == 0 || !strings.Contains(res.Notes[len(res.Notes)-1], "crosses changes of offset in Europe/Berlin") {
				t.Errorf("notes %q", res.Notes)
			}
			// The same history folded in UTC: after the change, a local
			// slot lands an hour away from its row.
			u := NewFitter(NewReader(ReadOptions{}), Options{Interval: iv})
			ures := zoneResult(t, u, tc.from, tc.to)
			off := 0
			for s, r := range u.plan(ures, func(iv int64) (float64, bool) { return localSlot(iv * f.ivMS), true }, true) {
				if r.Value != rows[s].Value {
					off++
				}
			}
			if off < 300 {
				t.Errorf("folded in UTC, only %d of 336 rows differ from the wall-clock fold", off)
			}
		})
	}
}

// TestLocalWeek_offsets: a zone whose offset is not a whole number of
// intervals is refused with what to do; the same zone with a shorter
// interval is folded.
func TestLocalWeek_offsets(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Skip(err)
	}
	from := time.Date(2024, 6, 3, 9, 0, 0, 0, kolkata)
	for _, tc := range []struct {
		iv   time.Duration
		want string
	}{
		{time.Hour, "time zone Asia/Kolkata: its UTC offset on 2024-06-03, +05:30, is not a whole number of 1h intervals"},
		{30 * time.Minute, ""},
	} {
		f := NewFitter(NewReader(ReadOptions{}), Options{Interval: tc.iv, Location: kolkata})
		res := &Result{From: from.UTC(), To: from.Add(48 * time.Hour).UTC(), Interval: tc.iv}
		if err := f.localWeek(res); err != nil {
			t.Fatal(err)
		}
		err := f.zoneNotes(res)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.iv, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want %q", tc.iv, err, tc.want)
		}
		if !res.Start.Equal(time.Date(2024, 6, 3, 0, 0, 0, 0, kolkata)) {
			t.Errorf("start %v, want Monday 2024-06-03 00:00 IST", res.Start)
		}
	}
}

// TestPlan_datedOffsets: dated rows in a zone are local, and the
// repeated hour's rows say so (Offset), so that their labels carry the
// offset the scenario loader asks for.
func TestPlan_datedOffsets(t *testing.T) {
	loc := berlin(t)
	f := NewFitter(NewReader(ReadOptions{}), Options{Interval: 30 * time.Minute, Location: loc, Dated: true})
	from := time.Date(2024, 10, 26, 12, 0, 0, 0, loc)
	res := &Result{From: from.UTC(), To: from.Add(24 * time.Hour).UTC(), Dated: true, Start: from, Horizon: 24 * time.Hour}
	rows := f.plan(res, func(int64) (float64, bool) { return 1, true }, true)
	if len(rows) != 48 {
		t.Fatalf("%d rows", len(rows))
	}
	var repeated []string
	for _, r := range rows {
		if r.Offset {
			repeated = append(repeated, r.Start.Format(time.RFC3339))
		}
	}
	want := "2024-10-27T02:00:00+02:00 2024-10-27T02:30:00+02:00 2024-10-27T02:00:00+01:00 2024-10-27T02:30:00+01:00"
	if got := strings.Join(repeated, " "); got != want {
		t.Errorf("rows with an offset: %s, want %s", got, want)
	}
}

// TestParseStaffingWith: the parser a zoned fit passes decides what a
// time means; its message is the row's error.
func TestParseStaffingWith(t *testing.T) {
	loc := berlin(t)
	parse := func(s string) (time.Time, string) {
		tm, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(s), loc)
		if err != nil {
			return time.Time{}, "not a local time"
		}
		return tm, ""
	}
	rows, err := ParseStaffingWith("s.csv", []byte("interval_start,agents\n2024-06-03 09:00,3\n"), parse)
	if err != nil || !rows[0].Start.Equal(time.Date(2024, 6, 3, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("rows %v, err %v; want 09:00 CEST = 07:00 UTC", rows, err)
	}
	if _, err := ParseStaffingWith("s.csv", []byte("interval_start,agents\nmonday,3\n"), parse); err == nil || err.Error() != "s.csv:2: column 1 (interval_start): not a local time" {
		t.Errorf("error %v", err)
	}
}

// TestArrivalRelSE: the forecast's relative standard error rests on the
// open intervals' median number of occurrences, so the one slot a fall-
// back day repeats (an occurrence more) leaves it where the weeks put it.
func TestArrivalRelSE(t *testing.T) {
	rows := func(weeks ...int) []PlanRow {
		var out []PlanRow
		for _, w := range weeks {
			out = append(out, PlanRow{Value: 16, Weeks: w})
		}
		return append(out, PlanRow{Value: 0, Weeks: 9}) // closed: not counted
	}
	for _, tc := range []struct {
		name   string
		rows   []PlanRow
		smooth int
		want   float64
	}{
		{"eight weeks", rows(8, 8, 8, 8), 1, 1 / math.Sqrt(16*8)},
		{"a repeated hour", rows(8, 9, 8, 8), 1, 1 / math.Sqrt(16*8)},
		{"a skipped hour", rows(8, 7, 8, 8), 1, 1 / math.Sqrt(16*8)},
		{"smoothed over 3", rows(4, 4, 4), 3, 1 / math.Sqrt(16*4*3)},
		{"nothing open", []PlanRow{{Value: 0, Weeks: 3}}, 1, 0},
	} {
		if got := arrivalRelSE(tc.rows, tc.smooth); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
