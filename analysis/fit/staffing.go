package fit

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ParseStaffing reads a dated staffing file: a CSV with a header naming
// interval_start and agents (any order, any letter case), one row per
// interval, as workforce management tools export it and as ccsim's own
// staffing plans are written. interval_start is YYYY-MM-DD HH:MM,
// YYYY-MM-DD HH:MM:SS or RFC 3339 (UTC when no zone is given). file names
// the data in errors, which give its line.
func ParseStaffing(file string, data []byte) ([]StaffingRow, error) {
	return ParseStaffingWith(file, data, func(s string) (time.Time, string) {
		t, err := parseStamp(strings.TrimSpace(s))
		if err != nil {
			return time.Time{}, fmt.Sprintf("%q is not a time (YYYY-MM-DD HH:MM, or RFC 3339)", s)
		}
		return t, ""
	})
}

// ParseStaffingWith reads a staffing file as [ParseStaffing] does, with
// parse reading each interval_start cell as it stands (the time, or what is wrong with
// it): a fit with a time zone reads times without an offset on that
// zone's wall clock, as the scenario loader reads a staffing plan's
// (scenarios.ParsePlanTime), refusing a time the clocks skip or repeat.
func ParseStaffingWith(file string, data []byte, parse func(string) (time.Time, string)) ([]StaffingRow, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty staffing file (want a header interval_start,agents and a row per interval)", file)
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	ti, ai := -1, -1
	for i, h := range head {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "interval_start":
			ti = i
		case "agents":
			ai = i
		}
	}
	if ti < 0 || ai < 0 {
		return nil, fmt.Errorf("%s:1: the header must name the columns interval_start and agents, got %q", file, strings.Join(head, ","))
	}
	var rows []StaffingRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) <= max(ti, ai) {
			return nil, fmt.Errorf("%s:%d: %d columns, want at least %d", file, line, len(rec), max(ti, ai)+1)
		}
		t, msg := parse(rec[ti])
		if msg != "" {
			return nil, fmt.Errorf("%s:%d: column %d (interval_start): %s", file, line, ti+1, msg)
		}
		n, err := strconv.Atoi(strings.TrimSpace(rec[ai]))
		if err != nil || n < 0 || n > 100_000 {
			return nil, fmt.Errorf("%s:%d: column %d (agents): %q is not a whole number of agents from 0 to 100000", file, line, ai+1, rec[ai])
		}
		rows = append(rows, StaffingRow{Start: t, Agents: n, Line: line})
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no rows after the header", file)
	}
	return rows, nil
}

func parseStamp(s string) (time.Time, error) {
	for _, l := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t, nil
		}
	}
	t, err := time.Parse(time.RFC3339, s)
	return t.UTC(), err
}
