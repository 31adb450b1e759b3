package model

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Limits from the platforms' documentation, enforced by Validate.
const (
	// MinInitialDelay and MaxInitialDelay bound Amazon Connect's "Initial
	// delay" (CreateCallbackContact InitialCallDelaySeconds: larger than 0,
	// at most 259,200 s).
	MinInitialDelay = Second
	MaxInitialDelay = 3 * Day
	// MinRetryInterval and MaxRetryInterval bound "Minimum time between
	// attempts" (RetryDelaySeconds, same limits).
	MinRetryInterval = Second
	MaxRetryInterval = 3 * Day
	// ManyRetries is where Validate starts warning: Amazon Connect's admin
	// guide warns that a high number "such as 20" makes needless work.
	ManyRetries = 10
)

// QueueIndex returns the index of the named queue, or -1.
func (s *Scenario) QueueIndex(name string) int {
	for i, q := range s.Queues {
		if q.Name == name {
			return i
		}
	}
	return -1
}

// GroupIndex returns the index of the named agent group, or -1.
func (s *Scenario) GroupIndex(name string) int {
	for i, g := range s.Agents {
		if g.Name == name {
			return i
		}
	}
	return -1
}

// ProfileIndex returns the index of the named routing profile, or -1.
func (s *Scenario) ProfileIndex(name string) int {
	for i, p := range s.RoutingProfiles {
		if p.Name == name {
			return i
		}
	}
	return -1
}

// TypeIndex returns the index of the named contact type, or -1.
func (s *Scenario) TypeIndex(name string) int {
	for i, c := range s.ContactTypes {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// servedQueues returns the queues that some logged-in agent can serve.
func (s *Scenario) servedQueues(ix *Index) map[string]bool {
	served := map[string]bool{}
	used := make([]bool, len(s.RoutingProfiles)) // each profile once
	for _, g := range s.Agents {
		p := ix.Profile(g.Profile)
		if p < 0 || g.Count < 1 || used[p] {
			continue
		}
		used[p] = true
		for _, pq := range s.RoutingProfiles[p].Queues {
			served[pq.Queue] = true
		}
	}
	return served
}

// Validate checks a normalized scenario and returns every problem found as
// [Errors] (each a [*FieldError] wrapping [ErrInvalid]), or nil.
func (s *Scenario) Validate() error {
	var errs Errors
	// Every reference is resolved through maps: validation takes time
	// linear in the scenario's size.
	ix := NewIndex(s)
	if strings.ContainsFunc(s.Name, unicode.IsControl) {
		errs.add("name", "%q contains a control character (allowed: printable text)", s.Name)
	}
	if s.Horizon <= 0 {
		errs.add("horizon", "must be set to a positive duration (how long to simulate, e.g. 8h or 7d)")
	} else if s.Horizon > MaxDuration {
		errs.add("horizon", "%s is too long (at most %s, about 27 years: the clock's timestamps must stay representable)", s.Horizon, MaxDuration)
	}
	if s.Interval != 15*Minute && s.Interval != 30*Minute && s.Interval != Hour {
		errs.add("interval", "%s is not a reporting interval (allowed: 15m, 30m, 1h)", s.Interval)
	}
	s.validateTimeZone(&errs)
	if s.Warmup < 0 || (s.Horizon > 0 && s.Warmup >= s.Horizon) {
		errs.add("warmup", "must be shorter than the horizon (%s)", s.Horizon)
	}
	switch s.ServiceLevelDefinition {
	case SLConnect, SLAnswered, SLAnsweredExclShort:
	default:
		errs.add("service_level_definition", "unknown definition %q (allowed: connect, answered, answered_excl_short)", s.ServiceLevelDefinition)
	}
	errs.checkInt("replications", "replications", s.Replications, false)
	s.validatePlans(&errs, ix)
	if t := s.Targets; t != nil {
		for _, f := range []struct {
			name string
			v    float64
		}{{"service_level", t.ServiceLevel}, {"abandon_rate", t.AbandonRate}, {"occupancy", t.Occupancy}} {
			errs.check("targets."+f.name, "targets."+f.name, f.v, false)
		}
	}
	if len(s.Queues) == 0 {
		errs.add("queues", "at least one queue is required")
	}
	uniqueNames(&errs, "queues", len(s.Queues), func(i int) string { return s.Queues[i].Name })
	for i, q := range s.Queues {
		errs.checkInt(fmt.Sprintf("queues[%d].max_size", i), "queues[].max_size", q.MaxSize, false)
		if w := q.WaitingPlaces; w != nil {
			errs.checkInt(fmt.Sprintf("queues[%d].waiting_places", i), "queues[].waiting_places", *w, false)
			if q.MaxSize != 0 {
				errs.add(fmt.Sprintf("queues[%d].waiting_places", i), "give either max_size or waiting_places, not both")
			}
		}
		for j, h := range q.Hours {
			hp := fmt.Sprintf("queues[%d].hours[%d]", i, j)
			if len(h.Days) == 0 {
				errs.add(hp+".days", "list the days the window applies to (mon ... sun)")
			}
			for k, d := range h.Days {
				if _, ok := Weekday(d); !ok {
					errs.add(fmt.Sprintf("%s.days[%d]", hp, k), "unknown day %q (allowed: mon, tue, wed, thu, fri, sat, sun)", d)
				}
			}
			if !h.Open.Set || !h.Open.Clock {
				errs.add(hp+".open", "is required as a time of day, e.g. \"08:00\"")
			}
			if !h.Close.Set || !h.Close.Clock {
				errs.add(hp+".close", "is required as a time of day, e.g. \"18:00\"")
			} else if h.Close.Value == h.Open.Value {
				errs.add(hp+".close", "must differ from open")
			}
		}
	}
	uniqueNames(&errs, "routing_profiles", len(s.RoutingProfiles), func(i int) string { return s.RoutingProfiles[i].Name })
	for i, p := range s.RoutingProfiles {
		path := fmt.Sprintf("routing_profiles[%d]", i)
		if len(p.Queues) == 0 {
			errs.add(path+".queues", "a routing profile must serve at least one queue")
		}
		seen := map[string]bool{}
		for j, pq := range p.Queues {
			qp := fmt.Sprintf("%s.queues[%d]", path, j)
			s.checkQueueRef(&errs, ix, qp+".queue", pq.Queue)
			if seen[pq.Queue] {
				errs.add(qp+".queue", "queue %q is listed twice in this profile", pq.Queue)
			}
			seen[pq.Queue] = true
			errs.checkInt(qp+".priority", "routing_profiles[].queues[].priority", pq.Priority, false)
		}
	}
	if len(s.Agents) == 0 {
		errs.add("agents", "at least one agent group is required")
	}
	uniqueNames(&errs, "agents", len(s.Agents), func(i int) string { return s.Agents[i].Name })
	agentNameClashes(&errs, s.Agents)
	scriptIDs := map[string]bool{}
	for _, c := range s.Script {
		scriptIDs[c.ID] = true
	}
	for i, g := range s.Agents {
		path := fmt.Sprintf("agents[%d]", i)
		errs.checkInt(path+".count", "agents[].count", g.Count, false)
		if g.Profile == "" {
			errs.add(path+".profile", "is required: every agent needs a routing profile")
		} else if ix.Profile(g.Profile) < 0 {
			errs.add(path+".profile", "unknown routing profile %q (defined: %s)", g.Profile, s.profileNames())
		}
		if g.Staffing != "" && len(g.Shifts) > 0 {
			errs.add(path+".shifts", "give either shifts or a staffing plan, not both")
		}
		if g.Roster != "" && len(g.RosterShifts) == 0 {
			errs.add(path+".roster", "roster %q was not loaded", g.Roster)
		}
		if len(g.RosterAgents) > 0 && len(g.RosterAgents) != len(g.RosterShifts) {
			errs.add(path+".roster", "roster %q names the agents of %d shifts of %d", g.Roster, len(g.RosterAgents), len(g.RosterShifts))
		}
		for _, a := range g.RosterAgents {
			if a < 0 || a >= len(g.RosterShifts) {
				errs.add(path+".roster", "roster %q: agent number %d outside 0 to %d", g.Roster, a, len(g.RosterShifts)-1)
				break
			}
		}
		for j, sh := range g.RosterShifts {
			s.validateShift(&errs, fmt.Sprintf("%s.roster[%d]", path, j), sh)
		}
		errs.check(path+".shrinkage", "agents[].shrinkage", g.Shrinkage, false)
		weekly := false
		for j, sh := range g.Shifts {
			sp := fmt.Sprintf("%s.shifts[%d]", path, j)
			s.validateShift(&errs, sp, sh)
			weekly = weekly || len(sh.Days) > 0
		}
		for j := 1; j < len(g.Shifts) && !weekly; j++ {
			prevEnd, start := g.Shifts[j-1].End.Offset(s.Start), g.Shifts[j].Start.Offset(s.Start)
			if start < prevEnd {
				errs.add(fmt.Sprintf("%s.shifts[%d].start", path, j), "overlaps the previous shift (shifts must be listed in time order without overlap)")
			}
		}
		errs.check(path+".decline_probability", "agents[].decline_probability", g.DeclineProbability, false)
		if g.MissedLockout < Second {
			errs.add(path+".missed_lockout", "must be at least 1s, got %s", g.MissedLockout)
		}
		for j, id := range g.Decline {
			if !scriptIDs[id] {
				errs.add(fmt.Sprintf("%s.decline[%d]", path, j), "no script contact has id %q", id)
			}
		}
	}
	served := s.servedQueues(ix)
	uniqueNames(&errs, "contact_types", len(s.ContactTypes), func(i int) string { return s.ContactTypes[i].Name })
	for i, ct := range s.ContactTypes {
		path := fmt.Sprintf("contact_types[%d]", i)
		if s.checkQueueRef(&errs, ix, path+".queue", ct.Queue) && !served[ct.Queue] {
			errs.add(path+".queue", "no agent serves queue %q: add it to a routing profile that agents use", ct.Queue)
		}
		errs.check(path+".per_hour", "contact_types[].per_hour", ct.PerHour, false)
		if !ct.Talk.IsSet() {
			errs.add(path+".talk", "is required (talk time, e.g. 5m or {dist: lognormal, mean: 5m, sd: 2m})")
		}
		ct.Talk.validate(path+".talk", &errs)
		ct.ACW.validate(path+".acw", &errs)
		ct.Patience.validate(path+".patience", &errs)
		if ct.Callback != nil {
			s.validateCallback(&errs, ix, path+".callback", &ct, served)
		}
		if ac := ct.AgentCallbacks; ac != nil {
			s.validateAgentCallbacks(&errs, ix, path+".agent_callbacks", ac, served)
		}
		if r := ct.Redial; r != nil {
			validateRedial(&errs, path+".redial", r)
		}
	}
	// Genesys Cloud paces customer-first callbacks per queue.
	basis := map[string]int{}
	for i, ct := range s.ContactTypes {
		cb := ct.Callback
		if cb == nil || cb.Mode != CustomerFirst {
			continue
		}
		if j, ok := basis[cb.Queue]; !ok {
			basis[cb.Queue] = i
		} else if other := s.ContactTypes[j].Callback.PacingBasis; other != cb.PacingBasis {
			errs.add(fmt.Sprintf("contact_types[%d].callback.pacing_basis", i),
				"%q differs from contact_types[%d]'s %q on the same working queue %q (allowed: one pacing basis per queue)", cb.PacingBasis, j, other, cb.Queue)
		}
	}
	if len(s.Script) > 0 && len(s.ContactTypes) == 0 {
		errs.add("contact_types", "a script needs at least one contact type")
	}
	ids := map[string]int{}
	for i, c := range s.Script {
		path := fmt.Sprintf("script[%d]", i)
		if c.ID == "" {
			errs.add(path+".id", "is required")
		} else if j, dup := ids[c.ID]; dup {
			errs.add(path+".id", "duplicate id %q (also script[%d])", c.ID, j)
		}
		ids[c.ID] = i
		ti := ix.Type(c.Type)
		if ti < 0 && len(s.ContactTypes) > 0 {
			errs.add(path+".type", "unknown contact type %q (defined: %s)", c.Type, s.typeNames())
		}
		if !c.At.Set {
			errs.add(path+".at", "is required (arrival time, e.g. \"11:35:00\" or 90s)")
		} else if off := c.At.Offset(s.Start); off < 0 || (s.Horizon > 0 && off >= s.Horizon) {
			errs.add(path+".at", "must fall within the horizon (%s to %s)",
				s.Start.Format("2006-01-02 15:04:05"), s.Start.Add(time.Duration(s.Horizon)*time.Millisecond).Format("2006-01-02 15:04:05"))
		}
		if c.CallbackAfter != nil && ti >= 0 && s.ContactTypes[ti].Callback == nil {
			errs.add(path+".callback_after", "contact type %q offers no callback", c.Type)
		}
		if c.SlotAsk.Set && ti >= 0 && (s.ContactTypes[ti].Callback == nil || s.ContactTypes[ti].Callback.Slots == nil) {
			errs.add(path+".slot_ask", "contact type %q offers no caller-scheduled slots", c.Type)
		} else if c.SlotAsk.Set && ti >= 0 {
			s.validateSlotAsk(&errs, path+".slot_ask", c.SlotAsk, s.ContactTypes[ti].Callback.Queue)
		}
		if c.BookCallback != nil && ti >= 0 && s.ContactTypes[ti].AgentCallbacks == nil {
			errs.add(path+".book_callback", "contact type %q has no agent_callbacks", c.Type)
		}
		if b := c.BookCallback; b != nil && *b > 30*Day && !s.IgnorePlatformLimits {
			errs.add(path+".book_callback", "books a callback %s ahead (allowed: up to 30d, Genesys Cloud's limit for scheduled callbacks)", *b)
		}
		for j, d := range c.Dials {
			if !validOutcome(d.Outcome) {
				errs.add(fmt.Sprintf("%s.dials[%d].outcome", path, j), "unknown outcome %q (allowed: answered, no_answer, busy, voicemail, invalid)", d.Outcome)
			}
		}
	}
	if d := s.Documented; d != nil {
		for i, c := range d.Checks {
			path := fmt.Sprintf("documented.checks[%d]", i)
			if _, ok := ids[c.Contact]; !ok {
				errs.add(path+".contact", "no script contact has id %q", c.Contact)
			}
			if c.Record != "INBOUND" && c.Record != "CALLBACK" {
				errs.add(path+".record", "unknown record %q (allowed: INBOUND, CALLBACK)", c.Record)
			}
			if !slices.Contains(CheckFields, c.Field) {
				errs.add(path+".field", "unknown field %q (allowed: %s)", c.Field, strings.Join(CheckFields, ", "))
			}
		}
	}
	return errs.Err()
}

// validateSlotAsk refuses a scripted slot ask outside the working queue's
// hours of operation: slots exist only in open hours (the AWS design
// generates them from the hours of operation), so the asked time must be
// open and so must the start of its clock hour, the slot it would book.
func (s *Scenario) validateSlotAsk(errs *Errors, path string, ask At, queue string) {
	qi := s.QueueIndex(queue)
	if qi < 0 {
		return // reported on the callback's queue
	}
	q := &s.Queues[qi]
	off := ask.Offset(s.Start)
	at := s.Start.Add(time.Duration(off) * time.Millisecond)
	// The start of its local clock hour (a zone half an hour off UTC has
	// its hours at :30 UTC).
	_, tod := SplitDay(NewClock(s.Start, off+Day).Wall(int64(off)))
	hour := off - Duration(tod%int64(Hour))
	if q.OpenAt(s.Start, off) && q.OpenAt(s.Start, hour) {
		return
	}
	errs.add(path, "asks to be called at %s, outside queue %q's hours of operation (allowed: a time when it is open, %s, in a clock hour open from its start)",
		at.Format("2006-01-02 15:04:05"), queue, hoursText(q.Hours))
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// Weekday returns the weekday named by a shift's Days entry.
func Weekday(name string) (time.Weekday, bool) {
	d, ok := weekdays[strings.ToLower(name)]
	return d, ok
}

func (s *Scenario) validateShift(errs *Errors, sp string, sh Shift) {
	if !sh.Start.Set {
		errs.add(sp+".start", "is required")
		return
	}
	if len(sh.Days) > 0 {
		if !sh.Start.Clock || !sh.End.Clock {
			errs.add(sp, "a weekly shift (with days) needs start and end as times of day, e.g. \"08:00\" and \"16:30\"")
		}
		for k, d := range sh.Days {
			if _, ok := Weekday(d); !ok {
				errs.add(fmt.Sprintf("%s.days[%d]", sp, k), "unknown day %q (allowed: mon, tue, wed, thu, fri, sat, sun)", d)
			}
		}
		if sh.Start.Value == sh.End.Value {
			errs.add(sp+".end", "must differ from the start")
		}
	} else {
		start, end := sh.Start.Offset(s.Start), sh.End.Offset(s.Start)
		if start < 0 {
			errs.add(sp+".start", "is before the scenario start %s", s.Start.Format(time.RFC3339))
		}
		if end <= start {
			errs.add(sp+".end", "must be after the shift start")
		}
	}
	length, tod, known := s.shiftSpan(sh)
	for k, b := range sh.Breaks {
		bp := fmt.Sprintf("%s.breaks[%d]", sp, k)
		if b.Duration <= 0 {
			errs.add(bp+".duration", "must be positive")
		}
		if b.Kind != "" && b.Kind != BreakKind && b.Kind != LunchKind {
			errs.add(bp+".kind", "unknown kind %q (allowed: break, lunch)", b.Kind)
		}
		if b.Window != nil {
			if b.Start.Set {
				errs.add(bp, "give either start or window, not both")
				continue
			}
			w := b.Window
			if !w.From.Set || !w.To.Set {
				errs.add(bp+".window", "needs from and to (offsets from the shift start such as 2h, or times of day)")
				continue
			}
			if w.From.Clock != w.To.Clock {
				errs.add(bp+".window", "from and to must both be offsets from the shift start or both times of day")
				continue
			}
			if !known {
				continue
			}
			lo, hi := breakAt(w.From, tod), breakAt(w.To, tod)
			if w.To.Clock && hi == 0 {
				hi = Day
			}
			switch {
			case hi <= lo:
				errs.add(bp+".window.to", "must be after from")
			case hi-lo < b.Duration:
				errs.add(bp+".window", "is %s long, shorter than the break (%s)", hi-lo, b.Duration)
			case hi > length:
				errs.add(bp+".window", "ends %s after the shift start, outside the shift (%s long)", hi, length)
			}
			continue
		}
		if !b.Start.Set {
			errs.add(bp+".start", "is required (an offset from the shift start such as 2h, or a time of day), or give a window")
			continue
		}
		if known && b.Duration > 0 {
			if lo := breakAt(b.Start, tod); lo+b.Duration > length {
				errs.add(bp, "ends %s after the shift start, outside the shift (%s long)", lo+b.Duration, length)
			}
		}
	}
}

// shiftSpan returns a shift's length and the time of day it starts at,
// on the wall clock (daylight saving aside), and whether they are known.
func (s *Scenario) shiftSpan(sh Shift) (length, tod Duration, known bool) {
	if !sh.Start.Set || !sh.End.Set {
		return 0, 0, false
	}
	if len(sh.Days) > 0 {
		if !sh.Start.Clock || !sh.End.Clock {
			return 0, 0, false
		}
		return (sh.End.Value - sh.Start.Value + Day) % Day, sh.Start.Value, sh.End.Value != sh.Start.Value
	}
	start, end := sh.Start.Offset(s.Start), sh.End.Offset(s.Start)
	if end <= start {
		return 0, 0, false
	}
	t := s.Start.Add(time.Duration(start) * time.Millisecond)
	h, m, sec := t.Clock()
	tod = Duration(h)*Hour + Duration(m)*Minute + Duration(sec)*Second
	if sh.Start.Clock {
		tod = sh.Start.Value
	}
	return end - start, tod, true
}

// breakAt places a break time within its shift: an offset as it is, a
// time of day as the time from the shift start (tod) to its next
// occurrence.
func breakAt(a At, tod Duration) Duration {
	if !a.Clock {
		return a.Value
	}
	return (a.Value - tod + Day) % Day
}

// validateTimeZone checks that the time zone is loaded into the start
// (the scenarios package does it; model does no I/O) and that its changes
// of offset within the horizon are whole numbers of intervals, so that
// each interval of the run keeps one wall-clock place.
func (s *Scenario) validateTimeZone(errs *Errors) {
	if s.TimeZone != "" && s.Start.Location().String() != s.TimeZone {
		errs.add("time_zone", "%q is not loaded: the start is in %q (read the scenario with the scenarios package, or give Start in the zone)", s.TimeZone, s.Start.Location())
		return
	}
	if s.Horizon <= 0 || s.Horizon > MaxDuration || s.Interval <= 0 {
		return
	}
	c := NewClock(s.Start, s.Horizon)
	for _, ch := range c.Changes() {
		if ch.Step%int64(s.Interval) != 0 {
			at := c.Time(ch.At)
			errs.add("time_zone", "%s moves its clocks by %s on %s, not a whole number of %s intervals (allowed: an interval that divides the change, such as 15m)",
				s.Start.Location(), Duration(abs(ch.Step)), at.Format("2006-01-02 15:04 MST"), s.Interval)
			return
		}
	}
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// validatePlans checks forecasts and staffing plans against the scenario:
// one interval length for all, one length for all (they repeat together),
// and no contact type with both a rate and a forecast.
func (s *Scenario) validatePlans(errs *Errors, ix *Index) {
	var length Duration
	check := func(path string, p *Plan) {
		if p.Interval != s.Interval {
			errs.add(path, "%s has %s intervals but the scenario's interval is %s", p.File, p.Interval, s.Interval)
		}
		if length == 0 {
			length = p.Length()
		} else if p.Length() != length {
			errs.add(path, "%s covers %s but another plan covers %s: forecasts and staffing plans must cover the same period", p.File, p.Length(), length)
		}
		s.checkPlanRepeats(errs, path, p)
	}
	for i, ct := range s.ContactTypes {
		path := fmt.Sprintf("contact_types[%d].forecast", i)
		if ct.Forecast != "" && ct.PerHour > 0 {
			errs.add(path, "give either per_hour or a forecast, not both")
		}
		if ct.Forecast != "" && ct.ForecastPlan == nil {
			errs.add(path, "forecast %q was not loaded", ct.Forecast)
		}
		if ct.ForecastPlan != nil {
			check(path, ct.ForecastPlan)
		}
	}
	for i, g := range s.Agents {
		path := fmt.Sprintf("agents[%d].staffing", i)
		if g.Staffing != "" && g.StaffingPlan == nil {
			errs.add(path, "staffing plan %q was not loaded", g.Staffing)
		}
		if g.StaffingPlan != nil {
			check(path, g.StaffingPlan)
		}
	}
	if len(*errs) == 0 {
		s.checkDaysStaffed(errs, ix)
	}
}

// checkPlanRepeats refuses a plan that repeats (it is shorter than the
// horizon) and holds a change of offset: repeated, a plan is a wall-clock
// pattern, "Monday 09:00", and a pattern with 23 or 25 hours in one of
// its days has no one wall-clock place for every row.
func (s *Scenario) checkPlanRepeats(errs *Errors, path string, p *Plan) {
	if p.Length() >= s.Horizon || len(p.Rows) == 0 || p.Interval <= 0 {
		return
	}
	c := NewClock(s.Start, p.Length())
	if ch := c.Changes(); len(ch) > 0 {
		row := min(int(ch[0].At/int64(p.Interval)), len(p.Rows)-1)
		at := c.Time(ch[0].At)
		errs.add(path, "%s repeats (it covers %s of the %s horizon) but holds the daylight-saving change of %s at its line %d: "+
			"a repeating plan is a wall-clock pattern and must not hold one (give rows for the whole horizon, or start the scenario where the pattern has no change)",
			p.File, p.Length(), s.Horizon, at.Format("2006-01-02 15:04 MST"), p.Rows[row].Line)
	}
}

// checkDaysStaffed reports a staffing plan that leaves a queue with no
// agent for a whole day on which the forecast sends it contacts: every
// caller that day would wait in vain. It applies when every group serving
// the queue works a staffing plan (shifts are checked by running).
func (s *Scenario) checkDaysStaffed(errs *Errors, ix *Index) {
	// Days are the local calendar's, counted from the start's time of
	// day: 23 or 25 hours of rows when daylight saving changes.
	iv := int64(s.Interval)
	c := NewClock(s.Start, s.Horizon+Day)
	dayOf := func(i int) int {
		d, _ := SplitDay(c.Wall(int64(i)*iv) - c.StartOfDay())
		return int(d)
	}
	// dayRows returns the rows [from, to) of day d among n rows.
	dayRows := func(d, n int) (int, int) {
		from := sort.Search(n, func(i int) bool { return dayOf(i) >= d })
		to := sort.Search(n, func(i int) bool { return dayOf(i) > d })
		return from, to
	}
	// Each routing profile's groups and their agents per day are summed
	// once, and each queue adds up the profiles serving it: the work is
	// linear in the lists and the plans' rows, not queues x groups.
	type profileDays struct {
		groups  []int // in order
		planned bool  // every group works a staffing plan
		agents  []int // per day, summed over the groups
	}
	profiles := make([]profileDays, len(s.RoutingProfiles))
	for i := range profiles {
		profiles[i].planned = true
	}
	for gi, g := range s.Agents {
		p := ix.Profile(g.Profile)
		if p < 0 {
			continue
		}
		pd := &profiles[p]
		pd.groups = append(pd.groups, gi)
		pd.planned = pd.planned && g.StaffingPlan != nil
		if g.StaffingPlan == nil {
			continue
		}
		for i, r := range g.StaffingPlan.Rows {
			day := dayOf(i)
			for len(pd.agents) <= day {
				pd.agents = append(pd.agents, 0)
			}
			pd.agents[day] += int(math.Round(float64(r.Agents) * (1 - g.Shrinkage)))
		}
	}
	serving := map[string][]int{} // queue name: the profiles listing it
	for pi, rp := range s.RoutingProfiles {
		for _, pq := range rp.Queues {
			if ps := serving[pq.Queue]; len(ps) == 0 || ps[len(ps)-1] != pi {
				serving[pq.Queue] = append(ps, pi)
			}
		}
	}
	forecasts := map[string][]*Plan{}
	for _, ct := range s.ContactTypes {
		if ct.ForecastPlan != nil {
			forecasts[ct.Queue] = append(forecasts[ct.Queue], ct.ForecastPlan)
		}
	}
	for _, q := range s.Queues {
		first, planned := -1, true
		for _, pi := range serving[q.Name] {
			pd := &profiles[pi]
			if len(pd.groups) == 0 {
				continue
			}
			planned = planned && pd.planned
			if first < 0 || pd.groups[0] < first {
				first = pd.groups[0]
			}
		}
		if first < 0 || !planned {
			continue
		}
		plan := s.Agents[first].StaffingPlan
		for day := 0; ; day++ {
			from, to := dayRows(day, len(plan.Rows))
			if from >= len(plan.Rows) {
				break
			}
			var offered float64
			for _, f := range forecasts[q.Name] {
				for _, r := range f.Rows[from:min(to, len(f.Rows))] {
					offered += r.Offered
				}
			}
			agents := 0
			for _, pi := range serving[q.Name] {
				if a := profiles[pi].agents; day < len(a) {
					agents += a[day]
				}
			}
			if offered > 0 && agents == 0 {
				date := s.Start.Add(time.Duration(from) * time.Duration(s.Interval) * time.Millisecond)
				errs.add(fmt.Sprintf("agents[%d].staffing", first),
					"%s leaves queue %s with no agent for a whole day, %s (lines %d-%d), when the forecast offers %.1f contacts that day",
					plan.File, q.Name, date.Format("Mon 2006-01-02"), plan.Rows[from].Line, plan.Rows[to-1].Line, offered)
			}
		}
	}
}

// inRange reports a value outside [lo, hi], unless the scenario models a
// platform with other limits.

func (s *Scenario) validateAgentCallbacks(errs *Errors, ix *Index, path string, ac *AgentCallbacks, served map[string]bool) {
	errs.check(path+".share", "contact_types[].agent_callbacks.share", ac.Share, false)
	if !ac.Delay.IsSet() {
		errs.add(path+".delay", "is required (how far ahead the agent books the callback, e.g. 1d or {dist: uniform, min: 1h, max: 3d})")
	}
	ac.Delay.validate(path+".delay", errs)
	if !s.IgnorePlatformLimits {
		var most Duration
		switch ac.Delay.Kind {
		case Deterministic:
			most = ac.Delay.Mean
		case Uniform:
			most = ac.Delay.Max
		case Empirical:
			most = slices.Max(append([]Duration{0}, ac.Delay.Samples...))
		}
		if most > 30*Day {
			errs.add(path+".delay", "books callbacks up to %s ahead (allowed: up to 30d, Genesys Cloud's limit for scheduled callbacks)", most)
		}
	}
	if s.checkQueueRef(errs, ix, path+".queue", ac.Queue) && !served[ac.Queue] {
		errs.add(path+".queue", "no agent serves queue %q", ac.Queue)
	}
	if ac.Ownership != 0 {
		errs.check(path+".ownership", "contact_types[].agent_callbacks.ownership", float64(ac.Ownership), s.IgnorePlatformLimits)
	}
	if ac.OnExpiry != "queue" && ac.OnExpiry != "disconnect" {
		errs.add(path+".on_expiry", "unknown %q (allowed: queue, disconnect)", ac.OnExpiry)
	}
}

func (s *Scenario) validateCallback(errs *Errors, ix *Index, path string, ct *ContactType, served map[string]bool) {
	cb := ct.Callback
	switch cb.Mode {
	case AgentFirst:
	case CustomerFirst:
		errs.checkInt(path+".pacing", "contact_types[].callback.pacing", cb.Pacing, s.IgnorePlatformLimits)
		errs.checkInt(path+".max_retries", "contact_types[].callback.max_retries (customer first)", cb.MaxRetries, s.IgnorePlatformLimits)
		if !slices.Contains(PacingBases, cb.PacingBasis) {
			errs.add(path+".pacing_basis", "unknown pacing basis %q (allowed: idle, the queue's idle agents not yet claimed; logged_in, every agent logged in on the queue)", cb.PacingBasis)
		}
		cb.ConnectedPatience.validate(path+".connected_patience", errs)
		if cb.Slots != nil {
			errs.add(path+".slots", "caller-scheduled slots are agent-first callbacks (remove mode: customer_first)")
		}
	default:
		errs.add(path+".mode", "unknown mode %q (allowed: %s, %s)", cb.Mode, AgentFirst, CustomerFirst)
	}
	if sl := cb.Slots; sl != nil {
		errs.checkInt(path+".slots.per_hour", "contact_types[].callback.slots.per_hour", sl.PerHour, false)
		errs.checkInt(path+".slots.days_in_advance", "contact_types[].callback.slots.days_in_advance", sl.DaysInAdvance, false)
		if !sl.Ahead.IsSet() {
			errs.add(path+".slots.ahead", "is required (how far ahead callers ask to be called, e.g. {dist: uniform, min: 1h, max: 2d})")
		}
		sl.Ahead.validate(path+".slots.ahead", errs)
		errs.check(path+".slots.decline_probability", "contact_types[].callback.slots.decline_probability", sl.DeclineProbability, false)
		if p := sl.ConfirmProbability; p != nil {
			errs.check(path+".slots.confirm_probability", "contact_types[].callback.slots.confirm_probability", *p, false)
		}
		if sl.HoldRelease <= 0 {
			errs.add(path+".slots.hold_release", "must be positive (the AWS design releases unconfirmed holds after 60s)")
		}
	}
	if ix.Queue(cb.Queue) < 0 && cb.Queue == ct.Queue {
		// Inherited from the contact type, whose queue is already
		// reported as unknown.
	} else if s.checkQueueRef(errs, ix, path+".queue", cb.Queue) && !served[cb.Queue] {
		errs.add(path+".queue", "no agent serves callback queue %q: add it to a routing profile that agents use", cb.Queue)
	}
	errs.check(path+".initial_delay", "contact_types[].callback.initial_delay", float64(cb.InitialDelay), false)
	if cb.Mode == CustomerFirst {
		errs.check(path+".retry_interval", "contact_types[].callback.retry_interval (customer first)", float64(cb.RetryInterval), s.IgnorePlatformLimits)
	} else {
		errs.check(path+".retry_interval", "contact_types[].callback.retry_interval", float64(cb.RetryInterval), false)
	}
	errs.checkInt(path+".max_retries", "contact_types[].callback.max_retries", cb.MaxRetries, false)
	if d := cb.RetryDelay; d.IsSet() {
		if d.MeanValue() <= 0 || (d.Kind == Uniform && d.Max <= 0) {
			errs.add(path+".retry_delay", "must be positive (the wait before a failed callback returns to the queue, e.g. {dist: exponential, mean: 10m})")
		}
		d.validate(path+".retry_delay", errs)
	}
	for i, o := range cb.RetryOn {
		if !slices.Contains(RetryableOutcomes, o) {
			errs.add(fmt.Sprintf("%s.retry_on[%d]", path, i), "unknown outcome %q (allowed: no_answer, busy, invalid; answered and voicemail are not failed dials)", o)
		}
	}
	switch cb.CustomerFirstVoicemail {
	case VoicemailFail, VoicemailConnect:
	default:
		errs.add(path+".customer_first_voicemail", "unknown %q (allowed: fail, connect)", cb.CustomerFirstVoicemail)
	}
	if cb.Expiry <= 0 {
		errs.add(path+".expiry", "must be positive (Amazon Connect removes callbacks after 7d)")
	}
	if cb.RingTimeout <= 0 {
		errs.add(path+".ring_timeout", "must be positive (Amazon Connect uses 60s)")
	}
	if p := cb.AcceptProbability; p != nil {
		errs.check(path+".accept_probability", "contact_types[].callback.accept_probability", *p, false)
		if cb.Accept != nil {
			errs.add(path+".accept", "give either accept_probability or an accept curve, not both")
		}
	}
	if a := cb.Accept; a != nil {
		validateAccept(errs, path+".accept", a)
	}
	if d := cb.Dial; d != nil {
		sum := 0.0
		for _, f := range []struct {
			name string
			v    float64
		}{{"answer", d.Answer}, {"no_answer", d.NoAnswer}, {"busy", d.Busy}, {"voicemail", d.Voicemail}, {"invalid", d.Invalid}} {
			errs.check(path+".dial."+f.name, "contact_types[].callback.dial."+f.name, f.v, false)
			sum += f.v
		}
		if math.Abs(sum-1) > 1e-9 {
			errs.add(path+".dial", "the outcome probabilities must sum to 1, got %v", sum)
		}
	}
	cb.RingTime.validate(path+".ring_time", errs)
	cb.VoicemailTime.validate(path+".voicemail_time", errs)
	cb.Talk.validate(path+".talk", errs)
	cb.ACW.validate(path+".acw", errs)
}

// Warnings returns settings that are valid but probably mistaken.
func (s *Scenario) Warnings() []*FieldError {
	var ws Errors
	for i, ct := range s.ContactTypes {
		if cb := ct.Callback; cb != nil && cb.MaxRetries >= ManyRetries {
			ws.add(fmt.Sprintf("contact_types[%d].callback.max_retries", i),
				"%d retries means up to %d calls to one customer; Amazon Connect warns that a high number such as 20 makes needless work for agents",
				cb.MaxRetries, cb.MaxRetries+1)
		}
	}
	return ws
}

func validOutcome(o DialOutcome) bool {
	for _, v := range DialOutcomeList {
		if o == v {
			return true
		}
	}
	return false
}

func (s *Scenario) checkQueueRef(errs *Errors, ix *Index, path, name string) bool {
	if name == "" {
		errs.add(path, "is required")
		return false
	}
	if ix.Queue(name) < 0 {
		errs.add(path, "unknown queue %q (defined: %s)", name, s.queueNames())
		return false
	}
	return true
}

func uniqueNames(errs *Errors, list string, n int, name func(int) string) {
	seen := map[string]int{}
	for i := range n {
		nm := name(i)
		if nm == "" {
			errs.add(fmt.Sprintf("%s[%d].name", list, i), "is required")
			continue
		}
		if strings.ContainsFunc(nm, unicode.IsControl) {
			// Names reach terminals, CSV files and contact records as
			// they are: a control character could rewrite the screen.
			errs.add(fmt.Sprintf("%s[%d].name", list, i), "%q contains a control character (allowed: printable text)", nm)
			continue
		}
		if j, dup := seen[nm]; dup {
			errs.add(fmt.Sprintf("%s[%d].name", list, i), "duplicate name %q (also %s[%d])", nm, list, j)
		}
		seen[nm] = i
	}
}

// agentNameClashes refuses a group name that another group's agents would
// also carry: a group "a" of several agents names them a-1, a-2 ..., so a
// group called "a-1" would put two agents named a-1 in the records.
func agentNameClashes(errs *Errors, groups []AgentGroup) {
	byName := map[string][]int{}
	for j, o := range groups {
		byName[o.Name] = append(byName[o.Name], j)
	}
	for i, g := range groups {
		base, num, ok := strings.Cut(g.Name, "-")
		for ok {
			if n, err := strconv.Atoi(num); err == nil && n >= 1 {
				for _, j := range byName[base] {
					if o := groups[j]; j != i && o.Count > 1 && n <= o.Count {
						errs.add(fmt.Sprintf("agents[%d].name", i), "%q is also the name of agent %d of group %q (agents[%d]): rename one group", g.Name, n, o.Name, j)
					}
				}
			}
			var rest string
			rest, num, ok = strings.Cut(num, "-")
			base += "-" + rest
		}
	}
}

func (s *Scenario) queueNames() string {
	return names(len(s.Queues), func(i int) string { return s.Queues[i].Name })
}

func (s *Scenario) profileNames() string {
	return names(len(s.RoutingProfiles), func(i int) string { return s.RoutingProfiles[i].Name })
}

func (s *Scenario) typeNames() string {
	return names(len(s.ContactTypes), func(i int) string { return s.ContactTypes[i].Name })
}

// maxNames is how many names a message lists: a scenario of 100,000
// queues must not copy them all into each of its problems.
const maxNames = 10

func names(n int, f func(int) string) string {
	if n == 0 {
		return "none"
	}
	var b strings.Builder
	for i := range min(n, maxNames) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f(i))
	}
	if n > maxNames {
		fmt.Fprintf(&b, " ... (%d in all)", n)
	}
	return b.String()
}

// validateRedial checks a contact type's redial settings.
func validateRedial(errs *Errors, path string, r *Redial) {
	errs.check(path+".after_abandon", "contact_types[].redial.after_abandon", r.AfterAbandon, false)
	errs.check(path+".after_blocked", "contact_types[].redial.after_blocked", r.AfterBlocked, false)
	errs.check(path+".after_unreached_callback", "contact_types[].redial.after_unreached_callback", r.AfterUnreachedCallback, false)
	if r.Max != nil {
		errs.checkInt(path+".max", "contact_types[].redial.max", *r.Max, false)
	}
	if !r.Delay.IsSet() {
		errs.add(path+".delay", "is required (the time until a caller calls again, e.g. {dist: exponential, mean: 10m})")
		return
	}
	if r.Delay.MeanValue() <= 0 || (r.Delay.Kind == Uniform && r.Delay.Max <= 0) {
		errs.add(path+".delay", "must be positive: a caller cannot call again at the instant they gave up (e.g. 5m or {dist: exponential, mean: 10m})")
	}
	r.Delay.validate(path+".delay", errs)
}

// validateAccept checks an acceptance curve: every value it gives must be
// a probability.
func validateAccept(errs *Errors, path string, a *AcceptCurve) {
	switch a.Curve {
	case CurveLogistic:
		if a.Scale <= 0 {
			errs.add(path+".scale", "must be positive (the wait over which acceptance rises, e.g. 2m)")
		}
		errs.check(path+".low", "contact_types[].callback.accept.low", a.Low, false)
		errs.check(path+".high", "contact_types[].callback.accept.high", a.High, false)
		if len(a.Points) > 0 {
			errs.add(path+".points", "a logistic curve has no points (use curve: table)")
		}
	case CurveTable:
		if len(a.Points) == 0 {
			errs.add(path+".points", "list at least one point, e.g. [{wait: 0s, p: 0.1}, {wait: 10m, p: 0.8}]")
		}
		for i, pt := range a.Points {
			pp := fmt.Sprintf("%s.points[%d]", path, i)
			errs.check(pp+".p", "contact_types[].callback.accept.points[].p", pt.P, false)
			if pt.Wait < 0 {
				errs.add(pp+".wait", "must not be negative")
			}
			if i > 0 && pt.Wait <= a.Points[i-1].Wait {
				errs.add(pp+".wait", "must be later than the point before (%s): list waits in increasing order", a.Points[i-1].Wait)
			}
		}
	default:
		errs.add(path+".curve", "unknown curve %q (allowed: logistic, table)", a.Curve)
	}
}
