package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Settings is a scenario's settings described for people: with every
// default filled in, in words and units a planner reads ("exponential, mean
// 5m", "mon-fri 08:00-18:00", "up to 3, at least 10m apart"). Reports lay
// it out as tables; they never read the scenario's own structs, so what a
// report says a run used is what the engine compiled (see sim's
// Plan.Settings).
type Settings struct {
	// Description is the scenario's description, trimmed.
	Description string
	// Tables are the queues, the agent groups, then one key-value table
	// per contact type.
	Tables []SettingsTable
}

// SettingsTable is one table of [Settings].
type SettingsTable struct {
	Title string
	// Columns name the columns; nil for a list of key and value rows.
	Columns []string
	// Counts marks the columns that hold numbers.
	Counts []bool
	Rows   [][]string
}

// Describe returns the settings of s, which should be normalized (as a
// loaded or compiled scenario is) so that the defaults show.
func (s *Scenario) Describe() Settings {
	out := Settings{Description: strings.TrimSpace(s.Description)}
	queues := SettingsTable{Title: "Queues", Columns: []string{"queue", "max size", "hours"}, Counts: []bool{false, true, false}}
	for _, q := range s.Queues {
		size := "no cap"
		if q.MaxSize > 0 {
			size = strconv.Itoa(q.MaxSize)
		}
		if w := q.WaitingPlaces; w != nil {
			size = strconv.Itoa(*w) + " waiting places"
			if *w == 0 {
				size = "no waiting places (callers finding every agent busy are blocked)"
			}
		}
		queues.Rows = append(queues.Rows, []string{q.Name, size, hoursText(q.Hours)})
	}
	agents := SettingsTable{Title: "Agents", Columns: []string{"group", "agents", "routing profile", "logged in"},
		Counts: []bool{false, true, false, false}}
	for _, a := range s.Agents {
		agents.Rows = append(agents.Rows, []string{a.Name, strconv.Itoa(a.Count), profileText(s, a.Profile), agentText(s, a)})
	}
	out.Tables = append(out.Tables, queues, agents)
	for _, ct := range s.ContactTypes {
		t := SettingsTable{Title: "Contact type " + ct.Name}
		arrivals := strconv.FormatFloat(ct.PerHour, 'f', 1, 64) + " per hour (Poisson)"
		if ct.Forecast != "" {
			arrivals = "forecast " + ct.Forecast
		}
		patience := "unlimited (never abandons)"
		if ct.Patience.IsSet() {
			patience = distText(ct.Patience)
		}
		t.Rows = append(t.Rows,
			[]string{"queue", ct.Queue},
			[]string{"arrivals", arrivals},
			[]string{"talk", distText(ct.Talk)},
			[]string{"ACW", distText(ct.ACW)},
			[]string{"patience", patience})
		t.Rows = append(t.Rows, callbackRows(ct)...)
		if r := ct.Redial; r != nil {
			t.Rows = append(t.Rows, []string{"redials", redialText(r)})
		}
		out.Tables = append(out.Tables, t)
	}
	return out
}

// Describe lists the goals in words, "service level ≥ 80 %, ASA ≤ 20s",
// or "none" (also for nil Targets).
func (t *Targets) Describe() string {
	if t == nil {
		return "none"
	}
	var parts []string
	if t.ServiceLevel > 0 {
		parts = append(parts, "service level ≥ "+pctText(t.ServiceLevel))
	}
	if t.AbandonRate > 0 {
		parts = append(parts, "abandon rate ≤ "+pctText(t.AbandonRate))
	}
	if t.ASA > 0 {
		parts = append(parts, "ASA ≤ "+t.ASA.String())
	}
	if t.Occupancy > 0 {
		parts = append(parts, "occupancy ≤ "+pctText(t.Occupancy))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// pctText writes the fraction x as a percentage, "35 %".
func pctText(x float64) string {
	return strconv.FormatFloat(math.Round(1000*x)/10, 'f', -1, 64) + " %"
}

// distText describes a distribution of durations.
func distText(d Dist) string {
	switch d.Kind {
	case "":
		return "none"
	case Deterministic:
		return d.Mean.String()
	case Exponential:
		return "exponential, mean " + d.Mean.String()
	case LogNormal, Gamma:
		return string(d.Kind) + ", mean " + d.Mean.String() + ", sd " + d.SD.String()
	case Weibull:
		return "weibull, mean " + d.Mean.String() + ", shape " + strconv.FormatFloat(d.Shape, 'g', -1, 64)
	case Uniform:
		return "uniform " + d.Min.String() + " to " + d.Max.String()
	case Empirical:
		return "empirical, " + strconv.Itoa(len(d.Samples)) + " samples, mean " + d.MeanValue().String()
	}
	return string(d.Kind) + ", mean " + d.MeanValue().String()
}

// weekDays are the days of a week, in the order hours and shifts list
// them.
var weekDays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// daysText writes a list of days, runs of three or more as "mon-fri".
func daysText(days []string) string {
	on := map[string]bool{}
	for _, d := range days {
		on[strings.ToLower(d)] = true
	}
	var parts []string
	for i := 0; i < len(weekDays); {
		if !on[weekDays[i]] {
			i++
			continue
		}
		j := i
		for j+1 < len(weekDays) && on[weekDays[j+1]] {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, weekDays[i]+"-"+weekDays[j])
		case j > i:
			parts = append(parts, weekDays[i], weekDays[j])
		default:
			parts = append(parts, weekDays[i])
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// atText writes a time of day as "07:00" (with seconds when it has
// them), or an offset from the start as "+2h".
func atText(a At) string {
	if !a.Clock {
		return "+" + a.Value.String()
	}
	v := a.Value
	s := fmt.Sprintf("%02d:%02d", v/Hour, v%Hour/Minute)
	if sec := v % Minute / Second; sec != 0 {
		s += fmt.Sprintf(":%02d", sec)
	}
	return s
}

// hoursText describes a queue's hours of operation.
func hoursText(hours []Hours) string {
	if len(hours) == 0 {
		return "always open"
	}
	var parts []string
	for _, h := range hours {
		parts = append(parts, daysText(h.Days)+" "+atText(h.Open)+"-"+atText(h.Close))
	}
	return strings.Join(parts, "; ")
}

// profileText describes a routing profile: its name and its queues by
// priority.
func profileText(s *Scenario, name string) string {
	i := s.ProfileIndex(name)
	if i < 0 {
		return name
	}
	var qs []string
	for _, q := range s.RoutingProfiles[i].Queues {
		t := q.Queue + " (priority " + strconv.Itoa(max(q.Priority, 1))
		if q.Delay > 0 {
			t += ", after " + q.Delay.String()
		}
		qs = append(qs, t+")")
	}
	return name + ": " + strings.Join(qs, ", ")
}

// agentText describes when an agent group is logged in.
func agentText(s *Scenario, a AgentGroup) string {
	var parts []string
	switch {
	case a.Roster != "":
		parts = append(parts, fmt.Sprintf("roster %s (%d shifts)", a.Roster, len(a.RosterShifts)))
	case a.Staffing != "":
		parts = append(parts, "staffing plan "+a.Staffing)
	case len(a.Shifts) == 1 && !a.Shifts[0].Start.Clock && a.Shifts[0].Start.Value == 0 &&
		len(a.Shifts[0].Days) == 0 && len(a.Shifts[0].Breaks) == 0 &&
		(!a.Shifts[0].End.Set || (!a.Shifts[0].End.Clock && a.Shifts[0].End.Value >= s.Horizon)):
		parts = append(parts, "the whole horizon")
	default:
		for _, sh := range a.Shifts {
			t := atText(sh.Start) + "-" + atText(sh.End)
			if len(sh.Days) > 0 {
				t = daysText(sh.Days) + " " + t
			}
			if n := len(sh.Breaks); n > 0 {
				t += fmt.Sprintf(" (%d break", n)
				if n > 1 {
					t += "s"
				}
				staggered := false
				for _, b := range sh.Breaks {
					staggered = staggered || b.Window != nil
				}
				if staggered {
					t += ", staggered"
				}
				t += ")"
			}
			parts = append(parts, t)
		}
	}
	if a.Shrinkage > 0 {
		parts = append(parts, "shrinkage "+pctText(a.Shrinkage))
	}
	if a.DeclineProbability > 0 {
		parts = append(parts, "declines "+pctText(a.DeclineProbability)+" of offers")
	}
	return strings.Join(parts, "; ")
}

// pacingBasisText names the agents the pacing modifier scales.
func pacingBasisText(b PacingBasis) string {
	if b == PacingLoggedIn {
		return "agents logged in"
	}
	return "idle unclaimed agents"
}

// callbackRows describe the callbacks of a contact type: the flow's offer
// and the callback queue's settings, and the callbacks agents book.
func callbackRows(ct ContactType) [][]string {
	var rows [][]string
	if cb := ct.Callback; cb != nil {
		mode := "agent first"
		if cb.Mode == CustomerFirst {
			mode = "customer first, pacing " + strconv.Itoa(cb.Pacing) + " (dials at most " + strconv.Itoa(cb.Pacing) + "/10 x " + pacingBasisText(cb.PacingBasis) + ")"
		}
		if cb.Slots != nil {
			mode = "caller-scheduled slots (" + strconv.Itoa(cb.Slots.PerHour) + " per hour, " +
				strconv.Itoa(cb.Slots.DaysInAdvance) + " days ahead), called at the asked time, then agent first"
		}
		offer := "after " + cb.OfferAfter.String() + " in queue"
		if cb.OfferMinExpectedWait > 0 {
			offer += ", if the expected wait is at least " + cb.OfferMinExpectedWait.String()
		}
		if p := cb.AcceptProbability; p != nil {
			offer += "; " + pctText(*p) + " accept"
		}
		if a := cb.Accept; a != nil {
			offer += "; acceptance by the announced wait: " + acceptText(a)
		}
		dials := "up to " + strconv.Itoa(cb.MaxRetries+1)
		if cb.MaxRetries > 0 {
			if cb.RetryDelay.IsSet() {
				dials += ", apart by a drawn wait (" + distText(cb.RetryDelay) + ")"
			} else {
				dials += ", at least " + cb.RetryInterval.String() + " apart"
			}
			dials += "; redialled after " + retryOnText(cb.RetryOn)
		}
		if cb.Mode == CustomerFirst {
			if cb.CustomerFirstVoicemail == VoicemailConnect {
				dials += "; voicemail is put through to an agent"
			} else {
				dials += "; voicemail is not put through (a failed dial)"
			}
		}
		rows = append(rows,
			[]string{"callback", mode},
			[]string{"offered", offer},
			[]string{"working queue", cb.Queue},
			[]string{"initial delay", cb.InitialDelay.String()},
			[]string{"dials", dials})
		if cb.Expiry > 0 {
			rows = append(rows, []string{"expiry", cb.Expiry.String()})
		}
		if cb.KeepPosition {
			rows = append(rows, []string{"position", "keeps the original call's place"})
		}
		if cb.AgentWhisper > 0 || cb.OutboundWhisper > 0 {
			rows = append(rows, []string{"whispers", cb.AgentWhisper.String() + " agent, " + cb.OutboundWhisper.String() + " customer"})
		}
		if d := cb.Dial; d != nil {
			var out []string
			for _, o := range []struct {
				name string
				p    float64
			}{{"answer", d.Answer}, {"no answer", d.NoAnswer}, {"busy", d.Busy}, {"voicemail", d.Voicemail}, {"invalid", d.Invalid}} {
				if o.p > 0 {
					out = append(out, o.name+" "+pctText(o.p))
				}
			}
			rows = append(rows, []string{"dial outcomes", strings.Join(out, ", ")})
		}
	}
	if ac := ct.AgentCallbacks; ac != nil {
		t := pctText(ac.Share) + " of handled contacts, " + distText(ac.Delay) + " ahead"
		if ac.Ownership > 0 {
			t += ", agent-owned for " + ac.Ownership.String() + " (then " + ac.OnExpiry + ")"
		}
		if ac.RouteToMe {
			t += ", routed to the booking agent"
		}
		rows = append(rows, []string{"agent-booked", t})
	}
	if len(rows) == 0 {
		rows = append(rows, []string{"callback", "none"})
	}
	return rows
}

// retryOnText names the failed dial outcomes that are redialled.
func retryOnText(out []DialOutcome) string {
	if out == nil {
		out = defaultRetryOn()
	}
	if len(out) == 0 {
		return "nothing (every failed dial ends the callback)"
	}
	names := make([]string, len(out))
	for i, o := range out {
		names[i] = strings.ReplaceAll(string(o), "_", " ")
	}
	return strings.Join(names, ", ")
}

// redialText describes who calls again, when, and how often.
func redialText(r *Redial) string {
	s := pctText(r.AfterAbandon) + " of abandoned, " + pctText(r.AfterBlocked) + " of blocked and " +
		pctText(r.AfterUnreachedCallback) + " of unreached-callback callers call again after " + distText(r.Delay)
	if r.Max != nil {
		return s + ", at most " + strconv.Itoa(*r.Max) + " times each"
	}
	return s + ", with no limit"
}

// acceptText describes an acceptance curve.
func acceptText(a *AcceptCurve) string {
	if a.Curve == CurveLogistic {
		return "logistic from " + pctText(a.Low) + " to " + pctText(a.High) + ", halfway at " + a.Midpoint.String() +
			", scale " + a.Scale.String()
	}
	parts := make([]string, len(a.Points))
	for i, p := range a.Points {
		parts[i] = p.Wait.String() + ": " + pctText(p.P)
	}
	return "table " + strings.Join(parts, ", ")
}
