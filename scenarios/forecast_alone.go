package scenarios

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/ccsim/ccsim/model"
)

// DefaultForecastInterval is the interval of a one-row forecast read by
// [ReadForecastAlone] without an interval: the usual half hour of
// workforce management tools.
const DefaultForecastInterval = 30 * model.Minute

// ReadForecastAlone reads a forecast that belongs to no scenario (ccsim
// erlang --forecast): the format of [ReadForecast], but the first row's
// interval_start is the start, which it returns, and the interval is the
// given one or, when 0, the gap between the first two rows
// (DefaultForecastInterval for a file of one row). Every row must then
// follow the one before by exactly that interval, as in a scenario's
// forecast; problems are reported as ReadForecast reports them, with file,
// line and column.
func ReadForecastAlone(file string, data []byte, interval model.Duration) (*model.Plan, time.Time, error) {
	start, gap, ok, noRows := firstRowStarts(data)
	if interval == 0 {
		interval = DefaultForecastInterval
		if gap > 0 && gap <= maxPlanInterval {
			interval = gap
		}
	}
	if noRows {
		return nil, time.Time{}, &Error{File: file, Problems: []*Problem{{
			Msg: "the file has a header but no rows: expected one row per interval (interval_start, offered and optionally aht)"}}}
	}
	if !ok {
		// The header or the first row is wrong: ReadForecast says what
		// (the check against the start cannot be reached).
		_, err := ReadForecast(file, data, time.Time{}, interval)
		if err == nil {
			// Not expected: every file firstRowStarts cannot read is one
			// readPlan refuses.
			err = &Error{File: file, Problems: []*Problem{{Msg: "no interval_start in the first row"}}}
		}
		return nil, time.Time{}, err
	}
	p, err := ReadForecast(file, data, start, interval)
	if err != nil {
		return nil, time.Time{}, err
	}
	return p, start, nil
}

// firstRowStarts reads the interval_start of the first two rows of a plan
// file, as readPlan reads them: ok when the first is a date and time; gap
// is the second's distance from it, 0 when there is no readable second;
// noRows when the header names interval_start and no row follows.
func firstRowStarts(data []byte) (start time.Time, gap model.Duration, ok, noRows bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(lineEndings(data)))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	broken := false // a CSV syntax error: ReadForecast reports it
	read := func() []string {
		for {
			rec, err := cr.Read()
			if err != nil {
				broken = broken || !errors.Is(err, io.EOF)
				return nil
			}
			for _, c := range rec {
				if strings.TrimSpace(c) != "" {
					return rec
				}
			}
		}
	}
	header := read()
	col := -1
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), "interval_start") {
			col = i
		}
	}
	if col < 0 {
		return time.Time{}, 0, false, false
	}
	at := func(rec []string) (time.Time, bool) {
		if col >= len(rec) {
			return time.Time{}, false
		}
		// A forecast on its own has no zone: times without an offset
		// are UTC, as they are in a scenario without time_zone.
		t, problem := parsePlanTime(strings.TrimSpace(rec[col]), time.UTC)
		return t, problem == ""
	}
	first := read()
	if first == nil {
		return time.Time{}, 0, false, !broken
	}
	start, ok = at(first)
	if !ok {
		return time.Time{}, 0, false, false
	}
	if next, ok2 := at(read()); ok2 && next.After(start) {
		gap = model.Duration(next.Sub(start).Milliseconds())
	}
	return start, gap, true, false
}
