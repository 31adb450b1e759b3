package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A Bound is the range of one numeric setting of a scenario. Validate
// reads every count, rate and fraction's range from [Bounds], and
// docs/bounds.md is generated from the same table (a test fails when the
// two differ), so the documentation and the checks cannot drift.
//
// Every integer has an upper bound as well as a lower one: the engine keeps
// counts in 32-bit fields where memory matters, and an unbounded value
// would wrap (max_retries: 2147483647 once gave no redials at all, and
// slots.per_hour: 4294967296 no capacity). Durations are bounded by
// [ParseDuration] (at most [MaxDuration]) and, where a platform documents a
// range, by the entries of kind "duration" here.
type Bound struct {
	// Field is the setting as a scenario file spells it, [] standing for
	// any index: "agents[].count".
	Field string
	// Min and Max are the smallest and largest values allowed; with
	// OpenMax the largest is excluded.
	Min, Max float64
	OpenMax  bool
	// Unit is what the value counts ("agents", "fraction", "duration").
	Unit string
	// Note says where the range comes from.
	Note string
	// Platform marks a platform's documented limit, which
	// ignore_platform_limits lifts (to the engine's own bound, Limit).
	Platform bool
	Limit    float64
}

// Bounds lists the range of every numeric setting Validate checks against
// a table. Fractions may be written 0.8 or 80% ([ParseFraction]).
var Bounds = []Bound{
	{Field: "replications", Min: 1, Max: 100000, Unit: "replications", Note: "independent runs of the scenario"},
	{Field: "targets.service_level", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "targets.abandon_rate", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "targets.occupancy", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "queues[].max_size", Min: 0, Max: 1000000, Unit: "contacts", Note: "0: no cap"},
	{Field: "queues[].waiting_places", Min: 0, Max: 1000000, Unit: "contacts", Note: "0: no waiting places (a loss system: callers finding every agent busy are blocked)"},
	{Field: "routing_profiles[].queues[].priority", Min: 1, Max: 1000, Unit: "rank", Note: "1 is served first"},
	{Field: "agents[].count", Min: 1, Max: 100000, Unit: "agents"},
	{Field: "agents[].shrinkage", Min: 0, Max: 1, OpenMax: true, Unit: "fraction", Note: "share of the agents not available"},
	{Field: "agents[].decline_probability", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].per_hour", Min: 0, Max: 1000000, Unit: "contacts per hour"},
	{Field: "contact_types[].callback.max_retries", Min: 0, Max: 100, Unit: "redials",
		Note: "Amazon Connect documents no maximum and warns at 20; 10 or more draws a warning"},
	{Field: "contact_types[].callback.max_retries (customer first)", Min: 0, Max: 20, Unit: "redials",
		Note: "Genesys Cloud's limit", Platform: true, Limit: 100},
	{Field: "contact_types[].callback.pacing", Min: 1, Max: 10, Unit: "modifier",
		Note: "Genesys Cloud's pacing modifier", Platform: true, Limit: 1000},
	{Field: "contact_types[].callback.accept_probability", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].callback.accept.low", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].callback.accept.high", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].callback.accept.points[].p", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].callback.dial.answer", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].callback.dial.no_answer", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].callback.dial.busy", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].callback.dial.voicemail", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].callback.dial.invalid", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].callback.slots.per_hour", Min: 1, Max: 10000, Unit: "callbacks per hour",
		Note: "HOURLY_SLOTS of the AWS caller-scheduled design (default 10)"},
	{Field: "contact_types[].callback.slots.days_in_advance", Min: 1, Max: 366, Unit: "days",
		Note: "DAYS_IN_ADVANCE of the AWS design (default 7)"},
	{Field: "contact_types[].callback.slots.decline_probability", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].callback.slots.confirm_probability", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].agent_callbacks.share", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].redial.after_abandon", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].redial.after_blocked", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].redial.after_unreached_callback", Min: 0, Max: 1, Unit: "fraction"},
	{Field: "contact_types[].redial.max", Min: 0, Max: 1000000, Unit: "redials", Note: "per customer; not set: no limit"},
	{Field: "forecast CSV: offered", Min: 0, Max: 1000000, Unit: "contacts per interval"},
	{Field: "forecast CSV: aht", Min: 0, Max: float64(Day), Unit: "duration"},
	{Field: "staffing CSV: agents", Min: 0, Max: 100000, Unit: "agents per interval", Note: "as agents[].count"},
	{Field: "*.shape (weibull)", Min: math.Ceil(minWeibullShape*1e4) / 1e4, Max: 1000, Unit: "shape",
		Note: "below, the variance overflows float64"},
	{Field: "horizon", Min: 1, Max: float64(MaxDuration), Unit: "duration", Note: "what the clock's timestamps can hold"},
	{Field: "contact_types[].callback.initial_delay", Min: float64(MinInitialDelay), Max: float64(MaxInitialDelay), Unit: "duration",
		Note: "Amazon Connect's InitialCallDelaySeconds"},
	{Field: "contact_types[].callback.retry_interval", Min: float64(MinRetryInterval), Max: float64(MaxRetryInterval), Unit: "duration",
		Note: "Amazon Connect's RetryDelaySeconds"},
	{Field: "contact_types[].callback.retry_interval (customer first)", Min: float64(Minute), Max: float64(Day), Unit: "duration",
		Note: "Genesys Cloud's customer-first retry interval", Platform: true, Limit: float64(MaxDuration)},
	{Field: "contact_types[].agent_callbacks.ownership", Min: float64(Hour), Max: float64(30 * Day), Unit: "duration",
		Note: "Genesys Cloud's agent-owned callback period", Platform: true, Limit: float64(MaxDuration)},
	{Field: "any other duration", Min: 0, Max: float64(MaxDuration), Unit: "duration", Note: "what the clock's timestamps can hold"},
}

var boundIndex = func() map[string]*Bound {
	m := make(map[string]*Bound, len(Bounds))
	for i := range Bounds {
		m[Bounds[i].Field] = &Bounds[i]
	}
	return m
}()

// BoundOf returns the Bound of field, for the checks made outside this
// package (the plan files' cells, read by package scenarios).
func BoundOf(field string) Bound { return *bound(field) }

// bound returns the Bound of field; a field missing from the table is a
// programming error.
func bound(field string) *Bound {
	b, ok := boundIndex[field]
	if !ok {
		panic("model: no bound for " + field)
	}
	return b
}

// check adds an error at path when v is outside field's range. With
// lifted (ignore_platform_limits), a platform's limit gives way to the
// engine's own.
func (es *Errors) check(path, field string, v float64, lifted bool) bool {
	return es.checkShown(path, field, v, "", lifted)
}

// checkInt is check for an integer setting, shown as the integer it is.
func (es *Errors) checkInt(path, field string, v int, lifted bool) bool {
	return es.checkShown(path, field, float64(v), strconv.Itoa(v), lifted)
}

// checkShown is check with the value as written in the error (shown), or
// formatted from v when shown is empty.
func (es *Errors) checkShown(path, field string, v float64, shown string, lifted bool) bool {
	b := bound(field)
	if shown == "" {
		shown = b.value(v)
	}
	lo, hi, open := b.Min, b.Max, b.OpenMax
	if b.Platform && lifted {
		hi, open = b.Limit, false
	}
	if v >= lo && (v < hi || (v == hi && !open)) {
		return true
	}
	if b.Platform && !lifted {
		es.add(path, "%s is out of range (allowed: %s; %s; set ignore_platform_limits to model a platform with other limits)",
			shown, b.Range(), b.Note)
		return false
	}
	if b.Platform {
		es.add(path, "%s is out of range (allowed, with ignore_platform_limits: %s to %s)", shown, b.value(lo), b.value(hi))
		return false
	}
	if b.Unit == "fraction" && v > 1 && v <= 100 {
		// A share written as a bare percentage, "80" for 80 %.
		es.add(path, "%s is out of range (allowed: %s); for %s percent write %s%%", shown, b.Range(), shown, shown)
		return false
	}
	es.add(path, "%s is out of range (allowed: %s)", shown, b.Range())
	return false
}

// Range writes the bound's range as the errors show it: "1 to 100000
// agents", "0 up to (not including) 1, a fraction (0.8 or 80%)".
func (b *Bound) Range() string { return b.rangeText(true) }

// rangeText writes the range, with its unit when unit is set.
func (b *Bound) rangeText(unit bool) string {
	to := " to "
	if b.OpenMax {
		to = " up to (not including) "
	}
	s := b.value(b.Min) + to + b.value(b.Max)
	if !unit {
		return s
	}
	switch b.Unit {
	case "fraction":
		s += ", a fraction (0.8 or 80%)"
	case "duration", "shape", "rank", "modifier":
	default:
		s += " " + b.Unit
	}
	return s
}

// value writes a value of the bound's unit.
func (b *Bound) value(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return strconv.FormatFloat(v, 'g', -1, 64)
	case b.Unit == "duration" && v == math.Trunc(v) && math.Abs(v) < 1<<62:
		return Duration(v).String()
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// BoundsMarkdown is docs/bounds.md: the table of Bounds, for people.
func BoundsMarkdown() string {
	var b strings.Builder
	b.WriteString("# Bounds of every numeric setting\n\n")
	b.WriteString("Generated from `model.Bounds`, the table the validator checks against " +
		"(`go test ./model -run TestBoundsDoc -update` rewrites it; the test fails when the two differ). " +
		"A value outside its range is refused with the file, line, field and this range. " +
		"A fraction is written 0.8 or 80% (also `80 %`); a bare number above 1 is refused, with the percent form suggested. Durations are written as in the scenario files (`90s`, `1h30m`, `7d`).\n\n")
	b.WriteString("| setting | allowed | unit | where the range comes from |\n|---|---|---|---|\n")
	for i := range Bounds {
		bd := &Bounds[i]
		note := bd.Note
		if bd.Platform {
			note += fmt.Sprintf(" (a platform's limit: ignore_platform_limits allows up to %s)", bd.value(bd.Limit))
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", bd.Field, bd.rangeText(false), bd.Unit, note)
	}
	return b.String()
}
