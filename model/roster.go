package model

import (
	"math"
	"strconv"
	"strings"
)

// ShiftTemplates is a shift-templates file: the shifts a roster may be
// built from ("ccsim roster --templates"). It is plain data; package
// scenarios reads it and analysis/roster solves with it.
type ShiftTemplates struct {
	Templates []ShiftTemplate `yaml:"templates"`
}

// ShiftTemplate is one kind of shift a planner may hand out: when it may
// start, how long it is, on how many days of a week one agent works it,
// its breaks, and how many agents may work it.
type ShiftTemplate struct {
	Name string `yaml:"name"`
	// Starts are the allowed start times of day.
	Starts StartTimes `yaml:"starts"`
	// Length is the shift's length, breaks included (paid time).
	Length Duration `yaml:"length"`
	// DaysPerWeek is the most days one agent works this template in a
	// week (1 to 7). Default 5.
	DaysPerWeek int `yaml:"days_per_week"`
	// Days are the days the template may be worked (mon ... sun).
	// Default: every day.
	Days []string `yaml:"days"`
	// Breaks are taken inside each shift, each within its window.
	Breaks []TemplateBreak `yaml:"breaks"`
	// MaxAgents caps the agents on the template over the week (0: no
	// cap): an agent working it on 5 days counts once.
	MaxAgents int `yaml:"max_agents"`
	// CostPerHour is the cost of an hour of this template (default 1:
	// the roster then minimises agent-hours).
	CostPerHour float64 `yaml:"cost_per_hour"`
	// MinRest is the least rest one agent gets between the end of one of
	// its shifts and the start of the next (default 11h, the daily rest of
	// the EU working-time directive 2003/88/EC, article 3): the roster
	// packs shifts into weekly lines with at least this gap.
	MinRest Duration `yaml:"min_rest"`
	// WeeklyRest is the least uninterrupted rest each agent gets once a
	// week, from the end of one of its shifts to the start of the next,
	// the week wrapping round: nil is the default 35h (24 hours plus the
	// 11 hours' daily rest, the EU working-time directive 2003/88/EC,
	// article 5); 0 turns the rule off. A pointer, so that an explicit 0
	// differs from no value. See [ShiftTemplate.WeeklyRestPeriod].
	WeeklyRest *Duration `yaml:"weekly_rest"`
	// DaysOffTogether asks the roster to give each agent its days off
	// in one run (the week wrapping round), where that costs no agent:
	// nil is the default, true. See [ShiftTemplate.OffTogether].
	DaysOffTogether *bool `yaml:"days_off_together"`
}

// DefaultWeeklyRest is a template's default weekly_rest: the directive's
// 24 hours plus the 11 hours' daily rest.
const DefaultWeeklyRest = 35 * Hour

// MaxWeeklyRest is the longest weekly_rest a template may ask for: three
// days, more than the directive's 35 hours or two days off after a
// night's rest (about 59 hours); it keeps a typo such as 350h from
// making every shift an agent of its own.
const MaxWeeklyRest = 72 * Hour

// WeeklyRestPeriod returns the template's weekly rest, the default when
// it has none set (templates built in code and not checked); 0 means no
// weekly rest rule.
func (t *ShiftTemplate) WeeklyRestPeriod() Duration {
	if t.WeeklyRest == nil {
		return DefaultWeeklyRest
	}
	return *t.WeeklyRest
}

// OffTogether reports whether the roster should try to give each agent
// of the template its days off together (the default).
func (t *ShiftTemplate) OffTogether() bool {
	return t.DaysOffTogether == nil || *t.DaysOffTogether
}

// DefaultMinRest is a template's default min_rest: 11 consecutive hours,
// the EU working-time directive's minimum daily rest.
const DefaultMinRest = 11 * Hour

// StartTimes are the start times From, From+Every, ... up to To, times of
// day.
type StartTimes struct {
	From At `yaml:"from"`
	To   At `yaml:"to"`
	// Every is the step; default 30m. A single start time has To equal
	// to From (or no To).
	Every Duration `yaml:"every"`
}

// TemplateBreak is a break of a shift template: Length long, lying
// wholly within [From, To], both offsets from the shift's start.
type TemplateBreak struct {
	Name   string   `yaml:"name"`
	Length Duration `yaml:"length"`
	From   Duration `yaml:"from"`
	To     Duration `yaml:"to"`
}

// Kind is how a roster reports the break's time: a break named "lunch"
// (in any case) is a lunch ([LunchKind]), every other a break
// ([BreakKind]), so that rosters report time on lunch apart, as shifts
// written by hand do.
func (b TemplateBreak) Kind() string {
	if strings.EqualFold(b.Name, LunchKind) {
		return LunchKind
	}
	return BreakKind
}

// Limits of a shift-templates file, far beyond any real one: they keep a
// typo from making the roster's integer program enormous.
const (
	MaxTemplates        = 100
	MaxTemplateStarts   = 288 // every 5 minutes of a day
	MaxTemplateBreaks   = 10
	MaxTemplateAgents   = 100_000
	MaxTemplateCostHour = 1e6
)

// Times returns the template's start times of day, in order.
func (s StartTimes) Times() []Duration {
	to := s.To
	if !to.Set {
		to = s.From
	}
	var out []Duration
	for t := s.From.Value; t <= to.Value && len(out) <= MaxTemplateStarts; t += s.Every {
		out = append(out, t)
		if s.Every <= 0 {
			break
		}
	}
	return out
}

// WorkDays returns the weekdays (0 Sunday ... 6 Saturday, as
// time.Weekday) the template may be worked.
func (t *ShiftTemplate) WorkDays() [7]bool {
	var out [7]bool
	if len(t.Days) == 0 {
		for i := range out {
			out[i] = true
		}
		return out
	}
	for _, d := range t.Days {
		if wd, ok := Weekday(d); ok {
			out[wd] = true
		}
	}
	return out
}

// Check fills the defaults of every template and validates them, with
// paths such as templates[1].breaks[0].to.
func (f *ShiftTemplates) Check() error {
	var es Errors
	if len(f.Templates) == 0 {
		es.add("templates", "lists no template: give at least one, with name, starts, length")
	}
	if len(f.Templates) > MaxTemplates {
		es.add("templates", "at most %d templates, got %d", MaxTemplates, len(f.Templates))
		return es
	}
	seen := map[string]bool{}
	for i := range f.Templates {
		t := &f.Templates[i]
		p := "templates[" + strconv.Itoa(i) + "]"
		if t.DaysPerWeek == 0 {
			t.DaysPerWeek = 5
		}
		if t.CostPerHour == 0 {
			t.CostPerHour = 1
		}
		if t.Starts.Every == 0 {
			t.Starts.Every = 30 * Minute
		}
		if t.MinRest == 0 {
			t.MinRest = DefaultMinRest
		}
		if t.WeeklyRest == nil {
			w := DefaultWeeklyRest
			t.WeeklyRest = &w
		}
		if t.DaysOffTogether == nil {
			on := true
			t.DaysOffTogether = &on
		}
		switch {
		case strings.TrimSpace(t.Name) == "":
			es.add(p+".name", "is required")
		case seen[t.Name]:
			es.add(p+".name", "%q is used by an earlier template: names must differ", t.Name)
		case strings.ContainsAny(t.Name, ",\"\n\r"):
			es.add(p+".name", "%q: a name may not hold a comma, a quote or a line break (it goes in a CSV column)", t.Name)
		}
		seen[t.Name] = true
		if !t.Starts.From.Set {
			es.add(p+".starts.from", "is required: the first start time of day, e.g. \"07:00\"")
		} else if !t.Starts.From.Clock || t.Starts.From.Value >= Day {
			es.add(p+".starts.from", "must be a time of day from 00:00 to 23:59, got %s", t.Starts.From.Value)
		}
		if t.Starts.To.Set && (!t.Starts.To.Clock || t.Starts.To.Value >= Day) {
			es.add(p+".starts.to", "must be a time of day from 00:00 to 23:59, got %s", t.Starts.To.Value)
		} else if t.Starts.To.Set && t.Starts.To.Value < t.Starts.From.Value {
			es.add(p+".starts.to", "must be at or after starts.from (%s), got %s", clockText(t.Starts.From.Value), clockText(t.Starts.To.Value))
		}
		if t.Starts.Every < Minute || t.Starts.Every%Minute != 0 {
			es.add(p+".starts.every", "must be whole minutes, at least 1m, got %s", t.Starts.Every)
		} else if n := len(t.Starts.Times()); n > MaxTemplateStarts {
			es.add(p+".starts", "gives more than %d start times: widen every", MaxTemplateStarts)
		}
		if t.Length < 30*Minute || t.Length > 16*Hour || t.Length%Minute != 0 {
			es.add(p+".length", "must be whole minutes from 30m to 16h, got %s", t.Length)
		}
		if t.MinRest < 0 || t.MinRest > Day || t.MinRest%Minute != 0 {
			es.add(p+".min_rest", "must be whole minutes from 1m to 24h (default 11h), got %s", t.MinRest)
		}
		if w := *t.WeeklyRest; w < 0 || w > MaxWeeklyRest || w%Minute != 0 {
			es.add(p+".weekly_rest", "must be whole minutes from 0 (no weekly rest) to 72h (default 35h), got %s", w)
		}
		if t.DaysPerWeek < 1 || t.DaysPerWeek > 7 {
			es.add(p+".days_per_week", "must be 1 to 7, got %d", t.DaysPerWeek)
		}
		for j, d := range t.Days {
			if _, ok := Weekday(d); !ok {
				es.add(p+".days["+strconv.Itoa(j)+"]", "%q is not a day: use mon, tue, wed, thu, fri, sat or sun", d)
			}
		}
		if t.MaxAgents < 0 || t.MaxAgents > MaxTemplateAgents {
			es.add(p+".max_agents", "must be 0 (no cap) to %d, got %d", MaxTemplateAgents, t.MaxAgents)
		}
		if !(t.CostPerHour > 0) || t.CostPerHour > MaxTemplateCostHour || math.IsInf(t.CostPerHour, 0) {
			es.add(p+".cost_per_hour", "must be more than 0 and at most %g, got %g", MaxTemplateCostHour, t.CostPerHour)
		}
		if len(t.Breaks) > MaxTemplateBreaks {
			es.add(p+".breaks", "at most %d breaks, got %d", MaxTemplateBreaks, len(t.Breaks))
			continue
		}
		var onBreak Duration
		for j, b := range t.Breaks {
			bp := p + ".breaks[" + strconv.Itoa(j) + "]"
			onBreak += b.Length
			switch {
			case b.Length < Minute || b.Length%Minute != 0:
				es.add(bp+".length", "must be whole minutes, at least 1m, got %s", b.Length)
			case b.From < 0 || b.From%Minute != 0:
				es.add(bp+".from", "must be whole minutes from the shift's start, 0 or more, got %s", b.From)
			case b.To%Minute != 0 || b.To < b.From+b.Length:
				es.add(bp+".to", "must leave room for the break: at least from + length (%s), got %s", b.From+b.Length, b.To)
			case b.To > t.Length:
				es.add(bp+".to", "the window %s to %s ends outside the shift (length %s): it must end by %s", b.From, b.To, t.Length, t.Length)
			}
		}
		if len(t.Breaks) > 0 && onBreak >= t.Length {
			es.add(p+".breaks", "take %s of a %s shift: leave some time to work", onBreak, t.Length)
		}
	}
	return es.Err()
}

func clockText(d Duration) string {
	h, m := int64(d/Hour), int64(d%Hour/Minute)
	return pad2(h) + ":" + pad2(m)
}

func pad2(v int64) string {
	if v < 10 {
		return "0" + strconv.Itoa(int(v))
	}
	return strconv.Itoa(int(v))
}
