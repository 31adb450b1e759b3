package model

import (
	"fmt"
	"math"
	"slices"
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
	if s.Warmup < 0 || (s.Horizon > 0 && s.Warmup >= s.Horizon) {
		errs.add("warmup", "must be shorter than the horizon (%s)", s.Horizon)
	}
	switch s.ServiceLevelDefinition {
	case SLConnect, SLAnswered, SLAnsweredExclShort:
	default:
		errs.add("service_level_definition", "unknown definition %q (allowed: connect, answered, answered_excl_short)", s.ServiceLevelDefinition)
	}
	if s.Replications < 1 || s.Replications > 100000 {
		errs.add("replications", "must be between 1 and 100000, got %d", s.Replications)
	}
	s.validatePlans(&errs, ix)
	if t := s.Targets; t != nil {
		for _, f := range []struct {
			name string
			v    float64
		}{{"service_level", t.ServiceLevel}, {"abandon_rate", t.AbandonRate}, {"occupancy", t.Occupancy}} {
			if !(f.v >= 0 && f.v <= 1) {
				errs.add("targets."+f.name, "must be a fraction between 0 and 1 (e.g. 0.8 for 80 %%), got %v", f.v)
			}
		}
	}
	if len(s.Queues) == 0 {
		errs.add("queues", "at least one queue is required")
	}
	uniqueNames(&errs, "queues", len(s.Queues), func(i int) string { return s.Queues[i].Name })
	for i, q := range s.Queues {
		if q.MaxSize < 0 {
			errs.add(fmt.Sprintf("queues[%d].max_size", i), "must be 0 (no cap) or positive, got %d", q.MaxSize)
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
			if pq.Priority < 1 {
				errs.add(qp+".priority", "must be 1 or more (1 is served first), got %d", pq.Priority)
			}
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
		if g.Count < 1 {
			errs.add(path+".count", "must be 1 or more, got %d", g.Count)
		}
		if g.Profile == "" {
			errs.add(path+".profile", "is required: every agent needs a routing profile")
		} else if ix.Profile(g.Profile) < 0 {
			errs.add(path+".profile", "unknown routing profile %q (defined: %s)", g.Profile, s.profileNames())
		}
		if g.Staffing != "" && len(g.Shifts) > 0 {
			errs.add(path+".shifts", "give either shifts or a staffing plan, not both")
		}
		if !(g.Shrinkage >= 0 && g.Shrinkage < 1) {
			errs.add(path+".shrinkage", "must be a fraction from 0 up to (not including) 1, got %v", g.Shrinkage)
		}
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
		if !(g.DeclineProbability >= 0 && g.DeclineProbability <= 1) {
			errs.add(path+".decline_probability", "must be between 0 and 1, got %v", g.DeclineProbability)
		}
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
		if !(ct.PerHour >= 0) || math.IsInf(ct.PerHour, 0) {
			errs.add(path+".per_hour", "must be a non-negative number of contacts per hour, got %v", ct.PerHour)
		}
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
		}
		if c.BookCallback != nil && ti >= 0 && s.ContactTypes[ti].AgentCallbacks == nil {
			errs.add(path+".book_callback", "contact type %q has no agent_callbacks", c.Type)
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
	for k, b := range sh.Breaks {
		bp := fmt.Sprintf("%s.breaks[%d]", sp, k)
		if !b.Start.Set {
			errs.add(bp+".start", "is required (an offset from the shift start such as 2h, or a time of day)")
		}
		if b.Duration <= 0 {
			errs.add(bp+".duration", "must be positive")
		}
	}
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

// checkDaysStaffed reports a staffing plan that leaves a queue with no
// agent for a whole day on which the forecast sends it contacts: every
// caller that day would wait in vain. It applies when every group serving
// the queue works a staffing plan (shifts are checked by running).
func (s *Scenario) checkDaysStaffed(errs *Errors, ix *Index) {
	rowsPerDay := int(Day / s.Interval)
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
			day := i / rowsPerDay
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
		for day := 0; day*rowsPerDay < len(plan.Rows); day++ {
			from, to := day*rowsPerDay, min((day+1)*rowsPerDay, len(plan.Rows))
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
func (s *Scenario) inRange(errs *Errors, path string, v, lo, hi Duration, source string) {
	if v <= 0 {
		errs.add(path, "must be positive, got %s", v)
		return
	}
	if !s.IgnorePlatformLimits && (v < lo || v > hi) {
		errs.add(path, "%s is out of range (allowed: %s to %s, %s; set ignore_platform_limits to model a platform with other limits)", v, lo, hi, source)
	}
}

func (s *Scenario) validateAgentCallbacks(errs *Errors, ix *Index, path string, ac *AgentCallbacks, served map[string]bool) {
	if !(ac.Share >= 0 && ac.Share <= 1) {
		errs.add(path+".share", "must be a fraction between 0 and 1, got %v", ac.Share)
	}
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
		s.inRange(errs, path+".ownership", ac.Ownership, Hour, 30*Day, "Genesys Cloud's agent-owned callback period")
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
		if !s.IgnorePlatformLimits {
			if cb.Pacing < 1 || cb.Pacing > 10 {
				errs.add(path+".pacing", "%d is out of range (allowed: 1 to 10, Genesys Cloud's pacing modifier)", cb.Pacing)
			}
			if cb.MaxRetries > 20 {
				errs.add(path+".max_retries", "%d is out of range for a customer-first callback (allowed: 0 to 20, Genesys Cloud's limit)", cb.MaxRetries)
			}
		} else if cb.Pacing < 1 {
			errs.add(path+".pacing", "must be 1 or more, got %d", cb.Pacing)
		}
		cb.ConnectedPatience.validate(path+".connected_patience", errs)
		if cb.Slots != nil {
			errs.add(path+".slots", "caller-scheduled slots are agent-first callbacks (remove mode: customer_first)")
		}
	default:
		errs.add(path+".mode", "unknown mode %q (allowed: %s, %s)", cb.Mode, AgentFirst, CustomerFirst)
	}
	if sl := cb.Slots; sl != nil {
		if sl.PerHour < 1 {
			errs.add(path+".slots.per_hour", "slot capacity must be 1 or more, got %d", sl.PerHour)
		}
		if sl.DaysInAdvance < 1 || sl.DaysInAdvance > 366 {
			errs.add(path+".slots.days_in_advance", "must be between 1 and 366, got %d", sl.DaysInAdvance)
		}
		if !sl.Ahead.IsSet() {
			errs.add(path+".slots.ahead", "is required (how far ahead callers ask to be called, e.g. {dist: uniform, min: 1h, max: 2d})")
		}
		sl.Ahead.validate(path+".slots.ahead", errs)
		if !(sl.DeclineProbability >= 0 && sl.DeclineProbability <= 1) {
			errs.add(path+".slots.decline_probability", "must be between 0 and 1, got %v", sl.DeclineProbability)
		}
		if p := sl.ConfirmProbability; p != nil && !(*p >= 0 && *p <= 1) {
			errs.add(path+".slots.confirm_probability", "must be between 0 and 1, got %v", *p)
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
	if cb.InitialDelay < MinInitialDelay || cb.InitialDelay > MaxInitialDelay {
		errs.add(path+".initial_delay", "%s is out of range (allowed: 1s to 3d, i.e. 259200s)", cb.InitialDelay)
	}
	if cb.Mode == CustomerFirst {
		s.inRange(errs, path+".retry_interval", cb.RetryInterval, Minute, Day, "Genesys Cloud's customer-first retry interval")
	} else if cb.RetryInterval < MinRetryInterval || cb.RetryInterval > MaxRetryInterval {
		errs.add(path+".retry_interval", "%s is out of range (allowed: 1s to 3d, i.e. 259200s)", cb.RetryInterval)
	}
	if cb.MaxRetries < 0 {
		errs.add(path+".max_retries", "must be 0 or more, got %d", cb.MaxRetries)
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
	if p := cb.AcceptProbability; p != nil && !(*p >= 0 && *p <= 1) {
		errs.add(path+".accept_probability", "must be between 0 and 1, got %v", *p)
	}
	if d := cb.Dial; d != nil {
		sum := 0.0
		for _, f := range []struct {
			name string
			v    float64
		}{{"answer", d.Answer}, {"no_answer", d.NoAnswer}, {"busy", d.Busy}, {"voicemail", d.Voicemail}, {"invalid", d.Invalid}} {
			if !(f.v >= 0 && f.v <= 1) {
				errs.add(path+".dial."+f.name, "must be a probability between 0 and 1, got %v", f.v)
			}
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
