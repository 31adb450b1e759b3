package reports

import (
	"strings"
	"time"

	"github.com/ccsim/ccsim/analysis"
	"github.com/ccsim/ccsim/model"
)

// Interval labels are local time: the wall clock of the scenario's zone
// (time_zone, or the start's own offset, UTC by default), as the planner
// wrote forecasts, hours and shifts. Timestamps of instants (contact
// records, the Connect-shaped CSV's StartInterval, the "start" column of
// intervals.csv) stay UTC, as Amazon Connect's are.

// naiveWall returns t's local date and clock fields on a UTC time, so that
// arithmetic on it is wall-clock arithmetic (every day 24 hours).
func naiveWall(t time.Time) time.Time {
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, m, d, h, mi, s, t.Nanosecond(), time.UTC)
}

// formatWall writes a wall-clock time as IntervalLabel does: "Mon 08:00",
// with the date when dated.
func formatWall(at time.Time, dated bool) string {
	if dated {
		return at.Format("Mon 2006-01-02 15:04")
	}
	if at.Second() != 0 {
		return at.Format("Mon 15:04:05")
	}
	return at.Format("Mon 15:04")
}

// dated reports whether the labels of sum's intervals need their date:
// when they span more than a week of wall clock (a cycle longer than a
// week, or a week crossing the night clocks go forward).
func dated(sum *analysis.Summary) bool {
	if sum.Cycle > 7*model.Day {
		return true
	}
	n := len(sum.Intervals)
	if n == 0 || sum.Intervals[0].At.IsZero() {
		return false
	}
	span := naiveWall(sum.Intervals[n-1].At).Sub(naiveWall(sum.Intervals[0].At))
	return span+time.Duration(sum.Interval)*time.Millisecond > 7*24*time.Hour
}

// intervalLabel names interval iv of sum's cycle on the wall clock:
// "Mon 08:00", with the date when the labels need it, and the zone's
// abbreviation for an interval of the hour repeated when clocks go back
// ("Sun 02:30 CEST", then "Sun 02:30 CET").
func intervalLabel(sum *analysis.Summary, iv analysis.IntervalSummary) string {
	if iv.At.IsZero() {
		return IntervalLabel(sum.Start, iv.Start, sum.Cycle)
	}
	label := formatWall(iv.At, dated(sum))
	if iv.Zone != "" {
		label += " " + iv.Zone
	}
	return label
}

// slotLabel names a slot hour as the interval tables do, "Mon 09:00":
// hours count from the local clock hour holding the scenario start.
func slotLabel(h analysis.SlotHour, start time.Time) string {
	at := naiveWall(start).Truncate(time.Hour).Add(time.Duration(h.Hour) * time.Hour)
	return formatWall(at, false)
}

// startText writes the scenario start for report headers: the UTC
// timestamp, and, when the scenario's zone is not UTC, its local time and
// zone, "2023-12-31T23:00:00Z (2024-01-01 00:00 CET, Europe/Berlin)".
func startText(start time.Time) string {
	s := FormatTimestamp(start)
	if start.Location() == time.UTC {
		return s
	}
	local := start.Format("2006-01-02 15:04 MST")
	if name := start.Location().String(); name != "" && !strings.HasSuffix(local, " "+name) {
		local += ", " + name
	}
	return s + " (" + local + ")"
}

// zoneNote is what interval table titles add to say the labels are local
// time: "" in UTC, " (local time, Europe/Berlin)" otherwise.
func zoneNote(start time.Time) string {
	if start.Location() == time.UTC {
		return ""
	}
	return " (local time, " + start.Location().String() + ")"
}
