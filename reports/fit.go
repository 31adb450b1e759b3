package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ccsim/ccsim/analysis/fit"
	"github.com/ccsim/ccsim/model"
)

// FitOutput is what ccsim fit writes into its directory.
type FitOutput struct {
	Res   *fit.Result
	Stats fit.ReadStats
	// Sources names the record files, for the scenario's description.
	Sources []string
	// Files maps each contact type's queue to its forecast file name.
	Forecasts map[string]string
}

// FitFileNames returns the names of the files a fit writes: the scenario,
// the staffing plan, one forecast per contact type, the report.
func FitFileNames(res *fit.Result) (scenario, staffing, report, html string, forecasts map[string]string) {
	forecasts = map[string]string{}
	used := map[string]bool{}
	for _, t := range res.Types {
		base := "forecast-" + slug(t.Queue)
		name := base + ".csv"
		for i := 2; used[name]; i++ {
			name = base + "-" + strconv.Itoa(i) + ".csv"
		}
		used[name] = true
		forecasts[t.Queue] = name
	}
	return "scenario.yaml", "staffing.csv", "fit-report.txt", "fit-report.html", forecasts
}

// FitStaffingFiles names the staffing plans a fit writes: staffing.csv,
// or one per group of agents (staffing-p1.csv ...) when the agents seen
// working fall into groups by the queues they worked.
func FitStaffingFiles(res *fit.Result) []string {
	if len(res.Groups) < 2 {
		return []string{"staffing.csv"}
	}
	var out []string
	for i := range res.Groups {
		out = append(out, fmt.Sprintf("staffing-p%d.csv", i+1))
	}
	return out
}

// FitStaffingRows returns the rows of the i-th staffing plan of
// FitStaffingFiles.
func FitStaffingRows(res *fit.Result, i int) []fit.PlanRow {
	if len(res.Groups) < 2 {
		return res.Staffing
	}
	return res.Groups[i].Staffing
}

// slug makes a queue name a file name: lower-case letters and digits,
// anything else a dash.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if out == "" {
		out = "queue"
	}
	return out
}

// yq quotes a string for YAML (a JSON string is a YAML double-quoted
// scalar).
func yq(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func dur(sec float64) string {
	if math.IsNaN(sec) || sec < 0 {
		sec = 0
	}
	return model.Duration(math.Round(sec * 1000)).String()
}

// distYAML writes a fitted distribution as a scenario's dist mapping.
func distYAML(s fit.Spec) string {
	switch s.Family {
	case fit.Deterministic:
		return dur(s.Mean)
	case fit.Exponential:
		return fmt.Sprintf("{dist: exponential, mean: %s}", dur(s.Mean))
	case fit.LogNormal, fit.Gamma:
		return fmt.Sprintf("{dist: %s, mean: %s, sd: %s}", s.Family, dur(s.Mean), dur(s.Second))
	case fit.Weibull:
		return fmt.Sprintf("{dist: weibull, mean: %s, shape: %s}", dur(s.Mean), strconv.FormatFloat(round(s.Second, 4), 'f', -1, 64))
	}
	return ""
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}

// ciNote is a YAML comment giving a distribution's 95 % intervals and n.
func ciNote(d *fit.DistFit) string {
	c := d.Chosen()
	if c == nil || c.Family == fit.Deterministic {
		return fmt.Sprintf("  # n=%d", d.N)
	}
	s := fmt.Sprintf("  # n=%d", d.N)
	if d.Censored > 0 {
		s += fmt.Sprintf(" (+%d censored)", d.Censored)
	}
	s += fmt.Sprintf(", mean 95%% CI %s to %s", dur(c.Mean.Lo), dur(c.Mean.Hi))
	switch c.Family {
	case fit.LogNormal, fit.Gamma:
		s += fmt.Sprintf(", sd %s to %s", dur(c.Second.Lo), dur(c.Second.Hi))
	case fit.Weibull:
		s += fmt.Sprintf(", shape %.3f to %.3f", c.Second.Lo, c.Second.Hi)
	}
	return s + fmt.Sprintf(", KS %.3f", c.KS)
}

// WriteFitScenario writes the fitted scenario: one queue per queue seen,
// one routing profile serving all of them at equal priority (records do
// not say which queue agents prefer), one agent group on the staffing
// plan, one contact type per queue inbound contacts entered.
func WriteFitScenario(w io.Writer, o *FitOutput) error {
	res := o.Res
	_, staffing, report, _, _ := FitFileNames(res)
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Fitted by ccsim fit from %d contact records (%s to %s); the estimates,\n", o.Stats.Records-o.Stats.Duplicates-o.Stats.Bad, res.From.Format(time.RFC3339), res.To.Format(time.RFC3339))
	p("# their 95 %% confidence intervals and observations are in %s.\n", report)
	p("name: fitted\n")
	p("description: %s\n", yq("fitted from "+strings.Join(o.Sources, ", ")))
	p("start: %s\n", res.Start.Format(time.RFC3339))
	if res.TimeZone != "" {
		p("time_zone: %s  # the forecast and staffing rows are local times there\n", yq(res.TimeZone))
	}
	p("horizon: %s\n", model.Duration(res.Horizon.Milliseconds()))
	p("interval: %s\n", model.Duration(res.Interval.Milliseconds()))
	p("queues:\n")
	for _, q := range res.Queues {
		p("  - name: %s\n", yq(q))
	}
	lowerBound := func(indent string) {
		if res.LowerBound {
			p("%s# A LOWER BOUND: the agents seen working in each interval (an agent\n", indent)
			p("%s# logged in but idle all interval leaves no record). Give ccsim fit\n", indent)
			p("%s# --staffing with the agents actually logged in.\n", indent)
		}
	}
	if len(res.Groups) < 2 {
		p("routing_profiles:\n  - name: all\n    queues:\n")
		for _, q := range res.Queues {
			p("      - {queue: %s}\n", yq(q))
		}
		p("agents:\n  - name: agent\n    profile: all\n")
		lowerBound("    ")
		p("    staffing: %s\n", staffing)
	} else {
		// Agents seen on different sets of queues: a profile and a
		// group for each set, at equal priority.
		p("routing_profiles:\n")
		for i, g := range res.Groups {
			p("  - name: p%d\n    queues:\n", i+1)
			for _, q := range g.Queues {
				p("      - {queue: %s}\n", yq(q))
			}
		}
		p("agents:\n")
		lowerBound("  ")
		for i, f := range FitStaffingFiles(res) {
			p("  - name: agent-p%d  # %d agents seen on these queues\n    profile: p%d\n    staffing: %s\n", i+1, res.Groups[i].Agents, i+1, f)
		}
	}
	p("contact_types:\n")
	for _, t := range res.Types {
		p("  - name: %s\n    queue: %s\n", yq(t.Queue), yq(t.Queue))
		p("    forecast: %s\n", o.Forecasts[t.Queue])
		p("    talk: %s%s\n", distYAML(t.TalkSpec), ciNote(t.Talk))
		if t.ACWSpec.Family != "" {
			p("    acw: %s%s\n", distYAML(t.ACWSpec), ciNote(t.ACW))
		}
		if t.PatienceSpec.Family != "" {
			p("    patience: %s%s\n", distYAML(t.PatienceSpec), ciNote(t.Patience))
		}
		if c := t.Callback; c != nil {
			p("    callback:\n")
			p("      queue: %s\n", yq(c.Queue))
			p("      offer_after: %s\n", dur(t.OfferAfter))
			p("      accept_probability: %s  # %d of %d offered, 95 %% CI %.4f to %.4f\n", strconv.FormatFloat(round(t.Accept.Value, 4), 'f', -1, 64), t.Takers, t.Offered, t.Accept.Lo, t.Accept.Hi)
			if c.InitialDelay.N > 0 {
				p("      initial_delay: %s  # median of %d first legs\n", dur(math.Max(1, c.InitialDelay.Median)), c.InitialDelay.N)
			}
			p("      max_retries: %d  # most dials seen for one callback: %d\n", max(0, c.MaxDials-1), c.MaxDials)
			if c.MaxDials > 1 {
				p("      retry_on: [%s]\n", strings.Join(c.RetryOn, ", "))
				if c.RetryWait.N > 0 {
					p("      retry_interval: %s  # median of %d retry legs\n", dur(math.Max(1, c.RetryWait.Median)), c.RetryWait.N)
				}
			}
			p("      agent_whisper: %s  # from %s\n", dur(c.AgentWhisper.Median), c.AgentWhisperFrom)
			if c.OutboundWhisper.N > 0 {
				p("      outbound_whisper: %s\n", dur(c.OutboundWhisper.Median))
			}
			if d := dialShares(c); d != "" {
				p("      dial: %s  # %d dials\n", d, c.Dialled)
			}
			if c.RingSpec.Family != "" {
				p("      ring_time: %s%s\n", distYAML(c.RingSpec), ciNote(c.Ring))
			}
			if c.TalkSpec.Family != "" {
				p("      talk: %s%s\n", distYAML(c.TalkSpec), ciNote(c.Talk))
				if c.ACWSpec.Family != "" {
					p("      acw: %s%s\n", distYAML(c.ACWSpec), ciNote(c.ACW))
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// dialShares writes the dial outcome shares, rounded to 4 places and
// made to sum to 1 exactly (the remainder goes to answer).
func dialShares(c *fit.CallbackFit) string {
	var n int64
	for o := range fit.OutOther {
		n += c.OutcomeN[o]
	}
	if n == 0 {
		return ""
	}
	keys := []struct {
		key string
		o   int
	}{{"no_answer", fit.OutNoAnswer}, {"busy", fit.OutBusy}, {"voicemail", fit.OutVoicemail}, {"invalid", fit.OutInvalid}}
	rest := 10000
	var parts []string
	for _, k := range keys {
		v := int(math.Round(10000 * float64(c.OutcomeN[k.o]) / float64(n)))
		rest -= v
		parts = append(parts, fmt.Sprintf("%s: %s", k.key, strconv.FormatFloat(float64(v)/10000, 'f', -1, 64)))
	}
	return "{answer: " + strconv.FormatFloat(float64(max(rest, 0))/10000, 'f', -1, 64) + ", " + strings.Join(parts, ", ") + "}"
}

// WriteFitForecast writes one contact type's forecast CSV.
func WriteFitForecast(w io.Writer, t *fit.TypeFit) error {
	var b strings.Builder
	b.WriteString("interval_start,offered\n")
	for _, r := range t.Arrivals {
		b.WriteString(planStamp(r))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(round(r.Value, 3), 'f', -1, 64))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// planStamp is a row's interval_start: its local time (UTC without a
// time zone), with its offset when that local time happens twice (the
// hour the clocks repeat), as the scenario loader asks.
func planStamp(r fit.PlanRow) string {
	if r.Offset {
		return r.Start.Format(time.RFC3339)
	}
	return r.Start.Format("2006-01-02 15:04")
}

// WriteFitStaffing writes a staffing plan CSV.
func WriteFitStaffing(w io.Writer, rows []fit.PlanRow) error {
	var b strings.Builder
	b.WriteString("interval_start,agents\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s,%d\n", planStamp(r), int(r.Value))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// secText writes a duration in seconds, as the records give them.
func secText(x float64) string {
	if math.IsNaN(x) {
		return noValue
	}
	if math.Abs(x) >= 100 {
		return strconv.FormatFloat(x, 'f', 1, 64) + "s"
	}
	return strconv.FormatFloat(x, 'f', 2, 64) + "s"
}

func estText(e fit.Estimate, f func(float64) string) string {
	if math.IsNaN(e.Value) {
		return noValue
	}
	if !e.HasCI() {
		return f(e.Value) + " (no CI)"
	}
	return fmt.Sprintf("%s [%s, %s]", f(e.Value), f(e.Lo), f(e.Hi))
}

func prob(x float64) string { return strconv.FormatFloat(round(x, 4), 'f', 4, 64) }

func secondText(family string) func(float64) string {
	if family == fit.Weibull {
		return func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
	}
	return secText
}

// distRows lists every candidate of one fit, the chosen one marked.
func distRows(what string, d *fit.DistFit) [][]string {
	var rows [][]string
	n := strconv.FormatInt(d.N, 10)
	if d.Censored > 0 {
		n += fmt.Sprintf(" +%d cens.", d.Censored)
	}
	for i, c := range d.Candidates {
		mark := ""
		if i == d.Best {
			mark = "*"
		}
		second := noValue
		switch c.Family {
		case fit.LogNormal, fit.Gamma:
			second = "sd " + estText(c.Second, secText)
		case fit.Weibull:
			second = "shape " + estText(c.Second, secondText(c.Family))
		}
		if !c.OK {
			rows = append(rows, []string{what, c.Family, n, "did not converge", "", "", "", ""})
			continue
		}
		aic, ks := strconv.FormatFloat(c.AIC, 'f', 1, 64), strconv.FormatFloat(c.KS, 'f', 4, 64)
		if c.Family == fit.Deterministic {
			aic, ks = noValue, noValue
		}
		rows = append(rows, []string{what, c.Family, n, estText(c.Mean, secText), second, aic, ks, mark})
	}
	if len(d.Candidates) == 0 {
		rows = append(rows, []string{what, noValue, n, "no observations", "", "", "", ""})
	}
	return rows
}

// WriteFitReport writes the fit report: what was read, every estimate
// with its 95 % interval and observations, and every candidate
// distribution with its AIC and KS distance.
func WriteFitReport(w io.Writer, f Format, o *FitOutput, intervals bool) error {
	res := o.Res
	t := &text{w: w, f: f}
	pf := func(format string, args ...any) { t.para(strings.TrimSuffix(fmt.Sprintf(format, args...), "\n")) }
	s := o.Stats
	t.title("Fit: contact records read")
	pf("%d records in %d files: %d duplicate ContactIds dropped, %d malformed skipped, %d of other initiation methods not fitted.\n",
		s.Records, s.Files, s.Duplicates, s.Bad, res.OtherRecords)
	if s.Bad > 0 {
		pf("First malformed: %s\n", s.FirstBad)
	}
	if res.TimeZone == "" {
		pf("History: %s to %s (%.1f weeks), %s intervals.\n", res.From.Format("2006-01-02 15:04"), res.To.Format("2006-01-02 15:04"),
			res.To.Sub(res.From).Hours()/(7*24), model.Duration(res.Interval.Milliseconds()))
	} else {
		loc := res.Start.Location()
		pf("History: %s to %s %s (%s to %s UTC, %.1f weeks), %s intervals, folded by local wall-clock slot of the week in %s (--time-zone).\n",
			res.From.In(loc).Format("2006-01-02 15:04"), res.To.In(loc).Format("2006-01-02 15:04"), res.TimeZone,
			res.From.Format("2006-01-02 15:04"), res.To.Format("2006-01-02 15:04"),
			res.To.Sub(res.From).Hours()/(7*24), model.Duration(res.Interval.Milliseconds()), res.TimeZone)
	}
	if res.Dated {
		pf("Forecast: dated, the history's own intervals (--dated).\n")
	} else {
		lo, hi := math.MaxInt, 0
		for _, r := range res.Types[0].Arrivals {
			lo, hi = min(lo, r.Weeks), max(hi, r.Weeks)
		}
		if res.TimeZone == "" {
			pf("Forecast: one week from %s, each interval the mean of the weeks that cover it: %d to %d weeks per interval (the forecast CSV's weeks column in this report's arrivals table).\n",
				res.Start.Format("Mon 2006-01-02"), lo, hi)
		} else {
			pf("Forecast: one week from %s 00:00 %s, each local interval of the week the mean of its occurrences in the history: %d to %d per interval (the occurrences column of this report's arrivals table).\n",
				res.Start.Format("Mon 2006-01-02"), res.TimeZone, lo, hi)
		}
	}
	for _, n := range res.Notes {
		pf("Note: %s\n", n)
	}
	if len(res.Groups) > 1 {
		var parts []string
		for i, g := range res.Groups {
			parts = append(parts, fmt.Sprintf("p%d (%s): %d agents", i+1, strings.Join(g.Queues, ", "), g.Agents))
		}
		pf("Agents: seen working on %d different sets of queues, each a routing profile and agent group of the scenario: %s.", len(res.Groups), strings.Join(parts, "; "))
	}
	if t.err != nil {
		return t.err
	}
	header := []string{"field", "family", "n", "mean [95% CI]", "sd or shape [95% CI]", "AIC", "KS", "chosen"}
	for _, ty := range res.Types {
		t.blank()
		t.title(fmt.Sprintf("Contact type %s: %d inbound contacts, %d handled, %d abandoned, %d took a callback, %d not queued", ty.Queue, ty.Inbound, ty.Handled, ty.Abandoned, ty.Takers, ty.Closed))
		var rows [][]string
		rows = append(rows, distRows("talk", ty.Talk)...)
		rows = append(rows, distRows("ACW", ty.ACW)...)
		rows = append(rows, distRows("patience", ty.Patience)...)
		if t.err != nil {
			return t.err
		}
		if err := List(w, f, header, rows); err != nil {
			return err
		}
		t.para("Maximum likelihood, each whole-second value taken as the interval it was rounded from. Patience: abandoned callers' waits are observations, answered and callback-taking callers' waits right-censored (their patience was longer). * marks the lowest AIC; KS is the Kolmogorov-Smirnov distance to the data (to the Kaplan-Meier curve for patience). Intervals are Wald intervals on the log scale.")
		if ty.ArrivalRelSE > 0 {
			pf("Arrivals: %d in the history; an average interval's forecast (of those with arrivals) rests on a Poisson count with a relative standard error of %.1f %%. Simulated as Poisson rates, a noisy forecast is burstier than the centre it came from (service level a little lower); --smooth averages neighbouring intervals.", ty.Inbound, 100*ty.ArrivalRelSE)
		}
		if len(ty.Patience.KM) > 0 {
			var kr [][]string
			for _, q := range []float64{0.1, 0.25, 0.5, 0.75} {
				kr = append(kr, []string{fmt.Sprintf("%.0f %% abandoned by", 100*q), secText(fit.KMQuantile(ty.Patience.KM, q))})
			}
			t.blank()
			if t.err != nil {
				return t.err
			}
			if err := List(w, f, []string{"Kaplan-Meier patience", "wait"}, kr); err != nil {
				return err
			}
			t.para("-: the curve never falls that far (too few callers waited that long to say).")
		}
		if c := ty.Callback; c != nil {
			t.blank()
			pf("Callbacks: offered after %s in queue (the shortest wait of a caller who took one); accepted by %s of the %d callers still in queue then, 95 %% CI %s to %s (Wilson). Assumes every caller still waiting at the offer time was offered once; a flow offering only when the expected wait is long makes this an underestimate of acceptance among those offered.\n",
				dur(ty.OfferAfter), prob(ty.Accept.Value), ty.Offered, prob(ty.Accept.Lo), prob(ty.Accept.Hi))
		}
	}
	for _, c := range res.Callbacks {
		t.blank()
		t.title(fmt.Sprintf("Callback working queue %s: %d legs (%d first, %d retries), %d dialled", c.Queue, c.Legs, c.FirstLegs, c.RetryLegs, c.Dialled))
		rows := [][]string{
			{"initial delay (first legs: enqueue - initiation)", summaryText(c.InitialDelay)},
			{"retry wait (retry legs: enqueue - initiation)", summaryText(c.RetryWait)},
			{"most dials for one callback", strconv.Itoa(c.MaxDials)},
			{"retried outcomes", strings.Join(c.RetryOn, ", ")},
			{"agent whisper, " + c.AgentWhisperFrom, summaryText(c.AgentWhisper)},
			{"outbound whisper (customer answer to agent connect)", summaryText(c.OutboundWhisper)},
		}
		for o := range fit.OutOther + 1 {
			rows = append(rows, []string{"dial outcome " + fit.OutcomeNames[o], fmt.Sprintf("%s [%s, %s] (%d of %d)", prob(c.Outcomes[o].Value), prob(c.Outcomes[o].Lo), prob(c.Outcomes[o].Hi), c.OutcomeN[o], c.Dialled)})
		}
		if t.err != nil {
			return t.err
		}
		if err := List(w, f, []string{"estimate", "value (median, mean, range, n; or share [95% CI])"}, rows); err != nil {
			return err
		}
		var dr [][]string
		dr = append(dr, distRows("ring time", c.Ring)...)
		dr = append(dr, distRows("callback talk", c.Talk)...)
		dr = append(dr, distRows("callback ACW", c.ACW)...)
		t.blank()
		if t.err != nil {
			return t.err
		}
		if err := List(w, f, header, dr); err != nil {
			return err
		}
		t.para("Voicemail is told from a person answering only by ccsim's ccsim_outcome attribute; in Connect's own records both are connected. Ring time: dequeue to customer answer, less the agent whisper.")
	}
	t.blank()
	if !intervals {
		_, _, report, _, _ := FitFileNames(res)
		pf("Arrivals and staffing per interval: in %s.", report)
		return t.err
	}
	t.title("Arrivals and staffing per interval")
	var rows [][]string
	header = []string{"interval"}
	for _, ty := range res.Types {
		header = append(header, ty.Queue+" offered")
	}
	label := "agents (staffing file)"
	if res.LowerBound {
		label = "agents seen (lower bound)"
	}
	count := "weeks"
	if res.TimeZone != "" {
		count = "occurrences"
	}
	header = append(header, label, count)
	for i, st := range res.Staffing {
		row := []string{st.Start.Format("Mon 2006-01-02 15:04")}
		if !res.Dated {
			row[0] = st.Start.Format("Mon 15:04")
		}
		weeks := 0
		empty := st.Value == 0
		for _, ty := range res.Types {
			a := ty.Arrivals[i]
			row = append(row, strconv.FormatFloat(round(a.Value, 2), 'f', 2, 64))
			weeks = a.Weeks
			empty = empty && a.Value == 0
		}
		if empty {
			continue
		}
		row = append(row, strconv.Itoa(int(st.Value)), strconv.Itoa(weeks))
		rows = append(rows, row)
	}
	if t.err != nil {
		return t.err
	}
	if err := List(w, f, header, rows); err != nil {
		return err
	}
	if res.TimeZone == "" {
		t.para("Intervals with no arrivals and no agents are left out. Weeks: how many weeks of history the interval's mean rests on.")
	} else {
		t.para("Intervals with no arrivals and no agents are left out. Local time in " + res.TimeZone + ". Occurrences: how many times the local interval occurred in the history, which the mean divides by: the weeks that cover it, one more for an hour the clocks repeated, one fewer for one they skipped.")
	}
	return t.err
}

func summaryText(s fit.Summary) string {
	if s.N == 0 {
		return noValue
	}
	return fmt.Sprintf("median %s, mean %s, %s to %s, n=%d", secText(s.Median), secText(s.Mean), secText(s.Min), secText(s.Max), s.N)
}
