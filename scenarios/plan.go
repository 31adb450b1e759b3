package scenarios

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ccsim/ccsim/model"
)

// Limits on the values of a plan file. They are far beyond any contact
// centre and only stop a typo (an extra few zeros) from turning into a
// simulation that never ends. They are model.Bounds' "forecast CSV" and
// "staffing CSV" entries (a test holds them equal), which docs/bounds.md
// lists.
const (
	// MaxOffered is the most contacts one forecast row may offer.
	MaxOffered = 1_000_000
	// MaxAHT is the longest average handle time a forecast row may give.
	MaxAHT = model.Day
	// MaxPlanAgents is the most agents one staffing-plan row may plan.
	MaxPlanAgents = 100_000
	// maxPlanProblems is how many problems are listed per plan file; a
	// file exported in the wrong format would otherwise give one per row.
	maxPlanProblems = 10
	// maxPlanInterval bounds the interval ReadForecast and ReadStaffing
	// check the rows' spacing against (scenarios allow at most 1h).
	maxPlanInterval = 366 * model.Day
)

// ReadForecast reads a forecast exported from a workforce management tool:
// a CSV file with a header row naming the columns interval_start, offered
// and (optionally) aht, in any order and any letter case, and one row per
// interval of the scenario, the first at the scenario's start and each
// following one interval later, with no gaps:
//
//	interval_start,offered,aht
//	2024-06-03 07:00,38.5,312
//	2024-06-03 07:30,52,5m10s
//
// interval_start is YYYY-MM-DD HH:MM, YYYY-MM-DD HH:MM:SS or RFC 3339 (a
// T may replace the space). Without an offset it is a wall-clock time in
// start's zone (the scenario's time_zone, or its start's offset): a time
// that zone skips is refused, and one it repeats must carry its offset.
// offered is the
// expected number of contacts in the interval, 0 or more and possibly
// fractional. aht is the average handle time, in seconds (312 or 312.5,
// rounded to the millisecond) or as a duration (5m12s); an empty cell, or
// 0 in a row that offers nothing, keeps the contact type's own. Lines
// starting with # are comments; blank rows are skipped.
//
// file names the data in messages. start and interval are the scenario's
// (an interval of 0 skips the checks on the rows' spacing). Every problem
// is returned at once as an [*Error] naming the file, the line and the
// column, e.g.
//
//	plan.csv:14: column 2 (offered): "12a" is not a number
func ReadForecast(file string, data []byte, start time.Time, interval model.Duration) (*model.Plan, error) {
	return readPlanError(forecastKind, file, data, start, interval)
}

// ReadStaffing reads a staffing plan: a CSV file with the columns
// interval_start and agents (a whole number, 0 or more), laid out as for
// [ReadForecast].
func ReadStaffing(file string, data []byte, start time.Time, interval model.Duration) (*model.Plan, error) {
	return readPlanError(staffingKind, file, data, start, interval)
}

func readPlanError(kind *planKind, file string, data []byte, start time.Time, interval model.Duration) (*model.Plan, error) {
	p, problems := readPlan(kind, file, data, start, interval)
	if len(problems) > 0 {
		return nil, &Error{File: file, Problems: problems}
	}
	return p, nil
}

// planKind describes the columns of one kind of plan file.
type planKind struct {
	what    string // "forecast" or "staffing plan"
	columns []planColumn
}

type planColumn struct {
	name     string
	required bool
	// cell reads the column's value into row. It returns the problem's
	// message, or "". It is nil for interval_start, which readPlan
	// reads itself.
	cell func(s string, row *model.PlanRow) string
}

var forecastKind = &planKind{what: "forecast", columns: []planColumn{
	{name: "interval_start", required: true},
	{name: "offered", required: true, cell: offeredCell},
	{name: "aht", cell: ahtCell},
}}

var staffingKind = &planKind{what: "staffing plan", columns: []planColumn{
	{name: "interval_start", required: true},
	{name: "agents", required: true, cell: agentsCell},
}}

func (k *planKind) names() string {
	names := make([]string, len(k.columns))
	for i, c := range k.columns {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// planReader collects the problems of one plan file.
type planReader struct {
	problems []*Problem
	dropped  int
}

func (r *planReader) add(line int, path, format string, args ...any) {
	if len(r.problems) >= maxPlanProblems {
		r.dropped++
		return
	}
	r.problems = append(r.problems, &Problem{Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (r *planReader) result() []*Problem {
	if r.dropped > 0 {
		r.problems = append(r.problems, &Problem{Msg: fmt.Sprintf("%d more problems not shown (fix the ones above first)", r.dropped)})
	}
	return r.problems
}

func colPath(i int, name string) string {
	if name == "" {
		return fmt.Sprintf("column %d", i+1)
	}
	return fmt.Sprintf("column %d (%s)", i+1, name)
}

// readPlan reads a plan file. Problems have no File: they are in file.
func readPlan(kind *planKind, file string, data []byte, start time.Time, interval model.Duration) (*model.Plan, []*Problem) {
	var r planReader
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		r.add(0, "", "the file is UTF-16 text: save it as \"CSV UTF-8 (comma delimited)\"")
		return nil, r.result()
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's byte order mark
	data = lineEndings(data)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true

	// read returns the next record that is not blank, its cells trimmed,
	// or nil at the end of the file or on a syntax error.
	read := func() []string {
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					r.add(pe.Line, "", "CSV syntax error at character %d: %v", pe.Column, pe.Err)
				} else {
					r.add(0, "", "CSV syntax error: %v", err)
				}
				return nil
			}
			blank := true
			for i := range rec {
				rec[i] = strings.TrimSpace(rec[i])
				blank = blank && rec[i] == ""
			}
			if !blank {
				return rec
			}
		}
	}

	header := read()
	if header == nil {
		if len(r.problems) == 0 {
			r.add(0, "", "the file is empty: expected a header row (%s) and one row per interval", kind.names())
		}
		return nil, r.result()
	}
	headerLine, _ := cr.FieldPos(0)
	cols := make([]int, len(header)) // index into kind.columns
	seen := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(h)
		ci := -1
		for j, c := range kind.columns {
			if c.name == name {
				ci = j
			}
		}
		cols[i] = ci
		switch {
		case name == "":
			r.add(headerLine, colPath(i, ""), "has no name (allowed columns: %s)", kind.names())
		case ci < 0:
			r.add(headerLine, colPath(i, ""), "unknown column %q (allowed: %s)%s", h, kind.names(), separatorHint(header))
		default:
			if first, dup := seen[name]; dup {
				r.add(headerLine, colPath(i, name), "is given twice (also column %d)", first+1)
			} else {
				seen[name] = i
			}
		}
	}
	for _, c := range kind.columns {
		if separatorHint(header) != "" {
			break // said already, in other words
		}
		if _, ok := seen[c.name]; c.required && !ok {
			r.add(headerLine, "", "missing required column %q: a %s has the columns %s", c.name, kind.what, kind.names())
		}
	}
	if len(r.problems) > 0 {
		return nil, r.result()
	}

	plan := &model.Plan{File: file, Interval: interval}
	loc := start.Location()
	fmtTime := func(t time.Time) string { return fmtTimeIn(t, loc) }
	var (
		prev      time.Time // start of the previous row, if prevOK
		prevOK    bool
		prevLine  int
		spacingOK = interval > 0 && interval <= maxPlanInterval // false once the rows' spacing is reported wrong
		step      = time.Duration(interval) * time.Millisecond
		rows      int
	)
	for {
		rec := read()
		if rec == nil {
			break
		}
		line, _ := cr.FieldPos(0)
		rows++
		if len(rec) != len(header) {
			r.add(line, "", "has %s, but the header has %d (%s)", plural(len(rec), "field"), len(header), strings.Join(header, ", "))
			prevOK = false
			continue
		}
		row := model.PlanRow{Line: line}
		var at time.Time
		atOK, ahtOK := false, true
		for i, s := range rec {
			c := kind.columns[cols[i]]
			cellLine, _ := cr.FieldPos(i)
			if c.cell == nil {
				var msg string
				at, msg = parsePlanTime(s, loc)
				atOK = msg == ""
				if !atOK {
					r.add(cellLine, colPath(i, c.name), "%s", msg)
				}
				continue
			}
			if msg := c.cell(s, &row); msg != "" {
				r.add(cellLine, colPath(i, c.name), "%s", msg)
				ahtOK = ahtOK && c.name != "aht"
			}
		}
		if row.AHT == 0 && row.Offered > 0 && ahtOK {
			// An explicit 0 (or less than 0.5 ms) for contacts that
			// take time is a mistake, not "keep the contact type's".
			if i, ok := seen["aht"]; ok && rec[i] != "" {
				l, _ := cr.FieldPos(i)
				r.add(l, colPath(i, "aht"), "%q with %v contacts offered: leave the cell empty to keep the contact type's own handle time", rec[i], row.Offered)
			}
		}
		tpath := colPath(seen["interval_start"], "interval_start")
		switch {
		case !atOK:
		case rows == 1:
			if !at.Equal(start) {
				r.add(line, tpath, "the first row starts %s, but the scenario starts %s: the %s must start at the scenario's start", fmtTime(at), fmtTime(start), kind.what)
			}
		case !prevOK:
			// Nothing to compare with.
		case at.Equal(prev):
			r.add(line, tpath, "%s is the start of the previous row too (line %d): each interval must have exactly one row", fmtTime(at), prevLine)
		case at.Before(prev):
			r.add(line, tpath, "%s is before the previous row's %s (line %d): rows must be in increasing time order", fmtTime(at), fmtTime(prev), prevLine)
		case !spacingOK:
		case rows == 2 && at.Sub(prev) != step:
			r.add(line, tpath, "the file's interval is %s (its first two rows start %s and %s), but the scenario's interval is %s",
				fmtGap(at.Sub(prev)), fmtTime(prev), fmtTime(at), interval)
			spacingOK = false
		default:
			want := prev.Add(step)
			if at.Equal(want) {
				break
			}
			gap := at.Sub(prev)
			if gap%step == 0 {
				r.add(line, tpath, "%s follows %s (line %d), leaving a gap of %s from %s: give every interval a row, with 0 when closed",
					fmtTime(at), fmtTime(prev), prevLine, plural(int(gap/step-1), interval.String()+" interval"), fmtTime(want))
			} else {
				r.add(line, tpath, "%s is %s after the previous row's %s (line %d), expected %s (rows are one %s interval apart)",
					fmtTime(at), fmtGap(gap), fmtTime(prev), prevLine, fmtTime(want), interval)
			}
		}
		prev, prevOK, prevLine = at, atOK, line
		plan.Rows = append(plan.Rows, row)
	}
	if rows == 0 && len(r.problems) == 0 {
		r.add(headerLine, "", "the file has a header but no rows: expected one row per %s interval from %s", interval, fmtTime(start))
	}
	if len(r.problems) > 0 {
		return nil, r.result()
	}
	return plan, nil
}

// plural writes "1 field", "2 fields".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// separatorHint explains a header that is one cell holding what look like
// several column names, as a spreadsheet using ; or tabs exports it.
func separatorHint(header []string) string {
	if len(header) != 1 {
		return ""
	}
	for _, sep := range []string{";", "\t", "|"} {
		if strings.Contains(header[0], sep) {
			return fmt.Sprintf("; the file seems to separate its columns with %q: save it with commas", sep)
		}
	}
	return ""
}

// isDecimal reports whether s is a plain decimal number, as a spreadsheet
// writes one: [+-]?(digits[.digits?] | .digits)([eE][+-]?digits)?, with no
// hex, underscores, Inf or NaN, which strconv.ParseFloat would accept. It
// is the regular expression written out (TestIsDecimal holds it to the
// expression): every cell of a forecast goes through it, and the
// expression took half the time of loading one.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i - j
	}
	whole := digits()
	frac := 0
	if i < len(s) && s[i] == '.' {
		i++
		frac = digits()
	}
	if whole == 0 && frac == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// number reads a plain decimal number; it returns the problem's message,
// or "". what describes the value for an empty cell.
func number(s, what string) (float64, string) {
	if s == "" {
		return 0, "is empty (expected " + what + ")"
	}
	if !isDecimal(s) {
		if isDecimal(strings.Replace(s, ",", ".", 1)) {
			return 0, fmt.Sprintf("%q is not a number: write decimals with a point (%s)", s, strings.Replace(s, ",", ".", 1))
		}
		return 0, fmt.Sprintf("%q is not a number", s)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, fmt.Sprintf("%q is too large", s)
	}
	if f < 0 {
		return 0, fmt.Sprintf("%s is negative (expected %s)", s, what)
	}
	return f, ""
}

func offeredCell(s string, row *model.PlanRow) string {
	f, msg := number(s, "the number of contacts offered, 0 or more")
	if msg != "" {
		return msg
	}
	if f > MaxOffered {
		return fmt.Sprintf("%s contacts in one interval is more than ccsim simulates (at most %d)", s, MaxOffered)
	}
	row.Offered = f
	return ""
}

func ahtCell(s string, row *model.PlanRow) string {
	if s == "" {
		return ""
	}
	var d model.Duration
	if isDecimal(s) || strings.HasPrefix(s, "-") {
		f, msg := number(s, "the average handle time in seconds, e.g. 312 or 312.5, or a duration such as 5m12s")
		if msg != "" {
			return msg
		}
		if f > MaxAHT.Seconds() {
			return fmt.Sprintf("%s seconds is more than a day", s)
		}
		d = model.Duration(math.Round(f * 1000))
	} else {
		v, err := model.ParseDuration(s)
		if err != nil {
			return fmt.Sprintf("%q is not a number of seconds (312 or 312.5) or a duration (5m12s)", s)
		}
		if v > MaxAHT {
			return fmt.Sprintf("%s is more than a day", s)
		}
		d = v
	}
	row.AHT = d
	return ""
}

func agentsCell(s string, row *model.PlanRow) string {
	f, msg := number(s, "a whole number of agents, 0 or more")
	if msg != "" {
		return msg
	}
	if f != math.Trunc(f) {
		return fmt.Sprintf("%s is not a whole number of agents", s)
	}
	if f > MaxPlanAgents {
		return fmt.Sprintf("%s agents is more than ccsim simulates (at most %d)", s, MaxPlanAgents)
	}
	row.Agents = int(f)
	return ""
}

// planTimeLayouts are the forms interval_start may take: without an
// offset (a wall-clock time in the scenario's zone) or with one.
var planTimeLayouts = []struct {
	layout string
	zoned  bool
}{
	{"2006-01-02 15:04", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02T15:04", false},
	{"2006-01-02T15:04:05", false},
	{time.RFC3339, true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04Z07:00", true},
	{"2006-01-02T15:04Z07:00", true},
}

// ParsePlanTime reads an interval_start cell as a forecast or staffing
// plan's is read, a time without an offset on loc's wall clock: the
// time, or what is wrong with it ("" when nothing is). ccsim fit reads a
// staffing file with a time zone by it, so that the file's times mean
// what they would in a scenario.
func ParsePlanTime(s string, loc *time.Location) (time.Time, string) { return parsePlanTime(s, loc) }

// parsePlanTime reads an interval_start cell. A time without an offset
// is a wall-clock time in loc (the scenario's zone); one the zone skips
// (clocks going forward) or repeats (clocks going back) is refused with
// what to write instead. It returns the time, or the problem's message.
func parsePlanTime(s string, loc *time.Location) (time.Time, string) {
	for _, l := range planTimeLayouts {
		if !l.zoned {
			naive, err := time.ParseInLocation(l.layout, s, time.UTC)
			if err != nil {
				continue
			}
			return localTime(s, naive, loc)
		}
		if t, err := time.Parse(l.layout, s); err == nil {
			return t, ""
		}
	}
	return time.Time{}, fmt.Sprintf("%q is not a date and time (expected YYYY-MM-DD HH:MM, YYYY-MM-DD HH:MM:SS or RFC 3339 such as 2024-06-03T07:30:00Z)", s)
}

// localTime returns the instant at which loc's wall clock reads naive (a
// UTC time carrying the wall fields), or why there is not exactly one.
func localTime(s string, naive time.Time, loc *time.Location) (time.Time, string) {
	if loc == time.UTC {
		return naive, ""
	}
	// The instants whose wall time could be naive: naive less each
	// offset loc uses within a day and a half of it.
	var found []time.Time
	seen := map[int]bool{}
	for _, d := range []time.Duration{-36, -12, 0, 12, 36} {
		_, off := naive.Add(d * time.Hour).In(loc).Zone()
		if seen[off] {
			continue
		}
		seen[off] = true
		t := naive.Add(-time.Duration(off) * time.Second).In(loc)
		if wallEqual(t, naive) {
			found = append(found, t)
		}
	}
	slices.SortFunc(found, func(a, b time.Time) int { return a.Compare(b) })
	switch len(found) {
	case 1:
		return found[0], ""
	case 0:
		// In the gap: the jump is where the zone in effect at naive,
		// read with the offset before, begins.
		_, before := naive.Add(-36 * time.Hour).In(loc).Zone()
		jump, _ := naive.Add(-time.Duration(before) * time.Second).In(loc).ZoneBounds()
		was := jump.In(time.FixedZone(jump.Add(-time.Millisecond).Zone()))
		return time.Time{}, fmt.Sprintf("%q does not exist in %s: the clocks jump from %s to %s that night, a day of %s (allowed: leave out the skipped hour's rows, from %s up to %s)",
			s, loc, was.Format("15:04 MST"), jump.Format("15:04 MST"), dayLength(jump, loc), was.Format("15:04"), jump.Format("15:04"))
	}
	first, second := found[0], found[len(found)-1]
	back, _ := second.ZoneBounds()
	return time.Time{}, fmt.Sprintf("%q happens twice in %s: the clocks go back from %s to %s that night, a day of %s (allowed: write the offset, %s for the first and %s for the second)",
		s, loc, back.In(time.FixedZone(first.Zone())).Format("15:04 MST"), back.Format("15:04 MST"), dayLength(back, loc),
		first.Format(time.RFC3339), second.Format(time.RFC3339))
}

// wallEqual reports whether t's wall clock (in its zone) reads naive's.
func wallEqual(t, naive time.Time) bool {
	y, m, d := t.Date()
	h, mi, sec := t.Clock()
	ny, nm, nd := naive.Date()
	nh, nmi, nsec := naive.Clock()
	return y == ny && m == nm && d == nd && h == nh && mi == nmi && sec == nsec && t.Nanosecond() == naive.Nanosecond()
}

// dayLength writes how long the local day holding t is, "23 hours".
func dayLength(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	y, m, d := t.Date()
	from, to := time.Date(y, m, d, 0, 0, 0, 0, loc), time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	if h := to.Sub(from); h%time.Hour == 0 {
		return plural(int(h/time.Hour), "hour")
	}
	return model.Duration(to.Sub(from).Milliseconds()).String()
}

// fmtTimeIn writes t as the plan files do, in loc (UTC written "UTC").
func fmtTimeIn(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	switch {
	case t.Nanosecond() != 0:
		return t.Format("2006-01-02 15:04:05.999 MST")
	case t.Second() != 0:
		return t.Format("2006-01-02 15:04:05 MST")
	}
	return t.Format("2006-01-02 15:04 MST")
}

// fmtGap writes a gap between two row starts as a duration.
func fmtGap(d time.Duration) string {
	return model.Duration(d.Milliseconds()).String()
}

// lineEndings reads the line endings of old Mac files (a lone CR, as
// classic Mac OS and some exports write) as line ends: encoding/csv and
// bufio.Scanner know LF and CRLF only, and would read a CR-only file as
// one line, with an error far from its cause. CRLF is left as it is.
func lineEndings(data []byte) []byte {
	if !bytes.ContainsRune(data, '\r') {
		return data
	}
	out := make([]byte, 0, len(data))
	for i, c := range data {
		if c == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}
