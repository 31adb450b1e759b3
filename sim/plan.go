package sim

import (
	"fmt"
	"slices"
	"time"

	"github.com/ccsim/ccsim/model"
)

// Plan is a scenario compiled for simulation: names resolved to indices,
// durations to milliseconds, routing tables built. It is read-only once
// built, so one Plan can run many replications, in parallel.
type Plan struct {
	s            *model.Scenario
	start        time.Time
	horizon      int64
	sl           int64
	shortAbandon int64
	interval     int64
	warmup       int64
	cycle        int64
	nIntervals   int
	hourOff      int64 // how far into its local clock hour the start is (ms)
	// clock maps simulated time to the wall clock of the scenario's
	// zone; grid files the run's intervals under the cycle's.
	clock    *model.Clock
	grid     *model.Grid
	wall     bool // grid.WallSlots(), kept here for the hot path
	warnings []string
	queues   []queuePlan
	profiles []profilePlan
	groups   []groupPlan
	types    []typePlan
	script   []scriptPlan
}

type queuePlan struct {
	name string
	// cap is how many contacts may wait in the queue (-1: no cap). With
	// 0, an arrival is blocked unless an agent takes it at once.
	cap int
	// pacing is the customer-first pacing modifier of callbacks working
	// this queue (0: none are customer-first).
	pacing int
	// pacingLoggedIn scales the pacing modifier by the agents logged in
	// on the queue (pacing_basis: logged_in) instead of its idle agents
	// not yet claimed.
	pacingLoggedIn bool
	// open lists the queue's opening hours over the horizon; nil means
	// always open.
	open [][2]int64
	// profiles serving this queue, with their priority and delay for it.
	profiles []profileRef
	// delays lists the distinct positive routing delays on this queue;
	// a contact entering the queue schedules a routing check after each.
	delays []int64
}

type profileRef struct {
	profile  int32
	priority int32
	delay    int64
}

type profilePlan struct {
	// queues ordered by priority, then by their order in the profile.
	queues []profileQueue
}

type profileQueue struct {
	q        int32
	priority int32
	delay    int64
}

type groupPlan struct {
	name     string
	count    int
	profile  int32
	scheds   []schedule // one shared, or one per agent
	declineP float64
	lockout  int64
	decline  []int32 // script indices whose first offer is declined
}

type typePlan struct {
	name       string
	queue      int32
	perHour    float64
	gap        float64 // mean ms between arrivals at perHour, worked out once: it is used per arrival
	talk, acw  model.Dist
	patience   model.Dist
	cb         *callbackPlan
	meanHandle float64 // ms, for the expected-wait estimate
	// rates (arrivals per ms) and scale (AHT factor) per interval of the
	// cycle, from a forecast; nil for a constant rate.
	rates []float64
	scale []float64
	// agentCB books callbacks after handled contacts; bookedCB is how
	// those callbacks are dialled.
	agentCB  *agentCBPlan
	bookedCB *callbackPlan
	// redial: callers who gave up call again; nil: none do.
	redial *redialPlan
}

type redialPlan struct {
	abandon, blocked, unreached float64
	delay                       model.Dist
	max                         int32 // most redials per customer; -1: no limit
}

type agentCBPlan struct {
	share     float64
	delay     model.Dist
	queue     int32
	routeToMe bool
	ownership int64 // 0: not owned
	toQueue   bool  // an owned callback's owner did not take it: queue it
}

type callbackPlan struct {
	queue      int32
	offerAfter int64
	minEWT     int64
	accept     float64
	// acceptCurve, when set, gives acceptance by the announced wait.
	acceptCurve  *model.AcceptCurve
	initialDelay int64
	retry        int64
	// retryDelay, when set, is drawn for each retry instead of retry.
	retryDelay   model.Dist
	maxAttempts  int32
	expiry       int64
	keepPosition bool
	agentWhisper int64
	outWhisper   int64
	ringTimeout  int64
	busyAfter    int64
	dialCum      [5]float64 // cumulative probabilities in model.DialOutcomeList order
	// retryOn marks, by outcome index, the failed dials that are
	// redialled while attempts remain.
	retryOn [5]bool
	// cfVoicemailFails: a customer-first dial that reaches voicemail is
	// not put through to an agent (a failed dial).
	cfVoicemailFails bool
	ring             model.Dist
	voicemail        model.Dist
	talk, acw        model.Dist
	// customer-first callbacks
	customerFirst bool
	connPatience  model.Dist
	holdUntilOpen bool
	slots         *slotsPlan
}

type slotsPlan struct {
	perHour     int32
	days        int
	ahead       model.Dist
	decline     float64
	confirm     float64
	holdRelease int64
}

type scriptPlan struct {
	id            string
	typ           int32
	at            int64
	callbackAfter int64 // -1: never takes a callback
	abandonAfter  int64 // -1: never abandons
	talk, acw     int64 // -1: drawn from the contact type
	bookAfter     int64 // -1: the agent books no callback
	slotAsk       int64 // -1: not scripted
	slotConfirm   bool
	dials         []model.ScriptDial
}

// Compile builds the Plan of s. It works on a deep copy of s, which the
// plan keeps: s is never changed, and later changes to s do not reach the
// plan.
//
// Compile fills no default and runs no check of its own: a scenario must
// be normalized and valid ([model.Scenario.Check]). One that Check passed,
// as every scenario the scenarios package loads, is compiled as it is, so
// that nothing is checked twice. Any other (built by hand, or a copy of a
// checked scenario, which does not carry the mark) is checked first, on
// the copy; an invalid one returns the validation errors, which wrap
// [model.ErrInvalid].
func Compile(s *model.Scenario) (*Plan, error) {
	s = s.Clone()
	if !s.Checked() {
		if err := s.Check(); err != nil {
			return nil, err
		}
	}
	p := &Plan{
		s:            s,
		start:        s.Start,
		horizon:      int64(s.Horizon),
		sl:           int64(s.ServiceLevel),
		shortAbandon: int64(s.ShortAbandon),
		interval:     int64(s.Interval),
		warmup:       int64(s.Warmup),
	}
	// Names are resolved through an index: compiling takes time linear in
	// the scenario's size.
	ix := model.NewIndex(s)
	p.cycle = reportingCycle(s)
	p.nIntervals = int(p.cycle / p.interval)
	// Opening hours are needed beyond the horizon as far as a
	// caller-scheduled slot can be booked.
	hoursUntil := int64(s.Horizon) + int64(model.Day)
	for _, ct := range s.ContactTypes {
		if cb := ct.Callback; cb != nil && cb.Slots != nil {
			hoursUntil = max(hoursUntil, int64(s.Horizon)+int64(cb.Slots.DaysInAdvance+1)*int64(model.Day))
		}
	}
	p.clock = model.NewClock(s.Start, model.Duration(hoursUntil)+model.Day)
	p.grid = model.NewGrid(s.Start, s.Horizon, s.Interval, model.Duration(p.cycle))
	p.wall = p.grid.WallSlots()
	p.hourOff = p.clock.StartOfDay() % int64(time.Hour/time.Millisecond)
	for _, q := range s.Queues {
		qp := queuePlan{name: q.Name, cap: -1}
		if q.MaxSize > 0 {
			qp.cap = q.MaxSize
		}
		if q.WaitingPlaces != nil {
			qp.cap = *q.WaitingPlaces
		}
		if len(q.Hours) > 0 {
			var spans []span
			for _, h := range q.Hours {
				spans = append(spans, shiftSpans(p.clock, model.Shift{Start: h.Open, End: h.Close, Days: h.Days}, hoursUntil, 0, 1)...)
			}
			qp.open = newSchedule(spans).pieces
			if qp.open == nil {
				qp.open = [][2]int64{} // closed for the whole horizon
			}
		}
		p.queues = append(p.queues, qp)
	}
	for pi, rp := range s.RoutingProfiles {
		var pp profilePlan
		for _, pq := range rp.Queues {
			qi := int32(ix.Queue(pq.Queue))
			pp.queues = append(pp.queues, profileQueue{q: qi, priority: int32(pq.Priority), delay: int64(pq.Delay)})
			qp := &p.queues[qi]
			qp.profiles = append(qp.profiles, profileRef{profile: int32(pi), priority: int32(pq.Priority), delay: int64(pq.Delay)})
			if pq.Delay > 0 && !slices.Contains(qp.delays, int64(pq.Delay)) {
				qp.delays = append(qp.delays, int64(pq.Delay))
			}
		}
		slices.SortStableFunc(pp.queues, func(a, b profileQueue) int { return int(a.priority - b.priority) })
		p.profiles = append(p.profiles, pp)
	}
	for i := range p.queues {
		slices.Sort(p.queues[i].delays)
	}
	scriptIdx := map[string]int32{}
	for i, c := range s.Script {
		scriptIdx[c.ID] = int32(i)
	}
	for _, g := range s.Agents {
		gp := groupPlan{
			name:     g.Name,
			profile:  int32(ix.Profile(g.Profile)),
			declineP: g.DeclineProbability,
			lockout:  int64(g.MissedLockout),
		}
		gp.scheds, gp.count = groupSchedules(p, &g)
		for _, id := range g.Decline {
			gp.decline = append(gp.decline, scriptIdx[id])
		}
		p.groups = append(p.groups, gp)
	}
	for _, ct := range s.ContactTypes {
		tp := typePlan{
			name:       ct.Name,
			queue:      int32(ix.Queue(ct.Queue)),
			perHour:    ct.PerHour,
			gap:        3.6e6 / ct.PerHour,
			talk:       ct.Talk,
			acw:        ct.ACW,
			patience:   ct.Patience,
			meanHandle: float64(ct.Talk.MeanValue() + ct.ACW.MeanValue()),
		}
		if f := ct.ForecastPlan; f != nil {
			tp.rates = make([]float64, p.nIntervals)
			tp.scale = make([]float64, p.nIntervals)
			for i := range p.nIntervals {
				row := f.Rows[i%len(f.Rows)]
				tp.rates[i] = row.Offered / float64(f.Interval)
				tp.scale[i] = 1
				if row.AHT > 0 && tp.meanHandle > 0 {
					tp.scale[i] = float64(row.AHT) / tp.meanHandle
				}
			}
		}
		if cb := ct.Callback; cb != nil {
			tp.cb = newCallbackPlan(s, ix, cb)
			if tp.cb.customerFirst {
				qp := &p.queues[tp.cb.queue]
				qp.pacing = max(qp.pacing, cb.Pacing)
				qp.pacingLoggedIn = cb.PacingBasis == model.PacingLoggedIn
			}
		}
		if r := ct.Redial; r != nil {
			tp.redial = &redialPlan{abandon: r.AfterAbandon, blocked: r.AfterBlocked,
				unreached: r.AfterUnreachedCallback, delay: r.Delay, max: -1}
			if r.Max != nil {
				tp.redial.max = int32(*r.Max)
			}
		}
		if ac := ct.AgentCallbacks; ac != nil {
			tp.agentCB = &agentCBPlan{
				share:     ac.Share,
				delay:     ac.Delay,
				queue:     int32(ix.Queue(ac.Queue)),
				routeToMe: ac.RouteToMe,
				ownership: int64(ac.Ownership),
				toQueue:   ac.OnExpiry != "disconnect",
			}
			// Booked callbacks are agent-first and dial as the contact
			// type's callback does, or with the defaults if it offers none.
			tp.bookedCB = newCallbackPlan(s, ix, ct.BookedCallback())
			tp.bookedCB.customerFirst = false
			tp.bookedCB.queue = tp.agentCB.queue
			tp.bookedCB.expiry = noExpiry
		}
		p.types = append(p.types, tp)
	}
	for _, c := range s.Script {
		sp := scriptPlan{
			id:            c.ID,
			typ:           int32(ix.Type(c.Type)),
			at:            int64(c.At.Offset(s.Start)),
			callbackAfter: optMs(c.CallbackAfter),
			abandonAfter:  optMs(c.AbandonAfter),
			talk:          optMs(c.Talk),
			acw:           optMs(c.ACW),
			bookAfter:     optMs(c.BookCallback),
			slotAsk:       -1,
			slotConfirm:   c.SlotConfirm == nil || *c.SlotConfirm,
			dials:         c.Dials,
		}
		if c.SlotAsk.Set {
			sp.slotAsk = int64(c.SlotAsk.Offset(s.Start))
		}
		p.script = append(p.script, sp)
	}
	p.warnings = loadWarnings(p)
	return p, nil
}

// newCallbackPlan compiles the settings of one callback.
func newCallbackPlan(s *model.Scenario, ix *model.Index, cb *model.Callback) *callbackPlan {
	cp := &callbackPlan{
		queue:         int32(ix.Queue(cb.Queue)),
		offerAfter:    int64(cb.OfferAfter),
		minEWT:        int64(cb.OfferMinExpectedWait),
		accept:        1,
		acceptCurve:   cb.Accept,
		initialDelay:  int64(cb.InitialDelay),
		retry:         int64(cb.RetryInterval),
		retryDelay:    cb.RetryDelay,
		maxAttempts:   int32(cb.MaxRetries) + 1,
		expiry:        int64(cb.Expiry),
		keepPosition:  cb.KeepPosition,
		agentWhisper:  int64(cb.AgentWhisper),
		outWhisper:    int64(cb.OutboundWhisper),
		ringTimeout:   int64(cb.RingTimeout),
		busyAfter:     int64(cb.BusyAfter),
		ring:          cb.RingTime,
		voicemail:     cb.VoicemailTime,
		talk:          cb.Talk,
		acw:           cb.ACW,
		customerFirst: cb.Mode == model.CustomerFirst,
		connPatience:  cb.ConnectedPatience,
		holdUntilOpen: cb.HoldUntilOpen,
	}
	if sl := cb.Slots; sl != nil {
		cp.slots = &slotsPlan{
			perHour: int32(sl.PerHour), days: sl.DaysInAdvance, ahead: sl.Ahead,
			decline: sl.DeclineProbability, confirm: *sl.ConfirmProbability, holdRelease: int64(sl.HoldRelease),
		}
	}
	for _, o := range cb.RetryOn {
		cp.retryOn[outcomeIndex(o)] = true
	}
	cp.cfVoicemailFails = cb.Mode == model.CustomerFirst && cb.CustomerFirstVoicemail != model.VoicemailConnect
	d := cb.Dial
	cum := 0.0
	for i, v := range []float64{d.Answer, d.NoAnswer, d.Busy, d.Voicemail, d.Invalid} {
		cum += v
		cp.dialCum[i] = cum
	}
	cp.dialCum[4] = 1 // guard against rounding: the last bucket catches all
	if cb.AcceptProbability != nil {
		cp.accept = *cb.AcceptProbability
	}
	return cp
}

// bucket returns the interval of the cycle the run's k-th interval is
// filed under (see model.Grid). Without daylight saving in a folded run
// it is k mod n, inline: it is on the engine's hot path.
func (p *Plan) bucket(k int64) int {
	if p.wall {
		return p.grid.Bucket(k)
	}
	return int(k % int64(p.nIntervals))
}

// reportingCycle is the period per-interval statistics are folded onto: the
// forecasts' and staffing plans' period when there is one, otherwise the
// horizon up to a week, otherwise a week.
func reportingCycle(s *model.Scenario) int64 {
	iv := int64(s.Interval)
	for _, ct := range s.ContactTypes {
		if ct.ForecastPlan != nil {
			return int64(ct.ForecastPlan.Length())
		}
	}
	for _, g := range s.Agents {
		if g.StaffingPlan != nil {
			return int64(g.StaffingPlan.Length())
		}
	}
	c := min(int64(s.Horizon), int64(7*model.Day))
	return (c + iv - 1) / iv * iv
}

// loadWarnings compares the offered load with the agents logged in over
// the whole horizon. A scenario that cannot keep up still runs (the
// planner may be studying an overload), but it should know.
func loadWarnings(p *Plan) []string {
	var offered float64 // Erlang-ms: contacts x handle time
	h := float64(p.horizon)
	for _, t := range p.types {
		if t.rates == nil {
			offered += t.perHour / 3.6e6 * h * t.meanHandle
			continue
		}
		for k := int64(0); k*p.interval < p.horizon; k++ {
			i := p.bucket(k)
			span := float64(min(p.interval, p.horizon-k*p.interval))
			offered += t.rates[i] * span * t.meanHandle * t.scale[i]
		}
	}
	var capacity float64 // agent-ms logged in
	for _, g := range p.groups {
		for k := range g.count {
			sc := &g.scheds[min(k, len(g.scheds)-1)]
			capacity += float64(sc.loggedIn(p.horizon))
		}
	}
	if offered > 0 && offered >= capacity {
		return []string{fmt.Sprintf(
			"the offered load (%.1f agent-hours of work) exceeds the agent-hours logged in (%.1f) over the whole horizon: queues will grow and callers abandon; the results describe an overloaded centre",
			offered/3.6e6, capacity/3.6e6)}
	}
	return nil
}

// Warnings returns problems found while compiling the scenario that do not
// stop it running, such as an offered load beyond capacity.
func (p *Plan) Warnings() []string { return p.warnings }

// nextOpen returns the first instant at or after t when queue q is open,
// or -1 if it does not open again within the horizon.
func (qp *queuePlan) nextOpen(t int64) int64 {
	if qp.open == nil {
		return t
	}
	i, _ := slices.BinarySearchFunc(qp.open, t, func(p [2]int64, t int64) int {
		switch {
		case p[1] <= t:
			return -1
		case p[0] > t:
			return 1
		}
		return 0
	})
	if i == len(qp.open) {
		return -1
	}
	return max(t, qp.open[i][0])
}

// Scenario returns the plan's copy of the scenario it was built from,
// normalized. It must not be changed.
func (p *Plan) Scenario() *model.Scenario { return p.s }

// Settings describes the settings the plan runs, defaults filled in, for
// reports to show.
func (p *Plan) Settings() model.Settings { return p.s.Describe() }

func optMs(d *model.Duration) int64 {
	if d == nil {
		return -1
	}
	return int64(*d)
}

// retries reports whether a failed dial with outcome out is redialled
// (attempts allowing). A customer-first voicemail that is not put through
// counts as a ring with no answer.
func (cb *callbackPlan) retries(out uint8) bool {
	if out == outVoicemail {
		out = outNoAnswer
	}
	return cb.retryOn[out]
}

// redials reports whether callback c, whose dial just failed, is dialled
// again: the outcome is one the platform retries, and attempts are left.
func (cb *callbackPlan) redials(c *contact) bool {
	return cb.retries(c.outcome) && c.dials < cb.maxAttempts
}
