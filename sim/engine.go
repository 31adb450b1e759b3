package sim

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ccsim/ccsim/model"
	"github.com/ccsim/ccsim/sim/kernel"
)

// Event kinds of the contact centre, the Kind of a [kernel.Event]. Those on
// a contact are timers: they carry the contact's generation and die when it
// moves on (see contact.gen).
const (
	evArrival     uint8 = iota // ref: contact type; next Poisson arrival
	evScript                   // ref: script index
	evAbandon                  // ref: contact; caller's patience ran out
	evOffer                    // ref: contact; the queue flow offers a callback
	evCbEnqueue                // ref: contact; initial delay or retry wait over
	evExpire                   // ref: contact; callback expiry
	evShiftStart               // ref: agent
	evShiftEnd                 // ref: agent
	evWhisperEnd               // ref: agent; agent whisper over, dial
	evDialDone                 // ref: agent; dial answered or failed
	evConnected                // ref: agent; outbound whisper over
	evTalkEnd                  // ref: agent; customer hangs up
	evACWEnd                   // ref: agent
	evLockoutEnd               // ref: agent; missed-contact lockout over
	evRouteCheck               // ref: queue; a routing delay has elapsed
	evCFDialDone               // ref: contact; a customer-first dial answered or failed
	evCFJoin                   // ref: contact; outbound whisper over, the customer joins the queue
	evBookedDue                // ref: contact; an agent-booked callback's time has come
	evOwnerExpire              // ref: contact; an owned callback's ownership period is over
	evSlotRelease              // ref: contact type, arg: slot hour; an unconfirmed hold lapses
	evSlotDue                  // ref: contact; a caller-scheduled callback's time has come
	evRedial                   // ref: contact; a caller who gave up calls again
)

type cstate uint8

const (
	cFree      cstate = iota
	cQueued           // waiting in a queue (In queue)
	cScheduled        // callback waiting out its initial delay or a retry wait
	cReserved         // callback accepted by an agent, not yet connected
	cServed           // connected to an agent (talk or ACW)
	// cBooked: a callback booked for a time (a caller-scheduled slot, or
	// one an agent booked), waiting for it outside the platform's queue:
	// neither Scheduled nor In queue.
	cBooked
	// cRedial: a caller who gave up and will call again, waiting to
	// (the retrial queue's orbit). Not a contact of the platform yet.
	cRedial
)

type astate uint8

const (
	aOffline astate = iota
	aIdle
	aReserved // callback: agent whisper and dialling
	aTalk
	aACW
	aMissed
	aBreak // on a scheduled break, logged out
	aLunch
	numAStates
)

// contact is one inbound call or one callback. Contacts live in a pool and
// are addressed by index; slots are reused, so gen (bumped whenever pending
// timers must die, never reset, and never 0, which the kernel reads as "not
// a timer") also tells a reused slot's timers apart. timers counts the
// timers set under the current gen that have not fired, so that bumping gen
// can tell the kernel how many events it killed.
type contact struct {
	gen      uint32
	timers   int32
	state    cstate
	kind     uint8 // kindInbound, or which callback: see callbackKind
	line     uint8 // the line it waits in when queued: lineQueue ...
	outcome  uint8 // index into model.DialOutcomeList of the current dial
	typ      int32
	queue    int32
	script   int32
	qpos     int32
	agent    int32
	dials    int32
	attempts int32 // offers to agents
	ival     int32 // statistics bucket: arrival (or request) interval
	leg      int32 // bucket of its entry into its queue's agent line; -1 when not in one

	// id is the contact id of the current record: for an agent-first
	// callback, of its current leg (each dial attempt is its own
	// CALLBACK contact); prevID and nextID chain the records, initialID
	// is the inbound call a callback descends from.
	id, prevID, nextID int64
	initialID          int64
	// initiated is when the contact was created (for a callback, when
	// it was requested); legStart when its current leg began (unset:
	// the first leg, begun at initiated).
	initiated    int64
	legStart     int64
	enqueued     int64
	dequeued     int64
	connSys      int64
	connAgent    int64
	disconnect   int64
	origStart    int64
	schedSince   int64 // when it became Scheduled, or booked
	schedTotal   int64
	inQueueTotal int64
	talk, acw    int64
	acceptU      float64

	// Customer-first callbacks: dialID is the contact id of the current
	// dial (the DIALED leg); dialStart when it began.
	dialID    int64
	dialStart int64

	// Agent-booked callbacks: owner is the booking agent.
	owner int32
	// attempt is the customer's call number (1: first call, 2: first
	// redial ...). The customer's number is kept beside the pool (see
	// engine.customers), so that the pool does not grow without redials.
	attempt int32
}

type agent struct {
	name      string
	group     int32
	profile   int32
	state     astate
	onShift   bool
	contact   int32
	idleToken uint32
	since     int64
	decline   []int32
	sched     *schedule
	piece     int // index of the current or next logged-in piece
	// due is the break the agent owes: its shift piece ended for a break
	// while it was busy, and it takes the break when free.
	due gap
	// personal holds the agent-owned callbacks waiting for this agent.
	personal []int32
}

type qitem struct {
	key int64
	seq uint64
	c   int32
}

type queueState struct {
	items   []qitem // binary min-heap on (key, seq)
	staffed int     // agents on shift whose profile serves this queue
	idle    int     // of those, agents idle now
	// Customer-first callbacks waiting to be dialled, and dials under way.
	dialQ       []qitem
	outstanding int
	// joining counts answered customer-first customers hearing the
	// outbound whisper, on their way to the queue: the idle agents they
	// will take are not free for pacing.
	joining int
}

type idleEntry struct {
	a     int32
	token uint32
	since int64
}

type profileState struct {
	idle []idleEntry // FIFO: longest-idle agent first
	head int
}

type typeState struct {
	arrivals, talkR, acwR, patR, acceptR, dialR, ringR, cbTalkR *rand.Rand
	bookR                                                       *rand.Rand
	bookDelay, bookTalk, bookACW                                sampler
	// Caller-scheduled slots: bookings and unconfirmed holds per hour
	// from the scenario start.
	slotR                                            *rand.Rand
	slotAhead                                        sampler
	slotBooked, slotHeld                             []int32
	talk, acw, pat, ring, vm, cbTalk, cbACW, connPat sampler
	// Redials: the decision and delay streams, and the samplers of a
	// redial's own draws (see streamRedialContact).
	redialR, redialContactR        *rand.Rand
	redialDelay, rTalk, rACW, rPat sampler
	// retryDelay draws callbacks' retry waits when retry_delay is set.
	retryDelay sampler
	// kinds holds the behaviour of each kind of callback of this type,
	// by kind code; offered is the code of the one its flow offers, and
	// offer that kind's behaviour.
	kinds   [numKinds]callbackKind
	offered uint8
	offer   offeredKind
}

// Options control one replication.
type Options struct {
	// Rep is the replication number. It selects the random streams.
	Rep int
	// Records, when not nil, receives every finished contact. The Record
	// is reused after the call returns: copy what you keep.
	Records func(*Record)
}

// engine is the state of one replication.
type engine struct {
	p   *Plan
	rep int
	k   kernel.Kernel

	contacts []contact
	free     []int32
	nextID   int64
	enqSeq   uint64

	queues   []queueState
	profiles []profileState
	agents   []agent
	types    []typeState
	groupR   []*rand.Rand

	// Statistics buckets: per queue and per agent group, one per interval
	// of the cycle plus a discard bucket for the warm-up.
	qiv [][]QueueInterval
	ait [][]AgentTime
	// seg caches the bucket of the current instant: every instant in
	// [segFrom, segTo) is filed under bucket segB. The clock only moves
	// forward, so the cache is refreshed when it reaches segTo, once per
	// interval, instead of dividing (twice, for interval and cycle) on
	// each of the several lookups an event makes. See curBucket.
	segFrom, segTo int64
	segB           int32
	hist           []WaitHistogram
	cbSched        []WaitHistogram // per queue: finished callbacks' time Scheduled
	cbInQ          []WaitHistogram // and In queue
	nQueued        []int64
	nScheduled     []int64
	lastCount      []int64
	booked         []level // per queue: callbacks booked for a time (cBooked)
	redialing      []level // per queue: callers waiting to redial (cRedial)
	// staffing is, per queue, the agents on shift whose profile serves
	// it (queueState.staffed, kept over time for StaffedTime).
	staffing []level

	// customers holds, by pool slot, the number of the customer each
	// contact belongs to (from 1), when some contact type has redials;
	// nil otherwise.
	customers    []int64
	nextCustomer int64

	res   *Result
	store *storage // recycled memory for res (see Recycle)
	sink  func(*Record)
	rec   Record
}

// Run simulates one replication of a scenario. It is shorthand for
// [Compile] then [Plan.Run].
func Run(ctx context.Context, s *model.Scenario, opt Options) (*Result, error) {
	p, err := Compile(s)
	if err != nil {
		return nil, err
	}
	return p.Run(ctx, opt)
}

// Run simulates one replication. It is safe to call concurrently on the
// same Plan. It returns ctx's error if ctx is cancelled.
func (p *Plan) Run(ctx context.Context, opt Options) (res *Result, err error) {
	defer func() {
		// A draw the clock cannot hold stops the run (see sampler.draw);
		// any other panic is a bug and goes on up.
		if r := recover(); r != nil {
			b, ok := r.(badDraw)
			if !ok {
				panic(r)
			}
			res, err = nil, fmt.Errorf("replication %d: %w", opt.Rep, b)
		}
	}()
	e := newEngine(p, opt)
	if err := e.loop(ctx); err != nil {
		return nil, err
	}
	e.finish()
	e.putScratch()
	return e.res, nil
}

func newEngine(p *Plan, opt Options) *engine {
	s := p.s
	e := &engine{
		p:        p,
		rep:      opt.Rep,
		sink:     opt.Records,
		queues:   make([]queueState, len(p.queues)),
		profiles: make([]profileState, len(p.profiles)),
		nextID:   1,
	}
	e.k.Init(e.live)
	e.takeScratch()
	// Each contact type's arrival stream always has its next arrival
	// pending: it waits in a kernel slot, not the heap.
	e.k.Slots(len(p.types))
	e.res = &Result{
		Scenario:     s.Name,
		Seed:         s.Seed,
		Rep:          opt.Rep,
		Start:        p.start,
		TimeZone:     s.TimeZone,
		Horizon:      s.Horizon,
		ServiceLevel: s.ServiceLevel,
		ShortAbandon: s.ShortAbandon,
		SLDefinition: s.ServiceLevelDefinition,
		Interval:     s.Interval,
		Cycle:        model.Duration(p.cycle),
		Warmup:       s.Warmup,
		Targets:      s.Targets,
		Queues:       make([]QueueResult, len(p.queues)),
		Agents:       make([]AgentResult, len(p.groups)),
	}
	nq := len(p.queues)
	e.qiv = make([][]QueueInterval, nq)
	e.hist = make([]WaitHistogram, nq)
	e.cbSched, e.cbInQ = make([]WaitHistogram, nq), make([]WaitHistogram, nq)
	e.nQueued, e.nScheduled, e.lastCount = make([]int64, nq), make([]int64, nq), make([]int64, nq)
	e.booked, e.redialing = make([]level, nq), make([]level, nq)
	e.staffing = make([]level, nq)
	for _, t := range p.types {
		if t.redial != nil {
			e.customers = []int64{}
		}
	}
	e.store = takeStorage()
	for i, q := range p.queues {
		e.res.Queues[i].Name = q.name
		e.qiv[i] = buckets(e.store.qiv, i, p.nIntervals+1)
	}
	e.ait = make([][]AgentTime, len(p.groups))
	for i := range e.ait {
		e.ait[i] = buckets(e.store.ait, i, p.nIntervals+1)
	}
	e.store.qiv, e.store.ait = nil, nil // the histogram counts are taken as needed
	for ti, t := range p.types {
		ts := typeState{
			arrivals: newStream(s.Seed, opt.Rep, streamArrivals, ti),
			talkR:    newStream(s.Seed, opt.Rep, streamTalk, ti),
			acwR:     newStream(s.Seed, opt.Rep, streamACW, ti),
			patR:     newStream(s.Seed, opt.Rep, streamPatience, ti),
			acceptR:  newStream(s.Seed, opt.Rep, streamAccept, ti),
			dialR:    newStream(s.Seed, opt.Rep, streamDial, ti),
			ringR:    newStream(s.Seed, opt.Rep, streamRing, ti),
			cbTalkR:  newStream(s.Seed, opt.Rep, streamCallbackTalk, ti),
		}
		ts.talk = newSampler(t.talk, ts.talkR)
		ts.acw = newSampler(t.acw, ts.acwR)
		ts.pat = newSampler(t.patience, ts.patR)
		ts.bookR = newStream(s.Seed, opt.Rep, streamAgentBook, ti)
		if t.cb != nil && t.cb.slots != nil {
			sp := t.cb.slots
			ts.slotR = newStream(s.Seed, opt.Rep, streamSlots, ti)
			ts.slotAhead = newSampler(sp.ahead, ts.slotR)
			n := (p.horizon+p.hourOff+int64(sp.days)*int64(model.Day))/hourMs + 2
			ts.slotBooked, ts.slotHeld = make([]int32, n), make([]int32, n)
		}
		if ac := t.agentCB; ac != nil {
			// A booked callback's delay and handle times come from the
			// booking stream, so booking more or fewer callbacks leaves
			// inbound contacts' draws alone.
			ts.bookDelay = newSampler(ac.delay, ts.bookR)
			ts.bookTalk = newSampler(t.talk, ts.bookR)
			ts.bookACW = newSampler(t.acw, ts.bookR)
		}
		cb := t.cb
		if cb == nil {
			cb = t.bookedCB
		}
		if cb != nil {
			ts.ring = newSampler(cb.ring, ts.ringR)
			ts.vm = newSampler(cb.voicemail, ts.ringR)
			ts.cbTalk = newSampler(cb.talk, ts.cbTalkR)
			ts.cbACW = newSampler(cb.acw, ts.cbTalkR)
			ts.connPat = newSampler(cb.connPatience, ts.patR)
			if cb.retryDelay.IsSet() {
				ts.retryDelay = newSampler(cb.retryDelay, newStream(s.Seed, opt.Rep, streamRetryDelay, ti))
			}
		}
		if rp := t.redial; rp != nil {
			ts.redialR = newStream(s.Seed, opt.Rep, streamRedial, ti)
			ts.redialDelay = newSampler(rp.delay, newStream(s.Seed, opt.Rep, streamRedialDelay, ti))
			ts.redialContactR = newStream(s.Seed, opt.Rep, streamRedialContact, ti)
			ts.rTalk = newSampler(t.talk, ts.redialContactR)
			ts.rACW = newSampler(t.acw, ts.redialContactR)
			ts.rPat = newSampler(t.patience, ts.redialContactR)
		}
		ts.kinds, ts.offered = newKinds(&p.types[ti])
		ts.offer, _ = ts.kinds[ts.offered].(offeredKind)
		e.types = append(e.types, ts)
		if t.perHour > 0 || t.rates != nil {
			e.scheduleArrival(int32(ti), 0)
		}
	}
	for gi, g := range p.groups {
		e.res.Agents[gi] = AgentResult{Name: g.name, Agents: g.count}
		e.groupR = append(e.groupR, newStream(s.Seed, opt.Rep, streamDecline, gi))
		for k := range g.count {
			name := g.name
			if g.count > 1 {
				name = g.name + "-" + itoa(k+1)
			}
			ai := int32(len(e.agents))
			e.agents = append(e.agents, agent{
				name: name, group: int32(gi), profile: g.profile,
				state: aOffline, contact: -1, decline: append([]int32(nil), g.decline...),
				sched: &g.scheds[min(k, len(g.scheds)-1)],
			})
			if pc, ok := e.agents[ai].sched.piece(0); ok && pc[0] < p.horizon {
				e.k.At(pc[0], evShiftStart, ai, 0, 0)
			}
		}
	}
	for i, sc := range p.script {
		e.k.At(sc.at, evScript, int32(i), 0, 0)
	}
	return e
}

// loop runs events in (time, sequence) order until the horizon.
func (e *engine) loop(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	horizon := e.p.horizon
	var n uint64
	for {
		ev, ok := e.k.Next(horizon)
		if !ok {
			break
		}
		n++
		if n&0xffff == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if ev.Gen != 0 {
			e.contacts[ev.Ref].timers--
		}
		switch ev.Kind {
		case evArrival:
			e.scheduleArrival(ev.Ref, e.now())
			e.arrive(ev.Ref, -1, 0, 1)
		case evScript:
			e.arrive(e.p.script[ev.Ref].typ, ev.Ref, 0, 1)
		case evAbandon:
			e.abandon(ev.Ref)
		case evOffer:
			e.offerCallback(ev.Ref)
		case evCbEnqueue:
			e.callbackEnqueue(ev.Ref)
		case evExpire:
			e.expire(ev.Ref)
		case evShiftStart:
			e.shiftStart(ev.Ref)
		case evShiftEnd:
			e.shiftEnd(ev.Ref)
		case evWhisperEnd:
			e.dial(ev.Ref)
		case evDialDone:
			e.dialDone(ev.Ref)
		case evConnected:
			e.connected(ev.Ref)
		case evTalkEnd:
			e.talkEnd(ev.Ref)
		case evACWEnd:
			e.finishService(ev.Ref)
		case evLockoutEnd:
			e.agentFree(ev.Ref)
		case evRouteCheck:
			e.dispatch(ev.Ref)
		case evCFDialDone:
			e.cfDialDone(ev.Ref)
		case evCFJoin:
			e.cfJoin(ev.Ref)
		case evBookedDue:
			e.bookedDue(ev.Ref)
		case evOwnerExpire:
			e.ownerExpire(ev.Ref)
		case evSlotRelease:
			e.types[ev.Ref].slotHeld[ev.Arg]--
		case evSlotDue:
			e.slotDue(ev.Ref)
		case evRedial:
			e.redialNow(ev.Ref)
		}
	}
	e.res.Events = n
	e.res.ContactSlots = len(e.contacts)
	e.res.EventCapacity = e.k.Cap()
	return nil
}

// now is the simulated time, in ms since the scenario start.
func (e *engine) now() int64 { return e.k.Now() }

// live reports whether a contact timer is still wanted: the contact has not
// moved on since it was set. The kernel asks it for events with a Gen.
func (e *engine) live(ev kernel.Event) bool { return e.contacts[ev.Ref].gen == ev.Gen }

// bump cancels every pending timer of contact c.
func (e *engine) bump(c *contact) {
	c.gen++
	if c.gen == 0 {
		c.gen = 1
	}
	e.k.Kill(int(c.timers))
	c.timers = 0
}

// at schedules an event of an agent, a queue or a contact type d ms from
// now.
func (e *engine) at(d int64, kind uint8, ref int32) { e.k.After(d, kind, ref, 0, 0) }

// timer sets a timer on contact c, d ms from now; it dies with c's
// generation.
func (e *engine) timer(d int64, kind uint8, c int32) {
	k := &e.contacts[c]
	k.timers++
	e.k.After(d, kind, c, 0, k.gen)
}

// scheduleArrival draws the next Poisson arrival of a contact type after
// from. Arrivals past the horizon are not scheduled.
//
// With a forecast the rate is piecewise constant over the intervals, and
// the next arrival inverts the cumulative rate: one Exp(1) draw is spent
// across interval boundaries (E -= rate x time to the boundary) until it
// runs out inside an interval. This is exact for a non-homogeneous Poisson
// process, with no lumping at interval starts, and uses one draw per
// arrival, which keeps arrivals in step across scenario variants.
func (e *engine) scheduleArrival(t int32, from int64) {
	tp := &e.p.types[t]
	r := e.types[t].arrivals
	if tp.rates == nil {
		next := from + int64(r.ExpFloat64()*tp.gap+0.5)
		if next < e.p.horizon {
			e.k.SetSlot(int(t), next, evArrival, t)
		}
		return
	}
	x := r.ExpFloat64()
	iv := e.p.interval
	for t0 := from; t0 < e.p.horizon; {
		boundary := (t0/iv + 1) * iv
		if rate := tp.rates[e.p.bucket(t0/iv)]; rate > 0 {
			if dt := x / rate; float64(t0)+dt < float64(boundary) {
				if next := t0 + int64(dt+0.5); next < e.p.horizon {
					e.k.SetSlot(int(t), next, evArrival, t)
				}
				return
			}
			x -= rate * float64(boundary-t0)
		}
		t0 = boundary
	}
}

func (e *engine) alloc() int32 {
	if n := len(e.free); n > 0 {
		c := e.free[n-1]
		e.free = e.free[:n-1]
		return c
	}
	e.contacts = append(e.contacts, contact{gen: 1})
	if e.customers != nil {
		e.customers = append(e.customers, 0)
	}
	return int32(len(e.contacts) - 1)
}

// release returns contact ci's slot to the pool, cancelling its timers.
func (e *engine) release(ci int32) {
	c := &e.contacts[ci]
	e.bump(c)
	*c = contact{gen: c.gen}
	e.free = append(e.free, ci)
}

// setAgent moves an agent to a new state, charging the time spent in the
// old one to its group.
func (e *engine) setAgent(a int32, s astate) {
	ag := &e.agents[a]
	if now := e.now(); now > ag.since {
		buckets, old := e.ait[ag.group], ag.state
		if b, ok := e.within(ag.since); ok {
			// Most stays fall within one interval: no closure call.
			buckets[b].add(old, now-ag.since)
		} else {
			e.spread(ag.since, now, func(b int32, dt int64) { buckets[b].add(old, dt) })
		}
	}
	if ag.state == aIdle && s != aIdle {
		ag.idleToken++
		e.countIdle(ag.profile, -1)
	} else if ag.state != aIdle && s == aIdle {
		e.countIdle(ag.profile, 1)
	}
	ag.state = s
	ag.since = e.now()
}

// add charges dt ms in agent state st.
func (t *AgentTime) add(st astate, dt int64) {
	switch st {
	case aOffline:
		t.Offline += dt
	case aIdle:
		t.Idle += dt
	case aReserved:
		t.Reserved += dt
	case aTalk:
		t.Talk += dt
	case aACW:
		t.ACW += dt
	case aMissed:
		t.Missed += dt
	case aBreak:
		t.Break += dt
	case aLunch:
		t.Lunch += dt
	}
}

// finish closes the books at the horizon: charges open agent and queue
// time, counts contacts still in the system, and folds the buckets into
// the Result (per interval, and totals).
func (e *engine) finish() {
	e.k.AdvanceTo(e.p.horizon)
	for i := range e.agents {
		e.setAgent(int32(i), e.agents[i].state)
	}
	for q := range e.queues {
		e.countChange(int32(q), 0, 0)
		e.bookedChange(int32(q), 0)
		e.redialChange(int32(q), 0)
		e.change(int32(q), &e.staffing[q], 0, staffedTime)
	}
	for i := range e.contacts {
		c := &e.contacts[i]
		switch {
		case c.state == cFree:
		case c.state == cRedial:
			e.qiv[c.queue][c.ival].Inbound.RedialPending++
		case c.kind != kindInbound:
			st := e.cbs(c)
			switch c.state {
			case cScheduled:
				c.schedTotal += e.now() - c.schedSince
			case cQueued:
				c.inQueueTotal += e.now() - c.enqueued
			case cBooked:
				st.Booked += e.now() - c.schedSince
			}
			e.stillQueued(c)
			st.Scheduled += c.schedTotal
			st.InQueue += c.inQueueTotal
			if c.state != cServed {
				st.InSystem++
			}
		case c.kind == kindInbound && c.state == cQueued:
			st := e.inb(c)
			st.InSystem++
			st.WaitInSystem += e.now() - c.enqueued
			e.stillQueued(c)
		}
	}
	n := e.p.nIntervals
	for q := range e.res.Queues {
		r := &e.res.Queues[q]
		r.Intervals = e.qiv[q][:n] // the discard bucket stays past the end, for Recycle
		for _, iv := range r.Intervals {
			r.Inbound.Add(iv.Inbound)
			r.Callback.Add(iv.Callback)
			r.InQueueTime += iv.InQueueTime
			r.ScheduledTime += iv.ScheduledTime
			r.BookedTime += iv.BookedTime
			r.RedialTime += iv.RedialTime
			r.StaffedTime += iv.StaffedTime
		}
		r.Waits = e.hist[q]
		r.CallbackScheduled, r.CallbackInQueue = e.cbSched[q], e.cbInQ[q]
		for _, iv := range r.Intervals {
			r.Queued.Add(iv.Queued)
		}
	}
	e.slotResults()
	for g := range e.res.Agents {
		r := &e.res.Agents[g]
		r.Intervals = e.ait[g][:n]
		for _, t := range r.Intervals {
			r.AgentTime.Add(t)
		}
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for n >= 10 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	b[i] = byte('0' + n)
	return string(b[i:])
}

// ts converts a simulated instant to wall-clock time.
func (e *engine) ts(ms int64) time.Time {
	return e.p.start.Add(time.Duration(ms) * time.Millisecond)
}
