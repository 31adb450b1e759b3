package scenarios

import (
	"reflect"

	"github.com/ccsim/ccsim/model"
)

// ParseTemplates reads a shift-templates file for "ccsim roster": YAML
// with a list of templates, each with a name, its allowed start times,
// its length, the days one agent works it in a week, its breaks (each
// with a length and a window relative to the shift's start), a cap on
// its agents and a cost per hour:
//
//	templates:
//	  - name: early
//	    starts: {from: "07:00", to: "09:00", every: 30m}
//	    length: 8h30m
//	    days_per_week: 5
//	    days: [mon, tue, wed, thu, fri, sat]
//	    breaks:
//	      - {name: lunch, length: 30m, from: 3h, to: 5h}
//	    max_agents: 40
//	    min_rest: 11h
//	    weekly_rest: 35h
//	    days_off_together: true
//
// Defaults are filled in (5 days a week, every day allowed, starts every
// 30 minutes, a cost of 1 an hour, 11 hours' rest between one agent's
// shifts, 35 hours' rest once a week, days off together) and every
// problem is returned at once
// as an [*Error] naming file, line and field, e.g.
//
//	shifts.yaml:9: templates[0].breaks[0].to: the window 3h to 9h ends outside the shift (length 8h30m): it must end by 8h30m
func ParseTemplates(file string, data []byte) (*model.ShiftTemplates, error) {
	root, perr := parseYAML(data)
	if perr != nil {
		return nil, &Error{File: file, Problems: []*Problem{fieldProblem(perr)}}
	}
	d := &decoder{lines: lineMap{}}
	t := new(model.ShiftTemplates)
	d.value(root, reflect.ValueOf(t).Elem(), "")
	if len(d.problems) > 0 {
		problems := make([]*Problem, len(d.problems))
		for i, fe := range d.problems {
			problems[i] = fieldProblem(fe)
		}
		return nil, &Error{File: file, Problems: problems}
	}
	if err := t.Check(); err != nil {
		return nil, &Error{File: file, Problems: d.checkProblems(err)}
	}
	return t, nil
}
