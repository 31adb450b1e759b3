package scenarios

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ccsim/ccsim/model"
)

// MaxFileSize is the largest input file ccsim reads: a scenario, a
// forecast, staffing-plan or sample CSV, a variants file. It is far more
// than a year of 15-minute rows, and reading /dev/zero stops there.
const MaxFileSize = 64 << 20

// MaxPlanSize is the largest forecast or staffing-plan file ccsim reads.
const MaxPlanSize = MaxFileSize

// ErrTooLarge is wrapped by the error of reading an input file larger
// than [MaxFileSize]: bad input, as an invalid scenario is.
var ErrTooLarge = errors.New("input file too large")

// ReadFile reads the input file at path, at most [MaxFileSize] bytes: a
// larger file (or an endless one such as /dev/zero) gives an error
// naming it and the limit, wrapping [ErrTooLarge], after reading one byte
// past the limit. Opening a named pipe blocks until a writer opens it, as
// reading does until it writes: callers that must stay interruptible run
// ReadFile where they can stop waiting for it.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, path)
}

func readLimited(r io.Reader, file string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &tooLargeError{file: file}
	}
	return data, nil
}

// tooLargeError is an input file over [MaxFileSize]; it matches
// [ErrTooLarge].
type tooLargeError struct{ file string }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %d MiB, the most ccsim reads from one file", e.file, MaxFileSize>>20)
}

func (e *tooLargeError) Is(target error) bool { return target == ErrTooLarge }

// ParseFS reads the scenario file at path file in fsys, and the forecast
// and staffing-plan files it names from the same directory of fsys (the
// built-in scenarios are read this way from the files embedded in ccsim).
// file is also the name used in messages. Like [ParseWithWarnings] it
// returns the scenario with its warnings, or an [*Error]; a scenario file
// that cannot be read gives an error that names it and does not wrap
// [model.ErrInvalid].
func ParseFS(fsys fs.FS, file string) (*Loaded, error) { return parseFSWith(fsys, file, nil) }

func parseFSWith(fsys fs.FS, file string, sets []Set) (*Loaded, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, fmt.Errorf("read scenario file: %w", err)
	}
	defer f.Close()
	data, err := readLimited(f, file)
	if err != nil {
		return nil, fmt.Errorf("read scenario file: %w", err)
	}
	return parseLoaded(file, data, fsFiles{fsys: fsys, dir: path.Dir(file)}, sets)
}

// planFiles reads the plan files a scenario names.
type planFiles interface {
	// read returns the data of the file the scenario calls name, and
	// the name to give it in messages.
	read(name string) (file string, data []byte, err error)
}

// osFiles reads plan files from disk, relative to dir.
type osFiles struct{ dir string }

func (o osFiles) read(name string) (string, []byte, error) {
	file := name
	if !filepath.IsAbs(name) {
		file = filepath.Join(o.dir, name)
	}
	// Stat before opening: opening a named pipe would block.
	fi, err := os.Stat(file)
	if err != nil {
		return file, nil, err
	}
	if !fi.Mode().IsRegular() {
		return file, nil, fmt.Errorf("%s is not a regular file", file)
	}
	f, err := os.Open(file)
	if err != nil {
		return file, nil, err
	}
	defer f.Close()
	data, err := readPlanData(f, file)
	return file, data, err
}

// fsFiles reads plan files from fsys, relative to dir.
type fsFiles struct {
	fsys fs.FS
	dir  string
}

func (o fsFiles) read(name string) (string, []byte, error) {
	if path.IsAbs(name) {
		return name, nil, fmt.Errorf("give the path relative to the scenario file")
	}
	file := path.Join(o.dir, name)
	fi, err := fs.Stat(o.fsys, file)
	if err != nil {
		return file, nil, err
	}
	if !fi.Mode().IsRegular() {
		return file, nil, fmt.Errorf("%s is not a regular file", file)
	}
	f, err := o.fsys.Open(file)
	if err != nil {
		return file, nil, err
	}
	defer f.Close()
	data, err := readPlanData(f, file)
	return file, data, err
}

func readPlanData(r io.Reader, file string) ([]byte, error) {
	data, err := readLimited(r, file)
	if errors.Is(err, ErrTooLarge) {
		// A problem of the field naming the file: no prefix.
		return nil, fmt.Errorf("%s is larger than %d MiB", file, MaxPlanSize>>20)
	}
	return data, err
}

// planIntervals lists the reporting intervals a scenario may use, which
// are also the row lengths of its plan files.
var planIntervals = []model.Duration{15 * model.Minute, 30 * model.Minute, model.Hour}

// readPlans reads the forecast and staffing plans s names into its
// ForecastPlan and StaffingPlan fields, and returns the problems found:
// a plan file that cannot be read is a problem of the field naming it, a
// bad plan file gives the problems of its rows. Problems come in the
// order of the scenario fields naming the files.
func readPlans(s *model.Scenario, lines lineMap, files planFiles) []*Problem {
	var groups []problemGroup
	// Zero start and interval mean the defaults, as Normalize (which
	// runs after the plans are read) has it.
	var defaults model.Scenario
	defaults.Defaults()
	start, interval := s.Start, s.Interval
	if start.IsZero() {
		start = defaults.Start
	}
	if interval == 0 {
		interval = defaults.Interval
	}
	groups = readRosters(s, lines, files, start)
	named := false
	for _, ct := range s.ContactTypes {
		named = named || ct.Forecast != ""
	}
	for _, g := range s.Agents {
		named = named || g.Staffing != ""
	}
	if !named {
		var problems []*Problem
		for _, g := range groups {
			problems = append(problems, g.problems...)
		}
		return problems
	}
	if !slices.Contains(planIntervals, interval) {
		line := lines.lookup("interval")
		groups = append(groups, problemGroup{line, []*Problem{{Line: line, Path: "interval",
			Msg: fmt.Sprintf("%s is not a reporting interval (allowed: 15m, 30m, 1h)", interval)}}})
		interval = 0 // do not check the rows' spacing against it
	}
	read := func(field, name string, kind *planKind) *model.Plan {
		line := lines.lookup(field)
		file, data, err := files.read(name)
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("%s does not exist", file)
		}
		if err != nil {
			groups = append(groups, problemGroup{line, []*Problem{{Line: line, Path: field,
				Msg: fmt.Sprintf("cannot read %q: %v", name, err)}}})
			return nil
		}
		plan, problems := readPlan(kind, file, data, start, interval)
		if len(problems) > 0 {
			for _, p := range problems {
				p.File = file
			}
			groups = append(groups, problemGroup{line, problems})
			return nil
		}
		return plan
	}
	for i := range s.ContactTypes {
		if ct := &s.ContactTypes[i]; ct.Forecast != "" {
			ct.ForecastPlan = read(fmt.Sprintf("contact_types[%d].forecast", i), ct.Forecast, forecastKind)
		}
	}
	for i := range s.Agents {
		if g := &s.Agents[i]; g.Staffing != "" {
			g.StaffingPlan = read(fmt.Sprintf("agents[%d].staffing", i), g.Staffing, staffingKind)
		}
	}
	slices.SortStableFunc(groups, func(a, b problemGroup) int { return a.line - b.line })
	var problems []*Problem
	for _, g := range groups {
		problems = append(problems, g.problems...)
	}
	return problems
}

// problemGroup is the problems of one scenario field naming a file, at its
// line.
type problemGroup struct {
	line     int
	problems []*Problem
}

// readRosters reads the roster files the agent groups of s name into their
// RosterShifts. A file named by several groups is read once; a group
// with no rows in its file is a problem of its roster field.
func readRosters(s *model.Scenario, lines lineMap, files planFiles, start time.Time) []problemGroup {
	var names []string
	for _, g := range s.Agents {
		names = append(names, g.Name)
	}
	type read struct {
		file   string
		shifts map[string]*GroupRoster
		bad    bool
	}
	cache := map[string]*read{}
	var groups []problemGroup
	for i := range s.Agents {
		g := &s.Agents[i]
		if g.Roster == "" {
			continue
		}
		field := fmt.Sprintf("agents[%d].roster", i)
		line := lines.lookup(field)
		if len(g.Shifts) > 0 || g.Staffing != "" {
			groups = append(groups, problemGroup{line, []*Problem{{Line: line, Path: field,
				Msg: "a roster replaces shifts, count and a staffing plan: give only one of roster, shifts and staffing"}}})
			continue
		}
		rd, ok := cache[g.Roster]
		if !ok {
			rd = &read{}
			cache[g.Roster] = rd
			file, data, err := files.read(g.Roster)
			rd.file = file
			if errors.Is(err, fs.ErrNotExist) {
				err = fmt.Errorf("%s does not exist", file)
			}
			if err != nil {
				groups = append(groups, problemGroup{line, []*Problem{{Line: line, Path: field,
					Msg: fmt.Sprintf("cannot read %q: %v", g.Roster, err)}}})
				rd.bad = true
				continue
			}
			shifts, problems := readRoster(data, start, names)
			if len(problems) > 0 {
				for _, p := range problems {
					p.File = file
				}
				groups = append(groups, problemGroup{line, problems})
				rd.bad = true
				continue
			}
			rd.shifts = shifts
		}
		if rd.bad {
			continue
		}
		if rd.shifts[g.Name] == nil {
			var has []string
			for name := range rd.shifts {
				has = append(has, name)
			}
			slices.Sort(has)
			groups = append(groups, problemGroup{line, []*Problem{{Line: line, Path: field,
				Msg: fmt.Sprintf("%s has no shifts for group %q (it has shifts for: %s)", rd.file, g.Name, strings.Join(has, ", "))}}})
			continue
		}
		g.RosterShifts, g.RosterAgents = rd.shifts[g.Name].Shifts, rd.shifts[g.Name].Agents
	}
	return groups
}
