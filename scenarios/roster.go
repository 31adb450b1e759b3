package scenarios

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ccsim/ccsim/model"
)

// MaxRosterRows is the most shifts one roster file may list: each is an
// agent, so this is agents[].count's limit (and a staffing-plan row's).
const MaxRosterRows = MaxPlanAgents

// rosterColumns are the columns of a roster CSV, required ones first.
var rosterColumns = []struct {
	name     string
	required bool
}{
	{"group", true}, {"day", true}, {"start", true}, {"end", true},
	{"template", false}, {"breaks", false},
}

func rosterNames() string {
	var names []string
	for _, c := range rosterColumns {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

// ReadRoster reads a roster: a CSV file with a header row naming the
// columns group, template, day, start, end and breaks (template and breaks
// may be left out; any order, any letter case), and one row per agent's
// shift:
//
//	group,template,day,start,end,breaks
//	sales,early,mon,08:00,16:30,10:00-10:15;12:00-12:30 lunch
//	sales,late,2024-06-04,14:00,22:30,
//
// group names the agent group the shift belongs to; template is a label
// (the shift template the row was made from) that ccsim keeps out of the
// simulation. day is mon ... sun (the shift repeats every week on that
// day) or a date YYYY-MM-DD (the shift happens once). start and end are
// local times of day hh:mm (or hh:mm:ss); an end at or before the start is
// on the next day (a shift lasts less than 24 hours). breaks lists the shift's breaks as from-to times of
// day separated by ";", each optionally followed by its kind, "break"
// (the default) or "lunch"; it may be empty. Times are wall-clock times
// in start's zone (the scenario's time_zone), as a staffing plan's are.
//
// groups lists the scenario's agent groups: a row naming another group is
// an error. The result maps each group named in the file to its shifts,
// one per row in file order. Every problem is returned at once as an
// [*Error] naming the file, the line and the column.
func ReadRoster(file string, data []byte, start time.Time, groups []string) (map[string][]model.Shift, error) {
	r, problems := readRoster(data, start, groups)
	if len(problems) > 0 {
		return nil, &Error{File: file, Problems: problems}
	}
	return r, nil
}

// readRoster reads a roster file. Problems have no File: they are in the
// file.
func readRoster(data []byte, start time.Time, groups []string) (map[string][]model.Shift, []*Problem) {
	var r planReader
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		r.add(0, "", "the file is UTF-16 text: save it as \"CSV UTF-8 (comma delimited)\"")
		return nil, r.result()
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = lineEndings(data)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	read := func() ([]string, int) {
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return nil, 0
			}
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					r.add(pe.Line, "", "CSV syntax error at character %d: %v", pe.Column, pe.Err)
				} else {
					r.add(0, "", "CSV syntax error: %v", err)
				}
				return nil, 0
			}
			blank := true
			for i := range rec {
				rec[i] = strings.TrimSpace(rec[i])
				blank = blank && rec[i] == ""
			}
			if !blank {
				line, _ := cr.FieldPos(0)
				return rec, line
			}
		}
	}

	header, headerLine := read()
	if header == nil {
		if len(r.problems) == 0 {
			r.add(0, "", "the roster is empty: expected a header row (%s) and one row per agent's shift", rosterNames())
		}
		return nil, r.result()
	}
	col := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(h)
		known := false
		for _, c := range rosterColumns {
			known = known || c.name == name
		}
		switch {
		case !known:
			r.add(headerLine, colPath(i, ""), "unknown column %q (allowed: %s)%s", h, rosterNames(), separatorHint(header))
		default:
			if first, dup := col[name]; dup {
				r.add(headerLine, colPath(i, name), "is given twice (also column %d)", first+1)
			} else {
				col[name] = i
			}
		}
	}
	for _, c := range rosterColumns {
		if _, ok := col[c.name]; c.required && !ok && separatorHint(header) == "" {
			r.add(headerLine, "", "missing required column %q: a roster has the columns %s", c.name, rosterNames())
		}
	}
	if len(r.problems) > 0 {
		return nil, r.result()
	}

	loc := start.Location()
	out := map[string][]model.Shift{}
	rows := 0
	for {
		rec, line := read()
		if rec == nil {
			break
		}
		rows++
		if rows > MaxRosterRows {
			r.add(line, "", "more than %d rows: a roster lists one row per agent's shift", MaxRosterRows)
			break
		}
		cell := func(name string) (string, string) {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				return "", colPath(i, name)
			}
			return rec[i], colPath(i, name)
		}
		group, gp := cell("group")
		if !slices.Contains(groups, group) {
			if group == "" {
				r.add(line, gp, "is empty: name the agent group (the scenario has: %s)", strings.Join(groups, ", "))
			} else {
				r.add(line, gp, "unknown agent group %q (the scenario has: %s)", group, strings.Join(groups, ", "))
			}
			continue
		}
		sh, ok := rosterShift(&r, line, cell, start, loc)
		if ok {
			out[group] = append(out[group], sh)
		}
	}
	if rows == 0 && len(r.problems) == 0 {
		r.add(0, "", "the roster is empty: it has a header but no shifts (one row per agent's shift)")
	}
	if len(r.problems) > 0 {
		return nil, r.result()
	}
	return out, nil
}

// rosterShift reads the day, start, end and breaks cells of one row.
func rosterShift(r *planReader, line int, cell func(string) (string, string), start time.Time, loc *time.Location) (model.Shift, bool) {
	day, dp := cell("day")
	st, sp := cell("start")
	en, ep := cell("end")
	bs, bp := cell("breaks")
	var sh model.Shift
	ok := true
	if _, isDay := model.Weekday(day); !isDay {
		if _, err := time.Parse("2006-01-02", day); err != nil {
			r.add(line, dp, "%q is not a day (allowed: mon, tue, wed, thu, fri, sat, sun, or a date YYYY-MM-DD)", day)
			ok = false
		}
	}
	from, msg := timeOfDay(st)
	if msg != "" {
		r.add(line, sp, "%s", msg)
		ok = false
	}
	to, msg := timeOfDay(en)
	if msg != "" {
		r.add(line, ep, "%s", msg)
		ok = false
	}
	length := (to - from + model.Day) % model.Day
	if length == 0 && ok {
		r.add(line, ep, "%s is the start too: a shift ends after it starts (an end at or before the start is on the next day, and a shift lasts less than 24 hours)", en)
		ok = false
	}
	type brk struct {
		at, length model.Duration // from the shift start
		tod        model.Duration
		lunch      bool
	}
	var brks []brk
	if bs != "" {
		for part := range strings.SplitSeq(bs, ";") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			span, kind, _ := strings.Cut(part, " ")
			kind = strings.ToLower(strings.TrimSpace(kind))
			if kind != "" && kind != model.BreakKind && kind != model.LunchKind {
				r.add(line, bp, "%q: unknown kind %q (allowed: break, lunch)", part, kind)
				ok = false
				continue
			}
			a, b, cut := strings.Cut(span, "-")
			ta, m1 := timeOfDay(a)
			tb, m2 := timeOfDay(b)
			if !cut || m1 != "" || m2 != "" {
				r.add(line, bp, "%q is not a break (want from-to times of day, e.g. 12:00-12:30, breaks separated by \";\")", part)
				ok = false
				continue
			}
			bl := (tb - ta + model.Day) % model.Day
			if bl == 0 {
				r.add(line, bp, "%q: the break ends when it starts", part)
				ok = false
				continue
			}
			at := (ta - from + model.Day) % model.Day
			if at+bl > length || !ok {
				if ok {
					r.add(line, bp, "break %s lies outside the shift %s-%s", span, st, en)
				}
				ok = false
				continue
			}
			for _, o := range brks {
				if at < o.at+o.length && o.at < at+bl {
					r.add(line, bp, "break %s overlaps another break of the shift", span)
					ok = false
				}
			}
			brks = append(brks, brk{at, bl, ta, kind == model.LunchKind})
		}
	}
	if !ok {
		return sh, false
	}
	kind := func(lunch bool) string {
		if lunch {
			return model.LunchKind
		}
		return model.BreakKind
	}
	if wd, isDay := model.Weekday(day); isDay {
		sh.Days = []string{strings.ToLower(wd.String()[:3])}
		sh.Start = model.At{Set: true, Clock: true, Value: from}
		sh.End = model.At{Set: true, Clock: true, Value: to}
		for _, b := range brks {
			sh.Breaks = append(sh.Breaks, model.Break{Start: model.At{Set: true, Clock: true, Value: b.tod}, Duration: b.length, Kind: kind(b.lunch)})
		}
		return sh, true
	}
	d, err := time.ParseInLocation("2006-01-02", day, time.UTC)
	if err != nil {
		r.add(line, dp, "%q is not a day (allowed: mon, tue, wed, thu, fri, sat, sun, or a date YYYY-MM-DD)", day)
		return sh, false
	}
	// The wall clock of the shift's day, in the scenario's zone: a start
	// the clocks skip or repeat is refused as in a staffing plan.
	naive := d.Add(time.Duration(from) * time.Millisecond)
	t0, msg := localTime(day+" "+st, naive, loc)
	if msg != "" {
		r.add(line, sp, "%s", msg)
		return sh, false
	}
	if t0.Before(start) {
		r.add(line, dp, "the shift starts %s, before the scenario start %s", t0.Format("2006-01-02 15:04 MST"), start.Format("2006-01-02 15:04 MST"))
		return sh, false
	}
	// Later wall times of the shift: the instant the clock reads them
	// (Go moves a time in a skipped hour past the jump).
	wall := func(off model.Duration) time.Time {
		w := naive.Add(time.Duration(off) * time.Millisecond)
		return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
	}
	ms := func(d time.Duration) model.Duration { return model.Duration(d / time.Millisecond) }
	sh.Start = model.At{Set: true, Value: ms(t0.Sub(start))}
	sh.End = model.At{Set: true, Value: ms(wall(length).Sub(start))}
	for _, b := range brks {
		bt, be := wall(b.at), wall(b.at+b.length)
		if !be.After(bt) || bt.Before(t0) {
			r.add(line, bp, "a break from %s lies in the hour the clocks skip on %s: move it out of that hour", fmtTimeIn(bt, loc), day)
			return sh, false
		}
		sh.Breaks = append(sh.Breaks, model.Break{Start: model.At{Set: true, Value: ms(bt.Sub(t0))},
			Duration: ms(be.Sub(bt)), Kind: kind(b.lunch)})
	}
	if end := wall(length); !end.After(t0) {
		r.add(line, ep, "the shift ends in the hour the clocks skip, at or before its start")
		return sh, false
	}
	return sh, true
}

// timeOfDay reads hh:mm or hh:mm:ss.
func timeOfDay(s string) (model.Duration, string) {
	if s == "" {
		return 0, "is empty: want a time of day hh:mm"
	}
	var a model.At
	if !strings.Contains(s, ":") || a.UnmarshalText([]byte(s)) != nil {
		return 0, fmt.Sprintf("%q is not a time of day (want hh:mm or hh:mm:ss, 00:00 to 23:59:59)", s)
	}
	return a.Value, ""
}
