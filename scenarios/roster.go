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
	{"template", false}, {"breaks", false}, {"agent", false},
}

// GroupRoster is one agent group's part of a roster file.
type GroupRoster struct {
	// Shifts are the group's rows, in file order.
	Shifts []model.Shift
	// Agents gives the agent of each shift, numbered from 0 in order of
	// first appearance, when the file has an agent column; nil when it
	// has none (one agent per shift). Names are the agents' ids, indexed
	// by those numbers.
	Agents []int
	Names  []string
}

func rosterNames() string {
	var names []string
	for _, c := range rosterColumns {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

// ReadRoster reads a roster: a CSV file with a header row naming the
// columns group, agent, template, day, start, end and breaks (agent,
// template and breaks may be left out; any order, any letter case), and
// one row per agent's shift:
//
//	group,agent,template,day,start,end,breaks
//	sales,early-01,early,mon,08:00,16:30,10:00-10:15;12:00-12:30 lunch
//	sales,early-01,early,tue,08:00,16:30,10:00-10:15;12:00-12:30 lunch
//	sales,,late,2024-06-04,14:00,22:30,
//
// group names the agent group the shift belongs to; agent names the
// person working it: the rows of one group with the same agent are one
// agent's shifts, which may not overlap (a weekly row is taken to happen
// on every date with its day). A row with no agent (or a file with no
// agent column) is an agent of its own. template is a label
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
// one per row in file order, and their agents. Every problem is returned at once as an
// [*Error] naming the file, the line and the column.
func ReadRoster(file string, data []byte, start time.Time, groups []string) (map[string]*GroupRoster, error) {
	r, problems := readRoster(data, start, groups)
	if len(problems) > 0 {
		return nil, &Error{File: file, Problems: problems}
	}
	return r, nil
}

// readRoster reads a roster file. Problems have no File: they are in the
// file.
func readRoster(data []byte, start time.Time, groups []string) (map[string]*GroupRoster, []*Problem) {
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
	out := map[string]*GroupRoster{}
	_, named := col["agent"]
	// The rows read so far of each group's agents, to refuse overlaps.
	type worked struct {
		line int
		w    rowWhen
	}
	agentRows := map[string]map[string][]worked{}
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
		sh, when, ok := rosterShift(&r, line, cell, start, loc)
		if !ok {
			continue
		}
		gr := out[group]
		if gr == nil {
			gr = &GroupRoster{}
			out[group] = gr
		}
		gr.Shifts = append(gr.Shifts, sh)
		if !named {
			continue
		}
		id, ap := cell("agent")
		if id == "" {
			// An agent of its own: no other row can be the same agent.
			gr.Agents = append(gr.Agents, len(gr.Names))
			gr.Names = append(gr.Names, "")
			continue
		}
		if agentRows[group] == nil {
			agentRows[group] = map[string][]worked{}
		}
		for _, o := range agentRows[group][id] {
			if when.overlaps(o.w) {
				r.add(line, ap, "agent %q works %s, overlapping its shift on line %d (%s): one agent works one shift at a time (give one of them another agent, or move it)",
					id, when, o.line, o.w)
				break
			}
		}
		if len(agentRows[group][id]) == 0 {
			gr.Names = append(gr.Names, id)
		}
		agentRows[group][id] = append(agentRows[group][id], worked{line, when})
		gr.Agents = append(gr.Agents, slices.Index(gr.Names, id))
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
func rosterShift(r *planReader, line int, cell func(string) (string, string), start time.Time, loc *time.Location) (model.Shift, rowWhen, bool) {
	day, dp := cell("day")
	st, sp := cell("start")
	en, ep := cell("end")
	bs, bp := cell("breaks")
	var sh model.Shift
	var when rowWhen
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
		return sh, when, false
	}
	kind := func(lunch bool) string {
		if lunch {
			return model.LunchKind
		}
		return model.BreakKind
	}
	when.length = length
	if wd, isDay := model.Weekday(day); isDay {
		when.weekly, when.week = true, weekAt(wd, from)
		sh.Days = []string{strings.ToLower(wd.String()[:3])}
		sh.Start = model.At{Set: true, Clock: true, Value: from}
		sh.End = model.At{Set: true, Clock: true, Value: to}
		for _, b := range brks {
			sh.Breaks = append(sh.Breaks, model.Break{Start: model.At{Set: true, Clock: true, Value: b.tod}, Duration: b.length, Kind: kind(b.lunch)})
		}
		return sh, when, true
	}
	d, err := time.ParseInLocation("2006-01-02", day, time.UTC)
	if err != nil {
		r.add(line, dp, "%q is not a day (allowed: mon, tue, wed, thu, fri, sat, sun, or a date YYYY-MM-DD)", day)
		return sh, when, false
	}
	when.week = weekAt(d.Weekday(), from)
	// The wall clock of the shift's day, in the scenario's zone: a start
	// the clocks skip or repeat is refused as in a staffing plan.
	naive := d.Add(time.Duration(from) * time.Millisecond)
	t0, msg := localTime(day+" "+st, naive, loc)
	if msg != "" {
		r.add(line, sp, "%s", msg)
		return sh, when, false
	}
	if t0.Before(start) {
		r.add(line, dp, "the shift starts %s, before the scenario start %s", t0.Format("2006-01-02 15:04 MST"), start.Format("2006-01-02 15:04 MST"))
		return sh, when, false
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
			return sh, when, false
		}
		sh.Breaks = append(sh.Breaks, model.Break{Start: model.At{Set: true, Value: ms(bt.Sub(t0))},
			Duration: ms(be.Sub(bt)), Kind: kind(b.lunch)})
	}
	if end := wall(length); !end.After(t0) {
		r.add(line, ep, "the shift ends in the hour the clocks skip, at or before its start")
		return sh, when, false
	}
	when.from, when.to = sh.Start.Value, sh.End.Value
	return sh, when, true
}

// rowWhen is when a roster row is worked, to find an agent's overlapping
// shifts: on the week's wall clock (week: from Monday 00:00, length long)
// for every row, and for a dated row also its instants from the scenario
// start [from, to).
type rowWhen struct {
	weekly   bool
	week     model.Duration
	length   model.Duration
	from, to model.Duration
}

// weekAt is a weekday's time of day on the week's clock from Monday
// 00:00.
func weekAt(wd time.Weekday, tod model.Duration) model.Duration {
	return model.Duration((int(wd)+6)%7)*model.Day + tod
}

// overlaps tells whether two rows of one agent are worked at once: two
// dated rows when their instants overlap; otherwise (a weekly row happens
// on every date with its day) when their times on the week's clock do,
// the week wrapping at its end.
func (a rowWhen) overlaps(b rowWhen) bool {
	if !a.weekly && !b.weekly {
		return a.from < b.to && b.from < a.to
	}
	const week = 7 * model.Day
	d := ((b.week-a.week)%week + week) % week // b starts d after a
	return d < a.length || week-d < b.length
}

// String names the row's time as "mon 08:00-16:30".
func (a rowWhen) String() string {
	days := [...]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	tod := func(d model.Duration) string {
		d = (d%model.Day + model.Day) % model.Day
		return fmt.Sprintf("%02d:%02d", d/model.Hour, d%model.Hour/model.Minute)
	}
	return days[a.week/model.Day] + " " + tod(a.week) + "-" + tod(a.week+a.length)
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
